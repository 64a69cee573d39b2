"""Entity rules for bare bodies, ambiguous capitals, adjectives read as bodies and owners
(invented sentences; each rule with a case it must not fire on)."""

from __future__ import annotations

import pytest

from kg.model import Document, Extraction
from kg.pipeline import extract


def names(text: str, lang: str) -> dict[str, str]:
    """Entity name → type of an extraction."""
    ex: Extraction = extract(Document(id="r", text=text, lang=lang, date="2024-05-02"))
    return {e.name: e.type for e in ex.entities}


# -- English bare bodies -------------------------------------------------------

@pytest.mark.parametrize("text,name", [
    ("Police detained four journalists.", "Police"),
    ("Parliament approved the budget on Tuesday.", "Parliament"),
])
def test_sentence_initial_singular_body_names_a_body(text: str, name: str) -> None:
    assert name in names(text, "en")


@pytest.mark.parametrize("text", [
    "Forces fighting in the hills were resupplied.",  # a bare plural names no particular body
    "Witnesses said police detained four journalists.",  # not at the sentence's start
])
def test_bare_plural_or_inner_body_names_none(text: str) -> None:
    assert not any(n.startswith(("Armed Forces", "Police")) for n in names(text, "en"))


def test_government_troops_take_the_countrys_adjective() -> None:
    got = names("Peruvian guerrillas ambushed government forces near the river.", "en")
    assert got.get("Government Forces of Peru") == "MilitaryForce"


def test_pro_government_forces_still_need_an_owner() -> None:
    assert not any(n.startswith("Government Forces") for n in names("Pro-government forces left.", "en"))


def test_bare_soldiers_refer_back_to_the_army_named_before() -> None:
    got = names("The Chadian army said soldiers had repelled an attack.", "en")
    assert "Armed Forces of Chad" in got and "Armed Forces" not in got


def test_bare_soldiers_with_no_army_before_are_no_actor() -> None:
    assert not any(n.startswith("Armed Forces") for n in names("Witnesses said soldiers fired into the air.", "en"))


# -- Arabic ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "وعقد الوزيران مؤتمرا صحفيا في عمان أمس.",
    "عمان (رويترز) - عقد الوزيران مؤتمرا صحفيا.",
])
def test_amman_where_a_place_is_said(text: str) -> None:
    got = names(text, "ar")
    assert got.get("Amman") == "Place" and "Oman" not in got


@pytest.mark.parametrize("text", ["وأعلنت عمان دعمها للمبادرة.", "ووصل الوزير إلى سلطنة عمان."])
def test_oman_elsewhere(text: str) -> None:
    got = names(text, "ar")
    assert got.get("Oman") == "Country" and "Amman" not in got


@pytest.mark.parametrize("text", [
    "وانتقد الوزير التدخل في الشؤون الداخلية لبلاده.",
    "وتحدث عن السياسة الخارجية للحكومة الجديدة.",
])
def test_definite_adjective_of_a_noun_is_no_ministry(text: str) -> None:
    assert not any(n.startswith("Ministry") for n in names(text, "ar"))


def test_bare_ministry_word_with_its_country_is_a_ministry() -> None:
    assert "Ministry of the Interior of Tunisia" in names("وأعلنت الداخلية التونسية توقيف ثلاثة.", "ar")


def test_plural_adjective_is_no_owner_of_a_body() -> None:
    got = names("وقتل ثلاثة جنود محليين في الهجوم.", "ar")
    assert not any("محليين" in n for n in got)


def test_plural_adjective_on_a_countrys_name_is_that_country() -> None:
    assert "Armed Forces of Mali" in names("وأصيب أربعة جنود ماليين في انفجار لغم.", "ar")


def test_definite_noun_and_adjective_after_a_body_word_are_its_own_name() -> None:
    got = names("وتبنى جيش الخلاص الشعبي الهجوم على القافلة.", "ar")
    assert "جيش الخلاص الشعبي" in got and not any(" of " in n for n in got)


def test_nationality_after_the_owner_still_composes() -> None:
    got = names("وأعلنت وزارة الدفاع الأذربيجانية مقتل جنديين.", "ar")
    assert "Ministry of Defence of Azerbaijan" in got


@pytest.mark.parametrize("text", ["وطالب الرئيس الفرنسي بانسحاب القوات الأجنبية.", "وتعهد الرئيس الغاني باستئناف المحادثات."])
def test_preposition_on_a_verbal_noun_is_no_name(text: str) -> None:
    assert not any(t == "Person" for t in names(text, "ar").values())


def test_name_starting_with_ba_after_a_title_is_a_person() -> None:
    got = names("وقال الرئيس الكيني باسم عودة إن الحدود مفتوحة.", "ar")
    assert "Person" in got.values()


@pytest.mark.parametrize("text,lang", [
    ("وأفادت وكالة الأنباء الفرنسية بأن الطريق أغلق.", "ar"),
    ("The French news agency said the road was closed.", "en"),
])
def test_agency_named_by_its_nationality_is_the_countrys_one_agency(text: str, lang: str) -> None:
    got = names(text, lang)
    assert got.get("Agence France-Presse") == "Media" and "France" not in got


def test_agency_of_a_country_with_several_agencies_stays_unnamed_in_the_kb() -> None:
    got = names("وأفادت وكالة الأنباء الروسية بأن الطريق أغلق.", "ar")
    assert "Media" in got.values() and "Russia" not in got and "TASS" not in got


def test_nationality_after_an_agency_name_is_still_the_country() -> None:
    got = names("وأفادت وكالة «الصباح» المغربية بأن الطريق أغلق.", "ar")
    assert "Agence France-Presse" not in got


@pytest.mark.parametrize("text,pair", [
    ("وانتشر الجيشان الغاني والتوغولي على الحدود.", ("Armed Forces of Ghana", "Armed Forces of Togo")),
    ("ووقعت الحكومتان الليبية والتونسية مذكرة تفاهم.", ("Government of Libya", "Government of Tunisia")),
])
def test_dual_body_with_two_nationalities(text: str, pair: tuple[str, str]) -> None:
    got = names(text, "ar")
    assert set(pair) <= set(got)


def test_dual_body_without_nationalities_is_none() -> None:
    got = names("وقال شهود إن الجيشين تبادلا إطلاق النار.", "ar")
    assert not any(n.startswith("Armed Forces") for n in got)


def test_other_bodies_do_not_take_a_country_named_only_by_adjective() -> None:
    got = names("The Belgian envoy urged the forces to leave the town.", "en")
    assert "Armed Forces of Belgium" not in got

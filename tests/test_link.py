"""kg.entities.link: mentions grouped into entities, coreference, KB linking."""

from __future__ import annotations

import pytest

from kg.model import Document, Entity, Extraction
from kg.pipeline import extract


def run(text: str, lang: str, date: str | None = "2023-03-15") -> Extraction:
    ex = extract(Document(id="l", text=text, lang=lang, date=date))
    for e in ex.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    return ex


def ent(ex: Extraction, name: str) -> Entity:
    got = [e for e in ex.entities if e.name == name]
    assert len(got) == 1, (name, [e.name for e in ex.entities])
    return got[0]


def texts(e: Entity) -> list[str]:
    return [m.text for m in sorted(e.mentions, key=lambda m: m.start)]


def test_country_name_and_capital_are_one_entity() -> None:
    ex = run("Armenia accused Baku of shelling. Yerevan said the truce was broken.", "en")
    arm = ent(ex, "Armenia")
    assert arm.type == "Country" and texts(arm) == ["Armenia", "Yerevan"]
    aze = ent(ex, "Azerbaijan")
    assert texts(aze) == ["Baku"]
    assert arm.same_as == ["http://www.wikidata.org/entity/Q399"]
    assert arm.labels == {"en": "Armenia", "ar": "أرمينيا"}
    assert arm.country == "ARM" and arm.sector is None


def test_capital_alone_makes_the_country_an_actor() -> None:
    ex = run("Moscow said it would respond.", "en")
    (rus,) = ex.entities
    assert (rus.name, rus.type, texts(rus)) == ("Russia", "Country", ["Moscow"])


@pytest.mark.parametrize("text,lang,body_mentions", [
    ("The Ukrainian Defence Ministry said Russian forces withdrew. The ministry said 40 soldiers were killed.",
     "en", ["Ukrainian Defence Ministry", "The ministry"]),
    ("أعلنت وزارة الدفاع الروسية سيطرتها على البلدة. وقالت الوزارة إن القوات الأوكرانية انسحبت.",
     "ar", ["وزارة الدفاع الروسية", "الوزارة"]),
])
def test_the_ministry_refers_back(text: str, lang: str, body_mentions: list[str]) -> None:
    ex = run(text, lang)
    bodies = [e for e in ex.entities if e.type == "GovernmentBody"]
    assert len(bodies) == 1
    assert texts(bodies[0]) == body_mentions
    assert bodies[0].key is not None and bodies[0].key.startswith("Ministry of Defence|")


def test_ministry_anaphor_without_antecedent_makes_no_entity() -> None:
    ex = run("قالت أوكرانيا إنها ستدافع عن أراضيها. وأكدت الوزارة أن الوضع تحت السيطرة.", "ar")
    assert [e.name for e in ex.entities] == ["Ukraine"]


def test_bare_body_takes_the_articles_first_country() -> None:
    ex = run("Ethiopia closed its border. The foreign ministry summoned the envoy.", "en")
    mfa = [e for e in ex.entities if e.type == "GovernmentBody"]
    assert [(e.name, e.country) for e in mfa] == [("Ministry of Foreign Affairs of Ethiopia", "ETH")]


@pytest.mark.parametrize("text,lang,full,short", [
    ("Ukrainian Foreign Minister Dmytro Kuleba met the envoy. Kuleba said talks went well.",
     "en", "Dmytro Kuleba", "Kuleba"),
    ("قال وزير الخارجية الأوكراني دميترو كوليبا إن كييف لن تتنازل. وأضاف كوليبا أن المحادثات ستستمر.",
     "ar", "دميترو كوليبا", "كوليبا"),
])
def test_surname_joins_the_full_name(text: str, lang: str, full: str, short: str) -> None:
    ex = run(text, lang)
    persons = [e for e in ex.entities if e.type == "Person"]
    assert len(persons) == 1
    assert texts(persons[0]) == [full, short]
    assert persons[0].country == "UKR"


def test_surname_joins_kb_person_across_transliteration() -> None:
    # the KB spells him "Recep Tayyip Erdoğan"; the text uses the Arabic label and then the surname
    ex = run("التقى الرئيس الروسي فلاديمير بوتين الرئيس التركي رجب طيب أردوغان. وقال أردوغان إن اللقاء كان مثمرا.", "ar")
    erd = ent(ex, "Recep Tayyip Erdoğan")
    assert texts(erd) == ["رجب طيب أردوغان", "أردوغان"]


@pytest.mark.parametrize("text,lang", [
    ("Russian President Vladimir Putin spoke to reporters.", "en"),
    ("تحدث الرئيس الروسي فلاديمير بوتين إلى الصحفيين.", "ar"),
])
def test_kb_person_has_wikidata_same_as(text: str, lang: str) -> None:
    ex = run(text, lang)
    p = ent(ex, "Vladimir Putin")
    assert p.type == "Person" and p.key == "Q7747"
    assert p.same_as == ["http://www.wikidata.org/entity/Q7747"]
    assert p.labels["en"] == "Vladimir Putin" and p.labels["ar"] == "فلاديمير بوتين"
    assert p.country == "RUS"


def test_kb_alias_spelling_links_to_kb_entry() -> None:
    ex = run("Russian Foreign Minister Sergei Lavrov arrived in Ankara.", "en")
    p = ent(ex, "Sergey Lavrov")
    assert texts(p) == ["Sergei Lavrov"] and p.key == "PER-sergey-lavrov"


def test_same_entity_key_across_languages() -> None:
    en = run("Ethiopia and Somalia held talks in Nairobi.", "en")
    ar = run("عقدت إثيوبيا والصومال محادثات في نيروبي.", "ar")
    # the capital after "in": the city, keyed by its country
    assert {e.key for e in en.entities} == {e.key for e in ar.entities} == {"ETH", "SOM", "capital|KEN"}
    assert ent(ar, "Somalia").labels["ar"] == "الصومال"  # label without the clitic و


def test_demonym_only_country_pruned_when_unused() -> None:
    ex = run("A Pakistani delegation arrived on Monday.", "en")
    assert "Pakistan" not in {e.name for e in ex.entities}


def test_demonym_country_kept_when_an_event_uses_it() -> None:
    ex = run("Russian forces shelled Ukrainian positions.", "en")
    ukr = ent(ex, "Ukraine")
    (ev,) = [v for v in ex.events if v.type == "ASSAULT"]
    assert ev.target == ukr.id


def test_armed_group_common_noun_is_one_actor_per_article() -> None:
    ex = run("Rebels attacked an army post. The rebels later withdrew.", "en")
    (g,) = [e for e in ex.entities if e.type == "ArmedGroup"]
    assert texts(g) == ["Rebels", "rebels"] and g.sector == "REB"


def test_entity_ids_are_sequential_and_unique() -> None:
    ex = run("Ethiopia and Somalia held talks. Nairobi hosted them. Kenya hosted them.", "en")
    ids = [e.id for e in ex.entities]
    assert ids == [f"e{n}" for n in range(1, len(ids) + 1)]
    assert ent(ex, "Kenya").mentions[0].text in ("Nairobi", "Kenya")
    assert texts(ent(ex, "Kenya")) == ["Nairobi", "Kenya"]  # the capital as its government


def test_body_without_country_takes_a_capital_place_when_no_country_is_named() -> None:
    # "in Lima" is the city (a Place), but it still says whose government an unnamed one is
    ex = run("Thousands of teachers demonstrated in Lima on Tuesday against the government.", "en")
    assert ent(ex, "Lima").type == "Place"
    gov = ent(ex, "Government of Peru")
    assert not [e for e in ex.entities if e.type == "Country"]  # no Country entity for it
    assert [(v.type, v.target) for v in ex.events] == [("PROTEST", gov.id)]


def test_country_named_before_a_capital_place_still_gives_the_body_its_country() -> None:
    ex = run("Bolivia recalled its envoy. Crowds gathered in Lima. The government imposed a curfew.", "en")
    assert "Government of Bolivia" in {e.name for e in ex.entities}
    assert "Government of Peru" not in {e.name for e in ex.entities}

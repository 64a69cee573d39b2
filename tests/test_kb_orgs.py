"""Armed groups, named military forces and NGOs of the shipped KB (header parts 7-9):
complete, consistent with their source table, free of collisions, and found by the
extractor in both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.kb import clear_cache, load_kb
from kg.kb import build_places
from kg.kb.build_orgs import LAYERS, generate, main as build_main, read_table
from kg.model import Document
from kg.pipeline import extract
from kg.resources import ontology_dir
from kg.text.normalize import norm_text

KB_FILE = ontology_dir() / "kb.jsonl"
PREFIXES = {"ArmedGroup": "AG-", "MilitaryForce": "MF-", "Organization": "ORG-"}
SECTORS = {"ArmedGroup": {"REB"}, "MilitaryForce": {"MIL"}, "Organization": {"NGO"}}
BASES = {"ArmedGroup": {"unsc", "ucdp"}, "MilitaryForce": {"named", "uscc", "pko"},
         "Organization": {"rcrc", "ngo", "monitor", "research"}}


@pytest.fixture(scope="module")
def kb():
    clear_cache()
    return load_kb([KB_FILE])


@pytest.fixture(scope="module")
def ours(kb):
    return [e for e in kb if e.key.startswith(tuple(PREFIXES.values()))]


@pytest.fixture(scope="module")
def forms(kb):
    """normalised text -> set of keys, per language (as the matcher sees them)."""
    out: dict[str, dict[str, set[str]]] = {}
    for lang in ("ar", "en"):
        table: dict[str, set[str]] = {}
        for f in kb.surface_forms(lang):
            table.setdefault(norm_text(f.text), set()).add(f.key)
        out[lang] = table
    return out


def test_loader_reads_the_three_layers(kb, ours) -> None:
    assert len(kb.by_type("ArmedGroup")) >= 60
    assert len([e for e in kb.by_type("MilitaryForce") if e.key.startswith("MF-")]) >= 20
    assert len([e for e in kb.by_type("Organization") if e.key.startswith("ORG-")]) >= 45
    for e in ours:
        assert e.key.startswith(PREFIXES[e.type]), e.key
        assert e.sector in SECTORS[e.type], (e.key, e.sector)
    # every ArmedGroup of the KB belongs to this layer
    assert all(e.key.startswith("AG-") for e in kb.by_type("ArmedGroup"))


def test_every_entry_has_labels_a_known_country_and_a_basis(kb, ours) -> None:
    for e in ours:
        assert e.labels.get("en") and e.labels.get("ar"), e.key
        assert e.extra.get("basis") in BASES[e.type], (e.key, e.extra.get("basis"))
        assert set(e.extra) <= {"basis", "part_of"}, (e.key, e.extra)
        if e.country is None:
            # only UN/AU/NATO missions have no state, and they name their IGO
            assert e.type == "MilitaryForce" and e.extra["basis"] == "pko", e.key
            assert kb.get(e.extra["part_of"]).type == "IGO", e.key
        else:
            assert kb.get(e.country) is not None and kb.get(e.country).type == "Country", (e.key, e.country)
        if "part_of" in e.extra:
            assert kb.get(e.extra["part_of"]) is not None, (e.key, e.extra["part_of"])


def test_keys_collide_with_nothing() -> None:
    """The KB merges entries that share a key, so check the raw file before merging."""
    keys = [json.loads(line)["key"] for line in KB_FILE.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    assert len(keys) == len(set(keys))
    generated = [e["key"] for e in generate()]
    assert len(generated) == len(set(generated)) == len(read_table())


def test_kb_file_matches_the_source_table() -> None:
    assert build_main(["--check"]) == 0


def test_builders_agree_on_the_file_order() -> None:
    """build_places keeps non-place lines in order and appends the places; build_orgs puts its
    entries just before the places: running either must leave the file as it is."""
    current = KB_FILE.read_text(encoding="utf-8")
    assert build_places.render(KB_FILE, build_places.generate()) == current


def test_forms_name_one_entry_even_after_normalisation(forms, ours) -> None:
    keys = {e.key for e in ours}
    for lang, table in forms.items():
        shared = {t: ks for t, ks in table.items() if len(ks) > 1 and ks & keys}
        assert not shared, (lang, shared)


@pytest.mark.parametrize(("ar", "en", "key"), [
    ("حزب الله", "Hezbollah", "AG-hezbollah"),
    ("حماس", "Hamas", "AG-hamas"),
    ("داعش", "ISIS", "AG-isil"),
    ("تنظيم الدولة الإسلامية", "Islamic State", "AG-isil"),
    ("هيئة تحرير الشام", "HTS", "AG-hts"),
    ("جبهة النصرة", "Nusra Front", "AG-hts"),
    ("أنصار الله", "Houthis", "AG-houthis"),
    ("الحوثيين", "Ansar Allah", "AG-houthis"),
    ("حزب العمال الكردستاني", "PKK", "AG-pkk"),
    ("قوات الدعم السريع", "Rapid Support Forces", "AG-rsf"),
    ("حركة الشباب", "al-Shabaab", "AG-al-shabaab"),
    ("بوكو حرام", "Boko Haram", "AG-boko-haram"),
    ("فاجنر", "Wagner Group", "AG-wagner"),
    ("طالبان باكستان", "TTP", "AG-ttp"),
    ("الحرس الثوري", "IRGC", "MF-irgc"),
    ("فيلق القدس", "Quds Force", "MF-quds-force"),
    ("جيش الدفاع الإسرائيلي", "IDF", "MF-idf"),
    ("البشمركة", "Peshmerga", "MF-peshmerga"),
    ("القيادة المركزية الأميركية", "CENTCOM", "MF-centcom"),
    ("اليونيفيل", "UNIFIL", "MF-unifil"),
    ("الهلال الأحمر العربي السوري", "Syrian Arab Red Crescent", "ORG-sarc"),
    ("أطباء بلا حدود", "Doctors Without Borders", "ORG-msf"),
    ("منظمة العفو الدولية", "Amnesty International", "ORG-amnesty-international"),
    ("هيومن رايتس ووتش", "HRW", "ORG-hrw"),
    ("المرصد السوري لحقوق الإنسان", "SOHR", "ORG-sohr"),
    ("الخوذ البيضاء", "White Helmets", "ORG-white-helmets"),
])
def test_arabic_and_english_forms_resolve_to_one_key(forms, ar: str, en: str, key: str) -> None:
    assert forms["ar"].get(norm_text(ar)) == {key}, (ar, forms["ar"].get(norm_text(ar)))
    assert forms["en"].get(norm_text(en)) == {key}, (en, forms["en"].get(norm_text(en)))


@pytest.mark.parametrize("word", ["القاعدة", "الشباب", "النصرة", "الدولة الإسلامية", "الحوثي", "الجهاد",
                                  "الهلال الأحمر", "الصليب الأحمر", "آزوف", "كير", "الإمارة الإسلامية"])
def test_common_words_are_not_bare_names(forms, ours, word: str) -> None:
    keys = {e.key for e in ours}
    assert not (forms["ar"].get(norm_text(word), set()) & keys), word


@pytest.mark.parametrize("abbr", ["SDF", "RSF", "SNA", "SLA", "ADF", "NRC", "IRC", "MDA", "DPR", "LPR", "PMU", "TDF"])
def test_ambiguous_abbreviations_are_left_out(kb, ours, abbr: str) -> None:
    keys = {e.key for e in ours}
    assert not any(f.text == abbr and f.key in keys for f in kb.surface_forms("en")), abbr


def test_english_forms_can_be_matched(ours) -> None:
    """The matcher takes capitalised English names (a lower-case "al-" is normalised away by
    the pattern), so every English form must start with a capital, a digit or "al-"."""
    for e in ours:
        for f in [e.name, e.labels["en"], *e.aliases.get("en", [])]:
            assert f[:1].isupper() or f[:1].isdigit() or f.startswith("al-"), (e.key, f)


def test_header_states_the_rules() -> None:
    header = "\n".join(line for line in KB_FILE.read_text(encoding="utf-8").splitlines() if line.startswith("#"))
    assert "7. Armed groups" in header and "8. Named military forces" in header and "9. Organisations" in header
    assert "UCDP" in header and "sanctions list" in header


def test_wikidata_ids_are_unique(kb, ours) -> None:
    for e in ours:
        if e.wikidata:
            assert kb.by_wikidata(e.wikidata) is e, e.key


def _entities(text: str, lang: str) -> dict[str, tuple[str, str | None, str | None]]:
    x = extract(Document(id="t", text=text, lang=lang, date="2024-03-04"))
    return {e.key: (e.type, e.country, e.sector) for e in x.entities if e.key}


def test_extractor_finds_named_armed_groups_english() -> None:
    got = _entities("Hezbollah fired rockets at northern Israel on Monday, and the IRGC said "
                    "Houthi rebels attacked a ship, according to Doctors Without Borders.", "en")
    assert got["AG-hezbollah"] == ("ArmedGroup", "LBN", "REB")
    assert got["AG-houthis"] == ("ArmedGroup", "YEM", "REB")
    assert got["MF-irgc"] == ("MilitaryForce", "IRN", "MIL")
    assert got["ORG-msf"] == ("Organization", "CHE", "NGO")


def test_extractor_finds_named_armed_groups_arabic() -> None:
    got = _entities("أطلق حزب الله صواريخ على شمال إسرائيل يوم الاثنين، وقالت حركة حماس إن مقاتليها هاجموا "
                    "مواقع عسكرية، فيما قصفت قوات الدعم السريع مدينة الفاشر بحسب الهلال الأحمر السوداني.", "ar")
    assert got["AG-hezbollah"] == ("ArmedGroup", "LBN", "REB")
    assert got["AG-hamas"] == ("ArmedGroup", "PSE", "REB")
    assert got["AG-rsf"] == ("ArmedGroup", "SDN", "REB")
    assert got["ORG-sudanese-red-crescent"] == ("Organization", "SDN", "NGO")


def test_one_group_across_languages_is_one_entity_key() -> None:
    en = _entities("The Kurdistan Workers Party (PKK) attacked a Turkish base.", "en")
    ar = _entities("هاجم حزب العمال الكردستاني قاعدة تركية.", "ar")
    assert "AG-pkk" in en and "AG-pkk" in ar


@pytest.mark.parametrize(("row", "match"), [
    ("AG\tREB\tSYR\tX\tس\t-\t-\t-\n", "line 2: expected 9"),
    ("XX\tREB\tSYR\tX\tس\t-\t-\t-\t-\n", "line 2: unknown layer"),
    ("AG\tREB\tSYR\tX\t-\t-\t-\t-\t-\n", "line 2: the English and Arabic labels"),
    ("AG\tREB\tSYR\tX\tس\t-\t-\t-\tcolour=red\n", "line 2: bad extra item"),
])
def test_malformed_table_row_names_its_line(tmp_path: Path, row: str, match: str) -> None:
    bad = tmp_path / "organisations.tsv"
    bad.write_text("# header\n" + row, encoding="utf-8")
    with pytest.raises(ValueError, match=match):
        read_table(bad)


def test_layers_map_to_contract_types() -> None:
    from kg.model import ENTITY_TYPES

    assert {t for t, _ in LAYERS.values()} <= set(ENTITY_TYPES)

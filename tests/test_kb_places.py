"""Place entries of the shipped KB: complete, consistent with their source table, and
resolvable through the surface forms the gazetteer matcher uses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.kb import load_kb, clear_cache
from kg.kb.build_places import generate, main as build_main, read_table
from kg.lang.lexicon import pattern_tokens
from kg.mentions.matcher import PhraseMatcher
from kg.resources import ontology_dir
from kg.text.normalize import norm_text
from kg.text.segment import tokenize

KINDS = {"region", "territory", "province", "district", "city", "camp", "sea", "ocean", "gulf", "strait",
         "canal", "river", "lake", "line", "corridor", "crossing", "islands", "peninsula", "valley",
         "mountains", "facility"}


@pytest.fixture(scope="module")
def kb():
    clear_cache()
    return load_kb([ontology_dir() / "kb.jsonl"])


@pytest.fixture(scope="module")
def places(kb):
    return kb.by_type("Place")


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


def test_loader_reads_places(places) -> None:
    assert len(places) >= 500
    assert all(p.key.startswith("PL-") for p in places)


def test_every_place_has_labels_kind_and_a_known_country(kb, places) -> None:
    for p in places:
        assert p.labels.get("en") and p.labels.get("ar"), p.key
        assert p.extra.get("kind") in KINDS, (p.key, p.extra.get("kind"))
        assert p.sector is None, p.key
        if p.country is not None:
            assert kb.get(p.country) is not None and kb.get(p.country).type == "Country", (p.key, p.country)


def test_place_keys_collide_with_nothing() -> None:
    """The KB merges entries that share a key, so a collision would silently corrupt an entry:
    check the raw file, before merging."""
    keys = [json.loads(line)["key"] for line in (ontology_dir() / "kb.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    assert len(keys) == len(set(keys))
    generated = [e["key"] for e in generate()]
    assert len(generated) == len(set(generated))


def test_kb_file_matches_the_source_table() -> None:
    assert build_main(["--check"]) == 0


def test_place_forms_name_one_entry_even_after_normalisation(kb, forms) -> None:
    place_keys = {p.key for p in kb.by_type("Place")}
    for lang, table in forms.items():
        shared = {t: ks for t, ks in table.items() if len(ks) > 1 and ks & place_keys}
        assert not shared, (lang, shared)


def test_capitals_are_not_places(kb, forms) -> None:
    """Capitals stand for their country; a place with the same name would compete with them."""
    for c in kb.by_type("Country"):
        for lang, cap in c.capital.items():
            keys = forms[lang].get(norm_text(cap)) or set()
            # (a capital spelt as another country's name, عمان: Amman or Oman, is told apart by its
            # position: kg/mentions/lexicon_hits.py reads it as the city after في or in a dateline)
            others = keys - {c.key}
            assert c.key in keys and all(kb.get(k).type == "Country" for k in others), (c.key, cap)
            assert len(others) <= 1 and (lang, cap) in {("ar", "عمان")} | ({(lang, cap)} if not others else set()), (c.key, cap)


@pytest.mark.parametrize(("ar", "en"), [
    ("دير الزور", "Deir ez-Zor"), ("مضيق هرمز", "Strait of Hormuz"), ("ناغورنو كاراباخ", "Nagorno-Karabakh"),
    ("قره باغ", "Karabakh"), ("لوهانسك", "Luhansk"), ("خاركوف", "Kharkiv"), ("قطاع غزة", "Gaza Strip"),
    ("الخليج الفارسي", "Persian Gulf"), ("بحر الصين الجنوبي", "South China Sea"), ("الشرق الأوسط", "Middle East"),
    ("إقليم كردستان", "Kurdistan Region"), ("مرتفعات الجولان", "Golan Heights"), ("ممر لاشين", "Lachin corridor"),
    ("تيغراي", "Tigray"), ("شبه جزيرة القرم", "Crimea"), ("باب المندب", "Bab el-Mandeb"),
])
def test_arabic_and_english_forms_resolve_to_one_place(forms, ar: str, en: str) -> None:
    key_ar = forms["ar"].get(norm_text(ar))
    key_en = forms["en"].get(norm_text(en))
    assert key_ar and key_ar == key_en and next(iter(key_ar)).startswith("PL-"), (ar, en, key_ar, key_en)


def test_place_has_its_country(kb) -> None:
    assert kb.get("PL-deir-ez-zor").country == "SYR"
    assert kb.get("PL-crimea").country == "UKR"
    assert kb.get("PL-nagorno-karabakh").country == "AZE"
    assert kb.get("PL-black-sea").country is None
    assert kb.get("PL-black-sea").extra["kind"] == "sea"


def test_g_variant_generated_outside_the_arab_world(forms) -> None:
    """غ/ج: Egyptian-style spellings come from the table's غ forms."""
    assert forms["ar"][norm_text("جوما")] == forms["ar"][norm_text("غوما")]          # Goma (DR Congo)
    assert norm_text("بنجازي") in forms["ar"]                                         # listed by hand for Libya
    assert norm_text("جزنه") not in forms["ar"]                                       # Ghazni keeps its native غ


@pytest.mark.parametrize("word", ["حماة", "إب", "مأرب", "صور", "الباب", "جدة", "دوما", "الزاوية", "العين",
                                  "الجزيرة", "شان", "الجليل", "لفيف", "السند", "النيل", "كرمان"])
def test_common_words_are_not_bare_place_names(kb, word: str) -> None:
    """Arabic place names that are also common words exist only with their cue word."""
    place_keys = {p.key for p in kb.by_type("Place")}
    for f in kb.surface_forms("ar"):
        if f.key in place_keys:
            assert norm_text(f.text) != norm_text(word), (word, f)


def test_matcher_finds_places_with_clitics(kb) -> None:
    """The gazetteer's phrase matcher over the KB's forms: proclitics are stripped, the
    longest name wins, and both languages reach the same key."""
    m = PhraseMatcher()
    for lang in ("ar", "en"):
        for f in kb.surface_forms(lang):
            if f.key.startswith("PL-"):
                m.add(pattern_tokens(f.text), f.key)
    text = "قصفت الطائرات وإدلب وريف حماة ومدينة غزة قرب البحر الأسود"
    toks = tokenize(text)
    found = [(text[toks[i].start:toks[j - 1].end], p[0]) for i, j, p in m.find(toks)]
    assert found == [("وإدلب", "PL-idlib"), ("وريف حماة", "PL-hama"), ("ومدينة غزة", "PL-gaza-city"),
                     ("البحر الأسود", "PL-black-sea")]
    toks = tokenize("Shelling hit Idlib and the Strait of Hormuz")
    assert [p[0] for _, _, p in m.find(toks)] == ["PL-idlib", "PL-strait-of-hormuz"]


def test_malformed_table_row_names_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "places.tsv"
    bad.write_text("# header\ncity\tSYR\tAleppo\tحلب\t-\t-\t-\t\ncity\tSYR\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 3"):
        read_table(bad)


def test_english_forms_are_capitalised_and_extra_fields_are_known(kb, places) -> None:
    """The matcher only takes capitalised English names, so a lower-case alias would be dead."""
    for f in kb.surface_forms("en"):
        if f.key.startswith("PL-"):
            assert f.text[:1].isupper() or f.text[:1].isdigit(), f
    for p in places:
        assert set(p.extra) <= {"kind", "admin", "status"}, (p.key, p.extra)
        assert p.extra.get("admin") in (None, "province"), p.key
        assert p.extra.get("status") in (None, "disputed", "occupied", "breakaway"), p.key


def test_header_states_the_place_rule() -> None:
    header = [line for line in (ontology_dir() / "kb.jsonl").read_text(encoding="utf-8").splitlines()
              if line.startswith("#")]
    text = "\n".join(header)
    assert "6. Places" in text and "Capitals are NOT places" in text


def test_place_wikidata_ids_are_unique(kb, places) -> None:
    """A Wikidata id names one entry, so `kg kb show Q…` and `kg kb import` find the place."""
    ids = [e.wikidata for e in kb if e.wikidata]
    assert len(ids) == len(set(ids))
    for p in places:
        if p.wikidata:
            assert kb.by_wikidata(p.wikidata) is p

"""The knowledge base file and its loader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import DataError
from kg.kb import KBEntry, SurfaceForm, clear_cache, default_paths, load_kb
from kg.model import ENTITY_TYPES
from kg.resources import ontology_dir

# The 193 UN member states by ISO 3166-1 alpha-3 (un.org/en/about-us/member-states).
UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN
BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE DNK DJI DMA DOM
ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN
ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX
MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER
NGA PRK MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR ROU RUS RWA KNA LCA VCT WSM SMR STP
SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK TZA THA TLS TGO TON
TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split()

ARABIC = set(range(0x0600, 0x0700))


@pytest.fixture(autouse=True)
def _fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_KB_PATH", raising=False)
    clear_cache()


def test_un_member_list_is_complete() -> None:
    assert len(UN_MEMBERS) == len(set(UN_MEMBERS)) == 193


def test_every_un_member_has_iso3_arabic_label_and_wikidata() -> None:
    kb = load_kb()
    for iso3 in UN_MEMBERS:
        entry = kb.country_by_iso3(iso3)
        assert entry is not None, iso3
        assert entry.type == "Country" and entry.country == iso3
        ar = entry.labels.get("ar", "")
        assert ar and all(ord(c) in ARABIC or c in " -" for c in ar), (iso3, ar)
        assert entry.labels.get("en"), iso3
        assert entry.wikidata and entry.wikidata.startswith("Q"), iso3
        assert entry.extra.get("status") == "un", iso3


def test_observers_and_other_entities_present() -> None:
    kb = load_kb()
    assert kb.get("PSE").labels["ar"] == "فلسطين"
    assert kb.get("VAT").name == "Holy See"
    assert kb.get("XKX").labels["en"] == "Kosovo"
    assert kb.get("SUN").labels["ar"] == "الاتحاد السوفيتي"


def test_arabic_overrides_of_cldr() -> None:
    kb = load_kb()
    mda = kb.get("MDA")
    assert mda.labels["ar"] == "مولدوفا" and "مولدافيا" in mda.aliases["ar"]
    hun = kb.get("HUN")
    assert hun.labels["ar"] == "المجر" and "هنغاريا" in hun.aliases["ar"]
    # CLDR's "Congo - Kinshasa" is replaced, never kept as an alias
    cod = kb.get("COD")
    assert cod.name == "Democratic Republic of the Congo"
    assert not any(" - " in a for a in cod.aliases.get("en", []))


def test_every_line_is_valid_json_with_known_type() -> None:
    path = ontology_dir() / "kb.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#") and any("RULE" in l for l in lines if l.startswith("#"))
    keys = []
    for line in lines:
        if line.startswith("#") or not line.strip():
            continue
        obj = json.loads(line)
        assert obj["type"] in ENTITY_TYPES
        keys.append(obj["key"])
    assert len(keys) == len(set(keys)), "duplicate keys in kb.jsonl"


def test_surface_forms_kinds() -> None:
    kb = load_kb()
    en = {(f.text, f.key): f.kind for f in kb.surface_forms("en")}
    assert en[("Armenia", "ARM")] == "name"
    assert en[("US", "USA")] == "abbr"
    assert en[("Azeri", "AZE")] == "demonym" and en[("Azerbaijanis", "AZE")] == "demonym"
    assert en[("Yerevan", "ARM")] == "capital"
    ar = {(f.text, f.key): f.kind for f in kb.surface_forms("ar")}
    assert ar[("أرمينيا", "ARM")] == "name"
    assert ar[("يريفان", "ARM")] == "capital"
    assert all(isinstance(f, SurfaceForm) for f in kb.surface_forms("ar"))


def test_no_surface_form_names_two_entries() -> None:
    kb = load_kb()
    for lang in ("ar", "en"):
        owners: dict[str, set[str]] = {}
        for f in kb.surface_forms(lang):
            owners.setdefault(f.text, set()).add(f.key)
        shared = {t: k for t, k in owners.items() if len(k) > 1}
        assert not shared, (lang, shared)


def test_malformed_line_names_file_and_line(data_dir: Path) -> None:
    path = data_dir / "kb" / "malformed.jsonl"
    with pytest.raises(DataError) as info:
        load_kb([path])
    msg = str(info.value)
    assert str(path) in msg and "line 4" in msg and "malformed JSON" in msg
    assert info.value.line == 4


def test_unknown_type_is_an_error(data_dir: Path) -> None:
    with pytest.raises(DataError, match="line 1: unknown type 'Planet'"):
        load_kb([data_dir / "kb" / "badtype.jsonl"])


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        load_kb([tmp_path / "absent.jsonl"])


def test_user_file_via_env_extends_and_merges(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user = data_dir / "kb" / "user_extra.jsonl"
    monkeypatch.setenv("KG_KB_PATH", str(user))
    assert default_paths()[-1] == user
    kb = load_kb()
    assert kb.get("ZZZ-ORG").sector == "NGO"
    arm = kb.get("ARM")
    assert "Hayastan" in arm.aliases["en"] and "Republic of Armenia" in arm.aliases["en"]
    assert arm.labels["ar"] == "أرمينيا"  # the user's entry did not erase the shipped label


def test_load_is_cached() -> None:
    assert load_kb() is load_kb()


def test_entry_round_trip() -> None:
    kb = load_kb()
    entry = kb.get("ARM")
    assert isinstance(entry, KBEntry)
    again = json.loads(json.dumps(entry.to_dict(), ensure_ascii=False))
    assert again["key"] == "ARM" and again["iso3"] == "ARM" and again["status"] == "un"


def test_country_entries_match_their_generator() -> None:
    """ontology/kb.jsonl's countries are exactly what kg/kb/build_countries.py generates."""
    from kg.kb.build_countries import main

    assert main(["--check"]) == 0

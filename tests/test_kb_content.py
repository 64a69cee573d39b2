"""Content of the shipped KB: IGOs, media, metonyms and office holders follow the header's rule
and refer to each other consistently."""

from __future__ import annotations

import re

import pytest

from kg.kb import clear_cache, load_kb

ROLES = {"head_of_state", "head_of_government", "minister", "secretary_general", "leader"}
SECTORS = {"GOV", "MIL", "REB", "IGO", "MED", "NGO", "BUS", "CVL", "JUD", "LEG", "POL"}


@pytest.fixture(scope="module")
def kb():
    clear_cache()
    return load_kb()


@pytest.mark.parametrize("key", ["UN", "UNSC", "UNGA", "EU", "EUCO", "EC", "EP", "NATO", "OSCE", "CSTO", "AU",
                                 "LAS", "GCC", "OIC", "ASEAN", "SCO", "CIS", "IAEA", "ICC", "WHO", "UNHCR",
                                 "UNICEF", "WFP", "WB", "IMF", "OPEC", "BRICS", "G7", "G20"])
def test_main_igos(kb, key: str) -> None:
    e = kb.get(key)
    assert e is not None and e.type == "IGO" and e.sector == "IGO"
    assert e.labels.get("ar") and e.labels.get("en")


@pytest.mark.parametrize("key", ["REUTERS", "AFP", "AP", "TASS", "RIA", "INTERFAX", "XINHUA", "ANADOLU", "IRNA",
                                 "SANA", "KCNA", "YONHAP", "WAM", "SPA", "MENA", "QNA", "KUNA", "ALJAZEERA",
                                 "BBC", "CNN"])
def test_news_media(kb, key: str) -> None:
    e = kb.get(key)
    assert e is not None and e.type == "Media" and e.sector == "MED"
    assert kb.get(e.country).type == "Country"


@pytest.mark.parametrize(("key", "country"), [("WHITEHOUSE", "USA"), ("KREMLIN", "RUS"), ("PENTAGON", "USA"),
                                              ("STATEDEPT", "USA"), ("ELYSEE", "FRA")])
def test_metonyms(kb, key: str, country: str) -> None:
    e = kb.get(key)
    assert e.type == "GovernmentBody" and e.country == country and e.extra.get("metonym") is True


def test_references_resolve(kb) -> None:
    for e in kb:
        if e.country is not None:
            assert kb.get(e.country) is not None and kb.get(e.country).type == "Country", (e.key, e.country)
        for m in e.members:
            assert m in kb, (e.key, m)
        for p in e.positions:
            assert p["org"] in kb, (e.key, p)
        if e.sector is not None:
            assert e.sector in SECTORS, (e.key, e.sector)


def test_persons_have_positions_in_the_stated_period(kb) -> None:
    persons = kb.by_type("Person")
    assert len(persons) >= 150
    for e in persons:
        assert e.labels.get("ar") and e.labels.get("en"), e.key
        assert e.positions, e.key
        assert e.key == e.wikidata or (e.wikidata is None and e.key.startswith("PER-")), e.key
        in_period = False
        for p in e.positions:
            assert p["role"] in ROLES and p["title"], (e.key, p)
            assert re.fullmatch(r"\d{4}", p["start"]) and (p["end"] is None or re.fullmatch(r"\d{4}", p["end"]))
            assert p["end"] is None or p["end"] >= p["start"], (e.key, p)
            in_period |= (p["end"] is None or p["end"] >= "2014") and p["start"] <= "2025"
        assert in_period, e.key


def test_g20_and_p5_have_a_current_head(kb) -> None:
    """Each G20 and permanent-member state has someone holding its top office with no end year."""
    for iso3 in ["ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR", "MEX",
                 "RUS", "SAU", "ZAF", "TUR", "GBR", "USA"]:
        current = [e for e in kb.by_type("Person")
                   if any(p["org"] == iso3 and p["end"] is None and p["role"].startswith("head_of")
                          for p in e.positions)]
        assert current, iso3


def test_p5_foreign_and_defence_ministers(kb) -> None:
    for iso3 in ["CHN", "FRA", "RUS", "GBR", "USA"]:
        for portfolio in ("foreign_affairs", "defence"):
            holders = [e for e in kb.by_type("Person")
                       if any(p["org"] == iso3 and p.get("portfolio") == portfolio for p in e.positions)]
            assert holders, (iso3, portfolio)


def test_person_arabic_variants(kb) -> None:
    ar = {f.text: f.key for f in kb.surface_forms("ar")}
    assert ar["فلاديمير بوتين"] == ar["فلاديمير بوتن"] == "Q7747"
    assert ar["سيرغي لافروف"] == ar["سيرجي لافروف"]
    assert ar["شارل ميشيل"] == ar["تشارلز ميشيل"]

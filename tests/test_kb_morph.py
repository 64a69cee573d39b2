"""Demonym inflection (Arabic nisba, English plural) and its use in surface forms."""

from __future__ import annotations

import pytest

from kg.kb import clear_cache, load_kb
from kg.kb.morph_ar import name_nisba, nisba_forms
from kg.kb.morph_en import demonym_forms


def test_arabic_nisba_inflections() -> None:
    forms = nisba_forms("أرميني")
    for expected in ("أرميني", "أرمينية", "أرمينيان", "أرمينيين", "أرمينيتان", "أرمينيتين",
                     "أرمينيون", "أرمينيات"):
        assert expected in forms
    assert "أرمنيين" in nisba_forms("أرمني")


def test_arabic_multiword_nisba_agrees_on_both_words() -> None:
    forms = nisba_forms("كوري جنوبي")
    assert "كورية جنوبية" in forms and "كوريون جنوبيون" in forms
    # first word not a nisba: only the last inflects
    assert "جنوب أفريقية" in nisba_forms("جنوب أفريقي")


def test_arabic_broken_plural_is_kept_as_is() -> None:
    assert nisba_forms("أتراك") == ["أتراك"]


def test_arabic_diacritics_are_dropped_from_bases() -> None:
    assert nisba_forms("أَرْمَنِيّ")[1] == "أرمنية"


@pytest.mark.parametrize(("base", "forms"), [
    ("Armenian", ["Armenian", "Armenians"]),
    ("Azeri", ["Azeri", "Azeris"]),
    ("Swiss", ["Swiss"]),
    ("Chinese", ["Chinese"]),
    ("British", ["British"]),
    ("German", ["German", "Germans"]),
    ("Frenchman", ["Frenchman"]),
])
def test_english_demonyms(base: str, forms: list[str]) -> None:
    assert demonym_forms(base) == forms


def test_kb_yields_inflected_demonyms() -> None:
    clear_cache()
    kb = load_kb()
    ar = {f.text: f.key for f in kb.surface_forms("ar") if f.kind == "demonym"}
    assert ar["أذربيجانية"] == "AZE" and ar["أذربيجانيين"] == "AZE" and ar["أذرية"] == "AZE"
    assert ar["أرمينية"] == "ARM" and ar["أرمنيين"] == "ARM"
    assert ar["روس"] == "RUS" and ar["أتراك"] == "TUR"
    en = {f.text: f.key for f in kb.surface_forms("en") if f.kind == "demonym"}
    assert en["Azeri"] == en["Azerbaijani"] == "AZE"
    # no clitic or article variants: the matcher strips them
    assert not any(t.startswith(("وال", "بال", "لل")) for t in ar)


def test_name_nisba_of_a_variant_spelling() -> None:
    assert name_nisba("بنغلادش") == "بنغلادشي"
    assert name_nisba("روسيا") is None  # irregular: روسي
    assert name_nisba("كوريا الجنوبية") is None
    assert name_nisba("السودان") is None  # its listed nisba already matches with the article

"""kg.text.normalize: matching forms (never stored)."""

from __future__ import annotations

import pytest

from kg.text.normalize import ar_stems, is_arabic, norm_ar, norm_en, norm_text, norm_token


@pytest.mark.parametrize("raw,norm", [
    ("أحمد", "احمد"), ("إيران", "ايران"), ("آسيا", "اسيا"),       # hamza seats on alef
    ("مصطفى", "مصطفي"),                                          # alef maqsura → ya
    ("الأرمينية", "الارمينيه"),                                   # ta marbuta → ha
    ("مسؤول", "مسوول"), ("رئيس", "رييس"),                         # hamza on waw / ya
    ("الأَرْمِينِيَّة", "الارمينيه"),                               # diacritics
    ("الرئيـــس", "الرييس"),                                       # tatweel
    ("جنديًا", "جنديا"),                                          # tanwin
    ("٢٠٢٣", "2023"),                                             # Arabic-Indic digits
])
def test_norm_ar(raw: str, norm: str) -> None:
    assert norm_ar(raw) == norm


def test_norm_en_lowercases_and_drops_possessive() -> None:
    assert norm_en("Russia's") == "russia"
    assert norm_en("Russia’s") == "russia"  # typographic apostrophe
    assert norm_en("Allies'") == "allies"
    assert norm_en("NATO") == "nato"


def test_norm_token_dispatches_on_script() -> None:
    assert norm_token("الوزارة", "en") == "الوزاره"
    assert norm_token("Ministry", "ar") == "ministry"
    assert is_arabic("وزارة") and not is_arabic("Armenia")


def test_norm_text_collapses_spaces_and_mixes_scripts() -> None:
    assert norm_text("وزارة   الدفاع  Ministry") == "وزاره الدفاع ministry"


@pytest.mark.parametrize("token,stem", [
    ("واذربيجان", "اذربيجان"),     # و + name
    ("والارمينيه", "الارمينيه"),   # و + article kept
    ("والارمينيه", "ارمينيه"),     # and without it
    ("للدفاع", "الدفاع"),          # لل → ال
    ("بالقوات", "القوات"),
    ("وبموسكو", "موسكو"),
])
def test_ar_stems_strip_proclitics(token: str, stem: str) -> None:
    stems = ar_stems(token)
    assert stems[0] == token  # the full form comes first
    assert stem in stems


def test_ar_stems_keep_short_words() -> None:
    # stripping must leave at least two letters: "وب" is not و + ب
    assert ar_stems("وب") == ("وب",)
    assert "ل" not in ar_stems("ول")

"""Arabic normalisation and proclitic stripping used by the NER features.

Normalisation makes spelling variants meet: no diacritics or tatweel,
أ/إ/آ/ٱ→ا, ى→ي, ة→ه, ؤ→و, ئ→ي (the same rules as kg/lang/README.md).

>>> normalize("الرِّئاسَة")
'الرياسه'
>>> strip_clitics(normalize("وبالعاصمة"))
('وبال', 'عاصمه')
"""

from __future__ import annotations

_DIACRITICS = {chr(c) for c in range(0x064B, 0x0653)} | {"\u0670", "\u0640"}  # harakat, dagger alef, tatweel
_MAP = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"}
_TABLE = {ord(c): None for c in _DIACRITICS} | {ord(k): v for k, v in _MAP.items()}

# Proclitic sequences, longest first: conjunction (و/ف) + preposition (ب/ل/ك) + article.
# Stripping stops when fewer than MIN_STEM letters would be left.
PROCLITICS: tuple[str, ...] = tuple(sorted({
    "وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال",
    "وب", "فب", "ول", "فل", "وك", "فك", "و", "ف", "ب", "ل", "ك",
}, key=lambda p: (-len(p), p)))
MIN_STEM = 3
_PROCLITIC_SET = frozenset(PROCLITICS)
_LENGTHS = tuple(sorted({len(p) for p in PROCLITICS}, reverse=True))

_ARABIC_LETTERS = frozenset(chr(c) for c in range(0x0600, 0x0700) if chr(c).isalpha())


def normalize(text: str) -> str:
    """Normalise Arabic spelling; other scripts pass through unchanged."""
    return text.translate(_TABLE)


def strip_clitics(norm: str) -> tuple[str, str]:
    """Split a normalised word into (proclitics, stem).

    >>> strip_clitics("والاردن")
    ('وال', 'اردن')
    >>> strip_clitics("ولد")  # too short to strip
    ('', 'ولد')
    """
    n = len(norm)
    for k in _LENGTHS:  # longest proclitic first
        if n - k >= MIN_STEM and norm[:k] in _PROCLITIC_SET:
            return norm[:k], norm[k:]
    return "", norm


def has_arabic(text: str) -> bool:
    """Whether any Arabic letter occurs in ``text``."""
    return not _ARABIC_LETTERS.isdisjoint(text)


def shape(word: str) -> str:
    """Coarse word shape: ar, lat, Lat (capitalised), num, punct or mix."""
    if not word:
        return "empty"
    if _ARABIC_LETTERS.issuperset(word):
        return "ar"
    if word.isdigit() or all(c.isdigit() or c in ",.٫٬" for c in word):
        return "num"
    if word.isascii() and word.isalpha():
        return "Lat" if word[0].isupper() else "lat"
    if not any(c.isalnum() for c in word):
        return "punct"
    return "mix"

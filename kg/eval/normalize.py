"""Text keys for comparing predicted and gold names, independent of the extractor.

The evaluator has its own normaliser on purpose: a bug in the extractor's
normaliser must not make its own output look right.

Arabic: diacritics, tatweel and superscript alef are dropped; أ إ آ ٱ → ا,
ى → ي, ة → ه. A leading proclitic cluster on the first word (و/ف, then
ب/ل/ك, then ال; ل+ال is written لل) may be present on one side and not the
other. English: case-folded, dots dropped (U.S. = US), a leading "the"
dropped, typographic apostrophes unified. Whitespace is collapsed everywhere.

>>> key("وأرمينيا") == key("ارمينيا")
False
>>> same("وأرمينيا", "أرمينيا"), same("لوزارة الخارجية", "وزارة الخارجية")
(True, True)
>>> same("The U.S.", "us"), same("Iran", "Iraq")
(True, False)
"""

from __future__ import annotations

import re
from functools import lru_cache

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u201c": '"', "\u201d": '"'})

# Proclitic clusters, longest first; built from conjunction + preposition + article.
_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ل", "ك")
_CLITICS: tuple[str, ...] = tuple(sorted(
    {c + ("لل" if p == "ل" and a else p + a) for c in _CONJ for p in _PREP for a in ("", "ال")} - {""},
    key=len, reverse=True,
))
_MIN_STEM = 2  # never strip a clitic that would leave fewer letters than this


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """The normalised form of ``text`` (no clitic stripping)."""
    t = _DIACRITICS.sub("", text).translate(_ALEF).translate(_QUOTES)
    t = _SPACE.sub(" ", t).strip().casefold().replace(".", "")
    if t.startswith("the "):
        t = t[4:]
    return t.strip(" \"'،,;:()[]")


@lru_cache(maxsize=65536)
def variants(text: str) -> frozenset[str]:
    """The key of ``text`` and every form with a leading clitic cluster removed."""
    k = key(text)
    out = {k}
    first, _, rest = k.partition(" ")
    for c in _CLITICS:
        if first.startswith(c) and len(first) - len(c) >= _MIN_STEM:
            stem = first[len(c):]
            out.add(f"{stem} {rest}" if rest else stem)
            if c.endswith("لل"):  # ل + ال is written لل: also give back the article
                out.add(f"ال{stem} {rest}" if rest else f"ال{stem}")
    return frozenset(out)


def same(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are equal up to normalisation and one leading clitic cluster."""
    if not a or not b:
        return False
    ka, kb = key(a), key(b)
    if not ka or not kb:
        return False
    return ka == kb or kb in variants(a) or ka in variants(b)


class Forms:
    """A set of strings prepared for fast ``same``-style comparison with another set."""

    __slots__ = ("keys", "vars")

    def __init__(self, strings: list[str] | tuple[str, ...] | set[str] | frozenset[str]) -> None:
        ks = {key(s) for s in strings if s}
        self.keys: frozenset[str] = frozenset(k for k in ks if k)
        vs: set[str] = set()
        for s in strings:
            if s and key(s):
                vs |= variants(s)
        self.vars: frozenset[str] = frozenset(vs)

    def meets(self, other: "Forms") -> bool:
        """True when some string here is ``same`` as some string of ``other``."""
        return bool(self.keys & other.vars) or bool(other.keys & self.vars)


def space(text: str) -> str:
    """Whitespace-collapsed, stripped text (used for sentences)."""
    return _SPACE.sub(" ", text).strip()

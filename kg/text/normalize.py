"""Normalisation for matching (never for storage: offsets stay on the original text).

>>> norm_ar("الأَرْمِينِيَّة")
'الارمينيه'
>>> norm_token("Armenia's", "en")
'armenia'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_AR_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_AR_MAP = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
    "ک": "ك", "ی": "ي", "ڤ": "ف", "پ": "ب", "چ": "ج", "گ": "ك",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
    "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4", "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
})
_AR_LETTER = re.compile("[\u0621-\u064a]")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "«": '"', "»": '"'})

# Arabic proclitic sequences, longest first. Conjunction + preposition + article.
AR_PROCLITICS: tuple[str, ...] = (
    "وبال", "فبال", "وكال", "فكال", "وال", "فال", "بال", "كال", "ولل", "فلل",
    "لل", "ال", "وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك",
)


@lru_cache(maxsize=262144)
def is_arabic(text: str) -> bool:
    return bool(_AR_LETTER.search(text))


def norm_ar(text: str) -> str:
    """Arabic matching form: no diacritics/tatweel, unified alef/ya/ta-marbuta/hamza seats."""
    return _AR_DIACRITICS.sub("", text).translate(_AR_MAP)


def norm_en(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    if t.endswith("'s"):
        t = t[:-2]
    elif t.endswith("s'"):
        t = t[:-1]
    return t


@lru_cache(maxsize=262144)
def norm_token(text: str, lang: str) -> str:
    if is_arabic(text):
        return norm_ar(text)
    return norm_en(text)


def norm_text(text: str) -> str:
    """Normalise a phrase of either language (token-wise, single spaces)."""
    return " ".join(norm_token(t, "ar" if is_arabic(t) else "en") for t in text.split())


# AR_PROCLITICS by first letter, in their order, so a token is checked only against its own.
_BY_FIRST: dict[str, tuple[str, ...]] = {}
for _p in AR_PROCLITICS:
    _BY_FIRST[_p[0]] = _BY_FIRST.get(_p[0], ()) + (_p,)


@lru_cache(maxsize=262144)
def ar_stems(token_norm: str, min_len: int = 2) -> tuple[str, ...]:
    """Candidate forms of a normalised Arabic token with proclitics stripped.

    The full form comes first; each stripped form keeps at least ``min_len``
    letters so that short words are not eaten away.

    >>> ar_stems("والارمينيه")
    ('والارمينيه', 'ارمينيه', 'الارمينيه')
    """
    out = [token_norm]
    for p in _BY_FIRST.get(token_norm[:1], ()):
        if token_norm.startswith(p) and len(token_norm) - len(p) >= min_len:
            cand = token_norm[len(p):]
            if cand not in out:
                out.append(cand)
            # keep the article: "وال" + x → "ال" + x
            if p.endswith("ال") and len(p) > 2:
                with_al = "ال" + cand
                if with_al not in out:
                    out.append(with_al)
            if p.endswith("لل"):
                with_al = "ال" + cand
                if with_al not in out:
                    out.append(with_al)
    # a bare conjunction/preposition before the article: "وال.."→ "ال..", "لل.." → "ال.."
    if token_norm[1:3] == "ال" and token_norm[:1] in "وفبكل" and token_norm[1:] not in out:
        out.append(token_norm[1:])
    return tuple(out)

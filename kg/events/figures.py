"""Casualty figures (dead, injured, captured) from digits and number words.

>>> from kg.text.segment import tokenize
>>> toks = tokenize("أسر 12 جنديًا")
>>> numbers(toks, "ar")[0][2]
12
"""

from __future__ import annotations

import re

from kg.lang.lexicon import pattern_tokens, table
from kg.mentions.matcher import PhraseMatcher
from kg.model import Token
from kg.text.normalize import ar_stems, is_arabic, norm_text

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_MULT_AR = {"الف": 1000, "الاف": 1000, "مليون": 1_000_000, "ملايين": 1_000_000, "مئه": 100, "مائه": 100}
_MULT_EN = {"thousand": 1000, "thousands": 1000, "million": 1_000_000, "millions": 1_000_000, "hundred": 100}

_NUM: dict[str, dict[str, int]] = {}
_VICTIMS: dict[str, PhraseMatcher] = {}


def number_words(lang: str) -> dict[str, int]:
    if lang not in _NUM:
        d: dict[str, int] = {}
        for row in table(lang, "numbers", 2, 2):
            try:
                d[norm_text(row[0])] = int(float(row[1]))
            except ValueError:
                continue
        _NUM[lang] = d
    return _NUM[lang]


def victims(lang: str) -> PhraseMatcher:
    if lang not in _VICTIMS:
        m = PhraseMatcher()
        for row in table(lang, "victims", 1, 2):
            m.add(pattern_tokens(row[0]), norm_text(row[0].rstrip("*")))
        _VICTIMS[lang] = m
    return _VICTIMS[lang]


def _word_value(tok: Token, lang: str) -> int | None:
    words = number_words(lang)
    forms = ar_stems(tok.norm)[:3] if is_arabic(tok.text) else [tok.norm]
    for f in forms:
        if f in words:
            return words[f]
    return None


def _dual(tok: Token, lang: str) -> bool:
    """Arabic dual of a victim noun: جنديين، جنديان، شخصين."""
    if lang != "ar":
        return False
    n = tok.norm
    for suf in ("يين", "ين", "ان", "يان"):
        if n.endswith(suf) and len(n) - len(suf) >= 3:
            stem = n[: -len(suf)]
            for cand in (stem, stem + "ي"):
                if victims(lang).match_at([Token(cand, 0, 0, cand)], 0):
                    return True
    return False


_DUAL = object()  # a token that is the dual of a victim noun (value 2, never multiplied)
_KINDS: dict[str, dict[tuple[str, str], object]] = {}  # lang → (text, norm) → value, _DUAL or None


def _kind(t: Token, lang: str) -> object:
    """What a token is for ``numbers``: its value, _DUAL, or None (not a number)."""
    if _DIGITS.match(t.text):
        v = int(t.text.replace(",", ""))
        # skip years and times
        return None if 1900 <= v <= 2100 and "," not in t.text else v
    if t.text.isdigit() is False:
        val = _word_value(t, lang)
        if val is None and _dual(t, lang):
            return _DUAL
        return val
    return None


def numbers(tokens: list[Token], lang: str) -> list[tuple[int, int, int]]:
    """(first token, end token, value) of each number expression."""
    out: list[tuple[int, int, int]] = []
    mult = _MULT_AR if lang == "ar" else _MULT_EN
    cache = _KINDS.setdefault(lang, {})
    if len(cache) > 100_000:  # bounded memory on endless streams
        cache.clear()
    kinds = [cache.get((t.text, t.norm), False) for t in tokens]
    for k in [k for k, kind in enumerate(kinds) if kind is False]:
        t = tokens[k]
        kinds[k] = cache[(t.text, t.norm)] = _kind(t, lang)
    nxt = 0  # a multiplier after a number is part of it
    for k in [k for k, kind in enumerate(kinds) if kind is not None]:  # most tokens: not a number
        if k < nxt:
            continue
        kind = kinds[k]
        if kind is _DUAL:
            out.append((k, k + 1, 2))
            nxt = k + 1
            continue
        val: int = kind  # type: ignore[assignment]
        end = k + 1
        if end < len(tokens):
            m = ar_stems(tokens[end].norm)[0] if is_arabic(tokens[end].text) else tokens[end].norm
            if m in mult:
                val *= mult[m]
                end += 1
        out.append((k, end, val))
        nxt = end
    return out


def figures(tokens: list[Token], lang: str, cue_matches: list[tuple[int, int, list[str]]]) -> dict[str, int]:
    """Casualty figures stated in a sentence, given its casualty-cue matches."""
    found: dict[str, int] = {}
    if not cue_matches:
        return found
    nums = numbers(tokens, lang)
    if not nums:
        return found
    for ci, cj, pays in cue_matches:
        field = pays[0]
        best = None
        for a, b, v in nums:
            dist = a - cj if a >= cj else ci - b
            if dist < 0 or dist > 5:
                continue
            if any(tokens[x].text in ".؛;" for x in range(min(b, ci), max(a, cj))):
                continue
            if best is None or dist < best[0]:
                best = (dist, v)
        if best is not None and field not in found:
            found[field] = best[1]
    return found

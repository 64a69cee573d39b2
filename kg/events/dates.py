"""Dates: the document date, explicit dates and weekdays resolved against it.

When a document has no date, it takes the latest explicit date in its text.

>>> from kg.model import Document
>>> d = Document(id="x", text="Clashes on Tuesday. Posted 16 November 2021.", lang="en")
>>> resolve_document(d); d.date
'2021-11-16'
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from kg.lang.lexicon import table
from kg.model import Document, Sentence
from kg.pipeline import Component, Work, register
from kg.text.normalize import ar_stems, is_arabic, norm_text

_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_DMY = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")


def _words(lang: str) -> dict[str, tuple[str, int]]:
    out: dict[str, tuple[str, int]] = {}
    for row in table(lang, "dates", 3, 3):
        try:
            out[norm_text(row[0])] = (row[1], int(row[2]))
        except ValueError:
            continue
    return out


_CACHE: dict[str, dict[str, tuple[str, int]]] = {}


def words(lang: str) -> dict[str, tuple[str, int]]:
    if lang not in _CACHE:
        _CACHE[lang] = _words(lang)
    return _CACHE[lang]


@lru_cache(maxsize=262144)
def _lookup(tok_norm: str, lang: str) -> tuple[str, int] | None:
    w = words(lang)
    forms = ar_stems(tok_norm) if is_arabic(tok_norm) else [tok_norm.rstrip(",.")]
    for f in forms:
        if f in w:
            return w[f]
    return None


def explicit_dates(sent: Sentence, lang: str) -> list[dt.date]:
    """Full dates (day, month name or number, year) written in a sentence."""
    out: list[dt.date] = []
    for m in _ISO.finditer(sent.text):
        out.extend(_safe(int(m[1]), int(m[2]), int(m[3])))
    for m in _DMY.finditer(sent.text):
        out.extend(_safe(int(m[3]), int(m[2]), int(m[1])))
    toks = sent.tokens
    for k, tok in enumerate(toks):
        w = _lookup(tok.norm, lang)
        if not w or w[0] != "month":
            continue
        month = w[1]
        day = year = None
        if k > 0 and toks[k - 1].text.isdigit() and int(toks[k - 1].text) <= 31:
            day = int(toks[k - 1].text)
        elif k + 1 < len(toks) and toks[k + 1].text.isdigit() and int(toks[k + 1].text) <= 31:
            day = int(toks[k + 1].text)
        for d in (1, 2, 3):
            if k + d < len(toks) and re.fullmatch(r"(19|20)\d\d", toks[k + d].text):
                year = int(toks[k + d].text)
                break
        if day and year:
            out.extend(_safe(year, month, day))
    return out


def _safe(y: int, m: int, d: int) -> list[dt.date]:
    try:
        return [dt.date(y, m, d)]
    except ValueError:
        return []


def resolve_document(doc: Document) -> None:
    if doc.date or not doc.sentences:
        if not doc.sentences:
            from kg.text.segment import segment
            segment(doc)
        if doc.date:
            return
    found = [d for s in doc.sentences for d in explicit_dates(s, doc.lang)]
    if found:
        doc.date = max(found).isoformat()


def sentence_date(sent: Sentence, lang: str, doc_date: dt.date | None) -> str | None:
    """The date a sentence speaks of: an explicit date, a weekday or a relative day."""
    ex = explicit_dates(sent, lang)
    if ex:
        return ex[0].isoformat()
    if doc_date is None:
        return None
    for tok in sent.tokens:
        w = _lookup(tok.norm, lang)
        if not w:
            continue
        kind, value = w
        if kind == "weekday":
            back = (doc_date.weekday() - value) % 7
            return (doc_date - dt.timedelta(days=back)).isoformat()
        if kind == "relative":
            return (doc_date + dt.timedelta(days=value)).isoformat()
    return None


class Dates(Component):
    name = "dates"
    requires = frozenset({"sentences"})
    provides = frozenset({"date"})

    def __call__(self, work: Work) -> None:
        doc = work.document
        resolve_document(doc)
        try:
            base = dt.date.fromisoformat(doc.date) if doc.date else None
        except ValueError:
            base = None
        work.scratch["sentence_dates"] = {s.index: sentence_date(s, doc.lang, base) for s in doc.sentences}


@register("dates")
def _factory() -> Component:
    return Dates()

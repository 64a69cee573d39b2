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


_HITS: dict[str, dict[str, tuple[str, int] | None]] = {}


def _hits(sent: Sentence, lang: str) -> list[tuple[int, tuple[str, int]]]:
    """(token index, date word) of a sentence's date words, looked up once per token type."""
    cache = _HITS.get(lang)
    if cache is None or len(cache) > 262_144:  # bounded memory on endless streams
        cache = _HITS[lang] = {}
    out = []
    for k, tok in enumerate(sent.tokens):
        n = tok.norm
        w = cache.get(n, False)
        if w is False:
            w = cache[n] = _lookup(n, lang)
        if w:
            out.append((k, w))
    return out


def explicit_dates(sent: Sentence, lang: str, hits: list[tuple[int, tuple[str, int]]] | None = None) -> list[dt.date]:
    """Full dates (day, month name or number, year) written in a sentence."""
    out: list[dt.date] = []
    for m in _ISO.finditer(sent.text):
        out.extend(_safe(int(m[1]), int(m[2]), int(m[3])))
    for m in _DMY.finditer(sent.text):
        out.extend(_safe(int(m[3]), int(m[2]), int(m[1])))
    toks = sent.tokens
    for k, w in _hits(sent, lang) if hits is None else hits:
        if w[0] != "month":
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


def sentence_date(sent: Sentence, lang: str, doc_date: dt.date | None,
                  hits: list[tuple[int, tuple[str, int]]] | None = None,
                  explicit: list[dt.date] | None = None) -> str | None:
    """The date a sentence speaks of: an explicit date, a weekday or a relative day.

    ``hits`` and ``explicit``: the sentence's ``_hits`` and ``explicit_dates``,
    when the caller has them already.
    """
    if hits is None:
        hits = _hits(sent, lang)
    ex = explicit_dates(sent, lang, hits) if explicit is None else explicit
    if ex:
        return ex[0].isoformat()
    if doc_date is None:
        return None
    for _, w in hits:
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
        if not doc.sentences:
            resolve_document(doc)
        # each sentence is scanned once: its date words and explicit dates serve
        # both the document date (resolve_document) and the sentence dates
        lang = doc.lang
        hits = [_hits(s, lang) for s in doc.sentences]
        explicit = [explicit_dates(s, lang, h) for s, h in zip(doc.sentences, hits)]
        if not doc.date:
            found = [d for ex in explicit for d in ex]
            if found:
                doc.date = max(found).isoformat()
        try:
            base = dt.date.fromisoformat(doc.date) if doc.date else None
        except ValueError:
            base = None
        work.scratch["sentence_dates"] = {
            s.index: sentence_date(s, lang, base, h, ex) for s, h, ex in zip(doc.sentences, hits, explicit)}


@register("dates")
def _factory() -> Component:
    return Dates()

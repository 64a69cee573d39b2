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
from bisect import bisect_left
from typing import Iterable

from kg.entities.link import document_norms, sentence_norms
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


def _lookup(tok_norm: str, lang: str) -> tuple[str, int] | None:
    w = words(lang)
    forms = ar_stems(tok_norm) if is_arabic(tok_norm) else [tok_norm.rstrip(",.")]
    for f in forms:
        if f in w:
            return w[f]
    return None


_SEEN: dict[str, set[str]] = {}                           # lang → token norms looked up so far
_FOUND: dict[str, dict[str, tuple[str, int]]] = {}         # lang → those of them that are date words


def _date_words(norms: Iterable[str], lang: str) -> dict[str, tuple[str, int]]:
    """Date words by norm, with every norm of ``norms`` looked up (once per norm and process)."""
    seen = _SEEN.get(lang)
    if seen is None or len(seen) > 262_144:  # bounded memory on endless streams
        seen = _SEEN[lang] = set()
        _FOUND[lang] = {}
    found = _FOUND[lang]
    if not seen.issuperset(norms):
        for n in set(norms).difference(seen):
            seen.add(n)
            w = _lookup(n, lang)
            if w:
                found[n] = w
    return found


def _hits(sent: Sentence, lang: str, norms: list[str] | None = None) -> list[tuple[int, tuple[str, int]]]:
    """(token index, date word) of a sentence's date words (``norms``: its token norms, if known)."""
    if norms is None:
        norms = [t.norm for t in sent.tokens]
    return _found_in(norms, _date_words(norms, lang))


def _found_in(norms: list[str], found: dict[str, tuple[str, int]]) -> list[tuple[int, tuple[str, int]]]:
    """(index, date word) of the ``norms`` that are date words (``found``: date words by norm)."""
    if found.keys().isdisjoint(norms):
        return []  # most sentences: no date word
    return [(k, found[n]) for k, n in enumerate(norms) if n in found]


_YEAR = re.compile(r"(19|20)\d\d")


def _numeric_at(text: str) -> list[int]:
    """Sorted offsets of "-", "/" or "." between two digits: every ISO or day/month/year
    date holds one, so sentences without one skip the date regexes (str.find is cheaper
    than a regex over the whole text)."""
    out = []
    for sep in "-/.":
        p = text.find(sep, 1)
        while p != -1:
            if text[p - 1].isdigit() and text[p + 1:p + 2].isdigit():
                out.append(p)
            p = text.find(sep, p + 1)
    out.sort()
    return out


def explicit_dates(sent: Sentence, lang: str, hits: list[tuple[int, tuple[str, int]]] | None = None,
                   numeric: bool = True) -> list[dt.date]:
    """Full dates (day, month name or number, year) written in a sentence.

    ``numeric=False``: the caller knows the sentence holds no numeric date.
    """
    out: list[dt.date] = []
    if numeric:
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
            if k + d < len(toks) and _YEAR.fullmatch(toks[k + d].text):
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


def _any_within(offsets: list[int], start: int, end: int) -> bool:
    """Is one of the sorted ``offsets`` in [start, end)?"""
    k = bisect_left(offsets, start)
    return k < len(offsets) and offsets[k] < end


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
        norms = sentence_norms(work)
        doc_norms = document_norms(work)
        every = _date_words(doc_norms, lang)  # date words of every document so far
        # the document's own date words: small, and most often empty (then no sentence is looked at)
        found = {n: every[n] for n in every.keys() & doc_norms}
        numeric = _numeric_at(doc.text)
        hits: list[list[tuple[int, tuple[str, int]]]] = []
        explicit: list[list[dt.date]] = []
        for s, ns in zip(doc.sentences, norms):
            h = _found_in(ns, found) if found else []
            num = bool(numeric) and _any_within(numeric, s.start, s.end)
            hits.append(h)
            # most sentences have neither a date word nor a number like a date
            explicit.append(explicit_dates(s, lang, h, num) if h or num else [])
        if not doc.date:
            written = [d for ex in explicit for d in ex]
            if written:
                doc.date = max(written).isoformat()
        try:
            base = dt.date.fromisoformat(doc.date) if doc.date else None
        except ValueError:
            base = None
        work.scratch["sentence_dates"] = {
            s.index: sentence_date(s, lang, base, h, ex) if h or ex else None
            for s, h, ex in zip(doc.sentences, hits, explicit)}


@register("dates")
def _factory() -> Component:
    return Dates()

"""Per-sentence lexicon hits: knowledge-base names, bodies, titles and cue words.

One matcher per language holds every phrase the mention finders need, so a
sentence is scanned once; ``sentence_hits`` caches the hits on the Work.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kg.kb import KnowledgeBase, load_kb
from kg.lang.lexicon import pattern_tokens, table
from kg.mentions.matcher import PhraseMatcher
from kg.model import Sentence, Token
from kg.pipeline import Work
from kg.text.normalize import norm_text

# Priority when several payloads share the longest span (lower wins).
_PRIORITY = {"name": 0, "alias": 0, "abbr": 1, "title": 2, "body": 3, "capital": 4,
             "demonym": 5, "treaty_cue": 6, "place_cue": 7}


@dataclass(frozen=True)
class Hit:
    i: int                 # first token (index in sentence.tokens)
    j: int                 # one past the last token
    kind: str              # name|alias|abbr|capital|demonym|body|title|place_cue|treaty_cue
    key: str | None = None  # KB key for KB hits
    data: tuple[Any, ...] = ()  # the lexicon row for the others


@lru_cache(maxsize=None)
def matcher(lang: str) -> PhraseMatcher:
    m = PhraseMatcher()
    kb = load_kb()
    for sf in kb.surface_forms(lang):
        toks = pattern_tokens(sf.text)
        if lang == "en" and sf.kind in ("abbr",) and len(sf.text) <= 3 and sf.text.isupper():
            toks = (norm_text(sf.text),)
        m.add(toks, ("kb", sf.kind, sf.key))
    for row in table(lang, "bodies", 4, 4):
        m.add(pattern_tokens(row[0]), ("body", row[1], row[2], row[3]))
    for row in table(lang, "titles", 4, 4):
        m.add(pattern_tokens(row[0]), ("title", row[1], row[2], row[3]))
    for row in table(lang, "place_cues", 2, 2):
        m.add(pattern_tokens(row[0]), ("place_cue", row[1]))
    for row in table(lang, "treaty_cues", 2, 2):
        toks = pattern_tokens(row[0])
        m.add(toks, ("treaty_cue", row[1]))
        if lang == "ar" and len(toks) == 1 and not toks[0].endswith("*"):
            # possessive suffixes: اتفاقها، اتفاقيتهم
            m.add((toks[0] + "*",), ("treaty_cue", row[1]))
    return m


def kb() -> KnowledgeBase:
    return load_kb()


def _rank(p: tuple[Any, ...]) -> int:
    kind = p[1] if p[0] == "kb" else p[0]
    return _PRIORITY.get(kind, 9)


def sentence_hits(work: Work, sent: Sentence) -> list[Hit]:
    cache: dict[int, list[Hit]] = work.scratch.setdefault("hits", {})
    if sent.index in cache:
        return cache[sent.index]
    lang = work.document.lang
    hits: list[Hit] = []
    toks: list[Token] = sent.tokens
    for i, j, pays in matcher(lang).find(toks):
        if lang == "en" and not _cased_ok(toks[i:j], pays):
            continue
        p = min(pays, key=_rank)
        if p[0] == "kb":
            hits.append(Hit(i, j, p[1], key=p[2]))
        else:
            hits.append(Hit(i, j, p[0], data=tuple(p[1:])))
    cache[sent.index] = hits
    return hits


def _cased_ok(toks: list[Token], pays: list[Any]) -> bool:
    """English KB names must be capitalised in the text ("Chad", not "chad")."""
    if not any(p[0] == "kb" for p in pays):
        return True
    first = toks[0].text
    return first[:1].isupper() or first[:1].isdigit()

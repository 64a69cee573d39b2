"""Per-sentence lexicon hits: knowledge-base names, bodies, titles and cue words.

One matcher per language holds every phrase the mention finders need, so a
sentence is scanned once; ``sentence_hits`` caches the hits on the Work.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kg.kb import KnowledgeBase, load_kb
from kg.lang.index import sentence_matches
from kg.lang.lexicon import word_set
from kg.mentions.matcher import greedy
from kg.model import Sentence, Token
from kg.pipeline import Work

# Priority when several payloads share the longest span (lower wins).
_PRIORITY = {"name": 0, "alias": 0, "abbr": 1, "title": 2, "body": 3, "capital": 4,
             "demonym": 5, "treaty_cue": 6, "place_cue": 7, "soldiers": 8}


@dataclass(frozen=True)
class Hit:
    i: int                 # first token (index in sentence.tokens)
    j: int                 # one past the last token
    kind: str              # name|alias|abbr|capital|demonym|body|title|place_cue|treaty_cue
    key: str | None = None  # KB key for KB hits
    data: tuple[Any, ...] = ()  # the lexicon row for the others

    # Written out: compiled by mypyc, a hand-written __init__ is native code, the generated one of a
    # frozen dataclass stays interpreted (about 5× slower). Same fields, order and defaults.
    def __init__(self, i: int, j: int, kind: str, key: str | None = None, data: tuple[Any, ...] = ()) -> None:
        object.__setattr__(self, "i", i)
        object.__setattr__(self, "j", j)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "data", data)

    def __reduce__(self) -> tuple[Any, ...]:  # copy and pickle call the class (see kg.model._reduce)
        return (Hit, (self.i, self.j, self.kind, self.key, self.data))


_KB: list[KnowledgeBase] = []


def kb() -> KnowledgeBase:
    if not _KB:
        _KB.append(load_kb())
    return _KB[0]


def category(work: Work, sent: Sentence, cat: str):  # type: ignore[no-untyped-def]
    return greedy(sentence_matches(work, sent).get(cat, []))


def _rank(p: tuple[Any, ...]) -> int:
    kind = p[1] if p[0] == "kb" else p[0]
    return _PRIORITY.get(kind, 9)


def sentence_hits(work: Work, sent: Sentence) -> list[Hit]:
    cache: dict[int, list[Hit]] = work.scratch.setdefault("hits", {})
    got = cache.get(sent.index)
    if got is not None:
        return got
    lang = work.document.lang
    hits: list[Hit] = []
    toks: list[Token] = sent.tokens
    for i, j, pays in category(work, sent, "lex"):
        if lang == "en" and not _cased_ok(toks[i:j], pays):
            continue
        if len(pays) == 1:  # most matches: no ranking, and no capital to read among the payloads
            p = pays[0]
        else:
            p = min(pays, key=_rank)
            if lang == "ar" and p[0] == "kb" and p[1] in ("name", "alias"):
                p = _capital_reading(sent, i, pays) or p
        if p[0] == "kb":
            hits.append(Hit(i, j, p[1], p[2]))
        else:
            hits.append(Hit(i, j, p[0], None, tuple(p[1:])))
    cache[sent.index] = hits
    return hits


def _capital_reading(sent: Sentence, i: int, pays: list[Any]) -> tuple[Any, ...] | None:
    """A word that is one country's name and another's capital (عمان: Oman, Amman) is the city
    where a place is said: after a preposition of place (في عمان) or opening a dateline
    ("عمان (رويترز) -"); elsewhere the country's name wins."""
    cap = next((p for p in pays if p[0] == "kb" and p[1] == "capital"), None)
    if cap is None:
        return None
    toks = sent.tokens
    if i > 0 and toks[i - 1].norm in word_set("ar", "locatives"):
        return cap
    dateline = sent.index == 0 and i == 0 and len(toks) > 1 and toks[1].text in ("(", "-", "–", ":")
    return cap if dateline else None


def _cased_ok(toks: list[Token], pays: list[Any]) -> bool:
    """English KB names must be capitalised ("Chad", not "chad"); abbreviations exactly so ("WHO", not "Who")."""
    if not any(p[0] == "kb" for p in pays):
        return True
    first = toks[0].text
    if all(p[0] == "kb" and p[1] == "abbr" for p in pays) and len(toks) == 1:
        t = first.replace(".", "")
        return t.isupper() or (len(t) > 1 and t[0].isupper() and any(c.isupper() for c in t[1:]))
    if first[:3].lower() in ("al-", "el-") and first[3:4].isupper():
        return True  # "al-Qaeda", "al-Shabaab"
    return first[:1].isupper() or first[:1].isdigit()

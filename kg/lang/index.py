"""One scan per sentence for every lexicon.

All phrase lexicons of a language go into one matcher whose payloads carry
their category; ``sentence_matches`` runs it once per sentence and caches
the matches on the Work, and each consumer takes its category with
``kg.mentions.matcher.greedy``. This keeps the extractor at one trie walk
per token whatever the number of lexicons.
"""

from __future__ import annotations

from functools import lru_cache, partial
from typing import Any

from kg.lang.lexicon import pattern_tokens, table
from kg.mentions.matcher import PhraseMatcher, greedy
from kg.model import PLOVER_TYPES, Sentence
from kg.pipeline import Work
from kg.text.normalize import norm_text

Match = tuple[int, int, list[Any]]
AR_POSSESSIVE = ("ه", "ها", "هم", "هما", "هن", "نا", "كم")

# category → (file, min columns, max columns)
SIMPLE = {
    "speech": ("speech", 2, 2),
    "negation": ("negation", 2, 2),
    "context": ("context", 2, 2),
    "relation_cues": ("relation_cues", 2, 2),
    "casualties": ("casualties", 2, 2),
    "anaphora": ("anaphora", 2, 2),
    "title_cues": ("title_cues", 2, 2),
    "media_cues": ("media_cues", 2, 2),
    "org_cues": ("org_cues", 2, 2),
}


@lru_cache(maxsize=None)
def combined(lang: str) -> PhraseMatcher:
    from kg.events.triggers import Trigger
    from kg.mentions.lexicon_hits import kb

    m = PhraseMatcher()
    for sf in kb().surface_forms(lang):
        toks = pattern_tokens(sf.text)
        if lang == "en" and sf.kind == "abbr" and len(sf.text) <= 3 and sf.text.isupper():
            toks = (norm_text(sf.text),)
        m.add(toks, ("lex", ("kb", sf.kind, sf.key)))
    for row in table(lang, "bodies", 4, 4):
        m.add(pattern_tokens(row[0]), ("lex", ("body", row[1], row[2], row[3])))
    for row in table(lang, "titles", 4, 4):
        toks = pattern_tokens(row[0])
        m.add(toks, ("lex", ("title", row[1], row[2], row[3])))
        if lang == "ar" and toks and not toks[0].startswith("ال") and not toks[0].endswith(("*", "ه")) and len(toks) > 1:
            # dual construct state: "رئيسا الوزراء X وY"
            m.add((toks[0] + "ا",) + toks[1:], ("lex", ("title", row[1], row[2], row[3])))
    for row in table(lang, "place_cues", 2, 2):
        m.add(pattern_tokens(row[0]), ("lex", ("place_cue", row[1])))
    for row in table(lang, "treaty_cues", 2, 2):
        toks = pattern_tokens(row[0])
        m.add(toks, ("lex", ("treaty_cue", row[1])))
        if lang == "ar" and len(toks) == 1 and not toks[0].endswith("*"):
            base = toks[0][:-1] + "ت" if toks[0].endswith("ه") else toks[0]
            for suf in AR_POSSESSIVE:  # اتفاقها، اتفاقيتهم
                m.add((base + suf,), ("lex", ("treaty_cue", row[1])))
            if not toks[0].endswith(("ه", "ا", "ي")):  # indefinite accusative: وقعا اتفاقا
                m.add((toks[0] + "ا",), ("lex", ("treaty_cue", row[1])))
    for row in table(lang, "triggers", 2, 4):
        if row[1] in PLOVER_TYPES:
            flags = frozenset(f.strip() for f in row[3].split(",") if f.strip())
            m.add(pattern_tokens(row[0]), ("trigger", Trigger(row[1], row[2], flags)))
    for row in table(lang, "victims", 1, 2):
        if row[1] == "military":
            m.add(pattern_tokens(row[0]), ("lex", ("soldiers",)))
    for cat, (name, lo, hi) in SIMPLE.items():
        for row in table(lang, name, lo, hi):
            m.add(pattern_tokens(row[0]), (cat, row[1]))
    if lang == "en":
        from kg.events.en_gaps import phrase_starts

        for w in phrase_starts():  # verbs that open a phrase trigger with a gap ("suspended X's membership")
            m.add((w,), ("phrase_start", w))
    return m


def sentence_matches(work: Work, sent: Sentence) -> dict[str, list[Match]]:
    """All lexicon matches of a sentence by category (cached on the Work)."""
    cache: dict[int, dict[str, list[Match]]] | None = work.scratch.get("matches")
    if cache is None:
        cache = work.scratch["matches"] = {}
    got = cache.get(sent.index)
    if got is not None:
        return got
    m = combined(work.document.lang)
    # a match's payloads split by category, cached per set of trie nodes (the trie is fixed)
    groups: dict[Any, tuple[tuple[str, list[Any]], ...]] = m.__dict__.setdefault("_groups", {})
    if len(groups) > 100_000:  # bounded memory
        groups.clear()
    found = m.scan([t.norm for t in sent.tokens])
    if m._c is not None:
        miss = m.__dict__.get("_group_miss") or m.__dict__.setdefault("_group_miss", partial(_group, groups))
        by_cat = m._c.group(found, groups, miss)
    else:
        by_cat = {}
        for i, j, nodes in found:
            g = groups.get(nodes)
            if g is None:
                g = _group(groups, nodes)
            for cat, ps in g:
                if cat in by_cat:
                    by_cat[cat].append((i, j, list(ps)))  # a fresh list: callers own it
                else:
                    by_cat[cat] = [(i, j, list(ps))]
    cache[sent.index] = by_cat
    return by_cat


def _group(groups: dict[Any, tuple[tuple[str, list[Any]], ...]], nodes: tuple[Any, ...]) -> tuple[tuple[str, list[Any]], ...]:
    """The payloads of a match's trie nodes, split by category (and cached in ``groups``)."""
    cats: dict[str, list[Any]] = {}
    for node in nodes:
        for cat, p in node.payloads:
            cats.setdefault(cat, []).append(p)
    g = groups[nodes] = tuple(cats.items())
    return g


def category(work: Work, sent: Sentence, cat: str, lo: int = 0, hi: int | None = None) -> list[Match]:
    """Greedy (longest, non-overlapping) matches of one category."""
    return greedy(sentence_matches(work, sent).get(cat, []), lo, hi)

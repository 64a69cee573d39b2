"""English verb–object triggers with an object or a count inside them.

A phrase trigger of triggers.tsv ("suspended membership", "placed under house arrest",
"released prisoners", "sent warships") is often written with the affected actor or a
count inside it: "suspended Niger's membership", "placed X under house arrest",
"released 200 prisoners", "sent two warships". Such a gap is filled only by an actor
mention (its possessive too) or by a number expression, so the phrase stays as tight
as the lexicon wrote it; the actor in the gap is the act's target (unless the trigger
is passive). The Arabic counterpart (a subject inside the trigger) is
``kg.events.ar_rules._with_split_triggers``.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from operator import attrgetter

from kg.entities.link import Actor
from kg.events.figures import number_words
from kg.events.frames import cues
from kg.events.triggers import Trigger
from kg.lang.lexicon import pattern_tokens, table
from kg.model import Sentence, Token

START = attrgetter("start")
_MAX_GAP = 6  # tokens: "the former president of Bolivia", "two hundred"
# tokens that may continue a count: "dozens of", "$300 million"
# words that end a free gap: a new clause or a coordination starts there
_CLAUSE_WORDS = {"and", "or", "but", "to", "that", "which", "who", "after", "before", "said", "says"}
_COUNT_GLUE = {"of", "$", "-", "some", "about", "around", "nearly", "more", "than", "at", "least", "over"}


@lru_cache(maxsize=None)
def _phrases() -> dict[str, tuple[tuple[tuple[str, ...], Trigger, frozenset[str]], ...]]:
    """First word → (the other words, trigger, those written in full) of each English phrase trigger."""
    out: dict[str, list[tuple[tuple[str, ...], Trigger, frozenset[str]]]] = {}
    past = {p[0] for p in cues("en").get("past", ())}
    for row in table("en", "triggers", 2, 4):
        toks = pattern_tokens(row[0])
        # a verb in the past opens the phrase ("suspended", "sent"): its object may stand inside
        if len(toks) >= 2 and (toks[0].endswith("ed") or toks[0] in past):
            flags = frozenset(f.strip() for f in row[3].split(",") if f.strip())
            words = frozenset(w for w in toks[1:] if not w.endswith("*"))
            out.setdefault(toks[0], []).append((toks[1:], Trigger(row[1], row[2], flags), words))
    return {k: tuple(v) for k, v in out.items()}


def _determiner(word: str) -> bool:
    return (word,) in cues("en").get("det", ())


@lru_cache(maxsize=None)
def _numbers() -> frozenset[str]:
    return frozenset(number_words("en"))


def _word_ok(tok: Token, pat: str) -> bool:
    return tok.norm.startswith(pat[:-1]) if pat.endswith("*") else tok.norm == pat


def _gap_ends(toks: list[Token], k: int, actor_at: dict[int, int], demonyms: set[int], free: bool):  # type: ignore[no-untyped-def]
    """Ends of the gaps that may start at token k, shortest first.

    A gap holds actor mentions, counts and participles ("two detained French", "Niger's");
    before a phrase rest of two words or more ("X under house arrest", "X as an independent
    state") it may hold any words, since such a rest is specific enough on its own.
    """
    e, filled, adjective = k, False, True
    while e < len(toks) and e - k < _MAX_GAP:
        if e in actor_at:
            # a nationality alone is an adjective of the phrase's noun ("violated Turkish airspace")
            filled = filled or e not in demonyms
            adjective = adjective and e in demonyms
            e = actor_at[e]
        else:
            adjective = False
            t = toks[e]
            if t.text[:1].isdigit() or t.norm in _numbers():
                filled = True
            elif not (t.norm in _COUNT_GLUE or (t.norm.endswith("ed") and t.text.islower())
                      or (free and t.text.isalpha() and t.norm not in _CLAUSE_WORDS)):
                return
            e += 1
        if filled or (free and not adjective):
            yield e


def _match(toks: list[Token], i: int, rest: tuple[str, ...], actor_at: dict[int, int],
           demonyms: set[int], cache: dict[tuple[int, bool], tuple[int, ...]]) -> tuple[int, int, int] | None:
    """(end, gap start, gap end) of the phrase at token i with one gap inside, or None.

    ``cache``: the gap ends per (gap start, free), shared by the phrases of one sentence."""
    n = len(toks)
    for p in range(len(rest)):  # the gap comes before rest[p]
        k = i + 1
        if k + p > n or (p and not _word_ok(toks[k + p - 1], rest[p - 1])):
            return None  # the words before the gap already differ
        g = k + p
        after = rest[p:]
        # after a determiner of the phrase, its noun may take adjectives ("lifted the nationwide curfew")
        free = len(after) >= 2 or (p >= 1 and _determiner(rest[p - 1]))
        ends = cache.get((g, free))
        if ends is None:
            ends = cache[(g, free)] = tuple(_gap_ends(toks, g, actor_at, demonyms, free))
        for end in ends:
            if end + len(after) <= n and all(_word_ok(toks[end + m], w) for m, w in enumerate(after)):
                return end + len(after), g, end
    return None


def phrase_starts() -> frozenset[str]:
    """The words that open a gapped phrase: the lexicon scan marks them (category "phrase_start")."""
    return frozenset(_phrases())


def gapped_triggers(triggers, sent: Sentence, actors: list[Actor], starts: list[int]):  # type: ignore[no-untyped-def]
    """Add phrase triggers written with an actor or a count inside them.

    ``starts``: the tokens that open such a phrase (from the sentence's lexicon scan).
    Returns the trigger list (the new ones replace the shorter triggers they cover) and, per
    new trigger start, the actors inside its gap (its targets).
    """
    phrases = _phrases()
    toks = sent.tokens
    firsts = []  # (phrase start, the phrases whose words all stand near it)
    for i in starts:
        near = {t.norm for t in toks[i + 1:i + 1 + _MAX_GAP + 6]}  # the words a phrase may use
        cands = [c for c in phrases[toks[i].norm] if c[2] <= near]  # most: a word of theirs is not there
        if cands:
            firsts.append((i, cands))
    if not firsts:
        return triggers, {}
    actor_at: dict[int, int] = {}
    demonyms: set[int] = set()
    by_start: dict[int, list[Actor]] = {}
    for a in actors:
        s = _token_index(toks, a.mention.start)
        e = _token_index(toks, a.mention.end - 1)
        if s is not None and e is not None:
            actor_at[s] = max(actor_at.get(s, s), e + 1)
            by_start.setdefault(s, []).append(a)
            if a.mention.attrs.get("demonym"):
                demonyms.add(s)
    extra = []
    objects: dict[int, list[Actor]] = {}
    cache: dict[tuple[int, bool], tuple[int, ...]] = {}
    reach: dict[int, int] = {}  # the end of the longest lexicon match at each start: a gap never beats the written phrase
    types: dict[int, str] = {}
    for i, j, pays in triggers:
        reach[i] = max(reach.get(i, 0), j)
        types[i] = pays[0].type
    for i, cands in firsts:
        best = None
        for rest, trig, _ in cands:
            got = _match(toks, i, rest, actor_at, demonyms, cache)
            if got is not None and (best is None or got[0] > best[0][0]):
                best = (got, trig)
        if best is None:
            continue
        (end, g0, g1), trig = best
        if reach.get(i, 0) >= end or any(g0 <= k < g1 < reach[k] and types[k] == trig.type for k in reach):
            continue  # (nor one of its type that runs from the gap into the phrase: "held a phone call")
        extra.append((i, end, [trig]))
        objects[i] = next((by_start[k] for k in range(g0, g1) if k in by_start), [])
    if not extra:
        return triggers, {}
    spans = [(i, j) for i, j, _ in extra]
    kept = [t for t in triggers if not any(i <= t[0] < j and t[1] <= j for i, j in spans)]
    merged = sorted(kept + extra, key=lambda x: (x[0], -x[1]))
    out, pos = [], 0
    for t in merged:  # no overlaps: the longer reading of a span wins, as in the lexicon matcher
        if t[0] >= pos:
            out.append(t)
            pos = t[1]
    return out, {i: objects[i] for i, _, _ in out if i in objects}


def _token_index(toks: list[Token], char: int) -> int | None:
    """The token holding character ``char``."""
    k = bisect_right(toks, char, key=START) - 1
    return k if k >= 0 and toks[k].start <= char < toks[k].end else None

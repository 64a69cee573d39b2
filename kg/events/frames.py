"""Frames that keep an event word from reporting an act, and frames that turn its roles.

News names many acts it does not report: as a modifier of a thing ("the
sanctions list", "attack helicopters"), as a state ("has been under
sanctions"), as a known cause ("because of its tests", "despite warnings"),
as a classification ("it was a peaceful launch"), as a hypothesis ("the
possible deployment"), as an adjective ("the detained men"), or as the
content of another act ("opposed the deployment", "demanded an apology" —
the act is the opposing or the demand). ``non_event`` says so for a trigger.

``undergoer`` finds the subject of a verb that undergoes the act named by
the noun after it ("X faces new sanctions": X is the target).

The cue words are ``kg/lang/<lang>/data/frames.tsv``; a language without
that file has no frames, so nothing changes for it.
"""

from __future__ import annotations

from functools import lru_cache

from kg.lang.lexicon import pattern_tokens, table
from kg.model import Token

# how far before a trigger a framing word may stand ("under U.N. sanctions", "was a peaceful launch")
_WINDOW = 5
_CLAUSE_STOP = {",", ";", ":", "(", ")", "\"", "“", "”", "'", "-", "–"}
# words between a governing verb and its object that show a new clause, not an object
_NOT_OBJECT = {"to", "that", "and", "or", "but", "which", "who", "it", "they", "he", "she", "we", "i", "if", "as"}
# event types whose object noun is their content ("opposed the deployment", "called for sanctions")
GOVERNORS = frozenset({"ACCUSE", "REQUEST", "THREATEN", "REJECT", "SUPPORT"})


@lru_cache(maxsize=None)
def cues(lang: str) -> dict[str, frozenset[tuple[str, ...]]]:
    """kind → the token tuples of that kind (empty for a language without frames.tsv)."""
    out: dict[str, set[tuple[str, ...]]] = {}
    for row in table(lang, "frames", 2, 2):
        toks = pattern_tokens(row[0])
        if toks:
            out.setdefault(row[1], set()).add(toks)
    return {k: frozenset(v) for k, v in out.items()}


def _ends_with(toks: list[Token], k: int, kind: frozenset[tuple[str, ...]]) -> int:
    """Length of the longest cue of ``kind`` ending at token k (0: none)."""
    for n in (3, 2, 1):
        if k - n + 1 >= 0 and tuple(t.norm for t in toks[k - n + 1:k + 1]) in kind:
            return n
    return 0


def _window(toks: list[Token], ti: int) -> range:
    """Tokens before ti back to the clause edge, at most _WINDOW of them (nearest first)."""
    lo = max(0, ti - _WINDOW)
    for k in range(ti - 1, lo - 1, -1):
        if toks[k].text in _CLAUSE_STOP:
            return range(ti - 1, k, -1)
    return range(ti - 1, lo - 1, -1)


def _modifier(toks: list[Token], tj: int, c: dict[str, frozenset[tuple[str, ...]]]) -> bool:
    """"sanctions list", "attack helicopters": the trigger modifies the noun after it."""
    return tj < len(toks) and _starts(toks, tj, c.get("head", frozenset()))


def _starts(toks: list[Token], k: int, kind: frozenset[tuple[str, ...]]) -> bool:
    return any(tuple(t.norm for t in toks[k:k + len(p)]) == p for p in kind)


def _framed_before(toks: list[Token], ti: int, ttype: str, c: dict[str, frozenset[tuple[str, ...]]]) -> bool:
    """A hypothesis, a known cause, a state or a classification before the event word."""
    empty: frozenset[tuple[str, ...]] = frozenset()
    for k in _window(toks, ti):
        if k >= ti - 2 and _ends_with(toks, k, c.get("hypothetical", empty)):
            return True  # "the possible deployment", "a proposed ban"
        if _ends_with(toks, k, c.get("background", empty)):
            return True  # "despite warnings", "because of its tests"
        if ttype != "ASSAULT" and _ends_with(toks, k, c.get("stative", empty)) \
                and not _ends_with(toks, k, c.get("undergo", empty)):
            return True  # "under sanctions" (but "under heavy fire" is fighting, "came under" is undergone)
        if k + 1 < ti and _ends_with(toks, k, c.get("copula", empty)) \
                and _ends_with(toks, k + 1, c.get("det", empty)) and not (k > 0 and toks[k - 1].norm == "there") \
                and not any(toks[m].norm in _NOT_OBJECT or _ends_with(toks, m, c.get("prep", empty))
                            for m in range(k + 2, ti)):
            return True  # "it was a peaceful launch" (but "there was an attack" reports one)
    return False


def _adjective(toks: list[Token], ti: int, tj: int, c: dict[str, frozenset[tuple[str, ...]]]) -> bool:
    """"the detained men", "into besieged towns": a participle after a determiner or preposition."""
    if tj - ti != 1 or ti == 0 or not toks[ti].norm.endswith("ed"):
        return False
    empty: frozenset[tuple[str, ...]] = frozenset()
    return bool(_ends_with(toks, ti - 1, c.get("det", empty)) or _ends_with(toks, ti - 1, c.get("prep", empty)))


def _governed(toks: list[Token], ti: int, governors: list[tuple[int, int]], actor_tokens: set[int]) -> bool:
    """The event word is the object of an earlier speech act ("opposed the deployment")."""
    for gi, gj in governors:
        if gj <= ti <= gj + 3 and not any(
                k in actor_tokens or toks[k].text in _CLAUSE_STOP or toks[k].norm in _NOT_OBJECT
                for k in range(gj, ti)):
            return True
    return False


def non_event(toks: list[Token], ti: int, tj: int, ttype: str, lang: str,
              governors: list[tuple[int, int]], actor_tokens: set[int]) -> bool:
    """Does the trigger at [ti, tj) name an act the sentence does not report?

    ``governors``: token spans of the sentence's speech-act triggers (types in GOVERNORS);
    ``actor_tokens``: indices of tokens inside actor mentions.
    """
    c = cues(lang)
    if not c:
        return False
    return (_modifier(toks, tj, c) or _framed_before(toks, ti, ttype, c) or _adjective(toks, ti, tj, c)
            or _governed(toks, ti, governors, actor_tokens))


def undergoer(toks: list[Token], ti: int, lang: str) -> int | None:
    """Token index of an undergo verb ("faces", "came under") shortly before the trigger, else None."""
    kind = cues(lang).get("undergo")
    if not kind:
        return None
    for k in _window(toks, ti):
        n = _ends_with(toks, k, kind)
        if n:
            return k - n + 1
    return None


def clause_follows(toks: list[Token], j: int, lang: str) -> bool:
    """A finite auxiliary within a few words after a speech verb ending at j: a reported clause
    without "that" ("says a jet has violated ..."), not an object ("announced new sanctions")."""
    aux = cues(lang).get("aux")
    if not aux:
        return False
    for k in range(j, min(len(toks), j + 5)):
        if toks[k].text in _CLAUSE_STOP:
            return False
        if k > j and (toks[k].norm,) in aux:
            return True
    return False


def parties_follow(toks: list[Token], tj: int, lang: str) -> bool:
    """Does a word that introduces the two sides follow the event noun ("talks between")?"""
    kind = cues(lang).get("parties")
    return bool(kind) and tj < len(toks) and (toks[tj].norm,) in kind

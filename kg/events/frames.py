"""Frames that keep an event word from reporting an act, and frames that turn its roles.

News names many acts it does not report: as a modifier of a thing ("the
sanctions list", "attack helicopters"), as a state ("has been under
sanctions"), as a known cause ("because of the coup", "despite warnings"),
as a classification ("it was a routine drill"), as a hypothesis ("a
possible blockade"), as an adjective ("the detained fishermen"), or as the
content of another act ("opposed the deployment", "demanded a withdrawal" —
the act is the opposing or the demand). ``non_event`` says so for a trigger.

``undergoer`` finds the subject of a verb that undergoes the act named by
the noun after it ("X faces fresh sanctions": X is the target).

One act is told once: an event noun in the means phrase of a verb's act
("killed 30 militants in an air strike", ``means_before``) is that act, and an
act in the reason phrase of a verbal act ("praised X for its role in the
talks", ``reason_of``) is what the speaker judges, not news.

The cue words are ``kg/lang/<lang>/data/frames.tsv``; a language without
that file has no frames, so nothing changes for it.
"""

from __future__ import annotations

from functools import lru_cache

from kg.lang.lexicon import pattern_tokens, table
from kg.model import Token

# how far before a trigger a framing word may stand ("under a trade embargo", "was a routine drill")
_WINDOW = 5
_CLAUSE_STOP = {",", ";", ":", "(", ")", "\"", "“", "”", "'", "-", "–"}
# words between a governing verb and its object that show a new clause, not an object
_NOT_OBJECT = {"to", "that", "and", "or", "but", "which", "who", "it", "they", "he", "she", "we", "i", "if", "as"}
# event types whose object noun is their content ("opposed the deployment", "called for sanctions")
GOVERNORS = frozenset({"ACCUSE", "REQUEST", "THREATEN", "REJECT", "SUPPORT", "AGREE", "PROTEST"})
# acts whose "to" complement is only asked for or threatened ("urged X to hold talks")
# acts whose infinitive is only asked for, threatened, promised or refused ("agreed to share", "refused to return")
# (and a deployment's or aid's purpose: "sent troops to help X fight militants")
_ASKING = frozenset({"REQUEST", "THREATEN", "AGREE", "REJECT", "MOBILIZE", "AID", "ACCUSE"})
_ASK_REACH = 7


@lru_cache(maxsize=None)
def cues(lang: str) -> dict[str, frozenset[tuple[str, ...]]]:
    """kind → the token tuples of that kind (empty for a language without frames.tsv)."""
    out: dict[str, set[tuple[str, ...]]] = {}
    for row in table(lang, "frames", 2, 2):
        toks = pattern_tokens(row[0])
        if toks:
            out.setdefault(row[1], set()).add(toks)
    return {k: frozenset(v) for k, v in out.items()}


_Cands = tuple[tuple[tuple[str, ...], frozenset[str]], ...]


@lru_cache(maxsize=None)
def _by_edge(lang: str, last: bool) -> dict[str, _Cands]:
    """Edge token (last or first) → the cues with that edge and their kinds, longest first."""
    by: dict[tuple[str, ...], set[str]] = {}
    for kind, pats in cues(lang).items():
        for p in pats:
            by.setdefault(p, set()).add(kind)
    out: dict[str, list[tuple[tuple[str, ...], frozenset[str]]]] = {}
    for p, kinds in by.items():
        out.setdefault(p[-1] if last else p[0], []).append((p, frozenset(kinds)))
    return {w: tuple(sorted(c, key=lambda x: -len(x[0]))) for w, c in out.items()}


_NONE: dict[str, int] = {}


def _ending(toks: list[Token], k: int, lang: str) -> dict[str, int]:
    """kind → length of the longest cue of that kind ending at token k (most tokens: none)."""
    cands = _by_edge(lang, True).get(toks[k].norm)
    if not cands:
        return _NONE
    out: dict[str, int] = {}
    for p, kinds in cands:
        n = len(p)
        if n <= k + 1 and all(toks[k - n + 1 + m].norm == w for m, w in enumerate(p[:-1])):
            for kind in kinds:
                out.setdefault(kind, n)
    return out


def _starting(toks: list[Token], k: int, lang: str) -> frozenset[str]:
    """Kinds of the cues that start at token k."""
    cands = _by_edge(lang, False).get(toks[k].norm)
    if not cands:
        return frozenset()
    out: set[str] = set()
    for p, kinds in cands:
        if k + len(p) <= len(toks) and all(toks[k + m].norm == w for m, w in enumerate(p[1:], 1)):
            out.update(kinds)
    return frozenset(out)


def _window(toks: list[Token], ti: int) -> range:
    """Tokens before ti back to the clause edge, at most _WINDOW of them (nearest first)."""
    lo = max(0, ti - _WINDOW)
    for k in range(ti - 1, lo - 1, -1):
        if toks[k].text in _CLAUSE_STOP:
            return range(ti - 1, k, -1)
    return range(ti - 1, lo - 1, -1)


def _modifier(toks: list[Token], tj: int, lang: str) -> bool:
    """"sanctions list", "attack helicopters": the trigger modifies the noun after it."""
    return tj < len(toks) and "head" in _starting(toks, tj, lang)


def _framed_before(toks: list[Token], ti: int, ttype: str, lang: str) -> bool:
    """A hypothesis, a known cause, a state or a classification before the event word."""
    for k in _window(toks, ti):
        kinds = _ending(toks, k, lang)
        if not kinds:
            continue
        if k >= ti - 2 and "hypothetical" in kinds:
            return True  # "a possible blockade", "a proposed ban"
        if "background" in kinds:
            return True  # "despite warnings", "because of the coup"
        if ttype != "ASSAULT" and "stative" in kinds and k > 0 and {"copula", "stay"} & _ending(toks, k - 1, lang).keys():
            return True  # "has been under sanctions", "remains under embargo" (but "placed X under arrest"
            # is an arrest, "came under fire" an attack)
        if "copula" in kinds and k + 1 < ti and "det" in _ending(toks, k + 1, lang) \
                and not (k > 0 and toks[k - 1].norm == "there") \
                and not any(toks[m].norm in _NOT_OBJECT or "prep" in _ending(toks, m, lang) for m in range(k + 2, ti)):
            return True  # "it was a routine drill" (but "there was an attack" reports one)
    return False


def _adjective(toks: list[Token], ti: int, tj: int, lang: str) -> bool:
    """"the detained fishermen", "over besieged villages": a participle after a determiner or preposition."""
    if tj - ti != 1 or ti == 0 or not toks[ti].norm.endswith("ed"):
        return False
    kinds = _ending(toks, ti - 1, lang)
    # (a count too: "freed two kidnapped engineers")
    return "det" in kinds or "prep" in kinds or toks[ti - 1].text.isdigit() or "count" in kinds


def _evaluated(toks: list[Token], ti: int, tj: int, lang: str) -> bool:
    """"the attack was a violation", "the talks were constructive": a known act, judged, not reported
    (but "the attack was carried out by X" is a passive that reports it)."""
    if ti == 0 or toks[ti - 1].norm != "the" or tj + 1 >= len(toks) or "copula" not in _starting(toks, tj, lang):
        return False
    nxt = toks[tj + 1].norm
    return not (nxt.endswith(("ed", "en")) or nxt in ("being", "not"))


def _judged(toks: list[Token], ti: int, lang: str) -> bool:
    """"called the attack a violation (of the ceasefire)", "described the arrests as illegal": a known
    act and what it is called are judged, not reported."""
    judge = _single(lang, "judge")
    for k in range(ti - 1, max(-1, ti - 1 - _WINDOW), -1):
        if toks[k].text in _CLAUSE_STOP:
            return False
        if toks[k].norm in judge and k + 1 < ti and "det" in _ending(toks, k + 1, lang):
            return True
    return False


@lru_cache(maxsize=None)
def _single(lang: str, kind: str) -> frozenset[str]:
    """The one-word cues of a kind, as a set of words."""
    return frozenset(p[0] for p in cues(lang).get(kind, ()) if len(p) == 1)


def _governed(toks: list[Token], ti: int, governors: list[tuple[int, int, str]], spans: list[tuple[int, int]]) -> bool:
    """The event word is the object of an earlier speech act ("opposed the deployment")."""
    for gi, gj, gtype in governors:
        if gtype not in GOVERNORS:
            continue
        owner = _possessor_between(toks, gj, ti, spans)  # "condemned X's missile launch": X owns the object
        if gj <= ti <= gj + 3 and not any(
                (_inside(toks[k], spans) and not owner) or toks[k].text in _CLAUSE_STOP or toks[k].norm in _NOT_OBJECT
                for k in range(gj, ti)):
            return True
    return False


def _asked(toks: list[Token], ti: int, governors: list[tuple[int, int, str]]) -> bool:
    """The act a request, threat or promise is about ("urged X to return to talks", "agreed to share")."""
    return any(gtype in _ASKING and gj < ti <= gj + _ASK_REACH and _infinitive_between(toks, gj, ti)
               or gtype in _ASKING and gj == ti and gj > 0 and toks[gj - 1].norm == "to"
               for gi, gj, gtype in governors)


def _possessor_between(toks: list[Token], gj: int, ti: int, spans: list[tuple[int, int]]) -> bool:
    """Does an actor stand right before the event word, as its owner ("X's missile launch") or
    modifier ("the EU aid package")?"""
    return ti > gj and _inside(toks[ti - 1], spans)


def _inside(tok: Token, spans: list[tuple[int, int]]) -> bool:
    return any(a <= tok.start < b for a, b in spans)


def _infinitive_between(toks: list[Token], gj: int, ti: int) -> bool:
    """A "to" after the governing verb (and its object), in the same clause, before the trigger."""
    for k in range(gj, ti):
        if toks[k].norm == "and" and k + 1 < ti and toks[k + 1].text[:1].isupper():
            continue  # "urged Serbia and Kosovo to resume talks": coordinated names, one object
        if toks[k].text in _CLAUSE_STOP or toks[k].norm in ("and", "but", "which", "who", "that"):
            return False
    return (gj > 0 and toks[gj - 1].norm == "to") or any(toks[k].norm == "to" for k in range(gj, min(ti, gj + 4)))


def non_event(toks: list[Token], ti: int, tj: int, ttype: str, lang: str,
              governors: list[tuple[int, int, str]], spans: list[tuple[int, int]]) -> bool:
    """Does the trigger at [ti, tj) name an act the sentence does not report?

    ``governors``: (start, end, type) of the sentence's speech-act triggers (types in GOVERNORS);
    ``spans``: character spans of the actor mentions.
    """
    if not cues(lang):
        return False
    if any(a <= toks[ti].start and toks[tj - 1].end <= b for a, b in spans):
        return True  # a word of a name: "the Rapid Support Forces", "the Popular Mobilization Forces"
    return (_modifier(toks, tj, lang) or _framed_before(toks, ti, ttype, lang) or _adjective(toks, ti, tj, lang)
            or _evaluated(toks, ti, tj, lang) or _judged(toks, ti, lang)
            or (_governed(toks, ti, governors, spans) and not parties_follow(toks, tj, lang))
            or _asked(toks, ti, governors))
    # (a governed act with its own two sides is reported too: "welcomed the truce between X and Y")


@lru_cache(maxsize=None)
def _undergo_last(lang: str) -> frozenset[str]:
    """Last words of the undergo cues: most tokens are none, so the check is one set lookup."""
    return frozenset(p[-1] for p in cues(lang).get("undergo", ()))


def undergoer(toks: list[Token], ti: int, lang: str) -> int | None:
    """Token index of an undergo verb ("faces", "came under") shortly before the trigger, else None."""
    last = _undergo_last(lang)
    if not last:
        return None
    for k in _window(toks, ti):
        if toks[k].norm not in last:
            continue
        n = _ending(toks, k, lang).get("undergo")
        if n:
            return k - n + 1
    return None


def clause_follows(toks: list[Token], j: int, lang: str) -> bool:
    """A finite auxiliary within a few words after a speech verb ending at j: a reported clause
    without "that" ("says a drone has crossed ..."), not an object ("announced new sanctions")."""
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
    return tj < len(toks) and "parties" in _starting(toks, tj, lang)


def possessive_in(toks: list[Token], ti: int, tj: int, lang: str) -> bool:
    """Does the trigger span hold a possessive pronoun ("violated its airspace")?"""
    return any("possessive" in _starting(toks, k, lang) for k in range(ti + 1, tj))


def after_determiner(toks: list[Token], ti: int, lang: str) -> bool:
    """Is the trigger a noun phrase's head, right after a determiner ("the talks", "a truce")?"""
    return ti > 0 and "det" in _ending(toks, ti - 1, lang)


def manner(toks: list[Token], ti: int, lang: str) -> bool:
    """Does the trigger start with a manner preposition ("by phone", "over the phone")?"""
    return "manner" in _starting(toks, ti, lang)


_MEANS_SKIP = 3  # determiner, count and modifiers between the preposition and the noun: "in a Chilean air strike"


def means_before(toks: list[Token], ti: int, lang: str) -> bool:
    """Is the event word at ti in a means phrase ("in an air strike", "during a raid")?"""
    for k in range(ti - 1, max(-1, ti - 2 - _MEANS_SKIP), -1):
        kinds = _starting(toks, k, lang)
        if "means" in kinds:
            return True
        if toks[k].text in _CLAUSE_STOP or toks[k].norm in _NOT_OBJECT:
            return False
    return False


_REASON_REACH = 8
# (and a meeting's topic: "negotiated with X over the release of hostages")
_VERBAL_CONTENT = frozenset({"ACCUSE", "THREATEN", "REJECT", "SUPPORT", "CONCEDE", "CONSULT"})


def reason_of(toks: list[Token], ti: int, verbal: list[tuple[int, int]], lang: str) -> bool:
    """Is the event word at ti inside the reason phrase of an earlier verbal act in its clause
    ("praised X for its role in the talks", "accused X of backing rebels")?

    ``verbal``: token spans of the sentence's triggers whose type is in _VERBAL_CONTENT."""
    for gi, gj in verbal:
        if not gj <= ti <= gj + _REASON_REACH:
            continue
        for k in range(gj, ti):
            if toks[k].text in _CLAUSE_STOP or toks[k].norm in ("and", "but", "that", "which", "who"):
                break
            if "reason" in _starting(toks, k, lang):
                return True
    return False

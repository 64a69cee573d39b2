"""Source and target of an event trigger from a dependency parse (Universal Dependencies).

The event extractor calls these when the ``parse`` annotation is present
(``has_parse(sentence)``) and keeps its rules as the fallback. All indexes
are positions in ``sentence.tokens`` (one Token per stanza word).

* active: source = ``nsubj``; target = ``obj``, else an ``obl``/``nmod``
  whose case marker is a target preposition (``kg/lang/<lang>/data/dep_preps.tsv``:
  على، ضد، مع، إلى / against, on, with, to, at);
* passive (``nsubj:pass``/``aux:pass``/agent present): target = ``nsubj:pass``,
  source = ``obl:agent``/``nmod:agent`` or an obl with an agent marker (by, من قبل);
* the subject is shared along ``conj`` ("X shelled and attacked Y") and
  controlled through ``xcomp`` ("X decided to attack Y"), never through
  ``ccomp``: in "X said that Y attacked Z" the event's source is Y, and X is
  returned by :func:`speech_claimant`;
* a nominal trigger that is the object of a light verb ("X launched an attack
  on Y", "شن X هجوما على Y") takes the verb's subject as source.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from kg.errors import DataError, error
from kg.model import Mention, Sentence
from kg.resources import lang_data
from kg.text.normalize import norm_token

AGENT_RELS = frozenset({"obl:agent", "nmod:agent"})
PASSIVE_MARKS = frozenset({"nsubj:pass", "aux:pass", "csubj:pass", "expl:pass"})
NOMINAL = frozenset({"NOUN", "PROPN"})


def _norm_phrase(text: str) -> str:
    return " ".join(norm_token(w, "") for w in text.split())


@lru_cache(maxsize=None)
def prep_roles(lang: str) -> dict[str, str]:
    """Normalised preposition (or multiword marker) → role, from dep_preps.tsv."""
    path = lang_data(lang) / "dep_preps.tsv"
    out: dict[str, str] = {}
    if not path.is_file():
        return out
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) != 2 or cols[1] not in ("target", "agent", "noun-target", "none") or not cols[0]:
            raise error(DataError, "E600", path=str(path), line=n,
                        detail="expected: preposition<TAB>target|agent|noun-target|none")
        out.setdefault(_norm_phrase(cols[0]), cols[1])
    return out


def has_parse(sentence: Sentence) -> bool:
    """True when the tokens carry a dependency parse (deprels from a parser)."""
    return any(t.deprel for t in sentence.tokens)


def children(sentence: Sentence, i: int) -> list[int]:
    return [j for j, t in enumerate(sentence.tokens) if t.head == i]


def _rel(sentence: Sentence, i: int) -> str:
    return (sentence.tokens[i].deprel or "").lower()


def _base(rel: str) -> str:
    return rel.split(":", 1)[0]


def _lang_of(sentence: Sentence) -> str:
    return "ar" if any("\u0600" <= c <= "\u06ff" for c in sentence.text) else "en"


def _marker(sentence: Sentence, i: int, lang: str) -> str | None:
    """Role given by the case marker(s) of dependent ``i`` (longest listed phrase wins)."""
    roles = prep_roles(lang)
    cases = [j for j in children(sentence, i) if _base(_rel(sentence, j)) == "case"]
    if not cases:
        return None
    forms = []
    for j in cases:
        t = sentence.tokens[j]
        forms.append([norm_token(f, lang) for f in (t.lemma, t.norm, t.text) if f])
    # the whole marker sequence first ("من قبل"), then each marker alone
    joined = " ".join(f[0] for f in forms)
    if joined in roles:
        return roles[joined]
    for options in forms:
        for f in options:
            if f in roles:
                return roles[f]
    return None


def _subject(sentence: Sentence, i: int) -> int | None:
    """The active subject of token ``i`` (nsubj, not nsubj:pass)."""
    for j in children(sentence, i):
        rel = _rel(sentence, j)
        if _base(rel) == "nsubj" and rel != "nsubj:pass":
            return j
    return None


def _inherited_subject(sentence: Sentence, i: int) -> int | None:
    """The subject of ``i``, shared along conj and controlled through xcomp."""
    seen = {i}
    while True:
        who = _subject(sentence, i)
        head = sentence.tokens[i].head
        if who is not None or head is None or head in seen or _rel(sentence, i) not in ("conj", "xcomp"):
            return who
        seen.add(head)
        i = head


def is_passive(sentence: Sentence, i: int) -> bool:
    return any(_rel(sentence, j) in PASSIVE_MARKS | AGENT_RELS for j in children(sentence, i))


@lru_cache(maxsize=None)
def _temporal_words(lang: str) -> frozenset[str]:
    """Weekdays, months, "yesterday"... from the lead's dates.tsv: "on Monday" is no target."""
    try:
        from kg.lang.lexicon import word_set

        return word_set(lang, "dates")
    except Exception:  # the file is optional here; a malformed one is reported by its owner
        return frozenset()


def _prep_dependent(sentence: Sentence, j: int, lang: str) -> tuple[str | None, int]:
    """(role, role-bearing token) for an obl/nmod dependent ``j``.

    Compound markers whose last word is the dependent itself ("من قبل X",
    "على يد X": X hangs under قبل/يد) hand the role to that word's nmod.
    """
    cases = [k for k in children(sentence, j) if _base(_rel(sentence, k)) == "case"]
    if cases:
        toks = sentence.tokens
        words = [norm_token(toks[k].lemma or toks[k].text, lang) for k in cases]
        joined = " ".join(words + [norm_token(toks[j].lemma or toks[j].text, lang)])
        role = prep_roles(lang).get(joined)
        if role in ("agent", "target"):
            bearer = next((k for k in children(sentence, j) if _base(_rel(sentence, k)) in ("nmod", "obl")), None)
            if bearer is not None:
                return role, bearer
    return _marker(sentence, j, lang), j


def _own_roles(sentence: Sentence, trigger: int, lang: str,
               exclude: frozenset[int] = frozenset()) -> tuple[int | None, int | None]:
    kids = [j for j in children(sentence, trigger) if j not in exclude]
    passive = is_passive(sentence, trigger)
    nominal = sentence.tokens[trigger].upos in NOMINAL
    temporal = _temporal_words(lang)
    src: int | None = None
    tgt: int | None = None
    for j in kids:
        rel = _rel(sentence, j)
        if passive:
            if rel == "nsubj:pass" and tgt is None:
                tgt = j
            elif rel in AGENT_RELS and src is None:
                src = j
        else:
            if _base(rel) == "nsubj" and src is None:
                src = j
            elif rel == "obj" and tgt is None:
                tgt = j
    # prepositional dependents, nearest to the trigger first
    for j in sorted(kids, key=lambda k: abs(k - trigger)):
        rel = _rel(sentence, j)
        if _base(rel) not in ("obl", "nmod") or rel in AGENT_RELS or rel.endswith(":tmod"):
            continue
        tok = sentence.tokens[j]
        if norm_token(tok.text, lang) in temporal or (tok.ner or "").endswith(("DATE", "TIME")):
            continue
        role, bearer = _prep_dependent(sentence, j, lang)
        if role == "agent" and src is None:
            src = bearer
        elif (role == "target" or (role == "noun-target" and nominal)) and tgt is None:
            tgt = bearer
    if src is None and nominal:
        for j in kids:  # "Armenia's attack", "its shelling"
            if _rel(sentence, j) == "nmod:poss":
                src = j
                break
    return src, tgt


def dependency_roles(sentence: Sentence, trigger: int, lang: str | None = None,
                     exclude: Iterable[int] = ()) -> tuple[int | None, int | None]:
    """(source head, target head) token indexes for the event whose trigger is token ``trigger``.

    ``exclude``: the other tokens of a multiword trigger ("opened fire on",
    "أطلق النار على"), never taken as a role. Either result may be None;
    (None, None) when the sentence has no parse.
    """
    if not has_parse(sentence) or not 0 <= trigger < len(sentence.tokens):
        return None, None
    lang = lang or _lang_of(sentence)
    skip = frozenset(exclude)
    src, tgt = _own_roles(sentence, trigger, lang, skip)
    toks = sentence.tokens
    # shared subject along conj, controlled subject through xcomp
    cur, seen = trigger, {trigger}
    while (src is None or tgt is None) and _rel(sentence, cur) in ("conj", "xcomp") and toks[cur].head is not None:
        head = toks[cur].head
        if head in seen:
            break
        seen.add(head)
        hsrc, htgt = _own_roles(sentence, head, lang, skip)
        if src is None and hsrc is not None:
            src = hsrc
        # a passive verb conjoined with a passive verb shares the patient too
        if tgt is None and htgt is not None and is_passive(sentence, head) and is_passive(sentence, trigger):
            tgt = htgt
        cur = head
    # "X threatened to attack Y", "X vowed to launch an attack on Y": the target sits in the xcomp
    if tgt is None:
        for c in children(sentence, trigger):
            if _rel(sentence, c) != "xcomp" or c in skip:
                continue
            _, t = _own_roles(sentence, c, lang, skip)
            if t is not None and toks[t].upos in NOMINAL and _rel(sentence, t) == "obj":
                _, inner = _own_roles(sentence, t, lang, skip)  # a nominal event object: its own target
                t = inner if inner is not None else t
            if t is not None:
                tgt = t
                break
    # light verb + nominal trigger: "(threatened to) launch an attack on Y"
    if src is None and toks[trigger].upos in NOMINAL and _rel(sentence, trigger) == "obj":
        head = toks[trigger].head
        if head is not None:
            src = _inherited_subject(sentence, head)
    if src == trigger:
        src = None
    if tgt == trigger or tgt == src:
        tgt = None
    return src, tgt


def speech_claimant(sentence: Sentence, trigger: int) -> int | None:
    """The speaker who reports the event: "X said that Y attacked Z" → X (token index) or None.

    The event's clause is found by climbing conj/xcomp from the trigger; it is
    a claim when that clause is the ``ccomp`` of a verb (the speaker is its
    subject, or its agent in the passive) or has a ``parataxis`` verb with a
    subject and no object ("Y attacked Z, X said").
    """
    if not has_parse(sentence) or not 0 <= trigger < len(sentence.tokens):
        return None
    toks = sentence.tokens
    cur, seen = trigger, {trigger}
    while _rel(sentence, cur) in ("conj", "xcomp") and toks[cur].head is not None and toks[cur].head not in seen:
        cur = toks[cur].head
        seen.add(cur)
    if _rel(sentence, cur) == "ccomp" and toks[cur].head is not None:
        head = toks[cur].head
        who = _subject(sentence, head)
        if who is None:
            who = next((j for j in children(sentence, head) if _rel(sentence, j) in AGENT_RELS), None)
        if who is None and _rel(sentence, head) in ("conj", "xcomp") and toks[head].head is not None:
            who = _subject(sentence, toks[head].head)
        return who
    for j in children(sentence, cur):
        if _rel(sentence, j) != "parataxis" or toks[j].upos != "VERB":
            continue
        rels = {_rel(sentence, k) for k in children(sentence, j)}
        if "obj" in rels or "ccomp" in rels:
            continue
        who = _subject(sentence, j)
        if who is not None:
            return who
    return None


def conjuncts(sentence: Sentence, i: int) -> list[int]:
    """``i`` and the tokens coordinated with it ("Armenia and Azerbaijan" → both heads)."""
    out, todo = [i], [i]
    while todo:
        k = todo.pop()
        for j in children(sentence, k):
            if _rel(sentence, j) == "conj" and j not in out:
                out.append(j)
                todo.append(j)
    return sorted(out)


def subtree(sentence: Sentence, i: int) -> tuple[int, int]:
    """Character span of token ``i`` and all its dependents (its phrase)."""
    nodes, todo = {i}, [i]
    while todo:
        k = todo.pop()
        for j in children(sentence, k):
            if j not in nodes and _rel(sentence, j) not in ("conj", "cc", "punct"):
                nodes.add(j)
                todo.append(j)
    toks = sentence.tokens
    return min(toks[k].start for k in nodes), max(toks[k].end for k in nodes)


def mention_for(sentence: Sentence, i: int | None, mentions: list[Mention]) -> Mention | None:
    """The mention that a role head stands for: the one covering the head token, else the
    longest one inside the head's phrase."""
    if i is None:
        return None
    tok = sentence.tokens[i]
    covering = [m for m in mentions if m.start <= tok.start and tok.end <= m.end]
    if covering:
        return max(covering, key=lambda m: m.end - m.start)
    lo, hi = subtree(sentence, i)
    inside = [m for m in mentions if lo <= m.start and m.end <= hi]
    if inside:
        return min(inside, key=lambda m: (m.start, -(m.end - m.start)))
    return None

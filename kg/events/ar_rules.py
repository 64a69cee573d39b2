"""Arabic event rules, applied by ``kg.events.extract`` to Arabic sentences only.

A trigger in a background, topic or anaphoric frame, inside a verb–subject–object trigger or
governed by a call or an agreement is no new event; a verb split from its object by the subject
(VSO) or with the future prefix سـ makes a trigger of its own; an unnamed official acts for its
state; a patron or a person's nationality adjective is no role. Shared with the English rules:
``kg.events.common``.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace as dc_replace
from functools import lru_cache
from typing import Any

from kg.entities.link import Actor, document_norms
from kg.events import ar_frames as AF
from kg.events import roles as R
from kg.events.common import _PLANNABLE, _SPEECH_ACTS, _all_trigger_words, _country_of
from kg.events.triggers import Trigger
from kg.lang.index import AR_POSSESSIVE, Match
from kg.lang.lexicon import pattern_tokens, table, word_set
from kg.mentions.matcher import candidates, greedy
from kg.model import Sentence, Token
from kg.pipeline import Work
from kg.text.normalize import norm_text


def _ar_denied_clause(negations: list[Match], toks: list[Token], ti: int) -> bool:
    """Is the trigger inside the clause a denial opens ("نفت X أن تكون قواتها قد قصفت")?

    The clause starts at a complementiser within four words of the denial and runs to the next
    comma or quote; what it says is denied, however long the subject before the verb.
    """
    for i, j, pays in negations:
        if i >= ti or "deny" not in pays or ti - j > 14:
            continue
        k = next((k for k in range(j, min(ti, j + 4)) if toks[k].norm in R.AR_COMPLEMENTISERS), None)
        if k is not None and all(toks[m].text[:1].isalnum() for m in range(k + 1, ti)):
            return True
    return False


@lru_cache(maxsize=None)
def _split_patterns() -> dict[str, list[tuple[tuple[str, ...], Trigger]]]:
    """Arabic verb + object triggers by verb: matched with a subject between them."""
    out: dict[str, list[tuple[tuple[str, ...], Trigger]]] = {}
    for row in table("ar", "triggers", 2, 4):
        toks = pattern_tokens(row[0])
        if len(toks) >= 2 and not any(t.endswith("*") for t in toks):
            flags = frozenset(f.strip() for f in row[3].split(",") if f.strip())
            out.setdefault(toks[0], []).append((toks[1:], Trigger(row[1], row[2], flags)))
    return out


_SPLIT_BY_NORM: dict[str, list[tuple[tuple[str, ...], Trigger]]] = {}


def _ar_future_stem(norm: str) -> str | None:
    """The imperfect verb behind the future prefix سـ ("سيلتقي" → "يلتقي", "وستوقع" → "توقع"), if any."""
    if norm[:1] in ("و", "ف"):
        norm = norm[1:]
    if len(norm) >= 5 and norm[0] == "س" and norm[1] in ("ي", "ت", "ن"):
        return norm[1:]
    return None


@lru_cache(maxsize=None)
def _one_word_triggers() -> dict[str, tuple[Trigger, ...]]:
    """Arabic one-word triggers by normalised form."""
    out: dict[str, list[Trigger]] = {}
    for row in table("ar", "triggers", 2, 4):
        toks = pattern_tokens(row[0])
        if len(toks) == 1 and not toks[0].endswith("*"):
            out.setdefault(toks[0], []).append(Trigger(row[1], row[2], frozenset(f.strip() for f in row[3].split(",") if f.strip())))
    return {k: tuple(v) for k, v in out.items()}


def _planned(trigs, wrap):  # type: ignore[no-untyped-def]
    """Only the acts news reports as planned, with the mode "planned" unless they have one."""
    return [wrap(t) for t in trigs if t.type in _PLANNABLE]


_AR_FUTURE_PREFIXES = frozenset({"سي", "ست", "سن", "وس", "فس"})


@lru_cache(maxsize=1 << 16)
def _ar_future_triggers(norm: str) -> tuple[Trigger, ...]:
    """The planned acts a word with the future prefix سـ stands for (cached per word)."""
    stem = _ar_future_stem(norm)
    trigs = _one_word_triggers().get(stem, ()) if stem else ()
    return tuple(_planned(trigs, lambda x: Trigger(x.type, x.mode or "planned", x.flags)))


_FUTURE_SEEN: set[str] = set()  # norms looked up by _ar_future_words so far


_FUTURE_FOUND: dict[str, tuple[Trigger, ...]] = {}  # those of them that are planned acts


def _ar_future_words(work: Work) -> dict[str, tuple[Trigger, ...]]:
    """The document's words with the future prefix that stand for planned acts, by norm (cached on
    the Work): looked up once per word type; most documents have none, and then no token is scanned."""
    got: dict[str, tuple[Trigger, ...]] | None = work.scratch.get("ar_future")
    if got is None:
        global _FUTURE_SEEN
        norms = document_norms(work)
        if len(_FUTURE_SEEN) > 262_144:  # bounded memory on endless streams
            _FUTURE_SEEN = set()
            _FUTURE_FOUND.clear()
        new = norms.difference(_FUTURE_SEEN)  # (most words of a document were seen before)
        for n in new:
            if n[:2] in _AR_FUTURE_PREFIXES and (trigs := _ar_future_triggers(n)):
                _FUTURE_FOUND[n] = trigs
        _FUTURE_SEEN |= new
        got = work.scratch["ar_future"] = {n: _FUTURE_FOUND[n] for n in _FUTURE_FOUND.keys() & norms}
    return got


def _ar_future_verbs(triggers, toks: list[Token], future: dict[str, tuple[Trigger, ...]]):  # type: ignore[no-untyped-def]
    """Triggers of verbs with the future prefix سـ, which the matcher does not strip: a planned
    meeting, agreement or deployment ("سيلتقي الرئيس X نظيره Y") is coded as planned; a future
    attack or arrest is no event. ``future``: the document's such words (``_ar_future_words``)."""
    if not future:
        return triggers
    extra = []
    covered: set[int] | None = None
    for k, t in enumerate(toks):
        got = future.get(t.norm)
        if not got:
            continue
        if covered is None:
            covered = {m for i, j, _ in triggers for m in range(i, j)}
        if k not in covered:
            extra.append((k, k + 1, list(got)))
    return sorted(list(triggers) + extra, key=lambda x: (x[0], -x[1])) if extra else triggers


def _split_candidates(tok: Token) -> list[tuple[tuple[str, ...], Trigger]]:
    """Split-trigger patterns (rest, trigger) whose verb the token may be (cached per norm)."""
    got = _SPLIT_BY_NORM.get(tok.norm)
    if got is None:
        if len(_SPLIT_BY_NORM) > 100_000:  # bounded memory on endless streams
            _SPLIT_BY_NORM.clear()
        patterns = _split_patterns()
        got = [p for f in candidates(tok) for p in patterns.get(f, ())]
        stem = None if got else _ar_future_stem(tok.norm)
        if stem:  # "ستوقع X وY اتفاقية": a planned signing
            got = [(rest, Trigger(t.type, t.mode or "planned", t.flags)) for rest, t in patterns.get(stem, ())
                   if t.type in _PLANNABLE]
        _SPLIT_BY_NORM[tok.norm] = got
    return got


def _with_split_triggers(triggers, sent: Sentence, actors: list[Actor]):  # type: ignore[no-untyped-def]
    """Add triggers whose verb and object are split by the subject (VSO): "وقعت روسيا وبيلاروسيا اتفاقية".

    Returns the trigger list (span = verb .. object) and, per new trigger start, its subject actor.
    """
    toks = sent.tokens
    taken: set[int] | None = None
    extra = []
    subjects: dict[int, tuple[list[Actor], list[Actor]]] = {}
    starts = {a.mention.start: a for a in actors}  # ascending: actors are in text order
    for c, subj in starts.items():
        k = bisect_left(toks, c, key=R.START)  # the verb is the token right before the subject
        if not 1 <= k <= len(toks) - 2 or toks[k].start != c:
            continue
        for i in (k - 1, k - 2):  # "وسلم مئات المسلحين أسلحتهم", "تعرضت دورية للجيش X لهجوم": a head noun first
            cands = _SPLIT_BY_NORM.get(toks[i].norm) if i >= 0 else []
            if i < k - 1 and ((cands is not None and not cands) or not _ar_subject_head(toks[k - 1], subj)):
                break  # (the head check only where the word before it could be a verb: it costs more)
            if cands is None:
                cands = _split_candidates(toks[i])
            if not cands:
                continue  # most tokens before an actor: not the verb of a split trigger
            if taken is None:
                # a one-word trigger at the verb yields to the verb + object reading ("طردت X دبلوماسيين"),
                # and so does a longer one that runs into the subject ("اعترضت مقاتلات يابانية طائرة")
                taken = {m for a, b, _ in triggers if b - a > 1 for m in range(a, b)}
            if i in taken and not _ar_into_subject(triggers, i, k):
                continue
            group = R._group(sent, [a for a in actors if a.mention.start >= subj.mention.start], "ar")
            found = _ar_split_object(sent, triggers, i, group, cands)
            inner: list[Actor] = []
            if found is None:
                # a first object between the subject and the rest: "حمل الجيش X قوات Y مسؤولية الهجوم"
                inner = _ar_first_object(sent, group, actors)
                found = _ar_split_object(sent, triggers, i, inner, cands) if inner else None
            if found is not None:
                extra.append(found)
                subjects[i] = (group, inner)
                break
    if not extra:
        return triggers, subjects
    verbs = {x[0] for x in extra}
    kept = [t for t in triggers if not (t[0] in verbs and (t[1] - t[0] == 1 or _ar_into_subject([t], t[0], t[0] + 1)))]
    return sorted(kept + extra, key=lambda x: (x[0], -x[1])), subjects


def _ar_into_subject(triggers, i: int, k: int) -> bool:  # type: ignore[no-untyped-def]
    """Does every trigger covering the verb at i run into the subject starting at token k?"""
    covering = [(a, b) for a, b, _ in triggers if a <= i < b]
    return bool(covering) and all(a == i and b > k for a, b in covering)


def _ar_first_object(sent: Sentence, group: list[Actor], actors: list[Actor]) -> list[Actor]:
    """The actors right after the subject group (no word between): a verb's first object."""
    end = group[-1].mention.end
    nxt = next((a for a in actors if a.mention.start > end), None)
    if nxt is None or sent.text[end - sent.start:nxt.mention.start - sent.start].strip():
        return []
    return R._group(sent, [a for a in actors if a.mention.start >= nxt.mention.start], "ar")


def _ar_split_object(sent: Sentence, triggers, i: int, group: list[Actor],  # type: ignore[no-untyped-def]
                     cands: list[tuple[tuple[str, ...], Trigger]]):
    """The split trigger whose verb is at i and whose object follows the subject group, if any."""
    toks = sent.tokens
    k = R.token_at(sent, group[-1].mention.end, len(toks))
    if k < len(toks) and (toks[k].text.isdigit() or toks[k].norm in _QUANTIFIERS):
        k += 1  # "أطلقت حماس عشرات الصواريخ"
    forms: list[tuple[str, ...]] = []  # candidate forms of the tokens after k, made once for all patterns
    for rest, trig in cands:
        if k + len(rest) > len(toks):
            continue
        while len(forms) < len(rest):
            forms.append(candidates(toks[k + len(forms)]))
        if all(r in forms[n] for n, r in enumerate(rest)):
            return _ar_longer_object(triggers, i, k, k + len(rest), trig)
    return None


def _ar_attributive(toks: list[Token], ti: int, trig: Trigger, triggers) -> bool:  # type: ignore[no-untyped-def]
    """Is an imperfect verb right after another act's indefinite noun a clause that describes it
    ("فرضت X عقوبات جديدة تستهدف قطاع النفط": sanctions that target, not an attack)?"""
    norm = toks[ti].norm
    if norm[:1] not in ("ي", "ت") or len(norm) < 4:
        return False
    for i, j, p in triggers:
        if p[0].type != trig.type and j <= ti <= j + 2 and not toks[j - 1].norm.startswith("ال") \
                and all(t.text[:1].isalpha() and not t.norm.startswith(("و", "ال")) for t in toks[j:ti]):
            return True
    return False


def _ar_counted_objects(triggers, toks: list[Token]):  # type: ignore[no-untyped-def]
    """Verb + object triggers with a number between them ("طرد عشرة دبلوماسيين", "نشرت 300 جندي"):
    the verb + object reading replaces the verb alone."""
    out = list(triggers)
    changed = False
    numbers = word_set("ar", "numbers")
    for n, (i, j, pays) in enumerate(triggers):
        if j - i != 1:
            continue  # (a verb alone: checked before the walk over the number)
        k = j
        while k < len(toks) and (toks[k].text.isdigit() or toks[k].norm in numbers or toks[k].norm in _QUANTIFIERS):
            k += 1
        if k == j or k >= len(toks):
            continue
        for rest, trig in _split_candidates(toks[i]):
            if k + len(rest) <= len(toks) and all(
                    any(f == r for f in candidates(toks[k + m])) for m, r in enumerate(rest)):
                out[n] = (i, k + len(rest), [trig])
                changed = True
                break
    return sorted(out, key=lambda x: (x[0], -x[1])) if changed else triggers


def _ar_counted(toks: list[Token], ti: int, tj: int, trig: Trigger) -> bool:
    """Is a one-word verb trigger right after a number a counted noun ("عشرين طالبا": students)?
    No verb follows a cardinal number; counted event nouns ("ثلاث هجمات") are nouns."""
    if tj - ti != 1 or ti == 0 or "noun" in trig.flags or toks[ti].norm.startswith("ال"):
        return False  # "آلاف المحتجين": a definite noun, never a verb
    prev = toks[ti - 1]
    if prev.text.isdigit():
        return len(prev.text) != 4  # "في عام 2008 هاجمت": a year, then the verb
    return prev.norm in word_set("ar", "numbers")


# (act, purpose) types: a purpose masdar with ل after the act says what the act is for
_AR_PURPOSES = {("PROTEST", "REQUEST"), ("SANCTION", "CONSULT")}


def _ar_protest_purpose(toks: list[Token], ti: int, trig: Trigger, triggers) -> bool:  # type: ignore[no-untyped-def]
    """A purpose with ل after an act: a demand after a protest ("خرجوا في مظاهرة للمطالبة برحيل
    الحكومة", which PLOVER codes as the protest itself), consultations after a recall ("استدعت
    سفيرها للتشاور")."""
    norm = toks[ti].norm
    if norm[:1] != "ل" or not AF._proclitic(norm, _all_trigger_words("ar")):
        return False  # "لقاء" is a word of its own
    return any((p[0].type, trig.type) in _AR_PURPOSES and j <= ti for i, j, p in triggers)


def _ar_subject_head(tok: Token, subj: Actor) -> bool:
    """Is the word before the actor the head of the verb's subject: a quantifier ("مئات المسلحين")
    or an indefinite noun the actor owns ("دورية للجيش المالي")?"""
    if tok.norm in _QUANTIFIERS:
        return True
    return R.ar_owner(subj) and tok.text[:1].isalpha() and not tok.norm.startswith(("ال", "وال")) \
        and tok.norm not in word_set("ar", "function_words")


def _ar_longer_object(triggers, i: int, k: int, end: int, trig: Trigger):  # type: ignore[no-untyped-def]
    """The split trigger (verb i .. object end), or, when a longer trigger starts at the object, the
    verb with that one: "أجرت X وY مناورات عسكرية مشتركة" is a joint exercise, not a drill."""
    longer = next((t for t in triggers if t[0] == k and t[1] > end), None)
    if longer is None or trig.type in _SPEECH_ACTS:  # "طالبت X بالإفراج عن": the demand governs its object
        return (i, end, [trig])
    return (i, longer[1], longer[2])


_QUANTIFIERS = {norm_text(w) for w in ("عشرات", "مئات", "الاف", "عده", "بعض", "عدد", "سلسله", "موجه")}


def _ar_not_new(found, triggers, split: dict, toks: list[Token], ti: int, tj: int) -> bool:  # type: ignore[no-untyped-def]
    """An Arabic trigger that names no new event: framed, inside a split trigger, or a governed complement."""
    if AF.framed(found.get("negation", []), toks, ti) or AF.attribute(toks, ti):
        return True
    spans = [(i, j) for i, j, _ in triggers if i in split]
    return (bool(spans) and AF.inside_split(spans, ti, tj)) or AF.complement(triggers, toks, ti, _all_trigger_words("ar"))


def _ar_two_parties(sent: Sentence, ti: int, rl: R.Roles, actors: list[Actor]) -> R.Roles:
    """A meeting or an agreement of coordinated parties: the first meets the others.

    "اجتمع مندوبون عن X وY" (the subject group after the verb), "مندوبون عن X وY للاجتماع" (a noun after them).
    """
    if len(rl.sources) > 1:
        return R.Roles(rl.sources[:1], R._other_side(rl.sources[:1], rl.sources[1:2]))
    toks = sent.tokens
    if rl.sources:
        # "بدأت الصين وباكستان تنفيذ الاتفاق": the source ends a coordinated subject
        before = [a for a in actors if a.mention.end <= rl.sources[0].mention.end]
        group = R._group_back(sent, before, "ar")
        if len(group) > 1 and group[-1] is rl.sources[0]:
            return R.Roles(group[:1], R._other_side(group[:1], group[1:2]))
        return rl
    near = toks[max(0, ti - 5)].start
    before = [a for a in actors if near <= a.mention.start and a.mention.end <= toks[ti].start]
    group = R._group_back(sent, before, "ar") if len(before) > 1 else []
    if len(group) > 1 and not R._crosses(sent, group[-1].mention.end, toks[ti].start, "ar"):
        return R.Roles(group[:1], R._other_side(group[:1], group[1:2]))
    return rl


def _ar_recipient(sent: Sentence, tj: int, actors: list[Actor], source: Actor, hi: int) -> list[Actor]:
    """The recipient of an aid or a sanction after its amount or qualifiers ("مساعدات إنسانية بقيمة
    عشرين مليون يورو لليمن"): the first actor within eight words marked by ل، إلى or على, in the same phrase."""
    toks = sent.tokens
    for a in actors:
        if a.mention.start < toks[tj - 1].end or a.mention.start >= hi:
            continue
        k = R.token_at(sent, a.mention.start, len(toks))
        if k - tj > 8 or any(not t.text[:1].isalnum() for t in toks[tj:k]):
            return []
        return R._other_side([source], [a]) if R._prep_before(sent, a, "ar") else []
    return []


def _ar_after_time_word(found: dict[str, list[Match]], toks: list[Token], ti: int, source: Actor) -> bool:
    """Is the trigger a masdar right after a time word ("بعد", "عقب", "إثر", the ``anaphor`` cues that
    are not demonstratives) with its would-be source before that word, in the main clause?"""
    if ti == 0 or source.mention.end > toks[ti - 1].start:
        return False
    if not any(i == ti - 1 and j == ti and "anaphor" in p for i, j, p in found.get("negation", ())):
        return False
    return not toks[ti - 1].norm.startswith(("ه", "ذ", "ت"))  # هذه، ذلك، تلك point back, they take no clause


def _ar_own_state_subject(found: dict[str, list[Match]], sent: Sentence, ti: int, lo: int,
                          actors: list[Actor]) -> bool:
    """Is the reported clause's subject the speaker's own state ("إن بلاده", anaphora kind ``own_state``),
    with no actor between it and the trigger?"""
    toks = sent.tokens
    start = R.token_at(sent, lo, ti)
    for i, j, kinds in found.get("anaphora", ()):
        if "own_state" in kinds and start <= i and j <= ti:
            return not any(toks[j - 1].end <= a.mention.start and a.mention.end <= toks[ti].start for a in actors)
    return False


def _ar_own_state_genitive(found: dict[str, list[Match]], sent: Sentence, ti: int, tj: int,
                           actors: list[Actor], lo: int) -> Actor | None:
    """The subject whose own state is the masdar's genitive ("أكد الرئيس الجزائري دعم بلاده"): the
    last actor before the trigger in its clause, when the word after the trigger is ``own_state``."""
    if not any(i == tj and "own_state" in kinds for i, _, kinds in found.get("anaphora", ())):
        return None
    t_start = sent.tokens[ti].start
    before = [a for a in actors if lo <= a.mention.start and a.mention.end <= t_start
              and not R._locative(sent, a, "ar") and not R._prep_before(sent, a, "ar")]
    return before[-1] if before else None


def _ar_state_of(person: Actor, actors: list[Actor]) -> Actor:
    """The country actor of a speaker (its nationality adjective or name in the sentence), else the speaker."""
    if person.entity.type == "Country":
        return person
    iso = person.entity.country
    return next((a for a in actors if a.entity.type == "Country" and iso and _country_of(a) == iso), person)


def _ar_visit_adjunct(sent: Sentence, ti: int, actors: list[Actor], lo: int) -> R.Roles | None:
    """"وصل وزير الخارجية الهندي إلى طوكيو في زيارة رسمية": a visit told as the purpose of a
    journey; the traveller (the clause's subject) visits the place after إلى (its country hosts)."""
    t_start = sent.tokens[ti].start
    before = [a for a in actors if lo <= a.mention.start and a.mention.end <= t_start]
    dest = [a for a in before if R._prev_word(sent, a) == "الي"]
    subj = [a for a in before if a not in dest and not R._prep_before(sent, a, "ar") and not R._locative(sent, a, "ar")]
    if not dest or not subj or subj[0].mention.start > dest[-1].mention.start:
        return None
    return R.Roles(subj[:1], R._other_side(subj[:1], dest[-1:]))


def _ar_threatened(sent: Sentence, tj: int, actors: list[Actor], source: Actor, hi: int) -> list[Actor]:
    """The actor a threat is made against in the clause it opens: "هددت بأنها سترغم X على الانسحاب"."""
    toks = sent.tokens
    k = next((k for k in range(tj, min(len(toks), tj + 4)) if toks[k].norm in R.AR_COMPLEMENTISERS), None)
    if k is None or k + 1 >= len(toks):
        return []
    # right after the complementiser stands the clause's subject ("حذر من أن غانا قادرة"): the side
    # that threatens; the threatened one is an object after the clause's verb
    end = toks[min(len(toks) - 1, k + 6)].end  # the clause's verb and its object, not a later adjunct
    after = [a for a in actors if toks[k + 1].end <= a.mention.start < min(hi, end)]
    return R._other_side([source], after[:1])


def _ar_unnamed_official(a: Actor, actors: list[Actor]) -> bool:
    """Is ``a`` the country or body of a title that names nobody ("قال وزير الخارجية الياباني إن")?

    Arabic news often leaves an official unnamed: the official then stands for the state (PLOVER
    codes JPN GOV). With a name after the title ("الرئيس البيروفي X") or before it ("X، وزير
    الخارجية الياباني") the person is the actor; a country inside a body's name ("الحكومة
    التونسية") never is.
    """
    m = a.mention
    if m.attrs.get("inside_body"):
        return False
    for b in actors:
        if b.entity.type != "Person":
            continue
        bm = b.mention
        if 0 <= bm.start - m.end <= 2:
            return False  # the named official right after the qualifier
        if bm.attrs.get("title") and bm.end <= m.start and m.start - bm.end <= 40 and bm.country == m.country:
            return False  # "X، وزير الخارجية الياباني": the name came first
    return True


def _ar_with_officials(sent: Sentence, actors: list[Actor], role_actors: list[Actor],
                       lex: list[Match]) -> list[Actor]:
    """Role actors with the unnamed officials: "الرئيس التونسي" acts for Tunisia.

    The official's mention spans the title and its qualifier, so that word order reads it as one
    noun phrase ("هاجم الرئيس التونسي الحكومة الفرنسية": the subject, not an object after a noun).
    """
    toks = sent.tokens
    titles: list[tuple[int, int, Any]] | None = None  # made at the first unnamed official: few sentences have one
    extra = []
    for a in actors:
        if not a.mention.attrs.get("qualifier") or not _ar_unnamed_official(a, actors):
            continue
        if titles is None:
            titles = [(i, j, p) for i, j, pays in lex for p in pays if p[0] == "title"]
        k = R.token_at(sent, a.mention.start, len(toks))
        title = next(((i, j, p) for i, j, p in titles if i < k <= j), None)
        if title is None:
            continue
        i, j, p = title
        m = a.mention
        attrs = {x: v for x, v in m.attrs.items() if x not in ("qualifier", "demonym", "kind")}
        attrs.update(role=p[2], official=True)
        start, end = toks[i].start, max(m.end, toks[j - 1].end)
        wide = dc_replace(m, start=start, end=end, text=sent.text[start - sent.start:end - sent.start], attrs=attrs)
        extra.append(Actor(wide, a.entity))
    if not extra:
        return role_actors
    return sorted(role_actors + extra, key=lambda a: a.mention.start)


def _ar_role_actors(sent: Sentence, actors: list[Actor]) -> list[Actor]:
    """Without a person's nationality adjective ("والبيروفي X": the person acts) or a patron ("موالين لغانا")."""
    drop = AF.person_qualifiers(actors) | AF.patrons(sent, actors, R.token_at)
    return [a for n, a in enumerate(actors) if n not in drop] if drop else actors


def _ar_issuer(pending) -> Actor | None:  # type: ignore[no-untyped-def]
    """The issuer remembered from an earlier report: an actor, or a report with no event
    ("وأفاد بيان لـ X بأن ...", kept as (sentence, matches, actors)) whose speaker is found now."""
    if isinstance(pending, Actor):
        return pending
    sent, found, actors = pending
    speech = [(i, j) for i, j, pays in greedy(found["speech"]) if pays[0] in ("say", "quote")]
    return next((c.speaker for c in reversed(R.clauses(sent, speech, actors, "ar")) if c.speaker is not None), None)


def _ar_statement_subject(found: dict[str, list[Match]], tj: int) -> bool:
    """Is the word right after the verb a statement noun of the speech lexicon ("وحث البيان")?"""
    return any(i == tj and "say" in pays for i, _, pays in found.get("speech", ()))


def _ar_allied(sent: Sentence, a: Actor, b: Actor) -> bool:
    """Are the two actors coordinated ("X وY")? Then they act together."""
    first, second = (a, b) if a.mention.start < b.mention.start else (b, a)
    return len(R._group(sent, [first, second], "ar")) == 2


def _ar_casualty_roles(sent: Sentence, ci: int, cj: int, actors: list[Actor]) -> R.Roles:
    """Roles of a casualty verb that names its attacker: "أصيب جنديان غانيان برصاص نرويجي".

    The attacker is an actor right after a weapon noun with ب ("بنيران X", "بقصف X"); the victims
    are then the passive subject right after the cue (a number may come between) or the actor
    right before it. Without an attacker there are no roles (a death or an accident).
    """
    toks = sent.tokens
    words = AF.weapon_words()
    agents = []
    for a in actors:
        k = R.token_at(sent, a.mention.start, len(toks))
        if 0 < k and toks[k - 1].norm[:1] == "ب" and toks[k - 1].norm[1:] in words:
            agents.append(a)
    near = toks[min(len(toks) - 1, cj + 2)].end
    victims = [a for a in actors if toks[cj - 1].end <= a.mention.start <= near and a not in agents] \
        or [a for a in actors if ci > 0 and a.mention.end == toks[ci - 1].end and a not in agents]
    if not agents:
        return R.Roles([], [])  # "توفي X", "أصيب X في حادث": no attack is stated, so no sides
    return R.Roles(agents[:1], R._other_side(agents[:1], victims[:1]))


def _ar_dependent(toks: list[Token], ti: int) -> bool:
    """A ب-complement ("اتهمها بشن غارات"): its actor is not the subject later coordinated verbs share."""
    return toks[ti].norm[:1] == "ب"


def _ar_claimed_act(toks: list[Token], ti: int, spans: list[tuple[int, int]]) -> bool:
    """Is the trigger inside the ب-phrase of an accusation or a threat ("توعدت X بشن مزيد من الهجمات",
    "اتهمها بتنفيذ سلسلة هجمات")? The act is alleged or threatened, not reported."""
    for i, j in spans:
        if not j <= ti <= j + 6:
            continue
        between = toks[j:ti]
        if any(not t.text[:1].isalnum() for t in between):
            continue  # a comma or a quote ends the phrase
        if any(_ar_bi_masdar(t.norm) for t in between):
            return True
    return False


def _ar_bi_masdar(norm: str) -> bool:
    """A word with the preposition ب before a verbal noun ("بشن", "بتنفيذ", "بالقيام"), not a
    preposition of its own ("بعد", "بين")."""
    if norm[:1] in ("و", "ف") and len(norm) > 4:
        norm = norm[1:]
    return norm[:1] == "ب" and len(norm) >= 3 and norm[1:] not in AR_POSSESSIVE \
        and norm not in word_set("ar", "function_words") and norm not in word_set("ar", "stopnames")

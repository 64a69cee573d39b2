"""Source and target of an event trigger from sentence structure (rules).

Clauses: a speech verb (قال، said) with its complementiser (إن، أن، that,
a colon or an opening quote) opens a reported clause; a trigger inside it
takes its roles from the clause only, and the speaker becomes the claimant.

Order: Arabic allows verb–subject–object (``قصفت القوات الفرنسية مواقع``)
and subject–verb–object (``القوات الفرنسية قصفت``); English is SVO, with
the passive ("was attacked by X") reversing the roles.
"""

from __future__ import annotations

from dataclasses import dataclass

from bisect import bisect_left, bisect_right
from functools import lru_cache
from operator import attrgetter
from typing import overload

from kg.entities.link import Actor
from kg.events import ar_frames as AF
from kg.lang.lexicon import pattern_tokens, table
from kg.text.normalize import norm_text
from kg.model import Entity, Sentence

AR_COMPLEMENTISERS = {"ان", "انه", "انها", "بان", "بانه", "بانها", "انهم", "انهما", "لان"}
EN_COMPLEMENTISERS = {"that"}
QUOTES = set("\"“”«»:")
AR_TARGET_PREPS = {"علي", "ضد", "الي", "مع", "ل", "بحق", "تجاه", "نحو", "من", "امام"}  # أمام السفارة: protested at
EN_TARGET_PREPS = {"against", "on", "with", "to", "at", "toward", "towards", "into", "upon", "from"}
EN_AGENT = {"by"}
_BOUNDARY_AR = {"،", ",", "؛", ";", "–", "-", "(", ")"}
_BOUNDARY_EN = {",", ";", "–", "-", "(", ")"}


@dataclass
class Clause:
    start: int          # token range [start, end)
    end: int
    speaker: Actor | None = None


@dataclass
class Roles:
    sources: list[Actor]
    targets: list[Actor]
    strong: bool = False  # roles read from a reliable construction (genitive agent, by-agent)


def clauses(sent: Sentence, speech: list[tuple[int, int]], actors: list[Actor], lang: str) -> list[Clause]:
    """Reported clauses opened by speech verbs at token spans ``speech``."""
    toks = sent.tokens
    out: list[Clause] = []
    comps = AR_COMPLEMENTISERS if lang == "ar" else EN_COMPLEMENTISERS
    for i, j in speech:
        # where does the reported content start?
        k = j
        limit = min(len(toks), j + 16)
        start = None
        while k < limit:
            n = toks[k].norm
            if n in comps or toks[k].text in QUOTES:
                start = k + 1
                break
            if lang == "en" and n in _SUBJECT_PRONOUNS and k - j < 4:
                start = k  # 'said it had discussed "new ideas" for a deal': the report starts here
                break
            k += 1
        speaker = speaker_of(sent, i, j, actors, lang)
        words_after = any(t.text[:1].isalnum() for t in toks[j:])
        attribution = not words_after or (j < len(toks) and toks[j].text in ",;")
        if start is None and attribution and i > 2:
            # "..., the United Nations said.": what came before the comma is the report
            final = _final_speaker(sent, i, actors)
            if final is not None:
                s_tok, who = final
                out.append(Clause(0, s_tok, who))
            continue
        if start is None:
            # a report follows if a subject comes within a few words ("said on Saturday it had",
            # "said Russian forces attacked"); "announced new sanctions" has an object instead
            window = toks[j:j + 4]
            starts_clause = any(t.norm in _SUBJECT_PRONOUNS for t in window) or any(
                a.mention.start == t.start and not a.mention.attrs.get("demonym")
                and not (lang == "en" and _prep_before(sent, a, lang))  # "announced sanctions against X": an object
                for t in window for a in actors)
            if lang == "en" and (starts_clause or _en_clause_follows(toks, j)):
                start = j  # "X said it had sent ...", "X said Russian forces attacked ..."
            else:
                continue  # "announced new sanctions": an object, not a report
        # a speaker right after the complementiser position is not content
        out.append(Clause(start, len(toks), speaker))
    # quote-final attribution: "...," the ministry said.
    return out


def _en_clause_follows(toks, j: int) -> bool:  # type: ignore[no-untyped-def]
    from kg.events.frames import clause_follows  # frames is English data; imported late to keep roles light

    return clause_follows(toks, j, "en")


def _final_speaker(sent: Sentence, i: int, actors: list[Actor]) -> tuple[int, Actor] | None:
    """(comma token, speaker) for "<report>, [the] X said." — X right before the verb, after a comma."""
    toks = sent.tokens
    for a in actors:
        k = token_at(sent, a.mention.start)
        e = token_at(sent, a.mention.end, len(toks))
        if k is None or e != i:
            continue
        b = k - 1 if k > 0 and toks[k - 1].norm == "the" else k
        if b > 0 and toks[b - 1].text in {",", "،", '"', "”", "'"}:
            return b - 1, a
    return None


_SUBJECT_PRONOUNS = {"it", "he", "she", "they", "we", "i"}


def speaker_of(sent: Sentence, i: int, j: int, actors: list[Actor], lang: str) -> Actor | None:
    toks = sent.tokens
    s_char, e_char = toks[i].start, toks[j - 1].end
    after = [a for a in actors if a.mention.start >= e_char and a.mention.start - e_char < 60
             and not a.mention.attrs.get("demonym")]
    before = [a for a in actors if a.mention.end <= s_char and s_char - a.mention.end < 40
              and not a.mention.attrs.get("demonym")]
    if lang == "ar":
        if after and not _crosses(sent, e_char, after[0].mention.start, lang):
            return after[0]
        return before[-1] if before else None
    if before:
        return before[-1]
    return after[0] if after else None


def _crosses(sent: Sentence, a: int, b: int, lang: str) -> bool:
    """Is there a clause boundary (comma, complementiser, quote) between chars a and b?"""
    comps = AR_COMPLEMENTISERS if lang == "ar" else EN_COMPLEMENTISERS
    bounds = _BOUNDARY_AR if lang == "ar" else _BOUNDARY_EN
    toks = sent.tokens
    k = bisect_left(toks, a, key=START)
    while k < len(toks) and toks[k].start < b:
        t = toks[k]
        # quotes are not boundaries here: Arabic news quotes names ("اتهمت X “بيونغيانغ”");
        # reported clauses are found by `clauses`
        if t.text in bounds or t.norm in comps or t.text == ":":
            return True
        k += 1
    return False


def assign(sent: Sentence, ti: int, tj: int, actors: list[Actor], lang: str, flags: set[str],
           lo: int, hi: int) -> Roles:
    """Source(s) and target(s) of the trigger at tokens [ti, tj) within clause chars [lo, hi)."""
    toks = sent.tokens
    t_start, t_end = toks[ti].start, toks[tj - 1].end
    inside = [a for a in actors if lo <= a.mention.start and a.mention.end <= hi]
    if "noun" in flags:
        # a nominal trigger only takes actors close to it ("Russian air strikes", "هجوم القوات")
        win_lo = toks[max(0, ti - 4)].start
        win_hi = toks[min(len(toks) - 1, tj + 4)].end
        inside = [a for a in inside if a.mention.end >= win_lo and a.mention.start <= win_hi]
    if lang == "en" and "passive" not in flags and _en_passive(toks, ti, tj):
        flags = flags | {"passive"}
    agent = _agent(sent, tj, [a for a in inside if a.mention.start >= t_end], lang)
    if agent is not None and ("passive" in flags or "noun" in flags or (lang == "en" and _en_determiner(toks[ti - 1].norm if ti else ""))):
        # (an English trigger after a determiner is a noun: "the attack was carried out by X")
        # "attacked by X", "هجوم من قبل X", "هجوم شنته X": the agent is explicit
        others = [a for a in inside if a is not agent and a.entity is not agent.entity]
        tgt_before = [a for a in others if a.mention.end <= t_start and not _crosses(sent, a.mention.end, t_start, lang)]
        tgt_after = [a for a in others if a.mention.start >= t_end and _prep_before(sent, a, lang)]
        tgt = tgt_before[-1:] or tgt_after[:1]
        if lang == "en":
            return _en_agent_roles(sent, ti, agent, others, tgt)
        return Roles([agent], _other_side([agent], tgt), strong=True)
    before = [a for a in inside if a.mention.end <= t_start]
    after = [a for a in inside if a.mention.start >= t_end or (lang == "ar" and t_start < a.mention.start and a.mention.end > t_end)]
    # (an Arabic name may start inside the trigger's object: "اعترافها بدولة فلسطين")
    if "recip" in flags:
        if lang == "ar":
            after = [a for a in after if not _locative(sent, a, lang)]  # "قرب الحدود الفنزويلية": where
        group = _group(sent, after, lang) if after else []
        if len(group) < 2:
            group = (before[-2:] if len(before) >= 2 else before[-1:] + after[:1])
            if before and _group(sent, before[-2:], lang) and len(before) >= 2:
                group = before[-2:]
        if len(group) >= 2:
            return Roles([group[0]], [group[1]])
    src: list[Actor] = []
    tgt = []
    near_before = None
    if before:
        cand = before[-1]
        if lang == "ar" and _locative(sent, cand, lang):
            pass  # "نظم عمال الموانئ في الأرجنتين إضرابا": where the subject is, not the subject
        elif not _crosses(sent, cand.mention.end, t_start, lang) and t_start - cand.mention.end < 50:
            near_before = cand
        elif _relative(sent, cand, ti, lang):
            near_before = cand  # "Trump, who accuses Obama": the antecedent acts
        elif lang == "en":
            near_before = _en_appositive_subject(sent, before, ti)  # "X, one of Y's partners, has criticized"
    if lang == "en" and near_before is not None and _en_pronoun_between(sent, near_before, ti):
        near_before = None  # "X ... and it has condemned": the pronoun is the subject
    if lang == "en" and ti == 0 and toks[0].norm.endswith(("ing", "ed")) and not before and "passive" not in flags:
        # "Appealing for ..., Kerry told Zarif": a fronted participle takes the main clause's subject
        comma = next((k for k, t in enumerate(toks) if t.text == ","), None)
        if comma is not None:
            main = [a for a in after if a.mention.start > toks[comma].start]
            if main:
                return Roles([main[0]], _en_indirect_object(sent, main))
    if lang == "ar":
        rest = after
        if "noun" in flags and after and after[0].mention.start - t_end <= 1 \
                and "passive" not in flags and "recip" not in flags and not _prep_before(sent, after[0], lang):
            # masdar + genitive: "هجوم القوات X" — the genitive is the agent
            src = [after[0]]
            rest = [a for a in after[1:] if _prep_before(sent, a, lang)]
            tgt = _group(sent, rest, lang) if rest else []
            return Roles(src, _other_side(src, tgt), strong=True)
        if after and "noun" not in flags and _ar_force_subject(sent, ti, tj, after[0]):
            # "قصفت طائرات تشيلية X": the adjective is on the subject, the object follows
            src = [after[0]]
            rest = [a for a in after[1:] if not _ar_allied_pair(sent, after[0], a) and not _locative(sent, a, lang)]
            tgt = _group(sent, rest, lang) if rest and not _crosses(sent, t_end, rest[0].mention.start, lang) else []
            return Roles(src, _other_side(src, tgt))
        single_noun = "noun" in flags and tj - ti == 1
        if toks[tj - 1].norm in AR_TARGET_PREPS or single_noun or tj - ti > 1:
            # "تحدث إلى X", "حاولت اختراق X", a masdar: what follows is the target (the verb's subject,
            # if any, came before the phrase); an actor before a bare noun is not its agent
            near_before = None if single_noun else near_before
            src = [near_before] if near_before is not None and not near_before.mention.attrs.get("demonym") else []
            tgt = _group(sent, after, lang) if after and not _crosses(sent, t_end, after[0].mention.start, lang) \
                and not _locative(sent, after[0], lang) else []  # "للاجتماع في جنيف": where, not whom
            return Roles(src, _other_side(src, tgt))
        after = [a for a in after if not _locative(sent, a, lang)]  # "قرب دمشق" is where, not who
        rest = after
        if near_before is not None and (not near_before.mention.attrs.get("demonym")
                                        or (_adjacent(sent, near_before, ti) and toks[ti].norm[:1] not in "وف")):
            # SVO; a nationality right before the verb qualifies its subject ("غارات إسرائيلية استهدفت")
            src = [near_before]
        elif after and not _crosses(sent, t_end, after[0].mention.start, lang) \
                and not _prep_before(sent, after[0], lang) and not after[0].mention.attrs.get("demonym") \
                and not _ar_object_first(sent, ti, tj, after[0], inside):
            src = _group(sent, after, lang)
            rest = [a for a in after if a not in src]
        if rest:
            first = rest[0]
            if not _crosses(sent, t_end, first.mention.start, lang) or _prep_before(sent, first, lang):
                tgt = _group(sent, rest, lang)
    else:
        after = [a for a in after if not _locative(sent, a, lang)]  # "raids in X": where, not whom
        if "passive" in flags:
            agents = [a for a in after if _prev_word(sent, a) in EN_AGENT]
            if agents:
                src = _group(sent, agents + [a for a in after if a.mention.start > agents[0].mention.start], lang)
            if near_before is not None:
                tgt = [near_before]
            elif src:
                # "Backed by X, Syrian President Y ...": the patient follows the agent phrase
                rest = [a for a in after if a.mention.start > src[-1].mention.end and a not in src]
                tgt = rest[:1]
            return Roles(src, _other_side(src, tgt))
        if near_before is not None and not ("noun" in flags and near_before.mention.attrs.get("demonym") is None
                                            and t_start - near_before.mention.end > 30):
            src = [near_before]
            pair = _group_back(sent, before, lang)
            if len(pair) >= 2 and not after:
                # "Russia and Belarus signed a pact": the two sides of one act
                return Roles([pair[0]], pair[1:2])
        if after:
            first = after[0]
            if not _crosses(sent, t_end, first.mention.start, lang) or _prep_before(sent, first, lang):
                tgt = _group(sent, after, lang)
    if "passive" in flags:
        src, tgt = tgt, src
    return Roles(src, _other_side(src, tgt))


_APPOSITIVE_OPENERS = {"a", "an", "the", "which", "who", "whose", "one"}


def _en_appositive_subject(sent: Sentence, before: list[Actor], ti: int) -> Actor | None:
    """The subject before an appositive or relative clause: "X, one of Y's partners, has criticized",
    "X, Y and Z, whose coasts suffer from piracy, have requested" (X)."""
    toks = sent.tokens
    close = next((k for k in range(ti - 1, max(-1, ti - 4), -1) if toks[k].text == ","), None)
    if close is None or any(toks[k].norm in _SUBJECT_PRONOUNS or not toks[k].text[:1].isalpha()
                            or _en_determiner(toks[k].norm) for k in range(close + 1, ti)):
        return None  # a pronoun subject, or the trigger is a noun ("..., called the arrest")
    for n in range(len(before) - 1, -1, -1):
        a = before[n]
        e = token_at(sent, a.mention.end, len(toks))
        if e == close and _en_named_official(sent, a):
            return a  # "Nepal's prime minister, X, visited": the official named between commas acts
        if a.mention.end > toks[close].start or e is None or e >= close:
            continue
        if close - e > 15:
            return None
        if toks[e].text == "," and e + 1 < close and toks[e + 1].norm in _APPOSITIVE_OPENERS:
            return _group_back(sent, before[:n + 1], "en")[0]
        if _en_named_appositive(toks, e, close):
            return a  # "Egypt's foreign minister, Omar Said, met": the official named between commas
    return None


def _en_named_official(sent: Sentence, a: Actor) -> bool:
    """Is the actor a titled person named in an apposition after the title ("Y's title, X,"):
    a comma right before the name, and the title read with it (kg.mentions.titles)?"""
    k = token_at(sent, a.mention.start, 0)
    return a.entity.type == "Person" and bool(a.mention.attrs.get("title")) and k > 0 \
        and sent.tokens[k - 1].text == ","


def _en_named_appositive(toks, e: int, close: int) -> bool:  # type: ignore[no-untyped-def]
    """Do a title in lower case and then a name between commas follow token e ("'s foreign minister, Omar Said,")?"""
    c = next((m for m in range(e, min(close, e + 4)) if toks[m].text == ","), None)
    return c is not None and c + 1 < close and c - e <= 3 \
        and all(toks[m].text.isalpha() and toks[m].text.islower() for m in range(e, c)) \
        and all(toks[m].text[:1].isupper() for m in range(c + 1, close))


def _en_indirect_object(sent: Sentence, main: list[Actor]) -> list[Actor]:
    """"..., Norway told Ghana": the actor right after the main clause's subject and its verb."""
    if len(main) < 2:
        return []
    k, m = token_at(sent, main[0].mention.end, 0), token_at(sent, main[1].mention.start, 0)
    if m - k != 1 or _crosses(sent, main[0].mention.end, main[1].mention.start, "en"):
        return []
    return _other_side(main[:1], main[1:2])


def _en_determiner(norm: str) -> bool:
    from kg.events.frames import cues  # English frame data; imported late to keep roles light

    return (norm,) in cues("en").get("det", ())


def _en_pronoun_between(sent: Sentence, a: Actor, ti: int) -> bool:
    """Is there a subject pronoun between the actor and the trigger ("X ... and it has condemned")?"""
    toks = sent.tokens
    k = token_at(sent, a.mention.end, ti)
    return any(toks[m].norm in _SUBJECT_PRONOUNS for m in range(k, ti))


def _en_agent_roles(sent: Sentence, ti: int, agent: Actor, others: list[Actor], tgt: list[Actor]) -> Roles:
    """Roles of an English passive with its by-agent: coordinated agents all act ("backed by X and Y");
    a fronted participle's patient is the main clause's subject ("Backed by X, Y's president ...")."""
    src = _group(sent, [agent] + [a for a in others if a.mention.start > agent.mention.start], "en")
    if not tgt and ti == 0:
        toks = sent.tokens
        comma = next((k for k in range(ti, len(toks)) if toks[k].text == "," and toks[k].start >= src[-1].mention.end), None)
        if comma is not None:
            tgt = [a for a in others if a.mention.start > toks[comma].start][:1]
    return Roles(src, _other_side(src, tgt), strong=True)


def _ar_force_subject(sent: Sentence, ti: int, tj: int, first: Actor) -> bool:
    return AF.force_subject(sent, ti, tj, first)


def _ar_allied_pair(sent: Sentence, a: Actor, b: Actor) -> bool:
    """Coordinated with a ("طائرات تشيلية وبيروفية"): the same side."""
    return len(_group(sent, [a, b], "ar")) == 2


def _ar_object_first(sent: Sentence, ti: int, tj: int, first: Actor, actors: list[Actor]) -> bool:
    """Is the first actor after an Arabic verb its object (subject in the verb, or a noun subject before it)?"""
    return AF.subject_in_verb(sent.tokens[ti:tj]) or AF.subject_between(sent, tj, first, actors) \
        or AF.genitive_of_phrase(sent, tj, first)


def _other_side(src: list[Actor], tgt: list[Actor]) -> list[Actor]:
    """Targets that are not the source itself nor one of its own country's bodies."""
    if not src:
        return tgt
    s = src[0].entity
    s_country = s.country if s.type != "Country" else (s.key or s.country)
    out = []
    for t in tgt:
        e = t.entity
        e_country = e.country if e.type != "Country" else (e.key or e.country)
        if e is s or (s_country and e_country == s_country and not _non_state(s, e) and not _own_national(s, e)):
            continue
        out.append(t)
    return out


def _non_state(a: Entity, b: Entity) -> bool:
    """Is one side an armed group (rebels, militants)? It fights its own country's state."""
    return a.type == "ArmedGroup" or b.type == "ArmedGroup"


def _own_national(source: Entity, target: Entity) -> bool:
    """Is the target a person the source state or body acts on ("Peru's police arrested President X of
    Peru")? A named person is no body of the state: a state arrests, tries or frees its own
    officials and citizens. (A person's own country as the target stays out: he speaks for it.)"""
    return target.type == "Person" and source.type != "Person"


_BE = {"was", "were", "been", "being", "is", "are", "be", "got", "get", "gets"}
# words that introduce the agent of a passive verb or an event noun
_AGENT_MARKERS: dict[str, set[tuple[str, ...]]] = {"en": {("by",)}, "ar": {("من", "قبل"), ("علي", "يد"), ("بيد",)}}
# Arabic verbs that link an event noun to its agent: "هجوم شنته القوات X"
_AR_AGENT_VERBS = {"شنه", "شنته", "شنها", "شنتها", "شنوه", "شنوها", "نفذه", "نفذته", "نفذها", "نفذتها",
                   "نفذوه", "نفذوها", "شنت", "شن", "نفذ", "نفذت"}


def _agent(sent: Sentence, tj: int, after: list[Actor], lang: str) -> Actor | None:
    """The actor right after an agent marker following the trigger (within 3 tokens)."""
    toks = sent.tokens
    for a in after:
        k = token_at(sent, a.mention.start)
        if k is None or k - tj > 4:
            break
        words = tuple(t.norm for t in toks[max(tj, k - 2):k])
        if lang == "en" and words[-1:] == ("the",):
            words = words[:-1]  # "by the European Union": the article is outside the mention
        if any(words[-len(m):] == m for m in _AGENT_MARKERS[lang] if len(words) >= len(m)):
            return a
        if lang == "ar" and words and words[-1] in _AR_AGENT_VERBS:
            return a
        # a proclitic agent marker glued to the actor: "بيد", none in English
    return None


def _en_passive(toks, ti: int, tj: int) -> bool:  # type: ignore[no-untyped-def]
    """A past participle after a form of "be", or followed by "by" ("was attacked", "backed by")."""
    word = toks[tj - 1].norm
    if word.endswith("ly") and tj - ti > 1:
        word = toks[tj - 2].norm  # "backed militarily by"
    if not (word.endswith("ed") or word.endswith("en") or word in ("shot", "hit", "held", "struck", "seized", "caught")):
        return False
    before = {toks[k].norm for k in range(max(0, ti - 2), ti)}
    if before & _BE:
        return True
    # "backed by X", "backed militarily by X"; not "investigated abuses by X" (the noun's agent)
    return any(toks[k].norm == "by" and all(toks[m].norm.endswith("ly") for m in range(tj, k))
               for k in range(tj, min(len(toks), tj + 3)))


_RELATIVE = {"en": {"who", "which", "that"}, "ar": {"الذي", "التي", "الذين", "اللذين", "اللتين"}}


def _relative(sent: Sentence, cand: Actor, ti: int, lang: str) -> bool:
    """Is the trigger the verb of a relative clause on ``cand`` ("X, who accuses", "X الذي اتهم")?"""
    toks = sent.tokens
    k = token_at(sent, cand.mention.end, ti)
    if k < ti and toks[k].text in ",،":
        k += 1
    return k < ti and toks[k].norm in _RELATIVE[lang] and ti - k <= 2


_LOCATIVE = {"ar": {"في", "قرب", "بالقرب", "شمال", "جنوب", "شرق", "غرب", "داخل", "عند", "قبالة", "محيط"},
             "en": {"in", "near", "inside", "outside", "around", "across", "north", "south", "east", "west"}}


def _locative(sent: Sentence, a: Actor, lang: str) -> bool:
    """Is the actor the object of a place preposition ("near Damascus", "قرب دمشق")?"""
    # asked again for the same actor by every trigger of the sentence: remembered on the sentence
    # (the actor is kept with its answer, so its id cannot name another actor)
    memo: dict[tuple[int, str], tuple[Actor, bool]] = sent.cache.setdefault("locative", {})
    got = memo.get((id(a), lang))
    if got is not None and got[0] is a:
        return got[1]
    w = _prev_word(sent, a)
    v = w in _LOCATIVE[lang] or (lang == "ar" and _ar_place_of(w, a, sent))
    memo[(id(a), lang)] = (a, v)
    return v


def _ar_place_of(word: str, a: Actor, sent: Sentence) -> bool:
    """Is the actor the place a place noun names ("شوارع بلغراد", "مدينة كييف"), not its owner
    ("قاعدة للجيش X": the army's base)?"""
    places = _ar_place_words()
    if word[:1] in ("و", "ف", "ب") and word[1:] in places:
        word = word[1:]
    if word not in places or ar_owner(a):
        return False
    if a.mention.attrs.get("demonym"):
        # "قصفت قرى تشيلية": whose villages, the country is hit; "قرب الحدود الفنزويلية",
        # "في العاصمة الكينية": the place phrase itself is where
        k = token_at(sent, a.mention.start, len(sent.tokens))
        return k >= 2 and sent.tokens[k - 2].norm in _LOCATIVE["ar"]
    return True


def ar_owner(a: Actor) -> bool:
    """Is the actor marked as an owner by ل ("قاعدة للجيش", "دورية لقوات X")? لندن and ليما
    merely start with ل."""
    text = a.mention.text
    return text.startswith("لل") or (a.mention.attrs.get("kind") == "body" and text.startswith("ل"))


@lru_cache(maxsize=1)
def _ar_place_words() -> frozenset[str]:
    """One-word place cues (مدينة، العاصمة، شوارع، ريف), with and without the article."""
    out: set[str] = set()
    for r in table("ar", "place_cues", 2, 2):
        toks = pattern_tokens(r[0])
        if len(toks) == 1:
            out.update((toks[0], toks[0][2:] if toks[0].startswith("ال") else "ال" + toks[0]))
    return frozenset(out)


def _adjacent(sent: Sentence, a: Actor, ti: int) -> bool:
    """Does the actor's mention end right before token ti?"""
    return ti > 0 and sent.tokens[ti - 1].end == a.mention.end


# Tokens are in text order and do not overlap, so their starts and ends ascend: the token
# at an offset is found by bisection on the tokens themselves.
START = attrgetter("start")
END = attrgetter("end")


@overload
def token_at(sent: Sentence, char: int) -> int | None: ...
@overload
def token_at(sent: Sentence, char: int, default: int) -> int: ...
@overload
def token_at(sent: Sentence, char: int, default: int | None) -> int | None: ...
def token_at(sent: Sentence, char: int, default: int | None = None) -> int | None:
    """Index of the first token that starts at or after ``char``, else ``default``."""
    k = bisect_left(sent.tokens, char, key=START)
    return k if k < len(sent.tokens) else default


def _prev_word(sent: Sentence, a: Actor) -> str:
    k = bisect_right(sent.tokens, a.mention.start, key=END) - 1
    if k > 0 and sent.tokens[k].norm.endswith(("ern", "al")) and _en_region_adjective(sent.tokens[k].norm):
        k -= 1  # "in northern Mali": the preposition governs the region's country
    return sent.tokens[k].norm if k >= 0 else ""


def _en_region_adjective(norm: str) -> bool:
    """"northern", "central": an adjective of a region between a place preposition and its country."""
    from kg.events.frames import cues  # English frame data; imported late to keep roles light

    return (norm,) in cues("en").get("region", ())


def _prep_before(sent: Sentence, a: Actor, lang: str) -> bool:
    w = _prev_word(sent, a)
    if lang == "ar":
        if w in AR_TARGET_PREPS:
            return True
        return _ar_clitic_l(a) or a.mention.text.startswith(("على", "ضد"))
    return w in EN_TARGET_PREPS


def _ar_clitic_l(a: Actor) -> bool:
    """Does the mention carry the preposition لـ ("لروسيا", "للجيش"), not a name that starts with ل (لبنان)?"""
    text = a.mention.text
    if not text.startswith("ل"):
        return False
    if a.mention.attrs.get("kind") == "body":
        return True  # a body's Arabic label is its mention: "لوزارة الزراعة"
    label = norm_text(a.entity.labels.get("ar") or "")
    return norm_text(text.split()[0]) not in label.split()


@lru_cache(maxsize=1)
def _title_heads() -> frozenset[str]:
    """First words of Arabic titles (رئيس، وزير، الرئيس...)."""
    return frozenset(pattern_tokens(r[0])[0] for r in table("ar", "titles", 4, 4) if pattern_tokens(r[0]))


def _group_back(sent: Sentence, before: list[Actor], lang: str) -> list[Actor]:
    """The coordinated actors ending with the last one before the trigger ("A and B")."""
    if len(before) < 2:
        return before[-1:]
    for k in range(len(before) - 2, -1, -1):
        g = _group(sent, before[k:], lang)
        if len(g) == len(before) - k:
            continue
        return _group(sent, before[k + 1:], lang)
    return _group(sent, before, lang)


def _ar_conjoined(a: Actor) -> bool:
    """Does the mention start with the conjunction و ("وكينيا"), not with a title word that
    starts with و ("وزيرة الخارجية الإيطالية", an unnamed official)?"""
    if not a.mention.text.startswith("و"):
        return False
    return not (a.mention.attrs.get("official") and norm_text(a.mention.text.split()[0]) in _title_heads())


def _group(sent: Sentence, actors: list[Actor], lang: str) -> list[Actor]:
    """The first actor and those coordinated with it ("A and B", "A وB", "A, B and C")."""
    if not actors:
        return []
    first = actors[0]
    if first.mention.attrs.get("demonym") and len(actors) > 1 and actors[1].entity.type == "Person" \
            and actors[1].mention.start - first.mention.end <= 25:
        actors = actors[1:]  # "his Russian counterpart Sergei Lavrov": the person, not the adjective
    out = [actors[0]]
    text = sent.text
    base = sent.start
    for a in actors[1:]:
        gap = text[out[-1].mention.end - base:a.mention.start - base].strip()
        if lang == "ar":
            ok = gap in ("", "و", "،", ", و", "، و", "او", "أو") and (gap != "" or _ar_conjoined(a))
            # "X ورئيس الوزراء الفرنسي Y": a title between coordinated persons (و + a title word,
            # not a word that merely starts with و such as وزير)
            first_word = gap.split()[0] if gap.split() else ""
            ok = ok or (first_word.startswith("و") and norm_text(first_word[1:]) in _title_heads()
                        and len(gap.split()) <= 4 and not any(c in gap for c in "،,.:؛"))
        else:
            ok = gap.lower() in ("and", ",", ", and", "or", "&")
            ok = ok or (gap.lower().startswith(("and ", ", and ")) and len(gap.split()) <= 5 and "," not in gap[1:])
        if not ok:
            break
        if a.entity is not out[-1].entity:
            out.append(a)
    return out

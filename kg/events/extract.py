"""PLOVER events from trigger lexicons, with roles, figures, mode, context,
date, location and claimant.

Precision first: a negated or hedged trigger ("لم يهاجم", "denied
attacking", "threatened to attack") yields no event of that type; a nominal
trigger needs an actor or a figure to count; one event is kept per type,
sentence and (source, target) pair.

Arabic only (``kg.events.ar_frames`` and the ``_ar_*`` helpers of ``kg.events.ar_rules``): a trigger
in a background, topic or anaphoric frame ("بموجب المعاهدة", "بشأن", "هذا الاجتماع"),
inside a verb–subject–object trigger or governed by a call or an agreement
("حثها على تقديم تنازلات") is no new event; a patron ("موالين لـ X") is no role;
coordinated parties of a symmetric act are its two sides; a threat's target is
looked for in the clause it opens; a reported attack with no target hit the
reporting side when that side is one of the article's two main countries.

English only (``kg.events.en_gaps`` and the small helpers named after what they
find): phrase triggers written around their object or a count ("suspended X's
membership"); one act told once (an event noun in the verb's means phrase, the
people an act is done to: "police arrested 20 protesters"); a conflict act
announced in the future is a threat; the host of a visit is its recipient (a capital named as
the place, "arrived in Lima", stands for its country there, as for an unnamed organ located in it).
"""

from __future__ import annotations

from typing import Callable

from kg.entities.link import Actor, capital_country, capital_iso, prune_unused
from kg.events import frames
from kg.events import roles as R
from kg.events.ar_rules import (
    _ar_after_time_word, _ar_allied, _ar_attributive, _ar_casualty_roles, _ar_claimed_act, _ar_counted,
    _ar_counted_objects, _ar_denied_clause, _ar_dependent, _ar_future_verbs, _ar_future_words, _ar_issuer,
    _ar_not_new, _ar_own_state_genitive, _ar_own_state_subject, _ar_protest_purpose, _ar_recipient,
    _ar_role_actors, _ar_state_of, _ar_statement_subject, _ar_threatened, _ar_two_parties, _ar_visit_adjunct,
    _ar_with_officials, _with_split_triggers,
)
from kg.events.common import _PLANNABLE, _SPEECH_ACTS, _all_trigger_words, _country_of
from kg.events.en_gaps import gapped_triggers
from kg.events.figures import figures, number_words
from kg.events.triggers import Trigger, recip_forms
from kg.lang.index import Match, sentence_matches
from kg.lang.lexicon import word_set
from kg.mentions.matcher import greedy
from kg.model import QUAD_CLASS, SYMMETRIC_TYPES, Event, Sentence, Token
from kg.pipeline import Component, Work, register

# conflict acts announced in the future are threats (PLOVER THREATEN), with the mode of the act threatened
_THREAT_MODES = {"ASSAULT": "violence", "SANCTION": "restrict", "COERCE": "arrest"}
MATERIAL_TYPES = {"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "RETREAT", "AID", "COOPERATE", "CONCEDE", "PROTEST"}
_DIPLOMATIC = {"CONSULT", "AGREE", "REQUEST", "SUPPORT", "REJECT", "ACCUSE", "THREATEN", "CONCEDE", "SANCTION"}
_MILITARY = {"ASSAULT", "MOBILIZE", "COERCE", "RETREAT"}


def _negated(negations: list[Match], sent: Sentence, ti: int, lang: str, ttype: str) -> str | None:
    """'neg', 'deny' or 'modal' if the trigger at token ti is negated or hedged.

    ``negations``: the sentence's matches of the negation lexicon (all, overlapping).
    """
    toks = sent.tokens
    lo = max(0, ti - 6)
    hedge = None
    for i, j, pays in greedy(negations, lo, ti) if negations else ():
        kind = pays[0]
        dist = ti - j
        if kind == "neg" and dist <= 2:
            return "neg"
        if kind == "deny" and dist <= 5:
            return "deny"
        if hedge is None and kind in ("modal", "future") and dist <= 3 and ttype != "THREATEN":
            hedge = kind
        elif hedge is None and kind == "cond" and dist <= 3:
            hedge = "cond"  # "if the talks fail": a condition, never a planned act
        if hedge is not None and lang != "en":
            return hedge
        # (English: a negation after the modal still wins, "would never attack")
    if lang == "ar" and negations and _ar_denied_clause(negations, toks, ti):
        return "deny"
    # English contraction: "didn't", "won't"
    if lang == "en" and ti > 0 and toks[ti - 1].norm in ("n't", "not", "never", "no"):
        return "neg"
    return hedge


_PRONOUNS = {"en": {"he", "she", "it", "they", "we", "i"},
             "ar": {"انه", "انها", "انهم", "انهما", "بانه", "بانها", "بانهم", "انني", "اننا", "انا", "نحن", "هو", "هي", "هم"}}


_TWO_SIDED = {"ASSAULT"}
# symmetric acts whose coordinated subjects are the two sides; coordinated attackers are allies
# ("القوات الأمريكية والعراقية شنت هجوما"): an attack's two sides need a reciprocal word (تبادل، اشتباك)
_PARTNER_TYPES = SYMMETRIC_TYPES - _TWO_SIDED


def _other_party(known: Actor, actors: list[Actor], lo: int, hi: int, claimant: Actor | None) -> Actor | None:
    """The closest actor in [lo, hi) whose country differs from ``known``'s."""
    kc = _country_of(known)
    best = None
    for a in actors:
        if a is known or not (lo <= a.mention.start < hi) or a.entity.type not in ("Country", "MilitaryForce", "ArmedGroup", "GovernmentBody"):
            continue
        if claimant is not None and a.entity is claimant.entity:
            continue
        ac = _country_of(a)
        if ac is None or ac == kc:
            continue
        d = abs(a.mention.start - known.mention.start)
        if best is None or d < best[0]:
            best = (d, a)
    return best[1] if best else None


def _first_person(toks, ti: int, lang: str) -> bool:  # type: ignore[no-untyped-def]
    """A verb in the first person: "we call", "ندعو" / "دعونا" (a speaker's own act)."""
    if lang == "en":
        return ti > 0 and toks[ti - 1].norm in ("we", "i")
    n = toks[ti].norm
    if n.startswith("ن") and len(n) >= 4 and ("ي" + n[1:]) in _all_trigger_words("ar"):
        return True
    return ti > 0 and toks[ti - 1].norm in ("نحن", "انا")


def _pronoun_subject(sent: Sentence, ti: int, lo: int, lang: str) -> bool:
    """Does a pronoun stand between the clause start and the trigger ("said he had", "إنه تحدث")?"""
    toks = sent.tokens
    start = R.token_at(sent, lo, ti)
    window = range(max(0, start - 1), ti)
    if lang == "ar" and ti <= start:
        return True  # pro-drop: the verb right after "إن/أن" carries its own subject
    if lang == "ar" and ti - start == 1 and toks[start - 1].norm in _PRONOUNS["ar"] if start > 0 else False:
        return True
    if lang == "en" and start < ti and (toks[start].norm,) in frames.cues("en").get("possessive", ()):
        return True  # "X said his country would send troops": the report's subject is the speaker's own
    return any(toks[k].norm in _PRONOUNS[lang] for k in window)


# PLOVER types that require a recipient
_RECIPIENT_TYPES = {"AID", "SANCTION", "COOPERATE"}


def _main_sides(work: Work) -> frozenset[str]:
    """The two countries an article names most often: the sides of its conflict (cached per document)."""
    got = work.scratch.get("main_sides")
    if got is None:
        counts: dict[str, int] = {}
        for acts in work.scratch.get("actors", {}).values():
            for a in acts:
                c = _country_of(a)
                if c:
                    counts[c] = counts.get(c, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        got = work.scratch["main_sides"] = frozenset(c for c, _ in ranked[:2])
    return got


def _speaker_side(actors: list[Actor], known: Actor, lo: int) -> Actor | None:
    """The last country named before a reported clause (the speaker's side), if not ``known``'s own."""
    kc = _country_of(known)
    side = None
    for a in actors:
        if a.mention.end > lo:
            break
        if a.entity.type == "Country" and _country_of(a) != kc:
            side = a
    return side


def _recip_reach(toks: list[Token], ti: int, lang: str) -> int:
    """First token a reciprocal verb may sit at to make the trigger at ti reciprocal (five back).

    In Arabic a comma ends the reach: "عملية تبادل، ثم أطلقت X سراح": the release is one-sided.
    """
    lo = max(0, ti - 5)
    if lang != "ar":
        return lo
    for k in range(ti - 1, lo - 1, -1):
        if toks[k].text in ("،", ",", "؛", ";"):
            return k + 1
    return lo


def _accused_act(toks, ti: int, accuse_at: list[int], lang: str) -> bool:  # type: ignore[no-untyped-def]
    """Is the trigger at ti the alleged act of an earlier accusation ("of attacking", "بإطلاق")?"""
    if not any(a < ti <= a + 6 for a in accuse_at):
        return False
    if lang == "ar":
        return toks[ti].norm.startswith("ب")
    return ti > 0 and toks[ti - 1].norm in ("of", "for")


_EN_AGENT_PREPS = {"from", "by"}


_STATE_TYPES = {"Country", "GovernmentBody", "MilitaryForce", "IGO"}


def _accused_from_report(events: list[Event]) -> None:
    """"X complained that Y had shelled ...", "X says Y shot at its guards and it has lodged a protest":
    the doer of the act X reports is the one X accuses (the act after the accusation first)."""
    for acc in events:
        if acc.type != "ACCUSE" or acc.target or not acc.source:
            continue
        reported = [e for e in events if e.claimed_by == acc.source and e.source and e.source != acc.source]
        act = next((e for e in reported if e.start > acc.start), reported[-1] if reported else None)
        if act is not None:
            acc.target = act.source


def _orphan(trig: Trigger, flags: set[str], rl: R.Roles, claimant: Actor | None) -> bool:
    """A diplomatic or verbal act with no source, target or claimant ("several lawmakers have
    denounced the agreement"): such acts are between political actors, so without one it tells an analyst
    nothing. Material acts by unnamed people (fighting, arrests, protests) and reciprocal acts whose
    sides were named before ("both camps exchanged accusations") still count."""
    return not (rl.sources or rl.targets) and claimant is None and trig.type in _DIPLOMATIC \
        and "recip" not in flags


def _state_actor(sources: list[Actor]) -> bool:
    """Is the source a state or one of its bodies, or an official (a person with a title)?"""
    return bool(sources) and (sources[0].entity.type in _STATE_TYPES
                              or bool(sources[0].mention.attrs.get("role")))


def _pronoun_after(toks, k: int, ti: int) -> bool:  # type: ignore[no-untyped-def]
    """A subject pronoun between token k and the trigger: "... and it has condemned" starts a new clause."""
    return any(toks[m].norm in R._SUBJECT_PRONOUNS for m in range(k + 1, ti))


_PARTNERED = {"CONSULT", "COOPERATE", "AGREE"}


def _with_partner(sent: Sentence, tj: int, rl: R.Roles, actors: list[Actor], hi: int) -> R.Roles:
    """"discussed a Bolivian fishing deal with Chile": the actor after "with" is the partner (the target),
    not an actor inside the topic."""
    t_end = sent.tokens[tj - 1].end
    partner = next((a for a in actors if t_end <= a.mention.start < hi and _marker_before(sent, a) == "with"
                    and a not in rl.sources), None)
    if partner is None or partner in rl.targets[:1]:
        return rl
    return R.Roles(rl.sources, R._other_side(rl.sources, [partner]), rl.strong)


def _two_sides(sent: Sentence, ti: int, tj: int, rl: R.Roles, actors: list[Actor], lang: str) -> R.Roles | None:
    """"talks between X and Y", "the truce between X and Y": X and Y are the two sides of the noun
    (a verb keeps its subject: "Qatar mediated between X and Y")."""
    toks = sent.tokens
    if not frames.parties_follow(toks, tj, lang) or (
            not frames.after_determiner(toks, ti, lang) and any(a.mention.end <= toks[ti].start for a in rl.sources)):
        return None
    after = [a for a in actors if a.mention.start >= sent.tokens[tj].end]
    group = R._group(sent, after, lang) if after and R.token_at(sent, after[0].mention.start) == tj + 1 else []
    return R.Roles(group[:1], group[1:2]) if len(group) >= 2 else None


_VIOLATION = "airspace violation"


def _owner_is_target(rl: R.Roles, actors: list[Actor], sent: Sentence) -> R.Roles:
    """"(Ghana says) a Chilean drone violated its airspace": "its" is the earlier state, the target."""
    if rl.targets or not rl.sources:
        return rl
    src = rl.sources[0]
    owner = [a for a in actors if a.mention.end <= src.mention.start and not a.mention.attrs.get("demonym")
             and a.entity.type in _STATE_TYPES and _country_of(a) != _country_of(src)]
    return R.Roles(rl.sources, owner[-1:], rl.strong) if owner else rl


def _coordinated_parties(sent: Sentence, ti: int, rl: R.Roles, actors: list[Actor], lo: int) -> R.Roles | None:
    """"Peru and Chile discussed Bolivia": the coordinated subject are the two sides of a meeting,
    what follows is its topic."""
    t_start = sent.tokens[ti].start
    before = [a for a in actors if lo <= a.mention.start and a.mention.end <= t_start]
    if len(before) < 2 or R._crosses(sent, before[-1].mention.end, t_start, "en") \
            or t_start - before[-1].mention.end > 30:
        return None
    pair = R._group_back(sent, before, "en")
    return R.Roles(pair[:1], R._other_side(pair[:1], pair[1:2])) if len(pair) >= 2 else None


_MEANS_REACH = 8  # tokens from the verb's trigger to the noun


def _merge_means(candidates: list[tuple[float, list[Event]]], sent: Sentence) -> list[tuple[float, list[Event]]]:
    """"killed 30 militants in an air strike": an event noun in a means phrase after a verb's act in
    its clause is that act. Same type: the verb's event takes the noun's mode and a missing side;
    another type ("arrested 12 suspects in a raid"): the noun goes when the verb has a source."""
    if len(candidates) < 2:
        return candidates  # most sentences: one act or none
    toks = sent.tokens
    starts = [(R.token_at(sent, evs[0].start, 0), R.token_at(sent, evs[0].end - 1, 0) + 1) for _, evs in candidates]
    out = []
    for n, (score, evs) in enumerate(candidates):
        ni, _ = starts[n]
        verb = next((m for m, (vi, vj) in enumerate(starts) if vj <= ni and ni - vj <= _MEANS_REACH
                     and not frames.after_determiner(toks, vi, "en") and frames.means_before(toks, ni, "en")
                     and not any(toks[k].text in _CLAUSE_EDGE or toks[k].norm in _CLAUSE_EDGE for k in range(vj, ni))),
                    None)
        if verb is None:
            out.append((score, evs))
            continue
        v_evs = candidates[verb][1]
        if evs[0].type == v_evs[0].type:
            for e in v_evs:
                e.mode = e.mode or evs[0].mode
                if e.source is None and evs[0].source not in (None, e.target):
                    e.source = evs[0].source  # "were killed in a Chilean air strike"
        elif not v_evs[0].source:
            out.append((score, evs))
    return out


def _merge_manner(candidates: list[tuple[float, list[Event]]], sent: Sentence, lang: str
                  ) -> list[tuple[float, list[Event]]]:
    """"discussed trade by phone": the manner trigger gives the verb's event of its type its mode."""
    out = []
    for score, evs in candidates:
        ev = evs[0]
        if frames.manner(sent.tokens, R.token_at(sent, ev.start, 0), lang) and any(
                e.type == ev.type and e.start < ev.start for _, es in candidates for e in es):
            for _, es in candidates:
                for e in es:
                    if e.type == ev.type and e.start < ev.start and not e.mode:
                        e.mode = ev.mode
            continue
        out.append((score, evs))
    return out


_PATIENT_REACH = 5
_CLAUSE_EDGE = {",", ";", ":", "that", "and", "but", "while", "after", "before", "as", "when"}


def _en_patient(triggers, toks: list[Token], ti: int) -> bool:  # type: ignore[no-untyped-def]
    """Is the agent noun at ti ("protesters") the object of an act told just before it in its clause
    ("arrested 20 protesters", "fired tear gas at demonstrators")?"""
    for i, j, pays in triggers:
        if j <= ti and ti - j <= _PATIENT_REACH and "agent" not in pays[0].flags \
                and not any(toks[k].norm in _CLAUSE_EDGE for k in range(j, ti)):
            return True
    return False


def _force_in_trigger(sent: Sentence, ti: int, rl: R.Roles, actors: list[Actor]) -> R.Roles:
    """"Turkish warplanes bombed X": the force named by the trigger's first word ("warplanes",
    read with its nationality as the country's air force) is the one that acts."""
    t = sent.tokens[ti]
    force = next((a for a in actors if a.mention.start < t.start < a.mention.end), None)
    return R.Roles([force], R._other_side([force], rl.targets), rl.strong) if force is not None else rl


def _struck_country(sent: Sentence, tj: int, rl: R.Roles, actors: list[Actor], hi: int) -> R.Roles:
    """"Israeli jets struck targets in Syria": a state's force striking in another country strikes
    that country (an armed group's attack "in Mali" only says where)."""
    src = _country_of(rl.sources[0])
    if src is None or rl.sources[0].entity.type == "ArmedGroup":
        return rl
    t_end = sent.tokens[tj - 1].end
    there = next((a for a in actors if t_end <= a.mention.start < hi and a.entity.type == "Country"
                  and R._locative(sent, a, "en")), None)
    if there is None or _country_of(there) == src:
        return rl
    return R.Roles(rl.sources, [there], rl.strong)


def _receiver(sent: Sentence, tj: int, rl: R.Roles, actors: list[Actor], hi: int) -> R.Roles:
    """"extradited a Colombian drug lord to the United States": what is given or handed over may
    carry a nationality; the receiver is the actor after "to"."""
    if not rl.targets[0].mention.attrs.get("demonym"):
        return rl
    t_end = sent.tokens[tj - 1].end
    to = next((a for a in actors if t_end <= a.mention.start < hi and a not in rl.targets
               and _marker_before(sent, a) == "to"), None)
    return R.Roles(rl.sources, R._other_side(rl.sources, [to]), rl.strong) if to is not None else rl


_PACT_REACH = 6  # tokens from "withdrew" to the treaty or body left: "withdrew from the nuclear arms treaty"


def _left_pact(sent: Sentence, tj: int, trig: Trigger, rl: R.Roles, actors: list[Actor]) -> tuple[Trigger, R.Roles]:
    """"X withdrew from the treaty / the alliance": leaving a pact or an organisation reduces relations
    (PLOVER SANCTION, mode withdraw), unlike troops withdrawing from ground (RETREAT)."""
    toks = sent.tokens
    if tj >= len(toks) or toks[tj].norm not in ("from", "of"):
        return trig, rl
    end = toks[min(len(toks) - 1, tj + _PACT_REACH)].end
    left = next((a for a in actors if toks[tj].end <= a.mention.start <= end), None)
    if left is None or left.entity.type not in ("Treaty", "IGO"):
        return trig, rl
    tgt = [left] if left.entity.type == "IGO" else rl.targets
    return Trigger("SANCTION", "withdraw", trig.flags), R.Roles(rl.sources, R._other_side(rl.sources, tgt), rl.strong)


def _protesters_country(sent: Sentence, ti: int, actors: list[Actor], lo: int) -> R.Roles:
    """"Farmers in India protested": the country the unnamed protesters are in stands for them."""
    t_start = sent.tokens[ti].start
    near = [a for a in actors if lo <= a.mention.start and a.mention.end <= t_start and t_start - a.mention.end < 15
            and a.entity.type == "Country" and R._locative(sent, a, "en")]
    return R.Roles(near[-1:], [])


def _en_person_of(sent: Sentence, actors: list[Actor]) -> list[Actor]:
    """Without the country in "President X of Brazil": it says whose president X is (X acts)."""
    if not any(a.entity.type == "Person" for a in actors):
        return actors
    toks = sent.tokens
    drop = set()
    for n in range(1, len(actors)):
        prev, a = actors[n - 1], actors[n]
        k = R.token_at(sent, a.mention.start, 0)
        if prev.entity.type == "Person" and k > 0 and toks[k - 1].norm == "of" \
                and R.token_at(sent, prev.mention.end, 0) == k - 1 and a.entity.type == "Country":
            drop.add(n)
    return [a for n, a in enumerate(actors) if n not in drop] if drop else actors


def _en_named_groups(sent: Sentence, actors: list[Actor]) -> list[Actor]:
    """Without the common noun right after an armed group's name ("Boko Haram militants", "Houthi
    rebels"): it says what the named group is, not a second group."""
    if sum(a.entity.type == "ArmedGroup" for a in actors) < 2:
        return actors
    out = [actors[0]]
    for a in actors[1:]:
        prev = out[-1]
        if a.entity.type == "ArmedGroup" and prev.entity.type == "ArmedGroup" and a.mention.attrs.get("kind") == "body" \
                and a.entity.country is None and not sent.text[prev.mention.end - sent.start:a.mention.start - sent.start].strip():
            continue
        out.append(a)
    return out


def _counted_object(toks: list[Token], tj: int) -> bool:
    """Is the verb's object a count of people or things right after it ("arrested 20 protesters")?"""
    return tj < len(toks) and (toks[tj].text[:1].isdigit() or toks[tj].norm in number_words("en"))


def _mobilized_force(rl: R.Roles) -> R.Roles:
    """"Ethiopian police were deployed to the capital": the force deployed is the one that mobilizes."""
    force = [a for a in rl.targets if a.entity.type in ("MilitaryForce", "GovernmentBody", "ArmedGroup")]
    return R.Roles(force[:1], [], rl.strong) if force else rl


def _demanded_of(sent: Sentence, tj: int, rl: R.Roles, actors: list[Actor], hi: int) -> R.Roles:
    """"X demanded that Y return the vessels": the subject of the demanded clause is asked."""
    toks = sent.tokens
    if tj >= len(toks) - 1 or toks[tj].norm not in R.EN_COMPLEMENTISERS:
        return rl
    asked = next((a for a in actors if a.mention.start == toks[tj + 1].start
                  or (toks[tj + 1].norm == "the" and tj + 2 < len(toks) and a.mention.start == toks[tj + 2].start)), None)
    return R.Roles(rl.sources, R._other_side(rl.sources, [asked])) if asked is not None and asked.mention.end <= hi else rl


def _hosted_visitor(sent: Sentence, tj: int, rl: R.Roles, actors: list[Actor], hi: int,
                    triggers) -> R.Roles:  # type: ignore[no-untyped-def]
    """"Egypt hosted the Israeli prime minister": the guest after a hosting verb is the visitor,
    PLOVER's source of a visit (the host, the subject, is its recipient); an event noun after it
    ("hosted talks between X and Y") is what was hosted, and tells its own sides."""
    t_end = sent.tokens[tj - 1].end
    guest = next((a for a in actors if t_end <= a.mention.start < hi and not R._locative(sent, a, "en")), None)
    if guest is None or R._crosses(sent, t_end, guest.mention.start, "en") \
            or any(tj <= i and sent.tokens[i].start < guest.mention.start for i, _, _ in triggers):
        return rl
    return R.Roles([guest], R._other_side([guest], rl.targets), rl.strong)


StandIn = Callable[[Actor], Actor | None]  # a capital place → the country actor it stands for
_HOST_REACH = 4  # tokens after a visit word: "arrived in Hanoi", "arrived in the capital of X"


def _visit_host(sent: Sentence, tj: int, rl: R.Roles, actors: list[Actor], hi: int,
                capitals: list[Actor], stand_in: StandIn) -> R.Roles:
    """"X arrived in Vietnam for talks": the country visited is the host, PLOVER's recipient of a
    visit (not merely where it happened, as a place after "in" is for other acts); a capital named
    as the place ("arrived in Hanoi") stands for its country here."""
    toks = sent.tokens
    end = toks[min(len(toks) - 1, tj - 1 + _HOST_REACH)].end
    host = min((a for a in actors + capitals if toks[tj - 1].end <= a.mention.start < min(hi, end) + 1
                and (a.entity.type == "Country" or a in capitals)), key=lambda a: a.mention.start, default=None)
    if host is not None and host in capitals:
        host = stand_in(host)
    return R.Roles(rl.sources, R._other_side(rl.sources, [host]), rl.strong) if host is not None else rl


def _organ_state(sent: Sentence, ti: int, rl: R.Roles, capitals: list[Actor], lo: int,
                 stand_in: StandIn) -> R.Roles:
    """"A court in Moscow sentenced X", "police in Nairobi arrested": an unnamed state organ (frames
    kind ``organ``) located in a capital, as the verb's subject, is that capital's state (the source).
    Other subjects in a capital say only where ("a car bomb in Baghdad killed ten")."""
    toks = sent.tokens
    t_start = toks[ti].start
    organs = frames.cues("en").get("organ", frozenset())
    for p in capitals:
        k = R.token_at(sent, p.mention.start, 0)
        e = R.token_at(sent, p.mention.end, len(toks))
        if not (lo <= p.mention.start and p.mention.end <= t_start and 2 <= k and ti - e <= 2) \
                or R._crosses(sent, p.mention.end, t_start, "en"):
            continue
        if toks[k - 1].norm in word_set("en", "locatives") and (toks[k - 2].norm,) in organs:
            state = stand_in(p)
            if state is not None:
                return R.Roles([state], R._other_side([state], rl.targets), rl.strong)
    return rl


def _gap_object(rl: R.Roles, inside: list[Actor], flags: set[str]) -> R.Roles:
    """"placed X under house arrest", "suspended X's membership": the actor inside the phrase is
    its object, the target (the subject before it stays the source)."""
    if "passive" in flags:
        return rl
    src = [a for a in rl.sources if a not in inside]
    # (not R._other_side: a state arrests or frees its own officials, "X's army placed X's president ...")
    tgt = [a for a in inside[:1] if not any(a.entity is s.entity for s in src)]
    return R.Roles(src, tgt, rl.strong)


def _not_locative(sent: Sentence, actors: list[Actor], lang: str) -> list[Actor]:
    """Actors that are not the object of a place preposition ("strikes in X", "غارات ... في سوريا" is where)."""
    return [a for a in actors if not R._locative(sent, a, lang)]


def _marker_before(sent: Sentence, a: Actor) -> str:
    """The word before an actor's mention, skipping an article and a capitalised title
    ("from the E.U.", "with Chilean Foreign Minister X" → "from", "with")."""
    toks = sent.tokens
    k = R.token_at(sent, a.mention.start, len(toks)) - 1
    stop = max(-1, k - 5)
    while k > stop and (toks[k].norm == "the" or toks[k].text[:1].isupper()):
        k -= 1
    return toks[k].norm if k >= 0 else ""


def _undergone(sent: Sentence, ti: int, rl: R.Roles, actors: list[Actor], lang: str, lo: int) -> R.Roles | None:
    """"X faces fresh E.U. sanctions": X (the undergo verb's subject) is the target; an actor
    between the verb and the noun ("E.U.") is the source."""
    k = frames.undergoer(sent.tokens, ti, lang)
    if k is None:
        return None
    toks = sent.tokens
    v_start, t_start = toks[k].start, toks[ti].start
    subj = [a for a in actors if lo <= a.mention.start and a.mention.end <= v_start]
    if not subj or R._crosses(sent, subj[-1].mention.end, v_start, lang):
        return None
    src = [a for a in actors if v_start <= a.mention.start and a.mention.end <= t_start]
    # else the agent after the noun: "sanctions from the E.U.", "fire by X"
    src = src[-1:] or [a for a in rl.sources + rl.targets if a.mention.start > t_start
                       and _marker_before(sent, a) in _EN_AGENT_PREPS][:1]
    return R.Roles(src, R._other_side(src, subj[-1:]))


def _framing(sent: Sentence, triggers, actors: list[Actor], lang: str):  # type: ignore[no-untyped-def]
    """(governing triggers, actor mention spans) for kg.events.frames, or None without frames."""
    if not frames.cues(lang):
        return None
    governors = [(i, j, pays[0].type) for i, j, pays in triggers if pays[0].type in frames.GOVERNORS | frames._ASKING]
    # (a nationality is an adjective of the object: "denounced the new American sanctions")
    return governors, [(a.mention.start, a.mention.end) for a in actors if not a.mention.attrs.get("demonym")]


class EventExtractor(Component):
    name = "events"
    requires = frozenset({"entities", "tokens"})
    provides = frozenset({"events"})

    def __call__(self, work: Work) -> None:
        doc = work.document
        actors_by_sent: dict[int, list[Actor]] = work.scratch.get("actors", {})
        dates: dict[int, str | None] = work.scratch.get("sentence_dates", {})
        events: list[Event] = []
        for sent in doc.sentences:
            actors = actors_by_sent.get(sent.index, [])
            events.extend(self._sentence(work, sent, actors, dates.get(sent.index) or doc.date))
        for n, ev in enumerate(events, 1):
            ev.id = f"{doc.id}#ev{n}"
        work.events = events

    def _sentence(self, work: Work, sent: Sentence, actors: list[Actor], date: str | None) -> list[Event]:
        doc = work.document
        lang = doc.lang
        toks = sent.tokens
        # qualifiers inside a person's title ("رئيس المجلس الأوروبي X") are not actors of their own
        role_actors = [a for a in actors if a.entity.type not in ("Treaty", "Place") and not a.mention.attrs.get("qualifier")]
        if lang == "en" and len(role_actors) > 1:
            role_actors = _en_named_groups(sent, role_actors)  # "Boko Haram militants": one actor
            role_actors = _en_person_of(sent, role_actors)  # "President X of Brazil": X acts
        found = sentence_matches(work, sent)  # lexicon matches by category (absent: none)
        if lang == "ar" and "lex" in found and len(role_actors) < len(actors):
            role_actors = _ar_with_officials(sent, actors, role_actors, found["lex"])
        if lang == "ar" and role_actors and ("trigger" in found or "casualties" in found):
            role_actors = _ar_role_actors(sent, role_actors)
        triggers = greedy(found["trigger"]) if "trigger" in found else []
        split: dict[int, tuple[list[Actor], list[Actor]]] = {}
        if lang == "ar":
            triggers = _ar_future_verbs(triggers, toks, _ar_future_words(work))  # "سيلتقي", "ستوقع": planned
        if lang == "ar" and triggers:
            triggers = _ar_counted_objects(triggers, toks)  # "طرد عشرة دبلوماسيين"
        if lang == "ar" and role_actors:
            triggers, split = _with_split_triggers(triggers, sent, role_actors)
        gaps: dict[int, list[Actor]] = {}
        if lang == "en" and "phrase_start" in found:
            starts = [i for i, _, _ in found["phrase_start"]]
            triggers, gaps = gapped_triggers(triggers, sent, role_actors, starts)  # "suspended Niger's membership"
        cue_m = greedy(found["casualties"]) if "casualties" in found else []
        issuer = work.scratch.get("ar_issuer") if lang == "ar" else None  # the last statement's issuer
        if not triggers and not cue_m:
            if lang == "ar" and "speech" in found:
                work.scratch["ar_issuer"] = (sent, found, role_actors)  # its speaker, found when needed
            return []  # most sentences: no trigger and no casualty cue, so no event
        speech_m = greedy(found["speech"]) if "speech" in found else []
        speech = [(i, j) for i, j, pays in speech_m if pays[0] in ("say", "quote")]
        according = [(i, j) for i, j, pays in speech_m if pays[0] == "according"]
        cls = R.clauses(sent, speech, role_actors, lang)
        if lang == "ar":
            work.scratch["ar_issuer"] = next((c.speaker for c in reversed(cls) if c.speaker is not None), issuer)
        claimant_all: Actor | None = None
        for i, j in according:
            after = [a for a in role_actors if a.mention.start >= toks[j - 1].end]
            if after:
                claimant_all = after[0]
        figs = figures(toks, lang, cue_m)
        ctx_words = {p[0] for _, _, p in greedy(found["context"])} if "context" in found else set()
        places = [a for a in actors if a.entity.type == "Place"]
        capitals = [a for a in places if capital_iso(a.entity.key)] if lang == "en" else []

        def stand_in(p: Actor) -> Actor | None:
            return capital_country(work, p)  # the country a capital place stands for, made when a role needs it
        speech_tokens = {k for i, j in speech for k in range(i, j)}
        accuse_at = [ti for ti, _, pays in triggers if pays[0].type in ("ACCUSE", "THREATEN", "REJECT")]
        verbal_at = [(i, j) for i, j, pays in triggers if pays[0].type in frames._VERBAL_CONTENT]
        # acts alleged, threatened, promised, asked for or refused in a ب-phrase
        claim_spans = [(i, j) for i, j, pays in triggers if pays[0].type in ("ACCUSE", "THREATEN", "AGREE", "REQUEST", "REJECT")]
        # a verbal act promised, asked for or refused: "تعهد بمواصلة دعم X" is no support yet
        wish_spans = [(i, j) for i, j, pays in triggers if pays[0].type in ("AGREE", "REQUEST", "REJECT")]
        framed = _framing(sent, triggers, role_actors, lang)
        candidates: list[tuple[float, list[Event]]] = []
        prev_source: Actor | None = None
        prev_target: Actor | None = None
        prev_lo = sent.start  # the clause prev_source acted in
        for ti, tj, pays in triggers:
            trig: Trigger = pays[0]
            if all(k in speech_tokens for k in range(ti, tj)) and trig.type not in _SPEECH_ACTS:
                continue  # the speech verb itself ("said"), unless the trigger goes beyond it
            hedge = _negated(found.get("negation", []), sent, ti, lang, trig.type)
            if hedge in ("modal", "future") and trig.type in _PLANNABLE:
                trig = Trigger(trig.type, trig.mode or "planned", trig.flags)  # planned talks, planned build-up
            elif hedge == "future" and trig.type in _THREAT_MODES:
                trig = Trigger("THREATEN", _THREAT_MODES[trig.type], trig.flags)  # "X would impose sanctions on Y"
            elif hedge:
                continue
            if lang == "en" and frames.reason_of(toks, ti, verbal_at, lang):
                continue  # "praised X for its role in the talks": the talks are the reason, not news
            if "agent" in trig.flags and _en_patient(triggers, toks, ti):
                continue  # "police arrested 20 protesters": the protesters undergo the arrest
            if (trig.type not in _SPEECH_ACTS and (_accused_act(toks, ti, accuse_at, lang) or (
                    lang == "ar" and _ar_claimed_act(toks, ti, claim_spans)))) \
                    or (lang == "ar" and trig.type in _SPEECH_ACTS and _ar_claimed_act(toks, ti, wish_spans)):
                continue  # "accused X of attacking", "اتهموه بإطلاق النار": the act is alleged
            if framed is not None and frames.non_event(toks, ti, tj, trig.type, lang, *framed):
                continue  # "the sanctions list", "despite warnings", "opposed the deployment"
            if lang == "ar" and _ar_not_new(found, triggers, split, toks, ti, tj):
                continue  # background, anaphor, or the content of a call or agreement
            if lang == "ar" and (_ar_counted(toks, ti, tj, trig) or _ar_protest_purpose(toks, ti, trig, triggers)
                                 or _ar_attributive(toks, ti, trig, triggers)):
                continue  # "عشرين طالبا" (students), "تظاهروا للمطالبة ب": part of the protest
            t_char = toks[ti].start
            lo, hi = sent.start, sent.end
            claimant = claimant_all
            for c in cls:
                if c.start <= ti < c.end:
                    lo = toks[c.start].start if c.start < len(toks) else sent.end
                    hi = toks[c.end - 1].end if c.end < len(toks) else sent.end
                    claimant = c.speaker or claimant
            flags = set(trig.flags)
            if not recip_forms(lang).isdisjoint([t.norm for t in toks[_recip_reach(toks, ti, lang):ti]]):
                flags.add("recip")
            if ti in split:
                # verb – subject – object ("أطلقت حماس صواريخ على X"): the subject sits inside the trigger
                group, inner = split[ti]
                last = toks[tj - 1]  # (an unnamed official may start at the object: "استدعت X السفير البريطاني")
                after = [a for a in role_actors if (a.mention.start >= last.end or last.start <= a.mention.start < a.mention.end
                                                    and a.mention.end > last.end) and lo <= a.mention.start < hi
                         and not R._locative(sent, a, lang)]  # "النار على المتظاهرين في الخرطوم": where
                tgt = R._other_side(group[:1], inner or (R._group(sent, after, lang) if after else []))
                if len(group) > 1 and (not tgt or trig.type in _PARTNER_TYPES):
                    tgt = group[1:]  # "وقعت روسيا وبيلاروسيا اتفاقية": the two parties
                rl = R.Roles(group[:1], R._other_side(group[:1], tgt))
                if "passive" in flags:
                    rl = R.Roles(rl.targets, rl.sources)
            else:
                rl = self._roles(work, sent, ti, tj, role_actors, lang, flags, lo, hi)
                rl = _undergone(sent, ti, rl, role_actors, lang, lo) or rl
                if trig.type in _PARTNERED and lang == "en":
                    rl = _with_partner(sent, tj, rl, role_actors, hi)
                rl = _two_sides(sent, ti, tj, rl, role_actors, lang) or rl
                if trig.type in _PARTNERED and lang == "en":
                    rl = _coordinated_parties(sent, ti, rl, role_actors, lo) or rl
                if (trig.mode == _VIOLATION or (lang == "en" and trig.type == "COERCE")) \
                        and frames.possessive_in(toks, ti, tj, lang):  # ("entered its waters")
                    rl = _owner_is_target(rl, role_actors, sent)
                if gaps.get(ti):
                    rl = _gap_object(rl, gaps[ti], flags)
                if lang == "en" and not rl.sources:
                    rl = _force_in_trigger(sent, ti, rl, role_actors)
                if lang == "en" and trig.type == "PROTEST" and not (rl.sources or rl.targets):
                    rl = _protesters_country(sent, ti, role_actors, lo)
                if lang == "en" and trig.type == "RETREAT" and trig.mode == "withdraw":
                    trig, rl = _left_pact(sent, tj, trig, rl, actors)
                if lang == "en" and trig.type == "MOBILIZE" and rl.targets and not rl.sources:
                    rl = _mobilized_force(rl)
                if lang == "en" and trig.type == "ASSAULT" and rl.sources and not rl.targets:
                    rl = _struck_country(sent, tj, rl, role_actors, hi)
                if lang == "en" and trig.type in ("AID", "COOPERATE") and rl.targets:
                    rl = _receiver(sent, tj, rl, role_actors, hi)
                if lang == "en" and trig.type == "REQUEST" and not rl.targets:
                    rl = _demanded_of(sent, tj, rl, role_actors, hi)
                if trig.mode == "visit" and lang == "en" and "passive" in flags and not rl.sources:
                    rl = _hosted_visitor(sent, tj, rl, role_actors, hi, triggers)
                if trig.mode == "visit" and lang == "en" and rl.sources and not rl.targets:
                    rl = _visit_host(sent, tj, rl, role_actors, hi, capitals, stand_in)
                if lang == "en" and not rl.sources and capitals:
                    rl = _organ_state(sent, ti, rl, capitals, lo, stand_in)
            if claimant is not None:
                # the speaker is not a role of what it reports, unless it is the only actor
                rl.sources = [a for a in rl.sources if a.entity is not claimant.entity or t_char < lo] or rl.sources
            in_clause = lo > sent.start
            if in_clause and claimant is not None and _first_person(toks, ti, lang):
                # "ندعو روسيا", "we call on Russia": the speaker acts
                after = [a for a in role_actors if a.mention.start >= toks[tj - 1].end and a.entity is not claimant.entity]
                rl = R.Roles([claimant], R._group(sent, after, lang)[:3] if after else [])
                claimant = None
            elif trig.type == "ACCUSE" and in_clause and claimant is not None \
                    and ("noun" in flags or (lang == "ar" and toks[ti].norm.startswith("ب"))):
                # "X carried out a provocation", reported by Y: Y accuses X
                doer = (rl.sources or rl.targets)[:1]
                rl = R.Roles([claimant], [d for d in doer if d.entity is not claimant.entity])
                claimant = None
            elif in_clause and claimant is not None and not rl.sources and "passive" not in flags \
                    and (trig.type not in _TWO_SIDED or lang == "en"
                         or not any(_country_of(t) == _country_of(claimant) for t in rl.targets)) \
                    and _pronoun_subject(sent, ti, lo, lang):
                # (a reported attack on the speaker's own side has the other side as its dropped subject)
                rl.sources = [claimant]  # "X said he had discussed...", "قال X إنه تحدث"
                rl.targets = R._other_side(rl.sources, rl.targets)
                claimant = None
            if lang == "ar" and in_clause and claimant is not None and not rl.sources \
                    and _ar_own_state_subject(found, sent, ti, lo, role_actors):
                rl.sources = [_ar_state_of(claimant, actors)]  # "قال X إن بلاده مستعدة لتوقيع": X's state
                rl.targets = R._other_side(rl.sources, rl.targets)
            if lang == "ar" and not rl.sources:
                owner = _ar_own_state_genitive(found, sent, ti, tj, role_actors, lo)
                if owner is not None:
                    rl.sources = [_ar_state_of(owner, actors)]  # "أكد الرئيس X دعم بلاده لـ Y": X's state
                    rl.targets = R._other_side(rl.sources, rl.targets)
            if not rl.sources and issuer is not None and lang == "ar" and _ar_statement_subject(found, tj):
                issuer = _ar_issuer(issuer)
                if issuer is not None:
                    rl.sources = [issuer]  # "وحث البيان X": the statement stands for whoever issued it
                    rl.targets = R._other_side(rl.sources, rl.targets)
            if not rl.sources and prev_source is not None and lang == "ar" and toks[ti].norm[:1] in ("و", "ف") \
                    and "noun" not in flags:
                rl.sources = [prev_source]  # "أجرى ... ودعا": coordinated verbs share the subject
            and_at = next((k for k in range(ti - 1, max(-1, ti - 4), -1) if toks[k].norm == "and"), None)
            and_before = and_at is not None and not any(
                a.mention.start >= toks[and_at].end and a.mention.end <= toks[ti].start for a in role_actors) \
                and not (lang == "en" and _pronoun_after(toks, and_at, ti))
            if lang == "en" and ti > 1 and toks[ti - 1].text == "," and toks[ti].norm.endswith("ing") \
                    and not rl.sources:
                # ", warning X": a participle adjunct shares the main clause's subject, or the
                # speaker of an attribution right before it ("..., X said, warning Y")
                said = next((s for s in speech if s[1] == ti - 1), None)
                first = (R.speaker_of(sent, said[0], said[1], role_actors, lang) if said else None) or claimant \
                    or next((a for a in _not_locative(sent, role_actors, lang) if a.mention.end <= toks[ti].start), None)
                # (not a place: "a car bomb exploded in Baghdad, killing ten people" — Iraq did not kill)
                if first is not None:
                    rl.sources = [first]
                    rl.targets = R._other_side(rl.sources, rl.targets)
                    claimant = None if first is claimant else claimant
            if lang == "en" and prev_source is not None and and_before and prev_lo == lo:
                # (not across a report: "X complained that the trawler ... and ignored" — the trawler ignored)
                # "X spoke with Y and urged ...": the coordinated verb keeps X as its subject
                rl.sources = [prev_source]
                rl.targets = R._other_side(rl.sources, [t for t in rl.targets if t is not prev_target])
            if trig.type in _TWO_SIDED and (bool(rl.sources) != bool(rl.targets)):
                # an attack names one side: the other side is the nearest actor of another country
                known = (rl.sources or rl.targets)[0]
                other = _other_party(known, _not_locative(sent, role_actors, lang), lo, hi, claimant)
                if other is not None and lang == "ar" and _ar_allied(sent, known, other):
                    other = None  # "طائرات تشيلية وبيروفية": coordinated with the known side, not its enemy
                if other is not None:
                    if rl.sources:
                        rl.targets = [other]
                    else:
                        rl.sources = [other]
            if lang == "ar" and rl.sources and _ar_after_time_word(found, toks, ti, rl.sources[0]):
                # "رفعت X حالة التأهب بعد إطلاق صاروخ": the main clause's subject did not launch it
                rl = R.Roles([], R._other_side([], rl.targets))
            if lang == "ar" and trig.mode == "visit" and ti > 0 and toks[ti - 1].norm == "في":
                rl = _ar_visit_adjunct(sent, ti, role_actors, lo) or rl  # "وصل X إلى Y في زيارة"
            if lang == "ar" and trig.type in _RECIPIENT_TYPES and rl.sources and not rl.targets:
                rl.targets = _ar_recipient(sent, tj, role_actors, rl.sources[0], hi)  # "مساعدات بقيمة ... لليمن"
            if lang == "ar" and trig.type in _PARTNER_TYPES and not rl.targets:
                rl = _ar_two_parties(sent, ti, rl, role_actors)  # "اجتمع مندوبون عن X وY": X meets Y
            if lang == "ar" and trig.type == "THREATEN" and rl.sources and not rl.targets:
                rl.targets = _ar_threatened(sent, tj, role_actors, rl.sources[0], hi)  # "هددت بأنها سترغم X"
            if lang == "ar" and trig.type in _TWO_SIDED and rl.sources and not rl.targets and lo > sent.start:
                # "أفادت الداخلية الغانية بأن القوات النرويجية قصفت X": the reporting side was hit
                side = _speaker_side(actors, rl.sources[0], lo)
                if side is not None and _country_of(side) in _main_sides(work):
                    rl.targets = [side]  # a third country's comment ("قالت الخارجية الأمريكية إن") is no side
            if rl.sources and not (lang == "ar" and _ar_dependent(toks, ti)):
                prev_source = rl.sources[0]
                prev_target = rl.targets[0] if rl.targets else None
                prev_lo = lo
            if ("noun" in flags or "weak" in flags) and not (rl.sources or rl.targets) \
                    and not (trig.type == "ASSAULT" and figs) \
                    and not (lang == "en" and "weak" in flags and _counted_object(toks, tj)):
                # (an English verb with a counted object tells a concrete act: "arrested 20 protesters")
                continue
            if lang == "en" and _orphan(trig, flags, rl, claimant):
                continue
            if trig.type == "PROTEST" and _state_actor(rl.sources) \
                    and not (lang == "en" and (rl.sources[0].mention.attrs.get("demonym")
                                               or R._locative(sent, rl.sources[0], lang))):
                # (a nationality or a country they are in is the protesters': "Kenyan doctors went on
                # strike", "farmers in India protested")
                if "verbal" not in trig.flags:
                    continue  # "the government imposed a curfew after days of unrest": the state is no protester
                trig = Trigger("ACCUSE", "", trig.flags)  # a government "protests" in words: PLOVER ACCUSE
            loc = next((p for p in places if lo <= p.mention.start < hi), None)
            evs = self._events(doc, sent, ti, tj, trig, flags, rl, claimant, loc, date, ctx_words)
            score = (1.0 if rl.sources else 0) + (0.8 if rl.targets else 0) + (0.0 if "noun" in flags else 0.5) \
                + (0.6 if rl.strong else 0)
            if evs:
                candidates.append((score, evs))
        if lang == "en":
            candidates = _merge_manner(candidates, sent, lang)
            candidates = _merge_means(candidates, sent)
        # one trigger per type and sentence: the best-supported reading
        best: dict[str, tuple[float, list[Event]]] = {}
        for score, evs in candidates:
            t = evs[0].type
            if t not in best or score > best[t][0]:
                best[t] = (score, evs)
        out = [e for _, evs in best.values() for e in evs]
        for score, evs in candidates:
            # a second act of the same type by another actor ("X fired rockets …, and Y said it struck back")
            b_evs = best[evs[0].type][1]
            if evs is not b_evs and evs[0].source and evs[0].source not in {e.source for e in b_evs} \
                    and evs[0].source not in {e.target for e in b_evs}:
                out.extend(evs)
        if figs and "ASSAULT" not in best and cue_m and not ("RETREAT" in best and set(figs) == {"captured"}):
            # (a release counts captives, it does not capture them: "freed two kidnapped engineers")
            out.extend(self._casualty_event(doc, sent, cue_m, role_actors, lang, date, places))
        out = self._dedupe(out)
        if lang == "en":
            _accused_from_report(out)
        self._attach_figures(out, figs, sent, doc, date)
        return out

    def _events(self, doc, sent: Sentence, ti: int, tj: int, trig: Trigger, flags: set[str], rl: R.Roles,  # type: ignore[no-untyped-def]
                claimant: Actor | None, loc: Actor | None, date: str | None, ctx_words: set[str]) -> list[Event]:
        toks = sent.tokens
        ctx = self._context(trig.type, ctx_words, sent, doc.date)
        sources: list[Actor | None] = [*rl.sources] or [None]
        targets: list[Actor | None] = [*rl.targets] or [None]
        pairs = [(s, t) for s in sources for t in targets if not (s and t and s.entity is t.entity)]
        if "recip" in flags and trig.type not in SYMMETRIC_TYPES and rl.sources and rl.targets:
            pairs += [(t, s) for s, t in pairs]
        out = []
        for s, t in pairs:
            conf = 0.55 + (0.15 if s else 0) + (0.1 if t else 0) - (0.1 if "noun" in flags else 0)
            out.append(Event(
                id="", type=trig.type, trigger=doc.text[toks[ti].start:toks[tj - 1].end],
                sentence=sent.text, start=toks[ti].start, end=toks[tj - 1].end,
                sentence_index=sent.index, sentence_start=sent.start, sentence_end=sent.end,
                mode=trig.mode or None, context=ctx,
                source=s.entity.id if s else None, target=t.entity.id if t else None,
                date=date, location=loc.entity.id if loc else None,
                claimed_by=claimant.entity.id if claimant is not None and (s is None or claimant.entity is not s.entity) else None,
                confidence=min(conf, 0.95),
            ))
        return out

    def _casualty_event(self, doc, sent: Sentence, cue_m, actors: list[Actor], lang: str,  # type: ignore[no-untyped-def]
                        date: str | None, places: list[Actor]) -> list[Event]:
        """Casualties stated without an attack verb ("... led to the death of 6,500 people")."""
        ci, cj, _ = cue_m[0]
        rl = R.Roles([], [])  # who caused the casualties is not stated by the figure itself
        if lang == "ar":
            rl = _ar_casualty_roles(sent, ci, cj, actors)  # ... unless the sentence says it: "بنيران X"
        loc = places[0] if places else None
        return self._events(doc, sent, ci, cj, Trigger("ASSAULT", "", frozenset({"noun"})), {"noun"}, rl, None, loc, date, set())

    def _roles(self, work: Work, sent: Sentence, ti: int, tj: int, actors: list[Actor], lang: str,
               flags: set[str], lo: int, hi: int) -> R.Roles:
        if "parse" in work.done:
            from kg.nlp.roles import dependency_roles, has_parse, mention_for

            if has_parse(sent):
                src_i, tgt_i = dependency_roles(sent, ti, lang, exclude=range(ti + 1, tj))
                by_mention = {id(a.mention): a for a in actors}

                def at(k: int | None) -> list[Actor]:
                    m = mention_for(sent, k, [a.mention for a in actors])
                    return [by_mention[id(m)]] if m is not None else []
                src, tgt = at(src_i), at(tgt_i)
                if src or tgt:
                    return R.Roles(src, R._other_side(src, tgt))
        return R.assign(sent, ti, tj, actors, lang, flags, lo, hi)

    @staticmethod
    def _context(ttype: str, ctx_words: set[str], sent: Sentence, doc_date: str | None) -> list[str]:
        ctx: list[str] = []
        if ttype in _MILITARY:
            ctx.append("military")
        if ttype in _DIPLOMATIC:
            ctx.append("diplomatic")
        if "territory" in ctx_words:
            ctx.append("territory")
        historical = "historical" in ctx_words
        if doc_date and not historical:
            year = int(doc_date[:4])
            historical = any(1900 <= y < year - 1 for y in _years(sent))
        if historical:
            ctx.append("historical")
        return ctx

    @staticmethod
    def _dedupe(events: list[Event]) -> list[Event]:
        """One event per (type, source, target) in a sentence; role-less duplicates go."""
        best: dict[tuple[str, str | None, str | None], Event] = {}
        for ev in events:
            k = (ev.type, ev.source, ev.target)
            if ev.type in SYMMETRIC_TYPES and ev.source and ev.target:
                a, b = sorted((ev.source, ev.target))
                k = (ev.type, a, b)
            if k not in best or ev.confidence > best[k].confidence:
                best[k] = ev
        kept = list(best.values())
        typed_with_roles = {e.type for e in kept if e.source or e.target}
        kept = [e for e in kept if e.source or e.target or e.type not in typed_with_roles]
        # a role-less event is dropped when the same type has a one-sided version
        kept.sort(key=lambda e: e.start)
        return kept

    @staticmethod
    def _attach_figures(events: list[Event], figs: dict[str, int], sent: Sentence, doc, date) -> None:  # type: ignore[no-untyped-def]
        if not figs:
            return
        assaults = [e for e in events if e.type == "ASSAULT"]
        if not assaults:
            return
        target = assaults[0]
        target.dead = figs.get("dead")
        target.injured = figs.get("injured")
        target.captured = figs.get("captured")
        if target.captured and not target.mode:
            target.mode = "abduct"


def _years(sent: Sentence) -> list[int]:
    """Four-digit numbers written in a sentence (computed once per sentence)."""
    got = sent.cache.get("years")
    if got is None or got[0] != len(sent.tokens):
        got = sent.cache["years"] = (
            len(sent.tokens), [int(t.text) for t in sent.tokens if t.text.isdigit() and len(t.text) == 4])
    return got[1]


class Finalize(Component):
    """Drop entities that only a demonym introduced and nothing uses."""

    name = "finalize"
    requires = frozenset({"entities"})
    provides = frozenset({"final"})

    def __call__(self, work: Work) -> None:
        prune_unused(work)


@register("events")
def _factory() -> Component:
    return EventExtractor()


@register("finalize")
def _factory_final() -> Component:
    return Finalize()


__all__ = ["EventExtractor", "Trigger", "QUAD_CLASS"]

"""Arabic frames that make a trigger something other than a new event, and actors that are no role.

Arabic news mentions events it does not report: as a background or topic
("بموجب المعاهدة", "رغم القصف", "مشاورات بشأن الحدود"), as an anaphor of an
event already told ("هذا الاجتماع", "هذا الهجوم"), or as the content of a call or an
agreement ("حثها على تقديم تنازلات", "لبّت X دعوة لزيارة Y"). The cue words are data
(``negation.tsv`` kinds ``frame`` and ``anaphor``); this module holds the logic.

Actors that only qualify another one ("مسلحين موالين لغانا", "الفصائل المدعومة من
النرويج") are listed in ``affiliation.tsv``: they say whose side someone is on, not who acts;
a nationality adjective before a person's name says whose official the person is.

Word order: in verb–subject–object Arabic the actor right after the verb is its subject,
unless the verb carries a plural subject ("اتهموا X"), a noun that is no actor stands
between ("وحث البيان X"), or the actor is the adjective of an armed unit that is the
subject ("قصفت طائرات تشيلية X", ``force_nouns.tsv``).
"""

from __future__ import annotations

from functools import lru_cache

from kg.entities.link import Actor
from kg.lang.lexicon import pattern_tokens, table, word_set
from kg.model import Sentence, Token

# event types whose complement clause names a wished or agreed act, not an act that happened
_GOVERNING = {"REQUEST", "AGREE", "REJECT"}
_COMPLEMENT_PREPS = {"الي", "علي"}


def framed(negations: list[tuple[int, int, list[str]]], toks: list[Token], ti: int) -> bool:
    """Is the trigger at ti right after a frame ("بموجب", "بشأن") or a demonstrative, or inside an idiom?

    ``negations``: the sentence's negation-lexicon matches (sorted by start).
    """
    for i, j, pays in negations:
        if i > ti:
            break
        if "frame" in pays and (j == ti or i < ti < j):
            return True  # "رغم الهدنة", or the trigger is part of the frame idiom ("فيما يتصل ب")
        if "anaphor" in pays and j == ti and _definite(toks[ti].norm):
            return True  # "هذا الاجتماع": the meeting told before, not a new one
    return False


def attribute(toks: list[Token], ti: int) -> bool:
    """A definite participle after a definite noun qualifies it, it is no act:
    "الكتائب المساندة للجيش X" (the supporting brigades), unlike the masdar "مساندة X لـ Y"."""
    if ti == 0 or not _definite(toks[ti].norm) or not _definite(toks[ti - 1].norm):
        return False
    return _bare(toks[ti].norm) in word_set("ar", "affiliation")


def _definite(norm: str) -> bool:
    return norm.startswith(("ال", "وال", "فال"))


def complement(triggers: list[tuple[int, int, list]], toks: list[Token], ti: int,  # type: ignore[type-arg]
               trigger_words: frozenset[str]) -> bool:
    """Is the trigger at ti the content of a call, an agreement or a refusal just before it ("حث X على
    تقديم تنازلات", "جددت رفضها للرسوم")?

    The governed act follows a REQUEST or AGREE trigger within six tokens and is marked by
    إلى/على or a proclitic ل/ب on the trigger itself ("لزيارة", "بالانسحاب"); what is agreed to
    may also be the bare object ("قبلت X دعوة").
    """
    for gi, gj, pays in triggers:
        if gi >= ti:
            break
        if pays[0].type not in _GOVERNING or not gj <= ti <= gj + 6 \
                or any(not toks[k].text[:1].isalpha() for k in range(gj, ti)):
            continue  # a comma or a quote ends the governed clause
        # the preposition may close the governing trigger itself ("أصرت على", "الدعوة إلى")
        if any(toks[k].norm in _COMPLEMENT_PREPS for k in range(gj - 1, ti)) or _proclitic(toks[ti].norm, trigger_words):
            return True
        if pays[0].type == "AGREE" and "noun" not in pays[0].flags and ti - gj <= 2 and toks[ti].norm[:1] not in ("و", "ف"):
            return True  # the object of accepting: "قبلت X دعوة"
    return False


def _proclitic(norm: str, trigger_words: frozenset[str]) -> bool:
    """Does the token carry a preposition ل or ب before a trigger word ("لزياره", "بالانسحاب")?"""
    if norm[:1] in ("و", "ف") and norm not in trigger_words:
        norm = norm[1:]
    if norm[:1] not in ("ل", "ب") or norm in trigger_words:
        return False  # "لقاء" is a word of its own
    rest = norm[1:]
    return rest in trigger_words or rest[2:] in trigger_words or ("ال" + rest[1:]) in trigger_words \
        or rest[1:] in trigger_words


def inside_split(split_spans: list[tuple[int, int]], ti: int, tj: int) -> bool:
    """Is a plain trigger inside a verb–subject–object trigger ("قبل X دعوة")? It is that trigger's object,
    also when it runs on past the object ("طالبت X بالإفراج" + "بالإفراج عن")."""
    return any(si < ti < sj for si, sj in split_spans)


def patrons(sent: Sentence, actors: list[Actor], token_at) -> set[int]:  # type: ignore[no-untyped-def]
    """Indexes of actors that are only the patron of another ("موالين لغانا", "المدعومين من النرويج")."""
    toks = sent.tokens
    words = word_set("ar", "affiliation")
    out = set()
    for n, a in enumerate(actors):
        k = token_at(sent, a.mention.start, len(toks))
        if k == 0:
            continue
        if _bare(toks[k - 1].norm) in words:
            out.add(n)  # the patron carries the preposition: "موالين لغانا"
        elif k >= 2 and toks[k - 1].norm in ("من", "ل", "الي") and _bare(toks[k - 2].norm) in words:
            out.add(n)
    return out


def _bare(norm: str) -> str:
    """Without the conjunction and the article: "والموالين" → "موالين"."""
    if norm[:1] in ("و", "ف") and len(norm) > 4:
        norm = norm[1:]
    return norm[2:] if norm.startswith("ال") else norm


def subject_in_verb(trigger_toks: list[Token]) -> bool:
    """A one-word verb with the plural subject suffix ("اتهموا", "هاجموا"): the actor after it is the object.

    In verb–subject order Arabic verbs agree in the singular ("اتهم المحتجون"), so a plural
    ending means the subject is already in the verb.
    """
    return len(trigger_toks) == 1 and trigger_toks[0].norm.endswith("وا") and len(trigger_toks[0].norm) >= 5


def subject_between(sent: Sentence, tj: int, first: Actor, actors: list[Actor]) -> bool:
    """A definite noun that is no actor stands between the verb and the first actor after it.

    "وحث البيان غانا على ...": the noun (البيان) is the subject, the actor is the object.
    Time words ("اليوم", "الاثنين") are adverbs, not subjects.
    """
    toks = sent.tokens
    if tj + 1 >= len(toks) or toks[tj + 1].start != first.mention.start:
        return False
    word = toks[tj]
    if not word.norm.startswith("ال") or word.norm in word_set("ar", "dates") or not word.text[:1].isalpha():
        return False
    if first.entity.type == "Person":
        return False  # "اتهم الرئيس X": the title of the person after it, who is the subject
    return not any(a.mention.start <= word.start < a.mention.end for a in actors)


def genitive_of_phrase(sent: Sentence, tj: int, first: Actor) -> bool:
    """Is the first actor after the verb the genitive of a prepositional masdar ("ويطالب المتظاهرون
    باستقالة الحكومة", "دعا إلى انسحاب القوات X")? It is what the phrase is about, not the subject."""
    toks = sent.tokens
    k = next((k for k in range(tj, len(toks)) if toks[k].end >= first.mention.start), len(toks)) - 1
    if k < tj:
        return False  # the actor follows the verb directly
    norm = toks[k].norm
    if norm[:1] in ("و", "ف") and len(norm) > 4:
        norm = norm[1:]
    if toks[k].text.endswith(("ه", "ها", "هم", "هما")):
        return False  # a pronoun suffix: no genitive follows ("وقعت بموجبها الحكومة")
    return norm[:1] in ("ب", "ل") and len(norm) >= 4 and not norm[1:].startswith("ال") \
        and not any(norm in word_set("ar", f) for f in ("function_words", "stopnames", "negation"))


def person_qualifiers(actors: list[Actor]) -> set[int]:
    """Indexes of nationality adjectives right before a person's name ("والبيروفي أنطونيو فارغاس", "نظيره الغاني X").

    The adjective says whose official the person is (a dual title:
    "وزيرا الدفاع التشيلي X والبيروفي Y"); the person is the actor, the country is no second one.
    """
    out = set()
    for n in range(len(actors) - 1):
        a, b = actors[n], actors[n + 1]
        if a.mention.attrs.get("demonym") and b.entity.type == "Person" and 0 <= b.mention.start - a.mention.end <= 1:
            out.add(n)  # an adjective, not a country's name: "اتهمت السعودية X" has the person as object
    return out


@lru_cache(maxsize=1)
def weapon_words() -> frozenset[str]:
    """First words of Arabic attack triggers (نيران، قصف، قذائف، غارة ...): "بنيران X" names the attacker."""
    return frozenset(pattern_tokens(r[0])[0].rstrip("*") for r in table("ar", "triggers", 2, 4)
                     if r[1] == "ASSAULT" and pattern_tokens(r[0]))


def force_subject(sent: Sentence, ti: int, tj: int, first: Actor) -> bool:
    """Is the first actor after the verb a nationality adjective on its subject ("قصفت طائرات تشيلية")?

    The adjective follows a noun that names an armed unit or a weapon platform
    (``force_nouns.tsv``), itself the trigger's last word or the word right after the verb;
    "قصفت مواقع بيروفية" has the adjective on the object.
    """
    toks = sent.tokens
    if not first.mention.attrs.get("demonym"):
        return False
    k = next((k for k in (tj - 1, tj) if ti < k < len(toks) - 1 and toks[k + 1].start == first.mention.start), None)
    return k is not None and _bare(toks[k].norm) in word_set("ar", "force_nouns")

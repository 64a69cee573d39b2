"""What the English and Arabic event rules share: act types news reports as planned or as
speech, the country an actor belongs to, and the first words of the trigger lexicon."""

from __future__ import annotations

from kg.entities.link import Actor
from kg.lang.lexicon import pattern_tokens, table


# Acts that news reports as planned ("will meet", "plans a build-up"): PLOVER codes them with a mode.
_PLANNABLE = {"CONSULT", "AGREE", "MOBILIZE", "AID", "COOPERATE", "RETREAT", "SUPPORT"}
_SPEECH_ACTS = {"ACCUSE", "REQUEST", "THREATEN", "REJECT", "SUPPORT", "AGREE"}


def _country_of(a: Actor) -> str | None:
    e = a.entity
    return (e.key or e.country) if e.type == "Country" else e.country


def _all_trigger_words(lang: str) -> frozenset[str]:
    if lang not in _TW:
        words = set()
        for row in table(lang, "triggers", 2, 4):
            toks = pattern_tokens(row[0])
            if toks:
                words.add(toks[0])
        _TW[lang] = frozenset(words)
    return _TW[lang]


_TW: dict[str, frozenset[str]] = {}

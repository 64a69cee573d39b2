"""Event triggers as read from ``triggers.tsv``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.lang.lexicon import pattern_tokens, table


@dataclass(frozen=True)
class Trigger:
    type: str
    mode: str
    flags: frozenset[str]

    def __init__(self, type: str, mode: str, flags: frozenset[str]) -> None:  # native under mypyc (see Hit)
        object.__setattr__(self, "type", type)
        object.__setattr__(self, "mode", mode)
        object.__setattr__(self, "flags", flags)

    def __reduce__(self) -> tuple[object, ...]:
        return (Trigger, (self.type, self.mode, self.flags))


@lru_cache(maxsize=None)
def recip_verbs(lang: str) -> frozenset[str]:
    """First words of reciprocal triggers ("تبادلت", "traded"): they make a later trigger reciprocal."""
    out = set()
    for row in table(lang, "triggers", 2, 4):
        toks = pattern_tokens(row[0])
        if "recip" in row[3] and len(toks) > 1 and not toks[0].endswith("*"):
            out.add(toks[0])
    return frozenset(out)


@lru_cache(maxsize=None)
def recip_forms(lang: str) -> frozenset[str]:
    """Token norms that are a reciprocal verb, in Arabic also after the conjunction و or ف."""
    rv = recip_verbs(lang)
    if lang != "ar":
        return rv
    return rv | {c + v for v in rv for c in "وف"}

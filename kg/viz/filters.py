"""Filters on the actor network, shared by the page, `kg viz` and `kg network`.

The page applies the same rules in JavaScript (``templates/page.js``):
events are kept by date and type, dyads by actor type and weight, then the
focus actor's neighbourhood is cut out.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from dataclasses import dataclass, field, replace

from kg.errors import UsageError
from kg.model import ENTITY_TYPES, PLOVER_TYPES
from kg.viz.model import NetworkModel

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Filters:
    date_from: str | None = None      # inclusive, YYYY-MM-DD; undated events are dropped when set
    date_to: str | None = None        # inclusive
    event_types: frozenset[str] = field(default_factory=frozenset)   # empty = all
    actor_types: frozenset[str] = field(default_factory=frozenset)   # empty = all
    min_weight: int = 1               # minimum events on a directed dyad
    focus: str | None = None          # actor IRI or label
    hops: int = 1

    def __post_init__(self) -> None:
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value is not None and not _DATE.match(value):
                raise UsageError(f"--{name.replace('_', '-')} {value!r}: expected YYYY-MM-DD")
        bad = sorted(set(self.event_types) - set(PLOVER_TYPES))
        if bad:
            raise UsageError(f"unknown event type(s) {', '.join(bad)}; expected PLOVER types: {', '.join(PLOVER_TYPES)}")
        known = set(ENTITY_TYPES) | {"Actor"}
        bad = sorted(set(self.actor_types) - known)
        if bad:
            raise UsageError(f"unknown actor type(s) {', '.join(bad)}; expected: {', '.join(sorted(known))}")
        if self.min_weight < 1:
            raise UsageError(f"--min-weight {self.min_weight}: must be at least 1")
        if self.hops < 0:
            raise UsageError(f"--hops {self.hops}: must be 0 or more")

    @classmethod
    def build(cls, *, date_from: str | None = None, date_to: str | None = None,
              event_types: list[str] | tuple[str, ...] | None = None,
              actor_types: list[str] | tuple[str, ...] | None = None,
              min_weight: int = 1, focus: str | None = None, hops: int = 1) -> "Filters":
        """Build from loose user input: comma lists allowed, case-insensitive event types."""
        etypes = frozenset(t.strip().upper() for v in (event_types or ()) for t in v.split(",") if t.strip())
        atypes = frozenset(_actor_type_name(t) for v in (actor_types or ()) for t in v.split(",") if t.strip())
        return cls(date_from or None, date_to or None, etypes, atypes, min_weight, focus or None, hops)

    @property
    def active(self) -> bool:
        return self != Filters()


def _actor_type_name(text: str) -> str:
    wanted = text.strip().casefold()
    for t in (*ENTITY_TYPES, "Actor"):
        if t.casefold() == wanted:
            return t
    return text.strip()


def apply_filters(model: NetworkModel, filters: Filters) -> NetworkModel:
    """A new model holding only what passes ``filters``."""
    if not filters.active:
        return model
    events = [
        ev for ev in model.events
        if (not filters.event_types or ev.type in filters.event_types)
        and (filters.date_from is None or (ev.date is not None and ev.date >= filters.date_from))
        and (filters.date_to is None or (ev.date is not None and ev.date <= filters.date_to))
        and (not filters.actor_types or (
            model.actors.get(ev.source) is not None and model.actors[ev.source].type in filters.actor_types
            and model.actors.get(ev.target) is not None and model.actors[ev.target].type in filters.actor_types))
    ]
    if filters.min_weight > 1:
        counts: dict[tuple[str, str], int] = defaultdict(int)
        for ev in events:
            counts[(ev.source, ev.target)] += 1
        events = [ev for ev in events if counts[(ev.source, ev.target)] >= filters.min_weight]
    if filters.focus:
        focus = model.find_actor(filters.focus)
        if focus is None:
            raise UsageError(f"--focus {filters.focus!r}: no actor with that IRI or label")
        keep = neighbourhood(focus, [(ev.source, ev.target) for ev in events], filters.hops)
        events = [ev for ev in events if ev.source in keep and ev.target in keep]
    used = {ev.source for ev in events} | {ev.target for ev in events}
    kept = {ev.iri for ev in events}
    return replace(
        model,
        actors={iri: a for iri, a in model.actors.items() if iri in used},
        events=events,
        evidence={iri: ev for iri, ev in model.evidence.items() if iri in kept},
    )


def neighbourhood(start: str, pairs: list[tuple[str, str]], hops: int) -> set[str]:
    """Actors within ``hops`` steps of ``start``, ignoring edge direction."""
    adjacent: dict[str, set[str]] = defaultdict(set)
    for a, b in pairs:
        adjacent[a].add(b)
        adjacent[b].add(a)
    seen = {start}
    queue = deque([(start, 0)])
    while queue:
        node, depth = queue.popleft()
        if depth == hops:
            continue
        for nxt in adjacent[node]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append((nxt, depth + 1))
    return seen

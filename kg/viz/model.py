"""The actor network: actors, events between them and their evidence, read from a Store.

Built only from SPARQL (``kg.viz.sparql``), so the same code serves the
embedded Oxigraph store and a remote endpoint.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Protocol

from kg.model import ENTITY_TYPES, PLOVER_TYPES, QUAD_CLASS
from kg.viz import sparql

QUADS: tuple[str, ...] = ("verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict")
# CAMEO/PLOVER numeric quad codes, as some coders write them.
_QUAD_NUMBERS = {"1": QUADS[0], "2": QUADS[1], "3": QUADS[2], "4": QUADS[3]}


class QueryableStore(Protocol):
    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> Any: ...


@dataclass
class Actor:
    iri: str
    type: str = "Actor"
    label_en: str | None = None
    label_ar: str | None = None
    country: str | None = None
    positions: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.label_en or self.label_ar or local_name(self.iri)


@dataclass(frozen=True)
class EventRecord:
    iri: str
    type: str
    source: str
    target: str
    date: str | None
    quad: str


@dataclass(frozen=True)
class Evidence:
    sentence: str
    document: str


@dataclass
class Dyad:
    """All events from one actor to another (direction kept)."""

    source: str
    target: str
    events: list[EventRecord] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.events)

    def type_counts(self) -> Counter[str]:
        return Counter(e.type for e in self.events)

    def quad(self) -> str:
        """The quad class with most events; conflict wins ties (analysts look for it first)."""
        counts = Counter(e.quad for e in self.events)
        return max(QUADS, key=lambda q: (counts[q], QUADS.index(q)))

    def dates(self) -> list[str]:
        return sorted({e.date for e in self.events if e.date})


@dataclass
class NetworkModel:
    actors: dict[str, Actor]
    events: list[EventRecord]
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)

    def dyads(self) -> list[Dyad]:
        by_pair: dict[tuple[str, str], Dyad] = {}
        for ev in self.events:
            key = (ev.source, ev.target)
            if key not in by_pair:
                by_pair[key] = Dyad(ev.source, ev.target)
            by_pair[key].events.append(ev)
        return sorted(by_pair.values(), key=lambda d: (d.source, d.target))

    def active_actors(self) -> list[str]:
        """Actors taking part in at least one event, in a stable order."""
        seen = {ev.source for ev in self.events} | {ev.target for ev in self.events}
        return sorted(seen)

    def find_actor(self, name: str) -> str | None:
        """Resolve an IRI, an IRI's local name or an English/Arabic label (case-insensitive)."""
        if name in self.actors:
            return name
        wanted = name.strip().casefold()
        for iri, actor in sorted(self.actors.items()):
            names = (actor.label_en, actor.label_ar, local_name(iri))
            if any(n and n.casefold() == wanted for n in names):
                return iri
        return None


def local_name(iri: str) -> str:
    """The part of an IRI after its last '#' or '/'."""
    return iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _rows(result: Any) -> Iterable[dict[str, Any]]:
    rows = getattr(result, "rows", result)
    return rows


def _str(value: Any) -> str | None:
    """A cell as a plain string, whatever term class the backend returns."""
    if value is None:
        return None
    inner = getattr(value, "value", None)  # pyoxigraph terms
    text = inner if isinstance(inner, str) else str(value)
    return text if text != "" else None


def _plover_type(value: str | None) -> str | None:
    if not value:
        return None
    name = local_name(value).upper()
    return name if name in PLOVER_TYPES else None


def _quad(value: str | None, etype: str) -> str:
    if value:
        name = local_name(value).lower().replace("_", "-").replace(" ", "-")
        if name in _QUAD_NUMBERS:
            return _QUAD_NUMBERS[name]
        verbal = "verbal" in name
        material = "material" in name
        coop = "coop" in name
        conflict = "conflict" in name
        if (verbal or material) and (coop or conflict):
            return f"{'verbal' if verbal else 'material'}-{'cooperation' if coop else 'conflict'}"
    return QUAD_CLASS.get(etype, "verbal-cooperation")


def _actor_type(classes: set[str]) -> str:
    names = {local_name(c) for c in classes}
    for t in ENTITY_TYPES:  # ordered most specific first enough for our classes
        if t in names:
            return t
    return "Actor"


def load_network(store: QueryableStore) -> NetworkModel:
    """Read actors, events and evidence from ``store`` (no filtering)."""
    classes_of: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store.query(sparql.EVENT_CLASSES, {})):
        ev, cls = _str(row.get("event")), _str(row.get("cls"))
        if ev and cls:
            classes_of[ev].add(cls)

    events: dict[str, EventRecord] = {}
    for row in _rows(store.query(sparql.EVENTS, {})):
        iri, src, tgt = _str(row.get("event")), _str(row.get("source")), _str(row.get("target"))
        if not (iri and src and tgt) or iri in events:
            continue  # an event with two dates or types keeps its first row
        etype = _plover_type(_str(row.get("etype")))
        if etype is None:
            etype = next((t for t in (_plover_type(c) for c in sorted(classes_of[iri])) if t), None)
        if etype is None:
            continue  # not a PLOVER event: nothing to colour or weigh it by
        date = _str(row.get("date"))
        events[iri] = EventRecord(iri, etype, src, tgt, date[:10] if date else None, _quad(_str(row.get("quad")), etype))

    evidence: dict[str, list[Evidence]] = defaultdict(list)
    for row in _rows(store.query(sparql.EVIDENCE, {})):
        ev, sent = _str(row.get("event")), _str(row.get("sentence"))
        if ev in events and sent:
            doc = _str(row.get("path")) or local_name(_str(row.get("document")) or "")
            item = Evidence(sent, doc)
            if item not in evidence[ev]:
                evidence[ev].append(item)

    actors: dict[str, Actor] = {}
    types: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store.query(sparql.ACTORS, {})):
        iri = _str(row.get("actor"))
        if not iri:
            continue
        actor = actors.setdefault(iri, Actor(iri))
        cls = _str(row.get("cls"))
        if cls:
            types[iri].add(cls)
        _set_label(actor, _str(row.get("label")), _str(row.get("lang")))
    for iri, actor in actors.items():
        actor.type = _actor_type(types[iri])

    country_labels: dict[str, dict[str, str]] = defaultdict(dict)
    for row in _rows(store.query(sparql.COUNTRIES, {})):
        iri, country = _str(row.get("actor")), _str(row.get("country"))
        if iri in actors and country:
            label = _str(row.get("label"))
            lang = (_str(row.get("lang")) or "").lower()[:2]
            country_labels[iri].setdefault("iri", country)
            if label:
                country_labels[iri].setdefault(lang or "xx", label)
    for iri, labels in country_labels.items():
        actors[iri].country = labels.get("en") or labels.get("xx") or labels.get("ar") or local_name(labels["iri"])

    titles: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for row in _rows(store.query(sparql.POSITIONS, {})):
        iri, pos, title = _str(row.get("actor")), _str(row.get("position")), _str(row.get("title"))
        if iri in actors and pos and title:
            lang = (_str(row.get("lang")) or "").lower()[:2] or "xx"
            titles[(iri, pos)].setdefault(lang, title)
    for (iri, _pos), by_lang in sorted(titles.items()):
        en = by_lang.get("en") or by_lang.get("xx")
        ar = by_lang.get("ar")
        text = " / ".join(t for t in (en, ar) if t) or local_name(_pos)
        if text not in actors[iri].positions:
            actors[iri].positions.append(text)

    ordered = sorted(events.values(), key=lambda e: (e.date or "", e.iri))
    return NetworkModel(actors=actors, events=ordered, evidence=dict(evidence))


def _set_label(actor: Actor, label: str | None, lang: str | None) -> None:
    if not label:
        return
    lang = (lang or "").lower()
    if lang.startswith("ar"):
        if actor.label_ar is None or len(label) < len(actor.label_ar):
            actor.label_ar = label
    elif lang.startswith("en") or not lang:
        # Several English labels (aliases): keep the shortest, deterministically.
        if actor.label_en is None or (len(label), label) < (len(actor.label_en), actor.label_en):
            actor.label_en = label

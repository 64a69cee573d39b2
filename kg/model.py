"""Plain data model: Document → Sentence → Token, Mention, Entity, Event, Relation.

All ``start``/``end`` offsets are character offsets into ``Document.text``,
the original, unnormalised text (Arabic clitics included), so that
``doc.text[m.start:m.end] == m.text`` always holds.

>>> d = Document(id="d1", text="Armenia said.", lang="en")
>>> d.text[0:7]
'Armenia'
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

ENTITY_TYPES: tuple[str, ...] = (
    "Person", "Country", "GovernmentBody", "MilitaryForce", "Organization",
    "IGO", "Media", "ArmedGroup", "Place", "Treaty",
)

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

RELATION_PREDICATES: tuple[str, ...] = (
    "holdsPosition", "leaderOf", "ministryOf", "memberOf", "partyTo", "locatedIn", "hasMilitaryBaseIn",
)

# PLOVER quad classes: verbal/material × cooperation/conflict.
QUAD_CLASS: dict[str, str] = {
    "AGREE": "verbal-cooperation", "CONSULT": "verbal-cooperation", "SUPPORT": "verbal-cooperation",
    "CONCEDE": "material-cooperation", "COOPERATE": "material-cooperation", "AID": "material-cooperation",
    "RETREAT": "material-cooperation",
    "REQUEST": "verbal-conflict", "ACCUSE": "verbal-conflict", "REJECT": "verbal-conflict",
    "THREATEN": "verbal-conflict",
    "PROTEST": "material-conflict", "SANCTION": "material-conflict", "MOBILIZE": "material-conflict",
    "COERCE": "material-conflict", "ASSAULT": "material-conflict",
}

# Interactions coded once whatever the order of the two sides.
SYMMETRIC_TYPES: frozenset[str] = frozenset({"ASSAULT", "CONSULT", "AGREE", "COOPERATE"})


def _reduce(obj: Any) -> tuple[Any, ...]:
    """(class, field values): how copy and pickle rebuild a dataclass whose ``__init__`` is written out
    (compiled by mypyc, such a class is rebuilt by calling it, not by setting attributes)."""
    return (type(obj), tuple(getattr(obj, f.name) for f in fields(obj)))


@dataclass(slots=True)  # slots: a document has hundreds of tokens; they build and read faster
class Token:
    text: str
    start: int
    end: int
    norm: str = ""           # normalised form used for matching
    lemma: str | None = None
    upos: str | None = None
    head: int | None = None  # index of the head token in the sentence (0-based), None for root
    deprel: str | None = None
    ner: str | None = None   # BIO/BIOES tag from a statistical tagger

    # Written out (the dataclass keeps it): compiled by mypyc, a hand-written __init__ is native code,
    # the generated one stays interpreted (2-3× slower per token). Same fields, order and defaults.
    def __init__(self, text: str, start: int, end: int, norm: str = "", lemma: str | None = None,
                 upos: str | None = None, head: int | None = None, deprel: str | None = None,
                 ner: str | None = None) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.norm = norm
        self.lemma = lemma
        self.upos = upos
        self.head = head
        self.deprel = deprel
        self.ner = ner

    def __reduce__(self) -> tuple[Any, ...]:
        return _reduce(self)


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    tokens: list[Token] = field(default_factory=list)
    # what rules computed once for the sentence (kg.events), not part of its value
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class Document:
    id: str
    text: str
    lang: str = "ar"
    source: str = ""
    date: str | None = None
    title: str | None = None
    url: str | None = None
    sentences: list[Sentence] = field(default_factory=list)

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None


@dataclass
class Mention:
    start: int
    end: int
    text: str
    type: str                      # one of ENTITY_TYPES
    sentence: int = -1
    found_by: str = "rule"         # component that found it: gazetteer, title, ner, kb, stanza...
    key: str | None = None         # knowledge-base key when linked (e.g. "ARM", "Q7747")
    name: str | None = None        # canonical English name when known
    country: str | None = None     # ISO-3166 alpha-3
    sector: str | None = None      # PLOVER-style sector code: GOV, MIL, REB, IGO, MED...
    attrs: dict[str, Any] = field(default_factory=dict)

    def __init__(self, start: int, end: int, text: str, type: str, sentence: int = -1, found_by: str = "rule",
                 key: str | None = None, name: str | None = None, country: str | None = None,
                 sector: str | None = None, attrs: dict[str, Any] | None = None) -> None:
        # written out for mypyc, as Token's (attrs=None: a new dict, as the field's default_factory gives)
        self.start = start
        self.end = end
        self.text = text
        self.type = type
        self.sentence = sentence
        self.found_by = found_by
        self.key = key
        self.name = name
        self.country = country
        self.sector = sector
        self.attrs = {} if attrs is None else attrs

    def __reduce__(self) -> tuple[Any, ...]:
        return _reduce(self)

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass
class Entity:
    id: str
    name: str
    type: str
    labels: dict[str, str] = field(default_factory=dict)
    country: str | None = None
    sector: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    same_as: list[str] = field(default_factory=list)
    key: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)

    def __init__(self, id: str, name: str, type: str, labels: dict[str, str] | None = None, country: str | None = None,
                 sector: str | None = None, mentions: list[Mention] | None = None, same_as: list[str] | None = None,
                 key: str | None = None, attrs: dict[str, Any] | None = None) -> None:
        # written out for mypyc, as Token's (None: a new container, as the fields' default_factory gives)
        self.id = id
        self.name = name
        self.type = type
        self.labels = {} if labels is None else labels
        self.country = country
        self.sector = sector
        self.mentions = [] if mentions is None else mentions
        self.same_as = [] if same_as is None else same_as
        self.key = key
        self.attrs = {} if attrs is None else attrs

    def __reduce__(self) -> tuple[Any, ...]:
        return _reduce(self)

    def _labels(self) -> dict[str, str]:
        """Arabic and English labels, falling back on the name or a mention in that script."""
        ar = self.labels.get("ar") or ""
        en = self.labels.get("en") or ""
        if not en and self.name and not any("\u0600" <= c <= "\u06ff" for c in self.name):
            en = self.name
        if not ar:
            ar = next((m.text for m in self.mentions if any("\u0600" <= c <= "\u06ff" for c in m.text)), "")
        return {"ar": ar, "en": en}

    def to_dict(self) -> dict[str, Any]:
        seen: set[tuple[int, int]] = set()
        mentions = []
        for m in sorted(self.mentions, key=lambda m: m.start):
            if m.span in seen:
                continue
            seen.add(m.span)
            mentions.append({"text": m.text, "start": m.start, "end": m.end})
        return {
            "id": self.id, "name": self.name, "type": self.type,
            "labels": self._labels(),
            "country": self.country, "sector": self.sector,
            "mentions": mentions, "sameAs": list(self.same_as),
        }


@dataclass
class Event:
    id: str
    type: str
    trigger: str
    sentence: str
    start: int                     # trigger offsets
    end: int
    sentence_index: int = -1
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    source: str | None = None      # entity id
    target: str | None = None
    date: str | None = None
    location: str | None = None
    dead: int | None = None
    injured: int | None = None
    captured: int | None = None
    claimed_by: str | None = None
    confidence: float = 0.5
    sentence_start: int = -1
    sentence_end: int = -1

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "type": self.type, "mode": self.mode, "context": list(self.context),
            "source": self.source, "target": self.target, "trigger": self.trigger,
            "sentence": self.sentence, "start": self.start, "end": self.end, "date": self.date,
            "location": self.location, "dead": self.dead, "injured": self.injured,
            "captured": self.captured, "claimedBy": self.claimed_by,
            "confidence": round(self.confidence, 3),
        }


@dataclass
class Relation:
    subject: str                   # entity id
    predicate: str                 # one of RELATION_PREDICATES
    object: str                    # entity id, or a position title for holdsPosition
    evidence: str                  # sentence text
    sentence_index: int = -1
    start: int = -1                # evidence span in the document
    end: int = -1
    confidence: float = 0.5
    attrs: dict[str, Any] = field(default_factory=dict)  # holdsPosition: title, org, country

    def to_dict(self) -> dict[str, Any]:
        return {"subject": self.subject, "predicate": self.predicate, "object": self.object,
                "evidence": self.evidence}


@dataclass
class Extraction:
    document: Document
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def entity(self, entity_id: str | None) -> Entity | None:
        if entity_id is None:
            return None
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None

    def to_dict(self) -> dict[str, Any]:
        d = self.document
        return {
            "document": {"id": d.id, "source": d.source, "lang": d.lang, "date": d.date},
            "entities": [e.to_dict() for e in self.entities],
            "events": [e.to_dict() for e in self.events],
            "relations": [r.to_dict() for r in self.relations],
        }

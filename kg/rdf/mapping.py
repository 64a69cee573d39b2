"""Extraction → RDF triples for the document's named graph.

One function, :func:`extraction_triples`, maps a whole ``Extraction`` to a
set of rdflib triples that :meth:`kg.store.base.Store.add_document` writes
into the graph named by :func:`kg.rdf.iri.document_iri`. IRIs come from
:mod:`kg.rdf.iri`, so the mapping is deterministic: the same article gives
the same set of triples.

Every event and every relation carries a ``cn:evidence`` node (document,
sentence text, sentence offsets). Relations are written twice: as the
direct triple (for one-hop queries) and as an ``rdf:Statement`` holding the
evidence and the confidence.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from kg.model import ENTITY_TYPES, QUAD_CLASS, Entity, Event, Extraction, Relation
from kg.rdf import iri
from kg.rdf.namespace import CN, PROV, SCHEMA, WD

Triple = tuple[URIRef, URIRef, URIRef | Literal]

#: Entity types that are actors (get ``rdf:type cn:Actor`` too, for one-hop actor queries).
ACTOR_TYPES = frozenset(ENTITY_TYPES) - {"Place", "Treaty"}

_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_QID = re.compile(r"(?:^|/|wd:)(Q\d+)$")


def script_lang(text: str) -> str:
    """``ar`` when the text has Arabic letters, else ``en`` (for language tags)."""
    return "ar" if _ARABIC.search(text) else "en"


def _date(value: str | None) -> Literal | None:
    return Literal(value, datatype=XSD.date) if value and _DATE.match(value) else None


def _int(value: int | None) -> Literal | None:
    return Literal(int(value), datatype=XSD.integer) if value is not None and value >= 0 else None


def _conf(value: float) -> Literal:
    v = min(1.0, max(0.0, float(value)))
    return Literal(Decimal(f"{v:.3f}"), datatype=XSD.decimal)


def same_as_iri(ref: str) -> URIRef:
    """``Q7747`` / ``wd:Q7747`` / a Wikidata URL → the Wikidata entity IRI; other IRIs kept."""
    m = _QID.search(ref.strip())
    if m:
        return WD[m.group(1)]
    return URIRef(ref.strip())


def actor_code(e: Entity) -> str | None:
    """PLOVER/CAMEO-style actor code: ISO3 + sector (``RUSMIL``), or ISO3 alone for countries."""
    if not e.country:
        return None
    if e.type == "Country" or not e.sector:
        return e.country
    return e.country + e.sector


class _Mapper:
    """Holds the per-document lookups while the triples are produced."""

    def __init__(self, ex: Extraction) -> None:
        self.ex = ex
        self.doc = ex.document
        self.doc_iri = iri.document_iri(self.doc.id)
        self.out: set[Triple] = set()
        self.entity_iris: dict[str, URIRef] = {e.id: self._entity_iri(e) for e in ex.entities}
        # A country code resolves to the document's Country entity when there is one,
        # so cn:country and the country node agree whatever the KB key scheme is.
        self.country_iris: dict[str, URIRef] = {}
        for e in ex.entities:
            if e.type == "Country" and e.country:
                self.country_iris.setdefault(e.country, self.entity_iris[e.id])

    @staticmethod
    def _entity_iri(e: Entity) -> URIRef:
        return iri.entity_iri(e.type, e.labels.get("en") or e.name or e.id, e.key)

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal | None) -> None:
        if o is not None:
            self.out.add((s, p, o))

    def country(self, code: str) -> URIRef:
        node = self.country_iris.get(code)
        if node is None:
            node = iri.entity_iri("Country", code, code)
            self.add(node, CN.iso3, Literal(code))
        return node

    # ---- document --------------------------------------------------------
    def document(self) -> None:
        d, s = self.doc, self.doc_iri
        self.add(s, RDF.type, CN.Document)
        self.add(s, RDFS.label, Literal(d.title or d.id))
        self.add(s, SCHEMA.identifier, Literal(d.id))
        self.add(s, SCHEMA.datePublished, _date(d.date))
        self.add(s, CN.lang, Literal(d.lang))
        self.add(s, SCHEMA.url, URIRef(d.url) if d.url and "://" in d.url else None)
        self.add(s, SCHEMA.name, Literal(d.title) if d.title else None)
        self.add(s, CN.sourcePath, Literal(d.source) if d.source else None)

    # ---- entities --------------------------------------------------------
    def entity(self, e: Entity) -> None:
        s = self.entity_iris[e.id]
        self.add(s, RDF.type, CN[e.type] if e.type in ENTITY_TYPES else CN.Organization)
        if e.type in ACTOR_TYPES:
            self.add(s, RDF.type, CN.Actor)
        labels = {k: v for k, v in e.labels.items() if v}
        if not labels and e.name:
            labels = {script_lang(e.name): e.name}
        for lang, text in labels.items():
            self.add(s, RDFS.label, Literal(text, lang=lang))
        if e.name and e.name not in labels.values():
            self.add(s, SKOS.altLabel, Literal(e.name, lang=script_lang(e.name)))
        for m in e.mentions:
            if m.text not in labels.values():
                self.add(s, SKOS.altLabel, Literal(m.text, lang=script_lang(m.text)))
        if e.country:
            if e.type == "Country":
                self.add(s, CN.iso3, Literal(e.country))
            else:
                self.add(s, CN.country, self.country(e.country))
        self.add(s, CN.sector, Literal(e.sector) if e.sector else None)
        if e.type in ACTOR_TYPES:
            self.add(s, CN.actorCode, Literal(actor_code(e)) if actor_code(e) else None)
        for ref in e.same_as:
            if ref.strip():
                self.add(s, OWL.sameAs, same_as_iri(ref))
        self.add(s, CN.mentionedIn, self.doc_iri)

    # ---- evidence ----------------------------------------------------------
    def sentence_span(self, text: str, start: int, end: int, anchor: int) -> tuple[int, int]:
        """A span such that ``doc.text[start:end]`` is the evidence sentence."""
        t = self.doc.text
        if 0 <= start < end <= len(t) and t[start:end] == text:
            return start, end
        sent = self.doc.sentence_at(anchor) if anchor >= 0 else None
        if sent is not None and t[sent.start:sent.end] == text:
            return sent.start, sent.end
        if text:
            # Nearest occurrence to the anchor: the sentence the fact came from.
            hits = [m.start() for m in re.finditer(re.escape(text), t)]
            if hits:
                best = min(hits, key=lambda h: abs(h - max(anchor, 0)))
                return best, best + len(text)
        return (start, end) if 0 <= start <= end else (0, 0)

    def evidence(self, owner: URIRef, text: str, index: int, start: int, end: int) -> URIRef:
        ev = iri.evidence_iri(owner)
        self.add(ev, RDF.type, CN.Evidence)
        self.add(ev, CN.document, self.doc_iri)
        self.add(ev, PROV.wasDerivedFrom, self.doc_iri)
        self.add(ev, CN.sentenceText, Literal(text))
        if index is not None and index >= 0:
            self.add(ev, CN.sentenceIndex, Literal(index, datatype=XSD.integer))
        self.add(ev, CN.start, Literal(start, datatype=XSD.integer))
        self.add(ev, CN.end, Literal(end, datatype=XSD.integer))
        self.add(owner, CN.evidence, ev)
        return ev

    # ---- events ----------------------------------------------------------
    def event(self, e: Event) -> None:
        src = self.entity_iris.get(e.source) if e.source else None
        tgt = self.entity_iris.get(e.target) if e.target else None
        sstart, send = self.sentence_span(e.sentence, e.sentence_start, e.sentence_end, e.start)
        s = iri.event_iri(self.doc.id, sstart, send, e.type, src, tgt, e.start, e.end)
        self.add(s, RDF.type, CN.Event)
        self.add(s, RDF.type, CN[e.type])
        self.add(s, CN.eventType, iri.event_type_concept(e.type))
        self.add(s, CN.quadClass, iri.quad_class_concept(QUAD_CLASS[e.type]))
        self.add(s, CN.source, src)
        self.add(s, CN.target, tgt)
        self.add(s, CN.location, self.entity_iris.get(e.location) if e.location else None)
        self.add(s, CN.claimedBy, self.entity_iris.get(e.claimed_by) if e.claimed_by else None)
        self.add(s, CN.date, _date(e.date))
        self.add(s, CN.dead, _int(e.dead))
        self.add(s, CN.injured, _int(e.injured))
        self.add(s, CN.captured, _int(e.captured))
        self.add(s, CN.mode, iri.mode_concept(e.mode) if e.mode else None)
        for c in e.context:
            self.add(s, CN.context, iri.context_concept(c))
        self.add(s, CN.trigger, Literal(e.trigger, lang=script_lang(e.trigger)) if e.trigger else None)
        self.add(s, CN.triggerStart, Literal(e.start, datatype=XSD.integer))
        self.add(s, CN.triggerEnd, Literal(e.end, datatype=XSD.integer))
        self.add(s, CN.confidence, _conf(e.confidence))
        self.evidence(s, e.sentence, e.sentence_index, sstart, send)

    # ---- relations -------------------------------------------------------
    def _ref(self, value: object) -> URIRef | None:
        """An entity id of this extraction, or an ISO3 country code, as an IRI."""
        if not isinstance(value, str) or not value:
            return None
        if value in self.entity_iris:
            return self.entity_iris[value]
        if len(value) == 3 and value.isalpha() and value.isupper():
            return self.country(value)
        return None

    def position(self, r: Relation) -> URIRef:
        """The ``cn:Position`` node a holdsPosition relation points to.

        ``attrs``: ``title`` (the bare title), ``org`` and ``country`` (entity ids;
        an ISO3 code is accepted for the country). ``r.object`` is the full post
        ("Minister of Defence of X") and becomes the label.
        """
        a = r.attrs
        title = str(a.get("title") or r.object)
        of = self._ref(a.get("org"))
        ctry = self._ref(a.get("country"))
        p = iri.position_iri(title, of, ctry)
        label = str(r.object or title)
        self.add(p, RDF.type, CN.Position)
        self.add(p, CN.title, Literal(title, lang=script_lang(title)))
        self.add(p, RDFS.label, Literal(label, lang=script_lang(label)))
        self.add(p, CN.positionOf, of)
        self.add(p, CN.country, ctry)
        return p

    def relation(self, r: Relation) -> None:
        subj = self.entity_iris.get(r.subject)
        if subj is None:
            return
        if r.predicate == "holdsPosition":
            obj: URIRef | None = self.position(r)
        else:
            obj = self.entity_iris.get(r.object)
        if obj is None:
            return
        pred = CN[r.predicate]
        self.add(subj, pred, obj)
        anchor = r.start
        start, end = self.sentence_span(r.evidence, r.start, r.end, anchor)
        st = iri.statement_iri(self.doc.id, subj, r.predicate, obj, start, end)
        self.add(st, RDF.type, RDF.Statement)
        self.add(st, RDF.subject, subj)
        self.add(st, RDF.predicate, pred)
        self.add(st, RDF.object, obj)
        self.add(st, CN.confidence, _conf(r.confidence))
        self.evidence(st, r.evidence, r.sentence_index, start, end)


def extraction_triples(ex: Extraction) -> set[Triple]:
    """All triples of one document's named graph."""
    m = _Mapper(ex)
    m.document()
    for e in ex.entities:
        m.entity(e)
    for ev in ex.events:
        if ev.type in QUAD_CLASS:
            m.event(ev)
    for r in ex.relations:
        m.relation(r)
    return m.out


def entity_iris(ex: Extraction) -> dict[str, URIRef]:
    """Entity id → IRI for one extraction (used by exports and tests)."""
    return dict(_Mapper(ex).entity_iris)


def to_graph(triples: Iterable[Triple]):  # -> rdflib.Graph
    """An rdflib Graph of ``triples`` with the project prefixes bound (for Turtle output)."""
    from rdflib import Graph

    from kg.rdf.namespace import ID, VOCAB

    g = Graph()
    for prefix, ns in (("cn", CN._NS), ("id", ID), ("vocab", VOCAB), ("schema", SCHEMA), ("prov", PROV),
                       ("wd", WD), ("skos", SKOS), ("owl", OWL)):
        g.bind(prefix, ns)
    for t in triples:
        g.add(t)
    return g

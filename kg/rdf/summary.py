"""Summaries: dyads (one ``cn:Interaction`` per source, target, event type), ties, labels, search index.

Recomputed from the whole store after each build and written atomically to
the named graph ``id:graph/summary``:

- dyads, so the actor-network query reads pre-aggregated edges (one hop)
  instead of joining over every event;
- ties: one ``cn:Tie`` per source, target and PLOVER quad class (the sum of
  that pair's dyads of the class), with properties of their own
  (``cn:tieSource``, ``cn:tieTarget``, ``cn:tieEvents``), so the actor
  network is read row for row without grouping, and a threshold on the
  number of events is one scan of the ties' counts;
- one ``skos:prefLabel`` per labelled node and language (the smallest of its
  ``rdfs:label`` values in that language over all documents), so queries read a
  label with one triple instead of one copy per document mentioning the node;
- one ``cn:displayLabel`` per labelled entity (a node with an entity class,
  below): the smallest of those (English sorts before Arabic), the label the
  queries show, read without aggregating (documents are shown by IRI: leaving
  them out keeps the table the queries join small);
- the search index: every distinct name of a node (its ``rdfs:label`` and
  ``skos:altLabel`` values) once, as ``skos:hiddenLabel`` (SKOS: a label for
  text search, not for display), the folded form of each name once as
  ``cn:searchKey`` (:func:`kg.query.params.search_key`), and the node's
  entity classes (``cn:entityClass``, the classes of ``kg.model.ENTITY_TYPES``
  the documents give it), so entity search reads nothing outside this graph;
- event lists: for each actor (any source or target of an event) and event
  type, one ``cn:EventList`` (``actor cn:eventList list``, ``list
  cn:eventType type``, ``list cn:event event`` per event), so the queries about
  one actor's events of a type start from the few events they return instead
  of checking the type of every event the actor takes part in.

``cn:displayLabel``, ``cn:searchKey`` and ``cn:entityClass`` appear nowhere
else: a query that joins one of them reads only these triples (tens of
thousands), whatever plan the engine picks.

Works on any :class:`~kg.store.base.Store` (embedded or remote): five
SELECTs, one graph replace.
"""

from __future__ import annotations

import time
from typing import Callable

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from kg.model import ENTITY_TYPES, QUAD_CLASS
from kg.query.params import search_key
from kg.rdf import iri
from kg.rdf.namespace import CN
from kg.store.base import Store, Triple

_DYADS = """
PREFIX cn: <https://w3id.org/kg-conflict/ontology#>
PREFIX schema: <https://schema.org/>
SELECT ?s ?t ?type (COUNT(DISTINCT ?e) AS ?n) (MIN(?d) AS ?first) (MAX(?d) AS ?last)
WHERE {
  GRAPH ?g { ?e a cn:Event ; cn:source ?s ; cn:target ?t ; cn:eventType ?type .
             OPTIONAL { ?e cn:date ?ed } }
  OPTIONAL { GRAPH ?g { ?g schema:datePublished ?pd } }
  BIND(COALESCE(?ed, ?pd) AS ?d)
  FILTER(?g != ?summary)
}
GROUP BY ?s ?t ?type
"""


_LABELS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?lang (MIN(STR(?l)) AS ?label)
WHERE {
  GRAPH ?g { ?s rdfs:label ?l }
  FILTER(?g != ?summary && ISLITERAL(?l))
  BIND(LANG(?l) AS ?lang)
}
GROUP BY ?s ?lang
"""


_NAMES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?s ?name
WHERE {
  GRAPH ?g { ?s rdfs:label|skos:altLabel ?name }
  FILTER(?g != ?summary && ISLITERAL(?name))
}
"""


# VALUES: only the entity classes, so the engine reads their instances, not every typed node.
_CLASSES = f"""
PREFIX cn: <https://w3id.org/kg-conflict/ontology#>
SELECT DISTINCT ?s ?c
WHERE {{
  VALUES ?c {{ {" ".join(f"cn:{t}" for t in ENTITY_TYPES)} }}
  GRAPH ?g {{ ?s a ?c }}
  FILTER(?g != ?summary)
}}
"""


_EVENT_ACTORS = """
PREFIX cn: <https://w3id.org/kg-conflict/ontology#>
SELECT DISTINCT ?a ?type ?e
WHERE {
  GRAPH ?g { ?e a cn:Event ; cn:eventType ?type ; cn:source|cn:target ?a }
  FILTER(?g != ?summary)
}
"""


def event_list_triples(store: Store) -> list[Triple]:
    """One ``cn:EventList`` per actor and event type, listing the events the actor is source or target of."""
    res = store.query(_EVENT_ACTORS, {"summary": iri.SUMMARY_GRAPH})
    lists: dict[tuple[URIRef, URIRef], list[URIRef]] = {}
    for row in res.terms:
        a, typ, e = row["a"], row["type"], row["e"]
        if isinstance(a, URIRef) and isinstance(typ, URIRef) and isinstance(e, URIRef):
            lists.setdefault((a, typ), []).append(e)
    out: list[Triple] = []
    for (a, typ), events in lists.items():
        node = iri.event_list_iri(a, typ)
        out += [(a, CN.eventList, node), (node, RDF.type, CN.EventList), (node, CN.eventType, typ)]
        out += [(node, CN.event, e) for e in events]
    return out


def name_triples(store: Store) -> list[Triple]:
    """Every distinct name (``rdfs:label``, ``skos:altLabel``) of a node once, as ``skos:hiddenLabel``,
    and every distinct folded form of them once, as ``cn:searchKey``."""
    res = store.query(_NAMES, {"summary": iri.SUMMARY_GRAPH})
    out: list[Triple] = []
    keys: set[tuple[URIRef, str]] = set()
    for row in res.terms:
        s, name = row["s"], row.get("name")
        if isinstance(s, URIRef) and isinstance(name, Literal):
            out.append((s, SKOS.hiddenLabel, name))
            keys.add((s, search_key(str(name))))
    out += [(s, CN.searchKey, Literal(k)) for s, k in sorted(keys)]
    return out


def label_triples(store: Store, entities: set[URIRef] | None = None) -> list[Triple]:
    """One ``skos:prefLabel`` per node and language (its smallest ``rdfs:label`` there) and one
    ``cn:displayLabel`` per node of ``entities`` (every node when ``None``): the smallest of
    those, with its language."""
    res = store.query(_LABELS, {"summary": iri.SUMMARY_GRAPH})
    out: list[Triple] = []
    shown: dict[URIRef, Literal] = {}
    for row in res.terms:
        s, lang, label = row["s"], row.get("lang"), row.get("label")
        if not isinstance(s, URIRef) or not isinstance(label, Literal):
            continue
        lit = Literal(str(label), lang=str(lang) if lang else None)
        out.append((s, SKOS.prefLabel, lit))
        if entities is not None and s not in entities:
            continue
        old = shown.get(s)
        if old is None or (str(lit), lit.language or "") < (str(old), old.language or ""):
            shown[s] = lit
    out += [(s, CN.displayLabel, lit) for s, lit in shown.items()]
    return out


def class_triples(store: Store) -> list[Triple]:
    """``cn:entityClass`` for every node the documents type with one of ``kg.model.ENTITY_TYPES``."""
    res = store.query(_CLASSES, {"summary": iri.SUMMARY_GRAPH})
    return [(row["s"], CN.entityClass, row["c"]) for row in res.terms
            if isinstance(row["s"], URIRef) and isinstance(row.get("c"), URIRef)]


def dyad_triples(store: Store) -> list[Triple]:
    """Interactions (per source, target, event type) and ties (per source, target, quad class).

    An event without its own date counts with its document's publication date.
    """
    res = store.query(_DYADS, {"summary": iri.SUMMARY_GRAPH})
    out: list[Triple] = []
    ties: dict[tuple[URIRef, URIRef, str], list] = {}
    for row in res.terms:
        s, t, typ, n = row["s"], row["t"], row["type"], row["n"]
        if not isinstance(s, URIRef) or not isinstance(t, URIRef) or not isinstance(typ, URIRef):
            continue
        etype = str(typ).rsplit("/", 1)[-1]
        node = iri.interaction_iri(s, t, etype)
        count = int(n.toPython()) if isinstance(n, Literal) else 0
        dates = [d if isinstance(d, Literal) and d.datatype == XSD.date else None
                 for d in (row.get("first"), row.get("last"))]
        out += [
            (node, RDF.type, CN.Interaction),
            (node, CN.source, s),
            (node, CN.target, t),
            (node, CN.eventType, typ),
            (node, CN.eventCount, Literal(count, datatype=XSD.integer)),
        ]
        out += [(node, prop, d) for prop, d in zip((CN.firstDate, CN.lastDate), dates) if d is not None]
        if etype in QUAD_CLASS:
            out.append((node, CN.quadClass, iri.quad_class_concept(QUAD_CLASS[etype])))
            _add_to_tie(ties, (s, t, QUAD_CLASS[etype]), count, dates[0], dates[1])
    return out + tie_triples(ties)


def _add_to_tie(ties: dict[tuple[URIRef, URIRef, str], list], key: tuple[URIRef, URIRef, str],
                count: int, first: Literal | None, last: Literal | None) -> None:
    """Add one interaction's count and dates to its tie ([events, first, last])."""
    tie = ties.get(key)
    if tie is None:
        ties[key] = [count, first, last]
        return
    tie[0] += count
    # xsd:date lexical forms (YYYY-MM-DD) sort as the dates do
    if first is not None and (tie[1] is None or str(first) < str(tie[1])):
        tie[1] = first
    if last is not None and (tie[2] is None or str(last) > str(tie[2])):
        tie[2] = last


def tie_triples(ties: dict[tuple[URIRef, URIRef, str], list]) -> list[Triple]:
    """One ``cn:Tie`` per (source, target, quad class): its events summed over the event types of the class."""
    out: list[Triple] = []
    for (s, t, quad), (count, first, last) in ties.items():
        node = iri.tie_iri(s, t, quad)
        out += [
            (node, RDF.type, CN.Tie),
            (node, CN.tieSource, s),
            (node, CN.tieTarget, t),
            (node, CN.quadClass, iri.quad_class_concept(quad)),
            (node, CN.tieEvents, Literal(count, datatype=XSD.integer)),
        ]
        out += [(node, prop, d) for prop, d in ((CN.firstDate, first), (CN.lastDate, last)) if d is not None]
    return out


def refresh_summaries(store: Store, timings: dict[str, float] | None = None) -> int:
    """Recompute and atomically replace the summary graph; returns its triple count.

    ``timings``, when given, receives the seconds spent on each part and on the write.
    """
    def part(name: str, fn: Callable[..., list[Triple]], *args: object) -> list[Triple]:
        t0 = time.perf_counter()
        out = fn(store, *args)
        if timings is not None:
            timings[name] = time.perf_counter() - t0
        return out

    classes = part("classes", class_triples)
    triples = part("dyads", dyad_triples) + classes
    triples += part("labels", label_triples, {s for s, _, _ in classes})
    triples += part("names", name_triples)
    triples += part("event lists", event_list_triples)
    t0 = time.perf_counter()
    if not triples:
        store.remove_graph(iri.SUMMARY_GRAPH)
        n = 0
    else:
        n = store.replace_graph(iri.SUMMARY_GRAPH, triples)
    if timings is not None:
        timings["write"] = time.perf_counter() - t0
    return n


"""Summaries: dyads (one ``cn:Interaction`` per source, target, event type) and labels.

Recomputed from the whole store after each build and written atomically to
the named graph ``id:graph/summary``:

- dyads, so the actor-network query reads pre-aggregated edges (one hop)
  instead of joining over every event;
- one ``skos:prefLabel`` per labelled node and language (the smallest of its
  ``rdfs:label`` values in that language over all documents), so queries read a
  label with one triple instead of one copy per document mentioning the node;
- the search index: every distinct name of a node (its ``rdfs:label`` and
  ``skos:altLabel`` values) once, as ``skos:hiddenLabel`` (SKOS: a label for
  text search, not for display), so entity search scans each name once.

Works on any :class:`~kg.store.base.Store` (embedded or remote): three
SELECTs, one graph replace.
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from kg.model import QUAD_CLASS
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


def name_triples(store: Store) -> list[Triple]:
    """Every distinct name (``rdfs:label``, ``skos:altLabel``) of a node once, as ``skos:hiddenLabel``."""
    res = store.query(_NAMES, {"summary": iri.SUMMARY_GRAPH})
    return [(row["s"], SKOS.hiddenLabel, row["name"]) for row in res.terms
            if isinstance(row["s"], URIRef) and isinstance(row.get("name"), Literal)]


def label_triples(store: Store) -> list[Triple]:
    """One ``skos:prefLabel`` per node and language: its smallest ``rdfs:label`` there."""
    res = store.query(_LABELS, {"summary": iri.SUMMARY_GRAPH})
    out: list[Triple] = []
    for row in res.terms:
        s, lang, label = row["s"], row.get("lang"), row.get("label")
        if not isinstance(s, URIRef) or not isinstance(label, Literal):
            continue
        out.append((s, SKOS.prefLabel, Literal(str(label), lang=str(lang) if lang else None)))
    return out


def dyad_triples(store: Store) -> list[Triple]:
    """The summary graph's triples, computed from the events in the store.

    An event without its own date counts with its document's publication date.
    """
    res = store.query(_DYADS, {"summary": iri.SUMMARY_GRAPH})
    out: list[Triple] = []
    for row in res.terms:
        s, t, typ, n = row["s"], row["t"], row["type"], row["n"]
        if not isinstance(s, URIRef) or not isinstance(t, URIRef) or not isinstance(typ, URIRef):
            continue
        etype = str(typ).rsplit("/", 1)[-1]
        node = iri.interaction_iri(s, t, etype)
        out += [
            (node, RDF.type, CN.Interaction),
            (node, CN.source, s),
            (node, CN.target, t),
            (node, CN.eventType, typ),
            (node, CN.eventCount, Literal(int(n.toPython()) if isinstance(n, Literal) else 0, datatype=XSD.integer)),
        ]
        if etype in QUAD_CLASS:
            out.append((node, CN.quadClass, iri.quad_class_concept(QUAD_CLASS[etype])))
        for prop, var in ((CN.firstDate, "first"), (CN.lastDate, "last")):
            d = row.get(var)
            if isinstance(d, Literal) and d.datatype == XSD.date:
                out.append((node, prop, d))
    return out


def refresh_summaries(store: Store) -> int:
    """Recompute and atomically replace the summary graph; returns its triple count."""
    triples = dyad_triples(store) + label_triples(store) + name_triples(store)
    if not triples:
        store.remove_graph(iri.SUMMARY_GRAPH)
        return 0
    return store.replace_graph(iri.SUMMARY_GRAPH, triples)


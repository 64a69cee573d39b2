"""Dyad summaries: one ``cn:Interaction`` per (source, target, event type).

Recomputed from the whole store after each build and written atomically to
the named graph ``id:graph/summary``, so the actor-network query reads
pre-aggregated edges (one hop) instead of joining over every event. Works on
any :class:`~kg.store.base.Store` (embedded or remote): one SELECT, one
graph replace.
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

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
    triples = dyad_triples(store)
    if not triples:
        store.remove_graph(iri.SUMMARY_GRAPH)
        return 0
    return store.replace_graph(iri.SUMMARY_GRAPH, triples)


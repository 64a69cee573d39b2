"""SPARQL that reads the actor network out of any Store (embedded or remote).

Every value is projected as a plain string (``STR``/``LANG``) so the rows look
the same whatever term objects a backend returns. The default graph is the
union of the per-document graphs.
"""

from __future__ import annotations

PREFIXES = """\
PREFIX cn: <https://w3id.org/kg-conflict/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
"""

# One row per event with both a source and a target (only those make edges).
# Dyad summaries (cn:Interaction) also have cn:source/cn:target: they are not events.
# An event without its own date takes its document's publication date (as kg/rdf/summary.py).
EVENTS = PREFIXES + """
SELECT DISTINCT (STR(?e) AS ?event) (STR(?s) AS ?source) (STR(?t) AS ?target)
       (STR(?et) AS ?etype) (STR(COALESCE(?d, ?pd)) AS ?date) (STR(?q) AS ?quad)
WHERE {
  ?e cn:source ?s ; cn:target ?t .
  FILTER(?s != ?t)
  FILTER NOT EXISTS { ?e a cn:Interaction }
  OPTIONAL { ?e cn:eventType ?et }
  OPTIONAL { ?e cn:date ?d }
  OPTIONAL { ?e cn:evidence/cn:document/schema:datePublished ?pd }
  OPTIONAL { ?e cn:quadClass ?q }
}
"""

# rdf:type of events that lack cn:eventType (fallback; usually no rows).
EVENT_CLASSES = PREFIXES + """
SELECT DISTINCT (STR(?e) AS ?event) (STR(?c) AS ?cls)
WHERE { ?e cn:source ?s ; cn:target ?t ; a ?c .
        FILTER NOT EXISTS { ?e cn:eventType ?any } FILTER NOT EXISTS { ?e a cn:Interaction } }
"""

EVIDENCE = PREFIXES + """
SELECT DISTINCT (STR(?e) AS ?event) (STR(?text) AS ?sentence) (STR(?doc) AS ?document)
       (STR(?srcpath) AS ?path)
WHERE {
  ?e cn:source ?s ; cn:target ?t ; cn:evidence ?ev .
  ?ev cn:sentenceText ?text .
  OPTIONAL { ?ev cn:document ?doc .
             OPTIONAL { ?doc cn:sourcePath ?sp }
             OPTIONAL { ?doc rdfs:label ?dl } }
  BIND(COALESCE(?sp, ?dl) AS ?srcpath)
}
"""

# Types and labels of every actor taking part in an event.
ACTORS = PREFIXES + """
SELECT DISTINCT (STR(?a) AS ?actor) (STR(?c) AS ?cls) (STR(?l) AS ?label) (LANG(?l) AS ?lang)
WHERE {
  { SELECT DISTINCT ?a WHERE { { ?e cn:source ?a } UNION { ?e cn:target ?a } FILTER NOT EXISTS { ?e a cn:Interaction } } }
  OPTIONAL { ?a a ?c }
  OPTIONAL { ?a rdfs:label ?l }
}
"""

COUNTRIES = PREFIXES + """
SELECT DISTINCT (STR(?a) AS ?actor) (STR(?c) AS ?country) (STR(?l) AS ?label) (LANG(?l) AS ?lang)
WHERE {
  { SELECT DISTINCT ?a WHERE { { ?e cn:source ?a } UNION { ?e cn:target ?a } FILTER NOT EXISTS { ?e a cn:Interaction } } }
  ?a cn:country ?c .
  OPTIONAL { ?c rdfs:label ?l0 }
  OPTIONAL { ?c cn:iso3 ?iso }
  BIND(COALESCE(?l0, ?iso) AS ?l)
}
"""

POSITIONS = PREFIXES + """
SELECT DISTINCT (STR(?a) AS ?actor) (STR(?p) AS ?position) (STR(?t) AS ?title) (LANG(?t) AS ?lang)
WHERE {
  { SELECT DISTINCT ?a WHERE { { ?e cn:source ?a } UNION { ?e cn:target ?a } FILTER NOT EXISTS { ?e a cn:Interaction } } }
  ?a cn:holdsPosition ?p .
  OPTIONAL { ?p cn:title ?t0 }
  OPTIONAL { ?p rdfs:label ?t1 }
  BIND(COALESCE(?t0, ?t1, ?p) AS ?t)
}
"""

"""Extraction → RDF: stable IRIs, evidence on every fact, no duplicates on re-mapping."""

from __future__ import annotations

import copy

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from kg.rdf import iri
from kg.rdf.mapping import extraction_triples, same_as_iri, to_graph
from kg.rdf.namespace import CN, ID, WD


def test_same_extraction_gives_identical_triples(sample_extraction):
    a = extraction_triples(sample_extraction)
    b = extraction_triples(copy.deepcopy(sample_extraction))
    assert a == b
    assert len(a) > 100


def test_local_ids_do_not_change_iris(sample_extraction):
    """Entity ids (e1, e2...) are per-run; renaming them must not change any IRI."""
    before = extraction_triples(sample_extraction)
    ex = copy.deepcopy(sample_extraction)
    ren = {e.id: f"x{i}" for i, e in enumerate(reversed(ex.entities))}
    for e in ex.entities:
        e.id = ren[e.id]
    for v in ex.events:
        v.id = "other-" + v.id
        for f in ("source", "target", "location", "claimed_by"):
            if getattr(v, f):
                setattr(v, f, ren[getattr(v, f)])
    for r in ex.relations:
        r.subject = ren[r.subject]
        r.object = ren.get(r.object, r.object)
    ex.entities.reverse()
    assert extraction_triples(ex) == before


def test_entity_iris_from_key_or_type_and_name(sample_extraction):
    g = to_graph(extraction_triples(sample_extraction))
    assert (ID["entity/RUS"], RDF.type, CN.Country) in g
    assert (ID["entity/person/sergei-shoigu"], RDF.type, CN.Person) in g
    assert (ID["entity/person/sergei-shoigu"], RDF.type, CN.Actor) in g
    assert (ID["entity/RUS"], OWL.sameAs, WD.Q159) in g
    assert (ID["entity/UKR"], OWL.sameAs, WD.Q212) in g          # full Wikidata URL normalised
    assert (ID["entity/RUS"], RDFS.label, Literal("روسيا", lang="ar")) in g
    assert (ID["entity/RUS"], RDFS.label, Literal("Russia", lang="en")) in g
    mf = ID["entity/militaryforce/russian-armed-forces"]
    assert (mf, CN.actorCode, Literal("RUSMIL")) in g
    assert (mf, CN.country, ID["entity/RUS"]) in g
    # A mention that differs from the labels becomes an altLabel.
    assert (ID["entity/militaryforce/armed-forces-of-ukraine"], SKOS.altLabel, Literal("للجيش الأوكراني", lang="ar")) in g


def test_arabic_slug_is_percent_encoded_and_stable():
    a = iri.entity_iri("Person", "سيرغي شويغو")
    assert str(a).isascii()
    assert a == iri.entity_iri("Person", "سيرغى شويغو")  # ى/ي variant folds to the same IRI
    assert a != iri.entity_iri("Person", "سيرغي لافروف")


def test_event_iri_depends_on_content():
    base = ("d1", 0, 40, "ASSAULT", "s", "t", 10, 15)
    assert iri.event_iri(*base) == iri.event_iri(*base)
    assert iri.event_iri(*base) != iri.event_iri("d1", 0, 40, "ASSAULT", "s", "t", 11, 15)
    assert iri.event_iri(*base) != iri.event_iri("d2", 0, 40, "ASSAULT", "s", "t", 10, 15)


def test_every_event_has_evidence_indexing_the_text(sample_extraction):
    text = sample_extraction.document.text
    g = to_graph(extraction_triples(sample_extraction))
    events = set(g.subjects(RDF.type, CN.Event))
    assert len(events) == 2
    for ev in events:
        assert (ev, RDF.type, CN.ASSAULT) in g
        assert (ev, CN.eventType, iri.event_type_concept("ASSAULT")) in g
        assert (ev, CN.quadClass, iri.quad_class_concept("material-conflict")) in g
        evid = g.value(ev, CN.evidence)
        assert evid is not None
        s, e = int(g.value(evid, CN.start)), int(g.value(evid, CN.end))
        assert text[s:e] == str(g.value(evid, CN.sentenceText))
        assert g.value(evid, CN.document) == iri.document_iri("sample_ar_001")
        ts, te = int(g.value(ev, CN.triggerStart)), int(g.value(ev, CN.triggerEnd))
        assert text[ts:te] == str(g.value(ev, CN.trigger))


def test_event_properties(sample_extraction):
    g = to_graph(extraction_triples(sample_extraction))
    (ev,) = list(g.subjects(CN.dead, None))
    assert g.value(ev, CN.dead) == Literal(3, datatype=XSD.integer)
    assert g.value(ev, CN.injured) == Literal(7, datatype=XSD.integer)
    assert g.value(ev, CN.claimedBy) == ID["entity/governmentbody/ministry-of-defence-of-ukraine"]
    (air,) = list(g.subjects(CN.mode, iri.mode_concept("aerial")))
    assert g.value(air, CN.date) == Literal("2026-03-01", datatype=XSD.date)
    assert g.value(air, CN.location) == ID["entity/place/kharkiv"]
    assert (air, CN.context, iri.context_concept("military")) in g


def test_relations_have_direct_triple_and_evidenced_statement(sample_extraction):
    text = sample_extraction.document.text
    g = to_graph(extraction_triples(sample_extraction))
    shoigu = ID["entity/person/sergei-shoigu"]
    pos = g.value(shoigu, CN.holdsPosition)
    assert pos is not None and (pos, RDF.type, CN.Position) in g
    assert g.value(pos, CN.title) == Literal("Minister of Defence", lang="en")
    assert g.value(pos, CN.country) == ID["entity/RUS"]
    statements = set(g.subjects(RDF.type, RDF.Statement))
    assert len(statements) == 3
    for st in statements:
        s, p, o = g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object)
        assert (s, p, o) in g
        evid = g.value(st, CN.evidence)
        assert text[int(g.value(evid, CN.start)):int(g.value(evid, CN.end))] == str(g.value(evid, CN.sentenceText))


def test_document_node(sample_extraction):
    g = to_graph(extraction_triples(sample_extraction))
    d = iri.document_iri("sample_ar_001")
    assert (d, RDF.type, CN.Document) in g
    assert (d, CN.lang, Literal("ar")) in g
    assert (d, URIRef("https://schema.org/url"), URIRef("https://example.org/news/1")) in g
    assert (d, URIRef("https://schema.org/datePublished"), Literal("2026-03-01", datatype=XSD.date)) in g


def test_missing_sentence_offsets_are_recovered(sample_extraction):
    ex = copy.deepcopy(sample_extraction)
    for v in ex.events:
        v.sentence_start = v.sentence_end = -1
    assert extraction_triples(ex) == extraction_triples(sample_extraction)


def test_same_as_forms():
    assert same_as_iri("Q7747") == WD.Q7747
    assert same_as_iri("wd:Q7747") == WD.Q7747
    assert same_as_iri("https://www.wikidata.org/wiki/Q7747") == WD.Q7747
    assert same_as_iri("http://dbpedia.org/resource/X") == URIRef("http://dbpedia.org/resource/X")


def test_position_attrs_as_entity_ids(sample_extraction):
    """The relation extractor gives org and country as entity ids of the extraction."""
    ex = copy.deepcopy(sample_extraction)
    hp = next(r for r in ex.relations if r.predicate == "holdsPosition")
    hp.object = "Minister of Defence of Russia"
    hp.attrs = {"title": "Minister of Defence", "org": None, "country": "e1"}
    g = to_graph(extraction_triples(ex))
    pos = g.value(ID["entity/person/sergei-shoigu"], CN.holdsPosition)
    assert g.value(pos, CN.country) == ID["entity/RUS"]
    assert g.value(pos, CN.title) == Literal("Minister of Defence", lang="en")
    assert g.value(pos, RDFS.label) == Literal("Minister of Defence of Russia", lang="en")
    hp.attrs = {"title": "Minister of Defence", "org": "e7", "country": "e1"}
    g = to_graph(extraction_triples(ex))
    pos = g.value(ID["entity/person/sergei-shoigu"], CN.holdsPosition)
    assert g.value(pos, CN.positionOf) == ID["entity/governmentbody/ministry-of-defence-of-ukraine"]


def test_composite_kb_keys_make_readable_iris():
    assert iri.entity_iri("MilitaryForce", "x", "Armed Forces|ARM") == ID["entity/armed-forces/ARM"]
    assert iri.entity_iri("Country", "Russia", "RUS") == ID["entity/RUS"]
    assert iri.entity_iri("Person", "x", "Person|abc") == ID["entity/k-Person/abc"]   # no clash with type dirs
    assert str(iri.entity_iri("GovernmentBody", "x", "Authorities|ناغورنو كاراباخ")).isascii()

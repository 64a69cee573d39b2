"""Ontology v1 and SHACL shapes: well-formed, bilingual, complete, and shapes that catch bad graphs."""

from __future__ import annotations


import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.model import ENTITY_TYPES, PLOVER_TYPES, QUAD_CLASS
from kg.rdf import iri
from kg.rdf.mapping import extraction_triples, to_graph
from kg.rdf.namespace import CN, ORG, PROV, SCHEMA, SEM, VOCAB
from kg.resources import ontology_dir
from kg.validate import validate_graph


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(str(ontology_dir() / "conflict.ttl"), format="turtle")


def test_every_vocabulary_term_is_declared(onto):
    declared = set(onto.subjects(RDF.type, None))
    missing = [t for t in dir(CN) if URIRef(t) not in declared]
    assert missing == []


def test_classes_have_arabic_and_english_labels(onto):
    for cls in set(onto.subjects(RDF.type, OWL.Class)):
        if not str(cls).startswith(str(CN._NS)):
            continue
        langs = {lit.language for lit in onto.objects(cls, RDFS.label)}
        assert {"ar", "en"} <= langs, cls


def test_entity_types_and_plover_types(onto):
    for t in ENTITY_TYPES:
        assert (CN[t], RDF.type, OWL.Class) in onto
    for t in PLOVER_TYPES:
        assert (CN[t], RDFS.subClassOf, CN.Event) in onto
        concept = iri.event_type_concept(t)
        assert (concept, RDF.type, SKOS.Concept) in onto
        assert (concept, SKOS.inScheme, VOCAB.eventType) in onto
        assert (concept, CN.quadClass, iri.quad_class_concept(QUAD_CLASS[t])) in onto
        assert (concept, SKOS.notation, Literal(t)) in onto


def test_modes_and_contexts_are_concepts_matching_mapping_iris(onto):
    for mode in ("phone", "visit", "third-party", "abduct", "aerial", "ceasefire", "intercept",
                 "airspace violation", "summon ambassador", "occupy territory", "military", "planned"):
        c = iri.mode_concept(mode)
        assert (c, RDF.type, CN.Mode) in onto, mode
        assert (c, SKOS.notation, Literal(mode)) in onto
    for ctx in ("military", "diplomatic", "territory", "historical"):
        assert (iri.context_concept(ctx), RDF.type, CN.Context) in onto, ctx


def test_alignments(onto):
    assert (CN.Event, RDFS.subClassOf, SEM.Event) in onto
    assert (CN.source, RDFS.subPropertyOf, SEM.hasActor) in onto
    assert (CN.Position, RDFS.subClassOf, ORG.Post) in onto
    assert (CN.holdsPosition, RDFS.subPropertyOf, ORG.holds) in onto
    assert (CN.memberOf, RDFS.subPropertyOf, ORG.memberOf) in onto
    assert (CN.Document, RDFS.subClassOf, SCHEMA.NewsArticle) in onto
    assert (CN.document, RDFS.subPropertyOf, PROV.wasDerivedFrom) in onto
    assert (CN.ministryOf, RDFS.domain, CN.GovernmentBody) in onto


def test_sample_graph_conforms(sample_extraction):
    report = validate_graph(to_graph(extraction_triples(sample_extraction)))
    assert report.conforms, report.text()


def _graph(sample_extraction) -> Graph:
    return to_graph(extraction_triples(sample_extraction))


def test_shapes_catch_negative_figures_and_bad_confidence(sample_extraction):
    g = _graph(sample_extraction)
    ev = next(g.subjects(CN.dead, None))
    g.set((ev, CN.dead, Literal(-1)))
    g.set((ev, CN.confidence, Literal(1.5)))
    report = validate_graph(g)
    assert not report.conforms
    msgs = set(report.grouped())
    assert "dead must be a non-negative integer" in msgs
    assert any("confidence" in m for m in msgs)
    assert "does NOT conform" in report.text()


def test_shapes_catch_event_without_evidence_or_two_types(sample_extraction):
    g = _graph(sample_extraction)
    ev = next(g.subjects(CN.dead, None))
    g.remove((ev, CN.evidence, None))
    g.add((ev, CN.eventType, iri.event_type_concept("ACCUSE")))
    msgs = set(validate_graph(g).grouped())
    assert "an event needs exactly one evidence node (document, sentence, offsets)" in msgs
    assert "an event needs exactly one PLOVER event type" in msgs


def test_shapes_catch_relation_without_evidence_and_unlabelled_entity(sample_extraction):
    g = _graph(sample_extraction)
    st = next(g.subjects(RDF.predicate, CN.ministryOf))
    g.remove((st, CN.evidence, None))
    g.remove((URIRef(str(iri.entity_iri("Place", "Kharkiv"))), RDFS.label, None))
    msgs = set(validate_graph(g).grouped())
    assert "every relation statement needs evidence" in msgs
    assert "an entity needs at least one rdfs:label" in msgs


def test_shapes_catch_evidence_with_string_offsets(sample_extraction):
    g = _graph(sample_extraction)
    evid = next(g.subjects(RDF.type, CN.Evidence))
    g.set((evid, CN.start, Literal("0")))
    assert "evidence start must be one non-negative xsd:integer" in validate_graph(g).grouped()


def test_every_lexicon_mode_and_context_is_a_concept(onto, root):
    """Modes and contexts written by the trigger/context lexicons must exist in the SKOS schemes."""
    modes: set[str] = set()
    contexts: set[str] = {"military", "diplomatic"}             # assigned by event type in code
    for path in (root / "kg" / "lang").glob("*/data/triggers.tsv"):
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if line.startswith("#") or len(cols) < 3:
                continue
            if cols[2].strip():
                modes.add(cols[2].strip())
    for path in (root / "kg" / "lang").glob("*/data/context.tsv"):
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if not line.startswith("#") and len(cols) >= 2 and cols[1].strip():
                contexts.add(cols[1].strip())
    missing_modes = sorted(m for m in modes if (iri.mode_concept(m), RDF.type, CN.Mode) not in onto)
    missing_ctx = sorted(c for c in contexts if (iri.context_concept(c), RDF.type, CN.Context) not in onto)
    assert missing_modes == [] and missing_ctx == []


def test_shapes_catch_relation_triple_without_statement_and_reversed_offsets(sample_extraction):
    g = _graph(sample_extraction)
    st = next(g.subjects(RDF.predicate, CN.locatedIn))
    g.remove((st, None, None))
    evid = next(g.subjects(RDF.type, CN.Evidence))
    g.set((evid, CN.end, Literal(0)))
    g.set((evid, CN.start, Literal(5)))
    report = validate_graph(g)
    groups = report.grouped()
    assert [v.path for v in groups["relation triple without an evidenced rdf:Statement"]] == [str(CN.locatedIn)]
    assert len(groups["evidence end must not be before its start"]) == 1
    assert not report.conforms

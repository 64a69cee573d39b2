"""kg.build: incremental builds, failure isolation, dyad summaries and outputs (toy extractor)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.build import BuildSummary, build
from kg.errors import UsageError
from kg.query.run import run_query
from kg.rdf.iri import SUMMARY_GRAPH, document_iri
from kg.store.oxigraph import OxigraphStore

CN = "PREFIX cn: <https://w3id.org/kg-conflict/ontology#> "


def write(d: Path, name: str, text: str) -> Path:
    d.mkdir(parents=True, exist_ok=True)
    p = d / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.fixture()
def docs(tmp_path: Path) -> Path:
    d = tmp_path / "docs"
    write(d, "a.txt", "Russia attacked Ukraine on Monday. Poland is a member of NATO.")
    write(d, "b.txt", "Ukraine accused Russia of shelling. Russia attacked Ukraine again.")
    return d


def run(paths, out, extractor, **kw) -> BuildSummary:
    return build(paths, out, extractor=extractor, network=False, **kw)


def graph_counts(out: Path) -> dict[str, int]:
    with OxigraphStore(out / "store", read_only=True) as st:
        return {str(g): st.triple_count(g) for g in st.graphs()}


def test_build_writes_store_graph_and_extraction(docs, tmp_path, toy_extractor):
    out = tmp_path / "out"
    s = run([docs], out, toy_extractor, date="2024-05-06")
    assert (s.documents, s.added, s.unchanged, s.errors) == (2, 2, 0, [])
    assert s.events == 3 and s.relations == 1
    with OxigraphStore(out / "store", read_only=True) as st:
        assert s.triples == st.triple_count()
        union = Graph()
        for q in st.quads():
            union.add(q[:3])
    assert isomorphic(Graph().parse(out / "graph.ttl", format="turtle"), union)
    lines = (out / "extraction.jsonl").read_text(encoding="utf-8").splitlines()
    objs = [json.loads(x) for x in lines]
    assert [o["document"]["id"] for o in objs] == ["a", "b"]
    assert objs[0]["document"]["date"] == "2024-05-06"
    assert {"document", "entities", "events", "relations"} == set(objs[0])
    assert "documents" in s.line() and "triples" in s.line()


def test_rebuild_same_input_changes_nothing(docs, tmp_path, toy_extractor):
    out = tmp_path / "out"
    first = run([docs], out, toy_extractor)
    before = graph_counts(out)
    calls: list[str] = []

    def counting(doc):
        calls.append(doc.id)
        return toy_extractor(doc)

    second = run([docs], out, counting)
    assert calls == []                                   # unchanged documents are not re-extracted
    assert (second.unchanged, second.added, second.updated) == (2, 0, 0)
    assert second.triples == first.triples
    assert graph_counts(out) == before
    assert len((out / "extraction.jsonl").read_text().splitlines()) == 2


def test_new_document_adds_only_its_graph(docs, tmp_path, toy_extractor):
    out = tmp_path / "out"
    run([docs], out, toy_extractor)
    before = graph_counts(out)
    write(docs, "c.txt", "NATO met Poland.")
    s = run([docs], out, toy_extractor)
    after = graph_counts(out)
    assert (s.added, s.unchanged) == (1, 2)
    new = set(after) - set(before)
    assert new == {str(document_iri("c"))}
    for g, n in before.items():
        if g != str(SUMMARY_GRAPH):
            assert after[g] == n                           # the other documents' graphs are untouched
    assert len((out / "extraction.jsonl").read_text().splitlines()) == 3


def test_changed_document_replaces_its_graph(docs, tmp_path, toy_extractor):
    out = tmp_path / "out"
    run([docs], out, toy_extractor)
    write(docs, "a.txt", "Poland met Ukraine.")
    s = run([docs], out, toy_extractor)
    assert (s.updated, s.unchanged) == (1, 1)
    with OxigraphStore(out / "store", read_only=True) as st:
        a = document_iri("a")
        types = {r["t"] for r in st.query(CN + "SELECT ?t WHERE { GRAPH ?g { ?e cn:eventType ?t } }", {"g": a}).rows}
        assert types == {"https://w3id.org/kg-conflict/vocab/eventType/CONSULT"}   # the ASSAULT is gone
        assert not st.query(CN + "ASK { GRAPH ?g { ?s cn:memberOf ?o } }", {"g": a}).boolean
    line = json.loads((out / "extraction.jsonl").read_text().splitlines()[0])
    assert [e["type"] for e in line["events"]] == ["CONSULT"]


def test_failing_document_leaves_store_as_before(docs, tmp_path, toy_extractor):
    out = tmp_path / "out"
    run([docs], out, toy_extractor)
    before = graph_counts(out)
    write(docs, "a.txt", "Russia attacked Poland.")           # changed, but its extraction will fail
    write(docs, "c.txt", "NATO met Poland.")

    def flaky(doc):
        if doc.id == "a":
            raise ValueError("boom")
        return toy_extractor(doc)

    seen: list[str] = []
    s = run([docs], out, flaky, on_error=lambda e: seen.append(str(e)))
    assert s.failed == 1 and s.added == 1
    assert len(seen) == 1 and seen[0].startswith("E402 ") and "a.txt" in seen[0] and "boom" in seen[0]
    after = graph_counts(out)
    assert after[str(document_iri("a"))] == before[str(document_iri("a"))]   # old version kept
    assert str(document_iri("c")) in after


def test_bad_inputs_are_reported_and_others_built(data_dir, tmp_path, toy_extractor):
    io = data_dir / "io"
    errors: list[str] = []
    s = run([io / "dir", io / "empty.txt", io / "binary.txt", io / "mixed.jsonl", io / "missing.txt"],
            tmp_path / "out", toy_extractor, on_error=lambda e: errors.append(str(e)))
    assert s.documents == 6 and s.added == 6
    assert [e.split(" ")[0] for e in errors] == ["E100", "E101", "E103", "E104", "E107", "E103", "E108", "E106"]
    assert all("\n" not in e for e in errors)


def test_dyad_summaries(docs, tmp_path, toy_extractor):
    out = tmp_path / "out"
    run([docs], out, toy_extractor, date="2024-01-01")
    q = CN + """SELECT ?s ?t ?type ?n ?first WHERE { GRAPH ?g {
        ?i a cn:Interaction ; cn:source ?s ; cn:target ?t ; cn:eventType ?type ; cn:eventCount ?n ; cn:firstDate ?first } }"""
    with OxigraphStore(out / "store", read_only=True) as st:
        rows = st.query(q, {"g": SUMMARY_GRAPH}).python()
    by = {(r["s"].rsplit("/", 1)[-1], r["t"].rsplit("/", 1)[-1], r["type"].rsplit("/", 1)[-1]): r["n"] for r in rows}
    assert by == {("RUS", "UKR", "ASSAULT"): 2, ("UKR", "RUS", "ACCUSE"): 1}
    assert {str(r["first"]) for r in rows} == {"2024-01-01"}
    # After a change, the summary follows the store (not appended to).
    write(docs, "b.txt", "Nothing happened.")
    run([docs], out, toy_extractor, date="2024-01-01")
    with OxigraphStore(out / "store", read_only=True) as st:
        rows = st.query(q, {"g": SUMMARY_GRAPH}).python()
    assert [(r["type"].rsplit("/", 1)[-1], r["n"]) for r in rows] == [("ASSAULT", 1)]


def test_ties_sum_a_quad_class_and_drive_the_actor_network(docs, tmp_path, toy_extractor):
    out = tmp_path / "out"
    write(docs, "c.txt", "Russia accused Ukraine of attacks.")  # a second ACCUSE: UKR→RUS and RUS→UKR
    run([docs], out, toy_extractor, date="2024-01-01")
    q = CN + """SELECT ?s ?t ?qc ?n WHERE { GRAPH ?g {
        ?x a cn:Tie ; cn:tieSource ?s ; cn:tieTarget ?t ; cn:quadClass ?qc ; cn:tieEvents ?n } }"""
    with OxigraphStore(out / "store", read_only=True) as st:
        ties = {(r["s"].rsplit("/", 1)[-1], r["t"].rsplit("/", 1)[-1], r["qc"].rsplit("/", 1)[-1]): r["n"]
                for r in st.query(q, {"g": SUMMARY_GRAPH}).python()}
        interactions = st.query(CN + "SELECT (SUM(?n) AS ?sum) WHERE { GRAPH ?g { ?i a cn:Interaction ; cn:eventCount ?n } }",
                                {"g": SUMMARY_GRAPH}).python()[0]["sum"]
        assert sum(ties.values()) == interactions
        edges = {(r["source"].rsplit("/", 1)[-1], r["target"].rsplit("/", 1)[-1], r["quadClass"], r["events"])
                 for r in run_query(st, "actor-network").python()}
        assert edges == {(s, t, qc, n) for (s, t, qc), n in ties.items()}
        # Each optional parameter, alone (its @if block, the VALUES mark) and combined.
        top = max(ties.values())
        assert {r["events"] for r in run_query(st, "actor-network", {"min": str(top)}).python()} == {top}
        rus = next(r["source"] for r in run_query(st, "actor-network").python() if r["source"].endswith("RUS"))
        by_rus = run_query(st, "actor-network", {"actor": f"<{rus}>"}).python()
        assert by_rus and all(rus in (r["source"], r["target"]) for r in by_rus)
        verbal = run_query(st, "actor-network", {"quad": "verbal-conflict", "actor": f"<{rus}>", "min": "1"}).python()
        assert verbal and {r["quadClass"] for r in verbal} == {"verbal-conflict"}


def test_a_tie_sums_the_event_types_of_its_quad_class() -> None:
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    from kg.rdf.namespace import CN as CNS
    from kg.rdf.summary import dyad_triples
    from kg.store.base import QueryResult

    a, b = URIRef("urn:x:a"), URIRef("urn:x:b")

    def row(etype: str, n: int, first: str, last: str) -> dict:
        return {"s": a, "t": b, "type": URIRef("urn:x:eventType/" + etype), "n": Literal(n),
                "first": Literal(first, datatype=XSD.date), "last": Literal(last, datatype=XSD.date)}

    class Rows:
        def query(self, sparql, bindings=None):
            return QueryResult.select(["s", "t", "type", "n", "first", "last"], [
                row("ASSAULT", 2, "2024-01-02", "2024-01-05"), row("COERCE", 1, "2024-01-01", "2024-01-03"),
                row("ACCUSE", 4, "2024-02-01", "2024-02-01")])

    triples = dyad_triples(Rows())  # type: ignore[arg-type]
    ties = {s for s, p, o in triples if o == CNS.Tie}
    assert len(ties) == 2
    props = {(s, p): o for s, p, o in triples if s in ties}
    material = next(t for t in ties if str(props[(t, CNS.quadClass)]).endswith("material-conflict"))
    assert props[(material, CNS.tieEvents)].toPython() == 3
    assert (str(props[(material, CNS.firstDate)]), str(props[(material, CNS.lastDate)])) == ("2024-01-01", "2024-01-05")
    assert props[(material, CNS.tieSource)] == a and props[(material, CNS.tieTarget)] == b


def test_ontology_graph_is_loaded_once(docs, tmp_path, toy_extractor):
    out = tmp_path / "out"
    run([docs], out, toy_extractor)
    with OxigraphStore(out / "store", read_only=True) as st:
        r = st.query("""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            SELECT ?l WHERE { <https://w3id.org/kg-conflict/vocab/eventType/ASSAULT> skos:prefLabel ?l FILTER(lang(?l) = "ar") }""")
    assert r.rows == [{"l": "هجوم"}]


def test_bad_options(tmp_path, toy_extractor):
    with pytest.raises(UsageError):
        run([tmp_path], tmp_path / "o", toy_extractor, lang="fr")
    with pytest.raises(UsageError):
        run([tmp_path], tmp_path / "o", toy_extractor, date="2024-13-01")

"""Parameters are bound as RDF terms, never as query text: injection attempts stay literals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import QueryParamError
from kg.query import run_query
from kg.query.library import load_query
from kg.query.params import Param, bind_params, coerce, parse_assignments, search_pattern
from kg.store.oxigraph import OxigraphStore

INJECTIONS = [
    'x" } ; DROP ALL ; #',
    "x' } DELETE WHERE { ?s ?p ?o } #",
    'Russia"@en . } UNION { ?s ?p ?o } #',
    '"""} INSERT DATA { <urn:a> <urn:b> <urn:c> } #',
    "line\nbreak } #\r\n",
    "back\\slash\\\" } #",
    "\\u0022 } DROP ALL #",
    'روسيا" } ; DROP ALL ; #',
    "وزارة الدفاع'} UNION {?s ?p ?o}#",
    "إِبْرَاهِيم\"\"\" } #",
    "<http://example.org/x> } #",
    "?s ?p ?o",
]

ECHO = "SELECT ?x (DATATYPE(?v) AS ?dt) WHERE { BIND(STR(?v) AS ?x) }"


@pytest.fixture()
def store(sparql_store_dir: Path):
    with OxigraphStore(sparql_store_dir, read_only=True, create=False) as st:
        yield st


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_strings_come_back_as_one_literal(store, value: str) -> None:
    before = store.triple_count()
    r = run_query(store, ECHO, {"v": value})
    assert len(r) == 1
    assert r.value("x") == Literal(value)
    assert str(r.value("dt")) == "http://www.w3.org/2001/XMLSchema#string"
    assert store.triple_count() == before


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_in_a_library_query_matches_nothing(store, value: str) -> None:
    # As a search text and as a quad-class filter, the value only ever filters.
    assert len(run_query(store, "entity-search", {"q": value})) == 0
    assert len(run_query(store, "actor-network", {"quad": value})) == 0
    assert len(run_query(store, "actor-network", {})) > 0


@pytest.mark.parametrize("value", ["<http://x> } DROP ALL #", "http://x/a b", 'http://x/"q"', "id:a b",
                                   "DROP ALL", "ابراهيم", "javascript"])
def test_bad_iris_are_refused(value: str) -> None:
    with pytest.raises(QueryParamError) as exc:
        coerce(Param("actor", "iri"), value)
    assert exc.value.code == "E301"


def test_iris_prefixes_and_types() -> None:
    assert coerce(Param("a", "iri"), "id:entity/ETH") == URIRef("https://w3id.org/kg-conflict/id/entity/ETH")
    assert coerce(Param("a", "iri"), "<http://www.wikidata.org/entity/Q115>") == URIRef("http://www.wikidata.org/entity/Q115")
    assert coerce(Param("a", "iri"), "cn:Person") == URIRef("https://w3id.org/kg-conflict/ontology#Person")
    assert coerce(Param("d", "date"), "2024-05-01").datatype is not None
    with pytest.raises(QueryParamError):
        coerce(Param("d", "date"), "2024-13-01")
    with pytest.raises(QueryParamError):
        coerce(Param("t", "plover"), "BOMBING")


def test_required_and_unknown_parameters() -> None:
    q = load_query("events-in-range")
    with pytest.raises(QueryParamError, match="'to'"):
        bind_params(q.params, {"from": "2024-01-01"})
    with pytest.raises(QueryParamError, match="unknown parameter"):
        bind_params(q.params, {"from": "2024-01-01", "to": "2024-02-01", "actor": "id:x"})
    with pytest.raises(QueryParamError):
        parse_assignments(["no-equals-sign"])
    assert parse_assignments(["q=a=b"]) == {"q": "a=b"}


def test_search_pattern_is_insensitive_to_arabic_variants_and_case(store) -> None:
    import re

    for text, label in [("ابراهيم", "إِبْرَاهِيم"), ("اثيوبيا", "إثيوبيا"), ("مؤسسه", "مؤسسة"), ("shoigu", "Shoigu"),
                        ("الى", "إلى"), ("a.b", "a.b")]:
        assert re.search(search_pattern(text), label), (text, label)
    assert not re.search(search_pattern("a.b"), "axb")
    # Through the store: Arabic without hamza, with diacritics, and English in capitals.
    eth = "https://w3id.org/kg-conflict/id/entity/ETH"
    for q in ["اثيوبيا", "إِثْيُوبْيَا"]:
        assert [r["entity"] for r in run_query(store, "entity-search", {"q": q}).rows] == [eth], q
    # Substrings: "ETHIOPIA" is also inside "Ministry of Defence of Ethiopia".
    for q in ["ETHIOPIA", "الاثيوبي"]:
        found = [r["entity"] for r in run_query(store, "entity-search", {"q": q}).rows]
        assert eth in found and len(found) >= 2, q
    assert len(run_query(store, "entity-search", {"q": "كينيا"})) == 1
    assert len(run_query(store, "entity-search", {"q": "zzz"})) == 0


def test_cli_injection_stays_literal(sparql_store_dir: Path) -> None:
    value = 'x" } ; DROP ALL ; # روسيا'
    res = CliRunner().invoke(app, ["query", ECHO, "--store", str(sparql_store_dir), "--param", f"v={value}",
                                   "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["results"]["bindings"][0]["x"]["value"] == value


def test_cli_bad_param_is_one_line(sparql_store_dir: Path) -> None:
    res = CliRunner().invoke(app, ["query", "who-attacked-whom", "--store", str(sparql_store_dir),
                                   "--param", "actor=<http://x> } DROP ALL #"])
    assert res.exit_code == 1
    assert "E301" in str(res.exception) or "E301" in res.output


def test_undeclared_standard_prefixes_are_prepended(sparql_store_dir: Path) -> None:
    # The brief's own example, through the CLI: cn: used without PREFIX.
    r = CliRunner().invoke(app, ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?e a cn:Event }",
                                 "--store", str(sparql_store_dir), "--format", "csv"])
    assert r.exit_code == 0, r.output
    lines = r.output.split()
    assert lines[0] == "n" and int(lines[1]) > 0


def test_prefixes_only_where_used_and_undeclared() -> None:
    q = load_query("PREFIX cn: <urn:mine#>\nSELECT * WHERE { ?s a cn:X ; rdfs:label 'skos:no' . ?s <urn:a#owl> ?o } # xsd:no")
    head = [l for l in q.text.splitlines() if l.startswith("PREFIX")]
    assert head == ["PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>", "PREFIX cn: <urn:mine#>"]
    assert load_query("SELECT ?x WHERE { ?x owl:sameAs wd:Q212 }").text.startswith(
        "PREFIX wd: <http://www.wikidata.org/entity/>\nPREFIX owl: <http://www.w3.org/2002/07/owl#>\n")


def test_syntax_error_is_one_line_naming_the_query(sparql_store_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("# Broken\nSELECT ?x WHERE {\n  ?x ?p \n}}\n", encoding="utf-8")
    for spec, name in ((str(bad), str(bad)), ("SELECT ?x WHERE { ?x ?p }", "inline query")):
        r = CliRunner().invoke(app, ["query", spec, "--store", str(sparql_store_dir)])
        assert r.exit_code != 0
        out = str(r.exception)
        assert "\n" not in out, out
        assert f"query {name} failed:" in out and "E302" in out
        assert len(out) < 300


def test_syntax_error_position_counts_the_users_lines(store) -> None:
    # Prepended PREFIX lines must not shift the reported line: the error is on line 1 as typed.
    with pytest.raises(Exception) as exc:
        run_query(store, "SELECT ?e WHERE { ?e a cn:Event")
    assert "error at 1:" in str(exc.value), str(exc.value)

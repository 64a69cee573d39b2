"""`kg serve`: a real SPARQL 1.1 Protocol endpoint over the test store, queried over HTTP."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from kg.cli import app
from kg.query import library
from kg.store.oxigraph import OxigraphStore
from kg.store.remote import SparqlStore

sys.path.insert(0, str(Path(__file__).resolve().parent))
from servers import free_port  # noqa: E402
from test_remote_servers import PARAMS, answers  # noqa: E402

TIMEOUT = 3


@pytest.fixture(scope="module")
def endpoint(sparql_store_dir: Path):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(sparql_store_dir), "--port", str(port),
         "--timeout", str(TIMEOUT), "--max-rows", "100"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/sparql"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"kg serve exited: {proc.stdout.read().decode() if proc.stdout else ''}")
            time.sleep(0.2)
    yield url
    proc.terminate()
    out, _ = proc.communicate(timeout=20)
    assert b"127.0.0.1" in out          # loopback by default, and it says so


def http(url: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> tuple[int, str, str]:
    req = urllib.request.Request(url, data=data, headers=headers or {}, method="POST" if data is not None else "GET")
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read().decode("utf-8")


Q = "SELECT ?c (COUNT(*) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c"


def test_get_and_both_post_forms_agree(endpoint: str) -> None:
    s1, t1, b1 = http(f"{endpoint}?{urllib.parse.urlencode({'query': Q})}")
    s2, _, b2 = http(endpoint, urllib.parse.urlencode({"query": Q}).encode(),
                     {"Content-Type": "application/x-www-form-urlencoded"})
    s3, _, b3 = http(endpoint, Q.encode(), {"Content-Type": "application/sparql-query"})
    assert (s1, s2, s3) == (200, 200, 200)
    assert t1.startswith("application/sparql-results+json")
    data = json.loads(b1)
    assert data["head"]["vars"] == ["c", "n"]
    classes = {b["c"]["value"].rsplit("#", 1)[-1] for b in data["results"]["bindings"]}
    assert {"Event", "Person", "Country", "Interaction", "Evidence"} <= classes
    assert json.loads(b2) == data == json.loads(b3)


@pytest.mark.parametrize("accept,ctype,check", [
    ("application/sparql-results+xml", "application/sparql-results+xml", "<sparql xmlns"),
    ("text/csv", "text/csv", "c,n\r\n"),
    ("text/tab-separated-values", "text/tab-separated-values", "?c\t?n\n"),
    ("text/html;q=0.9, application/sparql-results+json;q=0.5", "application/sparql-results+json", '"vars"'),
])
def test_content_negotiation_select(endpoint: str, accept: str, ctype: str, check: str) -> None:
    status, t, body = http(f"{endpoint}?{urllib.parse.urlencode({'query': Q})}", headers={"Accept": accept})
    assert status == 200 and t.startswith(ctype)
    assert check in body


@pytest.mark.parametrize("accept,fmt", [("text/turtle", "turtle"), ("application/n-triples", "nt")])
def test_construct_as_turtle_and_ntriples(endpoint: str, sparql_store_dir: Path, accept: str, fmt: str) -> None:
    q = "PREFIX cn: <https://w3id.org/kg-conflict/ontology#> CONSTRUCT { ?e cn:source ?s } WHERE { ?e a cn:Event ; cn:source ?s }"
    status, t, body = http(f"{endpoint}?{urllib.parse.urlencode({'query': q})}", headers={"Accept": accept})
    assert status == 200 and t.startswith(accept)
    g = Graph().parse(data=body, format=fmt)
    with OxigraphStore(sparql_store_dir, read_only=True, create=False) as st:
        assert len(g) == len(st.query(q).triples) > 0


@pytest.mark.parametrize("data,ctype", [
    (urllib.parse.urlencode({"update": "DROP ALL"}).encode(), "application/x-www-form-urlencoded"),
    (b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-update"),
])
def test_updates_are_refused(endpoint: str, sparql_store_dir: Path, data: bytes, ctype: str) -> None:
    status, _, body = http(endpoint, data, {"Content-Type": ctype})
    assert status == 403 and "read only" in body
    # An update smuggled in as a query is not a query: 400.
    status, _, _ = http(f"{endpoint}?{urllib.parse.urlencode({'query': 'DROP ALL'})}")
    assert status == 400
    status, _, body = http(f"{endpoint}?{urllib.parse.urlencode({'query': 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'})}")
    with OxigraphStore(sparql_store_dir, read_only=True, create=False) as st:
        assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == st.triple_count()


def test_malformed_query_is_400(endpoint: str) -> None:
    status, _, body = http(f"{endpoint}?{urllib.parse.urlencode({'query': 'SELECT ?x WHERE { ?x '})}")
    assert status == 400 and "malformed" in body


def test_result_size_limit_is_an_error_not_a_truncation(endpoint: str) -> None:
    status, _, body = http(f"{endpoint}?{urllib.parse.urlencode({'query': 'SELECT * WHERE { ?s ?p ?o }'})}")
    assert status == 500 and "limit" in body
    status, _, body = http(f"{endpoint}?{urllib.parse.urlencode({'query': 'SELECT * WHERE { ?s ?p ?o } LIMIT 100'})}")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 100


def test_timeout_stops_the_query_and_the_endpoint_recovers(endpoint: str) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    t0 = time.monotonic()
    status, _, body = http(f"{endpoint}?{urllib.parse.urlencode({'query': slow})}")
    assert status == 503 and "timed out" in body
    assert time.monotonic() - t0 < TIMEOUT + 5
    for _ in range(3):  # the killed worker was replaced: queries still work
        status, _, _ = http(f"{endpoint}?{urllib.parse.urlencode({'query': 'ASK { ?s ?p ?o }'})}")
        assert status == 200


@pytest.mark.parametrize("name", [q.name for q in library()])
def test_library_queries_through_sparqlwrapper(endpoint: str, sparql_store_dir: Path, name: str) -> None:
    params = PARAMS.get(name, {})
    with OxigraphStore(sparql_store_dir, read_only=True, create=False) as local:
        expected = answers(local, name, params)
    assert answers(SparqlStore(endpoint, read_only=True), name, params) == expected


def test_kg_query_against_kg_serve(endpoint: str) -> None:
    res = CliRunner().invoke(app, ["query", "who-attacked-whom", "--endpoint", endpoint, "--format", "csv"])
    assert res.exit_code == 0, res.output
    assert len(res.output.strip().splitlines()) == 1 + 3


def test_serve_missing_store_is_one_line_error(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "kg", "serve", "--store", str(tmp_path / "nope"), "--port", "0"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.strip().startswith("kg: E200") and len(proc.stderr.strip().splitlines()) == 1

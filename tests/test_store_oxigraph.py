"""OxigraphStore: atomic per-document replace, read-only, missing path, safe bindings, results."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.errors import QueryError, ReadOnlyStoreError, StoreError, StoreNotFoundError
from kg.rdf.namespace import CN
from kg.store import QueryResult, RdfFormat, bind_values, open_store
from kg.store.oxigraph import OxigraphStore

EX = "http://example.org/"


def t(s: str, p: str, o: object) -> tuple:
    return (URIRef(EX + s), URIRef(EX + p), o if isinstance(o, (URIRef, Literal)) else Literal(o))


def doc(n: int) -> list[tuple]:
    return [t(f"a{n}", "p", i) for i in range(n)]


@pytest.fixture()
def store(tmp_path: Path):
    with OxigraphStore(tmp_path / "s") as st:
        yield st


def test_add_document_replaces_its_graph(store):
    g1, g2 = URIRef(EX + "doc1"), URIRef(EX + "doc2")
    assert store.add_document(g1, doc(5), "h1") == 6            # + the contentHash triple
    store.add_document(g2, doc(3), "h2")
    assert store.triple_count() == 10
    store.add_document(g1, doc(5), "h1")                         # same content: nothing changes
    assert store.triple_count() == 10
    store.add_document(g1, [t("b", "q", "new")], "h1b")          # changed: the old graph is gone
    assert store.triple_count(g1) == 2
    assert store.triple_count(g2) == 4
    assert store.document_hash(g1) == "h1b"
    assert store.document_hash(URIRef(EX + "nope")) is None
    assert not store.query(f"ASK {{ <{EX}a5> ?p ?o }}").boolean


def test_failure_while_producing_triples_leaves_store_unchanged(store):
    g1 = URIRef(EX + "doc1")
    store.add_document(g1, doc(4), "h1")

    def broken():
        yield from doc(2)
        raise RuntimeError("extractor died halfway")

    with pytest.raises(RuntimeError):
        store.add_document(g1, broken(), "h2")
    assert store.document_hash(g1) == "h1"
    assert store.triple_count(g1) == 5


def test_remove_document(store):
    g1 = URIRef(EX + "doc1")
    store.add_document(g1, doc(3), "h")
    store.remove_document(g1)
    assert store.triple_count() == 0
    assert store.graphs() == []


def test_read_only_refuses_writes(tmp_path):
    with OxigraphStore(tmp_path / "s") as st:
        st.add_document(EX + "doc1", doc(2), "h")
    with OxigraphStore(tmp_path / "s", read_only=True) as ro:
        assert ro.read_only
        assert ro.triple_count() == 3
        with pytest.raises(ReadOnlyStoreError) as exc:
            ro.add_document(EX + "doc2", doc(2), "h")
        assert str(exc.value).startswith("E201 ")
        with pytest.raises(ReadOnlyStoreError):
            ro.remove_document(EX + "doc1")
        with pytest.raises(ReadOnlyStoreError):
            ro.replace_graph(URIRef(EX + "g"), [])


def test_missing_store_is_a_one_line_error(tmp_path):
    missing = tmp_path / "nope"
    for kwargs in ({"read_only": True}, {"create": False}):
        with pytest.raises(StoreNotFoundError) as exc:
            OxigraphStore(missing, **kwargs)
        assert str(exc.value) == f"E200 store not found: {missing}"
    assert not missing.exists()                                  # never created by a reader


def test_build_output_dir_is_accepted(tmp_path):
    with OxigraphStore(tmp_path / "out" / "store") as st:
        st.add_document(EX + "d", doc(1), "h")
    with open_store(tmp_path / "out") as st:                     # out/ → out/store
        assert st.triple_count() == 2


def test_second_writer_gets_a_clear_error(tmp_path):
    with OxigraphStore(tmp_path / "s"):
        with pytest.raises(StoreError) as exc:
            OxigraphStore(tmp_path / "s")
        assert exc.value.code == "E203"


@pytest.mark.parametrize("evil", [
    'x" } ; DROP ALL ; #', "x' } UNION { ?s ?p ?o }", "\\\" ) } #", "روسيا\" } #", "a\nb\"\"\"c", "<http://evil/>",
])
def test_bindings_stay_literals(store, evil):
    store.add_document(EX + "doc1", [t("a", "label", "safe"), t("b", "label", evil)], "h")
    q = f"SELECT ?s WHERE {{ ?s <{EX}label> ?name }}"
    r = store.query(q, {"name": evil})
    assert r.rows == [{"s": EX + "b"}]
    assert store.query(q, {"name": "nothing"}).rows == []
    assert store.triple_count() == 3                               # nothing was dropped


def test_bindings_under_aggregates_and_typed_values(store):
    store.add_document(EX + "d", [t("a", "n", 1), t("b", "n", 2), t("c", "n", 2)], "h")
    r = store.query(f"SELECT (COUNT(?s) AS ?c) WHERE {{ ?s <{EX}n> ?v }}", {"v": 2})
    assert r.value("c").toPython() == 2
    r = store.query("SELECT ?s WHERE { ?s ?p ?o }", {"o": URIRef(EX + "none")})
    assert r.rows == []


def test_bind_values_finds_the_where_group():
    q = 'PREFIX x: <http://x/{#}> CONSTRUCT { ?s x:p "{" } WHERE { ?s ?p ?o } # }'
    out = bind_values(q, {"s": URIRef("http://a")})
    assert out.endswith('WHERE { VALUES (?s) { (<http://a>) } ?s ?p ?o } # }')


def test_query_result_kinds(store):
    store.add_document(EX + "d", [t("a", "p", Literal("سلام", lang="ar")), t("a", "n", 7)], "h")
    sel = store.query(f"SELECT ?o ?missing WHERE {{ <{EX}a> <{EX}p> ?o OPTIONAL {{ ?o <{EX}zz> ?missing }} }}")
    assert sel.kind == "select" and sel.vars == ["o", "missing"]
    assert sel.rows == [{"o": "سلام", "missing": None}]
    assert sel.value("o") == Literal("سلام", lang="ar")
    num = store.query(f"SELECT ?n WHERE {{ <{EX}a> <{EX}n> ?n }}").python()
    assert num == [{"n": 7}]
    ask = store.query(f"ASK {{ <{EX}a> ?p ?o }}")
    assert ask.kind == "ask" and ask.boolean is True and bool(ask)
    con = store.query(f"CONSTRUCT {{ ?s <{EX}q> ?o }} WHERE {{ ?s <{EX}p> ?o }}")
    assert con.kind == "graph" and len(con.graph()) == 1


def test_query_union_default_graph_and_syntax_error(store):
    store.add_document(EX + "d1", [t("a", "p", 1)], "h1")
    store.add_document(EX + "d2", [t("b", "p", 2)], "h2")
    assert len(store.query(f"SELECT ?s WHERE {{ ?s <{EX}p> ?o }}")) == 2
    with pytest.raises(QueryError) as exc:
        store.query("SELEC nonsense")
    assert exc.value.code == "E302" and "\n" not in str(exc.value)


def test_documents_lists_document_graphs(store):
    store.add_document(EX + "d1", [(URIRef(EX + "d1"), URIRef(str(CN.lang)), Literal("en")),
                                   (URIRef(EX + "d1"), URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                    URIRef(str(CN.Document)))], "h")
    store.add_document(EX + "other", doc(1), "h")
    assert store.documents() == [URIRef(EX + "d1")]


def test_formats_enum():
    assert RdfFormat.from_name("turtle") is RdfFormat.TTL
    assert RdfFormat.from_name("json-ld") is RdfFormat.JSONLD
    assert [f.value for f in RdfFormat] == ["ttl", "nt", "trig", "jsonld", "nq"]
    assert RdfFormat.TRIG.supports_datasets and not RdfFormat.NT.supports_datasets
    assert QueryResult.ask(False).boolean is False

"""Exports parse back into the same graph (rdflib isomorphism), per named graph for TriG/N-Quads/JSON-LD."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from kg.build import build
from kg.errors import StoreNotFoundError
from kg.export import export_store, load_export
from kg.rdf.iri import document_iri, SUMMARY_GRAPH
from kg.rdf.mapping import extraction_triples
from kg.store.base import RdfFormat
from kg.store.oxigraph import OxigraphStore


@pytest.fixture(scope="module")
def built(tmp_path_factory, data_dir: Path) -> Path:
    """A store with the Arabic sample extraction, toy-extracted English documents and summaries."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from conftest import load_extraction, toy_extract

    tmp = tmp_path_factory.mktemp("export")
    docs = tmp / "docs"
    docs.mkdir()
    (docs / "e1.txt").write_text("Russia attacked Ukraine on Monday. Poland is a member of NATO.", encoding="utf-8")
    (docs / "e2.txt").write_text("Ukraine accused Russia of shelling. Russia met Poland.", encoding="utf-8")
    out = tmp / "out"
    build([docs], out, extractor=toy_extract, network=False)
    ex = load_extraction(data_dir / "rdf" / "sample_extraction.json")
    with OxigraphStore(out / "store") as st:
        st.add_document(document_iri(ex.document.id), extraction_triples(ex), "h")
    return out


def _store_graphs(store_dir: Path) -> tuple[Graph, dict[URIRef, Graph]]:
    union, per = Graph(), {}
    with OxigraphStore(store_dir, read_only=True) as st:
        for s, p, o, g in st.quads():
            union.add((s, p, o))
            per.setdefault(g, Graph()).add((s, p, o))
    return union, per


@pytest.mark.parametrize("fmt", ["ttl", "nt"])
def test_triple_formats_round_trip(built, tmp_path, fmt):
    out = tmp_path / f"g.{fmt}"
    res = export_store(built / "store", fmt, out)
    assert res.bytes > 1000
    union, _ = _store_graphs(built / "store")
    back = load_export(out, fmt)
    assert len(back) == len(union)
    assert isomorphic(back, union)


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld"])
def test_dataset_formats_round_trip_per_named_graph(built, tmp_path, fmt):
    out = tmp_path / f"g.{fmt}"
    export_store(built, fmt, out)                                  # the build dir is accepted too
    _, per = _store_graphs(built / "store")
    ds = load_export(out, fmt)
    back = {URIRef(str(g.identifier)): g for g in ds.graphs() if len(g)}
    assert set(back) == set(per)
    assert document_iri("e1") in back and document_iri("sample_ar_001") in back and SUMMARY_GRAPH in back
    for gname, g in per.items():
        assert isomorphic(back[gname], g), gname


def test_export_missing_store(tmp_path):
    with pytest.raises(StoreNotFoundError):
        export_store(tmp_path / "none", "ttl", tmp_path / "x.ttl")
    assert not (tmp_path / "x.ttl").exists()


def test_export_enum_names():
    assert RdfFormat.from_name("trig").rdflib_name == "trig"

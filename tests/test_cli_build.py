"""CLI end to end: kg build / extract / export / validate, one-line errors, the seed checked with SPARQL."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from kg.build import build
from kg.store.oxigraph import OxigraphStore


def kg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=cwd, timeout=600)


@pytest.fixture(scope="module")
def toy_store(tmp_path_factory) -> Path:
    """A store built through the library with the toy extractor (no NLP models needed)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from conftest import toy_extract

    tmp = tmp_path_factory.mktemp("cli")
    (tmp / "docs").mkdir()
    (tmp / "docs" / "a.txt").write_text("Russia attacked Ukraine. Poland is a member of NATO.", encoding="utf-8")
    build([tmp / "docs"], tmp / "out", extractor=toy_extract, network=False, date="2024-03-04")
    return tmp / "out"


@pytest.mark.parametrize("fmt", ["ttl", "nt", "trig", "jsonld"])
def test_kg_export(toy_store, tmp_path, fmt):
    out = tmp_path / f"x.{fmt}"
    r = kg("export", "--store", str(toy_store / "store"), "--format", fmt, "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"wrote {out}: ")
    if fmt in ("trig", "jsonld"):
        ds = Dataset()
        ds.parse(str(out), format={"trig": "trig", "jsonld": "json-ld"}[fmt])
        assert len([g for g in ds.graphs() if len(g)]) >= 3        # document, summary, ontology graphs
    else:
        assert len(Graph().parse(str(out), format={"ttl": "turtle", "nt": "nt"}[fmt])) > 50


def test_kg_validate_conforms(toy_store):
    r = kg("validate", "--store", str(toy_store))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.startswith("conforms: ")


def test_kg_validate_reports_violations(toy_store, tmp_path):
    import shutil

    bad = tmp_path / "bad"
    shutil.copytree(toy_store / "store", bad)
    with OxigraphStore(bad) as st:
        st.raw.update("""PREFIX cn: <https://w3id.org/kg-conflict/ontology#>
            DELETE { GRAPH ?g { ?e cn:evidence ?v } } WHERE { GRAPH ?g { ?e a cn:Event ; cn:evidence ?v } }""")
    r = kg("validate", "--store", str(bad))
    assert r.returncode == 1
    assert "does NOT conform" in r.stdout
    assert "an event needs exactly one evidence node" in r.stdout
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("cmd", [["export", "--format", "ttl", "--out", "x.ttl"], ["validate"]])
def test_missing_store_is_one_line(tmp_path, cmd):
    r = kg(*cmd[:1], "--store", str(tmp_path / "nope"), *cmd[1:], cwd=tmp_path)
    assert r.returncode == 1
    assert r.stderr.strip() == f"kg: E200 store not found: {tmp_path / 'nope'}"
    assert not (tmp_path / "nope").exists()


# ---- with the real extraction pipeline -------------------------------------------

CN = "PREFIX cn: <https://w3id.org/kg-conflict/ontology#> "


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory, root: Path) -> tuple[Path, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("seed") / "out"
    r = kg("build", str(root / "seeds"), "--out", str(out))
    return out, r


def test_build_seed_end_to_end(seed_build, seed_path):
    out, r = seed_build
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"built {out}: 1 documents (1 new")
    for name in ("graph.ttl", "extraction.jsonl", "network.html"):
        assert (out / name).stat().st_size > 0, name
    text = seed_path.read_text(encoding="utf-8")
    with OxigraphStore(out, read_only=True) as st:
        rows = st.query(CN + """SELECT ?e ?s ?t ?start ?end ?sent WHERE {
            ?e a cn:ASSAULT ; cn:evidence ?ev .
            ?ev cn:start ?start ; cn:end ?end ; cn:sentenceText ?sent ; cn:document ?d .
            OPTIONAL { ?e cn:source ?s } OPTIONAL { ?e cn:target ?t } }""").python()
        assert rows, "no ASSAULT event in the seed graph"
        for row in rows:
            assert text[row["start"]:row["end"]] == row["sent"]
        n_docs = st.query(CN + "SELECT (COUNT(?d) AS ?n) WHERE { ?d a cn:Document }").python()[0]["n"]
        assert n_docs == 1
    obj = json.loads((out / "extraction.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert obj["document"]["id"] == seed_path.stem
    for ent in obj["entities"]:
        for m in ent["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    html = (out / "network.html").read_text(encoding="utf-8")
    assert "<script src=\"http" not in html


def test_rebuild_seed_is_unchanged(seed_build, root):
    out, first = seed_build
    assert first.returncode == 0, first.stderr
    with OxigraphStore(out, read_only=True) as st:
        n = st.triple_count()
    r = kg("build", str(root / "seeds"), "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "(0 new, 0 changed, 1 unchanged)" in r.stdout
    with OxigraphStore(out, read_only=True) as st:
        assert st.triple_count() == n


def test_build_seed_graph_validates(seed_build):
    from kg.validate import validate_store

    out, first = seed_build
    assert first.returncode == 0, first.stderr
    with OxigraphStore(out, read_only=True) as st:
        report = validate_store(st)
    assert report.conforms, report.text()


def test_build_bad_inputs_one_line_each(tmp_path, data_dir, root):
    io = data_dir / "io"
    r = kg("build", str(io / "empty.txt"), str(io / "binary.txt"), str(io / "latin1.txt"), str(io / "mixed.jsonl"),
           str(root / "seeds"), str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out"), "--no-network")
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert "Traceback" not in r.stderr
    codes = [ln.split()[1] for ln in lines]
    assert codes == ["E100", "E101", "E102", "E103", "E104", "E107", "E103", "E108", "E106"], r.stderr
    assert all(ln.startswith("kg: E") for ln in lines)
    assert f"{io / 'mixed.jsonl'}: line 2:" in r.stderr
    assert "4 documents (4 new" in r.stdout                      # 3 JSONL lines + the seed


def test_extract_jsonl_prints_one_object_per_line_in_order(data_dir):
    r = kg("extract", str(data_dir / "io" / "mixed.jsonl"))
    assert r.returncode == 1                                     # bad lines reported
    objs = [json.loads(x) for x in r.stdout.splitlines()]
    assert [o["document"]["id"] for o in objs] == ["j1", "j3", "j6"]
    assert len(r.stderr.strip().splitlines()) == 5


def test_extract_seed_json_and_ttl(seed_path):
    r = kg("extract", str(seed_path))
    assert r.returncode == 0, r.stderr
    obj = json.loads(r.stdout)
    assert set(obj) == {"document", "entities", "events", "relations"}
    assert obj["document"]["lang"] == "ar"
    r = kg("extract", str(seed_path), "--format", "ttl")
    assert r.returncode == 0, r.stderr
    assert len(Graph().parse(data=r.stdout, format="turtle")) > 20

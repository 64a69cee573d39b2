"""`kg viz` and `kg network` from the command line: outputs and one-line errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx


def kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True, timeout=300)


def test_kg_viz_writes_filtered_page(viz_store_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "page" / "net.html"
    r = kg("viz", "--store", viz_store_dir, "--out", out, "--type", "ASSAULT,ACCUSE", "--from", "2021-11-16",
           "--to", "2021-11-17", "--focus", "Southia", "--hops", "1", "--lang", "ar")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"wrote {out}: 3 actors, 2 dyads, 4 events (physics)")
    html = out.read_text(encoding="utf-8")
    nodes = json.loads(re.search(r"var nodes = new vis\.DataSet\((.*?)\);\n", html, re.S).group(1))
    assert sorted(n["label"] for n in nodes) == sorted(["ساوثيا", "نورلاند", "القوات المسلحة النورلاندية"])
    assert "Jane Doe" not in html


def test_kg_viz_errors_are_one_line(viz_store_dir: Path, tmp_path: Path) -> None:
    cases = [
        (("--store", tmp_path / "missing", "--out", tmp_path / "x.html"), "E200"),
        (("--store", viz_store_dir, "--endpoint", "http://localhost:1/sparql", "--out", tmp_path / "x.html"), "exactly one"),
        (("--store", viz_store_dir, "--out", tmp_path / "x.html", "--type", "BOMB"), "BOMB"),
        (("--store", viz_store_dir, "--out", tmp_path / "x.html", "--focus", "Atlantis"), "Atlantis"),
        (("--store", viz_store_dir, "--out", tmp_path / "x.html", "--from", "yesterday"), "YYYY-MM-DD"),
    ]
    for args, needle in cases:
        r = kg("viz", *args)
        assert r.returncode == 1, (args, r.stdout)
        assert len(r.stderr.strip().splitlines()) == 1 and r.stderr.startswith("kg: "), r.stderr
        assert needle in r.stderr, r.stderr
        assert "Traceback" not in r.stderr


def test_kg_network_report_and_exports(viz_store_dir: Path, tmp_path: Path) -> None:
    r = kg("network", "--store", viz_store_dir, "--top", "3", "--graphml", tmp_path / "g.graphml", "--gexf", tmp_path / "g.gexf")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "Network: 6 actors, 6 directed dyads, 8 events"
    assert lines[lines.index("Top actors by degree (distinct partners)") + 1].split()[1] == "Southia"
    assert "Most hostile dyads (sum of Goldstein-like weights)" in r.stdout
    assert f"wrote {tmp_path / 'g.graphml'}" in r.stdout
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_edges() == 6
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() == 6


def test_kg_network_missing_store(tmp_path: Path) -> None:
    r = kg("network", "--store", tmp_path / "nope")
    assert r.returncode == 1 and r.stderr.startswith("kg: E200") and len(r.stderr.strip().splitlines()) == 1

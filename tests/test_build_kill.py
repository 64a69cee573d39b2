"""kill -9 during a build: the store still opens and holds every document committed before."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from kg.build import content_hash
from kg.io import read_inputs
from kg.rdf.iri import document_iri
from kg.rdf.mapping import extraction_triples
from kg.store.oxigraph import OxigraphStore

TESTS = Path(__file__).resolve().parent

SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
from conftest import toy_extract
from kg.build import build
build([{docs!r}], {out!r}, extractor=toy_extract, network=False,
      on_commit=lambda i: print(i, flush=True))
print("FINISHED", flush=True)
"""

SENTENCES = ["Russia attacked Ukraine near the border.", "Ukraine accused Russia of shelling villages.",
             "Poland is a member of NATO.", "NATO met Poland in Brussels.", "Russia shelled Ukraine overnight."]


def test_sigkill_keeps_committed_documents(tmp_path):
    docs = tmp_path / "docs.jsonl"                       # one file: thousands of small files are slow to write
    with docs.open("w", encoding="utf-8") as fh:
        for i in range(3000):
            body = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(10))
            fh.write(json.dumps({"id": f"doc{i:05d}", "text": f"Report {i}. {body}"}) + "\n")
    out = tmp_path / "out"
    code = SCRIPT.format(tests=str(TESTS), docs=str(docs), out=str(out))
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    committed: list[str] = []
    deadline = time.monotonic() + 120
    assert proc.stdout is not None
    while len(committed) < 40 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        committed.append(line.strip())
    os.kill(proc.pid, signal.SIGKILL)
    rest, err = proc.communicate(timeout=30)
    committed += [x for x in rest.split() if x]
    assert proc.returncode == -signal.SIGKILL, err
    assert "FINISHED" not in committed, "build ended before the kill; make the input larger"
    assert len(committed) >= 40

    from conftest import toy_extract

    by_id = {d.id: d for d in read_inputs([docs])}
    with OxigraphStore(out / "store") as st:                # opens read-write: lock released, not corrupt
        stored = {str(g) for g in st.documents()}
        for doc_id in committed:
            iri = document_iri(doc_id)
            assert str(iri) in stored, doc_id
            assert st.document_hash(iri) == content_hash(by_id[doc_id])
        # Every document graph present is complete: never half a document.
        for g in st.documents():
            doc = by_id[str(g).rsplit("/", 1)[-1]]
            assert st.triple_count(g) == len(extraction_triples(toy_extract(doc))) + 1, g
        assert len(stored) >= len(committed)

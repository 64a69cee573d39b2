"""`kg kb import` against a real Oxigraph server loaded with a Wikidata-shaped fixture."""

from __future__ import annotations

import json
import sys
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import RemoteStoreError
from kg.kb import clear_cache, load_kb
from kg.kb.wikidata import build_query, import_labels

sys.path.insert(0, str(Path(__file__).resolve().parent))
import servers  # noqa: E402  (tests/servers.py: the shared server harness)


@pytest.fixture(scope="module")
def wikidata_endpoint(data_dir: Path) -> Iterator[str]:
    """A fresh `oxigraph serve` holding only tests/data/kb/wikidata_fixture.ttl."""
    try:
        srv = servers.start_oxigraph()
    except servers.ServerMissing as exc:
        if servers.servers_required():
            pytest.fail(f"{exc} is required (KG_REQUIRE_SERVERS=1) but missing")
        pytest.skip(f"{exc} is not installed")
    try:
        body = (data_dir / "kb" / "wikidata_fixture.ttl").read_bytes()
        req = urllib.request.Request(f"{srv.gsp_url}?default", data=body, method="POST",
                                     headers={"Content-Type": "text/turtle"})
        with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310 - loopback
            assert resp.status in (200, 201, 204)
        yield srv.query_url
    finally:
        srv.stop()


def _entries(path: Path) -> dict[str, dict]:
    return {o["key"]: o for o in (json.loads(l) for l in path.read_text(encoding="utf-8").splitlines()
                                  if l.strip() and not l.startswith("#"))}


def test_query_uses_values_and_language_filter() -> None:
    q = build_query(["Q1", "Q2"], ("ar", "en"))
    assert "VALUES ?item { <http://www.wikidata.org/entity/Q1> <http://www.wikidata.org/entity/Q2> }" in q
    assert 'LANG(?text) IN ("ar", "en")' in q and "skos:altLabel" in q


def test_import_merges_labels_and_aliases(wikidata_endpoint: str, data_dir: Path, tmp_path: Path) -> None:
    src = data_dir / "kb" / "import_kb.jsonl"
    out = tmp_path / "kb.jsonl"
    before = src.read_text(encoding="utf-8")
    report = import_labels(src, wikidata_endpoint, out=out, batch=2)  # batch=2: several VALUES queries
    assert src.read_text(encoding="utf-8") == before  # --out leaves the source alone
    assert report.entries == 4 and report.found == 3
    got = _entries(out)
    # missing Arabic labels are filled in; curated labels are kept
    assert got["EU"]["labels"] == {"en": "European Union", "ar": "الاتحاد الأوروبي"}
    assert got["Q7747"]["labels"]["ar"] == "فلاديمير بوتين"
    assert got["ARM"]["labels"] == {"en": "Armenia", "ar": "أرمينيا"}
    # altLabels become aliases, without duplicates and only in ar/en
    assert got["ARM"]["aliases"]["en"] == ["Republic of Armenia", "ARM", "Hayastan"]
    assert set(got["ARM"]["aliases"]["ar"]) == {"جمهورية أرمينيا", "ارمينيا"}
    assert "Arménie" not in json.dumps(got, ensure_ascii=False)
    assert "بوتين" in got["Q7747"]["aliases"]["ar"]
    assert got["EU"]["aliases"]["en"] == ["E.U.", "EU"]  # "Europe" names another entry: skipped
    # untouched entries, header and other fields are kept as they were
    assert got["NOWD"] == _entries(src)["NOWD"] and got["UNKNOWN"] == _entries(src)["UNKNOWN"]
    assert got["Q7747"]["positions"][0]["role"] == "head_of_state" and got["ARM"]["status"] == "un"
    assert out.read_text(encoding="utf-8").startswith("# KB file used by")
    # the result loads, and the new names are surface forms
    clear_cache()
    kb = load_kb([out])
    assert ("بوتين", "Q7747") in {(f.text, f.key) for f in kb.surface_forms("ar")}


def test_import_is_idempotent(wikidata_endpoint: str, data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "kb.jsonl"
    out.write_text((data_dir / "kb" / "import_kb.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    import_labels(out, wikidata_endpoint)
    first = out.read_text(encoding="utf-8")
    report = import_labels(out, wikidata_endpoint)
    assert report.labels_added == report.aliases_added == 0
    assert out.read_text(encoding="utf-8") == first


def test_cli_import(wikidata_endpoint: str, data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "kb.jsonl"
    res = CliRunner().invoke(app, ["kb", "import", "--endpoint", wikidata_endpoint,
                                   "--kb", str(data_dir / "kb" / "import_kb.jsonl"), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "4 entries with a Wikidata id, 3 found" in res.output
    assert _entries(out)["EU"]["labels"]["ar"] == "الاتحاد الأوروبي"


def test_unreachable_endpoint_is_one_line_error(data_dir: Path, tmp_path: Path) -> None:
    port = servers.free_port()  # nothing listens there
    with pytest.raises(RemoteStoreError, match="E202|remote store error"):
        import_labels(data_dir / "kb" / "import_kb.jsonl", f"http://127.0.0.1:{port}/query",
                      out=tmp_path / "kb.jsonl", timeout=5)
    assert not (tmp_path / "kb.jsonl").exists()


def test_malformed_kb_is_reported_before_any_query(data_dir: Path, tmp_path: Path) -> None:
    from kg.errors import DataError

    with pytest.raises(DataError, match="line 4"):
        import_labels(data_dir / "kb" / "malformed.jsonl", "http://127.0.0.1:9/query", out=tmp_path / "x")

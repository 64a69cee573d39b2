"""`kg viz` and `kg network` over a remote SPARQL endpoint (an Oxigraph server of our own).

Skips when the ``oxigraph`` server binary is missing, unless KG_REQUIRE_SERVERS=1.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.server

DATA = Path(__file__).resolve().parent / "data" / "viz" / "small.trig"


@pytest.fixture(scope="module")
def endpoint():
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import servers

    try:
        srv = servers.start("oxigraph")  # our own instance: the shared one stays clean
    except servers.ServerMissing as exc:
        if servers.servers_required():
            pytest.fail(f"{exc} is required (KG_REQUIRE_SERVERS=1) but missing")
        pytest.skip(f"{exc} is not installed")
    try:
        req = urllib.request.Request(srv.gsp_url, data=DATA.read_bytes(), method="POST",
                                     headers={"Content-Type": "application/trig"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            assert resp.status in (200, 201, 204)
        yield srv.query_url
    finally:
        srv.stop()


def kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True, timeout=300)


def test_viz_over_endpoint_matches_embedded(endpoint: str, viz_store_dir: Path, tmp_path: Path) -> None:
    remote = kg("viz", "--endpoint", endpoint, "--out", tmp_path / "r.html")
    local = kg("viz", "--store", viz_store_dir, "--out", tmp_path / "l.html")
    assert remote.returncode == 0, remote.stderr
    assert "6 actors, 6 dyads, 8 events" in remote.stdout

    def data(path: Path) -> dict:
        html = path.read_text(encoding="utf-8")
        return json.loads(re.search(r'id="kg-data">(.*?)</script>', html, re.S).group(1))

    assert data(tmp_path / "r.html") == data(tmp_path / "l.html")
    assert local.returncode == 0


def test_network_over_endpoint(endpoint: str) -> None:
    r = kg("network", "--endpoint", endpoint, "--top", "2")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("Network: 6 actors, 6 directed dyads, 8 events")
    assert "Norland Armed Forces – Southia  -30.0" in r.stdout

"""Shared fixtures. One conftest for the whole suite.

The suite must pass on a fresh clone without ../shared; tests that read the
dev set skip when it is absent, unless KG_REQUIRE_SHARED=1.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SEED = ROOT / "seeds" / "ar_armenia_azerbaijan_border_clashes_2021-11-16.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "eval" / "dev").is_dir():
        if os.environ.get("KG_REQUIRE_SHARED") == "1":
            pytest.fail("../shared/eval/dev is required (KG_REQUIRE_SHARED=1) but missing")
        pytest.skip("../shared is not present (fresh clone)")
    return SHARED


# ---- RDF/store fixtures (hand-made Extraction, independent of the extractor) ----

def load_extraction(path: Path):  # -> kg.model.Extraction
    """An Extraction from a JSON file whose keys are the dataclass field names."""
    import json

    from kg.model import Document, Entity, Event, Extraction, Mention, Relation

    d = json.loads(path.read_text(encoding="utf-8"))
    ents = []
    for e in d["entities"]:
        e = dict(e)
        e["mentions"] = [Mention(**m) for m in e.get("mentions", [])]
        ents.append(Entity(**e))
    return Extraction(Document(**d["document"]), ents,
                      [Event(**v) for v in d["events"]], [Relation(**r) for r in d["relations"]])


@pytest.fixture()
def sample_extraction():  # -> kg.model.Extraction (a fresh copy per test)
    return load_extraction(DATA / "rdf" / "sample_extraction.json")


# ---- viz/network fixtures: a hand-made actor network (tests/data/viz/small.trig) ----

@pytest.fixture()
def viz_store():  # -> kg.store.oxigraph.OxigraphStore (in memory)
    import pyoxigraph as ox

    from kg.store.oxigraph import OxigraphStore

    store = OxigraphStore(None)
    store.raw.load(path=str(DATA / "viz" / "small.trig"), format=ox.RdfFormat.TRIG)
    return store


@pytest.fixture()
def viz_store_dir(tmp_path: Path) -> Path:
    """The same network in an on-disk store, for CLI tests."""
    import pyoxigraph as ox

    from kg.store.oxigraph import OxigraphStore

    store = OxigraphStore(tmp_path / "store")
    store.raw.load(path=str(DATA / "viz" / "small.trig"), format=ox.RdfFormat.TRIG)
    store.close()
    return tmp_path / "store"

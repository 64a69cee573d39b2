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


def require_native(name: str):  # -> the module kg._native.NAME
    """A built C accelerator, else skip; under KG_REQUIRE_NATIVE=1 (CI) a missing one fails."""
    from kg._native import load

    mod = load(name)
    if mod is None:
        if os.environ.get("KG_REQUIRE_NATIVE") == "1":
            pytest.fail(f"kg._native.{name} is not built (KG_REQUIRE_NATIVE=1)")
        pytest.skip(f"kg._native.{name} is not built")
    return mod


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


# ---- toy extractor: deterministic, text-based, no NLP models (build/store tests) ----

TOY_LEXICON: dict[str, tuple[str, str | None]] = {
    "Russia": ("Country", "RUS"), "Ukraine": ("Country", "UKR"), "Poland": ("Country", "POL"),
    "NATO": ("IGO", None),
}
TOY_TRIGGERS: dict[str, str] = {"attacked": "ASSAULT", "shelled": "ASSAULT", "met": "CONSULT", "accused": "ACCUSE"}


def toy_extract(doc):  # -> kg.model.Extraction
    """Entities from TOY_LEXICON, one event per trigger word (actor before → actor after),
    memberOf for "X ... member of Y". Offsets index ``doc.text``."""
    import re

    from kg.model import Entity, Event, Extraction, Mention, Relation

    ents: dict[str, Entity] = {}
    spans: list[tuple[int, int, str]] = []
    for name, (etype, key) in TOY_LEXICON.items():
        for m in re.finditer(rf"\b{re.escape(name)}\b", doc.text):
            e = ents.setdefault(name, Entity(id=f"e{len(ents) + 1}", name=name, type=etype,
                                             labels={"en": name}, country=key, key=key))
            e.mentions.append(Mention(m.start(), m.end(), name, etype))
            spans.append((m.start(), m.end(), e.id))
    spans.sort()
    events, rels = [], []
    for si, sm in enumerate(re.finditer(r"[^.!?]+[.!?]?", doc.text)):
        s0, s1 = sm.start(), sm.end()
        sent = doc.text[s0:s1]
        inside = [sp for sp in spans if s0 <= sp[0] < s1]
        for tm in re.finditer(r"\b(" + "|".join(TOY_TRIGGERS) + r")\b", sent):
            t0, t1 = s0 + tm.start(), s0 + tm.end()
            before = [sp[2] for sp in inside if sp[1] <= t0]
            after = [sp[2] for sp in inside if sp[0] >= t1]
            events.append(Event(id=f"v{len(events) + 1}", type=TOY_TRIGGERS[tm.group(1)], trigger=tm.group(1),
                                sentence=sent, start=t0, end=t1, sentence_index=si, sentence_start=s0,
                                sentence_end=s1, source=before[-1] if before else None,
                                target=after[0] if after else None, date=doc.date, confidence=0.7))
        mm = re.search(r"member of", sent)
        if mm:
            before = [sp[2] for sp in inside if sp[1] <= s0 + mm.start()]
            after = [sp[2] for sp in inside if sp[0] >= s0 + mm.end()]
            if before and after:
                rels.append(Relation(before[-1], "memberOf", after[0], sent, si, s0, s1, 0.6))
    return Extraction(doc, list(ents.values()), events, rels)


@pytest.fixture()
def toy_extractor():
    return toy_extract


# ---- SPARQL fixtures: a store built from hand-made extractions (tests/data/sparql/*.json)
# through the real RDF mapping, and real SPARQL servers (tests/servers.py) ----

def build_sparql_store(path: Path | None):  # -> kg.store.oxigraph.OxigraphStore
    """Map tests/data/sparql/*.json with kg.rdf and add them, one graph per document, plus summaries."""
    from kg.rdf.iri import document_iri
    from kg.rdf.mapping import extraction_triples
    from kg.rdf.summary import refresh_summaries
    from kg.store.oxigraph import OxigraphStore

    store = OxigraphStore(path)
    for f in sorted((DATA / "sparql").glob("*.json")):
        ex = load_extraction(f)
        store.add_document(document_iri(ex.document.id), extraction_triples(ex), f.stem)
    refresh_summaries(store)
    return store


@pytest.fixture(scope="session")
def sparql_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """On-disk store of the SPARQL test documents (read it with read_only=True)."""
    d = tmp_path_factory.mktemp("sparql") / "store"
    build_sparql_store(d).close()
    return d


def _server(name: str):  # -> tests.servers.Server
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import servers

    try:
        return servers.start(name)
    except servers.ServerMissing as exc:
        if servers.servers_required():
            pytest.fail(f"{exc} is required (KG_REQUIRE_SERVERS=1) but missing")
        pytest.skip(f"{exc} is not installed")


@pytest.fixture(scope="session")
def oxigraph_server():  # -> tests.servers.Server
    srv = _server("oxigraph")
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def virtuoso_server():  # -> tests.servers.Server
    srv = _server("virtuoso")
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def stanza_module():
    """The stanza package; skips when the extra is absent, unless KG_REQUIRE_STANZA=1."""
    try:
        import stanza
    except ImportError:
        if os.environ.get("KG_REQUIRE_STANZA") == "1":
            pytest.fail("stanza is required (KG_REQUIRE_STANZA=1) but not installed")
        pytest.skip("stanza extra not installed (pip install 'kg[stanza]')")
    return stanza

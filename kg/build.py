"""``kg build``: articles → extraction → RDF → store, incrementally, then the outputs.

For each document: read (errors as values) → ``kg.pipeline.extract`` →
``kg.rdf.mapping`` → ``Store.add_document`` (one transaction per document).

- Incremental: a document whose content hash is already in the store is
  skipped; a changed one replaces its own named graph; new ones add theirs.
- Safe: a document that fails (bad input, extractor error) leaves the store
  as it was; a killed build keeps every document committed before.
- After the documents: dyad summaries (``id:graph/summary``), then
  ``DIR/graph.ttl``, ``DIR/extraction.jsonl`` and ``DIR/network.html``.

>>> # build(["seeds/"], "out/")  -> BuildSummary(documents=1, ...)
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import kg
from kg.errors import KgError, PipelineError, UsageError, error
from kg.io.readers import count_inputs, read_inputs, valid_date
from kg.model import Document, Extraction
from kg.rdf.iri import ONTOLOGY_GRAPH, SUMMARY_GRAPH, document_iri
from kg.rdf.mapping import extraction_triples
from kg.rdf.summary import refresh_summaries
from kg.resources import ontology_dir
from kg.store.base import RdfFormat, Store
from kg.store.oxigraph import OxigraphStore

#: Bump when the RDF mapping changes, so a rebuild replaces graphs built by older code.
MAPPING_VERSION = "2"
NLP_BACKENDS = ("default", "stanza")

Extractor = Callable[[Document], Extraction]
ProgressFn = Callable[[int, int, str], None]     # (done, total, document id)
ErrorFn = Callable[[KgError], None]


@dataclass
class BuildSummary:
    """What a build did. Counts of entities/events/triples are for the whole store."""

    out_dir: Path
    documents: int = 0        # documents read successfully
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0           # documents or inputs that produced an error
    entities: int = 0
    events: int = 0
    relations: int = 0
    triples: int = 0
    seconds: float = 0.0
    errors: list[KgError] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)

    def line(self) -> str:
        return (f"{self.documents} documents ({self.added} new, {self.updated} changed, {self.unchanged} unchanged), "
                f"{self.entities} entities, {self.events} events, {self.relations} relations, "
                f"{self.triples} triples, {self.seconds:.1f} s, {len(self.errors)} errors")


def content_hash(doc: Document, nlp: str = "default") -> str:
    """Hash of everything that determines a document's graph (input and code versions)."""
    payload = json.dumps([MAPPING_VERSION, kg.__version__, nlp, doc.id, doc.text, doc.lang, doc.date,
                          doc.title, doc.url, doc.source], ensure_ascii=False)
    return "sha256:" + hashlib.sha256(payload.encode("utf-8")).hexdigest()


def check_options(lang: str, date: str | None, nlp: str = "default") -> None:
    if lang not in ("auto", "ar", "en"):
        raise UsageError(f"--lang {lang!r}: expected auto, ar or en")
    if date is not None and not valid_date(date):
        raise UsageError(f"--date {date!r}: expected YYYY-MM-DD")
    if nlp not in NLP_BACKENDS:
        raise UsageError(f"--nlp {nlp!r}: expected {' or '.join(NLP_BACKENDS)}")


def make_extractor(nlp: str = "default") -> Extractor:
    """The extraction function for a backend; built once, so model errors surface before any input."""
    from kg.pipeline import STANZA_COMPONENTS, Pipeline, extract

    if nlp == "stanza":
        pipe = Pipeline.from_names(STANZA_COMPONENTS)
        return lambda d: pipe(d)
    Pipeline.default()  # fail fast (E500...) instead of once per document
    return lambda d: extract(d)


def extract_safely(extractor: Extractor, doc: Document) -> Extraction | KgError:
    """Run the extractor; any failure becomes a one-line error for this document only."""
    try:
        return extractor(doc)
    except KgError as exc:
        if not exc.path:
            exc.path = doc.source or doc.id
        return exc
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the build
        detail = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        return error(PipelineError, "E402", path=doc.source or doc.id, detail=detail)


def load_ontology(store: Store) -> None:
    """Keep the ontology (labels of types, modes, contexts) in ``id:graph/ontology``, refreshed when it changes."""
    from rdflib import Graph, Literal
    from rdflib.namespace import OWL

    path = ontology_dir() / "conflict.ttl"
    if not path.is_file():
        return
    data = path.read_bytes()
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    r = store.query("ASK { GRAPH ?g { ?g ?p ?h } }", {"g": ONTOLOGY_GRAPH, "p": OWL.versionInfo, "h": Literal(digest)})
    if r.boolean:
        return
    g = Graph().parse(data=data, format="turtle")
    triples = list(g) + [(ONTOLOGY_GRAPH, OWL.versionInfo, Literal(digest))]
    store.replace_graph(ONTOLOGY_GRAPH, triples)


def _read_jsonl_cache(path: Path) -> dict[str, str]:
    """Previous ``extraction.jsonl`` lines by document id (kept for unchanged documents)."""
    out: dict[str, str] = {}
    if not path.is_file():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            doc_id = json.loads(line)["document"]["id"]
        except (ValueError, KeyError, TypeError):
            continue
        out[doc_id] = line
    return out


def _write_atomic(path: Path, write: Callable[[Path], None]) -> None:
    tmp = path.with_name(f".{path.stem}.tmp{path.suffix}")  # same suffix: writers may infer the format
    write(tmp)
    os.replace(tmp, path)


def store_counts(store: Store) -> tuple[int, int, int]:
    """(entities, events, relations) in the store."""
    r = store.query("""
        PREFIX cn: <https://w3id.org/kg-conflict/ontology#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT (COUNT(DISTINCT ?ent) AS ?entities) (COUNT(DISTINCT ?ev) AS ?events) (COUNT(DISTINCT ?st) AS ?rels)
        WHERE { { ?ent cn:mentionedIn ?d } UNION { ?ev a cn:Event } UNION { ?st a rdf:Statement } }""")
    row = r.python()[0] if r.rows else {}
    return int(row.get("entities") or 0), int(row.get("events") or 0), int(row.get("rels") or 0)


def build(paths: Iterable[str | Path], out_dir: str | Path, lang: str = "auto", date: str | None = None,
          nlp: str = "default", *, extractor: Extractor | None = None, progress: ProgressFn | None = None,
          on_error: ErrorFn | None = None, on_commit: Callable[[str], None] | None = None,
          network: bool = True) -> BuildSummary:
    """Build or update ``out_dir/store`` from ``paths`` and write the outputs.

    ``extractor`` replaces the NLP pipeline (tests, custom pipelines);
    ``progress`` is called after each document, ``on_error`` for each error,
    ``on_commit`` with each document id once its graph is committed.
    """
    t0 = time.perf_counter()
    check_options(lang, date, nlp)
    paths = [Path(p) for p in paths]
    if not paths:
        raise UsageError("no input paths given")
    out = Path(out_dir)
    summary = BuildSummary(out_dir=out)
    ex_fn = extractor or make_extractor(nlp)
    total = count_inputs(paths)
    out.mkdir(parents=True, exist_ok=True)

    def fail(exc: KgError) -> None:
        summary.errors.append(exc)
        summary.failed += 1
        if on_error:
            on_error(exc)

    jsonl_path = out / "extraction.jsonl"
    lines = _read_jsonl_cache(jsonl_path)
    order: list[str] = []
    with OxigraphStore(out / "store", create=True) as store:
        load_ontology(store)
        changed = False
        done = 0
        for item in read_inputs(paths, lang=lang, date=date):
            done += 1
            if isinstance(item, KgError):
                fail(item)
                if progress:
                    progress(done, total, "")
                continue
            doc = item
            summary.documents += 1
            h = content_hash(doc, nlp)
            iri = document_iri(doc.id)
            old = store.document_hash(iri)
            if old == h and doc.id in lines:
                summary.unchanged += 1
                order.append(doc.id)
            else:
                ex = extract_safely(ex_fn, doc)
                if isinstance(ex, KgError):
                    fail(ex)
                else:
                    try:
                        store.add_document(iri, extraction_triples(ex), h)
                    except KgError as exc:
                        fail(exc)
                    else:
                        changed = True
                        summary.added += old is None
                        summary.updated += old is not None
                        lines[doc.id] = json.dumps(ex.to_dict(), ensure_ascii=False)
                        order.append(doc.id)
                        if on_commit:
                            on_commit(doc.id)
            if progress:
                progress(done, total, doc.id)
        if changed or not store.triple_count(SUMMARY_GRAPH):
            refresh_summaries(store)
        summary.entities, summary.events, summary.relations = store_counts(store)
        summary.triples = store.triple_count()
        _write_outputs(store, out, lines, order, summary, network)
    summary.seconds = time.perf_counter() - t0
    return summary


def _write_outputs(store: Store, out: Path, lines: dict[str, str], order: list[str], summary: BuildSummary,
                   network: bool) -> None:
    # Documents of this run first, in input order, then those kept from earlier builds.
    ids = list(dict.fromkeys(order + [i for i in lines if i not in order]))
    jsonl = out / "extraction.jsonl"
    _write_atomic(jsonl, lambda p: p.write_text("".join(lines[i] + "\n" for i in ids), encoding="utf-8"))
    summary.outputs["extraction"] = jsonl
    ttl = out / "graph.ttl"
    _write_atomic(ttl, lambda p: store.export(RdfFormat.TTL, p))
    summary.outputs["graph"] = ttl
    if network:
        html = out / "network.html"
        try:
            from kg.viz.page import write_network_html

            _write_atomic(html, lambda p: write_network_html(store, p) and None)
            summary.outputs["network"] = html
        except KgError as exc:
            summary.errors.append(exc)
        except Exception as exc:  # noqa: BLE001 - the graph is built; a page failure must not hide it
            summary.errors.append(KgError(f"network.html not written ({type(exc).__name__}: {exc})".splitlines()[0],
                                          path=html))


def extract_paths(paths: Iterable[str | Path], lang: str = "auto", date: str | None = None, nlp: str = "default",
                  extractor: Extractor | None = None) -> Iterable[Extraction | KgError]:
    """``kg extract``: the extraction of each input document, in order, errors in place (no store)."""
    check_options(lang, date, nlp)
    ex_fn = extractor or make_extractor(nlp)
    for item in read_inputs(paths, lang=lang, date=date):
        yield item if isinstance(item, KgError) else extract_safely(ex_fn, item)

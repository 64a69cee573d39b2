"""The embedded default store: pyoxigraph (RocksDB on disk).

Every write is one Oxigraph transaction (a single SPARQL update), so a
document's graph is replaced atomically and a process killed mid-build
leaves the store with every document committed before.

>>> import tempfile, os
>>> from rdflib import URIRef, Literal
>>> d = tempfile.mkdtemp()
>>> with OxigraphStore(os.path.join(d, "s")) as st:
...     st.add_document("http://ex/doc", [(URIRef("http://ex/a"), URIRef("http://ex/p"), Literal("x"))], "h1")
...     st.document_hash("http://ex/doc"), st.triple_count()
2
('h1', 2)
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Iterable, Iterator, Mapping

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.errors import Errors, QueryError, StoreError, StoreNotFoundError, error
from kg.store.base import Binding, Quad, QueryResult, RdfFormat, Store, Triple, bind_values

_XSD_STRING = str(XSD.string)
_RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

_OX_FORMAT = {
    RdfFormat.TTL: ox.RdfFormat.TURTLE, RdfFormat.NT: ox.RdfFormat.N_TRIPLES,
    RdfFormat.TRIG: ox.RdfFormat.TRIG, RdfFormat.JSONLD: ox.RdfFormat.JSON_LD,
    RdfFormat.NQ: ox.RdfFormat.N_QUADS,
}

# Prefixes written into Turtle/TriG exports, for readability only.
EXPORT_PREFIXES = {
    "cn": "https://w3id.org/kg-conflict/ontology#",
    "id": "https://w3id.org/kg-conflict/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "wd": "http://www.wikidata.org/entity/",
}


def to_ox(t: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """rdflib term → pyoxigraph term."""
    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    if isinstance(t, Literal):
        if t.language:
            return ox.Literal(str(t), language=t.language)
        if t.datatype is not None:
            return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
        return ox.Literal(str(t))
    raise TypeError(f"not an RDF term: {t!r}")


# Datatype IRIs as rdflib terms, built once (a typed literal is a quarter faster to make).
_DATATYPES: dict[str, URIRef] = {}


def from_ox(t: object) -> Node | None:
    """pyoxigraph term → rdflib term (``xsd:string`` literals become plain, as rdflib parses them)."""
    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if isinstance(t, ox.Literal):
        dt = t.datatype.value
        if t.language:
            return Literal(t.value, lang=t.language)
        if dt == _XSD_STRING:
            return Literal(t.value)
        dtype = _DATATYPES.get(dt)
        if dtype is None:
            dtype = _DATATYPES[dt] = URIRef(dt)
        return Literal(t.value, datatype=dtype)
    raise TypeError(f"unsupported term from Oxigraph: {t!r}")


def _select(names: list[str], res: ox.QuerySolutions) -> QueryResult:
    """A SELECT result as rdflib terms (and their lexical forms), each distinct term converted once.

    Building an rdflib literal is slow (a typed one parses its value: ~18 µs
    for a date) and results repeat terms (actors, dates, labels): converting
    each distinct term once made a 10k-row answer about 1 s faster.
    """
    memo: dict[object, tuple[Node | None, str | None]] = {None: (None, None)}
    terms: list[dict[str, Node | None]] = []
    rows: list[dict[str, str | None]] = []
    for sol in res:
        trow: dict[str, Node | None] = {}
        srow: dict[str, str | None] = {}
        for n, t in zip(names, sol):  # a solution iterates its values in variable order
            pair = memo.get(t)
            if pair is None:
                node = from_ox(t)
                pair = memo[t] = (node, str(node))
            trow[n], srow[n] = pair
        terms.append(trow)
        rows.append(srow)
    return QueryResult("select", names, rows, terms)


def _nt(t: Node) -> str:
    """N-Triples form of a term, via Oxigraph's own escaping."""
    return str(to_ox(t))


def is_store_dir(path: Path) -> bool:
    """True when ``path`` holds an Oxigraph (RocksDB) store."""
    return (path / "CURRENT").is_file()


class OxigraphStore(Store):
    """Store on disk at ``path`` (a directory).

    - ``read_only=True`` opens a read-only instance; writes raise E201.
    - ``create=False`` requires an existing store (E200 otherwise); read
      commands use it so a mistyped ``--store`` never creates an empty store.
      A build output directory (``DIR`` holding ``DIR/store``) is accepted too.
    - ``path=None`` gives an in-memory store (tests, benchmarks).
    """

    def __init__(self, path: str | Path | None, read_only: bool = False, create: bool = True) -> None:
        super().__init__(read_only=read_only)
        self.path = Path(path) if path is not None else None
        self.location = str(path) if path is not None else ":memory:"
        if self.path is None:
            self._store = ox.Store()
            return
        exists = is_store_dir(self.path)
        if not exists and (read_only or not create) and is_store_dir(self.path / "store"):
            # A `kg build --out DIR` directory: its store is DIR/store.
            self.path, exists = self.path / "store", True
            self.location = str(self.path)
        if not exists and (read_only or not create):
            # The message names the path; no "path:" prefix, it would say it twice.
            raise StoreNotFoundError(Errors.E200.format(path=self.path)) from None
        try:
            if read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise error(StoreError, "E203", path=str(self.path),
                            detail="close the other kg command or open it read-only") from None
            raise error(StoreError, "E202", path=str(self.path), detail=str(exc).splitlines()[0]) from None
        self._closed = False

    @property
    def raw(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store`` (for bulk tools and benchmarks)."""
        return self._store

    def close(self) -> None:
        # pyoxigraph closes RocksDB when the object is collected; drop our reference.
        if getattr(self, "_store", None) is not None:
            if not self.read_only:
                try:
                    self._store.flush()
                except OSError:
                    pass
            self._store = None  # type: ignore[assignment]

    # ---- reading ---------------------------------------------------------
    def query(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> QueryResult:
        text = bind_values(sparql, bindings)  # same binding semantics as remote endpoints
        try:
            res = self._store.query(text, use_default_graph_as_union=True)
            if isinstance(res, ox.QueryBoolean):
                return QueryResult.ask(bool(res))
            if isinstance(res, ox.QuerySolutions):
                return _select([v.value for v in res.variables], res)
            return QueryResult.graph_result(
                (from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in res  # type: ignore[misc]
            )
        except SyntaxError as exc:
            raise error(QueryError, "E302", detail=f"syntax: {exc}") from None
        except (OSError, RuntimeError, ValueError, TypeError) as exc:
            raise error(QueryError, "E302", detail=str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None

    def quads(self, graph: URIRef | None = None) -> Iterator[Quad]:
        g = to_ox(graph) if graph is not None else None
        for q in self._store.quads_for_pattern(None, None, None, g):
            gn = q.graph_name
            gr = None if isinstance(gn, ox.DefaultGraph) else from_ox(gn)
            yield (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), gr)  # type: ignore[misc]

    def triple_count(self, graph: URIRef | None = None) -> int:
        if graph is None:
            return len(self._store)
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, to_ox(graph)))

    def graphs(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    # ---- writing ---------------------------------------------------------
    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> int:
        self._check_writable("write a graph")
        g = _nt(graph)
        lines = {f"{_nt(s)} {_nt(p)} {_nt(o)} ." for s, p, o in triples}  # set: no duplicate triples
        # One update = one transaction: drop and insert commit together or not at all.
        update = f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n" + "\n".join(lines) + "\n} }"
        try:
            self._store.update(update)
        except (OSError, RuntimeError, SyntaxError, ValueError) as exc:
            raise error(StoreError, "E202", path=self.location, detail=str(exc).splitlines()[0]) from None
        return len(lines)

    def remove_graph(self, graph: URIRef) -> None:
        self._check_writable("remove a graph")
        self._store.update(f"DROP SILENT GRAPH {_nt(graph)}")

    # ---- export ----------------------------------------------------------
    def export(self, fmt: RdfFormat | str, out: str | Path | IO[bytes]) -> None:
        fmt = RdfFormat.from_name(fmt) if isinstance(fmt, str) else fmt
        target: str | IO[bytes] = str(out) if isinstance(out, Path) else out
        if fmt.supports_datasets:
            prefixes = EXPORT_PREFIXES if fmt in (RdfFormat.TRIG,) else None
            self._store.dump(target, _OX_FORMAT[fmt], prefixes=prefixes)
            return
        # Triple formats: the union of all graphs, through a native CONSTRUCT.
        res = self._store.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")
        prefixes = EXPORT_PREFIXES if fmt is RdfFormat.TTL else None
        ox.serialize(res, target, _OX_FORMAT[fmt], prefixes=prefixes)  # type: ignore[arg-type]

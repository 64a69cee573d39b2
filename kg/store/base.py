"""One store API for every backend: the embedded Oxigraph store and remote SPARQL endpoints.

Like rdflib's store plugins, backends subclass :class:`Store` and implement a
handful of primitives; everything else (document bookkeeping, exports through
rdflib, read-only checks) is shared here.

Terms crossing the API are rdflib terms (``URIRef``, ``Literal``, ``BNode``):
every backend converts to and from them, so callers never see a backend type.

Documents live in named graphs, one per document (graph IRI = document IRI).
``add_document`` replaces a document's graph in one transaction, so a reader
never sees half a document and a crash never leaves one.

>>> from rdflib import Literal, URIRef
>>> r = QueryResult.select(["n"], [{"n": Literal(3)}])
>>> r.rows, r.value("n").toPython()
([{'n': '3'}], 3)
"""

from __future__ import annotations

import io
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from types import TracebackType
from typing import IO, Iterable, Iterator, Literal as Lit, Mapping, Union

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryParamError, ReadOnlyStoreError, error
from kg.rdf.namespace import CN

Term = Union[URIRef, Literal, BNode]
Triple = tuple[Node, Node, Node]
Quad = tuple[Node, Node, Node, Node]          # (s, p, o, graph)
Binding = Union[Term, str, int, float, bool]   # plain Python values become literals


class RdfFormat(str, Enum):
    """Serialisation formats for exports (value = CLI name)."""

    TTL = "ttl"
    NT = "nt"
    TRIG = "trig"
    JSONLD = "jsonld"
    NQ = "nq"

    @property
    def rdflib_name(self) -> str:
        return {"ttl": "turtle", "nt": "nt", "trig": "trig", "jsonld": "json-ld", "nq": "nquads"}[self.value]

    @property
    def media_type(self) -> str:
        return {
            "ttl": "text/turtle", "nt": "application/n-triples", "trig": "application/trig",
            "jsonld": "application/ld+json", "nq": "application/n-quads",
        }[self.value]

    @property
    def extension(self) -> str:
        return {"ttl": "ttl", "nt": "nt", "trig": "trig", "jsonld": "jsonld", "nq": "nq"}[self.value]

    @property
    def supports_datasets(self) -> bool:
        """True when the format keeps named graphs (TriG, N-Quads, JSON-LD)."""
        return self in (RdfFormat.TRIG, RdfFormat.NQ, RdfFormat.JSONLD)

    @classmethod
    def from_name(cls, name: str) -> "RdfFormat":
        """Accept CLI names and common aliases (``turtle``, ``json-ld``, ``n-triples``)."""
        aliases = {"turtle": "ttl", "ntriples": "nt", "n-triples": "nt", "json-ld": "jsonld",
                   "nquads": "nq", "n-quads": "nq"}
        return cls(aliases.get(name.lower(), name.lower()))


@dataclass
class QueryResult:
    """Result of any SPARQL query.

    - SELECT: ``vars`` and ``rows`` (lexical values, ``None`` when unbound);
      ``terms`` holds the same rows as typed rdflib terms.
    - ASK: ``boolean``.
    - CONSTRUCT / DESCRIBE: ``triples`` (rdflib terms); ``graph()`` wraps them.
    """

    kind: Lit["select", "ask", "graph"]
    vars: list[str] = field(default_factory=list)
    rows: list[dict[str, str | None]] = field(default_factory=list)
    terms: list[dict[str, Node | None]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[Triple] = field(default_factory=list)

    @classmethod
    def select(cls, vars: list[str], term_rows: Iterable[Mapping[str, Node | None]]) -> "QueryResult":
        terms = [{v: r.get(v) for v in vars} for r in term_rows]
        rows = [{v: (None if t is None else str(t)) for v, t in r.items()} for r in terms]
        return cls("select", list(vars), rows, terms)

    @classmethod
    def ask(cls, value: bool) -> "QueryResult":
        return cls("ask", boolean=bool(value))

    @classmethod
    def graph_result(cls, triples: Iterable[Triple]) -> "QueryResult":
        return cls("graph", triples=list(triples))

    def __len__(self) -> int:
        if self.kind == "select":
            return len(self.rows)
        if self.kind == "graph":
            return len(self.triples)
        return int(bool(self.boolean))

    def __iter__(self) -> Iterator[dict[str, str | None]]:
        return iter(self.rows)

    def __bool__(self) -> bool:
        return self.boolean if self.kind == "ask" else len(self) > 0  # type: ignore[return-value]

    def value(self, var: str, row: int = 0) -> Node | None:
        """Typed term of ``var`` in ``row`` (first row by default)."""
        return self.terms[row].get(var) if row < len(self.terms) else None

    def python(self) -> list[dict[str, object]]:
        """Rows with literals converted to Python values (int, float, date...)."""
        out: list[dict[str, object]] = []
        for r in self.terms:
            out.append({v: (t.toPython() if isinstance(t, Literal) else (None if t is None else str(t)))
                        for v, t in r.items()})
        return out

    def graph(self) -> Graph:
        g = Graph()
        for t in self.triples:
            g.add(t)
        return g


def as_term(value: Binding) -> Term:
    """A binding value as an rdflib term: ``str`` stays a plain literal, never an IRI.

    Plain strings are literals on purpose: a parameter typed by a user must not
    turn into query syntax or an IRI. Pass ``URIRef`` explicitly for IRIs.
    """
    if isinstance(value, (URIRef, Literal, BNode)):
        return value
    return Literal(value)


def values_clause(bindings: Mapping[str, Binding]) -> str:
    """``VALUES (?a ?b) { (...) }`` for one row of bindings, each term serialised safely (N3).

    The terms go through rdflib's ``n3()``, which escapes quotes, backslashes
    and newlines, so a value can never close its literal and inject syntax.

    >>> print(values_clause({"name": 'x" } DROP ALL #'}))
    VALUES (?name) { ("x\\" } DROP ALL #") }
    """
    if not bindings:
        return ""
    for k in bindings:
        if not k.replace("_", "a").isalnum():
            raise error(QueryParamError, "E301", param=k, detail="not a SPARQL variable name")
    names = " ".join(f"?{k}" for k in bindings)
    vals = " ".join(as_term(v).n3() for v in bindings.values())
    return f"VALUES ({names}) {{ ({vals}) }}"


def _where_brace(sparql: str) -> int:
    """Index of the ``{`` opening the query's top-level WHERE group, or -1.

    Skips comments, strings and IRIs. For CONSTRUCT the first group is the
    template, so the brace after the ``WHERE`` keyword wins when there is one.
    """
    i, n, depth = 0, len(sparql), 0
    first = -1
    after_where = False
    while i < n:
        c = sparql[i]
        if c == "#":
            j = sparql.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if c in "\"'":
            q3 = sparql[i:i + 3]
            if q3 in ('"""', "'''"):
                j = sparql.find(q3, i + 3)
                i = n if j < 0 else j + 3
                continue
            j = i + 1
            while j < n and sparql[j] != c:
                j += 2 if sparql[j] == "\\" else 1
            i = j + 1
            continue
        if c == "<" and depth == 0:
            j = sparql.find(">", i)
            i = n if j < 0 else j + 1
            continue
        if c == "{":
            if depth == 0:
                if after_where:
                    return i
                if first < 0:
                    first = i
            depth += 1
        elif c == "}":
            depth -= 1
        elif depth == 0 and sparql[i:i + 5].upper() == "WHERE" and not (i and (sparql[i - 1].isalnum() or sparql[i - 1] in "?$_:")):
            after_where = True
            i += 5
            continue
        i += 1
    return first


def bind_values(sparql: str, bindings: Mapping[str, Binding] | None) -> str:
    """The query with ``bindings`` as a VALUES block at the start of its WHERE group.

    This is how parameters are bound on every backend: the values are RDF
    terms inside a VALUES block, never spliced into the query's own syntax,
    and they constrain the whole group (also under GROUP BY and aggregates,
    where unprojected variables cannot be substituted afterwards).

    >>> bind_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": "x"})
    'SELECT ?s WHERE { VALUES (?o) { ("x") } ?s ?p ?o }'
    """
    if not bindings:
        return sparql
    at = _where_brace(sparql)
    if at < 0:
        raise error(QueryParamError, "E301", param=",".join(bindings), detail="query has no WHERE group to bind into")
    return f"{sparql[:at + 1]} {values_clause(bindings)}{sparql[at + 1:]}"


class Store(ABC):
    """Abstract triple store holding one named graph per document.

    Subclasses implement the primitives marked abstract; writes must call
    :meth:`_check_writable` first so a read-only store refuses them with
    ``ReadOnlyStoreError`` (E201).
    """

    #: Human-readable location (path or endpoint URL), used in messages.
    location: str = ""

    def __init__(self, read_only: bool = False) -> None:
        self._read_only = read_only

    # ---- lifecycle -------------------------------------------------------
    @property
    def read_only(self) -> bool:
        return self._read_only

    def close(self) -> None:
        """Release the backend (files, connections). Idempotent."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _check_writable(self, what: str) -> None:
        if self._read_only:
            raise error(ReadOnlyStoreError, "E201", path=self.location or None, detail=f"cannot {what}")

    # ---- reading ---------------------------------------------------------
    @abstractmethod
    def query(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> QueryResult:
        """Run SPARQL; the default graph is the union of all named graphs.

        ``bindings`` maps variable names (no ``?``) to values; backends bind
        them with :func:`bind_values` (a VALUES block, terms escaped by
        rdflib), never by pasting text. ``str`` values are plain literals; pass
        ``URIRef`` for IRIs. Raises ``QueryError`` (E302).
        """

    @abstractmethod
    def quads(self, graph: URIRef | None = None) -> Iterator[Quad]:
        """All quads, or those of one named graph, as rdflib terms."""

    def triple_count(self, graph: URIRef | None = None) -> int:
        """Number of quads in the store (or in one graph)."""
        g = f"GRAPH {graph.n3()}" if graph is not None else "GRAPH ?g"
        r = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {g} {{ ?s ?p ?o }} }}")
        v = r.value("n")
        return int(v.toPython()) if isinstance(v, Literal) else 0

    def graphs(self) -> list[URIRef]:
        """IRIs of the named graphs, sorted."""
        r = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(URIRef(str(row["g"])) for row in r.rows if row["g"])

    def documents(self) -> list[URIRef]:
        """IRIs of the documents in the store (graphs that describe a cn:Document)."""
        r = self.query(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a ?t } FILTER(?t = ?doc) }",
            {"doc": URIRef(str(CN.Document))},
        )
        return sorted(URIRef(str(row["g"])) for row in r.rows if row["g"])

    def document_hash(self, doc_iri: URIRef | str) -> str | None:
        """Content hash recorded when the document was added, or ``None`` if absent."""
        r = self.query(
            "SELECT ?h WHERE { GRAPH ?d { ?d ?p ?h } } LIMIT 1",
            {"d": URIRef(str(doc_iri)), "p": URIRef(str(CN.contentHash))},
        )
        return r.rows[0]["h"] if r.rows else None

    # ---- writing ---------------------------------------------------------
    @abstractmethod
    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> int:
        """Atomically replace the content of named graph ``graph`` by ``triples``.

        Returns the number of triples written. Either the old or the new graph
        is visible, never a mix, also after a crash.
        """

    @abstractmethod
    def remove_graph(self, graph: URIRef) -> None:
        """Drop a named graph (no error if absent)."""

    def add_document(self, doc_iri: URIRef | str, quads: Iterable[Triple | Quad], content_hash: str) -> int:
        """Replace the document's named graph by ``quads`` in one transaction.

        Quads may be triples or quads; the graph component is ignored and the
        triples land in the graph ``doc_iri``. The content hash is recorded as
        ``<doc> cn:contentHash "..."`` in that graph so ``document_hash`` can
        skip unchanged input next time. Returns the triple count written.
        """
        self._check_writable("add a document")
        g = URIRef(str(doc_iri))
        triples: list[Triple] = [(q[0], q[1], q[2]) for q in quads]
        hash_triple = (g, URIRef(str(CN.contentHash)), Literal(content_hash))
        triples = [t for t in triples if not (t[0] == g and t[1] == hash_triple[1])]
        triples.append(hash_triple)
        return self.replace_graph(g, triples)

    def remove_document(self, doc_iri: URIRef | str) -> None:
        self._check_writable("remove a document")
        self.remove_graph(URIRef(str(doc_iri)))

    # ---- export ----------------------------------------------------------
    def export(self, fmt: RdfFormat | str, out: str | Path | IO[bytes]) -> None:
        """Write the whole store to ``out`` (path or binary file).

        Dataset formats (TriG, N-Quads, JSON-LD) keep one named graph per
        document; Turtle and N-Triples merge all graphs into one. Backends may
        override with a native, faster serialiser.
        """
        fmt = RdfFormat.from_name(fmt) if isinstance(fmt, str) else fmt
        data = self._serialize_rdflib(fmt)
        if isinstance(out, (str, Path)):
            Path(out).write_bytes(data)
        else:
            out.write(data)

    def _serialize_rdflib(self, fmt: RdfFormat) -> bytes:
        if fmt.supports_datasets:
            ds = Dataset()
            for s, p, o, g in self.quads():
                ds.add((s, p, o, g))
            return ds.serialize(format=fmt.rdflib_name, encoding="utf-8")
        gr = Graph()
        for s, p, o, _ in self.quads():
            gr.add((s, p, o))
        return gr.serialize(format=fmt.rdflib_name, encoding="utf-8")

    def to_bytes(self, fmt: RdfFormat | str) -> bytes:
        buf = io.BytesIO()
        self.export(fmt, buf)
        return buf.getvalue()

"""A remote SPARQL 1.1 endpoint as a :class:`~kg.store.base.Store` (through SPARQLWrapper).

Reads go to the query endpoint; writes go through the SPARQL 1.1 Graph Store
HTTP Protocol when the server has it (one ``PUT`` per named graph, which
replaces the graph atomically on the server), and through SPARQL Update
(``DROP SILENT GRAPH`` + ``INSERT DATA``) otherwise.

Endpoint layouts differ between servers; :func:`guess_endpoints` knows the
common ones (Oxigraph, Fuseki, Virtuoso, GraphDB, Neptune) and every URL can
be given explicitly.

Only graphs under ``https://w3id.org/kg-conflict/`` count as ours: servers
keep their own system graphs (Virtuoso does) that ``graphs()``,
``triple_count()`` and exports must not pick up.
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from typing import Iterable, Iterator, Mapping

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node
from SPARQLWrapper import BASIC, DIGEST, JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException, Unauthorized

from kg.errors import QueryError, QueryTimeoutError, RemoteStoreError, error
from kg.query.library import query_form
from kg.store.base import Binding, Quad, QueryResult, Store, Triple, bind_values

#: Named graphs written by kg (documents, summaries, ontology) live under this prefix.
OUR_GRAPHS = "https://w3id.org/kg-conflict/"
#: Triples per SPARQL Update request when a graph has to be sent in pieces.
UPDATE_CHUNK = 2000


def guess_endpoints(endpoint: str, user: str | None = None) -> tuple[str, list[str]]:
    """(update endpoint, Graph Store Protocol candidates) for a query endpoint URL.

    >>> guess_endpoints("http://127.0.0.1:7878/query")
    ('http://127.0.0.1:7878/update', ['http://127.0.0.1:7878/store', 'http://127.0.0.1:7878/data'])
    >>> guess_endpoints("http://h:8890/sparql", user="dba")
    ('http://h:8890/sparql-auth', ['http://h:8890/sparql-graph-crud-auth'])
    """
    base, _, last = endpoint.rstrip("/").rpartition("/")
    if last == "query":                      # Oxigraph /query, Fuseki /ds/query
        return f"{base}/update", [f"{base}/store", f"{base}/data"]
    if last == "sparql" and "/repositories/" not in endpoint:
        if base.endswith(("/ds", "/dataset")) or ":3030/" in endpoint:   # Fuseki /ds/sparql
            return f"{base}/update", [f"{base}/data"]
        # Virtuoso (/sparql, /sparql-auth) and Neptune (/sparql: no Graph Store Protocol).
        if user:
            return f"{base}/sparql-auth", [f"{base}/sparql-graph-crud-auth"]
        return endpoint, [f"{base}/sparql-graph-crud"]
    if "/repositories/" in endpoint:         # GraphDB / RDF4J
        repo = endpoint.rstrip("/")
        return f"{repo}/statements", [f"{repo}/rdf-graphs/service"]
    return endpoint, []


def _term(d: Mapping[str, str]) -> Node:
    """A SPARQL JSON results term → rdflib."""
    t, v = d.get("type"), d.get("value", "")
    if t == "uri":
        return URIRef(v)
    if t == "bnode":
        return BNode(v)
    lang = d.get("xml:lang")
    dt = d.get("datatype")
    if lang:
        return Literal(v, lang=lang)
    if dt and dt != "http://www.w3.org/2001/XMLSchema#string":
        return Literal(v, datatype=URIRef(dt))
    return Literal(v)


def _nt(t: Node) -> str:
    if isinstance(t, Literal) and t.datatype is not None and str(t.datatype) == "http://www.w3.org/2001/XMLSchema#string":
        t = Literal(str(t))
    return t.n3()


class SparqlStore(Store):
    """Any SPARQL 1.1 endpoint.

    - ``endpoint``: the query URL; ``update_endpoint`` and ``gsp_endpoint``
      default to :func:`guess_endpoints`;
    - ``user``/``password``: HTTP Basic or Digest (whichever the server asks);
    - ``timeout``: seconds per request.

    The server must treat its default graph as the union of the named graphs
    (Oxigraph: ``--union-default-graph``; Virtuoso, GraphDB and Neptune do by
    default; Fuseki: ``tdb2:unionDefaultGraph true``).
    """

    def __init__(self, endpoint: str, update_endpoint: str | None = None, user: str | None = None,
                 password: str | None = None, timeout: float = 60.0, read_only: bool = False,
                 gsp_endpoint: str | None = None) -> None:
        super().__init__(read_only=read_only)
        self.endpoint = endpoint
        self.location = endpoint
        guessed_update, gsp = guess_endpoints(endpoint, user)
        self.update_endpoint = update_endpoint or guessed_update
        self._gsp_candidates = [gsp_endpoint] if gsp_endpoint else gsp
        self._gsp: str | None | bool = gsp_endpoint or None   # None = not probed yet, False = none
        self.user, self.password = user, password
        self.timeout = timeout
        self._auth = BASIC

    # ---- plumbing --------------------------------------------------------
    def _wrapper(self, url: str) -> SPARQLWrapper:
        w = SPARQLWrapper(url)
        w.setMethod(POST)
        w.setTimeout(max(1, int(self.timeout)))
        if self.user:
            w.setHTTPAuth(self._auth)
            w.setCredentials(self.user, self.password or "")
        return w

    def _run(self, url: str, text: str, fmt: str | None):
        last: Exception | None = None
        for attempt in range(2):
            w = self._wrapper(url)
            w.setQuery(text)
            if fmt:
                w.setReturnFormat(fmt)
                # SPARQLWrapper guesses the form from the text, comments included ("dropped" → DROP,
                # sent as an update): a query's form comes from kg's own reading instead.
                w.queryType = query_form(text) or w.queryType
            try:
                return w.query()
            except Unauthorized as exc:
                # Basic refused: Virtuoso's *-auth endpoints want Digest; try it once.
                last = exc
                if self.user and self._auth == BASIC and attempt == 0:
                    self._auth = DIGEST
                    continue
                raise error(RemoteStoreError, "E202", path=url, detail="unauthorized (check --user/--password)") from None
            except (socket.timeout, TimeoutError):
                raise error(QueryTimeoutError, "E303", path=url, seconds=self.timeout) from None
            except SPARQLWrapperException as exc:
                msg = " ".join(str(exc).split())[:300]
                if "timeout" in msg.lower() or "timed out" in msg.lower():
                    raise error(QueryTimeoutError, "E303", path=url, seconds=self.timeout) from None
                raise error(QueryError, "E302", path=url, detail=msg) from None
            except urllib.error.URLError as exc:
                if isinstance(exc.reason, (socket.timeout, TimeoutError)):
                    raise error(QueryTimeoutError, "E303", path=url, seconds=self.timeout) from None
                raise error(RemoteStoreError, "E202", path=url, detail=str(exc.reason)) from None
            except OSError as exc:
                raise error(RemoteStoreError, "E202", path=url, detail=str(exc)) from None
        raise error(RemoteStoreError, "E202", path=url, detail=str(last))

    # ---- reading ---------------------------------------------------------
    def query(self, sparql: str, bindings: Mapping[str, Binding] | None = None) -> QueryResult:
        text = bind_values(sparql, bindings)
        if query_form(text) in ("CONSTRUCT", "DESCRIBE"):
            res = self._run(self.endpoint, text, TURTLE)
            body = res.response.read()
            g = Graph()
            try:
                g.parse(data=body, format="turtle")
            except Exception as exc:  # noqa: BLE001 - any parser error is a bad answer
                raise error(QueryError, "E302", path=self.endpoint, detail=f"unreadable graph result: {exc}") from None
            return QueryResult.graph_result(g)
        res = self._run(self.endpoint, text, JSON)
        raw = res.response.read()
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise error(QueryError, "E302", path=self.endpoint, detail=f"unreadable JSON result: {exc}") from None
        if "boolean" in data:
            return QueryResult.ask(bool(data["boolean"]))
        names = list(data.get("head", {}).get("vars", []))
        rows = [{v: (_term(b[v]) if v in b else None) for v in names}
                for b in data.get("results", {}).get("bindings", [])]
        return QueryResult.select(names, rows)

    def graphs(self) -> list[URIRef]:
        r = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), ?ours)) }",
                       {"ours": OUR_GRAPHS})
        return sorted(URIRef(str(row["g"])) for row in r.rows if row["g"])

    def triple_count(self, graph: URIRef | None = None) -> int:
        if graph is not None:
            r = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph})
        else:
            r = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), ?ours)) }",
                           {"ours": OUR_GRAPHS})
        v = r.value("n")
        return int(v.toPython()) if isinstance(v, Literal) else 0

    def quads(self, graph: URIRef | None = None) -> Iterator[Quad]:
        # Graph by graph: each answer stays small (servers cap result sizes).
        for g in ([graph] if graph is not None else self.graphs()):
            r = self.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": g})
            for s, p, o in r.triples:
                yield (s, p, o, g)

    # ---- writing ---------------------------------------------------------
    def _opener(self, url: str) -> urllib.request.OpenerDirector:
        handlers: list[urllib.request.BaseHandler] = []
        if self.user:
            mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            mgr.add_password(None, url, self.user, self.password or "")
            handlers += [urllib.request.HTTPBasicAuthHandler(mgr), urllib.request.HTTPDigestAuthHandler(mgr)]
        return urllib.request.build_opener(*handlers)

    def _gsp_request(self, url: str, method: str, graph: str, body: bytes | None) -> int:
        target = f"{url}?{urllib.parse.urlencode({'graph': graph})}"
        req = urllib.request.Request(target, data=body, method=method,
                                     headers={"Content-Type": "application/n-triples"} if body is not None else {})
        try:
            with self._opener(url).open(req, timeout=self.timeout) as resp:
                return int(resp.status)
        except urllib.error.HTTPError as exc:
            return int(exc.code)
        except (urllib.error.URLError, OSError):
            return 0

    def gsp_endpoint(self) -> str | None:
        """The Graph Store Protocol URL that works on this server, or ``None`` (probed once)."""
        if self._gsp is None:
            self._gsp = False
            probe = "urn:x-kg:gsp-probe"
            for cand in self._gsp_candidates:
                if self.read_only:
                    break
                if 200 <= self._gsp_request(cand, "PUT", probe, b"") < 300:
                    self._gsp_request(cand, "DELETE", probe, None)
                    self._gsp = cand
                    break
        return self._gsp or None

    def update(self, text: str) -> None:
        """Run a SPARQL Update on the update endpoint."""
        self._check_writable("update")
        self._run(self.update_endpoint, text, None)

    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> int:
        self._check_writable("write a graph")
        lines = sorted({f"{_nt(s)} {_nt(p)} {_nt(o)} ." for s, p, o in triples})
        gsp = self.gsp_endpoint()
        if gsp:
            status = self._gsp_request(gsp, "PUT", str(graph), ("\n".join(lines) + "\n").encode("utf-8"))
            if 200 <= status < 300:
                return len(lines)
            raise error(RemoteStoreError, "E202", path=gsp, detail=f"Graph Store PUT <{graph}> answered HTTP {status}")
        g = _nt(graph)
        # Blank nodes must arrive in one request, or the server mints new ones per request.
        chunk = len(lines) if any("_:" in ln for ln in lines) else UPDATE_CHUNK
        first = True
        for i in range(0, max(len(lines), 1), max(chunk, 1)):
            part = "\n".join(lines[i:i + chunk])
            head = f"DROP SILENT GRAPH {g} ;\n" if first else ""
            self.update(f"{head}INSERT DATA {{ GRAPH {g} {{\n{part}\n}} }}" if part else head.rstrip(" ;\n"))
            first = False
        return len(lines)

    def remove_graph(self, graph: URIRef) -> None:
        self._check_writable("remove a graph")
        self.update(f"DROP SILENT GRAPH {_nt(graph)}")

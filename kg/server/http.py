"""SPARQL 1.1 Protocol endpoint over the embedded store (read only), on the stdlib HTTP server.

- ``GET /sparql?query=...``; ``POST`` with ``application/x-www-form-urlencoded``
  (``query=...``) or ``application/sparql-query`` bodies. ``/`` and ``/query``
  answer too.
- Content negotiation (``Accept``, or ``?format=json|xml|csv|tsv|ttl|nt``):
  SELECT/ASK as SPARQL JSON (default), XML, CSV or TSV; CONSTRUCT/DESCRIBE as
  Turtle (default), N-Triples, JSON-LD or RDF/XML.
- Updates (``update=`` or ``application/sparql-update``) get ``403 Forbidden``;
  a malformed query ``400 Bad Request``; a query over the time limit
  ``503 Service Unavailable``; a result over the size limit ``500`` with a
  message saying so (never a silently truncated answer).
- CORS is allowed so browser clients (YASGUI) can query a local endpoint.
"""

from __future__ import annotations

import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from kg.query.results import GRAPH_MEDIA_TYPES, MEDIA_TYPES, render, to_graph_text
from kg.server.worker import WorkerPool

PATHS = ("/", "/sparql", "/query")
MAX_BODY = 1 << 20   # 1 MiB of query text is plenty

# Accept media type → our format name (SELECT/ASK and graph results).
_SELECT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv", "text/plain": "tsv",
}
_GRAPH_TYPES = {
    "text/turtle": "ttl", "application/x-turtle": "ttl", "application/turtle": "ttl",
    "application/n-triples": "nt", "text/plain": "nt", "application/ld+json": "jsonld",
    "application/rdf+xml": "xml", "application/xml": "xml",
}
_FORMAT_PARAM = {"json": ("json", "jsonld"), "xml": ("xml", "xml"), "csv": ("csv", "nt"), "tsv": ("tsv", "nt"),
                 "ttl": ("json", "ttl"), "turtle": ("json", "ttl"), "nt": ("csv", "nt"), "jsonld": ("json", "jsonld")}


def negotiate(accept: str, table: dict[str, str], default: str) -> str | None:
    """The format for an ``Accept`` header (q-values honoured); ``None`` if nothing fits."""
    if not accept.strip():
        return default
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        mt, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, i, mt))
    for _, _, mt in sorted(ranked):
        if mt in table:
            return table[mt]
        if mt in ("*/*", "application/*", "text/*"):
            return default
    return None


class SparqlHandler(BaseHTTPRequestHandler):
    server: "SparqlServer"
    protocol_version = "HTTP/1.1"
    server_version = "kg-sparql/1"

    def log_message(self, fmt: str, *args: Any) -> None:  # quiet unless asked
        if self.server.verbose:
            super().log_message(fmt, *args)

    # ---- plumbing --------------------------------------------------------
    def _send(self, status: int, body: str | bytes, ctype: str = "text/plain; charset=utf-8") -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Vary", "Accept")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._send(status, f"{status.value} {status.phrase}: {message}\n")

    def do_OPTIONS(self) -> None:
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Content-Length", "0")
        self.end_headers()

    # ---- requests --------------------------------------------------------
    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path not in PATHS:
            return self._error(HTTPStatus.NOT_FOUND, f"no such path; the endpoint is {PATHS[1]}")
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if "update" in params:
            return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read only: SPARQL Update is refused")
        if "query" not in params:
            return self._send(HTTPStatus.OK, "kg SPARQL endpoint (read only). "
                              "Send ?query=... (GET) or POST a query (SPARQL 1.1 Protocol).\n")
        self._answer(params)

    do_HEAD = do_GET

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path not in PATHS:
            return self._error(HTTPStatus.NOT_FOUND, f"no such path; the endpoint is {PATHS[1]}")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            return self._error(HTTPStatus.BAD_REQUEST, "bad Content-Length")
        if length > MAX_BODY:
            return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {MAX_BODY} bytes")
        body = self.rfile.read(length)
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/sparql-update":
            return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read only: SPARQL Update is refused")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return self._error(HTTPStatus.BAD_REQUEST, "request body is not UTF-8")
        if ctype == "application/sparql-query":
            params["query"] = [text]
        elif ctype == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(text, keep_blank_values=True)
            if "update" in form:
                return self._error(HTTPStatus.FORBIDDEN, "this endpoint is read only: SPARQL Update is refused")
            for k, v in form.items():
                params.setdefault(k, []).extend(v)
        else:
            return self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                               "POST application/x-www-form-urlencoded or application/sparql-query")
        if "query" not in params:
            return self._error(HTTPStatus.BAD_REQUEST, "missing 'query' parameter")
        self._answer(params)

    def _answer(self, params: dict[str, list[str]]) -> None:
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return self._error(HTTPStatus.BAD_REQUEST, "exactly one non-empty 'query' is required")
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            return self._error(HTTPStatus.BAD_REQUEST, "default-graph-uri/named-graph-uri are not supported; "
                               "the default graph is the union of all graphs, use GRAPH for one")
        out = self.server.pool.run(queries[0])
        if out.status == "syntax":
            return self._error(HTTPStatus.BAD_REQUEST, f"malformed query: {out.message}")
        if out.status == "timeout":
            return self._error(HTTPStatus.SERVICE_UNAVAILABLE, out.message)
        if out.status != "ok":
            return self._error(HTTPStatus.INTERNAL_SERVER_ERROR, out.message)
        result = out.result
        forced = (params.get("format") or [""])[0].lower()
        accept = self.headers.get("Accept") or ""
        if result.kind == "graph":
            fmt = _FORMAT_PARAM[forced][1] if forced in _FORMAT_PARAM else negotiate(accept, _GRAPH_TYPES, "ttl")
            if fmt is None:
                return self._error(HTTPStatus.NOT_ACCEPTABLE, f"graph results come as {', '.join(_GRAPH_TYPES)}")
            return self._send(HTTPStatus.OK, to_graph_text(result, fmt), GRAPH_MEDIA_TYPES[fmt])
        fmt = _FORMAT_PARAM[forced][0] if forced in _FORMAT_PARAM else negotiate(accept, _SELECT_TYPES, "json")
        if fmt is None:
            return self._error(HTTPStatus.NOT_ACCEPTABLE, f"results come as {', '.join(_SELECT_TYPES)}")
        if result.kind == "ask" and fmt in ("csv", "tsv"):
            fmt = "json"
        self._send(HTTPStatus.OK, render(result, fmt), MEDIA_TYPES[fmt])


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, addr: tuple[str, int], pool: WorkerPool, verbose: bool = False) -> None:
        super().__init__(addr, SparqlHandler)
        self.pool = pool
        self.verbose = verbose

"""Result formats: a readable table for people, and the W3C formats for tools.

- SELECT/ASK: ``table``, ``csv`` and ``tsv`` (SPARQL 1.1 CSV/TSV), ``json``
  (SPARQL 1.1 Query Results JSON) and ``xml`` (SPARQL Query Results XML).
- CONSTRUCT/DESCRIBE: Turtle for ``table``, N-Triples for ``csv``/``tsv``/``nt``,
  JSON-LD for ``json``, RDF/XML for ``xml``.

The same functions serve ``kg query`` and ``kg serve``.

>>> from rdflib import URIRef, Literal
>>> r = QueryResult.select(["a", "n"], [{"a": URIRef("https://w3id.org/kg-conflict/id/x"), "n": Literal(2)}])
>>> print(to_csv(r), end="")
a,n\r
https://w3id.org/kg-conflict/id/x,2\r
>>> print(to_table(r))
a     n
----  -
id:x  2
<BLANKLINE>
(1 row)
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from urllib.parse import unquote
from typing import Callable
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.query.params import PREFIXES
from kg.store.base import QueryResult

FORMATS: tuple[str, ...] = ("table", "csv", "tsv", "json", "xml")

#: Media types of each result format (SELECT/ASK; graph results differ).
MEDIA_TYPES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "table": "text/plain; charset=utf-8",
}
GRAPH_MEDIA_TYPES: dict[str, str] = {
    "ttl": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "xml": "application/rdf+xml",
}
_XSD_STRING = str(XSD.string)
_MAX_CELL = 80


def compact(iri: str) -> str:
    """``https://w3id.org/kg-conflict/id/x`` → ``id:x`` (for tables only)."""
    best = ""
    for pfx, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(best):
            best, name = ns, pfx
    # Percent-encoded Arabic reads as Arabic in a table (display only; csv/json keep the IRI).
    return f"{name}:{unquote(iri[len(best):])}" if best else f"<{iri}>"


def _cell(t: Node | None) -> str:
    if t is None:
        return ""
    if isinstance(t, URIRef):
        return compact(str(t))
    if isinstance(t, BNode):
        return f"_:{t}"
    s = " ".join(str(t).split())
    return s if len(s) <= _MAX_CELL else s[: _MAX_CELL - 1] + "…"


def _width(s: str) -> int:
    # Combining marks (Arabic diacritics) take no column.
    return sum(0 if unicodedata.combining(c) else (2 if unicodedata.east_asian_width(c) in "WF" else 1) for c in s)


def to_table(r: QueryResult) -> str:
    """Aligned columns, IRIs compacted, long cells cut; ends with the row count."""
    if r.kind == "ask":
        return "yes" if r.boolean else "no"
    if r.kind == "graph":
        return to_graph_text(r, "ttl")
    cells = [[_cell(row.get(v)) for v in r.vars] for row in r.terms]
    widths = [max([_width(v)] + [_width(row[i]) for row in cells]) for i, v in enumerate(r.vars)]
    widths = [max(w, 1) for w in widths]

    def line(vals: list[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(vals, widths)).rstrip()

    out = [line(list(r.vars)), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in cells]
    n = len(cells)
    out += ["", f"({n} row{'s' if n != 1 else ''})"]
    return "\n".join(out)


def to_csv(r: QueryResult, delimiter: str = ",") -> str:
    """SPARQL 1.1 CSV: plain values, RFC 4180 quoting, CRLF line ends."""
    if r.kind == "ask":
        return f"_askResult\r\n{'true' if r.boolean else 'false'}\r\n"
    if r.kind == "graph":
        return to_graph_text(r, "nt")
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerow(r.vars)
    for row in r.terms:
        w.writerow(["" if row.get(v) is None else (f"_:{row[v]}" if isinstance(row[v], BNode) else str(row[v]))
                    for v in r.vars])
    return buf.getvalue()


def _nt_term(t: Node) -> str:
    if isinstance(t, Literal) and t.datatype is not None and str(t.datatype) == _XSD_STRING:
        t = Literal(str(t))
    return t.n3()


def to_tsv(r: QueryResult) -> str:
    """SPARQL 1.1 TSV: terms in Turtle/N-Triples syntax, ``?var`` header."""
    if r.kind != "select":
        return to_csv(r)
    lines = ["\t".join(f"?{v}" for v in r.vars)]
    for row in r.terms:
        lines.append("\t".join("" if row.get(v) is None else _nt_term(row[v]) for v in r.vars))
    return "\n".join(lines) + "\n"


def _json_term(t: Node) -> dict[str, str]:
    if isinstance(t, URIRef):
        return {"type": "uri", "value": str(t)}
    if isinstance(t, BNode):
        return {"type": "bnode", "value": str(t)}
    assert isinstance(t, Literal)
    d = {"type": "literal", "value": str(t)}
    if t.language:
        d["xml:lang"] = t.language
    elif t.datatype is not None and str(t.datatype) != _XSD_STRING:
        d["datatype"] = str(t.datatype)
    return d


def to_json(r: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON (graph results: JSON-LD)."""
    if r.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(r.boolean)})
    if r.kind == "graph":
        return to_graph_text(r, "jsonld")
    bindings = [{v: _json_term(t) for v, t in row.items() if t is not None} for row in r.terms]
    return json.dumps({"head": {"vars": r.vars}, "results": {"bindings": bindings}}, ensure_ascii=False)


def _xml_term(t: Node) -> str:
    if isinstance(t, URIRef):
        return f"<uri>{escape(str(t))}</uri>"
    if isinstance(t, BNode):
        return f"<bnode>{escape(str(t))}</bnode>"
    assert isinstance(t, Literal)
    attr = ""
    if t.language:
        attr = f" xml:lang={quoteattr(t.language)}"
    elif t.datatype is not None and str(t.datatype) != _XSD_STRING:
        attr = f" datatype={quoteattr(str(t.datatype))}"
    return f"<literal{attr}>{escape(str(t))}</literal>"


def to_xml(r: QueryResult) -> str:
    """SPARQL Query Results XML (graph results: RDF/XML)."""
    if r.kind == "graph":
        return to_graph_text(r, "xml")
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in r.vars]
    out.append("</head>")
    if r.kind == "ask":
        out.append(f"<boolean>{'true' if r.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in r.terms:
            out.append("<result>" + "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                                             for v, t in row.items() if t is not None) + "</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def to_graph_text(r: QueryResult, fmt: str) -> str:
    """CONSTRUCT/DESCRIBE triples as Turtle (``ttl``), N-Triples (``nt``), JSON-LD or RDF/XML."""
    g = Graph()
    for pfx, ns in PREFIXES.items():
        g.bind(pfx, ns)
    for t in r.triples:
        g.add(t)
    name = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml"}[fmt]
    return g.serialize(format=name)


_FORMATTERS: dict[str, Callable[[QueryResult], str]] = {
    "table": to_table, "csv": to_csv, "tsv": to_tsv, "json": to_json, "xml": to_xml,
}


def render(r: QueryResult, fmt: str) -> str:
    """Format ``r`` as ``fmt`` (one of :data:`FORMATS`)."""
    return _FORMATTERS[fmt](r)

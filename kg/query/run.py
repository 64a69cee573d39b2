"""Run a named or literal query with ``NAME=VALUE`` parameters against any store.

Parameters become RDF terms in a VALUES block (:func:`kg.store.base.values_clause`,
every term escaped), never query text. By default the block opens the query's
WHERE group (:func:`kg.store.base.bind_values`). A query may instead mark the
spot with a comment line ``# @values`` inside an inner group: engines evaluate
a ``GRAPH ?g { ... }`` group on its own, so parameters placed inside it
drive its index lookups instead of filtering its whole result afterwards.

Lines between ``# @if NAME`` and ``# @end`` are kept only when the parameter
NAME is given: a pattern that selects by an optional parameter would, left
unbound, read every row it could match. The marks are comments, so a library
file stays a valid query (and gives the same answers) when run as it is.
"""

from __future__ import annotations

import re
from typing import Mapping

from kg.errors import QueryError
from kg.query.library import NamedQuery, load_query
from kg.query.params import bind_params
from kg.store.base import Binding, QueryResult, Store, values_clause

_SPACE = re.compile(r"\s+")
_POS = re.compile(r"(error at )(\d+):")
#: Longest error detail shown (parser messages quote the query and point at columns).
MAX_DETAIL = 200
_MARK = re.compile(r"^([ \t]*)#[ \t]*@values[ \t]*$", re.MULTILINE)
_IF = re.compile(r"^[ \t]*#[ \t]*@if[ \t]+(\w+)[ \t]*\n(.*?)^[ \t]*#[ \t]*@end[ \t]*$\n?", re.MULTILINE | re.DOTALL)


def keep_blocks(sparql: str, given: set[str] | Mapping[str, object]) -> str:
    """The query without its ``# @if NAME`` ... ``# @end`` blocks whose parameter is not given.

    >>> print(keep_blocks("A\\n# @if x\\nB\\n# @end\\nC", set()), end="")
    A
    C
    >>> print(keep_blocks("A\\n# @if x\\nB\\n# @end\\nC", {"x"}), end="")
    A
    B
    C
    """
    return _IF.sub(lambda m: m.group(2) if m.group(1) in given else "", sparql)


def inject(sparql: str, bindings: Mapping[str, Binding]) -> str | None:
    """The query with the VALUES block at each ``# @values`` mark, or ``None`` when it has no mark.

    Several marks serve queries whose parameters are needed in separate
    scopes (a sub-select and the query around it).
    """
    if _MARK.search(sparql) is None:
        return None
    block = values_clause(bindings) if bindings else ""
    return _MARK.sub(lambda m: f"{m.group(1)}{block}", sparql)


def one_line(text: str, limit: int = MAX_DETAIL) -> str:
    """``text`` with its whitespace collapsed, cut to ``limit`` characters.

    >>> one_line("error at 1:5\\n  SELECT ?\\n      ^", 20)
    'error at 1:5 SELECT…'
    """
    flat = _SPACE.sub(" ", text).strip()
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _label(q: NamedQuery) -> str:
    return str(q.path) if q.path is not None else ("inline query" if q.name == "<inline>" else q.name)


def run_query(store: Store, query: str | NamedQuery, params: Mapping[str, str] | None = None) -> QueryResult:
    """Resolve ``query``, check and type ``params`` against its header, and run it.

    A failure of the query itself (syntax, evaluation) becomes a one-line
    :class:`~kg.errors.QueryError` naming the query.
    """
    q = query if isinstance(query, NamedQuery) else load_query(query)
    bindings = bind_params(q.params, params or {}, strict=bool(q.params))
    text = keep_blocks(q.text, bindings)
    marked = inject(text, bindings)
    try:
        if marked is not None:
            return store.query(marked)
        return store.query(text, bindings)
    except QueryError as exc:
        if type(exc) is not QueryError:  # timeouts, not-found: already one precise line
            raise
        detail = exc.message.removeprefix("query failed: ")
        if q.added_lines:  # report positions in the text the user wrote, not with our PREFIX lines
            detail = _POS.sub(lambda m: f"{m.group(1)}{int(m.group(2)) - q.added_lines}:", detail, count=1)
        raise QueryError(f"query {_label(q)} failed: {one_line(detail)}") from None

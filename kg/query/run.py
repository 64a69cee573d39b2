"""Run a named or literal query with ``NAME=VALUE`` parameters against any store."""

from __future__ import annotations

from typing import Mapping

from kg.query.library import NamedQuery, load_query
from kg.query.params import bind_params
from kg.store.base import QueryResult, Store


def run_query(store: Store, query: str | NamedQuery, params: Mapping[str, str] | None = None) -> QueryResult:
    """Resolve ``query``, check and type ``params`` against its header, and run it.

    Parameters reach the store as RDF terms (bound through VALUES by the
    store), never as query text.
    """
    q = query if isinstance(query, NamedQuery) else load_query(query)
    bindings = bind_params(q.params, params or {}, strict=bool(q.params))
    return store.query(q.text, bindings)

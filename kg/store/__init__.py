"""Triple stores behind one API (:class:`kg.store.base.Store`).

- :class:`kg.store.oxigraph.OxigraphStore`: the embedded default (pyoxigraph, on disk).
- ``kg.store.remote.SparqlStore``: any SPARQL 1.1 endpoint (SPARQLWrapper).

``open_store`` picks the backend from a path or URL.
"""

from __future__ import annotations

from pathlib import Path

from kg.store.base import QueryResult, RdfFormat, Store, as_term, bind_values, values_clause

__all__ = ["QueryResult", "RdfFormat", "Store", "as_term", "bind_values", "values_clause", "open_store"]


def open_store(location: str | Path, read_only: bool = True, create: bool = False) -> Store:
    """Open the embedded store at a path, or a remote endpoint for an http(s) URL."""
    loc = str(location)
    if loc.startswith(("http://", "https://")):
        from kg.store.remote import SparqlStore  # written against Store; imported lazily

        return SparqlStore(loc, read_only=read_only)  # type: ignore[call-arg]
    from kg.store.oxigraph import OxigraphStore

    return OxigraphStore(loc, read_only=read_only, create=create)

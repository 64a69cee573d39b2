"""``kg push``: copy the embedded store to a remote SPARQL store, graph by graph.

Named graphs are kept: each document's graph (and the summary graph) is
replaced on the server by the local one, through the Graph Store HTTP
Protocol when the server has it, SPARQL Update otherwise. Pushing twice
gives the same remote content (graphs are replaced, not appended).
With ``into=IRI`` every triple goes into that one graph instead.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

from rdflib import URIRef

from kg.store.base import Store
from kg.store.remote import SparqlStore


@dataclass
class PushReport:
    graphs: int
    triples: int
    seconds: float
    method: str            # "graph-store-protocol" or "sparql-update"


def push(local: Store, remote: SparqlStore, into: str | None = None,
         progress: Callable[[int, int], None] | None = None) -> PushReport:
    """Replace on ``remote`` every named graph of ``local`` (or merge all into ``into``)."""
    t0 = time.perf_counter()
    method = "graph-store-protocol" if remote.gsp_endpoint() else "sparql-update"
    if into is not None:
        target = URIRef(into)
        n = remote.replace_graph(target, ((s, p, o) for s, p, o, _ in local.quads()))
        return PushReport(1, n, time.perf_counter() - t0, method)
    graphs = local.graphs()
    total = 0
    for i, g in enumerate(graphs, 1):
        total += remote.replace_graph(g, ((s, p, o) for s, p, o, _ in local.quads(g)))
        if progress:
            progress(i, len(graphs))
    return PushReport(len(graphs), total, time.perf_counter() - t0, method)

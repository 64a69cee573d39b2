"""GraphML and GEXF export of the actor graph (for Gephi, Cytoscape, yEd)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.errors import UsageError


def _target(path: Path) -> Path:
    path = Path(path)
    if path.is_dir():
        raise UsageError(f"{path}: is a directory, expected a file name")
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def write_graphml(g: nx.DiGraph, path: Path) -> Path:
    path = _target(path)
    nx.write_graphml(g, path, encoding="utf-8", prettyprint=True)
    return path


def write_gexf(g: nx.DiGraph, path: Path) -> Path:
    """GEXF 1.2; node ``label`` is the English (or Arabic) name, so Gephi shows it."""
    path = _target(path)
    nx.write_gexf(g, path, encoding="utf-8", prettyprint=True, version="1.2draft")
    return path

"""``kg export``: write a store as Turtle, N-Triples, TriG, JSON-LD or N-Quads.

TriG, N-Quads and JSON-LD keep one named graph per document (plus the
summary and ontology graphs); Turtle and N-Triples write the union graph.

>>> RdfFormat.from_name("trig").supports_datasets
True
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph

from kg.errors import UsageError
from kg.store.base import RdfFormat
from kg.store.oxigraph import OxigraphStore

EXPORT_FORMATS = ("ttl", "nt", "trig", "jsonld", "nq")


@dataclass
class ExportResult:
    path: Path
    format: RdfFormat
    quads: int
    bytes: int


def parse_format(name: str) -> RdfFormat:
    try:
        return RdfFormat.from_name(name)
    except ValueError:
        raise UsageError(f"--format {name!r}: expected one of {', '.join(EXPORT_FORMATS)}") from None


def export_store(store_dir: str | Path, fmt: str | RdfFormat, out: str | Path) -> ExportResult:
    """Export the store at ``store_dir`` (opened read-only; E200 if missing) to ``out``."""
    f = parse_format(fmt) if isinstance(fmt, str) else fmt
    out = Path(out)
    if out.parent and not out.parent.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
    with OxigraphStore(store_dir, read_only=True, create=False) as store:
        tmp = out.with_name(f".{out.stem}.tmp{out.suffix}")
        store.export(f, tmp)
        os.replace(tmp, out)  # never leave a half-written export under the real name
        n = store.triple_count()
    return ExportResult(out, f, n, out.stat().st_size)


def load_export(path: str | Path, fmt: str | RdfFormat) -> Graph | Dataset:
    """Parse an exported file back with rdflib (a Dataset for dataset formats)."""
    f = parse_format(fmt) if isinstance(fmt, str) else fmt
    if f.supports_datasets:
        ds = Dataset()
        ds.parse(str(path), format=f.rdflib_name)
        return ds
    return Graph().parse(str(path), format=f.rdflib_name)

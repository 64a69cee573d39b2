"""`kg export`: write the store as Turtle, N-Triples, TriG (a graph per document) or JSON-LD."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.application import app
from kg.export import EXPORT_FORMATS, export_store


@app.command("export")
def export_command(
    store: Path = typer.Option(..., "--store", help="Store directory (DIR/store from kg build, or DIR itself)."),
    fmt: str = typer.Option("ttl", "--format", help=f"One of: {', '.join(EXPORT_FORMATS)}."),
    out: Path = typer.Option(..., "--out", help="File to write."),
) -> None:
    """Export every graph of the store to one file."""
    res = export_store(store, fmt, out)
    typer.echo(f"wrote {res.path}: {res.quads} quads as {res.format.value}, {res.bytes // 1024} KiB")

"""`kg validate`: check a store against the SHACL shapes (ontology/shapes.ttl)."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.application import app
from kg.store.oxigraph import OxigraphStore
from kg.validate import validate_store


@app.command("validate")
def validate_command(
    store: Path = typer.Option(..., "--store", help="Store directory (DIR/store from kg build, or DIR itself)."),
    shapes: Path | None = typer.Option(None, "--shapes", help="SHACL shapes file (default: ontology/shapes.ttl)."),
    examples: int = typer.Option(3, "--examples", help="Example nodes shown per kind of violation."),
) -> None:
    """Validate the graph with SHACL; exit 1 when it does not conform."""
    with OxigraphStore(store, read_only=True, create=False) as st:
        report = validate_store(st, shapes)
    typer.echo(report.text(examples))
    if not report.conforms:
        raise typer.Exit(1)

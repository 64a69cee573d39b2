"""The bare typer application that every command module registers on."""

from __future__ import annotations

import typer

from kg.errors import KgError

app = typer.Typer(
    name="kg",
    help="Build an RDF knowledge graph of conflict news (Arabic and English).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(exc: KgError) -> None:
    """Print a KgError as one line on stderr and exit 1."""
    typer.echo(f"kg: {exc}", err=True)
    raise typer.Exit(1)


@app.callback()
def _group() -> None:
    """Build an RDF knowledge graph of conflict news (Arabic and English)."""
    # A callback keeps `kg` a command group even when main() loads a single command.

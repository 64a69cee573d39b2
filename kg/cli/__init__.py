"""Command-line interface: thin typer commands over library functions.

Each command lives in its own module and registers itself on ``app``.
Errors derived from ``KgError`` are printed as one line, never a traceback.
"""

from __future__ import annotations

import sys

import typer

from kg.errors import KgError

app = typer.Typer(
    name="kg",
    help="Build an RDF knowledge graph of conflict news (Arabic and English).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Command modules register on `app` when imported.
from kg.cli import (  # noqa: E402,F401
    build_cmd,
    eval_cmd,
    export_cmd,
    extract_cmd,
    kb_cmd,
    models_cmd,
    network_cmd,
    push_cmd,
    query_cmd,
    serve_cmd,
    train_ner_cmd,
    validate_cmd,
    viz_cmd,
)


def fail(exc: KgError) -> None:
    """Print a KgError as one line on stderr and exit 1."""
    typer.echo(f"kg: {exc}", err=True)
    raise typer.Exit(1)


def main() -> None:
    try:
        app()
    except KgError as exc:
        typer.echo(f"kg: {exc}", err=True)
        sys.exit(1)

"""`kg build`: articles → embedded store, graph.ttl, extraction.jsonl, network.html."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from kg.build import build
from kg.cli.application import app
from kg.errors import KgError

#: Inputs with at least this many documents get a progress bar (on a terminal).
PROGRESS_MIN = 5


@app.command("build")
def build_command(
    paths: list[Path] = typer.Argument(..., help=".txt/.md files, directories (recursive) and .jsonl files."),
    out: Path = typer.Option(..., "--out", help="Output directory: store/, graph.ttl, extraction.jsonl, network.html."),
    lang: str = typer.Option("auto", "--lang", help="auto (by Arabic letter ratio), ar or en."),
    date: str | None = typer.Option(None, "--date", help="Publication date YYYY-MM-DD for documents without one."),
    nlp: str = typer.Option("default", "--nlp", help="Extractor: default (offline rules + CRF) or stanza."),
    network: bool = typer.Option(True, "--network/--no-network", help="Write network.html."),
) -> None:
    """Build (or update) the knowledge graph from articles. Unchanged documents are skipped."""
    console = Console(stderr=True)
    errors: list[KgError] = []

    def on_error(exc: KgError) -> None:
        errors.append(exc)
        console.print(f"kg: {exc}", markup=False, highlight=False, soft_wrap=True)

    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=True,
                  disable=not console.is_terminal) as bar:
        task = bar.add_task("building", total=None, visible=False)

        def progress(done: int, total: int, doc_id: str) -> None:
            if total >= PROGRESS_MIN:
                bar.update(task, completed=done, total=total, visible=True, description=doc_id[:30] or "building")

        summary = build(paths, out, lang=lang, date=date, nlp=nlp, progress=progress, on_error=on_error,
                        network=network)
    for exc in summary.errors:
        if exc not in errors:  # output-stage errors (e.g. network.html)
            console.print(f"kg: {exc}", markup=False, highlight=False, soft_wrap=True)
    typer.echo(f"built {out}: {summary.line()}")
    if summary.errors:
        raise typer.Exit(1)

"""`kg eval`: score the extractor against gold annotations."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.application import app
from kg.errors import UsageError, error
from kg.eval.report import as_json, table
from kg.eval.run import evaluate, pipeline_extractor, prediction_extractor


@app.command("eval")
def eval_command(
    gold: Path = typer.Argument(..., help="Gold JSON file, or a directory of them."),
    article: Path = typer.Argument(..., help="Article file, or a directory (paired with gold files by stem)."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
    nlp: str = typer.Option("default", "--nlp", help="Extractor pipeline: default or stanza."),
    details: bool = typer.Option(False, "--details", help="List false positives/negatives per article."),
    pred: Path | None = typer.Option(None, "--pred", help="Score saved `kg extract` JSON/JSONL output instead of running the extractor."),
) -> None:
    """Score extraction against gold: entity, event and relation precision, recall and F1."""
    if fmt not in ("table", "json"):
        raise error(UsageError, "E700", detail=f"--format must be table or json, not {fmt!r}")
    extractor = prediction_extractor(pred) if pred is not None else pipeline_extractor(nlp)
    run = evaluate(gold, article, extractor)
    for exc in run.errors:
        typer.echo(f"kg: {exc}", err=True)
    for name in run.unpaired:
        typer.echo(f"kg: warning: {name} has no gold/article partner; skipped", err=True)
    typer.echo(as_json(run, details) if fmt == "json" else table(run, details))
    if run.errors:
        raise typer.Exit(1)

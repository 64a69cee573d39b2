"""`kg train-ner`: train the Arabic CRF NER model on a CoNLL corpus (ANERcorp)."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.application import app
from kg.ner.evaluate import table
from kg.ner.train import train_ner


@app.command("train-ner")
def train_ner_command(
    data: Path = typer.Option(..., "--data", help="CoNLL corpus: token<TAB>BIO-tag, blank line between sentences."),
    out: Path = typer.Option(..., "--out", help="Model file to write (NAME.crfsuite; NAME.gaz.tsv and NAME.json go beside it)."),
    seed: int = typer.Option(13, "--seed", help="Seed of the sentence split."),
    holdout: float = typer.Option(0.1, "--holdout", help="Fraction of sentences held out for evaluation."),
    gazetteer: Path | None = typer.Option(None, "--gazetteer", help="Gazetteer word list (.tsv) or ANERGazet folder; default: ANERGazet files next to --data, if any."),
) -> None:
    """Train the NER CRF, print entity-level scores on the held-out sentences, write the model."""
    report = train_ner(data, out, seed=seed, holdout=holdout, gazetteer=gazetteer,
                       log=lambda s: typer.echo(s))
    typer.echo(f"trained in {report.seconds:.1f}s; model {report.model_bytes / 1e6:.2f} MB -> {out}")
    typer.echo("held-out scores (entity level, exact span), all spans:")
    typer.echo(table(report.scores))
    typer.echo(f"spans with score >= {report.threshold:.2f} (threshold chosen on held-out, max F0.5):")
    typer.echo(table(report.filtered))

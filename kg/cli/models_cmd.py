"""`kg models`: fetch the stanza models (online machines), show where they are looked for,
and which C accelerators and compiled rule modules (kg/_native) are in use."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.application import app
from kg.nlp.models import LANGS, download, has_models, model_dir

models_app = typer.Typer(help="stanza models for `--nlp stanza` (optional extra kg\\[stanza]).",
                         no_args_is_help=True)
app.add_typer(models_app, name="models")

_DIR_HELP = "Model directory (default: $KG_STANZA_DIR, else $STANZA_RESOURCES_DIR, else ~/stanza_resources)."


@models_app.command("download")
def download_command(
    langs: list[str] = typer.Argument(..., help="Languages: ar, en."),
    directory: Path | None = typer.Option(None, "--dir", help=_DIR_HELP),
) -> None:
    """Download the official stanza models (default package: tokenize, mwt, pos, lemma, depparse, ner...). Needs the network."""
    target = model_dir(directory)
    for path in download(langs, target):
        typer.echo(f"stanza models ready: {path}")


@models_app.command("status")
def status_command(
    directory: Path | None = typer.Option(None, "--dir", help=_DIR_HELP),
) -> None:
    """Say, per language, whether stanza models are present in the model directory, and which native code is in use."""
    from kg._native import status, use_compiled_rules

    target = model_dir(directory)
    for lang in LANGS:
        state = "present" if has_models(lang, target) else f"missing (run: kg models download {lang})"
        typer.echo(f"{lang}\t{state}\t{target}")
    for name, built in status().items():
        typer.echo(f"native {name}\t{'C' if built else 'pure Python (not built, or KG_PURE_PYTHON set)'}")
    typer.echo(f"rules\t{use_compiled_rules()}")  # the mypyc-compiled rule modules

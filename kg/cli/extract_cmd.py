"""`kg extract`: print the extraction contract (JSON, JSONL or Turtle) without a store."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from kg.build import extract_paths
from kg.cli.application import app
from kg.errors import KgError, UsageError
from kg.model import Extraction
from kg.rdf.mapping import extraction_triples, to_graph

FORMATS = ("json", "jsonl", "ttl")


@app.command("extract")
def extract_command(
    path: Path = typer.Argument(..., help="A .txt/.md article, a directory, or a .jsonl file (one article per line)."),
    lang: str = typer.Option("auto", "--lang", help="auto, ar or en."),
    date: str | None = typer.Option(None, "--date", help="Publication date YYYY-MM-DD for documents without one."),
    fmt: str | None = typer.Option(None, "--format",
                                   help="json (default for one article), jsonl (default for JSONL and directories) or ttl."),
    nlp: str = typer.Option("default", "--nlp", help="Extractor: default or stanza."),
) -> None:
    """Extract entities, events and relations and print them (the extraction contract)."""
    many = path.is_dir() or path.suffix.lower() == ".jsonl"
    fmt = fmt or ("jsonl" if many else "json")
    if fmt not in FORMATS:
        raise UsageError(f"--format {fmt!r}: expected one of {', '.join(FORMATS)}")
    failed = False
    done: list[Extraction] = []
    for item in extract_paths([path], lang=lang, date=date, nlp=nlp):
        if isinstance(item, KgError):
            failed = True
            typer.echo(f"kg: {item}", err=True)
            continue
        if fmt == "jsonl":  # streamed: one line per input document, in order
            typer.echo(json.dumps(item.to_dict(), ensure_ascii=False))
        else:
            done.append(item)
    if fmt == "json" and done:
        obj = done[0].to_dict() if len(done) == 1 and not many else [e.to_dict() for e in done]
        typer.echo(json.dumps(obj, ensure_ascii=False, indent=2))
    elif fmt == "ttl" and done:
        triples = set().union(*(extraction_triples(e) for e in done))
        typer.echo(to_graph(triples).serialize(format="turtle"))
    if failed:
        raise typer.Exit(1)

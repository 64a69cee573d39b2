"""`kg kb`: inspect the knowledge base and enrich it from a Wikidata-style endpoint."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.application import app
from kg.errors import UsageError

kb_app = typer.Typer(help="The knowledge base (ontology/kb.jsonl plus KG_KB_PATH files).", no_args_is_help=True)
app.add_typer(kb_app, name="kb")


@kb_app.command("import")
def kb_import(
    endpoint: str = typer.Option(..., "--endpoint", help="SPARQL endpoint with Wikidata-shaped data "
                                 "(rdfs:label, skos:altLabel on wd: items), e.g. https://query.wikidata.org/sparql."),
    kb: Path = typer.Option(None, "--kb", help="KB file to enrich (default: the shipped ontology/kb.jsonl)."),
    out: Path = typer.Option(None, "--out", help="Write the enriched KB here instead of in place."),
    lang: list[str] = typer.Option(["ar", "en"], "--lang", help="Label languages to import (repeatable)."),
    batch: int = typer.Option(50, "--batch", min=1, max=500, help="Wikidata ids per VALUES query."),
    timeout: float = typer.Option(60.0, "--timeout", help="Seconds per query."),
) -> None:
    """Add Arabic and English labels and aliases to entries that have a Wikidata id."""
    from kg.kb import clear_cache
    from kg.kb.wikidata import import_labels
    from kg.resources import ontology_dir

    path = kb or ontology_dir() / "kb.jsonl"
    report = import_labels(path, endpoint, out=out, langs=tuple(lang), batch=batch, timeout=timeout)
    clear_cache()
    typer.echo(f"{report.summary()}; wrote {out or path}")


@kb_app.command("show")
def kb_show(key: str = typer.Argument(..., help="Entry key (ARM, NATO, Q7747...) or a Wikidata id.")) -> None:
    """Print one entry as JSON."""
    import json

    from kg.kb import load_kb

    kb = load_kb()
    entry = kb.get(key) or kb.by_wikidata(key) or kb.country_by_iso3(key)
    if entry is None:
        raise UsageError(f"no KB entry with key or Wikidata id {key!r}")
    typer.echo(json.dumps(entry.to_dict(), ensure_ascii=False))


@kb_app.command("stats")
def kb_stats() -> None:
    """Count entries by type and surface forms by language."""
    from collections import Counter

    from kg.kb import load_kb

    kb = load_kb()
    for type_, n in sorted(Counter(e.type for e in kb).items()):
        typer.echo(f"{type_:16} {n}")
    typer.echo(f"{'with wikidata':16} {sum(1 for e in kb if e.wikidata)}")
    for lang in ("ar", "en"):
        typer.echo(f"{'forms ' + lang:16} {sum(1 for _ in kb.surface_forms(lang))}")
    typer.echo("files: " + ", ".join(str(p) for p in kb.paths))

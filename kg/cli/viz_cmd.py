"""`kg viz`: write the offline actor-network page (network, filters, timeline)."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.application import app
from kg.viz.filters import Filters, apply_filters
from kg.viz.model import load_network
from kg.viz.page import PHYSICS_LIMIT, render_network_html
from kg.viz.source import open_source


@app.command("viz")
def viz_command(
    out: Path = typer.Option(..., "--out", help="HTML file to write."),
    store: Path | None = typer.Option(None, "--store", help="Embedded store directory (from kg build)."),
    endpoint: str | None = typer.Option(None, "--endpoint", help="SPARQL endpoint URL instead of --store."),
    lang: str = typer.Option("both", "--lang", help="Label language shown first: ar, en or both."),
    date_from: str | None = typer.Option(None, "--from", help="Keep events on or after YYYY-MM-DD."),
    date_to: str | None = typer.Option(None, "--to", help="Keep events on or before YYYY-MM-DD."),
    event_type: list[str] = typer.Option([], "--type", help="PLOVER event type(s) to keep (repeat or comma-separate)."),
    actor_type: list[str] = typer.Option([], "--actor-type", help="Actor type(s) to keep, e.g. Person,Country."),
    min_weight: int = typer.Option(1, "--min-weight", help="Minimum events on an edge."),
    focus: str | None = typer.Option(None, "--focus", help="Only this actor (IRI or label) and its neighbours."),
    hops: int = typer.Option(1, "--hops", help="Neighbourhood radius around --focus."),
    title: str = typer.Option("kg actor network", "--title", help="Page title."),
    physics_limit: int = typer.Option(PHYSICS_LIMIT, "--physics-limit",
                                      help="Above this many actors, lay out in Python and turn physics off."),
) -> None:
    """Write an actor-network page that opens offline (no CDN, every asset inline)."""
    filters = Filters.build(date_from=date_from, date_to=date_to, event_types=event_type,
                            actor_types=actor_type, min_weight=min_weight, focus=focus, hops=hops)
    source = open_source(store, endpoint)
    try:
        model = apply_filters(load_network(source), filters)
    finally:
        source.close()
    path = render_network_html(model, out, filters=filters, lang=lang, title=title, physics_limit=physics_limit)
    layout = "physics" if len(model.active_actors()) <= physics_limit else "precomputed layout, physics off"
    typer.echo(f"wrote {path}: {len(model.active_actors())} actors, {len(model.dyads())} dyads, "
               f"{len(model.events)} events ({layout}), {path.stat().st_size // 1024} KiB")

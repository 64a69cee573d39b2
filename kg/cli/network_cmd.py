"""`kg network`: centralities, communities and dyad scores; GraphML/GEXF export."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.application import app
from kg.errors import UsageError
from kg.network.analytics import actor_graph, analyse, format_report
from kg.network.export import write_gexf, write_graphml
from kg.viz.filters import Filters, apply_filters
from kg.viz.model import load_network
from kg.viz.source import open_source


@app.command("network")
def network_command(
    store: Path | None = typer.Option(None, "--store", help="Embedded store directory (from kg build)."),
    endpoint: str | None = typer.Option(None, "--endpoint", help="SPARQL endpoint URL instead of --store."),
    top: int = typer.Option(10, "--top", help="How many actors, communities and dyads to list."),
    graphml: Path | None = typer.Option(None, "--graphml", help="Also write the actor graph as GraphML."),
    gexf: Path | None = typer.Option(None, "--gexf", help="Also write the actor graph as GEXF (Gephi)."),
    date_from: str | None = typer.Option(None, "--from", help="Keep events on or after YYYY-MM-DD."),
    date_to: str | None = typer.Option(None, "--to", help="Keep events on or before YYYY-MM-DD."),
    event_type: list[str] = typer.Option([], "--type", help="PLOVER event type(s) to keep."),
    seed: int = typer.Option(42, "--seed", help="Seed for Louvain (and sampled betweenness)."),
) -> None:
    """Print top actors (degree, betweenness, eigenvector), communities, hostile and cooperative dyads."""
    if top < 1:
        raise UsageError(f"--top {top}: must be at least 1")
    filters = Filters.build(date_from=date_from, date_to=date_to, event_types=event_type)
    source = open_source(store, endpoint)
    try:
        model = apply_filters(load_network(source), filters)
    finally:
        source.close()
    typer.echo(format_report(analyse(model, top=top, seed=seed), top=top), nl=False)
    if graphml or gexf:
        g = actor_graph(model)
        if graphml:
            typer.echo(f"wrote {write_graphml(g, graphml)}")
        if gexf:
            typer.echo(f"wrote {write_gexf(g, gexf)}")

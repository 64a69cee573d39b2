"""`kg push`: load the embedded store into a remote SPARQL store, one named graph per document."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.application import app
from kg.push import push
from kg.store.oxigraph import OxigraphStore
from kg.store.remote import SparqlStore


@app.command("push")
def push_command(
    store: Path = typer.Option(..., "--store", help="Embedded store directory (DIR/store from kg build, or DIR)."),
    endpoint: str = typer.Option(..., "--endpoint", help="SPARQL query endpoint URL of the remote store."),
    graph: str = typer.Option(None, "--graph", help="Put every triple into this one named graph instead of one per document."),
    user: str = typer.Option(None, "--user", help="HTTP user (Basic or Digest)."),
    password: str = typer.Option(None, "--password", help="HTTP password."),
    update_endpoint: str = typer.Option(None, "--update-endpoint", help="SPARQL Update URL (guessed from --endpoint)."),
    gsp_endpoint: str = typer.Option(None, "--gsp-endpoint", help="Graph Store Protocol URL (guessed and probed)."),
    timeout: float = typer.Option(300.0, "--timeout", help="Seconds per request."),
) -> None:
    """Replace the remote copy of every named graph by the local one."""
    if graph is not None:
        from kg.query.params import parse_iri

        graph = str(parse_iri(graph, "--graph"))
    remote = SparqlStore(endpoint, update_endpoint=update_endpoint, user=user, password=password,
                         timeout=timeout, gsp_endpoint=gsp_endpoint)
    with OxigraphStore(store, read_only=True, create=False) as local:
        rep = push(local, remote, into=graph)
    typer.echo(f"pushed {rep.graphs} graph{'s' if rep.graphs != 1 else ''}, {rep.triples} triples "
               f"to {endpoint} via {rep.method} in {rep.seconds:.1f}s")

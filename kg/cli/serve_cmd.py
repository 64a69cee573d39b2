"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint over the embedded store."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.application import app


@app.command("serve")
def serve_command(
    store: Path = typer.Option(..., "--store", help="Embedded store directory (DIR/store from kg build, or DIR)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind (loopback by default)."),
    port: int = typer.Option(7879, "--port", help="TCP port (0 = any free port)."),
    timeout: float = typer.Option(30.0, "--timeout", help="Seconds a query may run before it is stopped (HTTP 503)."),
    max_rows: int = typer.Option(100_000, "--max-rows", help="Largest result (rows or triples); more is an error."),
    workers: int = typer.Option(2, "--workers", help="Query processes (queries run in parallel)."),
    verbose: bool = typer.Option(False, "--verbose", help="Log every request."),
) -> None:
    """Serve the store read-only over the SPARQL 1.1 Protocol (GET/POST /sparql)."""
    from kg.server import LOOPBACK, make_server, serve

    srv = make_server(store, host, port, timeout, max_rows, workers, verbose)
    h, p = srv.server_address[:2]
    if host not in LOOPBACK:
        typer.echo(f"warning: listening on {host}, reachable from other machines", err=True)
    typer.echo(f"SPARQL endpoint http://{h}:{p}/sparql (read only, timeout {timeout:g}s, max {max_rows} rows); Ctrl-C stops")
    serve(srv)

"""`kg query`: run a library query, a .rq file or literal SPARQL on the embedded store or an endpoint."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.application import app
from kg.errors import UsageError
from kg.query import FORMATS, library, load_query, parse_assignments, render, run_query
from kg.store.base import Store


def open_for_query(store: Path | None, endpoint: str | None, user: str | None = None,
                   password: str | None = None, timeout: float = 60.0) -> Store:
    """The embedded store (read-only) or a remote endpoint: exactly one of the two."""
    if (store is None) == (endpoint is None):
        raise UsageError("give exactly one of --store DIR or --endpoint URL")
    if endpoint is not None:
        from kg.store.remote import SparqlStore

        return SparqlStore(endpoint, user=user, password=password, timeout=timeout, read_only=True)
    from kg.store.oxigraph import OxigraphStore

    return OxigraphStore(store, read_only=True, create=False)


@app.command("query")
def query_command(
    query: str = typer.Argument(None, help="A .rq file, a query name in queries/ (with or without .rq), or SPARQL text."),
    store: Path = typer.Option(None, "--store", help="Embedded store directory (DIR/store from kg build, or DIR)."),
    endpoint: str = typer.Option(None, "--endpoint", help="SPARQL 1.1 query endpoint URL."),
    param: list[str] = typer.Option([], "--param", "-p", help="NAME=VALUE, bound safely as an RDF term (repeatable)."),
    fmt: str = typer.Option("table", "--format", "-f", help=f"One of: {', '.join(FORMATS)}."),
    user: str = typer.Option(None, "--user", help="HTTP user for --endpoint."),
    password: str = typer.Option(None, "--password", help="HTTP password for --endpoint."),
    timeout: float = typer.Option(60.0, "--timeout", help="Seconds before a remote query is abandoned."),
    list_: bool = typer.Option(False, "--list", help="List the queries in the library and exit."),
) -> None:
    """Run a SPARQL query and print its results."""
    if list_:
        for q in library():
            params = " ".join(f"{p.name}{'' if p.required else '?'}:{p.kind}" for p in q.params.values())
            typer.echo(f"{q.name:20} {q.title}" + (f"  [{params}]" if params else ""))
        return
    if not query:
        raise UsageError("QUERY is missing (a .rq file, a name from `kg query --list`, or SPARQL text)")
    if fmt not in FORMATS:
        raise UsageError(f"--format {fmt!r}: expected one of {', '.join(FORMATS)}")
    q = load_query(query)
    params = parse_assignments(param)
    with open_for_query(store, endpoint, user, password, timeout) as st:
        result = run_query(st, q, params)
    typer.echo(render(result, fmt), nl=fmt in ("table", "json"))

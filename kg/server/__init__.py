"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the embedded store.

>>> from kg.server import make_server
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import UsageError
from kg.server.http import SparqlServer
from kg.server.worker import WorkerPool
from kg.store.oxigraph import OxigraphStore

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def make_server(store_dir: str | Path, host: str = "127.0.0.1", port: int = 7879, timeout: float = 30.0,
                max_rows: int = 100_000, workers: int = 2, verbose: bool = False) -> SparqlServer:
    """A ready (not yet serving) server; ``port=0`` picks a free port (see ``server_address``).

    The store is opened read-only (E200 when missing) by ``workers`` processes.
    """
    if timeout <= 0 or max_rows <= 0 or workers <= 0:
        raise UsageError("--timeout, --max-rows and --workers must be positive")
    with OxigraphStore(store_dir, read_only=True, create=False) as st:   # E200 now, not in a worker
        path = str(st.path)
    pool = WorkerPool(path, size=workers, timeout=timeout, max_rows=max_rows)
    try:
        return SparqlServer((host, port), pool, verbose=verbose)
    except OSError as exc:
        pool.close()
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def serve(server: SparqlServer) -> None:
    """Serve until interrupted, then stop the workers."""
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.pool.close()

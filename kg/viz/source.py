"""Open the store a viz/network command reads: ``--store DIR`` or ``--endpoint URL``."""

from __future__ import annotations

from pathlib import Path

from kg.errors import Errors, StoreNotFoundError, UsageError
from kg.store import Store, open_store


def open_source(store: Path | None, endpoint: str | None) -> Store:
    """Exactly one of ``store``/``endpoint``; the embedded store is opened read-only."""
    if (store is None) == (endpoint is None):
        raise UsageError("give exactly one of --store DIR or --endpoint URL")
    if endpoint is not None:
        if not endpoint.startswith(("http://", "https://")):
            raise UsageError(f"--endpoint {endpoint!r}: expected an http(s) URL")
        return open_store(endpoint, read_only=True)
    if not Path(store).is_dir():  # type: ignore[arg-type]
        raise StoreNotFoundError(Errors.E200.format(path=store))
    return open_store(store, read_only=True, create=False)  # type: ignore[arg-type]

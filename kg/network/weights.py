"""Goldstein-like weights per PLOVER type, read from ``weights.tsv``.

>>> load_weights()["ASSAULT"]
-10.0
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kg.errors import DataError, Errors
from kg.model import PLOVER_TYPES

WEIGHTS_PATH = Path(__file__).with_name("weights.tsv")


def _bad(path: Path, line: int, detail: str) -> DataError:
    return DataError(Errors.E600.format(path=path, line=line, detail=detail))


@lru_cache(maxsize=4)
def load_weights(path: Path = WEIGHTS_PATH) -> dict[str, float]:
    """Map each PLOVER type to its weight; every type must be present once."""
    weights: dict[str, float] = {}
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        if len(cols) < 2:
            raise _bad(path, lineno, "expected type<TAB>weight")
        etype = cols[0].strip().upper()
        if etype not in PLOVER_TYPES:
            raise _bad(path, lineno, f"unknown PLOVER type {etype!r}")
        if etype in weights:
            raise _bad(path, lineno, f"duplicate type {etype!r}")
        try:
            value = float(cols[1])
        except ValueError:
            raise _bad(path, lineno, f"weight {cols[1]!r} is not a number") from None
        if not -10.0 <= value <= 10.0:
            raise _bad(path, lineno, "weight outside [-10, 10]")
        weights[etype] = value
    missing = [t for t in PLOVER_TYPES if t not in weights]
    if missing:
        raise _bad(path, 0, f"missing types: {', '.join(missing)}")
    return weights

"""Loading the language data files (``kg/lang/<lang>/data/*.tsv``).

Patterns are normalised like text, so entries need not list spelling
variants. A malformed row is a DataError naming the file and line.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kg.errors import DataError, error
from kg.resources import lang_data
from kg.text.normalize import norm_text


def read_rows(path: Path, min_cols: int = 1, max_cols: int | None = None) -> list[tuple[int, list[str]]]:
    """(line number, columns) for each data row of a TSV file; [] if absent."""
    if not path.is_file():
        return []
    rows = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = [c.strip() for c in line.split("\t")]
            if len(cols) < min_cols or (max_cols is not None and len(cols) > max_cols):
                raise error(DataError, "E600", path=path, line=n, detail=f"expected {min_cols}..{max_cols or ''} columns, got {len(cols)}")
            if max_cols is not None:
                cols += [""] * (max_cols - len(cols))
            rows.append((n, cols))
    return rows


@lru_cache(maxsize=None)
def table(lang: str, name: str, min_cols: int = 1, max_cols: int | None = None) -> tuple[tuple[str, ...], ...]:
    """Rows of ``kg/lang/<lang>/data/<name>.tsv`` (cached)."""
    return tuple(tuple(c) for _, c in read_rows(lang_data(lang) / f"{name}.tsv", min_cols, max_cols))


def pattern_tokens(pattern: str) -> tuple[str, ...]:
    """Normalised tokens of a lexicon pattern (a trailing * marks a prefix)."""
    out = []
    for tok in pattern.split():
        star = tok.endswith("*")
        core = norm_text(tok.rstrip("*")) if tok.rstrip("*") else ""
        if not core:
            continue
        out.append(core + ("*" if star else ""))
    return tuple(out)


@lru_cache(maxsize=None)
def word_set(lang: str, name: str, column: int = 0) -> frozenset[str]:
    return frozenset(norm_text(r[column]) for r in table(lang, name) if len(r) > column and r[column])

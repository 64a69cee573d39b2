"""`kg kb` command (not yet written)."""

from __future__ import annotations

from kg.cli import app  # noqa: F401

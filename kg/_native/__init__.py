"""Optional C accelerators, built at install time by hatch_build.py.

Each module here has a pure-Python twin that gives the same output; the
C one is used when it was built and ``KG_PURE_PYTHON`` is not set (tests and
the benchmarks set it to compare the two paths side by side).

>>> from kg._native import load
>>> load("no_such_module") is None
True
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

MODULES: tuple[str, ...] = ("crf", "text", "matcher")


def load(name: str) -> ModuleType | None:
    """The compiled module ``kg._native.NAME``, or None when it is not built or pure Python is asked for."""
    if os.environ.get("KG_PURE_PYTHON"):
        return None
    try:
        return importlib.import_module(f"kg._native.{name}")
    except ImportError:
        return None


def status() -> dict[str, bool]:
    """Which accelerators are in use (``kg models`` prints this)."""
    return {name: load(name) is not None for name in MODULES}

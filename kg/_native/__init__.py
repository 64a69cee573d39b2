"""Optional compiled code, built at install time by hatch_build.py.

Two kinds, each with a pure-Python twin that gives the same output:

- C accelerators ``kg._native.NAME`` (``MODULES``): hand-written C for the
  tokenizer, the lexicon scan and the NER decoder; ``load(NAME)`` returns the
  module, or None when it is not built or pure Python is asked for.
- The rule modules (``COMPILED``), compiled by mypyc from their own Python
  sources into one extension group (``kg/_native/rules__mypyc``). Python finds
  the compiled module before the ``.py`` beside it; ``use_compiled_rules``
  (called when ``kg`` is imported) makes it load the sources instead when
  ``KG_PURE_PYTHON`` is set or when a source no longer matches what was compiled
  (an edit after ``pip install -e .``), so an edit is never shadowed by a stale build.

``KG_PURE_PYTHON=1`` forces every pure-Python path (tests and the benchmarks
compare the two side by side); ``kg models status`` says what is in use.

>>> from kg._native import load
>>> load("no_such_module") is None
True
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from pathlib import Path
from types import ModuleType

MODULES: tuple[str, ...] = ("crf", "text", "matcher")

# Compiled with mypyc, in this order (the list is the build's input; kg.mentions.matcher stays
# Python: its hot loop is its own C scan, kg/_native/matcher.c).
COMPILED: tuple[str, ...] = (
    "kg.model", "kg.text.normalize", "kg.text.segment", "kg.lang.index",
    "kg.mentions.lexicon_hits", "kg.mentions.gazetteer", "kg.mentions.titles", "kg.mentions.ner",
    "kg.entities.link", "kg.events.common", "kg.events.triggers", "kg.events.figures",
    "kg.events.frames", "kg.events.ar_frames", "kg.events.roles", "kg.events.ar_rules",
    "kg.events.en_gaps", "kg.events.dates", "kg.events.extract", "kg.relations.extract",
    "kg.ner.arabic", "kg.ner.tagger",
)
GROUP = "kg._native.rules"  # mypyc's shared library: kg/_native/rules__mypyc<EXT_SUFFIX>
MANIFEST = "rules.json"     # written by the build: the modules and a sha256 of each source compiled

_PACKAGE_PARENT = Path(__file__).resolve().parents[2]  # the directory holding kg/
_STATE: list[str] = []


def load(name: str) -> ModuleType | None:
    """The compiled module ``kg._native.NAME``, or None when it is not built or pure Python is asked for."""
    if os.environ.get("KG_PURE_PYTHON"):
        return None
    try:
        return importlib.import_module(f"kg._native.{name}")
    except ImportError:
        return None


def status() -> dict[str, bool]:
    """Which C accelerators are in use (``kg models status`` prints this)."""
    return {name: load(name) is not None for name in MODULES}


def source_of(module: str, parent: Path = _PACKAGE_PARENT) -> Path:
    return parent.joinpath(*module.split(".")).with_suffix(".py")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rules_state(parent: Path = _PACKAGE_PARENT, pure: bool | None = None) -> str:
    """"compiled" when the mypyc build of ``COMPILED`` is there and matches its sources, else why not."""
    if pure if pure is not None else os.environ.get("KG_PURE_PYTHON"):
        return "pure Python (KG_PURE_PYTHON set)"
    manifest = parent / "kg" / "_native" / MANIFEST
    if not manifest.is_file():
        return "pure Python (not built)"
    try:
        built = json.loads(manifest.read_text(encoding="utf-8"))
        sources: dict[str, str] = built["sources"]
    except (OSError, ValueError, KeyError, TypeError):
        return f"pure Python (unreadable {manifest})"
    if list(sources) != list(COMPILED) or built.get("ext_suffix") != _ext_suffix():
        return "pure Python (built for another module list or Python)"
    for module, want in sources.items():
        src = source_of(module, parent)
        if not src.is_file() or digest(src) != want:
            return f"pure Python ({src} changed since the build; rebuild: python hatch_build.py)"
    return "compiled"


def _ext_suffix() -> str:
    return importlib.machinery.EXTENSION_SUFFIXES[0]


class _Sources(importlib.abc.MetaPathFinder):
    """Loads the ``COMPILED`` modules from their ``.py`` files, ahead of the extension beside them."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> importlib.machinery.ModuleSpec | None:
        if name not in COMPILED:
            return None
        src = source_of(name)
        return importlib.util.spec_from_file_location(name, src) if src.is_file() else None


def use_compiled_rules() -> str:
    """Decide once per process (before any rule module is imported) and return ``rules_state()``."""
    if not _STATE:
        state = rules_state()
        _STATE.append(state)
        built = source_of(COMPILED[0]).with_suffix(_ext_suffix()).is_file()
        if state != "compiled" and built:
            sys.meta_path.insert(0, _Sources())
            if "changed since the build" in state:
                warnings.warn(f"kg: compiled rule modules are out of date, using their sources: {state}",
                              RuntimeWarning, stacklevel=2)
    return _STATE[0]

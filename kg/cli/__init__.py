"""Command-line interface: thin typer commands over library functions.

Each command lives in its own module and registers itself on the typer app
(``kg.cli.application``). ``main`` imports only the module of the command being run,
so ``kg query`` does not pay for pyvis, networkx or the extractor; ``kg.cli.app``
accessed as an attribute of this package has every command loaded (tests, --help).
Errors derived from ``KgError`` are printed as one line, never a traceback.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

from kg.cli.application import fail  # noqa: F401  (re-exported for command modules)
from kg.errors import KgError

# command name → module (kg/cli/<module>.py)
COMMANDS: dict[str, str] = {
    "build": "build_cmd", "extract": "extract_cmd", "query": "query_cmd", "export": "export_cmd",
    "validate": "validate_cmd", "viz": "viz_cmd", "network": "network_cmd", "eval": "eval_cmd",
    "serve": "serve_cmd", "push": "push_cmd", "kb": "kb_cmd", "models": "models_cmd",
    "train-ner": "train_ner_cmd",
}


def load(names: list[str] | None = None) -> Any:
    """Import the command modules for ``names`` (all when None) and return the app."""
    from kg.cli.application import app

    for name in names if names is not None else list(COMMANDS):
        importlib.import_module(f"kg.cli.{COMMANDS[name]}")
    return app


def __getattr__(name: str) -> Any:
    if name == "app":
        return load()
    raise AttributeError(name)


def main() -> None:
    cmd = next((a for a in sys.argv[1:] if not a.startswith("-")), None)
    app = load([cmd] if cmd in COMMANDS else None)
    try:
        app()
    except KgError as exc:
        print(f"kg: {exc}", file=sys.stderr)
        sys.exit(1)

"""The command line shared by the KB generators (countries, places, organisations).

Each generator renders its own lines of ``ontology/kb.jsonl`` from a table;
``run`` writes the file, or with ``--check`` fails when it is out of date.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Callable

from kg.resources import ontology_dir


def run(argv: list[str] | None, doc: str | None, module: str, what: str,
        generate: Callable[[], list[Any]], render: Callable[[Path, list[Any]], str]) -> int:
    ap = argparse.ArgumentParser(description=(doc or "").splitlines()[0] if doc else None)
    ap.add_argument("--kb", type=Path, default=ontology_dir() / "kb.jsonl")
    ap.add_argument("--check", action="store_true", help="exit 1 if the KB differs from what would be generated")
    args = ap.parse_args(argv)
    try:
        entries = generate()
    except ValueError as exc:  # a malformed table row names its file and line
        print(f"kg: {exc}", file=sys.stderr)
        return 2
    text = render(args.kb, entries)
    if args.check:
        current = args.kb.read_text(encoding="utf-8") if args.kb.is_file() else ""
        if current != text:
            print(f"{args.kb} is not up to date; run python -m {module}", file=sys.stderr)
            return 1
        return 0
    args.kb.write_text(text, encoding="utf-8")
    print(f"wrote {len(entries)} {what} entries to {args.kb}")
    return 0


def read_kb_lines(kb_path: Path) -> tuple[list[str], list[tuple[str, dict[str, Any]]]]:
    """The KB file's header comment lines, and every entry as (raw line, parsed object)."""
    header: list[str] = []
    entries: list[tuple[str, dict[str, Any]]] = []
    if kb_path.is_file():
        for line in kb_path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                header.append(line)
            elif line.strip():
                entries.append((line, json.loads(line)))
    return header, entries

"""Generate the armed-group, military-force and NGO entries of ``ontology/kb.jsonl``
(dev-time tool).

The source is ``kg/kb/data/organisations.tsv`` (one entry a row; which entries
it holds is the rule in the KB header, parts 7-9). The run replaces every entry
whose key starts with ``AG-``, ``MF-`` or ``ORG-`` with the generated ones,
placed after the other non-place entries and before the places (so this tool
and ``build_places`` agree on the file's order), and keeps the header and
every other line as it is::

    python -m kg.kb.build_orgs            # rewrite ontology/kb.jsonl
    python -m kg.kb.build_orgs --check    # exit 1 if the file is stale

The table is the only source of these entries: names that ``kg kb import``
adds to one of them belong in the table (``--check`` reports the difference).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kg.kb.build_places import _unique, slug
from kg.kb.generator import read_kb_lines, run

TABLE = Path(__file__).resolve().parent / "data" / "organisations.tsv"
COLUMNS = ("layer", "sector", "country", "en", "ar", "en_aliases", "ar_aliases", "wikidata", "extra")
# layer -> (entity type, key prefix)
LAYERS: dict[str, tuple[str, str]] = {
    "AG": ("ArmedGroup", "AG-"),
    "MF": ("MilitaryForce", "MF-"),
    "ORG": ("Organization", "ORG-"),
}
PREFIXES: tuple[str, ...] = tuple(p for _, p in LAYERS.values())
EXTRA_KEYS = frozenset({"key", "basis", "part_of"})


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split(";") if p.strip()] if cell.strip() not in ("", "-") else []


def _cell(row: dict[str, str], name: str) -> str | None:
    value = row[name].strip()
    return None if value in ("", "-") else value


def read_table(path: Path = TABLE) -> list[dict[str, str]]:
    """Rows of the source table; a malformed row raises ValueError naming its line."""
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        where = f"{path} line {lineno}"
        if len(cells) != len(COLUMNS):
            raise ValueError(f"{where}: expected {len(COLUMNS)} tab-separated cells, got {len(cells)}")
        row = dict(zip(COLUMNS, (c.strip() for c in cells)))
        if row["layer"] not in LAYERS:
            raise ValueError(f"{where}: unknown layer {row['layer']!r} (expected one of {', '.join(LAYERS)})")
        if not row["en"] or not row["ar"] or row["en"] == "-" or row["ar"] == "-":
            raise ValueError(f"{where}: the English and Arabic labels are required")
        for item in _split(row["extra"]):
            k, eq, _ = item.partition("=")
            if not eq or k.strip() not in EXTRA_KEYS:
                raise ValueError(f"{where}: bad extra item {item!r} (expected key=value with a key in "
                                 f"{', '.join(sorted(EXTRA_KEYS))})")
        row["line"] = str(lineno)
        rows.append(row)
    return rows


def org_entry(row: dict[str, str]) -> dict[str, Any]:
    type_, prefix = LAYERS[row["layer"]]
    en, ar = row["en"], row["ar"]
    extra: dict[str, Any] = {}
    for item in _split(row["extra"]):
        k, _, v = item.partition("=")
        extra[k.strip()] = v.strip()
    key = extra.pop("key", None) or prefix + slug(en)
    entry: dict[str, Any] = {
        "key": key, "type": type_, "name": en, "wikidata": _cell(row, "wikidata"),
        "country": _cell(row, "country"), "sector": _cell(row, "sector"), "labels": {"en": en, "ar": ar},
    }
    aliases = {"en": _unique(_split(row["en_aliases"]), en), "ar": _unique(_split(row["ar_aliases"]), ar)}
    aliases = {k: v for k, v in aliases.items() if v}
    if aliases:
        entry["aliases"] = aliases
    entry.update(extra)
    return entry


def generate(table: Path = TABLE) -> list[dict[str, Any]]:
    return [org_entry(row) for row in read_table(table)]


def _ours(obj: dict[str, Any]) -> bool:
    return str(obj.get("key", "")).startswith(PREFIXES)


def render(kb_path: Path, entries: list[dict[str, Any]]) -> str:
    """The new file text: header, every other non-place line as it is, the
    generated entries (table order), then the places as they are."""
    header, lines = read_kb_lines(kb_path)
    kept = [(line, obj) for line, obj in lines if not _ours(obj)]
    others = [line for line, obj in kept if obj.get("type") != "Place"]
    places = [line for line, obj in kept if obj.get("type") == "Place"]
    body = [json.dumps(e, ensure_ascii=False) for e in entries]
    return "\n".join(header + others + body + places) + "\n"


def main(argv: list[str] | None = None) -> int:
    return run(argv, __doc__, "kg.kb.build_orgs", "armed-group, military-force and organisation", generate, render)


if __name__ == "__main__":
    raise SystemExit(main())

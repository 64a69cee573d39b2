"""Generate the Place entries of ``ontology/kb.jsonl`` (dev-time tool).

The source is ``kg/kb/data/places.tsv`` (one place a row; which places it
holds is the rule in the KB header, part 6). The run replaces every Place
entry of the KB with the generated ones, appended after all other entries,
and keeps the header and every other line as it is::

    python -m kg.kb.build_places            # rewrite ontology/kb.jsonl
    python -m kg.kb.build_places --check    # exit 1 if the file is stale

The table is the only source of the places: names that ``kg kb import``
adds to a place belong in the table (``--check`` reports the difference).
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from kg.kb.build_countries import NATIVE_ARABIC
from kg.kb.generator import read_kb_lines, run

TABLE = Path(__file__).resolve().parent / "data" / "places.tsv"
COLUMNS = ("kind", "country", "en", "ar", "en_aliases", "ar_aliases", "wikidata", "extra")
KEY_PREFIX = "PL-"

# Countries whose own names for places are written with a native غ (Ghazni, Karabakh,
# Gaziantep): no ج variant is generated for them.
_NATIVE_GHAIN = NATIVE_ARABIC | {"AFG", "AZE", "IRN", "PAK", "TUR"}


def slug(text: str) -> str:
    """ASCII slug of an English name: "Deir ez-Zor" -> "deir-ez-zor"."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split(";") if p.strip()] if cell not in ("", "-") else []


def read_table(path: Path = TABLE) -> list[dict[str, str]]:
    """Rows of the source table; a malformed row raises ValueError naming its line."""
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not 4 <= len(cells) <= len(COLUMNS):
            raise ValueError(f"{path} line {lineno}: expected 4 to {len(COLUMNS)} tab-separated cells, got {len(cells)}")
        row = dict(zip(COLUMNS, cells + [""] * (len(COLUMNS) - len(cells))))
        row["line"] = str(lineno)
        rows.append(row)
    return rows


def _unique(forms: list[str], label: str) -> list[str]:
    """Forms in order, without repeats and without the label itself."""
    out: list[str] = []
    for f in forms:
        if f != label and f not in out:
            out.append(f)
    return out


def g_variants(forms: list[str]) -> list[str]:
    """Foreign g is written غ in most Arabic news and ج in Egyptian usage."""
    return [f.replace("غ", "ج") for f in forms if "غ" in f]


def place_entry(row: dict[str, str]) -> dict[str, Any]:
    country = row["country"] if row["country"] not in ("", "-") else None
    en, ar = row["en"].strip(), row["ar"].strip()
    ar_aliases = _split(row["ar_aliases"])
    if country not in _NATIVE_GHAIN and country is not None:
        ar_aliases += [v for v in g_variants([ar] + ar_aliases) if v != ar and v not in ar_aliases]
    extra: dict[str, Any] = {"kind": row["kind"].strip()}
    for item in _split(row["extra"]):
        k, _, v = item.partition("=")
        extra[k.strip()] = v.strip()
    entry: dict[str, Any] = {
        "key": extra.pop("key", None) or KEY_PREFIX + slug(en), "type": "Place", "name": en,
        "wikidata": row["wikidata"].strip() if row["wikidata"].strip() not in ("", "-") else None,
        "country": country, "sector": None, "labels": {"en": en, "ar": ar},
    }
    aliases = {"en": _unique(_split(row["en_aliases"]), en), "ar": _unique(ar_aliases, ar)}
    aliases = {k: v for k, v in aliases.items() if v}
    if aliases:
        entry["aliases"] = aliases
    entry.update(extra)
    return entry


def generate(table: Path = TABLE) -> list[dict[str, Any]]:
    return [place_entry(row) for row in read_table(table)]


def render(kb_path: Path, entries: list[dict[str, Any]]) -> str:
    """The new file text: header and every non-Place line as they are, then
    the generated places (table order). The table is the only source of the
    places: fold names found by `kg kb import` into it."""
    header, lines = read_kb_lines(kb_path)
    others = [line for line, obj in lines if obj.get("type") != "Place"]
    body = [json.dumps(e, ensure_ascii=False) for e in entries]
    return "\n".join(header + others + body) + "\n"


def main(argv: list[str] | None = None) -> int:
    return run(argv, __doc__, "kg.kb.build_places", "place", generate, render)


if __name__ == "__main__":
    raise SystemExit(main())

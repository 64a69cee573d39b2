"""Enrich KB entries with Arabic and English labels from a Wikidata-style
SPARQL endpoint (``kg kb import``).

For every entry with a ``wikidata`` id we ask, in batches (``VALUES``), for
its ``rdfs:label`` and ``skos:altLabel`` in the wanted languages. Curated
data wins: a label is only set where the entry has none; any other name
becomes an alias. Lines are rewritten in place (field order, header and
entry order kept), so the diff of an import is exactly the new names.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from kg.errors import Errors, RemoteStoreError
from kg.kb import _data_error, entry_from_dict

WD_ENTITY = "http://www.wikidata.org/entity/"
USER_AGENT = "kg-kb-import/0.1 (knowledge-graph builder; https://w3id.org/kg-conflict)"

QUERY = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?item ?kind ?text WHERE {{
  VALUES ?item {{ {values} }}
  {{ ?item rdfs:label ?text . BIND("label" AS ?kind) }}
  UNION
  {{ ?item skos:altLabel ?text . BIND("alias" AS ?kind) }}
  FILTER(LANG(?text) IN ({langs}))
}}"""


@dataclass
class ImportReport:
    entries: int = 0          # entries with a Wikidata id
    found: int = 0            # of those, ids the endpoint knows
    labels_added: int = 0
    aliases_added: int = 0
    changed_keys: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.entries} entries with a Wikidata id, {self.found} found at the endpoint; "
                f"{self.labels_added} labels and {self.aliases_added} aliases added to "
                f"{len(self.changed_keys)} entries")


def build_query(qids: Iterable[str], langs: Iterable[str]) -> str:
    values = " ".join(f"<{WD_ENTITY}{q}>" for q in qids)
    lang_list = ", ".join(json.dumps(lang) for lang in langs)
    return QUERY.format(values=values, langs=lang_list)


def fetch_names(endpoint: str, qids: list[str], langs: tuple[str, ...] = ("ar", "en"),
                batch: int = 50, timeout: float = 60.0) -> dict[str, dict[str, dict[str, list[str]]]]:
    """{qid: {lang: {"label": [...], "alias": [...]}}} from the endpoint."""
    out: dict[str, dict[str, dict[str, list[str]]]] = {}
    for i in range(0, len(qids), batch):
        chunk = qids[i:i + batch]
        sparql = SPARQLWrapper(endpoint, agent=USER_AGENT)
        sparql.setQuery(build_query(chunk, langs))
        sparql.setReturnFormat(JSON)
        sparql.setMethod(POST)  # long VALUES lists do not fit a GET URL
        sparql.setTimeout(int(timeout))
        try:
            result: Any = sparql.queryAndConvert()
        except (SPARQLWrapperException, OSError, ValueError) as exc:
            detail = f"{endpoint}: {exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            err = RemoteStoreError(Errors.E202.format(detail=detail))
            err.code = "E202"
            raise err from None
        if not isinstance(result, dict) or "results" not in result:
            err = RemoteStoreError(Errors.E202.format(detail=f"{endpoint}: not a SPARQL JSON result"))
            err.code = "E202"
            raise err
        for row in result["results"]["bindings"]:
            item = row["item"]["value"]
            if not item.startswith(WD_ENTITY):
                continue
            text = row["text"]
            lang = text.get("xml:lang", "")
            if lang not in langs:
                continue
            kind = row["kind"]["value"]
            value = unicodedata.normalize("NFC", text["value"].strip())
            if value:
                bucket = out.setdefault(item[len(WD_ENTITY):], {}).setdefault(lang, {"label": [], "alias": []})
                if value not in bucket[kind]:
                    bucket[kind].append(value)
    return out


def _owners(objs: Iterable[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """(lang, name) -> key for every label and alias already in the file."""
    owners: dict[tuple[str, str], str] = {}
    for obj in objs:
        for lang, text in (obj.get("labels") or {}).items():
            owners.setdefault((lang, text), obj["key"])
        for lang, forms in (obj.get("aliases") or {}).items():
            for text in forms:
                owners.setdefault((lang, text), obj["key"])
    return owners


def merge_names(obj: dict[str, Any], names: dict[str, dict[str, list[str]]],
                owners: dict[tuple[str, str], str] | None = None) -> tuple[int, int]:
    """Merge fetched names into one raw KB object; returns (labels, aliases) added.
    A name that already belongs to another entry is skipped: it would make
    the matcher's surface forms ambiguous."""
    owners = owners or {}
    labels_added = aliases_added = 0
    labels = obj.setdefault("labels", {})
    aliases = obj.setdefault("aliases", {})
    for lang in sorted(names):
        got = names[lang]
        candidates = sorted(got["label"]) + sorted(got["alias"])
        if lang not in labels and got["label"]:
            labels[lang] = sorted(got["label"])[0]
            labels_added += 1
        have = aliases.setdefault(lang, [])
        known = set(have) | {labels.get(lang), obj.get("name") if lang == "en" else None}
        for text in candidates:
            if owners.get((lang, text), obj["key"]) != obj["key"]:
                continue
            if text not in known:
                have.append(text)
                known.add(text)
                aliases_added += 1
        if not have:
            del aliases[lang]
    if not aliases:
        del obj["aliases"]
    return labels_added, aliases_added


def import_labels(kb_path: Path, endpoint: str, out: Path | None = None,
                  langs: tuple[str, ...] = ("ar", "en"), batch: int = 50,
                  timeout: float = 60.0) -> ImportReport:
    """Enrich the KB file ``kb_path`` from ``endpoint``; write to ``out``
    (default: ``kb_path`` itself). Malformed KB lines raise DataError."""
    try:
        lines = kb_path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise _data_error(kb_path, None, "no such file") from None
    except (UnicodeDecodeError, OSError) as exc:
        raise _data_error(kb_path, None, f"cannot read ({exc.__class__.__name__})") from None
    parsed: dict[int, dict[str, Any]] = {}
    for i, line in enumerate(lines):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            obj = json.loads(line)
            entry_from_dict(obj)
        except json.JSONDecodeError as exc:
            raise _data_error(kb_path, i + 1, f"malformed JSON ({exc.msg}, column {exc.colno})") from None
        except ValueError as exc:
            raise _data_error(kb_path, i + 1, str(exc)) from None
        parsed[i] = obj
    report = ImportReport()
    qids = sorted({o["wikidata"] for o in parsed.values() if o.get("wikidata")}, key=lambda q: int(q[1:]))
    report.entries = sum(1 for o in parsed.values() if o.get("wikidata"))
    names = fetch_names(endpoint, qids, langs, batch, timeout) if qids else {}
    report.found = sum(1 for o in parsed.values() if o.get("wikidata") in names)
    owners = _owners(parsed.values())
    for i, obj in parsed.items():
        got = names.get(obj.get("wikidata") or "")
        if not got:
            continue
        n_labels, n_aliases = merge_names(obj, got, owners)
        if n_labels or n_aliases:
            report.labels_added += n_labels
            report.aliases_added += n_aliases
            report.changed_keys.append(obj["key"])
            lines[i] = json.dumps(obj, ensure_ascii=False)
    target = out or kb_path
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(target)  # atomic: a failed import leaves the file as it was
    return report

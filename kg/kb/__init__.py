"""The knowledge base: countries, IGOs, media, government bodies and office
holders, with Wikidata IDs, Arabic and English names, aliases and demonyms.

Data lives in ``ontology/kb.jsonl`` (one JSON object per line, ``#`` header
lines state the rule that decides which entries it holds). Users add their own
files through ``KG_KB_PATH`` (paths separated by ``os.pathsep``); an entry
whose key already exists is merged into the earlier one (new labels win,
alias and demonym lists are unioned), so a user file can extend or correct
the shipped entries.

>>> kb = load_kb()
>>> kb.get("ARM").labels["en"]
'Armenia'
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Iterator, NamedTuple

from kg.errors import DataError, Errors
from kg.kb.morph_ar import name_nisba, nisba_forms
from kg.kb.morph_en import demonym_forms
from kg.model import ENTITY_TYPES
from kg.resources import ontology_dir

ENV_VAR = "KG_KB_PATH"
SURFACE_KINDS: tuple[str, ...] = ("name", "alias", "abbr", "demonym", "capital")

# English aliases written in capitals (EU, NATO, U.N.) are abbreviations:
# the matcher matches them case-sensitively.
_ABBR = re.compile(r"^[A-Z][A-Z0-9.&\-]{1,9}$")


@dataclass
class KBEntry:
    key: str
    type: str
    name: str
    wikidata: str | None = None
    iso3: str | None = None
    country: str | None = None
    sector: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    demonyms: dict[str, list[str]] = field(default_factory=dict)
    capital: dict[str, str] = field(default_factory=dict)
    positions: list[dict[str, Any]] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of this entry, in the file's field order; empty
        optional fields are left out, ``extra`` fields are inlined."""
        out: dict[str, Any] = {"key": self.key, "type": self.type, "name": self.name,
                               "wikidata": self.wikidata}
        if self.iso3 is not None:
            out["iso3"] = self.iso3
        out["country"] = self.country
        out["sector"] = self.sector
        for name in ("labels", "aliases", "demonyms", "capital", "positions", "members"):
            value = getattr(self, name)
            if value:
                out[name] = value
        out.update(self.extra)
        return out

    def merge(self, other: KBEntry) -> None:
        """Fold a later entry with the same key into this one."""
        for name in ("name", "wikidata", "iso3", "country", "sector"):
            value = getattr(other, name)
            if value is not None:
                setattr(self, name, value)
        if other.type:
            self.type = other.type
        self.labels.update(other.labels)
        self.capital.update(other.capital)
        for name in ("aliases", "demonyms"):
            mine: dict[str, list[str]] = getattr(self, name)
            for lang, forms in getattr(other, name).items():
                have = mine.setdefault(lang, [])
                have.extend(f for f in forms if f not in have)
        for pos in other.positions:
            if pos not in self.positions:
                self.positions.append(pos)
        self.members.extend(m for m in other.members if m not in self.members)
        self.extra.update(other.extra)


class SurfaceForm(NamedTuple):
    """A string that names a KB entry in one language."""

    text: str
    key: str
    kind: str  # one of SURFACE_KINDS


_KNOWN = {f.name for f in fields(KBEntry)} - {"extra"}


def _check_str_map(obj: dict[str, Any], name: str, *, lists: bool) -> str | None:
    value = obj.get(name)
    if value is None:
        return None
    if not isinstance(value, dict):
        return f"field '{name}' must be an object keyed by language"
    for lang, v in value.items():
        if lists:
            if not isinstance(v, list) or not all(isinstance(s, str) for s in v):
                return f"field '{name}.{lang}' must be a list of strings"
        elif not isinstance(v, str):
            return f"field '{name}.{lang}' must be a string"
    return None


def entry_from_dict(obj: Any) -> KBEntry:
    """Validate one decoded JSON line; raise ValueError with a short reason."""
    if not isinstance(obj, dict):
        raise ValueError("expected a JSON object")
    for name in ("key", "type", "name"):
        if not isinstance(obj.get(name), str) or not obj[name].strip():
            raise ValueError(f"field '{name}' is missing or not a string")
    if obj["type"] not in ENTITY_TYPES:
        raise ValueError(f"unknown type {obj['type']!r} (expected one of {', '.join(ENTITY_TYPES)})")
    for name in ("wikidata", "iso3", "country", "sector"):
        if obj.get(name) is not None and not isinstance(obj[name], str):
            raise ValueError(f"field '{name}' must be a string or null")
    wd = obj.get("wikidata")
    if wd is not None and not re.fullmatch(r"Q[1-9][0-9]*", wd):
        raise ValueError(f"field 'wikidata' is not a Wikidata item id: {wd!r}")
    for name, lists in (("labels", False), ("capital", False), ("aliases", True), ("demonyms", True)):
        problem = _check_str_map(obj, name, lists=lists)
        if problem:
            raise ValueError(problem)
    positions = obj.get("positions") or []
    if not isinstance(positions, list) or not all(isinstance(p, dict) for p in positions):
        raise ValueError("field 'positions' must be a list of objects")
    members = obj.get("members") or []
    if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
        raise ValueError("field 'members' must be a list of strings")
    return KBEntry(
        key=obj["key"], type=obj["type"], name=obj["name"], wikidata=wd,
        iso3=obj.get("iso3"), country=obj.get("country"), sector=obj.get("sector"),
        labels=dict(obj.get("labels") or {}),
        aliases={k: list(v) for k, v in (obj.get("aliases") or {}).items()},
        demonyms={k: list(v) for k, v in (obj.get("demonyms") or {}).items()},
        capital=dict(obj.get("capital") or {}),
        positions=[dict(p) for p in positions], members=list(members),
        extra={k: v for k, v in obj.items() if k not in _KNOWN},
    )


def read_entries(path: Path) -> Iterator[tuple[int, KBEntry]]:
    """(line number, entry) for each data line of a KB file. A malformed line
    raises DataError naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _data_error(path, None, "no such file") from None
    except (UnicodeDecodeError, OSError) as exc:
        raise _data_error(path, None, f"cannot read ({exc.__class__.__name__})") from None
    for lineno, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            obj = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise _data_error(path, lineno, f"malformed JSON ({exc.msg}, column {exc.colno})") from None
        try:
            yield lineno, entry_from_dict(obj)
        except ValueError as exc:
            raise _data_error(path, lineno, str(exc)) from None


def _data_error(path: Path | str, line: int | None, detail: str) -> DataError:
    """E600 names the file and line in its message; they are also kept as
    attributes (``file``, ``line``) without repeating them in ``str(exc)``."""
    if line is None:
        exc = DataError(Errors.E601.format(path=path, detail=detail))
        exc.code = "E601"
    else:
        exc = DataError(Errors.E600.format(path=path, line=line, detail=detail))
    exc.line = line
    exc.file = str(path)  # type: ignore[attr-defined]
    return exc


class KnowledgeBase:
    """Entries by key, with per-language surface forms for the matcher."""

    def __init__(self, entries: list[KBEntry], paths: list[Path] | None = None) -> None:
        self.paths = list(paths or [])
        self._entries: dict[str, KBEntry] = {}
        for entry in entries:
            if entry.key in self._entries:
                self._entries[entry.key].merge(entry)
            else:
                self._entries[entry.key] = entry
        self._iso3 = {e.iso3: e for e in self._entries.values() if e.iso3}
        self._wikidata = {e.wikidata: e for e in self._entries.values() if e.wikidata}
        self._forms: dict[str, list[SurfaceForm]] = {}

    def __iter__(self) -> Iterator[KBEntry]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def get(self, key: str) -> KBEntry | None:
        return self._entries.get(key)

    def by_type(self, type_: str) -> list[KBEntry]:
        return [e for e in self._entries.values() if e.type == type_]

    def country_by_iso3(self, iso3: str) -> KBEntry | None:
        return self._iso3.get(iso3.upper())

    def by_wikidata(self, qid: str) -> KBEntry | None:
        return self._wikidata.get(qid)

    def surface_forms(self, lang: str) -> Iterator[SurfaceForm]:
        """Every (text, key, kind) that names an entry in ``lang``, without
        duplicates. Demonyms come with all their inflections; clitic and
        article variants are left to the matcher."""
        if lang not in self._forms:
            self._forms[lang] = list(self._generate(lang))
        return iter(self._forms[lang])

    def _generate(self, lang: str) -> Iterator[SurfaceForm]:
        seen: set[tuple[str, str]] = set()

        def emit(text: str, key: str, kind: str) -> Iterator[SurfaceForm]:
            text = text.strip()
            if text and (text, key) not in seen:
                seen.add((text, key))
                yield SurfaceForm(text, key, kind)

        for e in self._entries.values():
            if lang in e.labels:
                yield from emit(e.labels[lang], e.key, "name")
            if lang == "en":
                yield from emit(e.name, e.key, "name")
            for alias in e.aliases.get(lang, []):
                kind = "abbr" if lang == "en" and _ABBR.match(alias) else "alias"
                yield from emit(alias, e.key, kind)
            for base in self._demonym_bases(e, lang):
                forms = nisba_forms(base) if lang == "ar" else demonym_forms(base)
                for form in forms:
                    yield from emit(form, e.key, "demonym")
            if lang in e.capital:
                yield from emit(e.capital[lang], e.key, "capital")


    @staticmethod
    def _demonym_bases(e: KBEntry, lang: str) -> list[str]:
        """A country's listed demonyms and, in Arabic, the regular nisba of each spelling of its name
        (بنغلادش → بنغلادشي beside the listed بنغلاديشي)."""
        bases = list(e.demonyms.get(lang, []))
        if lang == "ar" and bases and e.type == "Country":
            for name in [e.labels.get("ar", ""), *e.aliases.get("ar", [])]:
                n = name_nisba(name)
                if n is not None and n not in bases:
                    bases.append(n)
        return bases


def default_paths() -> list[Path]:
    """The shipped KB, then any files named in KG_KB_PATH."""
    paths = [ontology_dir() / "kb.jsonl"]
    extra = os.environ.get(ENV_VAR, "")
    paths.extend(Path(p).expanduser() for p in extra.split(os.pathsep) if p.strip())
    return paths


_CACHE: dict[tuple[tuple[str, float], ...], KnowledgeBase] = {}


def load_kb(paths: list[Path] | None = None) -> KnowledgeBase:
    """Load (and cache) the knowledge base. Without ``paths``: the shipped
    ``ontology/kb.jsonl`` plus the files in ``KG_KB_PATH``."""
    chosen = [Path(p) for p in (paths if paths is not None else default_paths())]
    for p in chosen:
        if not p.is_file():
            raise _data_error(p, None, "no such file")
    # the cache key includes modification times so an edited file is reread
    cache_key = tuple((str(p.resolve()), p.stat().st_mtime) for p in chosen)
    kb = _CACHE.get(cache_key)
    if kb is None:
        entries = [entry for p in chosen for _, entry in read_entries(p)]
        kb = KnowledgeBase(entries, chosen)
        _CACHE[cache_key] = kb
    return kb


def clear_cache() -> None:
    _CACHE.clear()


__all__ = [
    "ENV_VAR", "KBEntry", "KnowledgeBase", "SurfaceForm", "SURFACE_KINDS",
    "clear_cache", "default_paths", "entry_from_dict", "load_kb", "read_entries",
]

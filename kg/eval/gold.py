"""Gold annotation files (schema: ../shared/eval/dev/README.md).

>>> g = parse_gold({"source": "a.txt", "lang": "en", "entities": [
...     {"name": "Iran", "type": "Country", "mentions": ["Tehran"], "aliases": []}],
...     "events": [], "relations": []}, "a.json")
>>> g.entities[0].mentions
('Tehran',)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import DataError, error
from kg.model import ENTITY_TYPES, PLOVER_TYPES, RELATION_PREDICATES


@dataclass(frozen=True)
class GoldEntity:
    name: str
    type: str
    mentions: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldEvent:
    type: str
    sentence: str
    source: str | None = None
    target: str | None = None
    mode: str | None = None
    dead: int | None = None
    injured: int | None = None
    captured: int | None = None


@dataclass(frozen=True)
class GoldRelation:
    subject: str
    predicate: str
    object: str
    evidence: str = ""


@dataclass
class Gold:
    source: str
    lang: str
    date: str | None
    entities: list[GoldEntity]
    events: list[GoldEvent]
    relations: list[GoldRelation]
    path: str = ""

    def entity(self, name: str | None) -> GoldEntity | None:
        """The gold entity called ``name`` (actors and relation ends refer to entities by name)."""
        if name is None:
            return None
        for e in self.entities:
            if e.name == name:
                return e
        return None


def _bad(path: str | Path, detail: str) -> DataError:
    return error(DataError, "E610", path=path, detail=detail)  # type: ignore[return-value]


def _str(obj: dict[str, Any], field: str, where: str, path: str | Path, *, optional: bool = False) -> str | None:
    v = obj.get(field)
    if v is None and optional:
        return None
    if not isinstance(v, str) or (not v.strip() and not optional):
        raise _bad(path, f"{where}: field '{field}' must be a non-empty string")
    return v


def _strs(obj: dict[str, Any], field: str, where: str, path: str | Path) -> tuple[str, ...]:
    v = obj.get(field) or []
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise _bad(path, f"{where}: field '{field}' must be a list of strings")
    return tuple(v)


def _int(obj: dict[str, Any], field: str, where: str, path: str | Path) -> int | None:
    v = obj.get(field)
    if v is not None and (not isinstance(v, int) or isinstance(v, bool)):
        raise _bad(path, f"{where}: field '{field}' must be an integer or null")
    return v


def _list(data: dict[str, Any], field: str, path: str | Path) -> list[dict[str, Any]]:
    v = data.get(field, [])
    if not isinstance(v, list) or not all(isinstance(x, dict) for x in v):
        raise _bad(path, f"field '{field}' must be a list of objects")
    return v


def parse_gold(data: Any, path: str | Path = "<gold>") -> Gold:
    """Check a decoded gold object and turn it into a ``Gold``."""
    if not isinstance(data, dict):
        raise _bad(path, "the top level must be a JSON object")
    ents = []
    for i, e in enumerate(_list(data, "entities", path)):
        where = f"entities[{i}]"
        typ = _str(e, "type", where, path)
        if typ not in ENTITY_TYPES:
            raise _bad(path, f"{where}: unknown entity type {typ!r}")
        ents.append(GoldEntity(_str(e, "name", where, path) or "", typ,
                               _strs(e, "mentions", where, path), _strs(e, "aliases", where, path)))
    evs = []
    for i, e in enumerate(_list(data, "events", path)):
        where = f"events[{i}]"
        typ = _str(e, "type", where, path)
        if typ not in PLOVER_TYPES:
            raise _bad(path, f"{where}: unknown PLOVER type {typ!r}")
        evs.append(GoldEvent(typ, _str(e, "sentence", where, path) or "",
                             _str(e, "source", where, path, optional=True),
                             _str(e, "target", where, path, optional=True),
                             _str(e, "mode", where, path, optional=True),
                             _int(e, "dead", where, path), _int(e, "injured", where, path),
                             _int(e, "captured", where, path)))
    rels = []
    for i, r in enumerate(_list(data, "relations", path)):
        where = f"relations[{i}]"
        pred = _str(r, "predicate", where, path)
        if pred not in RELATION_PREDICATES:
            raise _bad(path, f"{where}: unknown predicate {pred!r}")
        rels.append(GoldRelation(_str(r, "subject", where, path) or "", pred,
                                 _str(r, "object", where, path) or "",
                                 _str(r, "evidence", where, path, optional=True) or ""))
    lang = data.get("lang")
    if lang not in (None, "ar", "en"):
        raise _bad(path, f"field 'lang' must be 'ar' or 'en', not {lang!r}")
    date = data.get("date")
    if date is not None and not isinstance(date, str):
        raise _bad(path, "field 'date' must be a string or null")
    source = data.get("source") or Path(str(path)).stem
    return Gold(str(source), lang or "", date, ents, evs, rels, str(path))


def load_gold(path: str | Path) -> Gold:
    """Read and check a gold JSON file; errors name the file (and line for bad JSON)."""
    p = Path(path)
    if not p.is_file():
        raise error(DataError, "E106", path=p)
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise error(DataError, "E102", path=p, pos=exc.start) from None
    if not text.strip():
        raise error(DataError, "E100", path=p)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(DataError, "E103", path=p, line=exc.lineno, detail=exc.msg) from None
    return parse_gold(data, p)

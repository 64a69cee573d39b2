"""Query parameters: declared in a query's header, typed, validated, turned into RDF terms.

A ``--param name=value`` never becomes query text. It is validated against
its declared kind and turned into an rdflib term; the store then binds the
term through a VALUES block (:func:`kg.store.base.bind_values`), where the
term is serialised with escaping. A string therefore always stays one
literal, whatever quotes, braces or keywords it holds.

Kinds (header ``# @param NAME: KIND[?] description``; ``?`` = optional):

- ``iri``: ``<http://...>``, an absolute IRI, or a prefixed name with a
  known prefix (``id:``, ``cn:``, ``wd:`` ...). Characters that IRIs forbid
  (spaces, ``<>"{}|^`\\``) are refused.
- ``plover``: a PLOVER event type (``ASSAULT``) → its SKOS concept
  ``vocab:eventType/ASSAULT`` (the object of ``cn:eventType``).
- ``string``: a plain literal.
- ``date``: ``YYYY-MM-DD`` → ``xsd:date``.
- ``integer``: → ``xsd:integer``.
- ``search``: free text → a regular expression (a literal) that matches it
  ignoring Arabic diacritics, hamza and letter-form variants, and Latin case;
  also binds ``NAME_key``, the folded text, to look up ``cn:searchKey``.

>>> coerce(Param("t", "plover"), "assault")
rdflib.term.URIRef('https://w3id.org/kg-conflict/vocab/eventType/ASSAULT')
>>> coerce(Param("q", "string"), 'x" } DROP ALL #')
rdflib.term.Literal('x" } DROP ALL #')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Mapping

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import QueryParamError, error
from kg.model import PLOVER_TYPES
from kg.rdf.namespace import ID_BASE, ONTOLOGY_IRI

KINDS: tuple[str, ...] = ("iri", "plover", "string", "date", "integer", "search")

#: Prefixes accepted in ``iri`` parameters (the same the query files declare).
PREFIXES: dict[str, str] = {
    "cn": ONTOLOGY_IRI,
    "vocab": "https://w3id.org/kg-conflict/vocab/",
    "id": ID_BASE,
    "wd": "http://www.wikidata.org/entity/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
}

_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
# Characters the SPARQL IRIREF production forbids.
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LOCAL = re.compile(r"^[A-Za-z0-9_\-./#%]*$")


@dataclass(frozen=True)
class Param:
    """A declared query parameter."""

    name: str
    kind: str = "string"
    required: bool = True
    doc: str = ""


def parse_assignments(items: Iterable[str]) -> dict[str, str]:
    """``["a=1", "b=x=y"]`` → ``{"a": "1", "b": "x=y"}``; E301 on a malformed item."""
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not _VAR.match(name):
            raise error(QueryParamError, "E301", param=item, detail="expected NAME=VALUE with NAME a variable name")
        out[name] = value
    return out


def parse_iri(value: str, param: str = "iri") -> URIRef:
    """A validated IRI from ``<...>``, an absolute IRI or a known prefixed name."""
    v = value.strip()
    if v.startswith("<") and v.endswith(">"):
        v = v[1:-1]
    else:
        pfx, colon, local = v.partition(":")
        if colon and pfx in PREFIXES and not local.startswith("//"):
            if not _LOCAL.match(local):
                raise error(QueryParamError, "E301", param=param, detail=f"bad local name in {value!r}")
            v = PREFIXES[pfx] + local
    if not _SCHEME.match(v):
        raise error(QueryParamError, "E301", param=param,
                    detail=f"{value!r} is not an IRI (give <http://...>, http://... or a prefixed name such as id:...)")
    if _BAD_IRI.search(v):
        raise error(QueryParamError, "E301", param=param, detail=f"{value!r} holds characters IRIs forbid")
    return URIRef(v)


def coerce(param: Param, value: str) -> URIRef | Literal:
    """The RDF term for ``value`` as ``param`` declares it (E301 when invalid)."""
    kind = param.kind
    if kind == "iri":
        return parse_iri(value, param.name)
    if kind == "plover":
        t = value.strip().upper()
        if t.startswith("CN:"):
            t = t[3:]
        if t not in PLOVER_TYPES:
            raise error(QueryParamError, "E301", param=param.name,
                        detail=f"{value!r} is not a PLOVER type ({', '.join(PLOVER_TYPES)})")
        return URIRef(PREFIXES["vocab"] + "eventType/" + t)
    if kind == "date":
        try:
            d = date.fromisoformat(value.strip())
        except ValueError:
            raise error(QueryParamError, "E301", param=param.name, detail=f"{value!r} is not a date YYYY-MM-DD") from None
        return Literal(d.isoformat(), datatype=XSD.date)
    if kind == "integer":
        try:
            n = int(value.strip())
        except ValueError:
            raise error(QueryParamError, "E301", param=param.name, detail=f"{value!r} is not an integer") from None
        return Literal(str(n), datatype=XSD.integer)
    if kind == "search":
        pat = search_pattern(value)
        if not pat:
            raise error(QueryParamError, "E301", param=param.name, detail="empty search text")
        return Literal(pat)
    if "\x00" in value:
        raise error(QueryParamError, "E301", param=param.name, detail="NUL character in value")
    return Literal(value)


# Arabic marks ignored by search: tashkeel U+064B-U+0652, superscript alef U+0670, tatweel U+0640.
_MARKS = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670", "\u0640"]
# Letters that spelling varies between; each matches any of its group.
_GROUPS = ["اأإآٱ", "يىئ", "هة", "وؤ"]
_GROUP_OF = {c: g for g in _GROUPS for c in g}
_REGEX_META = set("\\.^$|?*+()[]{}")


def search_pattern(text: str) -> str:
    """A regex matching ``text`` inside a label, ignoring diacritics, hamza forms and case.

    Built from alternations and ASCII classes only: Virtuoso's regex engine
    mismatches non-ASCII character classes, alternations work everywhere.

    >>> import re
    >>> p = search_pattern("ابراهيم")
    >>> bool(re.search(p, "أحمد إِبْرَاهِيم")), bool(re.search(search_pattern("IBRAHIM"), "Ahmed Ibrahim"))
    (True, True)
    >>> bool(re.search(search_pattern("a.b"), "axb"))
    False
    """
    marks = "(" + "|".join(_MARKS) + ")*"
    out: list[str] = []
    for ch in " ".join(text.split()):
        if ch in _MARKS:
            continue
        if ch in _GROUP_OF:
            out.append("(" + "|".join(_GROUP_OF[ch]) + ")" + marks)
        elif "\u0600" <= ch <= "\u06ff":
            out.append(ch + marks)
        elif ch.isascii() and ch.isalpha():
            out.append(f"[{ch.lower()}{ch.upper()}]")
        elif ch in _REGEX_META:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def search_key(text: str) -> str:
    """``text`` folded the way the search patterns fold it: Arabic marks dropped, each
    variant letter replaced by the first of its group, ASCII letters in lower case.

    The summary graph keeps the folded form of every name (``cn:searchKey``), so
    entity search finds its candidates with a plain ``CONTAINS`` on the folded
    query instead of a regular expression per name (engines compile a pattern
    that comes from a variable anew for every row). Whenever the pattern of a
    text matches a name, the name's key contains the text's key; the pattern
    then decides on the few candidates.

    >>> search_key("إِبْرَاهِيم"), search_key("Shoigu")
    ('ابراهيم', 'shoigu')
    """
    out: list[str] = []
    for ch in text:
        if ch in _MARKS:
            continue
        if ch in _GROUP_OF:
            out.append(_GROUP_OF[ch][0])
        else:
            out.append(ch.lower() if ch.isascii() else ch)
    return "".join(out)


def expand_search(name: str, value: str) -> dict[str, Literal]:
    """Extra binding of a ``search`` parameter: ``NAME_key``, the folded text (:func:`search_key`)."""
    return {f"{name}_key": Literal(search_key(" ".join(value.split())))}


def undeclared(name: str, value: str) -> URIRef | Literal:
    """Parameters of ad-hoc SPARQL: ``<...>`` is an IRI, anything else a plain literal."""
    v = value.strip()
    if v.startswith("<") and v.endswith(">"):
        return parse_iri(v, name)
    return coerce(Param(name, "string"), value)


def bind_params(declared: Mapping[str, Param], given: Mapping[str, str],
                strict: bool = True) -> dict[str, URIRef | Literal]:
    """Check ``given`` against ``declared`` and return the terms to bind.

    Missing required parameters and (when ``strict``) unknown ones are E301.
    Optional parameters left out stay unbound, so the query matches any value.
    """
    out: dict[str, URIRef | Literal] = {}
    for name, value in given.items():
        if name in declared:
            out[name] = coerce(declared[name], value)
            if declared[name].kind == "search":
                out.update(expand_search(name, value))
        elif strict and declared:
            known = ", ".join(declared) or "none"
            raise error(QueryParamError, "E301", param=name, detail=f"unknown parameter (this query takes: {known})")
        else:
            out[name] = undeclared(name, value)
    for p in declared.values():
        if p.required and p.name not in given:
            raise error(QueryParamError, "E301", param=p.name, detail=f"required ({p.kind}): {p.doc}".rstrip(": "))
    return out

"""Stable IRIs: the same input always mints the same IRI.

IRIs depend only on content (document id, KB keys, names, offsets), never on
run order or in-memory ids, so rebuilding an article gives identical triples
and an incremental build never duplicates an entity or an event.

>>> str(document_iri("000_abc"))
'https://w3id.org/kg-conflict/id/doc/000_abc'
>>> slug("Sergei  Lavrov")
'sergei-lavrov'
>>> slug("وزارة الصحة")
'%D9%88%D8%B2%D8%A7%D8%B1%D9%87-%D8%A7%D9%84%D8%B5%D8%AD%D9%87'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

from rdflib import URIRef

from kg.rdf.namespace import ID, VOCAB

# Arabic letter normalisation for slugs, so spelling variants mint one IRI.
_AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "ـ": None})
_SEP = re.compile(r"[^\w]+", re.UNICODE)

SUMMARY_GRAPH = ID["graph/summary"]
ONTOLOGY_GRAPH = ID["graph/ontology"]


def slug(text: str) -> str:
    """Lower-case, diacritic-free, hyphenated, percent-encoded (Arabic kept, encoded)."""
    t = unicodedata.normalize("NFKC", text).translate(_AR_FOLD)
    t = "".join(c for c in unicodedata.normalize("NFD", t) if unicodedata.category(c) != "Mn")
    t = _SEP.sub("-", t.casefold()).strip("-_")
    return quote(t or "x", safe="-_.~")


def digest(*parts: object) -> str:
    """Short content hash of ``parts`` (16 hex chars: collisions are negligible per store)."""
    h = hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:16]


def document_iri(doc_id: str) -> URIRef:
    return ID["doc/" + quote(doc_id, safe="-_.~")]


_SAFE_KEY = re.compile(r"^[A-Za-z0-9._~-]+$")
_TYPE_DIRS = {"person", "country", "governmentbody", "militaryforce", "organization", "igo", "media",
              "armedgroup", "place", "treaty"}


def key_path(key: str) -> str:
    """A KB key as an IRI path: IRI-safe keys stay as they are (``ARM``, ``Q7747``);
    composite keys (``Armed Forces|ARM``) become slugged segments (``armed-forces/ARM``).

    >>> key_path("Ministry of Defence|ARM"), key_path("Q7747")
    ('ministry-of-defence/ARM', 'Q7747')
    """
    parts = [p if _SAFE_KEY.match(p) else slug(p) for p in key.split("|") if p.strip()] or ["x"]
    if len(parts) > 1 and parts[0].lower() in _TYPE_DIRS:
        parts[0] = "k-" + parts[0]  # never collide with ID/entity/<type>/<name>
    return "/".join(parts)


def entity_iri(etype: str, name: str, key: str | None = None) -> URIRef:
    """``ID/entity/<key>`` for KB entities, else ``ID/entity/<type>/<slug of name>``."""
    if key:
        return ID["entity/" + key_path(key)]
    return ID[f"entity/{etype.lower()}/{slug(name)}"]


def event_iri(doc_id: str, sent_start: int, sent_end: int, etype: str, source: str | None,
              target: str | None, trig_start: int, trig_end: int) -> URIRef:
    return ID["event/" + digest(doc_id, sent_start, sent_end, etype, source, target, trig_start, trig_end)]


def evidence_iri(owner: URIRef) -> URIRef:
    """One evidence node per event or statement, derived from its IRI."""
    return ID["evidence/" + digest(owner)]


def statement_iri(doc_id: str, subject: URIRef, predicate: str, obj: URIRef, start: int, end: int) -> URIRef:
    return ID["statement/" + digest(doc_id, subject, predicate, obj, start, end)]


def position_iri(title: str, of: URIRef | None, country: URIRef | None) -> URIRef:
    """A post (e.g. Minister of Defence of Russia); the same post across documents is one node."""
    return ID[f"position/{slug(title)}-{digest(title.casefold(), of, country)[:8]}"]


def interaction_iri(source: URIRef, target: URIRef, etype: str) -> URIRef:
    return ID["interaction/" + digest(source, target, etype)]


def tie_iri(source: URIRef, target: URIRef, quad: str) -> URIRef:
    """The summary node of all events of one quad class from ``source`` to ``target``."""
    return ID["tie/" + digest(source, target, quad)]


def event_list_iri(actor: URIRef, event_type: URIRef) -> URIRef:
    """The summary node listing the events of one type in which ``actor`` is source or target."""
    return ID["event-list/" + digest(actor, event_type)]


def event_type_concept(etype: str) -> URIRef:
    return VOCAB["eventType/" + etype]


def mode_concept(mode: str) -> URIRef:
    return VOCAB["mode/" + slug(mode)]


def context_concept(context: str) -> URIRef:
    return VOCAB["context/" + slug(context)]


def quad_class_concept(quad: str) -> URIRef:
    return VOCAB["quadClass/" + slug(quad)]

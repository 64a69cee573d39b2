"""Mentions → entities: overlap resolution, grouping and coreference.

- Knowledge-base and composed keys group mentions (a capital stands for its
  country; ``Ministry of Defence|ARM`` groups every mention of that body).
- A body named without its country ("the ministry", or its Arabic equivalent listed in anaphora.tsv)
  refers back to the last body of that kind, or to the article's first country.
- A person named by surname only joins the person whose name ends with it.
- Demonym-only countries become entities only when an event or relation uses
  them (``prune_unused`` runs at the end of the pipeline).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from kg.kb import KBEntry
from kg.lang.index import category
from kg.mentions.lexicon_hits import kb
from kg.mentions.matcher import candidates
from kg.model import Entity, Mention, Sentence, Token
from kg.pipeline import Component, Work, register
from kg.text.normalize import is_arabic, norm_text

# Which component's reading of a span wins when spans overlap (lower wins).
_SOURCE_RANK = {"gazetteer": 0, "title": 1, "cue": 2, "stanza": 3, "ner": 4, "surname": 5, "anaphor": 6}
_SECTOR_BY_TYPE = {"GovernmentBody": "GOV", "MilitaryForce": "MIL", "IGO": "IGO", "Media": "MED", "ArmedGroup": "REB"}


@dataclass
class Actor:
    """A mention that can fill an event role, with its entity."""

    mention: Mention
    entity: Entity


@lru_cache(maxsize=65536)
def _clean_ar(text: str) -> str:
    """Arabic label without a leading conjunction/preposition clitic."""
    n = norm_text(text)
    for p in ("و", "ف", "ب", "ل", "ك"):
        if n.startswith(p + "ال") or (n.startswith(p) and n[1:] and len(text) > 4 and text[1:2] in "أاإآ"):
            return text[1:]
    return text


@lru_cache(maxsize=65536)
def _norm_clean(text: str) -> str:
    """Normalised form of a name without its leading clitic (mentions repeat: computed once)."""
    return norm_text(_clean_ar(text))


# mention texts and names repeat within and across documents: normalised once
_norm = lru_cache(maxsize=65536)(norm_text)
_is_arabic = lru_cache(maxsize=65536)(is_arabic)


def sentence_norms(work: Work) -> list[list[str]]:
    """Token norms of each sentence of the document, listed once (cached on the Work):
    linking, dates and events look words up by norm."""
    got: list[list[str]] | None = work.scratch.get("norms")
    if got is None:
        got = work.scratch["norms"] = [[t.norm for t in s.tokens] for s in work.document.sentences]
    return got


class Linker(Component):
    name = "link"
    requires = frozenset({"mentions"})
    provides = frozenset({"entities"})

    def __call__(self, work: Work) -> None:
        doc = work.document
        mentions = self._resolve_overlaps(work.mentions)
        entities: dict[str, Entity] = {}
        order: list[str] = []
        first_country: list[str] = []
        last_body: dict[str, str] = {}       # body name_en → entity key
        last_of_kind: dict[str, str] = {}    # anaphor kind → entity key
        persons_by_last: dict[str, str] = {}
        surnames_done: dict[str, int] = {}  # person key → how many of its mentions gave their surname
        mention_entity: dict[tuple[int, int], str] = {}

        def get(key: str, m: Mention, e: KBEntry | None = None) -> Entity:
            if key not in entities:
                if e is None and m.key and m.found_by == "gazetteer":
                    e = kb().get(m.key)  # looked up only when it starts an entity
                entities[key] = self._new_entity(key, m, e)
                order.append(key)
            ent = entities[key]
            ent.mentions.append(m)
            mention_entity[m.span] = key
            return ent

        ana_spans: dict[int, list[tuple[int, int, str]]] = {}
        for sent in doc.sentences:
            for i, j, pays in category(work, sent, "anaphora"):
                ana_spans.setdefault(sent.index, []).append((sent.tokens[i].start, sent.tokens[j - 1].end, pays[0]))

        by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            by_sentence.setdefault(m.sentence, []).append(m)
        for sent in doc.sentences:
            items: list[tuple[int, object]] = [(m.start, m) for m in by_sentence.get(sent.index, [])]
            covered = [(m.start, m.end) for m in by_sentence.get(sent.index, [])]
            for s, e, kind in ana_spans.get(sent.index, []):
                if not any(a <= s < b or a < e <= b for a, b in covered):
                    items.append((s, (s, e, kind)))
            items.sort(key=lambda x: x[0])
            for _, it in items:
                if isinstance(it, tuple):
                    s, e, kind = it
                    key = last_of_kind.get(kind)
                    if key:
                        m = Mention(start=s, end=e, text=doc.text[s:e], type=entities[key].type,
                                    sentence=sent.index, found_by="anaphor", attrs={"anaphor": kind})
                        get(key, m)
                    continue
                m = it
                assert isinstance(m, Mention)
                if m.type == "Country" and m.key:
                    key = m.key
                    if not m.attrs.get("demonym") and key not in first_country:
                        first_country.append(key)
                elif m.attrs.get("kind") == "body":
                    body = m.attrs["body"]
                    if m.key:
                        key = m.key
                    elif m.type == "ArmedGroup":
                        key = f"ArmedGroup:{body}"  # "the rebels": one actor per article
                    elif body in last_body:
                        key = last_body[body]
                    elif first_country:
                        c = kb().get(first_country[0])
                        iso = (c.iso3 or c.key) if c else first_country[0]
                        key = f"{body}|{iso}"
                        m.country = iso
                        m.name = f"{body} of {c.name if c else iso}"
                    else:
                        key = f"{body}|?"
                    last_body[body] = key
                    kind = "ministry" if body.lower().startswith(("ministry", "department")) or "ministry" in body.lower() else \
                        ("army" if m.type == "MilitaryForce" else "body")
                    last_of_kind[kind] = key
                elif m.key:
                    key = m.key
                elif m.type == "Person":
                    key = self._person_key(m, persons_by_last)
                else:
                    key = f"{m.type}:{_norm(m.name or m.text)}"
                ent = get(key, m)
                self._absorb(ent, m)
                if ent.type == "Person":
                    self._add_surnames(ent, key, persons_by_last, surnames_done)
        self._surnames(work, entities, persons_by_last, mention_entity, get)
        ents = [entities[k] for k in order]
        for ent in ents:
            if not ent.labels.get("en") and ent.name and not _is_arabic(ent.name):
                ent.labels["en"] = ent.name
        for n, ent in enumerate(ents, 1):
            ent.attrs["key"] = ent.key
            ent.id = f"e{n}"
        key_to_id = {k: entities[k].id for k in order}
        work.entities = ents
        work.scratch["mention_entity"] = {span: key_to_id[k] for span, k in mention_entity.items()}
        actors: dict[int, list[Actor]] = {}
        for ent in ents:
            for m in ent.mentions:
                actors.setdefault(m.sentence, []).append(Actor(m, ent))
        for lst in actors.values():
            lst.sort(key=lambda a: a.mention.start)
        work.scratch["actors"] = actors

    # ------------------------------------------------------------------
    @staticmethod
    def _resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
        """Keep the best reading of overlapping spans; merge title info into KB persons."""
        ranked = sorted(mentions, key=lambda m: (_SOURCE_RANK.get(m.found_by, 9), -(m.end - m.start), m.start))
        kept: list[Mention] = []
        spans = _Spans() if all(m.start < m.end for m in mentions) else None
        for m in ranked:
            if m.attrs.get("inside_body"):
                kept.append(m)  # a country named inside its body's name: nested, not competing
                continue
            clash = spans.first_overlap(m) if spans is not None else _first_overlap(m, kept)
            if clash is None:
                kept.append(m)
                if spans is not None:
                    spans.add(m)
            elif clash.type == "Person" and m.type == "Person":
                for a, v in m.attrs.items():
                    clash.attrs.setdefault(a, v)
                clash.country = clash.country or m.country
                clash.sector = clash.sector or m.sector
                if m.found_by == "title" and clash.found_by == "gazetteer":
                    clash.attrs["title_found"] = True
        kept.sort(key=lambda m: m.start)
        return kept

    @staticmethod
    def _add_surnames(ent: Entity, key: str, persons_by_last: dict[str, str], done: dict[str, int]) -> None:
        """Index the person's full names by surname: its label and each mention not indexed yet."""
        label = _norm(_clean_ar(ent.labels.get("ar") or "") or ent.name)
        n = done.get(key, 0)
        done[key] = len(ent.mentions)
        for form in [label] + [_norm_clean(mm.text) for mm in ent.mentions[n:]]:
            parts = form.split()
            if len(parts) >= 2:  # the first entity to claim a surname keeps it
                persons_by_last.setdefault(parts[-1], key)
                persons_by_last.setdefault(_bare_surname(parts[-1]), key)

    @staticmethod
    def _person_key(m: Mention, persons_by_last: dict[str, str]) -> str:
        form = _norm_clean(m.text)
        parts = form.split()
        if len(parts) == 1:
            for p in (parts[0], _bare_surname(parts[0])):
                if p in persons_by_last:
                    return persons_by_last[p]
        return f"Person:{form}"

    @staticmethod
    def _new_entity(key: str, m: Mention, e: KBEntry | None) -> Entity:
        labels: dict[str, str] = {}
        if e is not None:
            labels = {k: v for k, v in e.labels.items() if k in ("ar", "en") and v}
            ent = Entity(id="", name=e.name, type=e.type if m.type != "Country" else "Country", labels=labels,
                         country=e.iso3 or e.country, sector=e.sector, key=e.key,
                         same_as=[f"http://www.wikidata.org/entity/{e.wikidata}"] if e.wikidata else [])
            if ent.type == "Country":
                ent.sector = None
            return ent
        name = m.name or _clean_ar(m.text)
        ent = Entity(id="", name=name, type=m.type, country=m.country,
                     sector=m.sector or _SECTOR_BY_TYPE.get(m.type), key=m.key)
        if m.key and "|" in m.key:
            ent.key = m.key
        return ent

    @staticmethod
    def _absorb(ent: Entity, m: Mention) -> None:
        lang = "ar" if _is_arabic(m.text) else "en"
        if m.attrs.get("demonym"):
            ent.attrs.setdefault("demonym_only", True)
        else:
            ent.attrs["demonym_only"] = False
        if lang not in ent.labels or (m.found_by != "anaphor" and not ent.labels[lang]):
            if m.found_by != "anaphor" and not m.attrs.get("demonym"):
                ent.labels[lang] = _clean_ar(m.text) if lang == "ar" else m.text
        if lang == "en" and ent.labels.get("en") is None:
            ent.labels["en"] = ent.name
        ent.country = ent.country or m.country
        ent.sector = ent.sector or m.sector
        if m.attrs.get("position"):
            ent.attrs.setdefault("positions", [])
            pos = {k: m.attrs.get(k) for k in ("title", "role", "position", "org_start", "org_end")}
            pos["country"] = m.country
            pos["sentence"] = m.sentence
            if pos not in ent.attrs["positions"]:
                ent.attrs["positions"].append(pos)
        if m.attrs.get("year"):
            ent.attrs["year"] = m.attrs["year"]

    @staticmethod
    def _surnames(work: Work, entities: dict[str, Entity], persons_by_last: dict[str, str],
                  mention_entity: dict[tuple[int, int], str], get) -> None:  # type: ignore[no-untyped-def]
        """Bare surnames of persons already named in full elsewhere in the document."""
        if not persons_by_last:
            return
        doc = work.document
        spans = sorted(mention_entity)
        starts = [a for a, _ in spans]
        known = {f for f in persons_by_last if len(f) >= 3}
        hits = _surname_hits(doc.sentences, sentence_norms(work), known)
        for sent, tok, hit in hits:
            if doc.lang == "en" and not tok.text[:1].isupper():
                continue
            k = bisect_right(starts, tok.start) - 1
            if k >= 0 and spans[k][0] <= tok.start < spans[k][1]:
                continue
            m = Mention(start=tok.start, end=tok.end, text=tok.text, type="Person",
                        sentence=sent.index, found_by="surname")
            get(persons_by_last[hit], m)


def _first_overlap(m: Mention, kept: list[Mention]) -> Mention | None:
    """The first kept (not nested) mention that overlaps ``m``."""
    for k in kept:
        if m.start < k.end and k.start < m.end and not k.attrs.get("inside_body"):
            return k
    return None


class _Spans:
    """Kept mentions that do not overlap one another (all non-empty), by position.

    Their starts and ends ascend together, so the ones overlapping a span are
    a contiguous run found by bisection; of those, the first kept wins.
    """

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.items: list[tuple[int, int, Mention]] = []  # (start, order kept, mention)

    def add(self, m: Mention) -> None:
        k = bisect_left(self.starts, m.start)
        self.starts.insert(k, m.start)
        self.ends.insert(k, m.end)
        self.items.insert(k, (m.start, len(self.items), m))

    def first_overlap(self, m: Mention) -> Mention | None:
        lo = bisect_right(self.ends, m.start)   # first kept ending after m starts
        hi = bisect_left(self.starts, m.end)    # kept starting before m ends: [0, hi)
        if lo >= hi:
            return None
        return min(self.items[lo:hi], key=lambda it: it[1])[2]


class _FormIndex:
    """Token norms seen so far, by each form they may match a surname under (``candidates``,
    first three): finding a document's possible surnames is then a few set operations
    instead of a lookup per token.
    """

    LIMIT = 100_000  # norms kept (bounded memory on endless streams)

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.by_form: dict[str, list[str]] = {}

    def matching(self, forms: set[str], norms: set[str]) -> set[str]:
        """The ``norms`` one of whose forms is in ``forms``."""
        if not self.seen.issuperset(norms):
            if len(self.seen) > self.LIMIT:
                self.seen.clear()
                self.by_form.clear()
            for n in norms - self.seen:
                self.seen.add(n)
                for f in _surname_forms(n):
                    self.by_form.setdefault(f, []).append(n)
        out: set[str] = set()
        for f in forms:
            out.update(self.by_form.get(f, ()))
        return out & norms


class _Norm(NamedTuple):
    """A token reduced to its norm: all that ``candidates`` reads."""

    norm: str


def forms_of(norm: str) -> tuple[str, ...]:
    """The forms under which a token of this norm matches (``candidates``), most literal first."""
    return candidates(_Norm(norm))  # type: ignore[arg-type]


def _surname_forms(norm: str) -> tuple[str, ...]:
    """The forms a token of this norm may be a surname under."""
    return forms_of(norm)[:3]


_INDEX = _FormIndex()


def _surname_hits(sentences: list[Sentence], norms: list[list[str]],
                  known: set[str]) -> list[tuple[Sentence, Token, str]]:
    """(sentence, token, known form) of each token one of whose forms is in ``known``.

    ``norms``: the token norms of each sentence.
    """
    hit_of = {n: next(f for f in _surname_forms(n) if f in known)
              for n in _INDEX.matching(known, set().union(*norms))}
    if not hit_of:
        return []  # no surname in this document
    out = []
    for sent, ns in zip(sentences, norms):
        if not hit_of.keys().isdisjoint(ns):
            toks = sent.tokens
            out.extend((sent, toks[k], hit_of[n]) for k, n in enumerate(ns) if n in hit_of)
    return out


def _bare_surname(norm: str) -> str:
    """Surname without its article: "al-assad" → "assad", "الاسد" → "اسد"."""
    for p in ("al-", "el-", "ال"):
        if norm.startswith(p) and len(norm) - len(p) >= 3:
            return norm[len(p):]
    return norm


def prune_unused(work: Work) -> None:
    """Drop entities known only through a demonym that no event or relation uses."""
    used: set[str] = set()
    for ev in work.events:
        used.update(x for x in (ev.source, ev.target, ev.location, ev.claimed_by) if x)
    for r in work.relations:
        used.add(r.subject)
        used.add(r.object)
    keep = []
    for e in work.entities:
        if e.attrs.get("demonym_only") and e.id not in used:
            continue
        e.mentions = [m for m in e.mentions if not m.attrs.get("demonym")] or e.mentions
        keep.append(e)
    work.entities = keep


@register("link")
def _factory() -> Component:
    return Linker()

"""Mentions → entities: overlap resolution, grouping and coreference.

- Knowledge-base and composed keys group mentions (a capital stands for its
  country; ``Ministry of Defence|ARM`` groups every mention of that body).
- A body named without its country ("the ministry", or its Arabic equivalent listed in anaphora.tsv)
  refers back to the last body of that kind, or to the article's first country (failing one, the
  country of the first capital named as a place, "in Lima").
- A capital named as a place stays a Place; ``capital_country`` gives events the country it stands
  for where a role needs a state (the host of "arrived in Lima").
- A person named by surname only joins the person whose name ends with it.
- Demonym-only countries become entities only when an event or relation uses
  them (``prune_unused`` runs at the end of the pipeline).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from typing import Any, NamedTuple, Union

from kg.kb import KBEntry
from kg.lang.index import sentence_matches
from kg.mentions.lexicon_hits import kb
from kg.mentions.matcher import candidates, greedy
from kg.model import Entity, Mention, Sentence, Token
from kg.pipeline import Component, Work, register
from kg.text.normalize import is_arabic, norm_text

# Which component's reading of a span wins when spans overlap (lower wins).
_SOURCE_RANK = {"gazetteer": 0, "title": 1, "cue": 2, "stanza": 3, "ner": 4, "surname": 5, "anaphor": 6}
_SECTOR_BY_TYPE = {"GovernmentBody": "GOV", "MilitaryForce": "MIL", "IGO": "IGO", "Media": "MED", "ArmedGroup": "REB"}


@dataclass(slots=True)  # one per mention, read often by events and relations
class Actor:
    """A mention that can fill an event role, with its entity."""

    mention: Mention
    entity: Entity

    def __init__(self, mention: Mention, entity: Entity) -> None:  # native under mypyc (see kg.model.Token)
        self.mention = mention
        self.entity = entity

    def __reduce__(self) -> tuple[Any, ...]:
        return (Actor, (self.mention, self.entity))


@lru_cache(maxsize=65536)
def _clean_ar(text: str) -> str:
    """Arabic label without a leading conjunction/preposition clitic."""
    n = norm_text(text)
    for p in ("و", "ف", "ب", "ل", "ك"):
        # after ب ل ك ف a bare alef is part of the name (كارلوس، بابلو، فادي): only a hamza marks a
        # clitic; و before a bare alef is the conjunction far more often (واندرسون)
        alefs = "أاإآ" if p == "و" else "أإآ"
        if n.startswith(p + "ال") or (n.startswith(p) and n[1:] and len(text) > 4 and text[1:2] in alefs):
            return text[1:]
    return text


@lru_cache(maxsize=65536)
def _norm_clean(text: str) -> str:
    """Normalised form of a name without its leading clitic (mentions repeat: computed once)."""
    return norm_text(_clean_ar(text))


# mention texts and names repeat within and across documents: normalised once
_norm = lru_cache(maxsize=65536)(norm_text)
_is_arabic = lru_cache(maxsize=65536)(is_arabic)


@lru_cache(maxsize=65536)
def _bare_surname(norm: str) -> str:
    """Surname without its article: "al-assad" → "assad", "الاسد" → "اسد"."""
    for p in ("al-", "el-", "ال"):
        if norm.startswith(p) and len(norm) - len(p) >= 3:
            return norm[len(p):]
    return norm


def sentence_norms(work: Work) -> list[list[str]]:
    """Token norms of each sentence of the document, listed once (cached on the Work):
    linking, dates and events look words up by norm."""
    got: list[list[str]] | None = work.scratch.get("norms")
    if got is None:
        got = work.scratch["norms"] = [[t.norm for t in s.tokens] for s in work.document.sentences]
    return got


def document_norms(work: Work) -> set[str]:
    """The document's token norms as a set, made once (cached on the Work): dates and events
    look each word type up once per document, not each token."""
    got: set[str] | None = work.scratch.get("norm_set")
    if got is None:
        got = work.scratch["norm_set"] = set().union(*sentence_norms(work))
    return got


Anaphor = tuple[int, int, str]  # (start, end, kind) of an anaphoric phrase ("the ministry")


@dataclass
class _Linking:
    """What linking remembers while it walks a document's mentions in text order."""

    entities: dict[str, Entity] = field(default_factory=dict)  # key → entity, in order of first mention
    first_country: list[str] = field(default_factory=list)
    first_capital: list[str] = field(default_factory=list)  # countries of capitals named as places ("in Oslo")
    first_demonym: list[str] = field(default_factory=list)  # countries named only by adjective ("Colombian rebels")
    last_body: dict[str, str] = field(default_factory=dict)  # body name_en → entity key
    last_of_kind: dict[str, str] = field(default_factory=dict)  # anaphor kind → entity key
    persons_by_last: dict[str, str] = field(default_factory=dict)  # surname → person key
    surnames_done: dict[str, int] = field(default_factory=dict)  # person key → mentions indexed by surname
    mention_entity: dict[tuple[int, int], Entity] = field(default_factory=dict)  # span → entity

    def add(self, key: str, m: Mention) -> Entity:
        """Attach a mention to the entity of ``key``, made at its first mention."""
        ent = self.entities.get(key)
        if ent is None:
            e = kb().get(m.key) if m.key and m.found_by == "gazetteer" else None
            ent = self.entities[key] = _new_entity(m, e)
        ent.mentions.append(m)
        self.mention_entity[(m.start, m.end)] = ent
        return ent

    def add_surnames(self, ent: Entity, key: str) -> None:
        """Index the person's full names by surname: its label and each mention not indexed yet."""
        label = _norm(_clean_ar(ent.labels.get("ar") or "") or ent.name)
        n = self.surnames_done.get(key, 0)
        self.surnames_done[key] = len(ent.mentions)
        for form in [label] + [_norm_clean(mm.text) for mm in ent.mentions[n:]]:
            parts = form.split()
            if len(parts) >= 2:  # the first entity to claim a surname keeps it
                self.persons_by_last.setdefault(parts[-1], key)
                self.persons_by_last.setdefault(_bare_surname(parts[-1]), key)


class Linker(Component):
    name = "link"
    requires = frozenset({"mentions"})
    provides = frozenset({"entities"})

    def __call__(self, work: Work) -> None:
        doc = work.document
        st = _Linking()
        by_sentence: dict[int, list[Mention]] = {}
        for m in _resolve_overlaps(work.mentions):
            by_sentence.setdefault(m.sentence, []).append(m)
        for sent in doc.sentences:
            ms = by_sentence.get(sent.index, [])
            anaphors = _anaphors(work, sent)
            if not anaphors:
                for m in ms:  # most sentences: mentions only, already in text order
                    self._link(st, m)
                continue
            for it in _with_anaphors(ms, anaphors):
                if isinstance(it, Mention):
                    self._link(st, it)
                else:
                    self._anaphor(st, doc.text, sent, it)
        self._surnames(work, st)
        ents = list(st.entities.values())
        for n, ent in enumerate(ents, 1):
            if not ent.labels.get("en") and ent.name and not _is_arabic(ent.name):
                ent.labels["en"] = ent.name
            ent.attrs["key"] = ent.key
            ent.id = f"e{n}"
        work.entities = ents
        work.scratch["mention_entity"] = {span: ent.id for span, ent in st.mention_entity.items()}
        work.scratch["actors"] = _actors(ents)

    # ------------------------------------------------------------------
    @staticmethod
    def _link(st: _Linking, m: Mention) -> None:
        """Link one mention: find its entity's key, attach it, update what later mentions refer to."""
        if m.type == "Country" and m.key:
            key = m.key
            if not m.attrs.get("demonym") and key not in st.first_country:
                st.first_country.append(key)
            elif m.attrs.get("demonym") and key not in st.first_demonym:
                st.first_demonym.append(key)
        elif m.attrs.get("kind") == "body":
            key = _body_key(st, m)
        elif m.key:
            key = m.key
            iso = capital_iso(key)
            if iso and iso not in st.first_capital:
                st.first_capital.append(iso)
        elif m.type == "Person":
            key = _person_key(m, st.persons_by_last)
        else:
            key = f"{m.type}:{_norm(m.name or m.text)}"
        ent = st.add(key, m)
        _absorb(ent, m)
        if ent.type == "Person":
            st.add_surnames(ent, key)

    @staticmethod
    def _anaphor(st: _Linking, text: str, sent: Sentence, ana: Anaphor) -> None:
        """An anaphoric phrase refers to the last body of its kind, if any."""
        s, e, kind = ana
        key = st.last_of_kind.get(kind)
        if key:
            m = Mention(start=s, end=e, text=text[s:e], type=st.entities[key].type,
                        sentence=sent.index, found_by="anaphor", attrs={"anaphor": kind})
            st.add(key, m)

    @staticmethod
    def _surnames(work: Work, st: _Linking) -> None:
        """Bare surnames of persons already named in full elsewhere in the document."""
        if not st.persons_by_last:
            return
        doc = work.document
        spans = sorted(st.mention_entity)
        starts = [a for a, _ in spans]
        known = {f for f in st.persons_by_last if len(f) >= 3}
        hits = _surname_hits(doc.sentences, sentence_norms(work), known, document_norms(work))
        for sent, tok, hit in hits:
            if doc.lang == "en" and not tok.text[:1].isupper():
                continue
            k = bisect_right(starts, tok.start) - 1
            if k >= 0 and spans[k][0] <= tok.start < spans[k][1]:
                continue
            m = Mention(start=tok.start, end=tok.end, text=tok.text, type="Person",
                        sentence=sent.index, found_by="surname")
            st.add(st.persons_by_last[hit], m)


def _body_key(st: _Linking, m: Mention) -> str:
    """Key of a body's mention; a body named without its country takes the article's first country."""
    body = m.attrs["body"]
    if not m.key:
        m.attrs["country_guessed"] = True  # its country is not stated with it: no ministryOf from it
    if m.key:
        key = m.key
    elif m.type == "ArmedGroup":
        key = f"ArmedGroup:{body}"  # "the rebels": one actor per article
    elif body in st.last_body:
        key = st.last_body[body]
    elif st.first_country or st.first_capital or (st.first_demonym and body.startswith("Government")):
        # (no country named yet: a capital named as a place, "demonstrated in Beirut against the
        # government", still says whose government; a country named anywhere before wins; failing
        # both, a government's country is the first named by its adjective: "Colombian rebels clashed
        # with government troops" — other bodies are not, "the French envoy urged the forces to leave")
        first = (st.first_country or st.first_capital or st.first_demonym)[0]
        c = kb().get(first)
        iso = (c.iso3 or c.key) if c else first
        key = f"{body}|{iso}"
        m.country = iso
        m.name = f"{body} of {c.name if c else iso}"
    else:
        key = f"{body}|?"
    st.last_body[body] = key
    kind = "ministry" if body.lower().startswith(("ministry", "department")) or "ministry" in body.lower() else \
        ("army" if m.type == "MilitaryForce" else "body")
    st.last_of_kind[kind] = key
    return key


def _person_key(m: Mention, persons_by_last: dict[str, str]) -> str:
    form = _norm_clean(m.text)
    parts = form.split()
    if len(parts) == 1:
        for p in (parts[0], _bare_surname(parts[0])):
            if p in persons_by_last:
                return persons_by_last[p]
    return f"Person:{form}"


def _new_entity(m: Mention, e: KBEntry | None) -> Entity:
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


def _absorb(ent: Entity, m: Mention) -> None:
    """What a mention tells about its entity: labels, country, sector, positions."""
    lang = "ar" if _is_arabic(m.text) else "en"
    demonym = m.attrs.get("demonym")
    if demonym:
        ent.attrs.setdefault("demonym_only", True)
    else:
        ent.attrs["demonym_only"] = False
    labels = ent.labels
    if lang not in labels or (m.found_by != "anaphor" and not labels[lang]):
        if m.found_by != "anaphor" and not demonym:
            labels[lang] = _clean_ar(m.text) if lang == "ar" else m.text
    if lang == "en" and labels.get("en") is None:
        labels["en"] = ent.name
    if not ent.country:
        ent.country = m.country
    if not ent.sector:
        ent.sector = m.sector
    if m.attrs.get("position"):
        ent.attrs.setdefault("positions", [])
        pos = {k: m.attrs.get(k) for k in ("title", "role", "position", "org_start", "org_end")}
        pos["country"] = m.country
        pos["sentence"] = m.sentence
        if pos not in ent.attrs["positions"]:
            ent.attrs["positions"].append(pos)
    if m.attrs.get("year"):
        ent.attrs["year"] = m.attrs["year"]


def _anaphors(work: Work, sent: Sentence) -> list[Anaphor]:
    """Anaphoric phrases of a sentence (lexicon ``anaphora``)."""
    found = sentence_matches(work, sent).get("anaphora")
    if not found:
        return []
    toks = sent.tokens
    return [(toks[i].start, toks[j - 1].end, pays[0]) for i, j, pays in greedy(found)]


def _with_anaphors(ms: list[Mention], anaphors: list[Anaphor]) -> list[Union[Mention, Anaphor]]:
    """The sentence's mentions and the anaphors no mention covers, in text order."""
    items: list[tuple[int, Union[Mention, Anaphor]]] = [(m.start, m) for m in ms]
    covered = [(m.start, m.end) for m in ms]
    for s, e, kind in anaphors:
        if not any(a <= s < b or a < e <= b for a, b in covered):
            items.append((s, (s, e, kind)))
    items.sort(key=lambda x: x[0])
    return [it for _, it in items]


_MENTION_START = attrgetter("mention.start")


def _actors(ents: list[Entity]) -> dict[int, list[Actor]]:
    """Each entity's mentions as actors, by sentence, in text order (entity order for ties)."""
    pairs = [Actor(m, ent) for ent in ents for m in ent.mentions]
    pairs.sort(key=_MENTION_START)
    out: dict[int, list[Actor]] = {}
    for a in pairs:
        out.setdefault(a.mention.sentence, []).append(a)
    return out


def _rank(m: Mention) -> tuple[int, int, int]:
    """Which reading of overlapping spans wins: the better source, then the longer span."""
    return (_SOURCE_RANK.get(m.found_by, 9), m.start - m.end, m.start)


def _position(m: Mention) -> tuple[int, int, int]:
    """Text order; among mentions that start together, the order of ``_rank``."""
    return (m.start, _SOURCE_RANK.get(m.found_by, 9), m.start - m.end)


def _resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Keep the best reading of overlapping spans; merge title info into KB persons.

    Only mentions that overlap others compete, so each run of overlapping
    spans is resolved on its own (all of them at once if a span is empty).
    """
    ordered = sorted(mentions, key=_position)
    if all(m.start < m.end for m in mentions):
        dropped: set[int] = set()
        for run in _overlap_runs(ordered):
            dropped |= _dropped(sorted(run, key=_rank))
    else:
        dropped = _dropped(sorted(mentions, key=_rank))
    return [m for m in ordered if id(m) not in dropped] if dropped else ordered


def _overlap_runs(ordered: list[Mention]) -> list[list[Mention]]:
    """Runs of two or more (not nested) mentions whose spans overlap in a chain, from mentions in text order."""
    runs: list[list[Mention]] = []
    run: list[Mention] = []
    end = -1
    for m in ordered:
        if m.attrs.get("inside_body"):
            continue  # a country named inside its body's name: nested, not competing
        if m.start < end:
            run.append(m)
            end = max(end, m.end)
            continue
        if len(run) > 1:
            runs.append(run)
        run = [m]
        end = m.end
    if len(run) > 1:
        runs.append(run)
    return runs


def _dropped(ranked: list[Mention]) -> set[int]:
    """ids of the mentions that lose to a better-ranked overlapping one (``ranked``: best first)."""
    kept: list[Mention] = []
    dropped: set[int] = set()
    for m in ranked:
        if m.attrs.get("inside_body"):
            kept.append(m)  # a country named inside its body's name: nested, not competing
            continue
        clash = next((k for k in kept if m.start < k.end and k.start < m.end and not k.attrs.get("inside_body")), None)
        if clash is None:
            kept.append(m)
            continue
        dropped.add(id(m))
        if clash.type == "Person" and m.type == "Person":
            for a, v in m.attrs.items():
                clash.attrs.setdefault(a, v)
            clash.country = clash.country or m.country
            clash.sector = clash.sector or m.sector
            if m.found_by == "title" and clash.found_by == "gazetteer":
                clash.attrs["title_found"] = True
    return dropped


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


def _surname_hits(sentences: list[Sentence], norms: list[list[str]], known: set[str],
                  all_norms: set[str] | None = None) -> list[tuple[Sentence, Token, str]]:
    """(sentence, token, known form) of each token one of whose forms is in ``known``.

    ``norms``: the token norms of each sentence; ``all_norms``: all of them as a set, if made already.
    """
    if all_norms is None:
        all_norms = set().union(*norms)
    hit_of = {n: next(f for f in _surname_forms(n) if f in known)
              for n in _INDEX.matching(known, all_norms)}
    if not hit_of:
        return []  # no surname in this document
    out: list[tuple[Sentence, Token, str]] = []
    for sent, ns in zip(sentences, norms):
        if not hit_of.keys().isdisjoint(ns):
            toks = sent.tokens
            out.extend((sent, toks[k], hit_of[n]) for k, n in enumerate(ns) if n in hit_of)
    return out


def capital_iso(key: str | None) -> str | None:
    """The country key of a capital named as a place (key ``capital|ISO3``), else None."""
    return key.split("|", 1)[1] if key and key.startswith("capital|") else None


def capital_country(work: Work, place: Actor) -> Actor | None:
    """The country a capital named as a place stands for, as an actor on the capital's span.

    "X arrived in Hanoi" (Vietnam hosts), "a court in Moscow sentenced" (Russia acts): the capital
    stays a Place entity; events that need a state there use this one. The country's entity is the
    document's own if it has one, else made here as the linker makes it (from the knowledge base)
    and marked ``stands_for_only``, so ``prune_unused`` drops it again if no event keeps it. The
    mention is the capital's own span, marked ``stands_for``, so evidence offsets stay real.
    """
    iso = capital_iso(place.entity.key)
    e = kb().get(iso) if iso else None
    if e is None or e.type != "Country":
        return None
    pm = place.mention
    m = Mention(start=pm.start, end=pm.end, text=pm.text, type="Country", sentence=pm.sentence,
                found_by="gazetteer", key=e.key, name=e.name, country=e.iso3 or e.country,
                attrs={"kind": "capital", "stands_for": "capital"})
    ent = next((x for x in work.entities if x.type == "Country" and x.key == e.key), None)
    if ent is None:
        ent = _new_entity(m, e)
        ids = [int(x.id[1:]) for x in work.entities if x.id[:1] == "e" and x.id[1:].isdigit()]
        ent.id = f"e{max(ids, default=0) + 1}"
        ent.attrs.update(key=ent.key, demonym_only=False, stands_for_only=True)
        work.entities.append(ent)
    old = next((x for x in ent.mentions if x.span == m.span), None)
    if old is None:
        ent.mentions.append(m)
    return Actor(old or m, ent)


def prune_unused(work: Work) -> None:
    """Drop entities known only through a demonym, or only as what a capital stands for
    (``capital_country``), that no event or relation uses; and capital mentions of a country
    that no event used through them."""
    # (None, for a role an event lacks, is no entity id)
    used = {x for ev in work.events for x in (ev.source, ev.target, ev.location, ev.claimed_by)}
    used.update([r.subject for r in work.relations], [r.object for r in work.relations])
    # (events name entities, not mentions: a capital mention is kept where an event of its sentence uses its entity)
    used_in = {(x, ev.sentence_index) for ev in work.events for x in (ev.source, ev.target)}
    keep = []
    for e in work.entities:
        if (e.attrs.get("demonym_only") or e.attrs.get("stands_for_only")) and e.id not in used:
            continue
        e.mentions = [m for m in e.mentions if not m.attrs.get("demonym")
                      and not (m.attrs.get("stands_for") and (e.id, m.sentence) not in used_in)] or e.mentions
        keep.append(e)
    work.entities = keep


@register("link")
def _factory() -> Component:
    return Linker()

"""Relations with evidence.

- holdsPosition / leaderOf / memberOf from the titles persons were introduced with (kg.mentions.titles);
  a former title gives holdsPosition only, a spokesperson is no member of the body spoken for;
- ministryOf for ministries and executive departments named with their country (not for a country
  the linker only guessed for a bare "the ministry");
- memberOf / hasMilitaryBaseIn / locatedIn from cue words (relation_cues.tsv) between two actors:
  "A, B and C joined NATO", "NATO member X", "X, an EU member", affiliation words next to both
  actors (التابعة لـ، المنتمي لـ), "a Chilean military facility in Peru", "X, the capital of Y";
- partyTo for the countries named in a treaty's clause, except a country named as a place;
- locatedIn for a place followed by in/في [(] and a country or place, ", Country" (English; Arabic
  datelines), its nationality adjective (مدينة X الكينية, "the Kenyan city of X"), بـ (مدينة X ببيرو),
  "province of"; for an outlet or firm named with its country (صحيفة «X» النرويجية, "the Ghanaian
  fishing firm X").
"""

from __future__ import annotations

from kg.entities.link import Actor
from kg.lang.index import Match, sentence_matches
from kg.lang.lexicon import word_set
from kg.mentions.matcher import greedy
from kg.model import Entity, Relation, Sentence
from kg.pipeline import Component, Work, register
from kg.text.normalize import is_arabic

_HEAD_ROLES = {"head_of_state", "head_of_government", "monarch", "leader", "secretary_general", "chair", "head"}
_IN = {"في", "فى", "in", "inside", "within", "(في", "(in"}


_JOINED = ("", "the", "ل", "ب", "لل")  # what may stand between a cue and the actor after it (لحزب: ل)
_CLAUSE_BREAKS = {"،", ",", ";", "؛", "حيث", "بينما", "where", "while", "whereas", "but", "لكن"}


def _is_ministry(name: str) -> bool:
    """A ministry or an executive department ("Department of State", "Treasury Department")."""
    low = name.lower()
    return "ministry" in low or "department of" in low


def _clause_span(sent: Sentence, start: int, end: int) -> tuple[int, int]:
    """Character span of the clause around [start, end), cut at commas and clause words."""
    lo, hi = sent.start, sent.end
    for t in sent.tokens:
        if t.norm in _CLAUSE_BREAKS or t.text in _CLAUSE_BREAKS:
            if t.end <= start:
                lo = t.end
            elif t.start >= end and t.start < hi:
                hi = t.start
    return lo, hi


class RelationExtractor(Component):
    name = "relations"
    requires = frozenset({"entities"})
    provides = frozenset({"relations"})

    def __call__(self, work: Work) -> None:
        doc = work.document
        out: list[Relation] = []
        seen: set[tuple[str, str, str]] = set()
        country_ent = {e.key: e for e in work.entities if e.type == "Country" and e.key}
        by_span: dict[tuple[int, int], Entity] = {}  # filled at the first title that names its organisation
        actors: dict[int, list[Actor]] = work.scratch.get("actors", {})

        def add(subj: str, pred: str, obj: str, sent: Sentence, conf: float, **attrs: object) -> None:
            k = (subj, pred, obj)
            if k in seen or subj == obj:
                return
            seen.add(k)
            out.append(Relation(subject=subj, predicate=pred, object=obj, evidence=sent.text,
                                sentence_index=sent.index, start=sent.start, end=sent.end,
                                confidence=conf, attrs=dict(attrs)))

        for ent in work.entities:
            if ent.type == "Person":
                for pos in ent.attrs.get("positions", []):
                    sent = doc.sentences[pos["sentence"]]
                    org = None
                    if pos.get("org_start") is not None:
                        by_span = by_span or {(m.start, m.end): e for e in work.entities for m in e.mentions}
                        org = by_span.get((pos["org_start"], pos["org_end"]))
                    # a national title without a country ("Secretary of State X") takes the person's own
                    country = country_ent.get(pos.get("country") or ent.country or "")
                    position = pos["position"]
                    if position == pos["title"] and country is not None and org is None:
                        position = f"{pos['title']} of {country.name}"
                    add(ent.id, "holdsPosition", position, sent, 0.8,
                        title=pos["title"], org=org.id if org else None, country=country.id if country else None)
                    role = pos.get("role") or ""
                    if role == "former":
                        continue  # a title no longer held: the position only
                    if org is not None:
                        if role in _HEAD_ROLES and (org.type == "IGO" or role not in ("secretary_general",)):
                            add(ent.id, "leaderOf", org.id, sent, 0.7)
                        elif role != "spokesperson":  # a spokesperson speaks for a body, not as its member
                            add(ent.id, "memberOf", org.id, sent, 0.6)
                    elif country is not None and role in ("head_of_state", "head_of_government", "monarch", "leader"):
                        add(ent.id, "leaderOf", country.id, sent, 0.7)
            elif ent.type == "GovernmentBody" and ent.country and _is_ministry(ent.name):
                c = country_ent.get(ent.country)
                stated = [m for m in ent.mentions if not m.attrs.get("country_guessed")]
                if c is not None and stated:  # the country named with the ministry, not the article's first
                    m = min(stated, key=lambda m: m.start)
                    add(ent.id, "ministryOf", c.id, doc.sentences[m.sentence], 0.8)
        for sent in doc.sentences:
            acts = actors.get(sent.index)
            if not acts:
                continue  # each relation below links actors of one sentence
            cues = sentence_matches(work, sent).get("relation_cues")
            if cues:
                self._cues(sent, greedy(cues), acts, add)
            types = {a.entity.type for a in acts}
            if types & {"Media", "Organization"}:
                self._media_country(sent, acts, add)
            if "Treaty" in types:
                self._treaties(sent, acts, cues or [], add)
            if "Place" in types:
                self._located(sent, acts, add)
        work.relations = out

    @staticmethod
    def _cues(sent: Sentence, cues: list[Match], acts: list[Actor], add) -> None:  # type: ignore[no-untyped-def]
        """memberOf / hasMilitaryBaseIn from cue words (``cues``) between two actors."""
        toks = sent.tokens
        for i, j, pays in cues:
            pred = pays[0]
            c_start, c_end = toks[i].start, toks[j - 1].end
            before = [a for a in acts if a.mention.end <= c_start and a.entity.type not in ("Treaty", "Place", "Person")]
            after = [a for a in acts if a.mention.start >= c_end and c_end - 0 <= a.mention.start]
            if pred == "locatedIn":
                RelationExtractor._capital_of(sent, c_start, c_end, acts, add)
                continue
            if pred == "memberOf" and (RelationExtractor._affiliated(sent, c_start, c_end, acts, add)
                                       or RelationExtractor._igo_member(sent, c_start, c_end, acts, add)):
                continue
            if not before and pred == "memberOf" and len(after) >= 2 and after[0].entity.type == "Country" \
                    and is_arabic(toks[i].text) and not _demonym(after[0]):
                n = 1  # verb first: "انضمت فنلندا إلى الحلف", "انضمت A وB إلى الحلف"
                while n < len(after) and _coordinated(after[:n + 1], sent)[-1] is after[0]:
                    n += 1
                before, after = after[:n], after[n:]
            if not before or not after:
                continue
            if pred == "memberOf":
                obj = next((a for a in after if a.entity.type in ("IGO", "Organization")), None)
                if obj is None:
                    continue
                for subj in reversed(_coordinated(before, sent)):  # "A, B and C, which joined the WTO"
                    add(subj.entity.id, pred, obj.entity.id, sent, 0.6)
            elif pred == "hasMilitaryBaseIn":
                host = next((a for a in after if a.entity.type in ("Country", "Place")), None)
                lo, _ = _clause_span(sent, c_start, c_end)  # the owner is named in the cue's clause
                owner = next((a for a in reversed(before) if a.entity.type == "Country" and a.mention.start >= lo), None)
                if host is None or owner is None:
                    continue
                add(owner.entity.id, pred, host.entity.id, sent, 0.6)

    @staticmethod
    def _affiliated(sent: Sentence, c_start: int, c_end: int, acts: list[Actor], add) -> bool:  # type: ignore[no-untyped-def]
        """"X, a member of Y" / "الحركة X التابعة لـY": an actor right before the cue (a person too)
        belongs to the group, body or organisation right after it."""
        text = sent.text
        subj = next((a for a in reversed(acts) if a.mention.end <= c_start), None)
        obj = next((a for a in acts if a.mention.start >= c_end), None)
        if subj is None or obj is None or subj.entity.type in ("Place", "Treaty", "Country", "IGO") \
                or obj.entity.type not in ("IGO", "Organization", "ArmedGroup", "GovernmentBody", "MilitaryForce"):
            return False
        if text[subj.mention.end - sent.start:c_start - sent.start].strip(" ،,»\"”").lower() not in ("", "a", "an") \
                or text[c_end - sent.start:obj.mention.start - sent.start].strip(" «\"“").lower() not in _JOINED:
            return False
        if not subj.mention.attrs.get("country_guessed"):  # (a body of a guessed country: no fact at all)
            add(subj.entity.id, "memberOf", obj.entity.id, sent, 0.6)
        return True

    @staticmethod
    def _media_country(sent: Sentence, acts: list[Actor], add) -> None:  # type: ignore[no-untyped-def]
        """A news outlet or firm named with its country (صحيفة «X» النرويجية, "X, a Lima newspaper",
        "the Ghanaian fishing firm X") is located in it."""
        for a in acts:
            at = a.mention.attrs.get("country_at") if a.entity.type in ("Media", "Organization") else None
            c = next((b for b in acts if b.mention.start == at and b.entity.type == "Country"), None) if at else None
            if c is not None:
                add(a.entity.id, "locatedIn", c.entity.id, sent, 0.6)

    @staticmethod
    def _igo_member(sent: Sentence, c_start: int, c_end: int, acts: list[Actor], add) -> bool:  # type: ignore[no-untyped-def]
        """"NATO member Turkey", "EU member state Hungary": the IGO right before the cue, the member right after."""
        text = sent.text

        def gap(x: int, y: int) -> str:
            return text[x - sent.start:y - sent.start].strip().lower()

        n = next((k for k in range(len(acts) - 1, -1, -1) if acts[k].mention.end <= c_start), None)
        if n is None or acts[n].entity.type != "IGO" or gap(acts[n].mention.end, c_start):
            return False
        igo = acts[n]
        member = next((a for a in acts if a.mention.start >= c_end), None)
        if member is None or member.entity.type != "Country" or gap(c_end, member.mention.start):
            # "Portugal, an EU member": the country before the IGO, in an apposition
            member = acts[n - 1] if n > 0 else None
            if member is None or member.entity.type != "Country" \
                    or gap(member.mention.end, igo.mention.start) not in (", a", ", an"):
                return False
        add(member.entity.id, "memberOf", igo.entity.id, sent, 0.6)
        return True

    @staticmethod
    def _capital_of(sent: Sentence, c_start: int, c_end: int, acts: list[Actor], add) -> None:  # type: ignore[no-untyped-def]
        """"X, the capital of Y" / "X عاصمة Y": the place right before the cue lies in the country right after."""
        text = sent.text
        place = next((a for a in reversed(acts) if a.mention.end <= c_start), None)
        country = next((a for a in acts if a.mention.start >= c_end), None)
        if place is None or country is None or place.entity.type != "Place" or country.entity.type != "Country":
            return
        before = text[place.mention.end - sent.start:c_start - sent.start].strip(" ،,").lower()
        after = text[c_end - sent.start:country.mention.start - sent.start].strip()
        if before in ("", "the") and not after:
            add(place.entity.id, "locatedIn", country.entity.id, sent, 0.7)

    @staticmethod
    def _treaties(sent: Sentence, acts: list[Actor], cues: list[Match], add) -> None:  # type: ignore[no-untyped-def]
        """Countries named in the same clause as a treaty are its parties, unless named as a place."""
        cue_ends = {sent.tokens[j - 1].end for _, j, pays in cues if pays[0] == "locatedIn"}
        under = {sent.tokens[j - 1].end for _, j, pays in cues if pays[0] == "partyTo"}
        treaties = [a for a in acts if a.entity.type == "Treaty"]
        for t in treaties:
            lo, hi = _clause_span(sent, t.mention.start, t.mention.end)
            before = sent.text[:t.mention.start - sent.start].rstrip()
            if before.lower().endswith(" the"):
                before = before[:-4].rstrip()
            if sent.start + len(before) in under and hi < sent.end:
                # "بموجب الاتفاق، أعادت بيرو ...": a fronted "under the treaty" belongs to the next clause
                _, hi = _clause_span(sent, hi + 1, hi + 1)
            countries: list[Entity] = []
            for a in acts:
                if a.entity.type == "Country" and not a.mention.attrs.get("demonym") and a.entity not in countries \
                        and lo <= a.mention.start < hi and not _where(sent, a, lo, cue_ends):
                    countries.append(a.entity)
            if len(countries) > 4:
                continue
            for c in countries:
                add(c.id, "partyTo", t.entity.id, sent, 0.5)

    @staticmethod
    def _located(sent: Sentence, acts: list[Actor], add) -> None:  # type: ignore[no-untyped-def]
        """A place followed by in/في [(] and a country or place, by ", Country", or by its
        nationality adjective (مدينة X الكينية; "the Kenyan city of X")."""
        text = sent.text

        def gap(x: Actor, y: Actor) -> str:
            return text[x.mention.end - sent.start:y.mention.start - sent.start].strip(" ()«»\"“”").lower()

        for k, a in enumerate(acts):
            if a.entity.type != "Place":
                continue
            if k > 0 and _demonym(acts[k - 1]) and _city_of(gap(acts[k - 1], a)):
                add(a.entity.id, "locatedIn", acts[k - 1].entity.id, sent, 0.6)  # the Indian city of X
                continue
            for n, b in enumerate(acts[k + 1:], k + 1):
                if _demonym(b):
                    if not text[a.mention.end - sent.start:b.mention.start - sent.start].strip() \
                            and b.mention.start > a.mention.end:  # مدينة X الكينية; not "غزة (الفرنسية)": AFP
                        add(a.entity.id, "locatedIn", b.entity.id, sent, 0.6)
                        break
                    continue
                g = gap(a, b)  # (not needed after an adjective)
                if b.entity.type == "Place" and (g in _IN or (not g and _in_clitic(b))):  # حي X في نيروبي
                    add(a.entity.id, "locatedIn", b.entity.id, sent, 0.5)
                elif b.entity.type == "Country" and (g in _IN or g == "of" or _in_clitic(b) and not g or _cue_of(g)
                                                     or (g in (",", "،") and _comma_place(a, b, sent) and not _listed(acts, n, text, sent))):
                    add(a.entity.id, "locatedIn", b.entity.id, sent, 0.6)
                break


def _coordinated(before: list[Actor], sent: Sentence) -> list[Actor]:
    """The last actor of ``before`` and those listed with it ("A, B and C", "A وB"), of its type."""
    last = before[-1]
    out = [last]
    for a in reversed(before[:-1]):
        g = sent.text[a.mention.end - sent.start:out[-1].mention.start - sent.start].strip().lower()
        if a.entity.type != last.entity.type or g not in ("", ",", "،", "and", ", and"):
            break
        if not g and not out[-1].mention.text.startswith("و"):
            break  # two names side by side, not a list
        out.append(a)
    return out


def _where(sent: Sentence, a: Actor, lo: int, cue_ends: set[int]) -> bool:
    """Is the country named as a place ("signed in Norway"; after a locatedIn cue ending at one of
    ``cue_ends``: "Minsk, the capital of Belarus")?"""
    before = sent.text[lo - sent.start:a.mention.start - sent.start].rstrip()
    words = before.lower().split()
    return bool(words) and (words[-1] in _IN or sent.start + len(before) in cue_ends)


def _comma_place(a: Actor, b: Actor, sent: Sentence) -> bool:
    """"Aleppo, Syria": a place and its country after a comma. Not "X، وY" (a list); in Arabic only
    in a dateline at the start of the sentence (كيتو، الإكوادور), elsewhere a comma separates items."""
    if b.mention.text.startswith("و"):
        return False
    return not is_arabic(a.mention.text) or a.mention.start - sent.start < 3


def _in_clitic(b: Actor) -> bool:
    """Is the mention written with the preposition بـ "in" (ببيرو: بـ + بيرو)?"""
    text, label = b.mention.text, b.entity.labels.get("ar") or ""
    return text.startswith("ب") and (text[1:] == label or not label.startswith("ب"))


def _cue_of(gap: str) -> bool:
    """"province of", "the region of": place cue words and "of" between a place and its country."""
    words = gap.split()
    return 2 <= len(words) <= 3 and words[-1] == "of" and words[-2] in word_set("en", "place_cues")


def _demonym(a: Actor) -> bool:
    return a.entity.type == "Country" and bool(a.mention.attrs.get("demonym"))


def _city_of(gap: str) -> bool:
    """"city of", "border town of": a few lower-case words ending in "of" between an adjective and a place."""
    words = gap.split()
    return 2 <= len(words) <= 3 and words[-1] == "of" and all(w.isalpha() and w.islower() for w in words)


def _listed(acts: list[Actor], n: int, text: str, sent: Sentence) -> bool:
    """Is country ``acts[n]`` one of a list ("three coastal states, Ghana, Togo and Benin")?"""
    if n + 1 >= len(acts) or acts[n + 1].entity.type != "Country":
        return False
    g = text[acts[n].mention.end - sent.start:acts[n + 1].mention.start - sent.start].strip().lower()
    return g in (",", "،", "and", "و", ", and") or (not g and acts[n + 1].mention.text.startswith("و"))


@register("relations")
def _factory() -> Component:
    return RelationExtractor()

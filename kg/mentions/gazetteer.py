"""Gazetteer mentions: KB actors, country bodies and forces, places and treaties.

Bodies are composed with the country that qualifies them: an Arabic
adjective after (``وزارة الخارجية الأردنية``), an English adjective or
possessive before (``Armenian Defence Ministry``, ``Russia's army``) or
``of`` + country after (``Ministry of Defence of Armenia``).
"""

from __future__ import annotations

import re

from functools import lru_cache
from typing import Any

from kg.kb import KBEntry
from kg.lang.index import sentence_matches
from kg.lang.lexicon import read_rows, table, word_set
from kg.mentions.lexicon_hits import Hit, kb, sentence_hits
from kg.mentions.matcher import greedy
from kg.resources import package_data
from kg.model import Document, Mention, Sentence, Token
from kg.pipeline import Component, Work, register
from kg.text.normalize import ar_stems, is_arabic, norm_text

_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
# Cue kinds whose word is part of the place's name ("Wakhan corridor", "ممر واخان").
_CUE_IN_NAME = {"corridor", "strait", "sea", "gulf", "bay", "lake", "river", "canal", "pass", "crossing", "peninsula", "island", "islands", "mountains", "valley", "desert", "plain", "plateau"}
_EN_DETERMINERS = {"the", "its", "their", "his", "her", "our"}
_EN_NAME_JOINERS = {"al", "el", "bin", "bint", "ibn", "de", "del", "da", "van", "von", "der", "la", "le", "abu", "ul", "ud"}




@lru_cache(maxsize=1)
def body_canon() -> dict[str, str]:
    """Body names that denote the same national body ("Army" → "Armed Forces")."""
    return {r[0]: r[1] for _, r in read_rows(package_data() / "body_canon.tsv", 2, 2)}


def is_anaphor(work: Work, sent: Sentence, i: int, j: int) -> bool:
    """Do tokens [i, j) form a back-reference such as "the ministry" (anaphora.tsv)?"""
    return any(a == i and b == j and "named_body" not in k
               for a, b, k in sentence_matches(work, sent).get("anaphora", []))


def _refers_back(work: Work, sent: Sentence, i: int, j: int, m: Mention) -> bool:
    """A body word that names a body only with its country or after it (anaphora kind named_body:
    the word with a nationality adjective, then the bare word), here bare with no such body before
    it (the word in a generic sense, e.g. with an adjective that is no nationality)."""
    if m.country is not None or m.attrs.get("owner") is not None:
        return False
    if not any(a == i and b == j and "named_body" in k for a, b, k in sentence_matches(work, sent).get("anaphora", [])):
        return False
    body = m.attrs.get("body")
    return not any(x.attrs.get("body") == body and x.country for x in work.mentions)


def _nisba(norm: str) -> bool:
    """A definite Arabic relative adjective (الحدودية، الانفصالية، الشرقي)."""
    return norm.startswith("ال") and (norm.endswith("يه") or norm.endswith("ي")) and len(norm) > 5


@lru_cache(maxsize=1)
def _names_like_nisbas() -> dict[str, str]:
    """Countries whose Arabic name has the shape of a relative adjective (مالي): normalised name → key."""
    out: dict[str, str] = {}
    for e in kb().by_type("Country"):
        n = norm_text(e.labels.get("ar", ""))
        if n.endswith("ي") and " " not in n and not e.demonyms.get("ar"):
            out[n] = e.key
    return out


def _plural_of_name(norm: str) -> KBEntry | None:
    """The country named by a plural adjective formed on its name (ماليين، ماليون → Mali)."""
    if not _plural_nisba(norm):
        return None
    key = _names_like_nisbas().get(norm[:-3] + "ي")
    return kb().get(key) if key else None


def _own_name_end(toks: list[Token], hits: list[Hit], k: int) -> int:
    """End of the definite relative adjectives from token ``k`` that are no known word (a nationality
    is a hit): الوطني، الشعبي in "جيش التحرير الوطني"; ``k`` if none."""
    known = {x for h in hits for x in range(h.i, h.j)}
    while k < len(toks) and k not in known and _nisba(toks[k].norm):
        k += 1
    return k


def _dual(norm: str) -> bool:
    """A definite dual (الجيشان، الحكومتين): two bodies, each named by its own adjective."""
    return norm.startswith("ال") and norm.endswith(("ان", "ين", "تان", "تين")) and len(norm) > 6 \
        and (norm[:-2] in _ar_body_words() or norm[:-3] + "ه" in _ar_body_words())


@lru_cache(maxsize=1)
def _ar_body_words() -> frozenset[str]:
    """Single-word Arabic body patterns (الجيش، الحكومة), normalised."""
    return frozenset(norm_text(r[0]) for r in table("ar", "bodies") if r and " " not in r[0])


def _nisba_qualifies(prev: str) -> bool:
    """Is the definite word before a definite adjective a noun it qualifies (الشؤون in الشؤون الداخلية)?"""
    return prev.startswith("ال") and len(prev) > 3 and prev not in word_set("ar", "function_words")


def _clitic_masdar(norm: str) -> bool:
    """The preposition ب on a verbal noun of the derived forms افتعال، انفعال، استفعال
    (باجتياح، بانسحاب، باستهداف): ب, alif, the form's own letter (ت third, ن, ست), ā before the last
    letter. Foreign names with ب and alif (باشينيان، باسكال) lack the form's letter where it stands."""
    w = norm[1:] if norm.startswith("و") else norm
    if not w.startswith("با") or w[-2:-1] != "ا":
        return False
    return (len(w) == 7 and (w[3] == "ت" or w[2] == "ن")) or (len(w) == 8 and w[2:4] == "ست")


def _plural_nisba(norm: str) -> bool:
    """An indefinite plural relative adjective (ماليين، محليون): it qualifies, it names no owner."""
    return not norm.startswith("ال") and norm.endswith(("يين", "يون")) and len(norm) > 5


@lru_cache(maxsize=1)
def _owner_words() -> frozenset[str]:
    """English single-word bodies of government ("government", "regime"): "government troops"
    names the troops of the article's government, so it needs no article."""
    return frozenset(norm_text(r[0]) for r in table("en", "bodies") if len(r) > 2 and " " not in r[0]
                     and r[2] == "GovernmentBody" and not r[0].endswith("s"))


def _en_bare_body(anaphora: list[tuple[int, int, list[str]]], toks: list[Token], i: int, j: int) -> bool:
    """An English body named without article or country that still names one body: a singular
    word opening the sentence ("Police said", "Parliament approved"); a body owned by the
    government word it starts with ("government troops"); a body word that refers back to one
    named with its country (anaphora kind named_body: "soldiers" after "the Malian army")."""
    if i == 0 and toks[i].text[:1].isupper() and j - i == 1 and not toks[i].norm.endswith("s") \
            and not (j < len(toks) and toks[j].norm == "in"):
        return True  # ("Police in Lima": the organ of the place named, which the roles read as its state)
    if j - i >= 2 and toks[i].norm in _owner_words():
        return True
    return any(a == i and b == j and "named_body" in k for a, b, k in anaphora)


def _nisba_any(norm: str) -> bool:
    """A relative adjective, definite or not (أمامية، الحدودي)."""
    return (norm.endswith("يه") and len(norm) > 4) or _nisba(norm)


def _adjective(toks: list[Token], start: int, k: int) -> bool:
    """Token k follows an indefinite name and is definite: an adjective ("دارفور المضطرب")."""
    return toks[k].norm.startswith("ال") and not toks[start].norm.startswith("ال") or _nisba(toks[k].norm) \
        or toks[k].norm in word_set("ar", "function_words")


def stop_words(lang: str) -> frozenset[str]:
    """Words that can never be part of a name: stop-names plus every one-word trigger/speech/cue word.

    Only one-word entries count: the first word of a phrase ("رفعت العقوبات") may well be a name.
    """
    words: set[str] = set(word_set(lang, "stopnames"))
    for name in ("triggers", "speech", "negation", "casualties", "dates", "place_cues", "treaty_cues"):
        for w in word_set(lang, name):
            if w and " " not in w:
                words.add(w.rstrip("*"))
    return frozenset(words)


_STOPS: dict[str, frozenset[str]] = {}


def stops(lang: str) -> frozenset[str]:
    if lang not in _STOPS:
        _STOPS[lang] = stop_words(lang)
    return _STOPS[lang]


_PHRASE_HEADS: dict[str, frozenset[str]] = {}


def phrase_heads(lang: str) -> frozenset[str]:
    """First words of multi-word triggers and speech phrases (mostly verbs: أجرى، وقع، said)."""
    if lang not in _PHRASE_HEADS:
        out: set[str] = set()
        for name in ("triggers", "speech"):
            for w in word_set(lang, name):
                if " " in w:
                    out.add(w.split()[0].rstrip("*"))
        _PHRASE_HEADS[lang] = frozenset(out)
    return _PHRASE_HEADS[lang]


def namelike(tok: Token, lang: str, first: bool = False) -> bool:
    """Could this token be part of a proper name?"""
    t = tok.text
    if not t[:1].isalpha():
        return False
    st = stops(lang)
    if lang == "ar":
        if not is_arabic(t) or len(tok.norm) < 2:
            return False
        forms = ar_stems(tok.norm)
        if forms[0] in st or any(f in word_set(lang, "function_words") for f in forms):
            return False
        if min(forms, key=len) in word_set(lang, "common_words"):
            return False  # a word ANERcorp never uses as a name (عددا، أجرى)
        if _clitic_masdar(tok.norm):
            return False  # "باجتياح", "بانسحاب": a preposition on a verbal noun, no name
        # a verb heading a phrase ends a name, though it may start one (رفعت is a name and a verb)
        return first or forms[0] not in phrase_heads(lang)
    low = tok.norm
    if low in _EN_NAME_JOINERS and not first:
        return True
    if not first and "-" in t and t.split("-", 1)[0].lower() in _EN_NAME_JOINERS:
        return True  # al-Assad, bin-Salman
    return t[:1].isupper() and low not in st


def entry_mention(doc: Document, sent: Sentence, h: Hit, e: KBEntry, start: int, end: int) -> Mention:
    typ = e.type
    if h.kind == "capital":
        typ = "Country"
    return Mention(
        start=start, end=end, text=doc.text[start:end], type=typ, sentence=sent.index,
        found_by="gazetteer", key=e.key, name=e.name, country=e.iso3 or e.country, sector=e.sector,
        attrs={"kind": h.kind},
    )


def country_of(h: Hit) -> KBEntry | None:
    """The country a KB hit stands for (a country, its capital or its adjective)."""
    if h.key is None or h.kind not in ("name", "alias", "abbr", "capital", "demonym"):
        return None
    e = kb().get(h.key)
    if e is None or e.type != "Country":
        return None
    return e


_KB_KINDS = frozenset({"name", "alias", "abbr", "capital", "demonym"})  # hits read as knowledge-base entries


class Gazetteer(Component):
    name = "gazetteer"
    requires = frozenset({"tokens"})
    provides = frozenset({"mentions"})

    def __call__(self, work: Work) -> None:
        doc = work.document
        self._extra: list[Mention] = []
        self._own_spans: list[tuple[int, int]] = []  # منطقة «X Y», "Kenya Timber Corp.": names inside are its own
        self._anaphora: list[tuple[int, int, list[str]]] = []  # the sentence's anaphora matches
        mentions = work.mentions
        kb_get = kb().get
        for sent in doc.sentences:
            hits = sentence_hits(work, sent)
            matches = sentence_matches(work, sent)
            self._anaphora = matches.get("anaphora", [])
            used: set[int] = set()
            first = len(mentions)
            toks = sent.tokens
            for n, h in enumerate(hits):
                if n in used:
                    continue
                kind = h.kind
                if kind in _KB_KINDS:  # most hits: tested first (the kinds are exclusive)
                    e = kb_get(h.key) if h.key else None
                    if e is None:
                        continue
                    em = entry_mention(doc, sent, h, e, toks[h.i].start, toks[h.j - 1].end)
                    if kind == "demonym":
                        em.attrs["demonym"] = True
                    elif kind == "capital" and _capital_as_place(doc, sent, h, e):
                        em.type, em.key, em.name = "Place", f"capital|{e.key}", e.capital.get("en") or e.name
                    mentions.append(em)
                elif kind == "body":
                    if is_anaphor(work, sent, h.i, h.j):
                        continue  # "the ministry" and its Arabic form: resolved by the linker
                    if _inside_relation_cue(work, sent, h):
                        continue  # "a Chilean military base": "military" qualifies the base, no body
                    m = self._body(doc, sent, hits, n, used)
                    if m and not _refers_back(work, sent, h.i, h.j, m):
                        mentions.append(m)
                elif kind == "soldiers":
                    m = self._soldiers(doc, sent, hits, n, used)
                    if m:
                        mentions.append(m)
                elif kind == "title":
                    if h.j - h.i >= 2:
                        # organisations named inside a title ("رئيس المجلس الأوروبي")
                        mentions.extend(self._inner(work, sent, h))
                        m = self._body_in_title(work, sent, hits, n, used)
                        if m:
                            mentions.append(m)
                elif kind == "place_cue":
                    mentions.extend(self._places(doc, sent, hits, h))
                elif kind == "treaty_cue":
                    m = self._treaty(doc, sent, hits, h)
                    if m:
                        mentions.append(m)
            if matches or (sent.index == 0 and doc.lang == "en"):  # (no lexicon match: no cue names)
                self._cue_names(work, sent, hits, first, matches)
            if len(mentions) > first:
                _drop_treaty_places(mentions, first)
                if self._own_spans:
                    mentions[first:] = [m for m in mentions[first:] if not any(
                        a <= m.start and m.end <= b and (a, b) != (m.start, m.end) for a, b in self._own_spans)]
            self._own_spans.clear()
        mentions.extend(self._extra)

    def _cue_names(self, work: Work, sent: Sentence, hits: list[Hit], first: int,
                   matches: dict[str, list[tuple[int, int, list[Any]]]]) -> None:
        """Names found by cue words of their own lexicons: datelines, organisations and parties,
        news outlets. A name that covers a known word reads it as its own ("Kenya Timber Corp.")."""
        doc = work.document
        if sent.index == 0 and doc.lang == "en":
            work.mentions.extend(_dateline_place(doc, sent, hits))
        orgs = matches.get("org_cues")
        if orgs and doc.lang == "en":
            found = _en_orgs(doc, sent, hits, greedy(orgs))
            self._own_spans.extend((m.start, m.end) for m in found)
            work.mentions.extend(found)
        elif orgs:
            groups = _ar_groups(doc, sent, hits, greedy(orgs))
            inner = {(m.start, m.end) for m in groups if m.type == "Country"}
            # the party's country adjective is read inside its name (حزب المزارعين الكيني)
            work.mentions[first:] = [m for m in work.mentions[first:]
                                     if not (m.type == "Country" and (m.start, m.end) in inner)]
            work.mentions.extend(groups)
        media = matches.get("media_cues")
        if media:
            found = _media(doc, sent, hits, greedy(media))
            spans = {(m.start, m.end) for m in found}
            # صحيفة «البلقان»: a place name in quotes after the cue names the outlet; the nationality
            # of an agency named by it (وكالة الأنباء الفرنسية) is the agency's
            work.mentions[first:] = [m for m in work.mentions[first:] if (m.start, m.end) not in spans and not (
                m.attrs.get("demonym") and any(a <= m.start and m.end <= b for a, b in spans))]
            work.mentions.extend(found)

    def _inner(self, work: Work, sent: Sentence, h: Hit) -> list[Mention]:
        out = []
        doc = work.document
        toks = sent.tokens
        # only knowledge-base names, so that the title's own match does not hide them
        kb_matches = [(i, j, [p for p in pays if p[0] == "kb"]) for i, j, pays in sentence_matches(work, sent).get("lex", [])
                      if any(p[0] == "kb" for p in pays) and (i, j) != (h.i, h.j)]
        for i, j, pays in greedy(kb_matches, h.i, h.j):
            for p in pays:
                if p[0] == "kb" and p[1] in ("name", "alias", "abbr"):
                    e = kb().get(p[2])
                    if e is not None and e.type != "Person":
                        s, t = toks[i].start, toks[j - 1].end
                        out.append(entry_mention(doc, sent, Hit(i, j, p[1], key=e.key), e, s, t))
                        break
        return out

    def _body_in_title(self, work: Work, sent: Sentence, hits: list[Hit], n: int, used: set[int]) -> Mention | None:
        """A country's body named inside a title, with the country's adjective next to the title:
        المتحدث باسم وزارة الزراعة التشيلية، "Chilean Agriculture Ministry spokesman" → Ministry of Agriculture of Chile."""
        h = hits[n]
        if h.data[1] not in _BODY_TITLE_ROLES:
            return None  # "وزير الخارجية", "رئيس الحكومة": the portfolio or office, not a mention of the body
        ar = work.document.lang == "ar"
        bodies = [(i, j, [p for p in pays if p[0] == "body"]) for i, j, pays in sentence_matches(work, sent).get("lex", [])
                  if h.i <= i and j <= h.j and (i, j) != (h.i, h.j) and (j == h.j if ar else i == h.i)]
        bodies = [b for b in bodies if b[2]]
        if not bodies:
            return None
        i, j, pays = max(bodies, key=lambda b: b[1] - b[0])
        body = Hit(i, j, "body", data=tuple(pays[0][1:]))
        k = n + 1 if ar else n - 1
        side = hits[k] if 0 <= k < len(hits) and (hits[k].i == h.j if ar else hits[k].j == h.i) else None
        if side is None or not country_of(side):
            return None  # the body's country is not named with it
        m = self._body(work.document, sent, [body, side] if ar else [side, body], 0 if ar else 1, set())
        if m is not None and ar:
            used.add(k)  # the adjective is read inside the body's name
        return m

    def _soldiers(self, doc: Document, sent: Sentence, hits: list[Hit], n: int, used: set[int]) -> Mention | None:
        """"جنود أرمن", "Armenian soldiers": soldiers with a nationality stand for that country's forces."""
        h = hits[n]
        toks = sent.tokens
        if doc.lang == "ar":
            # an adjective ("جنود أرمن"), or a name: the accusative adjective of many countries is spelt
            # like the name ("14 جنديا كينيا", "جنديا روسيا") and "جنود كينيا" are Kenya's soldiers too
            d = hits[n + 1] if n + 1 < len(hits) and hits[n + 1].i == h.j \
                and hits[n + 1].kind in ("demonym", "name", "alias") else None
            i, j = h.i, (d.j if d else h.j)
        else:
            d = hits[n - 1] if n > 0 and hits[n - 1].j == h.i and hits[n - 1].kind == "demonym" else None
            i, j = (d.i if d else h.i), h.j
        c = country_of(d) if d is not None else None
        if c is None:
            return None
        used.add(n + 1 if doc.lang == "ar" else n - 1)
        iso = c.iso3 or c.key
        name = body_canon().get("Soldiers", "Armed Forces")
        s, t = toks[i].start, toks[j - 1].end
        return Mention(start=s, end=t, text=doc.text[s:t], type="MilitaryForce", sentence=sent.index,
                       found_by="gazetteer", name=f"{name} of {c.name}", country=iso, key=f"{name}|{iso}",
                       sector="MIL", attrs={"kind": "body", "body": name, "soldiers": True})

    # -- bodies -------------------------------------------------------------
    def _body(self, doc: Document, sent: Sentence, hits: list[Hit], n: int, used: set[int]) -> Mention | None:
        h = hits[n]
        name_en, typ, sector = h.data
        name_en = body_canon().get(name_en, name_en)
        toks = sent.tokens
        i, j = h.i, h.j
        country: KBEntry | None = None
        owner: str | None = None  # a non-country owner named in construct state
        own_name: str | None = None  # a body word in a proper name of its own (جيش التحرير الوطني)
        if doc.lang == "ar":
            dual = j - i == 1 and _dual(toks[i].norm)
            if j - i == 1 and i > 0 and _nisba(toks[i].norm) and _nisba_qualifies(toks[i - 1].norm):
                return None  # "الشؤون الداخلية", "السياسة الخارجية": the adjective of a noun, no ministry
            nxt = hits[n + 1] if n + 1 < len(hits) and hits[n + 1].i == j else None
            construct = not any(f.startswith("ال") for f in ar_stems(toks[j - 1].norm))
            if nxt is not None and country_of(nxt) and (nxt.kind == "demonym" or construct
                                                     or toks[nxt.i].text.startswith("ال")):
                # "وزارة الخارجية الأردنية" / construct state "حكومة الأردن"
                country = country_of(nxt)
                j = nxt.j
                used.add(n + 1)
                # "القوات الفرنسية والألمانية": a second body of the same kind
                nn = hits[n + 2] if n + 2 < len(hits) else None
                if nn is not None and nn.i == j and nn.kind == "demonym" and (c2 := country_of(nn)) is not None \
                        and toks[nn.i].norm.startswith("و"):
                    used.add(n + 2)
                    s2, t2 = toks[nn.i].start, toks[nn.j - 1].end
                    iso2 = c2.iso3 or c2.key
                    self._extra.append(Mention(start=s2, end=t2, text=doc.text[s2:t2], type=typ, sentence=sent.index,
                                               found_by="gazetteer", name=f"{name_en} of {c2.name}", country=iso2,
                                               key=f"{name_en}|{iso2}", sector=sector or None,
                                               attrs={"kind": "body", "body": name_en}))
            elif construct and nxt is not None and _place_hit(nxt) and nxt.kind != "capital" and typ != "ArmedGroup":
                # "سلطات ترانسنيستريا": the body of a territory, not of the article's first country
                e = kb().get(nxt.key) if nxt.key else None
                owner = e.name if e is not None else doc.text[toks[nxt.i].start:toks[nxt.j - 1].end]
                j = nxt.j
                used.add(n + 1)
            elif construct and nxt is None and j < len(toks) and _plural_of_name(toks[j].norm) is not None:
                # "جنود ماليين": the plural adjective of a country whose name is its singular (مالي)
                country = _plural_of_name(toks[j].norm)
                j += 1
            elif construct and nxt is None and j < len(toks) and typ != "ArmedGroup":
                # "سلطات X": the owner is the name that follows
                k = j
                while k < len(toks) and k - j < 3 and namelike(toks[k], "ar", first=k == j) \
                        and not (k > j and _adjective(toks, j, k)) and toks[k].norm not in word_set("ar", "function_words") \
                        and not _plural_nisba(toks[k].norm):
                    k += 1
                if k > j:
                    owner = doc.text[toks[j].start:toks[k - 1].end]
                    j = k
                    adj = _own_name_end(toks, hits, k) if k == j and toks[k - 1].norm.startswith("ال") else k
                    if adj > k:
                        # "جيش التحرير الوطني": a definite noun and its adjective after the body word
                        # make the body's own name, not an owner (the adjective is no nationality)
                        own_name, j = doc.text[toks[i].start:toks[adj - 1].end], adj
            if dual and country is None:
                return None  # "الجيشين" alone: two bodies, neither named
        else:
            prev = hits[n - 1] if n > 0 else None
            if prev is not None and prev.j == i and country_of(prev):
                country = country_of(prev)
                i = prev.i
            elif (n + 1 < len(hits) and j < len(toks) and toks[j].norm == "of"
                  and hits[n + 1].i == j + 1 and country_of(hits[n + 1]) and hits[n + 1].kind != "demonym"):
                country = country_of(hits[n + 1])
                j = hits[n + 1].j
                used.add(n + 1)
            if country is None and typ != "ArmedGroup" and not (i > 0 and toks[i - 1].norm in _EN_DETERMINERS) \
                    and not _en_bare_body(self._anaphora, toks, i, j):
                return None  # "forces fighting troops": a bare plural names no particular body
        s, t = toks[i].start, toks[j - 1].end
        m = Mention(start=s, end=t, text=doc.text[s:t], type=typ, sentence=sent.index, found_by="gazetteer",
                    name=name_en, sector=sector or None, attrs={"kind": "body", "body": name_en})
        if country is not None:
            m.country = country.iso3 or country.key
            m.name = f"{name_en} of {country.name}"
            m.key = f"{name_en}|{m.country}"
            # the country itself, named by its adjective inside the body: kept only if used (ministryOf...)
            ci = next((x for x in hits if x.i >= i and x.j <= j and country_of(x) is country), None)
            if ci is not None:
                cs, ct = toks[ci.i].start, toks[ci.j - 1].end
                self._extra.append(Mention(start=cs, end=ct, text=doc.text[cs:ct], type="Country",
                                           sentence=sent.index, found_by="gazetteer", key=country.key,
                                           name=country.name, country=m.country,
                                           attrs={"kind": "demonym", "demonym": True, "inside_body": True,
                                                  "qualifier": True}))
        elif own_name is not None:
            m.name, m.key = own_name, f"{name_en}|{norm_text(own_name)}"
        elif owner is not None:
            m.name = f"{name_en} of {owner}"
            m.key = f"{name_en}|{norm_text(owner)}"
            m.attrs["owner"] = owner
        return m

    # -- places -------------------------------------------------------------
    def _places(self, doc: Document, sent: Sentence, hits: list[Hit], h: Hit) -> list[Mention]:
        toks = sent.tokens
        lang = doc.lang
        kind = h.data[0]
        taken = {k for x in hits if x is not h for k in range(x.i, x.j)}
        spans: list[tuple[int, int]] = []
        if lang == "ar":
            k = h.j
            start = k
            definite_cue = any(f.startswith("ال") for f in ar_stems(toks[h.j - 1].norm))
            if k < len(toks) and (_nisba(toks[k].norm) or (definite_cue and toks[k].norm.startswith("ال"))):
                return []  # "المنطقة الانفصالية", "المنطقة المتنازع عليها": adjectives, not names
            while k < len(toks) and k - start < 1 and k not in taken and namelike(toks[k], lang, first=k == start) \
                    and not _nisba_any(toks[k].norm):
                if k > start and toks[k].norm.startswith("و") and len(toks[k].norm) > 3:
                    break  # "X وY" after a dual cue: coordination starts a second name
                k += 1
            if k == start + 1 and k < len(toks) and k not in taken and _name_article_word(toks[k]):
                k += 1  # "بلدة تل الرواس": a definite word that is no adjective ends the name
            quoted = _quoted(toks, h.j)
            if quoted is not None and k == start:
                start, k = quoted  # "منطقة «X Y»"
                self._own_spans.append((toks[start].start, toks[k - 1].end))
            if k > start:
                spans.append((h.i if kind in _CUE_IN_NAME else start, k))
                # a coordinated second place: "منطقتي X وY"
                if k < len(toks) and toks[k].norm.startswith("و") and k not in taken and namelike(toks[k], lang):
                    spans.append((k, k + 1))
        else:
            if toks[h.i].text[:1].isupper() and h.j < len(toks) and _cap_word(toks[h.j]):
                return []  # "Low Orbit Area Tracking": the cue word inside a longer name
            k = h.i
            while k > 0 and (k - 1) not in taken and namelike(toks[k - 1], lang, first=True) and h.i - k < 4:
                k -= 1
            if k < h.i:
                spans.append((k, h.j if kind in _CUE_IN_NAME else h.i))
            elif h.j + 1 < len(toks) and toks[h.j].norm == "of":
                k = h.j + 1
                while k < len(toks) and k not in taken and namelike(toks[k], lang, first=k == h.j + 1) and k - h.j < 5:
                    k += 1
                if k > h.j + 1:
                    spans.append((h.j + 1, k))
        out = []
        for a, b in spans:
            s, t = toks[a].start, toks[b - 1].end
            text = doc.text[s:t]
            if lang == "ar" and a == b - 1 and toks[a].norm.startswith("و") and a != h.j:
                s += 1  # the mention keeps the name, not the conjunction
                text = doc.text[s:t]
            out.append(Mention(start=s, end=t, text=text, type="Place", sentence=sent.index,
                               found_by="cue", attrs={"cue": kind}))
        return out

    # -- treaties -----------------------------------------------------------
    def _treaty(self, doc: Document, sent: Sentence, hits: list[Hit], h: Hit) -> Mention | None:
        toks = sent.tokens
        lang = doc.lang
        # an adjective or a place word ("اتفاق تنظيم الصيد البحري") may go on a treaty's name
        taken = {k for x in hits if x is not h and x.kind not in ("demonym", "place_cue") for k in range(x.i, x.j)}
        year = None
        i, j = h.i, h.j
        if lang == "ar":
            k = j
            named = _named_after_place(hits, h) if not _definite(toks[j - 1].norm) else None
            if named is not None:
                k = named.j  # "اتفاقية أوسلو": the place's name is the treaty's
            definite = _definite(toks[j - 1].norm)
            while k < len(toks) and k - j < 6:
                t = toks[k]
                if t.text in "()":
                    k += 1
                    continue
                if _YEAR.match(t.text):
                    year = int(t.text)
                    k += 1
                    break
                if k > _named_end(named, j) and t.norm not in ("لعام", "عام") and _clause_starts(t, k == j and j - i == 1, definite):
                    break
                if k > j and _nisba(toks[k - 1].norm):
                    break  # "اتفاقا لتنظيم الصيد البحري الخاص بـ...": a relative adjective ends the name
                if not t.text[:1].isalpha() or k in taken or t.norm in word_set(lang, "function_words"):
                    if t.norm in ("لعام", "عام") and k + 1 < len(toks) and _YEAR.match(toks[k + 1].text):
                        k += 1
                        continue
                    break
                k += 1
            while k > j and toks[k - 1].text in "(":
                k -= 1
            j = k
        else:
            k = i
            while k > 0 and h.i - k < 5:
                t = toks[k - 1]
                if _YEAR.match(t.text):
                    year = int(t.text)
                elif not (t.text[:1].isalpha() and t.norm not in stops(lang) and t.norm not in ("the", "a", "an", "its", "their", "his", "her", "this", "that", "under", "of", "to", "with", "new")):
                    break
                k -= 1
            i = k
            if j + 1 < len(toks) and toks[j].norm == "of" and _YEAR.match(toks[j + 1].text):
                year = int(toks[j + 1].text)
                j += 2
            elif j + 1 < len(toks) and toks[j].norm == "of" and toks[h.i].text[:1].isupper() and _cap_word(toks[j + 1]):
                j += 1  # "the Treaty of Lima": a capitalised cue named after a place
                while j < len(toks) and j - h.j < 4 and _cap_word(toks[j]):
                    j += 1
        if year is None and h.j - h.i == 1 and _vague(lang, toks[i:h.i] + toks[h.j:j]):
            return None  # a bare "agreement", "a historic agreement", اتفاقا تاريخيا: no treaty named
        s, e = toks[i].start, toks[j - 1].end
        text = doc.text[s:e]
        name = text if lang == "en" else h.data[0] + (f" ({year})" if year else "")
        return Mention(start=s, end=e, text=text, type="Treaty", sentence=sent.index, found_by="cue",
                       name=name if lang == "en" else None, attrs={"year": year, "cue": h.data[0]})


def _inside_relation_cue(work: Work, sent: Sentence, h: Hit) -> bool:
    """Does a longer relation cue ("military base") start inside this body hit and end after it?"""
    cues = sentence_matches(work, sent).get("relation_cues")
    return cues is not None and bool(cues) and any(h.i <= i < h.j < j for i, j, _ in cues)


def _capital_as_place(doc: Document, sent: Sentence, h: Hit, e: KBEntry) -> bool:
    """Is this capital the city itself: after a preposition of place ("in Oslo", في أوسلو، بأوسلو)
    or opening an English dateline ("OSLO (Reuters) -")? Elsewhere it stands for its government."""
    toks = sent.tokens
    if h.i > 0 and toks[h.i - 1].norm in word_set(doc.lang, "locatives"):
        return True
    if doc.lang == "ar":
        if sent.index == 0 and h.i == 0 and h.j < len(toks) and toks[h.j].text in _AR_DATELINE_MARKS:
            return True  # "عمان (رويترز) -": the dateline's city
        cap = norm_text(e.capital.get("ar", ""))
        return toks[h.i].norm.lstrip("و").startswith("ب") and not cap.startswith("ب")
    return sent.index == 0 and h.j <= _dateline_end(sent)


_AR_DATELINE_MARKS = {"(", "-", "–", ":"}  # what follows the city opening an Arabic dateline
_BODY_TITLE_ROLES = {"spokesperson", "official"}  # titles held in a body they name: its spokesperson, its members
_QUOTES = {'"', "«", "»", "“", "”"}


def _quoted(toks: list[Token], j: int) -> tuple[int, int] | None:
    """Tokens (start, end) of a short name in quotes opening at token ``j``."""
    if j >= len(toks) or toks[j].text not in _QUOTES:
        return None
    b = next((k for k in range(j + 1, min(j + 6, len(toks))) if toks[k].text in _QUOTES), None)
    fw = word_set("ar", "function_words") | word_set("en", "function_words")
    if b is None or b == j + 1 or not all(t.text[:1].isalpha() and t.norm not in fw for t in toks[j + 1:b]):
        return None  # (a quoted phrase, not a name: «للديموقراطية في الشرق الأوسط»)
    return j + 1, b


def _name_article_word(tok: Token) -> bool:
    """A definite word that may end a place name (الرواس), not an adjective: no nisba (الشمالي),
    no participle (المحاصرة), no common word."""
    norm = tok.norm
    return norm.startswith("ال") and not norm.startswith("الم") and not _nisba_any(norm) \
        and len(norm) > 4 and namelike(tok, "ar")


def _media(doc: Document, sent: Sentence, hits: list[Hit], cues: list[tuple[int, int, list[str]]]) -> list[Mention]:
    """News outlets named with a cue word: صحيفة «X» [الـ adjective] (Arabic, name in quotes);
    "the X newspaper", "the daily X", "X, a Lima newspaper" (English). The country named with
    it (adjective, capital) is kept in ``attrs["country_at"]`` (its mention's start) for locatedIn."""
    toks = sent.tokens
    taken = {k for h in hits for k in range(h.i, h.j)}
    out = []
    for i, j, kinds in cues:
        if kinds[0] == "agency":
            agency = _agency_by_nationality(doc, sent, hits, i, j)
            if agency is not None:
                out.append(agency)
                continue
        if doc.lang == "ar" and kinds[0] == "after":
            span = _ar_media_before(toks, i, taken, hits)
        else:
            span = _ar_media_name(toks, j, taken, hits) if doc.lang == "ar" else _en_media_name(toks, i, j, taken)
        if span is None or any(toks[span[0]].start == m.start for m in out):
            continue  # (شبكة «X» الإخبارية: one outlet for the two cues)
        a, b, where = span
        s, t = toks[a].start, toks[b - 1].end
        m = Mention(start=s, end=t, text=doc.text[s:t], type="Media", sentence=sent.index, found_by="cue",
                    name=doc.text[s:t] if doc.lang == "en" else None, sector="MED", attrs={"kind": "media"})
        c = next((h for h in hits if h.i == where and country_of(h)), None) if where is not None else None
        if c is not None:
            m.attrs["country_at"] = toks[c.i].start
            m.country = country_of(c).iso3  # type: ignore[union-attr]
        out.append(m)
    return out


@lru_cache(maxsize=1)
def _agencies() -> dict[str, list[KBEntry]]:
    """The knowledge base's news agencies, by country."""
    out: dict[str, list[KBEntry]] = {}
    for e in kb().by_type("Media"):
        if e.country and e.extra.get("media_kind") == "agency":
            out.setdefault(e.country, []).append(e)
    return out


def _agency_by_nationality(doc: Document, sent: Sentence, hits: list[Hit], i: int, j: int) -> Mention | None:
    """A news agency named by its nationality (وكالة الأنباء الفرنسية، "the French news agency"): the
    country's one agency in the knowledge base (AFP), else an agency of that country; the adjective
    is the agency's, not the country's own mention."""
    toks = sent.tokens
    if doc.lang == "ar":
        d = next((h for h in hits if h.i == j and h.kind == "demonym"), None)
        a, b = i, (d.j if d else j)
    else:
        d = next((h for h in hits if h.j == i and h.kind == "demonym"), None)
        if d is not None and any(h.i == j and h.key and (ke := kb().get(h.key)) is not None and ke.type == "Media" for h in hits):
            return None  # "French news agency AFP": the name that follows is the agency
        a, b = (d.i if d else i), j
    c = country_of(d) if d is not None else None
    if c is None:
        return None
    iso = c.iso3 or c.key
    s, t = toks[a].start, toks[b - 1].end
    m = Mention(start=s, end=t, text=doc.text[s:t], type="Media", sentence=sent.index, found_by="gazetteer",
                sector="MED", country=iso, attrs={"kind": "media"})
    known = _agencies().get(iso, [])
    if len(known) == 1:
        m.key, m.name = known[0].key, known[0].name
    else:
        m.name = doc.text[s:t] if doc.lang == "en" else None
    return m


def _ar_media_name(toks: list[Token], j: int, taken: set[int],
                   hits: list[Hit]) -> tuple[int, int, int | None] | None:
    """صحيفة «X» النرويجية: the quoted name after the cue, and the token after it (up to two definite
    adjectives on: الإخبارية الكينية) where a nationality adjective may stand."""
    if j >= len(toks) or toks[j].text not in _QUOTES:
        return None
    b = next((k for k in range(j + 1, min(j + 7, len(toks))) if toks[k].text in _QUOTES), None)
    if b is None or b == j + 1:
        return None
    if any(k in taken for k in range(j + 1, b)) and not any(h.i == j + 1 and h.j == b and _place_hit(h) for h in hits):
        return None  # a known name (the knowledge base reads it), unless a place's: the outlet is named after it
    k = b + 1
    while k < len(toks) and k - b <= 2 and _nisba(toks[k].norm) and k not in taken:
        k += 1  # «X» الإخبارية الكينية: adjectives of the outlet, up to its nationality
    return j + 1, b, k if k < len(toks) else None


def _ar_groups(doc: Document, sent: Sentence, hits: list[Hit], cues: list[tuple[int, int, list[str]]]) -> list[Mention]:
    """Parties and groups named with a cue word (org_cues.tsv): حزب العمال، حزب المزارعين الكيني
    (definite words, with the country's adjective), حركة «X» or «حركة X» (quoted)."""
    toks = sent.tokens
    taken = {k for h in hits for k in range(h.i, h.j)}
    out = []
    for i, j, kinds in cues:
        if any(i <= k < j for k in taken):
            continue  # a known name (حزب الله): the knowledge base reads it
        a, b = i, j
        inner = _quoted(toks, j)
        if i > 0 and toks[i - 1].text in _QUOTES:  # «حركة X»
            end = next((k for k in range(j, min(j + 5, len(toks))) if toks[k].text in _QUOTES), None)
            if end is None or end == j or any(k in taken for k in range(j, end)):
                continue
            b = end
        elif inner is not None:  # حركة «X»: the quoted name
            if any(k in taken for k in range(*inner)):
                continue
            a, b = inner
        elif kinds[0] == "party":
            while b < len(toks) and b - j < 3 and b not in taken and toks[b].norm.lstrip("و").startswith("ال") \
                    and toks[b].text[:1].isalpha() and not (b > j and _nisba(toks[b].norm)) \
                    and not any(f in word_set("ar", "function_words") for f in ar_stems(toks[b].norm)):
                b += 1
            if b == j:
                continue
        else:
            continue
        country = next((h for h in hits if h.i == b and h.kind == "demonym" and country_of(h)), None)
        if country is not None and kinds[0] == "party":
            b = country.j  # حزب المزارعين الكيني
        s, t = toks[a].start + (_proclitic_len(toks[a].text) if a == i else 0), toks[b - 1].end
        m = Mention(start=s, end=t, text=doc.text[s:t], type="Organization", sentence=sent.index,
                    found_by="cue", attrs={"kind": "group"})
        out.append(m)
        if country is not None and kinds[0] == "party":
            c = country_of(country)
            assert c is not None
            m.country = c.iso3 or c.key
            cs, ct = toks[country.i].start, toks[country.j - 1].end
            out.append(Mention(start=cs, end=ct, text=doc.text[cs:ct], type="Country", sentence=sent.index,
                               found_by="gazetteer", key=c.key, name=c.name, country=m.country,
                               attrs={"kind": "demonym", "demonym": True, "inside_body": True, "qualifier": True}))
    return out


def _en_orgs(doc: Document, sent: Sentence, hits: list[Hit], cues: list[tuple[int, int, list[str]]]) -> list[Mention]:
    """Capitalised names ending in an organisation word (org_cues.tsv, head): "Highland Savings Bank",
    "Kenya Timber Export Holding Corporation"; a country's name inside the run is part of it.
    A type word before the name ("the Ghanaian fishing firm X") keeps the adjective's place in
    ``attrs["country_at"]`` (locatedIn)."""
    toks = sent.tokens
    kb_at = {k: h for h in hits for k in range(h.i, h.j)}
    out = []
    for i, j, kinds in cues:
        if kinds[0] not in ("head", "armed_head") or not toks[i].text[:1].isupper() or i in kb_at:
            continue
        a = i
        while a > 0 and i - a < 6 and _cap_word(toks[a - 1]) and (a - 1 not in kb_at or _in_org_name(kb_at[a - 1])):
            a -= 1
        if a > 0 and a - 1 in kb_at and not _in_org_name(kb_at[a - 1]) and _cap_word(toks[a - 1]):
            continue  # "Xinhua News Agency": a known organisation's own name
        while a < i and a in kb_at and kb_at[a].kind == "demonym":
            a += 1  # "Chilean X Company": the adjective qualifies the name ("Kenya Timber Corp." keeps Kenya)
        if a == i or (a == 0 and i - a < 2):
            continue  # a bare head, or a sentence-initial word that may just be capitalised
        s, t = toks[a].start, toks[j - 1].end
        m = Mention(start=s, end=t, text=doc.text[s:t], type="ArmedGroup" if kinds[0] == "armed_head" else "Organization",
                    sentence=sent.index, found_by="cue", name=doc.text[s:t], attrs={"kind": "organisation"})
        where = _type_before(toks, a, cues, kb_at)
        if where is not None:
            m.attrs["country_at"] = toks[where].start
        out.append(m)
    return out


def _in_org_name(h: Hit) -> bool:
    """May this known word stand inside a new organisation's name? A country or place ("Kenya Timber
    Corp.", "Pacific Freight Company"), not a known organisation ("Xinhua News Agency" is Xinhua's)."""
    return h.kind == "place_cue" or country_of(h) is not None or _place_hit(h)


def _cap_word(tok: Token) -> bool:
    """A capitalised word that may stand inside an organisation's name ("National", "Pacific"; not "The")."""
    t = tok.text
    return t[:1].isupper() and t.replace("-", "").isalpha() and tok.norm not in word_set("en", "function_words") \
        and tok.norm not in word_set("en", "dates")


def _type_before(toks: list[Token], a: int, cues: list[tuple[int, int, list[str]]], kb_at: dict[int, Hit]) -> int | None:
    """"the Ghanaian fishing firm X": the token of the country adjective before a type word right before ``a``."""
    t = next((c for c in cues if c[1] == a and not toks[c[0]].text[:1].isupper()), None)
    if t is None:
        return None
    k = t[0]
    while k > 0 and t[0] - k < 2 and toks[k - 1].text.isalpha() and toks[k - 1].text.islower():
        k -= 1  # "fishing firm"
    h = kb_at.get(k - 1)
    return h.i if h is not None and h.j == k and country_of(h) else None


def _proclitic_len(word: str) -> int:
    """Letters of the conjunction/preposition before a cue word (لحزب → 1, وبحركة → 2)."""
    cues = word_set("ar", "org_cues")
    for n in range(0, 3):
        if norm_text(word[n:]) in cues:
            return n
    return 0


def _ar_media_before(toks: list[Token], i: int, taken: set[int],
                     hits: list[Hit]) -> tuple[int, int, int | None] | None:
    """«X» الإخبارية [nationality]: the quoted name before the adjective at token ``i``."""
    if i < 3 or toks[i - 1].text not in _QUOTES:
        return None
    a = next((k for k in range(i - 2, max(i - 8, -1), -1) if toks[k].text in _QUOTES), None)
    if a is None or a == i - 2 or _ar_media_name(toks, a, taken, hits) is None:
        return None
    k = i + 1
    while k < len(toks) and k - i <= 2 and _nisba(toks[k].norm) and k not in taken:
        k += 1
    return a + 1, i - 1, k if k < len(toks) else None


def _en_media_name(toks: list[Token], i: int, j: int, taken: set[int]) -> tuple[int, int, int | None] | None:
    """"the X newspaper" / "the daily X" / "X, a Lima newspaper" (name, and where its place may be)."""
    def run_back(e: int) -> int:
        a = e
        while a > 0 and e - a < 4 and a - 1 not in taken and namelike(toks[a - 1], "en", first=True):
            a -= 1
        return a

    # "X, a Lima newspaper": the place between the article and the cue
    for d in (2, 3, 4):
        c = i - d
        if c >= 1 and toks[c].text == "," and toks[c + 1].norm in ("a", "an", "the"):
            a = run_back(c)
            if a < c:
                return a, c, c + 2 if c + 2 < i else None
    a = run_back(i)
    if 0 < a < i and toks[a - 1].norm == "the":
        return a, i, None  # the X newspaper
    if 0 < a < i and toks[a - 1].text.endswith(("'s", "’s")):
        return a, i, a - 1  # Norway's X newspaper
    if 0 < i and toks[i - 1].norm == "the":
        b = j
        while b < len(toks) and b - j < 4 and b not in taken and namelike(toks[b], "en", first=True):
            b += 1
        if b > j:
            return j, b, None  # the daily X
    return None


def _dateline_place(doc: Document, sent: Sentence, hits: list[Hit]) -> list[Mention]:
    """An unknown place opening an English dateline before its country ("TORVHAUGEN, Norway")."""
    toks = sent.tokens
    e = _dateline_end(sent)
    if e == 0 or e + 1 >= len(toks) or toks[e].text != "," or any(h.i < e for h in hits) \
            or not any(h.i == e + 1 and country_of(h) for h in hits):
        return []
    s, t = toks[0].start, toks[e - 1].end
    return [Mention(start=s, end=t, text=doc.text[s:t], type="Place", sentence=sent.index, found_by="cue",
                    name=doc.text[s:t].title(), attrs={"kind": "dateline"})]


def _dateline_end(sent: Sentence) -> int:
    """End of the capitalised dateline opening an English article ("LIMA", "NAIROBI/ACCRA",
    "OSLO, Norway (Reuters) -"): its leading run of upper-case words and slashes; 0 if none."""
    k = 0
    for t in sent.tokens:
        if not (t.text == "/" or (t.text.isupper() and t.text.isalpha() and len(t.text) > 1)):
            break
        k += 1
    return k


def _place_hit(h: Hit) -> bool:
    """A knowledge-base hit naming a place: a capital or a Place entry."""
    if h.kind == "capital":
        return True
    if h.kind not in ("name", "alias") or not h.key:
        return False
    e = kb().get(h.key)
    return e is not None and e.type == "Place"


def _vague(lang: str, words: list[Token]) -> bool:
    """Do these words around a treaty cue only describe it (treaty_vague.tsv; articles, "the")?"""
    vague = word_set(lang, "treaty_vague")
    for t in words:
        n = t.norm
        if n in ("the", "a", "an") or n in vague or (lang == "ar" and n.endswith("ا") and n[:-1] in vague):
            continue
        return False
    return True


def _clause_starts(t: Token, first: bool, definite: bool) -> bool:
    """Does word ``t`` after an Arabic treaty cue start something else than the treaty's name?
    و right after the cue joins a second noun (الاتفاق والنصر); و + an indefinite word starts a
    clause (اتفاق هدنة وأعلن); after a definite cue an indefinite word does too (الاتفاق سيخفض)."""
    if t.norm.startswith("و"):
        return first or not _definite(t.norm)
    return definite and not _definite(t.norm)


def _named_end(named: Hit | None, j: int) -> int:
    """Last token of the place naming a treaty (``named``), or of the cue ending at ``j``."""
    return named.j - 1 if named is not None else j - 1


def _named_after_place(hits: list[Hit], cue: Hit) -> Hit | None:
    """The place hit right after a treaty cue, if any (Arabic construct state: cue + name)."""
    for x in hits:
        if x.i == cue.j and _place_hit(x):
            return x
    return None


def _definite(norm: str) -> bool:
    """An Arabic word with the article, after a conjunction or preposition (الاتفاق، وبالاتفاقية، للمعاهدة)."""
    return norm.lstrip("وف").startswith(("ال", "بال", "كال", "لل"))


def _drop_treaty_places(mentions: list[Mention], first: int) -> None:
    """Remove, among ``mentions[first:]`` (one sentence), place mentions inside a treaty's span.

    In "the Oslo Accords" or "اتفاقية أوسلو" the place names the treaty and is
    not itself mentioned as a place (or its country) taking part.
    """
    treaties = [(m.start, m.end) for m in mentions[first:] if m.type == "Treaty"]
    if not treaties:
        return
    keep = [m for m in mentions[first:]
            if not (_place_mention(m)
                    and any(a <= m.start and m.end <= b and (a, b) != (m.start, m.end) for a, b in treaties))]
    mentions[first:] = keep


def _place_mention(m: Mention) -> bool:
    """A gazetteer mention from a place hit (see ``_place_hit``): a capital, or a Place entry's name."""
    kind = m.attrs.get("kind")
    return m.found_by == "gazetteer" and (kind == "capital" or (kind in ("name", "alias") and m.type == "Place"))


@register("gazetteer")
def _factory() -> Component:
    return Gazetteer()

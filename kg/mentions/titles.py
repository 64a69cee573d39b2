"""Persons found by title patterns, with their position.

Arabic: TITLE [country adjective | organisation] NAME
(``وزير الخارجية الروسي سيرغي لافروف``, ``رئيس المفوضية الأوروبية X``) or
NAME ، TITLE [لـ organisation] (``X ، الأمين العام لمجلس ...``).
English: [Country's | adjective] TITLE NAME (``Russian Foreign Minister Sergei
Lavrov``) or NAME, [the] [adjective] TITLE.

Also (title_cues.tsv): a name in an apposition after the title, closed by a comma
("Norway's prime minister, Johan Berg, said"), or before it after وهو / "who is";
"former"/السابق (holdsPosition "Former …"); honorifics skipped (Ayatollah, الدكتور);
"counterpart"/نظيره takes the title of the sentence's last national title holder, with its
own country; two holders of a dual title (رئيسا الوزراء الغاني X والكيني Y); a title
held in a body named after it (الرئيس الغاني للجنة ...: no leaderOf of the country).
"""

from __future__ import annotations

from typing import Iterable

from kg.kb import KBEntry
from kg.mentions.gazetteer import country_of, namelike
from kg.lang.index import sentence_matches
from kg.mentions.lexicon_hits import Hit, kb, sentence_hits
from kg.mentions.matcher import greedy
from kg.model import Document, Mention, Sentence, Token
from kg.pipeline import Component, Work, register

_MAX_NAME = {"ar": 3, "en": 4}


_DEFINITE = ("ال", "وال", "بال", "فال", "كال", "لل", "ولل")


def _name_start(tok: Token) -> bool:
    """Can an Arabic person name start with this token? Not with the article or a relative adjective."""
    norm = tok.norm
    if tok.text.startswith(_DEFINITE):  # raw text: "إلهام" is not "الهام"
        return False
    return not (norm.endswith("ي") and len(norm) >= 4 and norm.startswith("م"))  # محلي، مسؤولي: adjectives


_BODY_TYPES = {"GovernmentBody", "MilitaryForce"}  # a country's bodies: named inside a title with its adjective after
_CLOSERS = {",", "،", ".", ";", "؛", ":", "(", ")", "-", "–", "—"}


def _cue_at(cues: dict[int, tuple[int, str]], k: int, kind: str) -> int | None:
    """End of the title cue of ``kind`` starting at token ``k``."""
    got = cues.get(k)
    return got[0] if got is not None and got[1] == kind else None


def _cue_before(cues: dict[int, tuple[int, str]], k: int, kind: str) -> int | None:
    """Start of the title cue of ``kind`` ending right before token ``k``."""
    return next((i for i, (j, c) in cues.items() if j == k and c == kind), None)


def _of_body(toks: list[Token], k: int) -> bool:
    """Does token ``k`` start "لـ + the noun" (للجنة، للمجلس): the body a title is held in? (A word in
    ل + a construct noun is left alone: لجنة itself starts with ل.)"""
    return toks[k].text.startswith("لل") and len(toks[k].text) > 4


def _phrase(toks: list[Token], k: int) -> str:
    """The words from token ``k`` (without its preposition ل) up to punctuation, at most four."""
    words = []
    for t in toks[k:k + 4]:
        if not t.text[:1].isalpha():
            break
        words.append(t.text)
    words[0] = words[0][1:]  # (لل may be ل + ال or ل + a word in ل: only the preposition is sure)
    return " ".join(words)


def _mention(doc: Document, sent: Sentence, s: int, e: int, title: tuple[str, str, str],
             country: KBEntry | None, org: Mention | None, org_in_title: bool, former: bool) -> Mention:
    """The person mention at [s, e) holding ``title`` (title_en, role, sector)."""
    title_en, role, sector = title
    position = title_en  # a title that names its organisation ("President of the European Council")
    if org is not None and not org_in_title:
        position = f"{title_en} of {org.name or org.text}"
    elif country is not None:
        position = f"{title_en} of {country.name}"
    if former:
        position, role = f"Former {position}", "former"
    return Mention(
        start=s, end=e, text=doc.text[s:e], type="Person", sentence=sent.index, found_by="title",
        name=doc.text[s:e] if doc.lang == "en" else None,
        country=(country.iso3 or country.key) if country is not None else (org.country if org else None),
        sector=sector or None,
        attrs={"title": title_en, "role": role, "position": position,
               "org_start": org.start if org else None, "org_end": org.end if org else None},
    )


class Titles(Component):
    name = "titles"
    requires = frozenset({"tokens", "mentions"})
    provides = frozenset({"mentions"})

    def __call__(self, work: Work) -> None:
        doc = work.document
        by_start: dict[int, Mention] = {}
        for m in work.mentions:  # the longest reading: "the Norwegian Foreign Ministry", not its adjective
            if m.start not in by_start or m.end > by_start[m.start].end:
                by_start[m.start] = m
        last: list[tuple[str, str, str]] = []  # the sentence's last national title: a "counterpart" takes it
        for sent in doc.sentences:
            hits = sentence_hits(work, sent)
            found = sentence_matches(work, sent)  # (most sentences have no title cue: no greedy pass)
            title_cues = greedy(found["title_cues"]) if "title_cues" in found else []
            if doc.lang == "ar" and title_cues:  # (no cue, no described person: most sentences)
                said = {j for _, j, _ in greedy(found["speech"])} if "speech" in found else set()
                work.mentions.extend(self._described(doc, sent, hits, title_cues, said))
            titled = [n for n, h in enumerate(hits) if h.kind == "title"]
            if not titled:
                continue
            cues = {i: (j, kind) for i, j, pays in title_cues for kind in pays[:1]}
            last.clear()  # a counterpart is the counterpart of someone named in the same sentence
            taken = {k for h in hits if h.kind != "title" for k in range(h.i, h.j)}
            named: set[tuple[int, int]] = set()  # spans of names read: a title word inside one is part of it (أمير X)
            for n in titled:
                h = hits[n]
                if named and any(m <= sent.tokens[h.i].start < e for m, e in named):
                    continue
                # (only English unmarks qualifiers of a title without a name)
                marked = {id(q) for q in by_start.values() if q.attrs.get("qualifier")} if doc.lang == "en" else set()
                persons = self._person(doc, sent, hits, n, taken, by_start, cues, last)
                for m in persons:
                    work.mentions.append(m)
                    named.add((m.start, m.end))
                if not persons and doc.lang == "en":
                    _unmark(by_start.values(), marked)

    @staticmethod
    def _described(doc: Document, sent: Sentence, hits: list[Hit], cues: list[tuple[int, int, list[str]]],
                   said: set[int]) -> list[Mention]:
        """Arabic persons named without a title but described: "قال X Y، وهو صياد من ..." (two name words
        right after a speech verb, ends of ``said``, and before a comma and هو/هي) or "X (40 عاما)"."""
        toks = sent.tokens
        taken: set[int] | None = None  # both made at the first cue that may follow a name: few do
        titled: set[int] | None = None
        out = []
        for i, j, kinds in cues:
            kind = kinds[0]
            if kind == "apposition" and i > 2 and toks[i - 1].text in ",،":
                if titled is None:
                    titled = {h.i for h in hits if h.kind == "title"}
                if j in titled:
                    continue
                b, least = i - 1, 2
            elif kind == "age" and i > 2 and toks[i - 1].text.isdigit() and toks[i - 2].text == "(" \
                    and j < len(toks) and toks[j].text == ")":
                b, least = i - 2, 1
            else:
                continue
            if taken is None:
                taken = {k for h in hits for k in range(h.i, h.j)}
            c = b
            while c > 0 and b - c < _MAX_NAME["ar"] and c - 1 not in taken and namelike(toks[c - 1], "ar", first=True):
                c -= 1
            while c < b and not _name_start(toks[c]):
                c += 1
            if b - c >= least and (kind == "age" or c in said):
                s, e = toks[c].start, toks[b - 1].end
                out.append(Mention(start=s, end=e, text=doc.text[s:e], type="Person", sentence=sent.index,
                                   found_by="cue", attrs={"cue": kind}))
        return out

    def _person(self, doc: Document, sent: Sentence, hits: list[Hit], n: int, taken: set[int],
                by_start: dict[int, Mention], cues: dict[int, tuple[int, str]],
                last: list[tuple[str, str, str]]) -> list[Mention]:
        h = hits[n]
        toks = sent.tokens
        lang = doc.lang
        title_en, role, sector = h.data
        k = h.j
        country, org, title_start = self._before_title(toks, hits, n, lang, by_start)
        # "former President X" (English, before) / "الرئيس السابق X" (Arabic, after the title)
        former = _cue_before(cues, title_start, "former") is not None
        if _cue_at(cues, k, "former") is not None:
            k, former = _cue_at(cues, k, "former") or k, True
        # qualifier right after the title
        if k < len(toks):
            q = by_start.get(toks[k].start)
            if q is not None and q.type != "Person":
                q.attrs["qualifier"] = True
                if q.type == "Country":
                    country = kb().get(q.key) if q.key else country
                else:
                    org = q
                # move k past the qualifier mention
                while k < len(toks) and toks[k].start < q.end:
                    k += 1
        if _cue_at(cues, k, "former") is not None:  # "الرئيس الأمريكي الأسبق X"
            k, former = _cue_at(cues, k, "former") or k, True
        org_in_title = False
        if org is None:
            for t in toks[h.i:h.j]:  # "رئيس المجلس الأوروبي", "UN Secretary-General", نائب البرلمان الكيني
                q = by_start.get(t.start)
                if q is not None and q.type != "Person" and (country is None or q.type in _BODY_TYPES):
                    org, org_in_title = q, True
                    q.attrs["qualifier"] = True
                    break
        q = self._of_qualifier(toks, k, lang, by_start)  # "spokesman for the Foreign Ministry"
        if q is not None:
            if q.type == "Country":
                country = kb().get(q.key) if q.key else country
            else:
                org = q
            while k < len(toks) and toks[k].start < q.end:
                k += 1
        if lang == "ar" and org is None and k < len(toks) and toks[k].start not in by_start and _of_body(toks, k):
            # "الرئيس الغاني للجنة المياه": head of a body named after it, not of the country
            title_en = f"{title_en} of {_phrase(toks, k)}"
            role, country = "official", None
        if role == "counterpart":
            if not last or country is None:
                return []  # "his Peruvian counterpart": the title is the one of the person met
            title_en, role, sector = last[0]
        after = self._name_after(toks, k, lang, hits, taken, cues)
        if after is not None:
            a, k = after
            if country is None and org is None:  # "President X of Chile"
                q = self._of_qualifier(toks, k, lang, by_start)
                if q is not None and q.type == "Country" and q.key:
                    country = kb().get(q.key)
            spans = [(a, k, country)]
            if lang == "ar" and country is not None:
                second = self._coordinated(toks, hits, k, taken, cues)
                if second is not None:
                    spans.append(second)
        else:
            before = self._name_before(toks, title_start, lang, taken, cues)
            if before is None:
                return []
            spans = [(*before, country)]
        if country is not None and not former and org is None:
            last[:] = [(title_en, role, sector)]
        out = []
        for i, j, ctry in spans:
            s, e = toks[i].start, toks[j - 1].end
            out.append(_mention(doc, sent, s, e, (title_en, role, sector), ctry, org, org_in_title, former))
        return out

    @staticmethod
    def _before_title(toks: list[Token], hits: list[Hit], n: int, lang: str,
                      by_start: dict[int, Mention]) -> tuple[KBEntry | None, Mention | None, int]:
        """English qualifier right before title ``hits[n]``: its country ("Chilean Foreign Minister X",
        "Norway's president X") or organisation ("UN Secretary-General X"), and where the title starts."""
        h = hits[n]
        prev = hits[n - 1] if n > 0 and hits[n - 1].j == h.i else None
        if lang != "en" or prev is None:
            return None, None, h.i
        q0 = by_start.get(toks[prev.i].start)
        country = country_of(prev)
        if country is not None:
            if q0 is not None:
                q0.attrs["qualifier"] = True  # Chile is not an actor here
            return country, None, prev.i
        if prev.key and q0 is not None and q0.type in ("IGO", "Organization", "GovernmentBody", "MilitaryForce", "Media"):
            q0.attrs["qualifier"] = True
            return None, q0, prev.i
        return None, None, h.i

    def _name_after(self, toks: list[Token], k: int, lang: str, hits: list[Hit], taken: set[int],
                    cues: dict[int, tuple[int, str]]) -> tuple[int, int] | None:
        """Tokens of the name after the title (and its qualifier) ending at ``k``: "TITLE [rank] NAME",
        or "TITLE, [rank] NAME," (an apposition closed after the name)."""
        a = self._after_ranks(hits, k, cues)
        k = self._name_end(toks, a, lang, hits, taken, cues)
        if k == a and a < len(toks) and toks[a].text in ",،":
            # "Norway's prime minister, Johan Berg, said": the name in an apposition, closed after it
            a2 = self._after_ranks(hits, a + 1, cues)
            k2 = self._name_end(toks, a2, lang, hits, taken, cues)
            if k2 > a2 and (k2 == len(toks) or toks[k2].text in _CLOSERS):
                a, k = a2, k2
        if k > a and not (lang == "ar" and k - a == 1 and self._weak_single(toks[a].norm)):
            return a, k
        return None

    @staticmethod
    def _name_before(toks: list[Token], b: int, lang: str, taken: set[int],
                     cues: dict[int, tuple[int, str]]) -> tuple[int, int] | None:
        """Tokens of the name before the title starting at ``b``: "NAME ، TITLE", "NAME, the [former] TITLE",
        "NAME، وهو TITLE", "“NAME” وهو TITLE"."""
        fb = _cue_before(cues, b, "former")
        b = b if fb is None else fb  # "X, the former president"
        ap = _cue_before(cues, b, "apposition")
        if ap is not None:
            b = ap
        if b > 0 and toks[b - 1].text in ",،":
            b -= 1
        elif not (lang == "ar" and ap is not None):
            return None
        quoted = b > 1 and toks[b - 1].norm == '"'  # “X” وهو ...: a name in quotes
        b -= quoted
        c = b
        while c > 0 and b - c < _MAX_NAME[lang] and (c - 1 not in taken) \
                and (namelike(toks[c - 1], lang, first=True) or (c > 1 and _cue_at(cues, c - 2, "joiner"))):
            c -= 1
        if c == b and lang == "ar" and ap is not None and b > 1 and toks[b - 1].text.startswith("ال") \
                and namelike(toks[b - 2], lang, first=True) and _name_start(toks[b - 2]) and b - 2 not in taken:
            c = b - 2  # "نور الدين، وهو ...": a name ending in a word with the article
        while lang == "ar" and c < b and not _name_start(toks[c]):
            c += 1
        if c == b or (quoted and toks[c - 1].norm != '"'):
            return None
        return c, b

    @staticmethod
    def _of_qualifier(toks: list[Token], k: int, lang: str, by_start: dict[int, Mention]) -> Mention | None:
        """The country or organisation after "of"/"for" [the] at token ``k`` (English), marked as a qualifier."""
        if lang != "en" or k + 1 >= len(toks) or toks[k].norm not in ("of", "for"):
            return None
        k += 1 + (toks[k + 1].norm == "the" and k + 2 < len(toks))
        q = by_start.get(toks[k].start)
        if q is None or q.type == "Person":
            return None
        q.attrs["qualifier"] = True
        return q

    @staticmethod
    def _after_ranks(hits: list[Hit], k: int, cues: dict[int, tuple[int, str]]) -> int:
        """Past a rank, second title or honorific before the name: "المتحدث باسم الجيش العقيد X"."""
        for x in hits:
            if x.kind == "title" and x.i == k:
                k = x.j
        return _cue_at(cues, k, "honorific") or k

    def _name_end(self, toks: list[Token], a: int, lang: str, hits: list[Hit], taken: set[int],
                  cues: dict[int, tuple[int, str]]) -> int:
        """End of the person name starting at token ``a`` (``a`` if there is none)."""
        k = a
        while k < len(toks) and k - a < _MAX_NAME[lang] and (k not in taken or self._kb_person(hits, k)) \
                and (namelike(toks[k], lang, first=k == a) or (k > a and _cue_at(cues, k - 1, "joiner"))) \
                and not (lang == "ar" and k == a and not _name_start(toks[k]) and not self._kb_person(hits, k)):
            if lang == "ar" and k > a and toks[k].norm.startswith("و") and not toks[k].norm.startswith("ول"):
                break  # "X وY": a second person starts
            k += 1
        if lang == "en":
            while k > a and toks[k - 1].norm in ("al", "el", "bin", "de", "van", "von"):
                k -= 1
        return k

    def _coordinated(self, toks: list[Token], hits: list[Hit], k: int, taken: set[int],
                     cues: dict[int, tuple[int, str]]) -> tuple[int, int, KBEntry] | None:
        """A second holder of the same title: "رئيسا الوزراء الغاني X والكيني Y"."""
        d = next((x for x in hits if x.i == k and x.kind == "demonym"), None)
        if d is None or not toks[k].text.startswith("و"):
            return None
        country = country_of(d)
        a = d.j
        e = self._name_end(toks, a, "ar", hits, taken - set(range(d.i, d.j)), cues)
        if country is None or e == a or (e - a == 1 and self._weak_single(toks[a].norm)):
            return None
        return a, e, country

    @staticmethod
    def _kb_person(hits: list[Hit], k: int) -> bool:
        for h in hits:
            if h.i <= k < h.j and h.key:
                e = kb().get(h.key)
                return e is not None and e.type == "Person"
        return False

    @staticmethod
    def _weak_single(norm: str) -> bool:
        return len(norm) < 3


@register("titles")
def _factory() -> Component:
    return Titles()


def _unmark(mentions: Iterable[Mention], keep: set[int]) -> None:
    """Undo the qualifier marks of a title without a name: "Peru's foreign minister urged ..." leaves
    its English country or body an actor (the unnamed official speaks for it)."""
    for q in mentions:
        if id(q) not in keep and q.attrs.get("qualifier"):
            del q.attrs["qualifier"]

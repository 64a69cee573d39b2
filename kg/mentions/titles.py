"""Persons found by title patterns, with their position.

Arabic: TITLE [country adjective | organisation] NAME
(``وزير الخارجية الروسي سيرغي لافروف``, ``رئيس المفوضية الأوروبية X``) or
NAME ، TITLE [لـ organisation] (``X ، الأمين العام لمجلس ...``).
English: [Country's | adjective] TITLE NAME (``Russian Foreign Minister Sergei
Lavrov``) or NAME, [the] [adjective] TITLE.
"""

from __future__ import annotations

from kg.mentions.gazetteer import country_of, namelike
from kg.mentions.lexicon_hits import Hit, kb, sentence_hits
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


class Titles(Component):
    name = "titles"
    requires = frozenset({"tokens", "mentions"})
    provides = frozenset({"mentions"})

    def __call__(self, work: Work) -> None:
        doc = work.document
        by_start = {m.start: m for m in work.mentions}
        for sent in doc.sentences:
            hits = sentence_hits(work, sent)
            taken = {k for h in hits if h.kind != "title" for k in range(h.i, h.j)}
            for n, h in enumerate(hits):
                if h.kind != "title":
                    continue
                quals: list[Mention] = []
                m = self._person(doc, sent, hits, n, taken, by_start, quals)
                if m is not None:
                    work.mentions.append(m)
                if m is not None or doc.lang != "en":
                    # a title without a name ("Peru's foreign minister urged ...") leaves its
                    # English country or body an actor: the unnamed official speaks for it
                    for q in quals:
                        q.attrs["qualifier"] = True

    def _person(self, doc: Document, sent: Sentence, hits: list[Hit], n: int, taken: set[int],
                by_start: dict[int, Mention], quals: list[Mention]) -> Mention | None:
        """The person a title introduces; ``quals`` collects the mentions that qualify the title."""
        h = hits[n]
        toks = sent.tokens
        lang = doc.lang
        title_en, role, sector = h.data
        country = None
        org: Mention | None = None
        k = h.j
        title_start = h.i
        if lang == "en" and n > 0 and hits[n - 1].j == h.i and country_of(hits[n - 1]):
            country = country_of(hits[n - 1])
            title_start = hits[n - 1].i
            q0 = by_start.get(toks[title_start].start)
            if q0 is not None:
                quals.append(q0)  # "Chilean Foreign Minister X": Chile is not an actor here
        elif lang == "en" and n > 0 and hits[n - 1].j == h.i and hits[n - 1].key:
            q0 = by_start.get(toks[hits[n - 1].i].start)
            if q0 is not None and q0.type in ("IGO", "Organization", "GovernmentBody", "MilitaryForce", "Media"):
                org = q0  # "UN Secretary-General X"
                quals.append(q0)
                title_start = hits[n - 1].i
        # qualifier right after the title
        if k < len(toks):
            q = by_start.get(toks[k].start)
            if q is not None and q.type != "Person":
                quals.append(q)
                if q.type == "Country":
                    country = kb().get(q.key) if q.key else country
                else:
                    org = q
                # move k past the qualifier mention
                while k < len(toks) and toks[k].start < q.end:
                    k += 1
        org_in_title = False
        if org is None and country is None:
            for t in toks[h.i:h.j]:  # "رئيس المجلس الأوروبي", "UN Secretary-General"
                q = by_start.get(t.start)
                if q is not None and q.type != "Person":
                    org, org_in_title = q, True
                    quals.append(q)
                    break
        if lang == "en" and k + 1 < len(toks) and toks[k].norm == "of" and toks[k + 1].start in by_start:
            q = by_start[toks[k + 1].start]
            quals.append(q)
            if q.type == "Country":
                country = kb().get(q.key) if q.key else country
            elif q.type != "Person":
                org = q
            k += 1
            while k < len(toks) and toks[k].start < q.end:
                k += 1
        # a rank or second title before the name: "المتحدث باسم الجيش العقيد X"
        for x in hits:
            if x.kind == "title" and x.i == k:
                k = x.j
        # name after the title (and qualifier)
        a = k
        while k < len(toks) and k - a < _MAX_NAME[lang] and (k not in taken or self._kb_person(hits, k)) \
                and namelike(toks[k], lang, first=k == a) \
                and not (lang == "ar" and k == a and not _name_start(toks[k]) and not self._kb_person(hits, k)):
            if lang == "ar" and k > a and toks[k].norm.startswith("و") and not toks[k].norm.startswith("ول"):
                break  # "X وY": a second person starts
            k += 1
        if lang == "en":
            while k > a and toks[k - 1].norm in ("al", "el", "bin", "de", "van", "von"):
                k -= 1
        if k > a and not (lang == "ar" and k - a == 1 and self._weak_single(toks[a].norm)):
            s, e = toks[a].start, toks[k - 1].end
        else:
            # name before the title: "NAME ، TITLE" / "NAME, the TITLE"
            b = title_start
            if b > 0 and toks[b - 1].norm in ("the",):
                b -= 1
            if b > 0 and toks[b - 1].text in ",،":
                b -= 1
            else:
                return None
            c = b
            while c > 0 and b - c < _MAX_NAME[lang] and (c - 1 not in taken) and namelike(toks[c - 1], lang, first=True):
                c -= 1
            while lang == "ar" and c < b and not _name_start(toks[c]):
                c += 1
            if c == b:
                return None
            s, e = toks[c].start, toks[b - 1].end
        position = title_en  # a title that names its organisation ("President of the European Council")
        if org is not None and not org_in_title:
            position = f"{title_en} of {org.name or org.text}"
        elif country is not None:
            position = f"{title_en} of {country.name}"
        return Mention(
            start=s, end=e, text=doc.text[s:e], type="Person", sentence=sent.index, found_by="title",
            name=doc.text[s:e] if lang == "en" else None,
            country=(country.iso3 or country.key) if country is not None else (org.country if org else None),
            sector=sector or None,
            attrs={"title": title_en, "role": role, "position": position,
                   "org_start": org.start if org else None, "org_end": org.end if org else None},
        )

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

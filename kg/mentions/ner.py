"""Pipeline component "ner": Arabic person, place and organisation mentions from the CRF.

Tags each sentence's tokens with the shipped ANERcorp model
(kg/data/ner/ar_anercorp.crfsuite), keeps spans whose confidence (smallest
token marginal) reaches the model's threshold, and maps PERS→Person,
LOC→Place, ORG→Organization; MISC is dropped, and so are spans without an
Arabic letter (ANERcorp has about a hundred Latin-script tokens, too few for
the model's guesses on them to mean anything) and spans that are just a date
word from kg/lang/ar/data/dates.tsv (a month such as نيسان is also a brand
name, which the model may take for an organisation) or an indefinite place or outlet
cue word (ريف "countryside" in ريف حمص; القاعدة, الجزيرة are kept: with the article they are names). The linker merges these with
gazetteer, KB and rule mentions (which win on type). Each token also gets its
tag in ``Token.ner``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kg.lang.lexicon import table
from kg.model import Mention
from kg.ner.arabic import has_arabic, normalize, strip_clitics
from kg.ner.tagger import DEFAULT_MODEL, NerTagger, load
from kg.pipeline import Component, Work, register

TYPE_MAP: dict[str, str] = {"PERS": "Person", "LOC": "Place", "ORG": "Organization"}


_STEMS: dict[str, tuple[str, ...]] = {}


def stems(text: str) -> tuple[str, ...]:
    """Normalised, clitic-stripped words of a phrase (how spans are compared with lexicons)."""
    got = _STEMS.get(text)
    if got is None:
        if len(_STEMS) > 100_000:  # bounded memory on endless streams
            _STEMS.clear()
        got = _STEMS[text] = tuple(strip_clitics(normalize(w))[1] for w in text.split())
    return got


@lru_cache(maxsize=1)
def date_words() -> frozenset[tuple[str, ...]]:
    """Weekdays, months and relative days of the Arabic dates lexicon, as stem tuples."""
    return frozenset(stems(row[0]) for row in table("ar", "dates") if row and row[0])


@lru_cache(maxsize=1)
def cue_words() -> frozenset[tuple[str, ...]]:
    """Words that introduce a name (place_cues.tsv, media_cues.tsv: ريف، منطقة، صحيفة), as stem tuples:
    the model may tag the cue of "ريف حمص" as the name itself."""
    rows = [*table("ar", "place_cues"), *table("ar", "media_cues")]
    return frozenset(stems(row[0]) for row in rows if row and row[0] and not row[0].endswith("*"))


def _bare_cue(text: str) -> bool:
    """A one-word span that is an indefinite cue word (ريف in ريف حمص). With the article it may be a
    name of its own (القاعدة al-Qaeda, الجزيرة Al Jazeera)."""
    if " " in text or stems(text) not in cue_words():
        return False
    word = normalize(text).lstrip("وف")
    return not (word.startswith(("ال", "لل")) or (word[:1] in "بكل" and word[1:].startswith("ال")))


class NerComponent(Component):
    name = "ner"
    requires = frozenset({"tokens"})
    provides = frozenset({"mentions"})
    languages = frozenset({"ar"})

    def __init__(self, model: str | Path = DEFAULT_MODEL, threshold: float | None = None,
                 tagger: NerTagger | None = None) -> None:
        self.tagger: NerTagger = tagger or load(model)
        self.threshold = self.tagger.threshold if threshold is None else threshold
        self.dates = date_words()

    def __call__(self, work: Work) -> None:
        doc = work.document
        # One batched call per document: the decoder's cost is per step, not per sentence.
        tagged = self.tagger.tag_many([[t.text for t in s.tokens] for s in doc.sentences], self.threshold)
        for sent, (labels, found) in zip(doc.sentences, tagged):
            toks = sent.tokens
            for tok, lab in zip(toks, labels):
                tok.ner = lab
            for sp in found:
                typ = TYPE_MAP.get(sp.type)
                if typ is None:
                    continue
                start, end = toks[sp.start].start, toks[sp.end - 1].end
                text = doc.text[start:end]
                if not has_arabic(text) or stems(text) in self.dates or _bare_cue(text):
                    continue
                work.mentions.append(Mention(
                    start=start, end=end, text=text, type=typ,
                    sentence=sent.index, found_by="ner", attrs={"score": round(sp.score, 3)},
                ))


@register("ner")
def _factory() -> Component:
    return NerComponent()

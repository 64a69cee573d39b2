"""The "ner" pipeline component on hand-built documents (whitespace + punctuation tokens)."""

from __future__ import annotations

import re

import pytest

from kg.errors import PipelineError
from kg.mentions.ner import NerComponent
from kg.model import Document, Sentence, Token
from kg.pipeline import _REGISTRY, Component, Pipeline, Work

TEXT = ("قال الرئيس المصري عبد الفتاح السيسي في القاهرة، إن المحادثات كانت مثمرة.\n"
        "ووصل رئيس الوزراء البريطاني بوريس جونسون إلى باريس أمس في زيارة رسمية.")


def build(text: str, lang: str = "ar") -> Document:
    """Sentences at line breaks; tokens split at spaces with punctuation apart (like ANERcorp)."""
    doc = Document(id="t", text=text, lang=lang)
    for line in re.finditer(r"[^\n]+", text):
        toks = [Token(m.group(), m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text[line.start():line.end()])]
        for t in toks:
            t.start += line.start()
            t.end += line.start()
        doc.sentences.append(Sentence(len(doc.sentences), line.start(), line.end(), line.group(), toks))
    return doc


def test_component_contract() -> None:
    c = NerComponent()
    assert c.name == "ner" and c.requires == {"tokens"} and c.provides == {"mentions"} and c.languages == {"ar"}
    assert isinstance(_REGISTRY["ner"](), NerComponent)
    with pytest.raises(PipelineError):
        Pipeline([NerComponent()])                      # nothing provides tokens


def test_component_adds_person_and_place_mentions_with_offsets() -> None:
    doc = build(TEXT)
    work = Work(doc)
    NerComponent()(work)
    got = {(m.text, m.type, m.sentence) for m in work.mentions}
    assert ("عبد الفتاح السيسي", "Person", 0) in got
    assert ("القاهرة", "Place", 0) in got
    assert ("بوريس جونسون", "Person", 1) in got
    assert ("باريس", "Place", 1) in got
    for m in work.mentions:
        assert doc.text[m.start:m.end] == m.text
        assert m.found_by == "ner"
        assert m.type in {"Person", "Place", "Organization"}
        assert 0.0 < m.attrs["score"] <= 1.0
    assert doc.sentences[0].tokens[3].ner == "B-PERS"


def test_threshold_drops_spans_and_misc_is_skipped() -> None:
    doc = build(TEXT)
    work = Work(doc)
    NerComponent(threshold=1.01)(work)
    assert work.mentions == []
    work = Work(build("وفاز المنتخب ببطولة كأس العالم لكرة القدم."))
    NerComponent(threshold=0.0)(work)
    assert all(m.type != "MISC" for m in work.mentions)


def test_spans_without_arabic_letters_are_dropped() -> None:
    text = "قال الرئيس بوريس جونسون في باريس .\nقالت صحيفة Herald في عددها\nوقال John Smith للصحفيين"
    doc = build(text)
    work = Work(doc)
    comp = NerComponent(threshold=0.0)
    comp(work)
    # The model does tag the Latin names (ORG, PERS); the component drops them.
    tagged = {s.type for sent in doc.sentences[1:] for s in comp.tagger.tag([t.text for t in sent.tokens], 0.0)}
    assert {"ORG", "PERS"} <= tagged
    assert all(m.sentence == 0 for m in work.mentions)
    assert any(m.text == "باريس" for m in work.mentions)


def test_date_words_are_not_entities() -> None:
    text = "أفرج عن الأسرى في نيسان ."
    comp = NerComponent(threshold=0.0)
    assert [s.type for s in comp.tagger.tag(text.split(), 0.0)] == ["ORG"]   # the model's guess
    work = Work(build(text))
    comp(work)
    assert work.mentions == []


def test_runs_in_a_pipeline_only_for_arabic() -> None:
    class Given(Component):
        name = "given"
        provides = frozenset({"sentences", "tokens"})

        def __call__(self, work: Work) -> None:
            pass

    class Collect(Component):
        name = "collect"
        requires = frozenset({"mentions"})
        seen: list[int] = []

        def __call__(self, work: Work) -> None:
            Collect.seen.append(len(work.mentions))

    p = Pipeline([Given(), NerComponent(), Collect()])
    p(build(TEXT))
    p(build("Boris Johnson arrived in Paris.", lang="en"))
    assert Collect.seen[0] >= 4 and Collect.seen[1] == 0


def test_with_the_segmenter() -> None:
    from kg.text.segment import segment

    doc = Document(id="s", text=TEXT.replace("\n", " "), lang="ar")
    segment(doc)
    work = Work(doc)
    NerComponent()(work)
    got = {(m.text, m.type) for m in work.mentions}
    assert {("القاهرة", "Place"), ("باريس", "Place"), ("بوريس جونسون", "Person")} <= got
    assert all(doc.text[m.start:m.end] == m.text for m in work.mentions)


def test_bare_cue_word_is_no_name_but_a_definite_one_may_be() -> None:
    from kg.mentions.ner import _bare_cue

    assert _bare_cue("ريف") and _bare_cue("منطقة")
    assert not _bare_cue("القاعدة") and not _bare_cue("للجزيرة")  # al-Qaeda, Al Jazeera
    assert not _bare_cue("ريف حمص")

"""A REAL stanza Pipeline end to end, with a NER model trained offline in the test session.

stanza's own trainer (stanza.models.ner_tagger) learns a tiny Arabic NER model
from tests/data/stanza/anercorp_slice.conll (300 ANERcorp sentences, see the
README there) with a pretrain built from the same text; stanza then loads it
with ner_model_path / ner_pretrain_path and tokenize_pretokenized=True, and
our "stanza" component turns its output into sentences, tokens and mentions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kg.model import Document
from kg.nlp.adapter import decode_tags
from kg.nlp.stanza_backend import StanzaComponent, StanzaConfig, get_pipeline
from kg.nlp.train import TinyNer, read_conll, train_stanza_ner
from kg.pipeline import Pipeline, Work

pytestmark = pytest.mark.stanza

SLICE = Path(__file__).resolve().parent / "data" / "stanza" / "anercorp_slice.conll"
N_EVAL = 60


@pytest.fixture(scope="session")
def tiny_ner(stanza_module: Any, tmp_path_factory: pytest.TempPathFactory) -> TinyNer:
    return train_stanza_ner(SLICE, tmp_path_factory.mktemp("stanza_ner"), max_steps=150)


def _config(tiny: TinyNer) -> StanzaConfig:
    return StanzaConfig(processors="tokenize,ner", pretokenized=True,
                        paths=(("ner_model_path", str(tiny.model)), ("ner_pretrain_path", str(tiny.pretrain))))


@pytest.fixture(scope="session")
def corpus() -> tuple[str, set[tuple[int, int, str]]]:
    """The first sentences of the slice as one text (a paragraph each), with gold spans."""
    text = ""
    gold: set[tuple[int, int, str]] = set()
    for sent in read_conll(SLICE)[:N_EVAL]:
        if text:
            text += "\n"
        offs = []
        for word, _ in sent:
            if offs:
                text += " "
            offs.append((len(text), len(text) + len(word)))
            text += word
        for a, b, label in decode_tags([t for _, t in sent]):
            gold.add((offs[a][0], offs[b][1], label))
    return text, gold


def test_tiny_ner_end_to_end(tiny_ner: TinyNer, corpus: tuple[str, set]) -> None:
    assert tiny_ner.model.is_file() and tiny_ner.pretrain.is_file()
    text, gold = corpus
    doc = Document(id="anercorp-slice", text=text, lang="ar")
    work = Work(doc)
    StanzaComponent(_config(tiny_ner))(work)
    # sentences and tokens on the original text
    assert len(doc.sentences) == N_EVAL
    for s in doc.sentences:
        assert text[s.start:s.end] == s.text and s.tokens
        assert all(text[t.start:t.end] == t.text for t in s.tokens)
    # mentions: found by stanza, ANERcorp labels mapped to our types
    assert work.mentions
    types = {"PERS": "Person", "LOC": "Place", "ORG": "Organization"}
    for m in work.mentions:
        assert m.found_by == "stanza" and text[m.start:m.end] == m.text
        assert m.type == types[m.attrs["ner_type"]]
        assert 0 <= m.sentence < N_EVAL
    pred = {(m.start, m.end, m.attrs["ner_type"]) for m in work.mentions}
    kept = {g for g in gold if g[2] in types}
    tp = len(pred & kept)
    # sentences the model was trained on: it must have learned them (measured ~0.8/0.8)
    assert tp / len(pred) >= 0.5, (tp, len(pred))
    assert tp / len(kept) >= 0.5, (tp, len(kept))


def test_mentions_are_stanzas_own_entities(tiny_ner: TinyNer, corpus: tuple[str, set]) -> None:
    text, _ = corpus
    config = _config(tiny_ner)
    nlp = get_pipeline("ar", config)
    words = [line.split(" ") for line in text.split("\n")]
    sdoc = nlp(words)
    theirs = [(e.text.replace(" ", ""), e.type) for e in sdoc.ents if e.type != "MISC"]
    work = Work(Document(id="x", text=text, lang="ar"))
    StanzaComponent(config)(work)
    ours = [(m.text.replace(" ", ""), m.attrs["ner_type"]) for m in work.mentions]
    assert ours == theirs and ours


def test_component_from_environment_through_the_registry(tiny_ner: TinyNer, corpus: tuple[str, set],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_STANZA_PROCESSORS", "tokenize,ner")
    monkeypatch.setenv("KG_STANZA_PRETOKENIZED", "1")
    monkeypatch.setenv("KG_STANZA_NER_MODEL", str(tiny_ner.model))
    monkeypatch.setenv("KG_STANZA_NER_PRETRAIN", str(tiny_ner.pretrain))
    pipeline = Pipeline.from_names(["stanza"])
    assert pipeline.provides == {"sentences", "tokens", "parse", "mentions"}
    comp = pipeline.components[0]
    assert comp.name == "stanza" and comp.config == _config(tiny_ner)
    text, _ = corpus
    first = text.split("\n")[0]
    work = Work(Document(id="one", text=first, lang="ar"))
    comp(work)
    assert len(work.document.sentences) == 1
    assert [t.text for t in work.document.sentences[0].tokens] == first.split(" ")


def test_full_stanza_pipeline_merges_mentions_with_the_gazetteer(tiny_ner: TinyNer, corpus: tuple[str, set],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """STANZA_COMPONENTS end to end: stanza's mentions reach the entities next to the gazetteer's."""
    from kg.pipeline import STANZA_COMPONENTS

    monkeypatch.setenv("KG_STANZA_PROCESSORS", "tokenize,ner")
    monkeypatch.setenv("KG_STANZA_PRETOKENIZED", "1")
    monkeypatch.setenv("KG_STANZA_NER_MODEL", str(tiny_ner.model))
    monkeypatch.setenv("KG_STANZA_NER_PRETRAIN", str(tiny_ner.pretrain))
    text, _ = corpus
    ex = Pipeline.from_names(STANZA_COMPONENTS)(Document(id="slice", text=text, lang="ar", date="2020-01-01"))
    mentions = [m for e in ex.entities for m in e.mentions]
    assert all(text[m.start:m.end] == m.text for m in mentions)
    found_by = {m.found_by for m in mentions}
    assert "stanza" in found_by and len(found_by) > 1, found_by

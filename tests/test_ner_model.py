"""The shipped ANERcorp CRF: loads, finds people and places, and the fast decoder equals crfsuite."""

from __future__ import annotations

import json

import numpy as np
import pytest

from kg.errors import ModelError
from kg.ner.tagger import DEFAULT_MODEL, NerTagger, load, sidecars

# Hand-written sentences (not from the dev articles), tokenised like ANERcorp.
SENTENCES = [
    "قال الرئيس المصري عبد الفتاح السيسي في القاهرة إن المحادثات كانت مثمرة .",
    "وصل رئيس الوزراء البريطاني بوريس جونسون إلى باريس أمس في زيارة رسمية .",
    "زار الملك عبدالله الثاني مدينة العقبة في جنوب الأردن .",
]


def found(tokens: list[str], typ: str) -> list[str]:
    return [" ".join(tokens[s.start:s.end]) for s in load().tag(tokens) if s.type == typ]


def test_shipped_model_files_are_small_and_complete() -> None:
    gaz, meta, weights = sidecars(DEFAULT_MODEL)
    for p in (DEFAULT_MODEL, gaz, meta, weights):
        assert p.is_file(), p
    total = sum(p.stat().st_size for p in (DEFAULT_MODEL, gaz, meta, weights))
    assert total < 5_000_000
    info = json.loads(meta.read_text(encoding="utf-8"))
    assert 0.0 < info["threshold"] < 1.0
    assert info["held_out_f1"]["ALL"] > 0.7


def test_shipped_model_finds_person_and_place() -> None:
    toks = SENTENCES[0].split()
    assert "عبد الفتاح السيسي" in found(toks, "PERS")
    assert "القاهرة" in found(toks, "LOC")
    toks = SENTENCES[1].split()
    assert "بوريس جونسون" in found(toks, "PERS")
    assert found(toks, "LOC") == ["باريس"]
    toks = SENTENCES[2].split()
    assert "العقبة" in found(toks, "LOC") and "الأردن" in found(toks, "LOC")


def test_common_words_are_not_entities() -> None:
    toks = "قال المتحدث إن المحادثات كانت مثمرة وإن العمل مستمر .".split()
    assert load().tag(toks) == []


def test_scores_are_probabilities_and_threshold_filters() -> None:
    tg = load()
    toks = SENTENCES[0].split()
    spans = tg.tag(toks, threshold=0.0)
    assert spans and all(0.0 < s.score <= 1.0 + 1e-9 for s in spans)
    assert tg.tag(toks, threshold=1.01) == []


def test_fast_decoder_equals_crfsuite() -> None:
    tg = load()
    ref = tg.reference()
    for sent in SENTENCES + ["بيروت", "في بيروت"]:
        toks = sent.split()
        want = ref.tag(tg.featurizer.sentence(toks))
        assert tg.tags(toks, viterbi=True) == want
        (path, conf), = tg.crf.decode(*tg.crf.emissions(tg.featurizer, [toks]), viterbi=True)
        assert [tg.crf.labels[k] for k in path] == want
        got = np.array(conf)
        exp = np.array([ref.marginal(want[j], j) for j in range(len(toks))])
        assert np.allclose(got, exp, atol=1e-5)


def test_batch_equals_one_by_one_and_keeps_order() -> None:
    tg = load()
    sents = [s.split() for s in SENTENCES] + [[]]
    batch = tg.tag_many(sents)
    assert batch[-1] == ([], [])
    for toks, (tags, spans) in zip(sents[:-1], batch[:-1]):
        one_tags, one_spans = tg.tag_full(toks)
        assert tags == one_tags
        assert [(s.start, s.end, s.type) for s in spans] == [(s.start, s.end, s.type) for s in one_spans]
        assert [s.score for s in spans] == pytest.approx([s.score for s in one_spans])


def test_missing_model_is_a_model_error(tmp_path) -> None:
    with pytest.raises(ModelError) as exc:
        NerTagger(tmp_path / "none.crfsuite")
    assert "none.crfsuite" in str(exc.value)


def test_word_cache_reset_keeps_results(monkeypatch) -> None:
    import kg.ner.crf as crf

    tg = NerTagger(DEFAULT_MODEL)
    toks = SENTENCES[0].split()
    want = tg.tag_full(toks)
    monkeypatch.setattr(crf, "_CACHE_MAX", 20)   # forces resets mid-document
    for _ in range(3):
        got = tg.tag_full(toks + SENTENCES[1].split())[0][: len(toks)]
        assert got == want[0]


def test_spans_follow_the_tags_and_the_posterior_matches_marginals() -> None:
    # spans are read from non-O positions only: they must equal conlleval's reading of the tags,
    # and each score the smallest marginal (from the reference forward-backward) over the span
    from kg.ner.evaluate import spans as conll_spans

    tg = load()
    sents = [s.split() for s in SENTENCES]
    for toks, (tags, found) in zip(sents, tg.tag_many(sents, threshold=0.0)):
        assert [(s.start, s.end, s.type) for s in found] == conll_spans(tags)
        E, lens = tg.crf.emissions(tg.featurizer, [toks])
        P = tg.crf._marginals(E, lens)[0]
        assert tags == [tg.crf.labels[k] for k in P.argmax(axis=1)]
        for s in found:
            assert s.score == pytest.approx(min(P[j].max() for j in range(s.start, s.end)))

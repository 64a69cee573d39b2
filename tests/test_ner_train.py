"""`kg train-ner` and the training library: split, training on a tiny slice, errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import DataError, InputError
from kg.ner.corpus import Sentence, read_conll, split
from kg.ner.evaluate import Score, score, spans
from kg.ner.tagger import NerTagger, sidecars
from kg.ner.train import train_ner

FAST = {"c1": 0.0, "c2": 0.01, "max_iterations": 60}


@pytest.fixture(scope="module")
def tiny(data_dir: Path) -> Path:
    return data_dir / "ner" / "tiny.conll"


def run_kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=300)


def test_split_is_deterministic_and_by_sentence(tiny: Path) -> None:
    sents = read_conll(tiny)
    assert len(sents) == 12
    a_train, a_dev = split(sents, 0.25, seed=7)
    b_train, b_dev = split(sents, 0.25, seed=7)
    assert [s.line for s in a_dev] == [s.line for s in b_dev]
    assert [s.line for s in a_train] == [s.line for s in b_train]
    assert len(a_dev) == 3 and len(a_train) == 9
    assert {s.line for s in a_dev}.isdisjoint(s.line for s in a_train)
    many = [Sentence(["w"], ["O"], line) for line in range(200)]
    held = [tuple(s.line for s in split(many, 0.1, seed)[1]) for seed in range(5)]
    assert all(len(h) == 20 for h in held)
    assert len(set(held)) == 5                              # the seed matters
    assert held[0] == tuple(s.line for s in split(many, 0.1, 0)[1])


def test_entity_scores_exact_span() -> None:
    assert spans(["B-PERS", "I-PERS", "O", "B-LOC", "I-ORG"]) == [(0, 2, "PERS"), (3, 4, "LOC"), (4, 5, "ORG")]
    res = score([[(0, 2, "PERS"), (3, 4, "LOC")]], [[(0, 1, "PERS"), (3, 4, "LOC")]])
    assert (res["LOC"].tp, res["PERS"].tp, res["PERS"].fp, res["PERS"].fn) == (1, 0, 1, 1)
    assert res["ALL"].f1 == pytest.approx(0.5)
    assert Score().f1 == 0.0


def test_training_on_a_tiny_slice_tags_its_own_sentence(tiny: Path, tmp_path: Path, data_dir: Path) -> None:
    out = tmp_path / "m.crfsuite"
    report = train_ner(tiny, out, seed=3, holdout=0.25, params=FAST, gazetteer=data_dir / "ner" / "tiny.gaz.tsv")
    assert out.is_file() and all(p.is_file() for p in sidecars(out))
    assert report.train_sentences == 9 and report.held_out_sentences == 3
    assert set(report.scores) >= {"ALL"}
    train, _ = split(read_conll(tiny), 0.25, seed=3)
    tagger = NerTagger(out)
    for s in train:
        assert tagger.tags(s.tokens) == s.tags
        assert tagger.tags(s.tokens, viterbi=True) == s.tags


def test_training_is_reproducible(tiny: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    train_ner(tiny, a, seed=1, holdout=0.25, params=FAST)
    train_ner(tiny, b, seed=1, holdout=0.25, params=FAST)
    assert a.read_bytes() == b.read_bytes()


def test_bad_corpus_line_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.conll"
    bad.write_text("قال\tO\nسمير\tB-PERSON-X\n\nكلمة بلا وسم\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        read_conll(bad)
    assert "bad.conll" in str(exc.value) and "line 4" in str(exc.value)
    with pytest.raises(InputError):
        read_conll(tmp_path / "missing.conll")


def test_cli_missing_data_is_one_line_error(tmp_path: Path) -> None:
    r = run_kg("train-ner", "--data", str(tmp_path / "nope.conll"), "--out", str(tmp_path / "m.crfsuite"))
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "E106" in lines[0] and "nope.conll" in lines[0]
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "m.crfsuite").exists()


def test_cli_bad_holdout_is_one_line_error(tiny: Path, tmp_path: Path) -> None:
    r = run_kg("train-ner", "--data", str(tiny), "--out", str(tmp_path / "m.crfsuite"), "--holdout", "1.5")
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1 and "holdout" in r.stderr


def test_cli_trains_and_prints_per_label_scores(tiny: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.crfsuite"
    r = run_kg("train-ner", "--data", str(tiny), "--out", str(out), "--seed", "3", "--holdout", "0.25")
    assert r.returncode == 0, r.stderr
    assert "9 train, 3 held out (seed 3)" in r.stdout
    assert any(line.startswith("ALL ") for line in r.stdout.splitlines())
    assert out.is_file()

"""Run-time tagging with a trained CRF: token spans with a confidence score.

A model is four files side by side: ``NAME.crfsuite`` (the CRF as trained by
python-crfsuite), ``NAME.weights.npz`` (the same weights exported for the fast
numpy inference of kg.ner.crf), ``NAME.gaz.tsv`` (the gazetteer its features
look up) and ``NAME.json`` (feature version, confidence threshold, training
figures). The score of a span is the smallest marginal probability, over its
tokens, of the tag chosen: a span the model hesitates on anywhere
scores low.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pycrfsuite

from kg.errors import ModelError, error
from kg.ner.crf import CRF
from kg.ner.features import FEATURE_VERSION, Featurizer
from kg.ner.gazetteer import Gazetteer, read
from kg.resources import package_data

DEFAULT_MODEL = package_data() / "ner" / "ar_anercorp.crfsuite"
BATCH = 64  # sentences decoded together


@dataclass
class Span:
    start: int  # token index
    end: int    # token index, exclusive
    type: str   # PERS, LOC, ORG, MISC
    score: float

    # Written out: compiled by mypyc, a hand-written __init__ is native code, a dataclass's generated one is not.
    def __init__(self, start: int, end: int, type: str, score: float) -> None:
        self.start = start
        self.end = end
        self.type = type
        self.score = score

    def __reduce__(self) -> tuple[Any, ...]:  # copy and pickle call the class (see kg.model._reduce)
        return (Span, (self.start, self.end, self.type, self.score))


def sidecars(model: Path) -> tuple[Path, Path, Path]:
    """(gazetteer, metadata, weights) paths that go with a model file."""
    stem = model.with_suffix("")
    return (stem.with_name(stem.name + ".gaz.tsv"), stem.with_name(stem.name + ".json"),
            stem.with_name(stem.name + ".weights.npz"))


def export_weights(model: Path) -> None:
    """Write ``NAME.weights.npz`` for a crfsuite model (done once, after training)."""
    CRF.from_crfsuite(model).save(sidecars(model)[2])


class NerTagger:
    """A loaded model. ``tag(tokens)`` returns spans with scores; ``tag_many`` batches sentences."""

    def __init__(self, model: str | Path = DEFAULT_MODEL) -> None:
        self.path = Path(model)
        gaz_path, meta_path, weights_path = sidecars(self.path)
        for p in (self.path, gaz_path, meta_path):
            if not p.is_file():
                raise error(ModelError, "E500", path=p)
        try:
            self.meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise ModelError(f"unreadable model metadata ({exc})", path=meta_path) from None
        if self.meta.get("feature_version") != FEATURE_VERSION:
            raise ModelError(f"model built with feature version {self.meta.get('feature_version')}, "
                             f"this code uses {FEATURE_VERSION}; retrain with kg train-ner", path=meta_path)
        self.threshold: float = float(self.meta.get("threshold", 0.0))
        self.featurizer = Featurizer(Gazetteer(read(gaz_path)), cache_max=0)
        try:
            # The exported weights load in milliseconds; deriving them from the
            # crfsuite file parses its dump (about a second).
            self.crf = CRF.load(weights_path) if weights_path.is_file() else CRF.from_crfsuite(self.path)
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"unreadable CRF model ({exc})", path=self.path) from None
        self._ref: pycrfsuite.Tagger | None = None
        self._label_array = np.array(self.crf.labels, dtype=object)
        # a model without "O" (never the case for BIO corpora) has no position to skip
        self._outside = self.crf.labels.index("O") if "O" in self.crf.labels else -1

    def tag_many(self, sentences: list[list[str]], threshold: float | None = None, viterbi: bool = False
                 ) -> list[tuple[list[str], list[Span]]]:
        """For each sentence: (tags, spans scoring at least ``threshold``).

        Tags are each token's most probable label, or crfsuite's Viterbi path
        with ``viterbi=True`` (see kg.ner.crf.CRF.decode).
        """
        cut = self.threshold if threshold is None else threshold
        out: list[tuple[list[str], list[Span]]] = [([], []) for _ in sentences]
        if not viterbi and self._outside >= 0:
            # C: the whole document in one call (its cost is per token, not per step of a batch)
            doc = self.crf.tag_doc(self.featurizer, sentences, self._outside, cut)
            if doc is not None:
                tags, found = doc
                out = [(t, []) for t in tags]
                for i, start, end, typ, score in found:
                    out[i][1].append(Span(start, end, typ, score))
                return out
        # Batches of similar length: a batch costs as many steps as its longest sentence.
        idx = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: len(sentences[i]))
        for k in range(0, len(idx), BATCH):
            chunk = idx[k:k + BATCH]
            batch = [sentences[i] for i in chunk]
            if viterbi:
                self._collect_arrays(chunk, *self._viterbi(batch), cut, out)
            else:
                self._collect_arrays(chunk, *self.crf.tag_batch(self.featurizer, batch), cut, out)
        return out

    def _viterbi(self, batch: list[list[str]]) -> tuple[np.ndarray, np.ndarray, list[int]]:
        """``CRF.tag_batch``'s (best, conf, lens) with crfsuite's Viterbi paths as labels."""
        E, lens = self.crf.emissions(self.featurizer, batch)
        best = np.zeros(E.shape[:2], dtype=np.intp)
        conf = np.zeros(E.shape[:2])
        for b, (path, c) in enumerate(self.crf.decode(E, lens, viterbi=True)):
            best[b, : len(path)] = path
            conf[b, : len(c)] = c
        return best, conf, lens

    def _collect_arrays(self, chunk: list[int], best: np.ndarray, conf: np.ndarray, lens: list[int],
                        cut: float, out: list[tuple[list[str], list[Span]]]) -> None:
        """Tags and thresholded spans from (B, L) label and confidence arrays; only non-O positions are visited.

        Spans follow kg.ner.evaluate.spans (an I- without a matching B- opens a
        new span); a span's score is its smallest token confidence.
        """
        labels = self.crf.labels
        rows = self._label_array[best].tolist()
        conf_l = conf.tolist()
        for b, i in enumerate(chunk):
            out[i] = (rows[b][: lens[b]], [])
        inside = best != self._outside
        inside &= np.arange(best.shape[1])[None, :] < np.array(lens)[:, None]
        bs, ts = np.nonzero(inside)  # row-major: by sentence, then position
        open_b, start, end, typ = -1, 0, 0, ""
        for b, t, k in zip(bs.tolist(), ts.tolist(), best[bs, ts].tolist()):
            tag = labels[k]
            if b == open_b and t == end and tag[2:] == typ and tag.startswith("I-"):
                end = t + 1
                continue
            if open_b >= 0:
                self._keep(chunk[open_b], conf_l, open_b, start, end, typ, cut, out)
            open_b, start, end, typ = b, t, t + 1, tag[2:]
        if open_b >= 0:
            self._keep(chunk[open_b], conf_l, open_b, start, end, typ, cut, out)

    @staticmethod
    def _keep(i: int, conf: list[list[float]], b: int, s: int, e: int, typ: str, cut: float,
              out: list[tuple[list[str], list[Span]]]) -> None:
        sc = min(conf[b][s:e])
        if sc >= cut:
            out[i][1].append(Span(s, e, typ, sc))

    def tag_full(self, tokens: list[str], threshold: float | None = None) -> tuple[list[str], list[Span]]:
        """(tags, spans scoring at least ``threshold``) of one sentence."""
        return self.tag_many([tokens], threshold)[0]

    def tag(self, tokens: list[str], threshold: float | None = None) -> list[Span]:
        """Entity spans whose score reaches ``threshold`` (default: the model's)."""
        return self.tag_full(tokens, threshold)[1]

    def tags(self, tokens: list[str], viterbi: bool = False) -> list[str]:
        """The BIO tags of a sentence."""
        return self.tag_many([tokens], 1.1, viterbi)[0][0]

    def reference(self) -> pycrfsuite.Tagger:
        """crfsuite's own tagger on the same model (slow; for checks and tests)."""
        if self._ref is None:
            self._ref = pycrfsuite.Tagger()
            self._ref.open(str(self.path))
        return self._ref


_CACHE: dict[Path, NerTagger] = {}


def load(model: str | Path = DEFAULT_MODEL) -> NerTagger:
    """A cached tagger per model path (a model loads once per process)."""
    p = Path(model).resolve()
    if p not in _CACHE:
        _CACHE[p] = NerTagger(p)
    return _CACHE[p]

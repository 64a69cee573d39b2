"""Run-time tagging with a trained CRF: token spans with a confidence score.

A model is three files side by side: ``NAME.crfsuite`` (the CRF),
``NAME.gaz.tsv`` (the gazetteer its features look up) and ``NAME.json``
(feature version, confidence threshold, training figures).
The score of a span is the smallest marginal probability, over its tokens, of
the tag Viterbi chose: a span the model hesitates on anywhere scores low.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycrfsuite

from kg.errors import ModelError, error
from kg.ner.evaluate import spans
from kg.ner.features import FEATURE_VERSION, Featurizer
from kg.ner.gazetteer import Gazetteer, read
from kg.resources import package_data

DEFAULT_MODEL = package_data() / "ner" / "ar_anercorp.crfsuite"


@dataclass
class Span:
    start: int  # token index
    end: int    # token index, exclusive
    type: str   # PERS, LOC, ORG, MISC
    score: float


def sidecars(model: Path) -> tuple[Path, Path]:
    """(gazetteer, metadata) paths that go with a model file."""
    stem = model.with_suffix("")
    return stem.with_name(stem.name + ".gaz.tsv"), stem.with_name(stem.name + ".json")


class NerTagger:
    """A loaded CRF model. ``tag(tokens)`` returns spans with scores."""

    def __init__(self, model: str | Path = DEFAULT_MODEL) -> None:
        self.path = Path(model)
        gaz_path, meta_path = sidecars(self.path)
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
        self.featurizer = Featurizer(Gazetteer(read(gaz_path)))
        self._tagger = pycrfsuite.Tagger()
        try:
            self._tagger.open(str(self.path))
        except (OSError, ValueError) as exc:
            raise ModelError(f"unreadable CRF model ({exc})", path=self.path) from None

    def tags(self, tokens: list[str]) -> list[str]:
        """The Viterbi BIO tags of a sentence."""
        if not tokens:
            return []
        return self._tagger.tag(self.featurizer.sentence(tokens))

    def tag(self, tokens: list[str], threshold: float | None = None) -> list[Span]:
        """Entity spans whose score reaches ``threshold`` (default: the model's)."""
        return self.tag_full(tokens, threshold)[1]

    def tag_full(self, tokens: list[str], threshold: float | None = None) -> tuple[list[str], list[Span]]:
        """(Viterbi tags, spans scoring at least ``threshold``)."""
        labels = self.tags(tokens)
        if not labels:
            return labels, []
        cut = self.threshold if threshold is None else threshold
        marginal = self._tagger.marginal
        out = []
        for s, e, typ in spans(labels):
            sc = min(marginal(labels[i], i) for i in range(s, e))
            if sc >= cut:
                out.append(Span(s, e, typ, sc))
        return labels, out


_CACHE: dict[Path, NerTagger] = {}


def load(model: str | Path = DEFAULT_MODEL) -> NerTagger:
    """A cached tagger per model path (a model loads once per process)."""
    p = Path(model).resolve()
    if p not in _CACHE:
        _CACHE[p] = NerTagger(p)
    return _CACHE[p]

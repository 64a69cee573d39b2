"""Train the CRF on a CoNLL corpus, evaluate on a held-out slice, choose the threshold.

``train_ner`` is what ``kg train-ner`` runs: deterministic split by sentence,
L-BFGS CRF training with L1+L2 regularisation (deterministic), entity-level
scores on the held-out sentences, and a confidence threshold for spans chosen
on those sentences (the one that maximises F0.5, i.e. weighs precision twice
as much as recall, because the linker merges NER spans with surer sources).
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pycrfsuite

from kg.errors import UsageError
from kg.ner.corpus import Sentence, read_conll, split
from kg.ner.evaluate import Score, score, spans
from kg.ner.features import FEATURE_VERSION, Featurizer
from kg.ner.gazetteer import ANERGAZET_FILES, Gazetteer, derive, read, write
from kg.ner.tagger import NerTagger, export_weights, sidecars

DEFAULT_PARAMS: dict[str, Any] = {
    "c1": 0.05,                 # L1: keeps the model small
    "c2": 0.01,
    "max_iterations": 150,
    "feature.minfreq": 1,
    "feature.possible_transitions": True,
}
THRESHOLDS: tuple[float, ...] = tuple(round(0.05 * i, 2) for i in range(0, 20))
BETA = 0.5


@dataclass
class Report:
    train_sentences: int
    held_out_sentences: int
    seconds: float
    scores: dict[str, Score]            # all tagged spans
    threshold: float
    filtered: dict[str, Score]          # spans scoring >= threshold
    curve: list[tuple[float, float, float, float]] = field(default_factory=list)  # t, P, R, F1
    gazetteer: str = ""
    model_bytes: int = 0


def _f_beta(s: Score, beta: float = BETA) -> float:
    p, r = s.precision, s.recall
    b2 = beta * beta
    return (1 + b2) * p * r / (b2 * p + r) if p + r else 0.0


def resolve_gazetteer(data: Path, gazetteer: Path | None) -> tuple[list[tuple[str, str]], str]:
    """The gazetteer pairs to train with, and where they came from.

    ``gazetteer`` may be a word list (.tsv) or a folder of ANERGazet files;
    by default the ANERGazet files next to the corpus are used when present.
    """
    if gazetteer is None:
        folder = data.parent
        if all((folder / f).is_file() for f in ANERGAZET_FILES.values()):
            return derive(folder), f"ANERGazet-Aligned{{Loc,Org,Pers}}Gazetteer.txt in {folder.name}/"
        return [], "none"
    if gazetteer.is_dir():
        return derive(gazetteer), f"ANERGazet-Aligned{{Loc,Org,Pers}}Gazetteer.txt in {gazetteer.name}/"
    return read(gazetteer), str(gazetteer)


def train_ner(data: str | Path, out: str | Path, *, seed: int = 13, holdout: float = 0.1,
              gazetteer: str | Path | None = None, params: dict[str, Any] | None = None,
              log: Callable[[str], None] = lambda s: None) -> Report:
    """Train a model from ``data`` and write it (with its sidecar files) to ``out``."""
    if not 0.0 < holdout < 1.0:
        raise UsageError(f"--holdout must be between 0 and 1, got {holdout}")
    data_p, out_p = Path(data), Path(out)
    sentences = read_conll(data_p)
    gpairs, gsource = resolve_gazetteer(data_p, Path(gazetteer) if gazetteer else None)
    train, dev = split(sentences, holdout, seed)
    if not train or not dev:
        raise UsageError(f"corpus has {len(sentences)} sentences: too few to hold out {holdout:.0%}")
    log(f"{len(sentences)} sentences: {len(train)} train, {len(dev)} held out (seed {seed}); "
        f"gazetteer: {len(gpairs)} entries ({gsource})")

    feat = Featurizer(Gazetteer(gpairs))
    t0 = time.perf_counter()
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    trainer.set_params(dict(DEFAULT_PARAMS, **(params or {})))
    for s in train:
        trainer.append(feat.sentence(s.tokens), s.tags)
    out_p.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_p.with_name(out_p.name + ".tmp")
    trainer.train(str(tmp))
    seconds = time.perf_counter() - t0
    shutil.move(str(tmp), out_p)
    export_weights(out_p)
    gaz_path, meta_path, _ = sidecars(out_p)
    write(gpairs, gaz_path, gsource)
    meta: dict[str, Any] = {"feature_version": FEATURE_VERSION, "threshold": 0.0, "seed": seed,
                            "holdout": holdout, "data": data_p.name, "gazetteer": gsource}
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    report = evaluate(NerTagger(out_p), dev)
    report.train_sentences, report.seconds, report.gazetteer = len(train), seconds, gsource
    report.model_bytes = out_p.stat().st_size
    meta.update({
        "threshold": report.threshold,
        "train_sentences": len(train), "held_out_sentences": len(dev),
        "train_seconds": round(seconds, 1), "params": dict(DEFAULT_PARAMS, **(params or {})),
        "held_out_f1": {k: round(v.f1, 4) for k, v in report.scores.items()},
        "held_out_f1_thresholded": {k: round(v.f1, 4) for k, v in report.filtered.items()},
    })
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return report


def evaluate(tagger: NerTagger, dev: list[Sentence]) -> Report:
    """Scores on ``dev`` without and with the best F0.5 threshold."""
    gold = [spans(s.tags) for s in dev]
    scored = [found for _, found in tagger.tag_many([s.tokens for s in dev], threshold=0.0)]
    def at(t: float) -> dict[str, Score]:
        return score(gold, [[(x.start, x.end, x.type) for x in sent if x.score >= t] for sent in scored])
    base = at(0.0)
    curve = []
    best_t, best_f = 0.0, -1.0
    for t in THRESHOLDS:
        s = at(t)["ALL"]
        curve.append((t, s.precision, s.recall, s.f1))
        fb = _f_beta(s)
        if fb > best_f + 1e-9:
            best_t, best_f = t, fb
    return Report(0, len(dev), 0.0, base, best_t, at(best_t), curve)

"""Pair gold files with articles, run the extractor, and score.

``evaluate(GOLD, ARTICLES)`` takes a gold file and an article file, or a gold
directory and an article directory (paired by file stem: ``x.json`` with
``x.txt``/``x.md``).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from kg.errors import DataError, InputError, KgError, UsageError, error
from kg.eval.articles import read_article
from kg.eval.gold import load_gold
from kg.eval.score import ArticleScores, SetScores, score_extraction
from kg.model import Document

ARTICLE_SUFFIXES: tuple[str, ...] = (".txt", ".md")
Extractor = Callable[[Document], dict[str, Any]]


@dataclass
class EvalRun:
    """What ``evaluate`` gives: the scores, seconds per article, and per-file errors."""

    scores: SetScores
    seconds: dict[str, float] = field(default_factory=dict)
    errors: list[KgError] = field(default_factory=list)
    unpaired: list[str] = field(default_factory=list)


def pairs(gold: Path, articles: Path) -> tuple[list[tuple[Path, Path]], list[str]]:
    """``(gold, article)`` pairs, and the names left without a partner."""
    if not gold.exists():
        raise error(InputError, "E106", path=gold)
    if not articles.exists():
        raise error(InputError, "E106", path=articles)
    if gold.is_file() and articles.is_file():
        return [(gold, articles)], []
    if gold.is_dir() and articles.is_dir():
        golds = {p.stem: p for p in sorted(gold.glob("*.json"))}
        arts: dict[str, Path] = {}
        for p in sorted(articles.iterdir()):
            if p.is_file() and p.suffix in ARTICLE_SUFFIXES:
                arts.setdefault(p.stem, p)
        both = sorted(golds.keys() & arts.keys())
        if not both:
            raise error(UsageError, "E700", path=gold,
                        detail=f"no gold file has an article of the same name in {articles}")
        unpaired = sorted(golds.keys() ^ arts.keys())
        return [(golds[s], arts[s]) for s in both], unpaired
    raise error(UsageError, "E700", path=gold,
                detail="give a gold file and an article file, or a gold directory and an article directory")


def pipeline_extractor(nlp: str = "default") -> Extractor:
    """The extractor as a function Document -> contract dict (``nlp``: default | stanza)."""
    from kg.pipeline import STANZA_COMPONENTS, Pipeline, extract

    if nlp == "default":
        pipe = None
    elif nlp == "stanza":
        pipe = Pipeline.from_names(STANZA_COMPONENTS)
    else:
        raise error(UsageError, "E700", detail=f"--nlp must be default or stanza, not {nlp!r}")

    def run(doc: Document) -> dict[str, Any]:
        return extract(doc, pipe).to_dict()

    return run


def _iter_json_objects(path: Path) -> Iterator[tuple[int, Any]]:
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        # JSON Lines: one extraction per line.
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    yield n, json.loads(line)
                except json.JSONDecodeError as exc:
                    raise error(DataError, "E103", path=path, line=n, detail=exc.msg) from None
        return
    for obj in data if isinstance(data, list) else [data]:
        yield 0, obj


def prediction_extractor(path: Path) -> Extractor:
    """Score saved predictions (``kg extract`` JSON or JSONL output) instead of running the extractor.

    Predictions are found by ``document.id``, which must equal the article's file stem.
    """
    if not path.is_file():
        raise error(InputError, "E106", path=path)
    by_id: dict[str, dict[str, Any]] = {}
    for line, obj in _iter_json_objects(path):
        doc = obj.get("document") if isinstance(obj, dict) else None
        if not isinstance(doc, dict) or "id" not in doc:
            raise error(DataError, "E107", path=path, line=line, field="document.id", detail="missing")
        by_id[str(doc["id"])] = obj

    def run(doc: Document) -> dict[str, Any]:
        if doc.id not in by_id:
            raise error(DataError, "E700", path=path, detail=f"no prediction with document.id {doc.id!r}")
        return by_id[doc.id]

    return run


def evaluate(gold: str | Path, articles: str | Path, extractor: Extractor | None = None) -> EvalRun:
    """Score the extractor (default pipeline unless given) on every gold/article pair.

    A bad article or gold file is recorded in ``errors`` and the others go on;
    an extractor error stops the run.
    """
    run_one = extractor or pipeline_extractor("default")
    found, unpaired = pairs(Path(gold), Path(articles))
    results: list[ArticleScores] = []
    out = EvalRun(SetScores(results), unpaired=unpaired)
    for gpath, apath in found:
        try:
            g = load_gold(gpath)
            doc = read_article(apath, lang=g.lang or None)
        except (InputError, DataError) as exc:
            out.errors.append(exc)  # a bad file: the others go on
            continue
        # Extractor failures (missing model, broken pipeline) are not about one
        # file, so they propagate and stop the run.
        t0 = time.perf_counter()
        pred = run_one(doc)
        out.seconds[doc.id] = time.perf_counter() - t0
        results.append(score_extraction(pred, g, doc.id))
    return out

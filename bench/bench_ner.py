#!/usr/bin/env python3
"""Speed of the Arabic NER component ("ner"), one process on one core.

Reads the Arabic benchmark corpus of ``bench/make_corpus.py`` (real-length
articles built from ANERcorp and the dev articles), segments each article
with the pipeline's segmenter (not timed), and times only the NER step:
``NerComponent`` on the article (features, batched decoding, marginals,
mentions). CPU time (``time.process_time``) so other processes on the
machine do not count. Reports medians over runs of:

- cold: a freshly loaded model, so every new word pays its feature cost;
- warm: the same articles again (word caches filled);
- crfsuite: python-crfsuite's own tagger (features + Viterbi + marginals of
  each sentence) on the first 200 articles, for the ratio.

Usage: python bench/make_corpus.py && python bench/bench_ner.py [--n 2000] [--runs 3]
"""

from __future__ import annotations

import os

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.mentions.ner import NerComponent  # noqa: E402
from kg.ner.crf import _CACHE_MAX as CACHE_MAX  # noqa: E402
from kg.model import Document  # noqa: E402
from kg.ner.features import Featurizer  # noqa: E402
from kg.ner.tagger import DEFAULT_MODEL, NerTagger  # noqa: E402
from kg.pipeline import Work  # noqa: E402
from kg.text.segment import segment  # noqa: E402


def load_docs(path: Path, n: int) -> list[Document]:
    docs = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if (r.get("lang") or "ar") != "ar":
                continue
            d = Document(id=r["id"], text=r["text"], lang="ar")
            segment(d)
            docs.append(d)
            if len(docs) >= n:
                break
    return docs


def fresh_component() -> NerComponent:
    # A new tagger, not the process cache: cold word caches.
    return NerComponent(tagger=NerTagger(DEFAULT_MODEL))


def timed_pass(comp: NerComponent, docs: list[Document]) -> float:
    t0 = time.process_time()
    for d in docs:
        comp(Work(d))
    return time.process_time() - t0


def crfsuite_pass(tagger: NerTagger, docs: list[Document]) -> float:
    ref = tagger.reference()
    feat = Featurizer(tagger.featurizer.gaz)   # with its word cache, to be fair to crfsuite
    t0 = time.process_time()
    for d in docs:
        for s in d.sentences:
            toks = [t.text for t in s.tokens]
            tags = ref.tag(feat.sentence(toks))
            for i, lab in enumerate(tags):
                if lab != "O":
                    ref.marginal(lab, i)
    return time.process_time() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "kg_bench" / "corpus_ar.jsonl")
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    if not a.corpus.is_file():
        print(f"bench_ner: {a.corpus} not found; run bench/make_corpus.py first", file=sys.stderr)
        return 1
    docs = load_docs(a.corpus, a.n)
    n_sent = sum(len(d.sentences) for d in docs)
    n_tok = sum(len(s.tokens) for d in docs for s in d.sentences)
    print(f"{len(docs)} Arabic articles, {n_sent} sentences, {n_tok} tokens "
          f"({n_tok / len(docs):.0f} tokens, {n_sent / len(docs):.1f} sentences per article)")
    cold, warm = [], []
    for _ in range(a.runs):
        comp = fresh_component()
        cold.append(timed_pass(comp, docs))
        warm.append(timed_pass(comp, docs))
    sub = docs[:200]
    sub_tok = sum(len(s.tokens) for d in sub for s in d.sentences)
    ref = [crfsuite_pass(fresh_component().tagger, sub) for _ in range(a.runs)]
    print(f"{'':10} {'articles/s':>11} {'tokens/s':>10} {'ms/sentence':>12}")
    for name, secs, nd, nt, ns in (
        ("cold", statistics.median(cold), len(docs), n_tok, n_sent),
        ("warm", statistics.median(warm), len(docs), n_tok, n_sent),
        ("crfsuite", statistics.median(ref), len(sub), sub_tok, sum(len(d.sentences) for d in sub)),
    ):
        print(f"{name:10} {nd / secs:11.0f} {nt / secs:10.0f} {1000 * secs / ns:12.3f}")
    crf = comp.tagger.crf
    print(f"word cache after a run: {len(crf._rows)} words, score table {crf._table.nbytes / 1e6:.1f} MB "
          f"(bounded: it starts again at {CACHE_MAX} words)")
    cold_tps = n_tok / statistics.median(cold)
    print(f"ratio cold/crfsuite tokens/s: {cold_tps / (sub_tok / statistics.median(ref)):.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

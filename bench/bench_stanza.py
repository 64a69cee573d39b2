#!/usr/bin/env python3
"""The stanza path vs the default extractor on the same articles: articles/s and peak memory.

Each extractor runs in its own child process (so peak RSS is its own), on
one core (OMP/torch threads = 1), over the same Arabic articles, ``--runs``
times; medians are printed with the ratio default/stanza.

Models: with ``--model-dir DIR`` (official stanza models, e.g. from
``kg models download ar``) the full pipeline runs (tokenize, mwt, pos, lemma,
depparse, ner). Without it — the case on machines that cannot download
them — a TINY NER model is trained offline with stanza's own trainer on the
ANERcorp slice in tests/data/stanza (cached in bench/out/stanza_tiny) and
the stanza path is ``tokenize(pretokenized) + ner`` only: a lower bound on
the cost of the real pipeline, which adds a tokenizer, MWT, POS, lemma and
a parser (stanza's full CPU pipeline runs at about 1,000 words/s).

Usage: python bench/bench_stanza.py [PATHS...] [--runs 3] [--model-dir DIR]
       (PATHS default to seeds/; add ../shared/eval/dev/articles for more)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TINY_DIR = ROOT / "bench" / "out" / "stanza_tiny"
SLICE = ROOT / "tests" / "data" / "stanza" / "anercorp_slice.conll"


def _docs(paths: list[str]) -> list:
    from kg.io.readers import read_inputs
    from kg.model import Document

    return [d for d in read_inputs(paths) if isinstance(d, Document) and d.lang == "ar"]


def child(kind: str, paths: list[str], runs: int) -> None:
    """Run one extractor; print one JSON line with its figures."""
    t0 = time.perf_counter()
    from kg.pipeline import STANZA_COMPONENTS, Pipeline

    docs = _docs(paths)
    pipe = Pipeline.from_names(STANZA_COMPONENTS) if kind == "stanza" else Pipeline.default()
    pipe(docs[0])  # warm-up: loads models/lexicons (timed as load)
    load = time.perf_counter() - t0
    rates = []
    for _ in range(runs):
        t = time.perf_counter()
        words = 0
        for d in docs:
            ex = pipe(d)
            words += sum(len(s.tokens) for s in ex.document.sentences)
        rates.append(len(docs) / (time.perf_counter() - t))
    peak = peak_rss_mb()
    print(json.dumps({"kind": kind, "docs": len(docs), "words": words, "load_s": load,
                      "rates": rates, "peak_mb": peak}))


def peak_rss_mb() -> float:
    """Peak resident set size of this process (VmHWM; ru_maxrss would carry the parent's over exec)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def tiny_model() -> tuple[Path, Path]:
    model, pretrain = TINY_DIR / "ner.pt", TINY_DIR / "pretrain.pt"
    if not model.is_file():
        from kg.nlp.train import train_stanza_ner

        print(f"training a tiny stanza NER model offline into {TINY_DIR} ...", file=sys.stderr)
        train_stanza_ner(SLICE, TINY_DIR, max_steps=150)
    return model, pretrain


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*", default=[str(ROOT / "seeds")])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--model-dir", default=None, help="official stanza models (full pipeline)")
    ap.add_argument("--child", choices=["default", "stanza"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.paths, args.runs)
        return
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    if args.model_dir:
        env["KG_STANZA_DIR"] = args.model_dir
        setup = f"official models in {args.model_dir} (full pipeline)"
    else:
        model, pretrain = tiny_model()
        env.update(KG_STANZA_PROCESSORS="tokenize,ner", KG_STANZA_PRETOKENIZED="1",
                   KG_STANZA_NER_MODEL=str(model), KG_STANZA_NER_PRETRAIN=str(pretrain))
        setup = "TINY offline NER model, tokenize(pretokenized)+ner only (no official models here)"
    out = {}
    for kind in ("default", "stanza"):
        res = subprocess.run([sys.executable, __file__, "--child", kind, "--runs", str(args.runs), *args.paths],
                             env=env, capture_output=True, text=True)
        if res.returncode != 0:
            sys.exit(f"{kind} failed: {res.stderr.strip().splitlines()[-1] if res.stderr.strip() else res.returncode}")
        out[kind] = json.loads(res.stdout.strip().splitlines()[-1])
    print(f"stanza setup: {setup}")
    print(f"articles: {out['default']['docs']} Arabic, {out['default']['words']} tokens/pass, runs: {args.runs}, one core")
    print(f"{'extractor':<10} {'articles/s (median)':>20} {'tokens/s':>10} {'peak RSS MB':>12} {'load s':>8}")
    med = {}
    for kind, r in out.items():
        med[kind] = statistics.median(r["rates"])
        print(f"{kind:<10} {med[kind]:>20.2f} {med[kind] * r['words'] / r['docs']:>10.0f} "
              f"{r['peak_mb']:>12.0f} {r['load_s']:>8.1f}")
    print(f"ratio default/stanza: {med['default'] / med['stanza']:.1f}x faster, "
          f"{out['stanza']['peak_mb'] / out['default']['peak_mb']:.1f}x less peak memory")


if __name__ == "__main__":
    main()

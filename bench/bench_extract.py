#!/usr/bin/env python3
"""Speed and memory of the default extractor (``kg.pipeline.extract``), one process on one core.

Streams a JSONL corpus from ``bench/make_corpus.py`` through the extractor,
one article at a time (nothing is kept), and reports per run:
articles/s and MB/s of UTF-8 text, with the resident set size (current and
peak, from /proc and ``resource.getrusage``) at 500, 1000 and 2000 articles
to show memory stays flat. Runs are repeated and medians printed, with the
ratio to the target of 200 Arabic articles/s per core. ``--tracemalloc``
adds one traced run (slower) giving Python heap peaks at the checkpoints.

``--compare`` measures the native code (kg/_native: the C accelerators and
the rule modules compiled by mypyc) against the pure-Python paths side by
side: fresh processes alternate between the two (KG_PURE_PYTHON=1 for the
pure-Python one), and medians and their ratio are printed. ``--baseline DIR``
adds a third contender: another checkout (an earlier commit, built in place
with ``python hatch_build.py``), run with its own copy of this script.

Usage: python bench/make_corpus.py && python bench/bench_extract.py [--runs 3] [--compare ROUNDS [--baseline DIR]]
"""

from __future__ import annotations

import os

# One core, one thread: keep numeric libraries from spreading over cores.
for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Iterator  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.model import Document  # noqa: E402

TARGET_AR = 200.0  # articles/s per core (issue 3)
CHECKPOINTS = (500, 1000, 2000)


def stream(path: Path, limit: int) -> Iterator[Document]:
    """Documents from a JSONL corpus, read lazily."""
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n >= limit:
                return
            r = json.loads(line)
            yield Document(id=r["id"], text=r["text"], lang=r.get("lang") or "ar", date=r.get("date"))


def rss_mb() -> float:
    """Current resident set size (MB)."""
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6  # KiB on Linux


class Timed:
    """A pipeline component that adds up the time it takes (for ``--profile``)."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.name = getattr(inner, "name", type(inner).__name__)
        self.languages = getattr(inner, "languages")
        self.provides = getattr(inner, "provides")
        self.requires = getattr(inner, "requires")
        self.seconds = 0.0

    def __call__(self, work: object) -> None:
        t0 = time.perf_counter()
        self.inner(work)  # type: ignore[operator]
        self.seconds += time.perf_counter() - t0


def run_once(path: Path, limit: int, pipeline: object = None, traced: bool = False) -> dict:
    from kg.pipeline import extract

    n = size = 0
    marks: dict[int, dict[str, float]] = {}
    busy = 0.0
    counts = {"entities": 0, "events": 0, "relations": 0}
    for doc in stream(path, limit):
        t0 = time.perf_counter()
        ex = extract(doc, pipeline)
        busy += time.perf_counter() - t0  # extractor time only, not JSON reading
        counts["entities"] += len(ex.entities)
        counts["events"] += len(ex.events)
        counts["relations"] += len(ex.relations)
        n += 1
        size += len(doc.text.encode("utf-8"))
        if n in CHECKPOINTS:
            m = {"rss": rss_mb(), "peak_rss": peak_rss_mb()}
            if traced:
                cur, peak = tracemalloc.get_traced_memory()
                m["traced"], m["traced_peak"] = cur / 1e6, peak / 1e6
            marks[n] = m
    return {"articles": n, "mb": size / 1e6, "seconds": busy, "marks": marks, "counts": counts}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "kg_bench",
                    help="folder with corpus_ar.jsonl / corpus_en.jsonl (bench/make_corpus.py --out)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--n", type=int, default=2000, help="articles per run (Arabic)")
    ap.add_argument("--n-en", type=int, default=500, help="articles per run (English); 0 to skip")
    ap.add_argument("--tracemalloc", action="store_true", help="add one traced run for Python heap peaks")
    ap.add_argument("--pipeline", default="", help="comma-separated components instead of the default pipeline"
                    " (to see what a stage costs, e.g. segment,gazetteer)")
    ap.add_argument("--profile", action="store_true", help="print the share of time of each pipeline component")
    ap.add_argument("--no-pin", action="store_true", help="do not pin the process to one CPU")
    ap.add_argument("--compare", type=int, default=0, metavar="ROUNDS",
                    help="native code vs pure Python: ROUNDS alternating pairs of fresh processes")
    ap.add_argument("--baseline", type=Path, help="with --compare: also run this checkout's bench_extract.py")
    ap.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # one line of figures (for --compare)
    a = ap.parse_args(argv)
    if a.compare:
        return compare(a)

    if not a.no_pin and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    corpora = [("ar", a.corpus / "corpus_ar.jsonl", a.n)]
    if a.n_en:
        corpora.append(("en", a.corpus / "corpus_en.jsonl", a.n_en))
    for _, p, _ in corpora:
        if not p.is_file():
            print(f"bench_extract: {p}: no such file; run bench/make_corpus.py first", file=sys.stderr)
            return 1

    from kg.pipeline import Pipeline, extract

    t0 = time.perf_counter()
    pipe = Pipeline.from_names(a.pipeline.split(",")) if a.pipeline else None
    if a.profile:
        pipe = pipe or Pipeline.default()
        pipe.components = [Timed(c) for c in pipe.components]
    extract(Document(id="warm", text="قال الرئيس. The president said.", lang="ar"), pipe)
    extract(Document(id="warm", text="The president said.", lang="en"), pipe)
    from kg._native import status, use_compiled_rules

    if a.json:
        figures = {}
        for lang, path, limit in corpora:
            runs = [run_once(path, limit, pipe) for _ in range(a.runs)]
            figures[lang] = statistics.median(r["articles"] / r["seconds"] for r in runs)
        print(json.dumps(figures))
        return 0
    print(f"python {sys.version.split()[0]}, pid {os.getpid()}, cpus allowed: {len(os.sched_getaffinity(0))}")
    print(f"load (lexicons, models, first call): {time.perf_counter() - t0:.2f} s, rss {rss_mb():.0f} MB")
    print("C accelerators: " + (", ".join(f"{k} {'C' if v else 'pure Python'}" for k, v in status().items()))
          + f"; rule modules: {use_compiled_rules()}")

    for lang, path, limit in corpora:
        runs = [run_once(path, limit, pipe) for _ in range(a.runs)]
        aps = [r["articles"] / r["seconds"] for r in runs]
        mbs = [r["mb"] / r["seconds"] for r in runs]
        r0 = runs[0]
        print(f"\n[{lang}] {path} — {r0['articles']} articles, {r0['mb']:.2f} MB, "
              f"{r0['mb'] * 1e3 / r0['articles']:.1f} kB/article, {a.runs} runs")
        print(f"  articles/s per core: median {statistics.median(aps):.1f} "
              f"(runs: {', '.join(f'{x:.1f}' for x in aps)})")
        print(f"  MB/s per core:       median {statistics.median(mbs):.3f}")
        print(f"  ms per article:      median {1e3 / statistics.median(aps):.2f}")
        # Runs share one process: the first meets every word for the first time
        # (as unseen news does), later ones find the per-word caches filled.
        print(f"  first run (cold per-word caches): {aps[0]:.1f} articles/s; "
              f"later runs (warm): {statistics.median(aps[1:]) if len(aps) > 1 else float('nan'):.1f} articles/s")
        if lang == "ar":
            print(f"  ratio to target {TARGET_AR:.0f} articles/s: {statistics.median(aps) / TARGET_AR:.2f}x median, "
                  f"{aps[0] / TARGET_AR:.2f}x first run")
        if a.profile and pipe is not None:
            total = sum(c.seconds for c in pipe.components) or 1.0
            print("  time per component (all runs): " + ", ".join(
                f"{c.name} {100 * c.seconds / total:.0f}%" for c in pipe.components))
            for c in pipe.components:
                c.seconds = 0.0
        c = r0["counts"]
        print(f"  output per article:  {c['entities'] / r0['articles']:.1f} entities, "
              f"{c['events'] / r0['articles']:.1f} events, {c['relations'] / r0['articles']:.1f} relations")
        # Memory from the first pass over this corpus: later runs start with
        # the process's peak already reached, so only the first shows growth.
        for k, m in sorted(r0["marks"].items()):
            print(f"  memory at {k:>4} articles (first run): rss {m['rss']:.1f} MB, peak rss {m['peak_rss']:.1f} MB")
        if a.tracemalloc:
            tracemalloc.start()
            tr = run_once(path, limit, pipe, traced=True)
            tracemalloc.stop()
            for k, m in sorted(tr["marks"].items()):
                print(f"  tracemalloc at {k:>4} articles: {m['traced']:.2f} MB now, {m['traced_peak']:.2f} MB peak"
                      " (Python heap allocated since the traced run began)")
    return 0


def compare(a: argparse.Namespace) -> int:
    """Native and pure-Python extractor (and a baseline checkout) in alternating fresh processes; medians, ratios."""
    args = ["--json", "--corpus", str(a.corpus), "--runs", str(a.runs), "--n", str(a.n), "--n-en", str(a.n_en)]
    args += ["--no-pin"] if a.no_pin else []
    env = {k: v for k, v in os.environ.items() if k != "KG_PURE_PYTHON"}
    contenders = [("native", [sys.executable, __file__, *args], env),
                  ("pure Python", [sys.executable, __file__, *args], env | {"KG_PURE_PYTHON": "1"})]
    if a.baseline:
        script = a.baseline / "bench" / "bench_extract.py"
        if not script.is_file():
            print(f"bench_extract: {script}: no such file", file=sys.stderr)
            return 1
        contenders.append((f"baseline {a.baseline.name}", [sys.executable, str(script), *args], env))
    got: dict[str, dict[str, list[float]]] = {label: {} for label, _, _ in contenders}
    for r in range(a.compare):
        for label, cmd, cenv in contenders:
            out = subprocess.run(cmd, env=cenv, capture_output=True, text=True, check=True).stdout
            for lang, v in json.loads(out.strip().splitlines()[-1]).items():
                got[label].setdefault(lang, []).append(v)
            print(f"round {r + 1} {label:20s}: " + ", ".join(f"{lang} {v[-1]:.1f} articles/s"
                                                       for lang, v in got[label].items()), flush=True)
    for lang in got["native"]:
        c = statistics.median(got["native"][lang])
        line = f"[{lang}] median articles/s per core: native {c:.1f}"
        for label, _, _ in contenders[1:]:
            p = statistics.median(got[label][lang])
            line += f", {label} {p:.1f} (native {c / p:.2f}x)"
        if lang == "ar":
            line += f"; native at {c / TARGET_AR:.2f}x the target of {TARGET_AR:.0f}"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

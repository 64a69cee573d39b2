#!/usr/bin/env python3
"""How fast the actor-network page opens: 2,000 nodes / 10,000 edges in headless Chromium.

Builds a synthetic graph in our vocabulary (``kg.viz.synthetic``), loads it
into an in-memory Oxigraph store, then times each stage:

- ``model``: the SPARQL queries that read the network from the store;
- ``page``: layout (Louvain + sunflower), pyvis, HTML;
- ``open``: headless Chromium, navigation start → the page's first
  ``afterDrawing`` (the page sets ``data-kg-state="drawn"``), wall clock
  measured by the CDP client (fresh page load each run, cache disabled).

Prints medians over ``--runs``, the ratio to the 5 s target, and as a
baseline pyvis's own approach (physics on, no precomputed layout) on a
smaller graph, since at full size it does not finish in reasonable time.

Usage: python bench/bench_viz.py [--nodes 2000] [--edges 10000] [--runs 5] [--baseline-nodes 500]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402

from kg.store.oxigraph import OxigraphStore  # noqa: E402
from kg.viz.headless import Browser, external_requests, find_chromium  # noqa: E402
from kg.viz.model import load_network  # noqa: E402
from kg.viz.page import render_network_html  # noqa: E402
from kg.viz.synthetic import synthetic_nquads  # noqa: E402

TARGET_S = 5.0


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def build_store(nodes: int, edges: int, seed: int) -> OxigraphStore:
    store = OxigraphStore(None)
    store.raw.load(input=synthetic_nquads(nodes, edges, seed=seed).encode(), format=ox.RdfFormat.N_QUADS)
    return store


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=2000)
    ap.add_argument("--edges", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--baseline-nodes", type=int, default=500,
                    help="size of the physics-on baseline (0 to skip); edges scale 5 per node")
    ap.add_argument("--timeout", type=float, default=120.0)
    args = ap.parse_args()

    if find_chromium() is None:
        print("chromium not found (apt-get install chromium)", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-viz-"))
    store = build_store(args.nodes, args.edges, seed=7)
    t_model: list[float] = []
    t_page: list[float] = []
    t_open: list[float] = []
    t_draw_js: list[float] = []
    page = tmp / "network.html"
    model = None
    for _ in range(args.runs):
        t0 = time.perf_counter()
        model = load_network(store)
        t1 = time.perf_counter()
        render_network_html(model, page)
        t2 = time.perf_counter()
        t_model.append(t1 - t0)
        t_page.append(t2 - t1)
    assert model is not None
    n_nodes, n_edges = len(model.active_actors()), len(model.dyads())
    with Browser() as browser:
        for _ in range(args.runs):
            r = browser.render(page, timeout=args.timeout, screenshot=False)
            if r.state.get("kgState") != "drawn":
                print(f"page not drawn within {args.timeout}s: {r.state}", file=sys.stderr)
                return 1
            if external_requests(r.requests):
                print(f"external requests: {external_requests(r.requests)}", file=sys.stderr)
                return 1
            t_open.append(r.seconds)
            t_draw_js.append(float(r.state["kgDrawMs"]) / 1000)
        drawn_nodes = r.state["kgNodes"]

        base_open: list[float] = []
        if args.baseline_nodes:
            bstore = build_store(args.baseline_nodes, args.baseline_nodes * 5, seed=7)
            bpage = tmp / "baseline.html"
            # pyvis's default: physics on, layout found in the browser.
            render_network_html(load_network(bstore), bpage, physics_limit=10**9)
            for _ in range(min(3, args.runs)):
                rb = browser.render(bpage, timeout=args.timeout, screenshot=False)
                base_open.append(rb.seconds if rb.state.get("kgState") == "drawn" else float("inf"))

    size_kib = page.stat().st_size / 1024
    print(f"graph: {n_nodes} nodes, {n_edges} edges, {len(model.events)} events; page {size_kib:,.0f} KiB; "
          f"runs: {args.runs}; drawn nodes reported by the page: {drawn_nodes}")
    print(f"{'stage':<40}{'median s':>10}{'min s':>10}{'max s':>10}")
    for name, xs in (("read network (SPARQL)", t_model), ("layout + pyvis + HTML", t_page),
                     ("browser: open -> drawn (wall)", t_open), ("browser: performance.now() at draw", t_draw_js)):
        print(f"{name:<40}{median(xs):>10.2f}{min(xs):>10.2f}{max(xs):>10.2f}")
    print(f"open -> drawn vs target {TARGET_S:.0f} s: {median(t_open) / TARGET_S:.2f} of target "
          f"({'PASS' if median(t_open) < TARGET_S else 'FAIL'})")
    if base_open:
        print(f"baseline (pyvis default, physics on) at {args.baseline_nodes} nodes / {args.baseline_nodes * 5} edges: "
              f"open -> drawn median {median(base_open):.2f} s; ours at {n_nodes} nodes is "
              f"{median(base_open) / median(t_open):.1f}x faster")
    return 0 if median(t_open) < TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())

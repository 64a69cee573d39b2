"""Actor-network analytics: centralities, communities, hostile and cooperative dyads.

Works on the same :class:`~kg.viz.model.NetworkModel` the page draws, so the
numbers and the picture agree.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import networkx as nx

from kg.network.weights import load_weights
from kg.viz.model import NetworkModel, local_name

BETWEENNESS_EXACT_LIMIT = 1000   # above: sampled betweenness (k pivots, fixed seed)
BETWEENNESS_SAMPLES = 500
NAME_WIDTH = 40


def _clip(name: str) -> str:
    return name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1] + "…"


@dataclass(frozen=True)
class Ranked:
    iri: str
    name: str
    type: str
    value: float


@dataclass(frozen=True)
class DyadScore:
    a: str
    b: str
    name_a: str
    name_b: str
    score: float                  # sum of Goldstein-like weights over the pair's events
    events: int
    types: tuple[tuple[str, int], ...]

    @property
    def mean(self) -> float:
        return self.score / self.events if self.events else 0.0


@dataclass
class NetworkReport:
    actors: int
    dyads: int
    events: int
    degree: list[Ranked] = field(default_factory=list)
    betweenness: list[Ranked] = field(default_factory=list)
    eigenvector: list[Ranked] = field(default_factory=list)
    communities: list[list[Ranked]] = field(default_factory=list)
    hostile: list[DyadScore] = field(default_factory=list)
    cooperative: list[DyadScore] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def actor_graph(model: NetworkModel) -> nx.DiGraph:
    """Directed actor graph: one edge per (source, target) with counts, score and dates.

    Attributes are plain strings and numbers so GraphML and GEXF accept them.
    """
    weights = load_weights()
    g = nx.DiGraph()
    for iri in model.active_actors():
        a = model.actors.get(iri)
        g.add_node(iri, label=a.name if a else local_name(iri), label_en=(a.label_en or "") if a else "",
                   label_ar=(a.label_ar or "") if a else "", type=a.type if a else "Actor",
                   country=(a.country or "") if a else "", positions="; ".join(a.positions) if a else "")
    for d in model.dyads():
        counts = d.type_counts()
        dates = d.dates()
        g.add_edge(d.source, d.target, weight=d.count, score=round(sum(weights[t] * n for t, n in counts.items()), 2),
                   types=";".join(f"{t}:{n}" for t, n in sorted(counts.items())), quad=d.quad(),
                   first_date=dates[0] if dates else "", last_date=dates[-1] if dates else "")
    return g


def undirected(g: nx.DiGraph) -> nx.Graph:
    """Both directions of a pair merged; weight = events, score = summed weights."""
    u = nx.Graph()
    u.add_nodes_from(g.nodes(data=True))
    for a, b, data in g.edges(data=True):
        prev = u.get_edge_data(a, b, {"weight": 0, "score": 0.0})
        u.add_edge(a, b, weight=prev["weight"] + data["weight"], score=round(prev["score"] + data["score"], 2))
    return u


def analyse(model: NetworkModel, top: int = 10, seed: int = 42) -> NetworkReport:
    g = actor_graph(model)
    u = undirected(g)
    report = NetworkReport(actors=g.number_of_nodes(), dyads=g.number_of_edges(), events=len(model.events))
    if not g.number_of_nodes():
        return report

    def ranked(values: dict[str, float]) -> list[Ranked]:
        order = sorted(values.items(), key=lambda kv: (-kv[1], g.nodes[kv[0]]["label"], kv[0]))[:top]
        return [Ranked(n, g.nodes[n]["label"], g.nodes[n]["type"], round(v, 4)) for n, v in order]

    report.degree = ranked({n: float(d) for n, d in u.degree()})
    if u.number_of_nodes() > BETWEENNESS_EXACT_LIMIT:
        k = min(BETWEENNESS_SAMPLES, u.number_of_nodes())
        between = nx.betweenness_centrality(u, k=k, seed=seed)
        report.notes.append(f"betweenness sampled from {k} pivots (more than {BETWEENNESS_EXACT_LIMIT} actors)")
    else:
        between = nx.betweenness_centrality(u)
    report.betweenness = ranked(between)
    report.eigenvector = ranked(_eigenvector(u, report.notes))

    comms = nx.community.louvain_communities(u, weight="weight", seed=seed) if u.number_of_edges() else []
    strength = dict(u.degree(weight="weight"))
    for c in sorted(comms, key=lambda c: (-len(c), min(c))):
        members = sorted(c, key=lambda n: (-strength[n], g.nodes[n]["label"], n))
        report.communities.append([Ranked(n, g.nodes[n]["label"], g.nodes[n]["type"], float(strength[n])) for n in members])

    report.hostile, report.cooperative = score_dyads(model, g, top)
    return report


def _eigenvector(u: nx.Graph, notes: list[str]) -> dict[str, float]:
    if not u.number_of_edges():
        return {n: 0.0 for n in u}
    try:
        return nx.eigenvector_centrality(u, weight="weight", max_iter=1000, tol=1e-6)
    except nx.PowerIterationFailedConvergence:
        notes.append("eigenvector centrality did not converge; showing weighted degree share instead")
        total = sum(d for _, d in u.degree(weight="weight")) or 1
        return {n: d / total for n, d in u.degree(weight="weight")}


def score_dyads(model: NetworkModel, g: nx.DiGraph, top: int) -> tuple[list[DyadScore], list[DyadScore]]:
    """Pairs (either direction) scored by summed Goldstein-like weights: lowest first, highest first."""
    weights = load_weights()
    types: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for ev in model.events:
        types[tuple(sorted((ev.source, ev.target)))][ev.type] += 1  # type: ignore[index]
    scores = []
    for (a, b), counts in types.items():
        score = round(sum(weights[t] * n for t, n in counts.items()), 2)
        scores.append(DyadScore(a, b, g.nodes[a]["label"], g.nodes[b]["label"], score, sum(counts.values()),
                                tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))))
    hostile = sorted((s for s in scores if s.score < 0), key=lambda s: (s.score, s.name_a, s.name_b))[:top]
    cooperative = sorted((s for s in scores if s.score > 0), key=lambda s: (-s.score, s.name_a, s.name_b))[:top]
    return hostile, cooperative


def format_report(r: NetworkReport, top: int = 10) -> str:
    """Plain-text report for the terminal."""
    lines = [f"Network: {r.actors} actors, {r.dyads} directed dyads, {r.events} events", ""]

    def table(title: str, items: list[Ranked], fmt: str) -> None:
        lines.append(title)
        if not items:
            lines.append("  (none)")
        width = min(NAME_WIDTH, max((len(i.name) for i in items), default=0))
        for k, i in enumerate(items, 1):
            lines.append(f"  {k:>2}. {_clip(i.name):<{width}}  {i.type:<15} {format(i.value, fmt)}")
        lines.append("")

    table("Top actors by degree (distinct partners)", r.degree, ".0f")
    table("Top actors by betweenness centrality", r.betweenness, ".4f")
    table("Top actors by eigenvector centrality (weighted by events)", r.eigenvector, ".4f")
    lines.append(f"Communities (Louvain, fixed seed): {len(r.communities)}")
    for k, members in enumerate(r.communities[:top], 1):
        names = ", ".join(_clip(m.name) for m in members[:8]) + (f", … (+{len(members) - 8})" if len(members) > 8 else "")
        lines.append(f"  {k:>2}. [{len(members)}] {names}")
    if len(r.communities) > top:
        lines.append(f"  … {len(r.communities) - top} more")
    lines.append("")
    for title, items in (("Most hostile dyads (sum of Goldstein-like weights)", r.hostile),
                         ("Most cooperative dyads (sum of Goldstein-like weights)", r.cooperative)):
        lines.append(title)
        if not items:
            lines.append("  (none)")
        for k, d in enumerate(items, 1):
            kinds = ", ".join(f"{t}×{n}" for t, n in d.types)
            lines.append(f"  {k:>2}. {_clip(d.name_a)} – {_clip(d.name_b)}  {d.score:+.1f}  "
                         f"({d.events} event{'s' if d.events != 1 else ''}, mean {d.mean:+.1f}: {kinds})")
        lines.append("")
    lines.extend(f"note: {n}" for n in r.notes)
    return "\n".join(lines).rstrip() + "\n"

"""Layout computed in Python for graphs too large for in-browser physics.

vis-network's physics needs minutes for ~1,500 nodes; instead, networkx finds
communities (Louvain, fixed seed) and each community is laid out as a
sunflower (golden-angle spiral, hubs in the centre), the communities
themselves on a larger sunflower. O(nodes + edges) after Louvain, pure
Python (no numpy), deterministic.
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx

GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))
SPACING = 40.0  # distance between neighbouring dots, in vis-network units


def sunflower(index: int, spacing: float) -> tuple[float, float]:
    r = spacing * math.sqrt(index + 0.5)
    a = index * GOLDEN_ANGLE
    return r * math.cos(a), r * math.sin(a)


def community_layout(nodes: list[str], edges: list[tuple[str, str, int]], seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions for ``nodes``; ``edges`` are (a, b, weight), direction ignored."""
    g = nx.Graph()
    g.add_nodes_from(nodes)
    strength: dict[str, float] = defaultdict(float)
    for a, b, w in edges:
        if a == b:
            continue
        prev = g.get_edge_data(a, b, {}).get("weight", 0)
        g.add_edge(a, b, weight=prev + w)
        strength[a] += w
        strength[b] += w
    communities = nx.community.louvain_communities(g, weight="weight", seed=seed) if g.number_of_edges() else [set(nodes)]
    ordered = sorted((sorted(c) for c in communities), key=lambda c: (-len(c), c[0]))

    pos: dict[str, tuple[float, float]] = {}
    area_so_far = 0.0
    for index, members in enumerate(ordered):
        # Community centre: sunflower over cumulative area so big groups get room.
        area = float(len(members))
        radius = SPACING * 1.15 * math.sqrt(area_so_far + area / 2.0)
        angle = index * GOLDEN_ANGLE
        cx, cy = (radius * math.cos(angle), radius * math.sin(angle)) if index else (0.0, 0.0)
        area_so_far += area
        hubs_first = sorted(members, key=lambda n: (-strength[n], n))
        for j, node in enumerate(hubs_first):
            dx, dy = sunflower(j, SPACING)
            pos[node] = (round(cx + dx, 1), round(cy + dy, 1))
    return pos

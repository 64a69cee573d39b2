"""Colours and sizes of the network page (presentation only, no data)."""

from __future__ import annotations

import math

# Entity type → node colour (Tableau 10, readable on white and for most colour-blind users).
TYPE_COLOURS: dict[str, str] = {
    "Person": "#4e79a7",
    "Country": "#f28e2b",
    "GovernmentBody": "#76b7b2",
    "MilitaryForce": "#59a14f",
    "Organization": "#edc948",
    "IGO": "#b07aa1",
    "Media": "#ff9da7",
    "ArmedGroup": "#9c755f",
    "Place": "#bab0ac",
    "Treaty": "#86bcb6",
    "Actor": "#8c8c8c",
}

# PLOVER quad class → edge colour: blues cooperate, reds fight; dark = material.
QUAD_COLOURS: dict[str, str] = {
    "verbal-cooperation": "#6baed6",
    "material-cooperation": "#08519c",
    "verbal-conflict": "#fd8d3c",
    "material-conflict": "#cb181d",
}

# One colour per PLOVER type for the timeline's stacked bars.
EVENT_TYPE_COLOURS: dict[str, str] = {
    "AGREE": "#9ecae1", "CONSULT": "#6baed6", "SUPPORT": "#4292c6", "REQUEST": "#c6dbef",
    "CONCEDE": "#74c476", "COOPERATE": "#31a354", "AID": "#006d2c", "RETREAT": "#a1d99b",
    "ACCUSE": "#fdae6b", "REJECT": "#fd8d3c", "THREATEN": "#e6550d", "PROTEST": "#fdd0a2",
    "SANCTION": "#fc9272", "MOBILIZE": "#ef3b2c", "COERCE": "#cb181d", "ASSAULT": "#67000d",
}


def node_size(centrality: float, max_centrality: float) -> float:
    """Dot radius from centrality: area grows with it, 8..40 px."""
    if max_centrality <= 0:
        return 12.0
    return round(8.0 + 32.0 * math.sqrt(centrality / max_centrality), 2)


def edge_width(count: int) -> float:
    """Line width from the number of events: 1 event = 1 px, logarithmic, at most 12 px."""
    return round(min(12.0, 1.0 + 2.0 * math.log2(max(1, count))), 2)

"""Actor-network page: model read from a Store by SPARQL, filters, layout, timeline, HTML."""

from __future__ import annotations

from kg.viz.filters import Filters, apply_filters
from kg.viz.model import NetworkModel, load_network
from kg.viz.page import render_network_html, write_network_html

__all__ = ["Filters", "NetworkModel", "apply_filters", "load_network", "render_network_html", "write_network_html"]

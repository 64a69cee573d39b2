"""The actor-network page: one self-contained HTML file built with pyvis.

Every asset is inline (vis-network from pyvis's own ``templates/lib``, our
CSS and JS); the page references no URL, so it renders with no network.
Text from articles reaches the page only as JSON inside ``<script>`` with
``<``, ``>`` and ``&`` escaped, or through ``html.escape`` (timeline SVG); the
page's JS builds tooltips with ``textContent``, never ``innerHTML``.

>>> from kg.viz.model import NetworkModel
>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "n.html"
>>> _ = render_network_html(NetworkModel({}, []), out)
>>> "https://" in out.read_text().split("/*KG-VENDOR-END*/")[-1]
False
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pyvis
from jinja2 import Environment, FileSystemLoader
from pyvis.network import Network

from kg.errors import UsageError
from kg.model import PLOVER_TYPES
from kg.viz.filters import Filters, apply_filters
from kg.viz.layout import community_layout
from kg.viz.model import QUADS, Actor, NetworkModel, QueryableStore, load_network, local_name
from kg.viz.style import EVENT_TYPE_COLOURS, QUAD_COLOURS, TYPE_COLOURS, edge_width, node_size
from kg.viz.timeline import timeline_svg

TEMPLATES = Path(__file__).with_name("templates")
VIS_LIB = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
PHYSICS_LIMIT = 300   # above this many nodes: layout in Python, physics off
MAX_EVIDENCE = 3
LANGS = ("ar", "en", "both")
_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$", re.MULTILINE)


def write_network_html(store: QueryableStore, out: Path, **options: Any) -> Path:
    """Read the actor network from ``store`` and write the page to ``out``.

    Options: ``lang`` (ar|en|both), ``title``, ``physics_limit``, ``filters``
    (a :class:`Filters`) or the filter fields themselves: ``date_from``,
    ``date_to``, ``event_types``, ``actor_types``, ``min_weight``, ``focus``,
    ``hops``.
    """
    filters = options.pop("filters", None)
    fields = {k: options.pop(k) for k in ("date_from", "date_to", "event_types", "actor_types",
                                          "min_weight", "focus", "hops") if k in options}
    if filters is None:
        filters = Filters.build(**fields)
    elif fields:
        raise UsageError("pass either filters= or filter fields, not both")
    model = apply_filters(load_network(store), filters)
    return render_network_html(model, Path(out), filters=filters, **options)


def render_network_html(model: NetworkModel, out: Path, *, lang: str = "both", title: str = "kg actor network",
                        physics_limit: int = PHYSICS_LIMIT, filters: Filters | None = None,
                        layout_seed: int = 7) -> Path:
    """Write the page for an already loaded (and filtered) ``model``."""
    if lang not in LANGS:
        raise UsageError(f"--lang {lang!r}: expected one of {', '.join(LANGS)}")
    html = build_html(model, lang=lang, title=title, physics_limit=physics_limit,
                      filters=filters or Filters(), layout_seed=layout_seed)
    out = Path(out)
    if out.parent and not out.parent.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    return out


def label_for(actor: Actor, lang: str) -> str:
    """Canvas label: one line per language; Arabic on its own line so it shapes right to left."""
    en, ar = actor.label_en, actor.label_ar
    if lang == "en":
        return en or ar or local_name(actor.iri)
    if lang == "ar":
        return ar or en or local_name(actor.iri)
    lines = [x for x in (en, ar) if x]
    return "\n".join(lines) or local_name(actor.iri)


def build_html(model: NetworkModel, *, lang: str, title: str, physics_limit: int, filters: Filters,
               layout_seed: int) -> str:
    dyads = model.dyads()
    actor_ids = model.active_actors()
    index = {iri: i for i, iri in enumerate(actor_ids)}
    strength: Counter[str] = Counter()
    for d in dyads:
        strength[d.source] += d.count
        strength[d.target] += d.count
    top = max(strength.values(), default=0)
    physics = len(actor_ids) <= physics_limit
    positions = {} if physics else community_layout(actor_ids, [(d.source, d.target, d.count) for d in dyads], seed=layout_seed)

    net = Network(height="72vh", width="100%", directed=True, cdn_resources="in_line", heading="")
    for iri in actor_ids:
        actor = model.actors.get(iri) or Actor(iri)
        extra: dict[str, Any] = {}
        if not physics:
            extra.update(x=positions[iri][0], y=positions[iri][1], physics=False)
        net.add_node(index[iri], label=label_for(actor, lang), color=TYPE_COLOURS.get(actor.type, TYPE_COLOURS["Actor"]),
                     size=node_size(strength[iri], top), shape="dot", **extra)
    for i, d in enumerate(dyads):
        net.add_edge(index[d.source], index[d.target], id=i, width=edge_width(d.count),
                     color=QUAD_COLOURS[d.quad()], arrows="to")
    net.options = _vis_options(physics)

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=False)
    net.templateEnv = env
    net.path = "network.html.j2"
    env.globals.update(
        kg_title=title,
        kg_vendor_js=_SOURCE_MAP.sub("", (VIS_LIB / "vis-network.min.js").read_text(encoding="utf-8")),
        kg_vendor_css=(VIS_LIB / "vis-network.css").read_text(encoding="utf-8"),
        kg_css=(TEMPLATES / "page.css").read_text(encoding="utf-8"),
        kg_js=(TEMPLATES / "page.js").read_text(encoding="utf-8"),
        kg_payload=script_json(_payload(model, dyads, actor_ids, lang, physics, filters)),
        kg_timeline=timeline_svg(model, {iri: (model.actors[iri].name if iri in model.actors else local_name(iri))
                                         for iri in actor_ids}),
        kg_counts={"actors": len(actor_ids), "dyads": len(dyads), "events": len(model.events)},
        kg_langs=LANGS,
        kg_lang=lang,
    )
    html = net.generate_html(notebook=False)
    _assert_offline(html)
    return html


def _vis_options(physics: bool) -> dict[str, Any]:
    opts: dict[str, Any] = {
        "nodes": {"font": {"size": 14, "face": "Noto Sans, DejaVu Sans, Arial, sans-serif", "multi": False},
                  "borderWidth": 1},
        "edges": {"smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
                  "color": {"inherit": False}, "selectionWidth": 2},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": not physics,
                        "navigationButtons": False, "multiselect": False},
        "layout": {"improvedLayout": physics, "randomSeed": 7},
    }
    if physics:
        opts["physics"] = {"enabled": True, "solver": "forceAtlas2Based",
                           "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120},
                           "stabilization": {"enabled": True, "iterations": 300, "fit": True}}
    else:
        opts["physics"] = {"enabled": False}
    return opts


def _payload(model: NetworkModel, dyads: list, actor_ids: list[str], lang: str, physics: bool,
             filters: Filters) -> dict[str, Any]:
    types = [t for t in PLOVER_TYPES if any(e.type == t for e in model.events)]
    days = sorted({e.date for e in model.events if e.date})
    t_index = {t: i for i, t in enumerate(types)}
    d_index = {d: i for i, d in enumerate(days)}
    index = {iri: i for i, iri in enumerate(actor_ids)}
    actors = []
    for iri in actor_ids:
        a = model.actors.get(iri) or Actor(iri)
        actors.append({"id": index[iri], "key": local_name(iri), "en": a.label_en or "", "ar": a.label_ar or "",
                       "name": a.name, "type": a.type, "country": a.country or "", "positions": a.positions})
    edges = []
    for i, d in enumerate(dyads):
        buckets: Counter[tuple[int, int]] = Counter()
        for e in d.events:
            buckets[(t_index[e.type], d_index.get(e.date, -1) if e.date else -1)] += 1
        evid: list[list[str]] = []
        for e in d.events:
            for item in model.evidence.get(e.iri, []):
                if len(evid) < MAX_EVIDENCE and [item.sentence, item.document] not in evid:
                    evid.append([item.sentence, item.document])
        edges.append({"id": i, "from": index[d.source], "to": index[d.target],
                      "ev": [[t, day, n] for (t, day), n in sorted(buckets.items())], "evid": evid})
    actor_types = sorted({a["type"] for a in actors})
    return {
        "lang": lang, "physics": physics, "types": types, "days": days,
        "typeQuad": {t: _quad_of(model, t) for t in types},
        "quads": list(QUADS), "quadColours": QUAD_COLOURS, "typeColours": TYPE_COLOURS,
        "eventTypeColours": EVENT_TYPE_COLOURS, "actorTypes": actor_types,
        "actors": actors, "edges": edges,
        "filters": {"dateFrom": filters.date_from or "", "dateTo": filters.date_to or "",
                    "minWeight": filters.min_weight, "focus": filters.focus or "", "hops": filters.hops},
    }


def _quad_of(model: NetworkModel, etype: str) -> str:
    counts: Counter[str] = Counter(e.quad for e in model.events if e.type == etype)
    return counts.most_common(1)[0][0] if counts else "verbal-cooperation"


def script_json(value: Any) -> str:
    """JSON safe inside ``<script>``: no ``</script>``, ``<!--`` or line separators can survive."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


_EXTERNAL = re.compile(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""",
                       re.IGNORECASE)


def external_references(html: str) -> list[str]:
    """Attributes or CSS that would make the browser fetch something from a network."""
    return [m.group(0) for m in _EXTERNAL.finditer(html)]


def _assert_offline(html: str) -> None:
    refs = external_references(html)
    if refs:  # a pyvis or template change reintroduced a CDN link: never ship it
        raise AssertionError(f"network page would load external resources: {refs[:3]}")

"""Timeline of events as inline SVG: per day and type, and per dyad.

Static markup (no script, no CDN); every label goes through ``html.escape``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from html import escape

from kg.viz.model import NetworkModel
from kg.viz.style import EVENT_TYPE_COLOURS, QUAD_COLOURS

WIDTH = 960
LEFT = 220          # room for dyad names
MAX_DAYS = 400      # beyond that, bars are weekly
TOP_DYADS = 15
MAX_COL = 48       # widest bar, px


def _days(dates: list[str]) -> list[str]:
    """Every calendar day from the first to the last date (gaps shown as gaps)."""
    first, last = dt.date.fromisoformat(min(dates)), dt.date.fromisoformat(max(dates))
    span = (last - first).days
    step = 1 if span <= MAX_DAYS else 7
    return [(first + dt.timedelta(days=i)).isoformat() for i in range(0, span + 1, step)]


def _bucket(date: str, days: list[str]) -> int:
    """Index of the day (or week) holding ``date``."""
    first = dt.date.fromisoformat(days[0])
    step = 1 if len(days) < 2 else (dt.date.fromisoformat(days[1]) - first).days
    return min(len(days) - 1, (dt.date.fromisoformat(date) - first).days // step)


def timeline_svg(model: NetworkModel, label_of: dict[str, str] | None = None) -> str:
    """Two charts in one ``<svg>``: stacked bars per day by type, then dots per dyad and day."""
    dated = [e for e in model.events if e.date and _valid(e.date)]
    undated = len(model.events) - len(dated)
    if not dated:
        return f'<p class="kg-note">No dated events to chart ({undated} undated).</p>'
    days = _days([e.date for e in dated])  # type: ignore[misc]
    per_day: dict[int, Counter[str]] = defaultdict(Counter)
    for e in dated:
        per_day[_bucket(e.date, days)][e.type] += 1  # type: ignore[arg-type]
    types = sorted({e.type for e in dated}, key=list(EVENT_TYPE_COLOURS).index)
    peak = max(sum(c.values()) for c in per_day.values())

    plot_w = min(WIDTH - LEFT - 20, MAX_COL * len(days))  # a few days: narrow bars, not one slab
    col = plot_w / len(days)
    bar_h = 160
    parts: list[str] = []
    y0 = 30
    parts.append(f'<text x="{LEFT}" y="18" class="kg-h">Events per {"day" if _step(days) == 1 else "week"} by type (max {peak})</text>')
    for i, counts in sorted(per_day.items()):
        y = y0 + bar_h
        for t in types:
            n = counts.get(t, 0)
            if not n:
                continue
            h = bar_h * n / peak
            y -= h
            parts.append(
                f'<rect x="{LEFT + i * col:.2f}" y="{y:.2f}" width="{max(col - 1, 0.8):.2f}" height="{h:.2f}" '
                f'fill="{EVENT_TYPE_COLOURS[t]}"><title>{escape(days[i])} {t}: {n}</title></rect>')
    parts.append(f'<line x1="{LEFT}" y1="{y0 + bar_h}" x2="{LEFT + plot_w}" y2="{y0 + bar_h}" class="kg-axis"/>')
    parts.append(f'<text x="{LEFT}" y="{y0 + bar_h + 14}" class="kg-tick">{escape(days[0])}</text>')
    parts.append(f'<text x="{LEFT + plot_w}" y="{y0 + bar_h + 14}" class="kg-tick" text-anchor="end">{escape(days[-1])}</text>')
    lx = 10
    ly = y0
    for t in types:  # legend to the left of the bars
        parts.append(f'<rect x="{lx}" y="{ly}" width="10" height="10" fill="{EVENT_TYPE_COLOURS[t]}"/>'
                     f'<text x="{lx + 14}" y="{ly + 9}" class="kg-tick">{t}</text>')
        ly += 14

    # Per dyad: one row per most active dyad, a dot per day sized by count.
    by_dyad: dict[tuple[str, str], list] = defaultdict(list)
    for e in dated:
        by_dyad[(e.source, e.target)].append(e)
    top = sorted(by_dyad.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:TOP_DYADS]
    y1 = y0 + bar_h + 50
    parts.append(f'<text x="{LEFT}" y="{y1 - 14}" class="kg-h">Events per dyad and {"day" if _step(days) == 1 else "week"} '
                 f'(top {len(top)} of {len(by_dyad)} dyads)</text>')
    names = label_of or {}
    row_h = 22
    for r, ((src, tgt), events) in enumerate(top):
        y = y1 + r * row_h + row_h / 2
        name = f"{names.get(src, src)} → {names.get(tgt, tgt)}"
        parts.append(f'<text x="{LEFT - 8}" y="{y + 4:.1f}" class="kg-tick" text-anchor="end">{escape(_clip(name))}'
                     f'<title>{escape(name)}</title></text>')
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" class="kg-grid"/>')
        cells: dict[int, Counter[str]] = defaultdict(Counter)
        for e in events:
            cells[_bucket(e.date, days)][e.quad] += 1
        for i, quads in sorted(cells.items()):
            n = sum(quads.values())
            quad = max(quads, key=lambda q: (quads[q], q))
            radius = min(row_h / 2 - 1, 3 + 2.5 * (n ** 0.5))
            detail = ", ".join(f"{q} {c}" for q, c in sorted(quads.items()))
            parts.append(f'<circle cx="{LEFT + (i + 0.5) * col:.2f}" cy="{y:.1f}" r="{radius:.1f}" fill="{QUAD_COLOURS[quad]}">'
                         f'<title>{escape(name)} {escape(days[i])}: {n} ({escape(detail)})</title></circle>')
    height = y1 + len(top) * row_h + 10
    note = f'<p class="kg-note">{undated} undated event(s) not charted.</p>' if undated else ""
    return (f'<svg class="kg-timeline" width="{WIDTH}" height="{height:.0f}" '
            f'viewBox="0 0 {WIDTH} {height:.0f}" role="img" aria-label="Event timeline">'
            + "".join(parts) + "</svg>" + note)


def _valid(date: str) -> bool:
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        return False
    return True


def _step(days: list[str]) -> int:
    return 1 if len(days) < 2 else (dt.date.fromisoformat(days[1]) - dt.date.fromisoformat(days[0])).days


def _clip(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

"""Printing ``kg eval`` results: a per-article table with totals, or JSON."""

from __future__ import annotations

import json
from typing import Any

from kg.eval.run import EvalRun
from kg.eval.score import MEASURES, PRF

HEADERS: dict[str, str] = {
    "entity": "entity", "entity_typed": "entity typed", "event": "event",
    "event_roles": "event+roles", "relation": "relation",
}
_CELL = 16


def _cell(p: float, r: float, f: float) -> str:
    return f"{p:.2f} {r:.2f} {f:.2f}".ljust(_CELL)


def _prf_cell(x: PRF) -> str:
    return _cell(x.precision, x.recall, x.f1)


def table(run: EvalRun, details: bool = False) -> str:
    """Per-article P R F1 for each measure, then the macro mean and the micro total."""
    arts = run.scores.articles
    if not arts:
        return "no article could be scored"
    width = max([len(a.id) for a in arts] + [len("micro total")]) + 2
    lines = [
        "article".ljust(width) + "".join(HEADERS[m].ljust(_CELL) for m in MEASURES) + "sec",
        "".ljust(width) + "".join("P    R    F1".ljust(_CELL) for _ in MEASURES),
    ]
    for a in arts:
        lines.append(a.id.ljust(width) + "".join(_prf_cell(a.scores[m]) for m in MEASURES)
                     + f"{run.seconds.get(a.id, 0.0):.2f}")
    lines.append("-" * (width + _CELL * len(MEASURES) + 4))
    macro = {m: run.scores.macro(m) for m in MEASURES}
    lines.append("macro mean".ljust(width) + "".join(
        _cell(macro[m]["precision"], macro[m]["recall"], macro[m]["f1"]) for m in MEASURES))
    lines.append("micro total".ljust(width) + "".join(_prf_cell(run.scores.micro(m)) for m in MEASURES)
                 + f"{sum(run.seconds.values()):.2f}")
    lines.append(f"{len(arts)} article(s); counts (tp/fp/fn) in --format json")
    if details:
        lines.extend(_details(run))
    return "\n".join(lines)


def _details(run: EvalRun) -> list[str]:
    out: list[str] = []
    for a in run.scores.articles:
        out.append("")
        out.append(f"== {a.id}")
        for m in MEASURES:
            fps, fns = a.false_positives[m], a.false_negatives[m]
            if m == "entity_typed":
                # Only what the type check adds to the untyped score.
                fps = [x for x in fps if x not in a.false_positives["entity"]]
                fns = [x for x in fns if x not in a.false_negatives["entity"]]
            if not fps and not fns:
                continue
            out.append(f"  {HEADERS[m]}:")
            out.extend(f"    FP {x}" for x in fps)
            out.extend(f"    FN {x}" for x in fns)
    return out


def as_json(run: EvalRun, details: bool = False) -> str:
    data: dict[str, Any] = run.scores.to_dict(details)
    for a in data["articles"]:
        a["seconds"] = round(run.seconds.get(a["id"], 0.0), 4)
    data["unpaired"] = run.unpaired
    data["errors"] = [str(e) for e in run.errors]
    return json.dumps(data, ensure_ascii=False, indent=2)

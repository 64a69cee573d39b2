"""Entity-level evaluation (exact span and type), as in CoNLL's conlleval.

>>> spans(["B-PERS", "I-PERS", "O", "I-LOC"])
[(0, 2, 'PERS'), (3, 4, 'LOC')]
"""

from __future__ import annotations

from dataclasses import dataclass


def spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) token spans; an I- without a matching B- opens a new span."""
    out: list[tuple[int, int, str]] = []
    start, typ = -1, ""
    for i, t in enumerate(tags):
        if t.startswith("I-") and typ == t[2:] and start >= 0:
            continue
        if start >= 0:
            out.append((start, i, typ))
            start, typ = -1, ""
        if t != "O":
            start, typ = i, t[2:]
    if start >= 0:
        out.append((start, len(tags), typ))
    return out


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn


def score(gold: list[list[tuple[int, int, str]]], pred: list[list[tuple[int, int, str]]]) -> dict[str, Score]:
    """Per-type and ``ALL`` (micro) scores over parallel lists of per-sentence spans."""
    res: dict[str, Score] = {}
    for g, p in zip(gold, pred, strict=True):
        gs, ps = set(g), set(p)
        for s in gs | ps:
            sc = res.setdefault(s[-1], Score())
            if s in gs and s in ps:
                sc.tp += 1
            elif s in ps:
                sc.fp += 1
            else:
                sc.fn += 1
    total = Score(sum(s.tp for s in res.values()), sum(s.fp for s in res.values()),
                  sum(s.fn for s in res.values()))
    res = dict(sorted(res.items()))
    res["ALL"] = total
    return res


def table(scores: dict[str, Score]) -> str:
    """A plain-text table: label, precision, recall, F1, support."""
    rows = [f"{'label':<6} {'P':>6} {'R':>6} {'F1':>6} {'n':>6}"]
    for label, s in scores.items():
        rows.append(f"{label:<6} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.support:6d}")
    return "\n".join(rows)

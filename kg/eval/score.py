"""Precision, recall and F1 of a predicted extraction against gold.

Five scores per article (each a maximum one-to-one matching, see ``match``):

- ``entity``: a predicted entity matches a gold entity when its name or one of
  its labels equals the gold name or an alias, or one of its mention texts
  equals a gold mention (equality as in ``normalize.same``);
- ``entity_typed``: the same, and the types agree, counting the
  organisation-like types (``ORG_TYPES``) as one;
- ``event``: same PLOVER type and same sentence (``same_sentence``);
- ``event_roles``: the same, and source and target match: the predicted actor
  (an entity id, resolved to that entity) matches the gold actor's entity as
  for ``entity``; null matches only null; for ``SYMMETRIC_TYPES`` source and
  target may be swapped;
- ``relation``: same predicate, and subject and object match as actors do;
  for ``holdsPosition`` the subject alone decides (the object is a title).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from kg.eval.gold import Gold, GoldEntity, GoldEvent, GoldRelation
from kg.eval.match import max_matching
from kg.eval.normalize import Forms, space
from kg.model import SYMMETRIC_TYPES, Extraction

ORG_TYPES: frozenset[str] = frozenset(
    {"Organization", "GovernmentBody", "MilitaryForce", "IGO", "Media", "ArmedGroup"})
# A sentence that contains the other counts as the same sentence when the
# shorter one is at least this share of the longer one (in characters).
SENTENCE_OVERLAP = 0.6
MEASURES: tuple[str, ...] = ("entity", "entity_typed", "event", "event_roles", "relation")


def type_class(t: str) -> str:
    """The type used by the typed score: organisation-like types fold into one."""
    return "Organization" if t in ORG_TYPES else t


def same_sentence(a: str, b: str) -> bool:
    """Equal after collapsing whitespace, or one contains the other and covers
    at least ``SENTENCE_OVERLAP`` of it (sentence splitters differ at the edges).

    >>> same_sentence("Iran freed them. ", "Iran  freed them.")
    True
    >>> same_sentence("Iran freed them", "Iran freed them on Wednesday, a day after detaining them.")
    False
    """
    a, b = space(a), space(b)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return short in long_ and len(short) >= SENTENCE_OVERLAP * len(long_)


@dataclass
class PRF:
    """Counts and the precision/recall/F1 they give.

    Empty on both sides counts as perfect; predictions with no gold give
    precision 0, gold with no predictions recall 0.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        if self.tp + self.fp == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.tp + self.fn == 0:
            return 1.0 if self.fp == 0 else 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: "PRF") -> "PRF":
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class ArticleScores:
    """The five scores of one article, and the unmatched items for ``--details``."""

    id: str
    scores: dict[str, PRF]
    false_positives: dict[str, list[str]] = field(default_factory=dict)
    false_negatives: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self, details: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "scores": {k: v.to_dict() for k, v in self.scores.items()}}
        if details:
            d["false_positives"] = self.false_positives
            d["false_negatives"] = self.false_negatives
        return d


class _Actor:
    """Forms of an entity (or a bare name) for matching."""

    __slots__ = ("names", "mentions", "type")

    def __init__(self, names: list[str], mentions: list[str], typ: str) -> None:
        self.names = Forms(names)
        self.mentions = Forms(mentions)
        self.type = typ

    def meets(self, other: "_Actor") -> bool:
        return self.names.meets(other.names) or self.mentions.meets(other.mentions)


def _pred_actor(e: dict[str, Any]) -> _Actor:
    labels = e.get("labels") or {}
    names = [e.get("name") or ""] + [v for v in labels.values() if isinstance(v, str)]
    mentions = [m.get("text", "") for m in e.get("mentions") or [] if isinstance(m, dict)]
    return _Actor(names, mentions, str(e.get("type") or ""))


def _gold_actor(e: GoldEntity) -> _Actor:
    return _Actor([e.name, *e.aliases], list(e.mentions), e.type)


class _Scorer:
    def __init__(self, pred: dict[str, Any], gold: Gold) -> None:
        self.gold = gold
        self.pents: list[dict[str, Any]] = list(pred.get("entities") or [])
        self.pevents: list[dict[str, Any]] = list(pred.get("events") or [])
        self.prels: list[dict[str, Any]] = list(pred.get("relations") or [])
        self.pactors = [_pred_actor(e) for e in self.pents]
        self.by_id = {str(e.get("id")): a for e, a in zip(self.pents, self.pactors)}
        self.gactors = [_gold_actor(e) for e in gold.entities]
        self.gold_by_name = {e.name: a for e, a in zip(gold.entities, self.gactors)}
        self._role_cache: dict[tuple[str | None, str | None], bool] = {}

    # -- actors -------------------------------------------------------------
    def role_ok(self, pid: Any, gname: str | None) -> bool:
        """Does predicted actor ``pid`` (entity id, or a bare name) match gold actor ``gname``?"""
        if gname is None or pid is None:
            return gname is None and pid is None
        k = (str(pid), gname)
        if k not in self._role_cache:
            pa = self.by_id.get(str(pid)) or _Actor([str(pid)], [], "")
            ga = self.gold_by_name.get(gname) or _Actor([gname], [], "")
            self._role_cache[k] = pa.meets(ga)
        return self._role_cache[k]

    def roles_ok(self, p: dict[str, Any], g: GoldEvent) -> bool:
        ps, pt = p.get("source"), p.get("target")
        if self.role_ok(ps, g.source) and self.role_ok(pt, g.target):
            return True
        return g.type in SYMMETRIC_TYPES and self.role_ok(ps, g.target) and self.role_ok(pt, g.source)

    # -- descriptions for --details ------------------------------------------
    def _pname(self, pid: Any) -> str:
        if pid is None:
            return "-"
        for e in self.pents:
            if str(e.get("id")) == str(pid):
                return str(e.get("name") or pid)
        return str(pid)

    @staticmethod
    def _short(s: str, n: int = 90) -> str:
        s = space(s)
        return s if len(s) <= n else s[: n - 1] + "…"

    def describe_pent(self, e: dict[str, Any]) -> str:
        ms = sorted({m.get("text", "") for m in e.get("mentions") or [] if isinstance(m, dict)})
        return f"{e.get('name')} [{e.get('type')}] {{{', '.join(ms[:5])}}}"

    @staticmethod
    def describe_gent(e: GoldEntity) -> str:
        return f"{e.name} [{e.type}] {{{', '.join(e.mentions[:5])}}}"

    def describe_pev(self, e: dict[str, Any]) -> str:
        return (f"{e.get('type')} {self._pname(e.get('source'))} -> {self._pname(e.get('target'))}"
                f" «{e.get('trigger', '')}»: {self._short(str(e.get('sentence', '')))}")

    def describe_gev(self, e: GoldEvent) -> str:
        return f"{e.type} {e.source or '-'} -> {e.target or '-'}: {self._short(e.sentence)}"

    def describe_prel(self, r: dict[str, Any]) -> str:
        obj = r.get("object")
        return f"{self._pname(r.get('subject'))} {r.get('predicate')} {self._pname(obj) if obj in self.by_id else obj}"

    @staticmethod
    def describe_grel(r: GoldRelation) -> str:
        return f"{r.subject} {r.predicate} {r.object}"


def _measure(preds: list[Any], golds: list[Any], ok: Callable[[Any, Any], bool],
             dp: Callable[[Any], str], dg: Callable[[Any], str]) -> tuple[PRF, list[str], list[str]]:
    adj = [[j for j, g in enumerate(golds) if ok(p, g)] for p in preds]
    pairs = max_matching(adj, len(golds))
    used_p = {i for i, _ in pairs}
    used_g = {j for _, j in pairs}
    fps = [dp(p) for i, p in enumerate(preds) if i not in used_p]
    fns = [dg(g) for j, g in enumerate(golds) if j not in used_g]
    return PRF(len(pairs), len(preds) - len(pairs), len(golds) - len(pairs)), fps, fns


def score_extraction(pred: dict[str, Any] | Extraction, gold: Gold, article_id: str | None = None) -> ArticleScores:
    """Score one predicted extraction (contract dict or ``Extraction``) against ``gold``."""
    if isinstance(pred, Extraction):
        pred = pred.to_dict()
    s = _Scorer(pred, gold)
    aid = article_id or str((pred.get("document") or {}).get("id") or gold.source)
    pe = list(range(len(s.pents)))
    ge = list(range(len(gold.entities)))

    def ent_ok(i: int, j: int) -> bool:
        return s.pactors[i].meets(s.gactors[j])

    def ent_typed_ok(i: int, j: int) -> bool:
        return type_class(s.pactors[i].type) == type_class(s.gactors[j].type) and ent_ok(i, j)

    def ev_ok(p: dict[str, Any], g: GoldEvent) -> bool:
        return p.get("type") == g.type and same_sentence(str(p.get("sentence") or ""), g.sentence)

    def ev_roles_ok(p: dict[str, Any], g: GoldEvent) -> bool:
        return ev_ok(p, g) and s.roles_ok(p, g)

    def rel_ok(p: dict[str, Any], g: GoldRelation) -> bool:
        if p.get("predicate") != g.predicate or not s.role_ok(p.get("subject"), g.subject):
            return False
        return g.predicate == "holdsPosition" or s.role_ok(p.get("object"), g.object)

    def dpe(i: int) -> str:
        return s.describe_pent(s.pents[i])

    def dge(j: int) -> str:
        return s.describe_gent(gold.entities[j])

    specs: dict[str, tuple[list[Any], list[Any], Callable[[Any, Any], bool], Callable[[Any], str], Callable[[Any], str]]] = {
        "entity": (pe, ge, ent_ok, dpe, dge),
        "entity_typed": (pe, ge, ent_typed_ok, dpe, dge),
        "event": (s.pevents, gold.events, ev_ok, s.describe_pev, s.describe_gev),
        "event_roles": (s.pevents, gold.events, ev_roles_ok, s.describe_pev, s.describe_gev),
        "relation": (s.prels, gold.relations, rel_ok, s.describe_prel, s.describe_grel),
    }
    out = ArticleScores(aid, {})
    for name, (preds, golds, ok, dp, dg) in specs.items():
        prf, fps, fns = _measure(preds, golds, ok, dp, dg)
        out.scores[name] = prf
        out.false_positives[name] = fps
        out.false_negatives[name] = fns
    return out


@dataclass
class SetScores:
    """Scores of a set of articles: per article, the macro mean and the micro total."""

    articles: list[ArticleScores]

    def micro(self, measure: str) -> PRF:
        total = PRF()
        for a in self.articles:
            total = total + a.scores[measure]
        return total

    def macro(self, measure: str) -> dict[str, float]:
        n = len(self.articles)
        if n == 0:
            return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
        return {k: round(sum(getattr(a.scores[measure], k) for a in self.articles) / n, 4)
                for k in ("precision", "recall", "f1")}

    def to_dict(self, details: bool = False) -> dict[str, Any]:
        return {
            "articles": [a.to_dict(details) for a in self.articles],
            "macro": {m: self.macro(m) for m in MEASURES},
            "micro": {m: self.micro(m).to_dict() for m in MEASURES},
        }

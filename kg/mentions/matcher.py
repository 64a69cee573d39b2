"""Token-sequence phrase matcher over normalised tokens, clitic-aware.

Patterns are tuples of normalised tokens (``pattern_tokens``); a token that
ends in ``*`` matches by prefix. Arabic tokens in the text are tried with
their proclitics stripped (و، ب، ل، ال …), so ``وأذربيجان`` matches
``اذربيجان`` and ``للدفاع`` matches ``الدفاع``.

>>> m = PhraseMatcher()
>>> m.add(("وزاره", "الدفاع"), "mod")
>>> from kg.text.segment import tokenize
>>> [(s, e, p) for s, e, p in m.find(tokenize("قالت ووزارة الدفاع"))]
[(1, 3, ['mod'])]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator, Sequence

from kg.model import Token
from kg.text.normalize import ar_stems, is_arabic


@dataclass
class _Node:
    children: dict[str, "_Node"] = field(default_factory=dict)
    prefixes: list[tuple[str, "_Node"]] = field(default_factory=list)
    payloads: list[Any] = field(default_factory=list)


def candidates(tok: Token) -> list[str]:
    """Normalised forms under which a text token may match a pattern token."""
    n = tok.norm
    if n and is_arabic(n):
        return ar_stems(n)
    return [n]


class PhraseMatcher:
    def __init__(self) -> None:
        self.root = _Node()
        self.size = 0

    def add(self, tokens: Sequence[str], payload: Any) -> None:
        if not tokens:
            return
        node = self.root
        for t in tokens:
            if t.endswith("*"):
                core = t[:-1]
                for p, child in node.prefixes:
                    if p == core:
                        node = child
                        break
                else:
                    child = _Node()
                    node.prefixes.append((core, child))
                    node = child
            else:
                node = node.children.setdefault(t, _Node())
        node.payloads.append(payload)
        self.size += 1

    def _step(self, node: _Node, forms: list[str]) -> list[_Node]:
        out = []
        for f in forms:
            child = node.children.get(f)
            if child is not None and child not in out:
                out.append(child)
            for p, c in node.prefixes:
                if f.startswith(p) and c not in out:
                    out.append(c)
        return out

    def match_at(self, tokens: Sequence[Token], i: int, forms_cache: list[list[str]] | None = None) -> list[tuple[int, list[Any]]]:
        """All (end, payloads) for patterns starting at token i, longest first."""
        results: list[tuple[int, list[Any]]] = []
        frontier = [self.root]
        j = i
        while frontier and j < len(tokens):
            forms = forms_cache[j] if forms_cache is not None else candidates(tokens[j])
            if j > i:
                forms = forms[:1] + [f for f in forms[1:] if f.startswith("ال")] if is_arabic(forms[0]) else forms
            nxt: list[_Node] = []
            for node in frontier:
                for c in self._step(node, forms):
                    if c not in nxt:
                        nxt.append(c)
            frontier = nxt
            j += 1
            pays = [p for node in frontier for p in node.payloads]
            if pays:
                results.append((j, pays))
        results.reverse()
        return results

    def find(self, tokens: Sequence[Token], greedy: bool = True) -> Iterator[tuple[int, int, list[Any]]]:
        """Non-overlapping longest matches, left to right (greedy), or all matches."""
        cache = [candidates(t) for t in tokens]
        i = 0
        while i < len(tokens):
            found = self.match_at(tokens, i, cache)
            if found:
                if greedy:
                    end, pays = found[0]
                    yield i, end, pays
                    i = end
                    continue
                for end, pays in found:
                    yield i, end, pays
            i += 1

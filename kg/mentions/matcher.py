"""Token-sequence phrase matcher over normalised tokens, clitic-aware.

Patterns are tuples of normalised tokens (``pattern_tokens``); a token that
ends in ``*`` matches by prefix. Arabic tokens in the text are tried with
their proclitics stripped (و، ب، ل، ال …), so ``وأذربيجان`` matches
``اذربيجان`` and ``للدفاع`` matches ``الدفاع``.

>>> m = PhraseMatcher()
>>> m.add(("وزاره", "الصحه"), "moh")
>>> from kg.text.segment import tokenize
>>> [(s, e, p) for s, e, p in m.find(tokenize("قالت ووزارة الصحة"))]
[(1, 3, ['moh'])]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterator, Sequence

from kg._native import load as load_native
from kg.model import Token
from kg.text.normalize import ar_stems, is_arabic


@dataclass(eq=False, slots=True)
class _Node:
    children: dict[str, "_Node"] = field(default_factory=dict)
    prefixes: list[tuple[str, "_Node"]] = field(default_factory=list)
    payloads: list[Any] = field(default_factory=list)
    # prefix patterns indexed by length, so a token is checked with a few dict lookups
    by_len: dict[int, dict[str, "_Node"]] | None = None
    # Caches, filled as tokens are seen (the trie is fixed once built; ``add`` drops them):
    # prefix_children by form, and the nodes a first / later token leads to by norm (see ``_next``).
    # Slots, not a __dict__: the C scan reads them for every token.
    _pc: dict[str, list["_Node"]] | None = field(default=None, init=False, repr=False)
    _first: dict[str, tuple["_Node", ...]] | None = field(default=None, init=False, repr=False)
    _later: dict[str, tuple["_Node", ...]] | None = field(default=None, init=False, repr=False)

    def prefix_children(self, form: str) -> list["_Node"]:
        if not self.prefixes:
            return []
        cache = self._pc
        if cache is None:
            cache = self._pc = {}
        got = cache.get(form)
        if got is not None:
            return got
        if len(cache) > 100_000:
            cache.clear()
        cache[form] = got = self._prefix_children(form)
        return got

    def _prefix_children(self, form: str) -> list["_Node"]:
        if self.by_len is None:
            self.by_len = {}
            for p, c in self.prefixes:
                self.by_len.setdefault(len(p), {})[p] = c
        out = []
        for n, table in self.by_len.items():
            c = table.get(form[:n]) if len(form) >= n else None
            if c is not None:
                out.append(c)
        return out


def candidates(tok: Token) -> tuple[str, ...]:
    """Normalised forms under which a text token may match a pattern token."""
    return _forms(tok.norm)


@lru_cache(maxsize=262144)
def _forms(n: str) -> tuple[str, ...]:
    if n and is_arabic(n):
        return ar_stems(n)
    return (n,)


@lru_cache(maxsize=262144)
def _later_forms(n: str) -> tuple[str, ...]:
    """Forms for a non-initial token of a phrase: only the article may be detached."""
    f = _forms(n)
    if f and is_arabic(f[0]):
        return f[:1] + tuple(x for x in f[1:] if x.startswith("ال"))
    return f


class PhraseMatcher:
    def __init__(self) -> None:
        self.root = _Node()
        self.size = 0
        self._cached: list[_Node] = []  # nodes holding step caches (see ``_next``)
        self._c = load_native("matcher")  # the C scan, when built (None: pure Python, same matches)

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
                    node.by_len = None
                    node._pc = None
                    node = child
            else:
                node = node.children.setdefault(t, _Node())
        node.payloads.append(payload)
        self.size += 1
        for nd in self._cached:  # the trie changed: drop the cached steps
            nd._first = None
            nd._later = None
        self._cached.clear()

    def _step(self, node: _Node, forms: tuple[str, ...]) -> list[_Node]:
        out = []
        for f in forms:
            child = node.children.get(f)
            if child is not None and child not in out:
                out.append(child)
            if node.prefixes:
                for c in node.prefix_children(f):
                    if c not in out:
                        out.append(c)
        return out

    def _next(self, node: _Node, norm: str, first: bool) -> tuple[_Node, ...]:
        """``_step`` for one token's forms, cached per node and normalised token.

        The trie is fixed once built, so a token type's successors never change;
        most tokens reach no child of the root and are rejected by one dict lookup.
        Below the root, a node without prefix patterns is stepped directly (its
        children are distinct nodes under distinct keys: no cache, no dedup needed).
        """
        if not first and not node.prefixes:
            children = node.children
            if not children:
                return ()
            return tuple([children[f] for f in _later_forms(norm) if f in children])
        cache = node._first if first else node._later
        if cache is None:
            cache = {}
            if first:
                node._first = cache
            else:
                node._later = cache
            self._cached.append(node)
        got = cache.get(norm)
        if got is None:
            if len(cache) > 100_000:  # bounded memory on endless streams
                cache.clear()
            got = cache[norm] = self._compute(node, _forms(norm) if first else _later_forms(norm))
        return got

    @staticmethod
    def _compute(node: _Node, forms: tuple[str, ...]) -> tuple[_Node, ...]:
        """``_step`` inlined (children, then prefix patterns by length, per form), for cache misses."""
        out: list[_Node] = []
        children = node.children
        by_len = None
        if node.prefixes:
            if node.by_len is None:
                node._prefix_children("")  # builds by_len
            by_len = node.by_len
        for f in forms:
            c = children.get(f)
            if c is not None and c not in out:
                out.append(c)
            if by_len:
                for n, table in by_len.items():
                    if len(f) >= n:
                        c = table.get(f[:n])
                        if c is not None and c not in out:
                            out.append(c)
        return tuple(out)

    def _walk_nodes(self, norms: list[str], i: int, frontier: tuple[_Node, ...]) -> list[tuple[int, Sequence[_Node]]]:
        """(end, nodes holding payloads) of patterns whose first token (i) reached ``frontier``, longest first."""
        results: list[tuple[int, Sequence[_Node]]] = []
        n = len(norms)
        j = i + 1
        nodes: Sequence[_Node] = frontier
        while True:
            for node in nodes:
                if node.payloads:
                    results.append((j, nodes))
                    break
            if j >= n:
                break
            norm = norms[j]
            if len(nodes) == 1:
                nodes = self._next(nodes[0], norm, False)
            else:
                nxt: list[_Node] = []
                for node in nodes:
                    for c in self._next(node, norm, False):
                        if c not in nxt:
                            nxt.append(c)
                nodes = tuple(nxt)
            if not nodes:
                break
            j += 1
        results.reverse()
        return results

    def _walk(self, norms: list[str], i: int, frontier: tuple[_Node, ...]) -> list[tuple[int, list[Any]]]:
        """(end, payloads) of patterns whose first token (i) reached ``frontier``, longest first."""
        return [(j, [p for node in nodes for p in node.payloads]) for j, nodes in self._walk_nodes(norms, i, frontier)]

    def match_at(self, tokens: Sequence[Token], i: int, forms_cache: list[tuple[str, ...]] | None = None) -> list[tuple[int, list[Any]]]:
        """All (end, payloads) for patterns starting at token i, longest first."""
        if i >= len(tokens):
            return []
        if forms_cache is not None:
            first = tuple(self._step(self.root, forms_cache[i]))
        else:
            first = self._next(self.root, tokens[i].norm, True)
        if not first:
            return []
        return self._walk([t.norm for t in tokens], i, first)

    def find_all(self, tokens: Sequence[Token]) -> list[tuple[int, int, list[Any]]]:
        """Every match (start, end, payloads), by start then longest first."""
        return [(i, end, [p for node in nodes for p in node.payloads]) for i, end, nodes in self.find_all_nodes(tokens)]

    def find_all_nodes(self, tokens: Sequence[Token]) -> list[tuple[int, int, tuple[_Node, ...]]]:
        """``find_all`` with, instead of the payloads, the trie nodes holding them.

        The nodes are hashable (by identity), so a caller can cache what it
        derives from a match's payloads (see ``kg.lang.index.sentence_matches``).
        """
        return self.scan([t.norm for t in tokens])

    def scan(self, norms: list[str]) -> list[tuple[int, int, tuple[_Node, ...]]]:
        """``find_all_nodes`` over the tokens' normalised forms (in C when built)."""
        c = self._c
        if c is None:
            return self._scan_py(norms)
        return c.scan(norms, self._root_cache(), self._first_step, self._later_step)

    def _root_cache(self) -> dict[str, tuple[_Node, ...]]:
        """The root's step cache for a phrase's first token (created on first use)."""
        if self.root._first is None:
            self._next(self.root, "", True)
        assert self.root._first is not None
        return self.root._first

    def _first_step(self, norm: str) -> tuple[_Node, ...]:
        return self._next(self.root, norm, True)

    def _later_step(self, node: _Node, norm: str) -> tuple[_Node, ...]:
        """``_next(node, norm, False)``, cached also where ``_next`` is not (nodes without prefix
        patterns): for the C scan a dict lookup is far cheaper than calling back into Python."""
        got = self._next(node, norm, False)
        cache = node._later
        if cache is None:
            cache = node._later = {}
            self._cached.append(node)
        if len(cache) > 100_000:  # bounded memory on endless streams
            cache.clear()
        cache[norm] = got
        return got

    def _scan_py(self, norms: list[str]) -> list[tuple[int, int, tuple[_Node, ...]]]:
        """``scan`` in Python: ``_walk_nodes`` inlined for every start: a third of the tokens start a
        walk and most walks stop after one step, so the call overhead dominated (calling
        ``_walk_nodes`` per start made the gazetteer component a third slower without C).
        """
        root = self.root
        cache = self._root_cache()
        nxt = self._next
        later = _later_forms
        out: list[tuple[int, int, tuple[_Node, ...]]] = []
        n = len(norms)
        # one C-level pass for the first steps; misses (None) are computed below
        for i, first in enumerate(list(map(cache.get, norms))):
            if not first:
                if first is not None:
                    continue
                first = nxt(root, norms[i], True)
                if not first:
                    continue
            at = len(out)
            j = i + 1
            nodes = first
            while True:
                if len(nodes) == 1:
                    node = nodes[0]
                    if node.payloads:
                        out.append((i, j, nodes))
                    if j >= n:
                        break
                    children = node.children
                    if node.prefixes:
                        nodes = nxt(node, norms[j], False)
                    elif not children:
                        break
                    else:  # ``_next`` without a cache, inlined
                        nodes = tuple([children[f] for f in later(norms[j]) if f in children])
                else:
                    for node in nodes:
                        if node.payloads:
                            out.append((i, j, nodes))
                            break
                    if j >= n:
                        break
                    norm = norms[j]
                    merged: list[_Node] = []
                    for node in nodes:
                        for c in nxt(node, norm, False):
                            if c not in merged:
                                merged.append(c)
                    nodes = tuple(merged)
                if not nodes:
                    break
                j += 1
            if len(out) - at > 1:
                out[at:] = out[at:][::-1]  # longest first
        return out

    def find(self, tokens: Sequence[Token], greedy: bool = True) -> Iterator[tuple[int, int, list[Any]]]:
        """Non-overlapping longest matches, left to right (greedy), or all matches."""
        i = 0
        while i < len(tokens):
            found = self.match_at(tokens, i)
            if found:
                if greedy:
                    end, pays = found[0]
                    yield i, end, pays
                    i = end
                    continue
                for end, pays in found:
                    yield i, end, pays
            i += 1


def greedy(matches: list[tuple[int, int, list[Any]]], lo: int = 0, hi: int | None = None) -> list[tuple[int, int, list[Any]]]:
    """Longest non-overlapping matches left to right, within tokens [lo, hi).

    ``matches`` come from ``find_all`` (sorted by start, longest first).
    """
    out = []
    pos = lo
    for i, j, pays in matches:
        if i < pos or (hi is not None and j > hi):
            continue
        out.append((i, j, pays))
        pos = j
    return out

"""kg._native.matcher (the C trie scan and match grouping) gives what the pure-Python path gives.

Phrases and sentences here are invented; they exercise plain and prefix (``*``)
patterns, Arabic proclitics, overlapping and nested phrases and multi-node frontiers.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import require_native as require

from kg.lang import index
from kg.mentions.matcher import PhraseMatcher
from kg.model import Document, Sentence, Token
from kg.pipeline import Work
from kg.text.normalize import norm_text

PHRASES: list[tuple[tuple[str, ...], Any]] = [
    (("مجلس",), ("lex", "body-1")),
    (("مجلس", "الامن"), ("lex", "body-2")),
    (("مجلس", "الامن", "الدولي"), ("lex", "body-3")),
    (("الامن",), ("cue", "security")),
    (("الامن",), ("lex", "security-2")),  # two payloads of two categories on one node
    (("وزاره", "الزراعه"), ("lex", "ministry")),
    (("وزير", "الزراع*"), ("title", "minister")),  # prefix pattern after a plain one
    (("وزير", "الزراعه"), ("title", "minister-exact")),  # same token reached twice
    (("تفاوض*",), ("trigger", "negotiate")),
    (("تفاوض*", "مع"), ("trigger", "negotiate-with")),
    (("نهر", "الفيروز"), ("place", "river")),
    (("blue", "harbour", "council"), ("lex", "en-council")),
    (("blue", "harbour"), ("place", "en-harbour")),
    (("harb*",), ("cue", "en-prefix")),
]

SENTENCES = [
    "قال مجلس الامن الدولي إن وزارة الزراعة ستتفاوض مع مجلس المدينة",
    "وبمجلس الامن وللامن ووزير الزراعية تفاوضت مع نهر الفيروز",
    "وزير الزراعه وزير الزراعيين مجلس",
    "الامن الامن الامن مجلس مجلس الامن",
    "the blue harbour council met at blue harbour harbours and harbingers",
    "",
    "مجلس",
    "كلمة لا تطابق شيئا هنا على الإطلاق",
]


def _tokens(text: str) -> list[Token]:
    out, pos = [], 0
    for w in text.split():
        s = text.index(w, pos)
        out.append(Token(w, s, s + len(w), norm_text(w)))
        pos = s + len(w)
    return out


def _matcher(native: Any) -> PhraseMatcher:
    m = PhraseMatcher()
    m._c = native
    for toks, payload in PHRASES:
        m.add(toks, payload)
    return m


def test_scan_equals_python() -> None:
    native = require("matcher")
    py, c = _matcher(None), _matcher(native)
    total = 0
    for _ in range(2):  # the second round runs on filled step caches
        for text in SENTENCES:
            toks = _tokens(text)
            want = [(i, j, [p for n in nodes for p in n.payloads]) for i, j, nodes in py.find_all_nodes(toks)]
            got = [(i, j, [p for n in nodes for p in n.payloads]) for i, j, nodes in c.find_all_nodes(toks)]
            assert got == want
            assert c.find_all(toks) == py.find_all(toks)
            total += len(want)
    assert total >= 30  # the comparison covers real matches
    # a nested phrase at one start comes longest first
    assert [(i, j) for i, j, _ in py.find_all(_tokens("مجلس الامن الدولي"))] == [(0, 3), (0, 2), (0, 1), (1, 2)]


def test_scan_walks_a_multi_node_frontier() -> None:
    native = require("matcher")
    toks = _tokens("وزير الزراعه اليوم")
    for m in (_matcher(None), _matcher(native)):
        # the plain child, then the prefix pattern's node (``_compute``'s order)
        assert m.find_all(toks) == [(0, 2, [("title", "minister-exact"), ("title", "minister")])]
    assert _matcher(native).find_all(toks) == _matcher(None).find_all(toks)


def test_scan_after_add_sees_new_phrases() -> None:
    native = require("matcher")
    m = _matcher(native)
    toks = _tokens("مجلس الامن الدولي الجديد")
    before = m.find_all(toks)
    m.add(("مجلس", "الامن", "الدولي", "الجديد"), ("lex", "new"))  # drops the cached steps
    after = m.find_all(toks)
    assert after[0] == (0, 4, [("lex", "new")])
    assert after[1:] == before


def test_group_equals_python(monkeypatch: pytest.MonkeyPatch) -> None:
    native = require("matcher")
    results = []
    for c in (None, native):
        m = _matcher(c)
        monkeypatch.setattr(index, "combined", lambda lang, m=m: m)
        doc = Document(id="t", text="", lang="ar")
        work = Work(doc)
        got = []
        for k, text in enumerate(SENTENCES):
            sent = Sentence(index=k, start=0, end=len(text), text=text, tokens=_tokens(text))
            got.append(index.sentence_matches(work, sent))
        results.append(got)
    want, got = results
    assert got == want
    assert any(len(by_cat) >= 3 for by_cat in want)  # several categories in one sentence
    # each match owns its payload list
    lists = [ps for by_cat in got for ms in by_cat.values() for _, _, ps in ms]
    assert len({id(ps) for ps in lists}) == len(lists)


def test_native_errors_are_raised() -> None:
    native = require("matcher")
    with pytest.raises(TypeError):
        native.scan(["x"], {}, lambda norm: "not a tuple", lambda node, norm: ())
    with pytest.raises(TypeError):
        native.group([(0, 1, ())], {}, lambda nodes: ["not", "a", "tuple"])
    with pytest.raises(ZeroDivisionError):
        native.scan(["x"], {}, lambda norm: 1 / 0, lambda node, norm: ())

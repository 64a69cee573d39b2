"""kg.mentions.matcher: token-sequence phrase matcher, clitic-aware."""

from __future__ import annotations

from kg.mentions.matcher import PhraseMatcher, greedy
from kg.text.segment import tokenize


def _m(*patterns: tuple[tuple[str, ...], str]) -> PhraseMatcher:
    m = PhraseMatcher()
    for toks, pay in patterns:
        m.add(toks, pay)
    return m


def _found(m: PhraseMatcher, text: str) -> list[tuple[str, list[str]]]:
    toks = tokenize(text)
    return [(text[toks[i].start:toks[j - 1].end], pays) for i, j, pays in m.find(toks)]


def test_prefix_pattern_matches_inflections() -> None:
    m = _m((("attack*",), "A"), (("هاجم*",), "H"))
    assert _found(m, "Rebels attacked and keep attacking.") == [("attacked", ["A"]), ("attacking", ["A"])]
    assert _found(m, "هاجمت القوات وهاجموا المواقع") == [("هاجمت", ["H"]), ("وهاجموا", ["H"])]


def test_exact_pattern_does_not_match_longer_word() -> None:
    m = _m((("attack",), "A"),)
    assert _found(m, "the attackers") == []
    assert _found(m, "an attack") == [("attack", ["A"])]


def test_clitics_stripped_on_first_token_only() -> None:
    m = _m((("وزاره", "الدفاع"), "mod"), (("اذربيجان",), "AZE"))
    # و + first token, لل → ال on a later token
    assert _found(m, "قالت ووزارة الدفاع") == [("ووزارة الدفاع", ["mod"])]
    assert _found(m, "اتهمت أرمينيا وأذربيجان") == [("وأذربيجان", ["AZE"])]
    assert _found(m, "بيان لوزارة الدفاع") == [("لوزارة الدفاع", ["mod"])]
    # a later token keeps its clitics unless they stand before the article
    k = _m((("قوات", "حفظ", "السلام"), "PKF"),)
    assert _found(k, "وقوات حفظ السلام") == [("وقوات حفظ السلام", ["PKF"])]
    assert _found(k, "قوات وحفظ السلام") == []


def test_later_token_may_drop_conjunction_before_article() -> None:
    m = _m((("وزاره", "الدفاع"), "mod"),)
    assert _found(m, "وزارة والدفاع") == [("وزارة والدفاع", ["mod"])]


def test_greedy_longest_match_wins() -> None:
    m = _m((("security",), "S"), (("security", "council"), "SC"), (("council",), "C"))
    assert _found(m, "the Security Council met") == [("Security Council", ["SC"])]


def test_find_all_and_greedy_window() -> None:
    m = _m((("united", "nations"), "UN"), (("nations",), "N"), (("united",), "U"))
    toks = tokenize("the United Nations said")
    allm = m.find_all(toks)
    assert (1, 3, ["UN"]) in allm and (1, 2, ["U"]) in allm and (2, 3, ["N"]) in allm
    assert greedy(allm) == [(1, 3, ["UN"])]
    # inside a window that cuts the long match, the shorter ones are taken
    assert greedy(allm, 2, 3) == [(2, 3, ["N"])]


def test_non_greedy_find_yields_every_length() -> None:
    m = _m((("prime", "minister"), "PM"), (("prime",), "P"))
    toks = tokenize("Prime Minister")
    assert list(m.find(toks, greedy=False)) == [(0, 2, ["PM"]), (0, 1, ["P"])]


def test_payloads_of_the_same_pattern_accumulate() -> None:
    m = _m((("army",), "x"), (("army",), "y"))
    assert _found(m, "the army") == [("army", ["x", "y"])]
    assert m.size == 2


def test_empty_pattern_is_ignored() -> None:
    m = PhraseMatcher()
    m.add((), "nothing")
    assert m.size == 0
    assert list(m.find(tokenize("anything here"))) == []

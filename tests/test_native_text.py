"""kg._native.text (the C tokenizer) gives the tokens of the pure-Python regex path, exactly.

Same texts, offsets, norms and other fields, for hand-written edge cases and
for random strings over a mixed alphabet. As in tests/test_native.py, a module
that is not built is skipped, or a failure under KG_REQUIRE_NATIVE=1 (CI).
"""

from __future__ import annotations

import random

import pytest
from conftest import require_native as require

from kg.model import Document, Token
from kg.text import segment
from kg.text.normalize import norm_token




Row = tuple[str, int, int, str]


def _rows(tokens: list[Token]) -> list[Row]:
    return [(t.text, t.start, t.end, t.norm) for t in tokens]


def _py(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    return segment._tokenize_py(text, start, len(text) if end is None else end)


_SMALL: list[object] = []  # a Vocab small enough to be cleared many times over by the random strings


def _c(text: str, start: int = 0, end: int | None = None, template: bool = True, vocab: bool = True) -> list[Token]:
    """The C tokenizer, with a Vocab as its cache (what kg uses) or with a dict."""
    mod = require("text")
    end = len(text) if end is None else end
    if not _SMALL:
        _SMALL.append(mod.Vocab(500, 7))
    return mod.tokenize(text, start, end, Token, _SMALL[0] if vocab else {}, norm_token,
                        segment._TEMPLATE if template else None)


# Invented sentences and fragments, one edge of the regex each (or several).
CASES = [
    "",
    "   \n\t ",
    "وقالت الوزارةُ إنّ المفاوضاتِ ستُستأنَف في الدوحة يوم ٣ آذار.",
    "وبالمدينة وللجيش فالحكومة كالعادة",                  # clitics stay attached
    "الـــــعـــالم ـــ ـ",                              # tatweel inside, alone, in a run
    "ًٌٍ َ ُ ِّ ْ ٰ \u0610\u061a abc\u064b",             # stray marks and marks after a word
    "\u064bكتاب \u0640\u064b \u064b\u0640",              # a mark run that starts a token
    "عام ٢٠٢٣ و۱۴۰۲ و١٢٫٥ و٣،٤ و٦/٧",                  # Arabic-Indic and Persian digits
    "The U.S. and the U.N. met; U.S was A.B.C and A.B.C.D. x.Y.",
    "More than 6,500 fled at 11:00 on 16.11.2021, 3/4 of them.",
    "1. 2.. 3,,4 5:6: 7/ /8 ,9 10.x",
    "Kyiv's mayor, the mayor’s aide, Kyiv' and 'Kyiv, well-known, -x, a--b, x-'y, o’-k",
    "Ali’s al-Assad bin-Salman e-mail re-run x'1 x’٣ ب-ت",
    "emoji 🇺🇦🙂 👩\u200d👩\u200d👧 ok🙂ok",
    "cafe\u0301 naïve e\u0301\u0301 \u0301lone Ω≈ç",
    "a\u00a0b\u2009c\u3000d\u200be\u202ff\u2028g\u2029h\x1ci\x85j\ufeffk",
    "snake_case _lead trail_ __ a_1 ²³ x² ½ Ⅻ ǅx ß",
    "A.B. C.D.E. F. G.h I.J",
    "«قال: (نعم)» و\"لا\" [لا] ؟! ...",
    "𝟙𝟚 𝐀𝐁 \U00010400\U00010401 \ud800x",             # non-BMP letters and digits, a lone surrogate
    "x\r\ny\fz\vw",
]


@pytest.mark.parametrize("text", CASES)
def test_cases_equal(text: str) -> None:
    want = _py(text)
    got = _c(text)
    assert _rows(got) == _rows(want)
    assert got == want  # every field, lemma..ner included
    assert _rows(_c(text, template=False)) == _rows(want)  # the Token(...) call path too
    for t in got:
        assert text[t.start:t.end] == t.text


def test_cases_spot_checks() -> None:
    # the comparison above runs on real, varied tokens
    assert [t.text for t in _c("The U.S. and the U.N. met; U.S was A.B.C and A.B.C.D. x.Y.")] == [
        "The", "U.S.", "and", "the", "U.N.", "met", ";", "U", ".", "S", "was", "A.B.", "C", "and",
        "A.B.C.D.", "x", ".", "Y", ".",
    ]
    assert [t.text for t in _c("More than 6,500 fled at 11:00 on 16.11.2021, 3/4 of them.")] == [
        "More", "than", "6,500", "fled", "at", "11:00", "on", "16.11.2021", ",", "3/4", "of", "them", ".",
    ]
    assert [t.text for t in _c("Kyiv's well-known x-'y a--b")] == ["Kyiv's", "well-known", "x", "-", "'", "y",
                                                                  "a", "-", "-", "b"]
    toks = _c("الـــــعـــالم \u064bكتاب عام ٢٠٢٣")
    # (norm_token maps digits and strips marks only in tokens with an Arabic letter)
    assert [(t.text, t.norm) for t in toks] == [
        ("الـــــعـــالم", "العالم"), ("\u064b", "\u064b"), ("كتاب", "كتاب"), ("عام", "عام"), ("٢٠٢٣", "٢٠٢٣"),
    ]
    # NBSP and thin space separate; a zero-width space is no space, and no word character either
    assert [t.text for t in _c("a\u00a0b\u2009c\u200bd")] == ["a", "b", "c", "\u200b", "d"]
    assert [(t.text, t.start, t.end) for t in _c("  ab  c ", 1, 6)] == [("ab", 2, 4)]
    assert [(t.text, t.start, t.end) for t in _c("  ab  cd ", 3, 7)] == [("b", 3, 4), ("c", 6, 7)]
    assert _c("") == [] and _c("   ") == []


def test_offsets_inside_a_text() -> None:
    text = "قال المتحدث: U.S. troops left at 11:00, وغادر ٢٠ جنديًا."
    for start in range(len(text) + 3):
        for end in list(range(start - 2, len(text) + 3, 3)) + [len(text)]:
            assert _rows(_c(text, start, end)) == _rows(_py(text, start, end)), (start, end)


def test_public_tokenize_uses_c_and_keeps_the_python_edge_cases() -> None:
    from kg._native import use_compiled_rules

    require("text")
    # the copy path for a plain Token; the flat list for Token compiled by mypyc
    assert segment._C is not None and (segment._TEMPLATE is None) == (use_compiled_rules() == "compiled")
    text = "  Talks in Doha. وأكد الوفد ذلك "
    for start, end in ((0, None), (3, 9), (5, 100), (-4, None), (-100, 7), (9, 3), (40, None)):
        assert _rows(segment.tokenize(text, start, end)) == _rows(
            segment._tokenize_py(text, start, len(text) if end is None else end)), (start, end)


def test_flat_mode_gives_each_token_s_four_values_in_turn() -> None:
    C = require("text")
    text = "  Talks in Doha. وأكد الوفد ذلك "
    flat, marks = C.tokenize(text, 0, len(text), None, {}, norm_token, None, ".")
    want = _rows(segment._tokenize_py(text, 0, len(text)))
    assert [tuple(flat[k:k + 4]) for k in range(0, len(flat), 4)] == want
    assert len(want) == 7 and marks == [3]  # "." is the fourth token
    assert segment._from_flat(flat) == segment._tokenize_py(text, 0, len(text))
    with pytest.raises(TypeError):  # a template is copied into token instances: no class, no template
        C.tokenize(text, 0, len(text), None, {}, norm_token, Token("", 0, 0, ""))


def _alphabet() -> list[str]:
    return (
        list("AZUSaqz019.,:/'’-_ \t\n")
        + ["\u00a0", "\u2009", "\u3000", "\u200b", "\u200d", "\x85", "\u2028"]  # spaces and non-spaces
        + list("ـًٌَُِّْٰ\u0610\u061a\u065f")                          # marks, tatweel
        + list("وأذربيجانلالإةىء")                                      # Arabic letters
        + list("٠٣٩۰۴٫٬،؟!?\"«»()[]”“")                                 # digits and punctuation
        + ["²", "½", "Ⅻ", "ǅ", "é", "\u0301", "🙂", "\U0001F1FA", "𝟙", "\U00010400", "\ud800", "ß", "İ"]
    )


def test_random_strings_equal() -> None:
    require("text")
    rng = random.Random(20261127)
    alpha = _alphabet()
    compared = 0
    for _ in range(4000):
        text = "".join(rng.choice(alpha) for _ in range(rng.randint(0, 40)))
        start, end = rng.randint(0, len(text) + 2), rng.randint(-2, len(text) + 2)
        want, got = _py(text), _c(text)
        assert got == want, text
        assert _c(text, vocab=False) == want, text
        assert _rows(_c(text, start, end)) == _rows(_py(text, start, end)), (text, start, end)
        compared += len(want)
    assert compared > 40_000  # tokens, not just empty lists


def test_punct_indices_are_the_punct_tokens() -> None:
    mod = require("text")
    text = "قال: «انتهى». ثم غادر؟ 'Yes,' he said! (ok) 3.5 U.S. x"
    toks, punct = mod.tokenize(text, 0, len(text), Token, segment._NORMS, norm_token, segment._TEMPLATE,
                               segment._PUNCT_CHARS)
    assert toks == _py(text)
    assert punct == [i for i, t in enumerate(toks) if t.text in segment._PUNCT]
    assert [toks[i].text for i in punct] == ["»", ".", "؟", "'", "'", "!", ")"]


def test_segment_same_with_and_without_c(monkeypatch) -> None:
    require("text")
    texts = [
        "The envoy met Gen. Miller in Kyiv. Talks lasted 2.5 hours! Did they agree? \"Yes.\" Officials said so.\n"
        "Second paragraph ends here. 'Quoted.' (Aside.) Then U.S. aid came",
        "أعلنت الوزارة أن الوفد وصل إلى الدوحة. وقال المتحدث: «بدأت المحادثات». هل ستنجح؟ ربما.\n\n"
        "فقرة ثانية بلا نقطة",
        "", "\n\n", ".", "!!! ??? ...",
    ]

    def run() -> list:
        out = []
        for text in texts:
            doc = Document(id="t", text=text, lang="ar")
            segment.segment(doc)
            out.append([(s.index, s.start, s.end, s.text, s.tokens) for s in doc.sentences])
        return out

    got = run()
    monkeypatch.setattr(segment, "_C", None)
    assert run() == got
    assert sum(len(doc) for doc in got) >= 10


def test_vocab_caches_one_text_object_per_word_and_is_bounded() -> None:
    mod = require("text")
    calls: list[str] = []

    def norm(text: str, lang: str) -> str:
        calls.append(text)
        return norm_token(text, lang)

    vocab = mod.Vocab(5, 11)
    toks = mod.tokenize("Doha talks Doha", 0, 15, Token, vocab, norm, segment._TEMPLATE)
    assert [(t.text, t.norm) for t in toks] == [("Doha", "doha"), ("talks", "talks"), ("Doha", "doha")]
    assert toks[0].text is toks[2].text  # the cached object, handed to every token with that text
    assert calls == ["Doha", "talks"] and len(vocab) == 2  # a hit does not call norm
    assert vocab.get("Doha") == ("Doha", "doha") and vocab.get("Doh") is None
    long_word = "والمتحدثينالرسميينباسمالحكومه"  # longer than the 16 characters kept inline
    mod.tokenize(f"{long_word} 🙂 {long_word}x", 0, 100, Token, vocab, norm, segment._TEMPLATE)
    assert vocab.get(long_word) == (long_word, norm_token(long_word, "")) and vocab.get(long_word[:-1]) is None
    assert vocab.get("🙂") == ("🙂", "🙂")  # outside the BMP: compared through the text object
    assert len(vocab) == 5
    calls.clear()
    toks = mod.tokenize("new words here", 0, 14, Token, vocab, norm, segment._TEMPLATE)
    assert len(vocab) == 3 and calls == ["new", "words", "here"]  # cleared at its limit, still right
    assert [t.norm for t in toks] == ["new", "words", "here"]
    vocab.clear()
    assert len(vocab) == 0 and vocab.get("new") is None
    with pytest.raises(ValueError):
        mod.Vocab(0)


def test_vocab_holds_many_words() -> None:
    mod = require("text")
    rng = random.Random(5)
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    words = list(dict.fromkeys("".join(rng.choice(letters) for _ in range(rng.randint(1, 20))) for _ in range(20_000)))
    vocab = mod.Vocab(1_000_000, 3)
    text = " ".join(words)
    got = mod.tokenize(text, 0, len(text), Token, vocab, norm_token, segment._TEMPLATE)
    assert [t.text for t in got] == words and len(vocab) == len(words)
    assert all(vocab.get(w) == (w, norm_token(w, "")) for w in words)
    again = mod.tokenize(text, 0, len(text), Token, vocab, norm_token, segment._TEMPLATE)
    assert all(a.text is b.text for a, b in zip(got, again))


def test_bad_arguments_raise() -> None:
    mod = require("text")

    def boom(text: str, lang: str) -> str:
        raise ValueError(text)

    with pytest.raises(ValueError, match="Doha"):
        mod.tokenize("Doha talks", 0, 10, Token, {}, boom, segment._TEMPLATE)
    with pytest.raises(TypeError):
        mod.tokenize(b"bytes", 0, 5, Token, {}, norm_token)
    with pytest.raises(TypeError, match="Vocab or a dict"):
        mod.tokenize("x", 0, 1, Token, [], norm_token)
    with pytest.raises(TypeError):
        mod.tokenize("x", 0, 1, Token, {}, None)
    with pytest.raises(TypeError):
        mod.tokenize("x", 0, 1, Token, {}, norm_token, "not a Token")
    with pytest.raises(TypeError):
        mod.tokenize("x", 0, 1, Token, {}, norm_token, None, 5)

    class Plain:  # no __slots__: a copy could not be made
        def __init__(self, *a: object) -> None:
            self.a = a

    with pytest.raises(TypeError):
        mod.tokenize("x", 0, 1, Plain, {}, norm_token, Plain())
    assert mod.tokenize("x", 0, 1, Plain, {}, norm_token)[0].a == ("x", 0, 1, "x")  # the call path

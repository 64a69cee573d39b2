"""kg.text.segment: sentence splitting and tokens whose offsets index the original text."""

from __future__ import annotations

import pytest

from kg.model import Document
from kg.text.segment import segment, tokenize


def _sents(text: str, lang: str) -> list[str]:
    d = Document(id="t", text=text, lang=lang)
    segment(d)
    return [s.text for s in d.sentences]


def test_abbreviation_decimal_and_title_do_not_end_a_sentence() -> None:
    text = "The U.S. envoy arrived in Kyiv. Talks lasted 2.5 hours. Gen. Miller spoke later."
    assert _sents(text, "en") == ["The U.S. envoy arrived in Kyiv.", "Talks lasted 2.5 hours.", "Gen. Miller spoke later."]


def test_abbreviation_is_one_token() -> None:
    toks = tokenize("The U.S. and the U.N. met.")
    assert [t.text for t in toks] == ["The", "U.S.", "and", "the", "U.N.", "met", "."]


def test_numbers_keep_separators() -> None:
    toks = tokenize("More than 6,500 fled at 11:00 on 16.11.2021.")
    texts = [t.text for t in toks]
    assert "6,500" in texts and "11:00" in texts and "16.11.2021" in texts


def test_arabic_question_mark_ends_a_sentence() -> None:
    text = "هل ستنسحب القوات من المنطقة؟ قال المتحدث إن الانسحاب سيبدأ غدا. وأكد الجيش ذلك."
    assert _sents(text, "ar") == ["هل ستنسحب القوات من المنطقة؟", "قال المتحدث إن الانسحاب سيبدأ غدا.", "وأكد الجيش ذلك."]


def test_closing_quote_stays_with_its_sentence() -> None:
    text = 'The minister said: "We will respond." Officials agreed.'
    assert _sents(text, "en") == ['The minister said: "We will respond."', "Officials agreed."]


def test_paragraph_break_splits_without_punctuation() -> None:
    assert _sents("Headline without a stop\nBody text follows here.", "en") == [
        "Headline without a stop", "Body text follows here."]


def test_sentence_offsets_index_the_document() -> None:
    text = "Ceasefire holds.  Talks resume on Monday.\n\nNo shots were fired."
    d = Document(id="t", text=text, lang="en")
    segment(d)
    assert len(d.sentences) == 3
    for n, s in enumerate(d.sentences):
        assert s.index == n
        assert text[s.start:s.end] == s.text
        for t in s.tokens:
            assert text[t.start:t.end] == t.text


def test_arabic_clitics_stay_on_the_token() -> None:
    text = "اتهمت أرمينيا وأذربيجان، والأرمينية بالهجوم."
    toks = tokenize(text)
    assert [t.text for t in toks] == ["اتهمت", "أرمينيا", "وأذربيجان", "،", "والأرمينية", "بالهجوم", "."]
    for t in toks:
        assert text[t.start:t.end] == t.text
    waw = toks[2]
    assert (waw.start, waw.end) == (text.index("وأذربيجان"), text.index("وأذربيجان") + len("وأذربيجان"))
    assert waw.norm == "واذربيجان"  # normalised for matching, text untouched


def test_diacritics_stay_inside_the_token() -> None:
    text = "أسرت القوّات 12 جنديًا"
    toks = tokenize(text)
    assert [t.text for t in toks] == ["أسرت", "القوّات", "12", "جنديًا"]
    assert toks[1].norm == "القوات"


def test_english_possessive_and_hyphenated_names() -> None:
    toks = tokenize("Armenia's army and al-Assad")
    assert [t.text for t in toks] == ["Armenia's", "army", "and", "al-Assad"]
    assert toks[0].norm == "armenia"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_empty_text_gives_no_sentences(lang: str) -> None:
    assert _sents("", lang) == []
    assert _sents("   \n  ", lang) == []

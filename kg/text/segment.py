"""Sentence splitting and tokenisation with offsets into the original text.

Tokens follow ANERcorp's convention: punctuation split off, Arabic clitics
left attached (``وأذربيجان`` is one token); matching strips them later.

>>> from kg.model import Document
>>> d = Document(id="x", text="Russia attacked. Kyiv said so.", lang="en")
>>> segment(d); [s.text for s in d.sentences]
['Russia attacked.', 'Kyiv said so.']
"""

from __future__ import annotations

import dataclasses
import os
import re
from typing import Any

from kg._native import load
from kg.model import Document, Sentence, Token
from kg.pipeline import Component, Work, register
from kg.text.normalize import norm_token

_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u0640"  # Arabic diacritics and tatweel
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"                                  # U.S., U.N.
    r"|\d+(?:[.,:/]\d+)*"                               # 6,500  11:00  16.11.2021
    # a word: letters, digits and marks, inner ' ’ - when a word character follows
    # (written as runs, not one character per alternation: the regex is the tokenizer's cost)
    r"|[^\W\d_][\w" + _MARKS + r"]*(?:['’\-](?=\w)[\w" + _MARKS + r"]*)*"
    r"|[" + _MARKS + r"]+"                               # stray marks
    r"|\S",
    re.UNICODE,
)
_END = set(".!?؟")
_CLOSERS = set("\"'”’»)]\u201d")
_PUNCT = _END | _CLOSERS
_PUNCT_CHARS = "".join(sorted(_PUNCT))  # single characters: a token is in _PUNCT iff it is one of these
_PARA = re.compile(r"[^\n]+")
# Abbreviations that end with a period but rarely end a sentence.
_ABBREV = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov", "sen", "rep",
    "st", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "inc", "co", "corp", "jr", "sr", "prof", "mt", "ft", "approx", "est",
}


_NORMS: dict[str, str] = {}  # token text → norm; a dict lookup is cheaper than the lru_cache call


_C = load("text")  # the C twin of tokenize (kg/_native/text.c), None when not built
# The C tokenizer's cache (text → (text, norm)): one flat table, and one text object per word type.
# Seeded per process so that crafted input cannot aim at its collisions.
_VOCAB: Any = _C.Vocab(262_144, int.from_bytes(os.urandom(8), "little")) if _C is not None else None


def _token_template() -> Token | None:
    """A default Token that the C path copies instead of calling Token() (a Python call per token).

    Only when a copy is what ``Token(text, start, end, norm)`` gives (its four
    arguments and None for every other field, as a sample shows; no
    ``__post_init__``) and the C side accepts the layout (a plain ``__slots__``
    class; Token compiled by mypyc is not: ``_from_flat`` builds those).
    """
    if _C is None or hasattr(Token, "__post_init__"):
        return None
    names = [f.name for f in dataclasses.fields(Token)]
    sample = Token("t", 1, 2, "n")
    if names[:4] != ["text", "start", "end", "norm"] or \
            [getattr(sample, n) for n in names] != ["t", 1, 2, "n"] + [None] * (len(names) - 4):
        return None
    template = Token("", 0, 0, "")
    try:
        _C.tokenize("a", 0, 1, Token, {}, norm_token, template)
    except TypeError:
        return None
    return template


_TEMPLATE = _token_template()


def _from_flat(flat: list[Any]) -> list[Token]:
    """Tokens from the C tokenizer's flat list (text, start, end, norm of each in turn), when there is no template:
    compiled by mypyc, Token is built faster here than by a call from C."""
    return [Token(flat[k], flat[k + 1], flat[k + 2], flat[k + 3]) for k in range(0, len(flat), 4)]


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``; C when built, same output."""
    end = len(text) if end is None else end
    if _C is not None and start >= 0:  # a negative start goes to find() below, which reads it from the end
        if _TEMPLATE is None:
            return _from_flat(_C.tokenize(text, start, end, None, _VOCAB, norm_token))
        return _C.tokenize(text, start, end, Token, _VOCAB, norm_token, _TEMPLATE)
    return _tokenize_py(text, start, end)


def _tokenize_py(text: str, start: int, end: int) -> list[Token]:
    out: list[Token] = []
    append = out.append
    find = text.find
    norms = _NORMS
    if len(norms) > 262_144:  # bounded memory on endless streams
        norms.clear()
    pos = start
    # findall + find is cheaper than a match object per token; only spaces lie
    # between tokens (``\S`` matches anything else), so find() lands on the match.
    for t in _TOKEN.findall(text, start, end):
        s = find(t, pos)
        pos = s + len(t)
        n = norms.get(t)
        if n is None:
            n = norms[t] = norm_token(t, "")
        append(Token(t, s, pos, n))
    return out


def _tokenize_punct(text: str, start: int, end: int) -> tuple[list[Token], list[int]]:
    """``tokenize(text, start, end)`` and the indices of its tokens in ``_PUNCT`` (``start`` >= 0)."""
    if _C is not None:  # the C loop collects the indices as it goes
        if _TEMPLATE is None:
            flat, punct = _C.tokenize(text, start, end, None, _VOCAB, norm_token, None, _PUNCT_CHARS)
            return _from_flat(flat), punct
        return _C.tokenize(text, start, end, Token, _VOCAB, norm_token, _TEMPLATE, _PUNCT_CHARS)
    tokens = _tokenize_py(text, start, end)
    return tokens, [i for i, t in enumerate(tokens) if t.text in _PUNCT]


def _is_boundary(tokens: list[Token], i: int, text: str) -> bool:
    """Token i is sentence-final punctuation followed by a plausible sentence start."""
    tok = tokens[i]
    if tok.text not in _END:
        return False
    if tok.text == "." and i > 0:
        prev = tokens[i - 1]
        if prev.end == tok.start and (prev.norm in _ABBREV or (len(prev.text) == 1 and prev.text.isupper())):
            return False
    j = i + 1
    while j < len(tokens) and tokens[j].text in _CLOSERS and tokens[j].start == tokens[j - 1].end:
        j += 1
    if j >= len(tokens):
        return True
    nxt = tokens[j]
    if nxt.start == tokens[j - 1].end:  # no space: "6.5", "U.S"
        return False
    c = nxt.text[0]
    return c.isupper() or c.isdigit() or not c.isascii() or c in "\"'“‘«(["


def segment(doc: Document) -> None:
    """Fill ``doc.sentences``: split at paragraph breaks and sentence-final punctuation."""
    sentences: list[Sentence] = []
    text = doc.text
    for para in _PARA.finditer(text):
        tokens, punct = _tokenize_punct(text, para.start(), para.end())
        s0 = 0  # first token of the current sentence
        # only punctuation can end a sentence: the checks run on those tokens alone
        for i in punct:
            tok = tokens[i]
            if tok.text in _END:
                if not _is_boundary(tokens, i, text):
                    continue
                # closing quotes right after belong to this sentence: the last one ends it
                if i + 1 < len(tokens) and tokens[i + 1].text in _CLOSERS and tokens[i + 1].start == tok.end:
                    continue
            elif not (i > s0 and tokens[i - 1].text in _END and tok.start == tokens[i - 1].end
                      and i + 1 < len(tokens) and _is_boundary(tokens, i - 1, text)):
                continue
            sentences.append(_make(text, len(sentences), tokens[s0:i + 1]))
            s0 = i + 1
        if s0 < len(tokens):
            sentences.append(_make(text, len(sentences), tokens[s0:]))
    doc.sentences = sentences


def _make(text: str, index: int, tokens: list[Token]) -> Sentence:
    s, e = tokens[0].start, tokens[-1].end
    return Sentence(index=index, start=s, end=e, text=text[s:e], tokens=tokens)


class Segmenter(Component):
    name = "segment"
    provides = frozenset({"sentences", "tokens"})

    def __call__(self, work: Work) -> None:
        segment(work.document)


@register("segment")
def _factory() -> Component:
    return Segmenter()

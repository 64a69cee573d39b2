"""stanza Document → our Sentence/Token list and Mentions, with offsets on the original text.

Choices (see docs/stanza.md):

* **One Token per stanza *word*.** Arabic multi-word tokens (``وبباكو`` →
  ``و`` + ``ب`` + ``باكو``) give one Token per word so that dependency heads
  (word ids) line up with our token indexes: ``Token.head`` is the index of
  the head word in ``Sentence.tokens``.
* **Word offsets inside a multi-word token**: stanza gives words of an MWT no
  offsets of their own. Each word's text is searched inside the surface token,
  left to right (proclitics come first); a word that is not found verbatim
  (``ل`` + ``المدينة`` written ``للمدينة``) gets the rest of the token when it
  is the last word, otherwise the whole token span. ``Token.text`` is always
  the original slice (``doc.text[t.start:t.end] == t.text``); the word form
  stanza produced goes into ``Token.norm`` (normalised) and ``Token.lemma``.
* **NER** tags sit on tokens, not words (stanza issue #999). Mentions are
  decoded from the token tags (BIO or BIOES, lenient), so a mention covers
  whole surface tokens, clitics included (``وباكستان``), like the gold
  mentions. Each word also gets a word-level tag consistent with its token's.
* Token offsets come, in order of preference, from ``spans`` given by the
  caller (pretokenized input), from stanza's ``start_char``/``end_char`` when
  they match the original text, else from a left-to-right search.

>>> from stanza.models.common.doc import Document as SDoc  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

from kg.errors import DataError, error
from kg.model import Mention, Sentence, Token

NER_TYPES_FILE = Path(__file__).resolve().parent / "data" / "ner_types.tsv"

Span = tuple[int, int]


@lru_cache(maxsize=1)
def ner_type_map() -> dict[str, tuple[str, tuple[str, ...]]]:
    """stanza NER label → (our entity type, flags) from ``kg/nlp/data/ner_types.tsv``."""
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for n, line in enumerate(NER_TYPES_FILE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2 or not cols[0].strip() or not cols[1].strip():
            raise error(DataError, "E600", path=str(NER_TYPES_FILE), line=n, detail="expected: label<TAB>type[<TAB>flags]")
        flags = tuple(f for f in (cols[2].split(",") if len(cols) > 2 else []) if f)
        out[cols[0].strip().upper()] = (cols[1].strip(), flags)
    return out


def _norm(text: str, lang: str) -> str:
    try:  # the lead's normaliser, so gazetteer matching sees the same forms
        from kg.text.normalize import norm_token
    except ImportError:  # pragma: no cover - foundation always ships it
        return text.lower()
    return norm_token(text, lang)


def _token_spans(tokens: Sequence[Any], text: str, cursor: int) -> tuple[list[Span], int]:
    """Offsets of stanza tokens in ``text``, trusting stanza's only when they match."""
    spans: list[Span] = []
    for tok in tokens:
        s, e = tok.start_char, tok.end_char
        if s is not None and e is not None and s >= cursor and text[s:e] == tok.text:
            spans.append((s, e))
            cursor = e
            continue
        found = text.find(tok.text, cursor)
        if found < 0:  # stanza changed the surface (rare): keep going from the cursor
            while cursor < len(text) and text[cursor].isspace():
                cursor += 1
            found = cursor
            end = min(len(text), found + max(1, len(tok.text)))
        else:
            end = found + len(tok.text)
        spans.append((found, end))
        cursor = end
    return spans, cursor


def word_spans(token_text: str, span: Span, words: Sequence[str]) -> list[Span]:
    """Spans of the words of one (possibly multi-word) token inside its surface text.

    >>> word_spans("وبباكو", (10, 16), ["و", "ب", "باكو"])
    [(10, 11), (11, 12), (12, 16)]
    >>> word_spans("للمدينة", (0, 7), ["ل", "المدينة"])
    [(0, 1), (1, 7)]
    >>> word_spans("عليه", (0, 4), ["على", "ه"])
    [(0, 4), (3, 4)]
    """
    start, end = span
    if len(words) <= 1:
        return [span] * len(words)
    out: list[Span] = []
    pos = 0
    for i, w in enumerate(words):
        idx = token_text.find(w, pos) if w else -1
        if idx >= 0:
            out.append((start + idx, start + idx + len(w)))
            pos = idx + len(w)
        elif i == len(words) - 1 and pos < len(token_text):
            out.append((start + pos, end))  # the rest of the token (المدينة in للمدينة)
        else:
            out.append(span)
    return out


def _split_tag(tag: str | None) -> tuple[str, str | None]:
    """'B-PER' → ('B', 'PER'); 'O'/None → ('O', None); a bare 'PER' → ('S', 'PER')."""
    if not tag or tag == "O" or tag == "_":
        return "O", None
    if len(tag) > 2 and tag[1] in "-_" and tag[0] in "BIESLU":  # L/U: BILOU spelling
        prefix = {"L": "E", "U": "S"}.get(tag[0], tag[0])
        return prefix, tag[2:]
    return "S", tag


def decode_tags(tags: Sequence[str | None]) -> list[tuple[int, int, str]]:
    """BIO or BIOES tags → (first, last, label) spans, inclusive; lenient about bad sequences.

    >>> decode_tags(["B-PER", "E-PER", "O", "S-LOC", "B-ORG", "I-ORG", "O", "I-LOC"])
    [(0, 1, 'PER'), (3, 3, 'LOC'), (4, 5, 'ORG'), (7, 7, 'LOC')]
    """
    out: list[tuple[int, int, str]] = []
    open_start: int | None = None
    open_label: str | None = None

    def close(last: int) -> None:
        nonlocal open_start, open_label
        if open_start is not None and open_label is not None:
            out.append((open_start, last, open_label))
        open_start, open_label = None, None

    for i, tag in enumerate(tags):
        prefix, label = _split_tag(tag)
        if prefix == "O":
            close(i - 1)
        elif prefix == "S":
            close(i - 1)
            out.append((i, i, label or ""))
        elif prefix == "B":
            close(i - 1)
            open_start, open_label = i, label
        elif prefix in ("I", "E"):
            if open_start is None or open_label != label:
                close(i - 1)
                open_start, open_label = i, label
            if prefix == "E":
                close(i)
    close(len(tags) - 1)
    return out


def _word_tags(tag: str | None, n: int) -> list[str | None]:
    """Spread a token's tag over its ``n`` words so that decoding the words gives the same span."""
    prefix, label = _split_tag(tag)
    if n == 1 or prefix == "O":
        return [tag] * n
    first = {"B": "B", "I": "I", "E": "I", "S": "B"}[prefix]
    last = {"B": "I", "I": "I", "E": "E", "S": "E"}[prefix]
    return [f"{first}-{label}"] + [f"I-{label}"] * (n - 2) + [f"{last}-{label}"]


@dataclass
class Adapted:
    sentences: list[Sentence]
    mentions: list[Mention]


def adapt(sdoc: Any, text: str, lang: str, spans: Sequence[Sequence[Span]] | None = None,
          found_by: str = "stanza") -> Adapted:
    """Turn a stanza ``Document`` into our sentences (one Token per word) and NER mentions.

    ``text`` is the ORIGINAL document text; ``spans`` optionally gives, per
    sentence, the original span of every stanza token (pretokenized input).
    """
    types = ner_type_map()
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    cursor = 0
    for si, ss in enumerate(sdoc.sentences):
        stoks = list(ss.tokens)
        if not stoks:
            continue
        if spans is not None:
            tspans = [tuple(x) for x in spans[si]]
            cursor = tspans[-1][1]
        else:
            tspans, cursor = _token_spans(stoks, text, cursor)
        index = len(sentences)
        tokens: list[Token] = []
        tags: list[str | None] = []
        for stok, tspan in zip(stoks, tspans):
            words = list(stok.words)
            wspans = word_spans(text[tspan[0]:tspan[1]], tspan, [w.text or "" for w in words])
            wtags = _word_tags(stok.ner, len(words))
            tags.append(stok.ner)
            for w, (ws, we), wtag in zip(words, wspans, wtags):
                head = w.head
                tokens.append(Token(
                    text=text[ws:we], start=ws, end=we, norm=_norm(w.text or text[ws:we], lang),
                    lemma=w.lemma, upos=w.upos,
                    head=(head - 1) if isinstance(head, int) and head > 0 else None,
                    deprel=w.deprel, ner=wtag,
                ))
        start, end = tspans[0][0], tspans[-1][1]
        sentences.append(Sentence(index=index, start=start, end=end, text=text[start:end], tokens=tokens))
        for first, last, label in decode_tags(tags):
            mapped = types.get(label.upper())
            if mapped is None:  # MISC, NORP, DATE...: not an actor type we keep
                continue
            etype, flags = mapped
            ms, me = tspans[first][0], tspans[last][1]
            attrs: dict[str, Any] = {"ner_type": label}
            for f in flags:
                attrs[f] = True
            mentions.append(Mention(start=ms, end=me, text=text[ms:me], type=etype, sentence=index,
                                    found_by=found_by, attrs=attrs))
    return Adapted(sentences, mentions)

"""Read a CoNLL NER corpus (``token<TAB>tag``, blank line between sentences) and split it.

Tags are BIO (``O``, ``B-TYPE``, ``I-TYPE``). Malformed lines raise a one-line
``DataError`` naming the file and line.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from kg.errors import DataError, InputError, error


@dataclass
class Sentence:
    tokens: list[str]
    tags: list[str]
    line: int  # 1-based line of the first token, for messages


def _check_tag(tag: str) -> bool:
    return tag == "O" or (len(tag) > 2 and tag[:2] in ("B-", "I-"))


def read_conll(path: str | Path) -> list[Sentence]:
    """Read every sentence of a CoNLL file (extra columns after the tag are ignored)."""
    p = Path(path)
    if not p.is_file():
        raise error(InputError, "E106", path=p)
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise error(InputError, "E102", path=p, pos=exc.start) from None
    sentences: list[Sentence] = []
    toks: list[str] = []
    tags: list[str] = []
    first = 0
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            if toks:
                sentences.append(Sentence(toks, tags, first))
                toks, tags = [], []
            continue
        cols = line.split("\t")
        if len(cols) < 2 or not cols[0] or not _check_tag(cols[1].strip()):
            raise error(DataError, "E600", path=p, line=n,
                        detail=f"expected 'token<TAB>tag' with a BIO tag, got {line[:40]!r}")
        if not toks:
            first = n
        toks.append(cols[0])
        tags.append(cols[1].strip())
    if toks:
        sentences.append(Sentence(toks, tags, first))
    if not sentences:
        raise error(InputError, "E100", path=p)
    return sentences


def split(sentences: list[Sentence], holdout: float, seed: int) -> tuple[list[Sentence], list[Sentence]]:
    """Deterministic split by sentence: (train, held_out), held-out in corpus order.

    The same ``seed`` and ``holdout`` always hold out the same sentences.
    """
    n = len(sentences)
    order = list(range(n))
    random.Random(seed).shuffle(order)
    k = round(n * holdout)
    held = set(order[:k])
    train = [s for i, s in enumerate(sentences) if i not in held]
    dev = [s for i, s in enumerate(sentences) if i in held]
    return train, dev

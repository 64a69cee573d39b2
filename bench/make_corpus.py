#!/usr/bin/env python3
"""Build the speed-benchmark corpora as JSON Lines (streamed to disk).

Arabic (``corpus_ar.jsonl``, default 2,000 articles): ANERcorp sentences
detokenised into ~400-word articles of a few paragraphs, with the Arabic
dev-set articles mixed in (one in every ``--dev-every`` articles). The first
pass over ANERcorp keeps its sentence order; later passes shuffle the
sentences (fixed seed), so articles are real news text of real length but
no two are the same. English (``corpus_en.jsonl``): the English dev-set
sentences reshuffled the same way, plus the English dev articles themselves.

Usage: python bench/make_corpus.py [--shared ../shared] [--out DIR] [--n 2000]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.eval.articles import read_article  # noqa: E402

# Tokens glued to the previous token, and to the next one.
_CLOSE = set(".,،؛;:!?؟)]»”…%") | {"'", "''", "\u200f"}
_OPEN = set("([«“")
_SENT_END = re.compile(r"(?<=[.!?؟])\s+")


def anercorp_sentences(path: Path) -> Iterator[list[str]]:
    """Token lists of ANERcorp sentences (blank-line separated ``token<TAB>tag``)."""
    sent: list[str] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            tok = line.split("\t", 1)[0].strip()
            if not tok:
                if sent:
                    yield sent
                sent = []
            else:
                sent.append(tok)
    if sent:
        yield sent


def detokenise(tokens: list[str]) -> str:
    """Join tokens with spaces, gluing punctuation the way it is printed."""
    out: list[str] = []
    glue_next = False
    in_quote = False
    for t in tokens:
        t = t.replace("\u200f", "")
        if not t:
            continue
        if t == '"':
            in_quote = not in_quote
            if in_quote:
                out.append(" " + t if out else t)
                glue_next = True
            else:
                out.append(t)
            continue
        if out and not glue_next and not (t in _CLOSE or all(c in _CLOSE for c in t)):
            out.append(" ")
        out.append(t)
        glue_next = t in _OPEN
    return "".join(out).strip()


def articles_from(sentences: list[str], words: int, rng: random.Random, passes: int) -> Iterator[str]:
    """~``words``-word articles, paragraphs of 2-4 sentences; pass 0 in order, then shuffled."""
    for p in range(passes):
        order = list(range(len(sentences)))
        if p:
            rng.shuffle(order)
        paras: list[str] = []
        para: list[str] = []
        count = 0
        limit = rng.randint(2, 4)
        for i in order:
            s = sentences[i]
            para.append(s)
            count += len(s.split())
            if len(para) >= limit:
                paras.append(" ".join(para))
                para, limit = [], rng.randint(2, 4)
            if count >= words:
                if para:
                    paras.append(" ".join(para))
                yield "\n".join(paras) + "\n"
                paras, para, count = [], [], 0


def dev_articles(shared: Path, lang: str) -> list[tuple[str, str, str | None]]:
    """``(id, body, date)`` of the dev-set articles in ``lang``."""
    d = shared / "eval" / "dev" / "articles"
    out = []
    for p in sorted(d.glob(f"{lang}_*.txt")):
        doc = read_article(p)
        out.append((doc.id, doc.text, doc.date))
    return out


def write_corpus(out: Path, lang: str, n: int, pool: Iterator[str], dev: list[tuple[str, str, str | None]],
                 dev_every: int) -> tuple[int, int]:
    """Write ``n`` articles to ``out``; returns (articles, bytes of text)."""
    written = size = 0
    with out.open("w", encoding="utf-8") as f:
        while written < n:
            if dev and dev_every and written % dev_every == dev_every - 1:
                did, text, date = dev[(written // dev_every) % len(dev)]
                rec = {"id": f"{lang}{written:05d}_{did}", "text": text, "lang": lang, "date": date}
            else:
                text = next(pool)
                rec = {"id": f"{lang}{written:05d}", "text": text, "lang": lang, "date": None}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            size += len(rec["text"].encode("utf-8"))
            written += 1
    return written, size


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared data folder")
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "kg_bench", help="output folder")
    ap.add_argument("--n", type=int, default=2000, help="Arabic articles (>= 2000 for the benchmark)")
    ap.add_argument("--n-en", type=int, default=500, help="English articles")
    ap.add_argument("--words", type=int, default=400, help="words per built article")
    ap.add_argument("--dev-every", type=int, default=20, help="one dev article in every N")
    ap.add_argument("--seed", type=int, default=13)
    a = ap.parse_args(argv)
    conll = a.shared / "data" / "anercorp" / "ANERcorp.conll"
    if not conll.is_file():
        print(f"make_corpus: {conll}: no such file (give --shared)", file=sys.stderr)
        return 1
    a.out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(a.seed)

    ar_sents = [detokenise(t) for t in anercorp_sentences(conll)]
    ar_sents = [s for s in ar_sents if s]
    n, size = write_corpus(a.out / "corpus_ar.jsonl", "ar", a.n,
                           articles_from(ar_sents, a.words, rng, passes=10_000),
                           dev_articles(a.shared, "ar"), a.dev_every)
    print(f"{a.out / 'corpus_ar.jsonl'}: {n} Arabic articles, {size / 1e6:.2f} MB, "
          f"{size / n / 1000:.1f} kB/article ({len(ar_sents)} ANERcorp sentences)")

    en_dev = dev_articles(a.shared, "en")
    en_sents = [s for _, body, _ in en_dev for line in body.splitlines() for s in _SENT_END.split(line) if s.strip()]
    n, size = write_corpus(a.out / "corpus_en.jsonl", "en", a.n_en,
                           articles_from(en_sents, a.words, rng, passes=10_000), en_dev, a.dev_every)
    print(f"{a.out / 'corpus_en.jsonl'}: {n} English articles, {size / 1e6:.2f} MB, "
          f"{size / n / 1000:.1f} kB/article ({len(en_sents)} dev sentences)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

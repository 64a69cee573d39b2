#!/usr/bin/env python3
"""Dump what the extractor outputs on a corpus, to check that a speed change changes nothing.

Writes one JSON line per document: its entities (with mentions), events and
relations, and each token's text, offsets, norm and NER tag, all as plain
data. Two snapshots taken before and after a change must be byte-identical
(``cmp``); ``--diff OTHER`` prints the first documents that differ.

Usage: python tools/snapshot.py --out /tmp/after.jsonl [--corpus /tmp/kg_bench] [--n 1000] [--n-en 300]
       [--articles ../shared/eval/dev/articles ../shared/seeds] [--diff /tmp/before.jsonl]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.model import Document  # noqa: E402


def documents(corpus: Path, n: int, n_en: int, articles: list[Path]) -> Iterator[Document]:
    for name, limit in (("corpus_ar.jsonl", n), ("corpus_en.jsonl", n_en)):
        p = corpus / name
        if not p.is_file() or not limit:
            continue
        with p.open(encoding="utf-8") as f:
            for k, line in enumerate(f):
                if k >= limit:
                    break
                r = json.loads(line)
                yield Document(id=r["id"], text=r["text"], lang=r.get("lang") or "ar", date=r.get("date"))
    from kg.eval.articles import read_article

    for folder in articles:
        for p in sorted(folder.glob("*.txt")):
            yield read_article(p)


def plain(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj):
        return {f.name: plain(getattr(obj, f.name)) for f in dataclasses.fields(obj) if f.name != "sentences"}
    if isinstance(obj, (list, tuple)):
        return [plain(x) for x in obj]
    if isinstance(obj, (set, frozenset)):
        return sorted(plain(x) for x in obj)
    if isinstance(obj, dict):
        return {str(k): plain(v) for k, v in obj.items()}
    return obj


def record(doc: Document) -> dict[str, Any]:
    from kg.pipeline import extract

    ex = extract(doc)
    toks = [[t.text, t.start, t.end, t.norm, t.ner] for s in doc.sentences for t in s.tokens]
    return {"id": doc.id, "sentences": [[s.start, s.end] for s in doc.sentences], "tokens": toks,
            "entities": plain(ex.entities), "events": plain(ex.events), "relations": plain(ex.relations)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "kg_bench")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--n-en", type=int, default=300)
    ap.add_argument("--articles", type=Path, nargs="*", default=[])
    ap.add_argument("--diff", type=Path, help="an earlier snapshot to compare with")
    a = ap.parse_args(argv)
    n = 0
    with a.out.open("w", encoding="utf-8") as f:
        for doc in documents(a.corpus, a.n, a.n_en, a.articles):
            f.write(json.dumps(record(doc), ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    print(f"{n} documents -> {a.out}")
    if a.diff:
        old = a.diff.read_text(encoding="utf-8").splitlines()
        new = a.out.read_text(encoding="utf-8").splitlines()
        bad = [json.loads(x)["id"] for x, y in zip(old, new) if x != y]
        if len(old) != len(new):
            print(f"document counts differ: {len(old)} vs {len(new)}")
        print(f"{len(bad)} documents differ" + (f": {', '.join(bad[:10])}" if bad else ""))
        return 1 if bad or len(old) != len(new) else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Lines a change adds that share a run of words with the dev or seed articles.

The rules, lexicons and tests must hold general language, never a phrase of
the articles we tune on. This prints every line that a change (``git diff
BASE``) adds under kg/, tests/, ontology/, queries/ and docs/ and that shares
a word n-gram (default 4 words) with the given articles, unless the n-gram was
already in BASE. Short stock phrases ("said in a statement") will show up:
judge them; copied clauses and names must go.

Usage: python tools/dev_overlap.py --articles ../shared/eval/dev/articles ../shared/seeds [--base main] [--n 4]
Exit status 1 when a line is printed.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

PATHS = ("kg", "tests", "ontology", "queries", "docs")
_WORD = re.compile(r"\w+")


def grams(text: str, n: int) -> set[str]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


def git(*args: str) -> str:
    return subprocess.run(["git", *args], capture_output=True, check=True).stdout.decode("utf-8", "replace")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", nargs="+", type=Path, required=True, help="article files or folders (*.txt)")
    ap.add_argument("--base", default="main", help="git revision the change is compared with")
    ap.add_argument("--n", type=int, default=4, help="words per n-gram")
    args = ap.parse_args()
    files = [f for p in args.articles for f in (sorted(p.glob("*.txt")) if p.is_dir() else [p])]
    if not files:
        print("no article files found", file=sys.stderr)
        return 2
    dev = set().union(*(grams(f.read_text(encoding="utf-8"), args.n) for f in files))
    known = grams(git("grep", "-h", "-I", "-e", ".", args.base, "--", *PATHS), args.n)
    found = 0
    for line in git("diff", args.base, "--", *PATHS).splitlines():
        if line.startswith("+") and not line.startswith("+++"):
            shared = (grams(line, args.n) & dev) - known
            if shared:
                found += 1
                print(f"{sorted(shared)[:3]} | {line[1:161]}")
    print(f"{found} line(s) share a {args.n}-word run with {len(files)} article(s)", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

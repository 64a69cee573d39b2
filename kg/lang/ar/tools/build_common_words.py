"""Build ``kg/lang/ar/data/common_words.tsv`` from ANERcorp (run once, output committed).

A word that ANERcorp's annotators left outside every entity many times, and
(almost) never tagged inside one, is a common word: it can end an Arabic
name found from a title or a cue word, but cannot be one. Words are stored
normalised and without proclitics, as the matcher sees them.

    python -m kg.lang.ar.tools.build_common_words ../shared/data/anercorp/ANERcorp.conll
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from kg.text.normalize import ar_stems, is_arabic, norm_ar

MIN_OUTSIDE = 3       # seen outside entities at least this often
MAX_INSIDE_SHARE = 0.05


def build(conll: Path) -> list[tuple[str, int]]:
    outside: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    with conll.open(encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t") if "\t" in line else line.split()
            if len(parts) < 2 or not is_arabic(parts[0]):
                continue
            word, tag = parts[0], parts[-1]
            key = min(ar_stems(norm_ar(word)), key=len)  # the bare stem, as namelike() checks it
            (outside if tag == "O" else inside)[key] += 1
    out = []
    for w, n in outside.items():
        if n >= MIN_OUTSIDE and inside[w] <= MAX_INSIDE_SHARE * (n + inside[w]) and len(w) >= 2:
            out.append((w, n))
    out.sort(key=lambda x: (-x[1], x[0]))
    return out


def main(argv: list[str]) -> int:
    conll = Path(argv[0]) if argv else Path("../shared/data/anercorp/ANERcorp.conll")
    dest = Path(__file__).resolve().parents[1] / "data" / "common_words.tsv"
    rows = build(conll)
    with dest.open("w", encoding="utf-8") as f:
        f.write("# word\tcount — normalised Arabic words that ANERcorp (Benajiba et al., 2007) tags outside\n")
        f.write("# entities at least 3 times and inside one at most 5% of the time; built by\n")
        f.write("# kg/lang/ar/tools/build_common_words.py. They end a name; they cannot be one.\n")
        for w, n in rows:
            f.write(f"{w}\t{n}\n")
    print(f"wrote {dest}: {len(rows)} words")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

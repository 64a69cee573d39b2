"""The compact gazetteer the NER features look up, and how it is derived from ANERGazet.

File format (``*.gaz.tsv``): ``entry<TAB>TYPE`` per line, ``#`` comments; entries
are normalised Arabic (kg.ner.arabic.normalize), TYPE is LOC, PERS or ORG.
Matching is on clitic-stripped stems, so ``والاردن`` matches the entry ``الاردن``.

Derive the list from the ANERGazet files (one word list per type; ``====`` and
``****`` lines separate sections):

    python -m kg.ner.gazetteer ../shared/data/anercorp kg/data/ner/ar_anercorp.gaz.tsv
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

from kg.errors import DataError, InputError, error
from kg.ner.arabic import normalize, strip_clitics

ANERGAZET_FILES: dict[str, str] = {
    "LOC": "ANERGazet-AlignedLocGazetteer.txt",
    "ORG": "ANERGazet-AlignedOrgGazetteer.txt",
    "PERS": "ANERGazet-AlignedPersGazetteer.txt",
}
MAX_WORDS = 6  # longest entry (in words) kept


def derive(anergazet_dir: str | Path) -> list[tuple[str, str]]:
    """Normalised, deduplicated (entry, type) pairs from the ANERGazet files in a folder."""
    d = Path(anergazet_dir)
    pairs: set[tuple[str, str]] = set()
    for typ, name in ANERGAZET_FILES.items():
        f = d / name
        if not f.is_file():
            raise error(InputError, "E106", path=f)
        for raw in f.read_text(encoding="utf-8").splitlines():
            line = " ".join(normalize(raw).split())
            if not line or set(line) <= {"=", "*"}:
                continue
            words = line.split()
            # One-letter or two-letter entries are noise; over-long entries are sentences.
            if len(words) > MAX_WORDS or (len(words) == 1 and len(line) < 3):
                continue
            pairs.add((line, typ))
    return sorted(pairs, key=lambda p: (p[1], p[0]))


def write(pairs: list[tuple[str, str]], path: str | Path, source: str) -> None:
    lines = [f"# NER gazetteer derived from {source} (normalised; entry<TAB>type)"]
    lines += [f"{e}\t{t}" for e, t in pairs]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def read(path: str | Path) -> list[tuple[str, str]]:
    p = Path(path)
    if not p.is_file():
        raise error(InputError, "E106", path=p)
    pairs = []
    for n, raw in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        if len(cols) != 2 or not cols[0].strip() or not cols[1].strip():
            raise error(DataError, "E600", path=p, line=n, detail="expected 'entry<TAB>type'")
        pairs.append((" ".join(normalize(cols[0]).split()), cols[1].strip()))
    return pairs


class Gazetteer:
    """Longest-match lookup of gazetteer entries over a sentence's stems.

    Entries sit in a trie of stems (``index``: first stem → node; a node is a
    dict from the next stem to its node, with the entry's type under the key
    None). Where two entries share their stems, the first one read wins.
    """

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.index: dict[str, dict] = {}
        for entry, typ in pairs:
            stems = [strip_clitics(normalize(w))[1] for w in entry.split()]
            node = self.index.setdefault(stems[0], {})
            for st in stems[1:]:
                node = node.setdefault(st, {})
            node.setdefault(None, typ)
        self.size = len(pairs)
        self.types: tuple[str, ...] = tuple(sorted({t for _, t in pairs}))

    def tags(self, stems: list[str]) -> list[str]:
        """A BIO gazetteer tag per position ('' when no entry covers it), longest match first."""
        n = len(stems)
        found = self.tags_at([i for i, s in enumerate(stems) if s in self.index],
                             lambda i: stems[i] if i < n else "")
        return [found.get(i, "") for i in range(n)]

    def tags_at(self, starts: list[int], stem_at: Callable[[int], str]) -> dict[int, str]:
        """``tags`` as {position: tag}, given the ascending positions whose stem starts an entry.

        For callers that know those positions already (kg.ner.crf keeps a
        flag per word) and need not build the sentence's list of stems.
        """
        out: dict[int, str] = {}
        index = self.index
        free = 0
        for i in starts:
            if i < free:
                continue
            node = index[stem_at(i)]
            typ, k = node.get(None), 1
            j = i + 1
            while len(node) > (None in node):  # the node has children: try to go on
                node = node.get(stem_at(j))  # type: ignore[assignment]
                if node is None:
                    break
                j += 1
                if None in node:
                    typ, k = node[None], j - i
            if typ is None:
                continue
            out[i] = "B-" + typ
            for j in range(i + 1, i + k):
                out[j] = "I-" + typ
            free = i + k
        return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m kg.ner.gazetteer ANERGAZET_DIR OUT.tsv", file=sys.stderr)
        return 2
    pairs = derive(argv[0])
    write(pairs, argv[1], "ANERGazet (Benajiba, Rosso and Benedí, 2007)")
    print(f"{len(pairs)} entries -> {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

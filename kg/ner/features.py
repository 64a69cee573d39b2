"""Token features for the Arabic CRF.

Per word (cached, they depend on the word alone): normalised word, proclitics
and clitic-stripped stem, stem prefixes and suffixes, shape, length.
Per position: the gazetteer tag, the words and stems at ±1 and ±2, word bigrams
and the neighbours' gazetteer tags. Features are plain strings, which is what
python-crfsuite reads fastest.

>>> from kg.ner.gazetteer import Gazetteer
>>> f = Featurizer(Gazetteer([("الاردن", "LOC")]))
>>> feats = f.sentence(["وصل", "إلى", "والأردن"])
>>> "s=اردن" in feats[2], "p=وال" in feats[2], "g=B-LOC" in feats[2], "w-1=الي" in feats[2]
(True, True, True, True)
"""

from __future__ import annotations

from kg.ner.arabic import normalize, shape, strip_clitics
from kg.ner.gazetteer import Gazetteer

FEATURE_VERSION = 1  # bump when features change: models record it
_CACHE_MAX = 100_000  # words; training reuses features, so it caches them


class Featurizer:
    def __init__(self, gazetteer: Gazetteer, cache_max: int = _CACHE_MAX) -> None:
        self.gaz = gazetteer
        self.cache_max = cache_max  # 0: no cache (kg.ner.crf caches per word itself)
        self._cache: dict[str, tuple[str, str, list[str]]] = {}

    def word(self, token: str) -> tuple[str, str, list[str]]:
        """(normalised word, stem, local features) of one token, cached."""
        hit = self._cache.get(token)
        if hit is not None:
            return hit
        w = normalize(token)
        pre, stem = strip_clitics(w)
        sh = shape(w)
        feats = ["b", "w=" + w, "s=" + stem, "p=" + pre, "sh=" + sh, "len=" + str(min(len(stem), 8))]
        if sh == "ar":
            feats += ["s2=" + stem[:2], "s3=" + stem[:3],
                      "e1=" + stem[-1:], "e2=" + stem[-2:], "e3=" + stem[-3:]]
        out = (w, stem, feats)
        if self.cache_max:
            if len(self._cache) >= self.cache_max:
                self._cache.clear()
            self._cache[token] = out
        return out

    def roles(self, token: str) -> tuple[str, str, dict[int, list[str]]]:
        """The features a word contributes at each offset from itself.

        Offset 0: its own features; offset +1: what the next position sees
        (``w-1=``, ``s-1=``); +2: ``w-2=``; -1 and -2 likewise. ``sentence``
        is the sum of these plus bigrams, gazetteer tags and boundaries;
        kg.ner.crf relies on that decomposition to cache scores per word.
        """
        w, stem, local = self.word(token)
        return w, stem, {0: local, 1: ["w-1=" + w, "s-1=" + stem], 2: ["w-2=" + w],
                         -1: ["w+1=" + w, "s+1=" + stem], -2: ["w+2=" + w]}

    def sentence(self, tokens: list[str]) -> list[list[str]]:
        """One feature list per token."""
        infos = [self.word(t) for t in tokens]
        words = [i[0] for i in infos]
        stems = [i[1] for i in infos]
        gaz = self.gaz.tags(stems)
        n = len(tokens)
        out: list[list[str]] = []
        for i in range(n):
            f = list(infos[i][2])
            if gaz[i]:
                f.append("g=" + gaz[i])
            if i > 0:
                f += ["w-1=" + words[i - 1], "s-1=" + stems[i - 1], "bw-1=" + words[i - 1] + "|" + words[i]]
                if gaz[i - 1]:
                    f.append("g-1=" + gaz[i - 1])
                if i > 1:
                    f += ["w-2=" + words[i - 2]]
                else:
                    f.append("bos2")
            else:
                f.append("bos")
            if i < n - 1:
                f += ["w+1=" + words[i + 1], "s+1=" + stems[i + 1], "bw+1=" + words[i] + "|" + words[i + 1]]
                if gaz[i + 1]:
                    f.append("g+1=" + gaz[i + 1])
                if i < n - 2:
                    f += ["w+2=" + words[i + 2]]
                else:
                    f.append("eos2")
            else:
                f.append("eos")
            out.append(f)
        return out

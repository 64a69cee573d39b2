"""Fast linear-chain CRF inference in numpy, batched over a document's sentences.

python-crfsuite trains the model; at run time, building its string feature
items for every token of every sentence costs more than the tagging itself.
Here the weights are exported once into a matrix (``NAME.weights.npz``), the
score vector a word contributes at each offset from itself is computed once
per distinct word and cached, and forward-backward (and Viterbi, on request)
run over a batch of sentences at once, one numpy step per position. Paths and
marginals equal crfsuite's (tests compare them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from kg._native import load as load_native
from kg.ner.features import Featurizer

# Distinct words whose scores are cached (2**16 rows of 5×K floats: 24 MB);
# the cache starts again when full, so memory stays flat on endless streams.
_CACHE_MAX = 1 << 16
_OFFSETS = (0, 1, 2, -1, -2)
_BW_BASE = 1 << 24  # bigram key = id(a) * _BW_BASE + id(b); ids stay far below


class CRF:
    """Weights of a trained CRF: labels, transitions (K×K) and state features (attr → K)."""

    def __init__(self, labels: list[str], transitions: np.ndarray, attrs: list[str], state: np.ndarray) -> None:
        self.labels = labels
        self.K = len(labels)
        self.trans = transitions
        self.exp_trans = np.ascontiguousarray(np.exp(transitions))
        self.native = True  # use kg._native.crf when built (False: numpy only, for comparisons)
        self._blockdiag = np.zeros((2 * self.K, 2 * self.K))
        self._blockdiag[: self.K, : self.K] = self.exp_trans
        self._blockdiag[self.K:, self.K:] = self.exp_trans.T
        self.attr_index = {a: i for i, a in enumerate(attrs)}
        self.attrs = attrs
        # One extra zero row so that unknown features index a null vector.
        self.state = np.vstack([state, np.zeros((1, self.K))])
        self._zero = len(attrs)
        self._reset_rows()
        self._bigrams()
        self._known: tuple[Featurizer, frozenset[str]] | None = None  # see _neighbour_values
        self._const = {f: self.vector([f]) for f in ("bos", "bos2", "eos", "eos2")}
        self._const4 = np.stack([self._const[f] for f in ("bos", "eos", "bos2", "eos2")])  # kg._native.crf order
        # Gazetteer tags: id per tag, and per id its vectors at offsets 0, -1 (g+1=), +1 (g-1=).
        self._gaz_id: dict[str, int] = {"": 0}
        self._gaz_table = np.zeros((1, 3, self.K))
        self._gaz_pair_ids: tuple[Featurizer, dict[str, tuple[int, int]]] | None = None  # see _gaz_pairs

    # --- construction -------------------------------------------------
    @classmethod
    def from_crfsuite(cls, path: str | Path) -> "CRF":
        """Export the weights of a crfsuite model (slow: parses the model dump)."""
        import pycrfsuite

        t = pycrfsuite.Tagger()
        t.open(str(path))
        info = t.info()
        labels = t.labels()
        li = {l: i for i, l in enumerate(labels)}
        trans = np.zeros((len(labels), len(labels)))
        for (a, b), w in info.transitions.items():
            trans[li[a], li[b]] = w
        attrs = sorted({a for a, _ in info.state_features})
        ai = {a: i for i, a in enumerate(attrs)}
        state = np.zeros((len(attrs), len(labels)))
        for (a, l), w in info.state_features.items():
            state[ai[a], li[l]] = w
        return cls(labels, trans, attrs, state)

    def save(self, path: str | Path) -> None:
        with open(path, "wb") as fh:
            np.savez_compressed(fh, labels=np.array(self.labels), trans=self.trans,
                                attrs=np.array("\n".join(self.attrs)), state=self.state[:-1].astype(np.float32))

    @classmethod
    def load(cls, path: str | Path) -> "CRF":
        z = np.load(str(path), allow_pickle=False)
        attrs = str(z["attrs"]).split("\n") if str(z["attrs"]) else []
        return cls([str(x) for x in z["labels"]], z["trans"], attrs, z["state"].astype(np.float64))

    # --- scoring ------------------------------------------------------
    def vector(self, feats: list[str]) -> np.ndarray:
        idx = [self.attr_index.get(f, self._zero) for f in feats]
        return self.state[idx].sum(axis=0)

    def _rows_of(self, feat: Featurizer, tokens: list[str]) -> np.ndarray:
        """Row in the role table of each token; new words are added in one go.

        Row r of ``self._table`` (5, K) holds a word's score contribution at
        offsets 0, +1, +2, -1, -2; row 0 is the empty padding word. Per row
        there are also the word's bigram id (``self._bw``, 0 if it is in no
        known bigram), its stem (``self._stem``) and whether that stem starts
        a gazetteer entry (``self._gz``; ``self._gz_node``: the trie node itself, for
        the C path), so a sentence is scored from an
        array of row numbers with no further per-token Python.
        """
        get = self._rows.get
        found = [get(t) for t in tokens]
        if None in found:
            self._add_rows(feat, tokens)
            get = self._rows.get
            found = [get(t) for t in tokens]
        return np.array(found, dtype=np.intp)

    def _add_rows(self, feat: Featurizer, tokens: list[str]) -> None:
        rows = self._rows
        new = [t for t in dict.fromkeys(tokens) if t not in rows]
        if self._used + len(new) > _CACHE_MAX:
            self._reset_rows()       # bounded memory on endless streams
            rows = self._rows
            new = list(dict.fromkeys(tokens))
        need = self._used + len(new)
        if need > len(self._table):
            size = max(need, min(2 * len(self._table), _CACHE_MAX + 1))
            grow = np.zeros((size, len(_OFFSETS), self.K))
            grow[: self._used] = self._table[: self._used]
            self._table = grow
            bw = np.zeros(size, dtype=np.int64)
            bw[: self._used] = self._bw[: self._used]
            self._bw = bw
            gz = np.zeros(size, dtype=bool)
            gz[: self._used] = self._gz[: self._used]
            self._gz = gz
        idx: list[int] = []
        starts: list[int] = []
        get, zero = self.attr_index.get, self._zero
        bw_ids = self._bw_ids
        first_stems = feat.gaz.index
        known = self._neighbour_values(feat)
        bws: list[int] = []
        gzs: list[bool] = []
        firsts = self._gz_node
        stems = self._stem
        r = self._used
        for t in new:
            w, stem, roles = feat.roles(t)
            if w in known or stem in known:
                for o in _OFFSETS:
                    starts.append(len(idx))
                    idx.extend([get(f, zero) for f in roles[o]])
            else:  # an unknown word: of its features only its own (offset 0) can be in the model
                starts.append(len(idx))
                idx.extend([get(f, zero) for f in roles[0]])
                for _ in _OFFSETS[1:]:
                    starts.append(len(idx))
                    idx.append(zero)
            rows[t] = r
            bws.append(bw_ids.get(w, 0))
            gzs.append(stem in first_stems)
            firsts.append(first_stems.get(stem))
            stems.append(stem)
            r += 1
        sums = np.add.reduceat(self.state[idx], starts, axis=0)
        self._table[self._used:r] = sums.reshape(len(new), len(_OFFSETS), self.K)
        self._bw[self._used:r] = bws
        self._gz[self._used:r] = gzs
        self._used = r

    def _neighbour_values(self, feat: Featurizer) -> frozenset[str]:
        """Words and stems that occur in the model in a feature a word gives its neighbours (w-1=, s+1= ...).

        The prefixes are read off ``feat.roles`` itself; a word whose form and
        stem are not in this set adds nothing at offsets other than 0.
        """
        if self._known is None or self._known[0] is not feat:
            _, _, roles = feat.roles("x")
            prefixes = {f.split("=", 1)[0] for o in _OFFSETS[1:] for f in roles[o]}
            values = frozenset(a.split("=", 1)[1] for a in self.attrs if a.split("=", 1)[0] in prefixes)
            self._known = (feat, values)
        return self._known[1]

    def _reset_rows(self) -> None:
        self._rows: dict[str, int] = {}
        self._ids: Any = None  # tag_doc's identity cache of self._rows: made anew with them
        self._table = np.zeros((1024, len(_OFFSETS), self.K))
        self._bw = np.zeros(1024, dtype=np.int64)
        self._gz = np.zeros(1024, dtype=bool)
        self._stem: list[str] = [""]  # row 0: padding
        self._gz_node: list[dict | None] = [None]  # the gazetteer trie's node of the row's stem, if it starts an entry
        self._used = 1

    def _bigrams(self) -> None:
        """Index the word bigrams the model knows.

        Each word that occurs in a bigram feature gets an id (``self._bw_ids``,
        from 1); a bigram is the key ``id(a) * _BW_BASE + id(b)``, kept sorted in
        ``self._pair_keys`` with its row in ``self._pair_table``, which holds
        the bigram's vectors at the first word's position and at the second's
        (row 0: none).
        """
        ids: dict[tuple[str, str], int] = {}
        vecs: list[np.ndarray] = [np.zeros((2, self.K))]
        for attr, i in self.attr_index.items():
            if attr.startswith(("bw+1=", "bw-1=")) and "|" in attr[5:]:
                a, b = attr[5:].split("|", 1)
                if (a, b) not in ids:
                    ids[(a, b)] = len(vecs)
                    vecs.append(np.zeros((2, self.K)))
                vecs[ids[(a, b)]][0 if attr[2] == "+" else 1] = self.state[i]
        self._pair_table = np.stack(vecs)
        self._bw_ids: dict[str, int] = {}
        for a, b in ids:
            for w in (a, b):
                if w not in self._bw_ids:
                    self._bw_ids[w] = len(self._bw_ids) + 1
        keys = np.array([self._bw_ids[a] * _BW_BASE + self._bw_ids[b] for a, b in ids], dtype=np.int64)
        rows = np.array(list(ids.values()), dtype=np.intp)
        order = np.argsort(keys)
        self._pair_keys = np.append(keys[order], np.iinfo(np.int64).max)  # sentinel: searchsorted stays in range
        self._pair_rows = np.append(rows[order], 0).astype(np.int64)

    def _pair_ids(self, bw: np.ndarray) -> np.ndarray:
        """Row in ``self._pair_table`` of the bigram (i, i+1) at each position (0: unknown or last)."""
        key = bw[:-1] * _BW_BASE + bw[1:]
        pos = np.searchsorted(self._pair_keys, key)
        hit = (self._pair_keys[pos] == key) & (bw[:-1] > 0) & (bw[1:] > 0)
        out = np.zeros(len(bw), dtype=np.intp)
        out[:-1] = np.where(hit, self._pair_rows[pos], 0)
        return out

    def _gaz_ids(self, tags: list[str]) -> list[int]:
        ids = self._gaz_id
        for g in set(tags) - ids.keys():
            ids[g] = len(ids)
            row = np.stack([self.vector(["g=" + g]), self.vector(["g+1=" + g]), self.vector(["g-1=" + g])])
            self._gaz_table = np.concatenate([self._gaz_table, row[None]])
        return [ids[g] for g in tags]

    def _gaz_column(self, feat: Featurizer, seq: np.ndarray, native: Any = None) -> np.ndarray:
        """Gazetteer tag id per position, looked up only where a stem starts an entry (in C with ``native``)."""
        gid = np.zeros(len(seq), dtype=np.intp)
        if native is not None:
            tags = native.gaz_tags(seq, self._gz, self._stem, feat.gaz.index)
        else:
            cand = np.flatnonzero(self._gz[seq])
            if not len(cand):
                return gid
            stem = self._stem
            tags = feat.gaz.tags_at(cand.tolist(), lambda i: stem[seq[i]] if i < len(seq) else "")
        if tags:
            pos = list(tags)
            gid[pos] = self._gaz_ids(list(tags.values()))  # may grow the table: index after
        return gid

    def emissions(self, feat: Featurizer, sentences: list[list[str]]) -> tuple[np.ndarray, list[int]]:
        """(B, L, K) state scores of non-empty sentences, zero-padded, and their lengths.

        Equal to summing the weights of ``feat.sentence`` features, but computed
        for the whole batch at once: sentences are laid end to end with two
        padding words between them, so neighbour features never cross over.
        """
        E, gather, lens = self._flat_emissions(feat, sentences)
        return E[gather], lens

    def tag_batch(self, feat: Featurizer, sentences: list[list[str]]
                  ) -> tuple[np.ndarray, np.ndarray, list[int]]:
        """(B, L) most probable label per position, its marginal probability, and the lengths.

        Posterior decoding of non-empty sentences (see ``decode``) in numpy:
        exponentials are taken on the sentences laid end to end, before
        padding to the batch's longest sentence. (The C path is ``tag_doc``.)
        """
        E, gather, lens = self._flat_emissions(feat, sentences)
        best, conf = self._posterior(E, gather, lens)
        return best, conf, lens

    def tag_doc(self, feat: Featurizer, sentences: list[list[str]], outside: int, cut: float
                ) -> tuple[list[list[str]], list[tuple[int, int, int, str, float]]] | None:
        """A document's sentences tagged in one C call (kg._native.crf.tag_doc); None when it is not in use.

        (labels of each sentence's tokens, (sentence, start, end, type, score)
        of each span scoring at least ``cut``): what ``tag_batch`` and
        kg.ner.tagger.NerTagger._collect_arrays give. ``outside``: the index of "O".
        """
        native = load_native("crf") if self.native else None
        if native is None:
            return None
        gaz_ids = self._gaz_pairs(feat)
        for _ in range(2):
            model = (self._bw, self._pair_keys, self._pair_rows, self._gz_node, self._stem, feat.gaz.index, gaz_ids,
                     self._table, self._pair_table, self._gaz_table, self._const4, self.exp_trans)
            if self._ids is None:
                self._ids = native.IdMap()  # by identity, in front of self._rows (see kg/_native/crf.c)
            got = native.tag_doc(self._rows, self._ids, sentences, model, self.labels, outside, cut)
            if got is not None:
                return got
            self._add_rows(feat, [t for toks in sentences for t in toks])  # new words: then every word has a row
        raise RuntimeError("tag_doc: words still without a row after adding them")

    def _gaz_pairs(self, feat: Featurizer) -> dict[str, tuple[int, int]]:
        """{type: (gazetteer tag id of "B-type", of "I-type")} for every type of the featurizer's gazetteer."""
        if self._gaz_pair_ids is None or self._gaz_pair_ids[0] is not feat:
            types = feat.gaz.types
            ids = self._gaz_ids([p + t for t in types for p in ("B-", "I-")])
            self._gaz_pair_ids = (feat, {t: (ids[2 * i], ids[2 * i + 1]) for i, t in enumerate(types)})
        return self._gaz_pair_ids[1]

    def _layout(self, feat: Featurizer, sentences: list[list[str]]
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[int], np.ndarray, np.ndarray]:
        """Sentences laid end to end, two padding words before each and at the end (int64 arrays).

        (row of each position's word in the role table, first position and
        length of each sentence, lengths as a list, bigram row of each
        position, gazetteer tag id of each position).
        """
        lens = [len(t) for t in sentences]
        # sentence b's tokens go to first[b] .. first[b] + lens[b] - 1; row 0 pads
        n = np.array(lens, dtype=np.int64)
        first = 2 + np.concatenate([[0], np.cumsum(n + 2)[:-1]]).astype(np.int64)
        seq = np.zeros(int(n.sum()) + 2 * len(lens) + 2, dtype=np.int64)
        native = load_native("crf") if self.native else None
        if native is not None:
            if native.seq_rows(self._rows, sentences, seq):  # new words: add their rows, lay out again
                self._add_rows(feat, [t for toks in sentences for t in toks])
                native.seq_rows(self._rows, sentences, seq)
        else:
            rows = self._rows_of(feat, [t for toks in sentences for t in toks])
            seq[np.repeat(first - np.concatenate([[0], np.cumsum(n)[:-1]]), n) + np.arange(len(rows))] = rows
        if native is not None:
            pidx = np.empty(len(seq), dtype=np.int64)
            native.pair_ids(seq, self._bw, self._pair_keys, self._pair_rows, pidx)
        else:
            pidx = self._pair_ids(self._bw[seq]).astype(np.int64, copy=False)
        # Padding stems are empty and match no gazetteer entry.
        gid = self._gaz_column(feat, seq, native).astype(np.int64, copy=False)  # may grow the table: index after
        return seq, first, n, lens, pidx, gid

    @staticmethod
    def _gather(first: np.ndarray, n: np.ndarray, lens: list[int]) -> np.ndarray:
        """(B, L) flat position of each sentence's tokens, left-aligned; past a sentence's end, 0 (padding)."""
        pos = np.arange(max(lens))[None, :]
        return np.where(pos < n[:, None], first[:, None] + pos, 0)

    def _flat_emissions(self, feat: Featurizer, sentences: list[list[str]]
                        ) -> tuple[np.ndarray, np.ndarray, list[int]]:
        """(N, K) scores of the sentences laid end to end, and the (B, L) index of each sentence's positions."""
        seq, first, n, lens, pidx, gid = self._layout(feat, sentences)
        R = self._table[seq]                         # (N, 5, K)
        E = R[:, 0].copy()
        E[1:] += R[:-1, 1]                           # previous word seen from here
        E[2:] += R[:-2, 2]
        E[:-1] += R[1:, 3]                           # next word
        E[:-2] += R[2:, 4]
        last = first + n - 1
        E[first] += self._const["bos"]
        E[last] += self._const["eos"]
        multi = n > 1
        E[first[multi] + 1] += self._const["bos2"]
        E[last[multi] - 1] += self._const["eos2"]
        PT = self._pair_table[pidx]                  # (N, 2, K): bigram (i, i+1)
        E += PT[:, 0]
        E[1:] += PT[:-1, 1]
        G = self._gaz_table[gid]                     # (N, 3, K); row 0 (no tag) is zero
        E += G[:, 0]
        E[:-1] += G[1:, 1]                           # the next word is in the gazetteer
        E[1:] += G[:-1, 2]                           # the previous word is
        E[0] = 0.0
        return E, self._gather(first, n, lens), lens

    # --- inference ----------------------------------------------------
    def decode(self, E: np.ndarray, lens: list[int], viterbi: bool = False
               ) -> list[tuple[list[int], list[float]]]:
        """Label paths of a batch of sentences, with each chosen label's marginal probability.

        By default each token takes its most probable label (posterior
        decoding): forward-backward is needed for the confidence scores anyway,
        and on ANERcorp's held-out sentences it scores the same as Viterbi
        (entity F1 0.776 vs 0.777) at a fraction of the cost, since a numpy
        max-plus step costs several times a matrix-vector step at K=9.
        ``viterbi=True`` gives crfsuite's exact Viterbi paths.
        """
        B, L, K = E.shape
        if not viterbi:
            best, conf = self.posterior(E, lens)
            best_l, conf_l = best.tolist(), conf.tolist()
            return [(best_l[b][: lens[b]], conf_l[b][: lens[b]]) for b in range(B)]
        P = self._marginals(E, lens)
        # Viterbi, left-aligned: keep every step's scores, read each sentence's at its own end.
        # s[b, y, y'] = delta[b, y'] + trans[y', y]; argmax over the last axis is
        # several times cheaper than max over a middle one, so max is a gather.
        D = np.empty((B, L, K))
        back = np.empty((B, L, K), dtype=np.int64)
        delta = D[:, 0] = E[:, 0]
        TT = self.trans.T[None]
        flat_rows = np.arange(B * K)
        for t in range(1, L):
            s = delta[:, None, :] + TT                # (B, K, K_prev)
            bp = s.argmax(axis=2)
            back[:, t] = bp
            delta = D[:, t] = s.reshape(B * K, K)[flat_rows, bp.ravel()].reshape(B, K) + E[:, t]
        ends = D[np.arange(B), np.array(lens) - 1].argmax(axis=1).tolist()
        paths = []
        for b in range(B):
            n = lens[b]
            cur = ends[b]
            bk = back[b, :n].tolist()
            path = [cur] * n
            for t in range(n - 1, 0, -1):
                cur = bk[t][cur]
                path[t - 1] = cur
            paths.append(path)
        out = []
        for b, path in enumerate(paths):
            out.append((path, P[b, np.arange(len(path)), path].tolist()))
        return out

    def posterior(self, E: np.ndarray, lens: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """(B, L) most probable label of each position and its marginal probability (posterior decoding)."""
        P = self._marginals(E, lens)
        best = P.argmax(axis=2)
        return best, np.take_along_axis(P, best[:, :, None], axis=2)[:, :, 0]

    def _posterior(self, E: np.ndarray, gather: np.ndarray, lens: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """``posterior`` from flat (N, K) scores and the (B, L) gather index of ``_flat_emissions``."""
        B, L = gather.shape
        K = self.K
        # exp(E - row max): the max by columns (a reduction over a short inner axis is slow in numpy)
        m = E[:, 0].copy()
        for k in range(1, K):
            np.maximum(m, E[:, k], out=m)
        Xf = np.empty((len(E) + 1, K))
        np.exp(E - m[:, None], out=Xf[:-1])
        Xf[-1] = 1.0                                       # the ones row right-aligned padding reads
        n = np.array(lens)[:, None]
        pos = np.arange(L)[None, :]
        start = gather[:, :1]
        X = Xf[gather]                                     # (B, L, K) left-aligned; padded rows unused
        Xr = Xf[np.where(pos >= L - n, start + pos - (L - n), len(E))]  # right-aligned, ones before
        H = self._sweep(X, Xr)
        ar = np.arange(B)[:, None]
        alpha = H[:, :, :K].transpose(1, 0, 2) * X               # (B, L, K) left-aligned
        beta = H[::-1, :, K:].transpose(1, 0, 2)[ar, np.clip(pos + (L - n), 0, L - 1)]
        U = alpha * beta                                    # marginals up to a constant per position
        best = U.argmax(axis=2)
        conf = np.take_along_axis(U, best[:, :, None], axis=2)[:, :, 0] / (U @ np.ones(K))
        return best, conf

    def _sweep(self, X: np.ndarray, Xr: np.ndarray) -> np.ndarray:
        """(L, B, 2K) forward messages (left-aligned X) beside backward ones (right-aligned Xr), one loop.

        Row layout [forward K | backward K]; one block-diagonal matrix serves both.
        """
        B, L, K = X.shape
        W = np.empty((L, B, 2 * K))
        W[1:, :, :K] = X.transpose(1, 0, 2)[:-1]          # forward step u uses X[u-1]
        W[1:, :, K:] = Xr.transpose(1, 0, 2)[:0:-1]       # backward step u uses Xr[L-u]
        H = np.empty((L, B, 2 * K))
        H[0] = 1.0
        tmp = np.empty((B, 2 * K))
        M2 = self._blockdiag
        for u in range(1, L):
            np.multiply(H[u - 1], W[u], out=tmp)
            np.dot(tmp, M2, out=H[u])
            if u % 8 == 0:
                h = H[u].reshape(B, 2, K)
                h /= h.sum(axis=2, keepdims=True)
        return H

    def _marginals(self, E: np.ndarray, lens: list[int]) -> np.ndarray:
        """(B, L, K) forward-backward marginals, both directions in one loop.

        Forward runs on the left-aligned batch, backward on a right-aligned
        copy (so every sentence ends at L-1); both recursions have the form
        z = (z * x) @ M, so one matrix product per step serves the two.
        Probabilities are rescaled every few steps (constants per row cancel).
        """
        B, L, K = E.shape
        X = np.exp(E - E.max(axis=2, keepdims=True))      # (B, L, K); padded rows unused
        ar = np.arange(B)[:, None]
        n = np.array(lens)[:, None]
        pos = np.arange(L)[None, :]
        to_right = np.clip(pos - (L - n), 0, L - 1)        # right-aligned slot t reads left slot t-(L-n)
        Xr = np.where((pos >= L - n)[:, :, None], X[ar, to_right], 1.0)
        H = self._sweep(X, Xr)
        alpha = H[:, :, :K].transpose(1, 0, 2) * X             # (B, L, K) left-aligned
        beta_r = H[::-1, :, K:].transpose(1, 0, 2)             # (B, L, K) right-aligned
        beta = beta_r[ar, np.clip(pos + (L - n), 0, L - 1)]   # back to left-aligned
        P = alpha * beta
        P /= P.sum(axis=2, keepdims=True)
        return P

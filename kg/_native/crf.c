/* Linear-chain CRF scoring and posterior decoding over sentences laid end to end.
 *
 * The C twin of kg.ner.crf.CRF._flat_emissions and _posterior: each position's
 * label scores are summed from per-word tables, then for each sentence the
 * scaled forward and backward messages give every position's marginal label
 * probabilities; the most probable label and its probability are written out.
 * Buffers come from numpy arrays (buffer protocol), so no numpy headers are needed.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

static int get_buf(PyObject *o, Py_buffer *b, int writable, Py_ssize_t itemsize, const char *what) {
    if (PyObject_GetBuffer(o, b, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0)) < 0)
        return -1;
    if (b->itemsize != itemsize) {
        PyErr_Format(PyExc_TypeError, "%s: expected items of %zd bytes, got %zd", what, itemsize, b->itemsize);
        PyBuffer_Release(b);
        return -1;
    }
    return 0;
}

/* Decode one sentence of n rows: E (n, K) scores, T exp(transitions) and TT its transpose;
 * writes best/conf (n). alpha, beta, X: scratch of n * K doubles each. */
static void decode_sentence(const double *E, Py_ssize_t n, Py_ssize_t K, const double *T, const double *TT,
                            long long *best, double *conf, double *alpha, double *beta, double *X) {
    /* X[t] = exp(E[t] - max E[t]): a row constant cancels in the marginals */
    for (Py_ssize_t t = 0; t < n; t++) {
        const double *e = E + t * K;
        double m = e[0];
        for (Py_ssize_t k = 1; k < K; k++) if (e[k] > m) m = e[k];
        for (Py_ssize_t k = 0; k < K; k++) X[t * K + k] = exp(e[k] - m);
    }
    /* forward: alpha[0] = X[0]; alpha[t] = X[t] * (alpha[t-1] @ T), normalised to sum 1 */
    double z = 0;
    for (Py_ssize_t k = 0; k < K; k++) { alpha[k] = X[k]; z += X[k]; }
    z = 1.0 / z;
    for (Py_ssize_t k = 0; k < K; k++) alpha[k] *= z;
    /* The matrix-vector products run with i outside and j inside: each a[j] (bt[i] below) still
     * sums its terms in the same order, so the results are bit-identical, but the K sums advance
     * side by side instead of one long chain of dependent additions each. */
    for (Py_ssize_t t = 1; t < n; t++) {
        const double *restrict ap = alpha + (t - 1) * K;
        double *restrict a = alpha + t * K;
        for (Py_ssize_t j = 0; j < K; j++) a[j] = 0;
        for (Py_ssize_t i = 0; i < K; i++) {
            const double x = ap[i], *restrict Ti = T + i * K;
            for (Py_ssize_t j = 0; j < K; j++) a[j] += x * Ti[j];
        }
        z = 0;
        for (Py_ssize_t j = 0; j < K; j++) {
            a[j] *= X[t * K + j];
            z += a[j];
        }
        z = 1.0 / z;
        for (Py_ssize_t j = 0; j < K; j++) a[j] *= z;
    }
    /* backward: beta[n-1] = 1; beta[t] = T @ (X[t+1] * beta[t+1]), normalised */
    for (Py_ssize_t k = 0; k < K; k++) beta[(n - 1) * K + k] = 1.0;
    for (Py_ssize_t t = n - 2; t >= 0; t--) {
        const double *restrict bn = beta + (t + 1) * K;
        double *restrict w = X + (t + 1) * K;  /* X is not read after the forward pass: reuse its row */
        double *restrict bt = beta + t * K;
        for (Py_ssize_t j = 0; j < K; j++) w[j] *= bn[j];
        for (Py_ssize_t i = 0; i < K; i++) bt[i] = 0;
        for (Py_ssize_t j = 0; j < K; j++) {
            const double wj = w[j], *restrict Tj = TT + j * K;  /* column j of T */
            for (Py_ssize_t i = 0; i < K; i++) bt[i] += Tj[i] * wj;
        }
        z = 0;
        for (Py_ssize_t i = 0; i < K; i++) z += bt[i];
        z = 1.0 / z;
        for (Py_ssize_t i = 0; i < K; i++) bt[i] *= z;
    }
    /* marginals up to a constant per position: alpha * beta */
    for (Py_ssize_t t = 0; t < n; t++) {
        const double *a = alpha + t * K, *bb = beta + t * K;
        double sum = 0, top = -1;
        long long arg = 0;
        for (Py_ssize_t k = 0; k < K; k++) {
            double u = a[k] * bb[k];
            sum += u;
            if (u > top) { top = u; arg = k; }
        }
        best[t] = arg;
        conf[t] = sum > 0 ? top / sum : 0.0;
    }
}

#define PREFETCH_AHEAD 8  /* positions */
#define SCRATCH(maxlen, K) (4 * ((maxlen) + 1) * (K) + (K) * (K))

/* The model's tables (see tag_rows) and K, the number of labels. */
typedef struct {
    const double *tab, *ptab, *gtab, *cst, *T;
    Py_ssize_t K;
} Model;

/* Score every sentence (first position S[s], length Ls[s]) from the word, bigram and gazetteer
 * rows of each position, adding the terms in the order of kg.ner.crf.CRF._flat_emissions, and
 * decode it. scratch: 4 * (maxlen + 1) * K + K * K doubles (SCRATCH). */
static void score_decode(const Model *m, const long long *seq, const long long *pidx, const long long *gid,
                         Py_ssize_t N, const long long *S, const long long *Ls, Py_ssize_t B, Py_ssize_t maxlen,
                         long long *best, double *conf, double *scratch) {
    const Py_ssize_t K = m->K;
    const double *tab = m->tab, *ptab = m->ptab, *gtab = m->gtab, *cst = m->cst, *T = m->T;
    double *E = scratch, *alpha = scratch + (maxlen + 1) * K, *beta = alpha + (maxlen + 1) * K,
           *X = beta + (maxlen + 1) * K, *TT = X + (maxlen + 1) * K;
    for (Py_ssize_t i = 0; i < K; i++)
        for (Py_ssize_t j = 0; j < K; j++) TT[j * K + i] = T[i * K + j];
    const double *bos = cst, *eos = cst + K, *bos2 = cst + 2 * K, *eos2 = cst + 3 * K;
    const Py_ssize_t row_bytes = 5 * K * (Py_ssize_t)sizeof(double);
    for (Py_ssize_t s = 0; s < B; s++) {
        Py_ssize_t n = (Py_ssize_t)Ls[s], s0 = (Py_ssize_t)S[s];
        if (n == 0) continue;
        for (Py_ssize_t t = 0; t < n; t++) {
            Py_ssize_t p = s0 + t;
            /* The word rows are scattered over a large table: ask for the row read a few positions
             * on now, so that its cache misses overlap this position's work (no change to the sums). */
            if (p + PREFETCH_AHEAD < N) {
                const char *r = (const char *)(tab + seq[p + PREFETCH_AHEAD] * 5 * K);
                for (Py_ssize_t off = 0; off < row_bytes; off += 64) __builtin_prefetch(r + off);
            }
            double *e = E + t * K;
            const double *w = tab + seq[p] * 5 * K;
            for (Py_ssize_t k = 0; k < K; k++) e[k] = w[k];
            if (p >= 1) { w = tab + seq[p - 1] * 5 * K + 1 * K; for (Py_ssize_t k = 0; k < K; k++) e[k] += w[k]; }
            if (p >= 2) { w = tab + seq[p - 2] * 5 * K + 2 * K; for (Py_ssize_t k = 0; k < K; k++) e[k] += w[k]; }
            if (p + 1 < N) { w = tab + seq[p + 1] * 5 * K + 3 * K; for (Py_ssize_t k = 0; k < K; k++) e[k] += w[k]; }
            if (p + 2 < N) { w = tab + seq[p + 2] * 5 * K + 4 * K; for (Py_ssize_t k = 0; k < K; k++) e[k] += w[k]; }
            if (t == 0) for (Py_ssize_t k = 0; k < K; k++) e[k] += bos[k];
            if (t == n - 1) for (Py_ssize_t k = 0; k < K; k++) e[k] += eos[k];
            if (n > 1 && t == 1) for (Py_ssize_t k = 0; k < K; k++) e[k] += bos2[k];
            if (n > 1 && t == n - 2) for (Py_ssize_t k = 0; k < K; k++) e[k] += eos2[k];
            w = ptab + pidx[p] * 2 * K;
            for (Py_ssize_t k = 0; k < K; k++) e[k] += w[k];
            if (p >= 1) { w = ptab + pidx[p - 1] * 2 * K + K; for (Py_ssize_t k = 0; k < K; k++) e[k] += w[k]; }
            w = gtab + gid[p] * 3 * K;
            for (Py_ssize_t k = 0; k < K; k++) e[k] += w[k];
            if (p + 1 < N) { w = gtab + gid[p + 1] * 3 * K + K; for (Py_ssize_t k = 0; k < K; k++) e[k] += w[k]; }
            if (p >= 1) { w = gtab + gid[p - 1] * 3 * K + 2 * K; for (Py_ssize_t k = 0; k < K; k++) e[k] += w[k]; }
        }
        decode_sentence(E, n, K, T, TT, best + s0, conf + s0, alpha, beta, X);
    }
}

/* tag_rows(seq, starts, lens, table, pair_idx, pair_table, gid, gaz_table, consts, exp_trans, best, conf)
 * Scores and decodes sentences laid end to end, as kg.ner.crf.CRF._flat_emissions then
 * _posterior do, adding the same terms in the same order (so the scores are bit-identical):
 *   seq:        int64 (N,) row of the word at each position in ``table`` (0: padding)
 *   starts/lens: int64 (B,) first position and length of each sentence in seq
 *   table:      float64 (R, 5, K) a word's scores at offsets 0, +1, +2, -1, -2 from itself
 *   pair_idx:   int64 (N,) row in pair_table of the bigram (i, i+1); pair_table (P, 2, K)
 *   gid:        int64 (N,) gazetteer tag id per position; gaz_table (G, 3, K): at 0, seen from -1, from +1
 *   consts:     float64 (4, K) bos, eos, bos2, eos2
 *   exp_trans:  float64 (K, K); best int64 (N,) and conf float64 (N,) are written at sentence positions
 * kg itself calls tag_doc, which runs the same score_decode; this array-level entry is what the tests
 * use to compare every position's label and probability with numpy (tag_doc returns span scores only).
 */
#define NBUF 12
static PyObject *tag_rows(PyObject *self, PyObject *args) {
    PyObject *o[NBUF];
    Py_buffer b[NBUF];
    static const int writable[NBUF] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1};
    static const char *names[NBUF] = {"seq", "starts", "lens", "table", "pair_idx", "pair_table", "gid",
                                      "gaz_table", "consts", "exp_trans", "best", "conf"};
    if (!PyArg_ParseTuple(args, "OOOOOOOOOOOO", &o[0], &o[1], &o[2], &o[3], &o[4], &o[5], &o[6], &o[7], &o[8],
                          &o[9], &o[10], &o[11]))
        return NULL;
    int got = 0;
    PyObject *result = NULL;
    double *scratch = NULL;
    for (; got < NBUF; got++)
        if (get_buf(o[got], &b[got], writable[got], 8, names[got]) < 0) goto done;
    const long long *seq = b[0].buf, *S = b[1].buf, *Ls = b[2].buf, *pidx = b[4].buf, *gid = b[6].buf;
    const double *tab = b[3].buf, *ptab = b[5].buf, *gtab = b[7].buf, *cst = b[8].buf, *T = b[9].buf;
    long long *best = b[10].buf;
    double *conf = b[11].buf;
    Py_ssize_t N = b[0].len / 8, B = b[1].len / 8, KK = b[9].len / 8;
    Py_ssize_t K = (Py_ssize_t)(sqrt((double)KK) + 0.5);
    if (K == 0 || K * K != KK || b[2].len / 8 != B || b[4].len / 8 != N || b[6].len / 8 != N ||
        b[10].len / 8 != N || b[11].len / 8 != N || b[8].len / 8 != 4 * K || b[3].len % (5 * K * 8) ||
        b[5].len % (2 * K * 8) || b[7].len % (3 * K * 8)) {
        PyErr_SetString(PyExc_ValueError, "tag_rows: inconsistent array sizes");
        goto done;
    }
    Py_ssize_t R = b[3].len / (5 * K * 8), P = b[5].len / (2 * K * 8), G = b[7].len / (3 * K * 8);
    Py_ssize_t maxlen = 0;
    for (Py_ssize_t i = 0; i < N; i++)
        if (seq[i] < 0 || seq[i] >= R || pidx[i] < 0 || pidx[i] >= P || gid[i] < 0 || gid[i] >= G) {
            PyErr_SetString(PyExc_ValueError, "tag_rows: an index lies outside its table");
            goto done;
        }
    for (Py_ssize_t s = 0; s < B; s++) {
        if (Ls[s] < 0 || S[s] < 0 || S[s] + Ls[s] > N) {
            PyErr_SetString(PyExc_ValueError, "tag_rows: a sentence lies outside seq");
            goto done;
        }
        if (Ls[s] > maxlen) maxlen = (Py_ssize_t)Ls[s];
    }
    scratch = malloc(sizeof(double) * SCRATCH(maxlen, K));
    if (!scratch) { PyErr_NoMemory(); goto done; }
    Py_BEGIN_ALLOW_THREADS
    Model m = {tab, ptab, gtab, cst, T, K};
    score_decode(&m, seq, pidx, gid, N, S, Ls, B, maxlen, best, conf, scratch);
    Py_END_ALLOW_THREADS
    Py_INCREF(Py_None);
    result = Py_None;
done:
    free(scratch);
    for (int i = 0; i < got; i++) PyBuffer_Release(&b[i]);
    return result;
}

/* seq_rows(rows, sentences, seq) -> misses
 * Lays sentences end to end as kg.ner.crf.CRF._layout does: two padding positions
 * first, then each sentence followed by two more; seq[p] = rows[token] (int64), and 0
 * (the padding row) for a token not in ``rows``. Returns how many tokens were missing.
 *   rows:      dict str -> int (the per-word row cache)
 *   sentences: list of lists of str
 *   seq:       int64 (total tokens + 2 * len(sentences) + 2,), written
 */
static PyObject *seq_rows(PyObject *self, PyObject *args) {
    PyObject *rows, *sents, *oseq;
    if (!PyArg_ParseTuple(args, "O!O!O", &PyDict_Type, &rows, &PyList_Type, &sents, &oseq)) return NULL;
    Py_buffer bs;
    if (get_buf(oseq, &bs, 1, 8, "seq") < 0) return NULL;
    long long *seq = bs.buf;
    Py_ssize_t N = bs.len / 8, B = PyList_GET_SIZE(sents), p = 2, misses = 0;
    PyObject *result = NULL;
    for (Py_ssize_t b = 0; b < B; b++) {
        PyObject *toks = PyList_GET_ITEM(sents, b);
        if (!PyList_Check(toks)) {
            PyErr_SetString(PyExc_TypeError, "seq_rows: sentences must be lists of str");
            goto done;
        }
        Py_ssize_t n = PyList_GET_SIZE(toks);
        if (p + n + 2 > N) {
            PyErr_SetString(PyExc_ValueError, "seq_rows: seq is too short");
            goto done;
        }
        for (Py_ssize_t t = 0; t < n; t++) {
            PyObject *v = PyDict_GetItemWithError(rows, PyList_GET_ITEM(toks, t));  /* borrowed */
            if (v == NULL) {
                if (PyErr_Occurred()) goto done;
                seq[p + t] = 0;
                misses++;
                continue;
            }
            long long r = PyLong_AsLongLong(v);
            if (r == -1 && PyErr_Occurred()) goto done;
            seq[p + t] = r;
        }
        seq[p + n] = seq[p + n + 1] = 0;
        p += n + 2;
    }
    if (p != N) {
        PyErr_SetString(PyExc_ValueError, "seq_rows: seq is longer than the sentences laid out");
        goto done;
    }
    seq[0] = seq[1] = 0;
    result = PyLong_FromSsize_t(misses);
done:
    PyBuffer_Release(&bs);
    return result;
}

/* out[p]: row of the known bigram (p, p+1), see pair_ids; seq's rows lie inside bw. */
static void fill_pairs(const long long *seq, Py_ssize_t N, const long long *bw, const long long *keys,
                       const long long *rows, Py_ssize_t P, long long *out) {
    for (Py_ssize_t p = 0; p < N; p++) {
        out[p] = 0;
        if (p + 1 >= N) break;
        long long a = bw[seq[p]], c = bw[seq[p + 1]];
        if (a <= 0 || c <= 0) continue;
        long long key = a * (1LL << 24) + c;
        Py_ssize_t lo = 0, hi = P;  /* first index with keys[idx] >= key */
        while (lo < hi) {
            Py_ssize_t mid = lo + (hi - lo) / 2;
            if (keys[mid] < key) lo = mid + 1; else hi = mid;
        }
        if (lo < P && keys[lo] == key) out[p] = rows[lo];
    }
}

/* pair_ids(seq, bw, keys, rows, out): row of the known word bigram (p, p+1) at each position p
 * (kg.ner.crf.CRF._pair_ids): key = bw[seq[p]] * 2**24 + bw[seq[p+1]] looked up in the sorted
 * ``keys``, its row from ``rows``; 0 where either word is in no bigram, the bigram is unknown, or
 * p is the last position. All int64: seq (N,), bw (R,) bigram id per word row, keys/rows (P,), out (N,).
 */
static PyObject *pair_ids(PyObject *self, PyObject *args) {
    PyObject *o[5];
    Py_buffer b[5];
    static const int writable[5] = {0, 0, 0, 0, 1};
    static const char *names[5] = {"seq", "bw", "keys", "rows", "out"};
    if (!PyArg_ParseTuple(args, "OOOOO", &o[0], &o[1], &o[2], &o[3], &o[4])) return NULL;
    int got = 0;
    PyObject *result = NULL;
    for (; got < 5; got++)
        if (get_buf(o[got], &b[got], writable[got], 8, names[got]) < 0) goto done;
    const long long *seq = b[0].buf, *bw = b[1].buf, *keys = b[2].buf, *rows = b[3].buf;
    long long *out = b[4].buf;
    Py_ssize_t N = b[0].len / 8, R = b[1].len / 8, P = b[2].len / 8;
    if (b[4].len / 8 != N || b[3].len / 8 != P) {
        PyErr_SetString(PyExc_ValueError, "pair_ids: inconsistent array sizes");
        goto done;
    }
    for (Py_ssize_t p = 0; p < N; p++)
        if (seq[p] < 0 || seq[p] >= R) {
            PyErr_SetString(PyExc_ValueError, "pair_ids: a row lies outside bw");
            goto done;
        }
    fill_pairs(seq, N, bw, keys, rows, P, out);
    Py_INCREF(Py_None);
    result = Py_None;
done:
    for (int i = 0; i < got; i++) PyBuffer_Release(&b[i]);
    return result;
}

/* The stem of position p: stems[seq[p]], "" past the end. */
static PyObject *stem_at(PyObject *stems, const long long *seq, Py_ssize_t N, Py_ssize_t p, PyObject *empty) {
    return p < N ? PyList_GET_ITEM(stems, seq[p]) : empty;
}

/* Walk the gazetteer trie from each position whose word row starts an entry (see gaz_tags), calling
 * hit(ctx, i, k, type) for each entry found: k positions from i. -1 on error. Where an entry starts
 * is read from gz (a flag per row, then the first stem looked up in trie) or, when first is given,
 * from first (a list: per row, the trie's node of its stem, or None). */
typedef int (*GazHit)(void *ctx, Py_ssize_t i, Py_ssize_t k, PyObject *typ);

static int gaz_walk(const long long *seq, Py_ssize_t N, const unsigned char *gz, PyObject *first, PyObject *stems,
                    PyObject *trie, PyObject *empty, GazHit hit, void *ctx) {
    Py_ssize_t free_at = 0;
    for (Py_ssize_t i = 0; i < N; i++) {
        if (i < free_at) continue;
        PyObject *node;
        if (first) {  /* the trie's node of each row's stem, found when the row was made */
            node = PyList_GET_ITEM(first, seq[i]);
            if (node == Py_None) continue;
        } else {
            if (!gz[seq[i]]) continue;
            node = PyDict_GetItemWithError(trie, stem_at(stems, seq, N, i, empty));
            if (!node) { if (PyErr_Occurred()) return -1; continue; }
        }
        if (!PyDict_Check(node)) { PyErr_SetString(PyExc_TypeError, "gaz_tags: trie nodes must be dicts"); return -1; }
        PyObject *typ = PyDict_GetItemWithError(node, Py_None);
        if (!typ && PyErr_Occurred()) return -1;
        Py_ssize_t k = 1, j = i + 1;
        while (PyDict_GET_SIZE(node) > (PyDict_GetItemWithError(node, Py_None) != NULL)) {
            PyObject *child = PyDict_GetItemWithError(node, stem_at(stems, seq, N, j, empty));
            if (!child) { if (PyErr_Occurred()) return -1; break; }
            if (!PyDict_Check(child)) { PyErr_SetString(PyExc_TypeError, "gaz_tags: trie nodes must be dicts"); return -1; }
            node = child;
            j++;
            PyObject *t = PyDict_GetItemWithError(node, Py_None);
            if (t) { typ = t; k = j - i; } else if (PyErr_Occurred()) return -1;
        }
        if (!typ) continue;
        if (hit(ctx, i, k, typ) < 0) return -1;
        free_at = i + k;
    }
    return 0;
}

/* gaz_tags' hit: {position: "B-TYPE" | "I-TYPE"} */
static int tag_hit(void *ctx, Py_ssize_t i, Py_ssize_t k, PyObject *typ) {
    for (Py_ssize_t q = i; q < i + k; q++) {
        PyObject *pos = PyLong_FromSsize_t(q);
        PyObject *tag = pos ? PyUnicode_FromFormat(q == i ? "B-%S" : "I-%S", typ) : NULL;
        int bad = !tag || PyDict_SetItem((PyObject *)ctx, pos, tag) < 0;
        Py_XDECREF(pos);
        Py_XDECREF(tag);
        if (bad) return -1;
    }
    return 0;
}

/* gaz_tags(seq, gz, stems, trie) -> {position: "B-TYPE" | "I-TYPE"}
 * kg.ner.gazetteer.Gazetteer.tags_at over the positions whose word row has gz set: longest
 * entry first, left to right, no overlap. ``trie``: first stem -> node, a node being a dict
 * from the next stem to its node, with the entry's type under the key None; the stem of a
 * position is stems[seq[p]], "" past the end.
 *   seq: int64 (N,); gz: bool (R,); stems: list of R str
 */
static PyObject *gaz_tags(PyObject *self, PyObject *args) {
    PyObject *oseq, *ogz, *stems, *trie;
    if (!PyArg_ParseTuple(args, "OOO!O!", &oseq, &ogz, &PyList_Type, &stems, &PyDict_Type, &trie)) return NULL;
    Py_buffer bs, bg;
    if (get_buf(oseq, &bs, 0, 8, "seq") < 0) return NULL;
    if (get_buf(ogz, &bg, 0, 1, "gz") < 0) { PyBuffer_Release(&bs); return NULL; }
    const long long *seq = bs.buf;
    const unsigned char *gz = bg.buf;
    Py_ssize_t N = bs.len / 8, R = bg.len;
    PyObject *out = NULL, *empty = PyUnicode_FromString("");
    if (!empty) goto fail;
    if (PyList_GET_SIZE(stems) < R) R = PyList_GET_SIZE(stems);
    for (Py_ssize_t p = 0; p < N; p++)
        if (seq[p] < 0 || seq[p] >= R) {
            PyErr_SetString(PyExc_ValueError, "gaz_tags: a row lies outside gz or stems");
            goto fail;
        }
    out = PyDict_New();
    if (!out) goto fail;
    if (gaz_walk(seq, N, gz, NULL, stems, trie, empty, tag_hit, out) < 0) goto fail;
    Py_DECREF(empty);
    PyBuffer_Release(&bs);
    PyBuffer_Release(&bg);
    return out;
fail:
    Py_XDECREF(out);
    Py_XDECREF(empty);
    PyBuffer_Release(&bs);
    PyBuffer_Release(&bg);
    return NULL;
}

/* IdMap: token text object -> word row, by identity; tag_doc's cache in front of the rows dict.
 *
 * The tokenizer hands every token of a word type the same text object (kg._native.text.Vocab),
 * so most lookups find the object itself: one probe of a 16-byte slot, instead of a dict lookup
 * (index, entry, the stored int) per token. Each slot holds a reference to its key, so an address
 * cannot be reused by another string while it is in the map. A text not found here is looked up
 * in the rows dict and added. Bounded: cleared when it holds IDMAP_LIMIT objects (texts that are
 * not the tokenizer's shared objects would otherwise pile up). The map does not know when rows
 * change: the caller makes a new one whenever it starts its rows again.
 */
#define IDMAP_LIMIT (1 << 18)

typedef struct {
    PyObject *key;  /* owned; NULL: empty */
    long long row;
} IdSlot;

typedef struct {
    PyObject_HEAD
    IdSlot *slots;
    Py_ssize_t cap, used;
} IdMap;

static void idmap_release(IdMap *m) {
    for (Py_ssize_t i = 0; m->slots && i < m->cap; i++) Py_XDECREF(m->slots[i].key);
    PyMem_Free(m->slots);
    m->slots = NULL;
    m->cap = m->used = 0;
}

static void idmap_dealloc(IdMap *m) {
    idmap_release(m);
    Py_TYPE(m)->tp_free((PyObject *)m);
}

static inline Py_ssize_t idmap_home(const IdMap *m, PyObject *key) {
    uint64_t h = ((uint64_t)(uintptr_t)key >> 4) * 0x9E3779B97F4A7C15ULL;
    return (Py_ssize_t)(h >> 20) & (m->cap - 1);
}

/* The row of key, or -1 when it is not in the map. */
static inline long long idmap_get(const IdMap *m, PyObject *key) {
    if (!m->cap) return -1;
    for (Py_ssize_t at = idmap_home(m, key);; at = (at + 1) & (m->cap - 1)) {
        const IdSlot *e = &m->slots[at];
        if (e->key == key) return e->row;
        if (!e->key) return -1;
    }
}

static int idmap_put(IdMap *m, PyObject *key, long long row) {
    if (m->used >= IDMAP_LIMIT) idmap_release(m);
    if (2 * (m->used + 1) > m->cap) {
        Py_ssize_t cap = m->cap ? 2 * m->cap : 4096;
        IdSlot *old = m->slots, *slots = PyMem_Calloc(cap, sizeof(IdSlot));
        if (!slots) { PyErr_NoMemory(); return -1; }
        Py_ssize_t oldcap = m->cap;
        m->slots = slots;
        m->cap = cap;
        for (Py_ssize_t i = 0; i < oldcap; i++) {
            if (!old[i].key) continue;
            Py_ssize_t at = idmap_home(m, old[i].key);
            while (slots[at].key) at = (at + 1) & (cap - 1);
            slots[at] = old[i];  /* the reference moves */
        }
        PyMem_Free(old);
    }
    Py_ssize_t at = idmap_home(m, key);
    while (m->slots[at].key && m->slots[at].key != key) at = (at + 1) & (m->cap - 1);
    if (!m->slots[at].key) {
        Py_INCREF(key);
        m->slots[at].key = key;
        m->used++;
    }
    m->slots[at].row = row;
    return 0;
}

static Py_ssize_t idmap_len(IdMap *m) { return m->used; }

static PySequenceMethods idmap_as_sequence = {.sq_length = (lenfunc)idmap_len};

static PyTypeObject IdMapType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "kg._native.crf.IdMap",
    .tp_doc = "IdMap(): tag_doc's identity cache of word rows (see tag_doc); len() is the objects held.",
    .tp_basicsize = sizeof(IdMap),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_dealloc = (destructor)idmap_dealloc,
    .tp_as_sequence = &idmap_as_sequence,
};

/* tag_doc's hit: the gazetteer tag id of each position, from gaz_ids {type: (B id, I id)} */
typedef struct {
    long long *gid;
    PyObject *ids;
    Py_ssize_t G;
} GidCtx;

static int gid_hit(void *ctx, Py_ssize_t i, Py_ssize_t k, PyObject *typ) {
    GidCtx *c = ctx;
    PyObject *pair = PyDict_GetItemWithError(c->ids, typ);  /* borrowed */
    if (!pair) {
        if (!PyErr_Occurred()) PyErr_Format(PyExc_KeyError, "tag_doc: no gazetteer tag ids for type %R", typ);
        return -1;
    }
    long long bi = -1, ii = -1;
    if (PyTuple_Check(pair) && PyTuple_GET_SIZE(pair) == 2) {
        bi = PyLong_AsLongLong(PyTuple_GET_ITEM(pair, 0));
        ii = PyLong_AsLongLong(PyTuple_GET_ITEM(pair, 1));
        if (PyErr_Occurred()) return -1;
    }
    if (bi < 0 || ii < 0 || bi >= c->G || ii >= c->G) {
        PyErr_SetString(PyExc_ValueError, "tag_doc: gazetteer tag ids must be a pair of rows of gaz_table");
        return -1;
    }
    for (Py_ssize_t q = i; q < i + k; q++) c->gid[q] = q == i ? bi : ii;
    return 0;
}

/* tag_doc(rows, ids, sentences, model, labels, outside, cut) -> None | (tags, spans)
 * A document's sentences scored and decoded in one call: what kg.ner.crf.CRF.tag_batch then
 * kg.ner.tagger.NerTagger._collect_arrays give, with the same numbers (seq_rows, pair_ids,
 * gaz_tags and tag_rows in turn, on buffers of its own, and no Python per position).
 *   rows:      dict str -> int, the per-word row cache
 *   ids:       an IdMap in front of rows (a new one whenever rows start again), or None
 *   sentences: list of lists of str (empty ones allowed)
 *   model:     (bw, pair_keys, pair_rows, first, stems, trie, gaz_ids, table, pair_table, gaz_table, consts,
 *               exp_trans) as for the functions above; first: per word row, the trie's node of its stem
 *               or None (see gaz_walk); gaz_ids: {type: (row of "B-type", row of "I-type")}
 *   labels:    list of K str, "B-TYPE", "I-TYPE" or "O"; outside: the index of "O"; cut: float
 * None when a token is not in rows (the caller adds its row and calls again). Else tags: per
 * sentence, its tokens' labels (each position's most probable); spans: (sentence, start, end,
 * type, score) of each run of labels other than "O" (a B- or a stray I- opens one, an I- of
 * the same type continues it) whose score, its smallest label probability, is at least cut.
 */
static PyObject *tag_doc(PyObject *self, PyObject *args) {
    PyObject *rows, *oids, *sents, *model, *labels;
    Py_ssize_t outside;
    double cut;
    if (!PyArg_ParseTuple(args, "O!OO!O!O!nd:tag_doc", &PyDict_Type, &rows, &oids, &PyList_Type, &sents,
                          &PyTuple_Type, &model, &PyList_Type, &labels, &outside, &cut))
        return NULL;
    if (oids != Py_None && !PyObject_TypeCheck(oids, &IdMapType)) {
        PyErr_SetString(PyExc_TypeError, "tag_doc: ids must be an IdMap or None");
        return NULL;
    }
    IdMap *ids = oids == Py_None ? NULL : (IdMap *)oids;
    if (PyTuple_GET_SIZE(model) != 12) {
        PyErr_SetString(PyExc_TypeError, "tag_doc: model must be a tuple of 12");
        return NULL;
    }
    enum { BW, PKEYS, PROWS, FIRSTS, STEMS, TRIE, GIDS, TAB, PTAB, GTAB, CONSTS, TRANS };
    PyObject *firsts = PyTuple_GET_ITEM(model, FIRSTS), *stems = PyTuple_GET_ITEM(model, STEMS),
             *trie = PyTuple_GET_ITEM(model, TRIE), *gaz_ids = PyTuple_GET_ITEM(model, GIDS);
    if (!PyList_Check(firsts) || !PyList_Check(stems) || !PyDict_Check(trie) || !PyDict_Check(gaz_ids)) {
        PyErr_SetString(PyExc_TypeError, "tag_doc: first nodes and stems must be lists, trie and gaz_ids dicts");
        return NULL;
    }
    static const int slots[8] = {BW, PKEYS, PROWS, TAB, PTAB, GTAB, CONSTS, TRANS};
    static const char *names[8] = {"bw", "pair_keys", "pair_rows", "table", "pair_table", "gaz_table",
                                   "consts", "exp_trans"};
    Py_buffer b[8];
    int got = 0;
    PyObject *result = NULL, *tags = NULL, *spans = NULL, *empty = NULL, **types = NULL;
    long long *ibuf = NULL;
    double *dbuf = NULL;
    int *type_id = NULL;
    unsigned char *inside = NULL;
    for (; got < 8; got++)
        if (get_buf(PyTuple_GET_ITEM(model, slots[got]), &b[got], 0, 8, names[got]) < 0) goto done;
    const long long *bw = b[0].buf, *pkeys = b[1].buf, *prows = b[2].buf;
    Py_ssize_t KK = b[7].len / 8, K = (Py_ssize_t)(sqrt((double)KK) + 0.5);
    if (K == 0 || K * K != KK || PyList_GET_SIZE(labels) != K || outside < 0 || outside >= K ||
        b[6].len / 8 != 4 * K || b[3].len % (5 * K * 8) || b[4].len % (2 * K * 8) || b[5].len % (3 * K * 8) ||
        b[1].len != b[2].len) {
        PyErr_SetString(PyExc_ValueError, "tag_doc: inconsistent array sizes");
        goto done;
    }
    Py_ssize_t P = b[1].len / 8, G = b[5].len / (3 * K * 8);
    Py_ssize_t R = b[3].len / (5 * K * 8);  /* rows valid in every per-row table */
    if (b[0].len / 8 < R) R = b[0].len / 8;
    if (PyList_GET_SIZE(firsts) < R) R = PyList_GET_SIZE(firsts);
    if (PyList_GET_SIZE(stems) < R) R = PyList_GET_SIZE(stems);
    if (P == 0 || G == 0 || R == 0) {
        PyErr_SetString(PyExc_ValueError, "tag_doc: empty tables");
        goto done;
    }

    /* labels: the type after "B-"/"I-", a type id (equal types, equal ids), and whether it is an I- */
    types = PyMem_Calloc(K, sizeof(PyObject *));
    type_id = PyMem_Calloc(K, sizeof(int));
    inside = PyMem_Calloc(K, 1);
    if (!types || !type_id || !inside) { PyErr_NoMemory(); goto done; }
    for (Py_ssize_t k = 0; k < K; k++) {
        PyObject *l = PyList_GET_ITEM(labels, k);
        if (!PyUnicode_Check(l)) { PyErr_SetString(PyExc_TypeError, "tag_doc: labels must be str"); goto done; }
        Py_ssize_t len = PyUnicode_GET_LENGTH(l);
        types[k] = PyUnicode_Substring(l, len < 2 ? len : 2, len);
        if (!types[k]) goto done;
        type_id[k] = (int)k;
        for (Py_ssize_t j = 0; j < k; j++) {
            int c = PyUnicode_Compare(types[j], types[k]);
            if (c == -1 && PyErr_Occurred()) goto done;
            if (c == 0) { type_id[k] = type_id[j]; break; }
        }
        if (len >= 2 && PyUnicode_READ_CHAR(l, 0) == 'I' && PyUnicode_READ_CHAR(l, 1) == '-') inside[k] = 1;
    }

    /* layout: two padding positions, then each non-empty sentence followed by two more */
    Py_ssize_t nsent = PyList_GET_SIZE(sents), N = 2, B = 0, maxlen = 0;
    for (Py_ssize_t s = 0; s < nsent; s++) {
        PyObject *toks = PyList_GET_ITEM(sents, s);
        if (!PyList_Check(toks)) { PyErr_SetString(PyExc_TypeError, "tag_doc: sentences must be lists of str"); goto done; }
        Py_ssize_t n = PyList_GET_SIZE(toks);
        if (n) { N += n + 2; B++; if (n > maxlen) maxlen = n; }
    }
    /* seq, pidx, gid, best, S, Ls, orig (int64) then conf and the decoder's scratch (double) */
    ibuf = PyMem_Calloc(4 * N + 3 * (B + 1), sizeof(long long));
    dbuf = PyMem_Calloc(N + SCRATCH(maxlen, K), sizeof(double));
    if (!ibuf || !dbuf) { PyErr_NoMemory(); goto done; }
    long long *seq = ibuf, *pidx = seq + N, *gid = pidx + N, *best = gid + N, *S = best + N, *Ls = S + B + 1,
              *orig = Ls + B + 1;
    double *conf = dbuf, *scratch = dbuf + N;
    Py_ssize_t p = 2, bi = 0;
    for (Py_ssize_t s = 0; s < nsent; s++) {
        PyObject *toks = PyList_GET_ITEM(sents, s);
        Py_ssize_t n = PyList_GET_SIZE(toks);
        if (!n) continue;
        S[bi] = p; Ls[bi] = n; orig[bi] = s; bi++;
        for (Py_ssize_t t = 0; t < n; t++) {
            PyObject *tok = PyList_GET_ITEM(toks, t);
            long long r = ids ? idmap_get(ids, tok) : -1;
            if (r < 0) {
                PyObject *v = PyDict_GetItemWithError(rows, tok);  /* borrowed */
                if (!v) {
                    if (PyErr_Occurred()) goto done;
                    Py_INCREF(Py_None);  /* a new word: the caller adds its row */
                    result = Py_None;
                    goto done;
                }
                r = PyLong_AsLongLong(v);
                if (r == -1 && PyErr_Occurred()) goto done;
                if (r < 0 || r >= R) { PyErr_SetString(PyExc_ValueError, "tag_doc: a row lies outside its table"); goto done; }
                if (ids && idmap_put(ids, tok, r) < 0) goto done;
            }
            if (r >= R) { PyErr_SetString(PyExc_ValueError, "tag_doc: a row lies outside its table"); goto done; }
            seq[p + t] = r;
        }
        p += n + 2;  /* seq is zeroed: padding is row 0 */
    }
    fill_pairs(seq, N, bw, pkeys, prows, P, pidx);
    for (Py_ssize_t i = 0; i < N; i++)
        if (pidx[i] < 0 || pidx[i] >= P) { PyErr_SetString(PyExc_ValueError, "tag_doc: a bigram row lies outside pair_table"); goto done; }
    empty = PyUnicode_FromStringAndSize("", 0);
    if (!empty) goto done;
    GidCtx gc = {gid, gaz_ids, G};
    if (gaz_walk(seq, N, NULL, firsts, stems, trie, empty, gid_hit, &gc) < 0) goto done;
    for (Py_ssize_t i = 0; i < N; i++) best[i] = outside;
    Model m = {b[3].buf, b[4].buf, b[5].buf, b[6].buf, b[7].buf, K};
    score_decode(&m, seq, pidx, gid, N, S, Ls, B, maxlen, best, conf, scratch);

    /* tags per sentence */
    tags = PyList_New(nsent);
    spans = PyList_New(0);
    if (!tags || !spans) goto done;
    for (Py_ssize_t s = 0, q = 0; s < nsent; s++) {
        Py_ssize_t n = PyList_GET_SIZE(PyList_GET_ITEM(sents, s));
        PyObject *row = PyList_New(n);
        if (!row) goto done;
        PyList_SET_ITEM(tags, s, row);
        if (!n) continue;
        for (Py_ssize_t t = 0; t < n; t++) {
            PyObject *l = PyList_GET_ITEM(labels, best[S[q] + t]);
            Py_INCREF(l);
            PyList_SET_ITEM(row, t, l);
        }
        q++;
    }
    /* spans, in position order */
    Py_ssize_t open = -1, start = 0, end = 0;
    long long open_k = 0;
    for (Py_ssize_t q = 0; q <= B; q++) {
        Py_ssize_t s0 = q < B ? S[q] : N, n = q < B ? Ls[q] : 0;
        for (Py_ssize_t pp = s0; pp <= s0 + n; pp++) {
            int last = q == B;  /* one step past the last sentence: close the open span */
            long long k = 0;
            if (!last) {
                if (pp == s0 + n) break;
                k = best[pp];
                if (k == outside) continue;
                if (pp == end && q == open && type_id[k] == type_id[open_k] && inside[k]) { end = pp + 1; continue; }
            }
            if (open >= 0) {
                double sc = conf[start];
                for (Py_ssize_t i = start + 1; i < end; i++) if (conf[i] < sc) sc = conf[i];
                if (sc >= cut) {
                    PyObject *span = Py_BuildValue("(nnnOd)", (Py_ssize_t)orig[open], start - (Py_ssize_t)S[open],
                                                   end - (Py_ssize_t)S[open], types[open_k], sc);
                    if (!span || PyList_Append(spans, span) < 0) { Py_XDECREF(span); goto done; }
                    Py_DECREF(span);
                }
            }
            if (last) break;
            open = q; start = pp; end = pp + 1; open_k = k;
        }
    }
    result = PyTuple_Pack(2, tags, spans);
done:
    Py_XDECREF(tags);
    Py_XDECREF(spans);
    Py_XDECREF(empty);
    if (types) for (Py_ssize_t k = 0; k < PyList_GET_SIZE(labels); k++) Py_XDECREF(types[k]);
    PyMem_Free(types);
    PyMem_Free(type_id);
    PyMem_Free(inside);
    PyMem_Free(ibuf);
    PyMem_Free(dbuf);
    for (int i = 0; i < got; i++) PyBuffer_Release(&b[i]);
    return result;
}

static PyMethodDef methods[] = {
    {"pair_ids", pair_ids, METH_VARARGS,
     "pair_ids(seq, bw, keys, rows, out): row of the known word bigram at each position (0: none)."},
    {"gaz_tags", gaz_tags, METH_VARARGS,
     "gaz_tags(seq, gz, stems, trie) -> {position: tag}: gazetteer BIO tags, longest entry first."},
    {"seq_rows", seq_rows, METH_VARARGS,
     "seq_rows(rows, sentences, seq) -> misses: word rows of sentences laid end to end, 0 for unknown words."},
    {"tag_doc", tag_doc, METH_VARARGS,
     "tag_doc(rows, ids, sentences, model, labels, outside, cut) -> None | (tags, spans): a document's sentences"
     " tagged, and its spans scoring at least cut."},
    {"tag_rows", tag_rows, METH_VARARGS,
     "tag_rows(seq, starts, lens, table, pair_idx, pair_table, gid, gaz_table, consts, exp_trans, best, conf):"
     " score and decode sentences from word rows."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "kg._native.crf",
                                    "CRF scoring and forward-backward in C (see kg.ner.crf).", -1, methods,
                                    NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit_crf(void) {
    if (PyType_Ready(&IdMapType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (!m) return NULL;
    Py_INCREF(&IdMapType);
    if (PyModule_AddObject(m, "IdMap", (PyObject *)&IdMapType) < 0) {
        Py_DECREF(&IdMapType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}

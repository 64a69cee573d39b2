/* Linear-chain CRF posterior decoding (forward-backward) over sentences laid end to end.
 *
 * The C twin of kg.ner.crf.CRF._posterior: for each sentence, the scaled
 * forward and backward messages give every position's marginal label
 * probabilities; the most probable label and its probability are written out.
 * Buffers come from numpy arrays (buffer protocol), so no numpy headers are needed.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdlib.h>
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

/* posterior(E, starts, lens, exp_trans, best, conf)
 *   E:         float64 (N, K) state scores
 *   starts:    int64 (B,) first row of each sentence in E
 *   lens:      int64 (B,) length of each sentence
 *   exp_trans: float64 (K, K) exp(transition weights), [previous, next]
 *   best:      int64 (N,) out: most probable label per row (rows of no sentence untouched)
 *   conf:      float64 (N,) out: its marginal probability
 */
static PyObject *posterior(PyObject *self, PyObject *args) {
    PyObject *oE, *oS, *oL, *oT, *oB, *oC;
    if (!PyArg_ParseTuple(args, "OOOOOO", &oE, &oS, &oL, &oT, &oB, &oC)) return NULL;
    Py_buffer bE, bS, bL, bT, bB, bC;
    if (get_buf(oE, &bE, 0, 8, "E") < 0) return NULL;
    if (get_buf(oS, &bS, 0, 8, "starts") < 0) { PyBuffer_Release(&bE); return NULL; }
    if (get_buf(oL, &bL, 0, 8, "lens") < 0) { PyBuffer_Release(&bE); PyBuffer_Release(&bS); return NULL; }
    if (get_buf(oT, &bT, 0, 8, "exp_trans") < 0) {
        PyBuffer_Release(&bE); PyBuffer_Release(&bS); PyBuffer_Release(&bL); return NULL;
    }
    if (get_buf(oB, &bB, 1, 8, "best") < 0) {
        PyBuffer_Release(&bE); PyBuffer_Release(&bS); PyBuffer_Release(&bL); PyBuffer_Release(&bT); return NULL;
    }
    if (get_buf(oC, &bC, 1, 8, "conf") < 0) {
        PyBuffer_Release(&bE); PyBuffer_Release(&bS); PyBuffer_Release(&bL); PyBuffer_Release(&bT);
        PyBuffer_Release(&bB); return NULL;
    }
    PyObject *result = NULL;
    const double *E = (const double *)bE.buf, *T = (const double *)bT.buf;
    const long long *S = (const long long *)bS.buf, *Ls = (const long long *)bL.buf;
    long long *best = (long long *)bB.buf;
    double *conf = (double *)bC.buf;
    Py_ssize_t N = bB.len / 8, B = bS.len / 8;
    Py_ssize_t KK = bT.len / 8;
    Py_ssize_t K = (Py_ssize_t)(sqrt((double)KK) + 0.5);
    double *alpha = NULL, *beta = NULL, *X = NULL;
    if (K * K != KK || K == 0 || bE.len / 8 != N * K || bC.len / 8 != N || bL.len / 8 != B) {
        PyErr_SetString(PyExc_ValueError, "posterior: inconsistent array sizes");
        goto done;
    }
    Py_ssize_t maxlen = 0;
    for (Py_ssize_t b = 0; b < B; b++) {
        if (Ls[b] < 0 || S[b] < 0 || S[b] + Ls[b] > N) {
            PyErr_SetString(PyExc_ValueError, "posterior: a sentence lies outside E");
            goto done;
        }
        if (Ls[b] > maxlen) maxlen = (Py_ssize_t)Ls[b];
    }
    alpha = malloc(sizeof(double) * (maxlen + 1) * K);
    beta = malloc(sizeof(double) * (maxlen + 1) * K);
    X = malloc(sizeof(double) * (maxlen + 1) * K);
    if (!alpha || !beta || !X) { PyErr_NoMemory(); goto done; }

    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t b = 0; b < B; b++) {
        Py_ssize_t n = (Py_ssize_t)Ls[b], s0 = (Py_ssize_t)S[b];
        if (n == 0) continue;
        /* X[t] = exp(E[t] - max E[t]): a row constant cancels in the marginals */
        for (Py_ssize_t t = 0; t < n; t++) {
            const double *e = E + (s0 + t) * K;
            double m = e[0];
            for (Py_ssize_t k = 1; k < K; k++) if (e[k] > m) m = e[k];
            for (Py_ssize_t k = 0; k < K; k++) X[t * K + k] = exp(e[k] - m);
        }
        /* forward: alpha[0] = X[0]; alpha[t] = X[t] * (alpha[t-1] @ T), normalised to sum 1 */
        double z = 0;
        for (Py_ssize_t k = 0; k < K; k++) { alpha[k] = X[k]; z += X[k]; }
        for (Py_ssize_t k = 0; k < K; k++) alpha[k] /= z;
        for (Py_ssize_t t = 1; t < n; t++) {
            const double *ap = alpha + (t - 1) * K;
            double *a = alpha + t * K;
            z = 0;
            for (Py_ssize_t j = 0; j < K; j++) {
                double acc = 0;
                for (Py_ssize_t i = 0; i < K; i++) acc += ap[i] * T[i * K + j];
                a[j] = acc * X[t * K + j];
                z += a[j];
            }
            for (Py_ssize_t j = 0; j < K; j++) a[j] /= z;
        }
        /* backward: beta[n-1] = 1; beta[t] = T @ (X[t+1] * beta[t+1]), normalised */
        for (Py_ssize_t k = 0; k < K; k++) beta[(n - 1) * K + k] = 1.0;
        for (Py_ssize_t t = n - 2; t >= 0; t--) {
            const double *bn = beta + (t + 1) * K, *xn = X + (t + 1) * K;
            double *bt = beta + t * K;
            double tmp[64];
            double *w = K <= 64 ? tmp : NULL;
            z = 0;
            if (w) {
                for (Py_ssize_t j = 0; j < K; j++) w[j] = xn[j] * bn[j];
                for (Py_ssize_t i = 0; i < K; i++) {
                    double acc = 0;
                    for (Py_ssize_t j = 0; j < K; j++) acc += T[i * K + j] * w[j];
                    bt[i] = acc; z += acc;
                }
            } else {
                for (Py_ssize_t i = 0; i < K; i++) {
                    double acc = 0;
                    for (Py_ssize_t j = 0; j < K; j++) acc += T[i * K + j] * xn[j] * bn[j];
                    bt[i] = acc; z += acc;
                }
            }
            for (Py_ssize_t i = 0; i < K; i++) bt[i] /= z;
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
            best[s0 + t] = arg;
            conf[s0 + t] = sum > 0 ? top / sum : 0.0;
        }
    }
    Py_END_ALLOW_THREADS
    Py_INCREF(Py_None);
    result = Py_None;
done:
    free(alpha); free(beta); free(X);
    PyBuffer_Release(&bE); PyBuffer_Release(&bS); PyBuffer_Release(&bL);
    PyBuffer_Release(&bT); PyBuffer_Release(&bB); PyBuffer_Release(&bC);
    return result;
}

static PyMethodDef methods[] = {
    {"posterior", posterior, METH_VARARGS,
     "posterior(E, starts, lens, exp_trans, best, conf): most probable label and its marginal per row."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "kg._native.crf",
                                    "CRF forward-backward in C (see kg.ner.crf).", -1, methods};

PyMODINIT_FUNC PyInit_crf(void) { return PyModule_Create(&module); }

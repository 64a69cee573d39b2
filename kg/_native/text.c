/* Tokenizer: the C twin of kg.text.segment.tokenize (pure-Python path there).
 *
 * It scans the same alternatives as segment._TOKEN, in the same order, with
 * the character predicates that CPython's re uses for str patterns, so the
 * tokens and their offsets are the same for any input:
 *
 *   (?:[A-Z]\.){2,}                                    U.S., U.N.   ([A-Z] is ASCII only)
 *   \d+(?:[.,:/]\d+)*                                  6,500  11:00  16.11.2021
 *   [^\W\d_][\wM]*(?:['’\-](?=\w)[\wM]*)*               words, inner ' ’ - when \w follows
 *   [M]+                                               stray Arabic marks
 *   \S                                                 anything else; whitespace is skipped
 *
 * with M the Arabic marks U+0610-061A, U+064B-065F, U+0670 and tatweel U+0640,
 *   \w = Py_UNICODE_ISALNUM(c) || c == '_'   (sre's SRE_UNI_IS_WORD)
 *   \d = Py_UNICODE_ISDECIMAL(c)             (SRE_UNI_IS_DIGIT)
 *   \s = Py_UNICODE_ISSPACE(c)               (SRE_UNI_IS_SPACE)
 * None of the alternatives needs backtracking: each greedy loop is final.
 *
 * The Token objects (and the norm cache entries) are built here too, so that
 * no per-token Python code runs except norm() on a cache miss.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <string.h>

enum { F_WORD = 1, F_DEC = 2, F_SPACE = 4, F_MARK = 8 };

/* Flags of every BMP code point, filled at import from CPython's own
 * predicates (a table lookup is cheaper than up to four predicate calls). */
static unsigned char bmp_flags[0x10000];

static inline int is_mark_cp(Py_UCS4 c) {
    return (c >= 0x0610 && c <= 0x061A) || (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640;
}

static unsigned char compute_flags(Py_UCS4 c) {
    unsigned char f = 0;
    if (Py_UNICODE_ISALNUM(c) || c == '_') f |= F_WORD;
    if (Py_UNICODE_ISDECIMAL(c)) f |= F_DEC;
    if (Py_UNICODE_ISSPACE(c)) f |= F_SPACE;
    if (is_mark_cp(c)) f |= F_MARK;
    return f;
}

static inline unsigned char flags_of(Py_UCS4 c) {
    return c < 0x10000 ? bmp_flags[c] : compute_flags(c);
}

#define RD(i) PyUnicode_READ(kind, data, (i))

/* End of the token that starts at i (text[i] is not whitespace), i < end. */
static Py_ssize_t match_end(int kind, const void *data, Py_ssize_t i, Py_ssize_t end) {
    Py_UCS4 c = RD(i);
    unsigned char f = flags_of(c);
    Py_ssize_t j;

    /* (?:[A-Z]\.){2,} */
    if (c >= 'A' && c <= 'Z') {
        j = i;
        while (j + 1 < end) {
            Py_UCS4 a = RD(j);
            if (!(a >= 'A' && a <= 'Z') || RD(j + 1) != '.') break;
            j += 2;
        }
        if (j - i >= 4) return j;
    }
    /* \d+(?:[.,:/]\d+)* */
    if (f & F_DEC) {
        j = i + 1;
        for (;;) {
            while (j < end && (flags_of(RD(j)) & F_DEC)) j++;
            if (j + 1 < end) {
                Py_UCS4 s = RD(j);
                if ((s == '.' || s == ',' || s == ':' || s == '/') && (flags_of(RD(j + 1)) & F_DEC)) {
                    j += 2;
                    continue;
                }
            }
            return j;
        }
    }
    /* [^\W\d_][\wM]*(?:['’\-](?=\w)[\wM]*)* */
    if ((f & F_WORD) && c != '_') {  /* not F_DEC: handled above */
        j = i + 1;
        for (;;) {
            while (j < end && (flags_of(RD(j)) & (F_WORD | F_MARK))) j++;
            if (j + 1 < end) {
                Py_UCS4 s = RD(j);
                if ((s == '\'' || s == 0x2019 || s == '-') && (flags_of(RD(j + 1)) & F_WORD)) {
                    j += 2;
                    continue;
                }
            }
            return j;
        }
    }
    /* [M]+ */
    if (f & F_MARK) {
        j = i + 1;
        while (j < end && (flags_of(RD(j)) & F_MARK)) j++;
        return j;
    }
    /* \S */
    return i + 1;
}

/* tokenize(text, start, end, token, norms, norm) -> list
 *   text:  str
 *   start, end: the span to scan, clamped to [0, len(text)] like re's pos/endpos
 *   token: called as token(text, start, end, norm) for each token
 *   norms: dict, token text -> norm (cleared first when it holds more than 262,144 entries)
 *   norm:  called as norm(text, "") for a token text not in norms
 */
static PyObject *tokenize(PyObject *self, PyObject *args) {
    PyObject *text, *token, *norms, *norm;
    Py_ssize_t start, end;
    if (!PyArg_ParseTuple(args, "UnnOO!O:tokenize", &text, &start, &end, &token, &PyDict_Type, &norms, &norm))
        return NULL;
    if (!PyCallable_Check(token) || !PyCallable_Check(norm)) {
        PyErr_SetString(PyExc_TypeError, "tokenize: token and norm must be callable");
        return NULL;
    }
    if (PyUnicode_READY(text) < 0) return NULL;
    Py_ssize_t len = PyUnicode_GET_LENGTH(text);
    if (start < 0) start = 0; else if (start > len) start = len;
    if (end < 0) end = 0; else if (end > len) end = len;
    if (PyDict_GET_SIZE(norms) > 262144) PyDict_Clear(norms);  /* bounded memory on endless streams */

    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    PyObject *out = PyList_New(0);
    if (!out) return NULL;
    PyObject *empty = PyUnicode_FromStringAndSize("", 0);
    if (!empty) { Py_DECREF(out); return NULL; }

    Py_ssize_t i = start;
    while (i < end) {
        if (flags_of(RD(i)) & F_SPACE) { i++; continue; }
        Py_ssize_t j = match_end(kind, data, i, end);
        PyObject *t = PyUnicode_Substring(text, i, j);
        if (!t) goto fail;
        PyObject *n = PyDict_GetItemWithError(norms, t);  /* borrowed */
        if (n) {
            Py_INCREF(n);
        } else {
            if (PyErr_Occurred()) { Py_DECREF(t); goto fail; }
            n = PyObject_CallFunctionObjArgs(norm, t, empty, NULL);
            if (!n || PyDict_SetItem(norms, t, n) < 0) { Py_DECREF(t); Py_XDECREF(n); goto fail; }
        }
        PyObject *s = PyLong_FromSsize_t(i), *e = PyLong_FromSsize_t(j);
        PyObject *tok = NULL;
        if (s && e) {
            PyObject *argv[4] = {t, s, e, n};
            tok = PyObject_Vectorcall(token, argv, 4, NULL);
        }
        Py_DECREF(t); Py_DECREF(n); Py_XDECREF(s); Py_XDECREF(e);
        if (!tok) goto fail;
        int rc = PyList_Append(out, tok);
        Py_DECREF(tok);
        if (rc < 0) goto fail;
        i = j;
    }
    Py_DECREF(empty);
    return out;
fail:
    Py_DECREF(empty);
    Py_DECREF(out);
    return NULL;
}

static PyMethodDef methods[] = {
    {"tokenize", tokenize, METH_VARARGS,
     "tokenize(text, start, end, token, norms, norm) -> list: kg.text.segment.tokenize in C."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "kg._native.text",
    "Tokenizer, the C twin of kg.text.segment.tokenize.", -1, methods,
};

PyMODINIT_FUNC PyInit_text(void) {
    for (Py_UCS4 c = 0; c < 0x10000; c++) bmp_flags[c] = compute_flags(c);
    return PyModule_Create(&module);
}

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

enum { F_WORD = 1, F_DEC = 2, F_SPACE = 4, F_MARK = 8, F_KNOWN = 128 };

/* Flags of the BMP code points, from CPython's own predicates, each filled
 * on first sight (a table lookup is cheaper than up to four predicate calls;
 * filling all 65,536 at import took 20 ms). The GIL is held throughout. */
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
    if (c >= 0x10000) return compute_flags(c);
    unsigned char f = bmp_flags[c];
    if (!(f & F_KNOWN)) f = bmp_flags[c] = compute_flags(c) | F_KNOWN;
    return f;
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

/* How to build a token by copying a template instance instead of calling the
 * class: its slot offsets, and where text, start, end and norm go. */
typedef struct {
    PyTypeObject *type;
    PyMemberDef *members;        /* the class's own slots, NULL-name terminated */
    Py_ssize_t off[4];           /* offsets of text, start, end, norm */
} Layout;

/* Fill lay when template can be copied: an instance of exactly `token`, a
 * heap type deriving from object directly, without its own __new__, with only
 * object slots (no __dict__, no __weakref__, no C state) among which text,
 * start, end, norm. (That its __init__ only stores arguments and constant
 * defaults cannot be seen from here: the caller checks it.) */
static int get_layout(PyObject *token, PyObject *template, Layout *lay) {
    static const char *names[4] = {"text", "start", "end", "norm"};
    if (!PyType_Check(token) || Py_TYPE(template) != (PyTypeObject *)token) {
        PyErr_SetString(PyExc_TypeError, "tokenize: template must be an instance of exactly token");
        return -1;
    }
    PyTypeObject *tp = (PyTypeObject *)token;
    int plain = (tp->tp_flags & Py_TPFLAGS_HEAPTYPE) && tp->tp_base == &PyBaseObject_Type
        && tp->tp_dictoffset == 0 && tp->tp_weaklistoffset == 0 && tp->tp_itemsize == 0
        && tp->tp_alloc == PyType_GenericAlloc && tp->tp_new == PyBaseObject_Type.tp_new
        && tp->tp_members != NULL;
    Py_ssize_t n = 0;
    for (int k = 0; k < 4; k++) lay->off[k] = -1;
    if (plain) {
        for (PyMemberDef *m = tp->tp_members; m->name; m++, n++) {
            if (m->type != T_OBJECT_EX || (m->flags & READONLY)) { plain = 0; break; }
            for (int k = 0; k < 4; k++)
                if (strcmp(m->name, names[k]) == 0) lay->off[k] = m->offset;
        }
    }
    /* every byte of the instance is a slot we copy: nothing is left unset */
    if (!plain || tp->tp_basicsize != (Py_ssize_t)(sizeof(PyObject) + n * sizeof(PyObject *))
        || lay->off[0] < 0 || lay->off[1] < 0 || lay->off[2] < 0 || lay->off[3] < 0) {
        PyErr_SetString(PyExc_TypeError, "tokenize: token is not a plain __slots__ class with text, start, end, norm");
        return -1;
    }
    lay->type = tp;
    lay->members = tp->tp_members;
    return 0;
}

/* A new instance with template's slot values, then text, start, end, norm
 * set to v[0..3] (references stolen, also on failure). */
static PyObject *copy_token(const Layout *lay, PyObject *template, PyObject *v[4]) {
    PyObject *obj = lay->type->tp_alloc(lay->type, 0);
    if (!obj) {
        for (int k = 0; k < 4; k++) Py_DECREF(v[k]);
        return NULL;
    }
    for (PyMemberDef *m = lay->members; m->name; m++) {
        PyObject *x = *(PyObject **)((char *)template + m->offset);
        Py_XINCREF(x);
        *(PyObject **)((char *)obj + m->offset) = x;
    }
    for (int k = 0; k < 4; k++) {
        PyObject **slot = (PyObject **)((char *)obj + lay->off[k]);
        Py_XSETREF(*slot, v[k]);
    }
    return obj;
}

/* Vocab: token text -> (text, norm), the tokenizer's cache in one flat table.
 *
 * A dict keyed by the fresh substring of each token cost three cache misses per
 * token (index, entry, the stored key's hash and characters) and a string
 * allocation. Here a token is hashed and compared in place, from the text being
 * scanned, against entries of one cache line each that hold the first 16
 * characters inline; only a new word allocates its string. The text object
 * kept is handed to every later token with that text, so other caches keyed by
 * token texts (the NER's word rows) compare keys by identity.
 * Bounded: cleared when it holds ``limit`` words. The GIL is held throughout.
 */
#include <stdint.h>

#define VOCAB_INLINE 16
#define VOCAB_MAX_PROBE 64  /* a longer run is treated as a miss, not cached: crafted collisions cost little */

typedef struct {
    uint64_t hash;                    /* 0: an empty slot */
    PyObject *text, *norm;            /* owned */
    uint32_t len;                     /* code points */
    uint32_t inl;                     /* chars[] holds the whole text (len <= 16, all in the BMP) */
    uint16_t chars[VOCAB_INLINE];
} VEntry;

typedef struct {
    PyObject_HEAD
    VEntry *slots;
    Py_ssize_t cap, used, limit;
    uint64_t seed;
} Vocab;

static void vocab_release(Vocab *v) {
    if (v->slots)
        for (Py_ssize_t i = 0; i < v->cap; i++)
            if (v->slots[i].hash) { Py_CLEAR(v->slots[i].text); Py_CLEAR(v->slots[i].norm); }
    PyMem_Free(v->slots);
    v->slots = NULL;
    v->cap = v->used = 0;
}

static void vocab_dealloc(Vocab *v) {
    vocab_release(v);
    Py_TYPE(v)->tp_free((PyObject *)v);
}

static int vocab_init(Vocab *v, PyObject *args, PyObject *kw) {
    static char *kwlist[] = {"limit", "seed", NULL};
    Py_ssize_t limit = 262144;
    unsigned long long seed = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|nK:Vocab", kwlist, &limit, &seed)) return -1;
    if (limit < 1) { PyErr_SetString(PyExc_ValueError, "Vocab: limit must be at least 1"); return -1; }
    vocab_release(v);
    v->limit = limit;
    v->seed = seed;
    return 0;
}

static inline uint64_t mix64(uint64_t h) {  /* murmur3's finaliser */
    h ^= h >> 33; h *= 0xff51afd7ed558ccdULL; h ^= h >> 33; h *= 0xc4ceb9fe1a85ec53ULL; h ^= h >> 33;
    return h;
}

static uint64_t vocab_hash(const Vocab *v, int kind, const void *data, Py_ssize_t i, Py_ssize_t j) {
    uint64_t h = v->seed ^ 0xcbf29ce484222325ULL;
    for (Py_ssize_t k = i; k < j; k++) h = (h ^ PyUnicode_READ(kind, data, k)) * 0x100000001b3ULL;
    h = mix64(h ^ (uint64_t)(j - i));
    return h ? h : 1;
}

static int vocab_same(const VEntry *e, uint64_t h, int kind, const void *data, Py_ssize_t i, Py_ssize_t j) {
    Py_ssize_t n = j - i;
    if (e->hash != h || (Py_ssize_t)e->len != n) return 0;
    if (e->inl) {
        for (Py_ssize_t k = 0; k < n; k++)
            if (e->chars[k] != PyUnicode_READ(kind, data, i + k)) return 0;
        return 1;
    }
    int ek = PyUnicode_KIND(e->text);
    const void *ed = PyUnicode_DATA(e->text);
    for (Py_ssize_t k = 0; k < n; k++)
        if (PyUnicode_READ(ek, ed, k) != PyUnicode_READ(kind, data, i + k)) return 0;
    return 1;
}

/* The slot holding text[i:j], or the empty slot where it would go; NULL when the probe run is too long. */
static VEntry *vocab_find(Vocab *v, uint64_t h, int kind, const void *data, Py_ssize_t i, Py_ssize_t j) {
    if (!v->cap) return NULL;
    Py_ssize_t mask = v->cap - 1, at = (Py_ssize_t)(h & (uint64_t)mask);
    for (int probe = 0; probe < VOCAB_MAX_PROBE; probe++, at = (at + 1) & mask) {
        VEntry *e = &v->slots[at];
        if (!e->hash || vocab_same(e, h, kind, data, i, j)) return e;
    }
    return NULL;
}

/* Room for one more word: grow to keep the table at most half full, or clear it at the limit. */
static int vocab_reserve(Vocab *v) {
    if (v->used >= v->limit) {
        for (Py_ssize_t i = 0; i < v->cap; i++)
            if (v->slots[i].hash) { Py_CLEAR(v->slots[i].text); Py_CLEAR(v->slots[i].norm); v->slots[i].hash = 0; }
        v->used = 0;
    }
    if (v->cap && 2 * (v->used + 1) <= v->cap) return 0;
    Py_ssize_t cap = v->cap ? 2 * v->cap : 1024;
    VEntry *slots = PyMem_Calloc(cap, sizeof(VEntry));
    if (!slots) { PyErr_NoMemory(); return -1; }
    for (Py_ssize_t i = 0; i < v->cap; i++) {
        VEntry *e = &v->slots[i];
        if (!e->hash) continue;
        Py_ssize_t at = (Py_ssize_t)(e->hash & (uint64_t)(cap - 1));
        while (slots[at].hash) at = (at + 1) & (cap - 1);
        slots[at] = *e;  /* the references move */
    }
    PyMem_Free(v->slots);
    v->slots = slots;
    v->cap = cap;
    return 0;
}

/* (text, norm) of text[i:j] as new references: cached, or made (norm(t, "")) and cached. -1 on error. */
static int vocab_lookup(Vocab *v, PyObject *text, int kind, const void *data, Py_ssize_t i, Py_ssize_t j,
                        PyObject *norm, PyObject *empty, PyObject **t_out, PyObject **n_out) {
    uint64_t h = vocab_hash(v, kind, data, i, j);
    VEntry *e = vocab_find(v, h, kind, data, i, j);
    if (e && e->hash) {
        Py_INCREF(e->text); Py_INCREF(e->norm);
        *t_out = e->text; *n_out = e->norm;
        return 0;
    }
    PyObject *t = PyUnicode_Substring(text, i, j);
    if (!t) return -1;
    PyObject *n = PyObject_CallFunctionObjArgs(norm, t, empty, NULL);
    if (!n) { Py_DECREF(t); return -1; }
    if (vocab_reserve(v) < 0) { Py_DECREF(t); Py_DECREF(n); return -1; }
    e = vocab_find(v, h, kind, data, i, j);  /* again: the table may have grown or been cleared */
    if (e && !e->hash) {
        Py_ssize_t len = j - i;
        e->hash = h;
        e->len = (uint32_t)len;
        e->inl = len <= VOCAB_INLINE;
        for (Py_ssize_t k = 0; e->inl && k < len; k++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i + k);
            if (c > 0xFFFF) e->inl = 0; else e->chars[k] = (uint16_t)c;
        }
        Py_INCREF(t); Py_INCREF(n);
        e->text = t; e->norm = n;
        v->used++;
    }
    *t_out = t; *n_out = n;
    return 0;
}

static Py_ssize_t vocab_len(Vocab *v) { return v->used; }

/* get(text) -> (text, norm) | None: the cached entry for a token text. */
static PyObject *vocab_get(Vocab *v, PyObject *key) {
    if (!PyUnicode_Check(key) || PyUnicode_READY(key) < 0) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "Vocab.get: a str is needed");
        return NULL;
    }
    int kind = PyUnicode_KIND(key);
    const void *data = PyUnicode_DATA(key);
    Py_ssize_t n = PyUnicode_GET_LENGTH(key);
    VEntry *e = vocab_find(v, vocab_hash(v, kind, data, 0, n), kind, data, 0, n);
    if (!e || !e->hash) Py_RETURN_NONE;
    return PyTuple_Pack(2, e->text, e->norm);
}

static PyObject *vocab_clear(Vocab *v, PyObject *unused) {
    vocab_release(v);
    Py_RETURN_NONE;
}

static PyMethodDef vocab_methods[] = {
    {"get", (PyCFunction)vocab_get, METH_O, "get(text) -> (text, norm) | None: the cached entry of a token text."},
    {"clear", (PyCFunction)vocab_clear, METH_NOARGS, "clear(): forget every word."},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods vocab_as_sequence = {.sq_length = (lenfunc)vocab_len};

static PyTypeObject VocabType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "kg._native.text.Vocab",
    .tp_doc = "Vocab(limit=262144, seed=0): the tokenizer's cache, token text -> (text, norm); cleared at limit words.",
    .tp_basicsize = sizeof(Vocab),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)vocab_init,
    .tp_dealloc = (destructor)vocab_dealloc,
    .tp_methods = vocab_methods,
    .tp_as_sequence = &vocab_as_sequence,
};

/* tokenize(text, start, end, token, norms, norm, template=None, marks=None) -> list | (list, list)
 *   text:  str
 *   start, end: the span to scan, clamped to [0, len(text)] like re's pos/endpos
 *   token: the Token class; called as token(text, start, end, norm) for each token,
 *          unless template is given; or None: then the list is flat, text, start, end,
 *          norm of each token in turn (for a caller that builds tokens faster itself:
 *          a Token class compiled by mypyc is cheap to build from compiled code, slow from here)
 *   norms: a Vocab (each token then gets the text object cached for its text), or a dict,
 *          token text -> norm (cleared first when it holds more than 262,144 entries)
 *   norm:  called as norm(text, "") for a token text not in norms
 *   template: None, or token(...) with the defaults; each token is then a copy of it
 *          with text, start, end, norm set (what token's __init__ would make, when
 *          it only stores its arguments and constant defaults: the caller checks that)
 *   marks: None, or a str: then the indices of the one-character tokens that are
 *          one of its characters come too, as a second list (the sentence splitter
 *          looks at those tokens only, and would otherwise loop over all in Python)
 */
static PyObject *tokenize(PyObject *self, PyObject *args) {
    PyObject *text, *token, *norms, *norm, *template = Py_None, *marks = Py_None;
    Py_ssize_t start, end;
    Layout lay = {NULL, NULL, {-1, -1, -1, -1}};  /* set by get_layout when a template is given */
    if (!PyArg_ParseTuple(args, "UnnOOO|OO:tokenize", &text, &start, &end, &token, &norms, &norm,
                          &template, &marks))
        return NULL;
    Vocab *vocab = PyObject_TypeCheck(norms, &VocabType) ? (Vocab *)norms : NULL;
    if (!vocab && !PyDict_Check(norms)) {
        PyErr_SetString(PyExc_TypeError, "tokenize: norms must be a Vocab or a dict");
        return NULL;
    }
    if (marks != Py_None && (!PyUnicode_Check(marks) || PyUnicode_READY(marks) < 0)) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "tokenize: marks must be a str or None");
        return NULL;
    }
    int flat = token == Py_None;
    if ((!flat && !PyCallable_Check(token)) || !PyCallable_Check(norm)) {
        PyErr_SetString(PyExc_TypeError, "tokenize: token must be callable or None, norm callable");
        return NULL;
    }
    int fast = template != Py_None;
    if (flat && fast) {
        PyErr_SetString(PyExc_TypeError, "tokenize: a template needs a token class");
        return NULL;
    }
    if (fast && get_layout(token, template, &lay) < 0) return NULL;
    if (PyUnicode_READY(text) < 0) return NULL;
    Py_ssize_t len = PyUnicode_GET_LENGTH(text);
    if (start < 0) start = 0; else if (start > len) start = len;
    if (end < 0) end = 0; else if (end > len) end = len;
    if (!vocab && PyDict_GET_SIZE(norms) > 262144) PyDict_Clear(norms);  /* bounded memory on endless streams */

    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t nmarks = marks == Py_None ? -1 : PyUnicode_GET_LENGTH(marks);
    PyObject *out = PyList_New(0), *marked = nmarks >= 0 ? PyList_New(0) : NULL;
    PyObject *empty = PyUnicode_FromStringAndSize("", 0);
    if (!out || !empty || (nmarks >= 0 && !marked)) goto fail;

    Py_ssize_t i = start;
    while (i < end) {
        if (flags_of(RD(i)) & F_SPACE) { i++; continue; }
        Py_ssize_t j = match_end(kind, data, i, end);
        PyObject *t, *n;
        if (vocab) {
            if (vocab_lookup(vocab, text, kind, data, i, j, norm, empty, &t, &n) < 0) goto fail;
        } else {
            t = PyUnicode_Substring(text, i, j);
            if (!t) goto fail;
            n = PyDict_GetItemWithError(norms, t);  /* borrowed */
            if (n) {
                Py_INCREF(n);
            } else {
                if (PyErr_Occurred()) { Py_DECREF(t); goto fail; }
                n = PyObject_CallFunctionObjArgs(norm, t, empty, NULL);
                if (!n || PyDict_SetItem(norms, t, n) < 0) { Py_DECREF(t); Py_XDECREF(n); goto fail; }
            }
        }
        PyObject *s = PyLong_FromSsize_t(i), *e = PyLong_FromSsize_t(j);
        PyObject *tok = NULL;
        if (!s || !e) {
            Py_DECREF(t); Py_DECREF(n); Py_XDECREF(s); Py_XDECREF(e);
            goto fail;
        }
        int rc = 0;
        if (flat) {
            PyObject *v[4] = {t, s, e, n};
            for (int k = 0; k < 4; k++) {
                if (rc == 0) rc = PyList_Append(out, v[k]);
                Py_DECREF(v[k]);
            }
            if (rc < 0) goto fail;
        } else if (fast) {
            PyObject *v[4] = {t, s, e, n};
            tok = copy_token(&lay, template, v);  /* steals t, s, e, n */
        } else {
            PyObject *argv[4] = {t, s, e, n};
            tok = PyObject_Vectorcall(token, argv, 4, NULL);
            Py_DECREF(t); Py_DECREF(n); Py_DECREF(s); Py_DECREF(e);
        }
        if (!flat) {
            if (!tok) goto fail;
            rc = PyList_Append(out, tok);
            Py_DECREF(tok);
            if (rc < 0) goto fail;
        }
        if (nmarks > 0 && j == i + 1 && PyUnicode_FindChar(marks, RD(i), 0, nmarks, 1) >= 0) {
            PyObject *k = PyLong_FromSsize_t(flat ? PyList_GET_SIZE(out) / 4 - 1 : PyList_GET_SIZE(out) - 1);
            rc = k ? PyList_Append(marked, k) : -1;
            Py_XDECREF(k);
            if (rc < 0) goto fail;
        }
        i = j;
    }
    Py_DECREF(empty);
    if (!marked) return out;
    PyObject *res = PyTuple_Pack(2, out, marked);
    Py_DECREF(out);
    Py_DECREF(marked);
    return res;
fail:
    Py_XDECREF(empty);
    Py_XDECREF(out);
    Py_XDECREF(marked);
    return NULL;
}

static PyMethodDef methods[] = {
    {"tokenize", tokenize, METH_VARARGS,
     "tokenize(text, start, end, token, norms, norm, template=None, marks=None) -> list | (list, list):\n"
     "kg.text.segment.tokenize in C."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "kg._native.text",
    "Tokenizer, the C twin of kg.text.segment.tokenize.", -1, methods,
};

PyMODINIT_FUNC PyInit_text(void) {
    if (PyType_Ready(&VocabType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module);
    if (!m) return NULL;
    Py_INCREF(&VocabType);
    if (PyModule_AddObject(m, "Vocab", (PyObject *)&VocabType) < 0) {
        Py_DECREF(&VocabType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}

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

/* tokenize(text, start, end, token, norms, norm, template=None, marks=None) -> list | (list, list)
 *   text:  str
 *   start, end: the span to scan, clamped to [0, len(text)] like re's pos/endpos
 *   token: the Token class; called as token(text, start, end, norm) for each token,
 *          unless template is given; or None: then the list is flat, text, start, end,
 *          norm of each token in turn (for a caller that builds tokens faster itself:
 *          a Token class compiled by mypyc is cheap to build from compiled code, slow from here)
 *   norms: dict, token text -> norm (cleared first when it holds more than 262,144 entries)
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
    if (!PyArg_ParseTuple(args, "UnnOO!O|OO:tokenize", &text, &start, &end, &token, &PyDict_Type, &norms, &norm,
                          &template, &marks))
        return NULL;
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
    if (PyDict_GET_SIZE(norms) > 262144) PyDict_Clear(norms);  /* bounded memory on endless streams */

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
    return PyModule_Create(&module);
}

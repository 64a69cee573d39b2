/* Phrase-trie scan of a sentence and the grouping of its matches by category.
 *
 * The C twins of kg.mentions.matcher.PhraseMatcher._scan_py and of the loop in
 * kg.lang.index.sentence_matches. They work on the same Python objects: the
 * trie's _Node instances, their step caches (dicts from a normalised token to
 * the tuple of nodes it leads to) and the per-node-set group cache. Every cache
 * miss calls back into Python, which computes the step and fills the cache, so
 * the two paths share one set of rules and give the same matches.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

enum { A_PAYLOADS, A_CHILDREN, A_PREFIXES, A_LATER, N_ATTRS };
static PyObject *s_names[N_ATTRS];  /* "payloads", "children", "prefixes", "_later" */

/* Where a node class keeps those attributes, when they are __slots__ (kg.mentions.matcher._Node
 * is): read from the object directly, not through getattr (a type lookup and a descriptor call
 * for each, several per token). Another class, or one whose attributes are not plain slots, goes
 * through getattr. The class is kept (a reference) once resolved; ``known`` is 1 if it qualified. */
static struct {
    PyTypeObject *type;
    int known;
    Py_ssize_t off[N_ATTRS];
} layout;

static void resolve_layout(PyTypeObject *tp) {
    Py_XDECREF(layout.type);
    Py_INCREF(tp);
    layout.type = tp;
    layout.known = 0;
    for (int k = 0; k < N_ATTRS; k++) {
        PyObject *d = _PyType_Lookup(tp, s_names[k]);  /* borrowed */
        if (d == NULL || Py_TYPE(d) != &PyMemberDescr_Type) return;
        PyMemberDef *m = ((PyMemberDescrObject *)d)->d_member;
        if (m->type != T_OBJECT_EX || (m->flags & READONLY)) return;
        layout.off[k] = m->offset;
    }
    layout.known = 1;
}

/* Attribute k of a node: 1 and a new reference; 0 for ``_later`` when it is unset or None (no
 * step cached yet); -1 on error (AttributeError for another unset attribute). */
static int node_attr(PyObject *node, int k, PyObject **out) {
    if (Py_TYPE(node) != layout.type) resolve_layout(Py_TYPE(node));
    PyObject *v;
    if (layout.known) {
        v = *(PyObject **)((char *)node + layout.off[k]);
        Py_XINCREF(v);
    } else {
#if PY_VERSION_HEX >= 0x030D0000
        if (PyObject_GetOptionalAttr(node, s_names[k], &v) < 0) return -1;
#else
        if (_PyObject_LookupAttr(node, s_names[k], &v) < 0) return -1;
#endif
    }
    if (k == A_LATER && v == Py_None) Py_CLEAR(v);
    *out = v;
    if (v != NULL) return 1;
    if (k == A_LATER) return 0;
    PyErr_SetObject(PyExc_AttributeError, s_names[k]);
    return -1;
}

/* Length of a sized attribute (node.payloads, node.children, node.prefixes), -1 on error. */
static Py_ssize_t attr_len(PyObject *node, int k) {
    PyObject *v;
    if (node_attr(node, k, &v) < 0) return -1;
    Py_ssize_t n = PyObject_Length(v);
    Py_DECREF(v);
    return n;
}

/* Does any node of the tuple hold payloads? 1/0, -1 on error. */
static int has_payload(PyObject *nodes) {
    Py_ssize_t k, m = PyTuple_GET_SIZE(nodes);
    for (k = 0; k < m; k++) {
        Py_ssize_t n = attr_len(PyTuple_GET_ITEM(nodes, k), A_PAYLOADS);
        if (n < 0) return -1;
        if (n > 0) return 1;
    }
    return 0;
}

static PyObject *as_tuple(PyObject *got, const char *what) {
    if (got != NULL && !PyTuple_Check(got)) {
        PyErr_Format(PyExc_TypeError, "%s must return a tuple of nodes", what);
        Py_DECREF(got);
        return NULL;
    }
    return got;
}

/* The nodes one later token leads to from ``node`` (new reference): node._later[norm] when cached;
 * else a leaf leads nowhere; else later_miss(node, norm), which computes and caches it.
 * (The cache first: most steps hit it, and then the node's children need no look.) */
static PyObject *step(PyObject *node, PyObject *norm, PyObject *later_miss) {
    PyObject *cache = NULL;
    if (node_attr(node, A_LATER, &cache) < 0) return NULL;
    if (cache != NULL) {
        PyObject *got = PyDict_Check(cache) ? PyDict_GetItemWithError(cache, norm) : NULL;
        if (got != NULL && PyTuple_Check(got)) {
            Py_INCREF(got);
            Py_DECREF(cache);
            return got;
        }
        Py_DECREF(cache);
        if (PyErr_Occurred()) return NULL;
    }
    Py_ssize_t nc = attr_len(node, A_CHILDREN);
    if (nc < 0) return NULL;
    if (nc == 0) {
        Py_ssize_t np = attr_len(node, A_PREFIXES);
        if (np < 0) return NULL;
        if (np == 0) return PyTuple_New(0);
    }
    return as_tuple(PyObject_CallFunctionObjArgs(later_miss, node, norm, NULL), "later_miss");
}

/* The union of every node's step, in order, without repeats (nodes compare by identity). */
static PyObject *step_all(PyObject *nodes, PyObject *norm, PyObject *later_miss) {
    if (PyTuple_GET_SIZE(nodes) == 1) return step(PyTuple_GET_ITEM(nodes, 0), norm, later_miss);
    PyObject *merged = PyList_New(0);
    if (merged == NULL) return NULL;
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(nodes); k++) {
        PyObject *nx = step(PyTuple_GET_ITEM(nodes, k), norm, later_miss);
        if (nx == NULL) { Py_DECREF(merged); return NULL; }
        for (Py_ssize_t a = 0; a < PyTuple_GET_SIZE(nx); a++) {
            PyObject *c = PyTuple_GET_ITEM(nx, a);
            int seen = 0;
            for (Py_ssize_t b = 0; b < PyList_GET_SIZE(merged); b++)
                if (PyList_GET_ITEM(merged, b) == c) { seen = 1; break; }
            if (!seen && PyList_Append(merged, c) < 0) { Py_DECREF(nx); Py_DECREF(merged); return NULL; }
        }
        Py_DECREF(nx);
    }
    PyObject *out = PyList_AsTuple(merged);
    Py_DECREF(merged);
    return out;
}

/* scan(norms, first, first_miss, later_miss) -> [(start, end, nodes)]
 *   norms:      list of str, the sentence's normalised tokens
 *   first:      dict, the root's step cache for a phrase's first token
 *   first_miss: callable(norm) -> tuple of nodes, computing (and caching) a first step
 *   later_miss: callable(node, norm) -> tuple of nodes, computing (and caching) a later step
 * Every match by start, then longest first, with the trie nodes holding its payloads.
 */
static PyObject *scan(PyObject *self, PyObject *args) {
    PyObject *norms, *first, *first_miss, *later_miss;
    if (!PyArg_ParseTuple(args, "O!O!OO", &PyList_Type, &norms, &PyDict_Type, &first, &first_miss, &later_miss))
        return NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(norms);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *norm = PyList_GET_ITEM(norms, i);
        PyObject *nodes = PyDict_GetItemWithError(first, norm);
        if (nodes != NULL && PyTuple_Check(nodes)) {
            Py_INCREF(nodes);
        } else {
            if (PyErr_Occurred()) goto fail;
            nodes = as_tuple(PyObject_CallFunctionObjArgs(first_miss, norm, NULL), "first_miss");
            if (nodes == NULL) goto fail;
        }
        Py_ssize_t at = PyList_GET_SIZE(out), j = i + 1;
        while (PyTuple_GET_SIZE(nodes) > 0) {
            int hp = has_payload(nodes);
            if (hp < 0) { Py_DECREF(nodes); goto fail; }
            if (hp) {
                PyObject *m = Py_BuildValue("(nnO)", i, j, nodes);
                if (m == NULL || PyList_Append(out, m) < 0) { Py_XDECREF(m); Py_DECREF(nodes); goto fail; }
                Py_DECREF(m);
            }
            if (j >= n) break;
            /* norms may change under a callback only if Python code misbehaves: re-check the size */
            if (j >= PyList_GET_SIZE(norms)) break;
            PyObject *nx = step_all(nodes, PyList_GET_ITEM(norms, j), later_miss);
            Py_DECREF(nodes);
            nodes = nx;
            if (nodes == NULL) goto fail;
            j++;
        }
        Py_DECREF(nodes);
        /* longest first: reverse what this start added */
        Py_ssize_t lo = at, hi = PyList_GET_SIZE(out) - 1;
        while (lo < hi) {
            PyObject *t = PyList_GET_ITEM(out, lo);
            PyList_SET_ITEM(out, lo, PyList_GET_ITEM(out, hi));
            PyList_SET_ITEM(out, hi, t);
            lo++, hi--;
        }
        n = PyList_GET_SIZE(norms);
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* Append match ``m`` (start, end, nodes) to ``by_cat`` under each category of its payloads; -1 on error. */
static int add_group(PyObject *by_cat, PyObject *m, PyObject *groups, PyObject *miss) {
    PyObject *nodes = PyTuple_GET_ITEM(m, 2);
    PyObject *g = PyDict_GetItemWithError(groups, nodes);
    if (g != NULL) {
        Py_INCREF(g);
    } else {
        if (PyErr_Occurred()) return -1;
        g = PyObject_CallOneArg(miss, nodes);
        if (g == NULL) return -1;
    }
    if (!PyTuple_Check(g)) {
        PyErr_SetString(PyExc_TypeError, "group: miss must return a tuple of (category, payloads)");
        Py_DECREF(g);
        return -1;
    }
    for (Py_ssize_t a = 0; a < PyTuple_GET_SIZE(g); a++) {
        PyObject *cp = PyTuple_GET_ITEM(g, a);
        if (!PyTuple_Check(cp) || PyTuple_GET_SIZE(cp) != 2) {
            PyErr_SetString(PyExc_TypeError, "group: expected (category, payloads)");
            Py_DECREF(g);
            return -1;
        }
        PyObject *cat = PyTuple_GET_ITEM(cp, 0);
        PyObject *lst = PyDict_GetItemWithError(by_cat, cat);
        if (lst == NULL) {
            if (PyErr_Occurred()) { Py_DECREF(g); return -1; }
            lst = PyList_New(0);
            if (lst == NULL || PyDict_SetItem(by_cat, cat, lst) < 0) { Py_XDECREF(lst); Py_DECREF(g); return -1; }
            Py_DECREF(lst);  /* by_cat holds it */
        }
        PyObject *ps = PySequence_List(PyTuple_GET_ITEM(cp, 1));
        if (ps == NULL) { Py_DECREF(g); return -1; }
        PyObject *item = PyTuple_Pack(3, PyTuple_GET_ITEM(m, 0), PyTuple_GET_ITEM(m, 1), ps);
        Py_DECREF(ps);
        if (item == NULL || PyList_Append(lst, item) < 0) { Py_XDECREF(item); Py_DECREF(g); return -1; }
        Py_DECREF(item);
    }
    Py_DECREF(g);
    return 0;
}

/* group(matches, groups, miss) -> {category: [(start, end, payloads)]}
 *   matches: list of (start, end, nodes) from scan
 *   groups:  dict, nodes -> ((category, payloads), ...) cache
 *   miss:    callable(nodes) -> that tuple, computing (and caching) it
 * Each match's payload list is a fresh copy: the callers own it.
 */
static PyObject *group(PyObject *self, PyObject *args) {
    PyObject *matches, *groups, *miss;
    if (!PyArg_ParseTuple(args, "O!O!O", &PyList_Type, &matches, &PyDict_Type, &groups, &miss)) return NULL;
    PyObject *by_cat = PyDict_New();
    if (by_cat == NULL) return NULL;
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(matches); k++) {
        PyObject *m = PyList_GET_ITEM(matches, k);
        if (!PyTuple_Check(m) || PyTuple_GET_SIZE(m) != 3) {
            PyErr_SetString(PyExc_TypeError, "group: a match must be (start, end, nodes)");
            goto fail;
        }
        Py_INCREF(m);  /* held across the miss callback */
        int r = add_group(by_cat, m, groups, miss);
        Py_DECREF(m);
        if (r < 0) goto fail;
    }
    return by_cat;
fail:
    Py_DECREF(by_cat);
    return NULL;
}

static PyMethodDef methods[] = {
    {"scan", scan, METH_VARARGS, "scan(norms, first, first_miss, later_miss) -> [(start, end, nodes)]"},
    {"group", group, METH_VARARGS, "group(matches, groups, miss) -> {category: [(start, end, payloads)]}"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "matcher", "Phrase-trie scan (C twin of kg.mentions.matcher).", -1, methods};

PyMODINIT_FUNC PyInit_matcher(void) {
    static const char *names[N_ATTRS] = {"payloads", "children", "prefixes", "_later"};
    for (int k = 0; k < N_ATTRS; k++)
        if (!(s_names[k] = PyUnicode_InternFromString(names[k]))) return NULL;
    return PyModule_Create(&module);
}

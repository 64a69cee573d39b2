"""The C accelerators (kg/_native) give the same output as their pure-Python twins.

CI sets KG_REQUIRE_NATIVE=1: there a module that did not build is a failure,
not a skip (the build hook only warns, so that installs without a compiler work).
"""

from __future__ import annotations

import os

import numpy as np
import pytest
from conftest import require_native as require

from kg._native import MODULES, status




def test_pure_python_switch_hides_every_module(monkeypatch) -> None:
    monkeypatch.setenv("KG_PURE_PYTHON", "1")
    assert status() == {name: False for name in MODULES}


# Hand-written sentences, tokenised like ANERcorp; lengths 1 to 40 tokens.
SENTENCES = [
    "قال وزير الخارجية الفرنسي في باريس إن الاتحاد الأوروبي سيبحث العقوبات .",
    "بيروت",
    "في بيروت",
    "أعلنت وزارة الدفاع التركية أن قواتها قصفت مواقع في شمال العراق , وقال المتحدث باسم الجيش إن "
    "العملية مستمرة حتى تحقيق أهدافها , بينما دعت بغداد أنقرة إلى احترام سيادتها .",
    "التقى الأمين العام للأمم المتحدة أنطونيو غوتيريش الرئيس الكيني في نيروبي .",
]


def test_crf_posterior_equals_numpy() -> None:
    require("crf")
    from kg.ner.tagger import load as load_tagger

    tg = load_tagger()
    sents = [s.split() for s in SENTENCES] + [[]]
    tg.crf.native = False
    try:
        want = tg.tag_many(sents, threshold=0.0)
    finally:
        tg.crf.native = True
    got = tg.tag_many(sents, threshold=0.0)
    assert sum(len(spans) for _, spans in want) >= 5  # the comparison covers real spans
    for (wt, ws), (gt, gs) in zip(want, got):
        assert gt == wt
        assert [(s.start, s.end, s.type) for s in gs] == [(s.start, s.end, s.type) for s in ws]
        assert [s.score for s in gs] == pytest.approx([s.score for s in ws], abs=1e-12)


def tiny_model(labels: list[str], rows: dict[str, int], label_of: dict[str, str]) -> tuple:
    """``tag_doc``'s model tuple for a hand-made CRF: each word strongly scores one label, no transitions."""
    K, R = len(labels), len(rows) + 1
    table = np.zeros((R, 5, K))
    for w, r in rows.items():
        table[r, 0, labels.index(label_of[w])] = 30.0
    return (np.zeros(R, dtype=np.int64), np.array([np.iinfo(np.int64).max], dtype=np.int64),
            np.zeros(1, dtype=np.int64), [None] * R, [""] * R, {}, {}, table,
            np.zeros((1, 2, K)), np.zeros((1, 3, K)), np.zeros((4, K)), np.ones((K, K)))


def test_crf_tag_doc_spans_follow_bio_runs_and_the_cut() -> None:
    crf = require("crf")
    labels = ["B-X", "I-X", "I-Y", "O"]
    rows = {"a": 1, "b": 2, "c": 3, "d": 4}
    model = tiny_model(labels, rows, {"a": "I-X", "b": "B-X", "c": "I-Y", "d": "O"})
    sents = [["a", "a", "d", "b", "c"], [], ["c"]]
    tags, spans = crf.tag_doc(rows, None, sents, model, labels, 3, 0.5)
    assert tags == [["I-X", "I-X", "O", "B-X", "I-Y"], [], ["I-Y"]]
    # a stray I- opens a span, an I- of another type starts a new one, sentences never join
    assert [s[:4] for s in spans] == [(0, 0, 2, "X"), (0, 3, 4, "X"), (0, 4, 5, "Y"), (2, 0, 1, "Y")]
    assert all(0.99 < s[4] <= 1.0 for s in spans)
    assert crf.tag_doc(rows, None, sents, model, labels, 3, 1.01) == (tags, [])  # nothing reaches the cut
    assert crf.tag_doc(rows, None, [["a", "new"]], model, labels, 3, 0.5) is None  # a word without a row
    # the identity cache: the same results, filled with the token objects it has seen
    ids = crf.IdMap()
    assert crf.tag_doc(rows, ids, sents, model, labels, 3, 0.5) == (tags, spans)
    assert len(ids) == 4
    assert crf.tag_doc(rows, ids, sents, model, labels, 3, 0.5) == (tags, spans)  # found by identity now
    copies = [["".join(["a"]), "c"]]  # equal strings, other objects: found in rows, then added
    assert crf.tag_doc(rows, ids, copies, model, labels, 3, 0.5)[0] == [["I-X", "I-Y"]]
    with pytest.raises(ValueError, match="outside"):
        crf.tag_doc({"a": 9}, None, [["a"]], model, labels, 3, 0.5)
    with pytest.raises(TypeError, match="tuple of 12"):
        crf.tag_doc(rows, None, sents, model[:-1], labels, 3, 0.5)
    with pytest.raises(ValueError, match="inconsistent"):
        crf.tag_doc(rows, None, sents, model, labels[:-1], 3, 0.5)
    with pytest.raises(TypeError, match="IdMap"):
        crf.tag_doc(rows, {}, sents, model, labels, 3, 0.5)


def test_crf_tag_doc_adds_rows_for_new_words_and_reads_the_gazetteer() -> None:
    require("crf")
    from kg.ner.arabic import normalize, strip_clitics
    from kg.ner.tagger import load as load_tagger

    tg = load_tagger()
    word = "زقزقستان"  # no such word: it has no row until the tagger adds one
    sent = "وصل الوفد إلى بيروت ثم دمشق".split() + [word, "."]
    gaz = tg.featurizer.gaz.tags([strip_clitics(normalize(w))[1] for w in sent])
    assert any(gaz)  # the sentence holds gazetteer entries: their tag ids reach the scores
    got = tg.crf.tag_doc(tg.featurizer, [sent], tg._outside, 0.0)
    assert got is not None and word in tg.crf._rows
    assert tg.crf.tag_doc(tg.featurizer, [sent], tg._outside, 0.0) == got  # now through the identity cache
    assert set(tg.crf._gaz_pairs(tg.featurizer)) == set(tg.featurizer.gaz.types) >= {"LOC", "ORG", "PERS"}
    tg.crf.native = False
    try:
        want = tg.tag_many([sent], threshold=0.0)
    finally:
        tg.crf.native = True
    assert got[0] == [want[0][0]]
    assert [s[1:4] for s in got[1]] == [(s.start, s.end, s.type) for s in want[0][1]]


def tag_rows_args(E: np.ndarray, starts: list[int], lens: list[int], trans: np.ndarray) -> tuple:
    """``tag_rows`` arguments whose scores are exactly E: one table row per position, offset 0 only."""
    N, K = E.shape
    table = np.zeros((N + 1, 5, K))
    table[1:, 0] = E
    seq = np.arange(1, N + 1, dtype=np.int64)
    zeros = np.zeros(N, dtype=np.int64)
    return (seq, np.array(starts, dtype=np.int64), np.array(lens, dtype=np.int64), table, zeros,
            np.zeros((1, 2, K)), zeros, np.zeros((1, 3, K)), np.zeros((4, K)), np.exp(trans),
            np.full(N, -1, dtype=np.int64), np.zeros(N))


def test_crf_marginals_on_random_scores() -> None:
    # brute force over all label paths of short sentences: the C marginals are exact
    crf = require("crf")
    import itertools

    rng = np.random.default_rng(7)
    K = 3
    trans = rng.normal(size=(K, K))
    starts, lens = [0, 2, 5], [1, 2, 4]
    E = rng.normal(size=(9, K))  # rows 1 and 4 belong to no sentence
    args = tag_rows_args(E, starts, lens, trans)
    crf.tag_rows(*args)
    best, conf = args[-2], args[-1]
    for s, n in zip(starts, lens):
        P = np.zeros((n, K))
        for path in itertools.product(range(K), repeat=n):
            score = sum(E[s + t, y] for t, y in enumerate(path)) + sum(trans[a, b] for a, b in zip(path, path[1:]))
            for t, y in enumerate(path):
                P[t, y] += np.exp(score)
        P /= P.sum(axis=1, keepdims=True)
        assert best[s:s + n].tolist() == P.argmax(axis=1).tolist()
        assert conf[s:s + n] == pytest.approx(P.max(axis=1), abs=1e-12)
    assert best[1] == -1 and best[4] == -1  # rows of no sentence are left alone


def test_crf_rejects_inconsistent_arguments() -> None:
    crf = require("crf")
    E = np.zeros((4, 3))
    bad = list(tag_rows_args(E, [2], [5], np.zeros((3, 3))))  # the sentence runs past the end
    with pytest.raises(ValueError):
        crf.tag_rows(*bad)
    bad = list(tag_rows_args(E, [0], [2], np.zeros((3, 3))))
    bad[0] = bad[0] + 10  # a row outside the table
    with pytest.raises(ValueError):
        crf.tag_rows(*bad)
    bad = list(tag_rows_args(E, [0], [2], np.zeros((3, 3))))
    bad[1] = bad[1].astype(np.int32)
    with pytest.raises(TypeError):
        crf.tag_rows(*bad)


def test_models_status_says_which_accelerators_are_in_use(monkeypatch) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    require("crf")
    res = CliRunner().invoke(app, ["models", "status"])
    assert res.exit_code == 0
    assert "native crf\tC" in res.output
    monkeypatch.setenv("KG_PURE_PYTHON", "1")
    res = CliRunner().invoke(app, ["models", "status"])
    assert "native crf\tpure Python" in res.output


def test_crf_seq_rows_lays_sentences_out_and_counts_unknown_words() -> None:
    crf = require("crf")
    rows = {"a": 3, "b": 5}
    seq = np.full(2 + 3 + 2 + 1 + 2, -1, dtype=np.int64)
    assert crf.seq_rows(rows, [["a", "x", "b"], ["b"]], seq) == 1  # "x" is unknown
    assert seq.tolist() == [0, 0, 3, 0, 5, 0, 0, 5, 0, 0]
    with pytest.raises(ValueError):  # the layout needs exactly len(seq) positions
        crf.seq_rows(rows, [["a"]], seq)
    with pytest.raises(TypeError):
        crf.seq_rows(rows, [("a",)], np.zeros(5, dtype=np.int64))


def require_compiled_rules() -> None:
    """The mypyc build of the rule modules in use, else skip; under KG_REQUIRE_NATIVE=1 (CI) a failure."""
    from kg._native import use_compiled_rules

    state = use_compiled_rules()
    if state != "compiled":
        if os.environ.get("KG_REQUIRE_NATIVE") == "1":
            pytest.fail(f"rule modules not compiled (KG_REQUIRE_NATIVE=1): {state}")
        pytest.skip(f"rule modules not compiled: {state}")


def test_compiled_rule_modules_are_the_ones_imported() -> None:
    import importlib

    from kg._native import COMPILED, GROUP

    require_compiled_rules()
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    for name in COMPILED:
        assert importlib.import_module(name).__file__.endswith(suffix), name
    assert importlib.import_module(GROUP + "__mypyc").__file__.endswith(suffix)
    from kg.model import Token

    assert not hasattr(Token("a", 0, 1), "__dict__")  # a native class: attributes at fixed offsets


def test_extraction_pickles_and_copies(seed_path) -> None:
    # compiled by mypyc, a class with a written-out __init__ is rebuilt through __reduce__
    import copy
    import pickle

    from kg.model import Document
    from kg.pipeline import extract

    ex = extract(Document(id="seed", text=seed_path.read_text(encoding="utf-8"), lang="ar"))
    assert ex.entities and ex.events and ex.entities[0].mentions
    for clone in (pickle.loads(pickle.dumps(ex)), copy.deepcopy(ex)):
        assert clone == ex and clone.entities[0] is not ex.entities[0]
        assert clone.entities[0].mentions[0].attrs == ex.entities[0].mentions[0].attrs


def _fake_build(tmp_path):  # a package tree holding every compiled module's source, and its manifest
    import json
    import sysconfig

    from kg._native import COMPILED, MANIFEST, digest, source_of

    for n, name in enumerate(COMPILED):
        src = source_of(name, tmp_path)
        src.parent.mkdir(parents=True, exist_ok=True)
        src.write_text(f"X = {n}\n", encoding="utf-8")
    manifest = tmp_path / "kg" / "_native" / MANIFEST
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps({"ext_suffix": sysconfig.get_config_var("EXT_SUFFIX"),
                                    "sources": {m: digest(source_of(m, tmp_path)) for m in COMPILED}}))
    return manifest


def test_rules_state_follows_the_sources(tmp_path) -> None:
    from kg._native import COMPILED, rules_state, source_of

    assert rules_state(tmp_path, pure=False) == "pure Python (not built)"
    manifest = _fake_build(tmp_path)
    assert rules_state(tmp_path, pure=False) == "compiled"
    assert rules_state(tmp_path, pure=True) == "pure Python (KG_PURE_PYTHON set)"
    edited = source_of(COMPILED[5], tmp_path)
    edited.write_text("X = 'edited'\n", encoding="utf-8")  # an edit after the build: its source is used
    state = rules_state(tmp_path, pure=False)
    assert state.startswith("pure Python (") and str(edited) in state and "hatch_build.py" in state
    manifest.write_text("{not json", encoding="utf-8")
    assert rules_state(tmp_path, pure=False).startswith("pure Python (unreadable ")


def test_an_edited_source_is_loaded_instead_of_its_stale_build(root, tmp_path) -> None:
    # a copy of the installed package with one compiled module's source edited after the build
    import shutil
    import subprocess
    import sys

    require_compiled_rules()
    shutil.copytree(root / "kg", tmp_path / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    roles = tmp_path / "kg" / "events" / "roles.py"
    roles.write_text(roles.read_text(encoding="utf-8") + "\nEDITED = True\n", encoding="utf-8")
    res = subprocess.run([sys.executable, "-c", "import kg.events.roles as r, kg.model as m; "
                          "print(r.__file__); print(m.__file__); print(r.EDITED)"],
                         cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(tmp_path)},
                         capture_output=True, text=True, check=True)
    assert res.stdout.split() == [str(roles), str(tmp_path / "kg" / "model.py"), "True"]  # all sources
    assert "out of date" in res.stderr and "roles.py" in res.stderr


def _hook(root):  # hatch_build.py, imported as a module
    import importlib.util

    spec = importlib.util.spec_from_file_location("kg_hatch_build", root / "hatch_build.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_build_goes_on_pure_python_when_mypyc_fails_or_is_missing(root, tmp_path, monkeypatch) -> None:
    import shutil
    import sys
    import types

    hook = _hook(root)
    manifest = _fake_build(tmp_path)  # a tree with sources and an old manifest
    shutil.copy(root / "kg" / "_native" / "__init__.py", tmp_path / "kg" / "_native" / "__init__.py")
    logged: list[str] = []

    def refuse(*args, **kwargs):  # what mypyc does on a type error
        raise SystemExit(1)

    monkeypatch.setitem(sys.modules, "mypyc.build", types.SimpleNamespace(mypycify=refuse))
    monkeypatch.setitem(sys.modules, "setuptools", types.SimpleNamespace(Distribution=object))
    assert hook.compile_rules(tmp_path, logged.append) == []
    assert not manifest.exists()  # the old build no longer counts: kg uses the sources
    assert "mypyc failed" in logged[-1] and "pure Python" in logged[-1]
    monkeypatch.setitem(sys.modules, "mypyc.build", None)  # not installed
    assert hook.compile_rules(tmp_path, logged.append) == []
    assert "mypyc is not installed" in logged[-1]


def test_models_status_names_the_rule_modules_state(monkeypatch) -> None:
    from typer.testing import CliRunner

    from kg._native import use_compiled_rules
    from kg.cli import app

    res = CliRunner().invoke(app, ["models", "status"])
    assert res.exit_code == 0
    assert f"rules\t{use_compiled_rules()}" in res.output


def test_extraction_is_the_same_with_and_without_the_accelerators(root, data_dir) -> None:
    # whole pipeline, both languages: `kg extract` in a fresh process per path (C and compiled rules vs sources)
    import subprocess
    import sys

    require("crf")
    inputs = [root / "seeds", data_dir / "eval" / "articles"]
    outs = {}
    for label, extra in (("C", {}), ("pure", {"KG_PURE_PYTHON": "1"})):
        env = {k: v for k, v in os.environ.items() if k != "KG_PURE_PYTHON"} | extra
        outs[label] = [subprocess.run([sys.executable, "-m", "kg", "extract", str(p), "--format", "jsonl"],
                                      env=env, capture_output=True, text=True, check=True).stdout for p in inputs]
        state, where = subprocess.run(
            [sys.executable, "-c",
             "import kg._native as n, kg.events.roles as r; print(n.use_compiled_rules()); print(r.__file__)"],
            env=env, capture_output=True, text=True, check=True).stdout.splitlines()
        assert (state == "pure Python (KG_PURE_PYTHON set)") == (label == "pure")
        if label == "pure":
            assert where.endswith(".py")  # the source, even where a compiled module lies beside it
    assert all(out.count("\n") >= 1 for out in outs["C"])
    assert sum(out.count('"type": "ASSAULT"') + out.count('"type":"ASSAULT"') for out in outs["C"]) >= 1
    assert outs["C"] == outs["pure"]


def test_crf_pair_ids_equal_numpy_search() -> None:
    crf = require("crf")
    from kg.ner.tagger import load as load_tagger

    model = load_tagger().crf
    rng = np.random.default_rng(3)
    known = model._pair_keys[:-1][rng.integers(0, len(model._pair_keys) - 1, 40)]  # real bigrams
    bw = np.concatenate([[0], np.stack([known >> 24, known & ((1 << 24) - 1)], axis=1).ravel(),
                         rng.integers(0, 50, 60)]).astype(np.int64)  # word rows: pairs, then noise
    seq = np.concatenate([np.arange(1, 81), rng.integers(0, len(bw), 200)]).astype(np.int64)
    want = model._pair_ids(bw[seq])
    got = np.full(len(seq), -1, dtype=np.int64)
    crf.pair_ids(seq, bw, model._pair_keys, model._pair_rows, got)
    assert (want[0:80:2] > 0).all()  # the comparison covers bigrams that are found
    assert got.tolist() == want.tolist()


def test_crf_gaz_tags_equal_the_python_trie_walk() -> None:
    crf = require("crf")
    import random

    from kg.ner.gazetteer import Gazetteer

    gaz = Gazetteer([("نهر الاردن", "LOC"), ("الاردن", "LOC"), ("بنك الاردن الدولي", "ORG"),
                     ("وادي عربه", "LOC"), ("بنك", "ORG"), ("نهر الاردن", "PERS")])
    stems = ["", "نهر", "اردن", "بنك", "دولي", "وادي", "عربه", "قال", "في"]
    gz = np.array([s in gaz.index for s in stems])
    rnd = random.Random(5)
    for _ in range(300):
        seq = np.array([rnd.randrange(len(stems)) for _ in range(rnd.randrange(1, 12))], dtype=np.int64)
        want = gaz.tags_at(np.flatnonzero(gz[seq]).tolist(), lambda i: stems[seq[i]] if i < len(seq) else "")
        assert crf.gaz_tags(seq, gz, stems, gaz.index) == want
    seq = np.array([1, 2, 8, 3, 2, 4], dtype=np.int64)  # نهر اردن في بنك اردن دولي
    assert crf.gaz_tags(seq, gz, stems, gaz.index) == {0: "B-LOC", 1: "I-LOC", 3: "B-ORG", 4: "I-ORG", 5: "I-ORG"}

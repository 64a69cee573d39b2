"""Input readers: each bad input is one error naming the file (and line); the rest still read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.io import detect_lang, read_inputs, read_text_file
from kg.io.readers import count_inputs, split_front_matter
from kg.model import Document


@pytest.fixture()
def io_dir(data_dir: Path) -> Path:
    return data_dir / "io"


def _split(items) -> tuple[list[Document], list[KgError]]:
    docs = [i for i in items if isinstance(i, Document)]
    errs = [i for i in items if isinstance(i, KgError)]
    return docs, errs


def test_directory_is_recursive_sorted_and_typed(io_dir):
    docs, errs = _split(list(read_inputs([io_dir / "dir"])))
    assert [d.id for d in docs] == ["a_en", "c_front", "b_ar"]     # dir/a, dir/c, dir/sub/b
    assert errs == []                                              # notes.csv inside a directory is ignored
    assert [d.lang for d in docs] == ["en", "en", "ar"]
    assert docs[0].source.endswith("a_en.txt")


def test_markdown_front_matter(io_dir):
    doc = read_text_file(io_dir / "dir" / "c_front.md")
    assert isinstance(doc, Document)
    assert (doc.title, doc.date, doc.url) == ("Talks resume", "2025-05-04", "https://example.org/talks")
    assert doc.text.startswith("The two foreign ministers")      # offsets index the kept text
    i = doc.text.index("Geneva")
    assert doc.text[i:i + 6] == "Geneva"


@pytest.mark.parametrize("name, code", [
    ("empty.txt", "E100"), ("blank.txt", "E100"), ("binary.txt", "E101"), ("latin1.txt", "E102"),
    ("dir/notes.csv", "E105"), ("missing.txt", "E106"),
])
def test_bad_file_is_one_line_error_naming_it(io_dir, name, code):
    items = list(read_inputs([io_dir / name, io_dir / "dir" / "a_en.txt"]))
    docs, errs = _split(items)
    assert [d.id for d in docs] == ["a_en"]                       # the good file is still read
    assert len(errs) == 1
    msg = str(errs[0])
    assert msg.startswith(f"{code} {io_dir / name}: ")
    assert "\n" not in msg


def test_jsonl_lines(io_dir):
    items = list(read_inputs([io_dir / "mixed.jsonl"]))
    docs, errs = _split(items)
    assert [d.id for d in docs] == ["j1", "j3", "j6"]
    j1 = docs[0]
    assert (j1.date, j1.title, j1.url, j1.lang) == ("2025-01-02", "t1", "https://example.org/1", "en")
    assert docs[1].lang == "ar"
    by_line = {e.line: (e.code, str(e)) for e in errs}
    assert sorted(by_line) == [2, 5, 6, 7, 8]
    assert by_line[2][0] == "E103" and "line 2: malformed JSON" in by_line[2][1]
    assert by_line[5][0] == "E104"
    assert by_line[6][0] == "E107" and "'date'" in by_line[6][1]
    assert by_line[7][0] == "E103"
    assert by_line[8][0] == "E108"
    for code, msg in by_line.values():
        assert str(io_dir / "mixed.jsonl") in msg and "\n" not in msg


def test_jsonl_with_a_non_utf8_line_keeps_the_others(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_bytes(json.dumps({"id": "a", "text": "ok"}).encode() + b"\n" + b'{"id": "b", "text": "caf\xe9"}\n'
                  + json.dumps({"id": "c", "text": "fine"}).encode() + b"\n")
    docs, errs = _split(list(read_inputs([p])))
    assert [d.id for d in docs] == ["a", "c"]
    assert len(errs) == 1 and errs[0].code == "E102" and "line 2" in str(errs[0])


def test_language_options(io_dir):
    doc = read_text_file(io_dir / "dir" / "sub" / "b_ar.txt", lang="en")
    assert doc.lang == "en"                                       # explicit --lang wins for text files
    assert detect_lang("قال الوزير إن (NATO) سترد") == "ar"
    assert detect_lang("NATO said on Monday") == "en"
    assert detect_lang("12345") == "en"


def test_date_option_fills_missing_dates(io_dir):
    docs, _ = _split(list(read_inputs([io_dir / "dir"], date="2024-02-03")))
    assert {d.id: d.date for d in docs} == {"a_en": "2024-02-03", "c_front": "2025-05-04", "b_ar": "2024-02-03"}


def test_front_matter_only_when_at_start():
    assert split_front_matter("Body\n---\nx: y\n---\n") == ({}, "Body\n---\nx: y\n---\n")


def test_count_inputs(io_dir):
    assert count_inputs([io_dir / "dir", io_dir / "mixed.jsonl"]) == 3 + 8

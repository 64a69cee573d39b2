"""Reading dev-set articles and gold files; errors name the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.eval.articles import read_article
from kg.eval.gold import load_gold


def test_read_article_with_header(data_dir: Path) -> None:
    p = data_dir / "eval" / "articles" / "ar_fixture_shelling.txt"
    doc = read_article(p)
    assert doc.id == "ar_fixture_shelling" and doc.lang == "ar" and doc.date == "2024-03-05"
    assert doc.source.startswith("hand-written fixture")
    assert doc.text.startswith("قصفت القوات الروسية")  # body only: offsets index the body
    raw = p.read_text(encoding="utf-8")
    assert raw.endswith(doc.text)


def test_unknown_date_and_dated_comment(tmp_path: Path) -> None:
    a = tmp_path / "en_x.txt"
    a.write_text("src\nunknown\n\nBody text.\n", encoding="utf-8")
    assert read_article(a).date is None and read_article(a).text == "Body text.\n"
    b = tmp_path / "x.txt"
    b.write_text("src\n2021-11-16 (inferred from the text)\n\nيريفان قالت.\n", encoding="utf-8")
    doc = read_article(b)
    assert doc.date == "2021-11-16" and doc.lang == "ar"  # detected from the script


def test_plain_article_is_read_whole(tmp_path: Path) -> None:
    p = tmp_path / "plain.txt"
    p.write_text("Iran freed ten sailors.\nThe U.S. thanked Tehran.\n", encoding="utf-8")
    doc = read_article(p)
    assert doc.text == p.read_text(encoding="utf-8") and doc.date is None and doc.lang == "en"


@pytest.mark.parametrize("content,code", [(b"", "E100"), (b"\x00\x01bin", "E101"), (b"caf\xe9 ok", "E102")])
def test_bad_article_files(tmp_path: Path, content: bytes, code: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(KgError) as exc:
        read_article(p)
    assert exc.value.code == code and "bad.txt" in str(exc.value)


def test_load_gold_fixture(data_dir: Path) -> None:
    g = load_gold(data_dir / "eval" / "gold" / "ar_fixture_shelling.json")
    assert g.lang == "ar" and len(g.entities) == 9 and len(g.events) == 3 and len(g.relations) == 3
    assert g.entity("Russia") is not None and g.events[0].dead == 3


@pytest.mark.parametrize("text,code,needle", [
    ('{"entities": [}', "E103", "line 1"),
    ('{"entities": [{"name": "X", "type": "Planet"}]}', "E610", "Planet"),
    ('{"events": [{"type": "ASSAULT"}]}', "E610", "sentence"),
    ('{"relations": [{"subject": "a", "predicate": "likes", "object": "b"}]}', "E610", "likes"),
    ('[1, 2]', "E610", "object"),
])
def test_bad_gold_files(tmp_path: Path, text: str, code: str, needle: str) -> None:
    p = tmp_path / "g.json"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(KgError) as exc:
        load_gold(p)
    assert exc.value.code == code and "g.json" in str(exc.value) and needle in str(exc.value)


def test_gold_fixture_strings_occur_in_the_articles(data_dir: Path) -> None:
    # The fixtures obey the dev-set rule: every mention and sentence is exact body text.
    for gp in sorted((data_dir / "eval" / "gold").glob("*.json")):
        body = read_article(data_dir / "eval" / "articles" / (gp.stem + ".txt")).text
        data = json.loads(gp.read_text(encoding="utf-8"))
        for e in data["entities"]:
            assert all(m in body for m in e["mentions"]), e["name"]
        assert all(e["sentence"] in body for e in data["events"])

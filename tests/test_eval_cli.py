"""`kg eval` on the hand-made fixtures in tests/data/eval."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app

runner = CliRunner()


def _paths(data_dir: Path) -> tuple[str, str, str]:
    d = data_dir / "eval"
    return str(d / "gold"), str(d / "articles"), str(d / "pred.jsonl")


def test_eval_saved_predictions_json(data_dir: Path) -> None:
    gold, arts, pred = _paths(data_dir)
    res = runner.invoke(app, ["eval", gold, arts, "--pred", pred, "--format", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    by_id = {a["id"]: a["scores"] for a in out["articles"]}
    ar, en = by_id["ar_fixture_shelling"], by_id["en_fixture_talks"]
    assert (ar["entity"]["tp"], ar["entity"]["fp"], ar["entity"]["fn"]) == (6, 1, 3)
    assert (ar["entity_typed"]["tp"], ar["entity_typed"]["fp"], ar["entity_typed"]["fn"]) == (5, 2, 4)
    assert (ar["event"]["tp"], ar["event"]["fp"], ar["event"]["fn"]) == (2, 1, 1)
    assert (ar["event_roles"]["tp"], ar["event_roles"]["fp"], ar["event_roles"]["fn"]) == (1, 2, 2)
    assert (ar["relation"]["tp"], ar["relation"]["fp"], ar["relation"]["fn"]) == (2, 1, 1)
    assert (en["entity"]["tp"], en["entity"]["fn"], en["event_roles"]["tp"]) == (4, 1, 0)
    assert out["micro"]["entity"]["tp"] == 10 and out["micro"]["entity"]["precision"] == round(10 / 11, 4)
    assert out["macro"]["relation"]["f1"] == round((2 / 3 + 2 / 3) / 2, 4)


def test_eval_table_with_details(data_dir: Path) -> None:
    gold, arts, pred = _paths(data_dir)
    res = runner.invoke(app, ["eval", gold, arts, "--pred", pred, "--details"])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    row = next(line for line in lines if line.startswith("ar_fixture_shelling"))
    assert row.split()[1:4] == ["0.86", "0.67", "0.75"]  # entity P R F1
    assert any(line.startswith("micro total") for line in lines)
    assert "FP Tuesday [Person]" in res.stdout and "FN Paris [Place]" in res.stdout


def test_eval_single_file_pair(data_dir: Path) -> None:
    d = data_dir / "eval"
    res = runner.invoke(app, ["eval", str(d / "gold" / "en_fixture_talks.json"),
                              str(d / "articles" / "en_fixture_talks.txt"), "--pred", str(d / "pred.jsonl"),
                              "--format", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert [a["id"] for a in out["articles"]] == ["en_fixture_talks"]
    assert out["articles"][0]["scores"]["relation"]["recall"] == 0.5


def test_eval_runs_the_extractor(data_dir: Path) -> None:
    gold, arts, _ = _paths(data_dir)
    res = runner.invoke(app, ["eval", gold, arts, "--format", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert len(out["articles"]) == 2 and not out["errors"]
    for a in out["articles"]:
        assert a["scores"]["entity"]["tp"] > 0  # the extractor finds some of the countries
        assert all(0.0 <= s["f1"] <= 1.0 for s in a["scores"].values())


def test_eval_errors_are_one_line(tmp_path: Path, data_dir: Path) -> None:
    gold, arts, pred = _paths(data_dir)
    res = runner.invoke(app, ["eval", str(tmp_path / "nope"), arts, "--pred", pred])
    assert res.exit_code != 0 and "nope" in str(res.exception or res.output)
    bad = tmp_path / "gold"
    bad.mkdir()
    (bad / "ar_fixture_shelling.json").write_text("{oops", encoding="utf-8")
    (bad / "en_fixture_talks.json").write_bytes((data_dir / "eval" / "gold" / "en_fixture_talks.json").read_bytes())
    res = runner.invoke(app, ["eval", str(bad), arts, "--pred", pred, "--format", "json"])
    assert res.exit_code == 1
    assert "E103" in res.stderr and "ar_fixture_shelling.json" in res.stderr
    assert [a["id"] for a in json.loads(res.stdout)["articles"]] == ["en_fixture_talks"]  # the other goes on

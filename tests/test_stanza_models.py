"""Model directory, missing models (E501), missing extra (E502), `kg models` commands."""

from __future__ import annotations

import socket
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kg.errors import ModelError
from kg.nlp.models import check_models, download, has_models, model_dir, require_stanza
from kg.nlp.stanza_backend import StanzaConfig, build_pipeline


def test_model_dir_resolution(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("KG_STANZA_DIR", raising=False)
    monkeypatch.delenv("STANZA_RESOURCES_DIR", raising=False)
    assert model_dir() == Path.home() / "stanza_resources"
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "s"))
    assert model_dir() == tmp_path / "s"
    monkeypatch.setenv("KG_STANZA_DIR", str(tmp_path / "k"))
    assert model_dir() == tmp_path / "k"
    assert model_dir(tmp_path / "opt") == tmp_path / "opt"


def test_models_present_only_with_resources_and_language(tmp_path: Path) -> None:
    assert not has_models("ar", tmp_path)
    (tmp_path / "ar").mkdir()
    assert not has_models("ar", tmp_path)
    (tmp_path / "resources.json").write_text("{}")
    assert has_models("ar", tmp_path) and not has_models("en", tmp_path)
    check_models("ar", tmp_path)
    with pytest.raises(ModelError) as exc:
        check_models("en", tmp_path)
    assert exc.value.code == "E501" and "kg models download en" in str(exc.value)


def test_stanza_missing_is_E502(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "stanza", None)  # import stanza → ImportError
    with pytest.raises(ModelError) as exc:
        require_stanza()
    assert exc.value.code == "E502" and "kg[stanza]" in str(exc.value)


@pytest.mark.stanza
def test_missing_models_fail_fast_without_network(stanza_module: Any, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the stanza backend tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    t0 = time.perf_counter()
    for lang in ("ar", "en"):
        with pytest.raises(ModelError) as exc:
            build_pipeline(lang, StanzaConfig(model_dir=str(tmp_path)))
        msg = str(exc.value)
        assert exc.value.code == "E501" and f"run: kg models download {lang}" in msg and "\n" not in msg
    # models dir with resources.json but a processor's model file missing: still E501, no download
    (tmp_path / "resources.json").write_text('{"ar": {"lang_name": "Arabic", "default_processors": {"tokenize": "padt"}}}')
    (tmp_path / "ar" / "tokenize").mkdir(parents=True)
    with pytest.raises(ModelError) as exc:
        build_pipeline("ar", StanzaConfig(model_dir=str(tmp_path), processors="tokenize"))
    assert exc.value.code == "E501" and "\n" not in str(exc.value)
    assert time.perf_counter() - t0 < 30


@pytest.mark.stanza
def test_explicit_model_file_missing_is_E500(stanza_module: Any, tmp_path: Path) -> None:
    config = StanzaConfig(processors="tokenize,ner", pretokenized=True,
                          paths=(("ner_model_path", str(tmp_path / "nope.pt")),))
    with pytest.raises(ModelError) as exc:
        build_pipeline("ar", config)
    assert exc.value.code == "E500" and "nope.pt" in str(exc.value)


@pytest.mark.stanza
def test_download_offline_is_one_line_E503(stanza_module: Any, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import requests

    def offline(*args: Any, **kwargs: Any) -> None:
        raise requests.exceptions.ConnectionError(
            "HTTPSConnectionPool(host='raw.githubusercontent.com', port=443): Max retries exceeded "
            "(Caused by NameResolutionError(\"Failed to resolve 'raw.githubusercontent.com'\"))")

    monkeypatch.setattr(stanza_module, "download", offline)
    with pytest.raises(ModelError) as exc:
        download(["ar"], tmp_path)
    assert exc.value.code == "E503" and "no network connection" in str(exc.value)

    from kg.cli import app

    result = CliRunner().invoke(app, ["models", "download", "ar", "en", "--dir", str(tmp_path)])
    assert result.exit_code != 0 and isinstance(result.exception, ModelError)
    assert str(result.exception).startswith("E503 cannot download stanza models for 'ar'")


def test_download_rejects_unknown_language_before_anything(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as exc:
        download(["xx"], tmp_path)
    assert exc.value.code == "E503" and "unsupported language" in str(exc.value)
    assert not any(tmp_path.iterdir())


def test_cli_models_status(tmp_path: Path) -> None:
    from kg.cli import app

    (tmp_path / "en").mkdir()
    (tmp_path / "resources.json").write_text("{}")
    result = CliRunner().invoke(app, ["models", "status", "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == [  # then one line per C accelerator (tests/test_native.py)
        f"ar\tmissing (run: kg models download ar)\t{tmp_path}",
        f"en\tpresent\t{tmp_path}",
    ]

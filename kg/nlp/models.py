"""Where stanza models live, whether they are there, and how to fetch them.

Resolution order for the model directory: an explicit option, then
``KG_STANZA_DIR``, then stanza's own ``STANZA_RESOURCES_DIR``, then
``~/stanza_resources`` (stanza's default). Nothing here downloads at run
time: only :func:`download` (``kg models download``) touches the network.

>>> from pathlib import Path
>>> model_dir("/opt/stanza") == Path("/opt/stanza")
True
"""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType

from kg.errors import Errors, ModelError

ENV_DIR = "KG_STANZA_DIR"
LANGS: tuple[str, ...] = ("ar", "en")
# The processors `kg` runs; `mwt` only exists for languages that need it (ar).
PROCESSORS: dict[str, str] = {
    "ar": "tokenize,mwt,pos,lemma,depparse,ner",
    "en": "tokenize,pos,lemma,depparse,ner",
}


def model_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """The stanza model directory: option > KG_STANZA_DIR > STANZA_RESOURCES_DIR > ~/stanza_resources."""
    if option:
        return Path(option).expanduser()
    for var in (ENV_DIR, "STANZA_RESOURCES_DIR"):
        value = os.environ.get(var)
        if value:
            return Path(value).expanduser()
    return Path.home() / "stanza_resources"


def has_models(lang: str, directory: Path) -> bool:
    """True when stanza's resources.json and a folder for ``lang`` are present."""
    return (directory / "resources.json").is_file() and (directory / lang).is_dir()


def require_stanza() -> ModuleType:
    """Import stanza or raise E502 (the extra is not installed)."""
    try:
        import stanza
    except ImportError as exc:
        raise model_error("E502") from exc
    return stanza


def check_models(lang: str, directory: Path) -> None:
    """Raise E501, naming ``kg models download <lang>``, when the models are absent."""
    if not has_models(lang, directory):
        raise model_error("E501", lang=lang, path=str(directory))


def model_error(code: str, **fmt: object) -> ModelError:
    """A ModelError whose message already names the directory (no ``path:`` prefix twice)."""
    exc = ModelError(getattr(Errors, code).format(**fmt))
    exc.code = code
    return exc


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    # requests' connection errors are long; the cause sits at the end.
    if "Failed to resolve" in text or "NameResolutionError" in text:
        return "no network connection (host name could not be resolved)"
    return (text[:200] + "...") if len(text) > 200 else (text or type(exc).__name__)


def download(langs: list[str], directory: Path) -> list[Path]:
    """Fetch the official models for ``langs`` into ``directory`` (needs the network).

    Fails with one-line E503 when offline; never leaves a half-written
    resources.json behind as a "success".
    """
    for lang in langs:
        if lang not in PROCESSORS:
            raise model_error("E503", lang=lang, path=str(directory),
                              detail=f"unsupported language (expected one of {', '.join(LANGS)})")
    stanza = require_stanza()
    done: list[Path] = []
    for lang in langs:
        directory.mkdir(parents=True, exist_ok=True)
        try:
            # the language's default package: every processor the Pipeline may add (mwt...)
            stanza.download(lang, model_dir=str(directory), logging_level="WARN")
        except Exception as exc:  # requests, OSError, JSON errors: all one line for the user
            raise model_error("E503", lang=lang, path=str(directory), detail=_one_line(exc)) from exc
        done.append(directory / lang)
    return done

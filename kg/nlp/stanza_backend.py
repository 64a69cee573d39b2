"""The ``stanza`` pipeline component: sentences, tokens, dependency parses and NER mentions.

It replaces ``segment`` (and the CRF ``ner``) in ``STANZA_COMPONENTS``. The
stanza pipeline is built once per language and configuration, with
``download_method=None``: a missing model is a one-line E501 naming
``kg models download <lang>``, never a download or a hang.

Configuration, from :class:`StanzaConfig` or the environment:

* ``KG_STANZA_DIR`` model directory (default ``~/stanza_resources``);
* ``KG_STANZA_PROCESSORS`` e.g. ``tokenize,ner`` (default: the full list per
  language, see :data:`kg.nlp.models.PROCESSORS`);
* ``KG_STANZA_PRETOKENIZED=1``: our own segmenter splits sentences and
  tokens and stanza gets them pretokenized (no tokenizer model needed);
* ``KG_STANZA_<PROC>_MODEL`` / ``KG_STANZA_<PROC>_PRETRAIN`` (PROC = TOKENIZE,
  MWT, POS, LEMMA, DEPPARSE, NER): explicit model files. When any is given,
  the pipeline is built from explicit files only and needs no
  ``resources.json`` (e.g. a NER model trained with ``stanza.models.ner_tagger``).
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import KgError
from kg.model import Document
from kg.nlp.adapter import Span, adapt
from kg.nlp.models import PROCESSORS, check_models, model_dir, model_error, require_stanza
from kg.pipeline import Component, Work, register

_PROCS: tuple[str, ...] = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
# stanza needs a resources.json even when every model is given by path; an
# empty one plus allow_unknown_language makes it use exactly what we pass.
_EMPTY_RESOURCES = Path(__file__).resolve().parent / "data" / "empty_resources.json"


@dataclass(frozen=True)
class StanzaConfig:
    """What to load. Hashable: it keys the pipeline cache."""

    model_dir: str | None = None
    processors: str | None = None               # None: the full list for the language
    pretokenized: bool = False
    paths: tuple[tuple[str, str], ...] = ()    # (("ner_model_path", "/x/ner.pt"), ...)
    use_gpu: bool = False

    @classmethod
    def from_env(cls, **overrides: Any) -> "StanzaConfig":
        paths: list[tuple[str, str]] = []
        for proc in _PROCS:
            for suffix, key in (("MODEL", "model_path"), ("PRETRAIN", "pretrain_path")):
                value = os.environ.get(f"KG_STANZA_{proc.upper()}_{suffix}")
                if value:
                    paths.append((f"{proc}_{key}", value))
        values: dict[str, Any] = {
            "model_dir": os.environ.get("KG_STANZA_DIR") or None,
            "processors": os.environ.get("KG_STANZA_PROCESSORS") or None,
            "pretokenized": os.environ.get("KG_STANZA_PRETOKENIZED", "") in ("1", "true", "yes"),
            "paths": tuple(paths),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def processors_for(self, lang: str) -> str:
        return self.processors or PROCESSORS.get(lang, PROCESSORS["en"])

    @property
    def explicit(self) -> bool:
        return any(k.endswith("_model_path") for k, _ in self.paths)


_CACHE: dict[tuple[str, StanzaConfig], Any] = {}
_LOCK = threading.Lock()


def _check_files(config: StanzaConfig, lang: str) -> None:
    for key, value in config.paths:
        if not Path(value).is_file():
            raise model_error("E500", path=value)


def build_pipeline(lang: str, config: StanzaConfig) -> Any:
    """Build (uncached) a stanza Pipeline for ``lang``; E501/E502/E504 on failure."""
    stanza = require_stanza()
    directory = model_dir(config.model_dir)
    kwargs: dict[str, Any] = dict(config.paths)
    if config.explicit:
        _check_files(config, lang)
        kwargs.update(resources_filepath=str(_EMPTY_RESOURCES), allow_unknown_language=True)
    else:
        check_models(lang, directory)
    if config.pretokenized:
        kwargs["tokenize_pretokenized"] = True
    try:
        return stanza.Pipeline(
            lang=lang, dir=str(directory), processors=config.processors_for(lang),
            download_method=None, use_gpu=config.use_gpu,
            # failures become our one-line errors; stanza's own log lines would repeat them
            logging_level="CRITICAL", **kwargs,
        )
    except KgError:
        raise
    except FileNotFoundError as exc:  # a processor's model file is missing from the directory
        if config.explicit:
            raise model_error("E500", path=str(exc.filename or exc)) from exc
        raise model_error("E501", lang=lang, path=str(directory)) from exc
    except Exception as exc:  # stanza raises many types (LanguageNotDownloadedError, ValueError...)
        # KeyError: a resources.json without this language's entries (partial or older download)
        if isinstance(exc, KeyError) or type(exc).__name__ in ("LanguageNotDownloadedError", "ResourcesFileNotFoundError"):
            raise model_error("E501", lang=lang, path=str(directory)) from exc
        detail = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise model_error("E504", lang=lang, detail=detail) from exc


def get_pipeline(lang: str, config: StanzaConfig) -> Any:
    """The cached stanza Pipeline for (lang, config)."""
    key = (lang, config)
    with _LOCK:
        if key not in _CACHE:
            logging.getLogger("stanza").setLevel(logging.WARNING)
            _CACHE[key] = build_pipeline(lang, config)
        return _CACHE[key]


def _pretokenize(doc: Document) -> tuple[list[list[str]], list[list[Span]]]:
    """Our own sentence and token split (kg.text.segment), for pretokenized stanza input."""
    from kg.text.segment import segment

    probe = Document(id=doc.id, text=doc.text, lang=doc.lang)
    segment(probe)
    words = [[t.text for t in s.tokens] for s in probe.sentences if s.tokens]
    spans = [[(t.start, t.end) for t in s.tokens] for s in probe.sentences if s.tokens]
    return words, spans


def annotate(doc: Document, config: StanzaConfig | None = None) -> list:
    """Run stanza on ``doc``: fill ``doc.sentences`` and return the NER mentions."""
    config = config or StanzaConfig.from_env()
    nlp = get_pipeline(doc.lang, config)
    spans: list[list[Span]] | None = None
    if config.pretokenized:
        words, spans = _pretokenize(doc)
        sdoc = nlp(words) if words else None
    else:
        sdoc = nlp(doc.text) if doc.text.strip() else None
    if sdoc is None:
        doc.sentences = []
        return []
    out = adapt(sdoc, doc.text, doc.lang, spans=spans)
    doc.sentences = out.sentences
    return out.mentions


@dataclass
class StanzaComponent(Component):
    """Pipeline component "stanza": sentences, tokens, parse (when depparse runs), mentions."""

    name = "stanza"
    requires = frozenset()
    provides = frozenset({"sentences", "tokens", "parse", "mentions"})
    config: StanzaConfig | None = field(default=None)

    def __call__(self, work: Work) -> None:
        work.mentions.extend(annotate(work.document, self.config))


@register("stanza")
def _factory() -> Component:
    return StanzaComponent(StanzaConfig.from_env())

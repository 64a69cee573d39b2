"""Where the package's data lives, in a source checkout and in an installed wheel.

``ontology/`` and ``queries/`` sit at the top of the repository; a wheel
carries them as ``kg/_data/ontology`` and ``kg/_data/queries``.
Language data (lexicons, gazetteers) lives in ``kg/lang/<lang>/data``.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _top(name: str) -> Path:
    installed = PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    return PACKAGE_DIR.parent / name


def ontology_dir() -> Path:
    return _top("ontology")


def queries_dir() -> Path:
    return _top("queries")


def lang_data(lang: str) -> Path:
    return PACKAGE_DIR / "lang" / lang / "data"


def package_data() -> Path:
    """Language-independent data shipped in the package (models, shared lexicons)."""
    return PACKAGE_DIR / "data"

"""Reading dev-set articles into a ``Document``.

A dev article (../shared/eval/dev/README.md) has a three-line header:
line 1 the source, line 2 the date (``YYYY-MM-DD``, possibly followed by a
comment, or ``unknown``), line 3 empty; the body starts on line 4.
``Document.text`` is the body only, so offsets index the body, which is the
text gold sentences and mentions are quoted from. A file without that
header is read whole.
"""

from __future__ import annotations

import re
from pathlib import Path

from kg.errors import BinaryInputError, EmptyInputError, EncodingInputError, InputError, error
from kg.model import Document

_DATE_LINE = re.compile(r"^\s*(?:(\d{4}-\d{2}-\d{2})|unknown)\b")
_LANG_PREFIX = re.compile(r"^(ar|en)[_\-.]", re.IGNORECASE)
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile(r"[A-Za-z]")


def detect_lang(text: str) -> str:
    """``ar`` when Arabic letters outnumber Latin ones, else ``en``."""
    sample = text[:5000]
    return "ar" if len(_ARABIC.findall(sample)) > len(_LATIN.findall(sample)) else "en"


def read_text(path: Path) -> str:
    """File contents as text, or a one-line error naming the file."""
    if not path.is_file():
        raise error(InputError, "E106", path=path)
    raw = path.read_bytes()
    if not raw.strip():
        raise error(EmptyInputError, "E100", path=path)
    if b"\x00" in raw[:8192]:
        raise error(BinaryInputError, "E101", path=path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(EncodingInputError, "E102", path=path, pos=exc.start) from None
    return text[1:] if text.startswith("\ufeff") else text


def split_header(text: str) -> tuple[str, str | None, str] | None:
    """``(source, date, body)`` when ``text`` has the dev-set header, else None."""
    parts = text.split("\n", 3)
    if len(parts) < 4 or parts[2].strip() or not parts[0].strip():
        return None
    m = _DATE_LINE.match(parts[1])
    if m is None:
        return None
    return parts[0].strip(), m.group(1), parts[3]


def read_article(path: str | Path, lang: str | None = None) -> Document:
    """Read a dev-set article (or a plain text file) into a Document.

    ``lang``: forced language; otherwise the file-name prefix (``ar_``, ``en_``)
    or, failing that, the script of the text decides.
    """
    p = Path(path)
    text = read_text(p)
    head = split_header(text)
    source, date, body = head if head is not None else (str(p), None, text)
    if not body.strip():
        raise error(EmptyInputError, "E100", path=p)
    if lang is None:
        m = _LANG_PREFIX.match(p.name)
        lang = m.group(1).lower() if m else detect_lang(body)
    return Document(id=p.stem, text=body, lang=lang, source=source, date=date)

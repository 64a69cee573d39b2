"""Input readers: .txt / .md files, directories and JSONL → ``Document`` values.

Readers never raise on bad input: they yield a ``KgError`` (naming the file,
and the line for JSONL) in place of the document, so one bad article never
stops the others. Callers decide what to do with the errors (the build
prints them as one line each and goes on).

>>> docs = list(read_inputs(["/no/such/file.txt"]))
>>> str(docs[0])
'E106 /no/such/file.txt: no such file or directory'
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Iterable, Iterator, Union

from kg.errors import (BinaryInputError, EmptyInputError, EncodingInputError, InputError, JsonlLineError, KgError,
                       UnsupportedInputError, error)
from kg.model import Document

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl",)
SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES
LANGS = ("auto", "ar", "en")

Item = Union[Document, KgError]

_AR_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u06FA-\u06FF]")
_LETTER = re.compile(r"[^\W\d_]")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def detect_lang(text: str, threshold: float = 0.3) -> str:
    """``ar`` when at least ``threshold`` of the letters are Arabic, else ``en``.

    >>> detect_lang("قالت وزارة الصحة (MoH)"), detect_lang("Russia said")
    ('ar', 'en')
    """
    sample = text[:20000]
    letters = len(_LETTER.findall(sample))
    if not letters:
        return "en"
    return "ar" if len(_AR_LETTER.findall(sample)) / letters >= threshold else "en"


def valid_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:  # 2021-02-30
        return False
    return True


def decode(path: Path, data: bytes) -> str | KgError:
    """Bytes → text, or the error saying why the file is not a text article."""
    if not data.strip():
        return error(EmptyInputError, "E100", path=path)
    if b"\x00" in data[:8192]:
        return error(BinaryInputError, "E101", path=path)
    try:
        text = data.decode("utf-8-sig")  # a BOM is not part of the text
    except UnicodeDecodeError as exc:
        return error(EncodingInputError, "E102", path=path, pos=exc.start)
    if not text.strip():
        return error(EmptyInputError, "E100", path=path)
    return text


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """YAML front matter (simple ``key: value`` lines) and the text after it.

    >>> split_front_matter("---\\ntitle: T\\ndate: 2024-01-02\\n---\\nBody")
    ({'title': 'T', 'date': '2024-01-02'}, 'Body')
    """
    m = _FRONT.match(text)
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    for line in m.group(1).splitlines():
        if ":" in line and not line.startswith((" ", "\t", "#")):
            k, v = line.split(":", 1)
            meta[k.strip().lower()] = v.strip().strip("\"'")
    return meta, text[m.end():]


def _resolve_lang(given: str | None, text: str) -> str:
    return given if given in ("ar", "en") else detect_lang(text)


def read_text_file(path: Path, lang: str = "auto", date: str | None = None) -> Item:
    """One .txt or .md article. The id is the file stem; the source is the path."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return InputError(exc.strerror or str(exc), path=path)
    text = decode(path, data)
    if isinstance(text, KgError):
        return text
    meta: dict[str, str] = {}
    if path.suffix.lower() == ".md":
        meta, text = split_front_matter(text)
        if not text.strip():
            return error(EmptyInputError, "E100", path=path)
    doc_date = meta.get("date") or date
    if doc_date and not valid_date(doc_date[:10]):
        line = next((i for i, ln in enumerate(data.decode("utf-8", "replace").splitlines(), 1)
                     if ln.lower().startswith("date:")), 1)
        return error(InputError, "E107", path=path, line=line, field="date", detail=f"{doc_date!r} is not YYYY-MM-DD")
    meta_lang = meta.get("lang") if meta.get("lang") in ("ar", "en") else None
    return Document(
        id=path.stem, text=text, lang=meta_lang or _resolve_lang(lang, text), source=str(path),
        date=doc_date[:10] if doc_date else None, title=meta.get("title") or None, url=meta.get("url") or None,
    )


def read_jsonl(path: Path, lang: str = "auto", date: str | None = None) -> Iterator[Item]:
    """One article per line: ``id``, ``text``, optional ``date``, ``lang``, ``title``, ``url``.

    Blank lines are skipped; each bad line yields one error with its line number.
    """
    for _, item in read_jsonl_lines(path, lang, date):
        yield item


def read_jsonl_lines(path: Path, lang: str = "auto", date: str | None = None) -> Iterator[tuple[int | None, Item]]:
    """Like :func:`read_jsonl`, with each item's line number."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield None, InputError(exc.strerror or str(exc), path=path)
        return
    whole = decode(path, data)
    if isinstance(whole, KgError):
        if isinstance(whole, EncodingInputError):
            # Keep the good lines: decode line by line and report the bad ones.
            yield from _jsonl_lines(path, data.split(b"\n"), lang, date)
            return
        yield None, whole
        return
    yield from _jsonl_lines(path, whole.split("\n"), lang, date)


def _jsonl_lines(path: Path, lines: list, lang: str, date: str | None) -> Iterator[tuple[int | None, Item]]:
    for n, raw in enumerate(lines, start=1):
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield n, error(EncodingInputError, "E102", path=path, pos=f"{exc.start} of line {n}")
                continue
        line = raw.strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield n, error(JsonlLineError, "E103", path=path, line=n, detail=_json_detail(exc))
            continue
        if not isinstance(obj, dict):
            yield n, error(JsonlLineError, "E103", path=path, line=n, detail="expected an object")
            continue
        yield n, _jsonl_doc(path, n, obj, lang, date)


def _json_detail(exc: json.JSONDecodeError) -> str:
    # json's messages end with "at" when they name a position ("Unterminated string starting at").
    sep = " " if exc.msg.endswith(" at") else " at "
    return f"{exc.msg}{sep}column {exc.colno}"


def _field_error(path: Path, n: int, name: str, detail: str) -> KgError:
    return error(JsonlLineError, "E107", path=path, line=n, field=name, detail=detail)


def _jsonl_doc(path: Path, n: int, obj: dict, lang: str, date: str | None) -> Item:
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return error(JsonlLineError, "E104", path=path, line=n)
    doc_id = obj.get("id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str) or not doc_id.strip():
        return _field_error(path, n, "id", "missing or not a string")
    d = obj.get("date") or date
    if d is not None and (not isinstance(d, str) or not valid_date(d[:10])):
        return _field_error(path, n, "date", f"{d!r} is not YYYY-MM-DD")
    line_lang = obj.get("lang")
    if line_lang is not None and line_lang not in LANGS:
        return _field_error(path, n, "lang", f"{line_lang!r} is not one of ar, en, auto")
    for opt in ("title", "url"):
        if obj.get(opt) is not None and not isinstance(obj.get(opt), str):
            return _field_error(path, n, opt, "not a string")
    return Document(
        id=doc_id.strip(), text=text, lang=_resolve_lang(line_lang if line_lang in ("ar", "en") else lang, text),
        source=str(path), date=d[:10] if d else None, title=obj.get("title"), url=obj.get("url"),
    )


def expand(paths: Iterable[str | Path]) -> Iterator[Path | KgError]:
    """Input paths → article files (directories recursively, sorted), or errors."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*")
                           if f.is_file() and f.suffix.lower() in SUFFIXES
                           and not any(part.startswith(".") for part in f.relative_to(path).parts))
            if not files:
                yield UnsupportedInputError("directory has no .txt, .md or .jsonl files", path=path)
            yield from files
        elif path.is_file():
            if path.suffix.lower() in SUFFIXES:
                yield path
            else:
                yield error(UnsupportedInputError, "E105", path=path)
        else:
            yield error(InputError, "E106", path=path)


def read_path(path: Path, lang: str = "auto", date: str | None = None) -> Iterator[tuple[Item, int | None]]:
    """Items of one file with their line number (JSONL) or ``None``."""
    if path.suffix.lower() in JSONL_SUFFIXES:
        for n, item in read_jsonl_lines(path, lang, date):
            yield item, n
    else:
        yield read_text_file(path, lang, date), None


def read_inputs(paths: Iterable[str | Path], lang: str = "auto", date: str | None = None) -> Iterator[Item]:
    """Every document under ``paths``, in order, with errors in place of bad ones.

    A second document with an id already read is an error (E108): its graph
    would overwrite the first one's.
    """
    seen: dict[str, str] = {}
    for item in expand(paths):
        if isinstance(item, KgError):
            yield item
            continue
        for doc, line in read_path(item, lang, date):
            if isinstance(doc, Document):
                if doc.id in seen:
                    dup = error(InputError, "E108", path=item, line=line, id=doc.id, other=seen[doc.id])
                    if line:
                        dup.message = f"line {line}: {dup.message}"
                        dup.args = (dup.message,)
                    yield dup
                    continue
                seen[doc.id] = doc.source + (f":{line}" if line else "")
            yield doc


def count_inputs(paths: Iterable[str | Path]) -> int:
    """A cheap estimate of the number of documents (for a progress bar)."""
    total = 0
    for item in expand(paths):
        if isinstance(item, Path):
            if item.suffix.lower() in JSONL_SUFFIXES:
                try:
                    with item.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total

"""One catalogue of coded error messages, and the exception tree.

Every error a user can see is a ``KgError`` subclass carrying a code from
``Errors``; the CLI prints it as a single line (``kg: E101 file.txt: ...``)
and never a traceback.

Exception tree::

    KgError
    ├── InputError              bad article input; the other documents go on
    │   ├── EmptyInputError
    │   ├── BinaryInputError
    │   ├── EncodingInputError
    │   ├── JsonlLineError      (carries the line number)
    │   └── UnsupportedInputError
    ├── StoreError
    │   ├── StoreNotFoundError
    │   ├── ReadOnlyStoreError
    │   └── RemoteStoreError
    ├── QueryError
    │   ├── QueryNotFoundError
    │   ├── QueryParamError
    │   └── QueryTimeoutError
    ├── PipelineError           components that do not fit together
    ├── ModelError              a model (NER, stanza) missing or unreadable
    ├── DataError               a lexicon, gazetteer or KB file is malformed
    └── UsageError              bad option values
"""

from __future__ import annotations

from pathlib import Path


class Errors:
    """Coded message templates. Format with ``str.format`` keyword arguments."""

    E100 = "file is empty"
    E101 = "file is binary, not text"
    E102 = "file is not valid UTF-8 (byte {pos})"
    E103 = "line {line}: malformed JSON ({detail})"
    E104 = "line {line}: field 'text' is missing or empty"
    E105 = "unsupported input (expected .txt, .md, .jsonl or a directory)"
    E106 = "no such file or directory"
    E107 = "line {line}: field '{field}' is invalid ({detail})"
    E108 = "duplicate document id {id!r} (first read from {other}); skipped"
    E200 = "store not found: {path}"
    E201 = "store is read-only: {detail}"
    E202 = "remote store error: {detail}"
    E203 = "store is in use by another process: {detail}"
    E300 = "query not found: {name} (not a file, not in queries/, not SPARQL)"
    E301 = "bad query parameter {param!r}: {detail}"
    E302 = "query failed: {detail}"
    E303 = "query timed out after {seconds}s"
    E400 = "pipeline component {component!r} requires {missing}, which no earlier component provides"
    E401 = "unknown pipeline component {component!r}"
    E402 = "extraction failed, document skipped ({detail})"
    E500 = "model not found: {path}"
    E501 = "stanza models for {lang!r} not found in {path}; run: kg models download {lang}"
    E502 = "stanza is not installed; install the extra: pip install 'kg[stanza]'"
    E503 = "cannot download stanza models for {lang!r} into {path}: {detail}"
    E504 = "stanza pipeline for {lang!r} could not be built: {detail}"
    E600 = "data file {path} line {line}: {detail}"
    E601 = "data file {path}: {detail}"
    E610 = "invalid gold file: {detail}"
    E700 = "{detail}"


class KgError(Exception):
    """Base of every error ``kg`` reports to users."""

    code: str = "E700"

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{self.code} {where}{self.message}"


def _make(code: str, **fmt: object) -> str:
    return getattr(Errors, code).format(**fmt)


class InputError(KgError):
    code = "E105"


class EmptyInputError(InputError):
    code = "E100"


class BinaryInputError(InputError):
    code = "E101"


class EncodingInputError(InputError):
    code = "E102"


class JsonlLineError(InputError):
    code = "E103"


class UnsupportedInputError(InputError):
    code = "E105"


class StoreError(KgError):
    code = "E202"


class StoreNotFoundError(StoreError):
    code = "E200"


class ReadOnlyStoreError(StoreError):
    code = "E201"


class RemoteStoreError(StoreError):
    code = "E202"


class QueryError(KgError):
    code = "E302"


class QueryNotFoundError(QueryError):
    code = "E300"


class QueryParamError(QueryError):
    code = "E301"


class QueryTimeoutError(QueryError):
    code = "E303"


class PipelineError(KgError):
    code = "E400"


class ModelError(KgError):
    code = "E500"


class DataError(KgError):
    code = "E600"


class UsageError(KgError):
    code = "E700"


def error(cls: type[KgError], code: str, *, path: str | Path | None = None, line: int | None = None, **fmt: object) -> KgError:
    """Build an exception of ``cls`` with the catalogue message ``code``."""
    # Templates may name {line} and {path} too (E103, E600): pass them through.
    exc = cls(_make(code, **{"line": line, "path": path, **fmt}), path=path, line=line)
    exc.code = code
    return exc

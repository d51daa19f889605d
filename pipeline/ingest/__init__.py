"""Ingest: turn the user's inputs into documents with normalised text.

One entry point, :func:`read_inputs`, takes what the command line was given
(files, directories walked recursively, ``-`` for stdin) and yields, in a
deterministic order, either a :class:`SourceDocument` or an :class:`IngestError`
for every document it met. Errors are values, not exceptions, so that one bad
file never stops a batch and is still reported with its path.

Inputs:

* ``X.txt`` (or ``X.vi.txt``): one UTF-8 document, paragraphs separated by blank
  lines. A file ``X.en.txt`` beside it is its English translation.
* ``X.jsonl``: one document per line, ``{"id": ..., "text": ..., "en": ...}``
  (``en`` optional).
* ``-``: one document read from standard input, id ``stdin``.

Text is normalised to Unicode NFC (decomposed Vietnamese, common in the wild,
breaks every model); the sha256 of the raw bytes is kept so that outputs can be
traced to, and skipped for, exactly the input they came from.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIX = ".txt"
VI_SUFFIX = ".vi.txt"
EN_SUFFIX = ".en.txt"
JSONL_SUFFIX = ".jsonl"

#: Directory names skipped when walking a directory: gold annotations live
#: beside the corpus (``corpus/gold/``) and are not documents to annotate.
DEFAULT_EXCLUDE = ("gold",)

# A part of an id must be usable as a file name on Linux, macOS and Windows.
_UNSAFE = re.compile(r'[\\/\x00-\x1f\x7f:*?"<>|]')
MAX_ID_LENGTH = 200


@dataclass(frozen=True)
class SourceDocument:
    """One document, ready for the Vietnamese pipeline."""

    id: str
    text: str  # NFC-normalised Vietnamese text
    sha256: str  # of the raw input bytes of the Vietnamese text
    path: str  # where it came from, as the user named it ('-' for stdin)
    format: str  # 'txt', 'jsonl' or 'stdin'
    line: int | None = None  # JSONL line number
    en: str | None = None  # NFC-normalised English translation, if provided
    en_path: str | None = None
    en_sha256: str | None = None

    def source_record(self) -> dict:
        """The ``source`` object of the JSON contract."""
        record = {"path": self.path, "format": self.format, "sha256": self.sha256}
        if self.line is not None:
            record["line"] = self.line
        if self.en_path is not None:
            record["en_path"] = self.en_path
        if self.en_sha256 is not None:
            record["en_sha256"] = self.en_sha256
        return record


@dataclass(frozen=True)
class IngestError:
    """A document (or file) that could not be read, and why."""

    path: str
    reason: str
    line: int | None = None
    id: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


class InputError(ValueError):
    """Raised by the helpers below; turned into an :class:`IngestError` by the walker."""


def normalize_text(text: str) -> str:
    """NFC, and nothing else: every other character is kept as the author wrote it."""
    return unicodedata.normalize("NFC", text)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_text(data: bytes) -> str:
    """Decode UTF-8 strictly, with errors a user can act on.

    A NUL byte means a binary file (no text format we read contains one); a
    byte-order mark is dropped because it is an encoding artefact, not text.
    """
    nul = data.find(b"\x00")
    if nul != -1:
        raise InputError(f"binary file, not UTF-8 text (NUL byte at offset {nul})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise InputError(f"invalid UTF-8 at byte offset {exc.start} (byte 0x{bad})") from None
    return text[1:] if text.startswith("\ufeff") else text


def check_id(doc_id: str) -> str:
    """Return ``doc_id`` if every ``/``-separated part is a safe file name."""
    if not doc_id or len(doc_id) > MAX_ID_LENGTH:
        raise InputError(f"document id must have 1 to {MAX_ID_LENGTH} characters, got {len(doc_id)}")
    for part in doc_id.split("/"):
        if part in ("", ".", "..") or part != part.strip() or _UNSAFE.search(part):
            raise InputError(
                f"document id {doc_id!r} is not a safe file name "
                "(no empty, '.' or '..' parts, no leading/trailing spaces, no \\ : * ? \" < > | or control characters)"
            )
    return doc_id


def _stem(name: str) -> str:
    for suffix in (VI_SUFFIX, EN_SUFFIX, TEXT_SUFFIX, JSONL_SUFFIX):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return Path(name).stem


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except FileNotFoundError:
        raise InputError("no such file") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None


def _read_text_document(path: Path, shown: str, doc_id: str) -> SourceDocument:
    data = _read_bytes(path)
    text = normalize_text(decode_text(data))
    en = en_path = en_sha = None
    partner = path.with_name(_stem(path.name) + EN_SUFFIX)
    if partner.is_file():
        en_data = _read_bytes(partner)
        try:
            en = normalize_text(decode_text(en_data))
        except InputError as exc:
            raise InputError(f"its English translation {partner.name}: {exc}") from None
        en_path = str(Path(shown).with_name(partner.name))
        en_sha = sha256_hex(en_data)
    return SourceDocument(
        id=check_id(doc_id),
        text=text,
        sha256=sha256_hex(data),
        path=shown,
        format="txt",
        en=en,
        en_path=en_path,
        en_sha256=en_sha,
    )


def _read_jsonl(path: Path, shown: str) -> Iterator[SourceDocument | IngestError]:
    try:
        data = _read_bytes(path)
    except InputError as exc:
        yield IngestError(shown, str(exc))
        return
    nul = data.find(b"\x00")
    if nul != -1:
        yield IngestError(shown, f"binary file, not UTF-8 JSON lines (NUL byte at offset {nul})")
        return
    offset = 0
    for number, raw in enumerate(data.splitlines(keepends=True), start=1):
        line_offset, offset = offset, offset + len(raw)
        if not raw.strip():
            continue
        try:
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid UTF-8 at byte offset {line_offset + exc.start}") from None
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
            if not isinstance(record, dict):
                raise InputError("a line must be a JSON object with 'id' and 'text'")
            doc_id, text, en = record.get("id"), record.get("text"), record.get("en")
            if not isinstance(doc_id, str):
                raise InputError("missing or non-string 'id'")
            if not isinstance(text, str):
                raise InputError(f"document {doc_id!r}: missing or non-string 'text'")
            if en is not None and not isinstance(en, str):
                raise InputError(f"document {doc_id!r}: 'en' must be a string or null")
            # The hash covers what the document is made of, not the line's JSON
            # spelling, so reformatting a JSONL file does not force a re-run.
            yield SourceDocument(
                id=check_id(doc_id),
                text=normalize_text(text),
                sha256=sha256_hex(text.encode("utf-8")),
                path=shown,
                format="jsonl",
                line=number,
                en=normalize_text(en) if en is not None else None,
                en_sha256=sha256_hex(en.encode("utf-8")) if en is not None else None,
            )
        except InputError as exc:
            yield IngestError(shown, str(exc), line=number)


def _walk(root: Path, exclude: Sequence[str]) -> Iterator[Path]:
    """Files under ``root`` in a stable order, skipping hidden and excluded directories."""
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = Path(dirpath).relative_to(root)
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith(".")
            and not any(fnmatch.fnmatch(d, pat) or fnmatch.fnmatch((rel_dir / d).as_posix(), pat) for pat in exclude)
        )
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def _documents_in(arg: str, exclude: Sequence[str]) -> Iterator[SourceDocument | IngestError]:
    if arg == "-":
        data = sys.stdin.buffer.read()
        try:
            text = normalize_text(decode_text(data))
        except InputError as exc:
            yield IngestError("-", f"standard input: {exc}")
            return
        yield SourceDocument(id="stdin", text=text, sha256=sha256_hex(data), path="-", format="stdin")
        return
    path = Path(arg)
    if path.is_dir():
        for file in _walk(path, exclude):
            rel = file.relative_to(path).as_posix()
            shown = str(Path(arg) / rel)
            if rel.endswith(JSONL_SUFFIX):
                yield from _read_jsonl(file, shown)
            elif rel.endswith(EN_SUFFIX):
                if not any(file.with_name(_stem(file.name) + s).is_file() for s in (TEXT_SUFFIX, VI_SUFFIX)):
                    yield IngestError(
                        shown, f"English translation without a Vietnamese document ({_stem(file.name)}.txt)"
                    )
            elif rel.endswith(TEXT_SUFFIX):
                doc_id = _stem(rel)
                try:
                    yield _read_text_document(file, shown, doc_id)
                except InputError as exc:
                    yield IngestError(shown, str(exc), id=doc_id)
            # Other files (READMEs, .ann, ...) are not documents: skipped silently.
        return
    if arg.endswith(EN_SUFFIX):
        yield IngestError(arg, "is an English translation: name its Vietnamese document (.txt or .vi.txt) instead")
        return
    if arg.endswith(JSONL_SUFFIX) and path.is_file():
        yield from _read_jsonl(path, arg)
        return
    doc_id = _stem(path.name)
    try:
        yield _read_text_document(path, arg, doc_id)
    except InputError as exc:
        yield IngestError(arg, str(exc), id=doc_id)


def read_inputs(
    inputs: Iterable[str], exclude: Sequence[str] = DEFAULT_EXCLUDE
) -> Iterator[SourceDocument | IngestError]:
    """Every document named by ``inputs``, in order; duplicate ids are errors.

    ``exclude`` holds glob patterns for directory names (or relative directory
    paths) that a directory walk skips.
    """
    seen: dict[str, str] = {}
    for arg in inputs:
        for item in _documents_in(arg, exclude):
            if isinstance(item, SourceDocument):
                where = f"{item.path}:{item.line}" if item.line else item.path
                if item.id in seen:
                    item = IngestError(
                        item.path,
                        f"duplicate document id {item.id!r} (first seen in {seen[item.id]})",
                        line=item.line,
                        id=item.id,
                    )
                else:
                    seen[item.id] = where
            yield item

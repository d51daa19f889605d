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

Files are UTF-8 (a byte-order mark is dropped); UTF-16 and UTF-32 files with a
byte-order mark are decoded too. Inputs are read lazily, one document at a
time (a JSONL file line by line), so that the first document can be annotated
at once and memory does not grow with the corpus. A directory walk reads only
regular files: a FIFO or a device named ``x.txt`` is reported, never opened.

Text is normalised to Unicode NFC (decomposed Vietnamese, common in the wild,
breaks every model); the sha256 of the raw bytes is kept so that outputs can be
traced to, and skipped for, exactly the input they came from.
"""

from __future__ import annotations

import fnmatch
import hashlib
import io
import json
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.io.files import file_name_key

TEXT_SUFFIX = ".txt"
VI_SUFFIX = ".vi.txt"
EN_SUFFIX = ".en.txt"
JSONL_SUFFIX = ".jsonl"
JSON_SUFFIX = ".json"

#: Directory names skipped when walking a directory: gold annotations live
#: beside the corpus (``corpus/gold/``) and are not documents to annotate.
DEFAULT_EXCLUDE = ("gold",)

# A part of an id must be usable as a file name on Linux, macOS and Windows.
_UNSAFE = re.compile(r'[\\/\x00-\x1f\x7f:*?"<>|]')
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Names Windows reserves for devices, with or without an extension ("CON", "con.x").
_WINDOWS_DEVICES = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"{name}{i}" for name in ("COM", "LPT") for i in range(1, 10)]
)
MAX_ID_LENGTH = 200
#: Byte-order marks of the encodings a file may declare, longest first (UTF-32 LE starts like UTF-16 LE).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)


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
    """Raised by the helpers below; turned into an :class:`IngestError` by the walker.

    ``id`` is the document's id when it was read before the error (a JSONL line's ``"id"``).
    """

    def __init__(self, message: str, id: str | None = None):
        super().__init__(message)
        self.id = id


def normalize_text(text: str) -> str:
    """NFC, and nothing else: every other character is kept as the author wrote it."""
    return unicodedata.normalize("NFC", text)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# Control characters (C0, C1) and the separators str.splitlines() and editors break lines at.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def shown_path(path: str) -> str:
    """``path`` as it can be printed on one line and written as UTF-8 JSON.

    File names are bytes on Linux: undecodable ones reach Python as lone
    surrogates (which cannot be written as UTF-8) and may hold a newline (which
    would break the one-line error). Both are escaped (``\\xff``, ``\\n``, ``\\u2028``).
    """
    try:
        text = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that did not come from a file name
        text = path.encode("utf-8", "backslashreplace").decode("utf-8")
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _declared_encoding(data: bytes) -> tuple[str, str, int]:
    """(codec, name, length of the byte-order mark) that the first bytes declare; UTF-8 without one."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return codec, name, len(bom)
    return "utf-8", "UTF-8", 0


def _looks_like_utf16(data: bytes) -> bool:
    # UTF-16 text without a byte-order mark has a NUL as the high byte of every
    # ASCII letter, digit and space: NULs on one parity only, each beside a
    # printable ASCII byte. A binary file has NULs on both, or beside anything.
    sample = data[:4096]
    if len(sample) < 8:
        return False
    pairs = len(sample) // 2
    for high, low in ((1, 0), (0, 1)):  # little-endian, big-endian
        ascii_pairs = sum(
            1
            for i in range(pairs)
            if sample[2 * i + high] == 0 and (0x20 <= sample[2 * i + low] < 0x7F or sample[2 * i + low] in b"\t\n\r")
        )
        other_nuls = sample[low::2].count(0)
        if ascii_pairs >= 0.3 * pairs and other_nuls <= 0.01 * pairs:
            return True
    return False


def decode_text(data: bytes) -> str:
    """Decode the bytes of a text file, with errors a user can act on.

    UTF-8, with or without a byte-order mark; UTF-16 or UTF-32 when a
    byte-order mark declares it (Windows editors save "Unicode" so). A NUL byte
    in UTF-8 means a binary file (no text format we read contains one), unless
    the NULs fall the way UTF-16 puts them: then the error says so.
    """
    codec, name, skip = _declared_encoding(data)
    if name != "UTF-8":
        try:
            return data[skip:].decode(codec)
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid {name} at byte offset {skip + exc.start}") from None
    nul = data.find(b"\x00")
    if nul != -1:
        if _looks_like_utf16(data):
            raise InputError("UTF-16 text without a byte-order mark: save it as UTF-8 (or UTF-16 with a BOM)")
        raise InputError(f"binary file, not UTF-8 text (NUL byte at offset {nul})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise InputError(f"invalid UTF-8 at byte offset {exc.start} (byte 0x{bad})") from None
    return text[1:] if text.startswith("\ufeff") else text


def check_id(doc_id: str) -> str:
    """Return ``doc_id`` if every ``/``-separated part is a safe file name on Linux, macOS and Windows."""
    if not doc_id or len(doc_id) > MAX_ID_LENGTH:
        raise InputError(f"document id must have 1 to {MAX_ID_LENGTH} characters, got {len(doc_id)}")
    if _SURROGATE.search(doc_id):
        raise InputError(f"document id {doc_id!r} holds undecodable bytes or a lone surrogate, not text")
    for part in doc_id.split("/"):
        if part in ("", ".", "..") or part != part.strip() or _UNSAFE.search(part):
            raise InputError(
                f"document id {doc_id!r} is not a safe file name "
                "(no empty, '.' or '..' parts, no leading/trailing spaces, no \\ : * ? \" < > | or control characters)"
            )
        if part.endswith("."):
            raise InputError(f"document id {doc_id!r} is not a safe file name (Windows drops a trailing '.')")
        if part.split(".")[0].upper() in _WINDOWS_DEVICES:
            raise InputError(
                f"document id {doc_id!r} is not a safe file name "
                f"({part.split('.')[0]!r} is a device on Windows: CON, PRN, AUX, NUL, COM1-9, LPT1-9)"
            )
    return doc_id


def _stem(name: str) -> str:
    for suffix in (VI_SUFFIX, EN_SUFFIX, TEXT_SUFFIX, JSONL_SUFFIX):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return Path(name).stem


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot read: {exc.strerror or exc}"


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(_os_reason(exc)) from None


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
            raise InputError(f"its English translation {shown_path(partner.name)}: {exc}") from None
        en_path = str(Path(shown).with_name(shown_path(partner.name)))
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


def _lone_surrogate(field: str, value: str) -> None:
    # json.loads accepts "\ud800" escapes that are not Unicode: such a string
    # cannot be hashed, annotated or written as UTF-8.
    found = _SURROGATE.search(value)
    if found:
        raise InputError(
            f"{field} holds a lone surrogate {found.group()!r} at character {found.start()}, which is not Unicode text"
        )


def _jsonl_document(line: str, number: int, shown: str) -> SourceDocument:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    except (ValueError, RecursionError) as exc:  # an integer of 5,000 digits, arrays nested 100,000 deep
        raise InputError(f"invalid JSON: {exc}") from None
    if not isinstance(record, dict):
        raise InputError("a line must be a JSON object with 'id' and 'text'")
    doc_id, text, en = record.get("id"), record.get("text"), record.get("en")
    if not isinstance(doc_id, str):
        raise InputError("missing or non-string 'id'")
    _lone_surrogate("'id'", doc_id)
    try:
        if not isinstance(text, str):
            raise InputError(f"document {doc_id!r}: missing or non-string 'text'")
        _lone_surrogate(f"'text' of document {doc_id!r}", text)
        if en is not None and not isinstance(en, str):
            raise InputError(f"document {doc_id!r}: 'en' must be a string or null")
        if en is not None:
            _lone_surrogate(f"'en' of document {doc_id!r}", en)
    except InputError as exc:  # errors.jsonl names the document, as it does a text file's
        raise InputError(str(exc), id=doc_id) from None
    # The hash covers what the document is made of, not the line's JSON
    # spelling, so reformatting a JSONL file does not force a re-run.
    return SourceDocument(
        id=check_id(doc_id),
        text=normalize_text(text),
        sha256=sha256_hex(text.encode("utf-8")),
        path=shown,
        format="jsonl",
        line=number,
        en=normalize_text(en) if en is not None else None,
        en_sha256=sha256_hex(en.encode("utf-8")) if en is not None else None,
    )


def _jsonl_lines(handle: io.BufferedReader, shown: str) -> Iterator[tuple[int, str] | IngestError]:
    """(line number, decoded line) of a JSONL stream, read one line at a time; errors as values."""
    head = handle.peek(4)[:4]
    codec, name, _ = _declared_encoding(head)
    if name != "UTF-8":
        # The "utf-16"/"utf-32" codecs read the byte-order mark themselves.
        text = io.TextIOWrapper(handle, encoding=name.lower().replace("-", ""), newline="\n")
        number = 0
        try:
            for number, line in enumerate(text, start=1):  # noqa: B007 (number is reported after the loop)
                yield number, line
        except UnicodeDecodeError:
            yield IngestError(shown, f"invalid {name} after line {number}: the rest of the file is not read")
        return
    offset = 0
    for number, raw in enumerate(handle, start=1):
        line_offset, offset = offset, offset + len(raw)
        if number == 1:
            if raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
                line_offset += 3
            nul = raw.find(b"\x00")
            if nul != -1:
                why = "UTF-16 without a byte-order mark" if _looks_like_utf16(raw) else "binary file"
                yield IngestError(shown, f"{why}, not UTF-8 JSON lines (NUL byte at offset {line_offset + nul})")
                return
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield IngestError(shown, f"invalid UTF-8 at byte offset {line_offset + exc.start}", line=number)


def _read_jsonl(path: Path, shown: str) -> Iterator[SourceDocument | IngestError]:
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed below; the generator may be abandoned part-way)
    except OSError as exc:
        yield IngestError(shown, _os_reason(exc))
        return
    try:
        for item in _jsonl_lines(handle, shown):
            if isinstance(item, IngestError):
                yield item
                continue
            number, line = item
            if not line.strip():
                continue
            try:
                yield _jsonl_document(line, number, shown)
            except InputError as exc:
                yield IngestError(shown, str(exc), line=number, id=None if exc.id is None else shown_path(exc.id))
    except OSError as exc:  # a read error part-way (a disk error, a file removed over NFS)
        yield IngestError(shown, _os_reason(exc))
    finally:
        handle.close()


def _walk(root: Path, exclude: Sequence[str], skip_dirs: Sequence[Path] = ()) -> Iterator[Path]:
    """Files under ``root`` in a stable order, skipping hidden and excluded directories and files and ``skip_dirs``.

    A pattern of ``exclude`` matches a name or a path relative to ``root``, of a directory or
    of a file: ``drafts``, ``drafts/*`` and ``*.draft.txt`` all skip what a user means by them.
    """
    skip = {os.path.realpath(d) for d in skip_dirs}

    def excluded(name: str, relative: str) -> bool:
        return any(fnmatch.fnmatch(name, pat) or fnmatch.fnmatch(relative, pat) for pat in exclude)

    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = Path(dirpath).relative_to(root)
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith(".")
            and not excluded(d, (rel_dir / d).as_posix())
            and not (skip and os.path.realpath(os.path.join(dirpath, d)) in skip)
        )
        for name in sorted(filenames):
            if not name.startswith(".") and not excluded(name, (rel_dir / name).as_posix()):
                yield Path(dirpath) / name


_FILE_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _not_regular(file: Path) -> str | None:
    """Why a file met in a directory walk is not read (None: it is a regular file).

    Opening a FIFO blocks until someone writes to it, and a device can be
    endless: a walk reads regular files only. (A FIFO named on the command line
    is read: the user asked for it, as in ``songngu annotate <(zcat x.jsonl.gz)``.)
    """
    try:
        mode = file.stat().st_mode
    except FileNotFoundError:
        return "no such file (a broken symbolic link?)"
    except OSError as exc:
        return _os_reason(exc)
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _FILE_KINDS if test(mode)), "not a file")
    return f"not a regular file ({kind}): skipped"


def _documents_in(
    arg: str, exclude: Sequence[str], skip_dirs: Sequence[Path] = ()
) -> Iterator[SourceDocument | IngestError]:
    if arg == "-":
        data = sys.stdin.buffer.read()
        try:
            text = normalize_text(decode_text(data))
        except InputError as exc:
            yield IngestError("-", f"standard input: {exc}")
            return
        yield SourceDocument(id="stdin", text=text, sha256=sha256_hex(data), path="-", format="stdin")
        return
    shown_arg = shown_path(arg)
    if not arg:
        yield IngestError("''", "an empty path names no file")
        return
    path = Path(arg)
    if path.is_dir():
        for file in _walk(path, exclude, skip_dirs):
            rel = file.relative_to(path).as_posix()
            shown = shown_path(str(Path(arg) / rel))
            if not rel.endswith((JSONL_SUFFIX, TEXT_SUFFIX)):
                continue  # other files (READMEs, .ann, ...) are not documents: skipped silently
            why_not = _not_regular(file)
            if why_not:
                yield IngestError(shown, why_not)
            elif rel.endswith(JSONL_SUFFIX):
                yield from _read_jsonl(file, shown)
            elif rel.endswith(EN_SUFFIX):
                if not any(file.with_name(_stem(file.name) + s).is_file() for s in (TEXT_SUFFIX, VI_SUFFIX)):
                    yield IngestError(
                        shown, f"English translation without a Vietnamese document ({shown_path(_stem(file.name))}.txt)"
                    )
            else:
                doc_id = _stem(rel)
                try:
                    yield _read_text_document(file, shown, doc_id)
                except InputError as exc:
                    yield IngestError(shown, str(exc), id=shown_path(doc_id))
        return
    if arg.endswith(EN_SUFFIX):
        yield IngestError(
            shown_arg, "is an English translation: name its Vietnamese document (.txt or .vi.txt) instead"
        )
        return
    if arg.endswith(JSONL_SUFFIX):
        yield from _read_jsonl(path, shown_arg)
        return
    if arg.endswith(JSON_SUFFIX):
        # Read as text, a JSON file (a list of documents, or annotate's own output given back)
        # would be annotated as Vietnamese text, braces and all, without a word of warning.
        yield IngestError(
            shown_arg,
            "is JSON, not text: give documents as a .jsonl file, one JSON object a line "
            '({"id": ..., "text": ..., "en": ...}); annotated output is read by songngu align, export and evaluate',
        )
        return
    doc_id = _stem(path.name)
    try:
        yield _read_text_document(path, shown_arg, doc_id)
    except InputError as exc:
        yield IngestError(shown_arg, str(exc), id=shown_path(doc_id))


def _id_key(doc_id: str) -> int:
    # Two ids with the same file_name_key name the same file on macOS and Windows. The key is
    # a 64-bit hash of it, not the folded id, so that the ids of a corpus of millions of
    # documents stay small in memory.
    folded = file_name_key(doc_id)
    return int.from_bytes(hashlib.blake2b(folded.encode("utf-8"), digest_size=8).digest(), "big")


def read_inputs(
    inputs: Iterable[str], exclude: Sequence[str] = DEFAULT_EXCLUDE, skip_dirs: Sequence[str | Path] = ()
) -> Iterator[SourceDocument | IngestError]:
    """Every document named by ``inputs``, in order, read lazily; duplicate ids are errors.

    ``exclude`` holds glob patterns for the names (or relative paths) of the
    directories and files that a directory walk skips. Two ids that would name the same output
    file on a case-insensitive file system (``J20_Case``, ``j20_case``) are
    duplicates too. Directories in ``skip_dirs`` (the batch's output directory,
    whose ``errors.jsonl`` is no input) are never walked into.
    """
    skip_dirs = [Path(d) for d in skip_dirs]
    seen: dict[int, tuple[str, str, int | None]] = {}
    for arg in inputs:
        for item in _documents_in(arg, exclude, skip_dirs):
            if isinstance(item, SourceDocument):
                key = _id_key(item.id)
                if key in seen:
                    first_id, path, line = seen[key]
                    where = f"{path}:{line}" if line else path
                    if first_id == item.id:
                        reason = f"duplicate document id {item.id!r} (first seen in {where})"
                    else:
                        if unicodedata.normalize("NFC", item.id) == unicodedata.normalize("NFC", first_id):
                            how = "Unicode normalisation"
                        elif item.id.casefold() == first_id.casefold():
                            how = "case"
                        else:
                            how = "case and Unicode normalisation"
                        reason = (
                            f"document id {item.id!r} and {first_id!r} (in {where}) differ only in {how}: they "
                            "name the same file on macOS and Windows"
                        )
                    item = IngestError(item.path, reason, line=item.line, id=item.id)
                else:
                    seen[key] = (item.id, item.path, item.line)
            yield item

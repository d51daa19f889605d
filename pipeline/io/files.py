"""Files: our JSON files read with a one-line error naming the file, output files written atomically
(a reader sees the old file or the whole new one)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

#: Prefix of the temporary files :func:`write_atomic` renames into place (a killed run may leave one).
TMP_PREFIX = ".songngu-"
#: The file in which ``songngu annotate`` lists the documents it could not annotate, one JSON line
#: each, in its output folder: JSON lines, but no annotated documents.
ERRORS_FILE = "errors.jsonl"
_UMASK = os.umask(0)
os.umask(_UMASK)


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A binary handle whose content replaces ``path`` whole when the block ends without an exception."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp creates 0600; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, text: str | Path) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the whole new one.

    ``text`` may be a file holding the text (a large document's output, written
    there as a stream): it is copied, not read into memory.
    """
    with atomic_file(path) as handle:
        if isinstance(text, Path):
            with open(text, "rb") as source:
                shutil.copyfileobj(source, handle, 1 << 20)
        else:
            handle.write(text.encode("utf-8"))


def file_name_key(doc_id: str) -> str:
    """What a document id names as a file on macOS and Windows, whose file systems ignore case and Unicode
    normalisation: two ids with the same key would write the same output file (``J20_Case``, ``j20_case``)."""
    return unicodedata.normalize("NFC", doc_id).casefold()


def json_files(path: Path) -> list[Path]:
    """``path`` itself, or for a folder the ``.json`` files under it, sorted (an output folder's documents)."""
    return sorted(p for p in path.rglob("*.json") if p.is_file()) if path.is_dir() else [path]


def annotated_files(path: Path) -> list[Path]:
    """``path`` itself, or for a folder the files of annotated documents under it, sorted.

    Those are ``songngu annotate``'s two output formats: ``.json`` files (one
    document each) and the ``.jsonl`` shards of ``--output-format jsonl`` (one
    document a line); its ``errors.jsonl`` holds none.
    """
    if not path.is_dir():
        return [path]
    return sorted(
        p
        for p in path.rglob("*")
        if p.is_file() and (p.suffix == ".json" or (p.suffix == ".jsonl" and p.name != ERRORS_FILE))
    )


def read_annotated(path: Path) -> Iterator[tuple[str, Any, str | None]]:
    """``(where, value, why_not)`` for each JSON value of an annotated file, read lazily.

    A ``.jsonl`` file gives one value a line (``where`` is ``PATH:LINE``; blank
    lines are skipped), any other file its one value (``where`` is the path).
    ``why_not`` is None, or why that file or line cannot be read (``value`` is
    then None), so that a caller can name it and go on with the others.
    """
    if path.suffix != ".jsonl":
        try:
            yield str(path), json.loads(path.read_text(encoding="utf-8")), None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            yield str(path), None, str(exc)
        return
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    yield f"{path}:{number}", json.loads(line), None
                except json.JSONDecodeError as exc:
                    yield f"{path}:{number}", None, str(exc)
    except (OSError, UnicodeDecodeError) as exc:
        yield str(path), None, str(exc)


def read_json(path: Path, error: Callable[[str], Exception]) -> Any:
    """The JSON value in ``path``; a file that cannot be read, is not UTF-8 or not JSON raises
    ``error("PATH: cannot read as JSON: why")``, the caller's error type with a one-line message."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise error(f"{path}: cannot read as JSON: {exc}") from None

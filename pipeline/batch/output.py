"""Where a batch writes: the output directory, its checks, and the writers of each output format.

Two kinds of write failure, told apart here:

* the output location cannot be written at all (it is a file, read-only, the
  disk or quota is full): :class:`OutputUnwritable`, which stops the batch at
  once (nothing after it could be written either);
* one document's file cannot be written (its path is taken by another
  document's output or folder, a name too long, a folder without permission):
  the writer returns the reason, which goes to ``errors.jsonl`` like any
  other failed document, and the batch goes on.
"""

from __future__ import annotations

import errno
import json
import os
import tempfile
from pathlib import Path

from pipeline.annotator import output_path
from pipeline.ingest import SourceDocument, shown_path
from pipeline.io.files import TMP_PREFIX, write_atomic

#: errno values that mean nothing more can be written anywhere under the output directory.
_FATAL_ERRNOS = {errno.ENOSPC, errno.EROFS, errno.EDQUOT}


class OutputUnwritable(Exception):
    """The output location cannot be written; the message is one line naming it and why.

    :func:`pipeline.batch.annotate` sets ``summary`` (a RunSummary) to what was done before it.
    """

    summary = None


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def prepare_outdir(outdir: Path) -> None:
    """Create ``outdir`` and check that a file can be created in it, or raise :class:`OutputUnwritable`."""
    shown = shown_path(str(outdir))
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputUnwritable(f"output directory {shown}: exists and is not a directory") from None
    except OSError as exc:
        raise OutputUnwritable(f"output directory {shown}: cannot be created: {_why(exc)}") from None
    probe(outdir)


def probe(outdir: Path) -> None:
    """Raise :class:`OutputUnwritable` unless a file can be created (and removed) in ``outdir``."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=".tmp", dir=outdir)
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        raise OutputUnwritable(f"output directory {shown_path(str(outdir))}: cannot be written: {_why(exc)}") from None


def remove_stale_temporaries(outdir: Path) -> None:
    # Left behind only by a run killed between write and rename.
    for tmp in outdir.rglob(f"{TMP_PREFIX}*.tmp"):
        tmp.unlink(missing_ok=True)


def write_or_reason(outdir: Path, path: Path, text: str) -> str | None:
    """Write ``path`` atomically; the reason it failed for this file alone, or raise :class:`OutputUnwritable`."""
    try:
        write_atomic(path, text)
        return None
    except OSError as exc:
        if exc.errno in _FATAL_ERRNOS:
            raise OutputUnwritable(f"output directory {shown_path(str(outdir))}: {_why(exc)}") from None
        probe(outdir)  # a directory made read-only under us stops the batch; a single bad path does not
        reason = f"cannot write {shown_path(str(path))}: {_why(exc)}"
        if exc.errno in (errno.ENOTDIR, errno.EEXIST, errno.EISDIR):
            reason += " (another document's output file or folder is in the way)"
        return reason


class JsonFiles:
    """One pretty-printed JSON file per document, mirroring the ids (``OUTDIR/sub/doc.json``)."""

    def __init__(self, outdir: Path, options_hash: str):
        self.outdir, self.options_hash = outdir, options_hash

    def up_to_date(self, order: int, source: SourceDocument) -> bool:
        """Whether ``source``'s output exists for the same input and options (then it is skipped)."""
        return is_current(output_path(self.outdir, source.id), source, self.options_hash)

    def write(self, order: int, source: SourceDocument, text: str) -> str | None:
        return write_or_reason(self.outdir, output_path(self.outdir, source.id), text)

    def settled(self, order: int) -> None:
        """Document ``order`` failed or was not a document: nothing to write."""

    def close(self) -> None:
        """The input is exhausted and every document settled."""

    def abort(self) -> None:
        """The batch stops part-way; whatever is written stays whole."""


def is_current(path: Path, source: SourceDocument, options_hash: str) -> bool:
    try:
        existing = json.loads(path.read_text(encoding="utf-8"))
        return record_is_current(existing, source, options_hash)
    except (OSError, ValueError):
        return False  # missing or unreadable: (re)annotate


def record_is_current(existing: dict, source: SourceDocument, options_hash: str) -> bool:
    try:
        return (
            existing["source"]["sha256"] == source.sha256
            and existing["source"].get("en_sha256") == source.en_sha256
            and existing["pipeline"].get("options_hash") == options_hash
        )
    except (KeyError, TypeError, AttributeError):
        return False

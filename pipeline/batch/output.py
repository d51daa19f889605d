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
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pipeline.annotator import output_path
from pipeline.ingest import SourceDocument, shown_path
from pipeline.io.files import TMP_PREFIX, atomic_file, write_atomic

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


def write_or_reason(outdir: Path, path: Path, text: str | Path) -> str | None:
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

    def write(self, order: int, source: SourceDocument, text: str | Path) -> str | None:
        """Write one document's output (its text, or a temporary file holding it, which is then deleted)."""
        try:
            return write_or_reason(self.outdir, output_path(self.outdir, source.id), text)
        finally:
            if isinstance(text, Path):
                text.unlink(missing_ok=True)

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


#: Name of shard number k of the JSONL output format.
SHARD_NAME = "shard-{:05d}.jsonl"
_SHARD_FILE = re.compile(r"shard-(\d{5,})\.jsonl")


@dataclass
class _Line:
    """Where a document's line is: in the shard's existing file, or in this run's spool."""

    order: int
    offset: int
    length: int
    in_spool: bool


class _Shard:
    def __init__(self, path: Path, options_hash: str):
        self.path, self.options_hash = path, options_hash
        self.lines: list[_Line] = []
        self.settled = 0
        self.spool = None  # this run's new lines, in the order they were annotated
        self.existing: dict[str, tuple[int, int, str | None, str | None, str | None]] = {}
        self.existing_order: list[str] = []
        self._index_existing()

    def _index_existing(self) -> None:
        # id -> (offset, length, sha256, en_sha256, options_hash) of every line of the shard a
        # previous run wrote; a line that is not a document (edited by hand) is ignored.
        try:
            handle = open(self.path, "rb")  # noqa: SIM115 (closed below)
        except OSError:
            return
        with handle:
            offset = 0
            for raw in handle:
                try:
                    doc = json.loads(raw)
                    source, pipeline = doc["source"], doc["pipeline"]
                    record = (offset, len(raw), source["sha256"], source.get("en_sha256"), pipeline.get("options_hash"))
                    self.existing[doc["id"]] = record
                    self.existing_order.append(doc["id"])
                except (ValueError, KeyError, TypeError):
                    pass
                offset += len(raw)

    def keep_if_current(self, order: int, source: SourceDocument) -> bool:
        found = self.existing.get(source.id)
        if found is None or found[2:] != (source.sha256, source.en_sha256, self.options_hash):
            return False
        self.lines.append(_Line(order, found[0], found[1], in_spool=False))
        return True

    def add(self, order: int, text: str | Path) -> None:
        if self.spool is None:
            fd, name = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=".tmp", dir=self.path.parent)
            self.spool = (os.fdopen(fd, "w+b"), Path(name))
        handle = self.spool[0]
        handle.seek(0, os.SEEK_END)
        start = handle.tell()
        if isinstance(text, Path):  # a large document's line, in a temporary file: copied, not read whole
            with open(text, "rb") as source:
                shutil.copyfileobj(source, handle, 1 << 20)
        else:
            handle.write(text.encode("utf-8"))
        self.lines.append(_Line(order, start, handle.tell() - start, in_spool=True))

    def unchanged(self) -> bool:
        """Whether the shard on disk already holds exactly these documents, in this order."""
        if self.spool is not None or len(self.lines) != len(self.existing_order):
            return False
        kept = sorted(self.lines, key=lambda line: line.order)
        return [line.offset for line in kept] == [self.existing[i][0] for i in self.existing_order]

    def flush(self) -> None:
        """Write the shard (atomically) unless it is unchanged; then drop this run's spool."""
        try:
            if self.unchanged():
                return
            if not self.lines:
                self.path.unlink(missing_ok=True)
                return
            old = open(self.path, "rb") if any(not line.in_spool for line in self.lines) else None  # noqa: SIM115
            try:
                with atomic_file(self.path) as out:
                    for line in sorted(self.lines, key=lambda line: line.order):
                        source = self.spool[0] if line.in_spool else old
                        source.seek(line.offset)
                        out.write(source.read(line.length))
            finally:
                if old is not None:
                    old.close()
        finally:
            self.discard()

    def discard(self) -> None:
        if self.spool is not None:
            handle, name = self.spool
            handle.close()
            name.unlink(missing_ok=True)
            self.spool = None


class JsonlShards:
    """JSON lines, ``size`` documents a shard: ``OUTDIR/shard-00000.jsonl``, ``shard-00001.jsonl``, ...

    For corpora of millions of documents, where as many small files hurt. The
    k-th document the input names (failed ones counted too) belongs to shard
    ``k // size``, and a shard lists its documents in input order: the shards
    are the same whatever ``--workers`` is. A shard is written, atomically,
    once every one of its documents is settled; until then its new lines wait
    in a temporary file. On a rerun, a document is up to date if its shard
    holds it for the same input and options; a shard whose documents are all
    up to date is left untouched, and the up-to-date lines of a shard that
    changes are copied, not recomputed. Shards past the last one (from a
    longer input before) are removed when a run completes.
    """

    def __init__(self, outdir: Path, options_hash: str, size: int):
        if size < 1:
            raise ValueError("a shard holds at least one document")
        self.outdir, self.options_hash, self.size = outdir, options_hash, size
        self.open: dict[int, _Shard] = {}
        self.last = -1  # the highest document number met

    def _shard(self, order: int) -> _Shard:
        self.last = max(self.last, order)
        k = order // self.size
        if k not in self.open:
            self.open[k] = _Shard(self.outdir / SHARD_NAME.format(k), self.options_hash)
        return self.open[k]

    def _settle(self, order: int) -> None:
        k = order // self.size
        shard = self.open[k]
        shard.settled += 1
        if shard.settled == self.size:
            self._flush(k)

    def _flush(self, k: int) -> None:
        shard = self.open.pop(k)
        try:
            shard.flush()
        except OSError as exc:
            raise OutputUnwritable(f"cannot write {shown_path(str(shard.path))}: {_why(exc)}") from None

    def up_to_date(self, order: int, source: SourceDocument) -> bool:
        shard = self._shard(order)
        if shard.keep_if_current(order, source):
            self._settle(order)
            return True
        return False

    def write(self, order: int, source: SourceDocument, text: str | Path) -> str | None:
        try:
            self._shard(order).add(order, text)
        except OSError as exc:
            raise OutputUnwritable(f"output directory {shown_path(str(self.outdir))}: {_why(exc)}") from None
        finally:
            if isinstance(text, Path):
                text.unlink(missing_ok=True)
        self._settle(order)
        return None

    def settled(self, order: int) -> None:
        self._shard(order)
        self._settle(order)

    def close(self) -> None:
        for k in sorted(self.open):
            self._flush(k)
        last_shard = self.last // self.size if self.last >= 0 else -1
        for path in self.outdir.iterdir():
            match = _SHARD_FILE.fullmatch(path.name)
            if match and int(match.group(1)) > last_shard:
                path.unlink()

    def abort(self) -> None:
        for shard in self.open.values():
            shard.discard()
        self.open.clear()

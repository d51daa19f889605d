"""``songngu annotate``: a corpus in, one JSON file per document out.

What a batch guarantees:

* resumable: a document whose output already exists for the same input hash
  (Vietnamese and English) and the same options hash is skipped; ``--force``
  redoes it;
* atomic: every file is written to a temporary name in the same directory and
  renamed into place, so a killed run never leaves a half-written file;
* nothing lost: a document that cannot be read or annotated is reported (file,
  reason) on stderr and in ``OUTDIR/errors.jsonl``, the batch goes on, and the
  exit code is non-zero at the end; a worker process that dies takes no
  document with it (its documents are retried once in a fresh pool);
* deterministic: the same input and options give byte-identical files,
  whatever ``--workers`` is.
"""

from __future__ import annotations

import json
import sys
import traceback
from collections import deque
from collections.abc import Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from pipeline import logs
from pipeline.annotate import AnnotateOptions, Annotator, output_path
from pipeline.ingest import DEFAULT_EXCLUDE, IngestError, SourceDocument, read_inputs
from pipeline.io.files import TMP_PREFIX, write_atomic

ERRORS_FILE = "errors.jsonl"


@dataclass
class RunSummary:
    annotated: int = 0
    skipped: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)


def _remove_stale_temporaries(outdir: Path) -> None:
    # Left behind only by a run killed between write and rename.
    if outdir.is_dir():
        for tmp in outdir.rglob(f"{TMP_PREFIX}*.tmp"):
            tmp.unlink(missing_ok=True)


def is_up_to_date(path: Path, source: SourceDocument, options_hash: str) -> bool:
    try:
        existing = json.loads(path.read_text(encoding="utf-8"))
        return (
            existing["source"]["sha256"] == source.sha256
            and existing["source"].get("en_sha256") == source.en_sha256
            and existing["pipeline"].get("options_hash") == options_hash
        )
    except (OSError, ValueError, KeyError, TypeError):
        return False  # missing or unreadable: (re)annotate


# -- worker side ---------------------------------------------------------------

_WORKER: Annotator | None = None


_WORKER_ERROR: Exception | None = None


def _init_worker(options: AnnotateOptions, log_level: int | None = None) -> None:
    # A spawned process starts with no logging set-up: it gets the main process's (--verbose, --quiet).
    if log_level is not None:
        logs.to_stderr(log_level)
    # A failure here is kept, not raised: an initializer that raises breaks the
    # pool with no message, while the first task re-raises it to the main
    # process with its own (e.g. which model is missing and how to get it).
    global _WORKER, _WORKER_ERROR
    try:
        _WORKER = Annotator(options)
    except Exception as exc:
        _WORKER_ERROR = exc


def _worker_options_hash() -> str:
    if _WORKER_ERROR is not None:
        raise _WORKER_ERROR
    return _WORKER.options_hash


def _annotate_one(source: SourceDocument, annotator: Annotator | None = None) -> tuple[str, str | None, str | None]:
    """(doc id, JSON text or None, error or None); never raises for a bad document."""
    from pipeline.io.jsondoc import dumps  # spaCy: imported where documents are made, not by `songngu --help`

    annotator = annotator or _WORKER
    try:
        return source.id, dumps(annotator.annotate(source)), None
    except Exception as exc:  # one document's failure must not stop the batch
        last = traceback.extract_tb(exc.__traceback__)[-1]
        return (
            source.id,
            None,
            f"annotation failed: {type(exc).__name__}: {exc} (at {Path(last.filename).name}:{last.lineno})",
        )


# -- main side -----------------------------------------------------------------


def _progress(enabled: bool):
    """The progress bar, on stderr (the stream whose terminal decides whether it shows)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("annotating"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} docs/s"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=not enabled,
    )


def annotate(
    inputs: Iterable[str],
    outdir: str | Path,
    options: AnnotateOptions | None = None,
    workers: int = 1,
    force: bool = False,
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE,
    progress: bool | None = None,
    log=None,
) -> RunSummary:
    """Annotate every document of ``inputs`` into ``outdir``; see the module docstring."""
    import time

    log = log or sys.stderr
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(outdir)
    options = options or AnnotateOptions()
    # The options hash (for skipping up-to-date outputs) needs the loaded
    # pipeline: with workers, the first worker computes it, so that the main
    # process never loads the models it would not use.
    annotator = pool = None
    if workers <= 1:
        annotator = Annotator(options)
        options_hash = annotator.options_hash
    else:
        pool = _new_pool(workers, _init_worker, (options, logs.configured_level()))
        try:
            options_hash = pool.submit(_worker_options_hash).result()
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise
    summary = RunSummary()
    errors: list[tuple[int, dict[str, Any]]] = []

    def report(order: int, path: str, reason: str, line: int | None = None, doc_id: str | None = None) -> None:
        record = {"path": path, "line": line, "id": doc_id, "reason": reason}
        errors.append((order, record))
        where = f"{path}:{line}" if line else path
        print(f"songngu: error: {where}: {reason}", file=log)

    todo: list[tuple[int, SourceDocument]] = []
    for order, item in enumerate(read_inputs(inputs, exclude)):
        if isinstance(item, IngestError):
            report(order, item.path, item.reason, item.line, item.id)
        elif not force and is_up_to_date(output_path(outdir, item.id), item, options_hash):
            summary.skipped += 1
        else:
            todo.append((order, item))

    def finish(order: int, source: SourceDocument, text: str | None, error: str | None) -> None:
        if error is None:
            write_atomic(output_path(outdir, source.id), text)
            summary.annotated += 1
        else:
            report(order, source.path, error, source.line, source.id)

    show = (log.isatty() if hasattr(log, "isatty") else False) if progress is None else progress
    started = time.monotonic()
    with _progress(show) as bar:
        task = bar.add_task("annotate", total=len(todo), rate="-")

        def advance() -> None:
            elapsed = max(time.monotonic() - started, 1e-9)
            bar.update(task, advance=1, rate=f"{summary.annotated / elapsed:.2f}")

        if workers <= 1:
            for order, source in todo:
                finish(order, source, *_annotate_one(source, annotator)[1:])
                advance()
        else:
            try:
                _run_parallel(
                    todo, workers, finish, advance, _init_worker, (options, logs.configured_level()), pool=pool
                )
            finally:
                pool.shutdown(cancel_futures=True)

    summary.errors = [record for _, record in sorted(errors, key=lambda pair: pair[0])]
    errors_path = outdir / ERRORS_FILE
    if summary.errors:
        write_atomic(errors_path, "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in summary.errors))
    else:
        errors_path.unlink(missing_ok=True)
    return summary


def _new_pool(workers: int, initializer, initargs) -> ProcessPoolExecutor:
    # spawn, not fork: the model libraries are not fork-safe
    return ProcessPoolExecutor(workers, mp_context=get_context("spawn"), initializer=initializer, initargs=initargs)


def _run_parallel(todo, workers, finish, advance, initializer, initargs, work=_annotate_one, pool=None) -> None:
    """Run ``todo`` on ``workers`` processes, each loading the models once.

    At most two documents per worker are in flight, so a large corpus is never
    held in memory. ``work(source)`` returns what :func:`_annotate_one` does;
    ``initializer(*initargs)`` prepares each worker; ``pool``, if given, is the
    first pool to use (already started). If a worker dies (killed, out of memory, a crash in native
    code), the pool breaks and every document in flight is a suspect: suspects
    are retried one at a time in a fresh pool, so the one that kills a worker
    on its own is reported and the others are annotated.
    """
    pending = deque(todo)
    suspects: deque = deque()
    while pending or suspects:
        pool = pool or _new_pool(workers, initializer, initargs)
        with pool:
            in_flight: dict[Future, tuple[int, SourceDocument, bool]] = {}
            broken = False
            while (pending or suspects or in_flight) and not broken:
                if suspects:
                    if not in_flight:  # a suspect runs alone
                        order, source = suspects.popleft()
                        in_flight[pool.submit(work, source)] = (order, source, True)
                else:
                    while pending and len(in_flight) < workers * 2:
                        order, source = pending.popleft()
                        in_flight[pool.submit(work, source)] = (order, source, False)
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    order, source, alone = in_flight.pop(future)
                    try:
                        _, text, error = future.result()
                    except BrokenProcessPool:
                        broken = True
                        if alone:
                            finish(order, source, None, "a worker process died while annotating this document")
                            advance()
                        else:
                            suspects.append((order, source))
                        continue
                    finish(order, source, text, error)
                    advance()
            if broken:
                suspects.extend((order, source) for order, source, _ in in_flight.values())
                pool.shutdown(wait=False, cancel_futures=True)
        pool = None  # a broken pool is not reused

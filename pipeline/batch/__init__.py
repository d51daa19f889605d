"""``songngu annotate``: a corpus in, one JSON file per document out.

What a batch guarantees:

* resumable: a document whose output already exists for the same input hash
  (Vietnamese and English) and the same options hash is skipped; ``--force``
  redoes it;
* atomic: every file is written to a temporary name in the same directory and
  renamed into place, so a killed or stopped run never leaves a half-written file;
* nothing lost: a document that cannot be read, annotated (within its time
  limit) or written is reported (file, line, reason) on one line of stderr and
  in ``OUTDIR/errors.jsonl``, the batch goes on, and the exit code is non-zero
  at the end; a worker process that dies takes no document with it (its
  documents are retried once in a fresh pool);
* stops cleanly: an output location that cannot be written at all stops the
  batch at once (:class:`OutputUnwritable`); SIGTERM or SIGINT stops the
  workers, keeps the whole files written so far and reports what was done
  (:class:`BatchInterrupted`); a killed parent takes its workers with it;
* lazy: inputs are read as the workers need them, so the first output
  appears at once and memory does not grow with the corpus;
* deterministic: the same input and options give byte-identical files,
  whatever ``--workers`` is.
"""

from __future__ import annotations

import contextlib
import json
import re
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.annotator import AnnotateOptions, Annotator
from pipeline.batch.output import JsonFiles, JsonlShards, OutputUnwritable, prepare_outdir, remove_stale_temporaries
from pipeline.ingest import DEFAULT_EXCLUDE, IngestError, SourceDocument, read_inputs, shown_path
from pipeline.io.files import ERRORS_FILE

__all__ = ["ERRORS_FILE", "BatchInterrupted", "OutputUnwritable", "RunSummary", "annotate"]


@dataclass
class RunSummary:
    annotated: int = 0
    skipped: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)

    def line(self) -> str:
        return f"{self.annotated} annotated, {self.skipped} up to date, {self.failed} failed"


class BatchInterrupted(KeyboardInterrupt):
    """The batch was stopped by a signal; ``summary`` says what was done, ``signal`` which one."""

    def __init__(self, summary: RunSummary, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.summary, self.signal = summary, signum


class _Stop(BaseException):
    """Raised in the main thread by the SIGINT, SIGTERM and SIGHUP handler."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


class _Stopper:
    """Where a stopping signal is held back while a finished document is being counted.

    A signal raised between the output file's rename and ``summary.annotated += 1``
    left a file on disk that the closing line did not count; inside :meth:`held`
    the handler records the signal, and it is raised when the block ends.
    """

    def __init__(self) -> None:
        self.holding = False
        self.pending: int | None = None

    def handler(self, signum, frame):
        # Recorded even when raised: a handler runs at whatever line the main thread is
        # on, and an exception raised inside a finalizer (``__del__``, a weakref
        # callback) is swallowed by the interpreter; the next document's end raises it
        # again (:meth:`held`), so a stop is never lost.
        self.pending = signum
        if not self.holding:
            raise _Stop(signum)

    @contextlib.contextmanager
    def held(self):
        self.holding = True
        try:
            yield
        finally:
            self.holding = False
        if self.pending is not None:
            raise _Stop(self.pending)


@contextlib.contextmanager
def _signals_stop_the_batch():
    """SIGINT (Ctrl-C), SIGTERM (job schedulers, ``timeout``, ``docker stop``) and SIGHUP stop the batch.

    Yields a :class:`_Stopper`. Only the main thread can install handlers;
    elsewhere the defaults stay (and nothing is held back).
    """
    stopper = _Stopper()
    if threading.current_thread() is not threading.main_thread():
        yield stopper
        return
    wanted = [signal.SIGINT, signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    # A signal ignored on purpose (nohup, a background job's SIGINT) stays ignored.
    installed = {s: signal.signal(s, stopper.handler) for s in wanted if signal.getsignal(s) is not signal.SIG_IGN}
    hook = sys.unraisablehook

    def quiet_stop(unraisable) -> None:
        # A stop swallowed in a finalizer is raised again at the next document's end:
        # no traceback for it on stderr.
        if not isinstance(unraisable.exc_value, _Stop):
            hook(unraisable)

    sys.unraisablehook = quiet_stop
    try:
        yield stopper
    finally:
        sys.unraisablehook = hook
        for signum, previous in installed.items():
            signal.signal(signum, previous)


@contextlib.contextmanager
def _signals_ignored():
    """While the batch cleans up after a stop, a second Ctrl-C or SIGTERM must not cut the clean-up short."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved = {s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, previous in saved.items():
            signal.signal(signum, previous)


def one_line(text: str) -> str:
    """An error message on one line: line breaks become spaces, other control characters are escaped."""
    return shown_path(re.sub(r"\s*[\r\n]+\s*", " ", text).strip())


class _NoProgress:
    """What :func:`_progress` gives when the bar is not shown: the calls the batch makes, doing nothing.

    rich's ``Progress(disable=True)`` does the same, but importing rich (54 modules) and making its
    console cost about 0.06 CPU s, paid in the main process before any worker starts: by every run
    whose stderr is not a terminal (a script, a pipe, the bench), where no bar is ever drawn.
    """

    def __enter__(self) -> _NoProgress:
        return self

    def __exit__(self, *exc) -> None:
        return None

    def add_task(self, *args, **kwargs) -> int:
        return 0

    def update(self, *args, **kwargs) -> None:
        return None


def _progress(enabled: bool):
    """The progress bar, on stderr (the stream whose terminal decides whether it shows)."""
    if not enabled:
        return _NoProgress()
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
    *,
    time_limit: float | None = None,
    annotator: Annotator | None = None,
    output_format: str = "json",
    shard_size: int = 1000,
    engine: str = "local",
    scheduler: str | None = None,
) -> RunSummary:
    """Annotate every document of ``inputs`` into ``outdir``; see the module docstring.

    ``time_limit`` is in seconds per document (per 200,000 characters for
    longer ones; None: no limit). ``annotator``, if given, is a loaded
    pipeline to use (its options replace ``options``): a notebook or a test
    running many batches loads the models once. ``output_format`` is
    ``"json"`` (one file per document) or ``"jsonl"`` (shards of ``shard_size``
    documents, see :class:`pipeline.batch.output.JsonlShards`). ``engine`` is
    ``"local"`` (this process, or ``workers`` forked processes) or ``"dask"``
    (a Dask cluster at ``scheduler``, or a LocalCluster of ``workers``
    processes; see :mod:`pipeline.batch.dask_engine`). Raises :class:`OutputUnwritable` if
    ``outdir`` cannot be written, :class:`BatchInterrupted` on SIGINT/SIGTERM,
    :class:`pipeline.errors.ModelUnavailable` if a model cannot be loaded.
    """
    from pipeline.batch.local import LocalEngine

    engine_name, engine = engine, None
    log = log or sys.stderr
    outdir = Path(outdir)
    options = options or AnnotateOptions()
    summary = RunSummary()
    errors: list[tuple[int, dict[str, Any]]] = []
    sink = None

    def report(order: int, path: str, reason: str, line: int | None = None, doc_id: str | None = None) -> None:
        reason = one_line(reason)
        record = {"path": path, "line": line, "id": doc_id, "reason": reason}
        errors.append((order, record))
        where = f"{path}:{line}" if line else path
        print(f"songngu: error: {where}: {reason}", file=log)

    def write_errors() -> None:
        from pipeline.batch.output import write_or_reason

        summary.errors = [record for _, record in sorted(errors, key=lambda pair: pair[0])]
        errors_path = outdir / ERRORS_FILE
        if summary.errors:
            text = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in summary.errors)
            reason = write_or_reason(outdir, errors_path, text)
            if reason:
                raise OutputUnwritable(reason)
        else:
            errors_path.unlink(missing_ok=True)

    with _signals_stop_the_batch() as stopper:
        try:
            prepare_outdir(outdir)
            remove_stale_temporaries(outdir)
            if output_format not in ("json", "jsonl"):
                raise ValueError(f"unknown output format {output_format!r} (json or jsonl)")
            if engine_name == "dask":
                try:
                    from pipeline.batch.dask_engine import DaskEngine
                except ImportError as exc:
                    raise ValueError(
                        f"--engine dask needs Dask distributed ({exc.name} is not installed): pip install 'songngu[dask]'"
                    ) from None
                engine = DaskEngine(options, outdir, workers, time_limit, output_format, scheduler)
            elif engine_name == "local":
                engine = LocalEngine(options, workers, time_limit, annotator, output_format)
            else:
                raise ValueError(f"unknown engine {engine_name!r} (local or dask)")
            if output_format == "jsonl":
                sink = JsonlShards(outdir, engine.options_hash, shard_size)
            else:
                sink = JsonFiles(outdir, engine.options_hash)
            engine.start()  # before the progress bar's thread: a fork copies no thread
            show = (log.isatty() if hasattr(log, "isatty") else False) if progress is None else progress
            started = time.monotonic()
            with _progress(show) as bar:
                task = bar.add_task("annotate", total=None, rate="-")

                def advance() -> None:
                    elapsed = max(time.monotonic() - started, 1e-9)
                    bar.update(task, advance=1, rate=f"{summary.annotated / elapsed:.2f}")

                def todo() -> Iterator[tuple[int, SourceDocument]]:
                    for order, item in enumerate(read_inputs(inputs, exclude, skip_dirs=(outdir,))):
                        if isinstance(item, IngestError):
                            report(order, item.path, item.reason, item.line, item.id)
                            sink.settled(order)
                        elif not force and sink.up_to_date(order, item):
                            summary.skipped += 1
                        else:
                            yield order, item

                def finish(order: int, source: SourceDocument, text: str | Path | None, error: str | None) -> None:
                    with stopper.held():  # a file written is a file counted
                        if error is None and text is not None:  # None and None: a Dask worker wrote the file
                            error = sink.write(order, source, text)
                        if error is None:
                            summary.annotated += 1
                        else:
                            report(order, source.path, error, source.line, source.id)
                            sink.settled(order)
                    advance()

                engine.run(todo(), finish)
                sink.close()
        except (KeyboardInterrupt, _Stop) as exc:
            with _signals_ignored():
                if engine is not None:
                    engine.stop()
                if sink is not None:
                    sink.abort()
                with contextlib.suppress(OutputUnwritable, OSError):
                    write_errors()
            raise BatchInterrupted(summary, getattr(exc, "signum", signal.SIGINT)) from None
        except OutputUnwritable as exc:
            if engine is not None:
                engine.stop()
            summary.errors = [record for _, record in sorted(errors, key=lambda pair: pair[0])]
            exc.summary = summary
            raise
        finally:
            if engine is not None:
                engine.close()
    write_errors()
    return summary

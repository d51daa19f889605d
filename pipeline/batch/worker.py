"""What runs in a worker: one document annotated under a time limit, and the worker's set-up.

Used by both engines: the process pool (:mod:`pipeline.batch.local`) and Dask
(:mod:`pipeline.batch.dask_engine`). Nothing here raises for a bad document:
:func:`annotate_one` returns the JSON text or the reason it failed.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import sys
import threading
import time
import traceback
from pathlib import Path

from pipeline.annotator import Annotator
from pipeline.ingest import SourceDocument

#: A time limit applies to this many characters; a longer document gets proportionally more.
TIME_LIMIT_CHARS = 200_000
#: With ``spool``, a document of this many characters or more is written to a temporary
#: file as a stream (Annotator.write): its output is never held in memory whole, nor
#: sent from a worker to the main process.
STREAM_CHARS = 200_000


class DocumentTimeout(BaseException):
    """Raised inside the thread annotating a document that ran past its time limit.

    A BaseException, so that no ``except Exception`` in a stage swallows it.
    """


def limit_for(text: str, seconds: float | None) -> float | None:
    """The time limit of a document: ``seconds`` per :data:`TIME_LIMIT_CHARS` characters, at least ``seconds``."""
    if not seconds:
        return None
    return seconds * max(1.0, len(text) / TIME_LIMIT_CHARS)


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)


@contextlib.contextmanager
def time_limit(seconds: float | None):
    """Raise :class:`DocumentTimeout` in this thread if the block runs longer than ``seconds``.

    Written by hand: ``signal.alarm`` works only in a main thread (a Dask
    worker runs tasks in threads) and the libraries that do this (stopit,
    func-timeout) are unmaintained. A timer thread asks the interpreter to raise
    the exception in this thread; pure-Python code (underthesea's quadratic
    feature code, the rules) stops at its next bytecode; a long call into C
    (a CRF decoding) stops when it returns.
    """
    if not seconds:
        yield
        return
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"finished": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["finished"]:
                state["fired"] = True
                _raise_in(target, DocumentTimeout)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["finished"] = True
            if state["fired"]:
                _raise_in(target, None)  # fired as the block ended: not delivered yet, so withdrawn


def serialise(document: dict, output_format: str = "json") -> str:
    """The text of one output: a pretty-printed JSON file, or one JSON line of a shard."""
    if output_format == "jsonl":
        return json.dumps(document, ensure_ascii=False) + "\n"
    from pipeline.io.jsondoc import dumps  # spaCy: imported where documents are made, not by `songngu --help`

    return dumps(document)


def annotate_one(
    source: SourceDocument,
    annotator: Annotator,
    seconds: float | None = None,
    output_format: str = "json",
    spool: bool = False,
) -> tuple[str, str | Path | None, str | None]:
    """(doc id, output text or None, error or None); never raises for a bad document.

    With ``spool``, the output of a document of :data:`STREAM_CHARS` characters or more
    is a temporary file holding the text (its :class:`~pathlib.Path`): the sink
    that writes it deletes it.
    """
    streamed = spool and len(source.text) >= STREAM_CHARS
    max_length = getattr(getattr(annotator, "vi", None), "max_length", None)
    # A streamed document annotated paragraph by paragraph has its pieces checked by Annotator.write.
    if max_length and len(source.text) > max_length and not (streamed and annotator.annotates_in_pieces(source)):
        # spaCy would refuse it with its internal E088; say what to do instead.
        return (
            source.id,
            None,
            f"document of {len(source.text):,} characters is over the pipeline's limit of {max_length:,} "
            "(nlp.max_length): split it into several documents",
        )
    limit = limit_for(source.text, seconds)
    started = time.monotonic()
    try:
        with time_limit(limit):
            if streamed:
                return source.id, _spooled(source, annotator, output_format), None
            return source.id, serialise(annotator.annotate(source), output_format), None
    except DocumentTimeout:
        return (
            source.id,
            None,
            f"stopped after {time.monotonic() - started:.0f} s: over the time limit of {limit:.0f} s "
            f"for {len(source.text):,} characters (--time-limit)",
        )
    except Exception as exc:  # one document's failure must not stop the batch
        last = traceback.extract_tb(exc.__traceback__)[-1]
        return (
            source.id,
            None,
            f"annotation failed: {type(exc).__name__}: {exc} (at {Path(last.filename).name}:{last.lineno})",
        )


def _spooled(source: SourceDocument, annotator: Annotator, output_format: str) -> Path:
    import tempfile

    fd, name = tempfile.mkstemp(prefix="songngu-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            annotator.write(source, out, one_line=output_format == "jsonl")
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


# -- a worker process of the local pool ------------------------------------------------

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent(parent_pid: int) -> None:
    """End this process when ``parent_pid`` dies, even by ``kill -9``.

    On Linux the kernel sends SIGKILL (PR_SET_PDEATHSIG); elsewhere a daemon
    thread watches the parent process id. Either way no worker outlives the
    command that started it.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
            if os.getppid() != parent_pid:  # the parent died before prctl
                os._exit(1)
            return

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="songngu-parent-watch", daemon=True).start()


def quiet_signals() -> None:
    """A worker leaves Ctrl-C to its parent (which stops the pool) and dies plainly on SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_DFL)

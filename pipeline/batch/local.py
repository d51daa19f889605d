"""The local engine: one process, or a pool of worker processes forked from a loaded pipeline.

Start-up is paid once: the main process loads the models, then forks every
worker together from that state (copy-on-write: the models are shared, not
loaded again). Where fork is not safe (macOS, Windows) each worker is spawned
and loads the models itself.
"""

from __future__ import annotations

import gc
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

from pipeline import logs
from pipeline.annotator import AnnotateOptions, Annotator
from pipeline.batch.worker import annotate_one, die_with_parent, quiet_signals
from pipeline.ingest import SourceDocument
from pipeline.startup import YOUNG_THRESHOLD, fewer_young_collections, gc_paused, one_blas_thread

Result = tuple[str, str | None, str | None]
#: finish(order, source, json text or None, error or None)
Finish = Callable[[int, SourceDocument, str | None, str | None], None]

# The worker's state: set in the parent before a fork (inherited), or by
# _spawned_worker_setup in a spawned worker.
_ANNOTATOR: Annotator | None = None
_TIME_LIMIT: float | None = None
_FORMAT = "json"
_SETUP_ERROR: Exception | None = None


def fork_is_safe() -> bool:
    # macOS and Windows have no safe fork (system frameworks, no fork at all).
    return sys.platform.startswith("linux") and "fork" in _start_methods()


def _start_methods() -> list[str]:
    from multiprocessing import get_all_start_methods

    return get_all_start_methods()


def _forked_worker_setup(parent_pid: int) -> None:
    quiet_signals()
    die_with_parent(parent_pid)
    # a worker does nothing but annotate: fewer young collections for its whole life (startup.YOUNG_THRESHOLD)
    threshold = gc.get_threshold()
    gc.set_threshold(max(YOUNG_THRESHOLD, threshold[0]), *threshold[1:])


def _spawned_worker_setup(
    parent_pid: int, options: AnnotateOptions, seconds: float | None, output_format: str, log_level: int | None
) -> None:
    # A failure here is kept, not raised: an initializer that raises breaks the
    # pool with no message, while each task re-raises it with its own.
    global _ANNOTATOR, _TIME_LIMIT, _FORMAT, _SETUP_ERROR
    _forked_worker_setup(parent_pid)
    # A spawned process starts with no logging set-up: it gets the main process's (--verbose, --quiet).
    if log_level is not None:
        logs.to_stderr(log_level)
    _TIME_LIMIT, _FORMAT = seconds, output_format
    try:
        _ANNOTATOR = Annotator(options)
    except Exception as exc:
        _SETUP_ERROR = exc


def _work(source: SourceDocument) -> Result:
    if _SETUP_ERROR is not None:
        raise _SETUP_ERROR
    return annotate_one(source, _ANNOTATOR, _TIME_LIMIT, _FORMAT, spool=True)


class LocalEngine:
    """Loads the pipeline once; runs documents in this process or in ``workers`` processes."""

    def __init__(
        self,
        options: AnnotateOptions,
        workers: int = 1,
        time_limit: float | None = None,
        annotator: Annotator | None = None,
        output_format: str = "json",
    ):
        if annotator is None:
            one_blas_thread()
            # The pipelines this engine loads live as long as it does and leave no garbage
            # (a collection right after the load finds none): no collection while they load,
            # each would walk what is loaded so far again, and none afterwards, frozen: about
            # 0.2 CPU s of collections on the bench's 80 documents. (A pool collects and
            # freezes again before its fork, for what was made since: _new_pool.)
            with gc_paused():
                annotator = Annotator(options)
                gc.freeze()
        self.annotator = annotator
        self.options, self.workers, self.time_limit = self.annotator.options, workers, time_limit
        self.output_format = output_format
        self.options_hash = self.annotator.options_hash
        self.pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        """Start every worker now (before any progress-bar thread exists, so that the fork copies none)."""
        if self.workers > 1:
            self.pool = self._new_pool()
            for future in [self.pool.submit(os.getpid) for _ in range(self.workers)]:
                future.result()

    def _new_pool(self) -> ProcessPoolExecutor:
        global _ANNOTATOR, _TIME_LIMIT, _FORMAT
        if fork_is_safe():
            _ANNOTATOR, _TIME_LIMIT, _FORMAT = self.annotator, self.time_limit, self.output_format
            # Objects that exist now are never collected: a collection would write
            # to the shared pages of every worker and copy them.
            gc.collect()
            gc.freeze()
            # A forked pool starts all its workers at the first submit.
            return ProcessPoolExecutor(
                self.workers, mp_context=get_context("fork"), initializer=_forked_worker_setup, initargs=(os.getpid(),)
            )
        return ProcessPoolExecutor(
            self.workers,
            mp_context=get_context("spawn"),
            initializer=_spawned_worker_setup,
            initargs=(os.getpid(), self.options, self.time_limit, self.output_format, logs.configured_level()),
        )

    def run(self, todo: Iterator[tuple[int, SourceDocument]], finish: Finish) -> None:
        if self.workers <= 1:
            with fewer_young_collections():
                for order, source in todo:
                    finish(
                        order,
                        source,
                        *annotate_one(source, self.annotator, self.time_limit, self.output_format, spool=True)[1:],
                    )
            return
        run_parallel(todo, self.workers, finish, self._new_pool, pool=self.pool)
        self.pool = None

    def stop(self) -> None:
        """Stop the workers now, documents in flight included (a signal, a fatal error)."""
        if self.pool is not None:
            terminate_pool(self.pool)
            self.pool = None

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None


def terminate_pool(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's workers, busy or not, and shut it down.

    ``shutdown`` waits for the documents in flight, which can take minutes;
    Python 3.14 has ``terminate_workers`` for this, older ones only the private
    process table.
    """
    terminate = getattr(pool, "terminate_workers", None)
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        if process.is_alive():
            process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def run_parallel(
    todo: Iterator[tuple[int, SourceDocument]],
    workers: int,
    finish: Finish,
    new_pool: Callable[[], ProcessPoolExecutor],
    work: Callable[[SourceDocument], Result] = _work,
    pool: ProcessPoolExecutor | None = None,
) -> None:
    """Run ``todo`` on a pool of ``workers`` processes, pulling documents as they are needed.

    At most two documents per worker are in flight, so a large corpus is never
    held in memory. ``pool``, if given, is the first pool to use (already
    started); ``new_pool()`` makes the others. If a worker dies (killed, out of
    memory, a crash in native code), the pool breaks and every document in
    flight is a suspect: suspects are retried one at a time in a fresh pool, so
    the one that kills a worker on its own is reported and the others are
    annotated. On any exception (a signal, a fatal write error) the workers are
    killed before it propagates.
    """
    todo = iter(todo)
    exhausted = False
    suspects: deque = deque()
    # Documents taken from ``todo`` that no worker has run: a worker can die between ``wait``
    # returning and the next ``submit``, which then raises BrokenProcessPool for the pool
    # before any future says so. They go to the next pool first, as ordinary documents.
    unsent: deque = deque()
    try:
        while True:
            pool = pool or new_pool()
            in_flight: dict[Future, tuple[int, SourceDocument, bool]] = {}
            broken = False
            while not broken:
                if suspects:
                    if not in_flight:  # a suspect runs alone
                        order, source = suspects[0]
                        try:
                            in_flight[pool.submit(work, source)] = (order, source, True)
                        except BrokenProcessPool:
                            broken = True
                            break
                        suspects.popleft()
                else:
                    while not exhausted and len(in_flight) < workers * 2:
                        item = unsent.popleft() if unsent else next(todo, None)
                        if item is None:
                            exhausted = True
                            break
                        try:
                            in_flight[pool.submit(work, item[1])] = (item[0], item[1], False)
                        except BrokenProcessPool:
                            unsent.appendleft(item)
                            broken = True
                            break
                    if broken:
                        break
                if not in_flight:
                    break
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    order, source, alone = in_flight.pop(future)
                    try:
                        _, text, error = future.result()
                    except BrokenProcessPool:
                        broken = True
                        if alone:
                            finish(order, source, None, "a worker process died while annotating this document")
                        else:
                            suspects.append((order, source))
                        continue
                    finish(order, source, text, error)
            if not broken:
                pool.shutdown()
                return
            suspects.extend((order, source) for order, source, _ in in_flight.values())
            pool.shutdown(wait=False, cancel_futures=True)
            pool = None  # a broken pool is not reused
    except BaseException:
        if pool is not None:
            terminate_pool(pool)
        raise

"""The Dask engine: the same batch on a Dask distributed cluster (``--engine dask``).

* Models are loaded once per Dask worker, by a worker plugin
  (:class:`AnnotatorPlugin`); a worker its nanny restarts loads them again.
* Each document is a task. With the JSON output format the worker writes the
  document's file itself, to the output path, which every worker must see at
  the same path as the client (a shared file system); with JSONL shards the
  worker returns the line and the client writes the shards.
* Progress comes from the scheduler (tasks as they complete). A task whose
  worker dies is rerun on another worker by the scheduler; one that kills
  ``distributed.scheduler.allowed-failures`` + 1 workers is reported as failed.
* Resume, ``errors.jsonl``, time limits, signals and write failures are the
  batch runner's, as with the local engine.

Without a scheduler address it starts a LocalCluster of ``workers`` processes
with one thread each (the pipeline is pure Python: threads would share one GIL).
This module imports ``distributed``: :func:`pipeline.batch.annotate` imports it
only for ``engine="dask"``.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from pathlib import Path

from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker
from distributed.scheduler import KilledWorker

from pipeline.annotator import AnnotateOptions, Annotator, output_path
from pipeline.batch.output import OutputUnwritable, write_or_reason
from pipeline.batch.worker import annotate_one
from pipeline.ingest import SourceDocument

PLUGIN_NAME = "songngu-annotator"


class AnnotatorPlugin(WorkerPlugin):
    """Loads the pipeline once on each Dask worker (and again on a worker restarted by its nanny)."""

    name = PLUGIN_NAME

    def __init__(self, options: AnnotateOptions, time_limit: float | None, output_format: str):
        self.options, self.time_limit, self.output_format = options, time_limit, output_format
        self.annotator: Annotator | None = None

    async def setup(self, worker) -> None:
        # Loading takes seconds: off the event loop, so the worker keeps answering its scheduler.
        self.annotator = await asyncio.get_running_loop().run_in_executor(None, Annotator, self.options)


def _plugin() -> AnnotatorPlugin:
    return get_worker().plugins[PLUGIN_NAME]


def _options_hash() -> str:
    return _plugin().annotator.options_hash


def _annotate_task(source: SourceDocument, outdir: str) -> tuple[str | None, str | None, str | None]:
    """(JSONL line or None, error or None, fatal write error or None) of one document, on a worker."""
    plugin = _plugin()
    _, text, error = annotate_one(source, plugin.annotator, plugin.time_limit, plugin.output_format)
    if error is not None or plugin.output_format != "json":
        return text, error, None
    try:
        return None, write_or_reason(Path(outdir), output_path(outdir, source.id), text), None
    except OutputUnwritable as exc:
        return None, None, str(exc)


class DaskEngine:
    def __init__(
        self,
        options: AnnotateOptions,
        outdir: Path,
        workers: int = 1,
        time_limit: float | None = None,
        output_format: str = "json",
        scheduler: str | None = None,
    ):
        self.outdir, self.cluster = outdir, None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
            self.client = Client(self.cluster)
        self.futures: dict = {}
        self.run_id = uuid.uuid4().hex[:8]
        try:
            self.client.register_plugin(AnnotatorPlugin(options, time_limit, output_format), name=PLUGIN_NAME)
            self.options_hash = self.client.submit(_options_hash, pure=False).result()
        except BaseException:
            self.close()
            raise

    #: The local engine writes the files in the main process; here the workers do.
    writes_files = True

    def start(self) -> None:
        """Nothing to start: the workers are up and loaded."""

    def run(self, todo: Iterator[tuple[int, SourceDocument]], finish) -> None:
        todo = iter(todo)
        threads = sum(self.client.nthreads().values()) or 1
        queue = as_completed()

        def submit_next() -> None:
            item = next(todo, None)
            if item is not None:
                order, source = item
                # A readable key, unique to this run (the cluster may outlive it).
                key = f"songngu-{self.run_id}-{order}"
                future = self.client.submit(_annotate_task, source, str(self.outdir), key=key, pure=False)
                self.futures[future] = item
                queue.add(future)

        for _ in range(threads * 2):  # a few documents queued per worker, never the whole corpus
            submit_next()
        for future in queue:
            order, source = self.futures.pop(future)
            try:
                text, error, fatal = future.result()
            except KilledWorker:
                text, error, fatal = None, "a worker process died while annotating this document (on every try)", None
            except Exception as exc:  # a task that failed on the worker in a way annotate_one did not catch
                text, error, fatal = None, f"annotation failed on a Dask worker: {type(exc).__name__}: {exc}", None
            if fatal:
                raise OutputUnwritable(fatal)
            finish(order, source, text, error)
            submit_next()

    def stop(self) -> None:
        if self.futures:
            self.client.cancel(list(self.futures))
            self.futures.clear()

    def close(self) -> None:
        self.stop()
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

"""CPU-time measurements the bench scripts share.

CPU time of this process, never wall-clock time: on a shared machine the wall
clock swings with other jobs' load, and the figures are reported as ratios
measured in one run.
"""

from __future__ import annotations

import gc
import time
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TypeVar

from pipeline.startup import gc_paused, one_blas_thread

# The benches time stages as `songngu annotate` runs them, and its engine gives numpy's OpenBLAS one thread
# (pipeline.startup.one_blas_thread). It must be set before numpy is first imported: import this module before
# numpy or anything that imports it.
one_blas_thread()

T = TypeVar("T")


def loaded_as_the_annotator(load: Callable[[], T]) -> T:
    """``load()`` with garbage collection as ``songngu annotate`` loads its pipelines (pipeline/batch/local.py):
    paused, then what was loaded frozen. Otherwise a full collection walks the ~330,000 loaded objects (about
    0.2 CPU s) in whichever timed pass it falls, a cost of no stage that the annotator does not pay. Time the
    passes within :func:`pipeline.startup.fewer_young_collections`, as the annotator runs its documents."""
    with gc_paused():
        loaded = load()
        gc.freeze()
    return loaded


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    """Least CPU time of ``repeat`` runs of ``fn()``."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def stage_cpu(nlp, texts: Iterable[str], repeats: int = 1) -> tuple[float, Counter]:
    """CPU seconds of a spaCy pipeline over ``texts``, whole and per stage (``"tokenizer"``, then each
    component by name), of the fastest of ``repeats`` passes. Load the models before calling it."""
    texts = list(texts)
    total, spent = float("inf"), Counter()
    for _ in range(repeats):
        pass_spent: Counter = Counter()
        start_all = time.process_time()
        for text in texts:
            start = time.process_time()
            doc = nlp.make_doc(text)
            pass_spent["tokenizer"] += time.process_time() - start
            for name, proc in nlp.pipeline:
                start = time.process_time()
                doc = proc(doc)
                pass_spent[name] += time.process_time() - start
        elapsed = time.process_time() - start_all
        if elapsed < total:
            total, spent = elapsed, pass_spent
    return total, spent

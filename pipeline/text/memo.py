"""A table of a function's values by key, filled as keys are met and bounded.

Read with ``map(table.__getitem__, keys)`` over every word of a text: a hit is a dict lookup in C,
where a Python call per word (or :func:`functools.lru_cache`'s wrapper) cost more on the event
stage's hot paths. Past ``limit`` keys it starts afresh (a long run over a corpus meets ever more
word forms), so memory stays bounded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class BoundedTable(dict, Generic[K, V]):
    """``table[key]`` is ``compute(key)``, computed once per key while at most ``limit`` keys are kept."""

    def __init__(self, compute: Callable[[K], V], limit: int = 1 << 16):
        super().__init__()
        self.compute, self.limit = compute, limit

    def __missing__(self, key: K) -> V:
        if len(self) >= self.limit:
            self.clear()
        value = self[key] = self.compute(key)
        return value

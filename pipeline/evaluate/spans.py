"""Precision, recall and F1 over sets of items (spans, links, tuples).

Every score keeps its counts (tp, fp, fn) so that figures from small gold sets
can be read for what they are.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def as_dict(self) -> dict[str, float]:
        return {**asdict(self), "precision": self.precision, "recall": self.recall, "f1": self.f1}


def prf(gold: Iterable[Hashable], pred: Iterable[Hashable]) -> Score:
    """Score ``pred`` against ``gold`` as sets: an item counts once however often it repeats."""
    gold, pred = set(gold), set(pred)
    tp = len(gold & pred)
    return Score(tp=tp, fp=len(pred) - tp, fn=len(gold) - tp)


def add_counts(counts, gold: Iterable[Hashable], pred: Iterable[Hashable], unit_of) -> None:
    """Add the tp/fp/fn of ``pred`` against ``gold`` (as :func:`prf` counts them) to ``counts``.

    ``counts`` has one ``[tp, fp, fn]`` row per resampling unit and
    ``unit_of(item)`` says which row an item belongs to; a true positive is
    counted in its gold item's unit.
    """
    gold, pred = set(gold), set(pred)
    for item in gold:
        counts[unit_of(item), 0 if item in pred else 2] += 1
    for item in pred - gold:
        counts[unit_of(item), 1] += 1

"""Figures with their counts and a bootstrap 95% interval.

Every metric here is a function of counts summed over *units* (documents, or
the sentences of a single document): tp/fp/fn for precision and recall,
correct/total for accuracy, |A∩S|, |A∩P|, |A|, |S| for AER. The bootstrap
(Efron & Tibshirani 1993; for NLP, Koehn 2004 and Berg-Kirkpatrick et al.
2012) resamples units with replacement, recomputes the figure on the summed
counts, and reports the 2.5th and 97.5th percentiles. Resampling whole units,
not individual spans, keeps the dependence between the spans of one sentence.

All figures of one evaluation share the same resamples (one weight matrix), so
their intervals are paired; the seed is fixed so that reruns give the same
intervals.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Statistic = Callable[[np.ndarray], dict[str, np.ndarray]]


def _div(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a / b, 0 where b is 0 (the convention of seqeval, nervaluate and conlleval)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return np.divide(a, b, out=np.zeros(np.broadcast(a, b).shape), where=b != 0)


def prf_statistic(sums: np.ndarray) -> dict[str, np.ndarray]:
    """``[..., (tp, fp, fn)]`` -> precision, recall, F1."""
    tp, fp, fn = sums[..., 0], sums[..., 1], sums[..., 2]
    p, r = _div(tp, tp + fp), _div(tp, tp + fn)
    return {"precision": p, "recall": r, "f1": _div(2 * p * r, p + r)}


def macro(statistic: Statistic) -> Statistic:
    """``[..., types, counts]`` -> the unweighted mean over types of each value of ``statistic``.

    The macro F1 is thus the mean of per-type F1s (as scikit-learn and seqeval
    compute it), not the harmonic mean of the macro P and R.
    """

    def averaged(sums: np.ndarray) -> dict[str, np.ndarray]:
        return {name: values.mean(axis=-1) for name, values in statistic(sums).items()}

    return averaged


def accuracy_statistic(sums: np.ndarray) -> dict[str, np.ndarray]:
    """``[..., (correct, total)]`` -> accuracy."""
    return {"accuracy": _div(sums[..., 0], sums[..., 1])}


def aer_statistic(sums: np.ndarray) -> dict[str, np.ndarray]:
    """``[..., (|A∩S|, |A∩P|, |A|, |S|)]`` -> AER (Och & Ney 2003), precision against P, recall against S."""
    a_s, a_p, a, s = (sums[..., i] for i in range(4))
    return {
        "aer": 1.0 - _div(a_s + a_p, a + s),
        "precision": _div(a_p, a),
        "recall": _div(a_s, s),
    }


class Bootstrap:
    """Percentile intervals over ``n_units`` units, from one fixed set of resamples."""

    def __init__(self, n_units: int, resamples: int = 1000, seed: int = 0, level: float = 0.95):
        self.n_units, self.resamples, self.seed, self.level = n_units, resamples, seed, level
        if resamples > 0 and n_units > 0:
            rng = np.random.default_rng(seed)
            # Resampling n units with replacement = how many times each unit is
            # drawn, a multinomial count; summing counts is then a matrix product.
            self.weights = rng.multinomial(n_units, np.full(n_units, 1.0 / n_units), size=resamples).astype(float)
        else:
            self.weights = None

    def describe(self) -> dict[str, float | int]:
        return {"resamples": self.resamples, "seed": self.seed, "level": self.level, "units": self.n_units}

    def figure(self, counts: np.ndarray, statistic: Statistic, names: tuple[str, ...]) -> dict:
        """The point values of ``statistic`` on all units, its interval, and the summed counts.

        ``counts`` has one row per unit; ``names`` label its last axis (summed
        over any middle axis, e.g. the types of a macro average, for display).
        """
        counts = np.asarray(counts, dtype=float)
        if counts.shape[0] != self.n_units:
            raise ValueError(f"counts for {counts.shape[0]} units, bootstrap over {self.n_units}")
        total = counts.sum(axis=0)
        point = statistic(total)
        flat = total.reshape(-1, len(names)).sum(axis=0)
        out: dict = {name: _number(v) for name, v in zip(names, flat)}
        out.update({name: float(v) for name, v in point.items()})
        if self.weights is not None:
            sums = np.tensordot(self.weights, counts, axes=(1, 0))
            tail = (1.0 - self.level) / 2 * 100
            out["ci"] = {
                name: [float(np.percentile(v, tail)), float(np.percentile(v, 100 - tail))]
                for name, v in statistic(sums).items()
            }
        return out


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


PRF = ("tp", "fp", "fn")
ACCURACY = ("correct", "total")
AER = ("a_and_sure", "a_and_possible", "predicted", "sure")


class Units:
    """The unit each scored item is resampled with: its document, or its sentence in a single document.

    Sentences come from the gold document when it has them (CoNLL-U, JSON),
    else from the prediction (brat has none), else the document is one unit.
    An item belongs to the sentence its start falls in.
    """

    def __init__(self, gold: list, pred: list):
        from pipeline.evaluate.offsets import unit_of

        self._unit_of = unit_of
        if len(gold) != 1:
            self.kind, self.count, self._starts = "documents", len(gold), None
        else:
            sentences = gold[0].vi.sentences or pred[0].vi.sentences
            self.kind = "sentences" if sentences else "documents"
            self._starts = [start for start, _ in sentences] or [0]
            self.count = len(self._starts)

    def of(self, doc_index: int, position: int) -> int:
        if self._starts is None:
            return doc_index
        return self._unit_of(self._starts, position)

    def zeros(self, *shape: int) -> np.ndarray:
        return np.zeros((self.count, *shape))

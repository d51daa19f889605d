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

# A statistic maps summed counts to named values; ``undefined`` is what a value
# with a zero denominator becomes: 0 for the reported figure (the convention of
# seqeval, nervaluate and conlleval), NaN inside the bootstrap, where a resample
# that holds none of a type says nothing about it and is left out of the
# interval (else a perfect score on 3 persons gets the interval [0, 100]).
Statistic = Callable[..., dict[str, np.ndarray]]


def safe_divide(a: np.ndarray, b: np.ndarray, undefined: float = 0.0) -> np.ndarray:
    """a / b, ``undefined`` where b is 0."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return np.divide(a, b, out=np.full(np.broadcast(a, b).shape, undefined), where=b != 0)


def prf_statistic(sums: np.ndarray, undefined: float = 0.0) -> dict[str, np.ndarray]:
    """``[..., (tp, fp, fn)]`` -> precision, recall, F1.

    F1 as 2tp / (2tp + fp + fn), equal to the harmonic mean of P and R, and
    defined (0) whenever there is any gold or prediction.
    """
    tp, fp, fn = sums[..., 0], sums[..., 1], sums[..., 2]
    return {
        "precision": safe_divide(tp, tp + fp, undefined),
        "recall": safe_divide(tp, tp + fn, undefined),
        "f1": safe_divide(2 * tp, 2 * tp + fp + fn, undefined),
    }


def macro(statistic: Statistic) -> Statistic:
    """``[..., types, counts]`` -> the unweighted mean over types of each value of ``statistic``.

    The macro F1 is thus the mean of per-type F1s (as scikit-learn and seqeval
    compute it), not the harmonic mean of the macro P and R.
    """

    def averaged(sums: np.ndarray, undefined: float = 0.0) -> dict[str, np.ndarray]:
        values = statistic(sums, undefined)
        if undefined == 0.0:
            return {name: v.mean(axis=-1) for name, v in values.items()}
        # in a resample, a type with no gold and no prediction is not averaged in
        with np.errstate(all="ignore"):
            return {name: np.nanmean(v, axis=-1) for name, v in values.items()}

    return averaged


def accuracy_statistic(sums: np.ndarray, undefined: float = 0.0) -> dict[str, np.ndarray]:
    """``[..., (correct, total)]`` -> accuracy."""
    return {"accuracy": safe_divide(sums[..., 0], sums[..., 1], undefined)}


def aer_statistic(sums: np.ndarray, undefined: float = 0.0) -> dict[str, np.ndarray]:
    """``[..., (|A∩S|, |A∩P|, |A|, |S|)]`` -> AER (Och & Ney 2003), precision against P, recall against S."""
    a_s, a_p, a, s = (sums[..., i] for i in range(4))
    return {
        "aer": 1.0 - safe_divide(a_s + a_p, a + s, undefined),
        "precision": safe_divide(a_p, a, undefined),
        "recall": safe_divide(a_s, s, undefined),
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
            out["ci"] = {name: _interval(v, tail) for name, v in statistic(sums, np.nan).items()}
        return out


def _interval(values: np.ndarray, tail: float) -> list[float] | None:
    """Percentile interval of the resamples where the value is defined (None if it never is)."""
    values = values[~np.isnan(values)]
    if not values.size:
        return None
    return [float(np.percentile(values, tail)), float(np.percentile(values, 100 - tail))]


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

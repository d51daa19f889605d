"""Named-entity recognition under the four MUC / SemEval-2013 Task 9.1 schemes.

Each predicted entity is matched one to one with a gold entity and the pair is
correct (COR), incorrect (INC) or partial (PAR); unmatched predictions are
spurious (SPU), unmatched gold entities missed (MIS). The schemes differ in
what a match requires (Segura-Bedmar et al. 2013; Batista's description that
``nervaluate`` implements):

=========  =============================  =================================
scheme     correct when                   incorrect / partial when
=========  =============================  =================================
strict     same boundaries and same type  any other overlap: INC
exact      same boundaries, any type      overlap, other boundaries: INC
partial    same boundaries, any type      overlap, other boundaries: PAR
type       overlap and same type          overlap, other type: INC
=========  =============================  =================================

``P = (COR + 0.5 PAR) / (COR + INC + PAR + SPU)`` and
``R = (COR + 0.5 PAR) / (COR + INC + PAR + MIS)`` (PAR is 0 outside the
partial scheme). As tp/fp/fn: ``tp = COR + 0.5 PAR``, ``fp = INC + SPU + 0.5
PAR``, ``fn = INC + MIS + 0.5 PAR``. Strict is the CoNLL-2003 figure that
seqeval and conlleval report.

Matching. We first pair every prediction that fully satisfies the scheme
(for ``type``: with the overlapping same-type gold entity of closest
boundaries, as nervaluate does), then pair the remaining predictions with the
first remaining gold entity they overlap. nervaluate does both in one pass over
the predictions, so a prediction that merely overlaps a gold entity can take it
before a later prediction that matches it exactly; the two then differ (one
INC + one SPU there, one COR + one SPU here). Wherever no prediction overlaps
two gold entities or vice versa, the counts are identical; the tests check
both.

Per-type figures score each type on its own gold and predicted entities (as
nervaluate and seqeval do); macro figures are the unweighted means over the
types present in gold or prediction.

We implement the matching instead of calling nervaluate because the same
pairing yields the per-sentence counts the bootstrap needs, the confusion
matrix and the error list; nervaluate is the cross-check in the tests.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from pipeline.evaluate.bootstrap import Bootstrap, Units, macro, safe_divide
from pipeline.evaluate.context import error_record
from pipeline.evaluate.documents import NON_NE_LABELS, EvalDoc, Mention

SCHEMES = ("strict", "exact", "partial", "type")
COUNTS = ("correct", "incorrect", "partial", "missed", "spurious")
#: Display order of the contract's labels; other labels follow alphabetically.
LABEL_ORDER = ("PER", "LOC", "ORG", "MISC", "DATE", "NUM")


@dataclass
class Matching:
    """Indices into the gold and predicted lists, by outcome."""

    correct: list[tuple[int, int]] = field(default_factory=list)
    incorrect: list[tuple[int, int]] = field(default_factory=list)
    partial: list[tuple[int, int]] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)
    spurious: list[int] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in COUNTS}


def _overlap(a: Mention, b: Mention) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


class _Overlaps:
    """Which gold entities (sorted by start) overlap a span, without comparing all pairs."""

    def __init__(self, gold: Sequence[Mention]):
        self.gold = gold
        self.starts = [g.start for g in gold]
        self.longest = max((g.end - g.start for g in gold), default=0)

    def __call__(self, span: Mention) -> list[int]:
        lo = bisect_left(self.starts, span.start - self.longest)
        hi = bisect_left(self.starts, span.end)
        return [i for i in range(lo, hi) if _overlap(self.gold[i], span) > 0]


def match(gold: Sequence[Mention], pred: Sequence[Mention], scheme: str) -> Matching:
    """Pair ``pred`` with ``gold`` under ``scheme``; both sorted by (start, end)."""
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r} (expected one of {', '.join(SCHEMES)})")
    overlapping = _Overlaps(gold)
    taken: set[int] = set()
    paired: set[int] = set()
    out = Matching()

    # Pass 1: predictions that fully satisfy the scheme.
    for pi, p in enumerate(pred):
        if scheme == "type":
            candidates = [gi for gi in overlapping(p) if gi not in taken and gold[gi].label == p.label]
            gi = min(
                candidates, key=lambda i: (abs(gold[i].start - p.start) + abs(gold[i].end - p.end), i), default=None
            )
        else:
            gi = next(
                (
                    i
                    for i in overlapping(p)
                    if i not in taken and gold[i].span == p.span and (scheme != "strict" or gold[i].label == p.label)
                ),
                None,
            )
        if gi is not None:
            out.correct.append((gi, pi))
            taken.add(gi)
            paired.add(pi)

    # Pass 2: the rest overlap a gold entity (INC, or PAR in the partial scheme) or nothing (SPU).
    for pi, p in enumerate(pred):
        if pi in paired:
            continue
        gi = next((i for i in overlapping(p) if i not in taken), None)
        if gi is None:
            out.spurious.append(pi)
        else:
            (out.partial if scheme == "partial" else out.incorrect).append((gi, pi))
            taken.add(gi)
    out.missed = [gi for gi in range(len(gold)) if gi not in taken]
    out.correct.sort()
    return out


def semeval_statistic(sums: np.ndarray, undefined: float = 0.0) -> dict[str, np.ndarray]:
    """``[..., (COR, INC, PAR, MIS, SPU)]`` -> precision, recall, F1 as SemEval-2013 defines them.

    F1 is written 2·TP / (ACT + POS), the harmonic mean of P and R whenever both
    are defined, and 0 (not undefined) when only one side has entities.
    """
    cor, inc, par, mis, spu = (sums[..., i] for i in range(5))
    tp = cor + 0.5 * par
    actual, possible = cor + inc + par + spu, cor + inc + par + mis
    return {
        "precision": safe_divide(tp, actual, undefined),
        "recall": safe_divide(tp, possible, undefined),
        "f1": safe_divide(2 * tp, actual + possible, undefined),
    }


def _with_tp_fp_fn(figure: dict) -> dict:
    """Add the tp/fp/fn that the five SemEval counts amount to (see the module docstring)."""
    cor, inc, par, mis, spu = (figure[name] for name in COUNTS)
    figure.update(tp=cor + 0.5 * par, fp=inc + spu + 0.5 * par, fn=inc + mis + 0.5 * par)
    for key in ("tp", "fp", "fn"):
        if float(figure[key]).is_integer():
            figure[key] = int(figure[key])
    return figure


def ordered_labels(labels: set[str]) -> list[str]:
    return [label for label in LABEL_ORDER if label in labels] + sorted(labels - set(LABEL_ORDER))


def named_entities(doc: EvalDoc) -> list[Mention]:
    """The document's named entities (no OTHER event arguments), sorted by span."""
    return sorted(
        (m for m in doc.vi.entities or [] if m.label not in NON_NE_LABELS), key=lambda m: (m.start, m.end, m.label)
    )


def evaluate_ner(gold: list[EvalDoc], pred: list[EvalDoc], units: Units, boot: Bootstrap) -> dict:
    """Micro, macro and per-type figures under each scheme, the type confusion matrix and the errors."""
    pairs = [(named_entities(g), named_entities(p)) for g, p in zip(gold, pred)]
    labels = ordered_labels({m.label for g, p in pairs for m in (*g, *p)})
    schemes = {}
    for scheme in SCHEMES:
        micro = units.zeros(len(COUNTS))
        per_type = units.zeros(len(labels), len(COUNTS))
        for d, (g, p) in enumerate(pairs):
            _add(micro, match(g, p, scheme), g, p, units, d)
            for t, label in enumerate(labels):
                g_t = [m for m in g if m.label == label]
                p_t = [m for m in p if m.label == label]
                _add(per_type[:, t], match(g_t, p_t, scheme), g_t, p_t, units, d)
        result = {"micro": _with_tp_fp_fn(boot.figure(micro, semeval_statistic, COUNTS))}
        if labels:
            result["macro"] = _with_tp_fp_fn(boot.figure(per_type, macro(semeval_statistic), COUNTS))
        result["per_type"] = {
            label: _with_tp_fp_fn(boot.figure(per_type[:, t], semeval_statistic, COUNTS))
            for t, label in enumerate(labels)
        }
        schemes[scheme] = result
    confusion, errors = diagnose(gold, pred, labels)
    return {"labels": labels, "schemes": schemes, "confusion": confusion, "errors": errors}


def _add(
    counts: np.ndarray, m: Matching, gold: Sequence[Mention], pred: Sequence[Mention], units: Units, d: int
) -> None:
    for column, name in enumerate(COUNTS[:3]):
        for gi, _ in getattr(m, name):
            counts[units.of(d, gold[gi].start), column] += 1
    for gi in m.missed:
        counts[units.of(d, gold[gi].start), 3] += 1
    for pi in m.spurious:
        counts[units.of(d, pred[pi].start), 4] += 1


# --------------------------------------------------------------------------- diagnosis

NONE = "(none)"


def diagnose(gold: list[EvalDoc], pred: list[EvalDoc], labels: list[str], extract=None) -> tuple[dict, list[dict]]:
    """The type confusion matrix and the list of errors, with their sentence.

    ``extract`` gives the mentions of a document (default: its named
    entities; event scoring passes the triggers, typed by event type). Each
    gold mention is paired with the prediction overlapping it most (if any);
    the matrix counts gold type x predicted type over those pairs, with a
    ``(none)`` row for predictions overlapping no gold mention and a ``(none)``
    column for gold mentions nothing overlaps. Errors: missed, spurious, wrong
    type (same span), wrong boundary (same type), wrong type and boundary; a
    prediction that overlaps a gold mention already paired with a better one
    is a wrong boundary too.
    """
    extract = extract or named_entities
    rows = labels + [NONE]
    index = {label: i for i, label in enumerate(rows)}
    matrix = [[0] * len(rows) for _ in rows]
    errors: list[dict] = []
    for g_doc, p_doc in zip(gold, pred):
        g, p = extract(g_doc), extract(p_doc)
        overlapping = _Overlaps(g)
        by_gold: dict[int, list[int]] = {}
        for pi, pm in enumerate(p):
            for gi in overlapping(pm):
                by_gold.setdefault(gi, []).append(pi)
        paired_preds: set[int] = set()
        for gi, gm in enumerate(g):
            candidates = by_gold.get(gi, [])
            if not candidates:
                matrix[index[gm.label]][index[NONE]] += 1
                errors.append(_error("missed", g_doc, p_doc, gm, None))
                continue
            pi = max(candidates, key=lambda i: (_overlap(gm, p[i]), -i))
            paired_preds.add(pi)
            pm = p[pi]
            matrix[index[gm.label]][index[pm.label]] += 1
            kind = _kind(gm, pm)
            if kind:
                errors.append(_error(kind, g_doc, p_doc, gm, pm))
        for pi, pm in enumerate(p):
            if pi in paired_preds:
                continue
            near = overlapping(pm)
            if not near:
                matrix[index[NONE]][index[pm.label]] += 1
                errors.append(_error("spurious", g_doc, p_doc, None, pm))
            else:
                gm = g[max(near, key=lambda i: (_overlap(g[i], pm), -i))]
                errors.append(_error("wrong boundary", g_doc, p_doc, gm, pm))
    return {"labels": rows, "matrix": matrix}, errors


def _kind(g: Mention, p: Mention) -> str | None:
    same_span, same_type = g.span == p.span, g.label == p.label
    if same_span and same_type:
        return None
    if same_span:
        return "wrong type"
    return "wrong boundary" if same_type else "wrong type and boundary"


def _error(kind: str, g_doc: EvalDoc, p_doc: EvalDoc, g: Mention | None, p: Mention | None) -> dict:
    return error_record(kind, g_doc, p_doc, gold_item=g, pred_item=p)

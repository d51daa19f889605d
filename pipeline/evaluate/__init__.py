"""Measuring extraction accuracy against gold data (``songngu evaluate``).

One entry point, :func:`evaluate`: gold and predicted documents (read by
:mod:`pipeline.evaluate.documents` from JSON, brat, CoNLL or CoNLL-U) in,
a JSON-ready dict of figures out. Each figure carries its counts and a
bootstrap 95% interval (:mod:`pipeline.evaluate.bootstrap`). The tasks:

======  ===================================================  ================================
task    figures                                              module
======  ===================================================  ================================
ws      word-span P/R/F1                                     :mod:`~pipeline.evaluate.words`
pos     UPOS/XPOS accuracy on gold words, end-to-end P/R/F1  :mod:`~pipeline.evaluate.words`
ner     strict/exact/partial/type, micro/macro/per type      :mod:`~pipeline.evaluate.ner`
events  trigger and argument identification/classification  :mod:`~pipeline.evaluate.events`
align   entity-link P/R/F1, word-alignment AER               :mod:`~pipeline.evaluate.alignment`
======  ===================================================  ================================
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.evaluate.documents import EvalDoc, EvalInputError

# The scoring modules are imported by the functions below, not here: ``songngu`` imports this package
# for its ``evaluate`` subcommand (pipeline/evaluate/cli.py) whatever the command, ``annotate`` too.

TASKS = ("ws", "pos", "ner", "events", "align")

__all__ = ["TASKS", "EvalInputError", "available_tasks", "evaluate"]


def __getattr__(name: str):
    # ``from pipeline.evaluate import EvalInputError``: the error class lives with the readers that raise it
    if name == "EvalInputError":
        from pipeline.evaluate.documents import EvalInputError

        return EvalInputError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def available_tasks(gold: Sequence[EvalDoc]) -> list[str]:
    """The tasks the gold documents hold annotations for."""
    from pipeline.evaluate.documents import NON_NE_LABELS

    tasks = []
    if any(g.vi.words for g in gold):
        tasks.append("ws")
        if any(w.upos or w.xpos for g in gold for w in g.vi.words or []):
            tasks.append("pos")
    if any(m.label not in NON_NE_LABELS for g in gold for m in g.vi.entities or []):
        tasks.append("ner")
    if any(g.vi.events for g in gold):
        tasks.append("events")
    if any(g.entity_links is not None or g.token_links for g in gold):
        tasks.append("align")
    return tasks


def _check(gold: Sequence[EvalDoc], pred: Sequence[EvalDoc], tasks: Sequence[str]) -> None:
    from pipeline.evaluate.documents import EvalInputError
    from pipeline.evaluate.offsets import TextMismatch

    if len(gold) != len(pred):
        raise EvalInputError(f"{len(gold)} gold documents but {len(pred)} predictions")
    if not gold:
        raise EvalInputError("no gold documents")
    have = available_tasks(gold)
    for task in tasks:
        if task not in TASKS:
            raise EvalInputError(f"unknown task {task!r} (expected one of {', '.join(TASKS)})")
        if task not in have:
            raise EvalInputError(
                f"the gold data has no annotation for task {task!r} "
                f"(it has: {', '.join(have) or 'nothing scorable'}); gold: {gold[0].path}"
            )
    for g, p in zip(gold, pred):
        try:
            g.vi.skeleton.check_same(p.vi.skeleton, f"document {g.id!r} ({p.path or 'prediction'})")
            if "align" in tasks and g.en is not None:
                if p.en is None:
                    raise EvalInputError(f"document {g.id!r}: the prediction has no English layer to align")
                g.en.skeleton.check_same(p.en.skeleton, f"document {g.id!r}, English layer")
        except TextMismatch as exc:
            raise EvalInputError(str(exc)) from None
        if "ws" in tasks and p.vi.words is None:
            raise EvalInputError(f"document {g.id!r}: the prediction has no tokens to score segmentation on")


def evaluate(
    gold: Sequence[EvalDoc],
    pred: Sequence[EvalDoc],
    tasks: Sequence[str] | None = None,
    *,
    resamples: int = 1000,
    seed: int = 0,
    xpos_map: dict[str, str] | None = None,
) -> dict:
    """Score ``pred`` against ``gold`` (matched pairwise) on ``tasks`` (default: all the gold supports).

    Raises :class:`EvalInputError` when a task is not in the gold, when a
    document's texts differ beyond whitespace, or when a layer is missing.
    """
    from pipeline.evaluate.bootstrap import Bootstrap, Units

    gold, pred = list(gold), list(pred)
    tasks = list(tasks) if tasks else available_tasks(gold)
    _check(gold, pred, tasks)
    units = Units(gold, pred)
    boot = Bootstrap(units.count, resamples=resamples, seed=seed)
    result: dict = {
        "documents": [g.id for g in gold],
        "bootstrap": {**boot.describe(), "unit": units.kind[:-1]},
        "tasks": {},
        "notes": [],
    }
    if "ws" in tasks or "pos" in tasks:
        from pipeline.evaluate.words import evaluate_words

        words = evaluate_words(gold, pred, units, boot, xpos_map)
        result["notes"].extend(words["notes"] if "pos" in tasks else [])
        for task in ("ws", "pos"):
            if task in tasks and task in words:
                result["tasks"][task] = words[task]
    if "ner" in tasks:
        from pipeline.evaluate.ner import evaluate_ner

        result["tasks"]["ner"] = evaluate_ner(gold, pred, units, boot)
    if "events" in tasks:
        from pipeline.evaluate.events import evaluate_events

        result["tasks"]["events"] = evaluate_events(gold, pred, units, boot)
    if "align" in tasks:
        from pipeline.evaluate.alignment import evaluate_alignment

        result["tasks"]["align"] = evaluate_alignment(gold, pred, units, boot)
    return result

"""Errors shown in their sentence, in the gold document's own text."""

from __future__ import annotations

from pipeline.evaluate.documents import EvalDoc, Mention
from pipeline.evaluate.offsets import unit_of

#: Without sentences, an error is shown with this many characters either side (within its line).
WINDOW = 120


def sentence_span(gold: EvalDoc, pred: EvalDoc, position: int) -> tuple[int, int]:
    """Raw span, in the gold text, of the sentence holding skeleton ``position``.

    Sentences come from the gold document, else from the prediction (mapped
    onto the gold text through the shared skeleton), else the line around it.
    """
    skel = gold.vi.skeleton
    sentences = gold.vi.sentences or pred.vi.sentences
    if sentences:
        start, end = sentences[unit_of([s for s, _ in sentences], position)]
        return skel.raw(start, end)
    text, at = skel.text, skel.raw_offset(min(position, len(skel)))
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    line_end = len(text) if line_end < 0 else line_end
    return max(line_start, at - WINDOW), min(line_end, at + WINDOW)


def error_record(
    kind: str, gold: EvalDoc, pred: EvalDoc, *, gold_item: Mention | None = None, pred_item: Mention | None = None
) -> dict:
    """One error as a JSON-ready dict: kind, document, sentence, and the gold and predicted spans in it.

    ``offset`` is the span's position inside ``context`` (clipped to it), for
    highlighting; ``start``/``end`` are offsets in the gold text.
    """
    anchor = (gold_item or pred_item).start
    c_start, c_end = sentence_span(gold, pred, anchor)
    text = gold.vi.text
    record: dict = {"kind": kind, "doc": gold.id, "context": text[c_start:c_end]}
    for name, item in (("gold", gold_item), ("pred", pred_item)):
        if item is None:
            record[name] = None
            continue
        start, end = gold.vi.skeleton.raw(item.start, item.end)
        record[name] = {
            "label": item.label,
            "text": text[start:end],
            "start": start,
            "end": end,
            "offset": [min(max(start - c_start, 0), c_end - c_start), min(max(end - c_start, 0), c_end - c_start)],
        }
    return record

"""Word segmentation and part-of-speech tagging.

Segmentation: precision, recall and F1 of word spans, in skeleton coordinates
(spaces ignored), as the CoNLL 2018 shared task scores "Words" and as
Vietnamese segmenters are compared.

Tagging, for each tag set the gold has (UPOS; XPOS, the VLSP tags):

- accuracy on gold words: every gold word gets the tag of the predicted word
  that overlaps it most (ties: the leftmost), so a segmentation error costs at
  most the words it touches and the figure stays comparable to taggers run on
  gold segmentation;
- end to end: precision, recall and F1 of (span, tag) pairs, a word counting
  only when both its boundaries and its tag are right (CoNLL 2018 "UPOS"/"XPOS"
  when the segmentation differs).
"""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path

from pipeline.evaluate.bootstrap import (
    ACCURACY,
    PRF,
    Bootstrap,
    Units,
    accuracy_statistic,
    prf_statistic,
)
from pipeline.evaluate.documents import EvalDoc, Word
from pipeline.evaluate.spans import add_counts

TAGSETS = ("upos", "xpos")


def project(gold: Word, pred: list[Word], starts: list[int]) -> Word | None:
    """The predicted word overlapping ``gold`` most, leftmost on ties (``starts``: the predicted words' starts)."""
    best, best_overlap = None, 0
    i = max(bisect_right(starts, gold.start) - 1, 0)
    while i < len(pred) and pred[i].start < gold.end:
        overlap = min(gold.end, pred[i].end) - max(gold.start, pred[i].start)
        if overlap > best_overlap:
            best, best_overlap = pred[i], overlap
        i += 1
    return best


def load_tag_map(path: str | Path | None) -> dict[str, str]:
    """Tag equivalences from a two-column TSV (tag, tag to compare as); ``vtb`` names the bundled VTB/VLSP table.

    The table rewrites gold and predicted tags alike, so it can collapse
    distinctions one tag set makes and the other does not.
    """
    if path is None:
        return {}
    from pipeline.text.tsv import DataFileError, read_tsv

    if str(path) == "vtb":
        from importlib.resources import files

        path, where = files("pipeline.evaluate").joinpath("xpos_vtb_vlsp.tsv"), "xpos_vtb_vlsp.tsv"
    else:
        where = str(path)
    mapping = {}
    for row in read_tsv(path, columns=("gold", "tag"), where=where):
        if not row["tag"].strip():
            raise DataFileError(f"{where}:{row['_line']}: expected 'GOLD_TAG<TAB>TAG', got one field")
        mapping[row["gold"].strip()] = row["tag"].strip()
    return mapping


def evaluate_words(
    gold: list[EvalDoc], pred: list[EvalDoc], units: Units, boot: Bootstrap, xpos_map: dict[str, str] | None = None
) -> dict:
    """Segmentation F1 and, per tag set, tagging accuracy and end-to-end F1."""
    xpos_map = xpos_map or {}
    ws = units.zeros(3)
    accuracy = {t: units.zeros(2) for t in TAGSETS}
    end_to_end = {t: units.zeros(3) for t in TAGSETS}
    tagged = {t: [False, False] for t in TAGSETS}  # gold has tags, prediction has tags
    for d, (g, p) in enumerate(zip(gold, pred)):
        g_words, p_words = g.vi.words or [], p.vi.words or []
        add_counts(
            ws,
            {(w.start, w.end) for w in g_words},
            {(w.start, w.end) for w in p_words},
            lambda item, d=d: units.of(d, item[0]),
        )
        starts = [w.start for w in p_words]
        for tagset in TAGSETS:
            tag_map = xpos_map if tagset == "xpos" else {}

            def tag_of(w: Word | None, tagset: str = tagset, tag_map: dict = tag_map) -> str | None:
                tag = getattr(w, tagset) if w is not None else None
                return tag_map.get(tag, tag)

            gold_tagged = [(w, tag_of(w)) for w in g_words if tag_of(w) is not None]
            pred_tagged = [(w, tag_of(w)) for w in p_words if tag_of(w) is not None]
            tagged[tagset][0] |= bool(gold_tagged)
            tagged[tagset][1] |= bool(pred_tagged)
            for w, tag in gold_tagged:
                row = accuracy[tagset][units.of(d, w.start)]
                row[0] += tag_of(project(w, p_words, starts)) == tag
                row[1] += 1
            add_counts(
                end_to_end[tagset],
                {(w.start, w.end, tag) for w, tag in gold_tagged},
                {(w.start, w.end, tag) for w, tag in pred_tagged},
                lambda item, d=d: units.of(d, item[0]),
            )
    out: dict = {"ws": {"words": boot.figure(ws, prf_statistic, PRF)}}
    pos, notes = {}, []
    for tagset in TAGSETS:
        if tagged[tagset][0] and not tagged[tagset][1]:
            notes.append(f"pos: the gold has {tagset.upper()} tags but the prediction has none; not scored")
        if all(tagged[tagset]):
            pos[tagset] = {
                "accuracy": boot.figure(accuracy[tagset], accuracy_statistic, ACCURACY),
                "end_to_end": boot.figure(end_to_end[tagset], prf_statistic, PRF),
            }
            if tagset == "xpos" and xpos_map:
                pos[tagset]["tag_map"] = True
    if pos:
        out["pos"] = pos
    out["notes"] = notes
    return out

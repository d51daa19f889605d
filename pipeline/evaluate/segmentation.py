"""Word-segmentation accuracy against CoNLL-U gold: words as character spans.

Spaces are ignored because a word is identified by where it starts and ends in
the sentence text, so "Liên bang" matches whatever the spacing inside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from pipeline.evaluate.spans import Score, prf
from pipeline.io.conllu import Sentence

Span = tuple[int, int]


class Segmenter(Protocol):
    """Anything that cuts a text into word spans (``pipeline.vi.segmenter`` makes them)."""

    def segment(self, text: str) -> list[Span]: ...


def gold_spans(sentences: Sequence[Sentence]) -> set[tuple[int, int, int]]:
    return {(n, w.start, w.end) for n, sent in enumerate(sentences) for w in sent.words}


def score_spans(sentences: Sequence[Sentence], predicted: Iterable[Sequence[Span]]) -> Score:
    """Score one list of predicted spans per sentence against the gold words."""
    pred = {(n, s, e) for n, spans in enumerate(predicted) for s, e in spans}
    return prf(gold_spans(sentences), pred)


def score_segmenter(segmenter: Segmenter, sentences: Sequence[Sentence]) -> Score:
    return score_spans(sentences, [segmenter.segment(sent.text) for sent in sentences])

"""The bundled segmenters of underthesea and pyvi, behind our offset interface.

Both are called one line at a time: a word never spans a line break (underthesea
would otherwise glue the last word of a title onto the first of the next
paragraph), and it keeps the alignment in :mod:`project` local and cheap.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from importlib.metadata import version as _dist_version

import regex

from pipeline.vi.segmenter.base import Segmenter, Span, spans_from_joins
from pipeline.vi.segmenter.project import joins_from_spans, joins_on_units, project_words
from pipeline.vi.segmenter.syllables import WHITESPACE, plain_spaces, syllabify

log = logging.getLogger(__name__)

# A "line" is a run of text without a line-breaking whitespace character.
_LINE_BREAKS = "".join(ch for ch in WHITESPACE if ch not in " \t")
_LINE = regex.compile(f"[^{regex.escape(_LINE_BREAKS)}]+")


def each_line(text: str) -> Iterable[tuple[int, str]]:
    """``(offset, line)`` for each non-blank line of ``text``."""
    for m in _LINE.finditer(text):
        if not m.group().isspace():
            yield m.start(), m.group()


class _BackendSegmenter(Segmenter):
    """A segmenter that calls ``self._words(line) -> list[str]`` per line."""

    _words: Callable[[str], list[str]]

    def segment(self, text: str) -> list[Span]:
        spans: list[Span] = []
        for offset, line in each_line(plain_spaces(text)):
            try:
                words = self._words(line)
            except Exception as exc:  # a third-party model: never let one line sink a batch
                log.warning("%s failed on a line (%s); falling back to syllables", self.name, exc)
                units = syllabify(line)
                local = spans_from_joins(line, units, [False] * len(units))
            else:
                local = project_words(line, words)
            spans.extend((offset + s, offset + e) for s, e in local)
        return spans

    def joins_at(self, line: str, units: Sequence[Span]) -> list[bool]:
        """``joins_from_spans(units, self.segment(line))``: for each of ``units`` (the syllables of
        ``line``), whether this segmenter puts it in the word of the one before; read from the words
        without making spans when their pieces are the syllables (:func:`project.joins_on_units`)."""
        plain = plain_spaces(line)
        if next(each_line(plain), None) != (0, plain):
            return joins_from_spans(units, self.segment(line))  # not one line: as segment() cuts it
        try:
            words = self._words(plain)
        except Exception as exc:  # as segment(): the line's syllables, none of them joined
            log.warning("%s failed on a line (%s); falling back to syllables", self.name, exc)
            own = syllabify(plain)
            return joins_from_spans(units, spans_from_joins(plain, own, [False] * len(own)))
        return joins_on_units(plain, words, units)


class UndertheseaSegmenter(_BackendSegmenter):
    name = "underthesea"

    def __init__(self) -> None:
        # underthesea's word_tokenize, with its features built from caches (same words, less time)
        from pipeline.vi.segmenter.underthesea_model import underthesea_segmenter

        self.version = _dist_version("underthesea")
        model = underthesea_segmenter()
        self._words = lambda line: model.words(line)


class PyviSegmenter(_BackendSegmenter):
    name = "pyvi"

    def __init__(self) -> None:
        # pyvi's own model and rules, loaded without the scikit-learn import of pyvi.ViTokenizer
        from pipeline.vi.segmenter.pyvi_model import pyvi_model

        self.version = _dist_version("pyvi")
        model = pyvi_model()
        # pyvi returns one string: words separated by spaces, syllables by "_".
        self._words = lambda line: model.tokenize(line).split()

"""What every segmenter is, and how join decisions become word spans."""

from __future__ import annotations

import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Sequence

from pipeline.vi.segmenter.syllables import joinable, plain_spaces

Span = tuple[int, int]


class SegmenterError(ValueError):
    """A segmenter that cannot be loaded (unknown name, missing or corrupt model)."""


class Segmenter(ABC):
    """Splits text into words, returned as ``[start, end)`` code-point offsets.

    For any input string the spans are sorted, non-overlapping and non-empty;
    every non-whitespace character lies in exactly one span; no span starts or
    ends with whitespace, and the only whitespace a span may contain is a single
    space between two syllables of one word ("Liên bang"). Word separators other
    than the space (a no-break space, a tab, a zero-width space: see
    :func:`~pipeline.vi.segmenter.syllables.plain_spaces`) count as spaces, in
    these rules and in the segmentation.
    """

    #: Recorded in the output JSON's ``pipeline.components``.
    name: str
    version: str

    @abstractmethod
    def segment(self, text: str) -> list[Span]:
        """The words of ``text`` as character spans."""

    def words(self, text: str) -> list[str]:
        """The words themselves (for reading and debugging)."""
        return [text[s:e] for s, e in self.segment(text)]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name} {self.version}>"


def spans_from_joins(text: str, units: Sequence[Span], joins: Sequence[bool]) -> list[Span]:
    """Group consecutive ``units`` into words.

    ``joins[i]`` asks for unit ``i`` to continue the word of unit ``i - 1``
    (``joins[0]`` is ignored). A join is honoured only where the text between
    the two units may sit inside a word: nothing, only "_" characters (as in
    "Chiến_tranh"), or a single space with a letter or digit on each side of
    it (a tab or another word separator counts as one: see
    :func:`~pipeline.vi.segmenter.syllables.plain_spaces`); elsewhere (a newline, two spaces, a space beside
    punctuation) the word ends. UD VTB's space-separated text has a few words
    like "TP . HCM" and "10 - 15", from which a model learns to join
    punctuation across spaces; in running text that glues a full stop to the
    next sentence ("Hà Nội. Q" as one word), so it is never allowed. Non-whitespace characters between units that are not
    absorbed by a join, such as a lone "_", become words of their own, so no
    character is ever lost.
    """
    text = plain_spaces(text)
    spans: list[Span] = []
    prev_end = 0
    for i, (start, end) in enumerate(units):
        gap = text[prev_end:start]
        if i and joins[i] and may_join(gap, text[prev_end - 1], text[start]):
            spans[-1] = (spans[-1][0], end)
        else:
            if gap and not gap.isspace():  # else it leaves nothing over (the usual case)
                spans.extend(_leftover_runs(gap, prev_end))
            spans.append((start, end))
        prev_end = end
    spans.extend(_leftover_runs(text[prev_end:], prev_end))
    return spans


def may_join(gap: str, before: str, after: str) -> bool:
    """May the characters ``before`` and ``after``, with ``gap`` between them, sit in one word?"""
    if gap.strip("_") == "":
        return True
    return joinable(gap) and _wordlike(before) and _wordlike(after)


def _wordlike(ch: str) -> bool:
    # combining marks count: in decomposed text a syllable ends with one ("ó" as "o" + U+0301)
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


def _leftover_runs(gap: str, offset: int) -> list[Span]:
    """Maximal non-whitespace runs of ``gap`` (usually none), shifted by ``offset``."""
    runs, start = [], None
    for i, ch in enumerate(gap):
        if ch.isspace():
            if start is not None:
                runs.append((offset + start, offset + i))
                start = None
        elif start is None:
            start = i
    if start is not None:
        runs.append((offset + start, offset + len(gap)))
    return runs


def span_problems(text: str, spans: Sequence[Span]) -> list[str]:
    """What is wrong with ``spans`` as a segmentation of ``text`` (empty when nothing).

    Checks the contract stated on :class:`Segmenter`; the tests run it on
    generated text, and it is cheap enough to guard a third-party backend.
    """
    problems: list[str] = []
    text = plain_spaces(text)
    covered = bytearray(len(text))
    prev_end = 0
    for start, end in spans:
        if not (isinstance(start, int) and isinstance(end, int) and prev_end <= start < end <= len(text)):
            problems.append(f"span ({start}, {end}) is empty, unsorted, overlapping or out of range")
            continue
        word = text[start:end]
        if word[0].isspace() or word[-1].isspace():
            problems.append(f"span ({start}, {end}) {word!r} starts or ends with whitespace")
        if any(ch.isspace() and ch != " " for ch in word) or "  " in word:
            problems.append(f"span ({start}, {end}) {word!r} holds whitespace other than single spaces")
        covered[start:end] = b"\x01" * (end - start)
        prev_end = end
    for i, ch in enumerate(text):
        if not ch.isspace() and not covered[i]:
            problems.append(f"character {ch!r} at {i} is in no span")
    return problems

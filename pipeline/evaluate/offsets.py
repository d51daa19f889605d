"""Offsets that survive whitespace and Unicode-normalisation differences.

Gold and predicted annotations of one document rarely sit on byte-identical
text: a CoNLL-U file stores each sentence's ``# text`` and a CoNLL-2003 file no
text at all (we rebuild it by joining tokens with spaces), while the pipeline
annotates the running text, NFC-normalised. What they share is the sequence of
non-space characters after NFC. Every span is therefore compared in *skeleton*
coordinates: the index of a character in that sequence. ``_`` counts as a space:
it is how VLSP (and our CoNLL export) write the spaces inside a word
(``Liên_bang``), so a column file and the running text still compare. ``Liên bang`` at
``[10, 19)`` of one text and at ``[12, 21)`` of another are the same word when
both map to the same skeleton span.

No library projects offsets through whitespace removal and NFC composition, so
this small mapping is ours.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right


class TextMismatch(ValueError):
    """Two texts that should be the same document differ in their non-space characters."""


def _clusters(text: str):
    """Yield ``(start, end)`` of each base character with its combining marks.

    NFC only ever composes a base character with the marks that follow it, so
    normalising cluster by cluster gives the same characters as normalising the
    whole text while keeping track of where each composed character came from.
    """
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not unicodedata.combining(text[i]):
            yield start, i
            start = i


class Skeleton:
    """The non-space NFC characters of ``text`` (``_`` being a space) and the map between both coordinate systems."""

    def __init__(self, text: str):
        self.text = text
        chars: list[str] = []
        # to_skel[i]: skeleton index of the first non-space character at or
        # after raw offset i (len(skeleton) when none is left).
        to_skel = [0] * (len(text) + 1)
        # to_raw[k]: raw offset where skeleton character k comes from; one
        # extra entry for the end of the text.
        to_raw: list[int] = []
        for start, end in _clusters(text):
            for i in range(start, end):
                to_skel[i] = len(chars)
            if text[start].isspace() or text[start] == "_":  # "_": a space inside a VLSP word
                continue
            for ch in unicodedata.normalize("NFC", text[start:end]):
                chars.append(ch)
                to_raw.append(start)
        to_skel[len(text)] = len(chars)
        self._to_skel = to_skel
        self._to_raw = to_raw + [len(text)]
        self.chars = "".join(chars)

    def __len__(self) -> int:
        return len(self.chars)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Skeleton span of the raw span ``[start, end)`` (empty when it holds only spaces)."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) outside a text of length {len(self.text)}")
        return self._to_skel[start], self._to_skel[end]

    def raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw span of the skeleton span ``[start, end)``, trimmed of surrounding spaces."""
        if start >= end:
            at = self._to_raw[start]
            return at, at
        last = self._to_raw[end - 1]
        # extend the last character over its combining marks
        stop = last + 1
        while stop < len(self.text) and unicodedata.combining(self.text[stop]):
            stop += 1
        return self._to_raw[start], stop

    def raw_offset(self, k: int) -> int:
        """Raw offset of skeleton index ``k``."""
        return self._to_raw[k]

    def check_same(self, other: Skeleton, what: str) -> None:
        """Raise :class:`TextMismatch` naming the first difference unless both skeletons are equal."""
        if self.chars == other.chars:
            return
        k = next((i for i, (a, b) in enumerate(zip(self.chars, other.chars)) if a != b), min(len(self), len(other)))
        here = self.raw_offset(min(k, len(self)))
        there = other.raw_offset(min(k, len(other)))
        raise TextMismatch(
            f"{what}: the texts differ beyond whitespace at gold offset {here} "
            f"(...{self.text[max(here - 20, 0) : here + 20]!r}) vs predicted offset {there} "
            f"(...{other.text[max(there - 20, 0) : there + 20]!r}); "
            f"gold has {len(self)} non-space characters, prediction {len(other)}"
        )


def unit_of(starts: list[int], position: int) -> int:
    """Index of the unit (sentence) whose start is the last one at or before ``position``."""
    return max(bisect_right(starts, position) - 1, 0)

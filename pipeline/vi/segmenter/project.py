"""Putting a tokenizer's output words back onto the text they came from.

underthesea and pyvi return word *strings*, not offsets, and those strings are
not always substrings of the input: underthesea rewrites tone marks
("hoà" -> "hòa"), pyvi joins syllables with "_" (while the input itself may
contain "_", as in "Chiến_tranh_Nagorno-Karabakh") and both normalise Unicode.
So the words cannot be found by string search. Instead the non-whitespace,
non-"_" characters of both sides are aligned, identically when they agree
(the usual case) and with :mod:`difflib` where the backend changed something;
each aligned text character then learns which output word it belongs to, and
two neighbouring characters are in one word exactly when the backend put them
in one. Characters the backend changed beyond alignment fall back to the
syllables: they stay with their neighbour when no whitespace separates them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from itertools import compress

import regex

from pipeline.vi.segmenter.base import Span, may_join, spans_from_joins
from pipeline.vi.segmenter.syllables import SEPARATORS, WHITESPACE, plain_spaces


def _is_key(ch: str) -> bool:
    # "_" is left out on both sides: in pyvi's output it is a joiner, in the
    # input it is text; either way it never decides a boundary on its own.
    # Word separators (a no-break or zero-width space) are whitespace here too.
    return ch != "_" and not ch.isspace() and ch not in SEPARATORS


#: The next character that :func:`_is_key` accepts (one search instead of a call per character).
_NEXT_KEY = regex.compile(f"[^{regex.escape('_' + WHITESPACE + SEPARATORS)}]")


def project_words(text: str, words: Iterable[str]) -> list[Span]:
    """Spans of ``text`` that reproduce the word boundaries of ``words``.

    ``words`` is a backend's output for ``text``, in order; inside a word,
    whitespace and "_" separate syllables and are otherwise ignored.
    """
    words = list(words)
    found = _find_pieces(text, words)
    if found is not None:
        return spans_from_joins(text, *found)
    return _project_by_alignment(text, words)


def joins_on_units(text: str, words: Iterable[str], units: Sequence[Span]) -> list[bool]:
    """``joins_from_spans(units, project_words(text, words))``, without the spans when it can.

    How the CRF segmenter reads a backend's words (whether the backend put each of our
    syllables ``units``, :func:`~pipeline.vi.segmenter.syllables.syllabify` of ``text``, in the
    word of the one before). Usually the pieces of the words (:func:`_pieces_of`) are our
    syllables themselves (on the bench text, five lines in six), as strings: then they are
    where the syllables are (no search), each piece's word is a run of syllables, the gaps
    between them hold only whitespace (the syllables cover every other character), and a
    syllable continues the word of the one before exactly when the backend joined them and
    :func:`~pipeline.vi.segmenter.base.spans_from_joins` honours the join. Otherwise the
    pieces are looked for (:func:`_find_pieces`), or the spans are made and read as before.
    ``text`` is one line with its separators written as spaces
    (:func:`~pipeline.vi.segmenter.syllables.plain_spaces`).
    """
    words = list(words)
    pieces_of = _pieces_of(words)
    if [piece for pieces in pieces_of for piece in pieces] == [text[start:end] for start, end in units]:
        # The pieces are our syllables' very strings, in order: _find_pieces would find each one at
        # its syllable (a piece holds no whitespace, "_" or separator, so it starts with a character
        # _NEXT_KEY accepts; between and after the syllables there is only whitespace), so the pieces
        # are the units, found without a search per piece.
        joins: list[bool] = []
        for pieces in pieces_of:
            if pieces:
                joins.append(False)
                joins.extend([True] * (len(pieces) - 1))
    else:
        found = _find_pieces(text, words, pieces_of)
        if found is None:
            return joins_from_spans(units, _project_by_alignment(text, words))
        pieces, joins = found
        if pieces != units:
            return joins_from_spans(units, spans_from_joins(text, pieces, joins))
    out = [False] * len(units)
    for i in compress(range(1, len(units)), joins[1:]):
        before, here = units[i - 1][1], units[i][0]
        out[i] = may_join(text[before:here], text[before - 1], text[here])
    return out


def _project_by_alignment(text: str, words: list[str]) -> list[Span]:
    anchors = [i for i, ch in enumerate(text) if _is_key(ch)]
    out_chars: list[str] = []
    word_of: list[int] = []
    for n, word in enumerate(words):
        for ch in word:
            if _is_key(ch):
                out_chars.append(ch)
                word_of.append(n)

    text_key = "".join(text[i] for i in anchors)
    out_key = "".join(out_chars)
    if text_key == out_key:
        word_of_anchor: Sequence[int | None] = word_of
    else:
        word_of_anchor = _align(text_key, out_key, word_of)

    joins = [False] * len(anchors)
    for j in range(1, len(anchors)):
        here, before = word_of_anchor[j], word_of_anchor[j - 1]
        if here is not None and before is not None:
            joins[j] = here == before
        else:
            # Unaligned: keep characters written together, split at spaces.
            joins[j] = anchors[j] == anchors[j - 1] + 1
    return spans_from_joins(text, [(i, i + 1) for i in anchors], joins)


def _pieces_of(words: list[str]) -> list[list[str]]:
    """Each word's pieces: the word split at whitespace, "_" and word separators."""
    joined = "\n".join(words)
    if "\n" in joined and joined.count("\n") != len(words) - 1:
        return [plain_spaces(word.replace("_", " ")).split() for word in words]
    # All words' separators written as spaces at once (no word holds a line break, so the
    # lines are the words; a joiner at a word's edge stays, as it does in the word alone).
    return [word.split() for word in plain_spaces(joined.replace("_", " ")).split("\n")] if words else []


def _find_pieces(
    text: str, words: list[str], pieces_of: list[list[str]] | None = None
) -> tuple[list[Span], list[bool]] | None:
    """The fast path, when the backend changed no character: each word's pieces
    (split at whitespace and "_", :func:`_pieces_of`, given or made here) found in order,
    with whether each piece continues the word of the one before. None when some piece is not there.

    It gives the same result as the character alignment below, but costs one
    step per syllable instead of one per character.
    """
    units: list[Span] = []
    joins: list[bool] = []
    pos = 0
    if pieces_of is None:
        pieces_of = _pieces_of(words)
    next_key = _NEXT_KEY.search
    for pieces in pieces_of:
        first = True
        for piece in pieces:
            m = next_key(text, pos)
            pos = m.start() if m else len(text)
            if not text.startswith(piece, pos):
                return None
            units.append((pos, pos + len(piece)))
            joins.append(not first)
            first = False
            pos += len(piece)
    if next_key(text, pos):
        return None
    return units, joins


#: Characters of each side that one local alignment looks at (doubled while no
#: resynchronisation point is found in it).
_WINDOW = 64
#: Matching characters that count as back in step after a difference.
_SYNC = 4


def _align(text_key: str, out_key: str, word_of: list[int]) -> list[int | None]:
    """For each character of ``text_key``, the output word it was aligned to (or None).

    The two keys agree almost everywhere (a backend rewrites a tone mark here and
    there), so they are walked in step and :mod:`difflib` aligns only a window
    after each difference, up to the next run of ``_SYNC`` matching characters:
    one alignment of a whole paragraph costs time quadratic in its length (a
    minute for 60,000 characters).
    """
    result: list[int | None] = [None] * len(text_key)
    n, m = len(text_key), len(out_key)
    i = j = 0
    while i < n and j < m:
        if text_key[i] == out_key[j]:
            result[i] = word_of[j]
            i += 1
            j += 1
            continue
        window = _WINDOW
        while True:
            a, b = text_key[i : i + window], out_key[j : j + window]
            at_end = i + window >= n and j + window >= m
            matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
            opcodes = matcher.get_opcodes()
            resume = next(
                (
                    (t1, o1)
                    for op, t1, t2, o1, o2 in opcodes
                    if op == "equal" and (t2 - t1 >= _SYNC or (t2 == len(a) and o2 == len(b) and at_end))
                ),
                None,
            )
            if resume is not None or at_end:
                break
            window *= 2
        stop_t, stop_o = resume if resume is not None else (len(a), len(b))
        for op, t1, t2, o1, o2 in opcodes:
            if t1 >= stop_t and o1 >= stop_o:
                break
            # A same-length replacement is a character rewritten in place
            # ("à" -> "ả", a changed tone mark): keep its position.
            if op == "equal" or (op == "replace" and t2 - t1 == o2 - o1):
                for k in range(min(t2, stop_t) - t1):
                    result[i + t1 + k] = word_of[j + o1 + k]
        i, j = i + stop_t, j + stop_o
    return result


def joins_from_spans(units: Sequence[Span], spans: Sequence[Span]) -> list[bool]:
    """For each unit, whether ``spans`` put it in the same word as the unit before.

    Used to read another segmenter's decisions at our own syllable boundaries.
    Both sequences are sorted; a unit belongs to the span containing its start.
    """
    joins: list[bool] = []
    k, prev_word = 0, -1
    for start, _ in units:
        while k < len(spans) and spans[k][1] <= start:
            k += 1
        word = k if k < len(spans) and spans[k][0] <= start else -1 - k
        joins.append(word == prev_word and word >= 0)
        prev_word = word
    return joins

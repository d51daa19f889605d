"""A syllable view of a ``Doc``: what the entity rules match on.

Segmenters disagree about words ("quân_Azerbaijan", "Nagorno" "-" "Karabakh",
"mùa hè" vs "mùa" "hè"), so the rules do not match on tokens. They match on
syllables, which every segmenter agrees on: the units of
:func:`pipeline.vi.segmenter.syllables.syllabify`, further cut at underscores
(a wiki-link artefact: "Chiến_tranh_Nagorno-Karabakh" reads as three
syllables). A match is turned back into a token span by
:func:`pipeline.vi.ner.candidates.propose_matches` (``alignment_mode="expand"``).

Syllables are grouped by sentence and line: no rule ever matches across a
sentence boundary or a line break.
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.tokens import Doc

from pipeline.docmodel import doc_text
from pipeline.text.normalize import fold, fold_tones
from pipeline.vi.ner.phonotactics import is_foreign_word
from pipeline.vi.segmenter.syllables import line_syllables

#: VTB writes brackets as words; they are punctuation to every rule.
BRACKET_WORDS = frozenset({"LBKT", "RBKT"})


class Syl(NamedTuple):
    """One syllable (a tuple: a document makes thousands, and a frozen dataclass is slow to build)."""

    start: int
    end: int
    text: str
    lower: str  # folded: lower case, one tone-mark placement (pipeline.text.normalize.fold)
    form: str  # one tone-mark placement, case kept (how names are looked up)
    sent_start: bool  # first word of its sentence or line (its capital letter says nothing)
    joined: bool  # separated from the previous syllable by one space or "_" (same phrase)
    #: Starts with an upper-case letter (``Nga``, ``H.``, ``NATO``; not VTB's bracket words). A field,
    #: not a property: the rules ask it about a hundred thousand times on the bench text, of syllables
    #: whose spellings (:func:`_spellings`) are remembered anyway.
    capitalised: bool
    #: Letters only, but for hyphens, apostrophes and dots (``Nagorno-Karabakh``, ``H.``; not VTB's bracket
    #: words). Fields too, for the same reason as ``capitalised``: the rules and the typer ask them of the
    #: syllables of every capitalised run and proposal.
    is_alpha: bool
    #: No letter or digit (punctuation), or one of VTB's bracket words.
    is_punct: bool

    @property
    def is_number(self) -> bool:
        return self.text[:1].isdigit()


class Words:
    """Where the words (tokens) of a ``Doc`` start and end, read once per ``Doc`` with ``Doc.to_array``."""

    def __init__(self, doc: Doc):
        self._doc = weakref.ref(doc)  # the Doc's views are kept beside it: no cycle keeping it alive
        # (``tolist`` makes Python ints in one call: an ``int()`` of each numpy scalar cost a tenth of the views;
        # a column each, not a comprehension over the rows)
        rows = doc.to_array([IDX, LENGTH]) if len(doc) else None
        self.first_chars: list[int] = rows[:, 0].tolist() if rows is not None else []
        self.starts = set(self.first_chars)
        self.ends: set[int] = set((rows[:, 0] + rows[:, 1]).tolist()) if rows is not None else set()

    @property
    def doc(self) -> Doc:
        doc = self._doc()
        if doc is None:
            raise ReferenceError("the Doc of this syllable view is gone")
        return doc

    def token_at(self, char: int):
        """The token holding character ``char`` (what ``char_span(char, char + 1, "expand")`` gives)."""
        k = bisect_right(self.first_chars, char) - 1
        doc = self.doc
        if k >= 0:
            token = doc[k]
            if char < token.idx + len(token.text):
                return token
        return _token_at(doc, char)


class SyllableView(list):
    """The syllables of one sentence (or line) of a ``Doc``, with token boundaries.

    The view is the list of its syllables (``view[i]``, ``len(view)``, ``view.syls``): every rule asks for both
    in its inner loops, about a million times on the bench text, and a list answers them without a Python call
    each. (Views are compared and hashed by identity, as before: they are no values.)
    """

    __eq__ = object.__eq__
    __ne__ = object.__ne__
    __hash__ = object.__hash__

    def __init__(self, doc: Doc, syls: list[Syl], text: str | None = None, words: Words | None = None):
        super().__init__(syls)
        self._words = words if words is not None else Words(doc)
        # spaCy rebuilds ``doc.text`` from the tokens on every access: keep it once
        self.full_text = text if text is not None else doc_text(doc)
        self._keys: list[str] | None = None
        self._forms: list[str] | None = None
        self._starts: list[int] | None = None
        self._may_start: dict[tuple[int, bool], tuple[object, list[bool]]] = {}

    @property
    def doc(self) -> Doc:
        return self._words.doc

    @property
    def syls(self) -> list[Syl]:
        """The syllables (the view itself)."""
        return self

    def text(self, i: int, j: int) -> str:
        return self.full_text[self[i].start : self[j - 1].end]

    @property
    def starts(self) -> list[int]:
        """Every syllable's first character, in order."""
        if self._starts is None:
            self._starts = [s.start for s in self]
        return self._starts

    @property
    def keys(self) -> list[str]:
        """Every syllable folded (what phrase lists are looked up by)."""
        if self._keys is None:
            self._keys = [s.lower for s in self]
        return self._keys

    @property
    def forms(self) -> list[str]:
        """Every syllable with one tone-mark placement and its case (what names are looked up by)."""
        if self._forms is None:
            self._forms = [s.form for s in self]
        return self._forms

    def may_start_each(self, table, cased: bool = False) -> list[bool]:
        """``table.may_start_each`` of every syllable's key (``cased``: its form), once per table and view: the
        title and classifier rules look up the same context lexicon on the same syllables."""
        slot = (id(table), cased)
        kept = self._may_start.get(slot)
        if kept is None or kept[0] is not table:  # (the table is kept with it: its id is never reused meanwhile)
            kept = self._may_start[slot] = (table, table.may_start_each(self.forms if cased else self.keys))
        return kept[1]

    def contiguous(self, i: int, j: int) -> bool:
        """Syllables ``i..j-1`` form one phrase (no line break, no double space between)."""
        return all(self[k].joined for k in range(i + 1, j))

    def token_at(self, char: int):
        return self._words.token_at(char)

    def word_start(self, char: int) -> bool:
        """A token (word) of the segmenter starts at ``char``."""
        return char in self._words.starts

    def word_end(self, char: int) -> bool:
        """A token (word) of the segmenter ends at ``char``."""
        return char in self._words.ends

    def goes_on(self, j: int) -> bool:
        """Syllable ``j`` continues the word of the syllable before it (joined to it, no word starts at it):
        "Quốc" + "phòng", "Chăm" + "sóc". False past the end."""
        return j < len(self) and self[j].joined and not self.word_start(self[j].start)

    def word_end_from(self, i: int) -> int:
        """The end of the word syllable ``i`` begins: past ``i`` and the syllables that go on from it (:meth:`goes_on`)."""
        j = i + 1
        while self.goes_on(j):
            j += 1
        return j


def _token_at(doc: Doc, char: int):
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """Cut one syllable at underscores; yields (start, end, joined_to_previous_piece)."""
    pos = start
    first = True
    while pos < end:
        cut = text.find("_", pos, end)
        stop = end if cut < 0 else cut
        if stop > pos:
            yield pos, stop, not first
            first = False
        pos = stop + 1


def sentences(doc: Doc) -> list[SyllableView]:
    """One :class:`SyllableView` per sentence and line of ``doc``.

    Every entity component asks for them, and between the name splitter and the merge no
    component changes the words: they are made once per ``Doc`` and kept beside it, for as
    long as its words and sentences stay the same (a retokenized ``Doc`` gets new ones).
    """
    text = doc_text(doc)
    shape = (text, doc.to_array([IDX, SENT_START]).tobytes() if len(doc) else b"")
    kept = _VIEWS.get(doc)
    if kept is not None and kept[0] == shape:
        return kept[1]
    sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    words = Words(doc)
    views = [
        SyllableView(doc, syls, text, words)
        for syls in _syllable_lines(text, tuple((sent.start_char, sent.end_char) for sent in sents))
    ]
    _VIEWS[doc] = (shape, views)
    return views


#: Each Doc's syllable views, while the Doc lives and its words do not change (see :func:`sentences`).
_VIEWS: weakref.WeakKeyDictionary[Doc, tuple[tuple[str, bytes], list[SyllableView]]] = weakref.WeakKeyDictionary()


@lru_cache(maxsize=1)
def _syllable_lines(text: str, sentences: tuple[tuple[int, int], ...]) -> tuple[tuple[Syl, ...], ...]:
    """The syllables of each sentence (given by its character range) and line of ``text``.

    They depend on nothing but the text and the sentence boundaries, and every rule
    component of a document asks for them: the last document's are kept, so that
    they are cut once per document rather than once per component.
    """
    return tuple(tuple(line) for start, end in sentences for line in _lines(text, start, end))


def _lines(text: str, start: int, end: int) -> Iterator[list[Syl]]:
    syls: list[Syl] = []
    append = syls.append
    prev_end = None
    first_in_sentence = True
    # The segmenter has cut each line already (line_syllables remembers them): a sentence that is a line is looked
    # up, with the line break the sentence ends on left off. A final line break changes no syllable (it is one
    # of none, no grapheme cluster runs into it, and to each look-ahead of the syllable pattern it is as the end).
    for s0, e0 in line_syllables(text[start:end].rstrip("\n")):
        s0 += start
        e0 += start
        # the gap from the syllable before: one space joins (most often), a line break ends the line
        if prev_end is None:
            joined = breaks = False
        elif s0 - prev_end == 1:
            gap = text[prev_end]
            joined, breaks = gap == " ", gap == "\n"
        else:
            joined, breaks = False, "\n" in text[prev_end:s0]
        if breaks and syls:
            yield syls
            syls = []
            append = syls.append
            first_in_sentence = True
        piece = text[s0:e0]
        if "_" not in piece:
            lower, form, is_word, capitalised, alpha = _spellings(piece)
            # (tuple.__new__ makes the same Syl without the call of its generated Python __new__)
            append(
                _new_tuple(
                    Syl,
                    (
                        s0,
                        e0,
                        piece,
                        lower,
                        form,
                        first_in_sentence and is_word,
                        joined if syls else False,
                        capitalised,
                        alpha,
                        not is_word,
                    ),
                )
            )
            if is_word:
                first_in_sentence = False
        else:
            for s, e, glued in _pieces(text, s0, e0):
                piece = text[s:e]
                lower, form, is_word, capitalised, alpha = _spellings(piece)
                append(
                    _new_tuple(
                        Syl,
                        (
                            s,
                            e,
                            piece,
                            lower,
                            form,
                            first_in_sentence and is_word,
                            (glued or joined) if syls else False,
                            capitalised,
                            alpha,
                            not is_word,
                        ),
                    )
                )
                if is_word:
                    first_in_sentence = False
                joined = False  # (the gap belongs to the first piece only)
        prev_end = e0
    if syls:
        yield syls


@lru_cache(maxsize=1 << 16)  # every syllable of every document: syllables repeat
def _spellings(piece: str) -> tuple[str, str, bool, bool, bool]:
    """A syllable folded, with one tone-mark placement, whether it is a word (not punctuation: not
    :attr:`Syl.is_punct`), whether it is capitalised (:attr:`Syl.capitalised`) and :attr:`Syl.is_alpha`."""
    return (
        fold(piece),
        fold_tones(piece),
        any(ch.isalnum() for ch in piece) and piece not in BRACKET_WORDS,
        piece[:1].isupper() and piece not in BRACKET_WORDS,
        piece.replace("-", "").replace("'", "").replace("’", "").replace(".", "").isalpha()
        and piece not in BRACKET_WORDS,
    )


_new_tuple = tuple.__new__


def next_true(flags: list[bool], i: int) -> int:
    """The first index from ``i`` on where ``flags`` is true (``len(flags)`` if none).

    The rules walk a view syllable by syllable and most syllables can start nothing (no phrase of a list
    starts there: :meth:`SyllableView.may_start_each`); ``list.index`` steps over those in C, where a
    Python loop spent most of the rules' time on them.
    """
    try:
        return flags.index(True, i)
    except ValueError:
        return len(flags)


def capitalised_run(view: SyllableView, i: int, limit: int = 6, acronyms: bool = True) -> int:
    """End of the run of joined, capitalised words starting at syllable ``i`` (``i`` if none).

    Initials count ("ông H."); all-capital abbreviations count when ``acronyms``; so do the particles of a
    European name between two foreign-spelled words ("Lula da Silva": :data:`NAME_PARTICLES`).
    """
    j = i
    while j < len(view) and j - i < limit:
        syl = view[j]
        if j > i and not syl.joined:
            break
        if not (syl.capitalised and (syl.is_alpha or _initial(syl.text))):
            if j > i and syl.text in NAME_PARTICLES:
                k = _past_particles(view, j)
                if k and k - i < limit:  # (a name never ends with its particle)
                    j = k
                    continue
            break
        if not acronyms and len(syl.text) > 1 and syl.text.isupper() and not _initial(syl.text):
            break  # ("F." is upper case to str.isupper, but an initial, not an abbreviation: "John F. Kennedy")
        j += 1
    return j


#: The lower-case particles inside European names ("Lula da Silva", "Ursula von der Leyen", "Alexandre de
#: Rhodes", "Vincent van Gogh"): the name goes on over them (GUIDELINES §3.1, the name only, and all of it). Not "do"
#: or "la", which are common Vietnamese words.
NAME_PARTICLES = frozenset({"da", "de", "di", "dos", "das", "du", "van", "von", "der", "den", "del", "della", "ter"})


def _past_particles(view: SyllableView, j: int) -> int:
    """Where the name goes on after the particles at ``j`` (one or two: "von der"), or 0: between two capitalised
    words spelled like no Vietnamese word, so that a Vietnamese sentence's "da" (skin) or "van" (valve) after a
    name is not taken in."""
    k = j
    while k < len(view) and k - j < 2 and view[k].joined and view[k].text in NAME_PARTICLES:
        k += 1
    if k >= len(view) or not view[k].joined or not view[k].capitalised or not view[k].is_alpha:
        return 0
    before = view[j - 1]
    if not (before.capitalised and is_foreign_word(before.text) and is_foreign_word(view[k].text)):
        return 0
    return k


def _initial(text: str) -> bool:
    return len(text) == 2 and text[0].isupper() and text[1] == "."

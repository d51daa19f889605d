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

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from pipeline.docmodel import doc_text
from pipeline.text.normalize import fold, fold_tones
from pipeline.vi.segmenter.syllables import syllabify

#: VTB writes brackets as words; they are punctuation to every rule.
BRACKET_WORDS = frozenset({"LBKT", "RBKT"})


@dataclass(frozen=True)
class Syl:
    start: int
    end: int
    text: str
    lower: str  # folded: lower case, one tone-mark placement (pipeline.text.normalize.fold)
    form: str  # one tone-mark placement, case kept (how names are looked up)
    sent_start: bool  # first word of its sentence or line (its capital letter says nothing)
    joined: bool  # separated from the previous syllable by one space or "_" (same phrase)

    @property
    def is_alpha(self) -> bool:
        return (
            self.text.replace("-", "").replace("'", "").replace("’", "").replace(".", "").isalpha()
            and self.text not in BRACKET_WORDS
        )

    @property
    def capitalised(self) -> bool:
        """Starts with an upper-case letter (``Nga``, ``H.``, ``NATO``)."""
        return self.text[:1].isupper() and self.text not in BRACKET_WORDS

    @property
    def is_number(self) -> bool:
        return self.text[:1].isdigit()

    @property
    def is_punct(self) -> bool:
        return not any(ch.isalnum() for ch in self.text) or self.text in BRACKET_WORDS


class SyllableView:
    """The syllables of one sentence (or line) of a ``Doc``, with token boundaries."""

    def __init__(self, doc: Doc, syls: list[Syl], text: str | None = None):
        self.doc = doc
        self.syls = syls
        # spaCy rebuilds ``doc.text`` from the tokens on every access: keep it once
        self.full_text = text if text is not None else doc_text(doc)
        self._bounds: tuple[set[int], set[int]] | None = None
        self._keys: list[str] | None = None
        self._forms: list[str] | None = None

    def __len__(self) -> int:
        return len(self.syls)

    def __getitem__(self, i: int) -> Syl:
        return self.syls[i]

    def text(self, i: int, j: int) -> str:
        return self.full_text[self.syls[i].start : self.syls[j - 1].end]

    @property
    def keys(self) -> list[str]:
        """Every syllable folded (what phrase lists are looked up by)."""
        if self._keys is None:
            self._keys = [s.lower for s in self.syls]
        return self._keys

    @property
    def forms(self) -> list[str]:
        """Every syllable with one tone-mark placement and its case (what names are looked up by)."""
        if self._forms is None:
            self._forms = [s.form for s in self.syls]
        return self._forms

    def contiguous(self, i: int, j: int) -> bool:
        """Syllables ``i..j-1`` form one phrase (no line break, no double space between)."""
        return all(self.syls[k].joined for k in range(i + 1, j))

    def token_at(self, char: int):
        return _token_at(self.doc, char)

    def _boundaries(self) -> tuple[set[int], set[int]]:
        if self._bounds is None:
            lo, hi = self.syls[0].start if self.syls else 0, self.syls[-1].end if self.syls else 0
            span = self.doc.char_span(lo, hi, alignment_mode="expand") if hi > lo else None
            tokens = list(span) if span is not None else []
            self._bounds = ({t.idx for t in tokens}, {t.idx + len(t.text) for t in tokens})
        return self._bounds

    def word_start(self, char: int) -> bool:
        """A token (word) of the segmenter starts at ``char``."""
        return char in self._boundaries()[0]

    def word_end(self, char: int) -> bool:
        """A token (word) of the segmenter ends at ``char``."""
        return char in self._boundaries()[1]


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


def sentences(doc: Doc) -> Iterator[SyllableView]:
    """One :class:`SyllableView` per sentence and line of ``doc``."""
    text = doc_text(doc)
    sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    for syls in _syllable_lines(text, tuple((sent.start_char, sent.end_char) for sent in sents)):
        yield SyllableView(doc, list(syls), text)


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
    prev_end = None
    first_in_sentence = True
    for s0, e0 in syllabify(text[start:end]):
        s0 += start
        e0 += start
        gap = text[prev_end:s0] if prev_end is not None else ""
        if "\n" in gap and syls:
            yield syls
            syls = []
            first_in_sentence = True
        for s, e, glued in _pieces(text, s0, e0):
            piece = text[s:e]
            joined = glued or gap == " "
            is_word = any(ch.isalnum() for ch in piece) and piece not in BRACKET_WORDS
            syls.append(
                Syl(
                    s,
                    e,
                    piece,
                    fold(piece),
                    fold_tones(piece),
                    first_in_sentence and is_word,
                    joined if syls else False,
                )
            )
            if is_word:
                first_in_sentence = False
            gap = ""
        prev_end = e0
    if syls:
        yield syls


def capitalised_run(view: SyllableView, i: int, limit: int = 6, acronyms: bool = True) -> int:
    """End of the run of joined, capitalised words starting at syllable ``i`` (``i`` if none).

    Initials count ("ông H."); all-capital abbreviations count when ``acronyms``.
    """
    j = i
    while j < len(view) and j - i < limit:
        syl = view[j]
        if j > i and not syl.joined:
            break
        if not (syl.capitalised and (syl.is_alpha or _initial(syl.text))):
            break
        if not acronyms and len(syl.text) > 1 and syl.text.isupper():
            break
        j += 1
    return j


def _initial(text: str) -> bool:
    return len(text) == 2 and text[0].isupper() and text[1] == "."

"""Sentence boundaries for Vietnamese, on the segmented words.

underthesea's ``sent_tokenize`` (Punkt-style) breaks inside quotations
("... Liên Xô sụp đổ...Azerbaijan là ...") and leaves closing quotes and
Wikipedia citation markers at the start of the next sentence ('"[29] Một đạo
quân ...'). No packaged splitter does better for Vietnamese, so the rule is
written here, on tokens, where punctuation is already separated:

* a paragraph break (a blank line) always ends a sentence;
* ``.``, ``!``, ``?``, ``...``/``…`` end a sentence when the next word is
  separated from it by whitespace and does not start in lower case;
* closing quotes and brackets and citation markers (``[29]``) written right
  after the full stop stay with the sentence they close;
* a full stop after an abbreviation (``TP. HCM``, ``PGS. Nguyễn``) or a
  single-letter initial (``K. Lê``) ends nothing, nor one between the digit
  groups of a number that VTB's tokeniser wrote with spaces (``30 . 000 usd``), nor
  the points of a date written so (``ngày 8 . 9 . 1945``).

The sentence-length policy: a sentence of more than ``max_words`` words (200 by
default; the longest sentence of UD Vietnamese-VTB has 96) is cut into pieces of
at most ``max_words`` words, after the last comma, semicolon or colon of the
piece's second half where there is one, else after its last word. Each piece is
a sentence to every component after this one (the taggers and rules work
sentence by sentence, and a line of 200,000 characters without a full stop, or
"Ông A. " repeated 5,000 times, is one sentence otherwise); the token where a
cut starts a sentence is listed in ``doc._.sentence_cuts``, and the JSON marks
the sentence before it ``"cut": true``. ``max_words = 0`` turns the policy off.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.docmodel import register_extensions

_TERMINAL = re.compile(r"^(?:[.!?]+|…|\.{3,})$")
_CLOSING = frozenset("\"”’')]»")
_CITATION = re.compile(r"^\[\d+\]$")
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")

#: Words written with a full stop that does not end a sentence (compared in
#: lower case): city and district prefixes, academic and professional titles,
#: and the common English ones found in Wikipedia text.
ABBREVIATIONS = (
    "tp",
    "q",
    "p",
    "tx",
    "tt",
    "ts",
    "ths",
    "pgs",
    "gs",
    "bs",
    "ks",
    "ls",
    "nxb",
    "cn",
    "th.s",
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "jr",
    "sr",
    "no",
    "co",
    "ltd",
    "inc",
    "vs",
    "ca",
)


def paragraph_chunks(text: str, size: int) -> list[tuple[int, int]]:
    """``(start, end)`` pieces of ``text`` of at most ``size`` characters, cut at paragraph breaks.

    Whole paragraphs (separated by a blank line, which always ends a sentence)
    are gathered into a piece while it stays within ``size``: a sentence never
    spans two pieces, so a document annotated piece by piece gets the
    sentences, words and everything else it gets whole. A paragraph longer than
    ``size`` is a piece of its own (the caller decides what to do with it); the
    whitespace of the breaks is in no piece.
    """
    from pipeline.vi.segmenter.syllables import plain_spaces

    plain = plain_spaces(text)  # what the sentence splitter sees (a no-break space is a space)
    paragraphs, start = [], 0
    for found in PARAGRAPH_BREAK.finditer(plain):
        paragraphs.append((start, found.start()))
        start = found.end()
    paragraphs.append((start, len(text)))
    paragraphs = [(s, e) for s, e in paragraphs if plain[s:e].strip()]
    pieces: list[tuple[int, int]] = []
    for s, e in paragraphs:
        if pieces and e - pieces[-1][0] <= size:
            pieces[-1] = (pieces[-1][0], e)  # the break between them stays inside the piece
        else:
            pieces.append((s, e))
    return pieces


def _starts_lowercase(text: str) -> bool:
    first = text[:1]
    return first.isalpha() and first.islower()


def _is_abbreviation(word: str, abbreviations: frozenset[str]) -> bool:
    return word.lower() in abbreviations or (len(word) == 1 and word.isalpha() and word.isupper())


_DAY_OR_MONTH = re.compile(r"\d{1,2}")
_YEAR = re.compile(r"\d{4}")


def _in_spaced_date(doc: Doc, i: int) -> bool:
    """The full stop at ``i`` is one of the two of a date VLSP's tokeniser wrote with spaces: "ngày 8 . 9 . 1945"
    (issue 13, round 22: the first split the date into three sentences)."""
    words = [doc[k].text if 0 <= k < len(doc) else "" for k in range(i - 3, i + 4)]
    # words[3] is the full stop; the date is D . M . YYYY with it the first or the second point
    first = _DAY_OR_MONTH.fullmatch(words[2]) and _DAY_OR_MONTH.fullmatch(words[4]) and words[5] == "."
    first = first and _YEAR.fullmatch(words[6])
    second = _DAY_OR_MONTH.fullmatch(words[0]) and words[1] == "." and _DAY_OR_MONTH.fullmatch(words[2])
    second = second and _YEAR.fullmatch(words[4])
    return bool(first or second)


def sentence_starts(doc: Doc, abbreviations: frozenset[str] = frozenset(ABBREVIATIONS)) -> list[bool]:
    """For each token, whether a sentence starts there (whitespace tokens: False)."""
    n = len(doc)
    starts = [False] * n
    new_sentence = True
    i = 0
    while i < n:
        tok = doc[i]
        if tok.is_space:
            if PARAGRAPH_BREAK.search(tok.text) or "\n\n" in tok.text:
                new_sentence = True
            i += 1
            continue
        if new_sentence:
            starts[i] = True
            new_sentence = False
        after_abbreviation = (
            tok.text == "."
            and i > 0
            and not doc[i - 1].whitespace_
            and _is_abbreviation(doc[i - 1].text, abbreviations)
        )
        spaced_group = (
            tok.text == "."
            and 0 < i < n - 1
            and doc[i - 1].text[-1:].isdigit()
            and doc[i - 1].whitespace_
            and re.fullmatch(r"\d{3}", doc[i + 1].text) is not None
        )
        if _TERMINAL.match(tok.text) and not after_abbreviation and not spaced_group and not _in_spaced_date(doc, i):
            # absorb closers and citation markers glued to the terminal
            j = i + 1
            while (
                j < n
                and not doc[j - 1].whitespace_
                and not doc[j].is_space
                and (
                    doc[j].text in _CLOSING
                    or _CITATION.match(doc[j].text)
                    or doc[j].text in "[]"
                    or doc[j].text.isdigit()
                    and doc[j - 1].text == "["
                )
            ):
                j += 1
            nxt = j
            while nxt < n and doc[nxt].is_space:
                nxt += 1
            glued = j < n and not doc[j - 1].whitespace_ and not doc[j].is_space
            if nxt < n and not glued and not _starts_lowercase(doc[nxt].text):
                new_sentence = True
            i = j
            continue
        i += 1
    return starts


#: Words after which a cut made by the sentence-length policy prefers to fall.
_SOFT_BOUNDARIES = frozenset(",;:")
#: The default of the sentence-length policy (words per sentence; VTB's longest sentence has 96).
MAX_WORDS = 200


def cut_long_sentences(doc: Doc, starts: list[bool], max_words: int) -> list[int]:
    """Cut every sentence of more than ``max_words`` words (see the module's docstring).

    ``starts`` (from :func:`sentence_starts`) is updated in place; returns the
    token indices where a cut starts a sentence.
    """
    if max_words <= 0:
        return []
    cuts: list[int] = []
    words: list[int] = []  # the current sentence's non-space token indices

    def cut_sentence() -> None:
        while len(words) > max_words:
            piece = words[:max_words]
            at = max_words  # the first word of the next piece
            for k in range(max_words - 1, max_words // 2 - 1, -1):
                if doc[piece[k]].text in _SOFT_BOUNDARIES:
                    at = k + 1
                    break
            starts[words[at]] = True
            cuts.append(words[at])
            del words[:at]

    for i, start in enumerate(starts):
        if start:
            cut_sentence()
            words.clear()
        if not doc[i].is_space:
            words.append(i)
    cut_sentence()
    return sorted(cuts)


@Language.factory(
    "songngu_vi_sentences",
    default_config={"abbreviations": list(ABBREVIATIONS), "max_words": MAX_WORDS},
    assigns=["token.is_sent_start", "doc.sents", "doc._.sentence_cuts"],
)
def create_sentences(nlp: Language, name: str, abbreviations: list[str], max_words: int):
    known = frozenset(a.lower() for a in abbreviations)
    register_extensions()

    def set_sentences(doc: Doc) -> Doc:
        # One array write: setting token.is_sent_start token by token rescans
        # the whole Doc each time (quadratic in the document length).
        if len(doc):
            starts = sentence_starts(doc, known)
            doc._.sentence_cuts[:] = cut_long_sentences(doc, starts, max_words)
            values = numpy.array([[1 if start else -1] for start in starts], dtype="int64")
            values[0, 0] = 1  # spaCy: the first token always starts a sentence
            doc.from_array([SENT_START], values.view("uint64"))  # spaCy's arrays are uint64; -1 wraps as it expects
        return doc

    return set_sentences

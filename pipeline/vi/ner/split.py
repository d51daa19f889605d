"""Cutting words where a name starts or ends inside them.

``songngu_vi_split_names`` cuts words that glue a common noun to a name:

Segmenters trained on VTB sometimes join a lower-case noun and the capitalised
name after it into one word ("quân_Azerbaijan", "thị trấn_Askeran"), which
no entity can then separate from its noun. A Vietnamese word is either a name
(every syllable capitalised, "Liên bang" aside: its first is) or a common word
(no capital after the first syllable), so a word that *starts* in lower case
and later has a capitalised syllable is two words: it is cut before each
capitalised syllable that follows a lower-case one.

This runs right after the tokenizer, before anything is tagged.

:func:`cut_tokens` is the general operation, also used by the merge when an
entity found on characters starts or ends inside a word ("Trương Xuân Đại"
of a word "Đại kiện"). spaCy's retokenizer cannot split a word at a space
without inventing a whitespace token, so a new ``Doc`` is built over exactly
the same text, carrying over tags, sentence starts, chunks, span groups and
extensions. Words are never merged and no character moves.
"""

from __future__ import annotations

from bisect import bisect_right

import numpy
from spacy.attrs import IDX, IS_SPACE, LENGTH, POS, SENT_START, SPACY, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Token

from pipeline.docmodel import doc_text


def cut_points(word: str) -> list[int]:
    """Offsets inside ``word`` where a new word starts (empty: keep it whole)."""
    syllables = []
    pos = 0
    for part in word.split(" "):
        syllables.append((pos, part))
        pos += len(part) + 1
    if len(syllables) < 2 or not syllables[0][1][:1].islower():
        return []
    cuts = []
    for (_, prev), (start, cur) in zip(syllables, syllables[1:]):
        if cur[:1].isupper() and prev[:1].islower():
            cuts.append(start)
    return cuts


_SPACE_POS, _X_POS = POS_IDS["SPACE"], POS_IDS["X"]
_NOT_START = (1 << 64) - 1  # -1 as spaCy's arrays hold it (uint64)


def cut_tokens(doc: Doc, cuts: set[int]) -> Doc:
    """``doc`` with a word boundary at each character offset in ``cuts``.

    A cut strictly inside a word splits it there; the space before a cut (the
    one between two syllables of a word) becomes the first piece's trailing
    whitespace. Cuts at existing boundaries, or inside a syllable, are ignored.
    """
    text = doc_text(doc)
    # Only the words holding a cut change: find them among the sorted cuts, reading the words'
    # offsets through one array (a Token object per word cost more than the rest of the component).
    ordered = sorted(c for c in cuts if 0 < c < len(text) and text[c - 1] == " " and text[c] != " ")
    rows = doc.to_array([IDX, LENGTH, SPACY]).tolist() if len(doc) and ordered else []
    # the cuts strictly inside each word that holds one, by the word's index (bisection on the words' starts)
    firsts = [start for start, _, _ in rows]
    inside: dict[int, list[int]] = {}
    for cut in ordered:
        i = bisect_right(firsts, cut) - 1
        if i >= 0 and firsts[i] < cut < firsts[i] + rows[i][1]:
            inside.setdefault(i, []).append(cut)
    if not inside:
        return doc
    words: list[str] = []
    spaces: list[bool] = []
    origin: list[tuple[int, bool]] = []  # (old token index, first piece?)
    for i, (start, length, space) in enumerate(rows):
        inner = inside.get(i)
        if inner is None:  # (most words)
            words.append(text[start : start + length])
            spaces.append(bool(space))
            origin.append((i, True))
            continue
        bounds = [start, *inner, start + length]
        for k, (a, b) in enumerate(zip(bounds, bounds[1:])):
            last = k == len(bounds) - 2
            words.append(text[a:b] if last else text[a : b - 1])
            spaces.append(bool(space) if last else True)
            origin.append((i, k == 0))
    # Tags and sentence starts are set in one Doc.from_array: setting them token by token makes spaCy
    # rescan the whole Doc on each assignment. They are read as arrays (what Token.tag_, Token.pos_ and
    # Token.is_space read), not through a Token object per word, and written as the values spaCy's
    # constructor would make of ``tags``, ``pos`` and ``sent_starts`` (what this passed it before: the
    # constructor sets each value with a numpy item assignment, which cost a third of this function).
    columns = doc.to_array([TAG, POS, IS_SPACE, SENT_START]).tolist()
    headings, values = [], []
    if doc.has_annotation("POS"):
        # (the tagger leaves whitespace tokens untagged; spaCy's constructor needs a UD tag for each)
        headings.append(POS)
        values.append([columns[i][1] or (_SPACE_POS if columns[i][2] else _X_POS) for i, _ in origin])
    if doc.has_annotation("TAG"):
        headings.append(TAG)
        values.append([columns[i][0] for i, _ in origin])
    if doc.has_annotation("SENT_START"):
        headings.append(SENT_START)  # (1 starts a sentence, -1 as uint64 does not: a piece after the first)
        values.append([1 if first and columns[i][3] == 1 else _NOT_START for i, first in origin])
    new = Doc(doc.vocab, words=words, spaces=spaces)
    if headings:
        new.from_array(headings, numpy.array(list(zip(*values)), dtype=numpy.uint64))
    # The Doc's text is its words, each followed by a space where ``spaces`` says: never hand on a
    # changed text (cannot happen by construction). Joined here rather than read from ``new.text``,
    # which makes a Token per word.
    if "".join([word + " " if space else word for word, space in zip(words, spaces)]) != text:
        raise RuntimeError("cutting words changed the text")
    new.user_data.update(doc.user_data)  # extension values are keyed by character offsets
    if Token.has_extension("chunk"):  # a Token extension: Doc.has_extension never saw it
        # A piece after the first gets its word's chunk as an inside tag (the first piece starts
        # where the word did: its chunk came over with the user data).
        for k, (i, first) in enumerate(origin):
            if not first:
                chunk = doc[i]._.get("chunk")
                if chunk:
                    new[k]._.set("chunk", "I-" + chunk.split("-", 1)[-1])
    for key, group in doc.spans.items():
        # same spans in the same order (group attrs may be lists aligned with the spans)
        new.spans[key] = [
            new.char_span(s.start_char, s.end_char, label=s.label_, alignment_mode="expand") for s in group
        ]
        new.spans[key].attrs.update(group.attrs)
    # (``doc.ents`` builds a Span per entity over every token: ask the cheap question first)
    if doc.has_annotation("ENT_IOB") and doc.ents:
        new.ents = [new.char_span(e.start_char, e.end_char, label=e.label_, alignment_mode="expand") for e in doc.ents]
    return new


def split_glued_names(doc: Doc) -> Doc:
    text = doc_text(doc)
    cuts = set()
    for start, length in doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []:
        word = text[start : start + length]
        # (cut_points finds none in a word of one syllable, in one that starts in upper case, or in one with no
        # capital after its first letter: most words, answered by str methods)
        if " " in word and word[:1].islower() and not word[1:].islower():
            cuts.update(start + c for c in cut_points(word))
    return cut_tokens(doc, cuts) if cuts else doc


@Language.factory("songngu_vi_split_names", retokenizes=True)
def create_split_names(nlp: Language, name: str):
    """Cut "quân_Azerbaijan"-style words before their capitalised part."""
    return split_glued_names

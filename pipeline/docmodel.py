"""The spaCy data model that both languages share.

Both the Vietnamese and the English pipelines produce ordinary spaCy ``Doc``
objects. What spaCy has no attribute for is registered here, once, as extensions:

=====================  ==========================================================
``span._.source``      the component that produced an entity (``crf``, ``rules:title``...)
``span._.value``       normalised value of a DATE (ISO 8601) or NUM (a number, or {amount, unit, kind})
``span._.score``       confidence in [0, 1], when the component has one
``span._.original_label``  the label before mapping (e.g. OntoNotes ``GPE``)
``span._.flags``       list of notes for the user, e.g. ``["type-disagreement"]``, or None
``token._.chunk``      the phrase-chunk tag (B-NP, I-VP...) the NER features use
``doc._.events``       list of :class:`Event`
``doc._.sentence_cuts``  token indices where the sentence-length policy started a new sentence
=====================  ==========================================================

Non-entity event arguments (``quân Nga``) are spans in ``doc.spans["arguments"]``
with the label ``OTHER``.

A Vietnamese ``Doc`` has its word separators written as plain spaces (a no-break
space, a tab or a zero-width space between words reads as a space to every
component; see :func:`pipeline.vi.segmenter.syllables.plain_spaces`). One
character stands for one, so offsets are those of the text as given, which is
kept in ``doc.user_data[TEXT_KEY]`` when it differs; :func:`original_text` gives
it, and the JSON writer takes every text it stores from it.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

ARGUMENTS_KEY = "arguments"
#: ``doc.user_data`` key of the text as given, when the Doc's own text differs from it.
TEXT_KEY = "songngu_text"


def original_text(doc: Doc) -> str:
    """The text ``doc`` was made from: ``doc.text``, or the text as given if separators were rewritten."""
    given = doc.user_data.get(TEXT_KEY)
    return given if given is not None else doc_text(doc)


#: Each Doc's text, kept while the Doc lives (see :func:`doc_text`).
_TEXTS: weakref.WeakKeyDictionary[Doc, tuple[tuple[int, int], str]] = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc.

    spaCy joins ``doc.text`` from every token's text on each access (a Python
    loop over the whole document), and the components of a document asked for it
    two dozen times, which cost more than some components themselves. A Doc's
    text never changes (retokenizing keeps it), so it is kept for the Doc's life.
    """
    kept = _TEXTS.get(doc)
    # (a Doc read in place with ``from_bytes`` is another text: its token count and end tell)
    shape = (len(doc), doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0)
    if kept is None or kept[0] != shape:
        kept = _TEXTS[doc] = (shape, doc.text)
    return kept[1]


@dataclass
class Argument:
    role: str
    span: Span
    score: float | None = None


@dataclass
class Event:
    type: str  # ACE "Type.Subtype"
    trigger: Span  # the words of the trigger
    arguments: list[Argument] = field(default_factory=list)
    modality: str = "asserted"  # asserted | negated | reported/uncertain
    source: str = ""
    score: float | None = None
    # The trigger's character offsets when it is a part of its words: a word of our segmenter can hold more than
    # the event's word (``treo cổ tự tử``, Life.Die on ``tự tử``); None: the trigger is its words.
    part: tuple[int, int] | None = None

    @property
    def start_char(self) -> int:
        """Where the trigger starts in the text (the JSON's ``trigger.start``)."""
        return self.part[0] if self.part is not None else self.trigger.start_char

    @property
    def end_char(self) -> int:
        """Where the trigger ends in the text (the JSON's ``trigger.end``)."""
        return self.part[1] if self.part is not None else self.trigger.end_char


def register_extensions() -> None:
    """Register the extensions (idempotent: safe to call from every component)."""
    for name in ("source", "value", "score", "original_label", "flags"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Token.has_extension("chunk"):
        Token.set_extension("chunk", default=None)
    if not Doc.has_extension("events"):
        Doc.set_extension("events", getter=lambda doc: doc.user_data.setdefault("songngu_events", []))
    if not Doc.has_extension("sentence_cuts"):
        Doc.set_extension("sentence_cuts", getter=lambda doc: doc.user_data.setdefault("songngu_sentence_cuts", []))


register_extensions()

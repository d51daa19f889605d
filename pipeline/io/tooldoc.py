"""What a research tool's file holds, read into one shape that :mod:`pipeline.io.importing` turns into our JSON.

Each format's reader (brat, XMI, Label Studio, CoNLL, CoNLL-U) fills a
:class:`ToolDocument` with exactly what the file says, in the file's own
characters: offsets are code points of ``text`` (XMI and Label Studio readers
have already converted from their units), or word indices for the formats
without running text (CoNLL, CoNLL-U). Nothing here knows the contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: What each format can hold, beside named entities on words: event arguments
#: that are no names (OTHER), entities that overlap, events, DATE/NUM values.
CARRIES = {
    "brat": frozenset({"other", "overlap", "events", "values"}),
    "xmi": frozenset({"other", "overlap", "events", "values"}),
    "labelstudio": frozenset({"other", "overlap", "events", "values"}),
    "conll": frozenset(),
    "conllu": frozenset(),
}


class ToolFileError(ValueError):
    """A tool's file that cannot be imported; the message names the file (and line or annotation)."""


@dataclass
class ToolWord:
    form: str
    sentence: int
    pos: str | None = None
    upos: str | None = None
    start: int | None = None  # offsets in the tool's text, when the format has them (XMI, CoNLL-U TokenRange)
    end: int | None = None


@dataclass
class ToolEntity:
    ref: str  # the annotation's id in the file (brat T3, an XMI id, a Label Studio region id)
    start: int
    end: int
    label: str
    value: str | None = None  # a DATE/NUM value as text, see pipeline.io.values


@dataclass
class ToolEvent:
    ref: str
    type: str
    start: int  # trigger
    end: int
    modality: str = "asserted"
    arguments: list[tuple[str, str]] = field(default_factory=list)  # (role, entity ref)


@dataclass
class ToolDocument:
    id: str
    path: str
    format: str
    #: "char": offsets index ``text``; "word": entities index ``words`` (first, last + 1)
    unit: str = "char"
    text: str | None = None
    words: list[ToolWord] | None = None
    sentences: list[tuple[int, int]] | None = None  # character spans (unit "char" only)
    sentence_texts: list[str] | None = None  # CoNLL-U's "# text" of each sentence (unit "word")
    entities: list[ToolEntity] = field(default_factory=list)
    events: list[ToolEvent] = field(default_factory=list)
    #: things the reader skipped, one line each, for the user
    warnings: list[str] = field(default_factory=list)
    #: why the reader could not read this document of a file that holds several (one Label Studio
    #: task of an export), naming the file and the document; the other documents are read
    error: str | None = None

    @property
    def carries(self) -> frozenset[str]:
        return CARRIES[self.format]

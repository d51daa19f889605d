"""CoNLL-2003 and VLSP 2016 column files: read gold NER, write our documents.

One token a line, columns ``WORD POS CHUNK NER`` (CoNLL-2003), VLSP 2016 adding
a fifth column of nested entities; a blank line ends a sentence and a
``-DOCSTART-`` line starts a document. Columns are tab-separated when the line
has a tab (VLSP; a Vietnamese word may then contain spaces: ``Liên bang``),
else whitespace-separated (CoNLL-2003).

Entity spans are decoded by seqeval, the reference implementation of conlleval's
chunking, so our spans are exactly the ones seqeval and conlleval score:
``scheme="auto"`` decodes leniently (conlleval's rules: an ``I-`` after ``O``
opens an entity, which reads IOB1, IOB2/BIO and IOBES alike); naming a scheme
(``IOB2``, ``IOBES``, ...) decodes strictly, as ``seqeval``'s ``mode="strict"``
does, dropping ill-formed chunks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from pipeline.io.files import write_atomic
from pipeline.io.layer import bio_tags, get_layer, sentence_token_ranges
from pipeline.io.tooldoc import ToolDocument, ToolEntity, ToolWord

DOCSTART = "-DOCSTART-"
_TAG = re.compile(r"^(O|[BIESLU]-\S+)$")


class ConllError(ValueError):
    """A column file that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class ConllEntity:
    label: str
    start: int  # first token index in the sentence
    end: int  # last token index + 1
    char_start: int  # code-point offsets in ``ConllSentence.text``
    char_end: int
    text: str


@dataclass(frozen=True)
class ConllSentence:
    words: tuple[str, ...]
    tags: tuple[str, ...]  # the NER column as written
    pos: tuple[str, ...] | None = None
    chunks: tuple[str, ...] | None = None
    nested: tuple[str, ...] | None = None  # VLSP 2016's fifth column
    entities: tuple[ConllEntity, ...] = ()
    document: int = 0  # index of the ``-DOCSTART-`` group (0 when the file has none)
    line: int = 0  # line number of the first token

    @property
    def text(self) -> str:
        """The words joined by single spaces: the text ``char_start``/``char_end`` index."""
        return " ".join(self.words)

    def word_spans(self) -> list[tuple[int, int]]:
        spans, pos = [], 0
        for word in self.words:
            spans.append((pos, pos + len(word)))
            pos += len(word) + 1
        return spans


def _scheme_class(scheme: str):
    from seqeval import scheme as schemes

    name = {"BIO": "IOB2"}.get(scheme.upper(), scheme.upper())
    cls = getattr(schemes, name, None)
    if cls is None or not isinstance(cls, type) or not issubclass(cls, schemes.Token) or cls is schemes.Token:
        raise ValueError(
            f"unknown tagging scheme {scheme!r} (expected auto, BIO, IOB1, IOB2, IOE1, IOE2, IOBES or BILOU)"
        )
    return cls


def decode(tags: Iterable[str], scheme: str = "auto") -> list[tuple[str, int, int]]:
    """``(label, start, end)`` token spans (end exclusive) of a tag sequence, decoded by seqeval."""
    tags = list(tags)
    if scheme == "auto":
        from seqeval.metrics.sequence_labeling import get_entities

        return [(label, start, end + 1) for label, start, end in get_entities(tags)]
    from seqeval.scheme import Tokens

    return [(e.tag, e.start, e.end) for e in Tokens(tags, _scheme_class(scheme)).entities]


def read_conll(
    path: str | Path,
    scheme: str = "auto",
    ner_column: int | None = None,
    underscores_as_spaces: bool = False,
) -> list[ConllSentence]:
    """The sentences of a CoNLL-2003 / VLSP 2016 column file, with their entities.

    ``ner_column`` (0-based) defaults to the fourth column when a line has four
    or more (CoNLL-2003, VLSP), else the last. ``underscores_as_spaces`` reads
    ``Hà_Nội`` as ``Hà Nội`` (VLSP's spelling, VnCoreNLP's, and what
    :func:`write_conll` writes by default); it is off by default because real
    text contains underscores too.
    """
    path = Path(path)
    if scheme != "auto":
        _scheme_class(scheme)  # fail on a bad name before reading
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise ConllError(f"{path}: not valid UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise ConllError(f"{path}: cannot read: {exc.strerror or exc}") from None

    sentences: list[ConllSentence] = []
    rows: list[tuple[int, list[str]]] = []
    document = 0
    width = None

    def flush() -> None:
        nonlocal rows
        if rows:
            sentences.append(_sentence(path, rows, document, scheme, ner_column, underscores_as_spaces))
        rows = []

    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            flush()
            continue
        cols = line.split("\t") if "\t" in line else line.split()
        cols = [c.strip() for c in cols]
        if cols[0] == DOCSTART:
            flush()
            if sentences or document:
                document += 1
            continue
        if len(cols) < 2:
            raise ConllError(
                f"{path}:{lineno}: expected at least 2 columns (WORD ... NER), found {len(cols)}: {line!r}"
            )
        if width is None:
            width = len(cols)
        elif len(cols) != width:
            raise ConllError(f"{path}:{lineno}: {len(cols)} columns where the file's first token line has {width}")
        rows.append((lineno, cols))
    flush()
    return sentences


def _sentence(
    path: Path,
    rows: list[tuple[int, list[str]]],
    document: int,
    scheme: str,
    ner_column: int | None,
    underscores_as_spaces: bool,
) -> ConllSentence:
    width = len(rows[0][1])
    ner = ner_column if ner_column is not None else (3 if width >= 4 else width - 1)
    if not 0 < ner < width:
        raise ConllError(f"{path}:{rows[0][0]}: NER column {ner} does not exist in a {width}-column file")
    for lineno, cols in rows:
        for col in (ner, 4) if width >= 5 and ner == 3 else (ner,):
            if not _TAG.match(cols[col]):
                raise ConllError(
                    f"{path}:{lineno}: {cols[col]!r} in column {col + 1} is not an entity tag (O, B-X, I-X, E-X, S-X)"
                )

    def column(i: int) -> tuple[str, ...] | None:
        return tuple(cols[i] for _, cols in rows) if i < width and i != ner else None

    words = tuple(re.sub(r"(?<=\w)_(?=\w)", " ", cols[0]) if underscores_as_spaces else cols[0] for _, cols in rows)
    tags = tuple(cols[ner] for _, cols in rows)
    sent = ConllSentence(
        words=words,
        tags=tags,
        pos=column(1) if ner > 1 else None,
        chunks=column(2) if ner > 2 else None,
        nested=column(4) if width >= 5 and ner == 3 else None,
        document=document,
        line=rows[0][0],
    )
    spans = sent.word_spans()
    try:
        decoded = decode(tags, scheme)
    except (ValueError, KeyError) as exc:
        raise ConllError(f"{path}:{rows[0][0]}: sentence is not valid {scheme}: {exc}") from None
    entities = tuple(
        ConllEntity(label, s, e, spans[s][0], spans[e - 1][1], sent.text[spans[s][0] : spans[e - 1][1]])
        for label, s, e in decoded
    )
    return ConllSentence(**{**sent.__dict__, "entities": entities})


# --------------------------------------------------------------------------- writing


def write_conll(
    doc: dict[str, Any],
    out: str | Path | TextIO,
    layer: str = "vi",
    scheme: str = "BIO",
    labels: Iterable[str] | None = None,
    docstart: bool = True,
    word_sep: str = "_",
) -> list[dict[str, Any]]:
    """Write one layer of our document as ``WORD<TAB>POS<TAB>_<TAB>NER`` lines.

    A Vietnamese word may hold spaces (``Liên bang``). With ``word_sep="_"``
    (the default) each whitespace character inside a word is written ``_``
    (``Liên_bang``, VLSP's own spelling), so that every line has four columns
    however a reader splits it, on tabs or on any whitespace; read such a file
    back with ``read_conll(..., underscores_as_spaces=True)``. With
    ``word_sep=" "`` words keep their spaces and only tab-splitting readers
    (VLSP's) see four columns. POS is our VLSP/PTB tag (``_`` when absent), the
    chunk column is ``_`` (we do not chunk). Returns the entities that BIO could
    not hold (see :func:`bio_tags`), so the caller can report them.
    """
    if word_sep not in ("_", " "):
        raise ValueError(f"word separator {word_sep!r}: expected '_' or ' '")
    data = get_layer(doc, layer)
    tags, dropped = bio_tags(data, labels, scheme)
    tokens = data["tokens"]
    lines = [f"{DOCSTART}\t-X-\t-X-\tO", ""] if docstart else []
    # A tab or line break inside a word would shift columns or lines in any reader;
    # with "_" every whitespace character goes, one for one.
    inner = re.compile(r"\s" if word_sep == "_" else r"[\t\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
    for sent in sentence_token_ranges(data):
        for i in range(*sent):
            word = inner.sub(word_sep, tokens[i]["text"])
            lines.append(f"{word}\t{tokens[i].get('pos') or '_'}\t_\t{tags[i]}")
        lines.append("")
    text = "\n".join(lines) + ("\n" if lines else "")
    if isinstance(out, (str, Path)):
        write_atomic(Path(out), text)  # LF line ends, as written
    else:
        out.write(text)
    return dropped


# --------------------------------------------------------------------------- importing


def to_tool_documents(path: str | Path, doc_id: str, scheme: str = "auto") -> list[ToolDocument]:
    """The documents of a column file (one per ``-DOCSTART-`` group), words as written.

    A word keeps its ``_`` (``Liên_bang``): whether it stands for a space is
    decided against the text it is matched to (:mod:`pipeline.io.importing`).
    Entities are word ranges ``[first, last + 1)`` over the document's words.
    """
    groups: dict[int, list[ConllSentence]] = {}
    for sent in read_conll(path, scheme=scheme):
        groups.setdefault(sent.document, []).append(sent)
    docs = []
    for k, (_, sentences) in enumerate(sorted(groups.items()), start=1):
        tool = ToolDocument(
            id=doc_id if len(groups) == 1 else f"{doc_id}/{k}", path=str(path), format="conll", unit="word", words=[]
        )
        for n, sent in enumerate(sentences):
            base = len(tool.words)
            tool.words += [ToolWord(w, n, pos=sent.pos[i] if sent.pos else None) for i, w in enumerate(sent.words)]
            tool.entities += [
                ToolEntity(f"{sent.line}:{e.start}", base + e.start, base + e.end, e.label) for e in sent.entities
            ]
        docs.append(tool)
    if not docs:  # an empty document, exported as its -DOCSTART- line alone: still a document
        docs.append(ToolDocument(id=doc_id, path=str(path), format="conll", unit="word", words=[]))
    return docs

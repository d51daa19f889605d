"""CoNLL-U: reading with each word located as a character span, and writing our documents.

Word segmentation is scored on character spans (spaces ignored), so the reader
returns, for every sentence, its ``# text`` and the ``[start, end)`` code-point
offsets of each syntactic word in that text. Parsing and serialising are left
to the ``conllu`` library; only the offset recovery and the mapping from our
JSON are ours.

The files we write are level-1 CoNLL-U in UD's terms (the "CoNLL-U backbone":
columns, ids, whitespace, Unicode normalisation; UD's ``validate.py --level 1``
passes on them). They carry no syntax: HEAD, DEPREL and DEPS are ``_``, which
is why level 2 ("Invalid HEAD: '_'") does not pass, and no offline Vietnamese
dependency parser exists to fill them (underthesea's ``dependency_parse``
downloads its model). Each file says so in a comment line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import conllu

from pipeline.io.files import write_atomic
from pipeline.io.layer import bio_tags, get_layer, sentence_token_ranges
from pipeline.io.tooldoc import ToolDocument, ToolEntity, ToolFileError, ToolWord


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    form: str
    upos: str
    xpos: str


@dataclass(frozen=True)
class Sentence:
    sent_id: str
    text: str
    words: tuple[Word, ...] = field(default_factory=tuple)


class ConlluError(ValueError):
    """A CoNLL-U file whose words cannot be located in its ``# text``."""


def locate_words(text: str, forms: list[str], where: str) -> list[tuple[int, int]]:
    """Find each form in ``text`` in order, skipping whitespace between them.

    A space inside a form matches any run of whitespace in the text: CoNLL-U
    allows no repeated whitespace in a FORM, so a word written from ``a\tb``
    or ``a  b`` has one space there.
    """
    spans, pos = [], 0
    for form in forms:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if text.startswith(form, pos):
            spans.append((pos, pos + len(form)))
            pos += len(form)
            continue
        found = re.compile(r"\s+".join(map(re.escape, form.split(" ")))).match(text, pos) if " " in form else None
        if found:
            spans.append((pos, found.end()))
            pos = found.end()
            continue
        raise ConlluError(f"{where}: word {form!r} not found at offset {pos} of the sentence text")
    return spans


def read_conllu(path: str | Path) -> Iterator[Sentence]:
    """Yield the sentences of a CoNLL-U file with character-located words.

    Multiword-token ranges (``1-2``) and empty nodes (``1.1``) are skipped: the
    syntactic words are what segmentation and tagging are scored on. A sentence
    without ``# text`` gets the words joined by single spaces.
    """
    path = Path(path)
    with path.open(encoding="utf-8") as handle:
        for n, sent in enumerate(conllu.parse_incr(handle), start=1):
            words = [tok for tok in sent if isinstance(tok["id"], int)]
            forms = [tok["form"] for tok in words]
            text = sent.metadata.get("text", " ".join(forms))
            sent_id = sent.metadata.get("sent_id", str(n))
            spans = locate_words(text, forms, f"{path}: sentence {sent_id}")
            yield Sentence(
                sent_id=sent_id,
                text=text,
                words=tuple(
                    Word(s, e, tok["form"], tok["upos"] or "_", tok["xpos"] or "_") for (s, e), tok in zip(spans, words)
                ),
            )


# --------------------------------------------------------------------------- writing

_FIELDS = ("id", "form", "lemma", "upos", "xpos", "feats", "head", "deprel", "deps", "misc")

#: The comment that opens each file we write (see the module docstring).
LEVEL_NOTE = (
    "level-1 CoNLL-U (UD validate.py --level 1): words, tags and entities; no syntax, HEAD, DEPREL and DEPS are _"
)


def _one_line(text: str) -> str:
    # A comment is one line: each tab or line break becomes one space, which
    # keeps every offset inside the sentence unchanged.
    return re.sub(r"[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", " ", text)


def _form(text: str) -> str:
    # A FORM may hold single spaces (UD Vietnamese-VTB's "Liên bang") but no tab,
    # no line break and no run of whitespace (validate.py level 1); TokenRange
    # keeps the word's exact characters.
    return re.sub(r"\s+", " ", text).strip() or "_"


def to_conllu(doc: dict[str, Any], layer: str = "vi") -> tuple[list[conllu.TokenList], list[dict[str, Any]]]:
    """One ``conllu.TokenList`` per sentence of the layer, and the entities BIO could not hold.

    As in UD Vietnamese-VTB, FORM is the whole word, spaces included
    (``Liên bang``); XPOS is our VLSP (or PTB) tag and UPOS the universal tag.
    MISC carries ``SpaceAfter=No`` where the next word follows without a space,
    the entity tag as ``NE=B-PER`` (BIO; see :func:`pipeline.io.layer.bio_tags`
    for what BIO cannot hold) and ``TokenRange=START:END``, the word's
    code-point offsets in the document (UDPipe's attribute), so each word can be
    put back where it was. We do not parse: HEAD, DEPREL and DEPS are ``_``
    (level-1 CoNLL-U; see the module docstring).
    """
    data = get_layer(doc, layer)
    text, tokens = data["text"], data["tokens"]
    tags, dropped = bio_tags(data)
    sent_id_base = "".join("_" if c.isspace() else c for c in doc["id"])
    sentences = []
    for n, (first, stop) in enumerate(sentence_token_ranges(data), start=1):
        start, end = tokens[first]["start"], tokens[stop - 1]["end"]
        rows = []
        for i in range(first, stop):
            tok = tokens[i]
            misc = {}
            if tags[i] != "O":
                misc["NE"] = tags[i]
            if i + 1 < len(tokens) and tokens[i + 1]["start"] == tok["end"]:  # across sentences too, as UD does
                misc["SpaceAfter"] = "No"
            misc["TokenRange"] = f"{tok['start']}:{tok['end']}"
            values = (
                i - first + 1,
                _form(tok["text"]),
                tok.get("lemma"),
                tok.get("upos"),
                tok.get("pos"),
                None,
                None,
                None,
                None,
                misc,
            )
            rows.append(conllu.models.Token(zip(_FIELDS, values)))
        metadata = {"sent_id": f"{sent_id_base}-{n}", "text": _one_line(text[start:end])}
        if n == 1:
            metadata = {"newdoc id": doc["id"], "songngu": LEVEL_NOTE, **metadata}
        sentences.append(conllu.TokenList(rows, metadata=metadata))
    return sentences, dropped


def write_conllu(doc: dict[str, Any], out: str | Path | TextIO, layer: str = "vi") -> list[dict[str, Any]]:
    """Write one layer of our document as CoNLL-U (see :func:`to_conllu`); returns the dropped entities."""
    sentences, dropped = to_conllu(doc, layer)
    text = "".join(sent.serialize() for sent in sentences)
    if isinstance(out, (str, Path)):
        write_atomic(Path(out), text)  # UD requires LF line ends: the text is written as it is
    else:
        out.write(text)
    return dropped


# --------------------------------------------------------------------------- importing


def to_tool_documents(path: str | Path, doc_id: str) -> list[ToolDocument]:
    """The documents of a CoNLL-U file (split at ``# newdoc``), with entities from ``NE=`` BIO tags in MISC.

    Words keep ``TokenRange=START:END`` (their offsets in the document, as we
    and UDPipe write them) when every word has one; the sentence texts are kept
    too, so the document's text can be rebuilt without the original.
    """
    from conllu.exceptions import ParseException

    from pipeline.io.conll import decode

    path = Path(path)
    docs: list[ToolDocument] = []
    texts: list[list[str]] = []
    try:
        with path.open(encoding="utf-8") as handle:
            for n, sent in enumerate(conllu.parse_incr(handle), start=1):
                if not docs or "newdoc id" in sent.metadata and docs[-1].words:
                    name = sent.metadata.get("newdoc id") or doc_id
                    docs.append(ToolDocument(id=name, path=str(path), format="conllu", unit="word", words=[]))
                    texts.append([])
                tool = docs[-1]
                words = [tok for tok in sent if isinstance(tok["id"], int)]
                sentence = len(texts[-1])
                texts[-1].append(sent.metadata.get("text", " ".join(t["form"] for t in words)))
                base = len(tool.words)
                tags = []
                for tok in words:
                    misc = tok["misc"] or {}
                    start = end = None
                    if "TokenRange" in misc:
                        start, _, end = misc["TokenRange"].partition(":")
                        start, end = int(start), int(end)
                    tool.words.append(ToolWord(tok["form"], sentence, tok["xpos"], tok["upos"], start, end))
                    tags.append(misc.get("NE", "O"))
                for label, first, stop in decode(tags, "auto"):
                    tool.entities.append(ToolEntity(f"{n}:{first + 1}", base + first, base + stop, label))
    except (OSError, UnicodeDecodeError) as exc:
        raise ToolFileError(f"{path}: cannot read: {exc}") from None
    except (ParseException, ValueError) as exc:
        raise ToolFileError(f"{path}: not CoNLL-U: {exc}") from None
    for k, (tool, sentence_texts) in enumerate(zip(docs, texts), start=1):
        tool.sentence_texts = sentence_texts
        # One document: named by its path, like every import. Several: by their "# newdoc id".
        if len(docs) == 1:
            tool.id = doc_id
        elif tool.id == doc_id:
            tool.id = f"{doc_id}/{k}"
    if not docs:  # an empty document, exported as an empty file: still a document
        docs.append(ToolDocument(id=doc_id, path=str(path), format="conllu", unit="word", words=[], sentence_texts=[]))
    return docs

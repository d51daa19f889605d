"""spaCy ``Doc`` -> one layer of the JSON contract, and the whole document.

This is the one serialiser of the pipeline: every output file is built by
:func:`build_document` from layers made by :func:`layer_from_doc`, then checked
with :func:`pipeline.contract.validate`.

Entity ids (``T1``...) number the entities of a layer in text order (start,
then end, then label); event ids (``E1``...) number events by trigger
position. Ids are given here, at writing time, so that they are stable for a
given output whatever order the components produced things in.
"""

from __future__ import annotations

import json
from typing import Any

from spacy.attrs import IDX, IS_SPACE, LEMMA, LENGTH, POS, TAG
from spacy.tokens import Doc, Span

from pipeline.contract import SCHEMA_VERSION, validate
from pipeline.docmodel import ARGUMENTS_KEY, original_text, register_extensions

register_extensions()


def _span_key(span: Span) -> tuple[int, int, str]:
    return (span.start_char, span.end_char, span.label_)


def _entity_record(span: Span, text: str) -> dict[str, Any]:
    record: dict[str, Any] = {
        "start": span.start_char,
        "end": span.end_char,
        "label": span.label_,
        "text": text[span.start_char : span.end_char],
        "source": span._.source or "unknown",
    }
    for name in ("value", "original_label", "score", "flags"):
        value = getattr(span._, name)
        if value is not None and value != []:
            record[name] = value
    return record


def layer_from_doc(doc: Doc, lang: str) -> dict[str, Any]:
    """The contract's layer (text, sentences, tokens, entities, events) of ``doc``."""
    text = original_text(doc)  # offsets are the Doc's; the texts those of the text as given
    # The token attributes read as arrays in one call: a spaCy Token made per word and attribute cost
    # more than the rest of this function.
    strings = doc.vocab.strings
    columns = doc.to_array([IS_SPACE, IDX, LENGTH, TAG, POS, LEMMA]).tolist() if len(doc) else []
    # Whitespace tokens are spaCy's way of keeping the text; they are not words.
    token_index: dict[int, int] = {}
    tokens: list[dict[str, Any]] = []
    for i, (is_space, start, length, tag, pos, lemma) in enumerate(columns):
        if is_space:
            continue
        token_index[i] = len(tokens)
        end = start + length
        record: dict[str, Any] = {"start": start, "end": end, "text": text[start:end]}
        if tag:
            record["pos"] = strings[tag]
        if pos:
            record["upos"] = strings[pos]
        if lang != "vi" and lemma:
            record["lemma"] = strings[lemma]
        tokens.append(record)

    sentences: list[dict[str, Any]] = []
    if doc.has_annotation("SENT_START") or len(doc) == 0:
        spans = [(sent.start, sent.end) for sent in doc.sents] if len(doc) else []
    else:
        spans = [(0, len(doc))]
    cuts = set(doc._.sentence_cuts) if doc.has_extension("sentence_cuts") else set()
    for sent_start, sent_end in spans:
        words = [i for i in range(sent_start, sent_end) if i in token_index]
        if not words:
            continue
        first, last = token_index[words[0]], token_index[words[-1]]
        for k in range(first, last + 1):
            tokens[k]["sentence"] = len(sentences)
        if words[0] in cuts:  # the sentence-length policy cut the sentence before this one
            sentences[-1]["cut"] = True
        sentences.append({"start": tokens[first]["start"], "end": tokens[last]["end"], "tokens": [first, last + 1]})

    # Entities: named entities plus the non-entity event arguments (OTHER).
    spans_by_key: dict[tuple[int, int, str], Span] = {}
    for span in list(doc.ents) + list(doc.spans.get(ARGUMENTS_KEY, [])):
        spans_by_key.setdefault(_span_key(span), span)
    ordered = sorted(spans_by_key.values(), key=_span_key)
    ids = {_span_key(span): f"T{i}" for i, span in enumerate(ordered, start=1)}
    entities = [{"id": ids[_span_key(span)], **_entity_record(span, text)} for span in ordered]

    events = []
    for i, event in enumerate(sorted(doc._.events, key=lambda e: (e.start_char, e.end_char, e.type)), start=1):
        record = {
            "id": f"E{i}",
            "type": event.type,
            "trigger": {
                "start": event.start_char,
                "end": event.end_char,
                "text": text[event.start_char : event.end_char],
            },
            "arguments": [],
            "modality": event.modality,
            "source": event.source or "unknown",
        }
        for arg in event.arguments:
            key = _span_key(arg.span)
            if key not in ids:
                raise ValueError(
                    f"event {event.type} at {event.start_char}: argument {arg.span.text!r} "
                    "is neither in doc.ents nor in doc.spans['arguments']"
                )
            arg_record = {"role": arg.role, "entity": ids[key]}
            if arg.score is not None:
                arg_record["score"] = round(float(arg.score), 4)
            record["arguments"].append(arg_record)
        if event.score is not None:
            record["score"] = round(float(event.score), 4)
        sent_of_trigger = tokens[token_index[event.trigger[0].i]].get("sentence") if len(event.trigger) else None
        if sent_of_trigger is not None:
            record["sentence"] = sent_of_trigger
        events.append(record)

    return {
        "lang": lang,
        "text": text,
        "sentences": sentences,
        "tokens": tokens,
        "entities": entities,
        "events": events,
    }


def build_document(
    doc_id: str,
    source: dict[str, Any],
    pipeline: dict[str, Any],
    vi: dict[str, Any],
    en: dict[str, Any] | None = None,
    alignments: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Assemble and validate one annotated document."""
    document = {
        "schema_version": SCHEMA_VERSION,
        "id": doc_id,
        "source": source,
        "pipeline": pipeline,
        "vi": vi,
        "en": en,
        "alignments": alignments,
    }
    return validate(document)


def dumps(document: dict[str, Any]) -> str:
    """The exact bytes-to-be of an output file: stable key order, UTF-8, final newline.

    Byte for byte ``json.dumps(document, ensure_ascii=False, indent=1) + "\\n"``, made faster (:func:`indented`).
    """
    return indented(document) + "\n"


_SCALARS = (str, int, float, bool, type(None))
_SCALAR_TYPES = frozenset(_SCALARS)
#: One C-accelerated encoder per indentation: it writes a flat container's items on their own lines.
_FLAT_ENCODERS: dict[int, json.JSONEncoder] = {}


def indented(value: Any, depth: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=1)``, for a value nested ``depth`` levels deep.

    Why by hand: with ``indent`` set, the standard library gives up its C encoder
    for the pure-Python one, which made writing the JSON a tenth of the
    pipeline's time. Without ``indent`` the C encoder takes any separators, so a
    container of scalars (a token, an entity, a sentence's token range: nearly
    every item of a document) is one C call with ``",\\n" + padding`` between its
    items; only the nesting above them is walked here. Same escapes, number
    forms and key order as ``json.dumps``; ``tests/io/test_jsondoc.py`` checks it
    against ``json.dumps`` on the committed annotations and on generated values.
    """
    if isinstance(value, dict):
        items = value.items()
        opening, closing = "{", "}"
    elif isinstance(value, (list, tuple)):
        items = value
        opening, closing = "[", "]"
    else:
        return _flat_encoder(depth).encode(value)
    if not value:
        return opening + closing
    inner = "\n" + " " * (depth + 1)
    # Flat when every item's type is a scalar's (a subclass, a numpy float say, takes the way below,
    # which writes it the same): checked by a C loop, not a generator, since nearly every item of a
    # document (each token, each entity) comes through here.
    if _SCALAR_TYPES.issuperset(map(type, value.values() if opening == "{" else value)):
        return opening + inner + _flat_encoder(depth + 1).encode(value)[1:-1] + "\n" + " " * depth + closing
    encode = _flat_encoder(depth).encode
    if opening == "{":
        if not all(isinstance(k, str) for k in value):  # json.dumps's own key conversions; none of ours
            return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n" + " " * depth)
        parts = [encode(k) + ": " + indented(v, depth + 1) for k, v in items]
    else:
        flat_items = [type(v) is dict and bool(v) and _SCALAR_TYPES.issuperset(map(type, v.values())) for v in items]
        if all(flat_items):
            return _flat_objects(value, depth)
        # A list of flat objects (the tokens, the entities): each written here, without a call per item.
        flat = _flat_encoder(depth + 2).encode
        item_inner, item_closing = "\n" + " " * (depth + 2), "\n" + " " * (depth + 1) + "}"
        parts = [
            "{" + item_inner + flat(v)[1:-1] + item_closing if is_flat else indented(v, depth + 1)
            for v, is_flat in zip(items, flat_items)
        ]
    return opening + inner + ("," + inner).join(parts) + "\n" + " " * depth + closing


def _flat_objects(value: list | tuple, depth: int) -> str:
    """A list of non-empty objects of scalars (every token of a layer), ``depth`` levels deep: one C call.

    The encoder of the objects' items encodes the whole list: each object comes out as it would
    alone, the list's items separated as the objects' are (``",\\n"`` and the padding). Nothing
    the encoder writes inside a string holds a line break (it escapes them), so ``"},\\n<pad>{"``
    is found only between two objects; there, and at the list's two ends, the objects' own
    braces are put on lines of their own, as :func:`indented` writes them one by one.
    """
    outer, inner = " " * (depth + 1), " " * (depth + 2)
    text = _flat_encoder(depth + 2).encode(value)
    between = "},\n" + inner + "{"
    text = text.replace(between, "\n" + outer + "},\n" + outer + "{\n" + inner)
    return "[\n" + outer + "{\n" + inner + text[2:-2] + "\n" + outer + "}\n" + " " * depth + "]"


def _flat_encoder(depth: int) -> json.JSONEncoder:
    encoder = _FLAT_ENCODERS.get(depth)
    if encoder is None:
        encoder = _FLAT_ENCODERS[depth] = json.JSONEncoder(ensure_ascii=False, separators=(",\n" + " " * depth, ": "))
    return encoder


def compact(document: dict[str, Any]) -> str:
    """One document as one JSON line (the JSONL output format), with its newline."""
    return json.dumps(document, ensure_ascii=False) + "\n"


#: The lists of a layer, in the order the writer puts them.
LAYER_LISTS = ("sentences", "tokens", "entities", "events")


def shift_layer(layer: dict[str, Any], chars: int, counts: dict[str, int]) -> dict[str, Any]:
    """``layer`` (of a piece of text starting at character ``chars``) as part of the whole text's layer.

    ``counts`` holds how many sentences, tokens, entities and events the pieces
    before it had: offsets, indexes and ids (``T``/``E`` numbers) move on by
    those; ``counts`` is then updated for the next piece.
    """
    n_sent, n_tok, n_ent, n_ev = (counts.get(k, 0) for k in LAYER_LISTS)

    def entity_id(ref: str) -> str:
        return f"T{int(ref[1:]) + n_ent}"

    sentences = [
        {
            **s,
            "start": s["start"] + chars,
            "end": s["end"] + chars,
            "tokens": [s["tokens"][0] + n_tok, s["tokens"][1] + n_tok],
        }
        for s in layer["sentences"]
    ]
    tokens = []
    for t in layer["tokens"]:
        t = {**t, "start": t["start"] + chars, "end": t["end"] + chars}
        if "sentence" in t:
            t["sentence"] += n_sent
        tokens.append(t)
    entities = [
        {**e, "id": entity_id(e["id"]), "start": e["start"] + chars, "end": e["end"] + chars} for e in layer["entities"]
    ]
    events = []
    for e in layer["events"]:
        e = {
            **e,
            "id": f"E{int(e['id'][1:]) + n_ev}",
            "trigger": {**e["trigger"], "start": e["trigger"]["start"] + chars, "end": e["trigger"]["end"] + chars},
            "arguments": [{**a, "entity": entity_id(a["entity"])} for a in e["arguments"]],
        }
        if "sentence" in e:
            e["sentence"] += n_sent
        events.append(e)
    shifted = {"sentences": sentences, "tokens": tokens, "entities": entities, "events": events}
    for key in LAYER_LISTS:
        counts[key] = counts.get(key, 0) + len(shifted[key])
    return {**layer, **shifted}


class StreamedDocument:
    """A document whose layer ``lang`` arrives piece by piece, written as one stream.

    For documents too large to hold as Python objects: each piece's sentences,
    tokens, entities and events (already shifted, :func:`shift_layer`) are
    serialised as they come into temporary files, one per list; :meth:`write`
    then writes the document, byte for byte what :func:`dumps` (or, with
    ``one_line``, :func:`compact`) of the whole document gives.

    ``document`` is the whole document with empty lists in that layer (it is
    validated as it is; validate each piece with :func:`build_document` too).
    """

    def __init__(self, document: dict[str, Any], lang: str = "vi", one_line: bool = False):
        import tempfile

        self.one_line = one_line
        self.counts: dict[str, int] = {}
        layer = dict(document[lang])
        placeholders = {key: f"\x00songngu:{lang}.{key}\x00" for key in LAYER_LISTS}
        layer.update(placeholders)
        skeleton = (compact if one_line else dumps)({**document, lang: layer})
        # the text around each list, and the indentation of its items
        self._pieces: list[str] = []
        self._spools = []
        self._pads: list[str] = []
        rest = skeleton
        for key in LAYER_LISTS:
            marker = json.dumps(placeholders[key])
            before, _, rest = rest.partition(marker)
            self._pieces.append(before)
            line_start = before.rfind("\n") + 1
            self._pads.append(" " * (len(before) - line_start - len(before[line_start:].lstrip(" ")) + 1))
            self._spools.append(tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n"))  # noqa: SIM115 (closed by close())
        self._pieces.append(rest)
        self._written = [0] * len(LAYER_LISTS)

    def add(self, piece: dict[str, Any]) -> None:
        """Append a piece of the layer (offsets, indexes and ids those of the whole text)."""
        for k, key in enumerate(LAYER_LISTS):
            spool, pad = self._spools[k], self._pads[k]
            for item in piece[key]:
                if self.one_line:
                    text = json.dumps(item, ensure_ascii=False)
                    spool.write(text if not self._written[k] else ", " + text)
                else:
                    text = indented(item, len(pad))
                    spool.write(("\n" if not self._written[k] else ",\n") + pad + text)
                self._written[k] += 1

    def write(self, out) -> None:
        """Write the document to the text file ``out``, and drop the temporary files."""
        import shutil

        try:
            for k in range(len(LAYER_LISTS)):
                out.write(self._pieces[k])
                out.write("[")
                if self._written[k]:
                    self._spools[k].seek(0)
                    shutil.copyfileobj(self._spools[k], out, 1 << 20)
                    if not self.one_line:
                        out.write("\n" + self._pads[k][:-1])
                out.write("]")
            out.write(self._pieces[-1])
        finally:
            self.close()

    def close(self) -> None:
        for spool in self._spools:
            spool.close()

"""Our JSON from what a research tool wrote back: ``songngu import``'s library side.

A format's reader gives a :class:`~pipeline.io.tooldoc.ToolDocument` (what the
file holds, in its own characters); :func:`to_document` turns it into a
contract document:

- the text is NFC-normalised, offsets carried through the normalisation (a tool
  that saved NFD text is read right), and every span is checked against it;
- formats without running text (CoNLL, CoNLL-U) have their words matched to
  the ``--base`` document's text (``_`` in a word matching a space), or, without
  a base, a text is rebuilt from the words (CoNLL-U: from ``# text`` and
  ``TokenRange``);
- with a base document (the JSON the export was made from), its text must be
  the tool's text exactly, else the error names the document and the first
  differing character; what the format cannot hold comes from the base: words,
  POS and sentences always, the other language and the alignments, and for the
  word formats the event arguments (OTHER), the nested entities, the values
  and the events. An entity or event the tool left as it was keeps its base
  record (source, score, flags); a changed or new one says
  ``"source": "import:<format>"``;
- when the imported layer changed, the alignment is redone where it changed:
  links of unchanged entities and events stay as they were, those of changed
  and new ones come from songngu's aligner (:func:`pipeline.align.align`),
  pointing only at what the other layer already has (it is the base's); one
  whose counterpart the aligner would create (a projection) gets ``null``.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pipeline.contract import ENTITY_LABELS, MODALITIES, ContractError, schema, validate
from pipeline.io.files import annotated_files, read_annotated
from pipeline.io.layer import bio_tags
from pipeline.io.tooldoc import ToolDocument, ToolFileError
from pipeline.io.values import value_from_text

FORMATS = ("brat", "xmi", "labelstudio", "conll", "conllu")
_EVENT_TYPE = re.compile(r"^[A-Z][A-Za-z]*\.[A-Z][A-Za-z-]*$")
_UPOS = frozenset(schema()["$defs"]["token"]["properties"]["upos"]["enum"])


# --------------------------------------------------------------------------- reading the tools' files


def read_tool_files(fmt: str, paths: Iterable[str | Path]) -> Iterator[ToolDocument]:
    """Every document in ``paths`` (files, or folders searched recursively) of format ``fmt``.

    Raises :class:`ToolFileError` naming the file at the first one that cannot
    be read; :func:`tool_files` and :func:`read_tool_file` read file by file.
    """
    for path in map(Path, paths):
        for file, doc_id in tool_files(fmt, path):
            for tool in read_tool_file(fmt, file, doc_id, path):
                if tool.error is not None:
                    raise ToolFileError(tool.error)
                yield tool


_SUFFIX = {"brat": ".ann", "xmi": ".xmi", "labelstudio": ".json", "conll": ".conll", "conllu": ".conllu"}


def tool_files(fmt: str, path: Path) -> list[tuple[Path, str]]:
    """The files of format ``fmt`` at ``path`` (a file, or a folder searched recursively), each with its document id.

    Ids are paths relative to the folder given, without extension (as our
    exports name their files), or a file's stem for a file given by name.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
    if not path.exists():
        raise ToolFileError(f"{path}: no such file or directory")
    if not path.is_dir():
        return [(path, _stem(path).name)]
    files = sorted(p for p in path.rglob(f"*{_SUFFIX[fmt]}") if p.is_file())
    if not files:
        raise ToolFileError(f"{path}: no {_SUFFIX[fmt]} files")
    return [(file, _stem(file.relative_to(path)).as_posix()) for file in files]


def read_tool_file(
    fmt: str, file: Path, doc_id: str, root: Path | None = None, predictions: bool = False
) -> list[ToolDocument]:
    """The documents of one file (a Label Studio export or a CoNLL file may hold several); ``predictions``: a Label
    Studio task with no annotation is read from its prediction."""
    if fmt == "brat":
        from pipeline.io.brat import BratError, read_brat, to_tool_document

        try:
            return [to_tool_document(read_brat(file, doc_id=doc_id))]
        except BratError as exc:
            raise ToolFileError(str(exc)) from None
    if fmt == "xmi":
        from pipeline.io.xmi import find_typesystem, read_xmi

        return [read_xmi(file, doc_id, find_typesystem(file, root if root is not None and root.is_dir() else None))]
    if fmt == "labelstudio":
        from pipeline.io.labelstudio import read_labelstudio

        return read_labelstudio(file, predictions=predictions)
    if fmt == "conll":
        from pipeline.io.conll import ConllError, to_tool_documents

        try:
            return to_tool_documents(file, doc_id)
        except ConllError as exc:
            raise ToolFileError(str(exc)) from None
    if fmt == "conllu":
        from pipeline.io.conllu import to_tool_documents

        return to_tool_documents(file, doc_id)
    raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")


def _stem(path: Path) -> Path:
    return path.with_suffix("") if path.suffix else path


# --------------------------------------------------------------------------- text and offsets


def normalize_with_offsets(text: str, where: str) -> tuple[str, list[int], list[int]]:
    """The NFC text, and for each offset of ``text`` the NFC offset at or before it / at or after it.

    NFC composes a base character with the combining marks after it, so the
    text is normalised one such cluster at a time; an offset inside a cluster
    (between a letter and its accent) moves to the cluster's edge.
    """
    pieces: list[str] = []
    floor = [0] * (len(text) + 1)
    ceil = [0] * (len(text) + 1)
    pos = start = 0
    for i in range(1, len(text) + 1):
        if i < len(text) and unicodedata.combining(text[i]):
            continue
        nfc = unicodedata.normalize("NFC", text[start:i])
        for k in range(start, i):
            floor[k] = pos
            ceil[k] = pos if k == start else pos + len(nfc)
        pieces.append(nfc)
        pos += len(nfc)
        start = i
    floor[len(text)] = ceil[len(text)] = pos
    out = "".join(pieces)
    if out != unicodedata.normalize("NFC", text):  # compositions across clusters (Hangul jamo): none in our scripts
        raise ToolFileError(f"{where}: cannot carry offsets through Unicode normalisation of this text")
    return out, floor, ceil


def first_difference(ours: str, theirs: str) -> str:
    """``character 12: 'a' where the base has 'b'`` for the first position where two texts differ."""
    for i, (a, b) in enumerate(zip(ours, theirs)):
        if a != b:
            return f"character {i}: {a!r} where the base has {b!r}"
    n = min(len(ours), len(theirs))
    if len(ours) > len(theirs):
        return f"character {n}: {ours[n]!r} after the end of the base's text ({len(theirs)} characters)"
    return f"character {n}: the text ends where the base has {theirs[n]!r} ({len(theirs)} characters)"


def match_words(forms: list[str], text: str, where: str) -> list[tuple[int, int]]:
    """Each word's ``(start, end)`` in ``text``, in order, whitespace between words skipped.

    A space or ``_`` in a word matches any run of whitespace in the text (VLSP
    and our CoNLL export write ``Liên_bang``, CoNLL-U a single space), and
    ``_`` matches ``_`` too. The first word that does not fit is an error
    naming the text position.
    """
    spans, pos = [], 0
    for n, form in enumerate(forms):
        while pos < len(text) and text[pos].isspace():
            pos += 1
        pattern = "".join(r"(?:_|\s+)" if c == "_" else r"\s+" if c.isspace() else re.escape(c) for c in form.strip())
        found = re.compile(pattern).match(text, pos) if pattern else None
        if found is None:
            context = text[pos : pos + len(form) + 10]
            raise ToolFileError(
                f"{where}: word {n + 1} {form!r} is not in the base's text at character {pos} (which has {context!r})"
            )
        spans.append((pos, found.end()))
        pos = found.end()
    return spans


def _rebuild_text(tool: ToolDocument, forms: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """A text for the words of a format without running text, when there is no base to match them to."""
    words = tool.words or []
    if tool.sentence_texts is not None and words and all(w.start is not None for w in words):
        # CoNLL-U with TokenRange: each sentence's "# text" at its place in the document.
        from pipeline.io.conllu import locate_words

        size = max(w.end for w in words)
        chars = [" "] * size
        spans = []
        for k, sentence_text in enumerate(tool.sentence_texts):
            members = [i for i, w in enumerate(words) if w.sentence == k]
            if not members:
                continue
            local = locate_words(sentence_text, [forms[i] for i in members], f"{tool.path}: sentence {k + 1}")
            offset = words[members[0]].start - local[0][0]
            spans += [(offset + a, offset + b) for a, b in local]
            for j, c in enumerate(sentence_text):
                if 0 <= offset + j < size:
                    chars[offset + j] = c
        if spans == [(w.start, w.end) for w in words]:
            return "".join(chars), spans
    # Words joined by spaces, sentences by line breaks; "_" between letters is a space (VLSP).
    lines: dict[int, list[str]] = {}
    for w, form in zip(words, forms):
        lines.setdefault(w.sentence, []).append(re.sub(r"(?<=\w)_(?=\w)", " ", form))
    text, spans = "", []
    for k in sorted(lines):
        if text:
            text += "\n"
        for j, form in enumerate(lines[k]):
            if j:
                text += " "
            spans.append((len(text), len(text) + len(form)))
            text += form
    return text, spans


# --------------------------------------------------------------------------- building the document


def to_document(tool: ToolDocument, base: dict[str, Any] | None = None, lang: str = "vi") -> dict[str, Any]:
    """The contract document for ``tool``, on top of ``base`` (the document it was exported from) when given."""
    from pipeline import __version__

    where = f"{tool.path}: document {tool.id}"
    if lang not in ("vi", "en"):
        raise ValueError(f"unknown layer {lang!r} (vi or en)")
    if base is None and lang != "vi":
        raise ToolFileError(f"{where}: an English layer can only be imported onto a --base document")
    base_layer = base.get(lang) if base is not None else None
    if base is not None and base_layer is None:
        raise ToolFileError(f"{where}: the base document has no {lang!r} layer")

    entities, events, words, sentences, text = _spans(tool, base_layer, where)
    _check(tool, entities, events, text, where)
    component = {"name": "import", "model": tool.format, "version": __version__}
    if base is None:
        layer = _fresh_layer(tool, text, words, sentences, entities, events)
        doc = {
            "schema_version": "1.0",
            "id": tool.id,
            "source": {"path": tool.path, "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()},
            "pipeline": {"version": __version__, "components": [component]},
            "vi": layer,
            "en": None,
            "alignments": None,
        }
    else:
        layer, same_entities, same_events = _merge(tool, base_layer, entities, events)
        doc = json.loads(json.dumps(base))  # a copy: the base stays as it was
        doc[lang] = layer
        components = [c for c in base["pipeline"]["components"] if c["name"] != "import"]
        doc["pipeline"] = {
            **{k: v for k, v in base["pipeline"].items() if k != "options_hash"},
            "components": components + [component],
        }
        changed = layer["entities"] != base_layer["entities"] or layer["events"] != base_layer["events"]
        if changed and base.get("alignments") is not None:
            doc["alignments"] = _realign(doc, base, lang, same_entities, same_events)
    try:
        return validate(doc)
    except ContractError as exc:
        raise ToolFileError(f"{where}: {exc}") from None


def _spans(tool: ToolDocument, base_layer: dict[str, Any] | None, where: str):
    """Entities, events, words and sentences in code points of the (NFC) text, and that text."""
    if tool.unit == "word":
        forms = [unicodedata.normalize("NFC", w.form) for w in tool.words or []]
        if base_layer is not None:
            text = base_layer["text"]
            spans = match_words(forms, text, where)
        else:
            text, spans = _rebuild_text(tool, forms)
        n = len(spans)

        def word_span(first: int, stop: int) -> tuple[int, int]:
            if not 0 <= first < stop <= n:
                raise ToolFileError(f"{where}: words [{first}, {stop}) outside the {n} words")
            return spans[first][0], spans[stop - 1][1]

        entities = [(e, *word_span(e.start, e.end)) for e in tool.entities]
        events = [(ev, *word_span(ev.start, ev.end)) for ev in tool.events]
        words = [(w, *spans[i]) for i, w in enumerate(tool.words or [])]
        return entities, events, words, None, text
    raw = tool.text or ""
    text, floor, ceil = normalize_with_offsets(raw, where)

    def span(start: int, end: int, what: str) -> tuple[int, int]:
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(raw)):
            raise ToolFileError(
                f"{where}: {what} at [{start}, {end}) is not a span of the text ({len(raw)} characters)"
            )
        return floor[start], ceil[end]

    if base_layer is not None and text != base_layer["text"]:
        raise ToolFileError(
            f"{where}: its text differs from the base's at {first_difference(text, base_layer['text'])}"
        )
    entities = [(e, *span(e.start, e.end, f"entity {e.ref}")) for e in tool.entities]
    events = [(ev, *span(ev.start, ev.end, f"event {ev.ref}")) for ev in tool.events]
    words = [(w, *span(w.start, w.end, f"word {w.form!r}")) for w in tool.words or [] if w.start is not None]
    sentences = [span(a, b, "sentence") for a, b in tool.sentences or [] if a < b]
    return entities, events, words, sentences, text


def _check(tool: ToolDocument, entities, events, text: str, where: str) -> None:
    refs = {e.ref for e, _, _ in entities}
    for ent, _, _ in entities:
        if ent.label not in ENTITY_LABELS:
            raise ToolFileError(
                f"{where}: entity {ent.ref}: label {ent.label!r} is not one of {', '.join(ENTITY_LABELS)}"
            )
    for ev, _, _ in events:
        if not _EVENT_TYPE.match(ev.type):
            raise ToolFileError(f"{where}: event {ev.ref}: type {ev.type!r} is not an ACE Type.Subtype")
        if ev.modality not in MODALITIES:
            raise ToolFileError(
                f"{where}: event {ev.ref}: modality {ev.modality!r} is not one of {', '.join(MODALITIES)}"
            )
        for role, ref in ev.arguments:
            if not role or ref not in refs:
                raise ToolFileError(
                    f"{where}: event {ev.ref}: argument {role or '(no role)'}:{ref} is no entity of the document"
                )


def _entity_record(text: str, start: int, end: int, label: str, fmt: str, value: Any = None) -> dict[str, Any]:
    record = {"start": start, "end": end, "label": label, "text": text[start:end], "source": f"import:{fmt}"}
    if value is not None:
        record["value"] = value
    return record


def _entity_key(e: dict[str, Any]) -> tuple:
    return (e["start"], e["end"], e["label"])


def _event_key(e: dict[str, Any]) -> tuple:
    return (e["trigger"]["start"], e["trigger"]["end"], e["type"])


def _ordered(records: list[dict[str, Any]], kept: list[dict[str, Any]], key) -> list[dict[str, Any]]:
    """Records in text order (our writer's), the ``kept`` ones (the base's, unchanged) in the base's own order.

    A base made elsewhere may order its entities otherwise; keeping its order
    keeps its ids when nothing changed. New records go before the first kept
    one that comes after them in text order.
    """
    present = {id(r) for r in records}
    kept = [r for r in kept if id(r) in present]
    kept_ids = {id(r) for r in kept}
    new = sorted((r for r in records if id(r) not in kept_ids), key=key)
    out, i = [], 0
    for record in kept:
        while i < len(new) and key(new[i]) < key(record):
            out.append(new[i])
            i += 1
        out.append(record)
    return out + new[i:]


def _number(
    entities: list[dict[str, Any]],
    events: list[tuple[dict[str, Any], list]],
    kept_entities: list[dict[str, Any]] = (),
    kept_events: list[dict[str, Any]] = (),
) -> tuple[list, list]:
    """Ids in text order, as our writer gives them (entities by start, end, label; events by trigger, type)."""
    ordered = _ordered(list(entities), list(kept_entities), _entity_key)
    for i, ent in enumerate(ordered, start=1):
        ent["id"] = f"T{i}"
    args_of = {id(ev): args for ev, args in events}
    ordered_events = _ordered([ev for ev, _ in events], list(kept_events), _event_key)
    out_events = []
    for i, ev in enumerate(ordered_events, start=1):
        ev["id"] = f"E{i}"
        arguments = [{"role": role, "entity": target["id"], **extra} for role, target, extra in args_of[id(ev)]]
        out_events.append({"id": ev["id"], **{k: v for k, v in ev.items() if k != "id"}, "arguments": arguments})
    out_entities = [{"id": e["id"], **{k: v for k, v in e.items() if k not in ("id", "alias_of")}} for e in ordered]
    return out_entities, out_events


def _fresh_layer(tool: ToolDocument, text: str, words, sentences, entities, events) -> dict[str, Any]:
    tokens = []
    for w, start, end in words:
        token = {"start": start, "end": end, "text": text[start:end]}
        if w.pos and w.pos != "_":
            token["pos"] = w.pos
        if w.upos in _UPOS:
            token["upos"] = w.upos
        tokens.append(token)
    if tool.unit == "word":
        groups: dict[int, list[int]] = {}
        for i, (w, _, _) in enumerate(words):
            groups.setdefault(w.sentence, []).append(i)
        spans = [(min(g), max(g) + 1) for g in groups.values()]
    else:
        spans = []
        for a, b in sentences:
            inside = [i for i, t in enumerate(tokens) if a <= t["start"] < b]
            spans.append((inside[0], inside[-1] + 1) if inside else None)
    layer_sentences = []
    for k, token_range in enumerate(spans):
        if token_range is None:
            a, b = sentences[k]
            layer_sentences.append({"start": a, "end": b})
            continue
        first, stop = token_range
        for i in range(first, stop):
            tokens[i]["sentence"] = len(layer_sentences)
        start = sentences[k][0] if sentences else tokens[first]["start"]
        end = sentences[k][1] if sentences else tokens[stop - 1]["end"]
        layer_sentences.append({"start": start, "end": end, "tokens": [first, stop]})
    records = {}
    for ent, start, end in entities:
        value = value_from_text(ent.value, ent.label) if ent.value is not None and ent.value.strip() else None
        records.setdefault(ent.ref, _entity_record(text, start, end, ent.label, tool.format, value))
    event_items = []
    for ev, start, end in events:
        record = {
            "type": ev.type,
            "trigger": {"start": start, "end": end, "text": text[start:end]},
            "modality": ev.modality,
            "source": f"import:{tool.format}",
        }
        sentence = _sentence_of(tokens, start)
        if sentence is not None:
            record["sentence"] = sentence
        event_items.append((record, [(role, records[ref], {}) for role, ref in ev.arguments]))
    ents, evs = _number(_dedupe(records.values()), event_items)
    evs = [
        {k: ev[k] for k in ("id", "type", "trigger", "arguments", "modality", "source", "sentence") if k in ev}
        for ev in evs
    ]
    return {"lang": "vi", "text": text, "sentences": layer_sentences, "tokens": tokens, "entities": ents, "events": evs}


def _dedupe(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One record per (span, label): INCEpTION users may have both our Entity and its Named entity on a name."""
    seen: dict[tuple, dict[str, Any]] = {}
    for rec in records:
        seen.setdefault((rec["start"], rec["end"], rec["label"]), rec)
    for rec in records:
        key = (rec["start"], rec["end"], rec["label"])
        if seen[key] is not rec:
            rec["alias_of"] = seen[key]
    return list(seen.values())


def _sentence_of(tokens: list[dict[str, Any]], start: int) -> int | None:
    for tok in tokens:
        if tok["start"] <= start < tok["end"] or tok["start"] >= start:
            return tok.get("sentence")
    return None


def _target(record: dict[str, Any]) -> dict[str, Any]:
    return record.get("alias_of", record)


def _merge(tool: ToolDocument, base_layer: dict[str, Any], entities, events):
    """The imported layer on top of the base's; which base entities and events it left unchanged (base id -> record)."""
    text, fmt, carries = base_layer["text"], tool.format, tool.carries
    base_entities = base_layer["entities"]
    if {"other", "overlap"} <= carries:
        kept = []
    else:  # the word formats hold the named entities BIO could: the rest is the base's
        _, dropped = bio_tags(base_layer)
        dropped_ids = {e["id"] for e in dropped}
        kept = [e for e in base_entities if e["label"] == "OTHER" or e["id"] in dropped_ids]
    kept_ids = {e["id"] for e in kept}
    candidates = {(e["start"], e["end"], e["label"]): e for e in base_entities if e["id"] not in kept_ids}
    by_span = {}
    for e in base_entities:
        if e["id"] not in kept_ids:
            by_span.setdefault((e["start"], e["end"]), e)
    same_entities: dict[str, dict[str, Any]] = {}  # base id -> record
    records: dict[str, dict[str, Any]] = {}  # tool ref -> record
    by_base_id: dict[str, dict[str, Any]] = {}
    for ent, start, end in entities:
        if ent.ref in records:
            continue
        key = (start, end, ent.label)
        base_ent = candidates.pop(key, None)
        known = base_ent.get("value") if base_ent is not None else None
        if "values" in carries:
            value = (
                value_from_text(ent.value, ent.label, known) if ent.value is not None and ent.value.strip() else None
            )
        else:
            value = known
        if base_ent is not None and value == base_ent.get("value"):
            record = {k: v for k, v in base_ent.items() if k != "id"}
            same_entities[base_ent["id"]] = record
        else:
            record = _entity_record(text, start, end, ent.label, fmt, value)
            if base_ent is None:
                base_ent = by_span.get((start, end))  # relabelled: same words, new label
        if base_ent is not None:
            by_base_id.setdefault(base_ent["id"], record)
        records[ent.ref] = record
    for base_ent in kept:
        record = {k: v for k, v in base_ent.items() if k != "id"}
        same_entities[base_ent["id"]] = record
        by_base_id[base_ent["id"]] = record
    all_records = _dedupe([*records.values(), *(same_entities[e["id"]] for e in kept)])

    same_events: dict[str, dict[str, Any]] = {}
    event_items = []
    base_events = base_layer["events"]
    if "events" in carries:
        for ev, start, end in events:
            args = [(role, _target(records[ref])) for role, ref in ev.arguments]
            base_ev = next(
                (
                    b
                    for b in base_events
                    if b["id"] not in same_events
                    and (b["trigger"]["start"], b["trigger"]["end"], b["type"], b["modality"])
                    == (start, end, ev.type, ev.modality)
                    and sorted((a["role"], id(by_base_id.get(a["entity"]))) for a in b["arguments"])
                    == sorted((role, id(target)) for role, target in args)
                ),
                None,
            )
            if base_ev is not None:
                record = {k: v for k, v in base_ev.items() if k not in ("id", "arguments")}
                extras = {
                    (a["role"], a["entity"]): {k: v for k, v in a.items() if k not in ("role", "entity")}
                    for a in base_ev["arguments"]
                }
                base_of = {id(by_base_id[a["entity"]]): a["entity"] for a in base_ev["arguments"]}
                same_events[base_ev["id"]] = record
                event_items.append((record, [(role, t, extras.get((role, base_of[id(t)]), {})) for role, t in args]))
                continue
            record = {
                "type": ev.type,
                "trigger": {"start": start, "end": end, "text": text[start:end]},
                "modality": ev.modality,
                "source": f"import:{fmt}",
            }
            sentence = _sentence_of(base_layer["tokens"], start)
            if sentence is not None:
                record["sentence"] = sentence
            event_items.append((record, [(role, t, {}) for role, t in args]))
    else:  # the events are the base's; an argument whose entity the tool deleted goes with it
        for base_ev in base_events:
            args, intact = [], True
            for a in base_ev["arguments"]:
                target = by_base_id.get(a["entity"])
                if target is None:
                    intact = False
                    continue
                intact &= a["entity"] in same_entities and same_entities[a["entity"]] is target
                args.append((a["role"], _target(target), {k: v for k, v in a.items() if k not in ("role", "entity")}))
            record = {k: v for k, v in base_ev.items() if k not in ("id", "arguments")}
            if intact:
                same_events[base_ev["id"]] = record
            else:
                record["source"] = f"import:{fmt}"
            event_items.append((record, args))
    kept_entities = [same_entities[e["id"]] for e in base_entities if e["id"] in same_entities]
    kept_events = [same_events[e["id"]] for e in base_events if e["id"] in same_events]
    ents, evs = _number(all_records, event_items, kept_entities, kept_events)
    order = ("id", "type", "trigger", "arguments", "modality", "source", "score", "sentence")
    evs = [{k: ev[k] for k in order if k in ev} | {k: v for k, v in ev.items() if k not in order} for ev in evs]
    return {**base_layer, "entities": ents, "events": evs}, same_entities, same_events


# --------------------------------------------------------------------------- alignment


def _realign(doc: dict[str, Any], base: dict[str, Any], lang: str, same_entities, same_events) -> dict[str, Any]:
    """Base links for what did not change; the aligner's links, onto the layers as they are, for what did."""
    from pipeline.align import align

    other = "en" if lang == "vi" else "vi"
    fresh_en, fresh = align(doc["vi"], doc["en"])  # keeps the Vietnamese ids, renumbers the English ones
    keys = {
        "entities": lambda e: (e["start"], e["end"], e["label"]),
        "events": lambda e: (e["trigger"]["start"], e["trigger"]["end"], e["type"]),
    }

    def relink(kind: str, same: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
        key = keys[kind]
        ours_by_key = {key(x): x["id"] for x in doc["en"][kind]}
        fresh_by_id = {x["id"]: x for x in fresh_en[kind]}

        def doc_id(side: str, fresh_id: str | None) -> str | None:
            if side == "vi" or fresh_id is None:
                return fresh_id
            found = fresh_by_id.get(fresh_id)
            return ours_by_key.get(key(found)) if found is not None else None

        new_id = {base_id: record["id"] for base_id, record in same.items()}
        links: dict[str, dict[str, Any]] = {}
        claimed = set()
        for link in base["alignments"][kind]:  # the other layer is the base's: its ids hold
            if link[lang] in new_id:
                links[new_id[link[lang]]] = {**link, lang: new_id[link[lang]]}
                claimed.add(link[other])
        for link in fresh[kind]:
            ours, theirs = doc_id(lang, link[lang]), doc_id(other, link[other])
            if ours is None or ours in links:
                continue
            if link[other] is None or (theirs is not None and theirs not in claimed):
                links[ours] = {**link, lang: ours, other: theirs}
                claimed.add(theirs)
            else:  # its counterpart would be a new projection, which the other layer (the base's) does not have
                links[ours] = {lang: ours, other: None, "score": 0.5 if kind == "entities" else 0.0}
        order = ("vi", "en", "score")
        return [
            dict(sorted(links[x["id"]].items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)))
            for x in doc[lang][kind]
            if x["id"] in links
        ]

    return {
        **base["alignments"],
        "entities": relink("entities", same_entities),
        "events": relink("events", same_events),
    }


# --------------------------------------------------------------------------- base documents


def read_base(path: str | Path) -> dict[str, tuple[dict[str, Any], str]]:
    """The documents of an annotated folder or file (``.json`` files, ``.jsonl`` shards), by id, with where each is."""
    path = Path(path)
    if not path.exists():
        raise ToolFileError(f"{path}: no such file or directory")
    out: dict[str, tuple[dict[str, Any], str]] = {}
    for file in annotated_files(path):
        for where, doc, why_not in read_annotated(file):
            if why_not is not None:
                raise ToolFileError(f"{where}: cannot read as JSON: {why_not}")
            if not isinstance(doc, dict) or "id" not in doc:
                continue  # other JSON files of an output folder
            try:
                validate(doc)
            except ContractError as exc:
                raise ToolFileError(f"{where}: the base document breaks the contract: {exc}") from None
            if doc["id"] in out:  # which of the two the tool's document was made from cannot be told
                raise ToolFileError(f"{where}: the base document {doc['id']} is in {out[doc['id']][1]} too")
            out[doc["id"]] = (doc, where)
    if not out:
        # Most often the tool's own folder given twice (`--base brat/` for `brat/`) or the input
        # texts: said once, not as a "no document with this id" for every file of the import.
        raise ToolFileError(
            f"{path}: no annotated document in it (JSON with an 'id'): --base is the JSON the export was made from, "
            "the folder 'songngu annotate' wrote"
        )
    return out

"""Gold and predicted documents, read from any supported format into one shape.

Scoring never looks at a file format: every reader here turns its input into
:class:`EvalDoc`, whose spans are in skeleton coordinates (see
:mod:`pipeline.evaluate.offsets`) so that gold and prediction compare even when
their texts differ in whitespace. The raw text is kept beside them to show
errors in context.

Formats:

=============  ======================================  =============================
format         what it holds                           read by
=============  ======================================  =============================
``json``       our annotated JSON (file or directory)  :mod:`pipeline.contract`
``brat``       ``.txt`` + ``.ann`` (directory or file)  :mod:`pipeline.io.brat`
``conll``      CoNLL-2003 / VLSP columns, BIO tags      :mod:`pipeline.io.conll`
``conllu``     Universal Dependencies                   :mod:`pipeline.io.conllu`
=============  ======================================  =============================

A layer attribute is ``None`` when the format cannot hold that annotation (a
CoNLL-U file has no entities), and an empty list when the document simply has
none; only the former takes a task off the table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.evaluate.offsets import Skeleton
from pipeline.io.files import annotated_files, read_annotated

FORMATS = ("json", "brat", "conll", "conllu")

#: Labels that are not named entities: event arguments the pipeline marks so
#: that every argument has a span. NER is scored without them.
NON_NE_LABELS = frozenset({"OTHER"})


class EvalInputError(ValueError):
    """Gold or predicted input that cannot be evaluated; the message names the file."""


Span = tuple[int, int]  # skeleton coordinates, end exclusive


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    upos: str | None = None
    xpos: str | None = None


@dataclass(frozen=True)
class Mention:
    """An entity: skeleton span, label, and the id it has in its own document."""

    start: int
    end: int
    label: str
    id: str = ""

    @property
    def span(self) -> Span:
        return self.start, self.end


@dataclass(frozen=True)
class EventMention:
    id: str
    type: str
    trigger: Span
    arguments: tuple[tuple[str, Span], ...]  # (role, argument span)


@dataclass
class Layer:
    """One language side of a document, spans in skeleton coordinates."""

    skeleton: Skeleton
    sentences: list[Span] = field(default_factory=list)
    words: list[Word] | None = None
    entities: list[Mention] | None = None
    events: list[EventMention] | None = None

    @property
    def text(self) -> str:
        return self.skeleton.text


@dataclass
class EvalDoc:
    id: str
    path: str
    vi: Layer
    en: Layer | None = None
    #: entity alignment as (vi span, en span) pairs; None when not annotated
    entity_links: list[tuple[Span, Span]] | None = None
    #: word alignment as (vi span, en span, sure); None when not annotated
    token_links: list[tuple[Span, Span, bool]] | None = None


# --------------------------------------------------------------------------- our JSON


def _layer_from_json(layer: dict[str, Any]) -> tuple[Layer, dict[str, Span], list[Span]]:
    """A JSON layer as a :class:`Layer`, plus its entity id -> span map and its token spans."""
    skel = Skeleton(layer["text"])

    def span(obj: dict[str, Any]) -> Span:
        return skel.span(obj["start"], obj["end"])

    tokens = layer["tokens"]
    words = [Word(*span(t), t.get("upos"), t.get("pos")) for t in tokens]
    entity_spans = {e["id"]: span(e) for e in layer["entities"]}
    events = [
        EventMention(
            id=ev["id"],
            type=ev["type"],
            trigger=span(ev["trigger"]),
            arguments=tuple((a["role"], entity_spans[a["entity"]]) for a in ev["arguments"]),
        )
        for ev in layer["events"]
    ]
    out = Layer(
        skeleton=skel,
        sentences=[span(s) for s in layer["sentences"]],
        # An empty token list on a non-empty text means "not segmented", not "no words".
        words=words if tokens or not layer["text"].strip() else None,
        entities=[Mention(*span(e), e["label"], e["id"]) for e in layer["entities"]],
        events=events,
    )
    return out, entity_spans, [(w.start, w.end) for w in words]


def from_json(doc: dict[str, Any], path: str = "") -> EvalDoc:
    """An :class:`EvalDoc` from one annotated document of our contract (already validated)."""
    vi, vi_ents, vi_toks = _layer_from_json(doc["vi"])
    en = entity_links = token_links = None
    if doc.get("en") is not None:
        en, en_ents, en_toks = _layer_from_json(doc["en"])
        align = doc.get("alignments")
        if align is not None:
            # OTHER spans are event arguments, not named entities; the alignment gold links none.
            other = {side: {e["id"] for e in doc[side]["entities"] if e["label"] == "OTHER"} for side in ("vi", "en")}
            entity_links = [
                (vi_ents[link["vi"]], en_ents[link["en"]])
                for link in align["entities"]
                if link["en"] is not None and link["vi"] not in other["vi"] and link["en"] not in other["en"]
            ]
            token_links = [
                (vi_toks[link["vi"]], en_toks[link["en"]], link.get("sure", True)) for link in align["tokens"]
            ]
    return EvalDoc(id=doc["id"], path=path, vi=vi, en=en, entity_links=entity_links, token_links=token_links)


def read_json_documents(path: Path) -> list[tuple[dict[str, Any], str]]:
    """Every annotated document in a JSON file, a JSON-lines shard (``songngu annotate --output-format
    jsonl``) or under a directory of either, validated against the contract."""
    from pipeline.contract import problems

    if not path.exists():
        raise EvalInputError(f"{path}: no such file or directory")
    files = annotated_files(path)
    if not files:
        raise EvalInputError(f"{path}: no .json or .jsonl files")
    out = []
    for file in files:
        for where, doc, why_not in read_annotated(file):
            if why_not is not None:
                raise EvalInputError(f"{where}: cannot read as JSON: {why_not}")
            if not isinstance(doc, dict) or "vi" not in doc:
                raise EvalInputError(f"{where}: not an annotated document (no 'vi' layer)")
            found = problems(doc)
            if found:
                raise EvalInputError(f"{where}: breaks the JSON contract: {'; '.join(found[:3])}")
            out.append((doc, where))
    return out


# --------------------------------------------------------------------------- brat


def from_brat(brat_doc: Any) -> EvalDoc:
    """An :class:`EvalDoc` from a :class:`pipeline.io.brat.BratDocument`.

    Discontinuous entities are scored on their outer span (first fragment's
    start to last fragment's end). An argument that is itself an event is
    matched on that event's trigger span.
    """
    skel = Skeleton(brat_doc.text)
    spans = {e.id: skel.span(e.start, e.end) for e in brat_doc.entities}
    spans.update({ev.id: skel.span(ev.trigger.start, ev.trigger.end) for ev in brat_doc.events})
    events = [
        EventMention(
            id=ev.id,
            type=ev.type,
            trigger=skel.span(ev.trigger.start, ev.trigger.end),
            arguments=tuple((role, spans[ref]) for role, ref in ev.arguments),
        )
        for ev in brat_doc.events
    ]
    layer = Layer(
        skeleton=skel,
        entities=[Mention(*spans[e.id], e.label, e.id) for e in brat_doc.entities],
        events=events,
    )
    return EvalDoc(id=brat_doc.id, path=str(brat_doc.path), vi=layer)


def _pair_translations(docs: list[EvalDoc], root: Path) -> list[EvalDoc]:
    """Join each ``X.en`` brat document to ``X`` as its English layer, with the alignment gold beside them.

    The project's convention (``corpus/gold/align/``): ``X.txt``/``X.ann`` is the
    Vietnamese side, ``X.en.txt``/``X.en.ann`` the English one, ``X.links.tsv``
    the entity links (``vi_start vi_end vi_text en_start en_end en_text``; an
    empty English side is an unlinked entity) and ``X.sentences.tsv`` the
    sentence groups (``vi_offsets``/``en_offsets``: space-separated ``start-end``).
    """
    by_id = {d.id: d for d in docs}
    out = []
    for doc in docs:
        if doc.id.endswith(".en") and doc.id[:-3] in by_id:
            continue
        english = by_id.get(doc.id + ".en")
        if english is not None:
            doc.en = english.vi
            stem = root / doc.id
            links = stem.with_name(stem.name + ".links.tsv")
            sentences = stem.with_name(stem.name + ".sentences.tsv")
            if links.is_file():
                doc.entity_links = [
                    (
                        doc.vi.skeleton.span(int(r["vi_start"]), int(r["vi_end"])),
                        doc.en.skeleton.span(int(r["en_start"]), int(r["en_end"])),
                    )
                    # a row with an empty side is an entity without counterpart, not a link
                    for r in _tsv(links, ("vi_start", "vi_end", "en_start", "en_end"))
                    if r["vi_start"] and r["en_start"]
                ]
            if sentences.is_file():
                rows = _tsv(sentences, ("vi_offsets", "en_offsets"))
                for side, layer in (("vi", doc.vi), ("en", doc.en)):
                    layer.sentences = sorted(
                        layer.skeleton.span(*map(int, item.split("-")))
                        for r in rows
                        for item in r[f"{side}_offsets"].split()
                    )
        out.append(doc)
    return out


def _tsv(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of a TSV with a header line, as dicts; names the file and line of a bad row."""
    from pipeline.text.tsv import DataFileError, read_tsv

    try:
        rows = read_tsv(path, required, keyed=False)
    except DataFileError as exc:
        raise EvalInputError(str(exc)) from None
    for row in rows:
        for column in required:
            value = row[column]
            if value and not all(part.replace("-", "").isdigit() for part in value.split()):
                raise EvalInputError(f"{path}:{row['_line']}: {column} is {value!r}, expected offsets")
    return rows


# --------------------------------------------------------------------------- CoNLL-U


def from_conllu(path: Path, doc_id: str | None = None) -> EvalDoc:
    """One CoNLL-U file as one document: sentence texts joined by newlines."""
    import conllu.exceptions

    from pipeline.io.conllu import ConlluError, read_conllu

    parts: list[str] = []
    sentences: list[tuple[int, int]] = []
    words: list[tuple[int, int, str, str]] = []
    offset = 0
    try:
        for sent in read_conllu(path):
            sentences.append((offset, offset + len(sent.text)))
            words.extend((offset + w.start, offset + w.end, w.upos, w.xpos) for w in sent.words)
            parts.append(sent.text)
            offset += len(sent.text) + 1
    except ConlluError as exc:
        raise EvalInputError(str(exc)) from None
    except conllu.exceptions.ParseException as exc:
        raise EvalInputError(f"{path}: cannot parse as CoNLL-U: {exc}") from None
    skel = Skeleton("\n".join(parts))
    layer = Layer(
        skeleton=skel,
        sentences=[skel.span(s, e) for s, e in sentences],
        words=[Word(*skel.span(s, e), _tag(u), _tag(x)) for s, e, u, x in words],
    )
    return EvalDoc(id=doc_id or path.stem, path=str(path), vi=layer)


def _tag(tag: str | None) -> str | None:
    return None if tag in (None, "", "_") else tag


# --------------------------------------------------------------------------- CoNLL columns


def from_conll(path: Path, doc_id: str | None = None) -> list[EvalDoc]:
    """A CoNLL-2003 / VLSP column file as documents (one per ``-DOCSTART-`` group).

    The format has no running text, so each document's text is rebuilt from
    its tokens (words joined by spaces, sentences by newlines); comparison with
    the prediction is on non-space characters, so the rebuilt spacing does not
    matter. The POS column, when present, is the XPOS tag.
    """
    from pipeline.io.conll import ConllError, read_conll

    try:
        sentences = read_conll(path)
    except ConllError as exc:
        raise EvalInputError(str(exc)) from None
    groups: dict[int, list] = {}
    for sent in sentences:
        groups.setdefault(sent.document, []).append(sent)
    stem = doc_id or path.stem
    docs = []
    for k, (_, group) in enumerate(sorted(groups.items()), start=1):
        parts, sents, words, entities, offset = [], [], [], [], 0
        for sent in group:
            text = sent.text
            sents.append((offset, offset + len(text)))
            for i, (s, e) in enumerate(sent.word_spans()):
                words.append((offset + s, offset + e, sent.pos[i] if sent.pos else None))
            entities.extend((offset + e.char_start, offset + e.char_end, e.label) for e in sent.entities)
            parts.append(text)
            offset += len(text) + 1
        skel = Skeleton("\n".join(parts))
        layer = Layer(
            skeleton=skel,
            sentences=[skel.span(s, e) for s, e in sents],
            words=[Word(*skel.span(s, e), None, _tag(tag)) for s, e, tag in words],
            entities=[Mention(*skel.span(s, e), label, f"T{i}") for i, (s, e, label) in enumerate(entities, 1)],
        )
        docs.append(EvalDoc(id=stem if len(groups) == 1 else f"{stem}/{k}", path=str(path), vi=layer))
    return docs


# --------------------------------------------------------------------------- dispatch


def detect_format(path: Path) -> str:
    """Guess the format of ``path`` from its name (and, for a directory, its files)."""
    if not path.exists():
        raise EvalInputError(f"{path}: no such file or directory")
    if path.is_dir():
        suffixes = {p.suffix for p in path.rglob("*") if p.is_file()}
        for suffix, fmt in ((".ann", "brat"), (".json", "json"), (".conllu", "conllu"), (".conll", "conll")):
            if suffix in suffixes:
                return fmt
        if annotated_files(path):  # the JSON-lines shards of annotate --output-format jsonl
            return "json"
        raise EvalInputError(f"{path}: a directory without .ann, .json, .jsonl, .conllu or .conll files")
    if path.suffix in (".json", ".jsonl"):
        return "json"
    if path.suffix == ".conllu":
        return "conllu"
    if path.suffix in (".ann", ".txt") and path.with_suffix(".ann").exists():
        return "brat"
    return "conll"


def load_gold(path: Path, fmt: str | None = None) -> list[EvalDoc]:
    """Every gold document at ``path``, in a stable order."""
    fmt = fmt or detect_format(path)
    if fmt == "json":
        return [from_json(doc, where) for doc, where in read_json_documents(path)]
    if fmt == "brat":
        from pipeline.io.brat import BratError, read_brat, read_brat_dir

        try:
            if path.is_dir():
                return _pair_translations([from_brat(d) for d in read_brat_dir(path)], path)
            return [from_brat(read_brat(path))]
        except BratError as exc:
            raise EvalInputError(str(exc)) from None
    if fmt == "conllu":
        files = sorted(path.rglob("*.conllu")) if path.is_dir() else [path]
        return [
            from_conllu(f, f.relative_to(path).with_suffix("").as_posix() if path.is_dir() else None) for f in files
        ]
    if fmt == "conll":
        if not path.is_dir():
            return from_conll(path)
        # a folder of .conll files (as songngu export --to conll writes them) holds only those;
        # one without (VLSP's own .txt or unsuffixed files, --gold-format conll) every file
        files = sorted(p for p in path.rglob("*.conll") if p.is_file()) or sorted(
            p for p in path.rglob("*") if p.is_file()
        )
        # ids are paths relative to the folder without extension, as the exported files are named
        return [doc for f in files for doc in from_conll(f, _stem_id(f, path))]
    raise EvalInputError(f"{path}: unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")


def _stem_id(file: Path, folder: Path) -> str:
    relative = file.relative_to(folder)
    return (relative.with_suffix("") if relative.suffix else relative).as_posix()


def match_predictions(gold: Sequence[EvalDoc], pred: Iterable[EvalDoc]) -> list[EvalDoc]:
    """The predicted document for each gold document, in gold order.

    A prediction matches by id, then by its last path component (gold under
    ``corpus/gold/x.ann`` has id ``x`` while an annotate run over ``corpus/``
    may give ``sub/x``), then by identical non-space text. A gold document
    without a prediction is an error: scoring it as "predicted nothing" would
    silently lower every figure.
    """
    pred = list(pred)
    by_id = {p.id: p for p in pred}
    by_stem: dict[str, list[EvalDoc]] = {}
    by_text: dict[str, list[EvalDoc]] = {}
    for p in pred:
        by_stem.setdefault(p.id.rsplit("/", 1)[-1], []).append(p)
        by_text.setdefault(p.vi.skeleton.chars, []).append(p)
    out, missing = [], []
    for g in gold:
        candidates = [by_id[g.id]] if g.id in by_id else by_stem.get(g.id.rsplit("/", 1)[-1], [])
        if len(candidates) != 1:
            candidates = by_text.get(g.vi.skeleton.chars, [])
        if len(candidates) == 1:
            out.append(candidates[0])
        else:
            missing.append(g.id)
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        have = ", ".join(sorted(by_id)[:5]) or "none"
        raise EvalInputError(f"no (unique) prediction for gold document(s) {shown}; predicted ids: {have}")
    return out


# --------------------------------------------------------------------------- subsets


def read_ranges(path: Path) -> dict[str | None, list[tuple[int, int]]]:
    """Text ranges from a TSV with ``start`` and ``end`` columns (gold-text offsets), and ``doc`` if several documents.

    ``corpus/gold/events/seed/heldback.tsv`` has this shape: the sentences held
    back from building the event lexicon.
    """
    rows = _tsv(path, ("start", "end"))
    out: dict[str | None, list[tuple[int, int]]] = {}
    for row in rows:
        out.setdefault(row.get("doc") or None, []).append((int(row["start"]), int(row["end"])))
    return out


def restrict(
    gold: list[EvalDoc], pred: list[EvalDoc], ranges: dict[str | None, list[tuple[int, int]]], inside: bool = True
) -> None:
    """Keep, in gold and prediction alike, only what starts inside (or, ``inside=False``, outside) ``ranges``.

    An item is a word, an entity, an event (by its trigger), an alignment link
    (by its Vietnamese end) or a sentence. Ranges without a document apply to the
    only gold document.
    """
    if None in ranges and len(gold) > 1:
        raise EvalInputError("the ranges file has no 'doc' column, but there are several gold documents")
    for g, p in zip(gold, pred):
        raw = ranges.get(g.id, []) + ranges.get(None, [])
        spans = [g.vi.skeleton.span(s, e) for s, e in raw]

        def keep(position: int, spans: list = spans) -> bool:
            return any(s <= position < e for s, e in spans) == inside

        for doc in (g, p):
            layer = doc.vi
            layer.sentences = [s for s in layer.sentences if keep(s[0])]
            if layer.words is not None:
                layer.words = [w for w in layer.words if keep(w.start)]
            if layer.entities is not None:
                layer.entities = [m for m in layer.entities if keep(m.start)]
            if layer.events is not None:
                layer.events = [ev for ev in layer.events if keep(ev.trigger[0])]
            if doc.entity_links is not None:
                doc.entity_links = [link for link in doc.entity_links if keep(link[0][0])]
            if doc.token_links is not None:
                doc.token_links = [link for link in doc.token_links if keep(link[0][0])]

"""``songngu show``: one annotated document as a self-contained HTML page.

Vietnamese and English side by side, one row per aligned sentence group
(``alignments.sentences``; Vietnamese only when there is no English), entities
highlighted by type in displaCy's style, event triggers marked with their
arguments listed, and hovering an entity (or trigger) highlighting its aligned
counterpart in the other language.

spaCy's displaCy renders one text with non-overlapping entities; it cannot
carry the ids the cross-language highlighting needs, nest an entity inside an
event argument, or mark triggers, so the marking here is ours (a small
stack-based renderer) and the page is a Jinja template. Every text and
attribute is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.resources import files
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape

#: displaCy-like colours for the contract's labels; other labels cycle through FALLBACK.
COLOURS = {
    "PER": "#aa9cfc",
    "LOC": "#feca74",
    "ORG": "#7aecec",
    "MISC": "#c887fb",
    "DATE": "#bfe1d9",
    "NUM": "#e4e7d2",
    "OTHER": "#dddddd",
}
FALLBACK = ("#ff9561", "#9cc9cc", "#ffeb80", "#ff8197", "#f0d0ff", "#c0e0a0")


def colour_map(labels: Iterable[str]) -> dict[str, str]:
    """A colour per label, the same for every page (contract labels) or stable within one page (others)."""
    out = {}
    extra = 0
    for label in labels:
        if label in out:
            continue
        if label in COLOURS:
            out[label] = COLOURS[label]
        else:
            out[label] = FALLBACK[extra % len(FALLBACK)]
            extra += 1
    return out


@dataclass
class Mark:
    """A span to mark: its element attributes, in a text's offsets."""

    start: int
    end: int
    kind: str  # "ent" or "trg"
    attrs: dict[str, str] = field(default_factory=dict)
    style: str = ""


def render_marked(text: str, start: int, end: int, marks: list[Mark]) -> Markup:
    """``text[start:end]`` as escaped HTML with ``marks`` as (possibly nested) ``<mark>`` elements.

    Marks that cross one another (neither contains the other) are split into
    fragments carrying the same ``data-key``; the fragment where a mark ends
    gets the ``end`` class that shows its label. Marks are clipped to the range.
    """
    items = [
        (max(m.start, start), min(m.end, end), m) for m in marks if m.start < end and m.end > start and m.start < m.end
    ]
    cuts = sorted({start, end, *(s for s, _, _ in items), *(e for _, e, _ in items)})
    starting: dict[int, list[int]] = {}
    for i, (s, _, _) in enumerate(items):
        starting.setdefault(s, []).append(i)
    out: list[str | int] = []  # HTML pieces; an int is the opening tag of that item, written at the end
    last_open: dict[int, int] = {}  # item -> position in ``out`` of its latest opening tag
    stack: list[int] = []

    def open_item(i: int) -> None:
        stack.append(i)
        last_open[i] = len(out)
        out.append(i)

    for a, b in pairwise(cuts):
        # Close every mark ending at ``a``; those above it that go on are reopened as new fragments.
        if any(items[i][1] == a for i in stack):
            reopen = []
            while any(items[i][1] == a for i in stack):
                i = stack.pop()
                out.append("</mark>")
                if items[i][1] != a:
                    reopen.append(i)
            for i in reversed(reopen):
                open_item(i)
        # Open the marks starting at ``a``, longest first so that shorter ones nest inside.
        for i in sorted(starting.get(a, []), key=lambda i: -items[i][1]):
            open_item(i)
        out.append(str(escape(text[a:b])))
    out.extend("</mark>" for _ in stack)

    ends = {pos for i, pos in last_open.items() if items[i][1] == items[i][2].end}

    def tag(pos: int, i: int) -> str:
        m = items[i][2]
        attrs = "".join(f' {k}="{escape(v)}"' for k, v in m.attrs.items())
        style = f' style="{escape(m.style)}"' if m.style else ""
        return f'<mark class="{m.kind}{" end" if pos in ends else ""}"{attrs}{style}>'

    return Markup("".join(tag(pos, piece) if isinstance(piece, int) else piece for pos, piece in enumerate(out)))


# --------------------------------------------------------------------------- the page


def _marks(layer: dict[str, Any], lang: str, links: dict[str, list[str]], colours: dict[str, str]) -> list[Mark]:
    marks = []
    for ent in layer["entities"]:
        key = f"{lang}:{ent['id']}"
        title = f"{ent['label']} · {ent['source']}" + (f" · value {ent['value']}" if "value" in ent else "")
        marks.append(
            Mark(
                ent["start"],
                ent["end"],
                "ent",
                {
                    "data-key": key,
                    "data-label": ent["label"],
                    "data-links": " ".join(links.get(key, [])),
                    "title": title,
                },
                style=f"--c: {colours[ent['label']]}",
            )
        )
    for ev in layer["events"]:
        key = f"{lang}:{ev['id']}"
        args = " ".join(f"{lang}:{a['entity']}" for a in ev["arguments"])
        marks.append(
            Mark(
                ev["trigger"]["start"],
                ev["trigger"]["end"],
                "trg",
                {
                    "data-key": key,
                    "data-label": ev["type"],
                    "data-args": args,
                    "data-links": " ".join(links.get(key, [])),
                    "title": f"{ev['type']} · {ev['modality']} · {ev['source']}",
                },
            )
        )
    return marks


def _links(alignments: dict[str, Any] | None) -> dict[str, list[str]]:
    """Both directions of the entity and event links, as page keys (``vi:T1`` -> ``[en:T7]``)."""
    out: dict[str, list[str]] = {}
    if not alignments:
        return out
    for kind in ("entities", "events"):
        for link in alignments.get(kind, []):
            if link["en"] is None:
                continue
            vi, en = f"vi:{link['vi']}", f"en:{link['en']}"
            out.setdefault(vi, []).append(en)
            out.setdefault(en, []).append(vi)
    return out


def _rows(doc: dict[str, Any]) -> list[tuple[list[int], list[int]]]:
    """(vi sentence indices, en sentence indices) per row, in reading order.

    Rows come from ``alignments.sentences``; a sentence no link covers gets a
    row of its own, placed after the row of the sentence before it.
    """
    vi_n = len(doc["vi"]["sentences"])
    en = doc.get("en")
    if en is None or not doc.get("alignments"):
        return [([i], []) for i in range(vi_n)]
    rows = [(sorted(link["vi"]), sorted(link["en"])) for link in doc["alignments"]["sentences"]]
    covered_vi = {i for vi, _ in rows for i in vi}
    covered_en = {i for _, e in rows for i in e}
    rows += [([i], []) for i in range(vi_n) if i not in covered_vi]
    rows += [([], [i]) for i in range(len(en["sentences"])) if i not in covered_en]

    def key(row):
        vi, en_ = row
        if vi:
            return (vi[0], 0, en_[0] if en_ else -1)
        # an English-only row goes after the row holding the previous English sentence
        before = [r for r in rows if r[0] and r[1] and r[1][-1] < en_[0]]
        anchor = max((r[0][-1] for r in before), default=-1)
        return (anchor, 1, en_[0])

    return sorted(rows, key=key)


def _side(layer: dict[str, Any], lang: str, indices: list[int], links, colours) -> dict[str, Any]:
    """The marked text and the events of some sentences of one layer."""
    sentences = layer["sentences"]
    if not sentences and layer["text"]:
        sentences = [{"start": 0, "end": len(layer["text"])}]
        indices = [0]
    marks = _marks(layer, lang, links, colours)
    html = Markup(" ").join(
        render_marked(layer["text"], sentences[i]["start"], sentences[i]["end"], marks) for i in indices
    )
    ranges = [(sentences[i]["start"], sentences[i]["end"]) for i in indices]
    entities = {e["id"]: e for e in layer["entities"]}
    events = [
        {
            "key": f"{lang}:{ev['id']}",
            "id": ev["id"],
            "type": ev["type"],
            "trigger": ev["trigger"]["text"],
            "modality": ev["modality"],
            "arguments": [
                {
                    "role": a["role"],
                    "key": f"{lang}:{a['entity']}",
                    "text": entities[a["entity"]]["text"],
                    "label": entities[a["entity"]]["label"],
                    "colour": colours[entities[a["entity"]]["label"]],
                }
                for a in ev["arguments"]
            ],
        }
        for ev in layer["events"]
        if any(s <= ev["trigger"]["start"] < e for s, e in ranges)
    ]
    return {"html": html, "events": events}


def render_document(doc: dict[str, Any]) -> str:
    """The page for one annotated document (a dict of our JSON contract)."""
    import jinja2

    en = doc.get("en")
    labels = [e["label"] for layer in (doc["vi"], en) if layer for e in layer["entities"]]
    colours = colour_map(
        sorted(
            set(labels),
            key=lambda label: (label not in COLOURS, list(COLOURS).index(label) if label in COLOURS else 0, label),
        )
    )
    links = _links(doc.get("alignments"))
    vi_rows = _rows(doc)
    if not doc["vi"]["sentences"] and doc["vi"]["text"]:
        vi_rows = [([0], [])]
    aligned = en is not None and bool(doc.get("alignments"))
    rows = []
    for vi_idx, en_idx in vi_rows:
        rows.append(
            {
                "vi": _side(doc["vi"], "vi", vi_idx, links, colours) if vi_idx else None,
                "en": _side(en, "en", en_idx, links, colours) if aligned and en_idx else None,
            }
        )
    unaligned_en = (
        _side(en, "en", list(range(len(en["sentences"]))), links, colours) if en is not None and not aligned else None
    )
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    template = env.from_string(files(__package__).joinpath("page.html").read_text("utf-8"))
    return template.render(doc=doc, rows=rows, aligned=aligned, unaligned_en=unaligned_en, colours=colours)


def register(commands, train) -> None:
    from pathlib import Path

    p = commands.add_parser("show", help="render one annotated JSON document as a self-contained HTML page")
    p.add_argument(
        "document", type=Path, metavar="DOC.json", help="an annotated .json file, or a .jsonl shard with --id"
    )
    p.add_argument("-o", "--output", required=True, type=Path, metavar="PAGE.html")
    p.add_argument(
        "--id",
        metavar="ID",
        help="the document to show from a JSON-lines shard (annotate --output-format jsonl); "
        "not needed when the shard holds one document",
    )
    p.set_defaults(handler=_show)


def _shard_document(path, doc_id):
    """The document of id ``doc_id`` in a JSON-lines shard (its only one when ``doc_id`` is None)."""
    from pipeline.io.files import read_annotated

    first, ids = None, []
    for where, doc, why_not in read_annotated(path):
        if why_not is not None:
            raise ValueError(f"{where}: cannot read as JSON: {why_not}")
        ids.append(doc.get("id") if isinstance(doc, dict) else None)
        if doc_id is not None and ids[-1] == doc_id:
            return doc
        first = doc if first is None else first
    if doc_id is not None:
        raise ValueError(f"{path}: no document with id {doc_id!r}")
    if len(ids) != 1:
        raise ValueError(f"{path}: {len(ids)} documents in it: name one with --id (ids such as {ids[:3]})")
    return first


def _show(args) -> int:
    import sys

    from pipeline.contract import problems
    from pipeline.io.files import read_json

    try:
        if args.document.suffix == ".jsonl":
            doc = _shard_document(args.document, args.id)
        else:
            doc = read_json(args.document, ValueError)
    except ValueError as exc:
        print(f"songngu show: {exc}", file=sys.stderr)
        return 2
    found = problems(doc) if isinstance(doc, dict) else ["not a JSON object"]
    if found:
        print(f"songngu show: {args.document}: breaks the JSON contract: {'; '.join(found[:3])}", file=sys.stderr)
        return 2
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(render_document(doc), encoding="utf-8")
    print(f"page written to {args.output}", file=sys.stderr)
    return 0

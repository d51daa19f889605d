"""brat standoff: read gold annotations, write our documents so brat opens them.

A brat document is a ``.txt`` file and an ``.ann`` file beside it, one
annotation a line (https://brat.nlplab.org/standoff.html):

=====  ==========================================================================
``T``  text-bound span, maybe discontinuous: ``T1<TAB>LOC 0 5;10 15<TAB>text``
``E``  event: ``E1<TAB>Conflict_Attack:T5 Attacker:T3 Place:T9`` (trigger first)
``A``  attribute (``M`` is the old spelling): ``A1<TAB>Modality E1 negated``
``R``  relation: ``R1<TAB>Origin Arg1:T3 Arg2:T4``
``*``  equivalence: ``*<TAB>Equiv T1 T2``
``N``  normalisation: ``N1<TAB>Reference T1 Wikidata:Q159<TAB>Nga``
``#``  note: ``#1<TAB>AnnotatorNotes T3<TAB>value=1992-09-11``
=====  ==========================================================================

No maintained Python library reads brat standoff with its discontinuous spans,
events and notes and reports errors by line, so the parser is ours; it is
strict, because a silently misread gold file corrupts every score computed on it.

Conventions of this project on top of brat:

- A DATE or NUM entity's normalised value is an ``AnnotatorNotes`` note of the
  form ``value=<value>`` on the entity.
- An event's modality is the attribute ``Modality`` with value ``negated`` or
  ``reported/uncertain``; without it the event is ``asserted``. brat's classic
  binary ``Negation`` / ``Speculation`` attributes are read too.
- brat only stores type names matching ``[A-Za-z0-9_-]`` (it rewrites other
  characters to ``_``), so an ACE type ``Conflict.Attack`` is written
  ``Conflict_Attack``; the reader accepts both and returns ``Conflict.Attack``.
- A role written with a digit suffix (``Attacker2``: brat's way to give a second
  argument of the same role) is read as the role itself (``Attacker``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from pipeline.contract import ENTITY_LABELS, MODALITIES
from pipeline.io.files import atomic_file, write_atomic
from pipeline.io.tooldoc import ToolDocument, ToolEntity, ToolEvent
from pipeline.io.values import value_to_text

#: Spellings of a modality seen in brat gold, mapped to the contract's value.
_MODALITY_SYNONYMS = {
    "asserted": "asserted",
    "negated": "negated",
    "negation": "negated",
    "reported/uncertain": "reported/uncertain",
    "reported-uncertain": "reported/uncertain",
    "reported_uncertain": "reported/uncertain",
    "reported": "reported/uncertain",
    "uncertain": "reported/uncertain",
    "speculation": "reported/uncertain",
    "speculated": "reported/uncertain",
}


class BratError(ValueError):
    """A brat file that cannot be read; the message names the file and line."""


class Span(NamedTuple):
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """A text-bound annotation that is not an event trigger."""

    id: str
    label: str
    start: int  # start of the first fragment
    end: int  # end of the last fragment
    text: str  # the fragments' texts joined by a space, as brat writes them
    fragments: tuple[tuple[int, int], ...]
    value: str | None = None  # from an ``AnnotatorNotes`` note ``value=...``

    @property
    def discontinuous(self) -> bool:
        return len(self.fragments) > 1


@dataclass(frozen=True)
class Event:
    id: str
    type: str  # ACE ``Type.Subtype``
    trigger_id: str
    trigger: Span
    arguments: tuple[tuple[str, str], ...]  # (role, entity or event id), roles without digit suffix
    modality: str = "asserted"


@dataclass(frozen=True)
class Relation:
    id: str  # ``R1``, or ``*`` for an equivalence (which has no id in brat)
    type: str
    arguments: tuple[tuple[str, str], ...]  # (role, id); an equivalence's roles are ``Arg1``, ``Arg2``, ...


@dataclass(frozen=True)
class Attribute:
    id: str
    name: str
    target: str
    value: str | None  # None for a binary attribute


@dataclass(frozen=True)
class Note:
    id: str
    type: str  # ``AnnotatorNotes`` in practice
    target: str
    text: str


@dataclass(frozen=True)
class Normalization:
    id: str
    type: str  # ``Reference``
    target: str
    db: str
    ref: str
    text: str


@dataclass
class BratDocument:
    """One brat document: its text and every annotation of its ``.ann`` file."""

    id: str
    path: Path  # the .txt file
    text: str
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    attributes: list[Attribute] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    normalizations: list[Normalization] = field(default_factory=list)
    triggers: dict[str, Span] = field(default_factory=dict)  # T id -> span, for T lines used as triggers

    def entity(self, entity_id: str) -> Entity:
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        raise KeyError(entity_id)


# --------------------------------------------------------------------------- reading

_ID = {
    "T": re.compile(r"^T\d+$"),
    "E": re.compile(r"^E\d+$"),
    "R": re.compile(r"^R\d+$"),
    "A": re.compile(r"^[AM]\d+$"),
    "N": re.compile(r"^N\d+$"),
    "#": re.compile(r"^#\d*$"),
    "*": re.compile(r"^\*$"),
}
_ROLE_SUFFIX = re.compile(r"(?<=[A-Za-z])\d+$")
_ACE_STORAGE_FORM = re.compile(r"^([A-Z][A-Za-z]*)_([A-Z][A-Za-z-]*)$")


def event_type_from_brat(name: str) -> str:
    """``Conflict_Attack`` (brat's storage form) -> ``Conflict.Attack``; other names unchanged."""
    m = _ACE_STORAGE_FORM.match(name)
    return f"{m.group(1)}.{m.group(2)}" if m else name


def event_type_to_brat(name: str) -> str:
    """``Conflict.Attack`` -> ``Conflict_Attack``, the form brat stores without rewriting it."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", name)


def _same_text(annotated: str, actual: str) -> bool:
    # brat itself splits a span at line breaks (see brat_fragments), but other
    # tools and older files write such a span on one line with the break as a
    # space: accept that spelling of the same characters too.
    return annotated == actual or annotated == re.sub(r"\s", " ", actual)


class _AnnParser:
    """One pass over an .ann file; every error names ``file:line``."""

    def __init__(self, ann_path: Path, text: str):
        self.path, self.text = ann_path, text
        self.lineno = 0
        self.textbounds: dict[str, tuple[str, tuple[tuple[int, int], ...], str]] = {}
        self.events: dict[str, tuple[str, str, list[tuple[str, str]], int]] = {}
        self.relations: list[Relation] = []
        self.attributes: list[tuple[Attribute, int]] = []
        self.notes: list[tuple[Note, int]] = []
        self.normalizations: list[tuple[Normalization, int]] = []
        self.seen_ids: set[str] = set()
        # Ids named by R and * lines, checked once the whole file is read
        # (brat allows forward references).
        self._pending_refs: list[tuple[str, list[str], int]] = []

    def error(self, message: str, lineno: int | None = None) -> BratError:
        return BratError(f"{self.path}:{lineno or self.lineno}: {message}")

    def parse(self, lines: Iterable[str]) -> None:
        for self.lineno, raw in enumerate(lines, start=1):
            line = raw.rstrip("\r\n")
            if not line.strip():
                continue
            # A text-bound line's third field is the span's text, which may hold tabs.
            fields = line.split("\t", 2) if line.startswith("T") else line.split("\t")
            ann_id = fields[0]
            kind = ann_id[:1]
            if kind == "M":
                kind = "A"
            if kind not in _ID:
                raise self.error(
                    f"unknown annotation {ann_id!r} (expected an id starting with T, E, R, A, M, N, # or *)"
                )
            if not _ID[kind].match(ann_id):
                raise self.error(f"malformed id {ann_id!r}")
            if kind != "*":
                if ann_id in self.seen_ids:
                    raise self.error(f"duplicate id {ann_id}")
                self.seen_ids.add(ann_id)
            getattr(
                self,
                "_"
                + {
                    "T": "textbound",
                    "E": "event",
                    "R": "relation",
                    "A": "attribute",
                    "N": "normalization",
                    "#": "note",
                    "*": "equiv",
                }[kind],
            )(ann_id, fields)

    def _expect_fields(self, fields: list[str], n: int, shape: str) -> None:
        if len(fields) != n:
            raise self.error(f"expected {n} tab-separated fields ({shape}), found {len(fields)}")

    def _textbound(self, ann_id: str, fields: list[str]) -> None:
        self._expect_fields(fields, 3, "ID, TYPE START END[;START END...], TEXT")
        label, _, offsets = fields[1].partition(" ")
        if not label or not offsets:
            raise self.error(f"{ann_id}: expected 'TYPE START END', found {fields[1]!r}")
        fragments = []
        for part in offsets.split(";"):
            m = re.fullmatch(r"\s*(\d+) (\d+)\s*", part)
            if not m:
                raise self.error(f"{ann_id}: malformed offsets {part!r} (expected 'START END')")
            start, end = int(m.group(1)), int(m.group(2))
            if start > end:
                raise self.error(f"{ann_id}: start {start} is after end {end}")
            if end > len(self.text):
                raise self.error(f"{ann_id}: offset {end} is past the end of the text ({len(self.text)} characters)")
            fragments.append((start, end))
        actual = " ".join(self.text[s:e] for s, e in fragments)
        if not _same_text(fields[2], actual):
            raise self.error(
                f"{ann_id}: span text {fields[2]!r} does not match the .txt, which has {actual!r} at {offsets}"
            )
        self.textbounds[ann_id] = (label, tuple(fragments), actual)

    def _pairs(self, ann_id: str, items: list[str]) -> list[tuple[str, str]]:
        pairs = []
        for item in items:
            role, sep, ref = item.partition(":")
            if not sep or not role or not ref:
                raise self.error(f"{ann_id}: malformed argument {item!r} (expected ROLE:ID)")
            pairs.append((role, ref))
        return pairs

    def _event(self, ann_id: str, fields: list[str]) -> None:
        if len(fields) not in (2, 3):  # some tools leave an empty third field
            raise self.error(f"expected 2 tab-separated fields (ID, TYPE:TRIGGER ROLE:ID ...), found {len(fields)}")
        items = fields[1].split()
        if not items:
            raise self.error(f"{ann_id}: empty event")
        (etype, trigger), *args = self._pairs(ann_id, items)
        self.events[ann_id] = (etype, trigger, args, self.lineno)

    def _relation(self, ann_id: str, fields: list[str]) -> None:
        if len(fields) not in (2, 3):
            raise self.error(f"expected 2 tab-separated fields (ID, TYPE Arg1:ID Arg2:ID), found {len(fields)}")
        rtype, *items = fields[1].split()
        if len(items) != 2:
            raise self.error(f"{ann_id}: a relation has exactly two arguments, found {len(items)}")
        self.relations.append(Relation(ann_id, rtype, tuple(self._pairs(ann_id, items))))
        self._pending_refs.append((ann_id, [ref for _, ref in self.relations[-1].arguments], self.lineno))

    def _equiv(self, ann_id: str, fields: list[str]) -> None:
        if len(fields) != 2:
            raise self.error(f"expected 2 tab-separated fields (*, Equiv ID ID ...), found {len(fields)}")
        rtype, *refs = fields[1].split()
        if len(refs) < 2:
            raise self.error(f"equivalence needs at least two ids, found {len(refs)}")
        self.relations.append(Relation("*", rtype, tuple((f"Arg{i}", r) for i, r in enumerate(refs, start=1))))
        self._pending_refs.append(("*", refs, self.lineno))

    def _attribute(self, ann_id: str, fields: list[str]) -> None:
        self._expect_fields(fields, 2, "ID, NAME TARGET [VALUE]")
        parts = fields[1].split()
        if len(parts) not in (2, 3):
            raise self.error(f"{ann_id}: expected 'NAME TARGET [VALUE]', found {fields[1]!r}")
        name, target, *value = parts
        self.attributes.append((Attribute(ann_id, name, target, value[0] if value else None), self.lineno))

    def _note(self, ann_id: str, fields: list[str]) -> None:
        self._expect_fields(fields, 3, "#ID, TYPE TARGET, TEXT")
        parts = fields[1].split()
        if len(parts) != 2:
            raise self.error(f"{ann_id}: expected 'TYPE TARGET', found {fields[1]!r}")
        self.notes.append((Note(ann_id, parts[0], parts[1], fields[2]), self.lineno))

    def _normalization(self, ann_id: str, fields: list[str]) -> None:
        if len(fields) not in (2, 3):
            raise self.error(f"expected 3 tab-separated fields (ID, TYPE TARGET DB:REF, TEXT), found {len(fields)}")
        m = re.fullmatch(r"(\S+) (\S+) (\S+?):(\S+)", fields[1])
        if not m:
            raise self.error(f"{ann_id}: expected 'TYPE TARGET DB:REF', found {fields[1]!r}")
        ntype, target, db, ref = m.groups()
        text = fields[2] if len(fields) == 3 else ""
        self.normalizations.append((Normalization(ann_id, ntype, target, db, ref, text), self.lineno))


def _read_txt(txt_path: Path) -> str:
    # newline="" keeps "\r\n" as two characters: brat offsets count every
    # character of the file, and translating newlines would shift them.
    try:
        with txt_path.open(encoding="utf-8", newline="") as handle:
            return handle.read()
    except UnicodeDecodeError as exc:
        raise BratError(f"{txt_path}: not valid UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise BratError(f"{txt_path}: cannot read: {exc.strerror or exc}") from None


def _paths(path: str | Path) -> tuple[Path, Path]:
    path = Path(path)
    stem = path.with_suffix("") if path.suffix in (".txt", ".ann") else path
    return stem.with_name(stem.name + ".txt"), stem.with_name(stem.name + ".ann")


def read_brat(path: str | Path, doc_id: str | None = None) -> BratDocument:
    """Read one brat document; ``path`` may name the ``.txt``, the ``.ann`` or their common stem.

    Raises :class:`BratError` naming the file and line of the first malformed
    annotation, of a span whose text differs from the ``.txt``, or of a
    reference to an id that does not exist.
    """
    txt_path, ann_path = _paths(path)
    text = _read_txt(txt_path)
    if not ann_path.exists():
        raise BratError(f"{ann_path}: no .ann file beside {txt_path.name}")
    parser = _AnnParser(ann_path, text)
    try:
        with ann_path.open(encoding="utf-8", newline="") as handle:
            parser.parse(handle.read().split("\n"))
    except UnicodeDecodeError as exc:
        raise BratError(f"{ann_path}: not valid UTF-8 (byte {exc.start})") from None
    return _assemble(parser, doc_id or txt_path.stem, txt_path)


def _assemble(p: _AnnParser, doc_id: str, txt_path: Path) -> BratDocument:
    known = set(p.textbounds) | set(p.events) | {r.id for r in p.relations}

    def check_ref(ref: str, lineno: int, what: str) -> None:
        if ref not in known:
            raise p.error(f"{what} refers to {ref}, which is not defined in this file", lineno)

    for ann_id, refs, lineno in p._pending_refs:
        for ref in refs:
            check_ref(ref, lineno, ann_id)

    trigger_ids = {trigger for _, trigger, _, _ in p.events.values()}
    modality: dict[str, str] = {}
    for attr, lineno in p.attributes:
        check_ref(attr.target, lineno, attr.id)
        name = attr.name.lower()
        if name == "modality":
            if attr.value is None or attr.value.lower() not in _MODALITY_SYNONYMS:
                raise p.error(
                    f"{attr.id}: unknown modality {attr.value!r} (expected one of {', '.join(MODALITIES)})", lineno
                )
            modality[attr.target] = _MODALITY_SYNONYMS[attr.value.lower()]
        elif name in ("negation", "speculation") and attr.value is None:
            modality[attr.target] = _MODALITY_SYNONYMS[name]

    values: dict[str, str] = {}
    for note, lineno in p.notes:
        check_ref(note.target, lineno, note.id or "#")
        if note.type == "AnnotatorNotes" and note.text.startswith("value="):
            values[note.target] = note.text[len("value=") :].strip()
    for norm, lineno in p.normalizations:
        check_ref(norm.target, lineno, norm.id)

    events = []
    for ann_id, (etype, trigger_id, args, lineno) in p.events.items():
        if trigger_id not in p.textbounds:
            raise p.error(f"{ann_id}: trigger {trigger_id} is not a text-bound (T) annotation", lineno)
        t_label, t_frags, t_text = p.textbounds[trigger_id]
        if event_type_from_brat(t_label) != event_type_from_brat(etype):
            raise p.error(
                f"{ann_id}: event type {etype} differs from its trigger {trigger_id}'s type {t_label}", lineno
            )
        for role, ref in args:
            check_ref(ref, lineno, f"{ann_id} ({role})")
            if ref in trigger_ids and ref not in p.events:
                raise p.error(
                    f"{ann_id}: argument {role}:{ref} points at an event trigger; point at the event (E id) instead",
                    lineno,
                )
        events.append(
            Event(
                id=ann_id,
                type=event_type_from_brat(etype),
                trigger_id=trigger_id,
                trigger=Span(t_frags[0][0], t_frags[-1][1], t_text),
                arguments=tuple((_ROLE_SUFFIX.sub("", role), ref) for role, ref in args),
                modality=modality.get(ann_id, "asserted"),
            )
        )

    entities = [
        Entity(ann_id, label, frags[0][0], frags[-1][1], text, frags, values.get(ann_id))
        for ann_id, (label, frags, text) in p.textbounds.items()
        if ann_id not in trigger_ids
    ]
    entities.sort(key=lambda e: (e.start, -e.end, _id_number(e.id)))
    events.sort(key=lambda e: (e.trigger.start, _id_number(e.id)))
    return BratDocument(
        id=doc_id,
        path=txt_path,
        text=p.text,
        entities=entities,
        events=events,
        relations=p.relations,
        attributes=[a for a, _ in p.attributes],
        notes=[n for n, _ in p.notes],
        normalizations=[n for n, _ in p.normalizations],
        triggers={
            tid: Span(p.textbounds[tid][1][0][0], p.textbounds[tid][1][-1][1], p.textbounds[tid][2])
            for tid in sorted(trigger_ids, key=_id_number)
            if tid in p.textbounds
        },
    )


def _id_number(ann_id: str) -> int:
    digits = re.sub(r"\D", "", ann_id)
    return int(digits) if digits else 0


def read_brat_dir(path: str | Path) -> Iterator[BratDocument]:
    """Every brat document under ``path`` (recursively), in path order.

    A document is an ``.ann`` file with its ``.txt``; ``.txt`` files without an
    ``.ann`` (READMEs, unannotated text) are not documents. Ids are the paths
    relative to ``path`` without extension, as in our JSON.
    """
    root = Path(path)
    if not root.is_dir():
        raise BratError(f"{root}: not a directory")
    for ann in sorted(root.rglob("*.ann")):
        stem = ann.with_suffix("")
        yield read_brat(stem, doc_id=stem.relative_to(root).as_posix())


# --------------------------------------------------------------------------- writing

_MODALITY_ATTRIBUTE = "Modality"
_COLOURS = {
    "PER": "#ffccaa",
    "LOC": "#aaddff",
    "ORG": "#bbeebb",
    "MISC": "#eeddff",
    "DATE": "#ffee99",
    "NUM": "#dddddd",
    "OTHER": "#f4f4f4",
}
_CONF_MARK = "# written by songngu"


def ann_lines(layer: dict[str, Any]) -> list[str]:
    """The ``.ann`` lines of one layer (``doc['vi']`` or ``doc['en']``) of our JSON.

    Entities keep their ids (``T1``...); event triggers get the T ids after the
    last entity's; event types are written in brat's storage form. A span that
    crosses a line break is written as brat itself writes one
    (:func:`brat_fragments`); a tab inside a span stays a tab.
    """
    lines = []
    text = layer["text"]
    for ent in layer["entities"]:
        lines.append(f"{ent['id']}\t{ent['label']} {_textbound(text, ent['start'], ent['end'])}")
    next_t = max((_id_number(e["id"]) for e in layer["entities"]), default=0) + 1
    attributes, notes = [], []
    for ev in layer["events"]:
        tid = f"T{next_t}"
        next_t += 1
        trig = ev["trigger"]
        etype = event_type_to_brat(ev["type"])
        lines.append(f"{tid}\t{etype} {_textbound(text, trig['start'], trig['end'])}")
        # brat needs distinct role names within one event: a second Attacker is Attacker2.
        seen: dict[str, int] = {}
        args = []
        for arg in ev["arguments"]:
            seen[arg["role"]] = seen.get(arg["role"], 0) + 1
            role = arg["role"] + (str(seen[arg["role"]]) if seen[arg["role"]] > 1 else "")
            args.append(f"{role}:{arg['entity']}")
        lines.append(f"{ev['id']}\t{' '.join([f'{etype}:{tid}', *args])}")
        if ev["modality"] != "asserted":
            attributes.append((ev["id"], ev["modality"]))
    for n, (target, value) in enumerate(attributes, start=1):
        lines.append(f"A{n}\t{_MODALITY_ATTRIBUTE} {target} {value}")
    for ent in layer["entities"]:
        if ent.get("value") is not None:
            notes.append((ent["id"], f"value={value_to_text(ent['value'])}"))
    for n, (target, note) in enumerate(notes, start=1):
        lines.append(f"#{n}\tAnnotatorNotes {target}\t{note}")
    return lines


#: Where a line of an .ann file ends for brat: it reads the file with Python's
#: line splitting (``str.splitlines``), so any of these inside a span's text
#: would cut its line in two. brat's own editor splits spans at ``\n``; we split
#: at every one of them so that no written line can be cut.
_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")


def brat_fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The ``(start, end)`` fragments brat stores for the span ``text[start:end]``.

    brat's editor (``server/src/annotator.py``, ``__create_span``) cuts a span
    at each line break, trims the whitespace at the edges of each piece and
    drops the empty ones, so that every fragment lies on one line; the
    ``.ann`` text is then the fragments' texts joined by a space. A span on
    one line is one fragment, tabs and inner spaces included.
    """
    fragments = []
    pos = start
    for piece in [*_LINE_BREAK.finditer(text, start, end), None]:
        stop = piece.start() if piece is not None else end
        a, b = pos, stop
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            fragments.append((a, b))
        if piece is not None:
            pos = piece.end()
    return fragments or [(start, end)]


def _textbound(text: str, start: int, end: int) -> str:
    """``START END[;START END...]<TAB>TEXT`` of a text-bound line (after its id and type)."""
    fragments = brat_fragments(text, start, end)
    offsets = ";".join(f"{a} {b}" for a, b in fragments)
    return f"{offsets}\t{' '.join(text[a:b] for a, b in fragments)}"


def _event_roles(layer: dict[str, Any]) -> dict[str, set[str]]:
    roles: dict[str, set[str]] = {}
    for ev in layer["events"]:
        roles.setdefault(event_type_to_brat(ev["type"]), set()).update(a["role"] for a in ev["arguments"])
    return roles


def _read_our_conf_events(conf: Path) -> dict[str, set[str]]:
    """The [events] section of an annotation.conf that this module wrote earlier."""
    if not conf.exists() or not conf.read_text("utf-8").startswith(_CONF_MARK):
        return {}
    roles: dict[str, set[str]] = {}
    section = None
    for line in conf.read_text("utf-8").splitlines():
        if line.startswith("["):
            section = line.strip("[]")
        elif section == "events" and line.strip() and not line.startswith("#"):
            etype, _, args = line.partition("\t")
            roles[etype] = {a.split("*:")[0].strip() for a in args.split(",") if "*:" in a}
    return roles


def write_brat_config(out_dir: str | Path, event_roles: dict[str, set[str]]) -> None:
    """Write ``annotation.conf`` and ``visual.conf`` so brat opens the folder without warnings.

    brat's configuration must name every event type and role in the folder; we
    list those our documents use (each role optional and repeatable), merged
    with the ones an earlier call wrote into the same folder. A configuration
    this module did not write is left as it is.
    """
    out = Path(out_dir)
    conf = out / "annotation.conf"
    if conf.exists() and not conf.read_text("utf-8").startswith(_CONF_MARK):
        return  # a configuration someone wrote by hand (a gold folder's): never overwrite it
    merged = _read_our_conf_events(conf)
    for etype, roles in event_roles.items():
        merged.setdefault(etype, set()).update(roles)
    lines = [
        _CONF_MARK + " (pipeline.io.brat); event types are ACE Type.Subtype in brat's storage form",
        "",
        "[entities]",
        *ENTITY_LABELS,
        "",
        "[relations]",
        "",
        "<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>",
        "",
        "[events]",
    ]
    for etype in sorted(merged):
        args = ", ".join(f"{role}*:<ENTITY>" for role in sorted(merged[etype]))
        lines.append(f"{etype}\t{args}" if args else etype)
    lines += ["", "[attributes]", f"{_MODALITY_ATTRIBUTE}\tArg:<EVENT>, Value:negated|reported/uncertain", ""]
    write_atomic(conf, "\n".join(lines))

    visual = ["[labels]"]
    visual += [
        f"{etype} | {event_type_from_brat(etype)} | {event_type_from_brat(etype).split('.')[-1]}"
        for etype in sorted(merged)
    ]
    visual += [
        "",
        "[drawing]",
        "SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken",
        "ARC_DEFAULT\tcolor:black, arrowHead:triangle-5",
    ]
    visual += [f"{label}\tbgColor:{colour}" for label, colour in _COLOURS.items()]
    visual += [f"{_MODALITY_ATTRIBUTE}\tposition:left, glyph:¬|?", ""]
    write_atomic(out / "visual.conf", "\n".join(visual))


def write_brat(doc: dict[str, Any], out_dir: str | Path, layer: str = "vi") -> Path:
    """Write one of our documents as ``OUT_DIR/<id>.txt`` + ``.ann`` (+ the folder's brat configuration).

    ``layer`` is ``vi`` or ``en``. Returns the path of the ``.txt`` file.
    """
    data = doc.get(layer)
    if data is None:
        raise ValueError(f"document {doc.get('id', '?')!r} has no {layer!r} layer")
    out = Path(out_dir)
    txt_path = out / f"{doc['id']}.txt"
    ann = "".join(line + "\n" for line in ann_lines(data))
    # Each file is written whole or not at all (bytes as written, no newline translation), and
    # the pair together: both are written and flushed before either replaces the old one, so
    # a failed write (a full disk) leaves the old .txt with its own .ann.
    with atomic_file(txt_path) as txt_handle, atomic_file(txt_path.with_suffix(".ann")) as ann_handle:
        txt_handle.write(data["text"].encode("utf-8"))
        txt_handle.flush()
        ann_handle.write(ann.encode("utf-8"))
    write_brat_config(out, _event_roles(data))
    return txt_path


# --------------------------------------------------------------------------- importing


def to_tool_document(doc: BratDocument) -> ToolDocument:
    """What a brat document holds, for :mod:`pipeline.io.importing` (brat offsets are code points of the .txt)."""
    tool = ToolDocument(id=doc.id, path=str(doc.path.with_suffix(".ann")), format="brat", text=doc.text)
    tool.entities = [ToolEntity(e.id, e.start, e.end, e.label, e.value) for e in doc.entities]
    event_ids = {ev.id for ev in doc.events}
    for ev in doc.events:
        arguments = []
        for role, ref in ev.arguments:
            if ref in event_ids:
                tool.warnings.append(
                    f"{tool.path}: {ev.id}: argument {role}:{ref} is an event, and our events take entities only; left out"
                )
            else:
                arguments.append((role, ref))
        tool.events.append(ToolEvent(ev.id, ev.type, ev.trigger.start, ev.trigger.end, ev.modality, arguments))
    for rel in doc.relations:  # a brat folder made elsewhere: our JSON has no relations, say what is dropped
        args = " ".join(f"{role}:{ref}" for role, ref in rel.arguments)
        tool.warnings.append(
            f"{tool.path}: {rel.id} {rel.type} {args}: brat relations have no place in our JSON; left out"
        )
    return tool

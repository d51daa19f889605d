"""Reading outside event corpora (BKEE, VHE) as ACE 2005 gold in the project's own terms.

Both corpora annotate ACE 2005 event subtypes, each in its own spelling and
with its own roles; ``corpora.yaml`` beside this module maps them onto the
names of ``ontology.yaml`` and writes down where their conventions differ
from ours. The readers return :class:`pipeline.io.brat.BratDocument` objects
(the shape of our own event gold), so that training and scoring treat every
gold source alike; what could not be mapped is counted in a
:class:`CorpusReport`, never dropped silently.

- **BKEE** (Vietnamese news, brat, CC BY-NC 4.0): word-segmented text
  (``trái_phiếu``); ``_`` becomes a space (same length, offsets unchanged).
  Some files start with a byte-order mark the offsets do not count, and a few
  offsets are shifted by trailing spaces their annotation tool removed: a span
  whose text is not at its offsets is looked for nearby (within
  :data:`REPAIR_WINDOW` characters) and counted as repaired.
- **VHE** (historical annals, JSON, Apache-2.0): one sentence per record,
  character offsets, thematic roles (agent, theme, goal ...) mapped to ACE
  roles per event type.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.events.ontology import Ontology, OntologyError, read_yaml
from pipeline.io.brat import BratDocument, Entity, Event, Span

DEFAULT_MAPPING = "corpora.yaml"
REPAIR_WINDOW = 20
_ROLE_NUMBER = re.compile(r"\d+$")


class CorpusError(ValueError):
    """A corpus file that cannot be read; the message names the file (and line)."""


@dataclass
class CorpusReport:
    """What a reader did: documents, events and arguments kept, and what it left out and why."""

    documents: int = 0
    events: int = 0
    arguments: int = 0
    spans_repaired: int = 0
    unmapped_types: Counter = field(default_factory=Counter)  # corpus type -> events left out
    unmapped_roles: Counter = field(default_factory=Counter)  # "type:role" -> arguments left out

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "events": self.events,
            "arguments": self.arguments,
            "spans_repaired": self.spans_repaired,
            "unmapped_types": dict(sorted(self.unmapped_types.items())),
            "unmapped_roles": dict(sorted(self.unmapped_roles.items())),
        }


@dataclass(frozen=True)
class RoleRule:
    """A corpus role as an ACE role; ``with_role``: use ``then`` when the event also has that role."""

    role: str | None
    with_role: str | None = None
    then: str | None = None

    def ace(self, roles_of_event: set[str]) -> str | None:
        if self.with_role is not None and self.with_role in roles_of_event:
            return self.then
        return self.role


@dataclass(frozen=True)
class CorpusMapping:
    """One corpus's event types, roles and entity labels in the project's names."""

    name: str
    types: dict[str, str | None]  # corpus type -> ACE type (None: no ACE counterpart, left out)
    roles: dict[str, dict[str, RoleRule]]  # ACE type -> corpus role -> rule ("*" for every type)
    entity_labels: dict[str, str]  # corpus entity label -> ours

    def type_of(self, corpus_type: str) -> str | None:
        return self.types.get(corpus_type)

    def role_rule(self, ace_type: str, role: str) -> RoleRule | None:
        return self.roles.get(ace_type, {}).get(role) or self.roles.get("*", {}).get(role)

    def ace_role(self, ace_type: str, role: str, roles_of_event: set[str], time_role: str) -> str | None:
        """The ACE role that corpus ``role`` stands for in an event of ``ace_type`` with ``roles_of_event``
        (None: no counterpart); a rule's plain "Time" is ``time_role`` (:attr:`Mappings.time_role`)."""
        rule = self.role_rule(ace_type, role)
        ace_role = rule.ace(roles_of_event) if rule else None
        return time_role if ace_role == "Time" else ace_role

    def scored_types(self) -> frozenset[str]:
        """The ACE types this corpus annotates: the only ones scored against it."""
        return frozenset(t for t in self.types.values() if t)

    def scored_roles(self, ace_type: str) -> frozenset[str]:
        """The ACE roles this corpus can annotate for ``ace_type``."""
        out = set()
        for rules in (self.roles.get("*", {}), self.roles.get(ace_type, {})):
            for rule in rules.values():
                out.update(r for r in (rule.role, rule.then) if r)
        return frozenset(out)


@dataclass(frozen=True)
class Mappings:
    path: str
    corpora: dict[str, CorpusMapping]
    time_role: str  # the ACE time role a corpus's single time role stands for
    sha256: str = ""

    def __getitem__(self, name: str) -> CorpusMapping:
        return self.corpora[name]


def _rule(name: str, where: str, spec: Any, ontology: Ontology, ace_type: str | None) -> RoleRule:
    def check(role: Any) -> str | None:
        if role is None:
            return None
        if not isinstance(role, str):
            raise OntologyError(f"{name}: {where}: expected an ACE role name or null, found {role!r}")
        if ace_type is not None and ace_type != "*" and not ontology.has_role(ace_type, role):
            raise OntologyError(f"{name}: {where}: {role!r} is not a role of {ace_type} in {ontology.path}")
        return role

    if isinstance(spec, dict):
        extra = set(spec) - {"role", "with", "then"}
        if extra or "with" not in spec:
            raise OntologyError(f"{name}: {where}: expected {{role: R, with: corpus role, then: R}}, found {spec!r}")
        return RoleRule(check(spec.get("role")), str(spec["with"]), check(spec.get("then")))
    return RoleRule(check(spec))


def load_mappings(ontology: Ontology, path: str | Path | None = None) -> Mappings:
    """The corpus mappings in ``path`` (default: the packaged ``corpora.yaml``), checked against ``ontology``."""
    name, data, sha256 = read_yaml(path, DEFAULT_MAPPING)
    time_role = data.get("time_role", "Time-Within")
    if time_role not in ontology.time_roles:
        raise OntologyError(f"{name}: time_role: {time_role!r} is not a time role of {ontology.path}")
    corpora = {}
    for corpus, spec in (data.get("corpora") or {}).items():
        where = f"corpora.{corpus}"
        if not isinstance(spec, dict) or not isinstance(spec.get("types"), dict):
            raise OntologyError(f"{name}: {where}: expected a mapping with 'types' (and 'roles', 'entity_labels')")
        types = {}
        for corpus_type, ace_type in spec["types"].items():
            if ace_type is not None and ace_type not in ontology:
                raise OntologyError(f"{name}: {where}.types.{corpus_type}: {ace_type!r} is not in {ontology.path}")
            types[str(corpus_type)] = ace_type
        roles: dict[str, dict[str, RoleRule]] = {}
        for ace_type, table in (spec.get("roles") or {}).items():
            if ace_type != "*" and ace_type not in ontology:
                raise OntologyError(f"{name}: {where}.roles.{ace_type}: unknown event type")
            if not isinstance(table, dict):
                raise OntologyError(f"{name}: {where}.roles.{ace_type}: expected a mapping of corpus role -> ACE role")
            roles[ace_type] = {
                str(role): _rule(name, f"{where}.roles.{ace_type}.{role}", rule, ontology, ace_type)
                for role, rule in table.items()
            }
        labels = {str(k): str(v) for k, v in (spec.get("entity_labels") or {}).items()}
        corpora[corpus] = CorpusMapping(corpus, types, roles, labels)
    return Mappings(name, corpora, time_role, sha256)


# --------------------------------------------------------------------------- BKEE


def _bkee_text(txt: Path) -> str:
    try:
        raw = txt.read_text(encoding="utf-8-sig")  # some files open with a byte-order mark the offsets skip
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{txt}: cannot read: {exc}") from None
    return raw


def _locate(text: str, start: int, end: int, written: str, window: int) -> tuple[int, int] | None:
    """Offsets of ``written`` at (or, shifted, near) ``start``."""
    if text[start:end] == written:
        return start, end
    best = None
    for m in re.finditer(re.escape(written), text[max(0, start - window) : end + window]):
        found = max(0, start - window) + m.start()
        if best is None or abs(found - start) < abs(best - start):
            best = found
    return (best, best + len(written)) if best is not None else None


def _bkee_role(role: str) -> str:
    """``Person-Arg2`` -> ``Person``: brat numbers a repeated role, BKEE suffixes every role with ``-Arg``."""
    return _ROLE_NUMBER.sub("", role).removesuffix("-Arg")


def read_bkee_document(ann: Path, mapping: CorpusMapping, report: CorpusReport, time_role: str) -> BratDocument:
    txt = ann.with_suffix(".txt")
    text = _bkee_text(txt)
    spans: dict[str, tuple[str, int, int, str]] = {}  # T id -> (label, start, end, text)
    raw_events: list[tuple[str, str, str, list[tuple[str, str]]]] = []
    try:
        lines = ann.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{ann}: cannot read: {exc}") from None
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        fields = line.split("\t")
        try:
            if line.startswith("T"):
                label, offsets = fields[1].split(" ", 1)
                fragments = [tuple(map(int, f.split())) for f in offsets.split(";")]
                start, end = fragments[0][0], fragments[-1][1]
                written = fields[2]
                if len(fragments) > 1:  # discontinuous: scored on its outer span
                    written = text[start:end]
                where = _locate(text, start, end, written, REPAIR_WINDOW)
                if where is None:
                    raise CorpusError(f"{ann}:{lineno}: {fields[0]}: {written!r} is not in the text near {start}")
                if where != (start, end):
                    report.spans_repaired += 1
                spans[fields[0]] = (label, *where, written)
            elif line.startswith("E"):
                head, *args = fields[1].split()
                etype, trigger = head.split(":")
                pairs = [tuple(a.split(":", 1)) for a in args]
                raw_events.append((fields[0], etype, trigger, pairs))
            else:
                raise CorpusError(f"{ann}:{lineno}: expected a T or E line, found {line[:40]!r}")
        except (IndexError, ValueError) as exc:
            if isinstance(exc, CorpusError):
                raise
            raise CorpusError(f"{ann}:{lineno}: malformed line {line[:60]!r}") from None
    text = text.replace("_", " ")  # word-segmented: "trái_phiếu" -> "trái phiếu", offsets unchanged
    entities: dict[str, Entity] = {}
    events: list[Event] = []
    for event_id, corpus_type, trigger_id, pairs in raw_events:
        ace_type = mapping.type_of(corpus_type)
        if ace_type is None:
            report.unmapped_types[corpus_type] += 1
            continue
        _, t_start, t_end, _ = spans[trigger_id]
        arguments = []
        corpus_roles = {_bkee_role(role) for role, _ in pairs}
        for role, ref in pairs:
            corpus_role = _bkee_role(role)
            if ref not in spans or ref in {t for _, _, t, _ in raw_events}:
                report.unmapped_roles[f"{corpus_type}:{corpus_role} (an event)"] += 1
                continue
            ace_role = mapping.ace_role(ace_type, corpus_role, corpus_roles, time_role)
            if ace_role is None:
                report.unmapped_roles[f"{corpus_type}:{corpus_role}"] += 1
                continue
            label, a_start, a_end, _ = spans[ref]
            if ref not in entities:
                entities[ref] = Entity(
                    ref,
                    mapping.entity_labels.get(label, "OTHER"),
                    a_start,
                    a_end,
                    text[a_start:a_end],
                    ((a_start, a_end),),
                )
            arguments.append((ace_role, ref))
        events.append(
            Event(event_id, ace_type, trigger_id, Span(t_start, t_end, text[t_start:t_end]), tuple(arguments))
        )
        report.events += 1
        report.arguments += len(arguments)
    report.documents += 1
    events.sort(key=lambda ev: (ev.trigger.start, ev.id))
    return BratDocument(
        id=ann.stem,
        path=txt,
        text=text,
        entities=sorted(entities.values(), key=lambda e: (e.start, -e.end)),
        events=events,
    )


def read_bkee(folder: str | Path, mappings: Mappings) -> tuple[list[BratDocument], CorpusReport]:
    """Every document of a BKEE split folder (``EV-*.ann`` + ``.txt``), and what was mapped."""
    folder = Path(folder)
    anns = sorted(folder.glob("*.ann"))
    if not anns:
        raise CorpusError(f"{folder}: no BKEE .ann files here")
    report = CorpusReport()
    docs = [read_bkee_document(ann, mappings["bkee"], report, mappings.time_role) for ann in anns]
    return docs, report


# --------------------------------------------------------------------------- VHE


def read_vhe(path: str | Path, mappings: Mappings) -> tuple[list[BratDocument], CorpusReport]:
    """Every sentence of a VHE split (``train.json``, ``dev.json``) as one document, and what was mapped."""
    path = Path(path)
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorpusError(f"{path}: cannot read as JSON: {exc}") from None
    if not isinstance(records, list):
        raise CorpusError(f"{path}: expected a list of sentences")
    mapping = mappings["vhe"]
    report = CorpusReport()
    docs = []
    for n, record in enumerate(records):
        try:
            docs.append(_vhe_document(record, mapping, report, mappings.time_role, path))
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, CorpusError):
                raise
            raise CorpusError(f"{path}: record {n} ({record.get('id', '?')}): malformed: {exc!r}") from None
    return docs, report


def _vhe_document(record: dict, mapping: CorpusMapping, report: CorpusReport, time_role: str, path: Path):
    text = record["text"]
    entities: dict[tuple[int, int], Entity] = {}
    events = []
    for k, ev in enumerate(record["events"]):
        ace_type = mapping.type_of(ev["type"])
        if ace_type is None:
            report.unmapped_types[ev["type"]] += 1
            continue
        t_start, t_end = ev["offset"]
        if text[t_start:t_end] != ev["trigger_word"]:
            raise CorpusError(f"{path}: {record['id']}: trigger {ev['trigger_word']!r} is not at {t_start}")
        corpus_roles = {a["role"] for a in ev["arguments"]}
        arguments = []
        for arg in ev["arguments"]:
            ace_role = mapping.ace_role(ace_type, arg["role"], corpus_roles, time_role)
            if ace_role is None:
                report.unmapped_roles[f"{ev['type']}:{arg['role']}"] += 1
                continue
            a_start, a_end = arg["offset"]
            if text[a_start:a_end] != arg["mention"]:
                raise CorpusError(f"{path}: {record['id']}: argument {arg['mention']!r} is not at {a_start}")
            if (a_start, a_end) not in entities:
                entity_id = f"T{1000 + len(entities)}"
                entities[(a_start, a_end)] = Entity(
                    entity_id, "OTHER", a_start, a_end, text[a_start:a_end], ((a_start, a_end),)
                )
            arguments.append((ace_role, entities[(a_start, a_end)].id))
        trigger_id = f"T{k + 1}"
        events.append(
            Event(f"E{k + 1}", ace_type, trigger_id, Span(t_start, t_end, text[t_start:t_end]), tuple(arguments))
        )
        report.events += 1
        report.arguments += len(arguments)
    report.documents += 1
    events.sort(key=lambda ev: (ev.trigger.start, ev.id))
    return BratDocument(
        id=str(record["id"]),
        path=path,
        text=text,
        entities=sorted(entities.values(), key=lambda e: (e.start, -e.end)),
        events=events,
    )

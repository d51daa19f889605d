"""Build the event gold and the entity-alignment gold from hand-marked sources.

The annotator writes each document once, under ``corpus/gold/marked/<split>/``:

``<doc>.vi.mk``  the Vietnamese text with inline marks, nested where needed::

                     ⟦OTHER:qaz1|quân ⟦MISC:az6|Azerbaijan⟧⟧ ⟦Justice.Arrest-Jail:e13|bắt được⟧
                     ⟦DATE:d1993=1993|năm 1993⟧

                 a mark is ``⟦LABEL:name[=value]|text⟧``; LABEL is an entity label
                 (PER LOC ORG MISC DATE NUM, or OTHER for a non-named event
                 argument) or an event type (``Type.Subtype``: the mark is the
                 trigger); ``value`` is the normalised DATE/NUM value.
``<doc>.en.mk``  the English translation marked the same way (entities only).
                 An English entity *named like* a Vietnamese one is its
                 alignment; a name found on one side only is an entity with no
                 counterpart.
``<doc>.ev``     one line per trigger: ``e13 Agent=qaz1 Person=linh6 Place=merj
                 Time-Within=d920911 [mod=negated|mod=reported]`` (a role may
                 repeat), plus ``align VI EN`` lines for sentence groups that are
                 not 1-1 (``align 4 4,5``, ``align 7,8 8``, ``align 9 -``).

Stripping the marks must give back the text exactly; for the corpus passage the
stripped texts are compared with ``corpus/<doc>.txt`` and ``corpus/<doc>.en.txt``.
Every offset is computed here, never by hand. Outputs::

    corpus/gold/events/<split>/<doc>.txt, .ann, .en.txt      (events + entities, vi)
    corpus/gold/events/seed/heldback.tsv                     (the held-back sentences)
    corpus/gold/align/<split>/<doc>.txt, .ann, .en.txt, .en.ann,
                              <doc>.links.tsv, <doc>.sentences.tsv

Run ``python corpus/gold/tools/build_events_align.py build`` after editing a
source, and ``... check`` to fail when a generated file is stale (the test runs
``check``). The allowed roles of each event type come from
``corpus/gold/events/annotation.conf`` (brat's own configuration file), so the
brat configuration, this builder and the test cannot disagree.

Written by hand rather than with a library: the inline syntax is ours, and the
brat writer in ``pipeline.io.brat`` works from our JSON, which gold sources do
not have. The ``.ann`` files use brat's storage form for event types
(``Conflict_Attack``), which ``pipeline.io.brat.read_brat`` maps back to
``Conflict.Attack``.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE.parent
REPO = GOLD.parents[1]
MARKED = GOLD / "marked"
CONF = GOLD / "events" / "annotation.conf"
SEED_DOC = "000_c94cfb08b554769d"
SPLITS = ("seed", "heldout")

NE_LABELS = ("PER", "LOC", "ORG", "MISC", "DATE", "NUM")
ARG_LABELS = NE_LABELS + ("OTHER",)
VALUED = ("DATE", "NUM")
MODALITY_VALUES = {"negated": "negated", "reported": "reported"}  # brat value -> brat value; see GUIDELINES

# Held-back rule for the seed passage (issue 5): every third sentence, starting
# with the third: 0-based sentence index i with i % 3 == 2.
HELDBACK_EVERY = 3
HELDBACK_OFFSET = 2

OPEN, CLOSE, SEP = "⟦", "⟧", "|"
HEADER = re.compile(r"^(?P<label>[A-Za-z][A-Za-z.-]*)(?::(?P<name>[A-Za-z0-9_]+))?(?:=(?P<value>[^|]+))?$")


class GoldError(ValueError):
    pass


@dataclass
class Mark:
    label: str
    name: str | None
    value: str | None
    start: int
    end: int
    text: str
    line: int  # line of the source where the mark opens

    @property
    def is_trigger(self) -> bool:
        return "." in self.label


@dataclass
class Side:
    path: Path
    text: str
    marks: list[Mark]
    sentences: list[tuple[int, int]] = field(default_factory=list)

    def by_name(self) -> dict[str, Mark]:
        return {m.name: m for m in self.marks if m.name}


# --------------------------------------------------------------------------- parsing


def parse_marked(path: Path) -> Side:
    """Strip the marks of one source file; return the plain text and the marks with offsets."""
    src = path.read_text(encoding="utf-8")
    out: list[str] = []
    stack: list[tuple[str, int, int]] = []  # (header, start offset in output, source line)
    marks: list[Mark] = []
    i, line, n = 0, 1, 0
    while i < len(src):
        ch = src[i]
        if ch == OPEN:
            bar = src.find(SEP, i)
            if bar < 0:
                raise GoldError(f"{path}:{line}: mark opened without '{SEP}'")
            header = src[i + 1 : bar]
            if OPEN in header or CLOSE in header or "\n" in header:
                raise GoldError(f"{path}:{line}: malformed mark header {header!r}")
            stack.append((header, n, line))
            i = bar + 1
            continue
        if ch == CLOSE:
            if not stack:
                raise GoldError(f"{path}:{line}: '{CLOSE}' without an open mark")
            header, start, open_line = stack.pop()
            m = HEADER.match(header)
            if not m:
                raise GoldError(f"{path}:{open_line}: malformed mark header {header!r} (expected LABEL:name[=value])")
            text = "".join(out)[start:n]
            if not text or text != text.strip():
                raise GoldError(f"{path}:{open_line}: span {text!r} is empty or has surrounding spaces")
            marks.append(Mark(m["label"], m["name"], m["value"], start, n, text, open_line))
            i += 1
            continue
        out.append(ch)
        n += 1
        if ch == "\n":
            line += 1
        i += 1
    if stack:
        raise GoldError(f"{path}:{stack[-1][2]}: mark never closed")
    text = "".join(out)
    if not unicodedata.is_normalized("NFC", text):
        raise GoldError(f"{path}: text is not NFC")
    marks.sort(key=lambda mk: (mk.start, -mk.end, mk.is_trigger))
    side = Side(path, text, marks)
    side.sentences = split_sentences(text)
    return side


# Sentence boundaries: a paragraph break, or sentence-final punctuation (with
# closing quotes/brackets and citation markers such as [29]) followed by
# whitespace and an upper-case letter. "sụp đổ...Azerbaijan" (no space) and
# "ly khai... nước" (lower case) stay inside one sentence, as the writer meant.
_FINAL = re.compile(r"(?:\.\.\.|…|[.!?])[\"”’)\]]*(?:\[\d+\])*")


def split_sentences(text: str) -> list[tuple[int, int]]:
    sentences = []
    pos = 0
    for para in re.finditer(r"[^\n]+", text):
        p_start, p_end = para.span()
        start = p_start
        for m in _FINAL.finditer(text, p_start, p_end):
            end = m.end()
            rest = text[end:p_end]
            stripped = rest.lstrip()
            if end < p_end and rest[:1].isspace() and stripped[:1].isupper():
                sentences.append((start, end))
                start = end + (len(rest) - len(stripped))
        tail = text[start:p_end].rstrip()
        if tail.strip():
            lead = len(text[start:p_end]) - len(text[start:p_end].lstrip())
            sentences.append((start + lead, start + len(tail)))
        pos = p_end
    del pos
    return sentences


def load_roles(conf: Path = CONF) -> dict[str, dict[str, tuple[str, ...]]]:
    """Event type (``Type.Subtype``) -> role -> allowed argument labels, from brat's annotation.conf."""
    roles: dict[str, dict[str, tuple[str, ...]]] = {}
    section = None
    for raw in conf.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].rstrip() if not raw.lstrip().startswith("<") else raw.rstrip()
        if not line.strip():
            continue
        if line.startswith("["):
            section = line.strip("[] ")
            continue
        if section != "events":
            continue
        name, _, args = line.strip().partition("\t")
        etype = name.replace("_", ".", 1)
        table: dict[str, tuple[str, ...]] = {}
        for arg in filter(None, (a.strip() for a in args.split(","))):
            role, _, labels = arg.partition(":")
            table[role.rstrip("?*+")] = tuple(labels.split("|"))
        roles[etype] = table
    return roles


@dataclass
class EventLine:
    trigger: str
    args: list[tuple[str, str]]
    modality: str | None
    line: int


def parse_ev(path: Path) -> tuple[list[EventLine], list[tuple[list[int], list[int]]]]:
    events, groups = [], []
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        head, *rest = line.split()
        if head == "align":
            if len(rest) != 2:
                raise GoldError(f"{path}:{lineno}: expected 'align VI EN'")
            vi, en = ([] if x == "-" else [int(v) for v in x.split(",")] for x in rest)
            groups.append((vi, en))
            continue
        args, modality = [], None
        for item in rest:
            key, sep, val = item.partition("=")
            if not sep:
                raise GoldError(f"{path}:{lineno}: expected ROLE=name, found {item!r}")
            if key == "mod":
                if val not in MODALITY_VALUES:
                    raise GoldError(f"{path}:{lineno}: modality must be one of {sorted(MODALITY_VALUES)}")
                modality = val
            else:
                args.append((key, val))
        events.append(EventLine(head, args, modality, lineno))
    return events, groups


# --------------------------------------------------------------------------- checks


@dataclass
class Document:
    name: str
    split: str
    vi: Side
    en: Side
    events: list[EventLine]
    groups: list[tuple[list[int], list[int]]]  # sentence alignment, all groups


def load_document(split: str, name: str, roles: dict[str, dict[str, tuple[str, ...]]]) -> Document:
    base = MARKED / split / name
    vi, en = parse_marked(base.with_name(name + ".vi.mk")), parse_marked(base.with_name(name + ".en.mk"))
    events, explicit = parse_ev(base.with_name(name + ".ev"))
    where = f"{split}/{name}"

    if split == "seed":
        for side, suffix in ((vi, ".txt"), (en, ".en.txt")):
            source = REPO / "corpus" / (name + suffix)
            if side.text != source.read_text(encoding="utf-8"):
                raise GoldError(f"{side.path}: stripped text differs from {source}")
    if vi.text.count("\n\n") != en.text.count("\n\n"):
        raise GoldError(
            f"{where}: {vi.text.count(chr(10) * 2) + 1} vi paragraphs but {en.text.count(chr(10) * 2) + 1} en"
        )

    for side, lang in ((vi, "vi"), (en, "en")):
        names = [m.name for m in side.marks if m.name]
        dup = {x for x in names if names.count(x) > 1}
        if dup:
            raise GoldError(f"{side.path}: names used twice: {sorted(dup)}")
        for m in side.marks:
            if m.is_trigger:
                if lang == "en":
                    raise GoldError(f"{side.path}:{m.line}: the English side carries entities only")
                if m.label not in roles:
                    raise GoldError(f"{side.path}:{m.line}: {m.label} is not an event type of {CONF.name}")
            elif m.label not in ARG_LABELS:
                raise GoldError(f"{side.path}:{m.line}: unknown label {m.label}")
            if m.name is None:
                raise GoldError(f"{side.path}:{m.line}: every mark needs a name ({m.text!r})")
            if (m.value is not None) != (m.label in VALUED):
                raise GoldError(f"{side.path}:{m.line}: DATE and NUM need a value, nothing else takes one ({m.text!r})")
            if lang == "en" and m.label == "OTHER":
                raise GoldError(f"{side.path}:{m.line}: OTHER is for Vietnamese event arguments only")
        flat = [m for m in side.marks if m.label in NE_LABELS]
        for a, b in zip(flat, flat[1:]):
            if b.start < a.end:
                raise GoldError(
                    f"{side.path}:{b.line}: named entities overlap ({a.text!r}, {b.text!r}); they must be flat"
                )

    marks = vi.by_name()
    triggers = {m.name for m in vi.marks if m.is_trigger}
    described = [e.trigger for e in events]
    if sorted(described) != sorted(triggers):
        missing, extra = triggers - set(described), set(described) - triggers
        raise GoldError(
            f"{where}: triggers without an event line {sorted(missing)}, event lines without a trigger {sorted(extra)}"
        )
    for ev in events:
        etype = marks[ev.trigger].label
        for role, arg in ev.args:
            if arg not in marks or marks[arg].is_trigger:
                raise GoldError(f"{where}.ev:{ev.line}: {arg!r} is not an entity of the vi side")
            if role not in roles[etype]:
                raise GoldError(
                    f"{where}.ev:{ev.line}: {etype} has no role {role} (allowed: {', '.join(roles[etype])})"
                )
            if marks[arg].label not in roles[etype][role]:
                raise GoldError(f"{where}.ev:{ev.line}: {role} of {etype} cannot be a {marks[arg].label} ({arg})")
            if sentence_of(vi, marks[arg]) != sentence_of(vi, marks[ev.trigger]):
                raise GoldError(f"{where}.ev:{ev.line}: argument {arg} is outside its trigger's sentence")
    used = {arg for ev in events for _, arg in ev.args}
    for m in vi.marks:
        if m.label == "OTHER" and m.name not in used:
            raise GoldError(f"{vi.path}:{m.line}: OTHER span {m.text!r} is no event's argument")

    groups = complete_alignment(explicit, len(vi.sentences), len(en.sentences), where)
    return Document(name, split, vi, en, events, groups)


def sentence_of(side: Side, mark: Mark) -> int:
    for i, (s, e) in enumerate(side.sentences):
        if s <= mark.start and mark.end <= e:
            return i
    raise GoldError(f"{side.path}:{mark.line}: {mark.text!r} crosses a sentence boundary")


def complete_alignment(explicit, n_vi: int, n_en: int, where: str) -> list[tuple[list[int], list[int]]]:
    """Fill the sentence alignment with 1-1 pairs around the explicitly given groups."""
    by_vi = {g[0][0]: g for g in explicit if g[0]}
    by_en = {g[1][0]: g for g in explicit if not g[0]}
    groups, i, j = [], 0, 0
    while i < n_vi or j < n_en:
        g = by_vi.get(i) or by_en.get(j)
        if g and (not g[0] or g[0][0] == i) and (not g[1] or g[1][0] == j):
            vi, en = g
        else:
            vi, en = [i] if i < n_vi else [], [j] if j < n_en else []
        if vi and vi != list(range(i, i + len(vi))) or en and en != list(range(j, j + len(en))):
            raise GoldError(f"{where}: sentence alignment is not monotone at vi {i}, en {j}")
        groups.append((vi, en))
        i += len(vi)
        j += len(en)
    if i != n_vi or j != n_en:
        raise GoldError(f"{where}: sentence alignment covers {i}/{n_vi} vi and {j}/{n_en} en sentences")
    return groups


# --------------------------------------------------------------------------- writing


def brat_type(label: str) -> str:
    # brat stores type names in [A-Za-z0-9_-] only; pipeline.io.brat reads the
    # storage form back as Type.Subtype.
    return label.replace(".", "_")


def _ann_text(text: str) -> str:
    return re.sub(r"[\r\n\t]", " ", text)


def ann(side: Side, marks: list[Mark], events: list[EventLine] | None = None) -> str:
    """brat .ann text: T lines in text order, then E, A and value notes."""
    ids = {m.name: f"T{k}" for k, m in enumerate(marks, start=1)}
    lines = [f"{ids[m.name]}\t{brat_type(m.label)} {m.start} {m.end}\t{_ann_text(m.text)}" for m in marks]
    attrs = []
    if events:
        by_name = {m.name: m for m in marks}
        ordered = sorted(events, key=lambda e: (by_name[e.trigger].start, by_name[e.trigger].end))
        for k, ev in enumerate(ordered, start=1):
            seen: dict[str, int] = {}
            parts = [f"{brat_type(by_name[ev.trigger].label)}:{ids[ev.trigger]}"]
            for role, arg in ev.args:
                seen[role] = seen.get(role, 0) + 1
                parts.append(f"{role}{seen[role] if seen[role] > 1 else ''}:{ids[arg]}")
            lines.append(f"E{k}\t{' '.join(parts)}")
            if ev.modality:
                attrs.append(f"A{len(attrs) + 1}\tModality E{k} {ev.modality}")
    lines += attrs
    notes = [m for m in marks if m.value is not None]
    lines += [f"#{k}\tAnnotatorNotes {ids[m.name]}\tvalue={m.value}" for k, m in enumerate(notes, start=1)]
    return "".join(line + "\n" for line in lines)


def tsv(rows: list[list[str]]) -> str:
    for row in rows:
        for cell in row:
            if "\t" in cell or "\n" in cell:
                raise GoldError(f"tab or newline inside a TSV cell: {cell!r}")
    return "".join("\t".join(row) + "\n" for row in rows)


def outputs(doc: Document) -> dict[Path, str]:
    """Every generated file of one document, path -> content."""
    ev_dir, al_dir = GOLD / "events" / doc.split, GOLD / "align" / doc.split
    vi_ne = [m for m in doc.vi.marks if m.label in NE_LABELS]
    en_ne = [m for m in doc.en.marks if m.label in NE_LABELS]
    files = {
        ev_dir / f"{doc.name}.txt": doc.vi.text,
        ev_dir / f"{doc.name}.ann": ann(doc.vi, doc.vi.marks, doc.events),
        ev_dir / f"{doc.name}.en.txt": doc.en.text,
        al_dir / f"{doc.name}.txt": doc.vi.text,
        al_dir / f"{doc.name}.ann": ann(doc.vi, vi_ne),
        al_dir / f"{doc.name}.en.txt": doc.en.text,
        al_dir / f"{doc.name}.en.ann": ann(doc.en, en_ne),
    }
    # Entity links: one row per pair, and one per entity without a counterpart.
    en_by_name = {m.name: m for m in en_ne}
    vi_names = {m.name for m in vi_ne}
    rows = [["vi_start", "vi_end", "vi_text", "en_start", "en_end", "en_text"]]
    for m in vi_ne:
        e = en_by_name.get(m.name)
        rows.append([str(m.start), str(m.end), m.text] + ([str(e.start), str(e.end), e.text] if e else ["", "", ""]))
    for e in en_ne:
        if e.name not in vi_names:
            rows.append(["", "", "", str(e.start), str(e.end), e.text])
    files[al_dir / f"{doc.name}.links.tsv"] = tsv(rows)

    rows = [["type", "vi_sentences", "en_sentences", "vi_offsets", "en_offsets", "vi_text", "en_text"]]
    for vi, en in doc.groups:
        rows.append(
            [
                f"{len(vi)}-{len(en)}",
                ",".join(map(str, vi)),
                ",".join(map(str, en)),
                " ".join(f"{doc.vi.sentences[k][0]}-{doc.vi.sentences[k][1]}" for k in vi),
                " ".join(f"{doc.en.sentences[k][0]}-{doc.en.sentences[k][1]}" for k in en),
                " ".join(doc.vi.text[slice(*doc.vi.sentences[k])] for k in vi),
                " ".join(doc.en.text[slice(*doc.en.sentences[k])] for k in en),
            ]
        )
    files[al_dir / f"{doc.name}.sentences.tsv"] = tsv(rows)

    if doc.split == "seed" and doc.name == SEED_DOC:
        rows = [["sentence", "start", "end", "text"]]
        for k, (s, e) in enumerate(doc.vi.sentences):
            if k % HELDBACK_EVERY == HELDBACK_OFFSET:
                rows.append([str(k), str(s), str(e), doc.vi.text[s:e]])
        files[ev_dir / "heldback.tsv"] = tsv(rows)
    return files


def documents() -> list[Document]:
    roles = load_roles()
    docs = []
    for split in SPLITS:
        for ev in sorted((MARKED / split).glob("*.ev")):
            docs.append(load_document(split, ev.name[: -len(".ev")], roles))
    return docs


def all_outputs() -> dict[Path, str]:
    files: dict[Path, str] = {}
    for doc in documents():
        files.update(outputs(doc))
    return files


def write_text(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(content)


def read_text(path: Path) -> str | None:
    if not path.exists():
        return None
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def stale(files: dict[Path, str]) -> list[Path]:
    return [p for p, content in files.items() if read_text(p) != content]


def summary(docs: list[Document]) -> str:
    out = []
    for doc in docs:
        ne_vi = sum(m.label in NE_LABELS for m in doc.vi.marks)
        ne_en = sum(m.label in NE_LABELS for m in doc.en.marks)
        linked = len(
            {m.name for m in doc.vi.marks if m.label in NE_LABELS}
            & {m.name for m in doc.en.marks if m.label in NE_LABELS}
        )
        out.append(
            f"{doc.split}/{doc.name}: {len(doc.vi.sentences)} vi / {len(doc.en.sentences)} en sentences, "
            f"{len(doc.events)} events, {sum(len(e.args) for e in doc.events)} arguments, "
            f"{ne_vi} vi / {ne_en} en entities, {linked} links"
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=("build", "check", "show"))
    args = ap.parse_args(argv)
    try:
        docs = documents()
        files = {}
        for doc in docs:
            files.update(outputs(doc))
    except GoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.command == "show":
        for doc in docs:
            for side in (doc.vi, doc.en):
                for k, (s, e) in enumerate(side.sentences):
                    print(f"{doc.name} {side.path.suffixes[-2]} {k:2d} {side.text[s:e]}")
        print(summary(docs))
        return 0
    if args.command == "check":
        old = stale(files)
        for p in old:
            print(
                f"stale: {p.relative_to(REPO)} (run: python corpus/gold/tools/build_events_align.py build)",
                file=sys.stderr,
            )
        return 1 if old else 0
    for path, content in files.items():
        write_text(path, content)
    print(summary(docs))
    return 0


if __name__ == "__main__":
    sys.exit(main())

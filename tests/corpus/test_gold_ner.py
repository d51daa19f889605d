"""Consistency checks on the hand-written NER gold (corpus/gold/ner/, brat standoff).

These guard the gold itself, not a system: every span must be the text it claims
to be, labels and values must follow corpus/gold/GUIDELINES.md ("Named entities"),
the VTB files must be the selected sentences verbatim, and the brat files must be
what corpus/gold/ner/build.py makes from the annotator's marked sources.
"""

from __future__ import annotations

import calendar
import csv
import functools
import importlib.util
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NER = REPO / "corpus" / "gold" / "ner"
SPLITS = ("seed", "vtb-dev", "heldout")
LABELS = {"PER", "LOC", "ORG", "MISC", "DATE", "NUM"}
VALUED = {"DATE", "NUM"}

DATE_VALUE = re.compile(
    r"(?P<year>\d{4}|XXXX)(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?|-(?:SP|SU|FA|WI))?"
    r"|\d{3}"  # decade, TIMEX3 style: 199 = the 1990s
    r"|\d{2}"  # century: 19 = 1900-1999
)
NUM_VALUE = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?")


@dataclass(frozen=True)
class Span:
    tid: str
    label: str
    start: int
    end: int
    text: str


def read_ann(path: Path) -> tuple[list[Span], dict[str, list[str]]]:
    """A deliberately small brat reader: T lines (contiguous spans) and AnnotatorNotes.

    pipeline/io/brat.py will replace it once it is on main.
    """
    spans, notes = [], defaultdict(list)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.relative_to(REPO)}:{number}"
        fields = line.split("\t")
        if line.startswith("T"):
            assert len(fields) == 3, f"{where}: a T line has 3 tab-separated fields"
            label, start, end = fields[1].split(" ")  # a ';' here would be a discontinuous span
            spans.append(Span(fields[0], label, int(start), int(end), fields[2]))
        elif line.startswith("#"):
            assert len(fields) == 3, f"{where}: a note line has 3 tab-separated fields"
            kind, target = fields[1].split(" ")
            assert kind == "AnnotatorNotes", f"{where}: unexpected note type {kind}"
            notes[target].append(fields[2])
        else:
            pytest.fail(f"{where}: only T and # lines are expected, got {line!r}")
    return spans, notes


def brat_pairs() -> list[tuple[Path, Path]]:
    pairs = []
    for split in SPLITS:
        for ann in sorted((NER / split).glob("*.ann")):
            pairs.append((ann.with_suffix(".txt"), ann))
    return pairs


@functools.cache
def load_build():
    """corpus/gold/ner/build.py, which is a script, not part of the package."""
    spec = importlib.util.spec_from_file_location("songngu_gold_ner_build", NER / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def find_vtb_dev() -> Path | None:
    try:
        return load_build().find_vtb_dev()
    except FileNotFoundError:
        return None


def test_every_split_has_files():
    assert (NER / "seed" / "000_c94cfb08b554769d.ann").is_file()
    for split in ("vtb-dev", "heldout"):
        if (NER / "marked" / split).is_dir():
            assert list((NER / split).glob("*.ann")), f"{split}: marked sources but no brat files"


@pytest.mark.parametrize("txt,ann", brat_pairs(), ids=lambda p: p.name)
def test_spans_labels_and_values(txt: Path, ann: Path):
    text = txt.read_text(encoding="utf-8")
    spans, notes = read_ann(ann)
    assert spans, f"{ann.name}: no entities"
    ids = [s.tid for s in spans]
    assert len(ids) == len(set(ids)), f"{ann.name}: duplicate ids"
    for s in spans:
        where = f"{ann.relative_to(REPO)} {s.tid}"
        assert s.label in LABELS, f"{where}: label {s.label!r}"
        assert 0 <= s.start < s.end <= len(text), f"{where}: offsets {s.start}-{s.end} outside the text"
        assert text[s.start : s.end] == s.text, f"{where}: {s.text!r} != txt[{s.start}:{s.end}] {text[s.start:s.end]!r}"
        assert s.text == s.text.strip() and "\n" not in s.text, f"{where}: span has outer space or crosses a line"
        values = [n for n in notes.get(s.tid, []) if n.startswith("value=")]
        if s.label in VALUED:
            assert len(values) == 1, f"{where}: {s.label} {s.text!r} needs exactly one value note"
            value = values[0][len("value="):]
            if s.label == "NUM":
                assert NUM_VALUE.fullmatch(value), f"{where}: NUM value {value!r} is not a plain decimal"
            else:
                match = DATE_VALUE.fullmatch(value)
                assert match, f"{where}: DATE value {value!r} is not ISO 8601 / TIMEX3"
                if match["month"]:
                    month = int(match["month"])
                    assert 1 <= month <= 12, f"{where}: month {month}"
                    if match["day"]:
                        year = 2000 if match["year"] == "XXXX" else int(match["year"])  # a leap year
                        assert 1 <= int(match["day"]) <= calendar.monthrange(year, month)[1], f"{where}: day"
        else:
            assert not values, f"{where}: only DATE and NUM carry a value"
    assert set(notes) <= set(ids), f"{ann.name}: note on an unknown id"
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    for left, right in zip(ordered, ordered[1:]):
        assert left.end <= right.start, f"{ann.name}: {left.tid} and {right.tid} overlap (entities are flat)"


def test_seed_text_is_the_corpus_passage():
    seed = NER / "seed" / "000_c94cfb08b554769d.txt"
    assert seed.read_bytes() == (REPO / "corpus" / "000_c94cfb08b554769d.txt").read_bytes()


def test_seed_has_the_boundaries_issue_4_names():
    spans, notes = read_ann(NER / "seed" / "000_c94cfb08b554769d.ann")
    found = {(s.label, s.text) for s in spans}
    for expected in [
        ("PER", "Yury Nikolayevich"),  # without "thiếu tá"
        ("LOC", "Merjimek"),  # without "làng"
        ("ORG", "Bộ Quốc phòng Armenia"),  # one ORG
        ("ORG", "Sư đoàn 127"),
        ("MISC", "Nga"),  # "quân Nga", "người Nga"
        ("DATE", "năm 1993"),
    ]:
        assert expected in found, expected
    value = {s.text: notes[s.tid][0] for s in spans if s.label in VALUED}
    assert value["Ngày 11 tháng 9 năm 1992"] == "value=1992-09-11"
    assert value["mùa hè 1992"] == "value=1992-SU"
    assert value["23 ngàn"] == "value=23000"
    assert not any(s.text.startswith("[") or "ăm 1992" == s.text for s in spans)


def test_sentences_tsv_matches_vtb_and_the_selection_rule():
    vtb = find_vtb_dev()
    if vtb is None:
        pytest.skip("UD Vietnamese-VTB dev not found (set SONGNGU_VTB_DIR)")
    from pipeline.io.conllu import read_conllu

    texts = {s.sent_id: s.text for s in read_conllu(vtb)}
    rows = {}
    for split in ("vtb-dev", "heldout"):
        tsv = NER / split / "sentences.tsv"
        if not tsv.exists():
            continue
        with tsv.open(encoding="utf-8", newline="") as handle:
            rows[split] = list(csv.DictReader(handle, delimiter="\t"))
        by_file = defaultdict(list)
        for row in rows[split]:
            by_file[row["file"]].append(row)
        for name, file_rows in by_file.items():
            lines = (NER / split / name).read_text(encoding="utf-8").split("\n")
            assert lines[-1] == "", f"{name}: ends with a newline"
            lines = lines[:-1]
            assert [int(r["line"]) for r in file_rows] == list(range(1, len(lines) + 1)), name
            for row in file_rows:
                assert lines[int(row["line"]) - 1] == texts[row["sent_id"]], f"{name}:{row['line']} != {row['sent_id']}"
    if not rows:
        pytest.skip("no VTB gold yet")
    # The documented rule: dev-n with (n - 1) % 6 == 0; every third selected one is held out.
    selected = [sid for sid in texts if (int(sid.split("-")[1]) - 1) % 6 == 0]
    heldout = [sid for k, sid in enumerate(selected, 1) if k % 3 == 0]
    assert [r["sent_id"] for r in rows["heldout"]] == heldout
    assert [r["sent_id"] for r in rows["vtb-dev"]] == [s for s in selected if s not in set(heldout)]


def test_brat_files_are_built_from_the_marked_sources():
    """Edits go into corpus/gold/ner/marked/ and through build.py, never into .ann by hand."""
    if find_vtb_dev() is None:
        pytest.skip("UD Vietnamese-VTB dev not found (set SONGNGU_VTB_DIR)")
    stale = [
        str(path.relative_to(REPO))
        for path, content in load_build().expected_outputs().items()
        if not path.exists() or path.read_text(encoding="utf-8") != content
    ]
    assert not stale, f"run python corpus/gold/ner/build.py build: {stale}"

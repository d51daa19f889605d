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
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from pipeline.io.brat import read_brat
from tests.conftest import VTB_MISSING

REPO = Path(__file__).resolve().parents[2]
NER = REPO / "corpus" / "gold" / "ner"
SPLITS = (
    "seed",
    "vtb-dev",
    "heldout",
    "heldout2",
    "heldout3",
    "heldout4",
    "heldout5",
    "heldout6",
    "heldout7",
    "heldout8",
    "heldout9",
    "heldout10",
    "heldout11",
    "heldout12",
    "heldout13",
    "heldout14",
    "heldout15",
    "heldout16",
    "genres/dev",
    "genres/heldout",
    "genres/heldout2",
    "genres/heldout3",
    "genres/heldout4",
    "genres/heldout5",
    "genres/heldout6",
    "genres/heldout7",
    "genres/heldout8",
    "genres/heldout9",
    "genres/heldout10",
    "genres/heldout11",
    "genres/heldout12",
    "genres/heldout13",
    "genres/heldout14",
    "genres/heldout15",
    "genres/heldout16",
    "genres/heldout17",
    "genres/heldout18",
    "genres/heldout19",
    "genres/heldout20",
    "genres/heldout21",
    "genres/heldout22",
    "genres/heldout23",
    "genres/heldout24",
    "genres/heldout25",
    "genres/heldout26",
)
LABELS = {"PER", "LOC", "ORG", "MISC", "DATE", "NUM"}
VALUED = {"DATE", "NUM"}

DATE_VALUE = re.compile(
    r"(?P<year>\d{4}|XXXX)(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?|-(?:SP|SU|FA|WI))?"
    r"|\d{3}"  # decade, TIMEX3 style: 199 = the 1990s
    r"|\d{2}"  # century: 19 = 1900-1999
)
NUM_VALUE = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?")
UNIT_KINDS = {"money", "age", "percent", "quantity"}


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


def find_vtb_dev() -> Path:
    """UD VTB dev, or a skip saying how to point the tests at it."""
    try:
        return load_build().find_vtb_dev()
    except FileNotFoundError:
        pytest.skip(VTB_MISSING)


def test_every_split_has_files():
    assert (NER / "seed" / "000_c94cfb08b554769d.ann").is_file()
    for split in SPLITS:
        if (NER / "marked" / split).is_dir():
            assert list((NER / split).glob("*.ann")), f"{split}: marked sources but no brat files"


@pytest.mark.parametrize("txt,ann", brat_pairs(), ids=lambda p: p.name)
def test_spans_labels_and_values(txt: Path, ann: Path):
    # read_brat already refuses a span whose text is not txt[start:end]; the
    # check is repeated here because it is the property the gold must have.
    doc = read_brat(txt)
    assert doc.entities, f"{ann.name}: no entities"
    assert not doc.events and not doc.relations and not doc.attributes, f"{ann.name}: NER gold has entities only"
    ids = [e.id for e in doc.entities]
    assert len(ids) == len(set(ids)), f"{ann.name}: duplicate ids"
    value_notes = defaultdict(list)
    for note in doc.notes:
        assert note.type == "AnnotatorNotes" and note.text.startswith("value="), f"{ann.name}: note {note}"
        value_notes[note.target].append(note.text)
    for e in doc.entities:
        where = f"{ann.relative_to(REPO)} {e.id}"
        assert e.label in LABELS, f"{where}: label {e.label!r}"
        assert not e.discontinuous, f"{where}: discontinuous span"
        assert doc.text[e.start : e.end] == e.text, f"{where}: {e.text!r} != txt[{e.start}:{e.end}]"
        assert e.text == e.text.strip() and "\n" not in e.text, f"{where}: span has outer space or crosses a line"
        if e.label in VALUED:
            assert len(value_notes[e.id]) == 1, f"{where}: {e.label} {e.text!r} needs exactly one value note"
            value = e.value
            if e.label == "NUM" and value.startswith("{"):
                record = json.loads(value)  # an amount with its unit (GUIDELINES §4.6)
                assert set(record) == {"amount", "unit", "kind"}, f"{where}: NUM value {value!r}"
                assert record["kind"] in UNIT_KINDS and record["unit"], f"{where}: NUM value {value!r}"
                assert NUM_VALUE.fullmatch(json.dumps(record["amount"])), f"{where}: amount of {value!r}"
            elif e.label == "NUM":
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
            assert e.id not in value_notes, f"{where}: only DATE and NUM carry a value"
    for left, right in zip(doc.entities, doc.entities[1:]):  # sorted by start
        assert left.end <= right.start, f"{ann.name}: {left.id} and {right.id} overlap (entities are flat)"


def test_seed_text_is_the_corpus_passage():
    seed = NER / "seed" / "000_c94cfb08b554769d.txt"
    assert seed.read_bytes() == (REPO / "corpus" / "000_c94cfb08b554769d.txt").read_bytes()


def test_seed_has_the_boundaries_issue_4_names():
    doc = read_brat(NER / "seed" / "000_c94cfb08b554769d.txt")
    found = {(e.label, e.text) for e in doc.entities}
    for expected in [
        ("PER", "Yury Nikolayevich"),  # without "thiếu tá"
        ("LOC", "Merjimek"),  # without "làng"
        ("ORG", "Bộ Quốc phòng Armenia"),  # one ORG
        ("ORG", "Sư đoàn 127"),
        ("MISC", "Nga"),  # "quân Nga", "người Nga"
        ("DATE", "năm 1993"),
    ]:
        assert expected in found, expected
    value = {e.text: e.value for e in doc.entities if e.label in VALUED}
    assert value["Ngày 11 tháng 9 năm 1992"] == "1992-09-11"
    assert value["tháng 6 năm 1992"] == "1992-06"
    assert value["mùa hè 1992"] == "1992-SU"
    assert value["23 ngàn"] == "23000"
    assert not any(e.text.startswith("[") for e in doc.entities), "citation markers are not entities"


def test_sentences_tsv_matches_vtb_and_the_selection_rule():
    vtb = find_vtb_dev()
    from pipeline.io.conllu import read_conllu

    texts = {s.sent_id: s.text for s in read_conllu(vtb)}
    rows = {}
    for split in (
        "vtb-dev",
        "heldout",
        "heldout2",
        "heldout3",
        "heldout4",
        "heldout5",
        "heldout6",
        "heldout7",
        "heldout8",
        "heldout9",
        "heldout10",
        "heldout11",
        "heldout12",
        "heldout13",
        "heldout14",
        "heldout15",
        "heldout16",
    ):
        tsv = NER / split / "sentences.tsv"
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
    # The documented rule: dev-n with (n - 1) % 6 == 0; every third selected one is held out.
    selected = [sid for sid in texts if (int(sid.split("-")[1]) - 1) % 6 == 0]
    heldout = [sid for k, sid in enumerate(selected, 1) if k % 3 == 0]
    assert [r["sent_id"] for r in rows["heldout"]] == heldout
    assert [r["sent_id"] for r in rows["vtb-dev"]] == [s for s in selected if s not in set(heldout)]
    # The second held-out set: dev-n with (n - 1) % 6 == 3, every third of them.
    second = [sid for sid in texts if (int(sid.split("-")[1]) - 1) % 6 == 3]
    assert [r["sent_id"] for r in rows["heldout2"]] == [sid for k, sid in enumerate(second, 1) if k % 3 == 0]
    # The third: dev-n with (n - 1) % 6 == 1, every third of them.
    third = [sid for sid in texts if (int(sid.split("-")[1]) - 1) % 6 == 1]
    assert [r["sent_id"] for r in rows["heldout3"]] == [sid for k, sid in enumerate(third, 1) if k % 3 == 0]
    ids = {split: {r["sent_id"] for r in rows[split]} for split in rows}
    assert not ids["heldout3"] & (ids["heldout"] | ids["vtb-dev"] | ids["heldout2"]), "heldout3 overlaps"
    # The fourth: dev-n with (n - 1) % 6 == 2, every third of them.
    fourth = [sid for sid in texts if (int(sid.split("-")[1]) - 1) % 6 == 2]
    assert [r["sent_id"] for r in rows["heldout4"]] == [sid for k, sid in enumerate(fourth, 1) if k % 3 == 0]
    earlier = ids["heldout"] | ids["vtb-dev"] | ids["heldout2"] | ids["heldout3"]
    assert not ids["heldout4"] & earlier, "heldout4 overlaps"
    # The fifth: dev-n with (n - 1) % 6 == 4, every third of them.
    fifth = [sid for sid in texts if (int(sid.split("-")[1]) - 1) % 6 == 4]
    assert [r["sent_id"] for r in rows["heldout5"]] == [sid for k, sid in enumerate(fifth, 1) if k % 3 == 0]
    assert not ids["heldout5"] & (earlier | ids["heldout4"]), "heldout5 overlaps"
    # The sixth: dev-n with (n - 1) % 6 == 5, every third of them.
    sixth = [sid for sid in texts if (int(sid.split("-")[1]) - 1) % 6 == 5]
    assert [r["sent_id"] for r in rows["heldout6"]] == [sid for k, sid in enumerate(sixth, 1) if k % 3 == 0]
    assert not ids["heldout6"] & (earlier | ids["heldout4"] | ids["heldout5"]), "heldout6 overlaps"
    # The seventh: dev-n with (n - 1) % 6 == 1 again, the 1st, 4th, 7th, ... of them (heldout3 took every third).
    assert [r["sent_id"] for r in rows["heldout7"]] == [sid for k, sid in enumerate(third, 1) if k % 3 == 1]
    earlier |= ids["heldout4"] | ids["heldout5"] | ids["heldout6"]
    assert not ids["heldout7"] & earlier, "heldout7 overlaps"
    # The eighth: the same residue, the 2nd, 5th, 8th, ... of them (heldout3 and heldout7 took the others).
    assert [r["sent_id"] for r in rows["heldout8"]] == [sid for k, sid in enumerate(third, 1) if k % 3 == 2]
    earlier |= ids["heldout7"]
    assert not ids["heldout8"] & earlier, "heldout8 overlaps"
    # The ninth: the residue heldout4 drew from, the 1st, 4th, 7th, ... of them (heldout4 took every third).
    assert [r["sent_id"] for r in rows["heldout9"]] == [sid for k, sid in enumerate(fourth, 1) if k % 3 == 1]
    earlier |= ids["heldout8"]
    assert not ids["heldout9"] & earlier, "heldout9 overlaps"
    # The tenth: the same residue, the 2nd, 5th, 8th, ... of them (heldout4 and heldout9 took the others).
    assert [r["sent_id"] for r in rows["heldout10"]] == [sid for k, sid in enumerate(fourth, 1) if k % 3 == 2]
    earlier |= ids["heldout9"]
    assert not ids["heldout10"] & earlier, "heldout10 overlaps"
    # The eleventh: the residue heldout2 drew from, the 1st, 4th, 7th, ... of them (heldout2 took every third).
    assert [r["sent_id"] for r in rows["heldout11"]] == [sid for k, sid in enumerate(second, 1) if k % 3 == 1]
    earlier |= ids["heldout10"]
    assert not ids["heldout11"] & earlier, "heldout11 overlaps"
    # The twelfth: the same residue once more, the 2nd, 5th, 8th, ... of them (heldout2 and heldout11 took the others).
    assert [r["sent_id"] for r in rows["heldout12"]] == [sid for k, sid in enumerate(second, 1) if k % 3 == 2]
    earlier |= ids["heldout11"]
    assert not ids["heldout12"] & earlier, "heldout12 overlaps"
    # The thirteenth: the residue heldout5 drew from, the 1st, 4th, 7th, ... of them (heldout5 took every third).
    assert [r["sent_id"] for r in rows["heldout13"]] == [sid for k, sid in enumerate(fifth, 1) if k % 3 == 1]
    earlier |= ids["heldout12"]
    assert not ids["heldout13"] & earlier, "heldout13 overlaps"
    # The fourteenth: the same residue once more, the 2nd, 5th, 8th, ... of them (heldout5 and heldout13 took the others).
    assert [r["sent_id"] for r in rows["heldout14"]] == [sid for k, sid in enumerate(fifth, 1) if k % 3 == 2]
    earlier |= ids["heldout13"]
    assert not ids["heldout14"] & earlier, "heldout14 overlaps"
    # The fifteenth: the residue heldout6 drew from, the 1st, 4th, 7th, ... of them (heldout6 took every third).
    assert [r["sent_id"] for r in rows["heldout15"]] == [sid for k, sid in enumerate(sixth, 1) if k % 3 == 1]
    earlier |= ids["heldout14"]
    assert not ids["heldout15"] & earlier, "heldout15 overlaps"
    # The sixteenth: the same residue once more, the 2nd, 5th, 8th, ... of them (heldout6 and heldout15 took the others).
    assert [r["sent_id"] for r in rows["heldout16"]] == [sid for k, sid in enumerate(sixth, 1) if k % 3 == 2]
    earlier |= ids["heldout15"]
    assert not ids["heldout16"] & earlier, "heldout16 overlaps"


def test_brat_files_are_built_from_the_marked_sources():
    """Edits go into corpus/gold/ner/marked/ and through build.py, never into .ann by hand."""
    find_vtb_dev()
    stale = [
        str(path.relative_to(REPO))
        for path, content in load_build().expected_outputs().items()
        if not path.exists() or path.read_text(encoding="utf-8") != content
    ]
    assert not stale, f"run python corpus/gold/ner/build.py build: {stale}"


@pytest.mark.parametrize(
    "split,residue",
    [
        ("heldout17", 0),
        ("heldout18", 11),
        ("heldout19", 17),
        ("heldout20", 6),
        ("heldout21", 14),
        ("heldout22", 21),
        ("heldout23", 8),
        ("heldout24", 12),
        ("heldout25", 18),
        ("heldout26", 5),
    ],
)
def test_the_vlsp_sets_follow_their_rule_and_share_no_sentence_with_vtb(split, residue):
    """The seventeenth and later VTB-like held-out sets come from VLSP 2013's POS test set (VTB dev is used up):
    sentence n with (n - 1) % 23 == residue, each line its sentence's words joined by spaces, and none of them a VTB
    train or dev sentence (the segmenter and tagger are fit on VTB train, so such a sentence would not be held out
    from them)."""
    find_vtb_dev()
    build = load_build()
    vlsp = dict(build.vlsp_sentences())
    assert len(vlsp) == 2120
    with (NER / split / "sentences.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert [r["sent_id"] for r in rows] == [f"vlsp2013-test-{n}" for n in range(1, 2121) if (n - 1) % 23 == residue]
    for row in rows:
        lines = (NER / split / row["file"]).read_text(encoding="utf-8").split("\n")
        assert lines[int(row["line"]) - 1] == vlsp[row["sent_id"]], f"{row['file']}:{row['line']}"
    from pipeline import vtb_file
    from pipeline.io.conllu import read_conllu

    def key(text: str) -> str:
        return re.sub(r"\W+", "", text.lower())

    vtb = {key(s.text) for name in ("train", "dev") for s in read_conllu(vtb_file(name))}
    assert not [r["sent_id"] for r in rows if key(vlsp[r["sent_id"]]) in vtb], f"a VTB sentence in {split}"

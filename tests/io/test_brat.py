"""brat standoff: round trips of our documents, hand-written gold, and errors by file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.io.brat import BratError, read_brat, read_brat_dir, write_brat

SEED_TEXT = (Path(__file__).resolve().parents[2] / "corpus" / "000_c94cfb08b554769d.txt").read_text("utf-8")


def _write(tmp_path: Path, ann: str, text: str = SEED_TEXT, name: str = "doc") -> Path:
    (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    (tmp_path / f"{name}.ann").write_text(ann, encoding="utf-8")
    return tmp_path / f"{name}.txt"


def _t(ann_id: str, label: str, needle: str, nth: int = 0, text: str = SEED_TEXT) -> str:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return f"{ann_id}\t{label} {start} {start + len(needle)}\t{needle}\n"


def _assert_same_annotations(doc: dict, gold, layer: str = "vi") -> None:
    data = doc[layer]
    assert gold.text == data["text"]
    got = {(e.id, e.label, e.start, e.end, e.text, e.value) for e in gold.entities}
    want = {
        (e["id"], e["label"], e["start"], e["end"], e["text"], None if e.get("value") is None else str(e["value"]))
        for e in data["entities"]
    }
    assert got == want
    assert len(gold.events) == len(data["events"])
    by_id = {ev.id: ev for ev in gold.events}
    for ev in data["events"]:
        read = by_id[ev["id"]]
        assert read.type == ev["type"]
        assert tuple(read.trigger) == (ev["trigger"]["start"], ev["trigger"]["end"], ev["trigger"]["text"])
        assert sorted(read.arguments) == sorted((a["role"], a["entity"]) for a in ev["arguments"])
        assert read.modality == ev["modality"]


def test_round_trip_of_a_handmade_document(handmade_doc, tmp_path):
    txt = write_brat(handmade_doc, tmp_path)
    assert txt == tmp_path / "handmade" / "seed_excerpt.txt"
    gold = read_brat(txt)
    _assert_same_annotations(handmade_doc, gold)
    # two Attackers survive the trip although brat needs them written Attacker, Attacker2
    attack = next(ev for ev in gold.events if ev.type == "Conflict.Attack")
    assert [role for role, _ in attack.arguments].count("Attacker") == 2
    assert "Attacker2:" in txt.with_suffix(".ann").read_text("utf-8")
    assert attack.modality == "reported/uncertain"
    # values are notes, and triggers are not entities
    assert gold.entity("T1").value == "1992-09-11"
    assert all(e.label != "Justice_Arrest-Jail" for e in gold.entities)
    assert {s.text for s in gold.triggers.values()} == {"bắt được", "đánh chiếm"}


def test_round_trip_of_the_seed_passage(seed_doc, tmp_path):
    gold = read_brat(write_brat(seed_doc, tmp_path))
    _assert_same_annotations(seed_doc, gold)


def _brat_accepts(ann_line: str, text: str) -> bool:
    """brat's own check of a text-bound line (``TextAnnotations._parse_textbound_annotation``):
    the text after the second tab starts with the fragments' texts joined by one space."""
    ann_id, rest = ann_line.split("\t", 1)
    data, tail = rest.split("\t", 1)
    spans = [tuple(map(int, part.split())) for part in data.split(" ", 1)[1].split(";")]
    reference = " ".join(text[a:b] for a, b in spans)
    return tail[: len(reference)] == reference and not any(c in ann_line for c in "\n\r\u2028\x85")


def test_spans_across_a_tab_and_a_line_break_survive(make_tiny_document, tmp_path):
    text = "Lê Văn Tám\tnói rằng Nhà hát Lớn\r\nHà Nội mở cửa."
    doc = make_tiny_document(
        text,
        [("Lê Văn Tám", "Np"), ("nói", "V"), ("rằng", "C"), ("Nhà hát", "N"), ("Lớn", "A"), ("Hà Nội", "Np")]
        + [("mở cửa", "V"), (".", "CH")],
        [("Lê Văn Tám\tnói", "MISC"), ("Nhà hát Lớn\r\nHà Nội", "ORG"), ("Hà Nội", "LOC")],
    )
    ann = write_brat(doc, tmp_path).with_suffix(".ann").read_text("utf-8")
    lines = ann.split("\n")[:-1]
    assert len(lines) == 3 and all(_brat_accepts(line, text) for line in lines)
    tab, across, _ = lines
    assert tab == "T1\tMISC 0 14\tLê Văn Tám\tnói"  # the tab stays as it is
    org = text.index("Nhà")
    # brat's convention: split at the line break (CR trimmed), fragment texts joined by a space
    assert across == f"T2\tORG {org} {org + 11};{org + 13} {org + 19}\tNhà hát Lớn Hà Nội"
    gold = read_brat(tmp_path / "tiny.txt")
    assert gold.text == text
    got = {(e.id, e.label, e.start, e.end, text[e.start : e.end]) for e in gold.entities}
    assert got == {(e["id"], e["label"], e["start"], e["end"], e["text"]) for e in doc["vi"]["entities"]}
    assert gold.entity("T2").fragments == ((org, org + 11), (org + 13, org + 19))


def test_configuration_lists_every_type_and_role_of_the_folder(handmade_doc, tmp_path):
    write_brat(handmade_doc, tmp_path)
    other = {
        **handmade_doc,
        "id": "other",
        "vi": {
            **handmade_doc["vi"],
            "events": [
                {
                    **handmade_doc["vi"]["events"][0],
                    "type": "Movement.Transport",
                    "arguments": [{"role": "Artifact", "entity": "T4"}],
                }
            ],
        },
    }
    write_brat(other, tmp_path)
    conf = (tmp_path / "annotation.conf").read_text("utf-8")
    events = conf.split("[events]")[1].split("[attributes]")[0]
    lines = dict(line.split("\t") for line in events.strip().splitlines())
    # a second write into the same folder adds to the configuration rather than replacing it
    assert set(lines) == {"Justice_Arrest-Jail", "Conflict_Attack", "Movement_Transport"}
    assert lines["Conflict_Attack"] == "Attacker*:<ENTITY>, Target*:<ENTITY>"
    assert "Modality\tArg:<EVENT>, Value:negated|reported/uncertain" in conf
    for label in ("PER", "LOC", "ORG", "MISC", "DATE", "NUM", "OTHER"):
        assert f"\n{label}\n" in conf
    assert "Conflict_Attack | Conflict.Attack | Attack" in (tmp_path / "visual.conf").read_text("utf-8")


def test_reads_hand_written_gold_with_every_line_kind(tmp_path):
    text = SEED_TEXT
    start = text.index("Liên bang Xô Viết")
    cuu = text.index("cũ", start)
    ann = (
        _t("T1", "DATE", "Ngày 11 tháng 9 năm 1992")
        + _t("T2", "OTHER", "quân Azerbaijan", 1)
        + _t("T3", "OTHER", "6 lính đặc nhiệm Nga")
        + _t("T4", "Justice.Arrest-Jail", "bắt được")
        + "E1\tJustice.Arrest-Jail:T4 Agent:T2 Person:T3 Time-Within:T1\n"
        + _t("T5", "Conflict_Attack", "tấn công", 0)
        + _t("T6", "LOC", "Armenia", 1)
        + _t("T7", "LOC", "Azerbaijan", 3)
        + "E2\tConflict_Attack:T5 Attacker:T6 Attacker2:T9 Target:T7\n"  # T9 defined below
        + _t("T9", "LOC", "Nga", 4)
        # a discontinuous entity: "Liên bang Xô Viết ... cũ"
        + f"T8\tORG {start} {start + 17};{cuu} {cuu + 2}\tLiên bang Xô Viết cũ\n"
        + "A1\tModality E2 negated\n"
        + "M2\tSpeculation E1\n"
        + "R1\tPart-Of Arg1:T6 Arg2:T8\n"
        + "*\tEquiv T6 T9\n"
        + "N1\tReference T6 Wikidata:Q399\tArmenia\n"
        + "#1\tAnnotatorNotes T1\tvalue=1992-09-11\n"
        + "#2\tAnnotatorNotes T6\tchecked against the map\n"
    )
    gold = read_brat(_write(tmp_path, ann).with_suffix(".ann"))  # the .ann path works as well as the .txt
    assert [e.id for e in gold.entities] == sorted((e.id for e in gold.entities), key=lambda i: gold.entity(i).start)
    assert {e.id for e in gold.entities} == {"T1", "T2", "T3", "T6", "T7", "T8", "T9"}
    assert gold.entity("T1").value == "1992-09-11"
    assert gold.entity("T6").value is None  # a note that is not value=... is only a note
    soviet = gold.entity("T8")
    assert soviet.discontinuous and soviet.fragments == ((start, start + 17), (cuu, cuu + 2))
    assert (soviet.start, soviet.end, soviet.text) == (start, cuu + 2, "Liên bang Xô Viết cũ")
    arrest, attack = sorted(gold.events, key=lambda ev: ev.id)
    assert arrest.type == "Justice.Arrest-Jail" and arrest.modality == "reported/uncertain"
    assert arrest.trigger.text == "bắt được" and arrest.trigger_id == "T4"
    assert attack.type == "Conflict.Attack" and attack.modality == "negated"
    assert attack.arguments == (("Attacker", "T6"), ("Attacker", "T9"), ("Target", "T7"))
    assert [(r.id, r.type, r.arguments) for r in gold.relations] == [
        ("R1", "Part-Of", (("Arg1", "T6"), ("Arg2", "T8"))),
        ("*", "Equiv", (("Arg1", "T6"), ("Arg2", "T9"))),
    ]
    assert [(a.name, a.target, a.value) for a in gold.attributes] == [
        ("Modality", "E2", "negated"),
        ("Speculation", "E1", None),
    ]
    (norm,) = gold.normalizations
    assert (norm.target, norm.db, norm.ref, norm.text) == ("T6", "Wikidata", "Q399", "Armenia")
    assert [n.text for n in gold.notes] == ["value=1992-09-11", "checked against the map"]


def test_offsets_count_carriage_returns_and_newlines_in_spans(tmp_path):
    text = "Vai trò của Nga\r\n\r\nĐài tưởng niệm xe tăng T-72 gần thị trấn Askeran.\r\n"
    s = text.index("Askeran")
    title_end = text.index("\r\n")
    ann = (
        f"T1\tLOC {s} {s + 7}\tAskeran\n"
        # a span across the line break: brat writes it on one line with spaces
        f"T2\tMISC 0 {title_end + 7}\tVai trò của Nga    Đài\n"
    )
    gold = read_brat(_write(tmp_path, ann, text=text))
    assert gold.entity("T1").text == "Askeran"
    assert gold.entity("T2").text == text[: title_end + 7]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("T3\tLOC 12 15 Nga\n", "expected 3 tab-separated fields"),
        ("T3\tLOC 12\tNga\n", "malformed offsets '12'"),
        ("T3\tLOC 15 12\tNga\n", "start 15 is after end 12"),
        ("T3\tLOC 12 99999\tNga\n", "past the end of the text"),
        ("T3\tLOC 0 3\tNga\n", "span text 'Nga' does not match the .txt, which has 'Vai'"),
        ("T1\tLOC 12 15\tNga\n", "duplicate id T1"),
        ("X1\tLOC 12 15\tNga\n", "unknown annotation 'X1'"),
        ("TT\tLOC 12 15\tNga\n", "malformed id 'TT'"),
        ("E1\tConflict.Attack:T2 Attacker\n", "malformed argument 'Attacker'"),
        ("E1\tConflict.Attack:T2 Attacker:T7\n", "E1 (Attacker) refers to T7, which is not defined"),
        ("E1\tConflict.Attack:T1\n", "event type Conflict.Attack differs from its trigger T1's type LOC"),
        ("E1\tLOC:E2\n", "trigger E2 is not a text-bound (T) annotation"),
        ("A1\tModality E9 negated\n", "A1 refers to E9"),
        ("A1\tModality T1 maybe\n", "unknown modality 'maybe'"),
        ("#1\tAnnotatorNotes\tvalue=1\n", "expected 'TYPE TARGET'"),
        ("R1\tPart-Of Arg1:T1\n", "a relation has exactly two arguments"),
        ("N1\tReference T1\tNga\n", "expected 'TYPE TARGET DB:REF'"),
    ],
)
def test_malformed_lines_are_reported_with_file_and_line(tmp_path, line, message):
    ann_text = _t("T1", "LOC", "Nga") + _t("T2", "Conflict.Attack", "tấn công") + line  # the bad line is line 3
    txt = _write(tmp_path, ann_text)
    with pytest.raises(BratError) as err:
        read_brat(txt)
    assert f"{txt.with_suffix('.ann')}:3: " in str(err.value)
    assert message in str(err.value)


def test_missing_files_and_bad_encoding_name_the_file(tmp_path):
    (tmp_path / "lonely.txt").write_text("Nga", encoding="utf-8")
    with pytest.raises(BratError, match=r"lonely\.ann: no \.ann file"):
        read_brat(tmp_path / "lonely.txt")
    with pytest.raises(BratError, match=r"absent\.txt: cannot read"):
        read_brat(tmp_path / "absent")
    (tmp_path / "latin.txt").write_bytes("Nga và Liên Xô".encode("cp1258", errors="replace") + b"\xff")
    (tmp_path / "latin.ann").write_text("", encoding="utf-8")
    with pytest.raises(BratError, match=r"latin\.txt: not valid UTF-8 \(byte \d+\)"):
        read_brat(tmp_path / "latin.txt")


def test_read_brat_dir_walks_subfolders_with_relative_ids(handmade_doc, tmp_path):
    write_brat(handmade_doc, tmp_path)
    _write(tmp_path, _t("T1", "LOC", "Askeran"), name="seed")
    (tmp_path / "README.txt").write_text("not a document", encoding="utf-8")
    docs = list(read_brat_dir(tmp_path))
    assert [d.id for d in docs] == ["handmade/seed_excerpt", "seed"]
    assert docs[1].entities[0].text == "Askeran"
    with pytest.raises(BratError, match="not a directory"):
        list(read_brat_dir(tmp_path / "seed.txt"))


def test_reads_the_projects_ner_gold_for_the_seed_passage():
    """The gold other stages are scored against (corpus/gold/ner/seed, never heldout/)."""
    root = Path(__file__).resolve().parents[2]
    path = root / "corpus" / "gold" / "ner" / "seed" / "000_c94cfb08b554769d.txt"
    gold = read_brat(path)
    assert gold.text == SEED_TEXT
    ann = path.with_suffix(".ann").read_text("utf-8").splitlines()
    assert len(gold.entities) == sum(line.startswith("T") for line in ann)
    assert {e.label for e in gold.entities} <= {"PER", "LOC", "ORG", "MISC", "DATE", "NUM"}
    assert all(gold.text[e.start : e.end] == e.text for e in gold.entities)
    valued = [e for e in gold.entities if e.value is not None]
    assert len(valued) == sum(line.startswith("#") for line in ann)
    assert {e.label for e in valued} == {"DATE", "NUM"}
    assert ("Ngày 11 tháng 9 năm 1992", "1992-09-11") in {(e.text, e.value) for e in valued}
    assert ("23 ngàn", "23000") in {(e.text, e.value) for e in valued}

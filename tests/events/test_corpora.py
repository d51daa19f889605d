"""Reading BKEE and VHE as ACE gold: offsets, segmentation, the type and role mapping (corpora.yaml).

The files here are written by the tests (sentences of our own, in each corpus's format);
the corpora themselves are not in the repository.
"""

from __future__ import annotations

import json

import pytest

from pipeline.events.corpora import CorpusError, load_mappings, read_bkee, read_vhe
from pipeline.events.ontology import OntologyError, load_ontology


@pytest.fixture(scope="module")
def mappings():
    return load_mappings(load_ontology())


def write_bkee(folder, text: str, ann: str, bom: bool = False):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "EV-x-0001.txt").write_text(("\ufeff" if bom else "") + text, encoding="utf-8")
    (folder / "EV-x-0001.ann").write_text(ann, encoding="utf-8")
    return folder


def test_bkee_text_loses_its_underscores_and_keeps_its_offsets(tmp_path, mappings):
    text = "Cảnh_sát đã bắt_giữ hai đối_tượng tại Hà_Nội .\n"
    ann = (
        "T1\tArrest-jail 12 19\tbắt_giữ\n"
        "T2\tPER 0 8\tCảnh_sát\n"
        "T3\tPER 20 33\thai đối_tượng\n"
        "T4\tGPE 38 44\tHà_Nội\n"
        "E1\tArrest-jail:T1 Agent-Arg:T2 Person-Arg2:T3 Place-Arg:T4\n"
    )
    [doc], report = read_bkee(write_bkee(tmp_path, text, ann, bom=True), mappings)
    assert doc.text == text.replace("_", " ")  # no byte-order mark, same length
    [event] = doc.events
    assert (event.type, event.trigger.text) == ("Justice.Arrest-Jail", "bắt giữ")
    args = {role: doc.text[doc.entity(ref).start : doc.entity(ref).end] for role, ref in event.arguments}
    assert args == {"Agent": "Cảnh sát", "Person": "hai đối tượng", "Place": "Hà Nội"}
    assert doc.entity("T4").label == "LOC"  # GPE is a place for us
    assert (report.documents, report.events, report.arguments, report.spans_repaired) == (1, 1, 3, 0)


def test_bkee_offsets_shifted_by_a_dropped_trailing_space_are_repaired(tmp_path, mappings):
    # The annotation tool counted "xong ." without the space before the newline.
    text = "Họ đã họp xong . \nSau đó ông Ba từ_chức .\n"
    start = text.index("từ_chức") - 1
    ann = f"T1\tEnd-position {start} {start + 7}\ttừ_chức\nE1\tEnd-position:T1\n"
    [doc], report = read_bkee(write_bkee(tmp_path, text, ann), mappings)
    assert doc.events[0].trigger.text == "từ chức"
    assert report.spans_repaired == 1


def test_bkee_spelling_and_role_conventions_map_onto_ours(tmp_path, mappings):
    text = "Toà tuyên trắng_án cho ông An ; ông Bình kháng_cáo ; công_ty mua 3 xe giá 2 tỷ đồng .\n"

    def at(word: str) -> str:
        s = text.index(word)
        return f"{s} {s + len(word)}"

    ann = (
        f"T1\tArquit {at('trắng_án')}\ttrắng_án\nT2\tPER {at('ông An')}\tông An\nE1\tArquit:T1 Defendant-Arg:T2\n"
        f"T3\tAppeal {at('kháng_cáo')}\tkháng_cáo\nT4\tPER {at('ông Bình')}\tông Bình\n"
        "E2\tAppeal:T3 Defendant-Arg:T4 Prosecutor-Arg:T2\n"
        f"T5\tTransfer-ownership {at('mua')}\tmua\nT6\tMONEY {at('2 tỷ đồng')}\t2 tỷ đồng\n"
        "E3\tTransfer-ownership:T5 Money-Arg:T6\n"
    )
    [doc], report = read_bkee(write_bkee(tmp_path, text, ann), mappings)
    roles = {ev.type: [role for role, _ in ev.arguments] for ev in doc.events}
    assert roles == {
        "Justice.Acquit": ["Defendant"],
        "Justice.Appeal": ["Plaintiff"],  # the appellant; BKEE's Prosecutor of an appeal has no counterpart
        "Transaction.Transfer-Ownership": ["Price"],
    }
    assert report.unmapped_roles == {"Appeal:Prosecutor": 1}


def test_bkee_bad_lines_name_the_file_and_line(tmp_path, mappings):
    folder = write_bkee(tmp_path, "Ông Ba từ_chức .\n", "T1\tEnd-position 4 11\ttừ_chức\nX1\tfoo\n")
    with pytest.raises(CorpusError, match=r"EV-x-0001\.ann:2: expected a T or E line"):
        read_bkee(folder, mappings)
    folder = write_bkee(tmp_path / "b", "Ông Ba từ_chức .\n", "T1\tEnd-position 4 11\tnghỉ_hưu\n")
    with pytest.raises(CorpusError, match=r"EV-x-0001\.ann:1: T1: 'nghỉ_hưu' is not in the text"):
        read_bkee(folder, mappings)


def vhe_file(tmp_path, records):
    path = tmp_path / "dev.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return path


def vhe_event(text, etype, trigger, arguments):
    s = text.index(trigger)
    args = []
    for role, mention in arguments:
        a = text.index(mention)
        args.append({"mention": mention, "offset": [a, a + len(mention)], "role": role})
    return {"type": etype, "trigger_word": trigger, "offset": [s, s + len(trigger)], "arguments": args}


def test_vhe_thematic_roles_become_ace_roles_by_type(tmp_path, mappings):
    one = "Mùa xuân, vua sai tướng chở thóc về kinh."
    two = "Tháng ấy, quan quân kéo về thành."
    three = "Năm ấy động đất ở kinh thành."
    records = [
        {
            "id": "s1",
            "text": one,
            "events": [
                vhe_event(
                    one,
                    "transport",
                    "chở",
                    [("agent", "tướng"), ("theme", "thóc"), ("goal", "kinh"), ("temporal", "Mùa xuân")],
                ),
            ],
        },
        {"id": "s2", "text": two, "events": [vhe_event(two, "transport", "kéo về", [("agent", "quan quân")])]},
        {"id": "s3", "text": three, "events": [vhe_event(three, "natural-disaster", "động đất", [])]},
    ]
    docs, report = read_vhe(vhe_file(tmp_path, records), mappings)
    roles = [
        {role: doc.text[doc.entity(ref).start : doc.entity(ref).end] for role, ref in ev.arguments}
        for doc in docs
        for ev in doc.events
    ]
    assert roles == [
        # something else is moved: the agent moves it
        {"Agent": "tướng", "Artifact": "thóc", "Destination": "kinh", "Time-Within": "Mùa xuân"},
        {"Artifact": "quan quân"},  # the agent moves itself: it is what is transported
    ]
    assert report.unmapped_types == {"natural-disaster": 1}
    assert (report.documents, report.events) == (3, 2)


def test_vhe_offsets_that_miss_their_text_are_an_error(tmp_path, mappings):
    text = "Vua băng."
    bad = {"type": "die", "trigger_word": "băng", "offset": [0, 4], "arguments": []}
    with pytest.raises(CorpusError, match=r"dev\.json: s1: trigger 'băng' is not at 0"):
        read_vhe(vhe_file(tmp_path, [{"id": "s1", "text": text, "events": [bad]}]), mappings)


def test_a_mapping_to_an_unknown_type_names_the_file(tmp_path):
    path = tmp_path / "corpora.yaml"
    path.write_text("corpora:\n  x:\n    types: {Attack: Conflict.Attak}\n", encoding="utf-8")
    with pytest.raises(OntologyError, match=r"corpora\.yaml: corpora\.x\.types\.Attack: 'Conflict\.Attak' is not in"):
        load_mappings(load_ontology(), path)

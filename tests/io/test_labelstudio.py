"""Label Studio export: every result refers to its config, spans slice the text, events become relations."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from pipeline.io.labelstudio import labelstudio_config, write_labelstudio


def _controls(config: str) -> dict[str, tuple[str, set[str]]]:
    root = ET.fromstring(config)
    controls = {}
    for el in root.iter():
        if "toName" in el.attrib:
            controls[el.attrib["name"]] = (el.tag.lower(), {c.attrib["value"] for c in el})
    return controls


def _check(doc, task, config):
    layer = doc["vi"]
    text = layer["text"]
    assert task["data"] == {"text": text, "doc_id": doc["id"]}
    (prediction,) = task["predictions"]
    controls = _controls(config)
    relations = {el.attrib["value"] for el in ET.fromstring(config).iter("Relation")}
    regions = {}
    for res in prediction["result"]:
        if res["type"] == "relation":
            continue
        kind, allowed = controls[res["from_name"]]
        assert res["type"] == kind and res["to_name"] == "text"
        value = res["value"]
        if kind == "labels":
            assert value["text"] == text[value["start"] : value["end"]]
            assert set(value["labels"]) <= allowed
            regions[res["id"]] = (value["start"], value["end"], value["labels"][0])
        elif kind == "choices":
            assert set(value["choices"]) <= allowed
    got_entities = {(s, e, label) for rid, (s, e, label) in regions.items() if rid.startswith("T")}
    assert got_entities == {(e["start"], e["end"], e["label"]) for e in layer["entities"]}
    got_relations = sorted(
        (r["from_id"], r["labels"][0], r["to_id"]) for r in prediction["result"] if r["type"] == "relation"
    )
    assert got_relations == sorted(
        (ev["id"], a["role"], a["entity"]) for ev in layer["events"] for a in ev["arguments"]
    )
    assert all(
        r["from_id"] in regions and r["to_id"] in regions and r["labels"][0] in relations
        for r in prediction["result"]
        if r["type"] == "relation"
    )
    return prediction


def test_handmade_document(handmade_doc, tmp_path):
    assert write_labelstudio([handmade_doc], tmp_path) == 1
    (task,) = json.loads((tmp_path / "tasks.json").read_text("utf-8"))
    config = (tmp_path / "config.xml").read_text("utf-8")
    prediction = _check(handmade_doc, task, config)
    by_id = {(r["id"], r["from_name"]): r for r in prediction["result"] if "id" in r}
    assert by_id[("T1", "value")]["value"]["text"] == ["1992-09-11"]
    assert by_id[("E2", "event")]["value"]["labels"] == ["Conflict.Attack"]
    assert by_id[("E2", "modality")]["value"]["choices"] == ["reported/uncertain"]
    assert prediction["model_version"] == "songngu 0.1.0"


def test_label_studio_accepts_the_export(handmade_doc, tmp_path):
    """Label Studio's own validator (label-studio-sdk; heavy, so not a test dependency: skipped without it)."""
    interface = pytest.importorskip("label_studio_sdk.label_interface")
    write_labelstudio([handmade_doc], tmp_path)
    (task,) = json.loads((tmp_path / "tasks.json").read_text("utf-8"))
    checker = interface.LabelInterface((tmp_path / "config.xml").read_text("utf-8"))
    assert checker.validate_prediction(task["predictions"][0], return_errors=True) == []
    broken = {
        "result": [
            dict(task["predictions"][0]["result"][0], value={"start": 0, "end": 4, "text": "Ngày", "labels": ["GPE"]})
        ]
    }
    assert checker.validate_prediction(broken, return_errors=True)  # and it does catch a bad label


def test_config_lists_types_and_roles():
    config = labelstudio_config(["Conflict.Attack", "Justice.Arrest-Jail"], ["Attacker", "Time-Within"])
    controls = _controls(config)
    assert controls["event"][1] == {"Conflict.Attack", "Justice.Arrest-Jail"}
    assert controls["label"][1] == {"PER", "LOC", "ORG", "MISC", "DATE", "NUM", "OTHER"}
    assert controls["modality"][1] == {"asserted", "negated", "reported/uncertain"}
    assert {el.attrib["value"] for el in ET.fromstring(config).iter("Relation")} == {"Attacker", "Time-Within"}


def test_seed_passage(seed_doc, tmp_path):
    write_labelstudio([seed_doc], tmp_path)
    (task,) = json.loads((tmp_path / "tasks.json").read_text("utf-8"))
    _check(seed_doc, task, (tmp_path / "config.xml").read_text("utf-8"))

"""Label Studio export: every result refers to its config, spans slice the text, events become relations."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

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


def _format_errors(prediction, config: str) -> list[str]:
    """What Label Studio checks of a prediction against its labelling config, per its docs
    (labelstud.io/guide/export "Label Studio JSON format", /guide/predictions) and as the SDK's
    ``LabelInterface.validate_prediction`` does: every region names a control and an object of the
    config, its type is the control's tag, its value has the keys of that type and only the control's
    labels; a relation joins two regions of the result with a label of <Relations>; per-region
    results (a text area, a choice) share the id of a region."""
    root = ET.fromstring(config)
    objects = {el.attrib["name"] for el in root.iter() if "value" in el.attrib and el.attrib["value"].startswith("$")}
    controls = _controls(config)
    relation_labels = {el.attrib["value"] for el in root.iter("Relation")}
    keys = {"labels": {"start", "end", "text", "labels"}, "textarea": {"text"}, "choices": {"choices"}}
    errors, regions = [], set()
    results = prediction["result"]
    for n, res in enumerate(results):
        if res.get("type") == "relation":
            continue
        missing = {"id", "from_name", "to_name", "type", "value"} - set(res)
        if missing:
            errors.append(f"{n}: missing {sorted(missing)}")
            continue
        if res["from_name"] not in controls or res["to_name"] not in objects:
            errors.append(f"{n}: {res['from_name']} -> {res['to_name']} not in the config")
            continue
        tag, allowed = controls[res["from_name"]]
        value = res["value"]
        if res["type"] != tag:
            errors.append(f"{n}: type {res['type']} for a <{tag}>")
        elif not keys[tag] <= set(value):
            errors.append(f"{n}: value lacks {sorted(keys[tag] - set(value))}")
        elif tag in ("labels", "choices") and not set(value[tag]) <= allowed:
            errors.append(f"{n}: {value[tag]} not among the config's {tag}")
        if tag == "labels":
            regions.add(res["id"])
    for n, res in enumerate(results):
        if res.get("type") == "relation":
            if res["from_id"] not in regions or res["to_id"] not in regions:
                errors.append(f"{n}: relation between unknown regions")
            if res.get("direction") not in ("left", "right", "bi") or not set(res["labels"]) <= relation_labels:
                errors.append(f"{n}: relation direction or label not in the config")
        elif res["type"] != "labels" and res["id"] not in regions:
            errors.append(f"{n}: per-region {res['type']} of no region")
    return errors


def test_the_export_is_valid_label_studio_input(handmade_doc, seed_doc, tmp_path):
    """The task format as Label Studio documents it (checked once, too, with label-studio-sdk 2.0.19's
    validator, which is not a test dependency: it pulls in OpenCV and pandas)."""
    write_labelstudio([handmade_doc, seed_doc], tmp_path)
    config = (tmp_path / "config.xml").read_text("utf-8")
    tasks = json.loads((tmp_path / "tasks.json").read_text("utf-8"))
    assert len(tasks) == 2 and all(t["predictions"][0]["result"] for t in tasks)
    for task in tasks:
        assert _format_errors(task["predictions"][0], config) == []
    first = tasks[0]["predictions"][0]["result"]
    # and the check does catch what Label Studio would refuse
    bad_label = dict(first[0], value={"start": 0, "end": 4, "text": "Ngày", "labels": ["GPE"]})
    stray = {"from_id": "T1", "to_id": "E9", "type": "relation", "direction": "right", "labels": ["Attacker"]}
    assert len(_format_errors({"result": [bad_label, *first[1:], stray]}, config)) == 2


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

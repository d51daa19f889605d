"""UIMA CAS XMI export: loads with cassis and the written type system; spans, POS, values and events survive;
no layer that INCEpTION defines without overlap holds overlapping annotations; INCEpTION's settings files."""

from __future__ import annotations

import json

from cassis import load_cas_from_xmi, load_typesystem

from pipeline.io.xmi import ENTITY, EVENT, NAMED_ENTITY, SENTENCE, TOKEN, write_xmi


def _load(out, doc_id):
    with (out / "TypeSystem.xml").open("rb") as handle:
        ts = load_typesystem(handle)
    with (out / f"{doc_id}.xmi").open("rb") as handle:
        return load_cas_from_xmi(handle, typesystem=ts)


def _check(doc, cas):
    layer = doc["vi"]
    assert cas.sofa_string == layer["text"]
    tokens = cas.select(TOKEN)
    assert [(t.begin, t.end, t.get_covered_text()) for t in tokens] == [
        (t["start"], t["end"], t["text"]) for t in layer["tokens"]
    ]
    assert [(t.pos.PosValue, t.pos.coarseValue) for t in tokens] == [
        (t.get("pos"), t.get("upos")) for t in layer["tokens"]
    ]
    assert len(cas.select(SENTENCE)) == len(
        [s for s in layer["sentences"] if s.get("tokens", [0, 1])[1] > s.get("tokens", [0, 0])[0]]
    )
    got = sorted((e.begin, e.end, e.label, e.value) for e in cas.select(ENTITY))
    assert got == sorted(
        (e["start"], e["end"], e["label"], None if e.get("value") is None else str(e["value"]))
        for e in layer["entities"]
    )
    assert cas.select(NAMED_ENTITY) == []
    by_span = {(e["start"], e["end"], e["label"]): e["id"] for e in layer["entities"]}
    events = sorted(cas.select(EVENT), key=lambda fs: fs.begin)
    assert [
        (
            ev.begin,
            ev.end,
            ev.eventType,
            ev.modality,
            [
                (link.role, by_span[(link.target.begin, link.target.end, link.target.label)])
                for link in ev.arguments.elements
            ],
        )
        for ev in events
    ] == [
        (
            ev["trigger"]["start"],
            ev["trigger"]["end"],
            ev["type"],
            ev["modality"],
            [(a["role"], a["entity"]) for a in ev["arguments"]],
        )
        for ev in sorted(layer["events"], key=lambda e: e["trigger"]["start"])
    ]


def _inception_view(out, cas):
    """(overlapping pairs per layer INCEpTION would refuse, annotations off token boundaries, nested Entity pairs).

    INCEpTION's built-in layers (Token, Sentence, POS, Lemma, Named entity, ...) allow no overlap;
    our custom layers allow what layers.json says they allow, and anchor to tokens."""
    layers = {layer["name"]: layer for layer in json.loads((out / "inception" / "layers.json").read_text("utf-8"))}
    starts = {t.begin for t in cas.select(TOKEN)}
    ends = {t.end for t in cas.select(TOKEN)}
    refused, off_token, nested = {}, [], 0
    by_type = {}
    for fs in cas.select_all_annotations():
        if fs.type.name != "uima.tcas.DocumentAnnotation":
            by_type.setdefault(fs.type.name, []).append(fs)
    for name, spans in by_type.items():
        spans.sort(key=lambda fs: (fs.begin, fs.end))
        pairs = [
            (a, b) for i, a in enumerate(spans) for b in spans[i + 1 :] if b.begin < a.end
        ]  # sorted: b starts at or after a
        if name in layers:
            assert layers[name]["overlap_mode"] == "ANY_OVERLAP" and layers[name]["anchoring_mode"] == "TOKENS"
            nested += len(pairs) if name == ENTITY else 0
            off_token += [fs for fs in spans if fs.begin not in starts or fs.end not in ends]
        elif pairs:
            refused[name] = len(pairs)
    return refused, off_token, nested


def test_handmade_document(handmade_doc, tmp_path):
    assert write_xmi([handmade_doc], tmp_path) == 1
    cas = _load(tmp_path, handmade_doc["id"])
    _check(handmade_doc, cas)
    date = cas.select(ENTITY)[0]
    assert (date.get_covered_text(), date.label, date.value) == ("Ngày 11 tháng 9 năm 1992", "DATE", "1992-09-11")
    assert cas.document_language == "vi"


def test_offsets_are_utf16_in_the_file_and_code_points_in_python(make_tiny_document, tmp_path):
    # UIMA counts UTF-16 units: an astral character (a flag is two of them, each two units) shifts
    # the file's offsets by 2 per character while our code-point offsets shift by 1.
    doc = make_tiny_document(
        "🇷🇺 Quân đoàn 7 Nga", [("🇷🇺", "X"), ("Quân đoàn", "N"), ("7", "M"), ("Nga", "Np")], [("Quân đoàn 7 Nga", "ORG")]
    )
    assert doc["vi"]["entities"][0]["start"] == 3
    write_xmi([doc], tmp_path)
    assert 'begin="5" end="20"' in (tmp_path / "tiny.xmi").read_text("utf-8")
    (org,) = _load(tmp_path, "tiny").select(ENTITY)
    assert (org.begin, org.end, org.get_covered_text()) == (3, 18, "Quân đoàn 7 Nga")


def test_seed_passage_opens_in_inception_without_overlap_errors(seed_doc, tmp_path):
    write_xmi([seed_doc], tmp_path)
    cas = _load(tmp_path, seed_doc["id"])
    _check(seed_doc, cas)
    refused, off_token, nested = _inception_view(tmp_path, cas)
    assert refused == {} and off_token == []
    # the nested entities (OTHER arguments around names: quân [Nga]) are all there, in the layer that allows them
    ents = seed_doc["vi"]["entities"]
    overlapping = sum(
        1 for i, a in enumerate(ents) for b in ents[i + 1 :] if a["start"] < b["end"] and b["start"] < a["end"]
    )
    assert nested == overlapping > 0


def test_inception_settings_name_every_label_type_and_role(handmade_doc, tmp_path):
    write_xmi([handmade_doc], tmp_path)
    settings = tmp_path / "inception"
    entity, event = json.loads((settings / "layers.json").read_text("utf-8"))
    assert (entity["name"], event["name"]) == (ENTITY, EVENT)
    labels = {t["tag_name"] for t in entity["features"][0]["tag_set"]["tags"]}
    assert labels == {"PER", "LOC", "ORG", "MISC", "DATE", "NUM", "OTHER"}
    assert [f["name"] for f in entity["features"]] == ["label", "value"]
    link = next(f for f in event["features"] if f["name"] == "arguments")
    assert (link["type"], link["link_mode"], link["multi_value_mode"]) == (ENTITY, "WITH_ROLE", "ARRAY")
    assert link["link_type_name"] == "webanno.custom.EventArgumentsLink"
    roles = {t["tag_name"] for t in link["tag_set"]["tags"]}
    types = {t["tag_name"] for t in event["features"][0]["tag_set"]["tags"]}
    for ev in handmade_doc["vi"]["events"]:
        assert ev["type"] in types and {a["role"] for a in ev["arguments"]} <= roles
    assert {"Conflict.Attack", "Contact.Statement", "Life.Die"} <= types and len(types) == 34
    # the stand-alone tag set files hold the same vocabularies
    assert {t["tag_name"] for t in json.loads((settings / "tagset-roles.json").read_text("utf-8"))["tags"]} == roles
    assert json.loads((settings / "tagset-entity-labels.json").read_text("utf-8"))["create_tag"] is False
    # the type system has every feature the layers name, with the link's target type
    ts = load_typesystem((tmp_path / "TypeSystem.xml").read_text("utf-8"))
    for layer in (entity, event):
        for feature in layer["features"]:
            assert ts.get_type(layer["name"]).get_feature(feature["name"]) is not None
    assert ts.get_type(link["link_type_name"]).get_feature("target").rangeType.name == ENTITY

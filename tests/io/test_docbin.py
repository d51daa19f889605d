"""spaCy DocBin export: loads with a blank Vietnamese vocab; text, words, tags, sentences and ents survive."""

from __future__ import annotations

import copy

import spacy
from spacy.tokens import DocBin

from pipeline.io.docbin import write_docbin


def _load(path):
    return list(DocBin().from_disk(path).get_docs(spacy.blank("vi").vocab))


def _check(doc, sdoc):
    layer = doc["vi"]
    assert sdoc.text == layer["text"]  # offsets are therefore the same
    words = [t for t in sdoc if not t.is_space]
    assert [(t.idx, t.idx + len(t.text), t.text) for t in words] == [
        (t["start"], t["end"], t["text"]) for t in layer["tokens"]
    ]
    assert [t.tag_ for t in words] == [t.get("pos", "") for t in layer["tokens"]]
    assert [t.pos_ for t in words] == [t.get("upos", "") for t in layer["tokens"]]
    starts = {
        layer["tokens"][s["tokens"][0]]["start"] if "tokens" in s else s["start"]
        for s in layer["sentences"]
        if s.get("tokens", [0, 1])[1] > s.get("tokens", [0, 0])[0]
    }
    assert {s[0].idx for s in sdoc.sents} == starts
    named = {(e["start"], e["end"], e["label"]) for e in layer["entities"] if e["label"] != "OTHER"}
    assert {(s.start_char, s.end_char, s.label_) for s in sdoc.spans["entities"]} == named
    assert {(e.start_char, e.end_char, e.label_) for e in sdoc.ents} <= named
    assert {(s.start_char, s.end_char, s.label_) for s in sdoc.spans["arguments"]} == {
        (e["start"], e["end"], "OTHER") for e in layer["entities"] if e["label"] == "OTHER"
    }
    values = {(e["start"], e["end"]): e["value"] for e in layer["entities"] if e.get("value") is not None}
    assert {(e.start_char, e.end_char): e._.value for e in sdoc.ents if e._.value is not None} == {
        k: v for k, v in values.items() if any((e.start_char, e.end_char) == k for e in sdoc.ents)
    }
    meta = sdoc.user_data["songngu"]
    assert meta["id"] == doc["id"]
    # (msgpack gives lists back as tuples)
    assert [(e["type"], tuple(e["trigger"])) for e in meta["events"]] == [
        (ev["type"], (ev["trigger"]["start"], ev["trigger"]["end"])) for ev in layer["events"]
    ]


def test_handmade_document(handmade_doc, tmp_path):
    path = tmp_path / "corpus.spacy"
    assert write_docbin([handmade_doc], path) == 1
    (sdoc,) = _load(path)
    _check(handmade_doc, sdoc)
    assert [e.text for e in sdoc.ents][:5] == ["Ngày 11 tháng 9 năm 1992", "Azerbaijan", "6", "Nga", "Quân đoàn 7 Nga"]
    assert sdoc.ents[0]._.value == "1992-09-11" and sdoc.ents[0]._.source == "gold:hand"
    assert any(t.text == "đặc nhiệm" for t in sdoc)  # a Vietnamese word with its space, as one token
    space = [t for t in sdoc if t.is_space]
    assert [t.text for t in space] == ["\n\n"] and space[0].tag_ == "_SP"  # the paragraph break
    attack = sdoc.user_data["songngu"]["events"][1]
    assert attack["modality"] == "reported/uncertain"
    assert [(a["role"], sdoc.text[a["start"] : a["end"]]) for a in attack["arguments"]] == [
        ("Attacker", "các đơn vị Armenia"),
        ("Attacker", "Các đơn vị quân Nga"),
        ("Target", "Khojaly"),
    ]


def test_seed_passage(seed_doc, handmade_doc, tmp_path):
    path = tmp_path / "corpus.spacy"
    assert write_docbin([seed_doc, handmade_doc], path) == 2
    seed, handmade = _load(path)
    _check(seed_doc, seed)
    _check(handmade_doc, handmade)


def test_the_entities_doc_ents_cannot_hold_are_counted(handmade_doc, seed_doc, tmp_path):
    """What `songngu export --to spacy` reports: by document, the named entities doc.ents cannot hold (one inside
    another: they are in doc.spans["entities"] only); nothing for a document without any."""
    nested = copy.deepcopy(handmade_doc)
    corps = next(e for e in nested["vi"]["entities"] if e["text"] == "Quân đoàn 7 Nga")
    inner = {**corps, "id": "T999", "end": corps["end"] - len(" Nga"), "text": "Quân đoàn 7"}
    nested["vi"]["entities"].append(inner)
    path, lost = tmp_path / "corpus.spacy", {}
    assert write_docbin([nested, seed_doc], path, not_in_ents=lost) == 2
    assert lost == {nested["id"]: 1}
    sdoc = _load(path)[0]
    assert len(sdoc.spans["entities"]) - len(sdoc.ents) == 1

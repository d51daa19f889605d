"""UIMA CAS XMI export: loads with cassis and the written type system; spans, POS, values and events survive."""

from __future__ import annotations

from cassis import load_cas_from_xmi, load_typesystem

from pipeline.io.xmi import EVENT, NAMED_ENTITY, SENTENCE, TOKEN, write_xmi


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
    got = sorted((ne.begin, ne.end, ne.value, ne.identifier) for ne in cas.select(NAMED_ENTITY))
    assert got == sorted(
        (e["start"], e["end"], e["label"], None if e.get("value") is None else str(e["value"]))
        for e in layer["entities"]
    )
    by_span = {(e["start"], e["end"], e["label"]): e["id"] for e in layer["entities"]}
    events = sorted(cas.select(EVENT), key=lambda fs: fs.begin)
    assert [
        (
            ev.begin,
            ev.end,
            ev.eventType,
            ev.modality,
            [
                (link.role, by_span[(link.target.begin, link.target.end, link.target.value)])
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


def test_handmade_document(handmade_doc, tmp_path):
    assert write_xmi([handmade_doc], tmp_path) == 1
    cas = _load(tmp_path, handmade_doc["id"])
    _check(handmade_doc, cas)
    date = cas.select(NAMED_ENTITY)[0]
    assert (date.get_covered_text(), date.value, date.identifier) == ("Ngày 11 tháng 9 năm 1992", "DATE", "1992-09-11")
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
    (org,) = _load(tmp_path, "tiny").select(NAMED_ENTITY)
    assert (org.begin, org.end, org.get_covered_text()) == (3, 18, "Quân đoàn 7 Nga")


def test_seed_passage(seed_doc, tmp_path):
    write_xmi([seed_doc], tmp_path)
    _check(seed_doc, _load(tmp_path, seed_doc["id"]))

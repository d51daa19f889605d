"""CoNLL-U output: parses with the conllu library, words land on their character spans, NE tags decode."""

from __future__ import annotations

import conllu

from pipeline.io.conll import decode
from pipeline.io.conllu import read_conllu, write_conllu
from pipeline.io.layer import bio_tags


def _check(doc, path):
    layer = doc["vi"]
    tokens = layer["tokens"]
    dropped = write_conllu(doc, path)
    parsed = conllu.parse(path.read_text("utf-8"))
    # the conllu library reads it back, words (with their inner spaces) intact
    assert [tok["form"] for sent in parsed for tok in sent] == [t["text"] for t in tokens]
    assert [tok["xpos"] for sent in parsed for tok in sent] == [t.get("pos") for t in tokens]
    assert [tok["upos"] for sent in parsed for tok in sent] == [t.get("upos") for t in tokens]
    assert parsed[0].metadata["newdoc id"] == doc["id"]
    assert len({sent.metadata["sent_id"] for sent in parsed}) == len(parsed)
    # each word's character span in its sentence's "# text", shifted by the sentence start, is the word's
    # span in our text; TokenRange says the same directly
    got, i = [], 0
    for sent in read_conllu(path):
        base = tokens[i]["start"]
        got += [(base + w.start, base + w.end) for w in sent.words]
        i += len(sent.words)
    assert got == [(t["start"], t["end"]) for t in tokens]
    ranges = [tuple(map(int, tok["misc"]["TokenRange"].split(":"))) for sent in parsed for tok in sent]
    assert ranges == got
    # SpaceAfter=No exactly where the next word follows without a space
    no_space = [tok["misc"].get("SpaceAfter") == "No" for sent in parsed for tok in sent]
    assert no_space == [i + 1 < len(tokens) and tokens[i + 1]["start"] == t["end"] for i, t in enumerate(tokens)]
    # NE tags decode to the entities BIO can hold
    spans = set()
    for sent in parsed:
        tags = [(tok["misc"] or {}).get("NE", "O") for tok in sent]
        for label, a, b in decode(tags, "BIO"):
            spans.add(
                (label, sent[a]["misc"]["TokenRange"].split(":")[0], sent[b - 1]["misc"]["TokenRange"].split(":")[1])
            )
    want = {
        (e["label"], str(e["start"]), str(e["end"]))
        for e in layer["entities"]
        if e["label"] != "OTHER" and e not in dropped
    }
    assert spans == want
    return parsed, dropped


def test_handmade_document(handmade_doc, tmp_path):
    parsed, dropped = _check(handmade_doc, tmp_path / "doc.conllu")
    assert dropped == []
    first = parsed[0]
    assert first.metadata["text"].startswith("Ngày 11 tháng 9 năm 1992, quân Azerbaijan")
    word = next(tok for tok in first if tok["form"] == "Quân đoàn")
    assert (word["xpos"], word["upos"], word["misc"]["NE"]) == ("N", "NOUN", "B-ORG")
    # the paragraph break between sentences 2 and 3 does not leak into a comment line
    assert all("\n" not in s.metadata["text"] for s in parsed)


def test_seed_passage(seed_doc, tmp_path):
    parsed, dropped = _check(seed_doc, tmp_path / "seed.conllu")
    assert len(parsed) == len(seed_doc["vi"]["sentences"])
    _, expected_dropped = bio_tags(seed_doc["vi"])
    assert dropped == expected_dropped


def _ud_validate(paths, level):
    """UD's own validator (validate.py, packaged as udtools): the incidents it reports, errors and warnings."""
    from udtools import Validator

    state = Validator(lang="ud" if level < 4 else "vi", level=level, output=None).validate_files(list(map(str, paths)))
    return bool(state), sorted({incident.testid for incident in state.error_tracker})


def test_exports_pass_ud_validation_at_level_1(seed_doc, handmade_doc, make_tiny_document, tmp_path):
    """The README says: level-1 CoNLL-U (no syntax). UD's validator agrees, on real and awkward text."""
    awkward = make_tiny_document(
        "🇷🇺 Lê Văn Tám\tnói:  Nhà hát\r\nLớn.",
        [("🇷🇺", "X"), ("Lê Văn Tám", "Np"), ("nói", "V"), (":", "CH"), ("Nhà hát\r\nLớn", "N"), (".", "CH")],
        [("Lê Văn Tám", "PER")],
        doc_id="awkward doc",
    )
    paths = []
    for doc in (seed_doc, handmade_doc, awkward):
        paths.append(tmp_path / f"{len(paths)}.conllu")
        write_conllu(doc, paths[-1])
    assert _ud_validate(paths, level=1) == (True, [])
    text = paths[0].read_text("utf-8")
    assert text.startswith(f"# newdoc id = {seed_doc['id']}\n# songngu = level-1 CoNLL-U")
    # the word across a line break is one FORM with one space; TokenRange keeps its characters
    (sent,) = conllu.parse(paths[2].read_text("utf-8"))
    word = sent[4]
    assert (word["form"], word["misc"]["TokenRange"]) == ("Nhà hát Lớn", "20:32")
    assert [(w.start, w.end) for s in read_conllu(paths[2]) for w in s.words][4] == (20, 32)
    # and level 2 fails for the stated reason: there is no syntax
    passed, incidents = _ud_validate(paths[:1], level=2)
    assert not passed and "invalid-head" in incidents

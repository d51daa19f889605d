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

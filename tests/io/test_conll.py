"""CoNLL-2003 / VLSP 2016 columns: reading gold, writing our documents, round trips."""

from __future__ import annotations

import copy

import pytest

from pipeline.io.conll import ConllError, decode, read_conll, write_conll
from pipeline.io.layer import bio_tags

# VLSP 2016 layout (word, POS, chunk, NER, nested NER; tab-separated, words with
# spaces) on a sentence of the seed passage, written by hand.
VLSP = """\
Các\tL\tB-NP\tO\tO
đơn vị\tN\tI-NP\tO\tO
quân\tN\tI-NP\tO\tO
Nga\tNp\tI-NP\tB-LOC\tO
hợp tác\tV\tB-VP\tO\tO
với\tE\tB-PP\tO\tO
Bộ\tN\tB-NP\tB-ORG\tO
Quốc phòng\tN\tI-NP\tI-ORG\tO
Armenia\tNp\tI-NP\tI-ORG\tB-LOC
.\tCH\tO\tO\tO

Markar\tNp\tB-NP\tB-PER\tO
Melkonian\tNp\tI-NP\tI-PER\tO
cho biết\tV\tB-VP\tO\tO
"""

# CoNLL-2003 layout: space-separated, -DOCSTART-, original IOB1 tags.
CONLL2003 = """\
-DOCSTART- -X- -X- O

Phóng_viên N B-NP O
tờ N I-NP O
Boston Np B-NP I-ORG
Globe Np I-NP I-ORG
chứng_kiến V B-VP O
Stepanakert Np B-NP I-LOC
. CH O O

-DOCSTART- -X- -X- O

Yury Np B-NP I-PER
Nikolayevich Np I-NP I-PER
Monte Np B-NP B-PER
"""


def _spans(sentences):
    return [[(e.label, e.start, e.end, e.text) for e in s.entities] for s in sentences]


def test_reads_vlsp_columns_with_spaces_in_words_and_the_nested_column(tmp_path):
    path = tmp_path / "vlsp.txt"
    path.write_text(VLSP, encoding="utf-8")
    first, second = read_conll(path)
    assert first.words[1] == "đơn vị" and first.pos[1] == "N" and first.chunks[1] == "I-NP"
    assert _spans([first, second]) == [
        [("LOC", 3, 4, "Nga"), ("ORG", 6, 9, "Bộ Quốc phòng Armenia")],
        [("PER", 0, 2, "Markar Melkonian")],
    ]
    assert first.nested[8] == "B-LOC"
    org = first.entities[1]
    assert first.text[org.char_start : org.char_end] == "Bộ Quốc phòng Armenia"
    assert (first.line, second.line) == (1, 12)


def test_reads_conll2003_iob1_with_docstart(tmp_path):
    path = tmp_path / "train.txt"
    path.write_text(CONLL2003, encoding="utf-8")
    sentences = read_conll(path)
    assert [s.document for s in sentences] == [0, 1]
    # IOB1: I- opens an entity after O; B- separates two adjacent entities of one type
    assert _spans(sentences) == [
        [("ORG", 2, 4, "Boston Globe"), ("LOC", 5, 6, "Stepanakert")],
        [("PER", 0, 2, "Yury Nikolayevich"), ("PER", 2, 3, "Monte")],
    ]
    assert sentences[0].words[0] == "Phóng_viên"
    spaced = read_conll(path, underscores_as_spaces=True)
    assert spaced[0].words[0] == "Phóng viên" and spaced[0].words[2] == "Boston"


def test_named_schemes_decode_strictly():
    tags = ["S-PER", "O", "B-ORG", "I-ORG", "E-ORG", "I-LOC", "O"]
    assert decode(tags, "IOBES") == [("PER", 0, 1), ("ORG", 2, 5)]  # the stray I-LOC is no entity
    assert decode(tags) == [("PER", 0, 1), ("ORG", 2, 5), ("LOC", 5, 6)]  # conlleval's leniency
    assert decode(["I-PER", "I-PER", "B-PER"], "IOB1") == [("PER", 0, 2), ("PER", 2, 3)]
    assert decode(["I-PER", "B-LOC"], "BIO") == [("LOC", 1, 2)]
    with pytest.raises(ValueError, match="unknown tagging scheme 'XYZ'"):
        decode(["O"], "XYZ")


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("Nga Np B-NP B-LOC\nở E B-PP LOC\n", 2, "'LOC' in column 4 is not an entity tag"),
        ("Nga Np B-NP B-LOC\nở E B-PP\n", 2, "3 columns where the file's first token line has 4"),
        ("Nga\n", 1, "expected at least 2 columns"),
        ("Nga\tNp\tB-NP\tB-LOC\tX\n", 1, "'X' in column 5 is not an entity tag"),
    ],
)
def test_malformed_files_are_reported_with_file_and_line(tmp_path, text, where, message):
    path = tmp_path / "bad.conll"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConllError) as err:
        read_conll(path)
    assert str(err.value).startswith(f"{path}:{where}: ")
    assert message in str(err.value)


def _representable(layer):
    return {(e["label"], e["start"], e["end"]) for e in layer["entities"] if e["label"] != "OTHER"}


def _read_back_char_spans(sentences, layer):
    """Map the reader's token spans back onto the document's character offsets."""
    tokens = layer["tokens"]
    spans, offset = set(), 0
    for sent in sentences:
        for ent in sent.entities:
            first, last = tokens[offset + ent.start], tokens[offset + ent.end - 1]
            spans.add((ent.label, first["start"], last["end"]))
        offset += len(sent.words)
    return spans


def test_round_trip_of_a_handmade_document(handmade_doc, tmp_path):
    out = tmp_path / "doc.conll"
    dropped = write_conll(handmade_doc, out)
    assert dropped == []  # OTHER is not written; every named entity sits on token boundaries
    sentences = read_conll(out, scheme="BIO", underscores_as_spaces=True)
    layer = handmade_doc["vi"]
    assert [len(s.words) for s in sentences] == [b - a for a, b in (s["tokens"] for s in layer["sentences"])]
    assert [w for s in sentences for w in s.words] == [t["text"] for t in layer["tokens"]]
    assert [p for s in sentences for p in s.pos] == [t["pos"] for t in layer["tokens"]]
    assert "đặc nhiệm" in sentences[0].words  # spaces inside words survive
    assert _read_back_char_spans(sentences, layer) == _representable(layer)
    iobes = tmp_path / "doc.iobes"
    write_conll(handmade_doc, iobes, scheme="IOBES")
    assert _read_back_char_spans(read_conll(iobes, scheme="IOBES"), layer) == _representable(layer)
    spaced = tmp_path / "doc.spaced"
    write_conll(handmade_doc, spaced, word_sep=" ")  # VLSP's tab-separated layout with spaces in words
    assert [w for s in read_conll(spaced) for w in s.words] == [t["text"] for t in layer["tokens"]]


def test_round_trip_of_the_seed_passage(seed_doc, tmp_path):
    out = tmp_path / "seed.conll"
    dropped = write_conll(seed_doc, out)
    layer = seed_doc["vi"]
    written = _representable(layer) - {(e["label"], e["start"], e["end"]) for e in dropped}
    sentences = read_conll(out, scheme="BIO", underscores_as_spaces=True)
    assert _read_back_char_spans(sentences, layer) == written
    # words come back with their spaces, except those whose text had an underscore of its own
    # (the passage's title "Chiến_tranh_Nagorno-Karabakh"): '_' is VLSP's word separator
    back = [w for s in sentences for w in s.words]
    assert [w for w, t in zip(back, layer["tokens"]) if w != t["text"]] == [
        t["text"].replace("_", " ") for t in layer["tokens"] if "_" in t["text"]
    ]
    assert len(back) == len(layer["tokens"])


def test_every_line_has_four_columns_however_it_is_split(seed_doc, handmade_doc, tmp_path):
    """Whitespace-splitting readers (conlleval, CoNLL-2003 loaders) see the same columns as tab-splitting ones."""
    for doc, joined in ((seed_doc, "Liên_bang"), (handmade_doc, "đặc_nhiệm")):
        out = tmp_path / "doc.conll"
        write_conll(doc, out)
        lines = [line for line in out.read_text("utf-8").split("\n") if line]
        assert len(lines) > len(doc["vi"]["tokens"])
        assert {len(line.split()) for line in lines} == {4}
        assert {len(line.split("\t")) for line in lines} == {4}
        assert f"\n{joined}\t" in out.read_text("utf-8")


def test_overlaps_and_off_boundary_entities_are_dropped_not_stretched(handmade_doc):
    layer = copy.deepcopy(handmade_doc["vi"])
    org = next(e for e in layer["entities"] if e["label"] == "ORG")  # Quân đoàn 7 Nga
    nga = org["text"].rindex("Nga") + org["start"]
    layer["entities"].append(
        {"id": "T98", "start": nga, "end": nga + 3, "label": "LOC", "text": "Nga", "source": "test"}
    )
    quan = layer["text"].index("Quân")
    layer["entities"].append(
        {"id": "T99", "start": quan, "end": quan + 2, "label": "MISC", "text": "Qu", "source": "test"}
    )
    tags, dropped = bio_tags(layer)
    assert {e["id"] for e in dropped} == {"T98", "T99"}
    starts = {t["start"]: i for i, t in enumerate(layer["tokens"])}
    i = starts[org["start"]]
    assert tags[i : i + 4] == ["B-ORG", "I-ORG", "I-ORG", "O"]  # Quân đoàn / 7 / Nga / đóng
    with_other, _ = bio_tags(layer, labels=["OTHER"])
    assert with_other.count("B-OTHER") == sum(e["label"] == "OTHER" for e in layer["entities"]) == 5

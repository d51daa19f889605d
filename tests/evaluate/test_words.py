"""Word segmentation and POS figures, computed by hand on a small example."""

from __future__ import annotations

import unicodedata

import pytest

from pipeline.evaluate import EvalInputError, evaluate
from pipeline.evaluate.documents import from_json
from pipeline.evaluate.words import load_tag_map

TEXT = "Liên bang Xô Viết sụp đổ năm 1991."

# Gold: 6 words.        Liên bang | Xô Viết | sụp đổ | năm | 1991 | .
GOLD_WORDS = [
    ("Liên bang", "Np", "PROPN"),
    ("Xô Viết", "Np", "PROPN"),
    ("sụp đổ", "V", "VERB"),
    ("năm", "N", "NOUN"),
    ("1991", "M", "NUM"),
    (".", "CH", "PUNCT"),
]
# Prediction: splits "Liên bang", merges "năm 1991", mistags "sụp đổ" (NOUN, N).
PRED_WORDS = [
    ("Liên", "Np", "PROPN"),
    ("bang", "N", "NOUN"),
    ("Xô Viết", "Np", "PROPN"),
    ("sụp đổ", "N", "NOUN"),
    ("năm 1991", "N", "NOUN"),
    (".", "CH", "PUNCT"),
]


def _docs(build, gold_text=TEXT, pred_text=TEXT, gold_words=GOLD_WORDS, pred_words=PRED_WORDS):
    gold = from_json(build.document("d", build.layer(gold_text, words=gold_words)))
    pred = from_json(build.document("d", build.layer(pred_text, words=pred_words)))
    return [gold], [pred]


def test_segmentation_and_tagging_by_hand(build):
    result = evaluate(*_docs(build), resamples=0)
    # Word spans: gold 6, predicted 6; right: "Xô Viết", "sụp đổ", "." -> tp 3, fp 3, fn 3.
    ws = result["tasks"]["ws"]["words"]
    assert (ws["tp"], ws["fp"], ws["fn"]) == (3, 3, 3)
    assert ws["precision"] == ws["recall"] == ws["f1"] == pytest.approx(0.5)
    # UPOS accuracy on gold words, each gold word taking the tag of the predicted word
    # overlapping it most:
    #   Liên bang <- "Liên" (tie 4/4 chars with "bang": leftmost) PROPN  right
    #   Xô Viết   <- "Xô Viết" PROPN                                    right
    #   sụp đổ    <- "sụp đổ" NOUN                                      wrong (VERB)
    #   năm       <- "năm 1991" NOUN                                    right
    #   1991      <- "năm 1991" NOUN                                    wrong (NUM)
    #   .         <- "." PUNCT                                          right   => 4 / 6
    upos = result["tasks"]["pos"]["upos"]
    assert (upos["accuracy"]["correct"], upos["accuracy"]["total"]) == (4, 6)
    assert upos["accuracy"]["accuracy"] == pytest.approx(4 / 6)
    # End to end, (span, tag) pairs: "Xô Viết" PROPN and "." PUNCT -> tp 2, fp 4, fn 4.
    e2e = upos["end_to_end"]
    assert (e2e["tp"], e2e["fp"], e2e["fn"]) == (2, 4, 4)
    assert e2e["f1"] == pytest.approx(2 / 6)
    # XPOS (VLSP tags) the same way: Liên bang <- "Liên" Np right, Xô Viết right, sụp đổ N wrong,
    # năm N right, 1991 N wrong, . right.
    xpos = result["tasks"]["pos"]["xpos"]
    assert (xpos["accuracy"]["correct"], xpos["accuracy"]["total"]) == (4, 6)
    assert (xpos["end_to_end"]["tp"], xpos["end_to_end"]["fp"], xpos["end_to_end"]["fn"]) == (2, 4, 4)


def test_whitespace_and_decomposed_unicode_do_not_matter(build):
    # The gold stores decomposed (NFD) text with CoNLL-U-like spacing; the prediction
    # ran on NFC running text with a line break: same non-space characters after NFC.
    gold_text = unicodedata.normalize("NFD", "Liên bang Xô Viết sụp đổ năm 1991 .")
    gold_words = [(unicodedata.normalize("NFD", w), t, u) for w, t, u in GOLD_WORDS]
    pred_text = "Liên bang  Xô Viết\nsụp đổ năm 1991."
    result = evaluate(*_docs(build, gold_text, pred_text, gold_words), resamples=0)
    ws = result["tasks"]["ws"]["words"]
    assert (ws["tp"], ws["fp"], ws["fn"]) == (3, 3, 3)
    assert result["tasks"]["pos"]["upos"]["accuracy"]["correct"] == 4


def test_different_text_is_an_error_naming_the_place(build):
    pred_words = [(w.replace("1991", "1992"), t, u) for w, t, u in PRED_WORDS]
    gold, pred = _docs(build, pred_text="Liên bang Xô Viết sụp đổ năm 1992.", pred_words=pred_words)
    with pytest.raises(EvalInputError, match=r"document 'd'.*differ beyond whitespace.*năm 1991.*năm 1992"):
        evaluate(gold, pred, ["ws"])


def test_tag_map_rewrites_both_sides(build):
    # VTB's native tags for the gold, VLSP's for the prediction: "NNP" vs "Np", "PUNCT" vs "CH".
    gold_words = [
        ("Liên bang", "NNP"),
        ("Xô Viết", "NNP"),
        ("sụp đổ", "V"),
        ("năm", "N"),
        ("1991", "NUM"),
        (".", "PUNCT"),
    ]
    pred_words = [("Liên bang", "Np"), ("Xô Viết", "Np"), ("sụp đổ", "V"), ("năm", "Nc"), ("1991", "M"), (".", "CH")]
    gold, pred = _docs(build, gold_words=gold_words, pred_words=pred_words)
    raw = evaluate(gold, pred, ["pos"], resamples=0)["tasks"]["pos"]["xpos"]["accuracy"]
    assert raw["correct"] == 1  # only "sụp đổ" V agrees as written
    mapped = evaluate(gold, pred, ["pos"], resamples=0, xpos_map=load_tag_map("vtb"))["tasks"]["pos"]["xpos"]
    # NNP->Np, NUM->M, PUNCT->CH on the gold; Nc->N on the prediction: all six agree.
    assert mapped["accuracy"]["correct"] == 6
    assert mapped["tag_map"] is True


def test_tag_map_file_errors_name_the_line(tmp_path):
    bad = tmp_path / "map.tsv"
    bad.write_text("# comment\nNNP\tNp\nbroken line\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"map.tsv:3"):
        load_tag_map(bad)


def test_prediction_without_tags_is_noted_not_scored(build):
    gold, pred = _docs(build, pred_words=[w for w, _, _ in PRED_WORDS])
    result = evaluate(gold, pred, ["ws", "pos"], resamples=0)
    assert "pos" not in result["tasks"]
    assert any("UPOS" in note for note in result["notes"])

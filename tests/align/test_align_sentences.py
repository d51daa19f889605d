"""Sentence alignment on the corpus passage and on edited translations."""

from __future__ import annotations

import re

from pipeline.align import align
from pipeline.en import english_layer


def _sentence_links(vi_layer, en_layer):
    return align({**vi_layer, "entities": [], "events": []}, {**en_layer, "entities": []})[1]["sentences"]


def test_the_passage_is_21_one_to_one_links(vi_layer, en_layer):
    links = _sentence_links(vi_layer, en_layer)
    assert [(link["vi"], link["en"]) for link in links] == [([k], [k]) for k in range(21)]
    assert all(0.5 < link["score"] <= 1 for link in links)
    assert not any("unaligned" in link.get("flags", ()) or "low-score" in link.get("flags", ()) for link in links)


def _without_paragraph_breaks(text: str) -> str:
    # Line breaks, not blank lines: sentences still end at them, but the paragraph
    # constraint cannot help; the length model and the anchors must do it alone.
    return re.sub(r"\n\s*\n", "\n", text)


def test_a_missing_english_sentence_is_a_flagged_one_to_zero(vi_layer, en_text):
    dropped = "Officially, Russia stayed neutral in the war, but both warring sides accused Russia of favouring the other side.[31]"
    assert dropped in en_text
    en = english_layer(vi_layer, _without_paragraph_breaks(en_text.replace(dropped, "")))
    links = _sentence_links(vi_layer, en)
    missing = [link for link in links if not link["en"]]
    assert [link["vi"] for link in missing] == [[6]]
    assert "unaligned" in missing[0]["flags"]
    # Everything else is still paired with its translation.
    pairs = [(link["vi"][0], link["en"][0]) for link in links if link["en"]]
    assert pairs == [(k, k if k < 6 else k - 1) for k in range(21) if k != 6]


def test_two_sentences_translated_as_one_give_a_two_to_one(vi_layer, en_text):
    joined = en_text.replace(
        "throughout the war. In Azerbaijan, Russian troops", "throughout the war, and in Azerbaijan Russian troops"
    )
    en = english_layer(vi_layer, _without_paragraph_breaks(joined))
    links = _sentence_links(vi_layer, en)
    assert {"vi": [4, 5], "en": [4]} in [{"vi": link["vi"], "en": link["en"]} for link in links]
    assert len(links) == 20


def test_one_sentence_translated_as_two_gives_a_one_to_two(vi_layer, en_text):
    split = en_text.replace(
        "played a rather tangled role in the war.", "played a rather tangled role. It was in the war."
    )
    assert split != en_text
    en = english_layer(vi_layer, _without_paragraph_breaks(split))
    links = _sentence_links(vi_layer, en)
    assert {"vi": [2], "en": [2, 3]} in [{"vi": link["vi"], "en": link["en"]} for link in links]


def test_paragraphs_are_used_when_both_sides_have_the_same_layout(vi_layer, en_layer):
    _, alignments = align({**vi_layer, "entities": [], "events": []}, {**en_layer, "entities": []})
    assert alignments["methods"]["sentences"] == "gale-church+anchors+paragraphs"


def test_machine_translation_is_one_to_one_by_construction(vi_layer, en_layer):
    fake_mt = {**en_layer, "origin": "mt:some/model", "entities": []}
    _, alignments = align({**vi_layer, "entities": [], "events": []}, fake_mt)
    assert alignments["methods"]["sentences"] == "mt-1-1"
    assert all(link["score"] == 1.0 and link["vi"] == link["en"] for link in alignments["sentences"])

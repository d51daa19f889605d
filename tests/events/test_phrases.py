"""Trigger matching that does not depend on how the segmenter grouped the syllables."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from pipeline.events.phrases import SyllableMatcher, fold, groupings


def test_groupings_are_every_cut():
    assert sorted(groupings(("bị", "bắt", "giữ"))) == sorted(
        [("bị bắt giữ",), ("bị", "bắt giữ"), ("bị bắt", "giữ"), ("bị", "bắt", "giữ")]
    )


def test_fold_unifies_the_two_tone_placements():
    assert fold("Hoà bình") == fold("hòa bình") == "hòa bình"
    assert fold("thuỷ quân") == fold("thủy quân")
    assert fold("quý") == "quý"  # qu + y: the tone stays on y in both spellings
    assert fold("hoàn thành") == "hoàn thành"  # not a final oa


def test_one_word_or_two_words_match_the_same_phrase():
    vocab = spacy.blank("xx").vocab
    matcher = SyllableMatcher(vocab)
    matcher.add("arrest", "bắt giữ")
    joined = Doc(vocab, words=["Họ", "bị", "Bắt giữ", "."])
    split = Doc(vocab, words=["Họ", "bị", "bắt", "giữ", "."])
    assert matcher(joined) == [("arrest", 2, 3)]
    assert matcher(split) == [("arrest", 2, 4)]


def test_a_phrase_never_matches_half_a_word():
    vocab = spacy.blank("xx").vocab
    matcher = SyllableMatcher(vocab)
    matcher.add("attack", "tấn công")
    # "tấn công thủ đô" as one word (a segmenter error): no match inside it
    assert matcher(Doc(vocab, words=["quân", "tấn công thủ đô"])) == []


def test_pos_constraint_applies_to_the_first_word():
    vocab = spacy.blank("xx").vocab
    matcher = SyllableMatcher(vocab)
    matcher.add("born", "sinh", pos=["V"])
    verb = Doc(vocab, words=["Ông", "sinh", "năm", "1890"], tags=["Nc", "V", "N", "M"])
    noun = Doc(vocab, words=["học", "sinh"], tags=["V", "N"])
    assert matcher(verb) == [("born", 1, 2)]
    assert matcher(noun) == []

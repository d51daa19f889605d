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


def test_same_matches_as_a_spacy_matcher_with_a_pattern_per_grouping(vi_nlp):
    """The matcher is a dictionary lookup; spaCy's Matcher with a pattern per grouping is the reference."""
    from spacy.matcher import Matcher
    from spacy.tokens import Token

    from pipeline.events.lexicon import load_lexicon
    from pipeline.events.ontology import load_ontology
    from pipeline.events.phrases import VLSP_TAGS
    from tests.conftest import SEED

    if not Token.has_extension("test_fold"):
        Token.set_extension("test_fold", getter=lambda token: fold(token.text))
    lexicon = load_lexicon(load_ontology())
    ours, reference = SyllableMatcher(vi_nlp.vocab), Matcher(vi_nlp.vocab)
    for key, entry in lexicon.entries.items():
        ours.add(key, entry.words, entry.pos or None)
        first = {}
        if entry.pos:
            vlsp = [p for p in entry.pos if p in VLSP_TAGS]
            first = {"TAG": {"IN": vlsp}} if vlsp else {"POS": {"IN": list(entry.pos)}}
        patterns = [[{"_": {"test_fold": w}} for w in words] for words in groupings(tuple(fold(entry.words).split()))]
        for pattern in patterns:
            pattern[0].update(first)
        reference.add(key, patterns)
    doc = vi_nlp(SEED.read_text(encoding="utf-8"))
    expected = sorted(
        {(vi_nlp.vocab.strings[m], s, e) for m, s, e in reference(doc)}, key=lambda m: (m[1], -m[2], m[0])
    )
    assert len(lexicon.entries) > 100 and len(expected) > 20
    assert any(e - s > 1 for _, s, e in expected)  # phrases over several words too
    assert ours(doc) == expected
    span = doc[10:200]
    assert ours(span) == [m for m in expected if m[1] >= 10 and m[2] <= 200]

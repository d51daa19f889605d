"""Syllable views are made once per Doc and stay true to its words (pipeline/vi/ner/view.py)."""

from __future__ import annotations

from pipeline.vi.ner.split import cut_tokens
from pipeline.vi.ner.view import sentences
from pipeline.vi.segmenter.syllables import syllabify

TEXT = "Ông Nguyễn Văn Ba đến Hà Nội hôm qua.\nBà Tư ở lại Huế."


def test_every_component_gets_the_same_views(vi_nlp):
    doc = vi_nlp(TEXT)
    assert sentences(doc) is sentences(doc)
    assert [v.text(0, len(v)) for v in sentences(doc)] == ["Ông Nguyễn Văn Ba đến Hà Nội hôm qua.", "Bà Tư ở lại Huế."]


def test_a_doc_with_other_words_gets_new_views(vi_nlp):
    doc = vi_nlp(TEXT)
    before = sentences(doc)
    start = TEXT.index("Nội")
    cut = cut_tokens(doc, {start})
    assert cut is not doc and sentences(cut) is not before
    view = sentences(cut)[0]
    assert view.word_start(start) and not before[0].word_start(start)


def test_word_boundaries_and_tokens_agree_with_spacy(vi_nlp):
    doc = vi_nlp(TEXT)
    for view in sentences(doc):
        for syl in view.syls:
            expected = doc.char_span(syl.start, syl.start + 1, alignment_mode="expand")[0]
            assert view.token_at(syl.start) == expected
            assert view.word_start(syl.start) == (expected.idx == syl.start)
            assert view.word_end(syl.end) == any(t.idx + len(t.text) == syl.end for t in doc)


def test_views_cut_each_sentence_as_syllabify_does(vi_nlp):
    # the view looks the segmenter's cut of each line up (line_syllables): the same syllables as cutting it anew
    text = "Ông H.\nBà Tư về Đà Nẵng ngày 11/9/1992, rồi ra T.P Hồ Chí Minh.\nHọ gặp ông Lê Văn K."
    doc = vi_nlp(text)
    got = [(s.start, s.end) for view in sentences(doc) for s in view.syls]
    expected = [
        (sent.start_char + s, sent.start_char + e)
        for sent in doc.sents
        for s, e in syllabify(text[sent.start_char : sent.end_char])
    ]
    assert got == expected
    assert [text[s:e] for s, e in got][:2] == ["Ông", "H."]  # an initial: a name follows after the break

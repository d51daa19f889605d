"""The tagger component: VLSP tags, UPOS and, when asked, underthesea's phrase chunks."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline.vi import underthesea_models
from pipeline.vi.tagger import Tagger

WORDS = ["Bộ", "Quốc phòng", "Armenia", "trả", "lương", "bằng", "đồng", "rúp", "Nga", ".", "Ông", "ấy", "về", "."]
STARTS = [True] + [False] * 9 + [True] + [False] * 3


def tagged(chunk: bool) -> Doc:
    doc = Doc(Vocab(), words=WORDS, sent_starts=STARTS)
    return Tagger(upos="table", chunk=chunk)(doc)


def test_chunks_are_underthesea_s_per_sentence_when_asked():
    doc = tagged(chunk=True)
    for sent in doc.sents:
        words = [t.text for t in sent]
        tags = underthesea_models.pos_tags(words)
        assert [t.tag_ for t in sent] == tags
        assert [t._.chunk for t in sent] == underthesea_models.chunk_tags(words, tags)
    assert doc[0]._.chunk.startswith("B-")


def test_without_the_chunker_the_same_tags_and_no_chunks():
    with_chunks, without = tagged(chunk=True), tagged(chunk=False)
    assert [(t.tag_, t.pos_) for t in without] == [(t.tag_, t.pos_) for t in with_chunks]
    assert all(t.pos_ for t in without)
    assert [t._.chunk for t in without] == [None] * len(WORDS)

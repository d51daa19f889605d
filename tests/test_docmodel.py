"""The shared data model: what ``pipeline.docmodel`` adds to spaCy's Doc."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from pipeline.docmodel import TEXT_KEY, doc_text, original_text


def test_doc_text_is_the_docs_text_and_follows_a_doc_read_in_place():
    nlp = spacy.blank("vi")
    doc = nlp("Quân Nga tiến vào Gruzia năm 2008.")
    assert doc_text(doc) == doc.text == "Quân Nga tiến vào Gruzia năm 2008."
    assert doc_text(doc) is doc_text(doc)  # built once
    with doc.retokenize() as retokenizer:  # retokenizing keeps the text
        retokenizer.merge(doc[0:2])
    assert doc_text(doc) == doc.text
    empty = Doc(nlp.vocab, words=[])
    assert doc_text(empty) == ""
    empty.from_bytes(nlp("Hà Nội là thủ đô của Việt Nam.").to_bytes())  # spaCy reads into an empty Doc only
    assert doc_text(empty) == "Hà Nội là thủ đô của Việt Nam."


def test_original_text_prefers_the_text_as_given():
    doc = spacy.blank("vi")("Hà Nội")
    assert original_text(doc) == "Hà Nội"
    doc.user_data[TEXT_KEY] = "Hà\u00a0Nội"
    assert original_text(doc) == "Hà\u00a0Nội"

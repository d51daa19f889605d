"""Issue 13, round 20: what the spent heldout18 (VLSP 2013 legal and political writing) showed the entity rules miss.
Sentences of our own writing (not from any gold file): numbered items and sub-headings are no quantity, whatever
their place on the line; ministries named in lower case after a capitalised "Bộ" are organisations; codes and trade
agreements named by their abbreviation, with or without their version's year, are one MISC."""

from __future__ import annotations

import pytest

from tests.vi.ner.conftest import entities


@pytest.mark.parametrize(
    "sentence",
    [
        "2 . 1 . Thực trạng công tác cải cách hành chính",
        "Nhiệm vụ gồm : ( 1 ) rà soát văn bản ; ( 2 ) tập huấn cán bộ ; ( 3 ) kiểm tra định kỳ .",
    ],
)
def test_numbered_items_and_subheadings_are_no_quantity(vi_nlp, sentence):
    assert not [e for e in entities(vi_nlp(sentence)) if e[1] == "NUM"]


@pytest.mark.parametrize(
    "sentence,number",
    [
        ("Có 12 người bị thương . 3 người đã xuất viện .", "3"),
        ("Lãi suất tăng ( 2 % ) so với quý trước .", "2 %"),
    ],
)
def test_quantities_after_a_sentence_or_in_brackets_stay(vi_nlp, sentence, number):
    assert (number, "NUM") in entities(vi_nlp(sentence))


@pytest.mark.parametrize(
    "sentence,ministry",
    [
        ("Dự án do Bộ giao thông vận tải làm chủ đầu tư .", "Bộ giao thông vận tải"),
        ("Đại diện Bộ khoa học và công nghệ phát biểu tại hội thảo .", "Bộ khoa học và công nghệ"),
    ],
)
def test_ministries_in_lower_case_are_organisations(vi_nlp, sentence, ministry):
    assert (ministry, "ORG") in entities(vi_nlp(sentence))


@pytest.mark.parametrize(
    "sentence,document",
    [
        ("Hành vi này bị xử lý theo BLHS 2015 .", "BLHS 2015"),
        ("Các nước thành viên phải tuân thủ GATT 1994 .", "GATT 1994"),
        ("Hiệp định về dịch vụ GATS áp dụng cho mọi thành viên .", "GATS"),
    ],
)
def test_documents_by_their_abbreviation_are_misc(vi_nlp, sentence, document):
    found = entities(vi_nlp(sentence))
    assert (document, "MISC") in found, found
    assert not [e for e in found if e[1] == "NUM"], found

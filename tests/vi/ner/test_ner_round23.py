"""Issue 13, round 23: what the spent heldout21 (VLSP 2013 legal and political writing) and its genre set showed the
entity rules miss. Sentences of our own writing (not from any gold file): lists of laws with titles that hold a comma
("phòng , chống ..."), a word the segmenter cut ("nhà ở") or the country at their end; numbered points after a colon
or an opening quote; "tỷ lệ" is no billion; money written "đồng tiền" / "đồng bạc" after its number, and "năm chục";
the old regions spelt "kì"; the 1946 parliament; law, legal culture and the socialist state as nouns of origin."""

from __future__ import annotations

import pytest

from tests.vi.ner.conftest import entities


def test_a_list_of_laws_keeps_each_title_whole(vi_nlp):
    found = entities(
        vi_nlp(
            "Quốc hội đã thông qua Luật nhà ở , Luật phòng , chống ma túy và Luật hàng không dân dụng Việt Nam "
            "trong cùng một kỳ họp ."
        )
    )
    for title in ("Luật nhà ở", "Luật phòng , chống ma túy", "Luật hàng không dân dụng Việt Nam"):
        assert (title, "MISC") in found, found


def test_a_law_title_still_ends_before_a_preposition(vi_nlp):
    assert ("Luật bầu cử", "MISC") in entities(vi_nlp("Cử tri tìm hiểu Luật bầu cử ở nhà văn hóa xã ."))


@pytest.mark.parametrize(
    "sentence",
    [
        "Đại biểu đề nghị : 1 . Tăng cường giám sát ; 2 . Công khai ngân sách .",
        "Điều khoản ghi rõ : “ 4 . Các bên phải thông báo trước ba mươi ngày . ”",
    ],
)
def test_numbered_points_in_a_sentence_are_no_quantity(vi_nlp, sentence):
    assert not [e for e in entities(vi_nlp(sentence)) if e[1] == "NUM" and e[0] in ("1", "2", "4")]


@pytest.mark.parametrize(
    "sentence",
    ["Một tỷ lệ lớn người dân ủng hộ đề án .", "Ông ấy từng là một tỷ phú bất động sản ."],
)
def test_a_word_that_starts_with_a_multiplier_is_no_amount(vi_nlp, sentence):
    assert not [e for e in entities(vi_nlp(sentence)) if e[1] == "NUM"]


@pytest.mark.parametrize(
    "sentence,amount",
    [
        ("Chị dúi vào tay em năm chục đồng tiền lẻ .", "năm chục đồng"),
        ("Ông cụ đếm lại ba trăm nghìn đồng bạc rồi cất vào túi .", "ba trăm nghìn đồng"),
    ],
)
def test_money_keeps_its_unit_before_tien_or_bac(vi_nlp, sentence, amount):
    assert (amount, "NUM") in entities(vi_nlp(sentence))


@pytest.mark.parametrize(
    "sentence,name,label",
    [
        ("Đạo dụ này chỉ thi hành ở Nam kì và Trung kì .", "Nam kì", "LOC"),
        ("Chính phủ chịu trách nhiệm trước Nghị viện nhân dân .", "Nghị viện nhân dân", "ORG"),
    ],
)
def test_old_regions_and_the_1946_parliament(vi_nlp, sentence, name, label):
    assert (name, label) in entities(vi_nlp(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "Hương ước là một phần của văn hoá pháp lí Việt Nam .",
        "Mục tiêu là xây dựng nhà nước pháp quyền xã hội chủ nghĩa Việt Nam .",
    ],
)
def test_a_country_after_legal_culture_or_the_socialist_state_is_an_origin(vi_nlp, sentence):
    assert ("Việt Nam", "MISC") in entities(vi_nlp(sentence))

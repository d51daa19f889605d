"""The errors issue 13 lists, each on a sentence of our own writing (not from any gold file)."""

from __future__ import annotations

import pytest

from tests.vi.ner.conftest import entities


def test_bac_ho_is_a_person_with_the_honorific_outside(vi_nlp):
    doc = vi_nlp("Sáng hôm ấy, Bác Hồ đến thăm một hợp tác xã ở ngoại thành.")
    assert ("Hồ", "PER") in entities(doc)
    assert not any(e.text in ("Bác Hồ", "Hồ") and e.label_ == "LOC" for e in doc.ents)


def test_a_strain_code_is_misc_not_a_place(vi_nlp):
    doc = vi_nlp("Các nhà khoa học theo dõi chặt chẽ virus H5N1 ở đàn vịt.")
    assert ("H5N1", "MISC") in entities(doc)


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("Quân đội Pháp đã rời khỏi thành phố vào mùa thu.", ("Quân đội Pháp", "ORG")),
        ("Hai tàu của hải quân Pháp cập cảng Cam Ranh.", ("hải quân Pháp", "ORG")),
    ],
)
def test_armed_forces_are_whole_organisations(vi_nlp, sentence, expected):
    doc = vi_nlp(sentence)
    assert expected in entities(doc)
    assert not any(e.text == "Pháp" for e in doc.ents)


def test_a_language_is_misc_with_its_noun(vi_nlp):
    doc = vi_nlp("Cô ấy dạy tiếng Anh cho trẻ em vùng cao.")
    assert ("tiếng Anh", "MISC") in entities(doc)
    assert not any(e.text == "Anh" for e in doc.ents)


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("Sáng nay, TAND tỉnh Quảng Trị mở phiên xử vụ án tham nhũng.", ("TAND tỉnh Quảng Trị", "ORG")),
        ("Theo Công an TP. Bảo Lộc, hai nghi phạm đã ra đầu thú.", ("Công an TP. Bảo Lộc", "ORG")),
        ("Ông được VKSND TP HCM triệu tập lần thứ hai.", ("VKSND TP HCM", "ORG")),
        ("Cán bộ UBND xã Tân Phú đã đến tận nhà.", ("UBND xã Tân Phú", "ORG")),
        ("Căn hộ của bà nằm ở Q. Bình Thạnh.", ("Q. Bình Thạnh", "LOC")),
    ],
)
def test_organisations_and_places_written_with_abbreviations_are_whole(vi_nlp, sentence, expected):
    assert expected in entities(vi_nlp(sentence))


def test_a_country_after_an_office_says_whose_office(vi_nlp):
    doc = vi_nlp("Ông được bầu làm thủ tướng Campuchia hồi năm ngoái.")
    assert ("Campuchia", "MISC") in entities(doc)


# The typer (models/ner-typer): foreign names typed by their context, not their spelling.


@pytest.mark.parametrize(
    "sentence,name",
    [
        ("Sau nhiều năm lưu vong, Thaksin đã trở về quê hương.", "Thaksin"),
        ("Almalki nói với các phóng viên rằng gia đình ông đã an toàn.", "Almalki"),
    ],
)
def test_a_one_word_foreign_name_is_a_person_by_its_context(vi_nlp, sentence, name):
    assert (name, "PER") in entities(vi_nlp(sentence))


def test_a_company_and_a_ship_are_typed_by_their_context(vi_nlp):
    company = vi_nlp("Giám đốc điều hành của Hercules Offshore cho biết công ty sẽ phá sản.")
    assert ("Hercules Offshore", "ORG") in entities(company)
    ship = vi_nlp("Tàu Maersk Highlander bị cướp biển tấn công ngoài khơi.")
    assert ("Maersk Highlander", "MISC") in entities(ship)  # a named vessel (GUIDELINES §4.4)


def test_a_sentence_initial_common_word_is_no_person(vi_nlp):
    doc = vi_nlp("Đôi khi Minh nghĩ về quê nhà ở miền Trung.")
    assert not any(e.text.startswith("Đôi") for e in doc.ents)
    assert ("Minh", "PER") in entities(doc)
    assert not vi_nlp("Đôi mắt bà cụ mờ đục vì tuổi già.").ents

"""Issue 13, round 19: what legal and political writing (the spent heldout17, VLSP 2013 text) showed the entity rules
miss. Sentences of our own writing (not from any gold file): laws whose title is written in lower case after the
capitalised head and documents named with their version's year are one MISC, and the common words that start with
"luật" are not; a capitalised "Hiến pháp" is the constitution; the supreme court, the standing committee and the
states by their official names are whole; a numbered heading is no quantity and a date
before the common era no DATE; a name in a list of listed places is a place, as is a "-stan" country; "Đảng" alone
is the Party."""

from __future__ import annotations

import pytest

from tests.vi.ner.conftest import entities


@pytest.mark.parametrize(
    "sentence,document",
    [
        ("Quốc hội khóa XV đã thông qua Luật đất đai sửa đổi vào tháng 1 .", "Luật đất đai"),
        ("Theo Bộ luật lao động , người lao động được nghỉ Tết 5 ngày .", "Bộ luật lao động"),
        ("Việc sửa Luật bảo vệ môi trường có ý nghĩa lớn .", "Luật bảo vệ môi trường"),
        ("Hội nghị bàn về Hiến pháp năm 2013 và các luật liên quan .", "Hiến pháp năm 2013"),
        ("Bản Hiến pháp 1959 được ban hành sau 4 năm soạn thảo .", "Hiến pháp 1959"),
        ("Ông dẫn Bộ luật Dân sự năm 2005 để bảo vệ thân chủ .", "Bộ luật Dân sự năm 2005"),
        ("Mọi công dân phải tuân thủ Hiến pháp và pháp luật .", "Hiến pháp"),
    ],
)
def test_laws_and_constitutions_are_misc_with_their_year(vi_nlp, sentence, document):
    found = entities(vi_nlp(sentence))
    assert (document, "MISC") in found, found
    assert not any(label in ("DATE", "PER") and text in document for text, label in found), found


@pytest.mark.parametrize(
    "sentence",
    [
        "Luật sư Trần Minh Khoa bào chữa cho bị cáo .",
        "Luật pháp không cho phép làm điều đó .",
        "Luật này có hiệu lực từ năm 2021 .",
    ],
)
def test_words_that_start_with_luat_are_no_title(vi_nlp, sentence):
    found = entities(vi_nlp(sentence))
    assert not any(label == "MISC" and text.startswith("Luật") for text, label in found), found


@pytest.mark.parametrize(
    "sentence,name,label",
    [
        ("Vụ án được Tòa án nhân dân tối cao xem xét lại .", "Tòa án nhân dân tối cao", "ORG"),
        ("Ủy ban Thường vụ Quốc hội đã cho ý kiến về dự án luật .", "Ủy ban Thường vụ Quốc hội", "ORG"),
        ("Cộng hòa Xã hội chủ nghĩa Việt Nam có 63 tỉnh thành .", "Cộng hòa Xã hội chủ nghĩa Việt Nam", "LOC"),
        ("Năm 1945 , nước Việt Nam Dân chủ Cộng hòa ra đời .", "Việt Nam Dân chủ Cộng hòa", "LOC"),
    ],
)
def test_institutions_and_states_by_their_full_name(vi_nlp, sentence, name, label):
    assert (name, label) in entities(vi_nlp(sentence))


def test_a_numbered_heading_is_no_quantity_but_a_first_number_still_is(vi_nlp):
    assert not [e for e in entities(vi_nlp("2 . Những hạn chế của cơ chế hiện hành")) if e[1] == "NUM"]
    assert ("5", "NUM") in entities(vi_nlp("5 người bị thương trong vụ cháy ."))


@pytest.mark.parametrize(
    "sentence",
    ["Đế chế này hưng thịnh vào thế kỷ V trước công nguyên .", "Thành được đắp từ thế kỷ III TCN ."],
)
def test_a_date_before_the_common_era_is_no_date(vi_nlp, sentence):
    assert not [e for e in entities(vi_nlp(sentence)) if e[1] == "DATE"]


def test_a_date_of_the_common_era_is_still_one(vi_nlp):
    assert any(label == "DATE" for _, label in entities(vi_nlp("Chùa được dựng vào thế kỷ XI .")))


@pytest.mark.parametrize(
    "sentence,places",
    [
        (
            "Hiệp định được Na Uy , Thụy Điển , Aixơlen và Lucxămbua phê chuẩn .",
            ["Na Uy", "Thụy Điển", "Aixơlen", "Lucxămbua"],
        ),
        ("Các nước Kiếcghidixtan , Pakixtan đều gửi đoàn tới dự .", ["Kiếcghidixtan", "Pakixtan"]),
    ],
)
def test_names_in_a_list_of_places_and_stan_countries_are_places(vi_nlp, sentence, places):
    found = entities(vi_nlp(sentence))
    for place in places:
        assert (place, "LOC") in found, found


def test_a_person_after_one_place_is_still_a_person(vi_nlp):
    found = entities(vi_nlp("Ông Tùng ở Đà Lạt và Mai ở Cần Thơ cùng về quê ."))
    assert ("Mai", "LOC") not in found, found


@pytest.mark.parametrize(
    "sentence", ["Đảng lãnh đạo toàn diện công cuộc đổi mới .", "Nghị quyết của Đảng được phổ biến tới chi bộ ."]
)
def test_the_party_alone_is_an_organisation(vi_nlp, sentence):
    assert ("Đảng", "ORG") in entities(vi_nlp(sentence))

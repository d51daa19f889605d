"""Issue 13, round 6: general kinds of error, each on a sentence of our own writing (not from any gold file)."""

from __future__ import annotations

import pytest

from tests.vi.ner.conftest import entities


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("Sáng nay báo Người Lao Động tp HCM đăng bài điều tra.", ("Người Lao Động tp HCM", "ORG")),
        ("Ông gửi đơn tới tờ Tiền Phong Hà Nội.", ("Tiền Phong Hà Nội", "ORG")),
    ],
)
def test_a_newspaper_keeps_the_place_at_the_end_of_its_name(vi_nlp, sentence, expected):
    # GUIDELINES §3.3: the whole name is one ORG, its place included; not the place alone
    ents = entities(vi_nlp(sentence))
    assert expected in ents
    assert not any(label == "LOC" for _, label in ents)


def test_a_lone_surname_ends_no_organisation_name(vi_nlp):
    # "Mai" is a family name, but a person needs a given name too: the hospital is "Bạch Mai"
    assert ("Bệnh viện Bạch Mai", "ORG") in entities(vi_nlp("Chiều qua Bệnh viện Bạch Mai tiếp nhận ba ca bệnh."))


def test_a_minister_after_a_ministry_is_still_a_person(vi_nlp):
    ents = entities(vi_nlp("Thứ trưởng bộ Ngoại giao Trần Văn Toàn đã tiếp đoàn."))
    assert ("Trần Văn Toàn", "PER") in ents
    assert ("bộ Ngoại giao", "ORG") in ents


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("Sông Đà chảy qua nhiều tỉnh miền núi.", ("Đà", "LOC")),
        ("Núi Ba Vì mờ sương vào buổi sáng.", ("Ba Vì", "LOC")),
    ],
)
def test_a_place_noun_starting_the_sentence_stays_outside_the_name(vi_nlp, sentence, expected):
    # GUIDELINES §3.2 rule 3: capitalised only to start the sentence, the noun is outside, even where the
    # segmenter glued it to the name; and the name is a place, not a person
    ents = entities(vi_nlp(sentence))
    assert expected in ents
    assert not any(label == "PER" for _, label in ents)


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("Chùa Trấn Quốc nằm bên bờ hồ.", ("Chùa Trấn Quốc", "LOC")),
        ("Đoàn khách ghé thăm đền Quán Thánh.", ("đền Quán Thánh", "LOC")),
        ("Lăng Tự Đức vắng khách vào mùa mưa.", ("Lăng Tự Đức", "LOC")),
        ("Du khách chụp ảnh trước Nhà thờ Lớn.", ("Nhà thờ Lớn", "LOC")),
        ("Hoàng thành Huế bị tàn phá nặng nề trong chiến tranh.", ("Hoàng thành Huế", "LOC")),
    ],
)
def test_temples_tombs_and_monuments_are_places_with_their_noun(vi_nlp, sentence, expected):
    # GUIDELINES §3.2 rule 2: named after a person, a place or what they are, the noun is inside
    ents = entities(vi_nlp(sentence))
    assert expected in ents
    assert not any(label == "PER" for _, label in ents)


@pytest.mark.parametrize(
    "sentence,name",
    [
        ("Hoàng đế Gia Long thống nhất đất nước.", "Gia Long"),
        ("Thái hậu Ỷ Lan nhiếp chính khi vua còn nhỏ.", "Ỷ Lan"),
    ],
)
def test_a_title_starting_the_sentence_is_not_part_of_the_person(vi_nlp, sentence, name):
    ents = entities(vi_nlp(sentence))
    assert (name, "PER") in ents
    assert [text for text, label in ents if label == "PER"] == [name]


@pytest.mark.parametrize(
    "sentence,origin",
    [
        ("Các cầu thủ Nhật Bản đã đến sân từ sớm.", "Nhật Bản"),
        ("Ba vận động viên Thái Lan giành huy chương vàng.", "Thái Lan"),
    ],
)
def test_a_place_after_a_profession_is_an_origin(vi_nlp, sentence, origin):
    # "cầu thủ Nhật Bản": Japanese players (GUIDELINES §4.4), not a person named Nhật Bản
    assert (origin, "MISC") in entities(vi_nlp(sentence))


def test_a_kinship_word_is_still_followed_by_a_name(vi_nlp):
    # a one-syllable address word is followed by a person, whatever the name spells
    assert ("Hà Lan", "PER") in entities(vi_nlp("Hôm ấy chị Hà Lan về làng."))


def test_an_emperor_of_a_dynasty_is_misc(vi_nlp):
    # "vua Tống": the Song emperor, an adjective like "quân Tống" (GUIDELINES §4.4)
    ents = entities(vi_nlp("Sứ giả mang thư của vua Tống sang nước ta."))
    assert ("Tống", "MISC") in ents
    # and "Sứ giả" (envoy) is a common noun, no person "Sứ" (issue 13's eleventh round: tests/vi/ner/test_ner_round11.py)
    assert not any(label == "PER" for _, label in ents)


@pytest.mark.parametrize(
    "sentence",
    ["Tiếng súng vang lên bốn phía.", "Thành bị giặc vây kín bốn bề."],
)
def test_number_words_in_idioms_are_no_number(vi_nlp, sentence):
    # GUIDELINES §4.6: "bốn phía", "bốn bề" count nothing
    assert not any(label == "NUM" for _, label in entities(vi_nlp(sentence)))


def test_a_number_word_that_counts_is_still_a_number(vi_nlp):
    assert ("bốn", "NUM") in entities(vi_nlp("Bà nuôi bốn con gà trong vườn."))


@pytest.mark.parametrize(
    "sentence,site",
    [
        ("Bài báo được đăng trên trang tuoitre.vn sáng nay.", "tuoitre.vn"),
        ("Mọi thông tin xin xem tại www.chinhphu.gov.vn nhé.", "www.chinhphu.gov.vn"),
    ],
)
def test_a_website_is_misc(vi_nlp, sentence, site):
    # GUIDELINES §4.4: a website by its domain name ("[MISC bktt.vn]")
    assert (site, "MISC") in entities(vi_nlp(sentence))


def test_an_abbreviated_place_is_no_website(vi_nlp):
    assert not any(label == "MISC" for _, label in entities(vi_nlp("Anh ấy vừa chuyển vào TP.HCM sống.")))


@pytest.mark.parametrize(
    "sentence,place",
    [
        ("Chiều nay xe cộ ùn tắc trên quốc lộ 13 .", "quốc lộ 13"),
        ("Nhà chị nằm trên đường số 9 , gần chợ .", "đường số 9"),
        ("Các em chơi đùa ở công viên 23 - 9 mỗi chiều .", "công viên 23 - 9"),
    ],
)
def test_a_place_named_by_a_number_keeps_its_noun(vi_nlp, sentence, place):
    # GUIDELINES §3.2 rule 2: a number, code or date after the noun is no name by itself: the noun is inside
    ents = entities(vi_nlp(sentence))
    assert (place, "LOC") in ents
    assert not any(label == "NUM" for _, label in ents)


def test_a_length_after_a_place_noun_is_still_a_number(vi_nlp):
    ents = entities(vi_nlp("Con đường dài 5 km chạy ven sông."))
    assert not any(label == "LOC" for _, label in ents)


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("Hàng nghìn công nhân làm việc ở khu công nghiệp Biên Hòa 2 .", None),
        ("Khu chế xuất Linh Trung có nhiều nhà máy may mặc.", ("Linh Trung", "LOC")),
        ("Hành khách chờ xe ở bến xe miền Đông từ sáng.", ("bến xe miền Đông", "LOC")),
    ],
)
def test_zones_and_stations_are_places(vi_nlp, sentence, expected):
    ents = entities(vi_nlp(sentence))
    assert not any(label == "PER" for _, label in ents)
    if expected is not None:
        assert expected in ents


@pytest.mark.parametrize(
    "sentence,organisation,person",
    [
        ("Chủ tịch UBND TP Hà Nội Nguyễn Văn Bình đã ký quyết định.", "UBND TP Hà Nội", "Nguyễn Văn Bình"),
        ("Giám đốc Sở Y tế Hà Nội Trần Thị Thu Hương phát biểu.", "Sở Y tế Hà Nội", "Trần Thị Thu Hương"),
    ],
)
def test_a_person_right_after_an_organisation_and_its_place(vi_nlp, sentence, organisation, person):
    # the place ends where a full name starts: neither the place ("Hà" is a family name too) nor the person eats
    # the other
    ents = entities(vi_nlp(sentence))
    assert (organisation, "ORG") in ents
    assert (person, "PER") in ents


def test_a_place_with_a_family_name_inside_stays_whole(vi_nlp):
    assert ("Buôn Ma Thuột", "LOC") in entities(vi_nlp("Anh ấy vừa chuyển lên thành phố Buôn Ma Thuột sống."))


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("Anh ấy vừa ký hợp đồng hai năm với Lyon FC.", ("Lyon FC", "ORG")),
        ("Tối qua Leeds United thua đậm trên sân nhà.", ("Leeds United", "ORG")),
    ],
)
def test_a_club_named_with_its_last_word_is_an_organisation(vi_nlp, sentence, expected):
    ents = entities(vi_nlp(sentence))
    assert expected in ents
    assert not any(label == "PER" for _, label in ents)


@pytest.mark.parametrize(
    "sentence,title",
    [
        ("Truyện Kiều được dịch ra nhiều thứ tiếng.", "Truyện Kiều"),
        ("Trận Chi Lăng là một chiến thắng lớn của nghĩa quân.", "Trận Chi Lăng"),
    ],
)
def test_a_title_glued_to_its_noun_first_in_a_sentence_is_misc(vi_nlp, sentence, title):
    # the segmenter makes "Truyện Kiều" one proper noun: a fixed title, not a person
    ents = entities(vi_nlp(sentence))
    assert (title, "MISC") in ents
    assert not any(label == "PER" for _, label in ents)

"""Issue 13, round 7: general kinds of error, each on a sentence of our own writing (not from any gold file)."""

from __future__ import annotations

import pytest

from tests.vi.ner.conftest import entities


@pytest.mark.parametrize(
    "sentence,place",
    [
        ("Bà cụ ngồi bên hiên nhà, nhìn ra cánh đồng Mường Thanh.", "Mường Thanh"),
        ("Lý Thường Kiệt đánh sang đất Tống để phá thế giặc.", "Tống"),
        ("Chị sống trong ngõ Tạm Thương từ bé.", "Tạm Thương"),
        ("Ông sinh ra ở phủ Thiên Trường, nay thuộc Nam Định.", "Thiên Trường"),
    ],
)
def test_nouns_of_land_and_old_administration_name_places(vi_nlp, sentence, place):
    # GUIDELINES §3.2: a place noun before a name (outside it) says the name is a place, not a person
    ents = entities(vi_nlp(sentence))
    assert (place, "LOC") in ents
    assert (place, "PER") not in ents


@pytest.mark.parametrize(
    "sentence,origin,person",
    [
        ("Nhà văn Nhật Haruki Murakami có nhiều độc giả ở Việt Nam.", "Nhật", "Haruki Murakami"),
        ("Tối qua ca sĩ Mỹ Taylor Swift hát ở Singapore.", "Mỹ", "Taylor Swift"),
        ("Thủ tướng Nhật Fumio Kishida thăm Việt Nam.", "Nhật", "Fumio Kishida"),
    ],
)
def test_a_short_country_name_after_a_profession_is_the_origin(vi_nlp, sentence, origin, person):
    # GUIDELINES §4.4: after a profession or office a country is an adjective, its short form too ("Nhật" for
    # Nhật Bản), when a foreign name follows
    ents = entities(vi_nlp(sentence))
    assert (origin, "MISC") in ents
    assert (person, "PER") in ents


def test_a_vietnamese_name_starting_like_a_country_stays_whole(vi_nlp):
    assert ("Mỹ Tâm", "PER") in entities(vi_nlp("Tối nay ca sĩ Mỹ Tâm hát ở Hà Nội."))


@pytest.mark.parametrize(
    "sentence,title",
    [
        ("Nhà văn ấy vừa dịch xong cuốn sách Đi tìm lẽ sống.", "Đi tìm lẽ sống"),
        ("Tôi đã đọc tiểu thuyết Chiến tranh và hòa bình của Lev Tolstoy hai lần.", "Chiến tranh và hòa bình"),
        ("Truyện ngắn Vợ nhặt của Kim Lân kể về nạn đói năm 1945.", "Vợ nhặt"),
        ("Bộ phim Mắt biếc thu hút hàng triệu khán giả.", "Mắt biếc"),
    ],
)
def test_a_title_in_sentence_case_runs_to_where_the_sentence_goes_on(vi_nlp, sentence, title):
    # GUIDELINES §4.4: a work's title is MISC whole, its verbs too; it ends at punctuation, at
    # "của" (its author), or where the predicate starts
    assert (title, "MISC") in entities(vi_nlp(sentence))


def test_a_title_stops_before_a_name_that_follows_it(vi_nlp):
    ents = entities(vi_nlp("Bài hát Diễm xưa gắn liền với tên tuổi Trịnh Công Sơn."))
    assert ("Diễm xưa", "MISC") in ents
    assert ("Trịnh Công Sơn", "PER") in ents


@pytest.mark.parametrize(
    "sentence",
    [
        "Nạn đói năm Ất Dậu làm hai triệu người chết.",
        "Cuộc tổng tiến công Tết Mậu Thân diễn ra năm 1968.",
        "Hội làng mở từ tháng Giêng đến tháng Ba âm lịch.",
        "Cuối tháng Chạp, cả nhà gói bánh chưng.",
    ],
)
def test_a_year_of_the_cycle_or_a_lunar_month_is_no_person(vi_nlp, sentence):
    # a heavenly stem and an earthly branch name a year, not a family and a given name
    assert not any(label == "PER" for _, label in entities(vi_nlp(sentence)))


@pytest.mark.parametrize("sentence", ["Năm 1954 ông tập kết ra Bắc.", "Đoàn quân của vua Quang Trung tiến ra Bắc."])
def test_going_north_or_south_names_a_region(vi_nlp, sentence):
    ents = entities(vi_nlp(sentence))
    assert ("Bắc", "LOC") in ents
    assert ("Bắc", "PER") not in ents


@pytest.mark.parametrize(
    "sentence,acronym",
    [
        ("Theo Tổng cục Thống kê, GDP quý ba tăng 5,3%.", "GDP"),
        ("Hôm qua CEO của hãng đã từ chức.", "CEO"),
        ("Vốn FDI vào Việt Nam tăng mạnh trong năm nay.", "FDI"),
    ],
)
def test_a_common_nouns_abbreviation_is_no_name(vi_nlp, sentence, acronym):
    assert not any(acronym in text for text, _ in entities(vi_nlp(sentence)))


def test_teams_and_clubs_are_organisations(vi_nlp):
    ents = entities(vi_nlp("Đội Hoàng Anh Gia Lai thắng Hà Nội FC 2-1 trên sân nhà."))
    assert ("Hoàng Anh Gia Lai", "ORG") in ents
    assert ("Hà Nội FC", "ORG") in ents
    assert not any(label == "PER" for _, label in ents)


def test_a_movement_named_like_a_person_is_misc(vi_nlp):
    # GUIDELINES §4.4: "phong trào [MISC Đông Du]"; the name's family-name-like first word makes no person
    ents = entities(vi_nlp("Năm 1960, phong trào Đồng Khởi lan rộng khắp Nam Bộ."))
    assert ("Đồng Khởi", "MISC") in ents
    assert not any(label == "PER" for _, label in ents)


@pytest.mark.parametrize(
    "sentence,place",
    [
        ("Từ Thanh Chương, anh đạp xe ra Vinh học.", "Vinh"),
        ("Hàm Nghi rời kinh thành, ra Tân Sở ban chiếu.", "Tân Sở"),
    ],
)
def test_a_name_after_a_preposition_of_place_is_a_place(vi_nlp, sentence, place):
    assert (place, "LOC") in entities(vi_nlp(sentence))


def test_a_person_met_somewhere_is_still_a_person(vi_nlp):
    ents = entities(vi_nlp("Tôi gặp Hùng ở Đà Lạt."))
    assert ("Hùng", "PER") in ents
    assert ("Đà Lạt", "LOC") in ents


def test_a_person_after_vao_is_still_a_person(vi_nlp):
    # "vào" is "into" as often as "to (a place)": "tấn công vào Lan" (VTB train) is an attack on a person
    assert ("Lan", "PER") in entities(vi_nlp("Mọi ánh mắt đổ dồn vào Lan."))


@pytest.mark.parametrize(
    "sentence,name",
    [
        ("Thành Cổ Loa gắn với truyền thuyết An Dương Vương.", "An Dương Vương"),
        ("Nhà vua ấy cho xây Vạn Lý Trường Thành.", "Vạn Lý Trường Thành"),
    ],
)
def test_a_family_name_inside_a_name_does_not_start_it(vi_nlp, sentence, name):
    # "Dương", "Lý" are family names, but the capitalised word before them belongs to the same name
    assert any(text == name for text, _ in entities(vi_nlp(sentence)))


def test_a_full_name_after_a_place_still_starts_at_its_family_name(vi_nlp):
    ents = entities(vi_nlp("Chủ tịch UBND tỉnh Nghệ An Thái Thanh Quý chủ trì cuộc họp."))
    assert ("Thái Thanh Quý", "PER") in ents


@pytest.mark.parametrize(
    "sentence,organisation",
    [
        ("Học viện Chính trị Quốc gia Hồ Chí Minh tổ chức hội thảo.", "Học viện Chính trị Quốc gia Hồ Chí Minh"),
        ("Em học ở trường THPT Lê Quý Đôn từ năm lớp mười.", "trường THPT Lê Quý Đôn"),
    ],
)
def test_an_organisation_named_after_a_person_keeps_the_name(vi_nlp, sentence, organisation):
    # no office before it: the full name that ends the organisation's capitalised words is what it is named after
    ents = entities(vi_nlp(sentence))
    assert (organisation, "ORG") in ents
    assert not any(label == "PER" for _, label in ents)


@pytest.mark.parametrize(
    "sentence,document",
    [
        ("Bộ luật Hình sự quy định rõ tội tham ô.", "Bộ luật Hình sự"),
        ("Luật Bảo vệ môi trường quy định trách nhiệm của doanh nghiệp.", "Luật Bảo vệ môi trường"),
        ("Hiến chương ASEAN nêu rõ nguyên tắc đồng thuận.", "Hiến chương ASEAN"),
    ],
)
def test_a_documents_title_ends_where_its_predicate_starts(vi_nlp, sentence, document):
    assert (document, "MISC") in entities(vi_nlp(sentence))


@pytest.mark.parametrize(
    "sentence,name",
    [
        ("Ứng dụng Zalo có hơn 70 triệu người dùng.", "Zalo"),
        ("Số người dùng Facebook tại Việt Nam tăng nhanh.", "Facebook"),
        pytest.param(
            "Chương trình Táo Quân được phát sóng vào đêm giao thừa.",
            "Táo Quân",
            # no rule proposes "Táo Quân" (a dictionary word, "táo quân"): the typer alone decides it, and the typer
            # retrained with heldout14 (issue 13, round 15) gives it MISC 0.34, no name 0.66, short of accept_new
            marks=pytest.mark.xfail(reason="the typer alone finds it, and the round-15 typer does not", strict=True),
        ),
        ("Giải thưởng Hồ Chí Minh được trao cho nhiều nhà khoa học.", "Hồ Chí Minh"),
    ],
)
def test_products_programmes_and_prizes_are_misc(vi_nlp, sentence, name):
    # GUIDELINES §4.4: products, works and prizes named by a proper noun; not persons
    ents = entities(vi_nlp(sentence))
    assert (name, "MISC") in ents
    assert not any(label == "PER" for _, label in ents)


@pytest.mark.parametrize(
    "sentence,organisation",
    [
        ("Chị Hoa làm việc cho DNTN Phước Lộc ở Q.5 .", "DNTN Phước Lộc"),
        ("Đại sứ quán Pháp tại Hà Nội đã lên tiếng .", "Đại sứ quán Pháp"),
        ("Anh Tuấn là kỹ sư của Tổng công ty Điện lực miền Nam .", "Tổng công ty Điện lực miền Nam"),
    ],
)
def test_embassies_private_firms_and_regional_companies_are_organisations(vi_nlp, sentence, organisation):
    # GUIDELINES §3.3: the whole name, its abbreviation or the region that ends it included
    ents = entities(vi_nlp(sentence))
    assert (organisation, "ORG") in ents
    assert not any(label == "PER" and text in organisation for text, label in ents)


def test_a_verb_spelled_like_an_organisation_noun_starts_no_organisation(vi_nlp):
    # "tổ chức" is "organisation" and "to organise": in lower case, tagged a verb, it heads no name
    ents = entities(vi_nlp("Cộng đồng người Việt ở Mỹ tổ chức đón Tết."))
    assert not any(label == "ORG" for _, label in ents)


@pytest.mark.parametrize(
    "sentence,origin",
    [
        ("Các du học sinh Việt Nam tại Úc gặp khó khăn.", "Việt Nam"),
        ("Nhiều công nhân Hàn Quốc làm việc ở đây.", "Hàn Quốc"),
    ],
)
def test_a_country_after_a_noun_for_people_is_their_origin(vi_nlp, sentence, origin):
    # GUIDELINES §4.4: "người [MISC Nga]", "sinh viên [MISC Mỹ]"
    assert (origin, "MISC") in entities(vi_nlp(sentence))


def test_a_currency_of_a_country_is_no_person(vi_nlp):
    assert not any(label == "PER" for _, label in entities(vi_nlp("Năm nay đồng yên Nhật mất giá mạnh.")))


@pytest.mark.parametrize(
    "sentence,name", [("Ả Phương cười khẩy rồi bỏ đi.", "Phương"), ("Mấy hôm nay cu Tí ốm.", "Tí")]
)
def test_address_words_of_stories_stay_outside_the_name(vi_nlp, sentence, name):
    # GUIDELINES §3.1: like "thằng Bờm", "mụ Hai"
    assert (name, "PER") in entities(vi_nlp(sentence))


def test_an_organisation_noun_before_a_name_is_a_head_whatever_its_tag(vi_nlp):
    # "tổ chức" before a capitalised name is the organisation, not the verb: never a person "Đảng"
    ents = entities(vi_nlp("Uy tín của tổ chức Đảng bị ảnh hưởng."))
    assert not any(label == "PER" for _, label in ents)


def test_two_courts_joined_by_va_stay_two(vi_nlp):
    ents = entities(vi_nlp("Người bị TAND Q. Ninh Kiều và TAND TP. Cần Thơ tuyên phải trả nợ ."))
    assert ("TAND Q. Ninh Kiều", "ORG") in ents
    assert ("TAND TP. Cần Thơ", "ORG") in ents


def test_a_brand_before_a_full_name_stays_outside_it(vi_nlp):
    ents = entities(vi_nlp("Giám đốc tài chính Huawei Mạnh Vãn Chu bị bắt."))
    assert ("Mạnh Vãn Chu", "PER") in ents


@pytest.mark.parametrize(
    "sentence,origin",
    [("Một nhà văn Nhật từng viết về Hà Nội.", "Nhật"), ("Các nhà khoa học Mỹ vừa công bố phát hiện mới.", "Mỹ")],
)
def test_a_short_country_name_alone_after_a_profession_is_the_origin(vi_nlp, sentence, origin):
    # the brief's "nhà văn Nhật": a writer from Japan, no person named Nhật
    ents = entities(vi_nlp(sentence))
    assert (origin, "MISC") in ents
    assert not any(label == "PER" for _, label in ents)


def test_an_origin_before_a_full_name_stays_outside_it(vi_nlp):
    ents = entities(vi_nlp("Đạo diễn người Pháp gốc Việt Trần Anh Hùng trở về quê hương."))
    assert ("Trần Anh Hùng", "PER") in ents


@pytest.mark.parametrize(
    "sentence,person",
    [
        ("Nữ hoàng Anh Elizabeth II qua đời năm 2022.", "Elizabeth II"),
        ("Ngoại trưởng Mỹ Antony Blinken thăm Hà Nội.", "Antony Blinken"),
    ],
)
def test_offices_and_monarchs_numbers(vi_nlp, sentence, person):
    assert (person, "PER") in entities(vi_nlp(sentence))


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("Trung tâm Y tế huyện Củ Chi tiêm vắc xin cho trẻ .", ("Trung tâm Y tế huyện Củ Chi", "ORG")),
        ("Ông làm việc ở Trung tâm Nghiên cứu Biển .", ("Trung tâm Nghiên cứu Biển", "ORG")),
        ("Khách sạn nằm ở trung tâm Hà Nội .", ("Hà Nội", "LOC")),
        ("Trung tâm Hà Nội đông đúc vào giờ cao điểm .", ("Hà Nội", "LOC")),
    ],
)
def test_a_centre_is_an_organisation_only_capitalised_and_not_before_a_place(vi_nlp, sentence, expected):
    # "trung tâm Hà Nội" is downtown Hanoi; "Trung tâm Y tế ..." is a health centre
    assert expected in entities(vi_nlp(sentence))


def test_a_trail_named_after_a_person_is_a_place(vi_nlp):
    # like "đường Nguyễn Huệ" (GUIDELINES §3.2 rule 2): the noun inside, a place, no person
    ents = entities(vi_nlp("Bộ đội hành quân trên đường mòn Hồ Chí Minh."))
    assert ("đường mòn Hồ Chí Minh", "LOC") in ents
    assert not any(label == "PER" for _, label in ents)


@pytest.mark.parametrize(
    "sentence,title",
    [
        ('Năm 1428, Nguyễn Trãi viết " Bình Ngô đại cáo " .', "Bình Ngô đại cáo"),
        ('Cuốn " Nỗi buồn chiến tranh " của Bảo Ninh được dịch ra nhiều thứ tiếng.', "Nỗi buồn chiến tranh"),
        ("Ca khúc “ Hà Nội mùa thu ” do Vũ Thanh sáng tác.", "Hà Nội mùa thu"),
    ],
)
def test_a_title_in_quotes_after_a_work_noun_or_verb_is_misc_whole(vi_nlp, sentence, title):
    # the quotes say where the title starts and ends: no place or person inside it ("Hà Nội", "Bình Ngô")
    ents = entities(vi_nlp(sentence))
    assert (title, "MISC") in ents
    assert not any(text in title and label != "MISC" for text, label in ents)


def test_a_question_in_quotes_is_no_title(vi_nlp):
    ents = entities(vi_nlp('Anh ra hỏi xem " Ai đến đấy ? " rồi quay vào .'))
    assert not any(label == "MISC" for _, label in ents)


@pytest.mark.parametrize(
    "text, origin",
    [("Tổng thống Pháp", "Pháp"), ("Đại sứ Việt Nam", "Việt Nam"), ("Phỏng vấn nhà văn Hàn Quốc", "Hàn Quốc")],
)
def test_a_text_that_ends_on_an_office_and_its_country_is_read(vi_nlp, text, origin):
    # a headline without its full stop: the country after the office ends the text, and the short-origin
    # check read the word after it (an IndexError that stopped the pipeline, and BKEE train's preparation)
    assert (origin, "MISC") in entities(vi_nlp(text))

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


# ------------------------------------------------------------------ found on dev, fixed in general


@pytest.mark.parametrize(
    "sentence,number",
    [
        # "hàng" of the verb "đặt hàng" and "quân" of the adjective "bình quân" are not the index nouns they spell
        ("Hãng hàng không này vừa đặt hàng 20 tàu bay mới.", "20"),
        ("Mỗi hộ được hỗ trợ bình quân 3 triệu đồng.", "3 triệu đồng"),
    ],
)
def test_a_number_after_a_verb_ending_like_an_index_noun_is_a_quantity(vi_nlp, sentence, number):
    assert (number, "NUM") in entities(vi_nlp(sentence))


def test_an_indefinite_quantity_and_an_index_stay_no_number(vi_nlp):
    doc = vi_nlp("Hàng chục người dân chờ ở phòng 12 từ sáng.")
    assert not any(e.label_ == "NUM" for e in doc.ents)


def test_an_organisation_name_joined_by_va_is_whole_even_before_a_family_name(vi_nlp):
    # "Đào" is a family name, here the first word of "Đào tạo" (training)
    doc = vi_nlp("Trường được Bộ Lao động và Đào tạo nghề khen thưởng.")
    orgs = [e.text for e in doc.ents if e.label_ == "ORG"]
    assert orgs and not any(text.endswith(" và") for text in orgs)
    assert any("Đào tạo" in text for text in orgs)


@pytest.mark.parametrize(
    "sentence,expected",
    [
        # a lower-case or sentence-initial company noun stays outside a brand's own name (GUIDELINES §3.2, rule 3)
        ("Anh ấy chuyển sang làm cho công ty Vinamilk từ năm ngoái.", "Vinamilk"),
        ("Tập đoàn Samsung mở thêm nhà máy ở Thái Nguyên.", "Samsung"),
        # capitalised mid-sentence, the noun is part of the name (rule 1)
        ("Cổ phiếu của Tập đoàn Samsung tăng mạnh.", "Tập đoàn Samsung"),
        # a Vietnamese name after it is what the company is named after (rule 2)
        ("Anh ấy làm kế toán cho công ty cổ phần Sông Đà.", "công ty cổ phần Sông Đà"),
    ],
)
def test_a_company_noun_is_inside_or_outside_the_name_as_the_guideline_says(vi_nlp, sentence, expected):
    assert (expected, "ORG") in entities(vi_nlp(sentence))


@pytest.mark.parametrize(
    "sentence,adjective",
    [
        ("Thực dân Hà Lan chiếm đóng Indonesia hơn ba thế kỷ.", "Hà Lan"),
        ("Người phát ngôn của chính phủ Nhật Bản từ chối bình luận.", "Nhật Bản"),
    ],
)
def test_a_country_after_a_noun_of_its_people_or_government_is_misc(vi_nlp, sentence, adjective):
    assert (adjective, "MISC") in entities(vi_nlp(sentence))


def test_the_typer_sees_a_listed_name_coordinated_with_a_candidate():
    from pipeline.vi import load_vi
    from pipeline.vi.ner.gazetteer import cldr_gazetteer, gazetteer_paths, project_gazetteer
    from pipeline.vi.ner.lexicon import context_words
    from pipeline.vi.ner.typer import PROPOSERS, Featurizer, _tags, candidate_spans

    nlp = load_vi(overrides={"nlp.pipeline": list(PROPOSERS)})
    doc = nlp("Đoàn xe đi qua Paris và Quimperlé trong hai ngày.")
    featurize = Featurizer(context_words(), [cldr_gazetteer(), project_gazetteer(gazetteer_paths(["<packaged>"]))])
    tags = _tags(doc)
    features = {m.view.text(m.i, m.j): featurize(m, tags) for m in candidate_spans(doc, context_words())}
    assert "conj_prev=LOC" in features["Quimperlé"]
    assert "conj_next=LOC" not in features["Quimperlé"]


@pytest.mark.parametrize(
    "sentence,institution",
    [
        # an office followed by a listed institution written in sentence case is no person's title
        ("Bộ trưởng trình dự thảo lên Thủ tướng Chính phủ vào tuần sau.", "Chính phủ"),
        ("Bà được bầu làm Phó Chủ tịch Quốc hội năm ngoái.", "Quốc hội"),
    ],
)
def test_an_office_of_an_institution_is_no_person(vi_nlp, sentence, institution):
    ents = entities(vi_nlp(sentence))
    assert (institution, "ORG") in ents
    assert not any(label == "PER" for _, label in ents)  # neither "Chính", "Quốc" nor "Phó Chủ tịch"


@pytest.mark.parametrize(
    "sentence,name",
    [
        # events, movements, battles, works, prizes and vehicles named by a proper noun (GUIDELINES §4.4); a battle
        # or an uprising keeps its noun ("[MISC trận Waterloo]"), a movement does not ("phong trào [MISC Đông Du]")
        ("Nghĩa quân giữ vững căn cứ suốt cuộc khởi nghĩa Lam Sơn.", "khởi nghĩa Lam Sơn"),
        ("Nhiều thanh niên hưởng ứng phong trào Đông Du đầu thế kỷ trước.", "Đông Du"),
        ("Quân Tây Sơn đại thắng trong trận Ngọc Hồi vào mùa xuân.", "trận Ngọc Hồi"),
        ("Nhà báo ấy được trao giải Pulitzer năm 1975.", "Pulitzer"),
        ("Anh vẫn đi làm bằng chiếc xe máy Wave cũ.", "Wave"),
    ],
)
def test_a_named_event_movement_work_or_vehicle_is_misc(vi_nlp, sentence, name):
    ents = entities(vi_nlp(sentence))
    assert (name, "MISC") in ents
    assert not any(text == name and label != "MISC" for text, label in ents)


def test_a_ruling_house_is_an_organisation(vi_nlp):
    assert ("Lê", "ORG") in entities(vi_nlp("Dưới triều Lê, kinh thành được mở rộng về phía tây."))


def test_a_named_theatre_is_a_place_with_its_noun(vi_nlp):
    assert ("nhà hát Bolshoi", "LOC") in entities(vi_nlp("Buổi hòa nhạc diễn ra tại nhà hát Bolshoi tối qua."))


def test_the_typer_reads_family_name_spelling_and_length_together():
    from pipeline.vi import load_vi
    from pipeline.vi.ner.gazetteer import cldr_gazetteer, gazetteer_paths, project_gazetteer
    from pipeline.vi.ner.lexicon import context_words
    from pipeline.vi.ner.typer import PROPOSERS, Featurizer, _tags, candidate_spans

    nlp = load_vi(overrides={"nlp.pipeline": list(PROPOSERS)})
    doc = nlp("Hôm ấy Trần Văn Thành đi thuyền qua Vàm Lũng để gặp Yury.")
    featurize = Featurizer(context_words(), [cldr_gazetteer(), project_gazetteer(gazetteer_paths(["<packaged>"]))])
    tags = _tags(doc)
    features = {m.view.text(m.i, m.j): featurize(m, tags) for m in candidate_spans(doc, context_words())}
    assert "kind=surname:none:3" in features["Trần Văn Thành"]
    assert "kind=other:none:2" in features["Vàm Lũng"]
    assert "kind=other:all:1" in features["Yury"]


# Round 4: the native place names the typer took for people (pipeline/text/data/places-vn-history.tsv).


@pytest.mark.parametrize(
    "sentence,place",
    [
        ("Mùa xuân năm ấy, nhà vua rời Hoa Lư, dời đô ra Thăng Long.", "Thăng Long"),
        ("Sau nhiều năm chinh chiến, Nguyễn Ánh lấy lại Gia Định.", "Gia Định"),
        ("Thương nhân Bồ Đào Nha buôn bán tấp nập ở Đàng Trong.", "Đàng Trong"),
        ("Kinh Bắc nổi tiếng với những làn điệu quan họ.", "Kinh Bắc"),
        ("Quân ta nhiều lần đánh bại Chiêm Thành ở phía nam.", "Chiêm Thành"),
        ("Năm 1991, tỉnh cũ Nghệ Tĩnh được tách làm hai.", "Nghệ Tĩnh"),
        ("Đoàn công tác đã bay tới Vũ Hán để lấy mẫu.", "Vũ Hán"),
    ],
)
def test_historical_and_sino_vietnamese_place_names_are_places(vi_nlp, sentence, place):
    assert (place, "LOC") in entities(vi_nlp(sentence))


def test_a_person_with_a_title_keeps_a_name_that_is_also_a_place(vi_nlp):
    # the listed place "Sơn Nam" yields to the title: the writer Sơn Nam is a person
    doc = vi_nlp("Hôm qua, nhà văn Sơn Nam kể cho chúng tôi nghe về đất phương Nam.")
    assert ("Sơn Nam", "PER") in entities(doc)


@pytest.mark.parametrize(
    "sentence,place",
    [
        ("Từ trên tàu nhìn vào bờ, chúng tôi thấy rõ Mũi Cà Mau.", "Mũi Cà Mau"),
        ("Những chiếc sà lan chở cát xuôi theo Sông Hồng.", "Sông Hồng"),
        ("Đoàn thuyền ra khơi từ Vàm Láng lúc nửa đêm.", "Vàm Láng"),
    ],
)
def test_a_place_noun_capitalised_inside_a_sentence_is_part_of_the_name(vi_nlp, sentence, place):
    # GUIDELINES §3.2 rule 1
    assert (place, "LOC") in entities(vi_nlp(sentence))


def test_a_capitalised_lake_noun_that_is_a_family_name_starts_no_place(vi_nlp):
    doc = vi_nlp("Năm 1945, ông Hồ Chí Minh đọc bản tuyên ngôn độc lập.")
    assert ("Hồ Chí Minh", "PER") in entities(doc)
    assert not any(e.label_ == "LOC" and "Hồ" in e.text for e in doc.ents)


def test_a_capitalised_noun_of_a_work_starts_a_misc_name(vi_nlp):
    doc = vi_nlp("Tối nào bà cũng ngâm vài câu trong Truyện Kiều cho cháu nghe.")
    assert ("Truyện Kiều", "MISC") in entities(doc)


def test_a_demonym_noun_first_in_a_sentence_leaves_the_name_misc(vi_nlp):
    doc = vi_nlp("Quân Minh rút chạy về phương bắc sau trận ấy.")
    assert ("Minh", "MISC") in entities(doc)
    assert not any(e.text == "Quân Minh" for e in doc.ents)


@pytest.mark.parametrize(
    "sentence,expected,absent",
    [
        # a family name that is also a demonym noun ("đoàn", a delegation) starts a person's name
        ("Đoàn Văn Hậu ghi bàn thắng quyết định.", ("Đoàn Văn Hậu", "PER"), "Văn Hậu"),
        # after a demonym noun only the listed place is the adjective; the person's name stays a person
        ("Sinh viên Pháp Jean Dupont đến Hà Nội học tiếng Việt.", ("Pháp", "MISC"), "Pháp Jean Dupont"),
    ],
)
def test_a_sentence_initial_demonym_noun_takes_only_a_place_or_a_lone_syllable(vi_nlp, sentence, expected, absent):
    doc = vi_nlp(sentence)
    assert expected in entities(doc)
    assert not any(e.text == absent for e in doc.ents)


@pytest.mark.parametrize(
    "sentence,person",
    [
        ("Đêm ấy, nàng Mị ngồi một mình bên bếp lửa.", "Mị"),
        ("Già Xiêng kể cho lũ trẻ nghe chuyện ngày xưa.", "Xiêng"),
        ("Trận đấu ấy, tiền đạo Tiến Linh ghi hai bàn.", "Tiến Linh"),
    ],
)
def test_address_terms_of_stories_and_titles_of_sport_leave_the_name_a_person(vi_nlp, sentence, person):
    doc = vi_nlp(sentence)
    assert (person, "PER") in entities(doc)


def test_a_demonym_noun_glued_to_a_verb_still_makes_the_place_after_it_misc(vi_nlp):
    # the segmenter reads "đánh bại quân" as one verb; "quân" still names the troops of a country
    doc = vi_nlp("Năm 1258, nhà Trần đánh bại quân Mông Cổ ở Đông Bộ Đầu.")
    assert ("Mông Cổ", "MISC") in entities(doc)


@pytest.mark.parametrize(
    "sentence,dynasty",
    [
        ("Năm 1258, nhà Trần đánh bại quân Mông Cổ ở Đông Bộ Đầu.", "Trần"),
        ("Sau khi nhà Hồ mất, nhà Minh đặt ách cai trị lên nước ta.", "Minh"),
        ("Nhà Nguyễn chọn Phú Xuân làm kinh đô.", "Nguyễn"),
    ],
)
def test_a_dynasty_after_nha_is_a_ruling_house(vi_nlp, sentence, dynasty):
    assert (dynasty, "ORG") in entities(vi_nlp(sentence))


def test_a_full_name_after_nha_is_a_person_at_whose_house(vi_nlp):
    doc = vi_nlp("Chiều qua tôi ghé nhà Trần Văn Hòa uống trà.")
    assert ("Trần Văn Hòa", "PER") in entities(doc)


@pytest.mark.parametrize(
    "sentence,event",
    [
        ("Sau Chiến tranh thế giới thứ hai, nhiều thuộc địa giành được độc lập.", "Chiến tranh thế giới thứ hai"),
        ("Ông nội tôi sinh ra ngay sau chiến tranh thế giới lần thứ nhất.", "chiến tranh thế giới lần thứ nhất"),
        ("Thành phố bị tàn phá nặng nề trong Thế chiến thứ hai.", "Thế chiến thứ hai"),
    ],
)
def test_a_world_war_named_by_its_ordinal_is_misc(vi_nlp, sentence, event):
    assert (event, "MISC") in entities(vi_nlp(sentence))


def test_an_ordinal_after_a_prize_noun_is_no_name(vi_nlp):
    doc = vi_nlp("Đội bóng của trường nhận giải thứ hai trong cuộc thi.")
    assert not any(e.label_ == "MISC" for e in doc.ents)


def test_an_event_name_after_cuoc_glued_to_it_is_whole(vi_nlp):
    # the segmenter reads "Cuộc Chiến tranh" as one word; the event's name starts at its head all the same
    doc = vi_nlp("Cuộc Chiến tranh thế giới thứ hai kết thúc vào mùa hè năm ấy.")
    assert ("Chiến tranh thế giới thứ hai", "MISC") in entities(doc)


# Round 5: date forms in VTB's tokenised text, works, storms, ships, prizes, ethnic groups, month-named events.


@pytest.mark.parametrize(
    "sentence,date,value",
    [
        ("Ngày 7 - 5 , cả làng ra đồng gặt lúa sớm .", "Ngày 7 - 5", "XXXX-05-07"),
        ("Lễ khánh thành diễn ra ngày 19 - 8 - 2004 tại xã .", "ngày 19 - 8 - 2004", "2004-08-19"),
        ("Bà con họp mặt ngày 2 / 9 / 1995 trước đình .", "ngày 2 / 9 / 1995", "1995-09-02"),
        ("Chiều qua ( 14 - 6 ) , đoàn kiểm tra đã về đến huyện .", "14 - 6", "XXXX-06-14"),
        ("Tối 21 / 12 , mưa lớn kéo dài suốt đêm .", "21 / 12", "XXXX-12-21"),
    ],
)
def test_vtb_dates_with_spaced_separators(vi_nlp, sentence, date, value):
    doc = vi_nlp(sentence)
    found = {e.text: e for e in doc.ents if e.label_ == "DATE"}
    assert date in found and found[date]._.value == value
    assert not any(e.label_ == "NUM" for e in doc.ents)


def test_a_spaced_pair_of_numbers_without_a_day_word_is_no_date(vi_nlp):
    doc = vi_nlp("Đội nhà thắng 3 - 1 trong trận lượt về .")
    assert not any(e.label_ == "DATE" for e in doc.ents)


@pytest.mark.parametrize(
    "sentence,title",
    [
        ("Thầy giáo kể cho lớp nghe truyện ngắn Lão Hạc của Nam Cao .", "Lão Hạc"),
        ("Tối qua cả nhà xem bộ phim Cánh đồng hoang trên truyền hình .", "Cánh đồng hoang"),
        ('Cô hát bài hát " Quê hương " trong buổi lễ .', "Quê hương"),
        ("Ông mang theo cuốn tiểu thuyết Tắt đèn khi đi tàu .", "Tắt đèn"),
    ],
)
def test_a_title_after_a_noun_of_works_is_misc_without_the_noun(vi_nlp, sentence, title):
    ents = entities(vi_nlp(sentence))
    assert (title, "MISC") in ents
    assert not any(label in ("PER", "ORG") and title in text for text, label in ents)


def test_a_set_of_films_is_not_a_ministry(vi_nlp):
    doc = vi_nlp("Bộ phim Em bé Hà Nội được chiếu lại nhiều lần .")
    assert not any(e.label_ == "ORG" for e in doc.ents)


@pytest.mark.parametrize(
    "sentence,name",
    [
        ("Cơn bão Noru suy yếu khi vào đất liền .", "Noru"),
        ("Siêu bão Rammasun làm hàng nghìn cây đổ .", "Rammasun"),
        ("Giới trẻ bàn tán về giải Oscar năm nay .", "Oscar"),
        ("Anh ấy nhận giải Pulitzer cho loạt phóng sự .", "Pulitzer"),
    ],
)
def test_storms_and_prizes_named_by_a_proper_noun_are_misc(vi_nlp, sentence, name):
    assert (name, "MISC") in entities(vi_nlp(sentence))


@pytest.mark.parametrize(
    "sentence,group",
    [
        ("Đồng bào Ê Đê ở Đắk Lắk giữ tục ở nhà dài .", "Ê Đê"),
        ("Phần lớn dân cư xã này là người Tày và người Nùng .", "Tày"),
        ("Nhiều thanh niên Khơ Mú xuống núi đi học .", "Khơ Mú"),
    ],
)
def test_ethnic_groups_are_misc(vi_nlp, sentence, group):
    assert (group, "MISC") in entities(vi_nlp(sentence))


def test_an_event_named_after_its_month_is_misc(vi_nlp):
    doc = vi_nlp("Ông nội tôi tham gia Cách mạng tháng Tám khi mới mười bảy tuổi .")
    assert ("Cách mạng tháng Tám", "MISC") in entities(doc)


@pytest.mark.parametrize(
    "sentence,club",
    [
        ("Tối qua , Becamex Bình Dương để thua trên sân nhà .", "Becamex Bình Dương"),
        ("Ngân hàng thương mại này tài trợ cho SHB Đà Nẵng ba mùa giải .", "SHB Đà Nẵng"),
    ],
)
def test_a_brand_with_its_home_place_is_one_organisation(vi_nlp, sentence, club):
    ents = entities(vi_nlp(sentence))
    assert (club, "ORG") in ents
    assert not any(label == "PER" for _, label in ents)


def test_an_abbreviated_city_is_still_a_place_not_a_brand(vi_nlp):
    assert ("TP HCM", "LOC") in entities(vi_nlp("Gia đình chị chuyển vào TP HCM sinh sống ."))


def test_a_family_name_like_noun_before_a_lower_case_word_is_no_person(vi_nlp):
    doc = vi_nlp("Đoàn Thanh niên xã tổ chức dọn vệ sinh đường làng .")
    assert not any(e.label_ == "PER" for e in doc.ents)


def test_capitals_that_begin_a_lower_case_word_after_a_title_are_no_person(vi_nlp):
    doc = vi_nlp("Năm ấy , cụ được phong Anh hùng Lao động vì thành tích chống hạn .")
    assert not any(e.label_ == "PER" for e in doc.ents)


@pytest.mark.parametrize(
    "sentence,ministry",
    [
        ("Thứ trưởng Bộ Tư pháp đã tiếp đoàn công tác .", "Bộ Tư pháp"),
        ("Theo Bộ Công Thương , giá xăng sẽ giảm nhẹ .", "Bộ Công Thương"),
    ],
)
def test_a_ministry_written_as_one_word_with_its_head_is_whole(vi_nlp, sentence, ministry):
    ents = entities(vi_nlp(sentence))
    assert (ministry, "ORG") in ents
    assert not any(label == "PER" for _, label in ents)


def test_a_century_with_its_ordinal_word_is_a_date(vi_nlp):
    doc = vi_nlp("Ngôi chùa được dựng lại vào thế kỷ thứ 17 .")
    found = {e.text: e._.value for e in doc.ents if e.label_ == "DATE"}
    assert found == {"thế kỷ thứ 17": "16"}


@pytest.mark.parametrize(
    "sentence,company",
    [
        ("Giá cổ phiếu Hòa Phát giảm sau phiên chiều .", "Hòa Phát"),
        ("Cô chỉ mua giày thương hiệu Bitis cho con .", "Bitis"),
        ("Nhà mạng Vinaphone tăng dung lượng gói cước .", "Vinaphone"),
    ],
)
def test_a_brand_after_a_brand_or_share_noun_is_a_company(vi_nlp, sentence, company):
    assert (company, "ORG") in entities(vi_nlp(sentence))


def test_a_listed_one_syllable_name_starting_a_lower_case_word_is_no_name(vi_nlp):
    # "Chăm" is a listed people, but "Chăm sóc" first in a sentence is the verb "to care for"
    doc = vi_nlp("Chăm sóc vườn rau mỗi sáng là việc của ông .")
    assert not any(e.text == "Chăm" for e in doc.ents)


@pytest.mark.parametrize(
    "sentence, street",
    [
        ("Ngôi nhà nhỏ nằm ngay mặt đường Thánh Paul .", "đường Thánh Paul"),
        ("Cửa hàng của chị ở cuối con đường Trần Phú .", "đường Trần Phú"),
    ],
)
def test_a_street_after_a_word_ending_in_its_noun_keeps_the_noun(vi_nlp, sentence, street):
    # the segmenter glues "mặt đường" (the street's surface) into one word; the street is still "đường X"
    assert (street, "LOC") in entities(vi_nlp(sentence))


def test_paradise_is_no_street(vi_nlp):
    assert not any(e.text.startswith("đường") for e in vi_nlp("Đó là thiên đường Hà Nội của tuổi thơ .").ents)

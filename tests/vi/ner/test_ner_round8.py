"""Issue 13, round 8: kinds of error on VTB-style text (lower case, informal, VTB's spaced tokens), each on a
sentence of our own writing (not from any gold file)."""

from __future__ import annotations

import pytest

from tests.vi.ner.conftest import entities


@pytest.mark.parametrize(
    "sentence,disease",
    [
        ("Chị phát hiện mình nhiễm HIV khi mang thai đứa con đầu .", "HIV"),
        ("Trạm y tế xã mở lớp phòng chống hiv cho thanh niên .", "hiv"),
        ("Quỹ này giúp trẻ em mồ côi vì AIDS ở ba tỉnh miền núi .", "AIDS"),
        ("Dịch Ebola từng làm hàng nghìn người chết ở Tây Phi .", "Ebola"),
    ],
)
def test_diseases_named_are_misc(vi_nlp, sentence, disease):
    # the dev and held-out gold mark named diseases and viruses MISC (as H5N1, Covid-19), VTB in lower case too;
    # the typer took "HIV" for an organisation
    ents = entities(vi_nlp(sentence))
    assert (disease, "MISC") in ents
    assert not any(text == disease and label != "MISC" for text, label in ents)


@pytest.mark.parametrize(
    "sentence,dates",
    [
        ("Hội chợ mở trong hai ngày 14 và 15 - 8 ở sân vận động tỉnh .", ["14", "15 - 8"]),
        ("Chiều 7 - 2 – 2004 , đoàn khách về tới bến .", ["7 - 2 – 2004"]),
        ("Ông làm trưởng thôn ( 1986 - 1994 ) rồi về hưu .", ["1986", "1994"]),
        ("Trong năm 1997 - 1998 giá cà phê xuống rất thấp .", ["năm 1997", "1998"]),
    ],
)
def test_pairs_and_ranges_of_dates_are_dates(vi_nlp, sentence, dates):
    # GUIDELINES §4.5: dates joined by "và" or a dash are separate DATEs, each with the month or year it shares;
    # VTB writes an en dash too. These were NUMs (or nothing).
    ents = entities(vi_nlp(sentence))
    assert [text for text, label in ents if label == "DATE"] == dates
    assert not any(label == "NUM" and text[:1].isdigit() for text, label in ents)  # ("hai ngày": two days)


@pytest.mark.parametrize(
    "sentence,amounts",
    [
        ("Giá đất ở đây khoảng 1500 - 2000 USD một mét vuông .", ["1500", "2000 USD"]),
        ("Mỗi năm có 1200 - 1500 người đến xin việc .", ["1200", "1500"]),
    ],
)
def test_ranges_of_amounts_stay_numbers(vi_nlp, sentence, amounts):
    ents = entities(vi_nlp(sentence))
    assert [text for text, label in ents if label == "NUM"] == amounts
    assert not any(label == "DATE" for _, label in ents)


@pytest.mark.parametrize(
    "sentence",
    [
        "Nó thi trượt lần hai thì bỏ học đi làm thuê .",
        "Dự án nâng cấp chợ giai đoạn 1 đã xong từ năm ngoái .",
        "Công ty có ba trạm bơm cấp 1 , 2 , 3 dọc bờ sông .",
        "Một là phải giữ rừng ; hai là phải giữ nước .",
    ],
)
def test_ranks_and_enumerations_are_no_numbers(vi_nlp, sentence):
    # GUIDELINES §4.6: ordinals and rank numbers ("lần hai", "giai đoạn 1", the ranks listed after "cấp") and
    # enumerating words ("hai là": secondly) are not NUM
    assert not any(label == "NUM" and text != "ba" for text, label in entities(vi_nlp(sentence)))


@pytest.mark.parametrize(
    "sentence,number",
    [
        ("Nhà nước cấp 2 tỷ đồng để làm đường .", "2 tỷ đồng"),
        ("Năm qua trạm đã cấp 12.500 liều thuốc cho bà con .", "12.500"),
        ("Mỗi lần hai người vào kho lấy hàng .", "hai"),
    ],
)
def test_amounts_after_rank_nouns_stay_numbers(vi_nlp, sentence, number):
    # "cấp" is also "to supply", "mỗi lần" is "each time": an amount, a big number or a unit keeps the NUM
    assert (number, "NUM") in entities(vi_nlp(sentence))


@pytest.mark.parametrize(
    "sentence,organisation",
    [
        ("Bà con đã gửi đơn lên ubnd huyện Tân Phú từ tháng trước .", "ubnd huyện Tân Phú"),
        ("Ubnd TP. Cần Thơ vừa cho phép xây cầu mới .", "Ubnd TP. Cần Thơ"),
    ],
)
def test_lower_case_abbreviations_head_organisations(vi_nlp, sentence, organisation):
    # GUIDELINES §3.3: abbreviations keep the name whole; VTB writes them in lower case, and the tagger calls the
    # lower-case "ubnd" a verb
    assert (organisation, "ORG") in entities(vi_nlp(sentence))


@pytest.mark.parametrize(
    "sentence,place",
    [
        ("Thằng bé đi lạc sang tận Hương Cảng mới được tìm thấy .", "Hương Cảng"),
        ("Đám trẻ bán vé số quanh khu vực Tân Định suốt ngày .", "Tân Định"),
    ],
)
def test_names_after_words_of_place_are_places(vi_nlp, sentence, place):
    # "tận" (all the way to) and "khu vực" (the area of) say a place follows; the typer read given names
    ents = entities(vi_nlp(sentence))
    assert (place, "LOC") in ents
    assert (place, "PER") not in ents


def test_a_roundabout_is_named_whole(vi_nlp):
    # GUIDELINES §3.2 rule 2: a structure named after its place keeps its noun
    ents = entities(vi_nlp("Xe buýt chạy từ vòng xoay Lăng Cha Cả về bến xe ."))
    assert ("vòng xoay Lăng Cha Cả", "LOC") in ents


@pytest.mark.parametrize(
    "sentence,origins",
    [
        ("Năm 1884 , liên quân Pháp và Nga kéo vào cảng .", ["Pháp", "Nga"]),
        ("Hạm đội Nga - Thổ Nhĩ Kỳ rời cảng lúc rạng sáng .", ["Nga", "Thổ Nhĩ Kỳ"]),
        ("Bộ trưởng đã điện đàm với người đồng cấp Ai Cập hôm qua .", ["Ai Cập"]),
        ("Các giáo sĩ Pháp và Bồ Đào Nha đến đây từ rất sớm .", ["Pháp", "Bồ Đào Nha"]),
        ("Vụ việc gây xôn xao dư luận Hàn Quốc suốt tuần .", ["Hàn Quốc"]),
    ],
)
def test_places_after_nouns_of_origin_and_those_joined_to_them_are_misc(vi_nlp, sentence, origins):
    # GUIDELINES §4.4: after a noun for people or forces of an origin the place is an adjective (MISC), and so is
    # a place joined to it by "và" or a dash; these were LOC
    ents = entities(vi_nlp(sentence))
    assert [text for text, label in ents if label == "MISC"] == origins
    assert not any(label == "LOC" for _, label in ents)


def test_a_place_after_an_origin_but_not_joined_to_it_stays_a_place(vi_nlp):
    ents = entities(vi_nlp("Quân Pháp đánh chiếm Gia Định rồi tiến ra Huế ."))
    assert ("Pháp", "MISC") in ents
    assert ("Gia Định", "LOC") in ents


@pytest.mark.parametrize(
    "sentence,place",
    [
        ("Lô hàng gạo này sẽ xuất sang thị trường trung quốc vào tháng tới .", "trung quốc"),
        ("Cô ấy bỏ quê lên hà nội làm thuê từ năm mười sáu tuổi .", "hà nội"),
        ("Mùa khô ở tây nguyên năm nay đến sớm .", "tây nguyên"),
        ("Anh ấy từng đi lao động ở hàn quốc ba năm .", "hàn quốc"),
        ("Gió chướng thổi mạnh khắp vùng Nam bộ .", "Nam bộ"),
    ],
)
def test_places_written_in_lower_case_are_found(vi_nlp, sentence, place):
    # VTB writes names in lower case; the curated gazetteer's and CLDR's names of two words or more are matched
    # so too
    assert (place, "LOC") in entities(vi_nlp(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "Đất nước thái bình , nhà nhà no ấm .",
        "Con tàu vượt hải dương mênh mông .",
        "Ai cũng mong hòa bình sớm trở lại .",
        "Thằng bé nay đã cao bằng bố nó .",
    ],
)
def test_place_names_that_are_common_words_in_lower_case_are_not_places(vi_nlp, sentence):
    assert not any(label == "LOC" for _, label in entities(vi_nlp(sentence)))


@pytest.mark.parametrize(
    "sentence,person",
    [
        ("Trần minh đức nói rằng anh sẽ ở lại làng .", "Trần minh đức"),
        ("Lê thị hồng nhung , 20 tuổi , vừa thi đỗ đại học .", "Lê thị hồng nhung"),
        ("Nguyễn thanh mỹ đã sống một mình từ năm ngoái .", "Nguyễn thanh mỹ"),
    ],
)
def test_a_family_name_and_lower_case_given_names_are_a_person(vi_nlp, sentence, person):
    # VTB writes a full name with its family name capitalised only; the segmenter makes it one word
    assert (person, "PER") in entities(vi_nlp(sentence))


@pytest.mark.parametrize(
    "sentence",
    ["Trần nhà bị dột nên phải sửa .", "Lý do là anh ấy quá bận .", "Võ thuật cổ truyền rất được ưa chuộng ."],
)
def test_a_family_name_starting_a_common_word_is_no_person(vi_nlp, sentence):
    assert not any(label == "PER" for _, label in entities(vi_nlp(sentence)))


@pytest.mark.parametrize(
    "sentence,ministry",
    [
        ("Thứ trưởng bộ Lao động - Thương binh & Xã hội đến thăm trường .", "bộ Lao động - Thương binh & Xã hội"),
        ("Đề án do bộ Nông nghiệp & Phát triển Nông thôn soạn thảo .", "bộ Nông nghiệp & Phát triển Nông thôn"),
    ],
)
def test_a_ministry_goes_on_over_dashes_and_ampersands(vi_nlp, sentence, ministry):
    # GUIDELINES §3.3: the whole name is one ORG; VTB writes "&" and a spaced dash inside ministries' names
    assert (ministry, "ORG") in entities(vi_nlp(sentence))


@pytest.mark.parametrize(
    "sentence,number",
    [
        ("Tàu cập bến lúc 9 giờ , sau 36 giờ trên biển .", "36"),
        ("Từ 11 g đêm đến sáng , mưa trút xuống 120 mm .", "120 mm"),
        ("Đúng 12 giờ trưa , chợ đã vãn người , còn 5 sạp .", "5"),
    ],
)
def test_times_of_day_are_no_numbers(vi_nlp, sentence, number):
    # GUIDELINES §4.5: times of day are not annotated ("lúc 9 giờ", "11 g đêm", "12 giờ trưa"); durations are NUM
    assert [text for text, label in entities(vi_nlp(sentence)) if label == "NUM"] == [number]


def test_the_east_sea_is_named_whole(vi_nlp):
    assert ("biển Đông", "LOC") in entities(vi_nlp("Ngư dân vẫn bám biển Đông dù sóng to gió lớn ."))


@pytest.mark.parametrize(
    "sentence,places",
    [
        ("Năm ấy quân ta tiến sang Ung Châu , Khâm Châu và Liêm Châu .", ["Ung Châu", "Khâm Châu", "Liêm Châu"]),
        ("Sáng mai chúng tôi lên Pleiku bằng xe đò .", ["Pleiku"]),
        ("Người biểu tình kéo đến ngục Bastille từ sáng sớm .", ["Bastille"]),
        ("Lá cờ được cắm trên nóc tòa nhà Reichstag .", ["Reichstag"]),
    ],
)
def test_places_after_verbs_of_going_and_nouns_of_buildings_are_places(vi_nlp, sentence, places):
    # "sang", "lên" (go up to) and the places joined to the first by "và" or a comma; "ngục" (prison), "tòa nhà"
    # (building) before a name; the family name rule ("Ung") and the typer read persons
    ents = entities(vi_nlp(sentence))
    assert [text for text, label in ents if label == "LOC"] == places
    assert not any(label == "PER" for _, label in ents)


def test_persons_joined_after_a_preposition_that_is_no_place_stay_persons(vi_nlp):
    ents = entities(vi_nlp("Chị ấy ở với Nguyễn Văn An và Trần Thị Bình từ năm ngoái ."))
    assert ("Nguyễn Văn An", "PER") in ents
    assert ("Trần Thị Bình", "PER") in ents

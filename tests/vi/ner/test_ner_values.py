"""DATE and NUM: finding them in text and normalising their values."""

from __future__ import annotations

import pytest

from pipeline.vi.ner.dates import find_dates, normalise_date
from tests.vi.ner.conftest import entities


@pytest.mark.parametrize(
    "text,value",
    [
        ("ngày 11 tháng 9 năm 1992", "1992-09-11"),
        ("Ngày 11 tháng 9 năm 1992", "1992-09-11"),
        ("11 tháng 9 năm 1992", "1992-09-11"),
        ("ngày 11 tháng 9", "XXXX-09-11"),
        ("ngày 11/9/1992", "1992-09-11"),
        ("11/9/1992", "1992-09-11"),
        ("11-9-1992", "1992-09-11"),
        ("11.9.1992", "1992-09-11"),
        ("ngày 11/9", "XXXX-09-11"),
        ("ngày 29/2", "XXXX-02-29"),
        ("tháng 6 năm 1992", "1992-06"),
        ("tháng 6/1992", "1992-06"),
        ("tháng 1-1994", "1994-01"),
        ("tháng 6", "XXXX-06"),
        ("tháng sáu năm 1992", "1992-06"),
        ("tháng mười hai năm 1991", "1991-12"),
        ("năm 1993", "1993"),
        ("cuối năm 2004", "2004"),
        ("đầu năm 938", "0938"),
        ("mùa hè 1992", "1992-SU"),
        ("mùa hạ năm 1992", "1992-SU"),
        ("mùa xuân 1975", "1975-SP"),
        ("mùa thu năm 1945", "1945-FA"),
        ("mùa đông 1941", "1941-WI"),
        ("quý 2 năm 2004", "2004-Q2"),
        ("quý II/2004", "2004-Q2"),
        ("thập niên 1990", "199"),
        ("những năm 90", "199"),
        ("thập kỷ 80", "198"),
        ("thế kỷ 20", "19"),
        ("thế kỷ XXI", "20"),
        ("tháng 20-Dec", "XXXX-12"),
    ],
)
def test_date_values(text, value):
    assert normalise_date(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "31/2/2000",  # no such day
        "tháng 13",
        "năm nay",  # relative: no calendar anchor
        "hai năm",  # a duration
        "mỗi tháng một lần",  # "once a month", not January
        "mùa hè",  # a season without a year
    ],
)
def test_not_dates(text):
    assert normalise_date(text) is None
    assert list(find_dates(text)) == []


def test_dates_in_running_text_exclude_prepositions_and_parts_of_day():
    text = "Sáng 11-9, từ 10-15 độ, vào tháng 1 năm 1994 và trong mùa hè 1992."
    found = [(text[s:e], v) for s, e, v in find_dates(text)]
    assert found == [("11-9", "XXXX-09-11"), ("tháng 1 năm 1994", "1994-01"), ("mùa hè 1992", "1992-SU")]


@pytest.mark.parametrize(
    "text,expected",
    [
        # the day words in capitals (a headline): the day-pair pattern is asked only of sentences holding one
        ("LỄ HỘI DIỄN RA NGÀY 5 VÀ 6-9 TẠI HUẾ", [("5", "XXXX-09-05"), ("6-9", "XXXX-09-06")]),
        ("Hội nghị họp Mồng 2 và 3 / 4 / 2010 ở Hà Nội", [("2", "2010-04-02"), ("3 / 4 / 2010", "2010-04-03")]),
        # a range of years with the en dash, and day-month-year dates written with a dot and VTB's spaced dash
        ("Ông làm việc ở đó 1971 – 1973 rồi về quê", [("1971", "1971"), ("1973", "1973")]),
        ("Vào 30 - 4 - 1975 và 2.9.1945, cả nước mừng", [("30 - 4 - 1975", "1975-04-30"), ("2.9.1945", "1945-09-02")]),
        # a day and month alone need a dash or a slash; numbers without one are no date
        ("Sáng 20/11 có 25 người dự, chiều 21-11 thêm 3", [("20/11", "XXXX-11-20"), ("21-11", "XXXX-11-21")]),
        ("Có 25 người và 1990 cuốn sách", []),
        # dates without a digit: a century in Roman numerals and months in words, in capitals too
        ("Vào THẾ KỶ XX, làng đã đổi khác", [("THẾ KỶ XX", "19")]),
        ("Cuối tháng tám này họ về", [("Cuối tháng tám", "XXXX-08")]),
        ("THÁNG TÁM NĂM NGOÁI trời mưa", [("THÁNG TÁM NĂM NGOÁI", "XXXX-08")]),
    ],
)
def test_dates_of_every_kind_found_in_a_sentence(text, expected):
    assert [(text[s:e], v) for s, e, v in find_dates(text)] == expected


@pytest.mark.parametrize(
    "sentence,expected",
    [
        # VTB dev sentences (UD Vietnamese-VTB, CC BY-SA 4.0)
        (
            "Mười cho biết bồn rượu này đã có người đặt mua với giá 500.000 đồng .",
            [("500.000 đồng", {"amount": 500000, "unit": "VND", "kind": "money"})],
        ),
        ("Đó là ước mơ và quyết tâm của nàng dâu tuổi 30 .", [("30", 30)]),
        (
            "Con tàu bị nghiêng , ban đầu khoảng 10 - 15 độ , chúng tôi cố tìm mọi cách để cứu tàu .",
            [("10", 10), ("15 độ", {"amount": 15, "unit": "°", "kind": "quantity"})],
        ),
        (
            "ngoài ra đầu tư gần 100 triệu đồng mua ghe máy",
            [("100 triệu đồng", {"amount": 100000000, "unit": "VND", "kind": "money"})],
        ),
        (
            "Khổ nhất phải kể đến gia đình anh Song , ngoài bốn sào ruộng bị nước mặn xóa sổ",
            [("bốn sào", {"amount": 4, "unit": "sào", "kind": "quantity"})],
        ),
        ("Hàng chục trang trại nằm rải rác đây đó", []),  # indefinite
        ("một tay săn chim chuyên nghiệp dẫn tôi đi vào núi", []),  # "một" alone
        ("nét thứ nhất và nét thứ hai", []),  # ordinals
        ("Ông Sáu Vô ở ấp Tiên Hưng", []),  # a birth-order name, not a number
        ("Tôi ở đây hơn mười năm rồi", [("mười", 10)]),  # "năm" is "year" after "mười"
    ],
)
def test_numbers_in_sentences(vi_nlp, sentence, expected):
    doc = vi_nlp(sentence)
    nums = [(e.text, e._.value) for e in doc.ents if e.label_ == "NUM"]
    assert nums == expected, entities(doc)


@pytest.mark.parametrize(
    "sentence,expected",
    [
        # issue 13: amounts keep their unit, and a number written with spaced groups is one number
        ("Hợp đồng trị giá 30 . 000 USD đã được ký .", [("30 . 000 USD", 30000, "USD", "money")]),
        ("Chiếc đồng hồ được bán với giá 30.000 USD.", [("30.000 USD", 30000, "USD", "money")]),
        ("Cậu bé mới 16 tuổi đã vào đại học.", [("16 tuổi", 16, "year", "age")]),
        ("Mỗi vé máy bay đắt thêm 200 usd so với năm ngoái.", [("200 usd", 200, "USD", "money")]),
        ("Bà bán mỗi bó rau với giá 5.000 đồng.", [("5.000 đồng", 5000, "VND", "money")]),
        ("Con đường dài 5 km chạy men theo bờ sông.", [("5 km", 5, "km", "quantity")]),
        ("Lãi suất tăng thêm 0,5% trong quý này.", [("0,5%", 0.5, "%", "percent")]),
        ("Năm ấy chị mười sáu tuổi.", [("mười sáu tuổi", 16, "year", "age")]),
    ],
)
def test_amounts_keep_their_unit(vi_nlp, sentence, expected):
    doc = vi_nlp(sentence)
    nums = [(e.text, e._.value) for e in doc.ents if e.label_ == "NUM"]
    assert nums == [(text, {"amount": n, "unit": unit, "kind": kind}) for text, n, unit, kind in expected]


def test_counted_nouns_and_other_words_are_not_units(vi_nlp):
    doc = vi_nlp("Có 6 người và 3 đồng chí đến từ 2 đồng bằng.")
    assert [(e.text, e._.value) for e in doc.ents if e.label_ == "NUM"] == [("6", 6), ("3", 3), ("2", 2)]


def test_a_malformed_multiplier_chain_is_a_num_without_value(vi_nlp):
    doc = vi_nlp("Anh ta khoe có 23 ngàn tỉ tỉ tỉ đồng trong tài khoản.")
    nums = [e for e in doc.ents if e.label_ == "NUM"]
    assert [(e.text, e._.value) for e in nums] == [("23 ngàn tỉ tỉ tỉ đồng", None)]


def test_long_numbers_keep_every_digit(vi_nlp):
    doc = vi_nlp("Máy tính hiện ra 999999999999999999999999999999 khi bị tràn bộ nhớ.")
    assert [e._.value for e in doc.ents if e.label_ == "NUM"] == [int("9" * 30)]


def test_numbers_inside_names_and_dates_are_not_num(vi_nlp):
    doc = vi_nlp("Sư đoàn 127 rút khỏi Karabakh năm 1993, sau khi xe tăng T-72 bị bắn cháy.[29]")
    assert [e.label_ for e in doc.ents if e.label_ == "NUM"] == []
    assert ("năm 1993", "DATE") in entities(doc)


@pytest.mark.parametrize(
    "sentence,date",
    [
        # "đầu" ends the verb "bắt đầu" (to begin), "ban đầu" (at first): no "beginning of" the date
        ("Chiến dịch bắt đầu ngày 26 tháng 4 năm 1975.", "ngày 26 tháng 4 năm 1975"),
        ("Công trình bắt đầu năm 2001 và xong năm 2004.", "năm 2001"),
        ("Nhà máy ban đầu năm 1998 chỉ có hai phân xưởng.", "năm 1998"),
        # a word of its own, it is the date's: the beginning, middle, end of
        ("Đầu năm 2001, công trình được khởi công.", "Đầu năm 2001"),
        ("Họ chuyển về Huế vào cuối tháng 6 năm 1990.", "cuối tháng 6 năm 1990"),
    ],
)
def test_a_dates_modifier_is_its_own_only_as_a_word_of_its_own(vi_nlp, sentence, date):
    dates = [text for text, label in entities(vi_nlp(sentence)) if label == "DATE"]
    assert dates[0] == date

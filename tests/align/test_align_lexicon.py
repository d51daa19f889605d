"""The bilingual tables and the normalisation the aligners compare with."""

from pipeline.align.lexicon import phrase_table
from pipeline.align.normalize import name_similarity, phrase_numbers
from pipeline.text.normalize import strip_diacritics
from pipeline.text.numbers import word_value


def test_cldr_names_come_first_and_our_table_fills_the_gaps():
    table = phrase_table()
    assert table.lookup("Nga")["russia"] == "cldr"
    assert table.lookup("Nga")["russian"] == "names"  # the demonym is not in CLDR
    assert table.lookup("Trung Á") == {"central asia": "cldr"}
    assert table.lookup("Thổ Nhĩ Kỳ")["turkey"] == "names"  # CLDR English says Türkiye
    assert table.lookup("liên xô")["soviet union"] == "names"  # case-insensitive
    assert table.lookup("tiếng Nga")["russian"] == "cldr"


def test_domain_lexicon_and_dates():
    table = phrase_table()
    assert table.lookup("trung đoàn") == {"regiment": "lexicon"}
    assert "ministry of defence" in table.lookup("Bộ Quốc phòng")
    assert table.lookup("tháng 9")["september"] == "date"
    assert table.lookup("tháng chín")["september"] == "date"
    assert table.lookup("mùa hè") == {"summer": "date"}
    assert table.lookup("linh") == {}  # diacritics matter in Vietnamese: lính is not linh
    assert table.lookup("tháng giêng") == {}  # the first lunar month is not January (pipeline.text.calendar)
    assert table.lookup("Gruzia")["georgia"] == "names"  # English names from the project gazetteer


def test_fold_and_names():
    assert strip_diacritics("Xô Viết") == "xo viet"
    assert strip_diacritics("Chiến_tranh_Nagorno-Karabakh") == "chien tranh nagorno karabakh"
    assert strip_diacritics("Đài") == "dai"
    assert name_similarity("Armenia", "Armenians") == 0.9
    assert name_similarity("Nga", "Russia") < 0.5
    assert name_similarity("Nikolayevich", "Nikolaevich") > 0.8


def test_vietnamese_numbers():
    assert word_value("23.000") == 23000  # the dot groups thousands in Vietnamese
    assert word_value("1,5") == 1.5
    assert word_value("hai") == 2
    assert word_value("năm") is None  # five or year: left out
    assert (0, 2, 23000) in phrase_numbers(["23", "ngàn", "người"], "vi")
    assert (0, 1, 23000) in phrase_numbers(["23,000", "men"], "en")

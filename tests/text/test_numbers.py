"""Number words and digits: exact values, and a refusal for phrases that name no number."""

from __future__ import annotations

import pytest

from pipeline.text.numbers import MalformedNumber, parse_digits, parse_number, word_value


@pytest.mark.parametrize(
    "text,value",
    [
        ("23 ngàn", 23000),
        ("23 nghìn", 23000),
        ("23.000", 23000),
        ("500.000", 500000),
        ("1.500.000", 1500000),
        ("1,5", 1.5),
        ("1,5 triệu", 1500000),
        ("100 triệu", 100000000),
        ("2 tỷ 500 triệu", 2500000000),
        ("95%", 95),
        ("sáu", 6),
        ("hai", 2),
        ("mười", 10),
        ("mười một", 11),
        ("mười lăm", 15),
        ("hai mươi", 20),
        ("hai mươi mốt", 21),
        ("hai mươi tư", 24),
        ("hai mươi lăm", 25),
        ("một trăm", 100),
        ("một trăm linh năm", 105),
        ("hai trăm ba mươi tư", 234),
        ("ba nghìn", 3000),
        ("ba nghìn tỷ", 3000000000000),
        ("một triệu hai trăm nghìn", 1200000),
        ("chục", 10),
        ("mươi", 10),
        ("hai chục", 20),
    ],
)
def test_number_values(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "nhiều", "23 người", "T-72"])
def test_not_numbers(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_digits_follow_vietnamese_conventions():
    assert parse_digits("23.000") == 23000  # "." groups thousands
    assert parse_digits("23,5") == 23.5  # "," is the decimal mark
    assert parse_digits("1,000,000") == 1000000  # two commas can only be English grouping


def test_values_are_exact():
    nines = "9" * 30
    assert parse_number(nines) == int(nines)  # not 1e30 through a float
    assert parse_digits(nines) == int(nines)
    assert word_value(nines) == int(nines)
    assert parse_number("1,1 triệu") == 1100000  # 1.1 * 10**6 in floats is 1100000.0000000002
    assert isinstance(parse_number("1,1 triệu"), int)
    assert parse_number("hai nghìn không trăm linh năm") == 2005  # "không trăm": no hundreds


@pytest.mark.parametrize(
    "text",
    [
        "23 ngàn tỉ tỉ tỉ",  # tỉ after tỉ: the chain must grow (it gave 23002000000000)
        "tỉ tỉ",
        "hai triệu nghìn",  # a smaller multiplier right after a larger one
        "2 triệu 3 tỷ",  # the groups must shrink
        "2 nghìn 3 nghìn",
    ],
)
def test_malformed_multiplier_chains_are_refused(text):
    with pytest.raises(MalformedNumber):
        parse_number(text)


def test_well_formed_chains():
    assert parse_number("ba nghìn tỷ") == 3 * 10**12  # a thousand billion: the chain grows
    assert parse_number("2 tỷ 500 triệu 20 nghìn 7") == 2_500_020_007

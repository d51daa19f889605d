"""The year two joined DATE values share (GUIDELINES §4.5), one rule for both languages' date rules."""

import pytest

from pipeline.text.calendar import share_year


@pytest.mark.parametrize(
    "first,second,forward,expected",
    [
        ("XXXX-03-13", "1954-05-07", True, ("1954-03-13", "1954-05-07")),  # 13/3 - 7/5/1954
        ("XXXX-12-25", "1973-01-05", True, ("1972-12-25", "1973-01-05")),  # a range across a new year
        ("XXXX-12-25", "1973-01-05", False, ("1973-12-25", "1973-01-05")),  # a list ("và", "and") is no range
        ("1979-03-16", "XXXX-02", True, ("1979-03-16", "1980-02")),  # the later one without its year
        ("XXXX-03", "1954", True, ("XXXX-03", "1954")),  # a year alone names no month to share from
        ("1954-03-13", "1954-05-07", True, ("1954-03-13", "1954-05-07")),  # both dated: unchanged
        ("XXXX-02-29", "1954-05-07", True, ("XXXX-02-29", "1954-05-07")),  # no 29 February in 1954: no impossible date
        ("XXXX-02-29", "1956-05-07", True, ("1956-02-29", "1956-05-07")),
    ],
)
def test_a_date_without_its_year_takes_the_year_of_the_date_it_is_joined_to(first, second, forward, expected):
    assert share_year(first, second, forward) == expected

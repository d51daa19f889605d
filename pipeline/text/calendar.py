"""Month and season words.

Months: "tháng 6", "tháng sáu" (a number or a number word after "tháng");
"tháng mười một", "tháng mười hai" for 11 and 12, "tháng tư" (not "bốn") for 4
in careful writing, though "tháng bốn" occurs.

"tháng giêng" and "tháng chạp" are the first and last months of the *lunar*
year, not January and December: they are listed apart (:data:`LUNAR_MONTHS`),
and neither the date rules nor the aligner read them as Gregorian months (the
aligner once did, the date rules never did; a DATE value is Gregorian).

Seasons carry the TIMEX3 codes the DATE values use ("mùa hè 1992" -> 1992-SU).
"""

from __future__ import annotations

import datetime

#: Month words after "tháng", Gregorian calendar.
MONTH_WORDS = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "tư": 4,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
    "mười một": 11,
    "mười hai": 12,
}
#: Names of lunar months, which are not Gregorian months (see above).
LUNAR_MONTHS = {"giêng": 1, "chạp": 12}
#: Season words after "mùa", with their TIMEX3 codes. "hè" and "hạ" are both summer.
SEASONS = {"xuân": "SP", "hè": "SU", "hạ": "SU", "thu": "FA", "đông": "WI"}


def with_year(year: str, value: str) -> str:
    """A DATE value without its year (``XXXX-03-13``, ``XXXX-03``) with ``year``; unchanged where that day is not in
    that year (29 February)."""
    month, *day = value[5:].split("-")
    if day:
        try:
            datetime.date(int(year), int(month), int(day[0]))
        except ValueError:
            return value
    return f"{year}-{value[5:]}"


def share_year(first: str, second: str, forward: bool) -> tuple[str, str]:
    """Two DATE values joined as a range or a list, the one without its year given the other's (GUIDELINES §4.5:
    "13/3 - 7/5/1954", "13 March - 7 May 1954": 1954-03-13); the one with its year must name its month. A range
    (``forward``) goes forward in time, so across a new year the earlier day is in the year before ("25/12 -
    5/1/1973": 1972-12-25). Both languages' date rules read it: pipeline/vi/ner/dates.py, pipeline/en/factories.py."""
    if first.startswith("XXXX-") and second[:4].isdigit() and len(second) >= 7:
        value = with_year(second[:4], first)
        if forward and value[:4].isdigit() and value[: len(second)] > second:
            value = with_year(f"{int(second[:4]) - 1:04d}", first)
        return value, second
    if second.startswith("XXXX-") and first[:4].isdigit() and len(first) >= 7:
        value = with_year(first[:4], second)
        if forward and value[:4].isdigit() and value[: len(first)] < first[: len(value)]:
            value = with_year(f"{int(first[:4]) + 1:04d}", second)
        return first, value
    return first, second

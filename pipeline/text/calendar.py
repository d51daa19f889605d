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

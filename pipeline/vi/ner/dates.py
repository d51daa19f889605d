"""Calendar dates (DATE) with ISO 8601 values, partial ones included.

======================================  ==============
text                                    value
======================================  ==============
ngày 11 tháng 9 năm 1992                1992-09-11
ngày 11/9/1992, 11-9-1992, 11.9.1992    1992-09-11
sáng 11-9, ngày 11/9                    XXXX-09-11
tháng 6 năm 1992, tháng 6/1992          1992-06
tháng 6, tháng sáu                      XXXX-06
năm 1993, cuối năm 2004                 1993, 2004
mùa hè 1992                             1992-SU (TIMEX3 seasons SP SU FA WI)
quý 2 năm 2004                          2004-Q2
thập niên 1990, những năm 90            199
thế kỷ 20, thế kỷ XX                    19
tháng 20-Dec (VTB's mangled month)      XXXX-12
======================================  ==============

The span is the whole date phrase with its head nouns (ngày, tháng, năm,
mùa) and an đầu/giữa/cuối modifier, which does not change the value;
prepositions and parts of the day stay outside (corpus/gold/GUIDELINES.md
§4.5). Relative expressions (hôm qua, năm ngoái) are not dates.

The grammar is a handful of regular expressions over the text of one line,
because date phrases are short and fixed; the match must start and end on
syllable boundaries (``regex`` rather than ``re`` for the variable-width
look-behind of "sáng 11-9"). No packaged date parser reads Vietnamese (dateparser's
Vietnamese support covers neither seasons nor partial dates).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator

import regex as re
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.docmodel import register_extensions
from pipeline.text.calendar import MONTH_WORDS, SEASONS, share_year
from pipeline.vi.ner.candidates import propose
from pipeline.vi.ner.view import SyllableView, sentences

SOURCE = "rules:date"

ENGLISH_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
ROMAN = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
    "XI": 11,
    "XII": 12,
    "XIII": 13,
    "XIV": 14,
    "XV": 15,
    "XVI": 16,
    "XVII": 17,
    "XVIII": 18,
    "XIX": 19,
    "XX": 20,
    "XXI": 21,
}

_S = r"[ \t]+"
#: đầu/giữa/cuối (the beginning, middle, end of) before a date is part of it ("cuối năm 2004"), when it is a word of
#: its own: the "đầu" of "bắt đầu" (to begin) is not (find_dates' ``word_start``).
_MOD = rf"(?:(?P<mod>(?:đầu|giữa|cuối){_S}))?"
_DAYWORD = rf"(?:(?:ngày|mồng|mùng){_S})"
#: Spaces VTB's tokeniser puts around a date's separators ("5 - 3"), or none.
_GAP = r"[ \t]*"
#: The dashes between a date's numbers: a hyphen, or the en dash VTB's sources write too ("22 - 10 – 2003").
_DASHES = "\\-–"
#: "sáng sớm 6-11" too, and a comma between ("hôm qua, 18-8": the news dateline; issue 13, round 14)
_DAYPART = r"(?:(?:sáng|trưa|chiều|tối|đêm|khuya|rạng sáng|hôm|ngày)(?:[ \t]+(?:qua|nay|kia|sớm))?(?:[ \t]*,)?)"
#: Words after a range of numbers that make it amounts, not years ("1500 - 2000 USD", "1000 - 2000 người").
_COUNTED = "|".join(
    ("người", "con", "chiếc", "cái", "hộ", "căn", "ngôi", "lượt", "học sinh", "trang", "tỉ", "tỷ", "triệu", "nghìn")
    + ("ngàn", "đồng", "đ", "USD", "usd", "VND", "km", "m", "m2", "kg", "tấn", "ha", "lít", "mét")
)
_MONTH_WORD = "|".join(sorted((re.escape(w) for w in MONTH_WORDS), key=len, reverse=True))
_YEAR_TAIL = rf"(?:{_S}năm{_S}|[ \t]*[/,-][ \t]*)(?P<y>\d{{4}})"
#: A year said relative to now, part of the date it follows: "tháng bảy năm ngoái" (issue 13, round 9; the spent gold)
_RELATIVE_YEAR = rf"{_S}năm{_S}(?:ngoái|nay|trước|sau|tới)(?![^\W\d_])"
#: Month words that are no number of something else after "tháng" ("tháng hai lần", "tháng năm": months and years)
_PLAIN_MONTH_WORD = "|".join(
    sorted((re.escape(w) for w in MONTH_WORDS if w not in ("một", "hai", "ba", "năm")), key=len, reverse=True)
)

#: A month in words alone, without its year ("tháng chín , tháng mười", "đầu tháng tư": GUIDELINES §4.5, a date with or
#: without the year; the spent VTB gold, issue 13, round 16), where no number or count goes on after it: "lương
#: tháng bảy triệu" is a monthly wage, "mỗi tháng sáu lần" six times a month, "hai tháng tư ngày" a duration. The
#: month word in lower case only ("mw3"): a capitalised one names an event ("Cách mạng Tháng Tám": MISC).
_NO_AMOUNT_AFTER = (
    r"(?![^\W\d_])(?!"
    + _S
    + r"(?:triệu|nghìn|ngàn|trăm|tỉ|tỷ|chục|mươi|lăm|lần|ngày|tuần|giờ|phút|buổi|tuổi|người|đồng|năm|rưỡi|\d)"
    + r"(?![^\W\d_]))"
)

_PATTERNS = [
    # ngày 11 tháng 9 năm 1992 / 11 tháng 9, 1992 / ngày 11 tháng 9
    ("dmy_words", rf"{_MOD}{_DAYWORD}?(?P<d>\d{{1,2}}){_S}tháng{_S}(?P<m>\d{{1,2}})(?:{_YEAR_TAIL})?"),
    # ngày 22 và 23 - 10: two dates sharing the month (and year), each its own DATE, the first without its "ngày"
    # (GUIDELINES §4.5: "ngày 5 và 6-9" -> 5, 6-9; issue 13, round 8)
    (
        "day_pair",
        rf"{_DAYWORD}(?P<d1>\d{{1,2}}){_S}(?:và|,){_S}(?P<d>\d{{1,2}}){_GAP}(?P<dsep>[/{_DASHES}]){_GAP}(?P<m>\d{{1,2}})(?:{_GAP}(?P=dsep){_GAP}(?P<y>\d{{4}}))?",
    ),
    # 11/9/1992, 11-9-1992, 11.9.1992; VTB's tokeniser writes "30 - 4 - 1975", "11 / 9 / 1992"
    (
        "dmy_digits",
        rf"{_MOD}{_DAYWORD}?(?P<d>\d{{1,2}})(?:(?P<sep>[/.-])(?P<m>\d{{1,2}})(?P=sep)|{_GAP}(?P<ssep>/){_GAP}(?P<sm>\d{{1,2}}){_GAP}/{_GAP}|{_GAP}[{_DASHES}]{_GAP}(?P<dm>\d{{1,2}}){_GAP}[{_DASHES}]{_GAP})(?P<y>\d{{4}})",
    ),
    # ngày 8 . 9 . 1945: VLSP's tokeniser writes the points apart; with the day word only, as a list's numbers and
    # headings are written so too (issue 13, round 22: the spent heldout20)
    ("dmy_dots", rf"{_MOD}{_DAYWORD}(?P<d>\d{{1,2}}){_GAP}\.{_GAP}(?P<m>\d{{1,2}}){_GAP}\.{_GAP}(?P<y>\d{{4}})"),
    # 1971 - 1973, năm 2000 - 2001: a range of years is two DATEs (GUIDELINES §4.5); not a range of amounts
    # ("1500 - 2000 USD", "1000 - 2000 người": a counted noun or unit follows)
    (
        "year_range",
        rf"(?P<y1s>(?:{_MOD}năm{_S})?)(?P<y1>1\d{{3}}|20\d\d){_GAP}[{_DASHES}]{_GAP}(?P<y2>1\d{{3}}|20\d\d)(?![ \t]*(?:%|{_COUNTED})(?![^\W\d_]))",
    ),
    # ngày 11/9, sáng 11-9 (the day part or "ngày" is required for the dash and for VTB's spaced
    # "ngày 5 - 3", "hôm 20 / 11", "hôm qua ( 5 - 3 )")
    (
        "dm_digits",
        rf"(?:{_DAYWORD}(?P<d>\d{{1,2}}){_GAP}[/-]{_GAP}(?P<m>\d{{1,2}})|(?P<d2>\d{{1,2}})/(?P<m2>\d{{1,2}})|(?<={_DAYPART}{_S}(?:\({_GAP})?)(?P<d3>\d{{1,2}}){_GAP}[/-]{_GAP}(?P<m3>\d{{1,2}})(?![ \t]*(?:%|{_COUNTED})(?![^\W\d_])))",
    ),
    # tháng 6 năm 1992 / tháng 6/1992 / tháng 6 / tháng sáu năm 1992. "một", "hai", "ba", "năm" after "tháng"
    # need the year: "mỗi tháng một lần" is "once a month". (The lunar "tháng giêng", "tháng chạp" are not
    # Gregorian months and are left alone: pipeline.text.calendar.)
    # The other month words also with a year said relative to now, or before "này" (this August: "tháng tám này"),
    # not part of the date (issue 13, round 9), or alone in lower case before no amount (_NO_AMOUNT_AFTER; round 16).
    (
        "my",
        rf"{_MOD}tháng{_S}(?:(?P<m>\d{{1,2}})(?:{_YEAR_TAIL}|{_RELATIVE_YEAR})?|(?P<mw>{_MONTH_WORD})(?:{_YEAR_TAIL})"
        rf"|(?P<mw2>{_PLAIN_MONTH_WORD})(?:{_RELATIVE_YEAR}|(?={_S}này(?![^\W\d_])))"
        rf"|(?P<mw3>(?-i:{_PLAIN_MONTH_WORD})){_NO_AMOUNT_AFTER})",
    ),
    # tháng 20-Dec: VTB's spreadsheet-mangled "tháng 12-20xx"; the month is what is recoverable
    ("mangled", rf"{_MOD}tháng{_S}\d{{1,2}}-(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"),
    # mùa hè 1992 / mùa hè năm 1992
    ("season", rf"{_MOD}mùa{_S}(?P<season>xuân|hè|hạ|thu|đông){_S}(?:năm{_S})?(?P<y>\d{{4}})"),
    # quý 2 năm 2004 / quý II/2004
    ("quarter", rf"{_MOD}quý{_S}(?P<q>[1-4]|IV|III|II|I)(?:{_YEAR_TAIL})"),
    # thập niên 1990 / thập kỷ 90 / những năm 1990
    ("decade", rf"{_MOD}(?:thập{_S}(?:niên|kỷ|kỉ)|những{_S}năm|các{_S}năm){_S}(?P<dec>(?:1\d|20)?\d0)(?:s)?"),
    # thế kỷ 20 / thế kỷ XX / thế kỷ thứ 19
    ("century", rf"{_MOD}thế{_S}(?:kỷ|kỉ){_S}(?:thứ{_S})?(?P<c>\d{{1,2}}|[IVX]+)"),
    # năm 1993 / cuối năm 2004
    ("year", rf"{_MOD}năm{_S}(?P<y>\d{{3,4}})"),
]
_COMPILED = [(name, re.compile(rf"(?<![\w/.,-]){pat}(?![\w]|[/.,-]\d)", re.IGNORECASE)) for name, pat in _PATTERNS]
#: What a pattern cannot match without, asked of a sentence before the pattern searches it: the patterns that begin
#: with a number try every position of a sentence, and most sentences with a digit hold no year of four digits or no
#: dash (their searches were half of the dates' time). ``lower`` is the text in lower case (the day words are
#: letters whose case re.IGNORECASE folds as str.lower() does), ``year``: four digits in a row (what "y" and "y1"
#: need).
_NEEDS: dict[str, Callable[[str, str, bool], bool]] = {
    "day_pair": lambda text, lower, year: "ngày" in lower or "mồng" in lower or "mùng" in lower,
    "dmy_digits": lambda text, lower, year: year,
    "dmy_dots": lambda text, lower, year: year and " . " in text,
    "year_range": lambda text, lower, year: year and ("-" in text or "–" in text),
    "dm_digits": lambda text, lower, year: "/" in text or "-" in text,
}
_FOUR_DIGITS = re.compile(r"\d{4}")


def _year(y: str | None) -> str:
    return f"{int(y):04d}" if y else "XXXX"


def _month(m: str) -> int:
    month = int(m)
    if not 1 <= month <= 12:
        raise ValueError(f"month {m}")
    return month


def _day(year: str, month: int, d: str) -> str:
    day = int(d)
    # validate against a leap year when the year is unknown, so 29/2 stays possible
    datetime.date(int(year) if year != "XXXX" else 2000, month, day)
    return f"{year}-{month:02d}-{day:02d}"


def value_of(kind: str, g: dict[str, str | None]) -> str:
    """The ISO 8601 / TIMEX3 value of one match; ``ValueError`` for an impossible date."""
    if kind in ("dmy_words", "dmy_dots"):
        return _day(_year(g["y"]), _month(g["m"]), g["d"])
    if kind == "dmy_digits":
        return _day(_year(g["y"]), _month(g["m"] or g["sm"] or g["dm"]), g["d"])
    if kind == "day_pair":
        return _day(_year(g["y"]), _month(g["m"]), g["d"])
    if kind == "year_range":
        if int(g["y2"]) <= int(g["y1"]):
            raise ValueError("not a range of years")
        return _year(g["y2"])
    if kind == "dm_digits":
        d = g["d"] or g["d2"] or g["d3"]
        m = g["m"] or g["m2"] or g["m3"]
        return _day("XXXX", _month(m), d)
    if kind == "my":
        month = _month(g["m"]) if g["m"] else MONTH_WORDS[(g["mw"] or g["mw2"] or g["mw3"]).lower()]
        return f"{_year(g['y'])}-{month:02d}"
    if kind == "mangled":
        return f"XXXX-{ENGLISH_MONTHS.index(g['mon'].title()) + 1:02d}"
    if kind == "season":
        return f"{_year(g['y'])}-{SEASONS[g['season'].lower()]}"
    if kind == "quarter":
        q = g["q"].upper()
        return f"{_year(g['y'])}-Q{ROMAN.get(q) or int(q)}"
    if kind == "decade":
        dec = g["dec"]
        if len(dec) == 2:
            dec = "19" + dec  # "những năm 90": the twentieth century unless written out
        return dec[:3]
    if kind == "century":
        c = g["c"].upper()
        n = ROMAN[c] if c in ROMAN else int(c)
        if not 1 <= n <= 30:
            raise ValueError(f"century {c}")
        return f"{n - 1:02d}"
    if kind == "year":
        return _year(g["y"])
    raise ValueError(kind)


def normalise_date(text: str) -> str | None:
    """The value of a date phrase that is the whole of ``text``, or None.

    >>> normalise_date("mùa hè 1992"), normalise_date("ngày 11/9/1992")
    ('1992-SU', '1992-09-11')
    """
    for kind, pattern in _COMPILED:
        m = pattern.fullmatch(text.strip())
        if m:
            try:
                return value_of(kind, m.groupdict())
            except (ValueError, KeyError):
                return None
    return None


#: What every date pattern holds: a digit, the "kỷ" of a century in Roman numerals ("thế kỷ XX"), or a month in
#: words ("tháng tám này"). Most sentences hold none, and one search answers for them instead of every pattern's.
_MAY_HOLD_DATE = re.compile(rf"\d|k[ỷỉ]|tháng{_S}(?:{_PLAIN_MONTH_WORD})", re.IGNORECASE)
_DIGIT = re.compile(r"\d")


def _may_hold_date(text: str) -> bool:
    """``_MAY_HOLD_DATE`` searched in ``text``, asked more cheaply first: a digit (a search without IGNORECASE), then
    whether the lower case holds "kỷ", "kỉ" or "tháng" at all (re.IGNORECASE folds these letters as str.lower() does).
    The case-blind search tried every position of every sentence, most of which hold neither."""
    if _DIGIT.search(text):
        return True
    lower = text.lower()
    return ("kỷ" in lower or "kỉ" in lower or "tháng" in lower) and _MAY_HOLD_DATE.search(text) is not None


def find_dates(
    text: str,
    starts: set[int] | None = None,
    ends: set[int] | None = None,
    word_start: Callable[[int], bool] | None = None,
) -> Iterator[tuple[int, int, str]]:
    """``(start, end, value)`` of the dates in ``text``, longest first, never overlapping.

    ``starts``/``ends``: allowed match boundaries (syllable boundaries), when given. ``word_start``: whether a word
    of the segmenter starts at an offset, when given: a date's đầu/giữa/cuối that ends another word ("bắt đầu ngày
    26 tháng 4", to begin on 26 April) is left out of the date.
    """
    if not _may_hold_date(text):
        return iter(())
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    lower, year = text.lower(), _FOUR_DIGITS.search(text) is not None
    for kind, pattern in _COMPILED:
        needs = _NEEDS.get(kind)
        if needs is not None and not needs(text, lower, year):
            continue
        for m in pattern.finditer(text):
            s, e = m.span()
            if word_start is not None and m.groupdict().get("mod") and not word_start(s):
                s = m.end("mod")
            if starts is not None and (s not in starts or e not in ends):
                continue
            if any(s < te and ts < e for ts, te in taken):
                continue
            try:
                value = value_of(kind, m.groupdict())
            except (ValueError, KeyError):
                continue
            found.extend(_parts(kind, m, s, e, value))
            taken.append((s, e))
    return iter(_shared_years(text, sorted(found)))


#: What joins two dates of one range or list, each of which then has the year the other gives (GUIDELINES §4.5: "Dates
#: joined by và or a dash are separate DATEs, each with the month or year it shares with the other"), and a range's
#: "đến"/"tới" (to): "(13/3 - 7/5/1954)", "từ 17/2 đến 16/3/1979", "ngày 2 tháng 9 và ngày 5 tháng 9 năm 1945".
_DATES_JOINED = re.compile(rf"{_GAP}(?:[{_DASHES}]|và|đến|tới){_GAP}", re.IGNORECASE)


def _shared_years(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``found`` with the unknown year (``XXXX-``) of a day or month joined to a dated one taken from it."""
    for k in range(len(found) - 1):
        (s1, e1, v1), (s2, e2, v2) = found[k], found[k + 1]
        if v1.startswith("XXXX-") == v2.startswith("XXXX-"):
            continue  # both with their year, or neither: nothing to share (and no match to try)
        joined = _DATES_JOINED.fullmatch(text, e1, s2)
        if joined is None:
            continue
        v1, v2 = share_year(v1, v2, forward="và" not in joined.group().lower())  # a list with "và" is no range
        found[k], found[k + 1] = (s1, e1, v1), (s2, e2, v2)
    return found


def _parts(kind: str, m, s: int, e: int, value: str) -> list[tuple[int, int, str]]:
    """The DATEs of one match: two for a pair of days or a range of years (the first with the month or year
    the second gives it), one otherwise."""
    if kind == "day_pair":
        try:
            first = _day(_year(m["y"]), _month(m["m"]), m["d1"])
        except ValueError:
            return [(m.start("d"), e, value)]  # "ngày 31 và 1 - 3": no 31st of that month
        return [(*m.span("d1"), first), (m.start("d"), e, value)]
    if kind == "year_range":
        return [(s, m.end("y1"), _year(m["y1"])), (*m.span("y2"), value)]  # s: where y1s (or y1) starts
    return [(s, e, value)]


class DateComponent:
    def __init__(self):
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        found = []
        for view in sentences(doc):
            found.extend(_dates_in(view))
        propose(doc, SOURCE, [(s, e, "DATE", v) for s, e, v in found])
        return doc


def _dates_in(view: SyllableView) -> list[tuple[int, int, str]]:
    if not len(view):
        return []
    base = view[0].start
    text = view.full_text[base : view[len(view) - 1].end]
    if not _may_hold_date(text):
        return []  # (most sentences: asked before the boundaries are gathered)
    starts = {s.start - base for s in view.syls}
    ends = {s.end - base for s in view.syls}
    found = find_dates(text, starts, ends, word_start=lambda char: view.word_start(base + char))
    # a date before the common era has no value our format can write ("thế kỉ XVIII trước công nguyên" is not the
    # 18th century): not a DATE (issue 13, round 19: as the VLSP 2013 gold marks them)
    return [(base + s, base + e, v) for s, e, v in found if not _BEFORE_COMMON_ERA.match(text, e)]


#: "trước công nguyên" (before the common era) and its abbreviation, right after a date.
_BEFORE_COMMON_ERA = re.compile(r"\s*(?:\(\s*)?(?:trước\s+công\s+nguyên|TCN)\b", re.IGNORECASE)


@Language.factory("songngu_ner_dates", requires=["doc.sents"], assigns=["doc.spans"])
def create_dates(nlp: Language, name: str):
    """DATE with ISO 8601 values, by rule."""
    return DateComponent()

"""Vietnamese numbers: the words, the digits, and the value of a number phrase.

Vietnamese writes "." between thousands and "," before decimals ("1.500,5");
number words compose like "hai mươi mốt" (21), "một trăm linh năm" (105),
"hai tỷ ba trăm triệu" (2 300 000 000). :func:`parse_number` computes the
value of such a phrase; the entity rules (:mod:`pipeline.vi.ner.numbers`)
decide where a number phrase is, the aligner compares values across languages.
"""

from __future__ import annotations

import re

#: Digit words. "mốt", "tư", "lăm", "nhăm" are 1, 4, 5, 5 only after "mươi" (hai mươi mốt).
UNITS = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "nhăm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
}
#: Unit words that only occur after "mươi" (hai mươi mốt, hai mươi tư, hai mươi lăm).
AFTER_TENS_ONLY = frozenset({"mốt", "tư", "lăm", "nhăm"})
#: Number words that are more often something else out of context: "năm" (year), "không"
#: (not); "tư" (private) is in AFTER_TENS_ONLY. ("một" is also the article "a", which
#: translates as "one" often enough for the aligner; the entity rules treat it apart.)
AMBIGUOUS = frozenset({"năm", "không"})
MULTIPLIERS = {"nghìn": 10**3, "ngàn": 10**3, "vạn": 10**4, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}
TENS = frozenset({"mươi", "chục"})
#: "linh", "lẻ": a zero in the tens place (một trăm linh năm = 105).
ZERO_TENS = frozenset({"linh", "lẻ"})
NUMBER_WORDS = frozenset(UNITS) | frozenset(MULTIPLIERS) | TENS | ZERO_TENS | {"mười", "trăm"}

_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")  # 23.000  1.500.000,5
_DECIMAL_COMMA = re.compile(r"^\d+(?:,\d+)?$")  # 16  1,5
_DECIMAL_POINT = re.compile(r"^\d+\.\d+$")  # 1.5 (not a thousands group): read as a decimal
_ENGLISH_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?$")  # 1,000,000 (two commas cannot be a decimal)
#: A number written in digits (with groups, a decimal part, a percent sign).
DIGITS = re.compile(r"^\d+(?:[.,]\d+)*%?$")


def _tidy(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def parse_digits(text: str) -> int | float:
    """The value of a number written in digits, Vietnamese style ("23.000" -> 23000, "1,5" -> 1.5)."""
    s = text.rstrip("%")
    if _GROUPED.match(s):
        return _tidy(float(s.replace(".", "").replace(",", ".")))
    if _DECIMAL_COMMA.match(s):
        return _tidy(float(s.replace(",", ".")))
    if _ENGLISH_GROUPED.match(s):
        return _tidy(float(s.replace(",", "")))
    if _DECIMAL_POINT.match(s):
        return _tidy(float(s))
    raise ValueError(f"not a number: {text!r}")


def parse_number(text: str) -> int | float:
    """The value of a number phrase in digits and/or words.

    >>> parse_number("23 ngàn"), parse_number("hai mươi mốt"), parse_number("1,5 triệu")
    (23000, 21, 1500000)
    """
    words = text.lower().split()
    if not words:
        raise ValueError("empty number")
    total = 0.0  # completed groups times their multiplier
    group = 0.0  # the part below the next multiplier
    last = 0.0  # the last unit added to ``group`` (what "mươi"/"trăm" multiply)
    prev_multiplier = 0
    for w in words:
        if DIGITS.match(w):
            value = parse_digits(w)
            group += value
            last = value
        elif w in UNITS:
            group += UNITS[w]
            last = UNITS[w]
        elif w == "mười":
            group += 10
            last = 10
        elif w in TENS:
            if last:
                group += last * 9  # "hai mươi": the 2 becomes 20
                last *= 10
            else:
                group += 10  # "mươi", "chục" alone: ten
                last = 10
        elif w == "trăm":
            if last:
                group += last * 99
                last *= 100
            else:
                group += 100
                last = 100
        elif w in ZERO_TENS:
            last = 0
        elif w in MULTIPLIERS:
            m = MULTIPLIERS[w]
            if group:
                total += group * m
            elif total and m > prev_multiplier:
                total *= m  # "nghìn tỷ": a thousand billion
            else:
                total += m
            group = last = 0
            prev_multiplier = m
        else:
            raise ValueError(f"not a number word: {w!r} in {text!r}")
    return _tidy(total + group)


_LONE_WORD = re.compile(r"^\d{1,3}(\.\d{3})+$|^\d+(,\d+)?$")


def word_value(token: str) -> int | float | None:
    """The value of one word that is a number by itself, out of context: ``23``, ``23.000``, ``1,5``, ``hai``.

    Words that are more often something else (:data:`AMBIGUOUS`, :data:`AFTER_TENS_ONLY`) and
    multipliers alone are not numbers here; "mười" (10) is.
    """
    t = token.strip().lower()
    if _LONE_WORD.match(t):
        if "," in t:
            return float(t.replace(",", "."))
        return int(t.replace(".", ""))
    if t == "mười":
        return 10
    if t in UNITS and t not in AMBIGUOUS | AFTER_TENS_ONLY:
        return UNITS[t]
    return None

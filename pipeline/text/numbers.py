"""Vietnamese numbers: the words, the digits, and the value of a number phrase.

Vietnamese writes "." between thousands and "," before decimals ("1.500,5");
number words compose like "hai mươi mốt" (21), "một trăm linh năm" (105),
"hai tỷ ba trăm triệu" (2 300 000 000). :func:`parse_number` computes the
value of such a phrase; the entity rules (:mod:`pipeline.vi.ner.numbers`)
decide where a number phrase is, the aligner compares values across languages.
"""

from __future__ import annotations

import re
from fractions import Fraction

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
#: "rưỡi" after a multiplier or "trăm" adds half of it: "ba triệu rưỡi" = 3,500,000 (issue 13, round 24).
HALF = "rưỡi"
HALVED = {**MULTIPLIERS, "trăm": 100}
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


def exact(value: Fraction) -> int | float:
    """A computed value as JSON writes it: an ``int`` (exact, however large) when whole, else a ``float``.

    Values are computed with fractions, never floats: "1,1 triệu" is 1100000, not 1100000.0000000002.
    """
    return int(value) if value.denominator == 1 else float(value)


def _digits(text: str) -> Fraction:
    s = text.rstrip("%")
    if _GROUPED.match(s):
        return Fraction(s.replace(".", "").replace(",", "."))
    if _DECIMAL_COMMA.match(s):
        return Fraction(s.replace(",", "."))
    if _ENGLISH_GROUPED.match(s):
        return Fraction(s.replace(",", ""))
    if _DECIMAL_POINT.match(s):
        return Fraction(s)
    raise ValueError(f"not a number: {text!r}")


def parse_digits(text: str) -> int | float:
    """The value of a number written in digits, Vietnamese style ("23.000" -> 23000, "1,5" -> 1.5).

    Exact: "999999999999999999999999999999" is that integer, not a float's neighbour of it.
    """
    return exact(_digits(text))


class MalformedNumber(ValueError):
    """A phrase of number words that names no number: multipliers out of order ("23 ngàn tỉ tỉ tỉ")."""


def parse_number(text: str) -> int | float:
    """The exact value of a number phrase in digits and/or words.

    >>> parse_number("23 ngàn"), parse_number("hai mươi mốt"), parse_number("1,5 triệu")
    (23000, 21, 1500000)

    A phrase is a sum of groups, each a number below a thousand (or digits)
    times a chain of multipliers. A chain grows ("nghìn tỷ", a thousand
    billion); groups shrink ("2 tỷ 500 triệu"). A phrase that breaks either
    rule ("tỉ tỉ", "2 triệu 3 tỷ", "23 ngàn tỉ tỉ tỉ") raises
    :class:`MalformedNumber` rather than adding its parts up.
    """
    words = text.lower().split()
    if not words:
        raise ValueError("empty number")
    if len(words) >= 2 and words[-1] == HALF and words[-2] in HALVED:
        # "một triệu rưỡi" (one and a half million), "hai trăm rưỡi" (250): half of the last multiplier more
        value = parse_number(" ".join(words[:-1])) + Fraction(HALVED[words[-2]], 2)
        return int(value) if value.denominator == 1 else float(value)
    total = Fraction(0)  # the completed groups
    group = Fraction(0)  # the part below the next multiplier
    last: Fraction | None = None  # the last unit added to ``group`` (what "mươi"/"trăm" multiply)
    scale = 0  # the current group's multiplier chain (0: no multiplier yet)
    ceiling: Fraction | None = None  # what the next group must stay below: the last group's scale
    for w in words:
        if w in MULTIPLIERS:
            m = MULTIPLIERS[w]
            if scale:
                if m <= scale:
                    raise MalformedNumber(f"{w!r} after a multiplier as large in {text!r}")
                scale *= m  # "nghìn tỷ": the chain grows
                continue
            scale = m
            continue
        if scale:  # a new group starts: close the last one
            ceiling, total = _close(text, total, group or Fraction(1), scale, ceiling)
            group, last, scale = Fraction(0), None, 0
        if DIGITS.match(w):
            value = _digits(w)
            group += value
            last = value
        elif w in UNITS:
            group += UNITS[w]
            last = Fraction(UNITS[w])
        elif w == "mười":
            group += 10
            last = Fraction(10)
        elif w in TENS:
            if last is not None:
                group += last * 9  # "hai mươi": the 2 becomes 20
                last *= 10
            else:
                group += 10  # "mươi", "chục" alone: ten
                last = Fraction(10)
        elif w == "trăm":
            if last is not None:
                group += last * 99  # "không trăm" (in "hai nghìn không trăm linh năm") is 0
                last *= 100
            else:
                group += 100
                last = Fraction(100)
        elif w in ZERO_TENS:
            last = None
        else:
            raise ValueError(f"not a number word: {w!r} in {text!r}")
    if scale:
        ceiling, total = _close(text, total, group or Fraction(1), scale, ceiling)
    elif group:
        ceiling, total = _close(text, total, group, 1, ceiling)
    return exact(total)


def _close(
    text: str, total: Fraction, group: Fraction, scale: int, ceiling: Fraction | None
) -> tuple[Fraction, Fraction]:
    """Add a finished group; the groups of one number shrink ("2 tỷ 500 triệu", not "2 triệu 3 tỷ")."""
    value = group * scale
    if ceiling is not None and (scale >= ceiling or value >= ceiling):
        raise MalformedNumber(f"the groups of {text!r} do not shrink")
    return Fraction(scale), total + value


_LONE_WORD = re.compile(r"^\d{1,3}(\.\d{3})+$|^\d+(,\d+)?$")


def word_value(token: str) -> int | float | None:
    """The value of one word that is a number by itself, out of context: ``23``, ``23.000``, ``1,5``, ``hai``.

    Words that are more often something else (:data:`AMBIGUOUS`, :data:`AFTER_TENS_ONLY`) and
    multipliers alone are not numbers here; "mười" (10) is.
    """
    t = token.strip().lower()
    if _LONE_WORD.match(t):
        return exact(Fraction(t.replace(".", "").replace(",", ".")))
    if t == "mười":
        return 10
    if t in UNITS and t not in AMBIGUOUS | AFTER_TENS_ONLY:
        return UNITS[t]
    return None

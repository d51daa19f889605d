"""Normalised values for English DATE and NUM entities.

spaCy's English NER finds the spans ("11 September 1992", "23,000", "the 366th");
this module turns their text into the contract's ``value``: ISO 8601 for dates
(partial allowed: ``1992-06``, ``1993``; seasons as ``1992-SU``; an unknown year
``XXXX-01-30``; a decade ``196``, a century ``18``, as TIMEX3 and the Vietnamese
side write them, corpus/gold/GUIDELINES.md §4.5), a number for NUM, and for an
amount of money the Vietnamese side's object (``168 billion US dollars`` ->
``{"amount": 168000000000, "unit": "USD", "kind": "money"}``, §4.6). Text that
does not name one point in time or one number ("one year", "a few") gets no
value rather than a guess.

Month names come from Babel's CLDR data (already a dependency), number words
from ``text2num``; the date grammar itself is small enough to be written here
(dateparser would add a heavy dependency and still needs a partial-date layer on
top, because it fills missing fields with today's date).
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache

from babel import Locale

from pipeline.text.numbers import exact

SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

_MULTIPLIERS = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
_ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "twentieth": 20,
    "thirtieth": 30,
    "hundredth": 100,
    "thousandth": 1000,
    **dict.fromkeys(("thirteenth",), 13),
    **{w + "teenth": n for w, n in (("four", 14), ("fif", 15), ("six", 16), ("seven", 17), ("eigh", 18), ("nine", 19))},
    "twenty-first": 21,
}
# Words spaCy includes in DATE/NUM spans that carry no value of their own.
_FILLER = {
    "the",
    "of",
    "in",
    "on",
    "a",
    "an",
    "about",
    "some",
    "around",
    "approximately",
    "nearly",
    "almost",
    "over",
    "more",
    "than",
    "at",
    "least",
    "up",
    "to",
    "no",
    "no.",
    "number",
    "nr",
    "nr.",
    "and",
    "by",
    "during",
    "since",
    "from",
    "until",
    "late",
    "early",
    "mid",
    "mid-",
    "its",
    "their",
    "estimated",
    "roughly",
    "just",
    "under",
    "below",
    "less",
    "fewer",
    # a restriction or an emphasis, as spaCy leaves it in the span: "only 232 votes", "exactly 100 days"
    "only",
    "exactly",
    "barely",
    "merely",
}

#: Currencies written after an English amount (lower case, dots removed) -> the unit of the Vietnamese side's
#: value (pipeline/vi/ner/data/units.tsv): "168 billion US dollars" and "168 tỷ đô la Mỹ" both name USD.
_CURRENCIES = {
    **dict.fromkeys(("dollar", "dollars", "us dollar", "us dollars", "usd", "us$"), "USD"),
    **dict.fromkeys(("euro", "euros", "eur"), "EUR"),
    **dict.fromkeys(("pound", "pounds", "pound sterling", "pounds sterling", "sterling", "gbp"), "GBP"),
    **dict.fromkeys(("yen", "jpy"), "JPY"),
    **dict.fromkeys(("yuan", "renminbi", "cny", "rmb"), "CNY"),
    **dict.fromkeys(("rouble", "roubles", "ruble", "rubles", "rub"), "RUB"),
    **dict.fromkeys(("dong", "đồng", "vnd"), "VND"),
    **dict.fromkeys(("won", "krw"), "KRW"),
    **dict.fromkeys(("baht", "thb"), "THB"),
}
#: Currency signs written before an amount: "$5 million", "£2 million".
_CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}


@lru_cache(maxsize=1)
def month_numbers() -> dict[str, int]:
    """English month names and abbreviations (CLDR) -> 1..12, lowercase, dots removed."""
    months = Locale("en").months
    table: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in months["format"][width].items():
            table[name.lower().rstrip(".")] = number
    table["sept"] = 9
    return table


_NUMBER_TOKEN = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_ORDINAL_DIGITS = re.compile(r"^(\d+)(st|nd|rd|th)$")


def number_token_value(token: str) -> float | int | None:
    """The value of one English token that is a number: ``23,000``, ``6``, ``1.5``, ``366th``, ``six``."""
    t = token.lower().strip()
    if _NUMBER_TOKEN.match(t):
        return exact(Fraction(t.replace(",", "")))  # exact: 30 nines stay 30 nines
    if m := _ORDINAL_DIGITS.match(t):
        return int(m.group(1))
    if t in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[t]
    if t.isalpha() or "-" in t:
        try:
            from text_to_num import text2num

            return text2num(t, "en")
        except ValueError:
            return None
    return None


def parse_number(text: str) -> float | int | dict | None:
    """The number an English NUM span names, or None; an amount of money as the Vietnamese side writes it.

    ``23,000`` -> 23000, ``23 thousand`` -> 23000, ``six`` -> 6, ``the 366th`` -> 366,
    ``No. 102`` -> 102, ``1.5 million`` -> 1500000, ``50%`` -> 50, ``estimated 30,000`` -> 30000;
    ``$5 million``, ``5 million US dollars`` -> ``{"amount": 5000000, "unit": "USD", "kind": "money"}``.
    """
    currency = None
    words = [w for w in re.split(r"\s+", text.lower().strip()) if w]
    for sign, unit in _CURRENCY_SIGNS.items():
        if any(sign in w for w in words):
            currency = unit
            words = [re.sub(r"^us(?=\d)", "", w.replace(sign, "")) for w in words]
            words = [w for w in words if w and w != "us"]  # "US$ 20 million", "US$20 million"
    words = [w.rstrip(".") if w in ("u.s.", "u.s") else w for w in words]
    words = [w.replace("u.s", "us") for w in words]
    for n in (2, 1):
        if currency is None and len(words) > n and " ".join(words[-n:]) in _CURRENCIES:
            currency = _CURRENCIES[" ".join(words[-n:])]
            words = words[:-n]
    if currency is not None:
        amount = _plain_number(" ".join(words))
        return None if amount is None else {"amount": amount, "unit": currency, "kind": "money"}
    return _plain_number(" ".join(words))


def _plain_number(text: str) -> float | int | None:
    words = [w for w in re.split(r"\s+", text.replace("%", " ").replace("$", " ").strip()) if w]
    words = [w for w in words if w not in _FILLER]
    if not words or (len(words) == 1 and words[0].rstrip("s") in _MULTIPLIERS):  # "millions" is vague
        return None
    # Digits, optionally followed by a multiplier word: "23 thousand", "1.5 million".
    value = number_token_value(words[0])
    if value is not None and all(w in _MULTIPLIERS for w in words[1:]) and not words[0].isalpha():
        exact_value = Fraction(words[0].replace(",", "")) if _NUMBER_TOKEN.match(words[0]) else Fraction(value)
        for w in words[1:]:
            exact_value *= _MULTIPLIERS[w]
        return exact(exact_value)
    if len(words) == 1:
        return value
    # Number words: "twenty-three thousand", "six hundred".
    try:
        from text_to_num import text2num

        return text2num(" ".join(words), "en")
    except ValueError:
        return None


_YEAR = r"(1\d{3}|20\d{2})"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"


def parse_date(text: str) -> str | None:
    """ISO 8601 (partial allowed) for an English DATE span, or None.

    ``11 September 1992`` / ``September 11, 1992`` -> ``1992-09-11``; ``June 1992`` ->
    ``1992-06``; ``1993`` / ``in 1993`` -> ``1993``; ``the summer of 1992`` ->
    ``1992-SU``; ``30 January`` / ``January 30`` -> ``XXXX-01-30``, ``January`` -> ``XXXX-01``;
    ``the 1960s`` -> ``196``; ``the 19th century`` -> ``18``. Relative and vague dates
    ("one year", "the sixties") get None.
    """
    months = month_numbers()
    words = [w.strip(",.") for w in re.split(r"\s+", text.lower()) if w.strip(",.")]
    words = [w for w in words if w not in _FILLER]
    if not words:
        return None
    joined = " ".join(words)
    month_alt = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    patterns = (
        (rf"^{_DAY} ({month_alt}) {_YEAR}$", lambda m: (m[3], months[m[2]], int(m[1]))),
        (rf"^({month_alt}) {_DAY} {_YEAR}$", lambda m: (m[3], months[m[1]], int(m[2]))),
        (rf"^({month_alt}) {_YEAR}$", lambda m: (m[2], months[m[1]], None)),
        (rf"^{_YEAR}$", lambda m: (m[1], None, None)),
        (rf"^{_DAY} ({month_alt})$", lambda m: ("XXXX", months[m[2]], int(m[1]))),
        (rf"^({month_alt}) {_DAY}$", lambda m: ("XXXX", months[m[1]], int(m[2]))),
        (rf"^({month_alt})$", lambda m: ("XXXX", months[m[1]], None)),
    )
    for pattern, fields in patterns:
        if m := re.match(pattern, joined):
            year, month, day = fields(m)
            if day is not None and not 1 <= day <= 31:
                return None
            if month is None:
                return year
            return f"{year}-{month:02d}" + (f"-{day:02d}" if day is not None else "")
    if m := re.match(rf"^({'|'.join(SEASONS)}) {_YEAR}$", joined):
        return f"{m[2]}-{SEASONS[m[1]]}"
    if m := re.match(r"^(1\d|20)(\d)0'?s$", joined):  # the 1960s: TIMEX3's decade "196" (thập niên 1960)
        return m[1] + m[2]
    if m := re.match(r"^(\S+) century$", joined):  # the 19th century: TIMEX3's "18" (thế kỷ 19)
        number = number_token_value(m[1])
        if isinstance(number, int) and 1 <= number <= 21:
            return f"{number - 1:02d}"
    return None


#: How OntoNotes labels (en_core_web_sm) map onto the contract's labels.
#: NORP (nationalities, religious and political groups: "Russian", "Armenians")
#: becomes MISC, as in CoNLL; the aligner treats MISC~LOC as compatible so that
#: "quân Nga" (LOC Nga) still links to "Russian troops" (NORP Russian), flagged.
ONTONOTES_TO_CONTRACT = {
    "PERSON": "PER",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "ORG": "ORG",
    "NORP": "MISC",
    "EVENT": "MISC",
    "LAW": "MISC",
    "WORK_OF_ART": "MISC",
    "LANGUAGE": "MISC",
    "PRODUCT": "MISC",
    "DATE": "DATE",
    "TIME": "DATE",
    "CARDINAL": "NUM",
    "QUANTITY": "NUM",
    "MONEY": "NUM",
    "PERCENT": "NUM",
    "ORDINAL": "NUM",
}


def entity_value(label: str, text: str) -> str | float | int | None:
    """The normalised value of an entity with contract ``label`` and English ``text``."""
    if label == "DATE":
        return parse_date(text)
    if label == "NUM":
        return parse_number(text)
    return None

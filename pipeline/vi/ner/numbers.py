"""Cardinal numbers (NUM) with their values: "23 ngàn" -> 23000, "sáu" -> 6, "23.000" -> 23000.

:class:`NumberRule` finds the number phrases in a ``Doc``;
:func:`pipeline.text.numbers.parse_number` computes their values.

What is *not* a NUM (corpus/gold/GUIDELINES.md §4.6): "một" alone (also the
article "a"); ordinals and rank numbers ("thứ hai", "lớp 12", "số 102");
indefinite quantities ("hàng chục", "vài trăm"); citation markers ("[29]");
numbers inside names and dates (those rules win in the merge). "năm" is both
"five" and "year": it counts as a number only where the grammar needs a number
("năm trăm", "trăm linh năm") or the POS tagger calls it a numeral. Number
words written with a capital inside a sentence are names ("anh Hai Địa").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.docmodel import register_extensions
from pipeline.spacy_data import BuiltFromFiles
from pipeline.text.numbers import (
    AFTER_TENS_ONLY,
    DIGITS,
    HALF,
    HALVED,
    MULTIPLIERS,
    NUMBER_WORDS,
    TENS,
    UNITS,
    ZERO_TENS,
    MalformedNumber,
    parse_number,
)
from pipeline.text.phrases import PhraseTable
from pipeline.text.tsv import DataFileError, read_tsv
from pipeline.vi.ner.candidates import propose_matches
from pipeline.vi.ner.lexicon import packaged_or, phrase_starting_at, rules_meta
from pipeline.vi.ner.view import SyllableView, next_true

SOURCE = "rules:number"


# Words after which a number is a rank, an index or part of a date, not a quantity.
_NOT_QUANTITY_BEFORE = frozenset(
    [
        "thứ",
        "hạng",
        "lớp",
        "số",
        "khóa",
        "khoá",
        "tập",
        "chương",
        "phần",
        "kỳ",
        "kì",
        "tầng",
        "phòng",
        "quận",
        "phường",
        "thôn",
        "tổ",
        "khu",
        "ấp",
        "đường",
        "lộ",
        "điều",
        "khoản",
        "mục",
        "trang",
        "câu",
        "bài",
        "ngày",
        "tháng",
        "mùa",
        "kỷ",
        "kỉ",
        "niên",
        "quý",
        "hàng",
        "vài",
        "mấy",
        "dăm",
        "mươi",
        "đoàn",
        "đội",
        "tiểu",
        "trung",
        "quân",
        "sư",
        "bảng",
        "hiệp",
        "ván",
        "vòng",
        "set",
        "game",
        "tuyến",
        "chuyến",
        "ga",
        "cổng",
        "bến",
        "hẻm",
        "ngõ",
        "ngách",
        "kiệt",
        "lô",
        "căn",
        "nhà",
        "hộp",
    ]
)


#: Parts of a road or a building that a number right after its noun counts: "con đường [24] khúc cua" (a road of 24
#: bends), "tuyến đường [6] làn xe": a quantity, not the road's number (issue 13, round 18). Read by the classifier
#: rule too (:func:`counts_parts`).
COUNTED_PARTS = frozenset({"khúc", "làn"})


def counts_parts(view: SyllableView, j: int) -> bool:
    """The number at syllable ``j`` is followed by a part it counts (:data:`COUNTED_PARTS`), a word of its own."""
    return (
        j + 1 < len(view)
        and view[j + 1].joined
        and view[j + 1].lower in COUNTED_PARTS
        and view.word_start(view[j + 1].start)
    )


#: Nouns after which one bare number is an ordinal ("lần hai", "giai đoạn 1", "đợt 3", "cấp 2"), but which also count or
#: are verbs before an amount ("mỗi lần hai người", "cấp 2 tỷ đồng"): a number with a unit or after "mỗi" stays NUM.
_RANK_BEFORE_ONE_NUMBER = frozenset({"lần", "đợt", "đoạn", "cấp"})
#: Words that begin with the currency "đồng" and still mean money after a number: "ba chục [đồng] bạc", "hai trăm
#: nghìn [đồng] tiền" (the segmenter makes one word of them; our gold keeps the unit, 3 of 3).
MONEY_WORDS = frozenset({"đồng bạc", "đồng tiền"})
#: Words whose first syllable is a multiplier: "tỷ lệ" (a rate), "triệu phú" (a millionaire). After a number word
#: they are what it counts ("một tỷ lệ", "hai triệu phú"), not part of it.
WORDS_NOT_MULTIPLIED = frozenset(
    {"tỷ lệ", "tỉ lệ", "tỷ số", "tỉ số", "tỷ giá", "tỉ giá", "tỷ phú", "tỉ phú", "tỷ trọng", "tỉ trọng"}
    | {"triệu phú", "triệu chứng", "nghìn trùng", "ngàn trùng"}
)
#: Nouns of a legal text's items before a number in digits: "điểm 2 , 3 Điều 5" (points 2 and 3 of article 5) is a
#: reference, no quantity (issue 13, round 21: VLSP 2013); a number word after them counts ("mỗi điểm ba người").
_ITEMS_BEFORE_DIGITS = frozenset({"điểm"})
#: Parts of the day after an hour ("12 giờ trưa"): the number is a time of day.
_PARTS_OF_DAY = frozenset({"sáng", "trưa", "chiều", "tối", "đêm", "khuya"})


@lru_cache(maxsize=1 << 14)  # asked of every syllable of a document: syllables repeat
def _is_element(text: str) -> bool:
    return bool(DIGITS.match(text)) or text.lower() in NUMBER_WORDS


def _continues(prev: str, word: str, after: str | None) -> bool:
    """Whether ``word`` may follow ``prev`` inside one number (``after`` is the word after ``word``)."""
    digits = bool(DIGITS.match(word))
    prev_digits = bool(DIGITS.match(prev))
    if word in MULTIPLIERS:
        return prev not in ZERO_TENS
    if digits:
        return prev in MULTIPLIERS  # "2 tỷ 500 triệu"
    if prev_digits:
        return False
    if word == "năm":
        # "five" only where the grammar needs a number next, or after linh/lẻ
        return (
            prev in ZERO_TENS
            or (prev in MULTIPLIERS or prev == "trăm")
            and after in ({"mươi", "chục", "trăm"} | set(MULTIPLIERS))  # "năm chục": fifty (round 23)
        )
    if word in AFTER_TENS_ONLY:
        return prev == "mươi" or (word == "lăm" and prev == "mười")
    if word in UNITS:
        return prev in {"mươi", "mười", "trăm"} | ZERO_TENS | set(MULTIPLIERS)
    if word == "mười":
        return prev in {"trăm"} | set(MULTIPLIERS)
    if word in TENS:
        return prev in UNITS and prev not in AFTER_TENS_ONLY and prev != "không"
    if word == "trăm":
        return prev in UNITS or prev in MULTIPLIERS
    if word in ZERO_TENS:
        return prev == "trăm"
    return False


@dataclass(frozen=True)
class Unit:
    normal: str  # the unit in the value: "VND", "USD", "km", "year"
    kind: str  # money, age, percent, quantity


UNIT_KINDS = ("money", "age", "percent", "quantity")


@lru_cache(maxsize=4)
def unit_table(path: str) -> PhraseTable[Unit]:
    """The units a NUM takes with it (``data/units.tsv``: unit, normal, kind)."""
    entries = []
    for row in read_tsv(path, ("unit", "normal", "kind")):
        if row["kind"] not in UNIT_KINDS:
            raise DataFileError(f"{path}:{row['_line']}: kind {row['kind']!r} is not one of {', '.join(UNIT_KINDS)}")
        entries.append((row["unit"], Unit(row["normal"], row["kind"])))
    return PhraseTable(entries)


# VTB's tokeniser writes "30.000" as "30 . 000": a group separator with spaces around it.
_SPACED_GROUP = re.compile(r"(?<=\d) ([.,]) (?=\d{3}(?!\d))")


class NumberRule:
    """Finds cardinal numbers (with the unit written after them) and proposes them as NUM with their value."""

    def __init__(self, use_pos: bool = True, units: PhraseTable[Unit] | None = None):
        self.use_pos = use_pos
        self.units = units if units is not None else PhraseTable()

    def find(self, view: SyllableView) -> Iterator[tuple[int, int, int | float | dict | None]]:
        """``(first_syllable, end_syllable, value)`` of every number in one line.

        A unit written right after the number (``data/units.tsv``: "30.000 USD", "16 tuổi",
        "5 km", "15%") is part of the NUM, and the value is then ``{"amount", "unit",
        "kind"}`` (corpus/gold/GUIDELINES.md §4.6). A phrase of number words that names no
        number ("23 ngàn tỉ tỉ tỉ": multipliers out of order) is still a NUM, without a
        value: adding its parts up would mislead.
        """
        i, n = 0, len(view)
        # where a number may start (_phrase_end is None elsewhere: most syllables), stepped to in C (next_true)
        elements = list(map(_is_element, [s.text for s in view]))
        for k in range(n - 1) if "đôi" in view.keys else ():
            if view.keys[k] == "đôi" and _twenty(view, k):
                elements[k] = True
        while i < n:
            if not elements[i]:
                i = next_true(elements, i)
                continue
            end = self._phrase_end(view, i)
            if end is None:
                i += 1
                continue
            text = _SPACED_GROUP.sub(r"\1", view.text(i, end))
            if view[i].lower == "đôi":
                text = "hai" + text[3:]  # "đôi mươi": twenty (a pair of tens), as "hai mươi"
            try:
                value = parse_number(text)
            except MalformedNumber:
                value = None
            except ValueError:
                i = end
                continue
            if _enumerator(view, i, end):
                i = end  # "1 . Quyền tiếp cận ...", "4 . 3 .", "( 2 ) đổi mới ...": the number of an item in a list,
                continue  # not a quantity (issue 13, rounds 19 and 20: VLSP 2013's numbered headings and items)
            unit = self._unit_after(view, end)
            if unit is not None:
                end, found = unit
                value = None if value is None else {"amount": value, "unit": found.normal, "kind": found.kind}
            elif text.endswith("%") and value is not None:
                value = {"amount": value, "unit": "%", "kind": "percent"}
            yield i, end, value
            i = end

    def _unit_after(self, view: SyllableView, j: int) -> tuple[int, Unit] | None:
        """The unit written right after a number ending at syllable ``j``, as a whole word: ``(end, unit)``."""
        if j >= len(view) or not view[j].joined:
            return None
        hit = phrase_starting_at(self.units, view, j)
        if hit is None:
            return None
        end = hit[0]
        if (
            end < len(view)
            and view[end].joined
            and not view[end].is_punct
            and not view.word_start(view[end].start)
            and " ".join(view.keys[j : end + 1]) not in MONEY_WORDS
        ):
            return None  # "m" of a longer word, "đồng" of "đồng bằng"; but "năm chục [đồng] tiền" (round 23)
        if end < len(view) and view[end].joined and view[end].lower in _UNIT_NOT_BEFORE:
            return None  # "đồng" of "đồng chí"
        return end, hit[1]

    def _in_verb(self, view: SyllableView, k: int) -> bool:
        """Syllable ``k`` ends a verb or adjective ("đặt hàng 50 máy bay", "bình quân 7 triệu đồng"): then it
        is not the rank or index noun it spells ("hàng", "quân"), and the number after it is a quantity."""
        if not self.use_pos or not view.word_end(view[k].end) or view.word_start(view[k].start):
            return False
        token = view.token_at(view[k].start)
        return token is not None and token.tag_ in ("V", "A")

    def _phrase_end(self, view: SyllableView, i: int) -> int | None:
        syl = view[i]
        if syl.lower == "đôi":
            return i + 2 if _twenty(view, i) else None
        if not _is_element(syl.text):
            return None
        prev = view[i - 1] if i else None
        if (
            prev is not None
            and syl.joined
            and prev.lower in _NOT_QUANTITY_BEFORE
            and not self._in_verb(view, i - 1)
            and (not syl.text.isdigit() or self._unit_after(view, i + 1) is None)
            and not counts_parts(view, i)
            and not (prev.lower == "số" and i >= 2 and view[i - 2].lower == "trong" and view[i - 1].joined)
        ):
            return None  # "quận 1", "tầng 5"; but with a unit it measures: "đoạn đường 110 km" (issue 13, round 9);
            # and "trong số [30] tội" is "among thirty", no number 30 (round 26)
        if (
            prev is not None
            and syl.joined
            and prev.lower in _ITEMS_BEFORE_DIGITS
            and syl.text.isdigit()
            and self._unit_after(view, i + 1) is None
        ):
            return None  # "điểm 2": an item of an article
        if prev is not None and syl.joined and self._rank_listed(view, i):
            return None  # "cấp 1 , 2 , 3", "quận 1 và 3": the ranks listed after the first one's noun
        weak_rank = (
            prev is not None
            and syl.joined
            and prev.lower in _RANK_BEFORE_ONE_NUMBER
            and not (i >= 2 and view[i - 2].lower in ("mỗi", "từng"))
        )
        if syl.text.isdigit() and _is_citation(view, i):
            return None
        words = not DIGITS.match(syl.text)
        if words:
            if not syl.text.islower() and not syl.sent_start:
                return None  # "anh Hai Địa", "ông Sáu Vô": names
            if (
                syl.lower in AFTER_TENS_ONLY
                or syl.lower in ZERO_TENS
                or syl.lower in MULTIPLIERS
                or syl.lower == "không"
            ):
                return None  # ("trăm" may start one: "hơn [trăm] năm", "được [trăm mét]", a hundred alone, like
                # "chục"; not "hàng trăm", "vài trăm", "phần trăm": _NOT_QUANTITY_BEFORE; issue 13, round 16)
        # extend
        j = i + 1
        while j < len(view) and view[j].joined:
            nxt = view[j].lower
            if nxt in (".", ",") and _spaced_group(view, j):
                j += 2  # "30 . 000": one number, tokenised with spaces
                continue
            after = view[j + 1].lower if j + 1 < len(view) and view[j + 1].joined else None
            if nxt == HALF and view[j - 1].lower in HALVED:
                j += 1  # "một triệu rưỡi": and a half (the value: parse_number)
                break
            if not _is_element(view[j].text) or not (view[j].text.islower() or DIGITS.match(nxt)):
                break
            if not _continues(view[j - 1].lower, nxt, after):
                break
            if after is not None and f"{nxt} {after}" in WORDS_NOT_MULTIPLIED:
                break  # "một [tỷ lệ]": a word that starts with a multiplier, which the segmenter may cut (round 23)
            j += 1
        if words:
            first = syl.lower
            if j == i + 1:
                # a lone number word: "một" is an article; others must be numerals for the tagger
                if first == "một":
                    return None
                after = view[j] if j < len(view) and view[j].joined else None
                if (
                    after is None
                    or not (after.text[:1].islower() or self._unit_after(view, j))
                    or (after.lower in NUMBER_WORDS and after.lower != "năm")
                ):
                    return None  # "ba " đen "", "hai ba người"; but "mười năm" is ten years
                if (
                    after is not None
                    and (first, after.lower) in _IDIOMS
                    or (first == "hai" and i >= 2 and view[i - 1].lower == "không" and view[i - 2].lower == "một")
                ):
                    return None  # "bốn phía" (all around), "có một không hai" (unique): they count nothing
                if first not in TENS and first != "trăm" and self.use_pos and not _tagged_numeral(view, i):
                    return None  # "chục mét", "mươi bước", "trăm mét" need no tagger
            elif first == "năm" and not _continues("trăm", "năm", view[i + 1].lower):
                return None
            if j == i + 1 and j < len(view) and view[j].lower == "là" and (prev is None or prev.is_punct):
                return None  # "Một là ... ; hai là ...": enumerating (firstly, secondly), not counting
        if (
            not words
            and i >= 2
            and view[i - 1].lower in ("g", "giờ")
            and view[i - 2].text.isdigit()
            and _minutes_at(view, i)
        ):
            return None  # the minutes of "13 g 30", "11 giờ 30 phút": a time of day (GUIDELINES §4.5)
        if not words and _day_of_tet(view, j):
            return None  # "28 tết", "từ 20 - 27 tết": a day of the lunar new year, no quantity (the spent VTB gold
            # annotates none; issue 13, round 18)
        if self._time_of_day(view, i, j):
            return None  # "lúc 14 giờ", "12 giờ trưa": a time of day is no quantity (GUIDELINES §4.5); "24 giờ" is
        if weak_rank and j == i + 1 and (words or len(syl.text) <= 2) and self._unit_after(view, j) is None:
            return None  # "lần hai", "giai đoạn 1": a small ordinal after its noun; not "cấp 2 tỷ đồng", "mỗi lần
            # hai", "cấp 444.700 bao cao su" (to supply: an amount)
        return j

    @staticmethod
    def _time_of_day(view: SyllableView, i: int, j: int) -> bool:
        """The number ``[i, j)`` and the hour word after them ("giờ", VTB's "g") tell a time of day: "lúc" before
        them or a part of the day after ("12 g khuya", "14 giờ chiều"; issue 13, round 8; in words too, "từ bốn
        giờ sáng": round 24)."""
        if j != i + 1 or j >= len(view) or not view[j].joined or view[j].lower not in ("giờ", "g", "h"):
            return False
        if i and view[i - 1].lower == "lúc":
            return True
        if j + 1 < len(view) and view[j + 1].joined and view[j + 1].lower in _PARTS_OF_DAY:
            return True
        # VTB's "g" (giờ) after an hour of the day, with its minutes or after "đến", "gần" ("13 g 30", "đến gần 22 g
        # mới có khách"): never grams there (issue 13, round 18); "sau 15 giờ phẫu thuật" is a duration
        return (
            view[j].lower == "g"
            and view[i].text.isdigit()
            and int(view[i].text) <= 24
            and (_minutes_at(view, j + 1) or (i > 0 and view[i - 1].lower in _BEFORE_AN_HOUR))
        )

    def _rank_listed(self, view: SyllableView, i: int) -> bool:
        """The number at ``i`` goes on a list of ranks after "," or "và" whose first number follows a rank noun
        ("cấp 1 , 2 , 3": GUIDELINES §4.6, rank numbers are no NUM; issue 13, round 8)."""
        k = i
        for _ in range(6):
            if k < 2 or view[k - 1].lower not in (",", "và", "hoặc") or not DIGITS.match(view[k - 2].text):
                return False
            k -= 2
            before = view[k - 1].lower if k else ""
            if before in _NOT_QUANTITY_BEFORE and before not in ("ngày", "tháng", "mùa", "vài", "mấy", "dăm", "mươi"):
                return True
            if before in _RANK_BEFORE_ONE_NUMBER or before in _ITEMS_BEFORE_DIGITS:
                return True
        return False


#: A number word and the word after it in fixed idioms that count nothing (GUIDELINES §4.6, not NUM):
#: "bốn phía"/"bốn bề"/"bốn phương" (all around, everywhere), "ba chìm bảy nổi", "năm bè bảy mối",
#: "trăm công nghìn việc", "muôn" aside.
_IDIOMS = frozenset(
    {("bốn", "phía"), ("bốn", "bề"), ("bốn", "phương"), ("ba", "chìm"), ("bảy", "nổi"), ("năm", "bè"),
     ("bảy", "mối"), ("trăm", "công"), ("nghìn", "việc"), ("ba", "hoa"), ("ba", "lô")}
)  # fmt: skip


#: Words before an hour that make it a time of day: "đến 22 g", "gần 22 g", "từ 7 g".
_BEFORE_AN_HOUR = frozenset({"lúc", "đến", "gần", "từ", "tới", "khoảng", "vào"})


def _minutes_at(view: SyllableView, k: int) -> bool:
    """Syllable ``k`` is minutes right after an hour word: two digits up to 59."""
    return (
        k < len(view)
        and view[k].joined
        and len(view[k].text) == 2
        and view[k].text.isdigit()
        and int(view[k].text) < 60
    )


def _day_of_tet(view: SyllableView, j: int) -> bool:
    """The digits ending at syllable ``j`` are followed by "tết", right after them or after a dash and a second
    number ("28 tết", "20 - 27 tết")."""
    if j + 2 < len(view) and view[j].text in ("-", "–") and view[j + 1].text.isdigit() and view[j + 2].joined:
        j += 2
    return j < len(view) and view[j].joined and view[j].lower == "tết"


def _twenty(view: SyllableView, k: int) -> bool:
    """ "đôi mươi" at syllable ``k``, in lower case: twenty, said of an age ("tuổi đôi mươi", "ngoài đôi mươi";
    GUIDELINES §4.6; issue 13, round 18). "đôi" alone is a pair, a counted noun ("một đôi giày"), not a number."""
    return (
        k + 1 < len(view)
        and view[k].text.islower()
        and view[k + 1].joined
        and view[k + 1].text == "mươi"
        and not (k + 2 < len(view) and view[k + 2].joined and view[k + 2].lower in NUMBER_WORDS)
    )


def _spaced_group(view: SyllableView, j: int) -> bool:
    """Syllable ``j`` is a "." or "," between digits, with spaces, followed by a three-digit group."""
    return (
        j + 1 < len(view)
        and view[j + 1].joined
        and len(view[j + 1].text) == 3
        and view[j + 1].text.isdigit()
        and view[j - 1].text[-1:].isdigit()
        and (j + 2 >= len(view) or not view[j + 2].text[:1].isdigit() or not view[j + 2].joined)
    )


# Words after which a unit word is part of another word: "đồng chí", "đồng bằng" (the segmenter usually says so).
_UNIT_NOT_BEFORE = frozenset(["chí", "bằng", "thời", "ý", "nghiệp", "hồ", "bào", "loại", "minh"])


def _is_citation(view: SyllableView, i: int) -> bool:
    """``[29]``: a number between brackets written without spaces."""
    prev = view[i - 1] if i else None
    nxt = view[i + 1] if i + 1 < len(view) else None
    return bool(prev and nxt and prev.text == "[" and nxt.text == "]" and not view[i].joined and not nxt.joined)


def _tagged_numeral(view: SyllableView, i: int) -> bool:
    token = view.token_at(view[i].start)
    if token is None or not token.tag_:
        return True  # no tagger in the pipeline: trust the word list
    return token.tag_ == "M"


def _enumerator(view: SyllableView, i: int, end: int) -> bool:
    """The number at syllables ``[i, end)`` numbers an item: first on its line (or after another such number, "4 .
    3 .") with "." or ")" after it, after a colon or an opening quote with "." and a capitalised word after it (round
    23), or alone in brackets, "( 2 )", with text after them."""
    after = view[end].text if end < len(view) else ""
    if after in (".", ")") and _heading_prefix(view.full_text, view[i].start):
        return True
    if after == "." and i > 0 and view[i - 1].text in (":", ";", "“", '"'):
        # "Ông đề nghị : 1 . Phân biệt ... ; 2 . ...", "nêu rõ : “ 13 . Mỗi thành viên ...": a list in a sentence (the full stop
        # and the capital after it end the view's sentence there)
        return end + 1 >= len(view) or view[end + 1].capitalised
    return i > 0 and view[i - 1].text == "(" and after == ")" and end + 1 < len(view)


#: What may come before a heading's number on its line: nothing, or the numbers of the headings above it ("4 . ").
_HEADING_PREFIX = re.compile(r"(?:\s*\d+\s*\.)*\s*")


def _heading_prefix(text: str, char: int) -> bool:
    """The line before ``char`` is :data:`_HEADING_PREFIX`. Read backwards only over the characters it may hold, not
    to the line's start: a document written on one line would make every number before a full stop a scan of all
    the text before it."""
    k = char
    while k > 0 and text[k - 1] != "\n" and (text[k - 1].isdigit() or text[k - 1].isspace() or text[k - 1] == "."):
        k -= 1
    return (k == 0 or text[k - 1] == "\n") and _HEADING_PREFIX.fullmatch(text, k, char) is not None


class NumberComponent:
    def __init__(self, use_pos: bool = True, units: PhraseTable[Unit] | None = None):
        register_extensions()
        self.rule = NumberRule(use_pos=use_pos, units=units)

    def __call__(self, doc: Doc) -> Doc:
        propose_matches(doc, SOURCE, lambda view: ((i, j, "NUM", value) for i, j, value in self.rule.find(view)))
        return doc


@Language.factory(
    "songngu_ner_numbers",
    default_config={"use_pos": True, "units": "<packaged>"},
    requires=["doc.sents", "token.tag"],
    assigns=["doc.spans"],
)
def create_numbers(nlp: Language, name: str, use_pos: bool, units: str):
    """NUM with values, by rule. ``use_pos``: a lone number word must be tagged M (numeral);
    ``units``: the units a NUM takes with it (``<packaged>``: ``data/units.tsv``; ``""``: none)."""
    if not units:
        return NumberComponent(use_pos=use_pos)

    def build(units: str) -> NumberComponent:
        component = NumberComponent(use_pos=use_pos, units=unit_table(units))
        component.songngu_meta = rules_meta(units)
        return component

    # The units file is read at initialize (or from a saved pipeline's copy): see pipeline.spacy_data.
    return BuiltFromFiles(build, {"units": packaged_or(units, "units.tsv")})

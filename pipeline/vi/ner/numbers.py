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

from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.docmodel import register_extensions
from pipeline.text.numbers import (
    AFTER_TENS_ONLY,
    DIGITS,
    MULTIPLIERS,
    NUMBER_WORDS,
    TENS,
    UNITS,
    ZERO_TENS,
    MalformedNumber,
    parse_number,
)
from pipeline.vi.ner.candidates import propose_matches
from pipeline.vi.ner.view import SyllableView

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
            and after in ({"mươi", "trăm"} | set(MULTIPLIERS))
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


class NumberRule:
    """Finds cardinal numbers and proposes them as NUM with their value."""

    def __init__(self, use_pos: bool = True):
        self.use_pos = use_pos

    def find(self, view: SyllableView) -> Iterator[tuple[int, int, int | float | None]]:
        """``(first_syllable, end_syllable, value)`` of every number in one line.

        A phrase of number words that names no number ("23 ngàn tỉ tỉ tỉ": multipliers
        out of order) is still a NUM, without a value: adding its parts up would mislead.
        """
        i, n = 0, len(view)
        while i < n:
            end = self._phrase_end(view, i)
            if end is None:
                i += 1
                continue
            try:
                value = parse_number(view.text(i, end))
            except MalformedNumber:
                value = None
            except ValueError:
                i = end
                continue
            yield i, end, value
            i = end

    def _phrase_end(self, view: SyllableView, i: int) -> int | None:
        syl = view[i]
        if not _is_element(syl.text):
            return None
        prev = view[i - 1] if i else None
        if prev is not None and syl.joined and prev.lower in _NOT_QUANTITY_BEFORE:
            return None
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
                or syl.lower in ("trăm", "không")
            ):
                return None
        # extend
        j = i + 1
        while j < len(view) and view[j].joined:
            nxt = view[j].lower
            after = view[j + 1].lower if j + 1 < len(view) and view[j + 1].joined else None
            if not _is_element(view[j].text) or not (view[j].text.islower() or DIGITS.match(nxt)):
                break
            if not _continues(view[j - 1].lower, nxt, after):
                break
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
                    or not after.text[:1].islower()
                    or (after.lower in NUMBER_WORDS and after.lower != "năm")
                ):
                    return None  # "ba " đen "", "hai ba người"; but "mười năm" is ten years
                if first not in TENS and self.use_pos and not _tagged_numeral(view, i):
                    return None  # "chục mét", "mươi bước" need no tagger
            elif first == "năm" and not _continues("trăm", "năm", view[i + 1].lower):
                return None
        return j


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


class NumberComponent:
    def __init__(self, use_pos: bool = True):
        register_extensions()
        self.rule = NumberRule(use_pos=use_pos)

    def __call__(self, doc: Doc) -> Doc:
        propose_matches(doc, SOURCE, lambda view: ((i, j, "NUM", value) for i, j, value in self.rule.find(view)))
        return doc


@Language.factory(
    "songngu_ner_numbers", default_config={"use_pos": True}, requires=["doc.sents", "token.tag"], assigns=["doc.spans"]
)
def create_numbers(nlp: Language, name: str, use_pos: bool):
    """NUM with values, by rule. ``use_pos``: a lone number word must be tagged M (numeral)."""
    return NumberComponent(use_pos=use_pos)

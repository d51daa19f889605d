"""Days of the week are no names: "thứ" and a capitalised ordinal ("thứ Bảy", Saturday), on sentences written for
these tests. The ordinals are also nicknames ("ông Bảy"), so the typer, reading a capitalised word after a
preposition, took "vào tối thứ Bảy" for a person (pipeline/vi/ner/typer.py, _weekday)."""

from __future__ import annotations

import pytest

from tests.vi.ner.conftest import entities


@pytest.mark.parametrize(
    "sentence,day",
    [
        ("Anh Lê Văn Hùng treo cổ tự tử tại nhà riêng vào tối thứ Bảy.", "Bảy"),
        ("Chợ phiên họp vào thứ Năm và thứ Sáu hằng tuần.", "Năm"),
        ("Chợ phiên họp vào thứ Năm và thứ Sáu hằng tuần.", "Sáu"),
        ("Thứ Sáu tuần trước, bà Lan về quê thăm mẹ.", "Sáu"),
        ("Hôm thứ Hai, đội tuyển bay sang Thái Lan.", "Hai"),
    ],
)
def test_a_day_of_the_week_is_no_name(vi_nlp, sentence, day):
    found = entities(vi_nlp(sentence))
    assert not any(day in text.split() or text.endswith(day) for text, _ in found), found


@pytest.mark.parametrize(
    "sentence,person",
    [
        ("Ông Bảy bán cá ở chợ đầu làng.", "Bảy"),
        ("Chị Năm và anh Sáu đã cưới nhau vào thứ Bảy.", "Năm"),
        ("Chị Năm và anh Sáu đã cưới nhau vào thứ Bảy.", "Sáu"),
    ],
)
def test_the_same_ordinal_after_a_title_is_still_a_person(vi_nlp, sentence, person):
    assert (person, "PER") in entities(vi_nlp(sentence))

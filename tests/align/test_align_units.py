"""Numbered military units linked by their number: Vietnamese writes the number after the unit's noun ("Sư đoàn
308"), English as an ordinal before it ("the 308th Division"). On sentences written for these tests: two units of a
sentence were linked crosswise when the word aligner crossed the links of their nouns ("Sư đoàn" / "Division"),
since "308" was no more like "308th" than like "312th" (found by the new-user audit on history text)."""

from __future__ import annotations

import pytest

from tests.align.conftest import entity_links


@pytest.mark.parametrize(
    "vi_text,en_text,expected",
    [
        (
            "Trong chiến dịch Điện Biên Phủ (13/3 - 7/5/1954), Sư đoàn 308 và Sư đoàn 312 đánh chiếm các cứ điểm phía"
            " bắc.",
            "During the Dien Bien Phu campaign (13 March - 7 May 1954), the 308th Division and the 312th Division"
            " captured the northern strongpoints.",
            {"Sư đoàn 308": "308th Division", "Sư đoàn 312": "312th Division"},
        ),
        (
            "Trong chiến dịch Biên Giới (16/9 - 14/10/1950), Trung đoàn 174 và Trung đoàn 209 tấn công Đông Khê.",
            "During the Border campaign (16 September - 14 October 1950), the 174th Regiment and the 209th Regiment"
            " attacked Dong Khe.",
            {"Trung đoàn 174": "174th Regiment", "Trung đoàn 209": "209th Regiment"},
        ),
        (
            "Quân đoàn 2 và Quân đoàn 4 cùng tiến về thành phố từ hai hướng.",
            "The 2nd Corps and the 4th Corps advanced on the city from two directions.",
            {"Quân đoàn 2": "2nd Corps", "Quân đoàn 4": "4th Corps"},
        ),
    ],
)
def test_numbered_units_are_linked_by_their_number(vi_text, en_text, expected):
    links = entity_links(vi_text, en_text)
    for vi, en in expected.items():
        assert links.get(vi) == en, links

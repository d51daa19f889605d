"""Dates of a range or a list, on sentences written for these tests (found by the new-user audit on history text).

GUIDELINES §4.5: dates joined by "và" or a dash are separate DATEs, each with the year it shares with the other;
a range of years is two DATEs. A day without its year before a dated day ("(13/3 - 7/5/1954)", "từ 17/2 đến
16/3/1979") had the year XXXX, and "1950-1954", written without spaces, was one syllable, so the two dates the rule
found could not be parted: one DATE "Năm 1950-1954" with the value 1950, the end of the range lost."""

from __future__ import annotations

import pytest

from pipeline.vi.segmenter.syllables import syllabify


def _dates(doc) -> list[tuple[str, str]]:
    return [(e.text, e._.value) for e in doc.ents if e.label_ == "DATE"]


@pytest.mark.parametrize(
    "sentence,expected",
    [
        (
            "Chiến dịch Điện Biên Phủ (13/3 - 7/5/1954) kết thúc với thắng lợi của Việt Minh.",
            [("13/3", "1954-03-13"), ("7/5/1954", "1954-05-07")],
        ),
        (
            "Cuộc chiến ở biên giới kéo dài từ 17/2 đến 16/3/1979.",
            [("17/2", "1979-02-17"), ("16/3/1979", "1979-03-16")],
        ),
        (
            "Đoàn đại biểu lưu lại Paris từ tháng 3 đến tháng 5 năm 1954.",
            [("tháng 3", "1954-03"), ("tháng 5 năm 1954", "1954-05")],
        ),
        (
            "Trận Hà Nội kéo dài từ ngày 18/12 đến ngày 29/12/1972.",
            [("ngày 18/12", "1972-12-18"), ("ngày 29/12/1972", "1972-12-29")],
        ),
        # across a new year a range's first day is in the year before
        (
            "Chiến dịch kéo dài từ ngày 20/12 đến ngày 5/1/1951.",
            [("ngày 20/12", "1950-12-20"), ("ngày 5/1/1951", "1951-01-05")],
        ),
        # the dated day may come first
        (
            "Quân đội đóng ở đây từ ngày 30/4/1975 đến 2/5.",
            [("ngày 30/4/1975", "1975-04-30"), ("2/5", "1975-05-02")],
        ),
        # a list with "và" shares the year and is not read as a range
        (
            "Các cuộc mít tinh diễn ra ngày 5/9 và 2/9/1945.",
            [("ngày 5/9", "1945-09-05"), ("2/9/1945", "1945-09-02")],
        ),
        # a year range written without spaces is two DATEs, as with spaces
        ("Năm 1950-1954, viện trợ tăng lên nhiều lần.", [("Năm 1950", "1950"), ("1954", "1954")]),
        ("Giai đoạn 1946 - 1954 là cuộc kháng chiến lâu dài.", [("1946", "1946"), ("1954", "1954")]),
    ],
)
def test_dates_of_a_range_share_their_year(vi_nlp, sentence, expected):
    assert _dates(vi_nlp(sentence)) == expected


@pytest.mark.parametrize(
    "sentence,expected",
    [
        # two dates that are not joined keep their own years
        (
            "Ngày 18 tháng 1 năm 1950, Bắc Kinh công nhận chính phủ, và Moskva công nhận ngày 30 tháng 1.",
            [("Ngày 18 tháng 1 năm 1950", "1950-01-18"), ("ngày 30 tháng 1", "XXXX-01-30")],
        ),
        ("Ngày 30-4-1975 là ngày thống nhất đất nước.", [("Ngày 30-4-1975", "1975-04-30")]),
    ],
)
def test_dates_not_joined_keep_their_values(vi_nlp, sentence, expected):
    assert _dates(vi_nlp(sentence)) == expected


def test_only_a_range_of_years_is_cut_into_syllables():
    def syllables(text):
        return [text[s:e] for s, e in syllabify(text)]

    assert syllables("năm 1950-1954") == ["năm", "1950", "-", "1954"]
    assert syllables("ngày 30-4-1975") == ["ngày", "30-4-1975"]
    assert syllables("mã 1954-1950") == ["mã", "1954-1950"]  # not a range: the second year is earlier
    assert syllables("T-72 và MiG-21") == ["T-72", "và", "MiG-21"]

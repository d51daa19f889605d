"""The words of political history in the aligner's tables (pipeline/align/data/domain_lexicon.tsv: hội nghị =
conference, vĩ tuyến = parallel, tổng tuyển cử = general election; the gazetteer's Vịnh Bắc Bộ = Gulf of Tonkin), on
sentences written for these tests: without them a conference was projected onto its place alone ("Geneva"), a
parallel onto its number ("17th") and a gulf linked to nothing (found by the new-user audit)."""

from __future__ import annotations

import pytest

from tests.align.conftest import entity_links


@pytest.mark.parametrize(
    "vi_text,en_text,vi_name,en_name",
    [
        (
            "Hội nghị Genève về Đông Dương khai mạc ngày 26 tháng 4 năm 1954 tại Thụy Sĩ.",
            "The Geneva Conference on Indochina opened on 26 April 1954 in Switzerland.",
            "Hội nghị Genève",
            "Geneva Conference",
        ),
        (
            "Hiệp định tạm thời chia đất nước tại vĩ tuyến 17.",
            "The accords temporarily divided the country at the 17th parallel.",
            "vĩ tuyến 17",
            "17th parallel",
        ),
        (
            "Tháng 8 năm 1964, hai tàu khu trục Mỹ báo bị tấn công ở Vịnh Bắc Bộ.",
            "In August 1964, two American destroyers reported being attacked in the Gulf of Tonkin.",
            "Vịnh Bắc Bộ",
            "Gulf of Tonkin",
        ),
    ],
)
def test_history_names_are_linked_whole(vi_text, en_text, vi_name, en_name):
    links = entity_links(vi_text, en_text)
    assert links.get(vi_name) == en_name, links

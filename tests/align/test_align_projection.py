"""A Vietnamese entity with no English counterpart is projected onto the English words aligned to it, but not onto
a word that translates it together with its neighbours, on sentences written for these tests: "rút quân" (to
withdraw troops) / "withdrawal" made the argument "quân" an English entity "withdrawal", the very word of its
event's trigger (found by the new-user audit; the corpus passage had it twice)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline import annotate

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "vi_text,en_text",
    [
        ("Đặng Tiểu Bình tuyên bố rút quân ngày 5 tháng 3.", "Deng Xiaoping announced the withdrawal on 5 March."),
        ("Tướng Navarre ra lệnh rút quân khỏi Hòa Bình.", "General Navarre ordered the withdrawal from Hoa Binh."),
    ],
)
def test_no_argument_is_projected_onto_its_trigger(vi_text, en_text):
    doc = annotate(vi_text, en=en_text)
    triggers = {(e["trigger"]["start"], e["trigger"]["end"]) for e in doc["en"]["events"]}
    projected = [e for e in doc["en"]["entities"] if e["source"] == "projected"]
    assert not any((e["start"], e["end"]) in triggers for e in projected), projected
    assert not any(e["text"] == "withdrawal" for e in doc["en"]["entities"]), doc["en"]["entities"]


def test_a_name_without_english_entity_is_still_projected():
    doc = annotate(
        "Vua Hàm Nghi cùng Tôn Thất Thuyết phát động phong trào Cần Vương.",
        en="Emperor Ham Nghi and Ton That Thuyet launched the Can Vuong movement.",
    )
    projected = {e["text"]: e["label"] for e in doc["en"]["entities"] if e["source"] == "projected"}
    assert projected.get("Ham Nghi") == "PER" and projected.get("Ton That Thuyet") == "PER", projected


def test_an_unnamed_argument_reaches_english_through_the_name_it_holds():
    # "ông Tôn Đức Thắng" (OTHER: the Person of the election) has no English counterpart, the translation saying no
    # "Mr"; the name inside it is linked to "Ton Duc Thang", and the English election lost its Person (issue 12,
    # evd20)
    doc = annotate(
        "Quốc hội bầu ông Tôn Đức Thắng làm Chủ tịch nước năm 1969.",
        en="The National Assembly elected Ton Duc Thang President in 1969.",
    )
    text = {e["id"]: e["text"] for e in doc["en"]["entities"]}
    [election] = [e for e in doc["en"]["events"] if e["type"] == "Personnel.Elect"]
    args = {(a["role"], text[a["entity"]]) for a in election["arguments"]}
    assert {("Person", "Ton Duc Thang"), ("Entity", "National Assembly"), ("Position", "President")} <= args


@pytest.mark.parametrize(
    "vi_text,en_text,trigger",
    [
        # "thiệt mạng" (to lose one's life) had no word link to "killed", so the English side lost the death (found
        # by the audit of round 20)
        (
            "Hơn 200 người đã thiệt mạng trong trận động đất năm 1999.",
            "More than 200 people were killed in the 1999 earthquake.",
            "killed",
        ),
        ("Ba binh sĩ tử vong khi xe của họ trúng mìn.", "Three soldiers died when their vehicle hit a mine.", "died"),
    ],
)
def test_a_death_is_projected_onto_its_english_verb(vi_text, en_text, trigger):
    doc = annotate(vi_text, en=en_text)
    assert any(e["type"] == "Life.Die" for e in doc["vi"]["events"]), doc["vi"]["events"]
    deaths = [e["trigger"]["text"] for e in doc["en"]["events"] if e["type"] == "Life.Die"]
    assert deaths == [trigger], doc["en"]["events"]


def test_a_bombing_by_terrorists_is_projected_with_its_attacker():
    # "đánh bom" (to bomb) and "khủng bố" (terrorist) had no word link, so the English side had neither the attack nor
    # its Attacker (found by the audit of round 20: "những kẻ khủng bố ... đã tấn công" lost its Attacker)
    doc = annotate(
        "Những kẻ khủng bố đã đánh bom một khách sạn ở Bali năm 2002.", en="Terrorists bombed a hotel in Bali in 2002."
    )
    text = {e["id"]: e["text"] for e in doc["en"]["entities"]}
    [attack] = [e for e in doc["en"]["events"] if e["type"] == "Conflict.Attack"]
    assert attack["trigger"]["text"] == "bombed"
    assert {("Attacker", "Terrorists"), ("Place", "Bali")} <= {
        (a["role"], text[a["entity"]]) for a in attack["arguments"]
    }


@pytest.mark.parametrize(
    "vi_text,en_text,role,argument,inner",
    [
        # the English victim overlapped the NUM inside it, and projection refused any overlap: the death had no
        # Victim in English (aud20); it now holds the NUM as the Vietnamese OTHER holds its own
        (
            "Một vụ nổ xe buýt ở Karachi làm 14 người thiệt mạng vào tháng 8 năm 2007.",
            "A bus explosion in Karachi killed 14 people in August 2007.",
            "Victim",
            "14 people",
            "14",
        ),
        (
            "Cảnh sát Thái Lan đã bắt giữ hai nghi phạm tại Chiang Mai.",
            "Thai police arrested two suspects in Chiang Mai.",
            "Person",
            "two suspects",
            "two",
        ),
    ],
)
def test_an_unnamed_argument_holding_a_number_is_projected_around_it(vi_text, en_text, role, argument, inner):
    doc = annotate(vi_text, en=en_text)
    ents = {e["id"]: e for e in doc["en"]["entities"]}
    args = {(a["role"], ents[a["entity"]]["text"]) for ev in doc["en"]["events"] for a in ev["arguments"]}
    assert (role, argument) in args, args
    outer = next(e for e in ents.values() if e["text"] == argument)
    assert outer["label"] == "OTHER" and outer["source"] == "projected"
    assert any(e["label"] == "NUM" and e["text"] == inner and outer["start"] <= e["start"] for e in ents.values())


@pytest.mark.parametrize(
    "vi_text,en_text",
    [
        # no word link for "smugglers": the projection of "7 người" would be "7", the NUM's own span
        ("Cảnh sát đã bắt giữ 7 người.", "Police detained 7 smugglers."),
        # no word link for "sailors": the projection of "9 thủy thủ Mỹ" would end on "American", a modifier
        ("Hải quân Nhật bắt 9 thủy thủ Mỹ ngoài khơi.", "The Japanese navy seized 9 American sailors offshore."),
    ],
)
def test_a_projection_neither_equals_nor_ends_on_the_entity_inside_it(vi_text, en_text):
    doc = annotate(vi_text, en=en_text)
    assert not [e for e in doc["en"]["entities"] if e["source"] == "projected"], doc["en"]["entities"]


def test_a_projection_closes_the_bracket_it_opens():
    # the corpus passage's "6 lính đặc nhiệm Nga (spetznaz) thuộc ..." was projected as "... soldiers (spetznaz": the
    # ")" trimmed as punctuation (tests/test_annotations.py keeps the committed output equal to a fresh run)
    doc = json.loads((ROOT / "annotations" / "000_c94cfb08b554769d.json").read_text("utf-8"))
    projected = [e["text"] for e in doc["en"]["entities"] if e["source"] == "projected"]
    assert any("(" in text for text in projected), projected
    assert all(text.count("(") == text.count(")") for text in projected), projected

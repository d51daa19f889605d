"""Issue 13, round 10: the typer trained on the spent held-out gold too (pipeline.vi.ner.typer.TRAINING_GOLD).
Kinds of name the typer trained on the building gold alone typed wrong or missed, on sentences of our own writing
(not from any gold file); each held for the retrained model in models/ner-typer."""

from __future__ import annotations

import pytest

from tests.vi.ner.conftest import entities


@pytest.mark.parametrize(
    "sentence,name,label",
    [
        # a given name called out ("ơi") or in the middle of a sentence, without a title
        ("Lan ơi, mang cái rổ vào đây cho mẹ!", "Lan", "PER"),
        ("Trong đêm ấy, Duyên thức trắng nghe mưa rơi.", "Duyên", "PER"),
        # an organisation known by its short name, as the subject (was PER)
        ("Europol đã phát lệnh bắt giữ hai nghi phạm người Ý.", "Europol", "ORG"),
        # an index, a virus variant, a train and a warship are MISC (GUIDELINES: products, vehicles)
        ("Chỉ số HNX-Index giảm 3 điểm trong phiên sáng nay.", "HNX-Index", "MISC"),
        ("WHO cảnh báo biến chủng XBB.2 đang lây lan ở châu Á.", "XBB.2", "MISC"),
        ("Đoàn tàu SE7 chạy tuyến Hà Nội - Đà Nẵng bị chậm ba giờ.", "SE7", "MISC"),
        ("Tàu hộ vệ HMS Kent của Hải quân Hoàng gia Anh cập cảng Cam Ranh.", "HMS Kent", "MISC"),
        # a village after "bản" is a place (was PER)
        ("Nghe tiếng khèn vọng lại từ bản Nà Hang, cô bật khóc.", "Nà Hang", "LOC"),
    ],
)
def test_names_typed_from_their_context(vi_nlp, sentence, name, label):
    assert (name, label) in entities(vi_nlp(sentence))


@pytest.mark.parametrize(
    "sentence,not_a_person",
    [
        # a month's name and the first words of a work's title are no persons
        ("Tháng Chạp là tháng bận rộn nhất của người làm bánh.", "Tháng Chạp"),
        ("Lê Lợi viết Bình Ngô sách để khuyên quân sĩ.", "Bình Ngô"),
    ],
)
def test_capitalised_words_that_are_no_persons(vi_nlp, sentence, not_a_person):
    ents = entities(vi_nlp(sentence))
    assert (not_a_person, "PER") not in ents
    assert ("Lê Lợi", "PER") in ents or "Lê Lợi" not in sentence

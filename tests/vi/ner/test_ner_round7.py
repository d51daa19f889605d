"""Issue 13, round 7: general kinds of error, each on a sentence of our own writing (not from any gold file)."""

from __future__ import annotations

import pytest

from tests.vi.ner.conftest import entities


@pytest.mark.parametrize(
    "sentence,place",
    [
        ("Bà cụ ngồi bên hiên nhà, nhìn ra cánh đồng Mường Thanh.", "Mường Thanh"),
        ("Lý Thường Kiệt đánh sang đất Tống để phá thế giặc.", "Tống"),
        ("Chị sống trong ngõ Tạm Thương từ bé.", "Tạm Thương"),
        ("Ông sinh ra ở phủ Thiên Trường, nay thuộc Nam Định.", "Thiên Trường"),
    ],
)
def test_nouns_of_land_and_old_administration_name_places(vi_nlp, sentence, place):
    # GUIDELINES §3.2: a place noun before a name (outside it) says the name is a place, not a person
    ents = entities(vi_nlp(sentence))
    assert (place, "LOC") in ents
    assert (place, "PER") not in ents


@pytest.mark.parametrize(
    "sentence,origin,person",
    [
        ("Nhà văn Nhật Haruki Murakami có nhiều độc giả ở Việt Nam.", "Nhật", "Haruki Murakami"),
        ("Tối qua ca sĩ Mỹ Taylor Swift hát ở Singapore.", "Mỹ", "Taylor Swift"),
        ("Thủ tướng Nhật Fumio Kishida thăm Việt Nam.", "Nhật", "Fumio Kishida"),
    ],
)
def test_a_short_country_name_after_a_profession_is_the_origin(vi_nlp, sentence, origin, person):
    # GUIDELINES §4.4: after a profession or office a country is an adjective, its short form too ("Nhật" for
    # Nhật Bản), when a foreign name follows
    ents = entities(vi_nlp(sentence))
    assert (origin, "MISC") in ents
    assert (person, "PER") in ents


def test_a_vietnamese_name_starting_like_a_country_stays_whole(vi_nlp):
    assert ("Mỹ Tâm", "PER") in entities(vi_nlp("Tối nay ca sĩ Mỹ Tâm hát ở Hà Nội."))


@pytest.mark.parametrize(
    "sentence,title",
    [
        ("Nhà văn ấy vừa dịch xong cuốn sách Đi tìm lẽ sống.", "Đi tìm lẽ sống"),
        ("Tôi đã đọc tiểu thuyết Chiến tranh và hòa bình của Lev Tolstoy hai lần.", "Chiến tranh và hòa bình"),
        ("Truyện ngắn Vợ nhặt của Kim Lân kể về nạn đói năm 1945.", "Vợ nhặt"),
        ("Bộ phim Mắt biếc thu hút hàng triệu khán giả.", "Mắt biếc"),
    ],
)
def test_a_title_in_sentence_case_runs_to_where_the_sentence_goes_on(vi_nlp, sentence, title):
    # GUIDELINES §4.4: a work's title is MISC whole, its verbs too; it ends at punctuation, at
    # "của" (its author), or where the predicate starts
    assert (title, "MISC") in entities(vi_nlp(sentence))


def test_a_title_stops_before_a_name_that_follows_it(vi_nlp):
    ents = entities(vi_nlp("Bài hát Diễm xưa gắn liền với tên tuổi Trịnh Công Sơn."))
    assert ("Diễm xưa", "MISC") in ents
    assert ("Trịnh Công Sơn", "PER") in ents

"""Issue 13, round 11: kinds of error of the typer retrained with the tenth held-out gold, on sentences of our own
writing (not from any gold file).

The first syllable of a common word is no given name: a capital that opens a sentence, with a segmenter that cuts
the word ("Sứ" Np + "giả" A), left the first syllable of a common noun looking like a one-syllable given name; the
typer now weighs whether that syllable and the lower-case one after it make a word of the dictionary
(pipeline.vi.ner.typer.common_words, feature ``joins``)."""

from __future__ import annotations

import pytest

from tests.vi.ner.conftest import entities


@pytest.mark.parametrize(
    "sentence,club",
    [
        ("Trận đấu giữa Nam Định FC và Hà Tĩnh FC diễn ra chiều nay.", "Hà Tĩnh FC"),
        ("Đà Nẵng FC thắng Hà Nội FC 2-0 trên sân Hòa Xuân.", "Hà Nội FC"),
    ],
)
def test_a_club_named_after_its_city_keeps_its_last_word(vi_nlp, sentence, club):
    # the typer judged the city alone a surer name than the club ("[Hà Tĩnh] FC"); a candidate whose last word
    # names a club (merge.LAST_WORD_LABELS) now wins over the one that stops before that word
    assert (club, "ORG") in entities(vi_nlp(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "Phò mã ngồi uống rượu một mình.",  # the king's son-in-law (was PER "Phò")
        "Quan lại địa phương phải nộp sổ sách.",  # officials (was PER "Quan")
    ],
)
def test_a_common_noun_opening_a_sentence_is_no_person(vi_nlp, sentence):
    # (and tests/vi/ner/test_ner_round6.py's "Sứ giả mang thư ...": envoy, was PER "Sứ")
    assert not any(label == "PER" for _, label in entities(vi_nlp(sentence)))


@pytest.mark.parametrize(
    "sentence,name",
    [
        # a given name that opens a sentence is still one: the word after it makes no dictionary word with it
        ("Lan ngồi đọc sách bên cửa sổ.", "Lan"),
        ("Hoa cười rồi chạy vội ra ngõ.", "Hoa"),
    ],
)
def test_a_given_name_opening_a_sentence_is_still_a_person(vi_nlp, sentence, name):
    assert (name, "PER") in entities(vi_nlp(sentence))

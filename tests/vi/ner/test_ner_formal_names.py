"""A formal organisation name with the plural "các" after its head ("Hiệp hội các quốc gia Đông Nam Á"), on
sentences written for these tests: "các" is a function word, which ended the organisation rule's descriptive words,
so the association was missed and only the region inside it found (found by the new-user audit)."""

from __future__ import annotations

import pytest

from tests.vi.ner.conftest import entities


@pytest.mark.parametrize(
    "sentence,name",
    [
        ("Năm 1995, Việt Nam gia nhập Hiệp hội các quốc gia Đông Nam Á.", "Hiệp hội các quốc gia Đông Nam Á"),
        (
            "Liên đoàn các hội Chữ thập đỏ Quốc tế gửi hàng cứu trợ tới vùng lũ.",
            "Liên đoàn các hội Chữ thập đỏ Quốc tế",
        ),
    ],
)
def test_a_formal_name_with_the_plural_after_its_head_is_one_org(vi_nlp, sentence, name):
    assert (name, "ORG") in entities(vi_nlp(sentence))


@pytest.mark.parametrize(
    "sentence",
    ["Bộ các ngành đều đồng ý với đề án.", "Các bộ các ngành Hà Nội đã họp."],
)
def test_a_plural_after_a_common_noun_is_no_name(vi_nlp, sentence):
    assert not any(label == "ORG" for _, label in entities(vi_nlp(sentence)))

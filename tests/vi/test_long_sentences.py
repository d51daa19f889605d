"""The sentence-length policy (issue 10, case 2): an overlong sentence is cut into pieces the
taggers handle one by one, and the cut is in the output. How long they take: bench/long_sentences.py."""

from __future__ import annotations

import re

import pytest

from pipeline.annotator import Annotator
from pipeline.contract import problems
from pipeline.vi import load_vi
from pipeline.vi.sentences import MAX_WORDS
from tests.conftest import SEED


@pytest.fixture(scope="module")
def annotator():
    return Annotator()


def words_per_sentence(doc: dict) -> list[int]:
    return [s["tokens"][1] - s["tokens"][0] for s in doc["vi"]["sentences"]]


def test_a_200000_character_line_without_punctuation(annotator):
    text = re.sub(r"[.!?…]", "", SEED.read_text(encoding="utf-8")).replace("\n", " ")
    text = (text * (200_000 // len(text) + 1))[:200_000].strip()
    doc = annotator.run(text)[0]
    assert problems(doc) == []
    sizes = words_per_sentence(doc)
    assert sum(sizes) > 30_000 and max(sizes) <= MAX_WORDS
    sentences = doc["vi"]["sentences"]
    assert all(s.get("cut") is True for s in sentences[:-1]) and "cut" not in sentences[-1]
    assert len(doc["vi"]["entities"]) > 1000  # annotated, not just split


def test_one_sentence_of_5000_abbreviations(annotator):
    doc = annotator.run("Ông A. " * 5000)[0]
    assert problems(doc) == []
    sizes = words_per_sentence(doc)
    assert sum(sizes) == 10_001 and max(sizes) <= MAX_WORDS
    assert sum(s.get("cut", False) for s in doc["vi"]["sentences"]) == len(sizes) - 1


def test_a_cut_falls_after_a_comma_when_there_is_one(annotator):
    clause = "quân Nga tiến vào thủ đô Gruzia"  # 6 words, then the comma
    doc = annotator.run(", ".join([clause] * 60) + ".")[0]
    sentences = doc["vi"]["sentences"]
    assert len(sentences) == 3 and [s.get("cut") for s in sentences] == [True, True, None]
    text = doc["vi"]["text"]
    assert all(text[s["end"] - 1] == "," for s in sentences[:-1])
    assert all(s["tokens"][1] - s["tokens"][0] <= MAX_WORDS for s in sentences)


def test_ordinary_sentences_are_not_cut(annotator, seed_text):
    doc = annotator.run(seed_text)[0]
    assert not any("cut" in s for s in doc["vi"]["sentences"])


def test_the_limit_is_configurable():
    text = ", ".join(["Hà Nội là thủ đô"] * 30) + "."  # 120 words
    short = load_vi(overrides={"components.sentences.max_words": 50})(text)
    assert [len([t for t in s if not t.is_space]) for s in short.sents] == [48, 48, 24]
    assert len(short._.sentence_cuts) == 2
    never = load_vi(overrides={"components.sentences.max_words": 0})(", ".join(["Hà Nội là thủ đô"] * 80) + ".")
    assert len(list(never.sents)) == 1 and never._.sentence_cuts == []

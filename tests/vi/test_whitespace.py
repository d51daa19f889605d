"""Odd whitespace between words (issue 10, case 5): a no-break space, a tab or a zero-width
space reads as a plain space to the segmenter and every component, and offsets point into
the text as given."""

from __future__ import annotations

import re

import pytest

from pipeline.annotator import Annotator
from pipeline.contract import problems
from pipeline.vi.segmenter import load_segmenter
from pipeline.vi.segmenter.syllables import SEPARATORS, SPACE_SEPARATORS, plain_spaces
from tests.conftest import SEED

KINDS = {
    "no-break space": "\u00a0",
    "tab": "\t",
    "zero-width space": "\u200b",
    "thin space": "\u2009",
    "narrow no-break space": "\u202f",
    "ideographic space": "\u3000",
    "word joiner": "\u2060",
    "zero-width no-break space": "\ufeff",
    "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d",
}


@pytest.fixture(scope="module")
def annotator():
    return Annotator()


@pytest.fixture(scope="module")
def passage() -> str:
    """The seed passage's paragraphs that hold events (real text, several sentences)."""
    paragraphs = SEED.read_text(encoding="utf-8").split("\n\n")
    return "\n\n".join(p for p in paragraphs if "bắt" in p or "tấn công" in p or "chiếm" in p)


def analysis(doc: dict) -> tuple:
    """Everything but the texts: words, tags, sentences, entities, events."""
    vi = doc["vi"]
    return (
        [(t["start"], t["end"], t.get("pos"), t.get("upos"), t.get("sentence")) for t in vi["tokens"]],
        [(s["start"], s["end"]) for s in vi["sentences"]],
        [(e["id"], e["start"], e["end"], e["label"], e["source"], e.get("value")) for e in vi["entities"]],
        [
            (e["id"], e["type"], e["trigger"]["start"], e["trigger"]["end"], e["modality"], e["arguments"])
            for e in vi["events"]
        ],
    )


@pytest.fixture(scope="module")
def plain(annotator, passage):
    return annotator.run(passage)[0]


@pytest.mark.parametrize("kind", KINDS)
def test_same_words_entities_and_events_as_with_plain_spaces(annotator, passage, plain, kind):
    separator = KINDS[kind]
    text = re.sub(r"(?<=\w) (?=\w)", separator, passage)  # every space between two words
    assert text.count(separator) > 100
    doc = annotator.run(text)[0]
    assert problems(doc) == []
    assert doc["vi"]["text"] == text  # stored as given
    assert len(plain["vi"]["events"]) >= 3 and len(plain["vi"]["entities"]) >= 10
    assert analysis(doc) == analysis(plain)
    # the texts are those of the text as given: a two-syllable word holds the separator
    words = [t["text"] for t in doc["vi"]["tokens"]]
    assert any(separator in w for w in words)
    assert [w.replace(separator, " ") for w in words] == [t["text"] for t in plain["vi"]["tokens"]]
    names = [e["text"] for e in doc["vi"]["entities"] if separator in e["text"]]
    assert names and all(e["text"] == text[e["start"] : e["end"]] for e in doc["vi"]["entities"])


def test_ha_noi_is_one_place_whatever_separates_its_syllables(annotator):
    for separator in ["\u00a0", "\t", "\u200b"]:
        doc = annotator.run(f"Ông ấy sống ở Hà{separator}Nội từ năm 1990.")[0]
        places = [(e["text"], e["label"]) for e in doc["vi"]["entities"] if e["label"] != "DATE"]
        assert places == [(f"Hà{separator}Nội", "LOC")], separator


def test_separators_are_spaces_one_for_one():
    import unicodedata

    zs = {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Zs"} - {" "}
    assert set(SPACE_SEPARATORS) == zs
    text = "a\u00a0b\tc\u200bd\u200ce\u2060f\ufeffg\u3000h"
    assert plain_spaces(text) == "a b c d e f g h"
    # the zero-width joiner separates two letters, but joins an emoji sequence
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert plain_spaces(f"Hà\u200dNội {family}") == f"Hà Nội {family}"
    assert all(len(plain_spaces(ch)) == 1 for ch in SEPARATORS)


def test_the_segmenter_alone_reads_separators_as_spaces():
    segmenter = load_segmenter()
    text = "Liên\u00a0bang Xô\u200bviết tan\trã"
    assert segmenter.words(text) == ["Liên\u00a0bang", "Xô\u200bviết", "tan\trã"]
    assert segmenter.words(plain_spaces(text)) == ["Liên bang", "Xô viết", "tan rã"]


def test_newlines_still_end_words_and_blank_lines_sentences(annotator):
    doc = annotator.run("Quân đội Nga\u00a0tiến vào\n\nHà\u00a0Nội.")[0]
    assert [t["text"] for t in doc["vi"]["tokens"]][:2] == ["Quân đội", "Nga"]
    assert len(doc["vi"]["sentences"]) == 2


def test_whitespace_is_every_code_point_python_calls_whitespace():
    import sys

    from pipeline.vi.segmenter.syllables import WHITESPACE

    every = "".join(ch for ch in map(chr, range(sys.maxunicode + 1)) if ch.isspace())
    assert every == WHITESPACE


def test_projection_finds_the_characters_that_count_as_it_tests_each_one():
    # project._find_pieces looks for the next character _is_key accepts with one regex
    # search; both must agree on every code point (surrogates cannot be in a str of text).
    from pipeline.vi.segmenter.project import _NEXT_KEY, _is_key

    disagree = [
        hex(code)
        for code in range(0x110000)
        if not 0xD800 <= code < 0xE000 and (_NEXT_KEY.match(chr(code)) is not None) != _is_key(chr(code))
    ]
    assert disagree == []


def test_a_projected_word_with_separators_inside_keeps_its_pieces():
    from pipeline.vi.segmenter.project import project_words

    text = "Liên\u00a0bang Xô\u200bviết"
    assert project_words(text, ["Liên\u00a0bang", "Xô\u200bviết"]) == [(0, 9), (10, 17)]
    assert project_words(text, ["Liên", "bang", "Xô_viết"]) == [(0, 4), (5, 9), (10, 17)]
    assert project_words(text, ["Liên bang\nXô", "viết"]) == [(0, 12), (13, 17)]  # a line break inside a word

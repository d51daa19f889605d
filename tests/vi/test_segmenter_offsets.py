"""The offset contract of every segmenter, on generated and real text.

For ANY input string: spans sorted, non-overlapping, non-empty; every
non-whitespace character in exactly one span; no span starts or ends with
whitespace; inside a span only single spaces ("Liên bang"), never a newline.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.vi.segmenter import load_segmenter
from pipeline.vi.segmenter.base import span_problems, spans_from_joins
from pipeline.vi.segmenter.project import _project_by_alignment, joins_from_spans, project_words
from pipeline.vi.segmenter.syllables import line_syllables, syllabify
from tests.vi.segmenter_text import SEED, vietnamese_like


def assert_valid(text: str, spans) -> None:
    problems = span_problems(text, spans)
    assert not problems, (text, problems)


def test_span_problems_catches_each_violation():
    text = "Liên bang\nXô viết"
    assert span_problems(text, [(0, 9), (10, 17)]) == []
    assert span_problems(text, [(0, 4), (5, 9), (10, 17)]) == []
    assert span_problems(text, [(0, 9)])  # "Xô viết" uncovered
    assert span_problems(text, [(0, 17)])  # spans a newline
    assert span_problems(text, [(0, 5), (5, 9), (10, 17)])  # "Liên " ends with a space
    assert span_problems(text, [(0, 9), (5, 9), (10, 17)])  # overlap
    assert span_problems(text, [(0, 9), (10, 10), (10, 17)])  # empty
    assert span_problems("a  b", [(0, 4)])  # two spaces inside a word


@given(vietnamese_like)
def test_syllables_cover_text(text):
    units = syllabify(text)
    assert_valid(text, units)
    assert all(" " not in text[s:e] for s, e in units)


@given(vietnamese_like)
def test_remembered_syllables_and_a_final_line_break_change_nothing(text):
    """The syllable view of the entity rules looks a sentence's line up in line_syllables, its final break left off."""
    assert line_syllables(text) == tuple(syllabify(text))
    assert syllabify(text + "\n") == syllabify(text)


def test_an_initial_at_the_end_of_a_line_is_a_letter_and_a_full_stop_with_its_line_break_or_without():
    line = "Bài viết này do ông Nguyễn Văn H."
    assert [line[s:e] for s, e in line_syllables(line)][-2:] == ["H", "."]
    assert syllabify(line + "\n") == syllabify(line) == list(line_syllables(line))
    # with a name after it on the next line, the same letter is an initial (the view cuts at the break after)
    two_lines = line + "\nHà Nội"
    assert [two_lines[s:e] for s, e in syllabify(two_lines)][-3:] == ["H.", "Hà", "Nội"]


@given(vietnamese_like, st.randoms(use_true_random=False))
def test_any_joins_give_valid_spans(text, rnd):
    units = syllabify(text)
    joins = [rnd.random() < 0.5 for _ in units]
    assert_valid(text, spans_from_joins(text, units, joins))


@given(vietnamese_like, st.randoms(use_true_random=False))
def test_projection_survives_changed_words(text, rnd):
    """A backend may rewrite, drop, add or re-join characters: the spans stay valid."""
    words = text.split()
    mangled = []
    for word in words:
        r = rnd.random()
        if r < 0.1:
            word = word[::-1]
        elif r < 0.2:
            word = word.replace("a", "á") + "x"
        elif r < 0.3:
            word = word[1:]
        elif r < 0.4:
            word = word.replace("_", " ")
        if rnd.random() < 0.3 and mangled:
            mangled[-1] += "_" + word
        else:
            mangled.append(word)
    assert_valid(text, project_words(text, mangled))


@given(vietnamese_like, st.randoms(use_true_random=False))
def test_projection_fast_path_equals_alignment(text, rnd):
    """Unchanged characters take a per-syllable shortcut; it must agree with the full alignment."""
    words: list[str] = []
    pieces = []
    for piece in text.split():  # backends also cut inside what is written together ("Nga,")
        cut = rnd.randrange(len(piece) + 1)
        pieces += [p for p in (piece[:cut], piece[cut:]) if p]
    for piece in pieces:
        if words and rnd.random() < 0.4:
            words[-1] += rnd.choice(["_", " "]) + piece
        else:
            words.append(piece)
    assert project_words(text, words) == _project_by_alignment(text, words)


def test_projection_maps_joined_syllables_and_underscores():
    text = "Chiến_tranh_Nagorno-Karabakh ở  Liên bang\nXô viết"
    # pyvi-style output: "_" joins syllables, and the input's own "_" survive
    # and a word the backend glued across a newline or a double space is cut there
    spans = project_words(text, ["Chiến_tranh_Nagorno", "-", "Karabakh_ở_Liên", "bang_Xô", "viết"])
    assert [text[s:e] for s, e in spans] == ["Chiến_tranh_Nagorno", "-", "Karabakh ở", "Liên", "bang", "Xô", "viết"]


def test_projection_follows_rewritten_tone_marks():
    # underthesea rewrites "hoà" to "hòa": the offsets must still point at the input
    text = "hoà bình thuỷ lợi"
    spans = project_words(text, ["hòa bình", "thủy lợi"])
    assert [text[s:e] for s, e in spans] == ["hoà bình", "thuỷ lợi"]


def test_projection_of_a_long_rewritten_line_is_local():
    # The alignment is done in windows after each difference (a whole-line alignment
    # is quadratic): a 40,000-character line maps like each of its sentences alone.
    sentence = "Hoà bình ở Thanh Hoá, thuỷ lợi và kinh tế của tỉnh đều phát triển."
    words = ["Hòa bình", "ở", "Thanh Hóa", ",", "thủy lợi", "và", "kinh tế", "của", "tỉnh", "đều", "phát triển", "."]
    alone = project_words(sentence, words)
    assert [sentence[s:e] for s, e in alone][:5] == ["Hoà bình", "ở", "Thanh Hoá", ",", "thuỷ lợi"]
    copies = 600
    line = " ".join([sentence] * copies)
    spans = project_words(line, words * copies)
    step = len(sentence) + 1
    assert spans == [(k * step + s, k * step + e) for k in range(copies) for s, e in alone]


def test_joins_from_spans_reads_words_at_syllables():
    text = "quân Azerbaijan tấn công"
    units = syllabify(text)
    assert joins_from_spans(units, [(0, 15), (16, 24)]) == [False, True, False, True]


def test_seed_syllables_keep_names_and_numbers_whole():
    words = {SEED[s:e] for s, e in syllabify(SEED)}
    assert {"Nagorno-Karabakh", "T-72", "23", "1992"} <= {w for w in words} | {"Nagorno-Karabakh"}
    text = "ngày 11/9/1992, 23.000 người, 1.000.000 đồng, xe T-72 ở Nagorno-Karabakh.[29]"
    assert [text[s:e] for s, e in syllabify(text)] == [
        "ngày", "11/9/1992", ",", "23.000", "người", ",", "1.000.000", "đồng", ",",
        "xe", "T-72", "ở", "Nagorno-Karabakh", ".", "[", "29", "]",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text, expected",
    [
        ("TP.HCM và TP. HCM", ["TP.HCM", "và", "TP.", "HCM"]),
        ("ông H. nói 95% là 7,5%", ["ông", "H.", "nói", "95%", "là", "7,5%"]),
        ("sụp đổ...Azerbaijan", ["sụp", "đổ", "...", "Azerbaijan"]),
        ("năm 1993.Một", ["năm", "1993", ".", "Một"]),  # a missing space is not a number
        ("đồng ý.", ["đồng", "ý", "."]),
        ("https://vi.wikipedia.org/wiki/Nga).", ["https://vi.wikipedia.org/wiki/Nga", ")", "."]),
        ("👍🏽👨‍👩‍👧", ["👍🏽", "👨‍👩‍👧"]),
    ],
)
def test_syllable_conventions(text, expected):
    assert [text[s:e] for s, e in syllabify(text)] == expected


# --- the bundled backends --------------------------------------------------------------


@pytest.fixture(scope="module", params=["underthesea", "pyvi"])
def backend(request):
    return load_segmenter(request.param)


def test_backend_identity(backend):
    assert backend.name in {"underthesea", "pyvi"}
    assert backend.version[0].isdigit()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=vietnamese_like)
def test_backend_offsets(backend, text):
    assert_valid(text, backend.segment(text))


def test_backends_on_seed(backend):
    spans = backend.segment(SEED)
    assert_valid(SEED, spans)
    words = [SEED[s:e] for s, e in spans]
    # the title line must not run into the next paragraph (underthesea alone glues them)
    assert all("\n" not in w for w in words)
    assert "Liên bang" in words and "thị trấn" in words
    # the input's own underscores are kept, never introduced
    assert "".join(words).count("_") == SEED.count("_")


def test_projection_of_a_word_made_of_a_zero_width_space():
    """Hypothesis found it: str.split() keeps U+200B, which the segmenter reads as a space."""
    assert project_words("\u200b", ["\u200b"]) == []
    # inside a word it separates syllables, as a plain space does
    assert project_words("a\u200bb", ["a\u200bb"]) == project_words("a b", ["a b"]) == [(0, 3)]


def _syllabify_as_before(text: str) -> list[tuple[int, int]]:
    """syllabify as it was written before its whitespace check became one search (the reference)."""
    from pipeline.vi.segmenter.syllables import _SYLLABLE, plain_spaces

    text = plain_spaces(text)
    out, pos, n = [], 0, len(text)
    while pos < n:
        if text[pos].isspace():
            pos += 1
            continue
        m = _SYLLABLE.match(text, pos)
        end = m.end() if m else pos + 1
        if end == pos or any(ch.isspace() for ch in text[pos:end]):
            end = pos + 1
        # two numbers and the dash between them are three syllables: years ("1950-1954", the second the later)
        # and amounts with thousands groups ("5.000-6.000")
        years = re.fullmatch(r"(1\d{3}|20\d\d)-(1\d{3}|20\d\d)", text[pos:end])
        amounts = re.fullmatch(r"(\d{1,3}(?:\.\d{3})+)[-–]\d{1,3}(?:\.\d{3})+", text[pos:end])
        if (years and int(years[1]) < int(years[2])) or amounts:
            dash = pos + len((years or amounts)[1])
            out += [(pos, dash), (dash, dash + 1)]
            pos = dash + 1
        out.append((pos, end))
        pos = end
    return out


@settings(max_examples=300)
@given(vietnamese_like)
def test_syllables_are_those_of_the_character_by_character_check(text):
    from pipeline.vi.segmenter.syllables import Syllable

    units = syllabify(text)
    assert units == _syllabify_as_before(text)
    assert all(type(u) is Syllable and u.end > u.start for u in units)


def test_syllables_of_real_text_are_those_of_the_character_by_character_check():
    from tests.conftest import VTB_DEV

    texts = [SEED, "\u0600 1", "a\u0600\u2028b", "\u0600\x1cx", "Nga\u00a0và\u200bMỹ", "👨\u200d👩\u200d👧 \u0301x"]
    if VTB_DEV.is_file():
        texts.append(VTB_DEV.read_text(encoding="utf-8"))
    for text in texts:
        assert syllabify(text) == _syllabify_as_before(text)
    assert len(syllabify(SEED)) > 500


@pytest.mark.parametrize(
    "text, words",
    [
        ("quân Azerbaijan tấn công", ["quân Azerbaijan", "tấn công"]),  # the pieces are the syllables
        ("Hà Nội. Quân đội", ["Hà Nội .", "Quân đội"]),  # a join across punctuation is never honoured
        ("Nga, Mỹ và  Pháp", ["Nga ,", "Mỹ", "và Pháp"]),  # nor one across two spaces
        ("Chiến_tranh Nagorno-Karabakh", ["Chiến_tranh_Nagorno-Karabakh"]),  # pieces other than the syllables
        ("hoà bình thuỷ lợi", ["hòa bình", "thủy lợi"]),  # rewritten words: aligned
        ("a b c", []),  # nothing found: aligned
    ],
)
def test_joins_on_units_reads_words_as_their_spans_do(text, words):
    from pipeline.vi.segmenter.project import joins_on_units

    units = syllabify(text)
    assert joins_on_units(text, words, units) == joins_from_spans(units, project_words(text, words))


def test_each_backend_joins_syllables_as_its_segments_do(backend):
    """_BackendSegmenter.joins_at (how the CRF reads underthesea and pyvi) against their own segments."""
    from pipeline.io.conllu import read_conllu
    from tests.conftest import require_vtb

    sentences = [s.text for s in read_conllu(require_vtb())][:300]
    lines = [SEED, *sentences, *(" ".join(sentences[i : i + 10]) for i in range(0, 300, 10))]
    lines += ["a", "TP.HCM, 23.000 quân; ...!!! [29]", "Chiến_tranh_Nagorno-Karabakh x\ty", "một\u00a0hai", "x\ny"]
    for line in lines:
        units = syllabify(line)
        assert backend.joins_at(line, units) == joins_from_spans(units, backend.segment(line)), line


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=vietnamese_like)
def test_each_backend_joins_generated_syllables_as_its_segments_do(backend, text):
    units = syllabify(text)
    assert backend.joins_at(text, units) == joins_from_spans(units, backend.segment(text))


@settings(max_examples=300)
@given(vietnamese_like, st.lists(st.sampled_from([" ", "_", None]), max_size=200))
def test_joins_on_units_reads_words_made_of_our_syllables_as_their_spans_do(text, joiners):
    # Words made of our own syllables (joined by a space or "_", or split: None), as a backend that
    # changed no character gives them: the pieces are the syllables, found without a search.
    from pipeline.vi.segmenter.project import joins_on_units
    from pipeline.vi.segmenter.syllables import plain_spaces

    plain = plain_spaces(text)
    units = syllabify(plain)
    words: list[str] = []
    for i, (start, end) in enumerate(units):
        joiner = joiners[i % len(joiners)] if joiners and i else None
        if joiner is None or not words:
            words.append(plain[start:end])
        else:
            words[-1] += joiner + plain[start:end]
    assert joins_on_units(plain, words, units) == joins_from_spans(units, project_words(plain, words))

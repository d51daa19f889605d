"""Coordinated entities as arguments (issue 12): each conjunct an argument of its own, of the role read.

ACE (and VHE) mark *Sư đoàn 316 và Sư đoàn 320 tấn công ...* as two Attackers, not one
span over both. Sentences written for these tests (none from BKEE, VHE or the audit's text).
"""

from __future__ import annotations

import pytest

from pipeline.events.clauses.noun_phrases import Phrase, coordinated_entities
from pipeline.vi import load_vi
from tests.events.conftest import with_entities


@pytest.fixture(scope="module")
def default_nlp():
    return load_vi()


@pytest.fixture(scope="module")
def featuriser(vi_nlp):
    """The events component's own word lists and grammar."""
    return vi_nlp.get_pipe("events").extractor.featuriser


def attackers(nlp, text: str) -> list[tuple[str, str]]:
    [event] = [e for e in nlp(text)._.events if e.type == "Conflict.Attack"]
    return [(a.span.text, a.span.label_) for a in event.arguments if a.role == "Attacker"]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Quân đội Pháp cùng Quân đội Quốc gia Việt Nam tấn công căn cứ Việt Bắc.",
            [("Quân đội Pháp", "ORG"), ("Quân đội Quốc gia Việt Nam", "ORG")],
        ),
        (
            "Lữ đoàn 147 và Lữ đoàn 126 đánh chiếm các đảo nhỏ phía nam.",
            [("Lữ đoàn 147", "ORG"), ("Lữ đoàn 126", "ORG")],
        ),
    ],
)
def test_the_trained_model_s_span_over_two_units_is_two_attackers(default_nlp, text, expected):
    # the model read one OTHER span over both units ("Lữ đoàn 147 và Lữ đoàn 126")
    assert attackers(default_nlp, text) == expected


def test_a_court_and_its_city_stay_one_adjudicator(default_nlp):
    doc = default_nlp("Tòa án nhân dân quận Ba Đình, Hà Nội tuyên phạt Lê Văn Hải 5 năm tù.")
    [event] = [e for e in doc._.events if e.type == "Justice.Sentence"]
    assert ("Adjudicator", "Tòa án nhân dân quận Ba Đình, Hà Nội") in {(a.role, a.span.text) for a in event.arguments}


def conjuncts(nlp, featuriser, text: str, phrase: str, entities: list[str], label: str = "ORG") -> list[str]:
    """The entities :func:`coordinated_entities` finds in ``phrase`` of ``text``, ``entities`` its entities."""
    offsets = [(text.index(e), text.index(e) + len(e), label) for e in entities]
    doc = with_entities(nlp, text, offsets)
    words, _, _ = featuriser.read(doc)
    span = doc.char_span(text.index(phrase), text.index(phrase) + len(phrase))
    return [e.text for e in coordinated_entities(words, Phrase(span.start, span.end))]


def test_three_units_joined_by_a_comma_and_va(vi_nlp, featuriser):
    text = "Tiểu đoàn 4, Tiểu đoàn 5 và Tiểu đoàn 6 tấn công đồn Bến Cát."
    units = ["Tiểu đoàn 4", "Tiểu đoàn 5", "Tiểu đoàn 6"]
    assert conjuncts(vi_nlp, featuriser, text, "Tiểu đoàn 4, Tiểu đoàn 5 và Tiểu đoàn 6", units) == units


def test_cung_voi_joins_too(vi_nlp, featuriser):
    text = "Hải quân Anh cùng với Hải quân Pháp phong tỏa cảng Alexandria."
    fleets = ["Hải quân Anh", "Hải quân Pháp"]
    assert conjuncts(vi_nlp, featuriser, text, "Hải quân Anh cùng với Hải quân Pháp", fleets) == fleets


def test_places_in_a_list_with_va_are_conjuncts(vi_nlp, featuriser):
    text = "Quân Pháp rút khỏi Lạng Sơn, Cao Bằng và Bắc Kạn."
    places = ["Lạng Sơn", "Cao Bằng", "Bắc Kạn"]
    assert conjuncts(vi_nlp, featuriser, text, "Lạng Sơn, Cao Bằng và Bắc Kạn", places, "LOC") == places


@pytest.mark.parametrize(
    "text, phrase, entities, label",
    [
        # a place and the place it is in, joined by a comma alone
        (
            "Lũ quét tràn qua huyện Mù Cang Chải, Yên Bái.",
            "huyện Mù Cang Chải, Yên Bái",
            ["huyện Mù Cang Chải", "Yên Bái"],
            "LOC",
        ),
        # words of their own between the names: no coordination
        (
            "Sư đoàn 316 của Quân khu 2 tấn công đồn Mộc Châu.",
            "Sư đoàn 316 của Quân khu 2",
            ["Sư đoàn 316", "Quân khu 2"],
            "ORG",
        ),
        # one entity with words round it
        ("Các đơn vị Sư đoàn 316 tấn công đồn Mộc Châu.", "Các đơn vị Sư đoàn 316", ["Sư đoàn 316"], "ORG"),
        # names side by side with no joiner
        ("Bộ Quốc phòng Bộ Ngoại giao họp.", "Bộ Quốc phòng Bộ Ngoại giao", ["Bộ Quốc phòng", "Bộ Ngoại giao"], "ORG"),
    ],
)
def test_no_conjuncts(vi_nlp, featuriser, text, phrase, entities, label):
    assert conjuncts(vi_nlp, featuriser, text, phrase, entities, label) == []


def test_a_court_and_its_city_are_no_conjuncts(vi_nlp, featuriser):
    text = "Tòa án nhân dân quận Ba Đình, Hà Nội xét xử vụ án."
    offsets = [(0, text.index(","), "ORG"), (text.index("Hà Nội"), text.index("Hà Nội") + 6, "LOC")]
    doc = with_entities(vi_nlp, text, offsets)
    words, _, _ = featuriser.read(doc)
    end = doc.char_span(text.index("Hà Nội"), text.index("Hà Nội") + 6).end
    assert coordinated_entities(words, Phrase(0, end)) == []

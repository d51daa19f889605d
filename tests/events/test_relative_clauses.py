"""An argument read over an entity and a clause about it is the entity (issue 12).

*Quân đoàn 1 do Thiếu tướng X chỉ huy tiến công ...*: the Attacker is the corps, not the corps
and who led it. Sentences written for these tests (none from BKEE, VHE or the audit's text).
"""

from __future__ import annotations

import pytest

from pipeline.events.clauses.noun_phrases import Phrase, entity_before_clause
from pipeline.vi import load_vi
from tests.events.conftest import with_entities


def test_the_attacker_is_the_corps_not_who_led_it():
    doc = load_vi()("Quân đoàn 1 do Thiếu tướng Lê Trọng Tấn chỉ huy tiến công Đà Nẵng từ ngày 28 tháng 3 năm 1975.")
    [event] = [e for e in doc._.events if e.type == "Conflict.Attack"]
    # the model read 'Quân đoàn 1 do Thiếu tướng Lê Trọng Tấn' (an OTHER span) as the Attacker
    assert [(a.span.text, a.span.label_) for a in event.arguments if a.role == "Attacker"] == [("Quân đoàn 1", "ORG")]


@pytest.fixture(scope="module")
def featuriser(vi_nlp):
    """The events component's own word lists and grammar."""
    return vi_nlp.get_pipe("events").extractor.featuriser


def head(nlp, featuriser, text: str, phrase: str, entities: list[tuple[str, str]]) -> str | None:
    """What :func:`entity_before_clause` keeps of ``phrase`` in ``text`` (None: nothing cut)."""
    doc = with_entities(nlp, text, [(text.index(e), text.index(e) + len(e), label) for e, label in entities])
    words, _, _ = featuriser.read(doc)
    span = doc.char_span(text.index(phrase), text.index(phrase) + len(phrase))
    found = entity_before_clause(words, Phrase(span.start, span.end))
    return None if found is None else doc[found.start : found.end].text


@pytest.mark.parametrize(
    "text, phrase, entities, expected",
    [
        (
            "Lữ đoàn 2 mà Pháp lập năm 1951 tấn công căn cứ Hòa Bình.",
            "Lữ đoàn 2 mà Pháp lập năm 1951",
            [("Lữ đoàn 2", "ORG"), ("Pháp", "LOC")],
            "Lữ đoàn 2",
        ),
        (
            "Hạm đội 7 do Đô đốc John Hyland chỉ huy bắn phá cảng Hải Phòng.",
            "Hạm đội 7 do Đô đốc John Hyland",
            [("Hạm đội 7", "ORG"), ("John Hyland", "PER")],
            "Hạm đội 7",
        ),
        # no clause opener after the entity: the phrase is kept
        (
            "Sư đoàn 7 của Quân khu 5 tấn công Tam Kỳ.",
            "Sư đoàn 7 của Quân khu 5",
            [("Sư đoàn 7", "ORG"), ("Quân khu 5", "ORG")],
            None,
        ),
        # the phrase does not start with an entity: kept
        (
            "Các đơn vị do Đại tá Hoàng Minh Thảo chỉ huy tấn công Buôn Ma Thuột.",
            "Các đơn vị do Đại tá Hoàng Minh Thảo",
            [("Hoàng Minh Thảo", "PER"), ("Buôn Ma Thuột", "LOC")],
            None,
        ),
    ],
)
def test_an_entity_before_a_clause(vi_nlp, featuriser, text, phrase, entities, expected):
    assert head(vi_nlp, featuriser, text, phrase, entities) == expected

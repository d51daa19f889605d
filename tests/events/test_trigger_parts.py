"""A trigger that is a part of one of our words, on sentences written for these tests.

Our segmenter makes one word of ``treo cổ tự tử`` (hanged himself) and of ``tấn công bằng`` (attacked with),
where BKEE marks the death on ``tự tử`` and the attack on ``tấn công``. ``songngu train events`` learns from
the training gold which of our words hold such a part (``trigger_parts.json``); the event then shows the
part, in characters, while its words stay those of our segmenter (the roles are read from them).
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
from spacy.tokens import Doc

import pipeline
from pipeline.contract import problems
from pipeline.events.candidates import Candidate
from pipeline.events.trained import EventModel
from pipeline.events.training import passive_head, trigger_parts
from pipeline.io.brat import ann_lines
from pipeline.vi import load_vi

HANGED = "Anh Lê Văn Hùng treo cổ tự tử tại nhà riêng vào tối thứ Bảy."
ATTACKED = "Nhóm phiến quân đã tấn công bằng súng cối vào đồn cảnh sát ở thị trấn phía nam."


@pytest.fixture(scope="module")
def default_nlp():
    return load_vi()


def test_the_death_is_the_part_of_the_word_that_bkee_marks(default_nlp):
    doc = default_nlp(HANGED)
    [death] = [e for e in doc._.events if e.type == "Life.Die"]
    assert death.trigger.text == "treo cổ tự tử"  # our word
    assert HANGED[death.start_char : death.end_char] == "tự tử"  # the event's
    assert ("Victim", "Anh Lê Văn Hùng") in {(a.role, a.span.text) for a in death.arguments}


def test_an_attack_with_a_weapon_is_the_attack_verb(default_nlp):
    doc = default_nlp(ATTACKED)
    [attack] = [e for e in doc._.events if e.type == "Conflict.Attack"]
    assert ATTACKED[attack.start_char : attack.end_char] == "tấn công"
    assert ("Attacker", "Nhóm phiến quân") in {(a.role, a.span.text) for a in attack.arguments}


def test_the_json_and_brat_write_the_part():
    document = pipeline.annotate(HANGED)
    assert problems(document) == []
    [death] = [e for e in document["vi"]["events"] if e["type"] == "Life.Die"]
    assert death["trigger"]["text"] == "tự tử"
    assert HANGED[death["trigger"]["start"] : death["trigger"]["end"]] == "tự tử"
    assert any(line.startswith("T") and "\ttự tử" in line.split("\t", 1)[1] for line in ann_lines(document["vi"]))


def test_the_lexicon_backend_shows_its_words():
    nlp = load_vi(overrides={"components.events.backend": "lexicon"})
    for event in nlp(HANGED)._.events:
        assert event.part is None
        assert (event.start_char, event.end_char) == (event.trigger.start_char, event.trigger.end_char)


def test_a_word_is_split_only_where_the_gold_marked_a_part_more_often_than_the_whole():
    patterns = {
        "chém chết": Counter({((0, 4, "Conflict.Attack"), (5, 9, "Life.Die")): 3, ((0, 9, "Life.Die"),): 1}),
        "bắn chết": Counter({((0, 3, "Conflict.Attack"),): 2, ((0, 8, "Life.Die"),): 2}),  # as often whole
        "đâm chết": Counter({((4, 8, "Life.Die"),): 1}),  # once: not enough
        "tự tử": Counter({((0, 5, "Life.Die"),): 9}),  # a whole word
    }
    table = trigger_parts(patterns)
    assert list(table) == ["chém chết"]
    assert table["chém chết"]["parts"] == [[0, 4, "Conflict.Attack"], [5, 9, "Life.Die"]]


def test_one_word_can_hold_two_events(default_nlp):
    model = EventModel.load(pipeline.MODELS_DIR / "events-crf")
    model.parts = {"chém chết": ((0, 4, "Conflict.Attack"), (5, 9, "Life.Die"))}
    # the words as a segmenter that joins the two verbs would give them
    doc = Doc(default_nlp.vocab, words=["Hắn", "Chém chết", "con", "chó", "."], spaces=[True, True, True, False, False])
    parts = model.split(doc, Candidate(1, 2, "Life.Die", source="model:events-crf"))
    assert [(c.type, doc.text[c.part[0] : c.part[1]]) for c in parts] == [
        ("Conflict.Attack", "Chém"),
        ("Life.Die", "chết"),
    ]
    other = Candidate(0, 1, "Conflict.Attack", source="model:events-crf")
    assert model.split(doc, other) == [other]


def test_training_learns_the_parts_and_refits_them_alone(tmp_path, default_nlp):
    from pipeline.events.corpora import load_mappings
    from pipeline.events.lexicon import load_lexicon
    from pipeline.events.ontology import load_ontology
    from pipeline.events.trained import PARTS_FILE, TRIGGER_FILE
    from pipeline.events.training import gold_sources, train_events
    from tests.events.test_trained import brat_gold

    sentences = [
        ("Chị Trần Thị Lan treo cổ tự tử trong nhà kho.", "tự tử", "Life.Die", [("Victim", "Chị Trần Thị Lan")]),
        ("Ông Đỗ Văn Tư treo cổ tự tử ở bờ sông.", "tự tử", "Life.Die", [("Victim", "Ông Đỗ Văn Tư")]),
        ("Bà Năm qua đời tại bệnh viện.", "qua đời", "Life.Die", [("Victim", "Bà Năm")]),
        ("Trời hôm nay rất đẹp.", None, None, []),
    ]
    ontology = load_ontology()
    sources = gold_sources(load_mappings(ontology), gold=[brat_gold(tmp_path / "gold", sentences)])
    model = tmp_path / "model"
    record = train_events(sources, model, default_nlp, ontology, load_lexicon(ontology), iterations=30)
    assert record["trigger_parts"] == {"words": 1, "least": 2}
    table = json.loads((model / PARTS_FILE).read_text("utf-8"))
    assert table == {"treo cổ tự tử": {"parts": [[8, 13, "Life.Die"]], "seen": 2, "whole": 0}}
    weights = (model / TRIGGER_FILE).read_bytes()
    (model / PARTS_FILE).write_text("{}", encoding="utf-8")
    refit = train_events(sources, model, default_nlp, ontology, load_lexicon(ontology), parts_only=True)
    assert json.loads((model / PARTS_FILE).read_text("utf-8")) == table
    assert (model / TRIGGER_FILE).read_bytes() == weights
    assert refit["fingerprint"] == record["fingerprint"]  # the same files: the same version


@pytest.mark.parametrize(
    ("text", "trigger", "head"),
    [
        ("Ông ấy bị bắt tại sân bay.", "bị bắt", "bắt"),
        ("Bà Lan được bầu làm chủ tịch.", "được bầu", "bầu"),
        ("Ông ấy bị bắt tại sân bay.", "bắt", "bắt"),  # no marker: unchanged
        ("Ông ấy bị thương nặng.", "bị", "bị"),  # the marker alone is no head to keep
    ],
)
def test_a_gold_trigger_loses_its_passive_marker_and_keeps_its_head(text, trigger, head):
    start = text.index(trigger)
    end = start + len(trigger)
    assert text[passive_head(text, start, end) : end] == head

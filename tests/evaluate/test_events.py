"""Event figures computed by hand: trigger and argument identification/classification."""

from __future__ import annotations

import pytest

from pipeline.evaluate import evaluate
from pipeline.evaluate.documents import from_json
from tests.conftest import ARREST_EVENT

# Gold, on two sentences of the seed passage:
#   G1 Justice.Arrest-Jail "bắt được": Agent quân Azerbaijan, Person 6 lính đặc nhiệm Nga,
#      Time-Within Ngày 11 tháng 9 năm 1992, Place Kelbajar
#   G2 Conflict.Attack "đánh chiếm": Attacker các đơn vị Armenia, Target Khojaly
GOLD_EVENTS = [
    ARREST_EVENT,
    ("Conflict.Attack", "đánh chiếm", [("Attacker", "các đơn vị Armenia", "OTHER"), ("Target", "Khojaly", "LOC")]),
]
# Prediction:
#   P1 Justice.Arrest-Jail "bắt được" (right): Agent quân Azerbaijan (right), Victim 6 lính... (wrong role),
#      Place Kelbajar (right), Place Armenia (spurious); Time-Within missing
#   P2 Conflict.Attack "đánh" (trigger too short): Attacker các đơn vị Armenia, Target Khojaly
#   P3 Contact.Meet "hợp tác" (not in gold): Entity Các đơn vị quân Nga
PRED_EVENTS = [
    (
        "Justice.Arrest-Jail",
        "bắt được",
        [
            ("Agent", "quân Azerbaijan", "OTHER"),
            ("Victim", "6 lính đặc nhiệm Nga", "OTHER"),
            ("Place", "Kelbajar", "LOC"),
            ("Place", "Armenia", "LOC"),
        ],
    ),
    ("Conflict.Attack", ("đánh", 0), [("Attacker", "các đơn vị Armenia", "OTHER"), ("Target", "Khojaly", "LOC")]),
    ("Contact.Meet", "hợp tác", [("Entity", "Các đơn vị quân Nga", "OTHER")]),
]


@pytest.fixture
def events(build):
    text = build.ARREST + " " + build.KHOJALY
    sentences = [build.ARREST, build.KHOJALY]
    gold = from_json(build.document("ev", build.layer(text, sentences=sentences, events=GOLD_EVENTS)))
    pred = from_json(build.document("ev", build.layer(text, sentences=sentences, events=PRED_EVENTS)))
    return evaluate([gold], [pred], ["events"], resamples=0)["tasks"]["events"]


def _counts(fig):
    return fig["tp"], fig["fp"], fig["fn"]


def test_triggers_by_hand(events):
    # Gold triggers {bắt được, đánh chiếm}; predicted {bắt được, đánh, hợp tác}: one right.
    # P = 1/3, R = 1/2, F1 = 2 * (1/3) * (1/2) / (5/6) = 0.4; classification the same (bắt được has the right type).
    for name in ("trigger_identification", "trigger_classification"):
        assert _counts(events[name]) == (1, 2, 1)
        assert events[name]["f1"] == pytest.approx(0.4)


def test_unattached_arguments_by_hand(events):
    # (argument span, event type): gold 6. Predicted 7: quân Azerbaijan, 6 lính..., Kelbajar (Arrest-Jail),
    # các đơn vị Armenia, Khojaly (Attack, though on the wrong trigger) right; Armenia, Các đơn vị quân Nga wrong.
    ident = events["argument_identification"]["unattached"]
    assert _counts(ident) == (5, 2, 1)
    assert ident["f1"] == pytest.approx(2 * (5 / 7) * (5 / 6) / (5 / 7 + 5 / 6))  # = 10/13
    # With the role: "Victim" for the Person loses one more: tp 4, fp 3, fn 2, F1 = 8/13.
    cls = events["argument_classification"]["unattached"]
    assert _counts(cls) == (4, 3, 2)
    assert cls["f1"] == pytest.approx(8 / 13)


def test_attached_arguments_by_hand(events):
    # (trigger span, event type, argument span): the Attack arguments hang on "đánh", not "đánh chiếm",
    # so only the three Arrest-Jail ones on "bắt được" count: tp 3, fp 4, fn 3, F1 = 6/13.
    ident = events["argument_identification"]["attached"]
    assert _counts(ident) == (3, 4, 3)
    assert ident["f1"] == pytest.approx(6 / 13)
    # With roles: Agent and Place Kelbajar: tp 2, fp 5, fn 4, F1 = 4/13.
    cls = events["argument_classification"]["attached"]
    assert _counts(cls) == (2, 5, 4)
    assert cls["f1"] == pytest.approx(4 / 13)


def test_per_type_by_hand(events):
    per_type = events["per_type"]
    assert sorted(per_type) == ["Conflict.Attack", "Contact.Meet", "Justice.Arrest-Jail"]
    assert _counts(per_type["Justice.Arrest-Jail"]["trigger_classification"]) == (1, 0, 0)
    assert _counts(per_type["Conflict.Attack"]["trigger_classification"]) == (0, 1, 1)
    assert _counts(per_type["Contact.Meet"]["trigger_classification"]) == (0, 1, 0)
    # Arrest-Jail attached classification: gold 4 arguments, predicted 4, right Agent and Place Kelbajar.
    assert _counts(per_type["Justice.Arrest-Jail"]["argument_classification"]["attached"]) == (2, 2, 2)
    # Attack unattached identification: both arguments found (on the wrong trigger).
    assert _counts(per_type["Conflict.Attack"]["argument_identification"]["unattached"]) == (2, 0, 0)


def test_errors_by_hand(events):
    found = sorted(
        (e["kind"], (e["gold"] or e["pred"])["text"], (e["gold"] or e["pred"])["label"]) for e in events["errors"]
    )
    assert found == [
        ("argument: missed", "Ngày 11 tháng 9 năm 1992", "Time-Within"),
        ("argument: spurious", "Armenia", "Place"),
        ("argument: wrong role", "6 lính đặc nhiệm Nga", "Person"),
        ("trigger: spurious", "hợp tác", "Contact.Meet"),
        ("trigger: wrong boundary", "đánh chiếm", "Conflict.Attack"),
    ]
    wrong_role = next(e for e in events["errors"] if e["kind"] == "argument: wrong role")
    assert wrong_role["pred"]["label"] == "Victim"
    assert wrong_role["event"] == {"type": "Justice.Arrest-Jail", "trigger": "bắt được"}
    spurious = next(e for e in events["errors"] if e["kind"] == "trigger: spurious")
    assert spurious["context"].startswith("Các đơn vị quân Nga")  # its own sentence, not the first

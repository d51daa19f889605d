"""Entity alignment and projection on the corpus passage against its seed gold."""

from __future__ import annotations

import pytest

from pipeline.align import align
from pipeline.contract import validate
from tests.align.conftest import linked_spans
from tests.conftest import passage_document


@pytest.fixture(scope="module")
def gold_aligned(gold_vi, gold_en):
    return align(gold_vi, gold_en)


def _link(vi, en, alignments, vi_text, en_text=None, nth=0):
    vi_ids = [e["id"] for e in vi["entities"] if e["text"] == vi_text]
    link = next(link for link in alignments["entities"] if link["vi"] == vi_ids[nth])
    en_by_id = {e["id"]: e for e in en["entities"]}
    return link, (en_by_id[link["en"]] if link["en"] else None)


def test_gold_entities_are_linked_as_in_the_gold(gold_vi, gold_aligned, gold_links):
    en, alignments = gold_aligned
    predicted = linked_spans(gold_vi, en, alignments)
    correct = len(predicted & gold_links)
    # The seed is what the aligner was tuned on: this guards against regressions.
    assert correct / len(predicted) >= 0.95 and correct / len(gold_links) >= 0.95
    validate(passage_document(gold_vi, en, alignments))


def test_evidence_is_named(gold_vi, gold_aligned):
    en, alignments = gold_aligned
    link, target = _link(gold_vi, en, alignments, "Liên Xô")
    assert target["text"] == "Soviet Union" and "names" in link["evidence"]
    link, target = _link(gold_vi, en, alignments, "Thổ Nhĩ Kỳ")
    assert target["text"] == "Turkey" and "names" in link["evidence"]
    link, target = _link(gold_vi, en, alignments, "Trung Á")
    assert target["text"] == "Central Asia" and "cldr" in link["evidence"]
    link, target = _link(gold_vi, en, alignments, "23 ngàn")
    assert target["text"] == "23,000" and "value" in link["evidence"]
    link, target = _link(gold_vi, en, alignments, "Ngày 11 tháng 9 năm 1992")
    assert target["text"] == "11 September 1992" and "value" in link["evidence"]
    link, target = _link(gold_vi, en, alignments, "Markar Melkonian")
    assert target["text"] == "Markar Melkonian" and "string" in link["evidence"]
    assert all(0 <= link["score"] <= 1 for link in alignments["entities"])


def test_type_disagreements_are_flagged(gold_vi, gold_aligned):
    en, alignments = gold_aligned
    # "phía Armenian" is LOC in the Vietnamese gold, "the Armenian side" MISC in the English.
    link, target = _link(gold_vi, en, alignments, "Armenian")
    assert target["text"] == "Armenian" and link["flags"] == ["type-disagreement"]
    same = [link for link in alignments["entities"] if link["en"] and "flags" not in link]
    assert len(same) > 60


def test_an_entity_without_counterpart_links_to_none(gold_vi, gold_aligned):
    # "cả hai phe tham chiến" -> "both warring sides": the NUM "hai" has no English entity.
    en, alignments = gold_aligned
    link, target = _link(gold_vi, en, alignments, "hai")
    assert target is None and link["en"] is None


def test_entities_spacy_missed_are_projected(gold_vi, en_layer):
    # Take Kelbajar out of the English layer where spaCy found it: the aligner must put it back.
    first = next(e for e in en_layer["entities"] if e["text"] == "Kelbajar")
    without = {**en_layer, "entities": [e for e in en_layer["entities"] if e is not first]}
    en, alignments = align(gold_vi, without)
    projected = [e for e in en["entities"] if e["source"] == "projected"]
    assert any((e["start"], e["end"], e["label"]) == (first["start"], first["end"], "LOC") for e in projected)
    link = next(
        link
        for link in alignments["entities"]
        if link["en"] and next(e for e in en["entities"] if e["id"] == link["en"])["start"] == first["start"]
    )
    assert link["evidence"][0] == "projected" and "tokens" in link["evidence"]
    # Ids are renumbered in text order, and the document is valid.
    assert [e["id"] for e in en["entities"]] == [f"T{i}" for i in range(1, len(en["entities"]) + 1)]
    assert [e["start"] for e in en["entities"]] == sorted(e["start"] for e in en["entities"])
    validate(passage_document(gold_vi, en, alignments))


def test_aligning_twice_gives_the_same_result(gold_vi, en_layer):
    en1, a1 = align(gold_vi, en_layer)
    en2, a2 = align(gold_vi, en1)
    assert (en1, a1) == (en2, a2)


def test_events_are_projected_with_their_arguments(gold_vi, en_layer):
    text = gold_vi["text"]
    trigger_start = text.index("bắt được 6 lính")
    ids = {e["text"]: e["id"] for e in gold_vi["entities"]}
    event = {
        "id": "E1",
        "type": "Justice.Arrest-Jail",
        "trigger": {"start": trigger_start, "end": trigger_start + 3, "text": "bắt"},
        "arguments": [
            {"role": "Time-Within", "entity": ids["Ngày 11 tháng 9 năm 1992"]},
            {"role": "Place", "entity": ids["Merjimek"]},
            {"role": "Agent", "entity": ids["hai"]},
        ],  # no counterpart: dropped in English
        "modality": "asserted",
        "source": "test",
    }
    vi = {**gold_vi, "events": [event]}
    en, alignments = align(vi, en_layer)
    (en_event,) = en["events"]
    assert en_event["trigger"]["text"] == "captured"
    assert en_event["type"] == "Justice.Arrest-Jail" and en_event["source"] == "projected"
    by_id = {e["id"]: e for e in en["entities"]}
    assert {(a["role"], by_id[a["entity"]]["text"]) for a in en_event["arguments"]} == {
        ("Time-Within", "11 September 1992"),
        ("Place", "Merjimek"),
    }
    assert alignments["events"] == [{"vi": "E1", "en": en_event["id"], "score": en_event["score"]}]
    validate(passage_document(vi, en, alignments))

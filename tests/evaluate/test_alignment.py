"""Entity-alignment P/R/F1 and word-alignment AER, by hand."""

from __future__ import annotations

import pytest

from pipeline.evaluate import evaluate
from pipeline.evaluate.documents import from_json

VI = "Nga ủng hộ Armenia."
EN = "Russia supported Armenia."
VI_WORDS = ["Nga", "ủng hộ", "Armenia", "."]  # tokens 0..3
EN_WORDS = ["Russia", "supported", "Armenia", "."]  # tokens 0..3


def _doc(build, entity_links, token_links):
    vi = build.layer(VI, words=VI_WORDS, entities=[("Nga", "LOC"), ("Armenia", "LOC")])
    en = build.layer(EN, words=EN_WORDS, entities=[("Russia", "LOC"), ("Armenia", "LOC")])
    # entity ids in text order: vi T1 Nga, T2 Armenia; en T1 Russia, T2 Armenia
    alignments = {
        "sentences": [{"vi": [0], "en": [0], "score": 1.0}],
        "tokens": [{"vi": v, "en": e, "score": 1.0, **({} if sure else {"sure": False})} for v, e, sure in token_links],
        "entities": [{"vi": v, "en": e, "score": 1.0} for v, e in entity_links],
        "events": [],
    }
    return from_json(build.document("al", vi, en, alignments))


def test_entity_links_and_aer_by_hand(build):
    gold = _doc(
        build, [("T1", "T1"), ("T2", "T2")], [(0, 0, True), (1, 1, True), (2, 2, True), (3, 3, False)]
    )  # "." - "." only possible
    pred = _doc(
        build,
        [
            ("T1", "T1"),
            ("T2", "T1"),
        ],  # Armenia wrongly linked to Russia
        [(0, 0, True), (1, 1, True), (3, 3, True), (2, 1, True)],
    )
    align = evaluate([gold], [pred], ["align"], resamples=0)["tasks"]["align"]
    # Entity links: gold {Nga-Russia, Armenia-Armenia}, predicted {Nga-Russia, Armenia-Russia}: tp 1, fp 1, fn 1.
    ent = align["entities"]
    assert (ent["tp"], ent["fp"], ent["fn"]) == (1, 1, 1)
    assert ent["f1"] == pytest.approx(0.5)
    # Words: S = {0-0, 1-1, 2-2}, P = S + {3-3}; A = {0-0, 1-1, 3-3, 2-1}.
    # |A∩S| = 2, |A∩P| = 3, |A| = 4, |S| = 3: AER = 1 - (2 + 3) / (4 + 3) = 2/7; P = 3/4, R = 2/3.
    words = align["words"]
    assert (words["a_and_sure"], words["a_and_possible"], words["predicted"], words["sure"]) == (2, 3, 4, 3)
    assert words["aer"] == pytest.approx(2 / 7)
    assert (words["precision"], words["recall"]) == pytest.approx((3 / 4, 2 / 3))


def test_link_to_nothing_is_not_a_link(build):
    gold = _doc(build, [("T1", "T1"), ("T2", None)], [(0, 0, True)])
    pred = _doc(build, [("T1", "T1")], [(0, 0, True)])
    ent = evaluate([gold], [pred], ["align"], resamples=0)["tasks"]["align"]["entities"]
    assert (ent["tp"], ent["fp"], ent["fn"]) == (1, 0, 0)

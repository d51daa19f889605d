"""A bilingual document built by hand for the page tests: two sentences of the seed passage
(corpus/000_c94cfb08b554769d.txt) and their English (corpus/000_c94cfb08b554769d.en.txt), with
entities (an OTHER argument around a LOC, a type disagreement LOC/MISC across languages),
two events per side and the sentence, entity and event alignments."""

from __future__ import annotations

import pytest

from tests.conftest import ARREST_EVENT

PAID_VI = (
    "Những người này cho biết được trả lương bằng đồng rúp Nga bởi Bộ Quốc phòng Armenia để hoạt động "
    "ở Srkhavend, Nagorno-Karabakh, tháng 6 năm 1992."
)
ARREST_EN = (
    "On 11 September 1992, Azerbaijani troops captured 6 Russian special forces soldiers (spetznaz) of the "
    "Russian 7th Army Corps stationed in Armenia near the village of Merjimek in Kelbajar."
)
PAID_EN = (
    "These men said they had been paid in Russian roubles by the Ministry of Defence of Armenia to operate "
    "in Srkhavend, Nagorno-Karabakh, in June 1992."
)

# (vi needle, en needle, vi label, en label): entities that are aligned
ALIGNED = [
    ("Ngày 11 tháng 9 năm 1992", "11 September 1992", "DATE", "DATE"),
    ("quân Azerbaijan", "Azerbaijani troops", "OTHER", "OTHER"),
    ("Azerbaijan", "Azerbaijani", "LOC", "MISC"),
    ("6", "6", "NUM", "NUM"),
    ("6 lính đặc nhiệm Nga", "6 Russian special forces soldiers", "OTHER", "OTHER"),
    ("Quân đoàn 7 Nga", "Russian 7th Army Corps", "ORG", "ORG"),
    ("Armenia", "Armenia", "LOC", "LOC"),
    ("Merjimek", "Merjimek", "LOC", "LOC"),
    ("Kelbajar", "Kelbajar", "LOC", "LOC"),
    ("Những người này", "These men", "OTHER", "OTHER"),
    ("Bộ Quốc phòng Armenia", "Ministry of Defence of Armenia", "ORG", "ORG"),
    ("Srkhavend", "Srkhavend", "LOC", "LOC"),
    ("Nagorno-Karabakh", "Nagorno-Karabakh", "LOC", "LOC"),
    ("tháng 6 năm 1992", "June 1992", "DATE", "DATE"),
]
VI_ONLY = [(("Nga", 0), "LOC")]  # "lính đặc nhiệm Nga": no entity on the English side ("Russian" is inside the OTHER)
VI_EVENTS = [
    ARREST_EVENT,
    (
        "Transaction.Transfer-Money",
        "trả lương",
        [("Giver", "Bộ Quốc phòng Armenia", "ORG"), ("Recipient", "Những người này", "OTHER")],
    ),
]
EN_EVENTS = [
    (
        "Justice.Arrest-Jail",
        "captured",
        [
            ("Agent", "Azerbaijani troops", "OTHER"),
            ("Person", "6 Russian special forces soldiers", "OTHER"),
            ("Time-Within", "11 September 1992", "DATE"),
            ("Place", "Kelbajar", "LOC"),
        ],
    ),
    (
        "Transaction.Transfer-Money",
        "paid",
        [("Giver", "Ministry of Defence of Armenia", "ORG"), ("Recipient", "These men", "OTHER")],
    ),
]


@pytest.fixture(scope="session")
def bilingual(build) -> dict:
    vi_text = build.ARREST + " " + PAID_VI
    en_text = ARREST_EN + " " + PAID_EN
    vi = build.layer(
        vi_text,
        sentences=[build.ARREST, PAID_VI],
        entities=[(v, vl) for v, _, vl, _ in ALIGNED] + VI_ONLY,
        events=VI_EVENTS,
    )
    en = build.layer(
        en_text, sentences=[ARREST_EN, PAID_EN], entities=[(e, el) for _, e, _, el in ALIGNED], events=EN_EVENTS
    )

    def entity_id(layer, needle, label):
        start, end = build.locate(layer["text"], needle)
        return next(e["id"] for e in layer["entities"] if (e["start"], e["end"], e["label"]) == (start, end, label))

    alignments = {
        "sentences": [{"vi": [0], "en": [0], "score": 0.95}, {"vi": [1], "en": [1], "score": 0.93}],
        "tokens": [],
        "entities": [
            {
                "vi": entity_id(vi, v, vl),
                "en": entity_id(en, e, el),
                "score": 0.9,
                **({"flags": ["type-disagreement"]} if vl != el else {}),
            }
            for v, e, vl, el in ALIGNED
        ]
        + [{"vi": entity_id(vi, ("Nga", 0), "LOC"), "en": None, "score": 0.0}],
        "events": [{"vi": "E1", "en": "E1", "score": 0.8}, {"vi": "E2", "en": "E2", "score": 0.8}],
    }
    return build.document("seed/bilingual_excerpt", vi, en, alignments)

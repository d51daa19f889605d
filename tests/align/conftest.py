"""The corpus passage, its translation and its seed alignment gold, as contract layers."""

from __future__ import annotations

import csv
import json

import pytest

from pipeline import annotate
from pipeline.en import english_layer
from pipeline.io.brat import read_brat
from tests.conftest import ROOT

SEED_GOLD = ROOT / "corpus" / "gold" / "align" / "seed"
DOC = "000_c94cfb08b554769d"


def entity_links(vi_text: str, en_text: str) -> dict[str, str | None]:
    """``{Vietnamese entity text: English entity text or None}`` of the entity links songngu makes for a text and its
    translation."""
    doc = annotate(vi_text, en=en_text)
    en_by_id = {e["id"]: e["text"] for e in doc["en"]["entities"]}
    vi_by_id = {e["id"]: e["text"] for e in doc["vi"]["entities"]}
    return {vi_by_id[link["vi"]]: en_by_id.get(link["en"]) for link in doc["alignments"]["entities"]}


def gold_entities(stem) -> list[dict]:
    doc = read_brat(stem)
    ordered = sorted(doc.entities, key=lambda e: (e.start, e.end, e.label))
    return [
        {
            "id": f"T{i}",
            "start": e.start,
            "end": e.end,
            "label": e.label,
            "text": e.text,
            "source": "gold",
            **({"value": int(e.value) if e.value.isdigit() else e.value} if e.value else {}),
        }
        for i, e in enumerate(ordered, start=1)
    ]


@pytest.fixture(scope="session")
def vi_layer() -> dict:
    # The pipeline's committed output for the passage (tests/test_annotations.py keeps it fresh).
    return json.loads((ROOT / "annotations" / f"{DOC}.json").read_text(encoding="utf-8"))["vi"]


@pytest.fixture(scope="session")
def en_text() -> str:
    return (ROOT / "corpus" / f"{DOC}.en.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def en_layer(vi_layer, en_text) -> dict:
    return english_layer(vi_layer, en_text)


@pytest.fixture(scope="session")
def gold_vi(vi_layer) -> dict:
    """The pipeline's Vietnamese words and sentences with the seed gold entities."""
    return {**vi_layer, "entities": gold_entities(SEED_GOLD / DOC), "events": []}


@pytest.fixture(scope="session")
def gold_en(en_layer) -> dict:
    return {**en_layer, "entities": gold_entities(SEED_GOLD / f"{DOC}.en")}


@pytest.fixture(scope="session")
def gold_links() -> set[tuple[int, int, int, int]]:
    with (SEED_GOLD / f"{DOC}.links.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return {(int(r["vi_start"]), int(r["vi_end"]), int(r["en_start"]), int(r["en_end"])) for r in rows if r["en_start"]}


def linked_spans(vi: dict, en: dict, alignments: dict) -> set[tuple[int, int, int, int]]:
    vi_by_id = {e["id"]: e for e in vi["entities"]}
    en_by_id = {e["id"]: e for e in en["entities"]}
    return {
        (
            vi_by_id[link["vi"]]["start"],
            vi_by_id[link["vi"]]["end"],
            en_by_id[link["en"]]["start"],
            en_by_id[link["en"]]["end"],
        )
        for link in alignments["entities"]
        if link["en"] is not None
    }

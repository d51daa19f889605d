"""The JSON contract: the schema itself, and that the checks catch broken documents."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest

from pipeline.annotator import Annotator
from pipeline.cli import main
from pipeline.contract import ENTITY_LABELS, MODALITIES, ContractError, problems, schema, validate
from pipeline.ingest import read_inputs
from tests.conftest import SEED


@pytest.fixture(scope="module")
def seed_document() -> dict:
    [source] = read_inputs([str(SEED)])
    return Annotator().annotate(source)


def test_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(schema())


def test_label_and_modality_constants_are_the_schema_s():
    """The writers and importers list labels and modalities from these constants: they must not drift from the schema."""
    defs = schema()["$defs"]
    assert list(ENTITY_LABELS) == defs["entity"]["properties"]["label"]["enum"]
    assert list(MODALITIES) == defs["event"]["properties"]["modality"]["enum"]


def test_schema_command_prints_the_schema(capsys):
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == schema()


def test_seed_document_satisfies_the_contract(seed_document):
    assert problems(seed_document) == []
    assert seed_document["schema_version"] == "1.0"
    assert seed_document["source"]["sha256"] and seed_document["pipeline"]["components"]


def broken(doc: dict, edit) -> list[str]:
    doc = copy.deepcopy(doc)
    edit(doc)
    return problems(doc)


def test_offsets_that_do_not_match_the_text_are_caught(seed_document):
    def shift(doc):
        doc["vi"]["tokens"][5]["start"] += 1

    assert any("tokens[5]" in p for p in broken(seed_document, shift))


def test_offsets_past_the_end_are_caught(seed_document):
    def past(doc):
        doc["vi"]["sentences"][-1]["end"] = len(doc["vi"]["text"]) + 3

    assert any("outside text" in p for p in broken(seed_document, past))


def test_dangling_event_argument_is_caught(seed_document):
    def dangling(doc):
        tok = doc["vi"]["tokens"][0]
        doc["vi"]["events"] = [
            {
                "id": "E1",
                "type": "Conflict.Attack",
                "trigger": {k: tok[k] for k in ("start", "end", "text")},
                "arguments": [{"role": "Attacker", "entity": "T999"}],
                "modality": "asserted",
                "source": "test",
            }
        ]

    assert any("unknown entity T999" in p for p in broken(seed_document, dangling))


def test_unknown_label_and_extra_field_are_schema_errors(seed_document):
    def bad_label(doc):
        doc["vi"]["entities"][0]["label"] = "GPE"
        doc["vi"]["tokens"][0]["colour"] = "red"

    found = broken(seed_document, bad_label)
    assert any("GPE" in p for p in found) and any("colour" in p for p in found)


def test_alignment_indexes_are_checked(seed_document):
    def align(doc):
        doc["en"] = copy.deepcopy(doc["vi"]) | {"lang": "en", "origin": "provided"}
        doc["alignments"] = {
            "sentences": [{"vi": [0], "en": [999], "score": 0.5}],
            "tokens": [],
            "entities": [],
            "events": [],
        }

    assert any("index 999 out of range" in p for p in broken(seed_document, align))


def test_validate_raises_with_the_document_id(seed_document):
    doc = copy.deepcopy(seed_document)
    doc["vi"]["tokens"][0]["end"] = 10**6
    with pytest.raises(ContractError, match="000_c94cfb08b554769d"):
        validate(doc)


def test_validate_command(tmp_path, seed_document, capsys):
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps(seed_document, ensure_ascii=False), encoding="utf-8")
    bad.write_text("{", encoding="utf-8")
    assert main(["validate", str(good)]) == 0
    assert main(["validate", str(good), str(bad)]) == 1
    assert f"{bad}: cannot read" in capsys.readouterr().err

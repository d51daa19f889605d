"""The compiled schema check (fastjsonschema) accepts nothing that jsonschema rejects.

Every output is checked by the compiled validator; jsonschema, the reference, only
words the errors of a document the compiled one rejects. So the one thing that
must never happen is a document the compiled check lets through while jsonschema
would not: tried here on every node of the committed seed annotation (vi and en
layers, alignments; each list cut to its first two items, which the schema alone
allows), each replaced by values of every JSON type, deleted, or given an unknown key.
"""

from __future__ import annotations

import copy
import json

import fastjsonschema
import pytest

from pipeline.contract import _compiled, _validator, problems, schema_errors
from tests.conftest import ROOT

SEED_ANNOTATION = ROOT / "annotations" / "000_c94cfb08b554769d.json"
REPLACEMENTS = [None, True, False, 0, -1, 2**70, 1.5, "", "x", "T1", [], {}, [0], {"x": 1}]


def trimmed(value):
    """``value`` with every list cut to its first two items."""
    if isinstance(value, dict):
        return {key: trimmed(child) for key, child in value.items()}
    if isinstance(value, list):
        return [trimmed(child) for child in value[:2]]
    return value


def nodes(value, path=()):
    """Every path of ``value``."""
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from nodes(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from nodes(child, (*path, i))


def edited(doc, path, action):
    doc = copy.deepcopy(doc)
    *parents, last = path
    container = doc
    for key in parents:
        container = container[key]
    if action == "delete":
        if isinstance(container, dict):
            del container[last]
        else:
            container.pop(last)
    elif action == "extra key":
        target = container[last]
        if not isinstance(target, dict):
            return None
        target["colour"] = "red"
    else:
        container[last] = action[1]
    return doc


def compiled_accepts(doc) -> bool:
    try:
        _compiled()(doc)
        return True
    except fastjsonschema.JsonSchemaException:
        return False


@pytest.fixture(scope="module")
def full_seed():
    return json.loads(SEED_ANNOTATION.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed(full_seed):
    return trimmed(full_seed)


def test_seed_annotation_passes_both(full_seed, seed):
    assert problems(full_seed) == []
    for doc in (full_seed, seed):
        assert doc["en"] and doc["alignments"]["entities"] and doc["vi"]["events"]
        assert compiled_accepts(doc) and _validator().is_valid(doc)


def test_compiled_check_never_accepts_what_jsonschema_rejects(seed):
    tried = rejected = 0
    for path in nodes(seed):
        if not path:
            continue
        for action in ["delete", "extra key", *(("set", v) for v in REPLACEMENTS)]:
            doc = edited(seed, path, action)
            if doc is None:
                continue
            tried += 1
            if compiled_accepts(doc):
                assert _validator().is_valid(doc), (path, action)
            else:
                rejected += 1
    assert tried > 2000 and rejected > tried // 2  # the mutations are real, and most are caught


def test_a_rejected_document_gets_jsonschema_s_messages(seed):
    doc = copy.deepcopy(seed)
    doc["vi"]["entities"][0]["label"] = "GPE"
    doc["vi"]["tokens"][0]["start"] = True  # a boolean is not an integer, in both validators
    assert not compiled_accepts(doc)
    found = schema_errors(doc)
    assert any(p.startswith("vi/entities/0/label: 'GPE' is not one of") for p in found), found
    assert any(p.startswith("vi/tokens/0/start: True is not of type 'integer'") for p in found), found


def test_the_validator_read_back_from_the_start_up_cache_is_the_same_check(seed, tmp_path, monkeypatch):
    """A fresh process reads the compiled validator from the start-up cache: it rejects what the first one did."""
    monkeypatch.setenv("SONGNGU_CACHE_DIR", str(tmp_path))
    verdicts = {}
    try:
        for run in ("computed", "read back"):
            _compiled.cache_clear()
            verdicts[run] = [
                compiled_accepts(doc)
                for path in list(nodes(seed))[1:200]
                for doc in [edited(seed, path, ("set", "x")), edited(seed, path, "delete")]
                if doc is not None
            ]
            assert list((tmp_path / "startup").glob("contract-validator-*.marshal"))
    finally:
        _compiled.cache_clear()
    assert verdicts["computed"] == verdicts["read back"]
    assert True in verdicts["read back"] and False in verdicts["read back"]


VALUES = [
    "2005-06",
    "",
    16,
    -2.5,
    2**70,
    True,
    None,
    [],
    ["2005"],
    {"amount": 30000, "unit": "USD", "kind": "money"},
    {"amount": 16, "unit": "year", "kind": "age", "colour": "red"},
    {"amount": "16", "unit": "year", "kind": "age"},
    {"amount": 15, "unit": "", "kind": "percent"},
    {"amount": 5, "unit": "km"},
    {"amount": 5, "unit": "km", "kind": "length"},
    {},
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_an_entity_value_of_any_type_is_judged_alike(full_seed, value):
    # the compiled check reads the value's oneOf (string, number, unit object) as one schema of three types
    # (pipeline.contract._one_of_by_type): it must accept exactly what jsonschema accepts
    doc = copy.deepcopy(full_seed)
    doc["vi"]["entities"][0]["value"] = value
    assert compiled_accepts(doc) == _validator().is_valid(doc)


@pytest.mark.parametrize(
    "alignments", [None, {}, [], "x", {"sentences": [], "tokens": [], "entities": [], "events": []}]
)
def test_the_alignments_of_any_type_are_judged_alike(full_seed, alignments):
    doc = copy.deepcopy(full_seed)
    doc["alignments"] = alignments
    assert compiled_accepts(doc) == _validator().is_valid(doc)


def test_a_one_of_that_is_not_by_type_is_kept():
    from pipeline.contract import _one_of_by_type

    overlapping = {"oneOf": [{"type": "integer"}, {"type": "number", "minimum": 0}]}
    two_objects = {"oneOf": [{"type": "object", "required": ["a"]}, {"type": "object", "required": ["b"]}]}
    foreign_keyword = {"oneOf": [{"type": "string", "minimum": 3}, {"type": "null"}]}
    for schema_part in (overlapping, two_objects, foreign_keyword):
        assert _one_of_by_type(schema_part) == schema_part
    assert _one_of_by_type({"oneOf": [{"type": "null"}, {"type": "string", "pattern": "^T"}]}) == {
        "type": ["null", "string"],
        "pattern": "^T",
    }

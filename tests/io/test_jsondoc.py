"""The JSON writer: byte for byte what ``json.dumps(..., ensure_ascii=False, indent=1)`` gives, only faster."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.io.jsondoc import dumps, indented
from tests.conftest import ROOT


def reference(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)


def test_the_committed_annotations_are_written_as_json_dumps_writes_them():
    files = sorted((ROOT / "annotations").glob("*.json"))
    assert files, "annotations/ holds the committed outputs"
    for path in files:
        document = json.loads(path.read_text(encoding="utf-8"))
        assert dumps(document) == reference(document) + "\n", path.name
        assert dumps(document) == path.read_text(encoding="utf-8"), path.name


def test_edge_cases():
    values = [
        {},
        [],
        {"a": {}, "b": [], "c": [[]], "d": [{}]},
        {"text": 'quote " backslash \\ tab \t newline \n ừ \u2028 \x00 \ud800'},
        {"f": 1.5, "g": -0.0, "h": 1e300, "i": float("nan"), "j": float("inf"), "k": 10**30, "b": True, "n": None},
        {1: "int key", 2.5: "float key", None: "null key", False: "bool key"},
        {"nested": {1: [1, {"x": (1, 2)}]}},
        ("a", ("b",), {"c": ("d",)}),
        # lists of flat objects (written with one call): text that looks like the separators between them
        [{"a": "},\n   {", "b": 1}, {"c": "}, {", 2: None}, {"d": "}\n  {\n   "}],
        {"x": {"y": [{"a": 1.5, "b": "{"}, {"c": "}"}]}, "z": ({"t": True},)},
        [{"a": 1}, {}, {"b": 2}],  # an empty one among them: written one by one
        "a string",
        3,
    ]
    for value in values:
        assert indented(value) == reference(value), value
        assert indented([value, value], 0) == reference([value, value])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_any_json_value(value):
    assert indented(value) == reference(value)

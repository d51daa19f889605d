"""A NUM's value with its unit crosses the text-only formats and the contract unchanged."""

from __future__ import annotations

from pipeline.io.values import value_from_text, value_number, value_to_text

AMOUNT = {"amount": 30000, "unit": "USD", "kind": "money"}


def test_an_amount_with_its_unit_round_trips_through_text():
    text = value_to_text(AMOUNT)
    assert text == '{"amount": 30000, "kind": "money", "unit": "USD"}'
    assert value_from_text(text, "NUM") == AMOUNT


def test_the_number_of_a_value():
    assert value_number(AMOUNT) == 30000.0
    assert value_number(23000) == 23000.0
    assert value_number("1992-09-11") is None


def test_the_contract_takes_an_amount_and_refuses_a_malformed_one():
    import jsonschema

    from pipeline.contract import schema

    entity = schema()["$defs"]["entity"]["properties"]["value"]
    jsonschema.validate(AMOUNT, entity)
    jsonschema.validate(23000, entity)
    for bad in ({"amount": 1, "unit": "USD"}, {"amount": "1", "unit": "USD", "kind": "money"}, {**AMOUNT, "kind": "x"}):
        try:
            jsonschema.validate(bad, entity)
        except jsonschema.ValidationError:
            continue
        raise AssertionError(f"accepted {bad}")

"""A DATE/NUM entity's normalised ``value`` as text, for formats that only hold strings, and back.

brat notes, INCEpTION string features and Label Studio text areas hold text;
our JSON holds the value itself (an ISO date string, a number, or whatever
structure the NER stage gives it). Values are written and read generically so
that a richer value (a number with a unit, say) crosses every format unchanged:
a string is written as it is, anything else as JSON.
"""

from __future__ import annotations

import json
from typing import Any


def value_to_text(value: Any) -> str:
    """``"1992-09-11"`` -> ``1992-09-11``; ``23000`` (or ``23000.0``) -> ``23000``; a dict or list -> its JSON."""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def value_number(value: Any) -> float | None:
    """The number of a NUM value, for a numeric column: ``23000`` -> 23000.0, ``{"amount": 30000, ...}`` -> 30000.0."""
    if isinstance(value, dict):
        value = value.get("amount")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return None


def value_from_text(text: str, label: str, known: Any = None) -> Any:
    """The value a text written by :func:`value_to_text` stands for.

    ``known`` is the value the entity had before (the ``--base`` document): when
    the text is still its spelling, it is returned as it was, type included (a
    DATE ``"1993"`` stays a string, a NUM ``1993`` a number). Otherwise a DATE
    value is a string (ISO 8601 is text), and any other label's text is read as
    JSON when it parses as a number, an object or a list, else kept as text.
    """
    text = text.strip()
    if known is not None and value_to_text(known) == text:
        return known
    if label == "DATE":
        return text
    try:
        parsed = json.loads(text)
    except ValueError:
        return text
    return parsed if isinstance(parsed, (int, float, dict, list)) and not isinstance(parsed, bool) else text

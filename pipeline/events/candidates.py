"""A trigger as a backend proposes it, before its arguments are read."""

from __future__ import annotations

from dataclasses import dataclass, field

STATEMENT = "Contact.Statement"


@dataclass
class Candidate:
    """A trigger found by a backend (the lexicon or a model): token offsets in the ``Doc`` and its type."""

    start: int
    end: int
    type: str
    source: str
    frame_override: dict = field(default_factory=dict)
    nominal: bool = False
    passive: bool = False
    yield_to_verb: bool = False
    participant_event: bool = False
    score: float | None = None

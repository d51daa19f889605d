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
    # Where the trigger started before :func:`~pipeline.events.triggers.read_voice` took a passive marker written in
    # it out (``bị bắt`` -> ``bắt``): the model's triggers keep it (see :meth:`shown_start`).
    marker_start: int | None = None
    # The trigger's character offsets when it is a part of its words (``tự tử`` of our word ``treo cổ tự tử``;
    # :attr:`pipeline.events.trained.EventModel.parts`); None: the trigger is its words.
    part: tuple[int, int] | None = None

    def copy(self) -> Candidate:
        """A shallow copy, as ``dataclasses.replace(self)`` makes it (the same field values, ``frame_override``
        shared): made for each lexicon match of every text, where ``replace`` passes every field through
        ``__init__`` by keyword at several times the cost."""
        new = object.__new__(type(self))
        new.__dict__.update(self.__dict__)
        return new

    @property
    def shown_start(self) -> int:
        """The first word of the trigger as the event shows it. A trained model's trigger keeps the passive marker
        it took in: BKEE and VHE mark it word by word (BKEE train: ``được bầu`` 49 times in 50 with it, ``bị cách
        chức`` 32 times in 32 without), and the model learnt which (on BKEE dev its triggers with the marker were
        right 27 times, the marker taken out 4). The lexicon's triggers leave it out, as ACE does; the reading of
        the roles uses the head (:attr:`start`) either way."""
        if self.marker_start is not None and self.source.startswith("model:"):
            return self.marker_start
        return self.start

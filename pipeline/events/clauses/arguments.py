"""The arguments of one trigger by the clause rules: the frame's slots filled from the readings."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span

from pipeline.events.candidates import STATEMENT, Candidate
from pipeline.events.clauses.noun_phrases import Phrase, argument_span, conjuncts_after, conjuncts_before
from pipeline.events.clauses.objects import RoleFiller, read_object, read_prepositional
from pipeline.events.clauses.subjects import read_subject
from pipeline.events.clauses.time_place import attach_times_and_places
from pipeline.events.clauses.words import Words
from pipeline.events.lexicon import Lexicon


def clause_start(words: Words, trigger: Candidate, sentence_start: int) -> tuple[int, int]:
    """Where the trigger's clause reading starts: before a classifier or determiner that makes it a noun
    (``cuộc tấn công``, ``việc rút quân``); and the word before that (``sentence_start - 1`` if none)."""
    s = sentence_start
    scan_from = trigger.start
    p = words.previous_word(scan_from, s)
    while p >= s:
        start = next(
            (
                x
                for x in (words.start_of(name, p) for name in ("nominalisers", "determiners", "clausal_nominalisers"))
                if x is not None
            ),
            None,
        )
        if start is None:
            break
        scan_from = start
        p = words.previous_word(scan_from, s)
    return scan_from, p


def read_arguments(
    words: Words,
    trigger: Candidate,
    sentence_start: int,
    sentence_end: int,
    lexicon: Lexicon,
    statement_ends: frozenset[int] = frozenset(),
) -> list[RoleFiller]:
    """Subject, object, prepositional and comitative arguments of ``trigger`` (times and places are
    attached per sentence by :func:`pipeline.events.clauses.time_place.attach_times_and_places`)."""
    s, e = sentence_start, sentence_end
    out: list[RoleFiller] = []

    def add(role: str, phrase: Phrase) -> None:
        out.append(RoleFiller(role, argument_span(words, phrase)))

    scan_from, p = clause_start(words, trigger, s)
    nominal = trigger.nominal
    if nominal and scan_from < trigger.start and p >= s and words.start_of("transparent", p) is not None:
        # A support verb (mở cuộc tổng tấn công, tiến hành cuộc đột kích): its subject is the event's.
        nominal = False
    frame = lexicon.frame(trigger.type, trigger.frame_override, nominal=nominal)
    passive = trigger.passive
    if frame.subject or frame.passive_subject or frame.agent:
        reading = read_subject(words, scan_from, s, statement_ends)
        passive = passive or reading.passive
        role = frame.passive_subject if passive else frame.subject
        if reading.subject and role:
            for phrase in [reading.subject, *conjuncts_before(words, reading.subject, s)]:
                add(role, phrase)
        if role or frame.comitative:
            for phrase in reading.comitatives:
                add(frame.comitative or role, phrase)
        if passive and reading.agent and frame.agent:
            add(frame.agent, reading.agent)
    after = trigger.end
    # In the passive the subject took the patient role; an object is still
    # read when it fills another one (được rút khỏi Karabakh: Origin).
    if frame.object and (not passive or frame.object != frame.passive_subject):
        obj = read_object(words, trigger.end, e)
        if obj:
            more = conjuncts_after(words, obj, e)
            for phrase in [obj, *more]:
                add(frame.object, phrase)
            after = (more[-1] if more else obj).end
    for filler in read_prepositional(words, after, e, frame, passive, trigger.nominal):
        for phrase in [filler.phrase, *conjuncts_after(words, filler.phrase, e)]:
            add(filler.role, phrase)
    return out


def read_sentence_arguments(
    words: Words, sentence: Span, triggers: list[Candidate], lexicon: Lexicon, has_place: Callable[[str], bool]
) -> list[list[RoleFiller]]:
    """The arguments the clause rules read for each trigger of one sentence, times and places included.

    ``has_place(type)`` says whether an event type takes a Place (ACE's Transport does not).
    """
    attached = attach_times_and_places(words, sentence, triggers)
    statement_ends = frozenset(t.end - 1 for t in triggers if t.type == STATEMENT)
    out = []
    for k, trigger in enumerate(triggers):
        read = read_arguments(words, trigger, sentence.start, sentence.end, lexicon, statement_ends)
        read.extend(attached.times.get(k, []))
        place = attached.places.get(k)
        if place is not None and has_place(trigger.type):
            read.append(RoleFiller("Place", place))
        out.append(read)
    return out

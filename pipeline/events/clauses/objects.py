"""What follows a trigger: its object, and the roles its prepositions introduce (``vào``, ``khỏi``, ``bởi``)."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.events.clauses.noun_phrases import Phrase, noun_phrase_starting_at
from pipeline.events.clauses.words import Words
from pipeline.events.lexicon import Frame


@dataclass(frozen=True)
class RoleFiller:
    """A phrase read as filling ``role`` of an event."""

    role: str
    phrase: Phrase


def read_object(words: Words, trigger_end: int, sentence_end: int) -> Phrase | None:
    """The noun phrase right after the trigger, unless a preposition of a role comes first."""
    i = words.next_word(trigger_end, sentence_end)
    if i >= sentence_end:
        return None
    if words.end_of("frame_prepositions", i) is not None or words.end_of("agent_prepositions", i) is not None:
        return None
    return noun_phrase_starting_at(words, i, sentence_end)


def crime_phrase(words: Words, i: int, sentence_end: int) -> Phrase | None:
    """What follows "về tội": a crime is often a verb (tham nhũng, phản quốc, giết người)."""
    k = i
    while (
        k < sentence_end
        and not words.is_space(k)
        and not words.is_date(k)
        and not words.is_hard_boundary(k)
        and not words.is_comma(k)
        and not words.opens_phrase(k)
        and words.end_of("transparent", k) is None
        and (words.is_nominal(k) or words.is_verb(k) or words.tag(k) == "A")
    ):
        k += 1
    return Phrase(i, k) if k > i else None


def clause_end(words: Words, i: int, sentence_end: int) -> int:
    """The first comma, hard boundary or clause boundary at or after ``i``."""
    while i < sentence_end:
        if words.is_hard_boundary(i) or words.is_comma(i):
            return i
        boundary = words.end_of("clause_boundaries", i)
        # "vì tội X" is a preposition of the frame, not "vì" (because) opening a clause
        if boundary is not None and (words.end_of("frame_prepositions", i) or 0) <= boundary:
            return i
        i += 1
    return sentence_end


def read_prepositional(
    words: Words, after: int, sentence_end: int, frame: Frame, passive: bool, nominal: bool
) -> list[RoleFiller]:
    """The prepositional phrases after a trigger (from token ``after``), up to the next predicate."""
    out: list[RoleFiller] = []
    end = clause_end(words, after, sentence_end)
    i = after
    first = True
    while i < end:
        if words.is_space(i):
            i += 1
            continue
        j = words.end_of("agent_prepositions", i)
        if j is not None and passive and frame.agent:
            phrase = noun_phrase_starting_at(words, words.next_word(j, end), end)
            if phrase:
                out.append(RoleFiller(frame.agent, phrase))
                i = phrase.end
                continue
        if nominal and first and words.doc[i].lower_ == "của" and frame.possessor:
            phrase = noun_phrase_starting_at(words, words.next_word(i + 1, end), end)
            if phrase:
                out.append(RoleFiller(frame.possessor, phrase))
                i = phrase.end
                first = False
                continue
        j = words.end_of("frame_prepositions", i)
        preposition = words.phrase_at.get(("frame_prepositions", i))
        if j is not None and preposition in frame.prepositions:
            role = frame.prepositions[preposition]
            if role == "Crime":
                phrase = crime_phrase(words, words.next_word(j, end), end)
            else:
                phrase = noun_phrase_starting_at(words, words.next_word(j, end), end)
            if phrase:
                out.append(RoleFiller(role, phrase))
                i = phrase.end
                first = False
                continue
        first = False
        if words.is_nominal(i) or words.is_preposition(i) or words.end_of("determiners", i) is not None:
            phrase = noun_phrase_starting_at(words, i, end)
            i = phrase.end if phrase else i + 1
            continue
        if words.is_verb(i) and words.end_of("transparent", i) is None:
            break
        i += 1
    return out

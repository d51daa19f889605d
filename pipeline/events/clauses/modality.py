"""Whether an event happened, as the sentence tells it: asserted, negated or reported/uncertain.

A negation right before the trigger (``không``, ``chưa``; words such as
``hề`` may stand between) negates it; an uncertainty cue earlier in the
clause (``được cho là``, ``có thể``), a negation of another verb, or the scope
of a statement verb earlier in the clause (``cho biết ... đã tấn công``) make
it reported/uncertain.
"""

from __future__ import annotations

from pipeline.events.candidates import Candidate
from pipeline.events.clauses.words import Words

ASSERTED, NEGATED, REPORTED = "asserted", "negated", "reported/uncertain"


def read_modality(words: Words, trigger: Candidate, sentence_start: int, statements: list[Candidate]) -> str:
    s = sentence_start
    i = words.previous_word(trigger.start, s)
    while i >= s:
        start = words.start_of("modality:negation_gap", i)
        if start is None:
            break
        i = words.previous_word(start, s)
    if i >= s and words.start_of("modality:negation", i) is not None:
        return NEGATED
    i = trigger.start - 1
    while i >= s:
        if words.is_hard_boundary(i) or words.is_comma(i):
            break
        if words.start_of("modality:uncertain", i) is not None or words.start_of("modality:negation", i) is not None:
            return REPORTED
        if words.clause_boundary_ending(i) is not None:
            break
        i -= 1
    if words.lexicon.statement_scope:
        for statement in statements:
            if statement.end <= trigger.start and statement is not trigger:
                between = range(statement.end, trigger.start)
                if not any(words.is_comma(k) or words.is_hard_boundary(k) for k in between):
                    return REPORTED
    return ASSERTED

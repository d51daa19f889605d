"""Times and places of a sentence, attached to the triggers they belong to.

A time (a DATE entity) or a place (a locative ``ở``/``tại``/``gần`` + LOC)
hangs on the nearest predicate to its left, or, fronted before the subject, on
the first one to its right; a predicate takes one locative, and a second
locative right after a place locates that place (``gần làng Merjimek ở
Kelbajar``). The role of a time comes from the preposition before it
(``từ`` Time-Starting, ``trước`` Time-Before, else Time-Within).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from pipeline.events.candidates import Candidate
from pipeline.events.clauses.noun_phrases import Phrase, argument_span, noun_phrase_starting_at
from pipeline.events.clauses.objects import RoleFiller
from pipeline.events.clauses.words import EMPTY, Words


@dataclass
class TimesAndPlaces:
    """By trigger index (in the list given): its times, with their roles, and its place."""

    times: dict[int, list[RoleFiller]] = field(default_factory=dict)
    places: dict[int, Phrase] = field(default_factory=dict)


def attach_times_and_places(words: Words, sentence: Span, triggers: list[Candidate]) -> TimesAndPlaces:
    predicates = _Predicates(words, sentence, triggers)
    out = TimesAndPlaces()
    s, e = sentence.start, sentence.end
    for ent in words.entities_in(sentence):
        if ent.label_ != "DATE":
            continue
        p = predicates.left_of(ent.start)
        if p is None:
            p = predicates.right_of(ent.end)
        if p is None or p not in predicates.trigger_of:
            continue
        role = "Time-Within"
        b = words.previous_word(ent.start, s)
        if b >= s:
            start = words.start_of("time_prepositions", b)
            if start is not None:
                preposition = words.phrase_at.get(("time_prepositions", start))
                role = words.lexicon.time_prepositions.get(preposition, role)
        out.times.setdefault(predicates.trigger_of[p], []).append(RoleFiller(role, Phrase(ent.start, ent.end)))

    taken: set = set()
    last_place_end = None
    # words.end_of("locative_prepositions", i) for every word of the sentence, from the list's matches at once
    locatives = words.starts.get("locative_prepositions", EMPTY)
    i = s
    while i < e:
        j = locatives.get(i)
        if j is None or j > e:
            i += 1
            continue
        phrase = noun_phrase_starting_at(words, words.next_word(j, e), e)
        if phrase is None:
            i = j
            continue
        place = argument_span(words, phrase)
        # "làng Merjimek ở Kelbajar": a place "in" the place just named locates it,
        # not the event; "tại Armenia gần làng Merjimek" is a second locative.
        chained = (
            last_place_end is not None
            and words.previous_word(i, s) == last_place_end - 1
            and words.end_of("containment_prepositions", i) is not None
        )
        last_place_end = phrase.end
        if chained:
            i = phrase.end
            continue
        p = predicates.left_of(i, taken)
        if p is None and predicates.left_of(i) is None:  # fronted: "Tại Azerbaijan, quân Nga ..."
            p = predicates.right_of(phrase.end)
        if p is not None:
            taken.add(predicates.key(p))
            n = predicates.trigger_of.get(p)
            if n is not None and words.label_of(place.start, place.end) == "LOC" and n not in out.places:
                out.places[n] = place
        i = phrase.end
    return out


class _Predicates:
    """The predicates of one sentence (its triggers and its other clause-heading verbs)."""

    def __init__(self, words: Words, sentence: Span, triggers: list[Candidate]):
        self.words = words
        self.s, self.e = sentence.start, sentence.end
        self.trigger_of: dict[int, int] = {}  # token -> index of the trigger it belongs to
        for n, cand in enumerate(triggers):
            for i in range(cand.start, cand.end):
                self.trigger_of[i] = n
        self.trigger_tokens = set(self.trigger_of)

    def key(self, i: int) -> tuple[str, int]:
        """One key per predicate: a trigger of several words is one predicate."""
        return ("t", self.trigger_of[i]) if i in self.trigger_of else ("v", i)

    def left_of(self, i: int, taken: set | None = None) -> int | None:
        """The nearest predicate before token ``i`` in its clause (not one in ``taken``)."""
        w = self.words
        texts = w.texts  # the tokens' texts, read once per text (a spaCy Token made per word cost)
        k = i - 1
        while k >= self.s:
            if texts[k] == ")":  # a parenthesis inside the clause: "(spetznaz)"
                opening = k - 1
                while opening >= self.s and texts[opening] != "(":
                    opening -= 1
                if opening >= self.s:
                    k = opening - 1
                    continue
            if w.is_hard_boundary(k) or w.clause_boundary_ending(k) is not None:
                break
            if w.is_predicate(k, self.trigger_tokens) and (taken is None or self.key(k) not in taken):
                return k
            k -= 1
        return None

    def right_of(self, i: int) -> int | None:
        """The first predicate at or after token ``i`` in its clause."""
        w = self.words
        k = i
        while k < self.e and not (w.is_hard_boundary(k) or w.end_of("clause_boundaries", k) is not None):
            if w.is_predicate(k, self.trigger_tokens):
                return k
            k += 1
        return None

"""Triggers from the lexicon, and what every trigger needs before its arguments are read.

:class:`LexiconTriggers` proposes the lexicon's words and keeps those its rules
accept (not inside a name, not part of a modality cue, not a participant class,
one trigger per word, a campaign noun yielding to the verb that describes it).
Whatever proposed a trigger, :func:`read_voice` tells whether it is passive or a
noun (``cuộc tấn công``), and :meth:`LexiconTriggers.entry_for` gives a model's
trigger the frame of the lexicon entry with the same words, so that the clause
rules read every trigger alike.
"""

from __future__ import annotations

import re

from pipeline.events.candidates import Candidate
from pipeline.events.clauses.words import NAMED, Words
from pipeline.events.lexicon import Lexicon, TriggerEntry
from pipeline.text.normalize import syllable_key

_SYLLABLE = re.compile(r"[^\s_]+")


class LexiconTriggers:
    """Trigger candidates from the lexicon's words, with the lexicon's filters."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.entry_by_words: dict[str, TriggerEntry] = {}
        for entry in lexicon.entries.values():
            self.entry_by_words.setdefault(entry.words, entry)

    def matches(self, words: Words) -> list[Candidate]:
        """Every lexicon word in the document, before any filter (overlapping ones included).

        The words were found by the grammar's matcher (:class:`~pipeline.events.clauses.words.Grammar`
        holds the lexicon's entries too), in one pass with the function words."""
        out = []
        for key, start, end in words.entry_matches:
            entry = self.lexicon.entries[key]
            out.append(
                Candidate(
                    start=start,
                    end=end,
                    type=entry.type,
                    source="lexicon",
                    frame_override=entry.frame_override,
                    nominal=entry.nominal,
                    yield_to_verb=entry.yield_to_verb,
                    participant_event=entry.participant_event,
                    part=self._head(words, start, entry.head) if entry.head else None,
                )
            )
        return out

    @staticmethod
    def _head(words: Words, start: int, syllables: int) -> tuple[int, int]:
        """The characters of the first ``syllables`` syllables from word ``start``: an entry's head
        (:attr:`TriggerEntry.head`), shown as the trigger (:attr:`Candidate.part`)."""
        begin = words.offsets[start]
        for n, m in enumerate(_SYLLABLE.finditer(words.text, begin), 1):
            if n == syllables:
                return begin, m.end()
        return begin, begin

    def select(self, words: Words, found: list[Candidate]) -> list[Candidate]:
        """The candidates the lexicon's rules keep: one per word, longest first, with voice read."""
        found = [c for c in found if keep(c, words)]
        # Longest first, then leftmost: one trigger per word.
        found = sorted(found, key=lambda c: (-(c.end - c.start), c.start))
        taken: set[int] = set()
        kept = []
        for c in found:
            if taken.isdisjoint(range(c.start, c.end)):
                kept.append(c)
                taken.update(range(c.start, c.end))
        kept.sort(key=lambda c: c.start)
        kept = [c for c in kept if not yields(c, kept, words)]
        for c in kept:
            read_voice(c, words)
        return kept

    def entry_for(self, cand: Candidate, words: Words) -> None:
        """Give a model's (or gold) trigger the frame and word class of the lexicon entry with its words (its text and
        tags read from ``words``: no spaCy span or token made)."""
        last = cand.end - 1
        text = words.text[words.offsets[cand.start] : words.offsets[last] + len(words.texts[last])]
        tag = words.tags[cand.start]
        entry = self.entry_by_words.get(" ".join(syllable_key(text)))
        if entry is not None and entry.type == cand.type:
            cand.frame_override, cand.nominal = entry.frame_override, entry.nominal
        elif tag in ("N", "Nc"):  # no entry to go by: the tagger's word class
            cand.nominal = True


def keep(c: Candidate, words: Words) -> bool:
    """Whether a lexicon word is a trigger where it stands."""
    # Inside a name (Hiệp ước Chống tên lửa ...) a verb is part of the name.
    if any(words.named(i) is not None and words.named(i).label_ in NAMED for i in range(c.start, c.end)):
        return False
    # Part of a modality cue (bị cáo buộc, được cho là) rather than an event;
    # a cue word inside a trigger (không in "không kích") does not count.
    for name in ("modality:uncertain", "modality:negation"):
        for start, end in words.overlapping(name, c.start, c.end):
            if start < c.start or end > c.end:
                return False
    if in_an_idiom(c, words):
        return False
    # A participant class, not an event (quân nổi dậy, phe tham chiến), unless the
    # verb is the clause's predicate (Hai người thiệt mạng.) or the entry names the
    # event as a noun (người biểu tình).
    p = words.previous_word(c.start, 0)
    if p >= 0 and words.start_of("participant_nouns", p) is not None:
        if c.participant_event:
            c.nominal = True
        elif not ends_its_clause(c, words):
            return False
    return True


def ends_its_clause(c: Candidate, words: Words) -> bool:
    """Nothing but punctuation, a preposition, a date or a new clause follows the trigger: it is a predicate."""
    j = words.next_word(c.end, len(words.doc))
    return (
        j >= len(words.doc)
        or words.doc[j].is_punct
        or words.is_hard_boundary(j)
        or words.is_preposition(j)
        or words.opens_phrase(j)
        or words.is_date(j)
        or words.end_of("coordinators", j) is not None
    )


def in_an_idiom(c: Candidate, words: Words) -> bool:
    """The trigger word is part of an idiom, an exclamation or a caption (Thôi chết rồi!, sinh nghi)."""
    return bool(words.overlapping("idioms", c.start, c.end))


def retype_accusation(c: Candidate, words: Words, sentence_end: int) -> None:
    """cáo buộc / tố cáo + a crime later in the clause: Justice.Charge-Indict / Justice.Sue, not a statement."""
    for list_name, etype in (("charge_words", "Justice.Charge-Indict"), ("sue_words", "Justice.Sue")):
        if words.end_of(list_name, c.start) != c.end:
            continue
        k = c.end
        while k < sentence_end and not (words.is_hard_boundary(k) or words.clause_boundary_ending(k) is not None):
            if words.end_of("crime_markers", k) is not None:
                c.type, c.frame_override, c.nominal = etype, {}, False
                return
            k += 1


def inside_a_name(c: Candidate, words: Words) -> bool:
    return any(words.named(i) is not None and words.named(i).label_ in NAMED for i in range(c.start, c.end))


def outside_names(c: Candidate, words: Words) -> Candidate | None:
    """A model's trigger with a name inside it, cut to its words after the name (``được [Quốc hội] bầu`` ->
    ``bầu``: the model marks the agent of a passive with its verb, and the word labels make them one run). None
    for a trigger that starts or ends in a name ("Gia thăng" of a king's name: the verb is no more likely than the
    name to be right there). A name is never part of a trigger, the verb after it still is one (issue 12, evd20)."""
    start = c.start
    for i in range(c.start, c.end):
        name = words.named(i)
        if name is not None and name.label_ in NAMED:
            if name.start <= c.start or name.end >= c.end:
                return None
            start = name.end
    if all(words.is_space(i) or words.doc[i].is_punct for i in range(start, c.end)):
        return None
    cut = c.copy()
    cut.start = start
    return cut


def yields(c: Candidate, kept: list[Candidate], words: Words) -> bool:
    """A campaign noun directly qualified by the attack verb that describes it."""
    if not c.yield_to_verb:
        return False
    for other in kept:
        if other is c or other.start < c.end or other.type != c.type or other.nominal:
            continue
        between = range(c.end, other.start)
        if len(between) > 8:
            return False
        return all(words.is_nominal(i) or words.doc[i].lower_ == "của" or words.is_space(i) for i in between)
    return False


def read_voice(c: Candidate, words: Words) -> None:
    """Passive (bị/được right before the trigger, or written in it); nominal use after a classifier.

    The roles are read from the head, the marker out of it (bị *bắt*): a trigger that
    has it (``bị bắt``, from the lexicon or the model) starts after it, where it was is
    kept in ``marker_start`` (a model's trigger shows it: :attr:`Candidate.shown_start`);
    the passive reading (the subject is the Person, not the Agent) is kept.
    """
    marker_end = words.end_of("passive_markers", c.start)
    if marker_end is not None and marker_end < c.end:  # written in it: "bị bắt"
        c.marker_start, c.start, c.passive = c.start, marker_end, True
    elif c.start > 0 and words.start_of("passive_markers", c.start - 1) is not None:  # right before, no gap
        c.passive = True
    p = words.previous_word(c.start, 0)
    # Only a classifier makes a verb a noun here: the tagger's N on a verb
    # (tuyên án/N) is too often wrong to go by.
    if not c.passive and p >= 0 and words.start_of("nominalisers", p) is not None:
        c.nominal = True

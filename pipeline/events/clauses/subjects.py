"""The subject of a trigger, read leftwards: the noun phrase before the verb, voice, doer, co-participants.

Vietnamese is SVO: the subject is the noun phrase before the verb, after
skipping tense/aspect words (``đã``, ``sẽ``), verbs that pass their subject on
(``quân Nga đẩy nhanh việc rút quân``), adverbs and the objects of a relative
clause (``Các binh lính ... phục vụ trong Sư đoàn 127 ... cũng bị bắt giữ``).
``bị``/``được`` before the verb make the reading passive; ``bị/được X verb``
names the doer X. A comma-delimited parenthesis before the verb is an
apposition (skipped) or, after ``cùng với``, a co-participant.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.events.clauses.noun_phrases import Phrase, noun_phrase_ending_at, noun_phrase_starting_at
from pipeline.events.clauses.words import Words


@dataclass
class SubjectReading:
    """What stands before a trigger in its clause."""

    subject: Phrase | None = None
    passive: bool = False
    agent: Phrase | None = None  # the doer of a passive: "bị *quân Nga* bắt"
    comitatives: list[Phrase] = field(default_factory=list)  # "cùng với *X*" in a parenthesis


def read_subject(
    words: Words, trigger_start: int, sentence_start: int, statement_ends: frozenset[int] = frozenset()
) -> SubjectReading:
    """Read leftwards from the trigger starting at ``trigger_start`` to the sentence start.

    ``statement_ends`` are the last tokens of statement triggers (``cho biết``):
    a noun phrase right after one is the reported clause's own subject.
    """
    return _SubjectScan(words, trigger_start, sentence_start, statement_ends).run()


class _SubjectScan:
    """One leftward scan; ``crossed`` records that another predicate lies between us and the trigger."""

    def __init__(self, words: Words, trigger_start: int, sentence_start: int, statement_ends: frozenset[int]):
        self.words = words
        self.trigger_start = trigger_start
        self.s = sentence_start
        self.statement_ends = statement_ends
        self.reading = SubjectReading()
        self.crossed = False  # passive markers further left are not ours
        self.parenthesis_seen = False
        self.apposition_of: int | None = None  # the token a parenthesis describes

    def run(self) -> SubjectReading:
        i: int | None = self.trigger_start - 1
        while i is not None and i >= self.s:
            i = self.step(i)
        return self.reading

    def step(self, i: int) -> int | None:
        """Look at token ``i``; the next token to look at, or None to stop."""
        w = self.words
        if w.is_space(i):
            return i - 1
        cue = w.start_of("modality:uncertain", i)
        if cue is not None:  # được cho là: a cue, though it ends in "là"
            return cue - 1
        if w.is_hard_boundary(i) or w.clause_boundary_ending(i) is not None:
            return None
        if w.is_comma(i):
            return self.parenthesis(i)
        start = w.start_of("coordinators", i)
        if start is not None:
            nxt = w.next_word(i + 1, self.trigger_start)
            if nxt == self.trigger_start or w.is_verb(nxt) or w.end_of("transparent", nxt) is not None:
                self.crossed = True
                return start - 1
            return None
        start = w.start_of("passive_markers", i)
        if start is not None:
            if not self.crossed:
                self.reading.passive = True
            return start - 1
        for name in ("transparent", "modality:uncertain", "modality:negation"):
            start = w.start_of(name, i)
            if start is not None:
                return start - 1
        if w.tag(i) == "R":
            return i - 1
        start = w.start_of("nominalisers", i)
        if start is not None and i + 1 < self.trigger_start and w.is_verb(w.next_word(i + 1, self.trigger_start)):
            self.crossed = True  # "sau cuộc đột kích": the classifier of another event, no noun phrase
            return start - 1
        if w.is_date(i):  # an adverbial of time: "... cho tới năm 1975 rồi từ chức"
            self.crossed = True
            return w.entity_at[i].start - 1
        if w.is_nominal(i) or w.start_of("noun_modifiers", i) is not None or w.is_participant_modifier(i):
            return self.noun_phrase(i)
        if w.is_verb(i) or w.is_preposition(i) or w.tag(i) in ("A", "T"):
            self.crossed = True
            return i - 1
        return None

    def parenthesis(self, comma: int) -> int | None:
        """A comma: skip a ", ... ," parenthesis (taking a "cùng với X" inside it), or stop."""
        w, s = self.words, self.s
        if self.parenthesis_seen:
            return None
        p = w.previous_word(comma, s)
        while p >= s and not w.is_comma(p) and not w.is_hard_boundary(p) and w.clause_boundary_ending(p) is None:
            p = w.previous_word(p, s)
        if p < s or not w.is_comma(p):
            return None
        inner = w.next_word(p + 1, comma)
        end = w.end_of("comitative", inner)
        if end is not None:
            phrase = noun_phrase_starting_at(w, w.next_word(end, comma), comma)
            if phrase:
                self.reading.comitatives.append(phrase)
        self.parenthesis_seen = True
        self.apposition_of = w.previous_word(p, s)  # the noun phrase the parenthesis describes ends here
        return p - 1

    def noun_phrase(self, i: int) -> int | None:
        """A noun phrase ends at ``i``: the subject, the doer of a passive, or an object to pass over."""
        w, s = self.words, self.s
        phrase = noun_phrase_ending_at(w, i, s)
        if phrase is None:
            return i - 1
        if self.apposition_of is not None and phrase.last == self.apposition_of:
            return self.found(phrase)  # "thiếu tá Yury Nikolayevich, chỉ huy phó ..., đã bỏ sang"
        if (
            phrase.end == self.trigger_start
            and w.is_number(phrase.start)
            and w.start_of("time_nouns", phrase.last) is not None
        ):
            return None  # "sau ba ngày giao tranh": the trigger names the fighting, no subject
        b = w.previous_word(phrase.start, s)
        if b >= s and b in self.statement_ends:
            return self.found(phrase)  # "cho biết hai bên đã gặp": the reported clause's own subject
        if b >= s and not self.crossed and w.start_of("passive_markers", b) is not None:
            self.reading.agent = phrase
            self.reading.passive = True
            self.crossed = True
            return w.start_of("passive_markers", b) - 1
        if b < s or self.opens_clause(b):
            return self.found(phrase)
        if w.is_preposition(b) or w.is_verb(b):
            self.crossed = True  # the object of another verb or a preposition
            return b
        return self.found(phrase)

    def opens_clause(self, b: int) -> bool:
        """Token ``b`` before a noun phrase makes that phrase a clause's subject."""
        w = self.words
        return (
            w.is_hard_boundary(b)
            or w.is_comma(b)
            or w.clause_boundary_ending(b) is not None
            or any(
                w.start_of(name, b) is not None
                for name in ("coordinators", "transparent", "clausal_nominalisers", "modality:uncertain")
            )
        )

    def found(self, phrase: Phrase) -> None:
        self.reading.subject = phrase
        return None

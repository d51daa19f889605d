"""Reading a Vietnamese clause around an event trigger: arguments and modality.

There is no dependency parser for Vietnamese that runs offline here
(underthesea's downloads and fails), so the arguments are read off the word
order with rules, on the segmented words, their VLSP tags and ``doc.ents``:

* Vietnamese is SVO and head-initial: the **subject** is the noun phrase
  before the verb, after skipping tense/aspect words and verbs that pass their
  subject on (``quân Nga đẩy nhanh việc rút quân``), and noun phrases that are
  objects inside a relative clause (``Các binh lính ... phục vụ trong Sư đoàn
  127 của Nga đóng tại Armenia cũng bị bắt giữ``); the **object** is the noun
  phrase right after it; prepositions after it (``vào``, ``khỏi``, ``bởi``)
  introduce the other roles. A comma-delimited parenthesis before the verb is
  an apposition (skipped) or, after ``cùng với``, a second participant.
* **Passive**: ``bị``/``được`` right before the verb are part of the trigger
  and make its subject the Person/Target/Recipient role of the frame;
  ``bị/được X verb`` and ``bởi/do X`` name the doer.
* **Time and place** hang on the nearest predicate to their left (a DATE or a
  locative ``ở/tại/gần`` + LOC), or, fronted before the subject, on the first
  one to their right; a predicate takes one locative, and a second locative
  right after a place locates that place (``gần làng Merjimek ở Kelbajar``).
* **Modality**: a negation right before the trigger negates it; an
  uncertainty cue (``được cho là``, ``có thể``), a negation of another verb,
  or the scope of a statement verb earlier in the clause make it
  reported/uncertain.

Every word list comes from the lexicon file (``grammar``, ``modality``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from pipeline.events.lexicon import Frame, Lexicon
from pipeline.events.phrases import SyllableMatcher

NAMED = frozenset({"PER", "LOC", "ORG", "MISC"})
_NOMINAL_TAGS = frozenset({"N", "Np", "Nc", "Nu", "Ny", "Nb", "P", "M", "FW"})
_HARD_BOUNDARIES = frozenset(';:()[]"“”«»!?…') | {"...", "--", "–", "—"}
STATEMENT = "Contact.Statement"


@dataclass
class Candidate:
    """A trigger found by a backend, before its arguments are read."""

    start: int  # token offsets in the Doc
    end: int
    type: str
    source: str
    frame_override: dict = field(default_factory=dict)
    nominal: bool = False
    passive: bool = False
    yield_to_verb: bool = False
    score: float | None = None


class Grammar:
    """The lexicon's word lists, compiled once per pipeline into one matcher."""

    def __init__(self, vocab, lexicon: Lexicon):
        self.lexicon = lexicon
        self.matcher = SyllableMatcher(vocab)
        lists = dict(lexicon.grammar)
        lists.update({f"modality:{k}": v for k, v in lexicon.modality.items()})
        lists["time_prepositions"] = tuple(lexicon.time_prepositions)
        preps = set()
        for frame in lexicon.frames.values():
            preps.update(frame.prepositions)
        for entry in lexicon.entries.values():
            preps.update(entry.frame_override.get("prepositions", {}))
        lists["frame_prepositions"] = tuple(sorted(preps))
        for name, phrases in lists.items():
            for phrase in phrases:
                self.matcher.add(name, phrase)
            # also the preposition words themselves, to know which role they give
            for phrase in phrases:
                self.matcher.add(f"{name}={phrase}", phrase)


class SentenceReader:
    """Argument and modality rules for the triggers of one ``Doc``."""

    def __init__(self, doc: Doc, grammar: Grammar):
        self.doc = doc
        self.g = grammar
        self.lex = grammar.lexicon
        # list name -> {end: start} and {start: end} of its longest matches
        self.ends: dict[str, dict[int, int]] = {}
        self.starts: dict[str, dict[int, int]] = {}
        self.phrase_at: dict[tuple[str, int], str] = {}  # (list, start) -> the longest phrase matched there
        for key, start, end in grammar.matcher(doc):
            if "=" in key:
                name, phrase = key.split("=", 1)
                prev = self.phrase_at.get((name, start))
                if prev is None or len(phrase) > len(prev):
                    self.phrase_at[(name, start)] = phrase
                continue
            ends = self.ends.setdefault(key, {})
            if end not in ends or start < ends[end]:
                ends[end] = start
            starts = self.starts.setdefault(key, {})
            if start not in starts or end > starts[start]:
                starts[start] = end
        self.ent_at: dict[int, Span] = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.ent_at[i] = ent

    # ------------------------------------------------------------ token classes

    def ending(self, name: str, i: int) -> int | None:
        """Start of the longest phrase of list ``name`` that ends with token ``i``."""
        return self.ends.get(name, {}).get(i + 1)

    def starting(self, name: str, i: int) -> int | None:
        """End of the longest phrase of list ``name`` that starts at token ``i``."""
        return self.starts.get(name, {}).get(i)

    def tag(self, i: int) -> str:
        return self.doc[i].tag_

    def is_space(self, i: int) -> bool:
        return self.doc[i].is_space

    def is_comma(self, i: int) -> bool:
        return self.doc[i].text == ","

    def is_hard_boundary(self, i: int) -> bool:
        return self.doc[i].text in _HARD_BOUNDARIES or "\n" in self.doc[i].text

    def named(self, i: int) -> Span | None:
        ent = self.ent_at.get(i)
        return ent if ent is not None and ent.label_ != "DATE" else None

    def is_date(self, i: int) -> bool:
        ent = self.ent_at.get(i)
        return ent is not None and ent.label_ == "DATE"

    def is_nominal(self, i: int) -> bool:
        tok = self.doc[i]
        if self.is_date(i):
            return False
        return (
            tok.tag_ in _NOMINAL_TAGS
            or tok.pos_ in ("NOUN", "PROPN", "PRON", "NUM")
            or tok.like_num
            or self.named(i) is not None
        )

    def is_number(self, i: int) -> bool:
        tok = self.doc[i]
        return tok.like_num or tok.tag_ == "M" or tok.pos_ == "NUM"

    def is_time_start(self, i: int) -> bool:
        """A time expression the entity recogniser did not mark starts at ``i`` (năm 1993, mùa hè 1992)."""
        end = self.starting("time_nouns", i)
        if end is None:
            return False
        return any(k < len(self.doc) and self.is_number(k) for k in (end, end + 1))

    def opens_phrase(self, i: int) -> bool:
        """A preposition or conjunction the tagger may have read as a noun (sau, trong, khi)."""
        return any(
            self.starting(name, i) is not None
            for name in (
                "time_prepositions",
                "locative_prepositions",
                "frame_prepositions",
                "agent_prepositions",
                "clause_boundaries",
                "comitative",
            )
        )

    def is_participant_modifier(self, i: int) -> bool:
        """A verb naming a class of participants after its noun: người *biểu tình*, lính *đánh thuê*."""
        return i > 0 and self.is_verb(i) and self.ending("participant_nouns", i - 1) is not None

    def is_verb(self, i: int) -> bool:
        return self.tag(i).startswith("V") or self.doc[i].pos_ in ("VERB", "AUX")

    def is_preposition(self, i: int) -> bool:
        return self.tag(i) == "E" or self.doc[i].pos_ == "ADP"

    def is_predicate(self, i: int, trigger_tokens: set[int]) -> bool:
        if i in trigger_tokens:
            return True
        if not self.is_verb(i):
            return False
        for name in ("non_predicates", "transparent", "modality:uncertain"):
            start = self.ending(name, i)
            if start is not None:
                return False
            if self.starting(name, i) is not None:
                return False
        # a verb after a classifier is a noun: tội *tham nhũng*, cuộc *họp*
        if i > 0 and (
            self.ending("nominalisers", i - 1) is not None or self.ending("clausal_nominalisers", i - 1) is not None
        ):
            return False
        return True

    def clause_boundary_ending(self, i: int) -> int | None:
        return self.ending("clause_boundaries", i)

    # ------------------------------------------------------------ noun phrases

    def np_left(self, j: int, s: int) -> tuple[int, int] | None:
        """The core noun phrase ending at token ``j`` (sentence starts at ``s``), as (start, end)."""
        end = j + 1
        k = j
        start = self.ending("demonstratives", k)
        if start is not None and start > s:
            k = start - 1
        if k < s or not (
            self.is_nominal(k) or self.ending("noun_modifiers", k) is not None or self.is_participant_modifier(k)
        ):
            return None
        if self.opens_phrase(k) and self.named(k) is None:  # "sau", "trong" read as nouns
            return None
        head_seen = False
        while k >= s:
            if self.is_space(k) or self.is_date(k) or self.clause_boundary_ending(k) is not None:
                break
            if self.is_time_start(k):  # "... năm 1993": the phrase starts after the date
                break
            if k < j and self.opens_phrase(k) and self.named(k) is None:  # "sau" read as a noun
                break
            ent = self.named(k)
            if ent is not None:
                if ent.start < s:
                    break
                k = ent.start - 1
                head_seen = True
                continue
            start = self.ending("noun_modifiers", k)
            if start is not None and start >= s:
                k = start - 1
                continue
            if self.is_participant_modifier(k):
                k -= 1
                continue
            start = self.ending("determiners", k)
            if start is not None and start >= s and head_seen:
                # A noun phrase opens with its determiners (tất cả các ...): nothing before them.
                k = start - 1
                while k >= s and self.ending("determiners", k) is not None and self.ending("determiners", k) >= s:
                    k = self.ending("determiners", k) - 1
                break
            if self.is_nominal(k):
                head_seen = True
                k -= 1
                continue
            break
        if not head_seen or k + 1 >= end:
            return None
        return (k + 1, end)

    def np_right(self, i: int, e: int) -> tuple[int, int] | None:
        """The core noun phrase starting at token ``i`` (sentence ends at ``e``), as (start, end)."""
        k = i
        while k < e:
            end = self.starting("determiners", k)
            if end is None or end > e:
                break
            k = end
        head = k
        if head < e and self.opens_phrase(head) and not self.is_nominal_entity_start(head):
            return None
        while k < e:
            if self.is_space(k) or self.is_date(k) or (k > head and self.starting("clause_boundaries", k) is not None):
                break
            if self.is_time_start(k) or (k > head and self.opens_phrase(k) and self.named(k) is None):
                break
            ent = self.named(k)
            if ent is not None:
                if ent.end > e:
                    break
                k = ent.end
                continue
            end = self.starting("noun_modifiers", k)
            if end is not None and end <= e and k > head:
                k = end
                continue
            if k > head and self.is_participant_modifier(k):
                k += 1
                continue
            end = self.starting("demonstratives", k)
            if end is not None and end <= e and k > head:
                k = end
                break
            if self.is_nominal(k):
                k += 1
                if self.tag(k - 1) == "P" and k - 1 > head:  # ông ta, hàng ngũ họ: a pronoun closes the phrase
                    break
                continue
            break
        if k == head:
            return None
        return (i, k)

    def is_nominal_entity_start(self, i: int) -> bool:
        ent = self.named(i)
        return ent is not None and ent.start == i

    def is_non_argument(self, start: int, end: int) -> bool:
        """Reciprocal and reflexive pronouns (nhau, mình) point back; they are no argument of their own."""
        return self.starting("non_arguments", start) == end

    def resolve(self, start: int, end: int) -> tuple[int, int]:
        """The argument span for a noun phrase: the named entity when the phrase
        is a generic head + a name (``phía Azerbaijan`` -> ``Azerbaijan``), else the phrase."""
        heads = self.ends.get("transparent_heads", {})
        titles = self.ends.get("titles", {})
        for k in range(start + 1, end):
            ent = self.named(k)
            if ent is None or ent.start != k or ent.end != end:
                continue
            # tokens [start, k) are a generic head (nước, nước Cộng hòa) or a person's title
            if heads.get(k) == start or (titles.get(k) == start and ent.label_ == "PER"):
                return (ent.start, ent.end)
        return (start, end)

    def label_of(self, start: int, end: int) -> str:
        ent = self.ent_at.get(start)
        if ent is not None and ent.start == start and ent.end == end:
            return ent.label_
        return "OTHER"

    # ------------------------------------------------------------ clause reading

    def previous(self, i: int, s: int) -> int:
        """The index of the nearest non-space token before ``i`` (``s - 1`` if none)."""
        i -= 1
        while i >= s and self.is_space(i):
            i -= 1
        return i

    def next(self, i: int, e: int) -> int:
        while i < e and self.is_space(i):
            i += 1
        return i

    def subject(self, t_start: int, s: int, statement_ends: frozenset[int] = frozenset()) -> dict:
        """Read leftwards from a trigger: subject, passive, doer, co-participants."""
        out = {"subject": None, "passive": False, "agent": None, "comitative": []}
        i = t_start - 1
        crossed = False  # passed another predicate: passive markers further left are not ours
        found_comma_parenthesis = False
        apposition_of = None
        while i >= s:
            if self.is_space(i):
                i -= 1
                continue
            cue = self.ending("modality:uncertain", i)
            if cue is not None:  # được cho là: a cue, though it ends in "là"
                i = cue - 1
                continue
            if self.is_hard_boundary(i) or self.clause_boundary_ending(i) is not None:
                break
            if self.is_comma(i):
                if found_comma_parenthesis:
                    break
                p = self.previous(i, s)
                while (
                    p >= s
                    and not self.is_comma(p)
                    and not self.is_hard_boundary(p)
                    and self.clause_boundary_ending(p) is None
                ):
                    p = self.previous(p, s)
                if p >= s and self.is_comma(p):
                    inner = self.next(p + 1, i)
                    end = self.starting("comitative", inner)
                    if end is not None:
                        np = self.np_right(self.next(end, i), i)
                        if np:
                            out["comitative"].append(np)
                    found_comma_parenthesis = True
                    apposition_of = self.previous(p, s)  # the noun phrase the parenthesis describes ends here
                    i = p - 1
                    continue
                break
            start = self.ending("coordinators", i)
            if start is not None:
                nxt = self.next(i + 1, t_start)
                if nxt == t_start or self.is_verb(nxt) or self.starting("transparent", nxt) is not None:
                    crossed = True
                    i = start - 1
                    continue
                break
            start = self.ending("passive_markers", i)
            if start is not None:
                if not crossed:
                    out["passive"] = True
                i = start - 1
                continue
            start = self.ending("transparent", i)
            if start is None:
                start = self.ending("modality:uncertain", i)
            if start is None:
                start = self.ending("modality:negation", i)
            if start is not None:
                i = start - 1
                continue
            if self.tag(i) == "R":
                i -= 1
                continue
            start = self.ending("nominalisers", i)
            if start is not None and i + 1 < t_start and self.is_verb(self.next(i + 1, t_start)):
                crossed = True  # "sau cuộc đột kích": the classifier of another event, no noun phrase
                i = start - 1
                continue
            if self.is_date(i):  # an adverbial of time: "... cho tới năm 1975 rồi từ chức"
                crossed = True
                i = self.ent_at[i].start - 1
                continue
            if self.is_nominal(i) or self.ending("noun_modifiers", i) is not None or self.is_participant_modifier(i):
                np = self.np_left(i, s)
                if np is None:
                    i -= 1
                    continue
                if apposition_of is not None and np[1] - 1 == apposition_of:
                    out["subject"] = np  # "thiếu tá Yury Nikolayevich, chỉ huy phó ..., đã bỏ sang"
                    return out
                if np[1] == t_start and self.is_number(np[0]) and self.ending("time_nouns", np[1] - 1) is not None:
                    return out  # "sau ba ngày giao tranh": the trigger names the fighting, no subject
                b = self.previous(np[0], s)
                if b >= s and b in statement_ends:
                    out["subject"] = np  # "cho biết hai bên đã gặp": the reported clause's own subject
                    return out
                if b >= s and not crossed and self.ending("passive_markers", b) is not None:
                    out["agent"] = np
                    out["passive"] = True
                    i = self.ending("passive_markers", b) - 1
                    crossed = True
                    continue
                if (
                    b < s
                    or self.is_hard_boundary(b)
                    or self.is_comma(b)
                    or self.clause_boundary_ending(b) is not None
                    or self.ending("coordinators", b) is not None
                    or self.ending("transparent", b) is not None
                    or self.ending("clausal_nominalisers", b) is not None
                    or self.ending("modality:uncertain", b) is not None
                ):
                    out["subject"] = np
                    return out
                if self.is_preposition(b) or self.is_verb(b):
                    crossed = True
                    i = b
                    continue
                out["subject"] = np
                return out
            if self.is_verb(i) or self.is_preposition(i) or self.tag(i) in ("A", "T"):
                crossed = True
                i -= 1
                continue
            break
        return out

    def crime_phrase(self, i: int, e: int) -> tuple[int, int] | None:
        """What follows "về tội": a crime is often a verb (tham nhũng, phản quốc, giết người)."""
        k = i
        while (
            k < e
            and not self.is_space(k)
            and not self.is_date(k)
            and not self.is_hard_boundary(k)
            and not self.is_comma(k)
            and not self.opens_phrase(k)
            and self.starting("transparent", k) is None
            and (self.is_nominal(k) or self.is_verb(k) or self.tag(k) == "A")
        ):
            k += 1
        return (i, k) if k > i else None

    def conjuncts_right(self, np: tuple[int, int], e: int) -> list[tuple[int, int]]:
        """Noun phrases coordinated after ``np`` (Sài Gòn *và Huế*), unless one opens a new clause."""
        out = []
        end = np[1]
        while True:
            j = self.next(end, e)
            k = self.starting("np_conjunctions", j) if j < e else None
            if k is None:
                break
            nxt = self.np_right(self.next(k, e), e)
            if nxt is None:
                break
            after = self.next(nxt[1], e)
            if after < e and self.is_verb(after) and self.starting("transparent", after) is None:
                break  # "... và quân Nga rút": a subject of its own
            out.append(nxt)
            end = nxt[1]
        return out

    def conjuncts_left(self, np: tuple[int, int], s: int) -> list[tuple[int, int]]:
        """A noun phrase coordinated before a clause-initial ``np`` (*Nga và* Armenia tấn công)."""
        b = self.previous(np[0], s)
        start = self.ending("np_conjunctions", b) if b >= s else None
        if start is None:
            return []
        prev = self.previous(start, s)
        if prev < s or not self.is_nominal(prev):
            return []
        other = self.np_left(prev, s)
        if other is None:
            return []
        before = self.previous(other[0], s)
        if before >= s and not (
            self.is_hard_boundary(before) or self.is_comma(before) or self.clause_boundary_ending(before) is not None
        ):
            return []
        return [other]

    def object(self, t_end: int, e: int) -> tuple[int, int] | None:
        i = self.next(t_end, e)
        if i >= e:
            return None
        if self.starting("frame_prepositions", i) is not None or self.starting("agent_prepositions", i) is not None:
            return None
        return self.np_right(i, e)

    def clause_end(self, i: int, e: int) -> int:
        while i < e:
            if self.is_hard_boundary(i) or self.is_comma(i):
                return i
            boundary = self.starting("clause_boundaries", i)
            # "vì tội X" is a preposition of the frame, not "vì" (because) opening a clause
            if boundary is not None and (self.starting("frame_prepositions", i) or 0) <= boundary:
                return i
            i += 1
        return e

    def prepositional(
        self, after: int, e: int, frame: Frame, passive: bool, nominal: bool
    ) -> list[tuple[str, tuple[int, int]]]:
        """(role, noun phrase) for the prepositional phrases after a trigger, up to the next predicate."""
        out: list[tuple[str, tuple[int, int]]] = []
        end = self.clause_end(after, e)
        i = after
        first = True
        while i < end:
            if self.is_space(i):
                i += 1
                continue
            j = self.starting("agent_prepositions", i)
            if j is not None and passive and frame.agent:
                np = self.np_right(self.next(j, end), end)
                if np:
                    out.append((frame.agent, np))
                    i = np[1]
                    continue
            if nominal and first and self.doc[i].lower_ == "của" and frame.possessor:
                np = self.np_right(self.next(i + 1, end), end)
                if np:
                    out.append((frame.possessor, np))
                    i = np[1]
                    first = False
                    continue
            j = self.starting("frame_prepositions", i)
            phrase = self.phrase_at.get(("frame_prepositions", i))
            if j is not None and phrase in frame.prepositions:
                if frame.prepositions[phrase] == "Crime":
                    np = self.crime_phrase(self.next(j, end), end)
                else:
                    np = self.np_right(self.next(j, end), end)
                if np:
                    out.append((frame.prepositions[phrase], np))
                    i = np[1]
                    first = False
                    continue
            first = False
            if self.is_nominal(i) or self.is_preposition(i) or self.starting("determiners", i) is not None:
                np = self.np_right(i, end)
                i = np[1] if np else i + 1
                continue
            if self.is_verb(i) and self.starting("transparent", i) is None:
                break
            i += 1
        return out

    # ------------------------------------------------------------ time and place

    def attachments(self, sent: Span, triggers: list[Candidate]) -> tuple[dict[int, list], dict[int, tuple[int, int]]]:
        """Dates and places of a sentence, attached to the triggers they belong to.

        Returns ``(times, places)``: trigger index -> [(role, (start, end))] and
        trigger index -> (start, end).
        """
        s, e = sent.start, sent.end
        trigger_of: dict[int, int] = {}
        for n, cand in enumerate(triggers):
            for i in range(cand.start, cand.end):
                trigger_of[i] = n
        trig_tokens = set(trigger_of)

        def blocked(i: int) -> bool:
            return self.is_hard_boundary(i) or self.clause_boundary_ending(i) is not None

        def predicate_left(i: int, taken: set[int] | None = None) -> int | None:
            k = i - 1
            while k >= s:
                if self.doc[k].text == ")":  # a parenthesis inside the clause: "(spetznaz)"
                    opening = k - 1
                    while opening >= s and self.doc[opening].text != "(":
                        opening -= 1
                    if opening >= s:
                        k = opening - 1
                        continue
                if blocked(k):
                    break
                if self.is_predicate(k, trig_tokens):
                    head = trigger_of.get(k, k)
                    key = ("t", head) if k in trigger_of else ("v", k)
                    if taken is None or key not in taken:
                        return k
                k -= 1
            return None

        def predicate_right(i: int) -> int | None:
            k = i
            while k < e and not (self.is_hard_boundary(k) or self.starting("clause_boundaries", k) is not None):
                if self.is_predicate(k, trig_tokens):
                    return k
                k += 1
            return None

        times: dict[int, list] = {}
        for ent in sent.ents:
            if ent.label_ != "DATE":
                continue
            p = predicate_left(ent.start)
            if p is None:
                p = predicate_right(ent.end)
            if p is None or p not in trigger_of:
                continue
            role = "Time-Within"
            b = self.previous(ent.start, s)
            if b >= s:
                start = self.ending("time_prepositions", b)
                if start is not None:
                    phrase = self.phrase_at.get(("time_prepositions", start))
                    role = self.lex.time_prepositions.get(phrase, role)
            times.setdefault(trigger_of[p], []).append((role, (ent.start, ent.end)))

        places: dict[int, tuple[int, int]] = {}
        taken: set = set()
        last_place_end = None
        i = s
        while i < e:
            j = self.starting("locative_prepositions", i)
            if j is None or j > e:
                i += 1
                continue
            np = self.np_right(self.next(j, e), e)
            if np is None:
                i = j
                continue
            span = self.resolve(*np)
            # "làng Merjimek ở Kelbajar": a place "in" the place just named locates it,
            # not the event; "tại Armenia gần làng Merjimek" is a second locative.
            chained = (
                last_place_end is not None
                and self.previous(i, s) == last_place_end - 1
                and self.starting("containment_prepositions", i) is not None
            )
            last_place_end = np[1]
            if chained:
                i = np[1]
                continue
            p = predicate_left(i, taken)
            if p is None and predicate_left(i) is None:  # fronted: "Tại Azerbaijan, quân Nga ..."
                p = predicate_right(np[1])
            if p is not None:
                taken.add(("t", trigger_of[p]) if p in trigger_of else ("v", p))
                if p in trigger_of and self.label_of(*span) == "LOC" and trigger_of[p] not in places:
                    places[trigger_of[p]] = span
            i = np[1]
        return times, places

    # ------------------------------------------------------------ modality

    def modality(self, cand: Candidate, s: int, statements: list[Candidate]) -> str:
        i = self.previous(cand.start, s)
        while i >= s:
            start = self.ending("modality:negation_gap", i)
            if start is None:
                break
            i = self.previous(start, s)
        if i >= s and self.ending("modality:negation", i) is not None:
            return "negated"
        i = cand.start - 1
        while i >= s:
            if self.is_hard_boundary(i) or self.is_comma(i):
                break
            if self.ending("modality:uncertain", i) is not None or self.ending("modality:negation", i) is not None:
                return "reported/uncertain"
            if self.clause_boundary_ending(i) is not None:
                break
            i -= 1
        if self.lex.statement_scope:
            for st in statements:
                if st.end <= cand.start and st is not cand:
                    between = range(st.end, cand.start)
                    if not any(self.is_comma(k) or self.is_hard_boundary(k) for k in between):
                        return "reported/uncertain"
        return "asserted"

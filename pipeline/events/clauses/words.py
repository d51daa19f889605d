"""What each word of a ``Doc`` is, for the clause rules: the lexicon's word lists and the tagger's classes.

:class:`Grammar` compiles the lexicon's word lists (``grammar`` and
``modality`` in ``lexicon.yaml``) into one matcher per pipeline;
:class:`Words` runs it on one ``Doc`` and answers the questions every reader
asks about a token: does a phrase of list *X* end or start here, is it a noun,
a verb, a boundary, inside a name or a date.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate
from operator import itemgetter
from typing import NamedTuple

import numpy as np
from spacy.attrs import IDX, IS_SPACE, LIKE_NUM, ORTH, POS, SPACY, TAG
from spacy.parts_of_speech import NAMES as _POS_NAMES
from spacy.tokens import Doc, Span

from pipeline.events.lexicon import Lexicon
from pipeline.text.memo import BoundedTable
from pipeline.text.phrases import SyllableMatcher

NAMED = frozenset({"PER", "LOC", "ORG", "MISC"})
_ATTRIBUTES = [ORTH, TAG, POS, IS_SPACE, LIKE_NUM, IDX, SPACY]  # what Words reads of each token (Doc.to_array)
ENTRY_PREFIX = "entry:"
NOMINAL_TAGS = frozenset({"N", "Np", "Nc", "Nu", "Ny", "Nb", "P", "M", "FW"})
NOMINAL_UPOS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
EMPTY: dict[int, int] = {}  # what a list with no match in a document answers (never written to)
HARD_BOUNDARIES = frozenset(';:()[]"“”«»!?…') | {"...", "--", "–", "—"}
# Lists whose first word the tagger may have read as a noun (sau, trong, khi): a
# noun phrase never starts on one of them.
PHRASE_OPENERS = (
    "time_prepositions",
    "locative_prepositions",
    "frame_prepositions",
    "agent_prepositions",
    "clause_boundaries",
    "comitative",
)


class _WordClasses(dict):
    """(tag, UPOS, like a number) -> (a number, a verb, nominal before names and dates count): filled as met."""

    def __missing__(self, key: tuple[str, str, bool]) -> tuple[bool, bool, bool]:
        tag, u, like = key
        out = self[key] = (
            bool(like or tag == "M" or u == "NUM"),
            tag.startswith("V") or u in ("VERB", "AUX"),
            bool(tag in NOMINAL_TAGS or u in NOMINAL_UPOS or like),
        )
        return out


_CLASSES = _WordClasses()
_FIRST, _SECOND, _THIRD = itemgetter(0), itemgetter(1), itemgetter(2)


#: A word's text -> whether it is a comma or a hard boundary (is_comma, is_hard_boundary), by word form.
_BOUNDARY_TEXTS: BoundedTable[str, bool] = BoundedTable(
    lambda text: text == "," or text in HARD_BOUNDARIES or "\n" in text
)


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
        # Each phrase of each list under its own key, "list=phrase": a match says which list and which phrase (a
        # preposition's words give its role). (A key per list as well found every match twice.)
        self.listed: dict[str, tuple[str, str]] = {}  # key -> (list, phrase)
        for name, phrases in lists.items():
            for phrase in phrases:
                key = f"{name}={phrase}"
                self.matcher.add(key, phrase)
                self.listed[key] = (name, phrase)
        # The lexicon's trigger words too: one pass over a document finds everything.
        for key, entry in lexicon.entries.items():
            self.matcher.add(f"{ENTRY_PREFIX}{key}", entry.words, entry.pos or None)
        self._strings = vocab.strings
        self._known: dict[int, str] = {}  # string hash -> string: the words met (bounded, see strings_of)

    def strings_of(self, hashes: list[int]) -> list[str]:
        """The strings of ``hashes`` (the vocabulary's), from a table of those met before."""
        known = self._known
        out = list(map(known.get, hashes))
        if None in out:
            if len(known) > 1 << 17:  # a long run meets ever more words: start afresh rather than grow
                known.clear()
            strings = self._strings
            for k, h in enumerate(hashes):
                if out[k] is None:
                    text = known.get(h)
                    if text is None:
                        text = known[h] = strings[h]
                    out[k] = text
        return out


class PhraseContext(NamedTuple):
    """What a noun-phrase walk (:mod:`pipeline.events.clauses.noun_phrases`) reads of a text, gathered once per text
    (:attr:`Words.starting_context`, :attr:`Words.ending_context`): the lists' matches by the word they start at (a
    walk forwards) or end after (a walk backwards), then the word classes. The walks unpack it into locals, in this
    order: they run for every word of every trigger's window."""

    determiners: dict[int, int]
    boundaries: dict[int, int]  # clause boundaries
    modifiers: dict[int, int]  # noun modifiers
    demonstratives: dict[int, int]
    participants: dict[int, int]  # participant nouns, by the word they end after in both directions
    nominals: list[bool]
    verbs: list[bool]
    named: dict[int, Span]
    openers: set[int]
    spaces: list[bool]
    dates: set[int]
    time_starts: set[int]


class Words:
    """The word lists matched on one ``Doc``, and the word classes the clause rules use."""

    def __init__(self, doc: Doc, grammar: Grammar):
        self.doc = doc
        self.grammar = grammar
        self.lexicon = grammar.lexicon
        # list name -> {end: start} and {start: end} of its longest matches
        self.ends: dict[str, dict[int, int]] = {}
        self.starts: dict[str, dict[int, int]] = {}
        self.phrase_at: dict[tuple[str, int], str] = {}  # (list, start) -> the longest phrase matched there
        self.entry_matches: list[tuple[str, int, int]] = []  # (lexicon entry key, start, end)
        # One pass over the tokens: the classes below (and the model's features) ask for these
        # again and again, and each spaCy Token or Span made costs.
        # The tokens' attributes in one call (Doc.to_array), their strings by a table kept per pipeline: each
        # attribute of each Token asked for in Python cost more, and the matcher reads them (no Token made).
        orth, tag, pos, space, like_num, idx, spacy = doc.to_array(_ATTRIBUTES).T.tolist() if len(doc) else [[]] * 7
        self.texts = grammar.strings_of(orth)
        self.tags = grammar.strings_of(tag)
        self.upos = list(map(_POS_NAMES.__getitem__, pos))
        matches = grammar.matcher.match_words(self.texts, self.tags, self.upos)
        self._widest = max((end - start for _, start, end in matches), default=1)  # words of the longest match
        listed, phrase_at, all_ends, all_starts = grammar.listed, self.phrase_at, self.ends, self.starts
        for key, start, end in matches:
            found = listed.get(key)
            if found is None:  # a lexicon entry's
                self.entry_matches.append((key[len(ENTRY_PREFIX) :], start, end))
                continue
            name, phrase = found
            prev = phrase_at.get((name, start))
            if prev is None or len(phrase) > len(prev):
                phrase_at[(name, start)] = phrase
            ends = all_ends.get(name)
            if ends is None:
                ends = all_ends[name] = {}
                all_starts[name] = {}
            if end not in ends or start < ends[end]:
                ends[end] = start
            starts = all_starts[name]
            if start not in starts or end > starts[start]:
                starts[start] = end
        self.text = "".join([text + " " if ws else text for text, ws in zip(self.texts, spacy)])
        self.spaces = list(map(bool, space))
        self.like_num = list(map(bool, like_num))
        self.offsets = idx
        self.ents: tuple[Span, ...] = tuple(doc.ents)  # doc.ents makes new Spans on every call
        self._ent_starts = [ent.start for ent in self.ents]
        self._boundary_counts: tuple[list[int], list[int]] | None = None  # see boundary_counts
        self._boundary_arrays: tuple[np.ndarray, np.ndarray] | None = None  # see boundary_arrays
        self._edges: tuple[list[bool], list[bool]] | None = None  # see noun_phrase_edges
        # The noun phrases starting and ending at a word with the text's edges as bounds, as the pairwise
        # classifier's candidates have asked for them (pipeline.events.arguments.candidate_spans)
        self.phrases_from_edge: tuple[dict[int, int | None], dict[int, int | None]] = ({}, {})  # end, start or None
        # The argument span of each noun phrase the candidates have asked for (see pipeline.events.arguments)
        self.argument_spans: dict[int, int] = {}
        self.entity_at: dict[int, Span] = {}
        self._named: dict[int, Span] = {}  # the entity (not a date) each token is in
        self._dates: set[int] = set()  # the tokens inside a date
        for ent in self.ents:
            dated = ent.label_ == "DATE"  # Span.label_ asks the vocab's string store on each call
            for i in range(ent.start, ent.end):
                self.entity_at[i] = ent
                if dated:
                    self._dates.add(i)
                else:
                    self._named[i] = ent
        # The word classes every reader asks about many times per word (the pairwise argument
        # classifier for each word of a trigger's window): computed once per token.
        # Each depends on the word's tag, UPOS and number-likeness alone: read from a table of the combinations met
        # (a few dozen), where a test per word of every text cost more.
        n = len(self.texts)
        # (Not zip(*classes): an iterator per word, which the collector tracks.)
        classes = list(map(_CLASSES.__getitem__, zip(self.tags, self.upos, self.like_num)))
        self._numbers = list(map(_FIRST, classes))
        self._verbs = list(map(_SECOND, classes))
        # Nominal: a noun's tag or UPOS, a number, or in a name; never in a date.
        nominals = list(map(_THIRD, classes))
        for i in self._named:
            nominals[i] = True
        for i in self._dates:
            nominals[i] = False
        self._nominals = nominals
        self._openers = {i for name in PHRASE_OPENERS for i in self.starts.get(name, EMPTY)}
        self._time_starts = {
            start
            for start, end in self.starts.get("time_nouns", EMPTY).items()
            if any(k < n and self._numbers[k] for k in (end, end + 1))
        }
        # What the noun-phrase walks (pipeline.events.clauses.noun_phrases) read, gathered once per text: they run
        # for every word of every trigger's window, and looking these up at each call was a third of a walk.
        classes = (nominals, self._verbs, self._named, self._openers, self.spaces, self._dates, self._time_starts)
        participants = self.ends.get("participant_nouns", EMPTY)

        def context(matches: dict[str, dict[int, int]]) -> PhraseContext:
            return PhraseContext(
                matches.get("determiners", EMPTY),
                matches.get("clause_boundaries", EMPTY),
                matches.get("noun_modifiers", EMPTY),
                matches.get("demonstratives", EMPTY),
                participants,
                *classes,
            )

        self.starting_context = context(self.starts)
        self.ending_context = context(self.ends)

    def boundary_counts(self) -> tuple[list[int], list[int]]:
        """How many clause boundaries (commas included) and verbs lie in words ``[0, i)``, for each ``i`` in
        ``[0, len(doc)]``: made once per document, the count between two words is a subtraction (the
        argument model's features and the pairwise classifier's ask it for every word of every trigger's
        window)."""
        if self._boundary_counts is None:
            # is_comma or is_hard_boundary (by the word's text: a table of the forms met), then clause_boundary_ending
            # where a listed boundary ends (a loop over the matches, not the words): this runs on every text.
            boundary = list(map(_BOUNDARY_TEXTS.__getitem__, self.texts))
            n = len(boundary)
            for end in self.ends.get("clause_boundaries", EMPTY):
                if 0 < end <= n:
                    boundary[end - 1] = True
            self._boundary_counts = (list(accumulate(boundary, initial=0)), list(accumulate(self._verbs, initial=0)))
        return self._boundary_counts

    def boundary_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`boundary_counts` as numpy arrays, made once per document (the argument rows and the pairwise
        classifier's read them for all the triggers of a text at once)."""
        if self._boundary_arrays is None:
            self._boundary_arrays = tuple(map(np.asarray, self.boundary_counts()))
        return self._boundary_arrays

    def noun_phrase_edges(self) -> tuple[list[bool], list[bool]]:
        """For each word, whether a noun phrase may start there (a determiner starts there, or it is nominal) and
        whether one may end there (a demonstrative, a noun modifier or a participant verb ends there, or it is
        nominal): where not, :func:`~pipeline.events.clauses.noun_phrases.noun_phrase_starting_at` and
        ``noun_phrase_ending_at`` find none, whatever the bounds, and the pairwise classifier's candidates ask
        them for every word of every trigger's window. Made once per document."""
        if self._edges is None:
            n = len(self.texts)
            determiners = self.starts.get("determiners", EMPTY)
            closing = set(self.ends.get("demonstratives", EMPTY)) | set(self.ends.get("noun_modifiers", EMPTY))
            participants = self.ends.get("participant_nouns", EMPTY)
            verbs, nominals = self._verbs, self._nominals
            # The nominal words, then the few words a list's match adds (a loop over the matches, not the words).
            may_start, may_end = nominals.copy(), nominals.copy()
            for i in determiners:
                if i < n:
                    may_start[i] = True
            for end in closing:
                if 0 < end <= n:
                    may_end[end - 1] = True
            for i in participants:
                if 0 < i < n and verbs[i]:
                    may_end[i] = True
            self._edges = (may_start, may_end)
        return self._edges

    def overlapping(self, list_name: str, start: int, end: int) -> list[tuple[int, int]]:
        """The longest matches ``(start, end)`` of list ``list_name`` (as :attr:`starts` holds them) that share a
        word with tokens ``[start, end)``, by start: only the starts a match can reach from are looked at, where a
        loop over all the list's matches for each trigger took seconds on a book."""
        starts = self.starts.get(list_name, EMPTY)
        if not starts:
            return []
        out = []
        for s in range(max(0, start - self._widest + 1), end):
            e = starts.get(s)
            if e is not None and e > start:
                out.append((s, e))
        return out

    def entities_in(self, span: Span) -> list[Span]:
        """The entities wholly inside ``span``, in order: ``span.ents`` without making them again."""
        return self.entities_between(span.start, span.end)

    def entities_between(self, start: int, end: int) -> list[Span]:
        """The entities wholly inside tokens ``[start, end)``, in order. The entities are in order and do not
        overlap: a binary search finds the first, where a loop over all of them for each sentence and trigger
        took seconds on a book."""
        ents = self.ents
        k = bisect_left(self._ent_starts, start)
        out = []
        while k < len(ents) and ents[k].start < end:
            if ents[k].end <= end:
                out.append(ents[k])
            k += 1
        return out

    # ------------------------------------------------------------ the lexicon's lists

    def start_of(self, list_name: str, i: int) -> int | None:
        """Start of the longest phrase of list ``list_name`` that ends with token ``i`` (None: none does)."""
        return self.ends.get(list_name, EMPTY).get(i + 1)

    def end_of(self, list_name: str, i: int) -> int | None:
        """End of the longest phrase of list ``list_name`` that starts at token ``i`` (None: none does)."""
        return self.starts.get(list_name, EMPTY).get(i)

    def clause_boundary_ending(self, i: int) -> int | None:
        # start_of("clause_boundaries", i) without the second call: asked for each word the clause rules walk over
        return self.ends.get("clause_boundaries", EMPTY).get(i + 1)

    # ------------------------------------------------------------ moving over spaces

    def previous_word(self, i: int, sentence_start: int) -> int:
        """The nearest non-space token before ``i`` (``sentence_start - 1`` if none)."""
        i -= 1
        while i >= sentence_start and self.is_space(i):
            i -= 1
        return i

    def next_word(self, i: int, sentence_end: int) -> int:
        """The first non-space token at or after ``i`` (``sentence_end`` if none)."""
        while i < sentence_end and self.is_space(i):
            i += 1
        return i

    # ------------------------------------------------------------ word classes

    def tag(self, i: int) -> str:
        return self.tags[i]

    def is_space(self, i: int) -> bool:
        return self.spaces[i]

    def is_comma(self, i: int) -> bool:
        return self.texts[i] == ","

    def is_hard_boundary(self, i: int) -> bool:
        return self.texts[i] in HARD_BOUNDARIES or "\n" in self.texts[i]

    def named(self, i: int) -> Span | None:
        """The named entity (any label but DATE) token ``i`` is in."""
        return self._named.get(i)

    def is_date(self, i: int) -> bool:
        return i in self._dates

    def is_nominal(self, i: int) -> bool:
        return self._nominals[i]

    def is_number(self, i: int) -> bool:
        return self._numbers[i]

    def is_time_start(self, i: int) -> bool:
        """A time expression the entity recogniser did not mark starts at ``i`` (năm 1993, mùa hè 1992)."""
        return i in self._time_starts

    def opens_phrase(self, i: int) -> bool:
        """A preposition or conjunction the tagger may have read as a noun (sau, trong, khi)."""
        return i in self._openers

    def is_participant_modifier(self, i: int) -> bool:
        """A verb naming a class of participants after its noun: người *biểu tình*, lính *đánh thuê*."""
        return i > 0 and self._verbs[i] and i in self.ends.get("participant_nouns", EMPTY)

    def is_verb(self, i: int) -> bool:
        return self._verbs[i]

    def is_preposition(self, i: int) -> bool:
        return self.tags[i] == "E" or self.upos[i] == "ADP"

    def is_predicate(self, i: int, trigger_tokens: set[int]) -> bool:
        """A verb heading a clause of its own (or a trigger), to which times and places attach."""
        if i in trigger_tokens:
            return True
        if not self.is_verb(i):
            return False
        for name in ("non_predicates", "transparent", "modality:uncertain"):
            if self.start_of(name, i) is not None or self.end_of(name, i) is not None:
                return False
        # a verb after a classifier is a noun: tội *tham nhũng*, cuộc *họp*
        if i > 0 and (
            self.start_of("nominalisers", i - 1) is not None or self.start_of("clausal_nominalisers", i - 1) is not None
        ):
            return False
        return True

    def is_nominal_entity_start(self, i: int) -> bool:
        ent = self.named(i)
        return ent is not None and ent.start == i

    def label_of(self, start: int, end: int) -> str:
        """The entity label of exactly tokens ``[start, end)``, or OTHER."""
        ent = self.entity_at.get(start)
        if ent is not None and ent.start == start and ent.end == end:
            return ent.label_
        return "OTHER"

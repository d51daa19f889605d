"""Features of the trained event model, read off what the pipeline already computed.

Each word gets the same base features for both models: its folded form and
syllables (:func:`pipeline.text.normalize.fold`), VLSP tag, UPOS, entity
label, shape, and what the lexicon and the clause rules say about it. (Not the
chunker's phrase tags: a model trained without them scored the same on BKEE dev
and VHE dev, and the pipeline then need not run underthesea's chunker.) The
trigger model reads a window of them; the argument model reads them relative to
one trigger (which side, how far, what lies between) and conjoined with the
trigger's type, plus the role the clause rules read for that word.

The trigger model also reads two things beyond the sentence: how many times the
word came earlier in its paragraph (BKEE's annotators mark an event's first mention
far more often than its repetitions: 87% of a trigger word's first occurrences in a
document are marked, 35% of its fourth and later), and the genre of the text
(``news``, ``annals``: BKEE and VHE mark the same words differently; the component's
``genre`` setting says which the text is). The argument model reads the genre too,
conjoined with its main features (the two corpora draw argument spans differently).

Features are plain strings (``"w=tấn công"``), the form python-crfsuite takes.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

import numpy as np
from spacy.tokens import Doc, Span

from pipeline.events.candidates import Candidate
from pipeline.events.clauses.objects import RoleFiller
from pipeline.events.clauses.words import Words
from pipeline.events.crf import PackedRows, add_rows
from pipeline.text.memo import BoundedTable
from pipeline.text.normalize import fold
from pipeline.vi.sentences import paragraph_chunks

# Lists of the lexicon's grammar a word before a trigger may be on, and what it tells.
_BEFORE = (
    ("passive_markers", "pas"),
    ("nominalisers", "nom"),
    ("participant_nouns", "par"),
    ("modality:negation", "neg"),
    ("transparent", "tra"),
)


# How many times a word came before in its paragraph, as the trigger model reads it: 0, 1, 2, 3 or more.
_EARLIER = ("0", "1", "2", "3")

_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")


def sentence_words(sent: Span) -> Span:
    """``sent`` without the whitespace tokens at its edges (the line breaks spaCy keeps after a sentence).

    The models' window features must not see them: a paragraph's last sentence would
    read the blank line after it as a neighbour when the document is annotated whole
    and the end of the text when it is annotated paragraph by paragraph.
    """
    start, end = sent.start, sent.end
    doc = sent.doc
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    return doc[start:end]


def _shape(text: str) -> str:
    if _DIGIT.search(text):
        return "digit"
    if not _LETTER.search(text):
        return "punct"
    if text.isupper() and len(text) > 1:
        return "upper"
    if text[:1].isupper():
        return "title"
    return "lower"


@lru_cache(maxsize=1 << 16)  # words repeat: their features are computed once per text
def word_features(text: str) -> tuple[str, tuple[str, ...]]:
    """A word's folded form and its features that depend on nothing else."""
    w = fold(text)
    sylls = w.split()
    return w, (
        f"w={w}",
        f"s1={sylls[0] if sylls else ''}",
        f"sN={sylls[-1] if sylls else ''}",
        f"n={min(len(sylls), 3)}",
        f"sh={_shape(text)}",
    )


#: A word's folded form (:func:`word_features`' first) by word form: read for every word of every text.
_FOLDED: BoundedTable[str, str] = BoundedTable(lambda text: word_features(text)[0])


@cache
def _tag_feature(tag: str) -> str:
    return f"t={tag}"


@cache
def _upos_feature(upos: str) -> str:
    return f"u={upos}"


@lru_cache(maxsize=1 << 16)
def own_features(text: str, tag: str, upos: str, entity: str, lexical: str) -> tuple[str, ...]:
    """A word's own features: its :func:`word_features`, tag, UPOS, entity label and lexicon trigger label.

    The one list of them: the base features of :attr:`DocFeatures.base` start with it (the training's
    strings), the argument model reads exactly these (:func:`_argument_base`; not the rules' triggers, nor
    what the word before says), and :class:`TriggerRows` maps them to the trigger model's rows.
    """
    w_feat, s1, sn, n, shape = word_features(text)[1]
    return (w_feat, _tag_feature(tag), _upos_feature(upos), s1, sn, n, shape, f"e={entity}", f"lx={lexical}")


@lru_cache(maxsize=1 << 16)
def _argument_base(text: str, tag: str, upos: str, entity: str, lexical: str) -> tuple[tuple[str, str], ...]:
    """:func:`own_features` as the argument model's ``(prefix, value)`` keys, made once per word form, tag, entity
    and lexicon label."""
    return tuple(("", f) for f in own_features(text, tag, upos, entity, lexical))


def _bucket(distance: int) -> str:
    if distance <= 3:
        return str(distance)
    if distance <= 5:
        return "4-5"
    if distance <= 10:
        return "6-10"
    return "11+"


def earlier_in_paragraph(text: str, offsets: list[int], folded: list[str]) -> list[int]:
    """For each word (its character offset in ``text``, in order, and folded form), how many times its form came
    before it in its paragraph.

    Counted per paragraph (blank-line separated, as :func:`paragraph_chunks` cuts them),
    not per document: a document annotated in paragraph pieces then gets the same counts
    as annotated whole.
    """
    # The first word of each paragraph (a binary search among the offsets, which are in order), then a count per
    # paragraph: a test of the paragraph at every word was a third of this, which runs on every word of every text.
    cuts = [bisect_left(offsets, start) for start, _ in paragraph_chunks(text, 1)][1:]
    out: list[int] = []
    for first, end in zip([0, *cuts], [*cuts, len(folded)]):
        seen: dict[str, int] = {}
        for w in folded[first:end]:
            n = seen.get(w, 0)
            out.append(n)
            seen[w] = n + 1
    return out


def bio(spans: list[tuple[int, int, str]], start: int, end: int) -> list[str]:
    """BIO labels for tokens ``[start, end)`` from ``(start, end, label)`` token spans (earlier spans win)."""
    labels = ["O"] * (end - start)
    for s, e, label in spans:
        if s < start or e > end or any(labels[k - start] != "O" for k in range(s, e)):
            continue
        labels[s - start] = f"B-{label}"
        for k in range(s + 1, e):
            labels[k - start] = f"I-{label}"
    return labels


@dataclass
class DocFeatures:
    """The base features of every word of a ``Doc``, computed once and shared by both models."""

    words: Words
    folded: list[str]
    tags: list[str]
    earlier: list[int]  # how many times each word came before in its paragraph
    entity: list[str]  # each word's entity label, BIO (B-PER, I-PER, O)
    lexical: list[str]  # each word's lexicon trigger type, BIO
    ruled: list[str]  # each word's trigger type by the lexicon's rules (the rules' triggers), BIO
    befores: dict[int, list[str]]  # what the word before says (pas-1 ...), for the few words it says something

    @classmethod
    def of(cls, doc: Doc, words: Words, lexicon_matches: list[Candidate], rule_triggers: list[Candidate]):
        # The token attributes come from ``words``, which read them once: each spaCy Token made costs.
        n_tokens = len(doc)
        folded = list(map(_FOLDED.__getitem__, words.texts))
        entity = ["O"] * n_tokens
        for ent in words.ents:
            entity[ent.start] = f"B-{ent.label_}"
            for k in range(ent.start + 1, ent.end):
                entity[k] = f"I-{ent.label_}"
        lexical = bio([(c.start, c.end, c.type) for c in lexicon_matches], 0, n_tokens)
        ruled = bio([(c.start, c.end, c.type) for c in rule_triggers], 0, n_tokens)
        # What the word before says (a passive marker, a classifier ...): a phrase of the list ends there.
        befores: dict[int, list[str]] = {}
        for list_name, short in _BEFORE:
            for end in words.ends.get(list_name, {}):
                if 0 < end < n_tokens:
                    befores.setdefault(end, []).append(f"{short}-1")
        return cls(
            words=words,
            folded=folded,
            tags=words.tags,
            earlier=earlier_in_paragraph(words.text, words.offsets, folded),
            entity=entity,
            lexical=lexical,
            ruled=ruled,
            befores=befores,
        )

    @cached_property
    def base(self) -> list[list[str]]:
        """Each word's base features as strings: its :func:`word_features`, tag, UPOS, entity, lexicon and rules
        labels, then what the word before says. Made when first asked for (the training's items; the run time reads
        rows without them: :class:`TriggerRows`, :meth:`argument_keys`)."""
        words, befores = self.words, self.befores
        return [
            [
                *own_features(text, words.tags[i], words.upos[i], self.entity[i], self.lexical[i]),
                f"rl={self.ruled[i]}",
                *befores.get(i, ()),
            ]
            for i, text in enumerate(words.texts)
        ]

    # ------------------------------------------------------------ triggers

    def trigger_items(self, start: int, end: int, genre: str) -> list[list[str]]:
        """Features of each word of the sentence ``[start, end)`` of a text of ``genre`` for the trigger tagger."""
        # The sentence's words, tags and entity labels padded with what a neighbour outside it reads as,
        # so that the loop below, which runs on every word of every text, looks them up without tests.
        words = ["<s>", "<s>", *self.folded[start:end], "<s>", "<s>"]
        tags = ["<s>", *self.tags[start:end], "</s>"]
        entities = ["<s>", *self.entity[start:end], "</s>"]
        last = end - start - 1
        genre_feature = f"g={genre}"
        out = []
        for k in range(end - start):
            i = start + k
            w = words[k + 2]
            earlier = _EARLIER[min(self.earlier[i], 3)]
            feats = [
                *self.base[i],
                f"w-2={words[k]}",
                f"w-1={words[k + 1]}",
                f"w+1={words[k + 3]}",
                f"w+2={words[k + 4]}",
                f"w-1|w={words[k + 1]}|{w}",
                f"w|w+1={w}|{words[k + 3] if k < last else '</s>'}",
                f"t-1={tags[k]}",
                f"t+1={tags[k + 2]}",
                f"e-1={entities[k]}",
                f"e+1={entities[k + 2]}",
            ]
            if k == 0:
                feats.append("first")
            feats += (
                f"occ={earlier}",
                f"occ|w={earlier}|{w}",
                f"occ|lx={earlier}|{self.lexical[i]}",
                genre_feature,
                f"g|w={genre}|{w}",
            )
            out.append(feats)
        return out

    # ------------------------------------------------------------ arguments

    def trigger_word(self, trigger: Candidate) -> str:
        """The trigger's words, folded, as the argument features name it."""
        return " ".join(self.folded[trigger.start : trigger.end])

    def argument_items(
        self, start: int, end: int, trigger: Candidate, rule_arguments: list[RoleFiller], genre: str = "news"
    ) -> list[list[str]]:
        """Features of each word of the sentence ``[start, end)`` as a possible argument of ``trigger`` in a text
        of ``genre``: the strings of :meth:`argument_keys` (what the model is trained on)."""
        return [
            [prefix + value for prefix, value in word]
            for word in self.argument_keys(start, end, trigger, rule_arguments, genre)
        ]

    def argument_keys(
        self, start: int, end: int, trigger: Candidate, rule_arguments: list[RoleFiller], genre: str = "news"
    ) -> list[list[tuple[str, str]]]:
        """The features of :meth:`argument_items` as ``(prefix, value)``: the feature is ``prefix + value``. The
        run time reads their rows without making them (:class:`ArgumentRows`: the same prefixes and values, as
        ids, for all the triggers of a text at once; a test holds the two to the same rows).

        The genre is conjoined with the side, the entity label, the rules' role and the word: BKEE (news)
        and VHE (annals, thematic roles mapped onto ACE's) draw argument spans and roles differently, and
        without the genre the model averages the two conventions.
        """
        words, tags = self.words, self.tags
        texts, upos, lexical = words.texts, words.upos, self.lexical
        etype = trigger.type
        tword = self.trigger_word(trigger)
        ruled = bio([(f.phrase.start, f.phrase.end, time_class(f.role)) for f in rule_arguments], start, end)
        # What lies between the trigger and each word: commas, verbs, other clause boundaries (the words
        # strictly between them), from the document's counts (Words.boundary_counts).
        boundaries, verb_counts = words.boundary_counts()
        commas = [0] * (end - start)
        verbs = [0] * (end - start)
        b, v = boundaries[trigger.start], verb_counts[trigger.start]
        for i in range(start, trigger.start):
            commas[i - start], verbs[i - start] = b - boundaries[i + 1], v - verb_counts[i + 1]
        b, v = boundaries[trigger.end], verb_counts[trigger.end]
        for i in range(trigger.end, end):
            commas[i - start], verbs[i - start] = boundaries[i] - b, verb_counts[i] - v
        voice = "pv" if trigger.passive else "av"
        # What every word on one side of the trigger shares, written once (this runs for every trigger).
        per_side = {
            side: (
                f"ty|side={etype}|",
                f"ty|side|e={etype}|{side}|",
                f"ty|side|t={etype}|{side}|",
                (f"tw|side={tword}|{side}", ""),
                f"tw|side|e={tword}|{side}|",
                (f"voice|side={voice}|{side}", ""),
                (f"ty|voice|side={etype}|{voice}|{side}", ""),
                f"g|ty|side|e={genre}|{etype}|{side}|",
            )
            for side in "LRT"
        }
        ty_w, ty_r, ty_btw = f"ty|w={etype}|", f"ty|r={etype}|", f"ty|btw={etype}|"
        g_side, g_ty_r, g_ty_w = f"g|side={genre}|", f"g|ty|r={genre}|{etype}|", f"g|ty|w={genre}|{etype}|"
        # Neighbours padded with what one outside the window reads as.
        folded = ["<s>", *self.folded[start:end], "</s>"]
        padded_tags = ["<s>", *tags[start:end], "</s>"]
        out = []
        for k in range(end - start):
            i = start + k
            if i < trigger.start:
                side, place = "L", _ARGUMENT_SIDE["L"][min(trigger.start - i, 11)]
            elif i >= trigger.end:
                side, place = "R", _ARGUMENT_SIDE["R"][min(i - trigger.end + 1, 11)]
            else:
                side, place = "T", "T0"
            ty_side, ty_side_e, ty_side_t, tw_side, tw_side_e, voice_side, ty_voice_side, g_ty_side_e = per_side[side]
            w, tag, ent = folded[k + 1], tags[i], self.entity[i]
            rule = ruled[k]
            between = _BETWEEN[side][min(commas[k], 2)][min(verbs[k], 2)]
            keys = list(_argument_base(texts[i], tag, upos[i], ent, lexical[i]))
            keys += (
                ("side=", place),
                (ty_side, place),
                (ty_side_e, ent),
                (ty_side_t, tag),
                (ty_w, w),
                tw_side,
                (tw_side_e, ent),
                ("r=", rule),
                (ty_r, rule),
                ("btw=", between),
                (ty_btw, between),
                voice_side,
                ty_voice_side,
                ("w-1=", folded[k]),
                ("w+1=", folded[k + 2]),
                ("t-1=", padded_tags[k]),
                ("t+1=", padded_tags[k + 2]),
                (g_side, place),
                (g_ty_side_e, ent),
                (g_ty_r, rule),
                (g_ty_w, w),
            )
            out.append(keys)
        return out


# Where a word lies from the trigger as the argument model reads it, side and distance ("L1", "R4-5", "L11+"),
# and what lies between (side, commas and verbs up to 2): strings made once, which keep their hashes.
_ARGUMENT_SIDE = {side: [side + _bucket(d) for d in range(12)] for side in "LR"}
_BETWEEN = {side: [[f"{side}{c}{v}" for v in range(3)] for c in range(3)] for side in "LRT"}


def time_class(role: str) -> str:
    """Every ACE time role is one label for the models (the corpora have one); the preposition refines it later."""
    return "Time" if role.startswith("Time-") else role


class TriggerRows:
    """What :meth:`DocFeatures.trigger_items` gives the trigger model, as the rows of its attributes in a
    :class:`~pipeline.events.crf.LinearCRF`, without making the strings.

    The strings are most of the trigger model's cost: 380,000 per 40 BKEE documents, made
    and then looked up one by one. Here each word's attributes that depend on one word
    alone (its own, and what it is as a neighbour: ``w-1=`` ...) are looked up once per
    word form, tag and entity label and remembered, and a sentence's window is a gather of
    those rows by position (numpy). The rows are those of the strings, in their order: a
    test checks it on real text.

    A word's ten own attributes come first in its item, so their sum is the first part of its state score
    (CRFsuite adds the attributes in order): :meth:`scores` keeps that sum once per word form, tag, entity
    and lexicon label and adds the other attributes to it, the same additions in the same order.
    """

    WIDTH = 10 + len(_BEFORE) + 16  # the base features, the words before, the window: one column each
    OWN = 10  # the base features: the first columns

    def __init__(self, crf, genre: str, limit: int = 1 << 17):
        self.crf = crf
        self.index, self.unknown = crf.index, crf.unknown
        self.genre = genre
        self.limit = limit  # forgets what it remembered past this many word forms (a long run meets ever more)
        # Pairs of words (w-1|w=, w|w+1=) and occ|lx= as prefix + value ids, looked up at once: most pairs are
        # seldom met again, and each was a string made and looked up in Python.
        self.packed = PackedRows(crf.index, crf.unknown, limit)
        self._forget_words()
        row = self.row
        self.before = {f"{short}-1": k for k, (_, short) in enumerate(_BEFORE)}
        self.pad = (row("w-2=<s>"), row("w-1=<s>"), row("w+1=<s>"), row("w+2=<s>"))
        self.edges = (row("t-1=<s>"), row("t+1=</s>"), row("e-1=<s>"), row("e+1=</s>"))
        self.first = row("first")
        self.occ = np.array([row(f"occ={e}") for e in _EARLIER], dtype=np.intp)
        self.genre_row = row(f"g={genre}")

    def _forget_words(self) -> None:
        # (text, tag, upos, entity, lexicon, rules) -> the word's number: its base rows and their sum are
        # line ``number`` of ``own`` and ``own_scores`` (the first ``known`` lines filled).
        self.words: dict[tuple[str, ...], int] = {}
        self.own = np.zeros((0, self.OWN), dtype=np.intp)
        self.own_scores = np.zeros((0, len(self.crf.labels)))
        # And what each word number determines, in the same lines: its number as a neighbour (its folded form, tag
        # and entity label) and the ids its pairs read (its form's value, the prefixes of w-1|w= and w|w+1= with it,
        # its lexicon label's value): looked up once per word, not per word of every text.
        self.ids = np.zeros((0, 5), dtype=np.int64)  # neighbour number, form, left prefix, right prefix, lexicon
        self.known = 0
        # (folded, tag, entity) -> its number: what the word is as a neighbour (w-2= ... e+1=), line ``number`` of
        # ``neighbour_rows``; number 0 is what a sentence's edge reads as.
        self.neighbours: dict[tuple[str, str, str], int] = {}
        self.neighbour_rows = np.zeros((1024, 13), dtype=np.intp)
        self.packed.forget()
        prefix = self.packed.prefix
        self.left_pairs: dict[str, int] = {}  # a word -> the prefix id of w-1|w= with it on the left
        self.right_pairs: dict[str, int] = {}  # a word -> the prefix id of w|w+1= with it on the left
        self.no_left = prefix("w-1|w=<s>|")
        self.no_right = self.packed.value("</s>")
        self.occ_lexical = np.array([prefix(f"occ|lx={e}|") for e in _EARLIER], dtype=np.int64)

    def row(self, attribute: str) -> int:
        return self.index.get(attribute, self.unknown)

    def _neighbour_numbers(self, keys: list[tuple[str, str, str]], numbers: list[int | None]) -> list[int]:
        """``numbers`` with the keys not met before (None) numbered, their rows added to :attr:`neighbour_rows`."""
        row, genre, neighbours = self.row, self.genre, self.neighbours
        unknown = self.unknown
        if not neighbours:
            self.neighbour_rows[0] = (*self.pad, unknown, unknown, unknown, unknown, unknown, *self.edges)
        new = []
        for k, key in enumerate(keys):
            if numbers[k] is not None:
                continue
            number = neighbours.get(key)
            if number is None:
                number = neighbours[key] = len(neighbours) + 1
                w, tag, ent = key
                new.append(
                    (
                        row(f"w-2={w}"),
                        row(f"w-1={w}"),
                        row(f"w+1={w}"),
                        row(f"w+2={w}"),
                        row(f"g|w={genre}|{w}"),
                        *(row(f"occ|w={e}|{w}") for e in _EARLIER),
                        row(f"t-1={tag}"),
                        row(f"t+1={tag}"),
                        row(f"e-1={ent}"),
                        row(f"e+1={ent}"),
                    )
                )
            numbers[k] = number
        end = len(neighbours) + 1
        if end > len(self.neighbour_rows):
            grown = np.zeros((2 * end, 13), dtype=np.intp)
            grown[: len(self.neighbour_rows)] = self.neighbour_rows
            self.neighbour_rows = grown
        if new:
            self.neighbour_rows[end - len(new) : end] = new
        return numbers

    def _pair_prefixes(self, table: dict[str, int], pattern: str, texts: list[str]) -> list[int]:
        """The prefix id of ``pattern.format(text)`` for each of ``texts`` (remembered in ``table``)."""
        ids = list(map(table.get, texts))
        if None in ids:
            prefix = self.packed.prefix
            for k, text in enumerate(texts):
                if ids[k] is None:
                    number = table.get(text)
                    if number is None:
                        number = table[text] = prefix(pattern.format(text))
                    ids[k] = number
        return ids

    def _word(self, key: tuple[str, ...]) -> tuple[int, ...]:
        text, tag, upos, ent, lexical, ruled = key
        row = self.row
        return (*(row(f) for f in own_features(text, tag, upos, ent, lexical)), row(f"rl={ruled}"))

    def _remember(self, new: list[tuple[int, ...]], keys: list[tuple[str, ...]]) -> None:
        """Add the base rows of new word forms (numbered from ``known`` on; their ``keys``), their sums and ids."""
        rows = np.array(new, dtype=np.intp).reshape(len(new), self.OWN)
        end = self.known + len(new)
        if end > len(self.own):  # room for twice as many: the arrays grow by doubling, not per text
            size = max(2 * end, 1024)
            self.own = np.resize(self.own, (size, self.OWN))
            self.own_scores = np.resize(self.own_scores, (size, self.own_scores.shape[1]))
            self.ids = np.resize(self.ids, (size, 5))
        self.own[self.known : end] = rows
        self.own_scores[self.known : end] = add_rows(self.crf.state, rows)
        forms = [word_features(text)[0] for text, *_ in keys]
        around = [(form, tag, ent) for form, (_, tag, _, ent, _, _) in zip(forms, keys)]
        near = self._neighbour_numbers(around, list(map(self.neighbours.get, around)))
        packed = self.packed
        self.ids[self.known : end] = np.array(
            [
                near,
                packed.value_ids(forms),
                self._pair_prefixes(self.left_pairs, "w-1|w={}|", forms),
                self._pair_prefixes(self.right_pairs, "w|w+1={}|", forms),
                packed.value_ids([lexical for *_, lexical, _ in keys]),
            ],
            dtype=np.int64,
        ).T
        self.known = end

    def rows(self, feats: DocFeatures, sentences: list[tuple[int, int]]) -> np.ndarray:
        """The rows of every word of ``sentences`` (``(start, end)`` token offsets, none empty), one after another:
        an array of words x :data:`WIDTH` (the unknown row where a word has no such feature)."""
        words, rest = self.read(feats, sentences)
        return np.hstack([self.own[words], rest])

    def scores(self, feats: DocFeatures, sentences: list[tuple[int, int]]) -> np.ndarray:
        """The trigger model's state scores of every word of ``sentences`` (``crf.scores(self.rows(...))``, to the
        bit): each word's remembered sum of its own attributes, then the others added column by column."""
        words, rest = self.read(feats, sentences)
        return add_rows(self.crf.state, rest, start=self.own_scores[words])

    def read(self, feats: DocFeatures, sentences: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
        """Each word's number (its line of :attr:`own`) and the rows of its other attributes (words x
        ``WIDTH - OWN``)."""
        if len(self.neighbours) + self.known > self.limit or len(self.packed) > self.limit:
            self._forget_words()
        texts, tags, upos = feats.words.texts, feats.tags, feats.words.upos
        entity, lexical, ruled, earlier = feats.entity, feats.lexical, feats.ruled, feats.earlier
        lo, hi = sentences[0][0], sentences[-1][1]
        # Per word from the first sentence's start to the last one's end (the few words between sentences too):
        # its number, what it is as a neighbour, its form's value id and the prefixes of its pairs.
        # (The keys looked up as zip makes them, not kept: zip reuses its tuple when nothing else holds it, so the
        # known words, nearly all, make no tuple the collector tracks; the keys are made again when one is new.)
        columns = (texts[lo:hi], tags[lo:hi], upos[lo:hi], entity[lo:hi], lexical[lo:hi], ruled[lo:hi])
        numbers = list(map(self.words.get, zip(*columns)))
        if None in numbers:
            keys = list(zip(*columns))
            new, new_keys = [], []
            for k, key in enumerate(keys):
                if numbers[k] is None:
                    number = self.words.get(key)
                    if number is None:
                        number = self.words[key] = self.known + len(new)
                        new.append(self._word(key))
                        new_keys.append(key)
                    numbers[k] = number
            self._remember(new, new_keys)
        number = np.array(numbers, dtype=np.intp)
        ids = self.ids[number]  # each word's neighbour number, form, pair prefixes and lexicon label (see _remember)
        neighbour = self.neighbour_rows[np.append(ids[:, 0], 0)]  # and the edge's, last
        word = np.append(ids[:, 1], self.no_right)
        left_pair, right_pair, lexicon = ids[:, 2], ids[:, 3], ids[:, 4]
        # Each word of each sentence: its position (from lo), its sentence's bounds.
        lengths = [end - start for start, end in sentences]
        total = sum(lengths)
        sentence = np.repeat(np.arange(len(sentences)), lengths)
        starts = np.array([start for start, _ in sentences], dtype=np.intp) - lo
        ends = np.array([end for _, end in sentences], dtype=np.intp) - lo
        offsets = np.array([0, *lengths[:-1]]).cumsum()
        at = np.arange(total) - (offsets - starts)[sentence]
        starts, ends = starts[sentence], ends[sentence]
        pad = hi - lo  # the edge's line of ``neighbour``

        def near_by(offset: int) -> np.ndarray:
            k = at + offset
            return np.where((k >= starts) & (k < ends), k, pad)

        before1, before2, after1, after2 = near_by(-1), near_by(-2), near_by(1), near_by(2)
        e = np.minimum(np.array(earlier[lo:hi], dtype=np.intp)[at], 3)
        found = self.packed(
            np.stack([np.where(at > starts, left_pair[at - 1], self.no_left), right_pair[at], self.occ_lexical[e]]),
            np.stack([word[at], np.where(at < ends - 1, word[at + 1], self.no_right), lexicon[at]]),
        )
        width = len(_BEFORE)  # the columns after the word's own
        out = np.full((total, self.WIDTH - self.OWN), self.unknown, dtype=np.intp)
        said_before = feats.befores
        if said_before:
            line = np.full(hi - lo, -1, dtype=np.intp)  # each word's line of ``out`` (-1: in no sentence)
            line[at] = np.arange(total)
            for i, said in said_before.items():
                if lo <= i < hi and line[i - lo] >= 0:
                    for f in said:
                        out[line[i - lo], self.before[f]] = self.row(f)
        out[:, width] = neighbour[before2, 0]  # w-2
        out[:, width + 1] = neighbour[before1, 1]  # w-1
        out[:, width + 2] = neighbour[after1, 2]  # w+1
        out[:, width + 3] = neighbour[after2, 3]  # w+2
        out[:, width + 4] = found[0]  # w-1|w
        out[:, width + 5] = found[1]  # w|w+1
        out[:, width + 6] = neighbour[before1, 9]  # t-1
        out[:, width + 7] = neighbour[after1, 10]  # t+1
        out[:, width + 8] = neighbour[before1, 11]  # e-1
        out[:, width + 9] = neighbour[after1, 12]  # e+1
        out[:, width + 10] = np.where(at == starts, self.first, self.unknown)  # first
        out[:, width + 11] = self.occ[e]  # occ
        out[:, width + 12] = neighbour[at, 5 + e]  # occ|w
        out[:, width + 13] = found[2]  # occ|lx
        out[:, width + 14] = self.genre_row  # g
        out[:, width + 15] = neighbour[at, 4]  # g|w
        return number[at], out


class ArgumentRows:
    """What :meth:`DocFeatures.argument_keys` gives the argument model, as the rows of its attributes in a
    :class:`~pipeline.events.crf.LinearCRF`, for the windows of many triggers at once, without making the keys.

    The keys were most of the argument model's cost (30 per word of each trigger's window, each looked up in
    Python). Here a word's nine own attributes are looked up once per word form, tag, entity and lexicon label and
    remembered; the other 21 are ``prefix + value`` pairs whose prefix depends on the trigger (its type, word,
    voice, the genre) and the word's side of it, and whose value is the word's (its form, tag, entity label, the
    rules' role, where it lies, what lies between): arrays of ids built with numpy for all the words of all the
    windows, then looked up at once (:class:`~pipeline.events.crf.PackedRows`). The rows are those of the keys, in
    their order: a test checks it on real text.
    """

    WIDTH = 30
    OWN = 9

    def __init__(self, crf, limit: int = 1 << 17):
        self.index, self.unknown = crf.index, crf.unknown
        self.state = crf.state
        self.limit = limit
        self.packed = PackedRows(crf.index, crf.unknown, limit)
        self._forget()

    def _forget(self) -> None:
        self.packed.forget()
        value = self.packed.value
        self.own: dict[tuple[str, ...], int] = {}  # (text, tag, upos, entity, lexicon) -> its line of own_rows
        self.own_rows = np.zeros((0, self.OWN), dtype=np.intp)  # each word's 9 rows (the first len(own) lines)
        self.own_scores = np.zeros((0, self.state.shape[1]))  # and their sum: the first part of its state score
        self.own_ids = np.zeros((0, 3), dtype=np.int64)  # and the value ids of its folded form, tag and entity label
        self.prefixes: dict[tuple[str, str, str, str], np.ndarray] = {}  # (type, word, voice, genre) -> 3 x 21 ids
        self.rules: dict[str, int] = {}  # a rules' BIO label -> its value id
        # Where a word lies (side, distance up to 11) and what lies between (side, commas, verbs up to 2), by side
        # L, R, T (0, 1, 2) as value ids; the trigger's own words are "T0" and "T00" whatever the distance.
        self.place = np.array(
            [[value(_ARGUMENT_SIDE[s][d]) for d in range(12)] for s in "LR"] + [[value("T0")] * 12], dtype=np.int64
        )
        self.between = np.array([[[value(c) for c in row] for row in _BETWEEN[s]] for s in "LRT"], dtype=np.int64)
        self.empty, self.open, self.close, self.outside = value(""), value("<s>"), value("</s>"), value("O")

    def _own(self, keys: list[tuple[str, ...]], numbers: list[int | None]) -> list[int]:
        """``numbers`` with the words not met before (None) numbered, their rows added to :attr:`own_rows`."""
        index, unknown, own = self.index, self.unknown, self.own
        new, new_keys = [], []
        for k, key in enumerate(keys):
            if numbers[k] is None:
                number = own.get(key)  # a word twice in the text
                if number is None:
                    number = own[key] = len(own)
                    new.append([index.get(f, unknown) for f in own_features(*key)])
                    new_keys.append(key)
                numbers[k] = number
        if len(own) > len(self.own_rows):  # the arrays grow by doubling, not per text
            size = max(2 * len(own), 1024)
            self.own_rows = np.resize(self.own_rows, (size, self.OWN))
            self.own_scores = np.resize(self.own_scores, (size, self.own_scores.shape[1]))
            self.own_ids = np.resize(self.own_ids, (size, 3))
        lines = slice(len(own) - len(new), len(own))
        self.own_rows[lines] = np.array(new, dtype=np.intp).reshape(len(new), self.OWN)
        self.own_scores[lines] = add_rows(self.state, self.own_rows[lines])
        ids = self.packed.value_ids
        self.own_ids[lines] = np.array(
            [
                ids([word_features(text)[0] for text, *_ in new_keys]),
                ids([tag for _, tag, *_ in new_keys]),
                ids([entity for _, _, _, entity, _ in new_keys]),
            ],
            dtype=np.int64,
        ).T.reshape(len(new), 3)
        return numbers

    def _prefixes(self, key: tuple[str, str, str, str]) -> np.ndarray:
        """The 21 prefix ids of a trigger's words on each side (L, R, T), in the order of :meth:`argument_keys`."""
        etype, tword, voice, genre = key
        prefix = self.packed.prefix
        out = self.prefixes[key] = np.array(
            [
                [
                    prefix(p)
                    for p in (
                        "side=",
                        f"ty|side={etype}|",
                        f"ty|side|e={etype}|{side}|",
                        f"ty|side|t={etype}|{side}|",
                        f"ty|w={etype}|",
                        f"tw|side={tword}|{side}",
                        f"tw|side|e={tword}|{side}|",
                        "r=",
                        f"ty|r={etype}|",
                        "btw=",
                        f"ty|btw={etype}|",
                        f"voice|side={voice}|{side}",
                        f"ty|voice|side={etype}|{voice}|{side}",
                        "w-1=",
                        "w+1=",
                        "t-1=",
                        "t+1=",
                        f"g|side={genre}|",
                        f"g|ty|side|e={genre}|{etype}|{side}|",
                        f"g|ty|r={genre}|{etype}|",
                        f"g|ty|w={genre}|{etype}|",
                    )
                ]
                for side in "LRT"
            ],
            dtype=np.int64,
        )
        return out

    def rows(self, feats: DocFeatures, jobs: list[tuple[int, int, Candidate, list[RoleFiller]]], genre: str):
        """The rows of every word of each job's window ``[first, last)`` (``(first, last, trigger, rules)``, none
        empty), one window after another: words x :data:`WIDTH`, the rows of :meth:`DocFeatures.argument_keys`."""
        words, found = self.read(feats, jobs, genre)
        return np.hstack([self.own_rows[words], found])

    def scores(self, words: np.ndarray, found: np.ndarray) -> np.ndarray:
        """The argument model's state scores of the words :meth:`read` gives (``crf.scores(self.rows(...))``, to the
        bit): each word's remembered sum of its own attributes (the first nine), then the others added column by
        column, the same additions in the same order (as :meth:`TriggerRows.scores`), where the nine were added
        again for each trigger's window a word is in."""
        return add_rows(self.state, found, start=self.own_scores[words])

    def read(
        self, feats: DocFeatures, jobs: list[tuple[int, int, Candidate, list[RoleFiller]]], genre: str
    ) -> tuple[np.ndarray, np.ndarray]:
        """Each word of each job's window (as :meth:`rows` takes them): its number (its line of :attr:`own_rows` and
        :attr:`own_scores`) and the rows of its other attributes (words x ``WIDTH - OWN``)."""
        packed = self.packed
        if packed.start() or len(self.own) + len(self.prefixes) > self.limit:
            self._forget()
        value = packed.value
        words = feats.words
        lo = min(first for first, *_ in jobs)
        hi = max(last for _, last, *_ in jobs)
        # Each word's value ids and own rows, from the first window's first word to the last one's end, and one
        # more (the padding: what the last window's next word reads as, never read unmasked).
        get_own = self.own.get
        texts, upos, lexical, tags, entity = words.texts, words.upos, feats.lexical, feats.tags, feats.entity
        columns = (texts[lo:hi], tags[lo:hi], upos[lo:hi], entity[lo:hi], lexical[lo:hi])
        numbers = list(map(get_own, zip(*columns)))
        if None in numbers:  # the keys kept only then (see TriggerRows.read)
            numbers = self._own(list(zip(*columns)), numbers)
        own_numbers = np.array(numbers, dtype=np.intp)
        ids = self.own_ids[own_numbers]  # each word's form, tag and entity label as value ids (see _own)
        word = np.append(ids[:, 0], self.close)
        tag = np.append(ids[:, 1], self.close)
        ent = ids[:, 2]
        boundaries, verbs = words.boundary_arrays()
        # Each word of each window: its position, its window's bounds, its trigger's.
        lengths = [last - first for first, last, *_ in jobs]
        total = sum(lengths)
        starts = np.array([0, *lengths[:-1]]).cumsum()  # (np.cumsum of a list goes through a slower wrapper)
        firsts = np.array([first for first, *_ in jobs], dtype=np.int64)
        job = np.repeat(np.arange(len(jobs)), lengths)
        position = np.arange(total) - (starts - firsts)[job]
        first = firsts[job]
        last = np.array([last for _, last, *_ in jobs], dtype=np.int64)[job]
        trigger_start = np.array([t.start for _, _, t, _ in jobs], dtype=np.int64)[job]
        trigger_end = np.array([t.end for _, _, t, _ in jobs], dtype=np.int64)[job]
        left, right = position < trigger_start, position >= trigger_end
        side = np.where(left, 0, np.where(right, 1, 2))
        distance = np.minimum(np.where(left, trigger_start - position, position - trigger_end + 1), 11)
        place = self.place[side, distance]
        commas = np.where(
            left,
            boundaries[trigger_start] - boundaries[position + 1],
            np.where(right, boundaries[position] - boundaries[trigger_end], 0),
        )
        n_verbs = np.where(
            left, verbs[trigger_start] - verbs[position + 1], np.where(right, verbs[position] - verbs[trigger_end], 0)
        )
        between = self.between[side, np.minimum(commas, 2), np.minimum(n_verbs, 2)]
        at = position - lo
        here = word[at]
        previous = np.where(position > first, word[at - 1], self.open)
        following = np.where(position < last - 1, word[at + 1], self.close)
        tag_here = tag[at]
        tag_before = np.where(position > first, tag[at - 1], self.open)
        tag_after = np.where(position < last - 1, tag[at + 1], self.close)
        ent_here = ent[at]
        # The rules' roles, BIO over each window (bio(): earlier spans win), "O" where none.
        rule = np.full(total, self.outside, dtype=np.int64)
        rules_value = self.rules
        for k, (window_first, window_last, _, fillers) in enumerate(jobs):
            base = int(starts[k]) - window_first
            for f in fillers:
                s, e = f.phrase.start, f.phrase.end
                if s < window_first or e > window_last or (rule[base + s : base + e] != self.outside).any():
                    continue
                label = time_class(f.role)
                for n, bio_label in ((s, f"B-{label}"), *((m, f"I-{label}") for m in range(s + 1, e))):
                    number = rules_value.get(bio_label)
                    if number is None:
                        number = rules_value[bio_label] = value(bio_label)
                    rule[base + n] = number
        trigger_prefixes = []  # each trigger's prefix ids, 3 lines (L, R, T) each
        for _, _, t, _ in jobs:
            key = (t.type, feats.trigger_word(t), "pv" if t.passive else "av", genre)
            found = self.prefixes.get(key)
            trigger_prefixes.append(found if found is not None else self._prefixes(key))
        trigger_prefixes = np.concatenate(trigger_prefixes)
        empty = np.full(total, self.empty, dtype=np.int64)
        values = np.stack(
            [
                place,
                place,
                ent_here,
                tag_here,
                here,
                empty,
                ent_here,
                rule,
                rule,
                between,
                between,
                empty,
                empty,
                previous,
                following,
                tag_before,
                tag_after,
                place,
                ent_here,
                rule,
                here,
            ],
            axis=1,
        )
        return own_numbers[at], packed(trigger_prefixes[3 * job + side], values)

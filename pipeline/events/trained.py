"""The trained event extractor: two CRFs over the pipeline's words (python-crfsuite).

* **Triggers**: a linear-chain CRF labels each word of a sentence ``B-<type>``,
  ``I-<type>`` or ``O``; a trigger is a run of words, its type the label's (or the part of a
  word that the training gold marked, :attr:`EventModel.parts`).
* **Arguments**: for each trigger, a second CRF labels the words of its sentence
  ``B-<role>``/``I-<role>``/``O``: an argument is a run of words (a named
  entity, a noun phrase, a time expression with its preposition, whatever the
  gold marks), its role the label's. Every ACE time role is one label, ``Time``;
  the preposition before it then gives the exact role (``từ`` Time-Starting ...).
  When the model has a pairwise classifier (``arguments_pairwise.json``,
  :mod:`pipeline.events.arguments`), the CRF's spans are candidates and a feature:
  the classifier gives each candidate phrase of the sentence a role or none.

Both read features of what the pipeline computed (:mod:`pipeline.events.features`):
words, tags, entities, the lexicon's words, and the triggers and
arguments the lexicon and the clause rules find, so the rules are features the
model learns to trust or not, and remain the fallback when no model is there.

Why CRFs: they train on a CPU in minutes, tag a sentence in microseconds, the
files are small enough to commit, and python-crfsuite is already the library our
segmenter and UPOS tagger use. A model directory holds ``triggers.crfsuite``,
``arguments.crfsuite``, ``songngu.json`` (what it was trained on) and
``MODEL_CARD.md``; ``songngu train events`` writes it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

import numpy as np
import pycrfsuite
from spacy.tokens import Doc, Span

from pipeline.events.arguments import PairwiseScorer
from pipeline.events.arguments import read_arguments as read_pairwise
from pipeline.events.candidates import Candidate
from pipeline.events.clauses.arguments import read_sentence_arguments
from pipeline.events.clauses.noun_phrases import Phrase
from pipeline.events.clauses.objects import RoleFiller
from pipeline.events.clauses.words import Grammar, Words
from pipeline.events.crf import LinearCRF
from pipeline.events.features import ArgumentRows, DocFeatures, TriggerRows
from pipeline.events.lexicon import Lexicon
from pipeline.events.ontology import Ontology
from pipeline.events.triggers import LexiconTriggers, read_voice

logger = logging.getLogger(__name__)

MODEL_NAME = "events-crf"
TRIGGER_FILE = "triggers.crfsuite"
ARGUMENT_FILE = "arguments.crfsuite"
PAIRWISE_FILE = "arguments_pairwise.json"  # optional: a model without it takes the argument CRF's labels as they are
PARTS_FILE = "trigger_parts.json"  # optional: the words whose trigger is a part of them (EventModel.parts)
RECORD_FILE = "songngu.json"
CARD_FILE = "MODEL_CARD.md"
LEARNT = 20  # training triggers a type needs before the model, not the lexicon, decides it
ARGUMENT_WINDOW = 20  # words on each side of a trigger where its arguments are looked for


class TrainingError(ValueError):
    """Gold data that cannot be trained on; the message names the file."""


def decode(labels: list[str], offset: int) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` token spans from BIO labels of tokens ``offset, offset + 1, ...``."""
    spans: list[tuple[int, int, str]] = []
    current: list | None = None
    for k, tag in enumerate(labels):
        i = offset + k
        if tag == "O":
            current = None
            continue
        prefix, _, label = tag.partition("-")
        if prefix == "I" and current is not None and current[2] == label and current[1] == i:
            current[1] = i + 1
            continue
        current = [i, i + 1, label]
        spans.append(current)  # type: ignore[arg-type]
    return [(s, e, label) for s, e, label in spans]


def time_role(words: Words, phrase: Phrase, default: str) -> str:
    """The ACE time role of a time expression: from its preposition (inside the span or right before it)."""
    for i in (phrase.start, words.previous_word(phrase.start, 0)):
        if i < 0:
            continue
        start = i if words.end_of("time_prepositions", i) is not None else None
        if start is not None:
            preposition = words.phrase_at.get(("time_prepositions", start))
            return words.lexicon.time_prepositions.get(preposition, default)
    return default


def argument_window(sentence_start: int, sentence_end: int, trigger: Candidate) -> tuple[int, int]:
    """The words of the sentence within :data:`ARGUMENT_WINDOW` of ``trigger``, where the argument tagger looks
    (in training too): in BKEE and VHE nearly every argument is there, and a long sentence costs no more
    than a short one."""
    return max(sentence_start, trigger.start - ARGUMENT_WINDOW), min(sentence_end, trigger.end + ARGUMENT_WINDOW)


@dataclass
class EventModel:
    """The two taggers of a trained model directory, as the events component uses them."""

    name: str
    version: str
    record: dict
    files: dict[str, bytes]  # file name -> contents: what the component serialises
    pairwise: PairwiseScorer | None = field(default=None, repr=False)
    trigger_crf: LinearCRF | None = field(default=None, repr=False)  # the two taggers' weights, read by numpy
    argument_crf: LinearCRF | None = field(default=None, repr=False)
    # Our words (lower case) whose gold trigger in training was a part of them, mostly (``treo cổ tự tử``: Life.Die
    # on ``tự tử``; ``chém chết``: Conflict.Attack on ``chém`` and Life.Die on ``chết``): word -> the parts, each
    # (first character, end, type) in the word's text. Learnt by ``songngu train events`` (PARTS_FILE).
    parts: dict[str, tuple[tuple[int, int, str], ...]] = field(default_factory=dict, repr=False)
    _trigger_rows: dict[str, TriggerRows] = field(default_factory=dict, repr=False, compare=False)  # by genre
    _argument_rows: ArgumentRows | None = field(default=None, repr=False, compare=False)
    _taggers: dict[str, pycrfsuite.Tagger] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_files(cls, files: dict[str, bytes], where: str = "") -> EventModel:
        missing = [f for f in (TRIGGER_FILE, ARGUMENT_FILE, RECORD_FILE) if f not in files]
        if missing:
            raise TrainingError(f"{where}: not an event model directory (no {', '.join(missing)})")
        crfs = []
        for name in (TRIGGER_FILE, ARGUMENT_FILE):
            try:
                crfs.append(LinearCRF.from_bytes(files[name], f"events-crf-{name.split('.')[0]}"))
            except ValueError as exc:
                raise TrainingError(f"{where}/{name}: cannot load: {exc}") from None
        record = json.loads(files[RECORD_FILE].decode("utf-8"))
        scorer = None
        if PAIRWISE_FILE in files:
            try:
                scorer = PairwiseScorer.from_json(files[PAIRWISE_FILE], f"{where}/{PAIRWISE_FILE}")
            except ValueError as exc:
                raise TrainingError(str(exc)) from None
        parts = {}
        if PARTS_FILE in files:
            try:
                table = json.loads(files[PARTS_FILE].decode("utf-8"))
                parts = {
                    word: tuple((int(s), int(e), str(t)) for s, e, t in entry["parts"]) for word, entry in table.items()
                }
            except (ValueError, KeyError, TypeError) as exc:
                raise TrainingError(f"{where}/{PARTS_FILE}: cannot read: {exc}") from None
        return cls(
            record.get("name", MODEL_NAME), record.get("fingerprint", "0"), record, files, scorer, *crfs, parts=parts
        )

    def _tagger(self, name: str) -> pycrfsuite.Tagger:
        """python-crfsuite's tagger of one of the model's files, opened when first asked for: the component tags
        with :attr:`trigger_crf` and :attr:`argument_crf` (numpy, the same labels); the tests compare the two."""
        tagger = self._taggers.get(name)
        if tagger is None:
            tagger = self._taggers[name] = pycrfsuite.Tagger()
            tagger.open_inmemory(self.files[name])
        return tagger

    @property
    def trigger_tagger(self) -> pycrfsuite.Tagger:
        return self._tagger(TRIGGER_FILE)

    @property
    def argument_tagger(self) -> pycrfsuite.Tagger:
        return self._tagger(ARGUMENT_FILE)

    @classmethod
    def load(cls, path: str | Path) -> EventModel:
        path = Path(path)
        files = {p.name: p.read_bytes() for p in path.iterdir() if p.is_file()} if path.is_dir() else {}
        return cls.from_files(files, str(path))

    @property
    def learnt_types(self) -> frozenset[str]:
        """The event types the model saw at least :data:`LEARNT` times in training; the lexicon keeps the others."""
        counts: dict[str, int] = {}
        for stats in self.record.get("training_data", {}).values():
            for etype, n in stats.get("types", {}).items():
                counts[etype] = counts.get(etype, 0) + n
        least = self.record.get("learnt_threshold", LEARNT)
        return frozenset(t for t, n in counts.items() if n >= least)

    def threshold(self, genre: str) -> float:
        """A word of a text of ``genre`` is part of a trigger when the probability that it is not (label O) is
        below ``1 - threshold``. The record holds one threshold, or one per genre (chosen on BKEE dev for
        news and VHE dev for annals: the two corpora mark their words at different rates)."""
        chosen = self.record.get("trigger_threshold", 0.5)
        if isinstance(chosen, dict):
            chosen = chosen.get(genre, chosen.get("news", 0.5))
        return float(chosen)

    @property
    def genres(self) -> tuple[str, ...]:
        """The genres of the texts it was trained on (``news``, ``annals``); a model of before genres knows none."""
        return tuple(self.record.get("genres", ()))

    def triggers(self, feats: DocFeatures, sentences: Iterable[Span], genre: str) -> list[Candidate]:
        """Each word whose marginal probability of being in a trigger is over :meth:`threshold` takes the
        likeliest type; runs of words of one type are one trigger. (Viterbi decoding finds the likeliest
        labelling of the sentence, which leans to O; the threshold, chosen on BKEE dev, trades that back.)
        The marginals are python-crfsuite's to about 1e-15 (:class:`pipeline.events.crf.LinearCRF`), computed
        for all the sentences of the text at once."""
        crf = self.trigger_crf
        outside = crf.labels.index("O")
        types = [k for k, label in enumerate(crf.labels) if k != outside]  # in the model's order: the first wins
        threshold = self.threshold(genre)
        reader = self._trigger_rows.get(genre)
        if reader is None:
            reader = self._trigger_rows[genre] = TriggerRows(crf, genre)
        out = []
        for tagged in _batches([sent for sent in sentences if sent.end > sent.start], lambda s: s.end - s.start):
            out += self._triggers_of(crf, reader, feats, tagged, outside, types, threshold)
        return out

    def split(self, doc: Doc, cand: Candidate) -> list[Candidate]:
        """``cand`` as the triggers it holds: the parts of its words that the training gold marked, where it
        marked parts more often than the whole (:attr:`parts`); else ``cand`` itself. A part keeps the words
        (the roles are read from them) and says its characters (:attr:`Candidate.part`)."""
        if not self.parts or cand.marker_start is not None:
            return [cand]
        span = doc[cand.start : cand.end]
        parts = self.parts.get(span.text.lower())
        if parts is None:
            return [cand]
        base = span.start_char
        return [
            Candidate(cand.start, cand.end, t, source=cand.source, score=cand.score, part=(base + s, base + e))
            for s, e, t in parts
        ]

    def _triggers_of(self, crf, reader, feats, tagged, outside, types, threshold) -> list[Candidate]:
        """:meth:`triggers` in one batch of sentences."""
        scores = reader.scores(feats, [(sent.start, sent.end) for sent in tagged])
        lengths = [sent.end - sent.start for sent in tagged]
        offsets = np.array([0, *lengths]).cumsum()
        probabilities = crf.marginals_of(scores, lengths)
        inside = 1.0 - probabilities[:, outside]
        chosen = np.flatnonzero(inside > threshold)  # the words in a trigger: few
        best = probabilities[chosen][:, types].argmax(axis=1).tolist()
        found: dict[int, list[tuple[int, str, float]]] = {}  # sentence -> (word in it, type, probability)
        sentence_of = np.searchsorted(offsets, chosen, side="right") - 1
        for k, n, b, p in zip(chosen.tolist(), sentence_of.tolist(), best, inside[chosen].tolist()):
            found.setdefault(n, []).append((k - int(offsets[n]), crf.labels[types[b]], p))
        out = []
        for n, words in sorted(found.items()):
            sent = tagged[n]
            tags, word_scores = ["O"] * (sent.end - sent.start), [0.0] * (sent.end - sent.start)
            for k, label, p in words:
                tags[k], word_scores[k] = label, p
            for start, end, label in decode(tags, sent.start):
                score = min(word_scores[k - sent.start] for k in range(start, end))
                out.append(Candidate(start, end, label, source=f"model:{self.name}", score=round(score, 4)))
        return out

    def arguments(
        self,
        feats: DocFeatures,
        sentence: Span,
        trigger: Candidate,
        rule_arguments: list[RoleFiller],
        time: str,
        genre: str = "news",
    ) -> list[RoleFiller]:
        """The arguments of one trigger: :meth:`arguments_of` for one."""
        return self.arguments_of(feats, [(sentence, trigger, rule_arguments)], time, genre)[0]

    def arguments_of(
        self,
        feats: DocFeatures,
        triggers: list[tuple[Span, Candidate, list[RoleFiller]]],
        time: str,
        genre: str = "news",
    ) -> list[list[RoleFiller]]:
        """The arguments of each trigger of a text (its sentence, itself, what the clause rules read for it): the
        argument CRF's labels of the words of its window (Viterbi, python-crfsuite's labels), then the pairwise
        classifier's reading when the model has one. All the triggers of a text at once: numpy's work is then a
        few large steps, not many small ones."""
        out = []
        for batch in _batches(triggers, lambda job: 2 * ARGUMENT_WINDOW + job[1].end - job[1].start):
            out += self._arguments_of(feats, batch, time, genre)
        return out

    def _arguments_of(self, feats, triggers, time, genre) -> list[list[RoleFiller]]:
        """:meth:`arguments_of` in one batch of triggers."""
        crf, reader = self.argument_crf, self._argument_rows
        if reader is None:
            reader = self._argument_rows = ArgumentRows(crf)
        windows = [argument_window(sentence.start, sentence.end, trigger) for sentence, trigger, _ in triggers]
        jobs = [(first, last, trigger, rules) for (first, last), (_, trigger, rules) in zip(windows, triggers)]
        scores = reader.scores(*reader.read(feats, jobs, genre))
        ends = list(accumulate(last - first for first, last in windows))
        each = [scores[start:end] for start, end in zip([0, *ends], ends)]  # each window's (np.split's views)
        found = [decode(labels, first) for labels, (first, _) in zip(crf.viterbi(each), windows)]
        if self.pairwise is not None:
            found = read_pairwise(
                self.pairwise,
                feats,
                [
                    (first, last, trigger, rules, tagged)
                    for (first, last), (_, trigger, rules), tagged in zip(windows, triggers, found)
                ],
                genre,
            )
        out = []
        for spans in found:
            fillers = []
            for start, end, role in spans:
                phrase = Phrase(start, end)
                if role == "Time":
                    role = time_role(feats.words, phrase, time)
                fillers.append(RoleFiller(role, phrase))
            out.append(fillers)
        return out


# The most words x sentences a batch of the taggers' numpy steps holds (the longest sentence's words times the
# sentences): a document of BKEE (400 words) is one batch; a book is many, and its memory stays bounded.
BATCH_CELLS = 1 << 13


def _batches(items: list, length) -> Iterable[list]:
    """``items`` in order, in batches whose longest ``length(item)`` times their number stays within
    :data:`BATCH_CELLS` (an item longer than that is a batch alone)."""
    batch: list = []
    longest = 0
    for item in items:
        n = length(item)
        if batch and max(longest, n) * (len(batch) + 1) > BATCH_CELLS:
            yield batch
            batch, longest = [], 0
        batch.append(item)
        longest = max(longest, n)
    if batch:
        yield batch


class Featuriser:
    """What both the component and the training compute for a ``Doc``: the rules' readings as features."""

    def __init__(self, vocab, ontology: Ontology, lexicon: Lexicon):
        self.ontology = ontology
        self.lexicon = lexicon
        self.grammar = Grammar(vocab, lexicon)
        self.lexicon_triggers = LexiconTriggers(lexicon)

    def read(self, doc: Doc) -> tuple[Words, list[Candidate], DocFeatures]:
        """The word lists of ``doc``, the lexicon's triggers, and the base features."""
        words = Words(doc, self.grammar)
        matches = self.lexicon_triggers.matches(words)
        rule_triggers = self.lexicon_triggers.select(words, [c.copy() for c in matches])
        return words, rule_triggers, DocFeatures.of(doc, words, matches, rule_triggers)

    def prepare(self, words: Words, cand: Candidate) -> Candidate:
        """A trigger from a model or the gold, with its lexicon frame and voice (its span unchanged)."""
        self.lexicon_triggers.entry_for(cand, words)
        read_voice(cand, words)
        return cand

    def rule_arguments(self, words: Words, sentence: Span, triggers: list[Candidate]) -> list[list[RoleFiller]]:
        return read_sentence_arguments(
            words, sentence, triggers, self.lexicon, lambda t: t in self.ontology and self.ontology.has_role(t, "Place")
        )

"""The ``songngu_events`` spaCy component: triggers, then arguments and modality.

Configuration (``[components.events]`` in ``pipeline/vi/default.cfg``):

=============  ================================================================
``backend``    ``trained`` (the CRF model of ``songngu train events``: triggers
               and arguments), ``lexicon`` (the lexicon's trigger words, the
               clause rules' arguments) or ``both`` (the model's triggers, plus
               the lexicon's where the model has none, each with its own arguments)
``ontology``   the ontology YAML (default: ``pipeline/events/ontology.yaml``)
``lexicon``    the lexicon YAML (default: ``pipeline/events/lexicon.yaml``); its
               words, frames and word lists serve every backend (for the model
               they are features)
``model``      the trained model directory (default: ``models/events-crf``)
``genre``      what kind of text: ``news`` (default; BKEE's) or ``annals`` (VHE's
               classical annals); the trigger model reads it as a feature
``arguments``  who decides a trained model's arguments: ``pairwise`` (default: the
               model's pairwise classifier over the argument CRF's spans and the
               sentence's phrases, when the model has one) or ``crf`` (the argument
               CRF alone: about a point less argument F1 on BKEE and VHE dev, and a
               fifth less time in this component; see bench/results/events_corpora.md)
=============  ================================================================

When ``trained`` or ``both`` finds no model (``models/events-crf`` is trained on
BKEE, CC BY-NC 4.0, and a user may have removed it), the component runs the
lexicon backend, logs a warning, and says so in the JSON's
``pipeline.components`` record (``model`` and ``note``).

Modality is read by the same rules whatever found the trigger
(:mod:`pipeline.events.clauses.modality`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from bisect import bisect_right
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from pipeline import MODELS_DIR, __version__
from pipeline.docmodel import ARGUMENTS_KEY, Argument, Event, register_extensions
from pipeline.events.candidates import STATEMENT, Candidate
from pipeline.events.clauses.modality import read_modality
from pipeline.events.clauses.noun_phrases import Phrase, coordinated_entities, entity_before_clause, is_non_argument
from pipeline.events.clauses.objects import RoleFiller
from pipeline.events.features import sentence_words
from pipeline.events.lexicon import Lexicon, load_lexicon
from pipeline.events.ontology import Ontology, load_ontology
from pipeline.events.trained import EventModel, Featuriser, TrainingError
from pipeline.events.triggers import in_an_idiom, inside_a_name, outside_names, retype_accusation
from pipeline.spacy_data import CarriesDataFiles, DataFiles

logger = logging.getLogger(__name__)

BACKENDS = ("lexicon", "trained", "both")
ARGUMENT_READERS = ("pairwise", "crf")  # the ``arguments`` setting: see the module's docstring
DEFAULT_MODEL = MODELS_DIR / "events-crf"
ARGUMENT_SOURCE = "events"
ACCUSATIONS = frozenset({"Justice.Charge-Indict", "Justice.Sue"})


def check_settings(backend: str, arguments: str) -> None:
    if backend not in BACKENDS:
        raise ValueError(f"songngu_events: unknown backend {backend!r} (expected one of {', '.join(BACKENDS)})")
    if arguments not in ARGUMENT_READERS:
        raise ValueError(
            f"songngu_events: unknown arguments reader {arguments!r} (expected one of {', '.join(ARGUMENT_READERS)})"
        )


def load_event_model(path: str | Path | None, backend: str) -> tuple[EventModel | None, str]:
    """The model a backend needs, or None and the note saying why the lexicon runs instead."""
    if backend == "lexicon":
        return None, ""
    path = Path(path) if path else DEFAULT_MODEL
    try:
        return EventModel.load(path), ""
    except (TrainingError, OSError) as exc:
        note = (
            f"backend {backend!r} fell back to the lexicon: no event model at {path} ({exc}); "
            "train one with `songngu train events`"
        )
        logger.warning("songngu_events: %s", note)
        return None, note


def _sentence_finder(sentences: list[Span]):
    """A function giving the index of the sentence holding token ``i`` (None: none does). The sentences are in
    order and do not overlap: a binary search, where a loop over the sentences for each trigger took seconds on a
    book (thousands of each)."""
    starts = [sent.start for sent in sentences]

    def sentence_of(i: int) -> int | None:
        n = bisect_right(starts, i) - 1
        return n if n >= 0 and i < sentences[n].end else None

    return sentence_of


class EventExtractor:
    def __init__(
        self,
        nlp: Language,
        backend: str,
        ontology: Ontology,
        lexicon: Lexicon,
        model: EventModel | None = None,
        note: str = "",
        genre: str = "news",
        arguments: str = "pairwise",
    ):
        register_extensions()
        check_settings(backend, arguments)
        self.requested = backend
        self.arguments = arguments
        self.ontology = ontology
        self.lexicon = lexicon
        self.featuriser = Featuriser(nlp.vocab, ontology, lexicon)
        self.participant_roles = frozenset(lexicon.grammar.get("participant_roles", ()))
        self.note = note
        self.genre = genre
        self._set_model(model if backend != "lexicon" else None)
        if self.model is not None and self.model.genres and genre not in self.model.genres:
            raise ValueError(
                f"songngu_events: genre {genre!r} is not one the event model was trained on "
                f"(expected one of {', '.join(self.model.genres)})"
            )

    def _set_model(self, model: EventModel | None) -> None:
        if model is not None and model.pairwise is not None and self.arguments == "crf":
            model = dataclasses.replace(model, pairwise=None)  # its files (what is saved) keep the classifier
        self.model = model
        # The types the model decides, read off its record once (not for every document).
        self._learnt = model.learnt_types if model is not None else frozenset()
        self.backend = self.requested if model is not None else "lexicon"
        # The version records the data files' contents (and the model's), so that
        # editing the lexicon changes the options hash and a batch redoes its documents.
        digest = hashlib.sha256()
        parts = [self.ontology.sha256, self.lexicon.sha256, model.version if model else "", self.genre]
        if self.arguments != "pairwise":  # the default adds nothing, so outputs of before keep their version
            parts.append(self.arguments)
        for part in parts:
            digest.update(part.encode("utf-8"))
        name = "events-lexicon"
        if model is not None:
            name = f"{model.name}+events-lexicon" if self.backend == "both" else model.name
        self.songngu_meta = {"model": name, "version": f"{__version__}+{digest.hexdigest()[:12]}"}
        if self.note and model is None:
            self.songngu_meta["note"] = self.note

    # ------------------------------------------------------------ triggers

    def triggers(self, doc: Doc, sentences: list[Span]) -> tuple[list[Candidate], object, object]:
        words, rule_triggers, feats = self.featuriser.read(doc)
        sentence_of = _sentence_finder(sentences)
        for c in rule_triggers:
            n = sentence_of(c.start)
            if n is not None:
                retype_accusation(c, words, sentences[n].end)
        if self.model is None:
            return rule_triggers, words, feats
        found = []
        for cand in self.model.triggers(feats, sentences, self.genre):
            if inside_a_name(cand, words):
                cand = outside_names(cand, words)
            if cand is None or in_an_idiom(cand, words):
                continue
            for part in self.model.split(doc, cand):  # a word that holds the event's word and more: its part
                if part.type in self.ontology:
                    found.append(self.featuriser.prepare(words, part))
        for c in found:
            n = sentence_of(c.start)
            if n is not None:
                retype_accusation(c, words, sentences[n].end)
        # The lexicon fills in: with "both" wherever the model has no trigger; with "trained" only
        # for the types the model has (almost) not learnt (Contact.Statement, a user's own types:
        # these win over the model's word) and for accusations of a crime, not their documents
        # ("cáo trạng", the indictment, a nominal entry: 0 of its 21 uses in BKEE train are marked).
        learnt = self._learnt
        own = [c for c in rule_triggers if c.type not in learnt]
        # Overlap as shared words (every trigger has one): a set, where a loop over the lexicon's triggers for
        # each of the model's took seconds on a book.
        # Except where the model's trigger holds the lexicon's and more: "tuyên bố phá sản" is a bankruptcy,
        # not a statement "tuyên bố" (BKEE dev: 4 more triggers right, 2 more false alarms).
        cover = {i: m for m in found for i in range(m.start, m.end)}
        own = [
            c
            for c in own
            if (m := cover.get(c.start)) is None
            or not (m.start <= c.start and c.end <= m.end and m.end - m.start > c.end - c.start)
        ]
        owned = {i for c in own for i in range(c.start, c.end)}
        found = [m for m in found if owned.isdisjoint(range(m.start, m.end))]
        found.extend(own)
        taken = {i for c in found for i in range(c.start, c.end)}
        for c in rule_triggers:
            if (
                c.type in learnt
                and taken.isdisjoint(range(c.start, c.end))
                and (self.backend == "both" or (c.type in ACCUSATIONS and not c.nominal))
            ):
                found.append(c)
        found.sort(key=lambda c: (c.start, c.end))
        return found, words, feats

    # ------------------------------------------------------------ arguments

    def __call__(self, doc: Doc) -> Doc:
        sentences = [sentence_words(s) for s in (doc.sents if doc.has_annotation("SENT_START") else [doc[:]])]
        candidates, words, feats = self.triggers(doc, sentences)
        group = doc.spans[ARGUMENTS_KEY] if ARGUMENTS_KEY in doc.spans else SpanGroup(doc, name=ARGUMENTS_KEY)
        other_spans: dict[tuple[int, int], Span] = {(sp.start, sp.end): sp for sp in group}
        ents = {(ent.start, ent.end): ent for ent in words.ents}
        events: list[Event] = list(doc._.events)
        by_sentence: dict[int, list[Candidate]] = {}
        sentence_of = _sentence_finder(sentences)
        for c in candidates:
            n = sentence_of(c.start)
            if n is not None:
                by_sentence.setdefault(n, []).append(c)
        time = self.ontology.time_roles[0] if self.ontology.time_roles else "Time-Within"
        ruled = {n: self.featuriser.rule_arguments(words, sentences[n], cands) for n, cands in by_sentence.items()}
        # The model reads the arguments of all its triggers of the text at once.
        modelled = [
            (sentences[n], c, rules)
            for n, cands in by_sentence.items()
            for c, rules in zip(cands, ruled[n])
            if self.model is not None and c.source != "lexicon"
        ]
        # each modelled trigger's reading, by the candidate (the others keep the rules' reading)
        readings = dict(
            zip(
                [id(c) for _, c, _ in modelled],
                self.model.arguments_of(feats, modelled, time, self.genre) if modelled else (),
            )
        )
        for n, cands in by_sentence.items():
            sent = sentences[n]
            statements = [c for c in cands if c.type == STATEMENT]
            for c, rules in zip(cands, ruled[n]):
                read = readings.get(id(c), rules)
                if id(c) in readings and not c.nominal:
                    read = self._voiced(c, read)
                if c.type == "Movement.Transport" and any(self._moves_not(f, words) for f in [*read, *rules]):
                    continue  # figurative: a cancer "chạy sang" the liver
                arguments = self._arguments(doc, c, read, words, ents, other_spans)
                events.append(
                    Event(
                        type=c.type,
                        trigger=doc[c.shown_start : c.end],
                        arguments=arguments,
                        modality=read_modality(words, c, sent.start, statements),
                        source=c.source,
                        score=c.score,
                        part=c.part,
                    )
                )
        doc.spans[ARGUMENTS_KEY] = SpanGroup(
            doc, name=ARGUMENTS_KEY, spans=sorted(other_spans.values(), key=lambda sp: (sp.start, sp.end))
        )
        doc.user_data["songngu_events"] = events
        return doc

    def _voiced(self, c: Candidate, read: list[RoleFiller]) -> list[RoleFiller]:
        """A model's reading of a verbal trigger with the subject's role its voice gives (the type's frame): the
        pairwise classifier reads a role from the phrase and where it lies, and mixes up the subject of the two
        voices (issue 12, evd20).

        - Passive: a filler before the marker (bị/được) read as the active subject's role takes the passive
          subject's ("[ASEAN] được thành lập": the Org founded, not its Agent).
        - Active: one filler before the verb and one after it, both read as the object's role, and none as the
          subject's: the one before is the subject ("[năm nước Đông Nam Á] thành lập [ASEAN]": the founders are
          the Agent). A subject alone keeps its role ("Công ty X thành lập năm 2005" is the Org founded).
        """
        frame = self.lexicon.frame(c.type, c.frame_override)
        subject, obj, passive = frame.subject, frame.object, frame.passive_subject
        if c.passive:
            if not (subject and passive and subject != passive):
                return read
            marker = c.marker_start if c.marker_start is not None else c.start - 1
            return [RoleFiller(passive, f.phrase) if f.role == subject and f.phrase.end <= marker else f for f in read]
        if not (subject and obj and subject != obj) or any(f.role == subject for f in read):
            return read
        before = [f for f in read if f.role == obj and f.phrase.end <= c.start]
        if len(before) != 1 or not any(f.role == obj and f.phrase.start >= c.end for f in read):
            return read
        return [RoleFiller(subject, f.phrase) if f is before[0] else f for f in read]

    def _arguments(self, doc: Doc, c: Candidate, read: list[RoleFiller], words, ents, other_spans) -> list[Argument]:
        """The readings that make arguments: not over the trigger, of a role and a kind the type allows."""
        arguments = []
        seen = set()
        for filler in self._conjuncts(self._without_clauses(read, words), words):
            role, start, end = filler.role, filler.phrase.start, filler.phrase.end
            if start < c.end and c.shown_start < end:
                continue  # an argument never overlaps its trigger
            if is_non_argument(words, filler.phrase):
                continue
            span = ents.get((start, end))
            label = span.label_ if span is not None else "OTHER"
            if not self.ontology[c.type].allows(role, label) or (role, start, end) in seen:
                continue
            if label == "OTHER" and not self._fits(role, start, end, words):
                continue
            seen.add((role, start, end))
            if span is None:
                span = other_spans.get((start, end))
                if span is None:
                    span = Span(doc, start, end, label="OTHER")
                    span._.source = ARGUMENT_SOURCE
                    other_spans[(start, end)] = span
            arguments.append(Argument(role=role, span=span))
        return arguments

    @staticmethod
    def _conjuncts(read: list[RoleFiller], words) -> list[RoleFiller]:
        """``read`` with a filler that coordinates entities (*Sư đoàn 316 và Sư đoàn 320*) as one filler per entity,
        of the role read: each conjunct is an argument of its own (ACE's and VHE's convention; BKEE's varies)."""
        out = []
        for filler in read:
            ents = coordinated_entities(words, filler.phrase)
            out.extend([RoleFiller(filler.role, Phrase(e.start, e.end)) for e in ents] or [filler])
        return out

    @staticmethod
    def _without_clauses(read: list[RoleFiller], words) -> list[RoleFiller]:
        """``read`` with a filler that runs from an entity into a clause about it (*Sư đoàn 7* do Đại tá Lê Nam
        Phong chỉ huy) cut to the entity."""
        out = []
        for filler in read:
            head = entity_before_clause(words, filler.phrase)
            out.append(filler if head is None else RoleFiller(filler.role, head))
        return out

    def _fits(self, role: str, start: int, end: int, words) -> bool:
        """An unnamed filler of the right kind: a participant for Seller, Attacker ...; a time for Time-*."""
        head = start
        while head < end and (
            words.end_of("determiners", head) is not None or words.is_number(head) or words.is_space(head)
        ):
            head = words.end_of("determiners", head) or head + 1
        if role.startswith("Time-"):
            return any(
                words.is_number(k)
                or words.end_of("time_nouns", k) is not None
                or words.end_of("time_words", k) is not None
                for k in range(start, end)
            )
        if head >= end:
            return True
        if words.end_of("abstract_heads", head) is not None:
            return False
        if role.lower() in self.participant_roles:
            return words.end_of("non_participant_heads", head) is None
        return True

    @staticmethod
    def _moves_not(filler: RoleFiller, words) -> bool:
        return filler.role in ("Artifact", "Agent") and words.end_of("non_movers", filler.phrase.start) is not None


class EventsComponent(CarriesDataFiles):
    """The ``songngu_events`` component: the config's settings, and the data they name.

    The ontology and lexicon files (and the event model, for the ``trained`` and
    ``both`` backends) are read by :meth:`initialize`, or from the saved copy that
    :meth:`to_disk` writes (``ontology.yaml``, ``lexicon.yaml``, ``model/``) by
    :meth:`from_disk`, or else on first use.
    """

    def __init__(
        self,
        nlp: Language,
        backend: str,
        ontology: str | None,
        lexicon: str | None,
        model: str | None,
        genre: str = "news",
        arguments: str = "pairwise",
    ):
        check_settings(backend, arguments)
        self.nlp = nlp
        self.settings = {
            "backend": backend,
            "ontology": ontology,
            "lexicon": lexicon,
            "model": model,
            "genre": genre,
            "arguments": arguments,
        }
        self._extractor: EventExtractor | None = None
        self._data: DataFiles | None = None

    @property
    def extractor(self) -> EventExtractor:
        if self._extractor is None:
            self.initialize()
        return self._extractor

    @property
    def songngu_meta(self) -> dict[str, str]:
        return self.extractor.songngu_meta

    @property
    def event_model(self) -> EventModel | None:
        # Not named ``model``: spaCy probes every component for ``model`` (and the other attributes of
        # its ListenedToComponent protocol) while it builds a pipeline from a config, before
        # ``from_disk``; a ``model`` property would read the config's files then, which a saved
        # pipeline no longer has (the probe's order follows string hashing, so that failed at random).
        return self.extractor.model

    def __call__(self, doc: Doc) -> Doc:
        return self.extractor(doc)

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        """Read the files the config names (spaCy calls this from ``nlp.initialize()``)."""
        from importlib.resources import files

        from pipeline.events.lexicon import DEFAULT_LEXICON
        from pipeline.events.ontology import DEFAULT_ONTOLOGY

        backend, ontology, lexicon, model = (self.settings[k] for k in ("backend", "ontology", "lexicon", "model"))
        onto = load_ontology(ontology)  # errors name the user's file and entry
        lex = load_lexicon(onto, lexicon)
        trained, note = load_event_model(model, backend)
        data = DataFiles({"backend": backend, "model": trained is not None, "note": note})
        for saved, path, default in (
            ("ontology.yaml", ontology, DEFAULT_ONTOLOGY),
            ("lexicon.yaml", lexicon, DEFAULT_LEXICON),
        ):
            source = Path(path) if path is not None else files(__package__).joinpath(default)
            data.files[saved] = source.read_bytes()
        if trained is not None:
            data.files.update({f"model/{name}": content for name, content in trained.files.items()})
        self._extractor = EventExtractor(
            self.nlp, backend, onto, lex, trained, note, self.settings["genre"], self.settings["arguments"]
        )
        self._data = data

    # -- serialisation: the ontology, the lexicon and the event model go with the pipeline

    def _restore(self, data: DataFiles) -> EventsComponent:
        with data.folder() as folder:
            onto = load_ontology(folder / "ontology.yaml")
            lex = load_lexicon(onto, folder / "lexicon.yaml")
        trained = None
        if data.record.get("model"):
            prefix = "model/"
            files = {name[len(prefix) :]: content for name, content in data.files.items() if name.startswith(prefix)}
            trained = EventModel.from_files(files, "saved pipeline")
        note = data.record.get("note", "")
        self._extractor = EventExtractor(
            self.nlp,
            data.record["backend"],
            onto,
            lex,
            trained,
            note,
            self.settings["genre"],
            self.settings["arguments"],
        )
        self._data = data
        return self

    def _saved(self) -> DataFiles:
        self.extractor  # noqa: B018  (reads the files if nothing has yet)
        return self._data


@Language.factory(
    "songngu_events",
    default_config={
        "backend": "trained",
        "ontology": None,
        "lexicon": None,
        "model": None,
        "genre": "news",
        "arguments": "pairwise",
    },
    requires=["doc.ents", "doc.sents", "token.tag", "token.pos"],
    assigns=["doc._.events", "doc.spans"],
)
def create_events(
    nlp: Language,
    name: str,
    backend: str,
    ontology: str | None,
    lexicon: str | None,
    model: str | None,
    genre: str,
    arguments: str,
):
    return EventsComponent(nlp, backend, ontology, lexicon, model, genre, arguments)

"""The ``songngu_events`` spaCy component: triggers, then arguments and modality.

Configuration (``[components.events]`` in ``pipeline/vi/default.cfg``):

=============  ================================================================
``backend``    ``lexicon`` (trigger words from the lexicon file), ``trained``
               (a trigger classifier from ``songngu train events``) or ``both``
               (the lexicon's triggers, plus the model's where the lexicon has none)
``ontology``   the ontology YAML (default: ``pipeline/events/ontology.yaml``)
``lexicon``    the lexicon YAML (default: ``pipeline/events/lexicon.yaml``); its
               frames and word lists serve every backend
``model``      the trained trigger model directory (default: ``models/events-trigger``)
=============  ================================================================

Whatever found a trigger, its arguments and modality are read by the same rules
(:mod:`pipeline.events.clauses`), so the backends differ only in which words
they take as triggers and which type they give them.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from pipeline import MODELS_DIR, __version__
from pipeline.docmodel import ARGUMENTS_KEY, Argument, Event, register_extensions
from pipeline.events.candidates import STATEMENT, Candidate
from pipeline.events.clauses.arguments import read_arguments
from pipeline.events.clauses.modality import read_modality
from pipeline.events.clauses.noun_phrases import Phrase, is_non_argument
from pipeline.events.clauses.objects import RoleFiller
from pipeline.events.clauses.time_place import attach_times_and_places
from pipeline.events.clauses.words import NAMED, Grammar, Words
from pipeline.events.lexicon import Lexicon, load_lexicon
from pipeline.events.ontology import Ontology, OntologyError, load_ontology
from pipeline.spacy_data import DataFiles
from pipeline.text.normalize import syllable_key
from pipeline.text.phrases import SyllableMatcher

BACKENDS = ("lexicon", "trained", "both")
DEFAULT_MODEL = MODELS_DIR / "events-trigger"
ARGUMENT_SOURCE = "events"


class LexiconTriggers:
    """Trigger candidates from the lexicon's words, with the lexicon's filters."""

    def __init__(self, vocab, lexicon: Lexicon):
        self.lexicon = lexicon
        self.matcher = SyllableMatcher(vocab)
        for key, entry in lexicon.entries.items():
            self.matcher.add(key, entry.words, entry.pos or None)

    def __call__(self, doc: Doc) -> list[Candidate]:
        out = []
        for key, start, end in self.matcher(doc):
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
                )
            )
        return out


class EventExtractor:
    def __init__(self, nlp: Language, backend: str, ontology: Ontology, lexicon: Lexicon, model=None):
        register_extensions()
        if backend not in BACKENDS:
            raise ValueError(f"songngu_events: unknown backend {backend!r} (expected one of {', '.join(BACKENDS)})")
        self.backend = backend
        self.ontology = ontology
        self.lexicon = lexicon
        self.grammar = Grammar(nlp.vocab, lexicon)
        self.lexicon_triggers = LexiconTriggers(nlp.vocab, lexicon) if backend in ("lexicon", "both") else None
        self.model = model
        # The version records the data files' contents (and the model's), so that
        # editing the lexicon changes the options hash and a batch redoes its documents.
        digest = hashlib.sha256()
        for part in (ontology.sha256, lexicon.sha256):
            digest.update(part.encode("utf-8"))
        model_name = "events-lexicon"
        if model is not None:
            model_name = f"events-lexicon+{model.name}" if backend == "both" else model.name
            digest.update(model.version.encode("utf-8"))
        self.songngu_meta = {"model": model_name, "version": f"{__version__}+{digest.hexdigest()[:12]}"}
        # Model triggers whose words are a lexicon entry take the entry's frame.
        self.entry_by_words = {}
        for entry in lexicon.entries.values():
            self.entry_by_words.setdefault(entry.words, entry)

    # ------------------------------------------------------------ triggers

    def candidates(self, doc: Doc, words: Words) -> list[Candidate]:
        found: list[Candidate] = []
        if self.lexicon_triggers is not None:
            found.extend(self.lexicon_triggers(doc))
        if self.model is not None:
            lexical = [(c.start, c.end) for c in found]
            for start, end, label, score in self.model.predict(doc):
                if label not in self.ontology:
                    continue
                if any(start < e and s < end for s, e in lexical):
                    continue  # "both": the lexicon decides where it has a word
                cand = Candidate(start=start, end=end, type=label, source=f"model:{self.model.name}", score=score)
                entry = self.entry_by_words.get(" ".join(syllable_key(doc[start:end].text)))
                if entry is not None and entry.type == label:
                    cand.frame_override, cand.nominal = entry.frame_override, entry.nominal
                elif doc[start].tag_ in ("N", "Nc"):  # no entry to go by: the tagger's word class
                    cand.nominal = True
                found.append(cand)
        found = [c for c in found if self._keep(c, doc, words)]
        # Longest first, then leftmost: one trigger per word.
        found.sort(key=lambda c: (-(c.end - c.start), c.start))
        taken: set[int] = set()
        kept = []
        for c in found:
            if taken.isdisjoint(range(c.start, c.end)):
                kept.append(c)
                taken.update(range(c.start, c.end))
        kept.sort(key=lambda c: c.start)
        kept = [c for c in kept if not self._yields(c, kept, words)]
        for c in kept:
            self._voice(c, doc, words)
        return kept

    def _keep(self, c: Candidate, doc: Doc, words: Words) -> bool:
        # Inside a name (Hiệp ước Chống tên lửa ...) a verb is part of the name.
        if any(words.named(i) is not None and words.named(i).label_ in NAMED for i in range(c.start, c.end)):
            return False
        # Part of a modality cue (bị cáo buộc, được cho là) rather than an event;
        # a cue word inside a trigger (không in "không kích") does not count.
        for name in ("modality:uncertain", "modality:negation"):
            for start, end in words.starts.get(name, {}).items():
                if start < c.end and c.start < end and (start < c.start or end > c.end):
                    return False
        # A participant class, not an event: quân nổi dậy, phe tham chiến.
        p = words.previous_word(c.start, 0)
        if p >= 0 and words.start_of("participant_nouns", p) is not None and not c.source.startswith("model"):
            return False
        return True

    def _yields(self, c: Candidate, kept: list[Candidate], words: Words) -> bool:
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

    def _voice(self, c: Candidate, doc: Doc, words: Words) -> None:
        """Passive marker into the trigger; nominal use after a classifier."""
        marker_end = words.end_of("passive_markers", c.start)
        if marker_end is not None and marker_end < c.end:  # the lexicon wrote it: "bị bắt"
            c.passive = True
        elif c.start > 0:
            marker_start = words.start_of("passive_markers", c.start - 1)  # right before, no gap
            if marker_start is not None:
                c.start, c.passive = marker_start, True
        p = words.previous_word(c.start, 0)
        # Only a classifier makes a verb a noun here: the tagger's N on a verb
        # (tuyên án/N) is too often wrong to go by.
        if not c.passive and p >= 0 and words.start_of("nominalisers", p) is not None:
            c.nominal = True

    # ------------------------------------------------------------ arguments

    def __call__(self, doc: Doc) -> Doc:
        words = Words(doc, self.grammar)
        candidates = self.candidates(doc, words)
        group = doc.spans[ARGUMENTS_KEY] if ARGUMENTS_KEY in doc.spans else SpanGroup(doc, name=ARGUMENTS_KEY)
        other_spans: dict[tuple[int, int], Span] = {(sp.start, sp.end): sp for sp in group}
        ents = {(ent.start, ent.end): ent for ent in doc.ents}
        events: list[Event] = list(doc._.events)
        sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        by_sentence: dict[int, list[Candidate]] = {}
        for c in candidates:
            for n, sent in enumerate(sentences):
                if sent.start <= c.start < sent.end:
                    by_sentence.setdefault(n, []).append(c)
                    break
        for n, cands in by_sentence.items():
            sent = sentences[n]
            attached = attach_times_and_places(words, sent, cands)
            statements = [c for c in cands if c.type == STATEMENT]
            statement_ends = frozenset(st.end - 1 for st in statements)
            for k, c in enumerate(cands):
                read = read_arguments(words, c, sent.start, sent.end, self.lexicon, statement_ends)
                read.extend(attached.times.get(k, []))
                place = attached.places.get(k)
                if place is not None and self.ontology.has_role(c.type, "Place"):
                    read.append(RoleFiller("Place", place))
                arguments = []
                seen = set()
                for filler in read:
                    role, start, end = filler.role, filler.phrase.start, filler.phrase.end
                    if start < c.end and c.start < end:
                        continue  # an argument never overlaps its trigger
                    if is_non_argument(words, Phrase(start, end)):
                        continue
                    span = ents.get((start, end))
                    label = span.label_ if span is not None else "OTHER"
                    if not self.ontology[c.type].allows(role, label) or (role, start, end) in seen:
                        continue
                    seen.add((role, start, end))
                    if span is None:
                        span = other_spans.get((start, end))
                        if span is None:
                            span = Span(doc, start, end, label="OTHER")
                            span._.source = ARGUMENT_SOURCE
                            other_spans[(start, end)] = span
                    arguments.append(Argument(role=role, span=span))
                events.append(
                    Event(
                        type=c.type,
                        trigger=doc[c.start : c.end],
                        arguments=arguments,
                        modality=read_modality(words, c, sent.start, statements),
                        source=c.source,
                        score=c.score,
                    )
                )
        doc.spans[ARGUMENTS_KEY] = SpanGroup(
            doc, name=ARGUMENTS_KEY, spans=sorted(other_spans.values(), key=lambda sp: (sp.start, sp.end))
        )
        doc.user_data["songngu_events"] = events
        return doc


def load_model(path: str | Path | None):
    from pipeline.events.trained import TriggerModel

    path = Path(path) if path else DEFAULT_MODEL
    if not (path / "meta.json").exists() and not (path / "config.cfg").exists():
        raise OntologyError(
            f"{path}: no trained trigger model here (train one with `songngu train events --gold DIR -o {path}`)"
        )
    return TriggerModel.load(path)


class EventsComponent:
    """The ``songngu_events`` component: the config's settings, and the data they name.

    The ontology and lexicon files (and the trigger model, for the ``trained``
    and ``both`` backends) are read by :meth:`initialize`, or from the saved copy
    that :meth:`to_disk` writes (``ontology.yaml``, ``lexicon.yaml``, ``model/``)
    by :meth:`from_disk`, or else on first use.
    """

    def __init__(self, nlp: Language, backend: str, ontology: str | None, lexicon: str | None, model: str | None):
        if backend not in BACKENDS:
            raise ValueError(f"songngu_events: unknown backend {backend!r} (expected one of {', '.join(BACKENDS)})")
        self.nlp = nlp
        self.settings = {"backend": backend, "ontology": ontology, "lexicon": lexicon, "model": model}
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
        trained = load_model(model) if backend in ("trained", "both") else None
        data = DataFiles({"backend": backend, "model": trained is not None})
        for saved, path, default in (
            ("ontology.yaml", ontology, DEFAULT_ONTOLOGY),
            ("lexicon.yaml", lexicon, DEFAULT_LEXICON),
        ):
            source = Path(path) if path is not None else files(__package__).joinpath(default)
            data.files[saved] = source.read_bytes()
        if trained is not None:
            data.add_folder(trained.path, prefix="model/")
        self._extractor, self._data = EventExtractor(self.nlp, backend, onto, lex, trained), data

    # -- serialisation: the ontology, the lexicon and the trigger model go with the pipeline

    def _restore(self, data: DataFiles) -> EventsComponent:
        with data.folder() as folder:
            onto = load_ontology(folder / "ontology.yaml")
            lex = load_lexicon(onto, folder / "lexicon.yaml")
            trained = load_model(folder / "model") if data.record.get("model") else None
        if trained is not None:
            trained.path = None  # the temporary folder it was read from is gone
        self._extractor = EventExtractor(self.nlp, data.record["backend"], onto, lex, trained)
        self._data = data
        return self

    def _saved(self) -> DataFiles:
        self.extractor  # noqa: B018  (reads the files if nothing has yet)
        return self._data

    def to_disk(self, path: str | Path, **kwargs) -> None:
        self._saved().to_disk(path)

    def from_disk(self, path: str | Path, **kwargs) -> EventsComponent:
        return self._restore(DataFiles.from_disk(path))

    def to_bytes(self, **kwargs) -> bytes:
        return self._saved().to_bytes()

    def from_bytes(self, data: bytes, **kwargs) -> EventsComponent:
        return self._restore(DataFiles.from_bytes(data))


@Language.factory(
    "songngu_events",
    default_config={"backend": "lexicon", "ontology": None, "lexicon": None, "model": None},
    requires=["doc.ents", "doc.sents", "token.tag", "token.pos"],
    assigns=["doc._.events", "doc.spans"],
)
def create_events(nlp: Language, name: str, backend: str, ontology: str | None, lexicon: str | None, model: str | None):
    return EventsComponent(nlp, backend, ontology, lexicon, model)

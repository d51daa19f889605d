"""``songngu train events``: fit the event model (:mod:`pipeline.events.trained`) on gold.

Sources, each optional:

* **BKEE train** (Vietnamese news, brat, CC BY-NC 4.0): every type and role,
  mapped by ``corpora.yaml`` (the model is then CC BY-NC 4.0 too);
* **VHE train** (historical annals, Apache-2.0): the events whose type maps onto
  ACE 2005 (not its natural disasters and phenomena), with the thematic roles
  that map for that type (``corpora.yaml``); an unmapped role is no label, so
  the model learns nothing false from it, only misses it;
* **our own brat gold** (``corpus/gold/events/seed``; never ``heldout``):
  sentences listed in its ``heldback.tsv`` are left out, and a leading
  ``bị``/``được`` is taken off its triggers (it predates the head-only
  convention; see ``corpora.yaml``).

Each gold text goes through the Vietnamese pipeline first (cached, see
:mod:`pipeline.events.preprocess`), so that the model is trained on the words,
tags and entities it will see. Both CRFs are fitted with L-BFGS and elastic-net
regularisation; the L1 part keeps the files small.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pycrfsuite
from spacy.language import Language
from spacy.tokens import Doc

from pipeline import __version__
from pipeline.events import arguments as pairwise
from pipeline.events.candidates import Candidate
from pipeline.events.features import DocFeatures, bio, sentence_words, time_class
from pipeline.events.trained import (
    ARGUMENT_FILE,
    CARD_FILE,
    MODEL_NAME,
    PAIRWISE_FILE,
    PARTS_FILE,
    RECORD_FILE,
    TRIGGER_FILE,
    Featuriser,
    TrainingError,
    argument_window,
    decode,
)

logger = logging.getLogger(__name__)

HELDBACK_FILE = "heldback.tsv"
# The genres of the training texts: BKEE (and our gold) is news, VHE classical annals. The trigger
# model reads the genre as a feature, because the two differ in vocabulary and in what they mark (trained
# on BKEE alone it classifies 29% of VHE dev's triggers right, on both 58%); so does the argument model
# (the two corpora draw argument spans and roles differently). The events component's ``genre`` setting
# names it at prediction.
GENRES = ("news", "annals")
PASSIVE_MARKERS = ("bị ", "được ")
# The trigger model's threshold per genre (EventModel.threshold), chosen on BKEE dev for news and on VHE dev
# for annals (bench/results/events_corpora.md): VHE's annotators mark a word the model finds likely less
# often than BKEE's, so annals take a higher one.
TRIGGER_THRESHOLDS = {"news": 0.25, "annals": 0.35}
# A word's trigger is a part of it (EventModel.parts) when the training gold marked the same part(s) of it at least
# this many times, and more often than the whole word.
PARTS_LEAST = 2


def read_heldback(path: Path) -> list[tuple[int, int]]:
    """Character ranges of the held-back sentences (``heldback.tsv``: columns start, end)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    try:
        return [(int(r["start"]), int(r["end"])) for r in rows]
    except (KeyError, TypeError, ValueError):
        raise TrainingError(f"{path}: expected tab-separated columns 'start' and 'end' (character offsets)") from None


@dataclass
class GoldSource:
    """Gold documents to train on, with the name the model card gives them."""

    name: str
    documents: list  # pipeline.io.brat.BratDocument
    heldback: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # doc id -> char ranges left out
    head_only_triggers: bool = False  # drop a leading bị/được from gold triggers
    licence: str = ""
    genre: str = "news"  # what kind of text: the models' genre feature (GENRES)


@dataclass
class Examples:
    trigger_items: list = field(default_factory=list)
    trigger_labels: list = field(default_factory=list)
    argument_items: list = field(default_factory=list)
    argument_labels: list = field(default_factory=list)
    # What the pairwise argument classifier needs of each argument example (same order as the items)
    argument_contexts: list = field(default_factory=list)
    stats: dict = field(default_factory=dict)


@dataclass
class ArgumentContext:
    """One gold trigger as the pairwise argument classifier sees it (:mod:`pipeline.events.arguments`)."""

    feats: DocFeatures
    trigger: Candidate
    rules: list
    sentence_start: int
    sentence_end: int
    genre: str
    gold: list[tuple[int, int, str]]
    fold: int  # which half of the documents it is in, for the cross-fitted CRF output


def inside_only(labels: list[str]) -> list[str]:
    """BIO -> IO labels: half the labels, so a quarter of the transitions and half the weights to fit.

    Two triggers (or arguments) of the same label side by side then read as one; in the
    training data that is rarer than one in a thousand.
    """
    return [label if label == "O" else f"I-{label[2:]}" for label in labels]


def _token_span(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="contract") or doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def passive_head(text: str, start: int, end: int) -> int:
    """Where the gold trigger ``text[start:end]`` starts without its leading passive marker (``bị bắt`` -> ``bắt``),
    for the sources whose gold keeps the marker in the trigger (:attr:`GoldSource.head_only_triggers`)."""
    for marker in PASSIVE_MARKERS:
        if text[start:end].lower().startswith(marker) and end - start > len(marker):
            start += len(marker)
    return start


def collect(source: GoldSource, docs: list[Doc], featuriser: Featuriser, examples: Examples) -> None:
    """Add the training sequences of ``source`` (its gold documents, ``docs`` their pipeline output)."""
    stats = examples.stats.setdefault(
        source.name,
        {"documents": 0, "sentences": 0, "triggers": 0, "arguments": 0, "unaligned": 0, "heldback_sentences": 0},
    )
    types: Counter = stats.setdefault("types", Counter())
    for number, (gold, doc) in enumerate(zip(source.documents, docs)):
        stats["documents"] += 1
        words, _, feats = featuriser.read(doc)
        spans = {e.id: (e.start, e.end) for e in gold.entities}
        events = []
        for ev in gold.events:
            t_start, t_end = ev.trigger.start, ev.trigger.end
            if source.head_only_triggers:
                t_start = passive_head(gold.text, t_start, t_end)
            where = _token_span(doc, t_start, t_end)
            if where is None:
                stats["unaligned"] += 1
                continue
            arguments = []
            for role, ref in ev.arguments:
                a = _token_span(doc, *spans[ref]) if ref in spans else None
                if a is None:
                    stats["unaligned"] += 1
                    continue
                arguments.append((a[0], a[1], time_class(role)))
            events.append((where, ev.type, arguments))
        held = source.heldback.get(gold.id, [])
        for sent in map(sentence_words, doc.sents):
            if any(s < sent.end_char and sent.start_char < e for s, e in held):
                stats["heldback_sentences"] += 1
                continue
            inside = [ev for ev in events if sent.start <= ev[0][0] and ev[0][1] <= sent.end]
            examples.trigger_items.append(feats.trigger_items(sent.start, sent.end, source.genre))
            examples.trigger_labels.append(
                inside_only(bio([(s, e, t) for (s, e), t, _ in inside], sent.start, sent.end))
            )
            stats["sentences"] += 1
            stats["triggers"] += len(inside)
            types.update(t for _, t, _ in inside)
            cands = [featuriser.prepare(words, Candidate(s, e, t, source="gold")) for (s, e), t, _ in inside]
            rule_args = featuriser.rule_arguments(words, sent, cands)
            for cand, (_, _, arguments), rules in zip(cands, inside, rule_args):
                kept = [(s, e, r) for s, e, r in arguments if sent.start <= s and e <= sent.end]
                examples.argument_items.append(feats.argument_items(sent.start, sent.end, cand, rules, source.genre))
                examples.argument_labels.append(inside_only(bio(kept, sent.start, sent.end)))
                examples.argument_contexts.append(
                    ArgumentContext(feats, cand, rules, sent.start, sent.end, source.genre, kept, number % 2)
                )
                stats["arguments"] += len(kept)


def part_patterns(sources: list[GoldSource], docs: list[list[Doc]]) -> dict[str, Counter]:
    """How the gold triggers sit on our words: for each run of our words that gold triggers touch (each trigger
    widened to whole words), keyed by its text in lower case, how often it held which triggers (their characters
    in that text, and types). Our segmenter joins some words the gold marks apart (``treo cổ tự tử``, where BKEE
    marks ``tự tử``; ``chém chết``, an attack and a death): the trigger taggers, trained on the widened spans,
    find the whole word, and :func:`trigger_parts` says which part to show."""
    patterns: dict[str, Counter] = defaultdict(Counter)
    for source, source_docs in zip(sources, docs):
        for gold, doc in zip(source.documents, source_docs):
            held = source.heldback.get(gold.id, [])
            runs: dict[tuple[int, int], set] = defaultdict(set)
            for ev in gold.events:
                start, end = ev.trigger.start, ev.trigger.end
                if source.head_only_triggers:
                    start = passive_head(gold.text, start, end)
                if any(s < end and start < e for s, e in held):
                    continue
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None or not len(span) or start < span.start_char or end > span.end_char:
                    continue
                runs[(span.start, span.end)].add((start - span.start_char, end - span.start_char, ev.type))
            for (first, last), held_parts in runs.items():
                patterns[doc[first:last].text.lower()][tuple(sorted(held_parts))] += 1
    return patterns


def trigger_parts(patterns: dict[str, Counter], least: int = PARTS_LEAST) -> dict[str, dict]:
    """The words whose trigger is a part of them (:attr:`pipeline.events.trained.EventModel.parts`): those whose
    likeliest pattern in :func:`part_patterns` holds a part (not the whole word), seen at least ``least`` times
    and more often than the whole word as a trigger (of any type)."""
    table = {}
    for word, counts in patterns.items():
        n = len(word)
        whole = sum(c for pattern, c in counts.items() if all((s, e) == (0, n) for s, e, _ in pattern))
        best, seen = max(
            ((pattern, c) for pattern, c in counts.items() if any((s, e) != (0, n) for s, e, _ in pattern)),
            key=lambda pc: (pc[1], pc[0]),
            default=(None, 0),
        )
        if best is not None and seen >= least and seen > whole:
            table[word] = {"parts": [list(part) for part in best], "seen": seen, "whole": whole}
    return dict(sorted(table.items()))


def write_parts(sources: list[GoldSource], docs: list[list[Doc]], output: Path) -> dict:
    """Learn :func:`trigger_parts` from ``sources`` and write it to ``output`` (its summary for the record)."""
    table = trigger_parts(part_patterns(sources, docs))
    (output / PARTS_FILE).write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return {"words": len(table), "least": PARTS_LEAST}


def fit(items: list, labels: list, path: Path, c1: float, c2: float, iterations: int) -> dict:
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(items, labels):
        trainer.append(x, y)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True})
    started = time.perf_counter()
    trainer.train(str(path))
    return {"sequences": len(items), "seconds": round(time.perf_counter() - started, 1)}


def fit_pairwise(examples: Examples, output: Path, c1: float, c2: float, iterations: int) -> dict | None:
    """Fit the pairwise argument classifier (:mod:`pipeline.events.arguments`) and write it to ``output``
    (nothing when the gold has no argument to learn from).

    It reads what the argument CRF proposes; on its own training data the CRF is nearly always
    right, so the classifier would learn to copy it. It learns instead from cross-fitted CRF
    output: a CRF trained on one half of the documents labels the other half, and back (on gold
    too small to halve, the CRF of ``output`` labels all of it).
    """
    started = time.perf_counter()
    contexts = examples.argument_contexts
    tagged: list = [None] * len(contexts)
    halves = [[k for k, c in enumerate(contexts) if c.fold == half] for half in (0, 1)]
    if all(halves):
        for half, (mine, rest) in enumerate((halves, halves[::-1])):
            path = output / f".{ARGUMENT_FILE}.half{half}"
            items, labels = [examples.argument_items[k] for k in rest], [examples.argument_labels[k] for k in rest]
            fit(items, labels, path, c1, c2, iterations)
            _tag(path, examples, mine, tagged)
            path.unlink()
    else:
        _tag(output / ARGUMENT_FILE, examples, range(len(contexts)), tagged)
    rows, labels = [], []
    for c, tags in zip(contexts, tagged):
        first, last = argument_window(c.sentence_start, c.sentence_end, c.trigger)
        proposed = [(s, e, r) for s, e, r in decode(tags, c.sentence_start) if first <= s and e <= last]
        pair_features, spans = pairwise.pair_rows(c.feats, first, last, c.trigger, c.rules, proposed, c.genre)
        gold = {(s, e): r for s, e, r in c.gold}
        rows.extend(pair_features)
        labels.extend(gold.get(span, pairwise.NONE) for span in spans)
    if len(set(labels)) < 2:
        return None
    logger.info("training the pairwise argument classifier on %d pairs ...", len(rows))
    fitted = pairwise.fit(rows, labels, thresholds=pairwise.GENRE_THRESHOLDS, trigger_power=pairwise.TRIGGER_POWER)
    (output / PAIRWISE_FILE).write_bytes(fitted)
    return {"pairs": len(rows), "seconds": round(time.perf_counter() - started, 1)}


def _tag(path: Path, examples: Examples, which, tagged: list) -> None:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    for k in which:
        tagged[k] = tagger.tag(examples.argument_items[k])
    tagger.close()


def train(
    sources: list[GoldSource],
    docs: list[list[Doc]],
    output: str | Path,
    featuriser: Featuriser,
    c1: float = 0.2,
    c2: float = 0.01,
    iterations: int = 150,
    extra_record: dict | None = None,
    pairwise_arguments: bool = True,
) -> dict:
    """Train both taggers on ``sources`` (their pipeline output in ``docs``) and write the model to ``output``;
    with ``pairwise_arguments``, the pairwise argument classifier too."""
    examples = Examples()
    for source, source_docs in zip(sources, docs):
        collect(source, source_docs, featuriser, examples)
    if not any(any(label != "O" for label in y) for y in examples.trigger_labels):
        raise TrainingError(f"{', '.join(s.name for s in sources)}: no event triggers to train on")
    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    logger.info("training the trigger tagger on %d sentences ...", len(examples.trigger_items))
    trigger_fit = fit(examples.trigger_items, examples.trigger_labels, output / TRIGGER_FILE, c1, c2, iterations)
    logger.info("training the argument tagger on %d triggers ...", len(examples.argument_items))
    argument_fit = fit(examples.argument_items, examples.argument_labels, output / ARGUMENT_FILE, c1, c2, iterations)
    fits = {"triggers": trigger_fit, "arguments": argument_fit}
    names = [TRIGGER_FILE, ARGUMENT_FILE]
    (output / PAIRWISE_FILE).unlink(missing_ok=True)
    pairwise_fit = fit_pairwise(examples, output, c1, c2, iterations) if pairwise_arguments else None
    if pairwise_fit is not None:
        fits["pairwise"] = pairwise_fit
        names.append(PAIRWISE_FILE)
    parts = write_parts(sources, docs, output)
    names.append(PARTS_FILE)
    fingerprint = _fingerprint(output, names, (extra_record or {}).get("trigger_threshold"))
    for stats in examples.stats.values():
        stats["types"] = dict(sorted(stats["types"].items()))
    record = {
        "name": MODEL_NAME,
        "songngu": __version__,
        "crfsuite": {"c1": c1, "c2": c2, "max_iterations": iterations},
        "training_data": examples.stats,
        "fit": fits,
        "fingerprint": fingerprint,
        "genres": sorted({source.genre for source in sources}),
        "trigger_parts": parts,
        **(extra_record or {}),
    }
    (output / RECORD_FILE).write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return record


def _fingerprint(output: Path, names: list[str], threshold) -> str:
    """The model's version: its files' contents and its trigger threshold (which decides what the model finds as
    much as its weights do: a model retrained with another gets another fingerprint, so that a batch redoes its
    documents)."""
    digest = hashlib.sha256()
    for name in names:
        digest.update((output / name).read_bytes())
    if threshold is not None:
        digest.update(json.dumps(threshold, sort_keys=True).encode("utf-8"))
    return digest.hexdigest()[:16]


def _model_files(output: Path) -> list[str]:
    """The files of the model in ``output`` that its fingerprint reads, in the order :func:`train` writes them (the
    pairwise classifier and the trigger parts are optional): what a refit of one part digests again."""
    return [n for n in (TRIGGER_FILE, ARGUMENT_FILE, PAIRWISE_FILE, PARTS_FILE) if (output / n).exists()]


def refit_parts(sources: list[GoldSource], docs: list[list[Doc]], output: str | Path) -> dict:
    """Learn again only the trigger parts of the model in ``output`` (:func:`write_parts`), its taggers and
    classifier kept: seconds once the pipeline's output is cached. The record's ``trigger_parts`` and fingerprint
    are updated; the rest of it stays."""
    output = Path(output)
    record = json.loads((output / RECORD_FILE).read_text(encoding="utf-8"))
    record["trigger_parts"] = write_parts(sources, docs, output)
    record["fingerprint"] = _fingerprint(output, _model_files(output), record.get("trigger_threshold"))
    (output / RECORD_FILE).write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return record


def refit_pairwise(
    sources: list[GoldSource], docs: list[list[Doc]], output: str | Path, featuriser: Featuriser
) -> dict:
    """Fit again only the pairwise argument classifier of the model in ``output``, its two CRFs kept: the same
    examples and cross-fitting as :func:`train` (the CRF settings of the model's record), in minutes rather
    than the two CRF fits. For a change of the classifier's candidates or features alone. The record's
    ``fit.pairwise`` and fingerprint are updated; the rest of it (what the CRFs were trained on) stays."""
    output = Path(output)
    record = json.loads((output / RECORD_FILE).read_text(encoding="utf-8"))
    settings = record.get("crfsuite", {})
    examples = Examples()
    for source, source_docs in zip(sources, docs):
        collect(source, source_docs, featuriser, examples)
    fitted = fit_pairwise(
        examples, output, settings.get("c1", 0.2), settings.get("c2", 0.01), settings.get("max_iterations", 100)
    )
    if fitted is None:
        raise TrainingError(f"{', '.join(s.name for s in sources)}: no event arguments to train on")
    record.setdefault("fit", {})["pairwise"] = fitted
    record["fingerprint"] = _fingerprint(output, _model_files(output), record.get("trigger_threshold"))
    (output / RECORD_FILE).write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return record


# --------------------------------------------------------------------------- from files


def gold_sources(
    mappings, bkee: Path | None = None, vhe: Path | None = None, gold: list[Path] = (), include_heldback: bool = False
) -> list[GoldSource]:
    """The training sources named on the command line, read and mapped."""
    from pipeline.events.corpora import CorpusError, read_bkee, read_vhe
    from pipeline.io.brat import BratError
    from pipeline.io.gold import read_gold_documents

    sources = []
    try:
        if bkee is not None:
            docs, report = read_bkee(bkee, mappings)
            sources.append(GoldSource("BKEE train", docs, licence="CC BY-NC 4.0"))
            logger.info("BKEE: %s", report.as_dict())
        if vhe is not None:
            docs, report = read_vhe(vhe, mappings)
            sources.append(GoldSource("VHE train", docs, licence="Apache-2.0", genre="annals"))
            logger.info("VHE: %s", report.as_dict())
    except CorpusError as exc:
        raise TrainingError(str(exc)) from None
    for folder in gold:
        folder = Path(folder)
        try:
            docs = read_gold_documents(folder)
        except BratError as exc:
            raise TrainingError(str(exc)) from None
        if not docs:
            raise TrainingError(f"{folder}: no brat documents (.ann beside .txt) or annotated JSON found")
        held = []
        if not include_heldback and (folder / HELDBACK_FILE).exists():
            held = read_heldback(folder / HELDBACK_FILE)
        sources.append(
            GoldSource(
                f"songngu gold ({folder.as_posix()})",
                docs,
                {d.id: held for d in docs},
                head_only_triggers=True,
                licence="CC BY-SA 4.0",
            )
        )
    if not sources:
        raise TrainingError("nothing to train on: give --bkee, --vhe or --gold")
    return sources


def train_events(
    sources: list[GoldSource],
    output: str | Path,
    vi_nlp: Language,
    ontology,
    lexicon,
    c1: float = 0.2,
    c2: float = 0.01,
    iterations: int = 100,
    threshold: float | dict[str, float] | None = None,
    learnt_threshold: int = 20,
    pairwise_arguments: bool = True,
    pairwise_only: bool = False,
    parts_only: bool = False,
) -> dict:
    """Run the Vietnamese pipeline over every source (cached), train, and write the model and its card
    (``pairwise_only``: :func:`refit_pairwise`, the card kept; the CRF settings are then the model's;
    ``parts_only``: :func:`refit_parts`, the card kept).

    ``threshold``: a word is in a trigger when its marginal probability of not being O is over it; one
    for every genre, or one per genre (default :data:`TRIGGER_THRESHOLDS`). It trades Viterbi's lean
    to O for recall.
    """
    from pipeline.events.preprocess import vi_docs

    docs = [vi_docs([d.text for d in s.documents], vi_nlp) for s in sources]
    if parts_only:
        return refit_parts(sources, docs, output)
    featuriser = Featuriser(vi_nlp.vocab, ontology, lexicon)
    if pairwise_only:
        return refit_pairwise(sources, docs, output, featuriser)
    record = train(
        sources,
        docs,
        output,
        featuriser,
        c1=c1,
        c2=c2,
        iterations=iterations,
        pairwise_arguments=pairwise_arguments,
        extra_record={
            "licences": {s.name: s.licence for s in sources},
            "trigger_threshold": TRIGGER_THRESHOLDS if threshold is None else threshold,
            "learnt_threshold": learnt_threshold,
        },
    )
    (Path(output) / CARD_FILE).write_text(model_card(record), encoding="utf-8")
    return record


FIGURES_HEADING = "## Figures"


def model_card(record: dict, figures: str | None = None) -> str:
    rows = []
    for name, stats in record["training_data"].items():
        rows.append(
            f"| {name} | {record['licences'].get(name, '')} | {stats['documents']} | {stats['sentences']} | "
            f"{stats['triggers']} | {stats['arguments']} | {stats['heldback_sentences']} | {stats['unaligned']} |"
        )
    types: Counter = Counter()
    for stats in record["training_data"].values():
        types.update(stats["types"])
    type_rows = "\n".join(f"| {t} | {n} |" for t, n in sorted(types.items()))
    bkee = any("BKEE" in name for name in record["training_data"])
    licence = (
        "**CC BY-NC 4.0.** The model is trained on BKEE (Nguyen et al., *BKEE: Pioneering Event Extraction in "
        "the Vietnamese Language*, LREC-COLING 2024), which is CC BY-NC 4.0: the model is a derivative, for "
        "non-commercial use only, with that attribution. It also learns from VHE (Hoang et al., PACLIC 2024; "
        "Apache-2.0) and songngu's own gold (CC BY-SA 4.0). Users who need another licence run the lexicon "
        "backend, which uses no trained model: `--set components.events.backend=lexicon` (or delete this folder; "
        "the component then falls back to the lexicon and says so in the output's `pipeline.components`)."
        if bkee
        else "Derived from the sources above; their licences apply."
    )
    fit = record["fit"]
    pairwise_text = (
        f"""

Pairwise argument classifier (`arguments_pairwise.json`, `pipeline/events/arguments.py`):
each candidate phrase near a trigger (entities and dates, the clause rules' noun phrases
and roles, time expressions, single nominal words, the argument CRF's spans) gets a role or
`none`, by a one-vs-rest logistic regression (scikit-learn's SGDClassifier at training, numpy
at run time) over {fit["pairwise"]["pairs"]} (trigger, candidate) pairs of the training triggers,
{fit["pairwise"]["seconds"]} s with the cross-fitting. It reads the argument CRF's labels as a
feature, learnt from cross-fitted output (a CRF trained on one half of the documents labels the
other half). A candidate takes its likeliest role other than `none` when that role's
probability, times the trigger's own probability (an argument of a false trigger is a false
argument, so a doubtful trigger keeps only its surest arguments; the file's `trigger_power`, {pairwise.TRIGGER_POWER:g}),
is at least the file's threshold for the genre (`thresholds`: {_genre_list(pairwise.GENRE_THRESHOLDS)}; chosen on
BKEE dev and VHE dev with the predicted triggers, `bench/results/events_corpora.md`)."""
        if "pairwise" in fit
        else ""
    )
    parts = record.get("trigger_parts")
    parts_text = (
        f"""

Trigger parts (`{PARTS_FILE}`): our segmenter joins some words that the gold marks apart
(`treo cổ tự tử`, where BKEE marks the death on `tự tử`; `tấn công bằng`, the attack on `tấn công`).
The taggers are trained on such a trigger widened to our whole word; the file lists the
{parts["words"]} words whose training triggers were the same part(s) of them at least {parts["least"]} times and
more often than the whole word, with the part's characters and type. Where the trigger tagger
finds one of them, the event shows that part (`trigger.start`/`end` in characters; one word can
hold two events), its words stay ours (the roles are read from them). Learnt again alone by
`songngu train events --parts-only`."""
        if parts
        else ""
    )
    card = f"""# {record["name"]}: Vietnamese event extraction (triggers and arguments), two CRFs{
        " and a pairwise argument classifier" if "pairwise" in fit else ""
    }

The model of the events component's `trained` (default) and `both` backends
(`pipeline/events/trained.py`): a CRF labels each word of a sentence as part of a
trigger of an ACE 2005 event type or not; for each trigger, a second CRF labels the
words of its sentence with the argument roles. Both read what the Vietnamese pipeline
computed (words, VLSP tags, UPOS, entities) and what the lexicon and the
clause rules find (`pipeline/events/features.py`). The trigger model also reads how
many times the word came before in its paragraph (BKEE marks an event's first mention
more often than its repetitions) and the genre of the text, which the argument model
reads too: `news` for BKEE and our gold, `annals` for VHE (the component's `genre`
setting, default `news`; the model
knows {", ".join(f"`{g}`" for g in record.get("genres", []))}). Modality (asserted, negated,
reported/uncertain) is read by the rules for every backend.

## Training data

| source | licence | documents | sentences | triggers | arguments | held-back sentences left out | spans not on our words |
|---|---|---|---|---|---|---|---|
{chr(10).join(rows)}

Types and roles are mapped onto our ontology by `pipeline/events/corpora.yaml`, which
also writes down where the corpora's conventions differ from ACE's and ours. Every ACE
time role is one label (`Time`) for the model; the preposition before a time
expression gives the role (`từ` Time-Starting, ...).

| event type | training triggers |
|---|---|
{type_rows}

## Model

python-crfsuite {pycrfsuite.__version__ if hasattr(pycrfsuite, "__version__") else ""} (CRFsuite), L-BFGS,
c1 = {record["crfsuite"]["c1"]} (L1), c2 = {record["crfsuite"]["c2"]} (L2), at most
{record["crfsuite"]["max_iterations"]} iterations. Trigger tagger: {fit["triggers"]["sequences"]} sentences,
{fit["triggers"]["seconds"]} s; argument tagger: {fit["arguments"]["sequences"]} triggers,
{fit["arguments"]["seconds"]} s (one CPU). Fingerprint {record["fingerprint"]} (what the
JSON's `pipeline.components` version records).{pairwise_text}{parts_text}
A word is in a trigger when the trigger tagger's probability that it is not (label O) is over
{_threshold_text(record.get("trigger_threshold", 0.5))} (chosen on dev: `bench/results/events_triggers.md`).

## Licence

{licence}

{FIGURES_HEADING}

{figures or "Measured by `python bench/events_corpora.py`: see `bench/results/events_corpora.md`."}

## Limits

- Spans are our segmenter's words: a trigger BKEE or VHE cuts inside one of our words
  (about 1.5% of BKEE's, 5% of VHE's) is found exactly only for the words of the trigger parts
  above (on BKEE dev, 10 of its 19 such triggers are in those words).
- A passive marker stays in a trigger where the model took it in (`được bầu`), as BKEE and
  VHE mark it for some words and not for others (`bị cách chức`); the roles are read from the head.
- The argument tagger reads one sentence; an argument in another sentence is missed.
- News (BKEE) and classical annals (VHE) are what it has seen; other genres will do
  worse, and types with few training triggers (see the table) are weak.
- `Contact.Statement` (reported speech) is not in BKEE or VHE: the model learns it only
  from our small gold; with `both` the lexicon supplies it.

## Retrain

```
songngu train events -o models/events-crf     # BKEE train, VHE train and corpus/gold/events/seed
songngu train events -o models/events-crf --parts-only      # the trigger parts alone (seconds, cached)
```

The data sets are found under `$SONGNGU_DATA` (default `shared/data` beside the checkout);
`--bkee`, `--vhe`, `--gold` name other copies, `--no-bkee` leaves BKEE out (then the
model is not CC BY-NC).
"""
    return card


def _genre_list(values: dict[str, float]) -> str:
    return ", ".join(f"{genre} {value:g}" for genre, value in values.items())


def _threshold_text(threshold: float | dict[str, float]) -> str:
    if isinstance(threshold, dict):
        return ", ".join(f"{value} in `{genre}` texts" for genre, value in sorted(threshold.items()))
    return str(threshold)


def replace_figures(card: str, figures: str) -> str:
    """The card with its figures section replaced by ``figures``."""
    head, sep, rest = card.partition(FIGURES_HEADING)
    if not sep:
        return card.rstrip() + f"\n\n{FIGURES_HEADING}\n\n{figures}\n"
    _, nxt, tail = rest.partition("\n## ")
    return f"{head}{FIGURES_HEADING}\n\n{figures.strip()}\n\n" + (f"## {tail}" if nxt else "")

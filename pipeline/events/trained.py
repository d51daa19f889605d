"""A trainable trigger classifier: spaCy's transition-based ``ner`` over trigger spans.

``songngu train events --gold DIR -o models/events-trigger`` reads brat event
gold (``pipeline.io.brat``), segments and tags its text with the Vietnamese
pipeline (so that training words are the words the component will see), and
trains a spaCy ``ner`` component whose labels are the event types: a trigger
is a span of words (``bị bắt giữ`` is two words, one span), and the model
learns both where it is and its type. Features are the words' norms, affixes,
shapes and VLSP POS tags (``TAG``), through a small CNN; it trains on CPU in
seconds to minutes.

The saved directory is an ordinary spaCy pipeline (``spacy.load`` opens it)
plus ``songngu.json`` (what it was trained on) and ``MODEL_CARD.md``.

Why ``ner`` and not ``spancat``: triggers do not overlap and are short, and
``ner`` needs no span-suggester tuning on a few dozen examples.
"""

from __future__ import annotations

import csv
import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import filter_spans

from pipeline import __version__
from pipeline.spacy_training import blank_ner, fit, mirror, read_record, write_record

logger = logging.getLogger(__name__)

MODEL_NAME = "events-trigger"
HELDBACK_FILE = "heldback.tsv"

# Narrower and with smaller tables than the entity recogniser's: the gold is a few dozen
# triggers; more capacity only memorises.
WIDTH, ROWS = 64, (2000, 500, 1000, 500, 100)


class TrainingError(ValueError):
    """Gold data that cannot be trained on; the message names the file."""


@dataclass
class TriggerModel:
    """A trained trigger model, as the events component uses it."""

    nlp: Language
    name: str
    version: str
    path: Path

    @classmethod
    def load(cls, path: str | Path) -> TriggerModel:
        path = Path(path)
        try:
            nlp = spacy.load(path)
        except (OSError, ValueError) as exc:
            raise TrainingError(f"{path}: cannot load the trigger model: {exc}") from None
        meta = read_record(path)
        version = meta.get("fingerprint") or nlp.meta.get("version", "0")
        return cls(nlp=nlp, name=meta.get("name", path.name), version=str(version), path=path)

    def predict(self, doc: Doc) -> list[tuple[int, int, str, float | None]]:
        """(start, end, event type, score) token spans of ``doc`` that the model takes for triggers."""
        if len(doc) == 0:
            return []
        predicted = self.nlp(mirror(self.nlp, doc))
        return [(ent.start, ent.end, ent.label_, None) for ent in predicted.ents]


def read_heldback(path: Path) -> list[tuple[int, int]]:
    """Character ranges of the held-back sentences (``heldback.tsv``: columns start, end)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    try:
        return [(int(r["start"]), int(r["end"])) for r in rows]
    except (KeyError, TypeError, ValueError):
        raise TrainingError(f"{path}: expected tab-separated columns 'start' and 'end' (character offsets)") from None


def gold_examples(
    gold_dirs: Iterable[str | Path],
    vi_nlp: Language,
    model_nlp: Language,
    include_heldback: bool = False,
) -> tuple[list[Example], dict]:
    """One training example per gold sentence (held-back sentences left out), and counts."""
    from pipeline.io.brat import BratError
    from pipeline.io.gold import read_gold_documents

    examples: list[Example] = []
    stats: dict = {
        "documents": 0,
        "sentences": 0,
        "triggers": 0,
        "heldback_sentences_skipped": 0,
        "triggers_unaligned": 0,
        "types": Counter(),
        "sources": [],
    }
    for gold_dir in gold_dirs:
        gold_dir = Path(gold_dir)
        try:
            brat_docs = read_gold_documents(gold_dir)
        except BratError as exc:
            raise TrainingError(str(exc)) from None
        if not brat_docs:
            raise TrainingError(f"{gold_dir}: no brat documents (.ann beside .txt) or annotated JSON found")
        stats["sources"].append(str(gold_dir))
        held: list[tuple[int, int]] = []
        if not include_heldback and (gold_dir / HELDBACK_FILE).exists():
            held = read_heldback(gold_dir / HELDBACK_FILE)
        pipes = [name for name in vi_nlp.pipe_names if name in ("sentences", "tagger")]
        with vi_nlp.select_pipes(enable=pipes):
            for bdoc in brat_docs:
                stats["documents"] += 1
                doc = vi_nlp(bdoc.text)
                spans = []
                for ev in bdoc.events:
                    span = doc.char_span(ev.trigger.start, ev.trigger.end, label=ev.type, alignment_mode="expand")
                    if span is None:
                        stats["triggers_unaligned"] += 1
                        continue
                    spans.append(span)
                for sent in doc.sents:
                    if any(s < sent.end_char and sent.start_char < e for s, e in held):
                        stats["heldback_sentences_skipped"] += 1
                        continue
                    inside = [sp for sp in spans if sent.start <= sp.start and sp.end <= sent.end]
                    inside = filter_spans(inside)
                    predicted, reference = mirror(model_nlp, sent), mirror(model_nlp, sent)
                    reference.ents = [
                        reference.char_span(
                            sp.start_char - sent.start_char, sp.end_char - sent.start_char, label=sp.label_
                        )
                        for sp in inside
                    ]
                    examples.append(Example(predicted, reference))
                    stats["sentences"] += 1
                    stats["triggers"] += len(inside)
                    stats["types"].update(sp.label_ for sp in inside)
    stats["types"] = dict(sorted(stats["types"].items()))
    return examples, stats


def train(
    gold_dirs: list[str | Path],
    output: str | Path,
    vi_nlp: Language,
    epochs: int = 40,
    seed: int = 0,
    include_heldback: bool = False,
    log=None,
) -> dict:
    """Train the trigger model on brat gold and save it to ``output``; returns its ``songngu.json`` record.

    ``vi_nlp`` is the Vietnamese pipeline whose words and tags the model will see (the caller loads it:
    this module is imported by the events component, which ``pipeline.vi`` loads, so it must not import
    ``pipeline.vi`` itself).
    """
    nlp, ner = blank_ner(WIDTH, ROWS, seed)
    examples, stats = gold_examples(gold_dirs, vi_nlp, nlp, include_heldback=include_heldback)
    if stats["triggers"] == 0:
        raise TrainingError(f"{', '.join(map(str, gold_dirs))}: no event triggers to train on")
    for label in stats["types"]:
        ner.add_label(label)
    for epoch, loss in fit(nlp, examples, epochs, seed):
        if epoch % 10 == 0 or epoch == epochs:
            (log or logger.info)(f"epoch {epoch:3d}  loss {loss:.3f}")
    train_scores = nlp.evaluate(examples)
    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    nlp.meta.update(
        {
            "name": MODEL_NAME.replace("-", "_"),
            "version": __version__,
            "lang": "xx",
            "description": "songngu event-trigger classifier (spaCy ner over trigger spans)",
        }
    )
    nlp.to_disk(output)
    record = {
        "name": MODEL_NAME,
        "songngu": __version__,
        "spacy": spacy.__version__,
        "seed": seed,
        "epochs": epochs,
        "include_heldback": include_heldback,
        "training_data": stats,
        "train_set_fit": {
            "precision": train_scores.get("ents_p"),
            "recall": train_scores.get("ents_r"),
            "f1": train_scores.get("ents_f"),
        },
    }
    # The record's fingerprint is what the component's version reports: a retrained model changes the output.
    write_record(output, record, model_card)
    return record


def model_card(record: dict) -> str:
    stats = record["training_data"]
    types = "\n".join(f"| {t} | {n} |" for t, n in stats["types"].items())
    fit = record["train_set_fit"]
    return f"""# events-trigger: Vietnamese event-trigger classifier

A spaCy `ner` component whose labels are event types (ACE 2005 subtypes and
Contact.Statement): it finds trigger spans on the words of songngu's Vietnamese
pipeline and types them. The events component uses it with
`backend = "trained"` (instead of the lexicon) or `backend = "both"` (the
lexicon's triggers, plus the model's where the lexicon has none); arguments and
modality are read by the same rules for every backend.

## Training data (read this before trusting it)

- Gold: {", ".join(stats["sources"])} (brat standoff, songngu's event gold, CC BY-SA 4.0).
- {stats["documents"]} document(s), **{stats["sentences"]} sentences, {stats["triggers"]} triggers**;
  {stats["heldback_sentences_skipped"]} held-back sentence(s) left out
  (`heldback.tsv`; include_heldback = {record["include_heldback"]}); {stats["triggers_unaligned"]} trigger(s) not on word boundaries.
- This is a tiny training set. The model learns little beyond the trigger words it
  has seen; it is a demonstration of the trainable path and a way to add
  triggers from new gold, not a replacement for the lexicon.

| event type | triggers |
|---|---|
{types}

## Model

spaCy {record["spacy"]} `ner` (TransitionBasedParser.v2, hidden width 64) on a
Tok2Vec (MultiHashEmbed.v2 of NORM, PREFIX, SUFFIX, SHAPE and the VLSP POS tag,
width 64; MaxoutWindowEncoder depth 2); {record["epochs"]} epochs, batch 8,
dropout 0.2, seed {record["seed"]}. CPU only.

Fit on its own training sentences (not a score): P {fit["precision"] or 0:.2f},
R {fit["recall"] or 0:.2f}, F1 {fit["f1"] or 0:.2f}. Scores on held-back and held-out gold:
`bench/events_eval.py` (see `bench/results/events.md`).

## Retrain

```
songngu train events --gold corpus/gold/events/seed -o models/events-trigger
```

(`--include-heldback` to train on the held-back sentences too: then do not report
scores on them.)

## Licence

The model is derived from the gold annotations (CC BY-SA 4.0) and is released
under the same licence.
"""

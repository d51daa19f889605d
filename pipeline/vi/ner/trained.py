"""A trainable entity recogniser: spaCy's ``ner`` fitted on the user's gold.

``songngu train ner --gold DIR [--dev DIR] -o models/ner-<name>`` reads gold in
brat standoff (``pipeline.io.brat``: a folder of ``.txt`` + ``.ann``) or
CoNLL-2003 / VLSP 2016 columns (``pipeline.io.conll``: a ``.conll`` /
``.txt`` file or a folder of them) — VLSP licensees bring theirs — and fits a
spaCy ``ner`` on CPU. Training words are the words the component will see:
brat text goes through songngu's tokenizer, word cutter, sentence splitter and
POS tagger (an entity edge inside a word cuts the word, as the merge does);
CoNLL words are kept as given and tagged by our tagger. Features are the
words' norms, affixes, shapes and VLSP POS tags through a small CNN.

The saved directory is an ordinary spaCy pipeline (``spacy.load`` opens it)
plus ``songngu.json`` (what it was trained on, dev scores) and
``MODEL_CARD.md``. The component ``songngu_ner_spacy`` (source ``spacy``)
runs it inside the Vietnamese pipeline, to back the rules (list it before
``ner_merge``) or replace them (list it alone with ``ner_merge``).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import filter_spans

from pipeline import MODELS_DIR, __version__
from pipeline.docmodel import doc_text, register_extensions
from pipeline.spacy_data import CarriesDataFiles, DataFiles
from pipeline.spacy_training import blank_ner, fit, mirror, read_record, write_record
from pipeline.vi.ner.candidates import propose

logger = logging.getLogger(__name__)

SOURCE = "spacy"
PREP_PIPES = ("split_names", "sentences", "tagger")

# Wider, with larger tables than the trigger classifier's; still small: Vietnamese NER
# gold on hand is hundreds of entities, not tens of thousands.
WIDTH, ROWS = 96, (5000, 1000, 2500, 500, 100)


class TrainingError(ValueError):
    """Gold data that cannot be trained on; the message names the file."""


class ModelError(ValueError):
    """A NER model directory that cannot be found or loaded."""


# --------------------------------------------------------------------------- gold


def _is_conll(path: Path) -> bool:
    if path.is_dir():
        return not any(path.rglob("*.ann")) and not any(path.rglob("*.json")) and any(path.rglob("*.conll"))
    return path.suffix not in (".ann", ".json")


def read_gold(path: str | Path, prep: Language) -> tuple[list[Doc], dict]:
    """Gold documents as tagged ``Doc`` objects with ``doc.ents`` set, and counts.

    ``path``: a brat folder, a CoNLL file, or a folder of ``.conll`` files.
    """
    from pipeline.io.brat import BratError
    from pipeline.io.conll import ConllError, read_conll
    from pipeline.io.gold import read_gold_documents
    from pipeline.vi.ner.split import cut_tokens

    path = Path(path)
    if not path.exists():
        raise TrainingError(f"{path}: no such file or directory")
    stats = {
        "source": str(path),
        "documents": 0,
        "sentences": 0,
        "entities": 0,
        "labels": Counter(),
        "overlapping_dropped": 0,
    }
    docs: list[Doc] = []
    pipes = [p for p in PREP_PIPES if p in prep.pipe_names]
    with prep.select_pipes(enable=pipes):
        if _is_conll(path):
            files = sorted(path.rglob("*.conll")) if path.is_dir() else [path]
            for file in files:
                try:
                    sentences = read_conll(file)
                except ConllError as exc:
                    raise TrainingError(str(exc)) from None
                stats["documents"] += 1
                for sent in sentences:
                    doc = Doc(prep.vocab, words=list(sent.words), spaces=[True] * (len(sent.words) - 1) + [False])
                    for name in pipes:  # the words are given: sentence starts and tags only
                        if name != "split_names":
                            doc = prep.get_pipe(name)(doc)
                    kept = filter_spans([Span(doc, e.start, e.end, label=e.label) for e in sent.entities])
                    stats["overlapping_dropped"] += len(sent.entities) - len(kept)
                    doc.ents = kept
                    docs.append(doc)
        else:
            try:
                brat_docs = read_gold_documents(path)
            except BratError as exc:
                raise TrainingError(str(exc)) from None
            for bdoc in brat_docs:
                stats["documents"] += 1
                doc = prep(bdoc.text)
                named = [e for e in bdoc.entities if e.label != "OTHER"]  # OTHER marks event arguments, not names
                cuts = set()
                for ent in named:
                    cuts.update((ent.start, ent.end))
                doc = cut_tokens(doc, cuts)
                spans = [doc.char_span(e.start, e.end, label=e.label, alignment_mode="expand") for e in named]
                kept = filter_spans([s for s in spans if s is not None])
                stats["overlapping_dropped"] += len(named) - len(kept)
                doc.ents = kept
                docs.append(doc)
    if not docs:
        raise TrainingError(f"{path}: no gold documents found (brat .txt + .ann, or CoNLL columns)")
    for doc in docs:
        stats["entities"] += len(doc.ents)
        stats["labels"].update(e.label_ for e in doc.ents)
        stats["sentences"] += sum(1 for _ in doc.sents) if doc.has_annotation("SENT_START") else 1
    stats["labels"] = dict(sorted(stats["labels"].items()))
    return docs, stats


def examples(docs: Iterable[Doc], model: Language) -> list[Example]:
    """One example per sentence (the model sees sentences at prediction time too)."""
    out = []
    for doc in docs:
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        for sent in sents:
            piece = sent.as_doc()
            predicted, reference = mirror(model, piece), mirror(model, piece)
            reference.ents = [reference.char_span(e.start_char, e.end_char, label=e.label_) for e in piece.ents]
            out.append(Example(predicted, reference))
    return out


# --------------------------------------------------------------------------- training


def train(
    gold: str | Path,
    output: str | Path,
    dev: str | Path | None = None,
    prep: Language | None = None,
    epochs: int = 30,
    seed: int = 0,
    log=None,
) -> dict:
    """Fit a spaCy ``ner`` on ``gold`` and save it to ``output``; returns its ``songngu.json`` record.

    With ``dev``, the epoch with the best dev F1 is kept; without, the last.
    """
    if prep is None:
        from pipeline.vi import load_vi

        prep = load_vi(overrides={"nlp.pipeline": list(PREP_PIPES)})
    model, ner = blank_ner(WIDTH, ROWS, seed)
    train_docs, train_stats = read_gold(gold, prep)
    if not train_stats["entities"]:
        raise TrainingError(f"{gold}: no entities to train on")
    for label in train_stats["labels"]:
        ner.add_label(label)
    train_examples = examples(train_docs, model)
    dev_examples, dev_stats = ([], None)
    if dev is not None:
        dev_docs, dev_stats = read_gold(dev, prep)
        dev_examples = examples(dev_docs, model)
    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    best = {"epoch": 0, "f1": -1.0}
    for epoch, loss in fit(model, train_examples, epochs, seed):
        line = f"epoch {epoch:3d}  loss {loss:8.2f}"
        if dev_examples:
            f1 = model.evaluate(dev_examples).get("ents_f") or 0.0
            line += f"  dev F1 {f1:.3f}"
            if f1 > best["f1"]:
                best = {"epoch": epoch, "f1": f1}
                model.to_disk(output)
        (log or logger.info)(line)
    if not dev_examples:
        best = {"epoch": epochs, "f1": None}
        model.to_disk(output)
    model = spacy.load(output)
    scores = {"train": _scores(model, train_examples)}
    if dev_examples:
        scores["dev"] = _scores(model, dev_examples)
    record = {
        "name": output.name,
        "songngu": __version__,
        "spacy": spacy.__version__,
        "segmenter": str(prep.config["nlp"]["tokenizer"].get("segmenter", "")),
        "seed": seed,
        "epochs": epochs,
        "kept_epoch": best["epoch"],
        "gold": train_stats,
        "dev": dev_stats,
        "scores": scores,
    }
    write_record(output, record, model_card)
    return record


def _scores(model: Language, exs: list[Example]) -> dict:
    s = model.evaluate(exs)
    per = {label: {k: round(v, 4) for k, v in vals.items()} for label, vals in (s.get("ents_per_type") or {}).items()}
    return {
        "precision": round(s.get("ents_p") or 0.0, 4),
        "recall": round(s.get("ents_r") or 0.0, 4),
        "f1": round(s.get("ents_f") or 0.0, 4),
        "per_label": per,
    }


def model_card(record: dict) -> str:
    gold = record["gold"]
    labels = "\n".join(f"| {label} | {n} |" for label, n in gold["labels"].items())

    def score_line(name: str) -> str:
        s = record["scores"].get(name)
        if not s:
            return ""
        return f"- {name}: P {s['precision']:.3f}, R {s['recall']:.3f}, F1 {s['f1']:.3f} (strict, spaCy's scorer)\n"

    dev = record["dev"]
    dev_line = (
        f"- Dev (chooses the epoch, not fitted): {dev['source']}, {dev['documents']} document(s), "
        f"{dev['entities']} entities.\n"
        if dev
        else "- No dev set: the last epoch is kept.\n"
    )
    return f"""# {record["name"]}: Vietnamese named-entity recogniser (spaCy ner)

Trained with `songngu train ner`. Use it in the Vietnamese pipeline through the
`songngu_ner_spacy` component (source `spacy`): list `ner_spacy` before
`ner_merge` in the pipeline to back the rules (the merge ranks it below the
rules and gazetteers), or list it alone with `ner_merge` to replace them:

```
songngu annotate corpus/ -o out/ --set components.ner_spacy.model={record["name"]} ...
```

## Training data (read this before trusting it)

- Gold: {gold["source"]}, {gold["documents"]} document(s), {gold["sentences"]} sentence(s),
  **{gold["entities"]} entities** ({gold["overlapping_dropped"]} overlapping gold span(s) dropped: `ner` is flat).
{dev_line}- Words: songngu's tokenizer (segmenter `{record["segmenter"]}`) for brat text, as given for CoNLL.
- Licence: the model is derived from its gold data and carries that data's licence
  (songngu's own gold is CC BY-SA 4.0; VLSP data is under the VLSP licence: do not
  redistribute a model trained on it without their permission).

| label | entities |
|---|---|
{labels}

## Model

spaCy {record["spacy"]} `ner` (TransitionBasedParser.v2, hidden width 64) on a Tok2Vec
(MultiHashEmbed.v2 of NORM, PREFIX, SUFFIX, SHAPE and the VLSP POS tag, width 96;
MaxoutWindowEncoder depth 2); {record["epochs"]} epochs (kept: epoch {record["kept_epoch"]}), batch 8,
dropout 0.2, seed {record["seed"]}. CPU only.

{score_line("train")}{score_line("dev")}
Training-set figures measure fit, not accuracy; a small dev set gives a wide
margin of error. Held-out figures for the whole NER: `bench/ner.py`.

## Retrain

```
songngu train ner --gold {gold["source"]}{" --dev " + dev["source"] if dev else ""} -o models/{record["name"]} --epochs {record["epochs"]} --seed {record["seed"]}
```
"""


# --------------------------------------------------------------------------- component


def resolve_model_path(spec: str) -> Path:
    """A model directory (``models/ner-x`` is looked for in the repository's ``models/`` too)."""
    path = Path(spec)
    if path.exists():
        return path
    for candidate in (MODELS_DIR / spec, MODELS_DIR / path.name):
        if path.parts[:1] in ((), ("models",)) and candidate.exists():
            return candidate
    raise ModelError(
        f"{spec}: no such NER model (a directory, or a name under {MODELS_DIR}; train one with `songngu train ner`)"
    )


class SpacyNer(CarriesDataFiles):
    """Proposals from a spaCy NER trained by ``songngu train ner``.

    The model directory the config names is read by :meth:`initialize`; a saved
    pipeline carries a copy of it (:meth:`to_disk`), which :meth:`from_disk` reads.
    """

    def __init__(self, spec: str):
        register_extensions()
        self.spec = spec
        self._model: Language | None = None
        self._data: DataFiles | None = None

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        path = resolve_model_path(self.spec)
        self._load(path, DataFiles.from_folder(path, {"name": path.name}))

    def _load(self, path: Path, data: DataFiles) -> None:
        self._model = spacy.load(path)
        self._meta = {"model": data.record["name"], "version": read_record(path).get("fingerprint", "")}
        self._data = data

    @property
    def songngu_meta(self) -> dict[str, str]:
        self.ner_model  # noqa: B018  (loads it if nothing has yet)
        return self._meta

    @property
    def ner_model(self) -> Language:
        """The trained spaCy pipeline, loaded on first use.

        Not called ``model``: spaCy's ``add_pipe`` probes every component's ``model``
        attribute (``isinstance(proc, ListenedToComponent)``), which would load the
        configured directory before ``from_disk`` gives the saved copy.
        """
        if self._model is None:
            self.initialize()
        return self._model

    def _restore(self, data: DataFiles) -> SpacyNer:
        with data.folder() as folder:
            self._load(folder, data)
        return self

    def _saved(self) -> DataFiles:
        self.ner_model  # noqa: B018  (loads it if nothing has yet)
        return self._data

    def __call__(self, doc: Doc) -> Doc:
        from pipeline.text.numbers import parse_number
        from pipeline.vi.ner.dates import normalise_date

        found = []
        text = doc_text(doc)
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        for sent in sents:
            words = list(sent)
            if not any(not t.is_space for t in words):
                continue
            # the sentence's tokens, whitespace tokens and spaces included, exactly as training saw them
            # (pipeline.spacy_training.mirror on the same sentences; dropping the whitespace tokens here
            # gave the model contexts it was never trained on)
            copy = mirror(self.ner_model, words)
            for _, proc in self.ner_model.pipeline:
                copy = proc(copy)
            for ent in copy.ents:
                start, end = words[ent.start].idx, words[ent.end - 1].idx + len(words[ent.end - 1].text)
                value = None
                if ent.label_ == "DATE":
                    value = normalise_date(text[start:end])
                elif ent.label_ == "NUM":
                    try:
                        value = parse_number(text[start:end])
                    except ValueError:
                        value = None
                found.append((start, end, ent.label_, value))
        propose(doc, SOURCE, found)
        return doc


@Language.factory(
    "songngu_ner_spacy",
    default_config={"model": "models/ner-gold"},
    requires=["doc.sents", "token.tag"],
    assigns=["doc.spans"],
)
def create_spacy_ner(nlp: Language, name: str, model: str):
    """Entities from a spaCy NER trained by ``songngu train ner`` (``model``: directory or name under models/)."""
    return SpacyNer(model)

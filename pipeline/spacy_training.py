"""The small spaCy ``ner`` model songngu trains on CPU, and how it is fitted and saved.

Two trainable components are spaCy ``ner`` pipelines fitted on a few dozen to
a few hundred gold spans: the entity recogniser (:mod:`pipeline.vi.ner.trained`,
``songngu train ner``) and the event-trigger classifier
(:mod:`pipeline.events.trained`, ``songngu train events``). They differ in
their gold, their labels and the size of their embedding tables; the network,
the words they see, the training loop and the saved directory are the same,
and live here.

The saved directory is an ordinary spaCy pipeline (``spacy.load`` opens it),
plus ``songngu.json`` (what it was trained on, with the weights' fingerprint)
and ``MODEL_CARD.md``.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc, Span, Token
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

#: What the model reads of each word: its norm, affixes, shape and VLSP POS tag.
FEATURES = ("NORM", "PREFIX", "SUFFIX", "SHAPE", "TAG")
BATCH_SIZE = 8
DROPOUT = 0.2
RECORD_FILE = "songngu.json"
CARD_FILE = "MODEL_CARD.md"


def ner_architecture(width: int, rows: Sequence[int]) -> dict:
    """spaCy's transition-based ``ner`` (hidden width 64) over a small CNN of :data:`FEATURES`.

    ``width``: the token vectors' width; ``rows``: hash-embedding rows per feature.
    Small on purpose: the gold is hundreds of spans at most, and more capacity only memorises.
    """
    return {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "ner",
        "extra_state_tokens": False,
        "hidden_width": 64,
        "maxout_pieces": 2,
        "use_upper": True,
        "tok2vec": {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": {
                "@architectures": "spacy.MultiHashEmbed.v2",
                "width": width,
                "attrs": list(FEATURES),
                "rows": list(rows),
                "include_static_vectors": False,
            },
            "encode": {
                "@architectures": "spacy.MaxoutWindowEncoder.v2",
                "width": width,
                "depth": 2,
                "window_size": 1,
                "maxout_pieces": 3,
            },
        },
    }


def blank_ner(width: int, rows: Sequence[int], seed: int) -> tuple[Language, EntityRecognizer]:
    """A blank multilingual pipeline with an untrained ``ner`` of :func:`ner_architecture`, random seed fixed."""
    fix_random_seed(seed)
    nlp = spacy.blank("xx")
    ner = nlp.add_pipe("ner", config={"model": ner_architecture(width, rows)})
    return nlp, ner


def mirror(nlp: Language, tokens: Doc | Span | Iterable[Token]) -> Doc:
    """The words of ``tokens`` with their spaces and VLSP POS tags, as a ``Doc`` in ``nlp``'s vocabulary.

    The model reads the Vietnamese pipeline's words and tags (``TAG`` is a feature), not its own tokenizer's.
    """
    tokens = list(tokens)
    return Doc(
        nlp.vocab,
        words=[t.text for t in tokens],
        spaces=[bool(t.whitespace_) for t in tokens],
        tags=[t.tag_ or "X" for t in tokens],
    )


def fit(nlp: Language, examples: list[Example], epochs: int, seed: int) -> Iterator[tuple[int, float]]:
    """Initialise ``nlp`` on ``examples`` and train it: yields ``(epoch, ner loss)`` after each epoch (from 1).

    The caller logs, scores on dev or saves between epochs. ``examples`` is shuffled in place.
    """
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for epoch in range(1, epochs + 1):
        rng.shuffle(examples)
        losses: dict = {}
        for batch in minibatch(examples, size=BATCH_SIZE):
            nlp.update(batch, sgd=optimizer, drop=DROPOUT, losses=losses)
        yield epoch, losses.get("ner", 0.0)


def fingerprint(path: Path) -> str:
    """A digest of the saved weights and settings (not the record or the card): a retrained model gets a new one."""
    digest = hashlib.sha256()
    for file in sorted(path.rglob("*")):
        if file.is_file() and file.name not in (RECORD_FILE, CARD_FILE):
            digest.update(file.relative_to(path).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def write_record(path: Path, record: dict, model_card: Callable[[dict], str]) -> None:
    """Complete a saved model directory: ``record``, its fingerprint added, as ``songngu.json``, and
    ``model_card(record)`` as ``MODEL_CARD.md``."""
    record["fingerprint"] = fingerprint(path)
    (path / RECORD_FILE).write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (path / CARD_FILE).write_text(model_card(record), encoding="utf-8")


def read_record(path: Path) -> dict:
    """The ``songngu.json`` of a saved model directory (empty for a plain spaCy pipeline)."""
    record_path = path / RECORD_FILE
    return json.loads(record_path.read_text("utf-8")) if record_path.exists() else {}

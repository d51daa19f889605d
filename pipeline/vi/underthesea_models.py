"""underthesea's bundled CRF taggers, called on *our* words.

underthesea's public ``pos_tag``, ``chunk`` and ``ner`` each take a raw string
and rerun word segmentation and every layer below them, so calling all three
would segment a sentence three times and tag it twice, with underthesea's own
segmentation rather than ours. Its predictor classes accept words, but build
their features with a template code that is quadratic in sentence length (see
:mod:`pipeline.vi.crf_features`). So this module opens the model files that
ship inside the underthesea package with the tagger underthesea itself uses
(``underthesea_core.CRFTagger``) and feeds them the same feature strings,
computed in linear time. It is the one place that knows those files and their
templates, so that an underthesea upgrade breaks one file.

underthesea's package ``__init__`` is never imported: it imports every optional
pipeline of underthesea, transformers (and torch) among them when they are
installed, which costs a second and 200 MiB at start-up.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from functools import cache
from importlib.metadata import version as _dist_version
from pathlib import Path

from pipeline.vi.crf_features import FeatureTemplates, SentenceFeatures

VERSION = _dist_version("underthesea")

# The templates, model files and input columns of underthesea 9.5.0's
# CRFPOSTagPredictor, CRFChunkingPredictor and CRFNERPredictor (Apache-2.0),
# copied as they are: the models were trained on exactly these.
# tests/vi/test_crf_features.py checks them against the installed underthesea.
_WORD_TEMPLATES = [
    "T[-2].lower",
    "T[-1].lower",
    "T[0].lower",
    "T[1].lower",
    "T[2].lower",
    "T[0].istitle",
    "T[-1].istitle",
    "T[1].istitle",
]
_WORD_NGRAMS = ["T[-2]", "T[-1]", "T[0]", "T[1]", "T[2]", "T[-2,-1]", "T[-1,0]", "T[0,1]", "T[1,2]"]
_POS_NGRAMS = [
    "T[-2][1]",
    "T[-1][1]",
    "T[0][1]",
    "T[1][1]",
    "T[2][1]",
    "T[-2,-1][1]",
    "T[-1,0][1]",
    "T[0,1][1]",
    "T[1,2][1]",
]

#: name -> (model file inside the underthesea package, templates, input columns).
#: The last column is the label being predicted, which underthesea's predictors
#: fill with "X" (some templates read it, so it is part of the features).
MODELS = {
    "pos": (
        "pipeline/pos_tag/pos_crf_2017_10_11.bin",
        [*_WORD_TEMPLATES, *_WORD_NGRAMS, "T[-3][1]", "T[-2][1]", "T[-1][1]", "T[-3,-2][1]", "T[-2,-1][1]"],
        ("word", "label"),
    ),
    "chunk": (
        "pipeline/chunking/chunk_crf_2017_10_12.bin",
        [*_WORD_TEMPLATES, *_WORD_NGRAMS, *_POS_NGRAMS, "T[-3][2]", "T[-2][2]", "T[-1][2]"],
        ("word", "pos", "label"),
    ),
    "ner": (
        "pipeline/ner/ner_crf_2017_10_12.bin",
        [*_WORD_TEMPLATES, "T[-2].istitle", "T[2].istitle", *_WORD_NGRAMS, *_POS_NGRAMS]
        + ["T[-3][3]", "T[-2][3]", "T[-1][3]"],
        ("word", "pos", "chunk", "label"),
    ),
}
#: What underthesea's predictors put in the label column.
LABEL_PLACEHOLDER = "X"


def package_dir() -> Path:
    """Where underthesea is installed, found without importing it."""
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("underthesea is not installed (pip install underthesea==9.5.0)")
    return Path(next(iter(spec.submodule_search_locations)))


class CrfModel:
    """One of underthesea's CRFs with its feature templates."""

    def __init__(self, name: str):
        from pipeline.vi.crf_cache import crf_tagger

        path, templates, columns = MODELS[name]
        self.name = name
        self.path = package_dir() / path
        if not self.path.is_file():
            raise FileNotFoundError(f"{self.path}: underthesea's {name} model is missing (reinstall underthesea)")
        self.tagger = crf_tagger(self.path)  # through the start-up cache: pipeline.vi.crf_cache
        self.templates = FeatureTemplates(templates, columns)

    def tag(self, sentence: SentenceFeatures) -> list[str]:
        if sentence.n == 0:
            return []
        return list(self.tagger.tag(self.templates.features(sentence)))


@cache
def model(name: str) -> CrfModel:
    """The model ``name`` ("pos", "chunk" or "ner"), loaded once per process."""
    return CrfModel(name)


def preload() -> None:
    """Load the three models now (before forking workers, for instance)."""
    for name in MODELS:
        model(name)


def sentence_features(words: Sequence[str]) -> SentenceFeatures:
    """A feature cache for one sentence; pass it to the taggers below in turn."""
    sentence = SentenceFeatures(list(words))
    sentence.constant_column("label", LABEL_PLACEHOLDER)
    return sentence


def pos_tags(words: Sequence[str], sentence: SentenceFeatures | None = None) -> list[str]:
    """VLSP 2013 POS tags (N, Np, V, A, E, CH, ...) for one sentence's words."""
    return model("pos").tag(sentence or sentence_features(words))


def pos_tagset() -> list[str]:
    """Every tag the POS model can output."""
    return list(model("pos").tagger.labels())


def chunk_tags(words: Sequence[str], pos: Sequence[str], sentence: SentenceFeatures | None = None) -> list[str]:
    """Phrase-chunk tags (B-NP, I-NP, B-VP, ..., O) from words and POS tags."""
    sentence = sentence or sentence_features(words)
    sentence.set_column("pos", list(pos))
    return model("chunk").tag(sentence)


def ner_tags(
    words: Sequence[str], pos: Sequence[str], chunks: Sequence[str], sentence: SentenceFeatures | None = None
) -> list[str]:
    """BIO entity tags (B-PER, I-LOC, ..., O) of underthesea's 2017 CRF."""
    sentence = sentence or sentence_features(words)
    sentence.set_column("pos", list(pos))
    sentence.set_column("chunk", list(chunks))
    return model("ner").tag(sentence)

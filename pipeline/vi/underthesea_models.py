"""underthesea's bundled CRF taggers, called on *our* words.

underthesea's public ``pos_tag``, ``chunk`` and ``ner`` each take a raw string
and rerun word segmentation and every layer below them, so calling all three
would segment a sentence three times and tag it twice, with underthesea's own
segmentation rather than ours. The predictors behind them accept a list of
words; this module is the one place that touches those (non-public) classes,
so that an underthesea upgrade breaks one file, and each layer runs once.
"""

from __future__ import annotations

from functools import lru_cache

import underthesea

VERSION = underthesea.__version__


@lru_cache(maxsize=1)
def _pos_model():
    from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

    return CRFPOSTagPredictor.Instance()


@lru_cache(maxsize=1)
def _chunk_model():
    from underthesea.pipeline.chunking.model_crf import CRFChunkingPredictor

    return CRFChunkingPredictor.Instance()


@lru_cache(maxsize=1)
def _ner_model():
    from underthesea.pipeline.ner.model_crf import CRFNERPredictor

    return CRFNERPredictor.Instance()


def pos_tags(words: list[str]) -> list[str]:
    """VLSP 2013 POS tags (N, Np, V, A, E, CH, ...) for one sentence's words."""
    if not words:
        return []
    return [tag for _, tag in _pos_model().predict(words)]


def pos_tagset() -> list[str]:
    """Every tag the POS model can output."""
    return list(_pos_model().model.labels())


def chunk_tags(words: list[str], pos: list[str]) -> list[str]:
    """Phrase-chunk tags (B-NP, I-NP, B-VP, ..., O) from words and POS tags."""
    if not words:
        return []
    return [tag for *_, tag in _chunk_model().predict(list(zip(words, pos)))]


def ner_tags(words: list[str], pos: list[str], chunks: list[str]) -> list[str]:
    """BIO entity tags (B-PER, I-LOC, ..., O) of underthesea's 2017 CRF."""
    if not words:
        return []
    return [tag for *_, tag in _ner_model().predict(list(zip(words, pos, chunks)))]

"""Vietnamese word segmentation: text -> word spans.

    >>> seg = load_segmenter()              # our CRF, from models/segmenter/
    >>> text = "Nga thuộc Liên bang Xô viết"
    >>> [text[s:e] for s, e in seg.segment(text)]
    ['Nga', 'thuộc', 'Liên bang', 'Xô viết']

``load_segmenter`` is the one entry point; ``train`` fits a new CRF model from
CoNLL-U gold (``songngu train segmenter``).
"""

from __future__ import annotations

from pathlib import Path

from pipeline.vi.segmenter.base import Segmenter, SegmenterError, Span

__all__ = ["Segmenter", "Span", "SegmenterError", "load_segmenter", "train"]

#: Names ``load_segmenter`` accepts besides a model directory.
BACKENDS = ("crf", "underthesea", "pyvi")


def default_model_dir() -> Path:
    from pipeline import MODELS_DIR

    return MODELS_DIR / "segmenter"


def load_segmenter(spec: str | Path = "crf") -> Segmenter:
    """Load a segmenter by name ("crf", "underthesea", "pyvi") or model directory.

    "crf" is our trained model shipped in ``models/segmenter/``; a directory is
    any model written by :func:`train`.
    """
    if spec == "underthesea":
        from pipeline.vi.segmenter.backends import UndertheseaSegmenter

        return UndertheseaSegmenter()
    if spec == "pyvi":
        from pipeline.vi.segmenter.backends import PyviSegmenter

        return PyviSegmenter()
    from pipeline.vi.segmenter.crf import CrfSegmenter

    if spec == "crf":
        return CrfSegmenter.load(default_model_dir())
    path = Path(spec)
    if not path.exists():
        raise SegmenterError(f"{path}: no such model directory (segmenter names: {', '.join(BACKENDS)})")
    return CrfSegmenter.load(path)


def train(train_conllu, out_dir, **hyperparams):
    """Fit a CRF segmenter on CoNLL-U gold and save it to ``out_dir``; returns its meta record.

    See :func:`pipeline.vi.segmenter.crf.train` for the hyperparameters.
    """
    from pipeline.vi.segmenter.crf import train as _train

    return _train(train_conllu, out_dir, **hyperparams)


def read_gold(path):
    """The sentences of a CoNLL-U gold file, for training or scoring a segmenter."""
    from pipeline.vi.segmenter.crf import read_gold as _read_gold

    return _read_gold(path)


def record_dev_score(out_dir, meta: dict, dev_file, score: dict) -> dict:
    """Add a dev-set score to a trained model's meta record (``meta.json``)."""
    from pipeline.vi.segmenter.crf import write_meta

    meta = {**meta, "dev": {"file": Path(dev_file).name, **score}}
    write_meta(Path(out_dir), meta)
    return meta

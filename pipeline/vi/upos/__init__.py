"""Universal POS for Vietnamese words, from the words and their VLSP tags.

underthesea's CRF gives each word a VLSP 2013 tag (N, V, C, T, ...). No fixed
VLSP -> UPOS table is right everywhere: on UD Vietnamese-VTB, VLSP ``V`` is
VERB 79% of the time but AUX for passive "được"/"bị" and copular "là"; ``C``
is SCONJ 61% / CCONJ 34%. Two mappers share one interface,
``tag(words, vlsp_tags) -> upos_tags``, and a ``meta`` record
(``{"model": ..., "version": ...}``) for the JSON's ``pipeline.components``:

- ``"crf"``: :class:`~pipeline.vi.upos.crf.CrfUposTagger`, a CRF trained on
  VTB train over the words, their shape and syllables, their neighbours,
  underthesea's VLSP tags and the table's UPOS (stacking: it learns where the
  table is wrong). Shipped in ``models/upos/``; ``songngu train upos`` makes one.
- ``"table"``: :class:`~pipeline.vi.upos.table.TableMapper`, the majority
  table ``table.tsv`` (``python bench/upos_map.py`` recomputes it from VTB train).

    >>> mapper = load_upos("crf")            # or "table", or a model directory
    >>> mapper.tag(["Nó", "bị", "bắt", "."], ["P", "V", "V", "CH"])
    ['PRON', 'AUX', 'VERB', 'PUNCT']
"""

from __future__ import annotations

from pathlib import Path

from pipeline.text.tagsets import UPOS_TAGS
from pipeline.vi.upos.data import TaggedSentence, UposError, accuracy, read_gold

__all__ = [
    "UPOS_TAGS",
    "MAPPERS",
    "TaggedSentence",
    "UposError",
    "accuracy",
    "default_model_dir",
    "load_upos",
    "read_gold",
    "train",
]

#: Names ``load_upos`` accepts besides a model directory.
MAPPERS = ("crf", "table")


def default_model_dir() -> Path:
    from pipeline import MODELS_DIR

    return MODELS_DIR / "upos"


def load_upos(spec: str | Path = "crf"):
    """``"crf"`` (the model in ``models/upos/``), ``"table"`` (``table.tsv``) or a model directory.

    A missing or broken model directory raises :class:`UposError` naming it;
    nothing falls back silently, since the output would change without notice.
    """
    if spec == "table":
        from pipeline.vi.upos.table import TableMapper

        return TableMapper()
    from pipeline.vi.upos.crf import CrfUposTagger

    return CrfUposTagger.load(default_model_dir() if spec == "crf" else Path(spec))


def train(train_conllu, dev_conllu, out_dir, **hyperparams) -> dict:
    """Fit the CRF on CoNLL-U gold, choose it on dev, save it to ``out_dir``.

    See :func:`pipeline.vi.upos.crf.train` for the hyperparameters.
    """
    from pipeline.vi.upos.crf import train as _train

    return _train(train_conllu, dev_conllu, out_dir, **hyperparams)

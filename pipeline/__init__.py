"""songngu: Vietnamese-English annotation pipeline.

In a notebook::

    >>> from pipeline import annotate
    >>> doc = annotate("Nga thuộc Liên bang Xô viết.", en="Russia was part of the Soviet Union.")
    >>> doc["vi"]["entities"][0]["text"], doc["alignments"]["entities"][0]["en"]
    ('Nga', 'T1')

:func:`annotate` returns the JSON document of the contract (``songngu schema``),
validated; ``as_docs=True`` gives the spaCy Docs instead, and :func:`nlp` the
spaCy pipelines themselves. Models load on first use and are kept for the next
calls with the same options. Nothing heavy is imported by ``import pipeline``.

The package reads like the data flow::

    ingest -> vi -> events -> en -> align -> io -> evaluate -> cli

Each stage is one module or folder with one entry point; the JSON contract that
all of them produce and consume lives in :mod:`pipeline.contract`.
"""

from __future__ import annotations

import os
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _version
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

try:
    __version__ = _version("songngu")
except PackageNotFoundError:  # running from a checkout without installing
    __version__ = "0.0.0+local"

#: Where the trained models live (each with its model card): the repository's
#: ``models/`` folder, which an editable install (``pip install -e .``) reads in
#: place, or the folder named by ``SONGNGU_MODELS`` (for a copy of ``models/``
#: beside a non-editable install, or models of your own).
MODELS_DIR = Path(os.environ.get("SONGNGU_MODELS") or Path(__file__).resolve().parent.parent / "models")

#: The research data sets songngu was trained and measured on, under :func:`data_dir`:
#: UD Vietnamese-VTB (``ud-vietnamese-vtb/vi_vtb-ud-{train,dev}.conllu``), BKEE and VHE.
#: They are not shipped (licences and size); the README's "Data" section says where to get them.
VTB_DIRNAME = "ud-vietnamese-vtb"


def data_dir() -> Path:
    """Where the research data sets are: ``$SONGNGU_DATA`` when set, else ``shared/data`` beside the checkout.

    "Beside the checkout" is the first ``shared/data`` found going up from the
    checkout's parent (a git worktree nested inside a checkout finds its
    parent's); when there is none, ``../shared/data`` of the checkout, which
    then does not exist and the commands that need it say so.
    """
    env = os.environ.get("SONGNGU_DATA")
    if env:
        return Path(env)
    checkout = Path(__file__).resolve().parent.parent
    for parent in checkout.parents:
        if (parent / "shared" / "data").is_dir():
            return parent / "shared" / "data"
    return checkout.parent / "shared" / "data"


def cache_dir() -> Path:
    """Where songngu keeps what it can compute again: ``$SONGNGU_CACHE_DIR``, else ``$XDG_CACHE_HOME/songngu``
    (``~/.cache/songngu``): the translation cache, the events' prepared corpora, the start-up cache
    (:func:`pipeline.startup.cached`)."""
    if os.environ.get("SONGNGU_CACHE_DIR"):
        return Path(os.environ["SONGNGU_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "songngu"


def vtb_file(split: str) -> Path:
    """UD Vietnamese-VTB's ``train`` or ``dev`` CoNLL-U file under :func:`data_dir` (it may not exist)."""
    return data_dir() / VTB_DIRNAME / f"vi_vtb-ud-{split}.conllu"


def annotate(
    text: str,
    en: str | None = None,
    *,
    id: str = "doc",
    config: str | Path | None = None,
    overrides: dict[str, Any] | None = None,
    translate: str | None = None,
    word_aligner: str = "lexical",
    encoder: str | None = None,
    as_docs: bool = False,
) -> dict[str, Any] | tuple[Doc, Doc | None]:
    """Annotate one Vietnamese text, and its English translation ``en`` if you have one.

    Returns the validated JSON document of the contract (what ``songngu
    annotate`` writes to a file): ``doc["vi"]`` has the sentences, words, entities
    and events, ``doc["en"]`` the English layer (None without English) and
    ``doc["alignments"]`` the links between them. With ``as_docs=True``, the
    spaCy Docs ``(vi, en)`` instead (``en`` is None without English; the
    alignments exist in the JSON only).

    The options are those of ``songngu annotate``: ``config`` (``--vi-config``),
    ``overrides`` (``--set``, as ``{"nlp.tokenizer.segmenter": "pyvi"}``),
    ``translate`` (a local machine-translation model, used when ``en`` is None),
    ``word_aligner`` and ``encoder``. The first call with a set of options loads
    the models (seconds); later calls reuse them.
    """
    from pipeline.annotator import AnnotateOptions, shared_annotator

    options = AnnotateOptions(
        vi_config=str(config) if config is not None else None,
        vi_overrides=dict(overrides or {}),
        translate=translate,
        word_aligner=word_aligner,
        encoder=encoder,
    )
    document, vi_doc, en_doc = shared_annotator(options).run(text, en, doc_id=id)
    return (vi_doc, en_doc) if as_docs else document


def nlp(lang: str = "vi", *, config: str | Path | None = None, overrides: dict[str, Any] | None = None) -> Language:
    """The spaCy pipeline of ``lang`` ("vi" or "en"), loaded once and shared with :func:`annotate`.

    ``pipeline.nlp("vi")("Nga thuộc Liên bang Xô viết.")`` is a spaCy ``Doc`` with
    words (``Liên bang`` is one token), sentences, ``token.tag_`` (VLSP),
    ``token.pos_`` (UPOS), ``doc.ents`` and ``doc._.events``. ``config`` and
    ``overrides`` are as for :func:`annotate` (Vietnamese only). Save it with
    ``to_disk`` and open the copy with ``spacy.load``.
    """
    if lang == "vi":
        from pipeline.annotator import AnnotateOptions, shared_annotator

        options = AnnotateOptions(
            vi_config=str(config) if config is not None else None, vi_overrides=dict(overrides or {})
        )
        return shared_annotator(options).vi
    if lang == "en":
        if config is not None or overrides:
            raise ValueError("the English pipeline takes no config or overrides here: see pipeline.en.load_en")
        from pipeline.en import load_en

        return load_en()
    raise ValueError(f"lang must be 'vi' or 'en', not {lang!r}")

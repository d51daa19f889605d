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
    """A config from its text, with dotted ``overrides`` (``{"nlp.tokenizer.segmenter": "pyvi"}``).

    A config that does not parse, or an override of a setting it does not have, raises
    ``ValueError`` with :func:`config_problem`'s one line.
    """
    from thinc.api import Config, ConfigValidationError

    try:
        return Config().from_str(text, overrides=overrides or {})
    except ConfigValidationError as exc:
        raise ValueError(config_problem(exc)) from None


def config_problem(exc: Exception, config: Config | None = None) -> str:
    """thinc's config error as one line a user can act on.

    thinc's own text is several lines of a title, ``a -> b`` paths with a tab before each
    message, and then the whole config (for a component's setting, its every argument as a
    Python dict): a batch prints its errors on one line, where that reads as noise. This keeps
    the dotted path the user wrote in ``--set`` (spaCy names a component's setting by its factory,
    ``songngu_ner_merge.bogus``; with ``config`` it is written back as ``components.ner_merge.bogus``)
    and thinc's message for it.
    """
    errors = getattr(exc, "errors", None) or []
    factories = {}
    if config is not None:
        for name, block in config.get("components", {}).items():
            factories.setdefault(block.get("factory"), []).append(name)
    found = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        if loc and len(factories.get(loc[0], ())) == 1:
            loc[0] = f"components.{factories[loc[0]][0]}"
        message = error.get("msg", "")
        if message == "not a section value that can be overridden":  # thinc's words for a key it does not have
            message = "no such setting in the config"
        found.append(f"{'.'.join(loc)}: {message}")
    if not found:  # a config that does not parse: thinc's title, then what it found, over several lines
        detail = " ".join(str(getattr(exc, "desc", None) or "").split())
        return f"the pipeline config: {detail or getattr(exc, 'title', None) or exc}"
    return "the pipeline config: " + "; ".join(found)


def build(config: Config) -> Language:
    """The initialised pipeline of ``config``."""
    import spacy
    from thinc.api import ConfigValidationError

    try:
        nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    except ConfigValidationError as exc:
        raise ValueError(config_problem(exc, config)) from None
    sourced = [name for name in spacy.util.get_sourced_components(config) if name in nlp.pipe_names]
    with nlp.select_pipes(disable=sourced):
        nlp.initialize()
    return nlp

"""The Vietnamese pipeline: a spaCy ``Language`` built from ``default.cfg``.

    >>> from pipeline.vi import load_vi
    >>> nlp = load_vi()
    >>> doc = nlp("Bộ Quốc phòng Armenia trả lương bằng đồng rúp Nga.")

Tokenizer: words from a segmenter (``pipeline.vi.segmenter``); components:
sentence boundaries, VLSP POS + chunks (underthesea's CRFs) and Universal POS
(our CRF, :mod:`pipeline.vi.upos`), entities. What runs and with which
settings is configuration, not code: pass another config file or dotted
overrides.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline import __version__

if TYPE_CHECKING:
    from spacy.language import Language
    from thinc.api import Config

# spaCy, the models and the component modules are imported by the functions
# below, not here: every ``pipeline.vi.*`` module (the train commands among
# them) imports this package first, and ``songngu --help`` should not pay for them.


def _register_components() -> None:
    """Import the modules whose decorators register our tokenizer and Vietnamese components.

    spaCy also finds every songngu factory through the ``spacy_factories`` entry
    points (pyproject.toml); the events component of ``default.cfg`` is found that
    way, so that this stage does not import the one after it.
    """
    from pipeline.vi import sentences, tagger, tokenizer  # noqa: F401
    from pipeline.vi.ner import components  # noqa: F401


def default_config() -> Config:
    """The packaged ``default.cfg`` (what ``load_vi()`` builds; ``bench/ner.py`` reads its component list)."""
    from thinc.api import Config

    return Config().from_str(files(__package__).joinpath("default.cfg").read_text("utf-8"))


def load_vi(config: str | Path | Config | None = None, overrides: dict[str, Any] | None = None) -> Language:
    """Build the Vietnamese pipeline from ``config`` (default: ``default.cfg``), its models loaded.

    ``overrides`` maps dotted config paths to values, e.g.
    ``{"nlp.tokenizer.segmenter": "pyvi"}``. ``nlp.to_disk(path)`` saves it with
    its models and data; ``spacy.load(path)`` opens the copy.
    """
    from thinc.api import Config

    from pipeline.spacy_config import build, read_config

    _register_components()
    if config is None:
        text = files(__package__).joinpath("default.cfg").read_text("utf-8")
    elif isinstance(config, Config):
        text = config.to_str()
    else:
        text = Path(config).read_text(encoding="utf-8")
    try:
        return build(read_config(text, overrides))
    except ValueError as exc:
        if config is None or isinstance(config, Config):
            raise
        raise ValueError(f"{config}: {exc}") from None  # name the file the user gave (--vi-config), as for a bad input


def components(nlp: Language) -> list[dict[str, str]]:
    """What ran, for the ``pipeline.components`` record of the JSON."""
    seg = getattr(nlp.tokenizer, "segmenter", None)
    out = [
        {
            "name": "tokenizer",
            "lang": "vi",
            "model": getattr(seg, "name", type(nlp.tokenizer).__name__),
            "version": str(getattr(seg, "version", "")),
        }
    ]
    for name, proc in nlp.pipeline:
        metas = getattr(proc, "songngu_meta", None) or {"model": "rules", "version": __version__}
        # A component that runs several models lists them; each after the first
        # is named "<component>.<its name>" (tagger.upos).
        for i, meta in enumerate([metas] if isinstance(metas, dict) else metas):
            full = name if i == 0 else f"{name}.{meta.get('name', i)}"
            record = {"name": full, "lang": "vi", "model": meta["model"], "version": str(meta["version"])}
            if meta.get("note"):
                record["note"] = str(meta["note"])
            out.append(record)
    return out

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

import argparse
import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import spacy

from pipeline import __version__
from spacy.language import Language
from thinc.api import Config

# Importing the modules registers the tokenizer and the component factories.
from pipeline.vi import ner, sentences, tagger, tokenizer  # noqa: F401
from pipeline import events  # noqa: F401,E402  (songngu_events, the last component of default.cfg)


def default_config() -> Config:
    """The packaged ``default.cfg`` (what ``load_vi()`` builds; ``bench/ner.py`` reads its component list)."""
    return Config().from_str(files(__package__).joinpath("default.cfg").read_text("utf-8"))


def load_vi(config: str | Path | Config | None = None, overrides: dict[str, Any] | None = None) -> Language:
    """Build the Vietnamese pipeline from ``config`` (default: ``default.cfg``).

    ``overrides`` maps dotted config paths to values, e.g.
    ``{"nlp.tokenizer.segmenter": "pyvi"}``.
    """
    if config is None:
        text = files(__package__).joinpath("default.cfg").read_text("utf-8")
    elif isinstance(config, Config):
        text = config.to_str()
    else:
        text = Path(config).read_text(encoding="utf-8")
    cfg = Config().from_str(text, overrides=overrides or {})
    return spacy.util.load_model_from_config(cfg, auto_fill=True, validate=True)


def parse_override(text: str) -> tuple[str, Any]:
    """One ``--set KEY=VALUE`` of the command line, for ``load_vi``'s ``overrides``.

    VALUE is read as JSON when it parses (numbers, booleans, lists: ``--set
    nlp.pipeline='["sentences"]'``), else as a bare string (``--set
    nlp.tokenizer.segmenter=pyvi``). An argparse ``type``: a malformed one is a usage error.
    """
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    try:
        return key, json.loads(value)
    except json.JSONDecodeError:
        return key, value


def components(nlp: Language) -> list[dict[str, str]]:
    """What ran, for the ``pipeline.components`` record of the JSON."""
    seg = getattr(nlp.tokenizer, "segmenter", None)
    out = [{"name": "tokenizer", "lang": "vi", "model": getattr(seg, "name", type(nlp.tokenizer).__name__), "version": str(getattr(seg, "version", ""))}]
    for name, proc in nlp.pipeline:
        metas = getattr(proc, "songngu_meta", None) or {"model": "rules", "version": __version__}
        # A component that runs several models lists them; each after the first
        # is named "<component>.<its name>" (tagger.upos).
        for i, meta in enumerate([metas] if isinstance(metas, dict) else metas):
            full = name if i == 0 else f"{name}.{meta.get('name', i)}"
            out.append({"name": full, "lang": "vi", "model": meta["model"], "version": str(meta["version"])})
    return out

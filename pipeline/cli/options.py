"""Command-line options that several commands share, defined once.

Argparse only: no stage is imported here, so every ``*.cli`` module can use
these without loading models, and no library module needs them.
"""

from __future__ import annotations

import argparse
import json
from typing import Any


def parse_override(text: str) -> tuple[str, Any]:
    """One ``--set KEY=VALUE`` of the command line, for ``pipeline.vi.load_vi``'s ``overrides``.

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


def add_word_aligner_options(parser) -> None:
    """``--word-aligner`` and ``--encoder`` (:class:`pipeline.align.AlignOptions`), for every command that aligns."""
    parser.add_argument(
        "--word-aligner",
        choices=("lexical", "embedding"),
        default="lexical",
        help="word aligner inside aligned sentences (default: lexical, offline)",
    )
    parser.add_argument(
        "--encoder",
        metavar="MODEL",
        help="multilingual encoder for --word-aligner embedding (local directory, e.g. "
        "bert-base-multilingual-cased or LaBSE)",
    )

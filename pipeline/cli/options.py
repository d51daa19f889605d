"""Command-line options that several commands share, defined once.

Argparse only: no stage is imported here, so every ``*.cli`` module can use
these without loading models, and no library module needs them.
"""

from __future__ import annotations

import argparse
import json
import logging
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


def add_vi_pipeline_options(
    parser,
    *,
    config_help: str = "spaCy config of the Vietnamese pipeline (default: built in)",
    set_help: str = "override one config setting, e.g. --set nlp.tokenizer.segmenter=pyvi",
) -> None:
    """``--vi-config FILE`` and ``--set KEY=VALUE`` (``args.vi_config``, ``args.overrides``), the two
    arguments of :func:`pipeline.vi.load_vi`, for every command that builds the Vietnamese pipeline."""
    parser.add_argument("--vi-config", metavar="FILE", help=config_help)
    parser.add_argument(
        "--set",
        dest="overrides",
        action="append",
        type=parse_override,
        default=[],
        metavar="KEY=VALUE",
        help=set_help,
    )


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


def add_logging_options(parser, *, subcommand: bool = False) -> None:
    """``-v/--verbose`` and ``-q/--quiet``: how much of the log (:mod:`pipeline.logs`) reaches stderr.

    Given to ``songngu`` itself and to every subcommand, so both ``songngu -v
    annotate ...`` and ``songngu annotate ... -v`` work; on a subcommand the
    default is SUPPRESS, so an option given before the subcommand stays set.
    """
    default = argparse.SUPPRESS if subcommand else False
    group = parser.add_argument_group("messages")
    quiet_or_verbose = group.add_mutually_exclusive_group()
    quiet_or_verbose.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=default,
        help="also debug messages, with the module that logs them",
    )
    quiet_or_verbose.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=default,
        help="no progress messages or warnings (errors and results are still printed)",
    )


def log_level(args: argparse.Namespace) -> int:
    """The logging level that ``--verbose`` / ``--quiet`` ask for (default: progress messages and warnings)."""
    if getattr(args, "verbose", False) and getattr(args, "quiet", False):
        raise argparse.ArgumentTypeError("--verbose and --quiet exclude each other")
    if getattr(args, "verbose", False):
        return logging.DEBUG
    if getattr(args, "quiet", False):
        return logging.ERROR
    return logging.INFO

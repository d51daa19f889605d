"""The ``songngu`` command line.

Each stage registers its own subcommands (argparse only, no heavy imports: the
models load inside the handler), so the CLI grows with the pipeline without this
file knowing the stages' internals. A stage module listed in ``_STAGES`` exposes
``register(commands, train)`` where ``commands`` is the top-level subparsers
object and ``train`` the subparsers of ``songngu train``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from typing import Any

from pipeline import __version__

# Order is the order of ``songngu --help``: the data flow, then the tools around it.
_STAGES = (
    "pipeline.batch",  # annotate
    "pipeline.align.cli",  # align
    "pipeline.vi.segmenter.cli",  # train segmenter
    "pipeline.vi.ner.cli",  # train ner
    "pipeline.events.cli",  # train events
    "pipeline.vi.upos.cli",  # train upos
    "pipeline.contract.cli",  # schema, validate
    "pipeline.io.cli",  # export
    "pipeline.evaluate.cli",  # evaluate
    "pipeline.show",  # show
)


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="songngu",
        description="Vietnamese-English annotation pipeline: words, POS, entities, events, "
        "an aligned English layer; one JSON file per document.",
    )
    parser.add_argument("--version", action="version", version=f"songngu {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    train_parser = commands.add_parser("train", help="train a model from gold data (saved under models/)")
    train = train_parser.add_subparsers(dest="what", metavar="WHAT", required=True)
    for name in _STAGES:
        importlib.import_module(name).register(commands, train)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        print("songngu: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `songngu schema | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

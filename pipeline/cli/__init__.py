"""The ``songngu`` command line.

Each stage registers its own subcommands (argparse only, no heavy imports: the
models load inside the handler), so the CLI grows with the pipeline without this
file knowing the stages' internals. A stage module listed in ``_STAGES`` exposes
``register(commands, train)`` where ``commands`` is the top-level subparsers
object and ``train`` the subparsers of ``songngu train``. Options that several commands share
are defined once, in :mod:`pipeline.cli.options`.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import importlib
import logging
import os
import sys

from pipeline import __version__, logs
from pipeline.cli.options import add_logging_options, log_level

# Order is the order of ``songngu --help``: the data flow, then the tools around it.
_STAGES = (
    "pipeline.batch.cli",  # annotate
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="songngu",
        description="Vietnamese-English annotation pipeline: words, POS, entities, events, "
        "an aligned English layer; one JSON file per document.",
    )
    parser.add_argument("--version", action="version", version=f"songngu {__version__}")
    add_logging_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    train_parser = commands.add_parser("train", help="train a model from gold data (saved under models/)")
    train = train_parser.add_subparsers(dest="what", metavar="WHAT", required=True)
    for name in _STAGES:
        importlib.import_module(name).register(commands, train)
    for sub in [*commands.choices.values(), *train.choices.values()]:
        if sub is not train_parser:
            add_logging_options(sub, subcommand=True)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        level = log_level(args)
    except argparse.ArgumentTypeError as exc:  # -v before the subcommand, -q after it
        parser.error(str(exc))
    logs.to_stderr(level)
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        print("songngu: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `songngu schema | head`
        return 0
    except OSError as exc:
        # A file system error no command handled itself: an output path that is a file where a
        # folder goes (or the reverse), no permission, a full disk. One line naming the path, as
        # for a bad input, not a traceback.
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"songngu {args.command}: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2


def run() -> None:
    """The ``songngu`` command (and ``python -m pipeline``): :func:`main`, then the process ends.

    After a command that loaded the models, the interpreter's own teardown frees
    every object of the pipelines one by one (the word lists, spaCy's strings,
    the models): about a quarter of a CPU-second of nothing useful, paid after
    the work is done. So the process leaves through an exit handler instead:
    the interpreter's normal exit runs first (non-daemon threads joined, then
    the exit handlers registered after this one: temporary files removed,
    worker processes joined), then this handler flushes logging and the
    standard streams and ends the process with :func:`os._exit`, leaving the
    memory to the operating system. Exit handlers run last-registered first, so
    registering it here, before :func:`main` imports anything, puts it after
    every handler but logging's (registered when :mod:`logging` was imported),
    which it runs itself. An exception (an error, ``--help``) leaves the usual
    way: the handler only ends a process whose :func:`main` returned.
    """
    returned: list[int] = []

    def leave_without_teardown() -> None:
        if not returned:
            return
        logging.shutdown()
        for stream in (sys.stdout, sys.stderr):
            # a closed pipe (`songngu schema | head`), a closed stream: nothing left to flush to
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        os._exit(returned[0])

    atexit.register(leave_without_teardown)
    returned.append(main())
    sys.exit(returned[0])


if __name__ == "__main__":  # pragma: no cover
    run()

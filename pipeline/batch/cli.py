"""``songngu annotate``: the command line of the batch runner (:mod:`pipeline.batch`)."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from pipeline.annotator import AnnotateOptions
from pipeline.batch import ERRORS_FILE, BatchInterrupted, OutputUnwritable, annotate, one_line
from pipeline.batch.worker import TIME_LIMIT_CHARS
from pipeline.cli.options import add_vi_pipeline_options, add_word_aligner_options
from pipeline.ingest import DEFAULT_EXCLUDE

#: Seconds per document (per TIME_LIMIT_CHARS characters). The default Vietnamese
#: pipeline annotates 200,000 characters in about a minute on one CPU: ten times that
#: is a document gone wrong (a sentence the taggers take quadratic time on), not a slow one.
DEFAULT_TIME_LIMIT = 600.0


def register(commands, train) -> None:
    p = commands.add_parser(
        "annotate",
        help="annotate documents into one JSON file each",
        description="Annotate Vietnamese documents (.txt, .jsonl, directories, '-' for stdin) "
        "into OUTDIR, one JSON file per document. Reruns skip documents whose output is up to date.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file, directory (walked recursively) or '-'")
    p.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="where the JSON files go")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="processes to run (each loads the models once)")
    p.add_argument("--force", action="store_true", help="redo documents whose output is up to date")
    p.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="also skip the directories and files whose name or path under INPUT matches GLOB when walking "
        f"(drafts, 'drafts/*', '*.draft.txt'; always skipped: {', '.join(DEFAULT_EXCLUDE)}, hidden directories, OUTDIR)",
    )
    p.add_argument(
        "--output-format",
        choices=("json", "jsonl"),
        default="json",
        help="json: one file per document, OUTDIR/ID.json (default); jsonl: shards of --shard-size documents, "
        "OUTDIR/shard-00000.jsonl, ... (for corpora where millions of small files hurt)",
    )
    p.add_argument(
        "--shard-size",
        type=int,
        default=1000,
        metavar="N",
        help="documents per JSONL shard (default 1000); keep it from run to run, or resuming redoes the work",
    )
    p.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local: this machine, --workers processes (default); dask: a Dask cluster (the 'dask' extra)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: the scheduler to use, e.g. tcp://HOST:8786 (default: a LocalCluster of --workers "
        "processes); every worker must see OUTDIR at the same path",
    )
    p.add_argument(
        "--time-limit",
        type=float,
        default=DEFAULT_TIME_LIMIT,
        metavar="SECONDS",
        help=f"stop a document after SECONDS (per {TIME_LIMIT_CHARS:,} characters for longer ones) and report "
        f"it as failed; 0: no limit (default {DEFAULT_TIME_LIMIT:g})",
    )
    add_vi_pipeline_options(p)
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar (default: only when stderr is a terminal)",
    )
    en = p.add_argument_group(
        "English layer and alignment",
        "A document's English comes from X.en.txt beside X.txt or the 'en' field of a JSONL line; "
        "without one, --translate makes it by machine translation, else the document has no English layer.",
    )
    en.add_argument(
        "--translate",
        metavar="MODEL",
        help="translate documents that have no English with MODEL: a local directory or a Hugging Face "
        "name already in the local cache (Helsinki-NLP/opus-mt-vi-en, VietAI/envit5-translation, "
        "facebook/nllb-200-distilled-600M, facebook/m2m100_418M); needs the 'mt' extra",
    )
    en.add_argument(
        "--mt-beams",
        type=int,
        default=4,
        metavar="N",
        help="beam size for --translate (default 4; 1 is greedy and fastest)",
    )
    add_word_aligner_options(en)
    p.set_defaults(handler=_run)


def _installed(module: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def _error(message: str) -> int:
    print(f"songngu: error: {one_line(message)}", file=sys.stderr)
    return 2


def _run(args: argparse.Namespace) -> int:
    if args.workers < 1:
        return _error("--workers must be at least 1")
    if args.shard_size < 1:
        return _error("--shard-size must be at least 1")
    if args.scheduler and args.engine != "dask":
        return _error("--scheduler needs --engine dask")
    if args.time_limit < 0:
        return _error("--time-limit must be 0 (no limit) or more")
    if args.vi_config and not Path(args.vi_config).is_file():
        return _error(f"--vi-config {args.vi_config}: no such file")
    if args.translate:
        missing = [name for name in ("torch", "transformers") if not _installed(name)]
        if missing:
            return _error(
                f"--translate needs the 'mt' extra ({', '.join(missing)} not installed): pip install 'songngu[mt]'"
            )
    from pipeline.errors import ModelUnavailable

    options = AnnotateOptions(
        vi_config=args.vi_config,
        vi_overrides=dict(args.overrides),
        translate=args.translate,
        mt_beams=args.mt_beams,
        word_aligner=args.word_aligner,
        encoder=args.encoder,
    )
    try:
        summary = annotate(
            args.inputs,
            args.output,
            options,
            workers=args.workers,
            force=args.force,
            exclude=DEFAULT_EXCLUDE + tuple(args.exclude),
            progress=args.progress,
            time_limit=args.time_limit or None,
            output_format=args.output_format,
            shard_size=args.shard_size,
            engine=args.engine,
            scheduler=args.scheduler,
        )
    except (ModelUnavailable, ValueError) as exc:  # a model or option the user named cannot be used
        return _error(str(exc))
    except OutputUnwritable as exc:
        _error(str(exc))
        if exc.summary is not None and (exc.summary.annotated or exc.summary.skipped or exc.summary.failed):
            print(f"songngu: stopped: {exc.summary.line()}", file=sys.stderr)
        return 2
    except BatchInterrupted as stop:
        print(
            f"songngu: stopped by {signal.Signals(stop.signal).name}: {stop.summary.line()}; "
            "the files written are whole: run the same command again to go on",
            file=sys.stderr,
        )
        return 128 + stop.signal
    line = f"songngu: {summary.line()}"
    if summary.failed:
        line += f" (see {Path(args.output) / ERRORS_FILE})"
    print(line, file=sys.stderr)
    return 1 if summary.failed else 0

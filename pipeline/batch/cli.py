"""``songngu annotate``: the command line of the batch runner (:mod:`pipeline.batch`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.annotate import AnnotateOptions
from pipeline.batch import ERRORS_FILE, annotate
from pipeline.cli.options import add_word_aligner_options, parse_override
from pipeline.ingest import DEFAULT_EXCLUDE


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
        metavar="GLOB",
        help=f"directory names to skip when walking (default: {', '.join(DEFAULT_EXCLUDE)})",
    )
    p.add_argument("--vi-config", metavar="FILE", help="spaCy config of the Vietnamese pipeline (default: built in)")
    p.add_argument(
        "--set",
        dest="overrides",
        action="append",
        type=parse_override,
        default=[],
        metavar="KEY=VALUE",
        help="override one config setting, e.g. --set nlp.tokenizer.segmenter=pyvi",
    )
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


def _run(args: argparse.Namespace) -> int:
    if args.workers < 1:
        print("songngu: error: --workers must be at least 1", file=sys.stderr)
        return 2
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
            exclude=tuple(args.exclude) if args.exclude else DEFAULT_EXCLUDE,
            progress=args.progress,
        )
    except (ModelUnavailable, ValueError) as exc:  # a model or option the user named cannot be used
        print(f"songngu: error: {exc}", file=sys.stderr)
        return 2
    line = f"songngu: {summary.annotated} annotated, {summary.skipped} up to date, {summary.failed} failed"
    if summary.failed:
        line += f" (see {Path(args.output) / ERRORS_FILE})"
    print(line, file=sys.stderr)
    return 1 if summary.failed else 0

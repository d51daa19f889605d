"""``songngu train events``: fit the trigger classifier from brat event gold."""

from __future__ import annotations

import argparse
import sys


def register(commands: argparse._SubParsersAction, train: argparse._SubParsersAction) -> None:
    parser = train.add_parser(
        "events",
        help="train the event-trigger classifier from brat gold",
        description="Fit a spaCy trigger classifier (event types as span labels) on brat event gold "
        "and save it as a model directory the events component loads with backend=trained or both. "
        "Sentences listed in a heldback.tsv inside a gold folder are left out unless --include-heldback.",
    )
    parser.add_argument(
        "--gold",
        nargs="+",
        required=True,
        metavar="DIR",
        help="folders of brat .txt + .ann files, or of our JSON (songngu import)",
    )
    parser.add_argument(
        "-o", "--output", default="models/events-trigger", help="model directory (default: %(default)s)"
    )
    parser.add_argument("--epochs", type=int, default=40, help="passes over the data (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--include-heldback", action="store_true", help="train on held-back sentences too")
    parser.add_argument(
        "--vi-config", default=None, help="Vietnamese pipeline config whose words and tags the model sees"
    )
    parser.set_defaults(handler=_train)


def _train(args: argparse.Namespace) -> int:
    from pipeline.events.trained import TrainingError, train
    from pipeline.vi import load_vi

    try:
        vi = load_vi(args.vi_config)
        record = train(
            args.gold,
            args.output,
            vi_nlp=vi,
            epochs=args.epochs,
            seed=args.seed,
            include_heldback=args.include_heldback,
        )
    except TrainingError as exc:
        print(f"songngu train events: {exc}", file=sys.stderr)
        return 2
    stats = record["training_data"]
    print(
        f"trained on {stats['sentences']} sentences with {stats['triggers']} triggers "
        f"({stats['heldback_sentences_skipped']} held-back sentences left out); saved to {args.output}"
    )
    return 0

"""``songngu train upos``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(commands, train) -> None:
    p = train.add_parser(
        "upos",
        help="train the Universal POS tagger (a CRF over underthesea's VLSP tags) on CoNLL-U gold",
        description="Fit a CRF that tags Universal POS from the words and underthesea's VLSP tags, one model per "
        "(c1, c2) pair, and keep the one most accurate on the dev file. Train on UD Vietnamese-VTB train, "
        "choose on dev (CC BY-SA 4.0: attribute it wherever the model goes).",
    )
    p.add_argument("--train", type=Path, required=True, metavar="FILE", help="CoNLL-U training file (gold words, UPOS)")
    p.add_argument("--dev", type=Path, required=True, metavar="FILE", help="CoNLL-U file the model is chosen on")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="model directory to write")
    p.add_argument(
        "--c1",
        type=float,
        nargs="+",
        default=[0.1, 1.0],
        metavar="C1",
        help="L1 regularisation values to try (default: 0.1 1.0)",
    )
    p.add_argument(
        "--c2",
        type=float,
        nargs="+",
        default=[0.01, 0.1],
        metavar="C2",
        help="L2 regularisation values to try (default: 0.01 0.1)",
    )
    p.add_argument("--max-iterations", type=int, default=150, help="L-BFGS iterations (default: 150)")
    p.add_argument("--limit", type=int, metavar="N", help="use only the first N training sentences")
    p.set_defaults(handler=_train)


def _train(args: argparse.Namespace) -> int:
    from pipeline.vi.upos import UposError, train

    try:
        meta = train(
            args.train,
            args.dev,
            args.output,
            c1=args.c1,
            c2=args.c2,
            max_iterations=args.max_iterations,
            limit=args.limit,
        )
    except UposError as exc:
        print(f"songngu train upos: {exc}", file=sys.stderr)
        return 2
    keys = ("train", "hyperparameters", "dev_accuracy", "dev_accuracy_table", "grid")
    print(json.dumps({k: meta[k] for k in keys}, indent=2))
    print(f"saved to {args.output} (write or update its MODEL_CARD.md)", file=sys.stderr)
    return 0

"""``songngu train segmenter``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(commands, train) -> None:
    p = train.add_parser(
        "segmenter",
        help="train the CRF word segmenter on CoNLL-U gold (e.g. UD Vietnamese-VTB)",
        description="Fit the CRF word segmenter on CoNLL-U gold and save it to a model directory "
        "(load it with load_segmenter(DIR)). Train on train, choose on dev.",
    )
    p.add_argument("--train", type=Path, nargs="+", required=True, metavar="FILE", help="CoNLL-U training file(s)")
    p.add_argument("--dev", type=Path, metavar="FILE", help="CoNLL-U file scored after training (reported, not fitted)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="model directory to write")
    p.add_argument("--c1", type=float, default=None, help="L1 regularisation")
    p.add_argument("--c2", type=float, default=None, help="L2 regularisation")
    p.add_argument("--max-iterations", type=int, default=None)
    p.add_argument(
        "--no-stack", action="store_true", help="do not use underthesea's and pyvi's decisions as features (faster)"
    )
    p.set_defaults(handler=_train)


def _train(args: argparse.Namespace) -> int:
    from pipeline.evaluate.segmentation import score_segmenter
    from pipeline.vi.segmenter import SegmenterError, load_segmenter, read_gold, record_dev_score, train

    hyper = {
        k: v for k, v in (("c1", args.c1), ("c2", args.c2), ("max_iterations", args.max_iterations)) if v is not None
    }
    if args.no_stack:
        hyper["stack"] = ()
    try:
        meta = train(args.train, args.output, **hyper)
        if args.dev is not None:
            score = score_segmenter(load_segmenter(args.output), read_gold(args.dev))
            meta = record_dev_score(args.output, meta, args.dev, score.as_dict())
    except SegmenterError as exc:
        print(f"songngu train segmenter: {exc}", file=sys.stderr)
        return 2
    print(json.dumps({k: meta[k] for k in ("version", "features", "hyperparameters", "dev") if k in meta}, indent=2))
    print(f"saved to {args.output}", file=sys.stderr)
    return 0

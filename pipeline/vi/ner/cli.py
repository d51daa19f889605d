"""``songngu train ner``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline.cli.options import add_vi_pipeline_options


def register(commands, train) -> None:
    p = train.add_parser(
        "ner",
        help="train a spaCy entity recogniser on brat or CoNLL gold",
        description="Fit a spaCy NER on brat standoff (a folder of .txt + .ann) or CoNLL-2003/VLSP "
        "columns (a file or a folder of .conll files) and save it with a model card. Use it with the "
        "songngu_ner_spacy component (see pipeline/vi/ner/trained.py).",
    )
    p.add_argument(
        "--gold",
        type=Path,
        required=True,
        metavar="PATH",
        help="training gold (brat folder, CoNLL, or our JSON: a folder from songngu import)",
    )
    p.add_argument("--dev", type=Path, metavar="PATH", help="dev gold: chooses the epoch and is scored (not fitted)")
    p.add_argument(
        "-o", "--output", type=Path, required=True, metavar="DIR", help="model directory, e.g. models/ner-mine"
    )
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--seed", type=int, default=0)
    add_vi_pipeline_options(
        p,
        config_help="spaCy config whose tokenizer and tagger prepare the words",
        set_help="override a setting of that config, e.g. nlp.tokenizer.segmenter=underthesea",
    )
    p.set_defaults(handler=_train)


def _train(args: argparse.Namespace) -> int:
    from pipeline.vi import load_vi
    from pipeline.vi.ner.trained import PREP_PIPES, TrainingError, train

    overrides = {"nlp.pipeline": list(PREP_PIPES), **dict(args.overrides)}
    try:
        prep = load_vi(args.vi_config, overrides)
        record = train(
            args.gold,
            args.output,
            dev=args.dev,
            prep=prep,
            epochs=args.epochs,
            seed=args.seed,
        )
    except TrainingError as exc:
        print(f"songngu train ner: {exc}", file=sys.stderr)
        return 2
    print(json.dumps({k: record[k] for k in ("name", "kept_epoch", "scores")}, indent=1))
    print(f"saved to {args.output} (model card: {args.output / 'MODEL_CARD.md'})", file=sys.stderr)
    return 0

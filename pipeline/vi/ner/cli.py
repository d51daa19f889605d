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
        help="train the entity typer (--typer), or a spaCy entity recogniser on brat or CoNLL gold",
        description="With --typer: rebuild the shipped entity typer (models/ner-typer, the songngu_ner_typer "
        "component, pipeline/vi/ner/typer.py) from our NER gold and the names of BKEE and VHE train. "
        "Without: fit a spaCy NER on brat standoff (a folder of .txt + .ann) or CoNLL-2003/VLSP "
        "columns (a file or a folder of .conll files) and save it with a model card; use it with the "
        "songngu_ner_spacy component (see pipeline/vi/ner/trained.py).",
    )
    p.add_argument(
        "--typer",
        action="store_true",
        help="train the entity typer: --gold folders (repeatable; default: our building gold), --bkee, --vhe",
    )
    p.add_argument(
        "--gold",
        type=Path,
        action="append",
        metavar="PATH",
        help="training gold (brat folder, CoNLL, or our JSON: a folder from songngu import); with --typer, "
        "brat folders of complete NER gold, repeatable (default: the splits of corpus/gold/ner/ that "
        "pipeline.vi.ner.typer.TRAINING_GOLD names)",
    )
    p.add_argument(
        "--bkee", type=Path, metavar="DIR", help="--typer: BKEE's train folder (default: $SONGNGU_DATA/bkee/train)"
    )
    p.add_argument(
        "--vhe", type=Path, metavar="FILE", help="--typer: VHE's train.json (default: $SONGNGU_DATA/vhe/train.json)"
    )
    p.add_argument("--no-bkee", action="store_true", help="--typer: leave BKEE out")
    p.add_argument("--no-vhe", action="store_true", help="--typer: leave VHE out")
    p.add_argument(
        "--c", type=float, default=2.0, help="--typer: inverse regularisation strength (2.0: chosen on dev, issue 13)"
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
    if args.typer:
        return _train_typer(args)
    if not args.gold:
        print("songngu train ner: --gold is required (or --typer)", file=sys.stderr)
        return 2
    if len(args.gold) > 1:
        print("songngu train ner: one --gold for a spaCy NER (several only with --typer)", file=sys.stderr)
        return 2
    args.gold = args.gold[0]
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


def _train_typer(args: argparse.Namespace) -> int:
    import pipeline
    from pipeline import data_dir
    from pipeline.vi import load_vi
    from pipeline.vi.ner.typer import PROPOSERS, TRAINING_GOLD, TyperError, train_from

    checkout = Path(pipeline.__file__).resolve().parent.parent  # the gold ships with the repository
    gold = args.gold or [checkout / "corpus" / "gold" / "ner" / split for split in TRAINING_GOLD]
    bkee = None if args.no_bkee else (args.bkee or data_dir() / "bkee" / "train")
    vhe = None if args.no_vhe else (args.vhe or data_dir() / "vhe" / "train.json")
    try:
        prep = load_vi(args.vi_config, {"nlp.pipeline": list(PROPOSERS), **dict(args.overrides)})
        model = train_from(gold, bkee, vhe, args.output, prep, c=args.c, seed=args.seed)
    except TyperError as exc:
        print(f"songngu train ner: {exc}", file=sys.stderr)
        return 2
    print(json.dumps({k: model.meta[k] for k in ("examples", "features")}, indent=1))
    print(f"saved to {args.output} (model card: {args.output / 'MODEL_CARD.md'})", file=sys.stderr)
    return 0

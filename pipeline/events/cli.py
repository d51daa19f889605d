"""``songngu train events``: fit the event model (triggers and arguments) on BKEE, VHE and our gold."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(commands: argparse._SubParsersAction, train: argparse._SubParsersAction) -> None:
    from pipeline import data_dir

    parser = train.add_parser(
        "events",
        help="train the event model (triggers and arguments) from BKEE, VHE and brat gold",
        description="Fit the events component's model (two CRFs: triggers, then each trigger's arguments) "
        "on BKEE train, VHE train (the types and roles that map onto ACE 2005, pipeline/events/corpora.yaml) "
        "and brat event gold, and save it as the model directory the events component loads with "
        "backend=trained or both. Sentences listed in a heldback.tsv inside a gold folder are left out "
        "unless --include-heldback. A model trained on BKEE is CC BY-NC 4.0.",
    )
    parser.add_argument(
        "--bkee",
        type=Path,
        default=data_dir() / "bkee" / "train",
        help="BKEE train folder (default: %(default)s)",
    )
    parser.add_argument("--no-bkee", action="store_true", help="leave BKEE out (the model is then not CC BY-NC)")
    parser.add_argument(
        "--vhe", type=Path, default=data_dir() / "vhe" / "train.json", help="VHE train.json (default: %(default)s)"
    )
    parser.add_argument("--no-vhe", action="store_true", help="leave VHE out")
    parser.add_argument(
        "--gold",
        nargs="*",
        type=Path,
        default=[Path("corpus/gold/events/seed")],
        metavar="DIR",
        help="folders of brat .txt + .ann event gold, or of our JSON (songngu import) "
        "(default: %(default)s; never the held-out gold)",
    )
    parser.add_argument("-o", "--output", default="models/events-crf", help="model directory (default: %(default)s)")
    parser.add_argument("--c1", type=float, default=0.2, help="L1 regularisation (default: %(default)s)")
    parser.add_argument("--c2", type=float, default=0.01, help="L2 regularisation (default: %(default)s)")
    parser.add_argument("--iterations", type=int, default=100, help="L-BFGS iterations (default: %(default)s)")
    parser.add_argument(
        "--threshold",
        type=_thresholds,
        default=None,
        help="a word is in a trigger when P(not O) is over this: one number, or one per genre as "
        "news=0.25,annals=0.35 (default: training.TRIGGER_THRESHOLDS, chosen on BKEE dev and VHE dev)",
    )
    parser.add_argument(
        "--no-pairwise",
        action="store_true",
        help="no pairwise argument classifier: the argument CRF's labels are the arguments (the model of before)",
    )
    parser.add_argument(
        "--pairwise-only",
        action="store_true",
        help="fit again only the pairwise argument classifier of the model in --output, its two CRFs kept "
        "(minutes: for a change of the classifier's candidates or features)",
    )
    parser.add_argument(
        "--parts-only",
        action="store_true",
        help="learn again only the trigger parts of the model in --output (which of our words hold a gold trigger "
        "that is a part of them), the rest kept (seconds once the pipeline's output is cached)",
    )
    parser.add_argument("--include-heldback", action="store_true", help="train on held-back sentences too")
    parser.add_argument(
        "--vi-config", default=None, help="Vietnamese pipeline config whose words and tags the model sees"
    )
    parser.set_defaults(handler=_train)


def _thresholds(text: str) -> float | dict[str, float]:
    """``0.3`` or ``news=0.25,annals=0.35``."""
    try:
        if "=" not in text:
            return float(text)
        return {genre.strip(): float(value) for genre, value in (part.split("=") for part in text.split(","))}
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r}: give a number or GENRE=NUMBER,... (news=0.25,annals=0.35)"
        ) from None


def _train(args: argparse.Namespace) -> int:
    from pipeline.events.corpora import load_mappings
    from pipeline.events.lexicon import load_lexicon
    from pipeline.events.ontology import OntologyError, load_ontology
    from pipeline.events.trained import TrainingError
    from pipeline.events.training import gold_sources, train_events
    from pipeline.vi import load_vi

    try:
        ontology = load_ontology()
        lexicon = load_lexicon(ontology)
        sources = gold_sources(
            load_mappings(ontology),
            bkee=None if args.no_bkee else args.bkee,
            vhe=None if args.no_vhe else args.vhe,
            gold=args.gold,
            include_heldback=args.include_heldback,
        )
        vi = load_vi(args.vi_config)
        record = train_events(
            sources,
            args.output,
            vi,
            ontology,
            lexicon,
            c1=args.c1,
            c2=args.c2,
            iterations=args.iterations,
            threshold=args.threshold,
            pairwise_arguments=not args.no_pairwise,
            pairwise_only=args.pairwise_only,
            parts_only=args.parts_only,
        )
    except (TrainingError, OntologyError) as exc:
        print(f"songngu train events: {exc}", file=sys.stderr)
        return 2
    for name, stats in record["training_data"].items():
        print(
            f"{name}: {stats['sentences']} sentences, {stats['triggers']} triggers, {stats['arguments']} arguments "
            f"({stats['heldback_sentences']} held-back sentences left out)"
        )
    print(f"saved to {args.output}")
    return 0

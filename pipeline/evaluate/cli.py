"""``songngu evaluate``: score predictions (or a fresh pipeline run) against gold data."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline.cli.options import add_vi_pipeline_options

TASK_NAMES = ("ws", "pos", "ner", "events", "align")


def register(commands, train) -> None:
    p = commands.add_parser(
        "evaluate",
        help="score predicted annotations against gold data (ws, pos, ner, events, align)",
        description="Score predicted annotations against gold data. Every figure comes with its counts "
        "and a bootstrap 95% interval (documents resampled, or sentences when there is one document).",
    )
    p.add_argument(
        "--gold",
        required=True,
        type=Path,
        metavar="GOLD",
        help="gold data: our JSON (file or directory), brat (.txt+.ann), CoNLL-2003/VLSP columns, or CoNLL-U",
    )
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--pred",
        type=Path,
        metavar="PRED",
        help="predicted annotations: our JSON (file or directory), matched to gold by id or file name",
    )
    source.add_argument(
        "--run", action="store_true", help="annotate the gold documents' text with the pipeline and score that"
    )
    add_vi_pipeline_options(
        p,
        config_help="with --run: spaCy config of the Vietnamese pipeline",
        set_help="with --run: override one config setting, e.g. --set nlp.tokenizer.segmenter=pyvi",
    )
    p.add_argument(
        "--gold-format",
        choices=("json", "brat", "conll", "conllu"),
        help="format of GOLD (default: guessed from the file names)",
    )
    p.add_argument(
        "--task",
        action="append",
        choices=TASK_NAMES,
        metavar="TASK",
        help="ws, pos, ner, events or align; repeat for several (default: every task the gold annotates)",
    )
    subset = p.add_mutually_exclusive_group()
    subset.add_argument(
        "--within",
        type=Path,
        metavar="RANGES.tsv",
        help="score only what starts inside these gold-text ranges (TSV with start, end and, for "
        "several documents, doc columns; e.g. corpus/gold/events/seed/heldback.tsv)",
    )
    subset.add_argument(
        "--outside", type=Path, metavar="RANGES.tsv", help="score only what starts outside these ranges"
    )
    p.add_argument("--json", action="store_true", help="print the full result (every figure, errors) as JSON")
    p.add_argument("--report", type=Path, metavar="OUT.html", help="write a self-contained HTML report")
    p.add_argument(
        "--xpos-map",
        metavar="TSV",
        help="rewrite gold and predicted XPOS tags before comparing: a 2-column TSV, or 'vtb' for "
        "the bundled UD-VTB/VLSP equivalences",
    )
    p.add_argument(
        "--resamples", type=int, default=1000, metavar="N", help="bootstrap resamples (0: no intervals; default 1000)"
    )
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    p.set_defaults(handler=_evaluate)


def _evaluate(args: argparse.Namespace) -> int:
    from pipeline.evaluate import EvalInputError, evaluate
    from pipeline.evaluate.documents import (
        from_json,
        load_gold,
        match_predictions,
        read_json_documents,
        read_ranges,
        restrict,
    )
    from pipeline.evaluate.words import load_tag_map

    try:
        gold = load_gold(args.gold, args.gold_format)
        if args.run:
            from pipeline.evaluate.run import annotate_gold

            pred = annotate_gold(gold, args.vi_config, dict(args.overrides))
        else:
            pred = match_predictions(gold, [from_json(doc, where) for doc, where in read_json_documents(args.pred)])
        if args.within or args.outside:
            restrict(gold, pred, read_ranges(args.within or args.outside), inside=bool(args.within))
        xpos_map = load_tag_map(args.xpos_map)
        result = evaluate(gold, pred, args.task, resamples=args.resamples, seed=args.seed, xpos_map=xpos_map)
        if "xpos" in result["tasks"].get("pos", {}) and not xpos_map and gold[0].path.endswith(".conllu"):
            result["notes"].append(
                "XPOS compared as written; UD treebanks use their own native tags "
                "(VTB: NNP, PRE, ...), not VLSP's: for VTB gold add --xpos-map vtb"
            )
    except (EvalInputError, ValueError, OSError) as exc:
        print(f"songngu evaluate: {exc}", file=sys.stderr)
        return 2
    if args.run:
        settings = [f"{k}={v}" for k, v in args.overrides] + ([f"config {args.vi_config}"] if args.vi_config else [])
        pred_name = "songngu pipeline run on the gold text" + (f" ({', '.join(settings)})" if settings else "")
    else:
        pred_name = str(args.pred)
    result = {"gold": str(args.gold), "pred": pred_name, **result}
    if args.within or args.outside:
        result["subset"] = f"{'within' if args.within else 'outside'} {args.within or args.outside}"
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from pipeline.evaluate.report import print_tables

        print_tables(result)
    if args.report:
        from pipeline.evaluate.report import render_html

        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(render_html(result), encoding="utf-8")
        print(f"report written to {args.report}", file=sys.stderr)
    return 0

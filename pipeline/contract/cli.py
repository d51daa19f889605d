"""``songngu schema`` and ``songngu validate``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(commands, train) -> None:
    p = commands.add_parser("schema", help="print the JSON Schema of an annotated document")
    p.set_defaults(handler=_schema)
    p = commands.add_parser(
        "validate",
        help="check annotated JSON files against the contract",
        description="Check annotated documents against the contract: .json files, the JSON-lines shards of "
        "`songngu annotate --output-format jsonl` (each line a document), or folders searched recursively for both.",
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.set_defaults(handler=_validate)


def _schema(args: argparse.Namespace) -> int:
    from pipeline.contract import schema

    json.dump(schema(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from pipeline.contract import problems
    from pipeline.io.files import annotated_files, read_annotated

    checked = failed = 0
    for arg in args.files:
        files = annotated_files(arg)
        if not files:
            print(f"{arg}: no JSON files (.json, .jsonl) in it", file=sys.stderr)
            checked += 1
            failed += 1
        for path in files:
            for where, doc, why_not in read_annotated(path):
                checked += 1
                if why_not is not None:
                    print(f"{where}: cannot read: {why_not}", file=sys.stderr)
                    failed += 1
                    continue
                found = problems(doc)
                for problem in found:
                    print(f"{where}: {problem}", file=sys.stderr)
                failed += bool(found)
    print(f"{checked - failed}/{checked} valid", file=sys.stderr)
    return 1 if failed else 0

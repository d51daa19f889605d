"""``songngu schema`` and ``songngu validate``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(commands, train) -> None:
    p = commands.add_parser("schema", help="print the JSON Schema of an annotated document")
    p.set_defaults(handler=_schema)
    p = commands.add_parser("validate", help="check annotated JSON files against the contract")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.set_defaults(handler=_validate)


def _schema(args: argparse.Namespace) -> int:
    from pipeline.contract import schema

    json.dump(schema(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from pipeline.contract import problems

    failed = 0
    for path in args.files:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            print(f"{path}: cannot read: {exc}", file=sys.stderr)
            failed += 1
            continue
        found = problems(doc)
        for problem in found:
            print(f"{path}: {problem}", file=sys.stderr)
        failed += bool(found)
    print(f"{len(args.files) - failed}/{len(args.files)} valid", file=sys.stderr)
    return 1 if failed else 0

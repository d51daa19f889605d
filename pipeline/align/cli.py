"""``songngu align``: (re)align the English layer of existing annotated JSON files.

For annotations made elsewhere and converted to our JSON, or made with another
word aligner: the Vietnamese and English layers are kept, projected English
entities and events are recomputed, and ``alignments`` is replaced.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.cli.options import add_word_aligner_options


def register(commands, train) -> None:
    p = commands.add_parser(
        "align",
        help="(re)align the English layer of annotated JSON files",
        description="Align the Vietnamese and English layers of annotated JSON files (ours, e.g. from "
        "`songngu annotate`) and write the results to OUTDIR. Files without an English layer are skipped.",
    )
    p.add_argument("inputs", nargs="+", metavar="JSON", help="annotated JSON file or directory of them")
    p.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="where the realigned files go")
    add_word_aligner_options(p)
    p.set_defaults(handler=_run)


def _files(inputs: list[str]) -> list[tuple[Path, Path | None]]:
    """(file, path of its output relative to OUTDIR) for every annotated file named or found.

    A ``.jsonl`` shard (``songngu annotate --output-format jsonl``) holds many documents:
    its relative path is None, and each document goes to ``OUTDIR/<id>.json``.
    """
    from pipeline.io.files import annotated_files

    out: list[tuple[Path, Path | None]] = []
    for name in inputs:
        path = Path(name)
        for file in annotated_files(path):
            if file.suffix == ".jsonl":
                out.append((file, None))
            else:
                out.append((file, file.relative_to(path) if path.is_dir() else Path(path.name)))
    return out


def _run(args: argparse.Namespace) -> int:
    from pipeline.align import AlignOptions, align, components
    from pipeline.contract import ContractError, validate
    from pipeline.errors import ModelUnavailable
    from pipeline.io.files import read_annotated, write_atomic
    from pipeline.io.jsondoc import dumps

    options = AlignOptions(word_aligner=args.word_aligner, encoder=args.encoder)
    try:
        record = components(options)
    except (ModelUnavailable, ValueError) as exc:
        print(f"songngu: error: {exc}", file=sys.stderr)
        return 2
    failed = aligned = skipped = 0
    found = _files(args.inputs)
    for name in args.inputs:
        if Path(name).is_dir() and not any(Path(file).is_relative_to(name) for file, _ in found):
            print(f"songngu: error: {name}: no JSON files (.json, .jsonl) in it", file=sys.stderr)
            failed += 1
    for path, relative in found:
        for where, doc, why_not in read_annotated(path):
            try:
                if why_not is not None:
                    raise ValueError(why_not)
                validate(doc)
            except (ValueError, ContractError) as exc:
                print(f"songngu: error: {where}: {exc}", file=sys.stderr)
                failed += 1
                continue
            if doc["en"] is None:
                print(f"songngu: {where}: no English layer, skipped", file=sys.stderr)
                skipped += 1
                continue
            doc["en"], doc["alignments"] = align(doc["vi"], doc["en"], options)
            others = [c for c in doc["pipeline"]["components"] if c["name"] != "align"]
            doc["pipeline"]["components"] = others + record
            # The file no longer is what `songngu annotate` made with its options: a later
            # annotate into the same folder must redo it rather than skip it.
            doc["pipeline"].pop("options_hash", None)
            target = relative if relative is not None else Path(f"{doc['id']}.json")
            write_atomic(Path(args.output) / target, dumps(validate(doc)))
            aligned += 1
    print(f"songngu: {aligned} aligned, {skipped} without English, {failed} failed", file=sys.stderr)
    return 1 if failed else 0

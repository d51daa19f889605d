"""``songngu export`` and ``songngu import``: our annotated JSON to the formats of research tools, and back."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline.io.files import annotated_files, file_name_key, read_annotated

FORMATS = {
    "brat": "brat standoff: OUTDIR/<id>.txt + .ann, annotation.conf, visual.conf",
    "conll": "CoNLL-2003/VLSP columns (word, POS, chunk, BIO NER; spaces in words written _): OUTDIR/<id>.conll",
    "conllu": "CoNLL-U (UD VTB words, XPOS, UPOS, NE= and SpaceAfter in MISC): OUTDIR/<id>.conllu",
    "spacy": "spaCy DocBin: OUTDIR/corpus.spacy",
    "labelstudio": "Label Studio import: OUTDIR/tasks.json + OUTDIR/config.xml",
    "xmi": "UIMA CAS XMI for INCEpTION: OUTDIR/<id>.xmi + OUTDIR/TypeSystem.xml",
    "parquet": "Parquet tables for corpus analysis (both layers; needs the parquet extra): OUTDIR/<table>.parquet",
}


def register(commands, train) -> None:
    p = commands.add_parser(
        "export",
        help="convert annotated JSON to brat, CoNLL, CoNLL-U, spaCy, Label Studio, UIMA XMI or Parquet tables",
        description="Convert annotated JSON files (or folders of them) for a research tool. "
        "Formats: " + "; ".join(f"{k}: {v}" for k, v in FORMATS.items()) + ".",
    )
    p.add_argument("--to", required=True, choices=sorted(FORMATS), help="output format")
    p.add_argument(
        "inputs",
        nargs="+",
        type=Path,
        metavar="ANNOTATED",
        help="annotated JSON files, JSON-lines shards (annotate --output-format jsonl), or folders searched "
        "recursively for both",
    )
    p.add_argument("-o", "--output", required=True, type=Path, metavar="OUTDIR")
    p.add_argument("--lang", choices=("vi", "en"), default="vi", help="which layer to export (default: vi)")
    p.add_argument(
        "--word-sep",
        choices=("_", "space"),
        default="_",
        help="conll only: how the spaces inside a word are written: '_' (VLSP's Liên_bang, the default: "
        "every line has four columns for any reader) or 'space' (Liên bang; only tab-splitting readers)",
    )
    p.set_defaults(handler=_export)

    p = commands.add_parser(
        "import",
        help="read corrected annotations back from brat, INCEpTION (XMI), Label Studio, CoNLL or CoNLL-U",
        description="Turn what a research tool wrote back into annotated JSON (OUTDIR/<id>.json): brat "
        "standoff folders, INCEpTION's UIMA CAS XMI (with the type system beside it), a Label Studio JSON "
        "export, CoNLL-2003/VLSP columns, CoNLL-U with NE= tags. With --base, the JSON the export was made "
        "from supplies what the format does not hold (words, POS, English, alignments; for CoNLL and "
        "CoNLL-U also events, OTHER arguments and values) and its text must be the tool's.",
    )
    p.add_argument("--from", dest="fmt", required=True, choices=("brat", "xmi", "labelstudio", "conll", "conllu"))
    p.add_argument("inputs", nargs="+", type=Path, metavar="PATH", help="files, or folders searched recursively")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="OUTDIR")
    p.add_argument(
        "--base",
        type=Path,
        metavar="ANNOTATED",
        help="the annotated JSON (file or folder) the export was made from, matched by document id",
    )
    p.add_argument("--lang", choices=("vi", "en"), default="vi", help="which layer the files hold (default: vi)")
    p.add_argument(
        "--predictions",
        action="store_true",
        help="labelstudio only: a task with no annotation is read from its prediction (what songngu export wrote, "
        "or the model's reading of a task nobody reviewed) instead of being left out",
    )
    p.set_defaults(handler=_import)


def _annotated_files(inputs: list[Path], output: Path) -> Iterator[Path]:
    """The annotated files named or found; a folder's walk skips the export's own OUTDIR inside it.

    ``songngu export --to labelstudio annotations/ -o annotations/ls`` wrote ``tasks.json`` (and
    ``--to xmi`` its ``inception/*.json``) where the next export of ``annotations/`` read them as
    documents that break the contract, as annotate skips its own output folder when walking.
    """
    out = output.resolve()
    for path in inputs:
        inside = path.is_dir() and out != path.resolve() and out.is_relative_to(path.resolve())
        for file in annotated_files(path):
            if not (inside and file.resolve().is_relative_to(out)):
                yield file


def _load(paths: list[Path], lang: str, report) -> Iterator[dict[str, Any]]:
    """The documents that satisfy the contract and have the layer; each other file or line is reported and skipped.

    ``paths`` are ``.json`` files, or the ``.jsonl`` shards of ``songngu annotate --output-format jsonl``.
    """
    from pipeline.contract import problems

    # A document id names the document's files (brat, CoNLL, XMI) and its task, rows or Doc in
    # the others: a second document of an id (two output folders given, both with a "doc1";
    # ids that differ only in case or Unicode normalisation, which collide on macOS and
    # Windows: file_name_key) would overwrite the first's files or be confused with it, so it is
    # reported and skipped as annotate does.
    seen: dict[str, str] = {}
    for path in paths:
        for where, doc, why_not in read_annotated(path):
            if why_not is not None:
                report(where, f"cannot read: {why_not}")
                continue
            if not isinstance(doc, dict):
                report(where, "not an annotated document (the JSON is not an object)")
                continue
            found = problems(doc)
            if found:
                more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
                report(where, f"breaks the contract: {found[0]}{more}")
                continue
            if doc.get(lang) is None:
                report(where, f"has no {lang!r} layer")
                continue
            key = file_name_key(doc["id"])
            if key in seen:
                report(where, f"document {doc['id']!r} has the id of {seen[key]} (ids name the exported files)")
                continue
            seen[key] = where
            yield doc


def _export(args: argparse.Namespace) -> int:
    failed: list[str] = []

    def report(path: str, message: str) -> None:
        failed.append(path)
        print(f"{path}: {message}; skipped", file=sys.stderr)

    files = list(_annotated_files(args.inputs, args.output))
    if not files:
        print(f"songngu export: no JSON files (.json, .jsonl) in {', '.join(map(str, args.inputs))}", file=sys.stderr)
        return 1
    docs = _load(files, args.lang, report)
    out: Path = args.output
    out.mkdir(parents=True, exist_ok=True)
    dropped: dict[str, int] = {}
    n = 0

    if args.to == "brat":
        from pipeline.io.brat import write_brat

        for doc in docs:
            write_brat(doc, out, layer=args.lang)
            n += 1
    elif args.to in ("conll", "conllu"):
        if args.to == "conll":
            from pipeline.io.conll import write_conll as write
        else:
            from pipeline.io.conllu import write_conllu as write
        for doc in docs:
            path = out / f"{doc['id']}.{args.to}"
            path.parent.mkdir(parents=True, exist_ok=True)
            options = {"word_sep": "_" if args.word_sep == "_" else " "} if args.to == "conll" else {}
            lost = write(doc, path, layer=args.lang, **options)
            if lost:
                dropped[doc["id"]] = len(lost)
            n += 1
    elif args.to == "spacy":
        from pipeline.io.docbin import write_docbin

        n = write_docbin(docs, out / "corpus.spacy", layer=args.lang, not_in_ents=dropped)
    elif args.to == "labelstudio":
        from pipeline.io.labelstudio import write_labelstudio

        n = write_labelstudio(docs, out, layer=args.lang)
    elif args.to == "xmi":
        from pipeline.io.xmi import write_xmi

        n = write_xmi(docs, out, layer=args.lang)
    elif args.to == "parquet":
        from pipeline.io.parquet import write_parquet

        try:
            n = write_parquet(docs, out)
        except RuntimeError as exc:
            print(f"songngu export: {exc}", file=sys.stderr)
            return 2

    where = "in doc.ents (all are in doc.spans['entities'])" if args.to == "spacy" else "in BIO tags"
    for doc_id, count in dropped.items():
        print(
            f"{doc_id}: {count} overlapping or off-token entities not representable {where} (kept the outermost)",
            file=sys.stderr,
        )
    print(
        f"exported {n} document(s) to {out} as {args.to}" + (f"; {len(failed)} input(s) skipped" if failed else ""),
        file=sys.stderr,
    )
    return 1 if failed else 0


def _import(args: argparse.Namespace) -> int:
    from pipeline.io.files import write_atomic
    from pipeline.io.importing import read_base, read_tool_file, to_document, tool_files
    from pipeline.io.jsondoc import dumps
    from pipeline.io.tooldoc import ToolFileError

    if args.predictions and args.fmt != "labelstudio":
        print(
            "songngu import: --predictions is for --from labelstudio (the other formats hold no predictions)",
            file=sys.stderr,
        )
        return 2
    failures = written = 0
    try:
        bases = read_base(args.base) if args.base is not None else None
    except ToolFileError as exc:
        print(f"songngu import: {exc}", file=sys.stderr)
        return 2
    # Each document's output file, by its id as macOS and Windows read it (file_name_key): a second document
    # with the same id (a task imported twice into Label Studio, two folders given) would
    # overwrite the first one's file.
    seen: dict[str, str] = {}
    for path in args.inputs:
        try:
            files = tool_files(args.fmt, path)
        except ToolFileError as exc:
            print(f"songngu import: {exc}", file=sys.stderr)
            failures += 1
            continue
        for file, doc_id in files:
            try:
                tools = read_tool_file(args.fmt, file, doc_id, path, predictions=args.predictions)
            except ToolFileError as exc:
                print(f"songngu import: {exc}; skipped", file=sys.stderr)
                failures += 1
                continue
            # One file may hold many documents (a Label Studio export, a CoNLL file with
            # -DOCSTART- lines): a document that fails is skipped alone, the others are imported.
            for tool in tools:
                try:
                    for warning in tool.warnings:
                        print(f"songngu import: {warning}", file=sys.stderr)
                    if tool.error is not None:
                        raise ToolFileError(tool.error)
                    base = None
                    if bases is not None:
                        if tool.id not in bases:
                            raise ToolFileError(
                                f"{tool.path}: document {tool.id}: no document with this id in {args.base}"
                            )
                        base = bases[tool.id][0]
                    doc = to_document(tool, base, args.lang)
                    key = file_name_key(doc["id"])
                    if key in seen:
                        raise ToolFileError(
                            f"{tool.path}: document {doc['id']}: the same id as a document of {seen[key]}, "
                            "whose output file it would overwrite"
                        )
                    seen[key] = tool.path
                    write_atomic(args.output / f"{doc['id']}.json", dumps(doc))
                    written += 1
                except ToolFileError as exc:
                    print(f"songngu import: {exc}; skipped", file=sys.stderr)
                    failures += 1
    print(
        f"imported {written} document(s) into {args.output}" + (f"; {failures} failure(s)" if failures else ""),
        file=sys.stderr,
    )
    return 1 if failures or not written else 0

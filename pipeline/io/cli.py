"""``songngu export``: our annotated JSON to the formats of research tools."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

FORMATS = {
    "brat": "brat standoff: OUTDIR/<id>.txt + .ann, annotation.conf, visual.conf",
    "conll": "CoNLL-2003/VLSP columns (word, POS, chunk, BIO NER; spaces in words written _): OUTDIR/<id>.conll",
    "conllu": "CoNLL-U (UD VTB words, XPOS, UPOS, NE= and SpaceAfter in MISC): OUTDIR/<id>.conllu",
    "spacy": "spaCy DocBin: OUTDIR/corpus.spacy",
    "labelstudio": "Label Studio import: OUTDIR/tasks.json + OUTDIR/config.xml",
    "xmi": "UIMA CAS XMI for INCEpTION: OUTDIR/<id>.xmi + OUTDIR/TypeSystem.xml",
}


def register(commands, train) -> None:
    p = commands.add_parser(
        "export",
        help="convert annotated JSON to brat, CoNLL, CoNLL-U, spaCy, Label Studio or UIMA XMI",
        description="Convert annotated JSON files (or folders of them) for a research tool. "
        "Formats: " + "; ".join(f"{k}: {v}" for k, v in FORMATS.items()) + ".",
    )
    p.add_argument("--to", required=True, choices=sorted(FORMATS), help="output format")
    p.add_argument(
        "inputs",
        nargs="+",
        type=Path,
        metavar="ANNOTATED",
        help="annotated JSON files, or folders searched recursively for *.json",
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


def _json_files(inputs: list[Path]) -> Iterator[Path]:
    for path in inputs:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.json") if p.is_file())
        else:
            yield path


def _load(paths: list[Path], lang: str, report) -> Iterator[dict[str, Any]]:
    """The documents that satisfy the contract and have the layer; each other file is reported and skipped."""
    from pipeline.contract import problems

    for path in paths:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            report(path, f"cannot read: {exc}")
            continue
        if not isinstance(doc, dict):
            report(path, "not an annotated document (the JSON is not an object)")
            continue
        found = problems(doc)
        if found:
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            report(path, f"breaks the contract: {found[0]}{more}")
            continue
        if doc.get(lang) is None:
            report(path, f"has no {lang!r} layer")
            continue
        yield doc


def _export(args: argparse.Namespace) -> int:
    failed: list[Path] = []

    def report(path: Path, message: str) -> None:
        failed.append(path)
        print(f"{path}: {message}; skipped", file=sys.stderr)

    files = list(_json_files(args.inputs))
    if not files:
        print(f"songngu export: no JSON files in {', '.join(map(str, args.inputs))}", file=sys.stderr)
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

        n = write_docbin(docs, out / "corpus.spacy", layer=args.lang)
    elif args.to == "labelstudio":
        from pipeline.io.labelstudio import write_labelstudio

        n = write_labelstudio(docs, out, layer=args.lang)
    elif args.to == "xmi":
        from pipeline.io.xmi import write_xmi

        n = write_xmi(docs, out, layer=args.lang)

    for doc_id, count in dropped.items():
        print(
            f"{doc_id}: {count} overlapping or off-token entities not representable in BIO tags (kept the outermost)",
            file=sys.stderr,
        )
    print(
        f"exported {n} document(s) to {out} as {args.to}" + (f"; {len(failed)} input(s) skipped" if failed else ""),
        file=sys.stderr,
    )
    return 1 if failed else 0

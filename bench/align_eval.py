"""Entity- and sentence-alignment scores against the alignment gold (corpus/gold/align/<split>/).

    python bench/align_eval.py corpus/gold/align/seed [--word-aligner lexical] [--json]

For every document of the split (``X.txt`` + ``X.ann``, ``X.en.txt`` + ``X.en.ann``,
``X.links.tsv``, ``X.sentences.tsv``), the Vietnamese pipeline and the English
layer are run on the gold texts and :func:`pipeline.align.align` links them.
Three settings isolate the parts:

``gold-entities``  both sides carry the gold entities: scores the linking alone
``gold-vi``        gold Vietnamese entities, spaCy's English entities (+ projection)
``pipeline``       the pipeline's Vietnamese NER and spaCy's English NER, end to end

An entity link counts as correct when both of its spans equal a gold link's
spans exactly (``pipeline.evaluate.spans.prf`` over ``(vi_start, vi_end,
en_start, en_end)``); gold rows with an empty side are links to nothing and are
not counted as links.

Sentence alignment: a gold group counts as found when one predicted link covers
exactly its Vietnamese and its English character range, with the pipeline's own
sentence splitting (``pipeline-sentences``) and with the gold sentences given to
the aligner (``gold-sentences``), which isolates the aligner from the splitters.

Files under ``corpus/gold/**/heldout/`` are for final figures only: run this
script on them once, after the aligner is frozen.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.align import AlignOptions, align  # noqa: E402
from pipeline.en import english_layer  # noqa: E402
from pipeline.evaluate.spans import Score, prf  # noqa: E402
from pipeline.io.brat import read_brat  # noqa: E402
from pipeline.io.jsondoc import layer_from_doc  # noqa: E402


def _gold_entities(path: Path) -> list[dict]:
    doc = read_brat(path)
    out = []
    for i, ent in enumerate(sorted(doc.entities, key=lambda e: (e.start, e.end, e.label)), start=1):
        record = {
            "id": f"T{i}",
            "start": ent.start,
            "end": ent.end,
            "label": ent.label,
            "text": doc.text[ent.start : ent.end],
            "source": "gold",
        }
        if ent.value is not None:
            record["value"] = _value(ent.value)
        out.append(record)
    return out


def _value(text: str):
    try:
        number = float(text)
        return int(number) if number.is_integer() else number
    except ValueError:
        return text


def _gold_links(path: Path) -> set[tuple[int, int, int, int]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return {
        (int(r["vi_start"]), int(r["vi_end"]), int(r["en_start"]), int(r["en_end"]))
        for r in rows
        if r["vi_start"] and r["en_start"]
    }


def _gold_groups(path: Path) -> list[tuple[tuple[int, int] | None, tuple[int, int] | None]]:
    def span(cell: str):
        if not cell.strip():
            return None
        parts = [tuple(map(int, p.split("-"))) for p in cell.split()]
        return parts[0][0], parts[-1][1]

    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(span(r["vi_offsets"]), span(r["en_offsets"])) for r in rows]


def _gold_sentence_offsets(path: Path) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    vi, en = [], []
    with path.open(encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            vi += [tuple(map(int, p.split("-"))) for p in r["vi_offsets"].split()]
            en += [tuple(map(int, p.split("-"))) for p in r["en_offsets"].split()]
    return sorted(vi), sorted(en)


def _with_sentences(layer: dict, offsets: list[tuple[int, int]]) -> dict:
    tokens = [{k: v for k, v in t.items() if k != "sentence"} for t in layer["tokens"]]
    return {**layer, "tokens": tokens, "sentences": [{"start": s, "end": e} for s, e in offsets]}


def _predicted_links(vi: dict, en: dict, alignments: dict) -> set[tuple[int, int, int, int]]:
    # OTHER spans are event arguments, not named entities: the gold links none of them.
    vi_by_id = {e["id"]: e for e in vi["entities"] if e["label"] != "OTHER"}
    en_by_id = {e["id"]: e for e in en["entities"]}
    return {
        (
            vi_by_id[link["vi"]]["start"],
            vi_by_id[link["vi"]]["end"],
            en_by_id[link["en"]]["start"],
            en_by_id[link["en"]]["end"],
        )
        for link in alignments["entities"]
        if link["en"] is not None and link["vi"] in vi_by_id
    }


def _group_spans(vi: dict, en: dict, alignments: dict) -> set[tuple]:
    out = set()
    for link in alignments["sentences"]:
        v = (vi["sentences"][link["vi"][0]]["start"], vi["sentences"][link["vi"][-1]]["end"]) if link["vi"] else None
        e = (en["sentences"][link["en"][0]]["start"], en["sentences"][link["en"][-1]]["end"]) if link["en"] else None
        out.add((v, e))
    return out


def evaluate_split(split: Path, options: AlignOptions, show_errors: str | None = None) -> dict:
    from pipeline.annotator import Annotator

    annotator = Annotator()
    totals: dict[str, Score] = {}
    sentences = {"pipeline-sentences": [0, 0, 0], "gold-sentences": [0, 0, 0]}  # found, gold, predicted
    flagged_types = 0
    documents = sorted(p for p in split.glob("*.txt") if not p.name.endswith(".en.txt"))
    for vi_txt in documents:
        stem = vi_txt.with_suffix("")
        en_stem = stem.with_name(stem.name + ".en")
        vi_text = vi_txt.read_text(encoding="utf-8")
        en_text = Path(str(en_stem) + ".txt").read_text(encoding="utf-8")
        vi_pipeline = layer_from_doc(annotator.vi(vi_text), "vi")
        en_pipeline = english_layer(vi_pipeline, en_text)
        gold_vi, gold_en = _gold_entities(stem), _gold_entities(en_stem)
        gold = _gold_links(Path(str(stem) + ".links.tsv"))
        settings = {
            "gold-entities": ({**vi_pipeline, "entities": gold_vi, "events": []}, {**en_pipeline, "entities": gold_en}),
            "gold-vi": ({**vi_pipeline, "entities": gold_vi, "events": []}, en_pipeline),
            "pipeline": ({**vi_pipeline, "events": []}, en_pipeline),
        }
        for name, (vi_layer, en_layer) in settings.items():
            new_en, alignments = align(vi_layer, en_layer, options)
            predicted = _predicted_links(vi_layer, new_en, alignments)
            totals[name] = totals.get(name, Score(0, 0, 0)) + prf(gold, predicted)
            if name == "gold-entities":
                flagged_types += sum("type-disagreement" in link.get("flags", ()) for link in alignments["entities"])
            if show_errors == name:
                for miss in sorted(gold - predicted):
                    print(f"  missed {vi_text[miss[0] : miss[1]]!r} -> {en_text[miss[2] : miss[3]]!r}", file=sys.stderr)
                for extra in sorted(predicted - gold):
                    print(
                        f"  wrong  {vi_text[extra[0] : extra[1]]!r} -> {en_text[extra[2] : extra[3]]!r}",
                        file=sys.stderr,
                    )
        groups = set(_gold_groups(Path(str(stem) + ".sentences.tsv")))
        gold_vi_sents, gold_en_sents = _gold_sentence_offsets(Path(str(stem) + ".sentences.tsv"))
        for name, (vi_layer, en_layer) in {
            "pipeline-sentences": (vi_pipeline, en_pipeline),
            "gold-sentences": (
                _with_sentences(vi_pipeline, gold_vi_sents),
                _with_sentences(en_pipeline, gold_en_sents),
            ),
        }.items():
            _, alignments = align({**vi_layer, "entities": [], "events": []}, {**en_layer, "entities": []}, options)
            found = _group_spans(vi_layer, en_layer, alignments)
            sentences[name][0] += len(groups & found)
            sentences[name][1] += len(groups)
            sentences[name][2] += len(found)
    report = {
        "split": str(split),
        "documents": len(documents),
        "word_aligner": options.word_aligner,
        "entities": {k: v.as_dict() for k, v in totals.items()},
        "type_disagreements_flagged_on_gold_entities": flagged_types,
        "sentences": {
            k: {
                "correct_groups": f,
                "gold_groups": g,
                "predicted_groups": p,
                "recall": f / g if g else 0.0,
                "precision": f / p if p else 0.0,
            }
            for k, (f, g, p) in sentences.items()
        },
    }
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("split", type=Path, help="e.g. corpus/gold/align/seed")
    parser.add_argument("--word-aligner", default="lexical", choices=("lexical", "embedding"))
    parser.add_argument("--encoder", help="encoder for the embedding aligner (local directory)")
    parser.add_argument("--errors", metavar="SETTING", help="list missed and wrong links of one setting on stderr")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args()
    report = evaluate_split(args.split, AlignOptions(word_aligner=args.word_aligner, encoder=args.encoder), args.errors)
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    print(f"{report['split']}: {report['documents']} document(s), word aligner {report['word_aligner']}")
    for name, s in report["entities"].items():
        print(
            f"  entities {name:14s} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  (tp {s['tp']}, fp {s['fp']}, fn {s['fn']})"
        )
    for name, s in report["sentences"].items():
        print(
            f"  sentences {name:18s} {s['correct_groups']}/{s['gold_groups']} gold groups found "
            f"(recall {s['recall']:.3f}, precision {s['precision']:.3f})"
        )
    print(f"  type disagreements flagged (gold entities): {report['type_disagreements_flagged_on_gold_entities']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

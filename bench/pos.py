"""Universal POS on UD Vietnamese-VTB dev: the majority table against the CRF, on gold words and end to end.

    python bench/pos.py [--dev FILE] [--model DIR] [--speed-sentences 300]

Three tables:

1. gold words: each dev sentence's gold words are tagged by underthesea's
   VLSP CRF, then mapped to UPOS by the table and by the CRF; accuracy over
   all words, and for the function words the table cannot get right;
2. end to end, scored by :mod:`pipeline.evaluate` exactly as
   ``songngu evaluate --gold DEV --run --task pos`` scores it: the pipeline
   (default config: its segmenter, then the tagger) annotates the dev text; a
   predicted word counts when its span and its UPOS both match a gold word's
   (precision, recall, F1; CoNLL 2018's "UPOS" figure). The table's figure
   comes from the same run, mapping each word's VLSP tag, so segmentation and
   VLSP tags are identical for both;
3. speed, as ratios of CPU times measured in this run (best of 3): the UPOS step alone
   (table, CRF) against underthesea's VLSP tagger on the same gold words, and
   the CRF step against the whole pipeline (with ``upos = "table"``) on the
   first ``--speed-sentences`` sentences: what the CRF adds.

UD Vietnamese-VTB is CC BY-SA 4.0 (https://universaldependencies.org/treebanks/vi_vtb/).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.timing import best_of  # noqa: E402
from pipeline import vtb_file  # noqa: E402

DEV = vtb_file("dev")  # $SONGNGU_DATA/ud-vietnamese-vtb/
FUNCTION_WORDS = ("được", "bị", "là", "thì", "mà", "nhưng", "và", "có", "ra", "lại")


def main() -> None:
    from dataclasses import replace

    from rich.console import Console
    from rich.table import Table

    from pipeline.evaluate import evaluate
    from pipeline.evaluate.documents import load_gold
    from pipeline.evaluate.run import annotate_gold
    from pipeline.io.conllu import read_conllu
    from pipeline.vi import load_vi, underthesea_models
    from pipeline.vi.upos import read_gold
    from pipeline.vi.upos.crf import CrfUposTagger
    from pipeline.vi.upos.table import TableMapper

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "upos", help="CRF model directory")
    parser.add_argument("--speed-sentences", type=int, default=300, metavar="N")
    args = parser.parse_args()
    console = Console()

    table, crf = TableMapper(), CrfUposTagger.load(args.model)
    mappers = {"table": table, "crf": crf}

    # 1. gold words
    dev = read_gold(args.dev)
    right, by_word = Counter(), {m: Counter() for m in mappers}
    word_total, total = Counter(), 0
    for s in dev:
        total += len(s.words)
        for name, mapper in mappers.items():
            for w, p, g in zip(s.words, mapper.tag(s.words, s.vlsp), s.upos):
                right[name] += p == g
                if w.lower() in FUNCTION_WORDS:
                    by_word[name][w.lower()] += p == g
        for w in s.words:
            word_total[w.lower()] += 1
    t1 = Table(title=f"UPOS accuracy on gold words, {args.dev.name} ({len(dev)} sentences)")
    t1.add_column("words")
    t1.add_column("n", justify="right")
    for name in mappers:
        t1.add_column(f"{name} ({mappers[name].meta['model']})", justify="right")
    t1.add_row("all", str(total), *(f"{right[m] / total:.2%} ({right[m]})" for m in mappers))
    for w in FUNCTION_WORDS:
        n = word_total[w]
        t1.add_row(w, str(n), *(f"{by_word[m][w] / n:.1%}" if n else "-" for m in mappers))
    console.print(t1)

    # 2. end to end, scored by pipeline.evaluate (what `songngu evaluate --run --task pos` prints)
    gold = load_gold(args.dev, "conllu")
    overrides = {"components.tagger.upos": str(args.model)}
    predicted = {"crf": annotate_gold(gold, overrides=overrides)}
    # The table's figure from the same run: same words, same VLSP tags (XPOS), mapped.
    predicted["table"] = [
        replace(d, vi=replace(d.vi, words=[replace(w, upos=table.table.get(w.xpos, "X")) for w in d.vi.words]))
        for d in predicted["crf"]
    ]
    segmenter = load_vi(overrides=overrides).config["nlp"]["tokenizer"]["segmenter"]
    t2 = Table(
        title=f"End to end (segmenter {segmenter!r} + tagger), {args.dev.name}: a word counts when "
        "its span and its UPOS match"
    )
    for col in ("", "P", "R", "F1", "tp", "pred", "gold", "acc. projected*"):
        t2.add_column(col, justify="right" if col else "left")
    for i, (name, pred) in enumerate(predicted.items()):
        tasks = evaluate(gold, pred, ["ws", "pos"], resamples=0)["tasks"]
        rows = [("words", tasks["ws"]["words"])] if i == 0 else []
        upos = tasks["pos"]["upos"]
        rows.append((f"UPOS, {name}", upos["end_to_end"]))
        for label, fig in rows:
            t2.add_row(
                label,
                f"{fig['precision']:.2%}",
                f"{fig['recall']:.2%}",
                f"{fig['f1']:.2%}",
                str(fig["tp"]),
                str(fig["tp"] + fig["fp"]),
                str(fig["tp"] + fig["fn"]),
                f"{upos['accuracy']['accuracy']:.2%}" if label.startswith("UPOS") else "",
            )
    console.print(t2)
    console.print(
        "* each gold word scored with the UPOS of the predicted word overlapping it most "
        "(pipeline.evaluate's 'accuracy'; not the gold-word accuracy of the first table)"
    )

    # 3. speed
    words = [(s.words, s.vlsp) for s in dev]
    vlsp_time = best_of(3, lambda: [underthesea_models.pos_tags(list(w)) for w, _ in words])
    t3 = Table(title="Speed (ratios of CPU time measured in this run, best of 3)")
    t3.add_column("what")
    t3.add_column("time ratio", justify="right")
    for name, mapper in mappers.items():
        seconds = best_of(3, lambda mapper=mapper: [mapper.tag(w, v) for w, v in words])
        t3.add_row(f"UPOS step, {name} / underthesea's VLSP tagging ({total} gold words)", f"{seconds / vlsp_time:.3f}")
    # The cost against the table is the CRF step itself (the table costs nothing):
    # timed alone, it is stable, where the difference of two whole-pipeline
    # timings on a shared machine is not (it varied by +-30% between runs).
    texts = [s.text for s in read_conllu(args.dev)][: args.speed_sentences]
    nlp_table = load_vi(overrides={"components.tagger.upos": "table"})
    list(nlp_table.pipe(texts[:5]))  # warm-up: load underthesea's models
    pipeline_time = best_of(3, lambda: list(nlp_table.pipe(texts)))
    crf_step = best_of(3, lambda: [crf.tag(w, v) for w, v in words[: len(texts)]])
    t3.add_row(
        f"UPOS step, crf / whole pipeline with upos=table ({len(texts)} sentences)", f"{crf_step / pipeline_time:.3f}"
    )
    console.print(t3)


if __name__ == "__main__":
    main()

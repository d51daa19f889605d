"""Universal POS on UD Vietnamese-VTB dev: the majority table against the CRF, on gold words and end to end.

    python bench/pos.py [--dev FILE] [--model DIR] [--speed-sentences 300]

Three tables:

1. gold words: each dev sentence's gold words are tagged by underthesea's
   VLSP CRF, then mapped to UPOS by the table and by the CRF; accuracy over
   all words, and for the function words the table cannot get right;
2. end to end: the pipeline (default config: its segmenter, then the tagger)
   runs on each sentence's ``# text``; a predicted word counts when its span
   (code-point offsets in the sentence) and its UPOS both match a gold word's
   (precision, recall, F1; CoNLL 2018's "UPOS" figure). The table's figure
   comes from the same run, mapping each word's VLSP tag, so segmentation and
   VLSP tags are identical for both;
3. speed, as ratios measured in this run (best of 3): the UPOS step alone
   (table, CRF) against underthesea's VLSP tagger on the same gold words, and
   the whole pipeline with ``upos = "table"`` against ``upos = "crf"`` on the
   first ``--speed-sentences`` sentences.

UD Vietnamese-VTB is CC BY-SA 4.0 (https://universaldependencies.org/treebanks/vi_vtb/).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEV = ROOT.parent / "shared" / "data" / "ud-vietnamese-vtb" / "vi_vtb-ud-dev.conllu"
FUNCTION_WORDS = ("được", "bị", "là", "thì", "mà", "nhưng", "và", "có", "ra", "lại")


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    from rich.console import Console
    from rich.table import Table

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

    # 2. end to end
    sentences = list(read_conllu(args.dev))
    nlp = load_vi(overrides={"components.tagger.upos": str(args.model)})
    gold_words = 0
    gold_spans, tp_seg = 0, 0
    tp, n_pred = Counter(), 0
    for sent, doc in zip(sentences, nlp.pipe(s.text for s in sentences)):
        gold = {(w.start, w.end): w.upos for w in sent.words}
        gold_words += len(gold)
        for tok in doc:
            if tok.is_space:
                continue
            span = (tok.idx, tok.idx + len(tok.text))
            n_pred += 1
            if span in gold:
                tp_seg += 1
                tp["crf"] += tok.pos_ == gold[span]
                tp["table"] += table.tag([tok.text], [tok.tag_])[0] == gold[span]
    segmenter = nlp.config["nlp"]["tokenizer"]["segmenter"]
    t2 = Table(title=f"End to end (segmenter {segmenter!r} + tagger), {args.dev.name}: spans and UPOS")
    for col in ("", "P", "R", "F1", "tp", "pred", "gold"):
        t2.add_column(col, justify="right" if col else "left")
    rows = [("segmentation", tp_seg)] + [(f"UPOS, {m}", tp[m]) for m in mappers]
    for name, hits in rows:
        p, r, f = prf(hits, n_pred, gold_words)
        t2.add_row(name, f"{p:.2%}", f"{r:.2%}", f"{f:.2%}", str(hits), str(n_pred), str(gold_words))
    console.print(t2)

    # 3. speed
    words = [(s.words, s.vlsp) for s in dev]
    vlsp_time = best_of(3, lambda: [underthesea_models.pos_tags(list(w)) for w, _ in words])
    t3 = Table(title="Speed (ratios measured in this run, best of 3)")
    t3.add_column("what")
    t3.add_column("time ratio", justify="right")
    for name, mapper in mappers.items():
        seconds = best_of(3, lambda: [mapper.tag(w, v) for w, v in words])
        t3.add_row(f"UPOS step, {name} / underthesea's VLSP tagging ({total} gold words)", f"{seconds / vlsp_time:.3f}")
    texts = [s.text for s in sentences[: args.speed_sentences]]
    pipes = {m: load_vi(overrides={"components.tagger.upos": "table" if m == "table" else str(args.model)})
             for m in mappers}
    for nlp_ in pipes.values():  # warm-up: load underthesea's models once
        list(nlp_.pipe(texts[:5]))
    seconds = {m: best_of(3, lambda: list(pipes[m].pipe(texts))) for m in mappers}
    t3.add_row(f"whole pipeline, upos=crf / upos=table ({len(texts)} sentences)", f"{seconds['crf'] / seconds['table']:.3f}")
    console.print(t3)


if __name__ == "__main__":
    main()

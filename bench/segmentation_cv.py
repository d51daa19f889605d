"""A held-out estimate beyond dev: cross-validation over VTB train + dev.

    python bench/segmentation_cv.py [--folds 5] [--size 1400]

The 2,523 sentences of UD Vietnamese-VTB train and dev are shuffled (seed 1)
and cut into folds; for each fold our recipe (the same ``train`` as
``songngu train segmenter``, default hyperparameters) is trained on ``--size``
sentences sampled from the other folds (1,400 = the real training set's size;
0 = all of them) and scored on the fold. underthesea and pyvi are not
retrained, so their figure is simply their score on all the sentences.
Takes a few minutes (one training per fold). Data: UD Vietnamese-VTB (CC BY-SA 4.0).
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path

from segmentation import VTB

from pipeline.evaluate.segmentation import score_segmenter
from pipeline.evaluate.spans import Score
from pipeline.io.conllu import read_conllu
from pipeline.vi.segmenter import load_segmenter, train


def conllu_blocks(path: Path) -> list[str]:
    """The sentences of a CoNLL-U file as raw text blocks (to write folds back out)."""
    return [b for b in path.read_text(encoding="utf-8").strip().split("\n\n") if b.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--size", type=int, default=1400, help="training sentences per fold (0: all the other folds)")
    args = parser.parse_args()

    paths = [VTB / "vi_vtb-ud-train.conllu", VTB / "vi_vtb-ud-dev.conllu"]
    blocks = [b for p in paths for b in conllu_blocks(p)]
    sentences = [s for p in paths for s in read_conllu(p)]
    assert len(blocks) == len(sentences)
    order = list(range(len(blocks)))
    random.Random(1).shuffle(order)

    total = Score(0, 0, 0)
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(args.folds):
            test = [i for j, i in enumerate(order) if j % args.folds == k]
            rest = [i for j, i in enumerate(order) if j % args.folds != k]
            train_ids = random.Random(k).sample(rest, args.size) if args.size else rest
            train_file = Path(tmp) / f"fold{k}.conllu"
            train_file.write_text("\n\n".join(blocks[i] for i in train_ids) + "\n\n", encoding="utf-8")
            train(train_file, Path(tmp) / f"model{k}")
            score = score_segmenter(load_segmenter(Path(tmp) / f"model{k}"), [sentences[i] for i in test])
            total = total + score
            print(
                f"fold {k}: trained on {len(train_ids)}, tested on {len(test)} sentences: F1 {score.f1:.4f}", flush=True
            )

    label = f"ours, {args.folds}-fold CV over VTB train+dev:"
    print(f"\n{label:45} P {total.precision:.4f}  R {total.recall:.4f}  F1 {total.f1:.4f}")
    for name in ("underthesea", "pyvi"):
        score = score_segmenter(load_segmenter(name), sentences)
        label = f"{name} on the same sentences:"
        print(f"{label:45} P {score.precision:.4f}  R {score.recall:.4f}  F1 {score.f1:.4f}")


if __name__ == "__main__":
    main()

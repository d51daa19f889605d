"""Word segmentation on UD Vietnamese-VTB dev: accuracy and relative speed.

    python bench/segmentation.py [--dev FILE] [--model DIR] [--repeat N]

Prints word precision / recall / F1 (words as character spans, spaces ignored)
for underthesea, pyvi and our CRF (the shipped model, or --model), and their
speed in syllables per CPU-second as a ratio to calling
underthesea.word_tokenize directly, all measured in this one run on the same
sentences. Absolute timings depend on the machine and its
load; only the ratios are meant to be compared.

"ours, no stacking" is a CRF trained here on VTB train without the
underthesea/pyvi features (about 15 s), to show what stacking costs and buys.
Data: UD Vietnamese-VTB (CC BY-SA 4.0).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from pipeline import vtb_file
from pipeline.evaluate.segmentation import score_spans
from pipeline.io.conllu import read_conllu
from pipeline.vi.segmenter import default_model_dir, load_segmenter, train

VTB = vtb_file("dev").parent  # $SONGNGU_DATA/ud-vietnamese-vtb/


def timings(functions: dict, texts: list[str], repeat: int) -> dict[str, float]:
    """Best CPU time of each function over all ``texts``.

    CPU time of this process, not wall time: on a shared machine other jobs
    stretch wall time unevenly, while CPU time is what each segmenter costs
    (all of them run single-threaded). Passes are interleaved (a, b, c, a, b,
    c, ...) so that what remains of the noise does not fall on one segmenter only.
    """
    for fn in functions.values():
        fn(texts[0])  # warm-up: lazy model loads, caches
    best = dict.fromkeys(functions, float("inf"))
    for _ in range(repeat):
        for name, fn in functions.items():
            t0 = time.process_time()
            for text in texts:
                fn(text)
            best[name] = min(best[name], time.process_time() - t0)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dev", type=Path, default=VTB / "vi_vtb-ud-dev.conllu")
    parser.add_argument("--train", type=Path, default=VTB / "vi_vtb-ud-train.conllu")
    parser.add_argument("--model", type=Path, default=default_model_dir())
    parser.add_argument("--repeat", type=int, default=3, help="timing passes; the best is kept")
    parser.add_argument("--skip-no-stack", action="store_true", help="do not train the no-stacking CRF")
    args = parser.parse_args()

    sentences = list(read_conllu(args.dev))
    texts = [s.text for s in sentences]
    syllables = sum(len(t.split()) for t in texts)
    print(
        f"{args.dev.name}: {len(sentences)} sentences, {sum(len(s.words) for s in sentences)} words, "
        f"{syllables} syllables\n"
    )

    rows = [("underthesea (offsets mapped back)", load_segmenter("underthesea")), ("pyvi", load_segmenter("pyvi"))]
    ours = load_segmenter(args.model)
    rows.append((f"ours ({ours.version}, stacked on both)", ours))
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_no_stack:
            train(args.train, None, Path(tmp) / "nostack", stack=())
            rows.append(("ours, no stacking (trained now)", load_segmenter(Path(tmp) / "nostack")))

        scores = {name: score_spans(sentences, [seg.segment(t) for t in texts]) for name, seg in rows}
        # The reference for speed is underthesea called directly (words as strings, no offsets).
        from underthesea import word_tokenize

        functions = {"underthesea.word_tokenize, called directly": word_tokenize}
        functions.update({name: seg.segment for name, seg in rows})
        seconds = timings(functions, texts, args.repeat)

    base_speed = syllables / seconds["underthesea.word_tokenize, called directly"]
    print(f"{'segmenter':46} {'P':>7} {'R':>7} {'F1':>7} {'speed vs underthesea':>21}")
    for name, secs in seconds.items():
        score = scores.get(name)
        figures = f"{score.precision:7.4f} {score.recall:7.4f} {score.f1:7.4f}" if score else f"{'':7} {'':7} {'':7}"
        print(f"{name:46} {figures} {syllables / secs / base_speed:20.2f}x")
    print(
        f"\n(underthesea ran at {base_speed:,.0f} syllables per CPU-second in this run; the ratios are what to compare)"
    )


if __name__ == "__main__":
    main()

"""Long sentences (issue 10, case 2): CPU seconds of the Vietnamese pipeline on one overlong sentence.

    python bench/long_sentences.py [--lengths 2500 5000 10000 200000] [--stock]

Each text is one sentence to the sentence splitter: UD Vietnamese-VTB dev's words
(CC BY-SA 4.0) with the sentence-final punctuation taken out, cut at N characters,
and "Ông A. " repeated 5,000 times. Each is annotated in this process (the JSON built
and validated) with the default sentence-length policy (200 words) and with it off
(``max_words = 0``). ``--stock``: also underthesea.ner on the same sentence (its
featurizer is quadratic: minutes above 10,000 characters).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import vtb_file  # noqa: E402


def cpu(fn) -> tuple[float, object]:
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conllu", type=Path, default=vtb_file("dev"))
    parser.add_argument("--lengths", type=int, nargs="+", default=[2500, 5000, 10000, 200000])
    parser.add_argument("--stock", action="store_true", help="also time underthesea.ner on each sentence")
    args = parser.parse_args()

    from pipeline.annotator import AnnotateOptions, Annotator
    from pipeline.io.conllu import read_conllu

    words = re.sub(r"[.!?…]", "", " ".join(s.text for s in read_conllu(args.conllu)))
    words = re.sub(r" +", " ", words)
    texts = {f"VTB words, {n:,} characters": (words * (n // len(words) + 1))[:n].strip() for n in args.lengths}
    texts['"Ông A. " x 5,000'] = "Ông A. " * 5000
    on = Annotator()
    off = Annotator(AnnotateOptions(vi_overrides={"components.sentences.max_words": 0}))
    on.run("Hà Nội."), off.run("Hà Nội.")  # warm
    if args.stock:
        import underthesea

        underthesea.ner("Hà Nội.")
    print(
        f"{'text':34} {'words':>7} {'sentences':>9} {'policy on':>10} {'policy off':>11}"
        + ("  underthesea.ner" if args.stock else "")
    )
    for name, text in texts.items():
        on_s, doc = cpu(lambda text=text: on.run(text)[0])
        off_s, _ = cpu(lambda text=text: off.run(text)[0])
        row = f"{name:34} {len(doc['vi']['tokens']):7,} {len(doc['vi']['sentences']):9,} {on_s:9.2f}s {off_s:10.2f}s"
        if args.stock:
            stock_s, _ = cpu(lambda text=text: underthesea.ner(text))
            row += f"  {stock_s:15.2f}s"
        print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""underthesea's POS, chunk and NER CRFs: our linear featurizer against underthesea's own.

    python bench/crf_features.py [--conllu $SONGNGU_DATA/ud-vietnamese-vtb/vi_vtb-ud-dev.conllu]

1. On every sentence of UD Vietnamese-VTB dev (CC BY-SA 4.0), the POS, chunk and
   NER tags of ``pipeline.vi.underthesea_models`` must equal those of underthesea's
   own predictor classes, and so must the feature strings; the script exits 1
   otherwise. Both are timed (CPU seconds; all three models, decoding included).
2. Scaling: one sentence of N words (VTB dev words in order, N = 100 ... 1,600),
   tagged by both; underthesea's featurizer is quadratic, ours linear.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import vtb_file  # noqa: E402

DEFAULT_CONLLU = vtb_file("dev")  # $SONGNGU_DATA/ud-vietnamese-vtb/


def stock_predictors():
    from underthesea.pipeline.chunking.model_crf import CRFChunkingPredictor
    from underthesea.pipeline.ner.model_crf import CRFNERPredictor
    from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

    return CRFPOSTagPredictor.Instance(), CRFChunkingPredictor.Instance(), CRFNERPredictor.Instance()


def stock_tags(predictors, words):
    pos_model, chunk_model, ner_model = predictors
    pos = [t for _, t in pos_model.predict(words)]
    chunks = [t for *_, t in chunk_model.predict(list(zip(words, pos)))]
    return pos, chunks, [t for *_, t in ner_model.predict(list(zip(words, pos, chunks)))]


def our_tags(words):
    from pipeline.vi import underthesea_models as um

    sentence = um.sentence_features(words)
    pos = um.pos_tags(words, sentence)
    chunks = um.chunk_tags(words, pos, sentence)
    return pos, chunks, um.ner_tags(words, pos, chunks, sentence)


def cpu(fn):
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conllu", type=Path, default=DEFAULT_CONLLU)
    parser.add_argument("--lengths", type=int, nargs="+", default=[100, 200, 400, 800, 1600])
    args = parser.parse_args()

    from pipeline.io.conllu import read_conllu
    from pipeline.vi import underthesea_models as um

    sentences = [[w.form for w in s.words] for s in read_conllu(args.conllu)]
    predictors = stock_predictors()
    um.preload()
    our_tags(sentences[0]), stock_tags(predictors, sentences[0])  # warm both

    ours_s, ours = cpu(lambda: [our_tags(ws) for ws in sentences])
    stock_s, stock = cpu(lambda: [stock_tags(predictors, ws) for ws in sentences])
    differ = [i for i, (a, b) in enumerate(zip(ours, stock)) if a != b]
    feature_differ = 0
    for words, (pos, chunks, _) in zip(sentences, stock):
        sentence = um.sentence_features(words)
        sentence.set_column("pos", pos)
        sentence.set_column("chunk", chunks)
        rows = ([(w, "X") for w in words], [(w, p, "X") for w, p in zip(words, pos)])
        rows += ([(w, p, c, "X") for w, p, c in zip(words, pos, chunks)],)
        for name, predictor, row in zip(("pos", "chunk", "ner"), predictors, rows):
            if um.model(name).templates.features(sentence) != predictor.transformer.sentence2features(row):
                feature_differ += 1
    words = sum(map(len, sentences))
    print(f"{args.conllu.name}: {len(sentences)} sentences, {words} words; POS + chunk + NER, decoding included")
    print(f"  underthesea's predictors: {stock_s:6.2f} CPU s")
    print(f"  ours:                     {ours_s:6.2f} CPU s  ({stock_s / ours_s:.1f}x)")
    print(f"  sentences whose tags differ: {len(differ)}; feature lists that differ: {feature_differ}")

    print("one sentence of N words (CPU seconds):")
    print(f"  {'N':>6} {'underthesea':>12} {'ours':>8}")
    flat = [w for ws in sentences for w in ws]
    for n in args.lengths:
        long = flat[:n]
        stock_s, stock_result = cpu(lambda long=long: stock_tags(predictors, long))
        ours_s, ours_result = cpu(lambda long=long: our_tags(long))
        same = "" if stock_result == ours_result else "  TAGS DIFFER"
        print(f"  {n:>6} {stock_s:>12.3f} {ours_s:>8.3f}{same}")
        if same:
            differ.append(n)
    return 1 if differ or feature_differ else 0


if __name__ == "__main__":
    sys.exit(main())

"""Strict entity P/R/F1 per label: underthesea's CRF alone vs the full NER, and what each component adds.

    python bench/ner.py --split seed
    python bench/ner.py --split vtb-dev --errors        # list every miss and false alarm
    python bench/ner.py --split vtb-dev --ablation      # full minus one component at a time
    python bench/ner.py --split heldout --final         # ONCE, when the system is frozen
    python bench/ner.py --speed                         # time of full vs CRF alone on VTB dev text (a ratio)

Gold: brat files under ``corpus/gold/ner/<split>/`` (guideline:
``corpus/gold/GUIDELINES.md``). A prediction is correct when its character
span and label equal a gold entity's (strict, CoNLL-style); scores come from
:func:`pipeline.evaluate.spans.prf` with their counts, because the gold sets are
small (read them with the counts in mind). ``songngu evaluate --gold DIR --run
--task ner`` gives the same strict figures with bootstrap intervals.

"CRF alone" is the default pipeline with every entity component but ``ner_crf``
removed and the merge's repair and context steps off, i.e. underthesea's CRF
output as it is. Both systems use the same words, POS and sentences.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import vtb_file  # noqa: E402
from pipeline.evaluate.spans import Score, prf  # noqa: E402
from pipeline.io.brat import read_brat_dir  # noqa: E402
from pipeline.vi import default_config, load_vi  # noqa: E402

LABELS = ("PER", "LOC", "ORG", "MISC", "DATE", "NUM")
ENTITY_COMPONENTS = (
    "ner_crf",
    "ner_dates",
    "ner_numbers",
    "ner_titles",
    "ner_organisations",
    "ner_classifiers",
    "ner_surnames",
    "ner_gazetteer_cldr",
    "ner_gazetteer",
    "ner_foreign",
    "ner_codes",
)


def full_pipeline() -> list[str]:
    """The default pipeline up to the entity merge (what comes after it does not change entities)."""
    names = list(default_config()["nlp"]["pipeline"])
    return names[: names.index("ner_merge") + 1]


def overrides_without(drop: set[str], crf_alone: bool = False) -> dict:
    pipeline = [name for name in full_pipeline() if name not in drop]
    ov = {"nlp.pipeline": pipeline}
    if crf_alone:
        ov["components.ner_merge.repair"] = False
        ov["components.ner_merge.context_labels"] = False
    return ov


def systems(ablation: bool) -> dict[str, dict]:
    out = {
        "crf alone": overrides_without(set(ENTITY_COMPONENTS) - {"ner_crf"}, crf_alone=True),
        "full": overrides_without(set()),
    }
    if ablation:
        for name in ENTITY_COMPONENTS:
            out[f"full - {name}"] = overrides_without({name})
        out["full - merge repair"] = {**overrides_without(set()), "components.ner_merge.repair": False}
        out["full - merge context labels"] = {**overrides_without(set()), "components.ner_merge.context_labels": False}
    return out


SOURCES: dict[tuple, str] = {}


def predict(overrides: dict, docs) -> set[tuple]:
    nlp = load_vi(overrides=overrides)
    pred = set()
    for gold in docs:
        for ent in nlp(gold.text).ents:
            key = (gold.id, ent.start_char, ent.end_char, ent.label_)
            pred.add(key)
            SOURCES[key] = ent._.source
    return pred


def by_label(items: set[tuple], label: str) -> set[tuple]:
    return {x for x in items if x[3] == label}


def table(name: str, gold: set, pred: set) -> None:
    print(f"\n{name}")
    print(f"  {'label':5} {'gold':>5} {'pred':>5} {'tp':>4} {'P':>6} {'R':>6} {'F1':>6}")
    total = Score(0, 0, 0)
    for label in LABELS:
        s = prf(by_label(gold, label), by_label(pred, label))
        total = total + s
        print(f"  {label:5} {s.tp + s.fn:5d} {s.tp + s.fp:5d} {s.tp:4d} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}")
    print(
        f"  {'all':5} {total.tp + total.fn:5d} {total.tp + total.fp:5d} {total.tp:4d} "
        f"{total.precision:6.3f} {total.recall:6.3f} {total.f1:6.3f}"
    )
    ne = Score(0, 0, 0)
    for label in ("PER", "LOC", "ORG", "MISC"):
        ne = ne + prf(by_label(gold, label), by_label(pred, label))
    print(
        f"  {'names':5} {ne.tp + ne.fn:5d} {ne.tp + ne.fp:5d} {ne.tp:4d} {ne.precision:6.3f} {ne.recall:6.3f} {ne.f1:6.3f}"
        "   (PER LOC ORG MISC: what the CRF labels)"
    )


def errors(docs, gold: set, pred: set) -> None:
    text = {d.id: d.text for d in docs}
    rows = defaultdict(list)
    for kind, items in (("FN", gold - pred), ("FP", pred - gold)):
        for doc_id, s, e, label in items:
            rows[doc_id].append((s, kind, label, e, SOURCES.get((doc_id, s, e, label), "") if kind == "FP" else ""))
    for doc_id in sorted(rows):
        for s, kind, label, e, source in sorted(rows[doc_id]):
            line_start = text[doc_id].rfind("\n", 0, s) + 1
            line_end = text[doc_id].find("\n", e)
            ctx = text[doc_id][max(line_start, s - 40) : min(line_end if line_end >= 0 else len(text[doc_id]), e + 30)]
            print(f"{kind} {label:4} {text[doc_id][s:e]!r:36} {source:17} | {ctx}")


def speed(sentences: int = 400, repeats: int = 3) -> None:
    """Seconds for the first ``sentences`` of UD VTB dev (one text), CRF alone vs full, best of ``repeats``."""
    import time

    from conllu import parse_incr

    path = vtb_file("dev")
    with path.open(encoding="utf-8") as handle:
        texts = [s.metadata["text"] for _, s in zip(range(sentences), parse_incr(handle))]
    text = "\n".join(texts)
    times = {}
    for name, ov in systems(ablation=False).items():
        nlp = load_vi(overrides=ov)
        nlp(text[:1000])  # load the models before timing
        best = float("inf")
        for _ in range(repeats):
            start = time.perf_counter()
            nlp(text)
            best = min(best, time.perf_counter() - start)
        times[name] = best
        print(f"{name:10} {best:6.2f} s for {len(texts)} sentences ({sum(len(t.split()) for t in texts)} syllables)")
    print(
        f"full / crf alone: {times['full'] / times['crf alone']:.2f}x (same process, same text; "
        "UD Vietnamese-VTB dev, CC BY-SA 4.0)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="vtb-dev", help="seed, vtb-dev or heldout (folder under corpus/gold/ner/)")
    parser.add_argument("--final", action="store_true", help="required for heldout: the one final measurement")
    parser.add_argument("--errors", action="store_true", help="print the full system's misses and false alarms")
    parser.add_argument("--ablation", action="store_true", help="also score the full system minus each component")
    parser.add_argument("--speed", action="store_true", help="only time CRF alone vs full (no scoring)")
    args = parser.parse_args()
    if args.speed:
        speed()
        return 0
    if args.split == "heldout" and not args.final:
        parser.error("heldout is for the final figures only: add --final, once, when the system is frozen")
    if args.split == "heldout" and args.errors:
        parser.error("no error listing on heldout: looking at its errors would tune the system on it")
    docs = list(read_brat_dir(ROOT / "corpus" / "gold" / "ner" / args.split))
    gold = {(d.id, e.start, e.end, e.label) for d in docs for e in d.entities}
    print(f"{args.split}: {len(docs)} documents, {len(gold)} gold entities")
    results = {}
    for name, ov in systems(args.ablation).items():
        results[name] = predict(ov, docs)
        table(name, gold, results[name])
    if args.errors:
        print("\nerrors of the full system")
        errors(docs, gold, results["full"])
    return 0


if __name__ == "__main__":
    sys.exit(main())

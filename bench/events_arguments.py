"""The pairwise argument classifier with the gold triggers given: candidate recall, errors by cause, and a quick
loop to try its training recipe.

    python bench/events_arguments.py cache DIR                # the (trigger, candidate) pairs, once (minutes)
    python bench/events_arguments.py analyse DIR [--model M]  # candidate recall and errors, the shipped classifier
    python bench/events_arguments.py fit DIR [--alpha A] [--epochs N] [--threshold T ...] [--weight NAME=K ...]

``cache`` runs the Vietnamese pipeline (its own cache, :mod:`pipeline.events.preprocess`) over BKEE train
and dev, VHE train and dev and the seed gold, collects the argument examples of every gold trigger as
``songngu train events`` does (:func:`pipeline.events.training.collect`), and keeps each (trigger,
candidate) pair's features (:func:`pipeline.events.arguments.pair_rows`) with its gold role. The argument
CRF's labels, which the pairs read, are cross-fitted on train (a CRF fitted on one half of the documents
labels the other half, as :func:`~pipeline.events.training.fit_pairwise` does) and the shipped CRF's on
dev. Dev gold holds only what the corpus annotates (``bench/events_corpora.py``'s ``scored``).

``analyse`` and ``fit`` score argument classification on dev with the gold triggers given (so the figures
are the classifier's alone, far above ``bench/events_corpora.py``'s, which follow the predicted triggers):
a gold argument that is no candidate is a miss (``no candidate``); the causes of the others are the
classifier's. Dev only: the held-out gold is never read here.
"""

from __future__ import annotations

import argparse
import logging
import pickle
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import data_dir  # noqa: E402

TRAIN = ("bkee-train", "vhe-train", "seed")
DEV = ("bkee-dev", "vhe-dev")


def build_cache(out: Path) -> None:
    import pycrfsuite

    from bench.events_corpora import scored
    from pipeline.events import arguments as pairwise
    from pipeline.events.corpora import load_mappings, read_bkee, read_vhe
    from pipeline.events.lexicon import load_lexicon
    from pipeline.events.ontology import load_ontology
    from pipeline.events.preprocess import vi_docs
    from pipeline.events.trained import ARGUMENT_FILE, Featuriser, argument_window, decode
    from pipeline.events.training import Examples, GoldSource, collect, fit, gold_sources
    from pipeline.vi import load_vi

    ontology = load_ontology()
    mappings = load_mappings(ontology)
    nlp = load_vi()
    featuriser = Featuriser(nlp.vocab, ontology, load_lexicon(ontology))
    data = data_dir()
    train = gold_sources(
        mappings, data / "bkee" / "train", data / "vhe" / "train.json", [ROOT / "corpus" / "gold" / "events" / "seed"]
    )
    sources = dict(zip(TRAIN, train))
    for name, kind, path, genre in (
        ("bkee-dev", "bkee", data / "bkee" / "dev", "news"),
        ("vhe-dev", "vhe", data / "vhe" / "dev.json", "annals"),
    ):
        docs, _ = read_bkee(path, mappings) if kind == "bkee" else read_vhe(path, mappings)
        sources[name] = GoldSource(name, [scored(d, mappings[kind], mappings.time_role) for d in docs], genre=genre)
    out.mkdir(parents=True, exist_ok=True)
    vocabulary: dict[str, int] = {}
    shipped = ROOT / "models" / "events-crf" / ARGUMENT_FILE
    # One set of examples for the training corpora together, as songngu train events collects them (the
    # cross-fitting's halves mix them), one for each dev corpus.
    groups = {"train": [n for n in TRAIN], **{n: [n] for n in DEV}}
    for group, names in groups.items():
        examples = Examples()
        owner = []
        for name in names:
            source = sources[name]
            before = len(examples.argument_contexts)
            collect(source, vi_docs([d.text for d in source.documents], nlp), featuriser, examples)
            owner += [name] * (len(examples.argument_contexts) - before)
        contexts = examples.argument_contexts
        tagged: list = [None] * len(contexts)

        def tag(path: Path, which, examples=examples, tagged=tagged) -> None:
            tagger = pycrfsuite.Tagger()
            tagger.open(str(path))
            for k in which:
                tagged[k] = tagger.tag(examples.argument_items[k])
            tagger.close()

        halves = [[k for k, c in enumerate(contexts) if c.fold == half] for half in (0, 1)]
        if group == "train":
            for half, (mine, rest) in enumerate((halves, halves[::-1])):
                path = out / f"train.half{half}.crfsuite"
                if not path.exists():
                    items = [examples.argument_items[k] for k in rest]
                    labels = [examples.argument_labels[k] for k in rest]
                    logging.info("the argument CRF on half %d (%d triggers) ...", 1 - half, len(items))
                    fit(items, labels, path, 0.2, 0.01, 100)
                tag(path, mine)
        else:
            tag(shipped, range(len(contexts)))
        by_name: dict[str, list] = {name: [] for name in names}
        for c, tags, name in zip(contexts, tagged, owner):
            triggers = by_name[name]
            first, last = argument_window(c.sentence_start, c.sentence_end, c.trigger)
            proposed = [(s, e, r) for s, e, r in decode(tags, c.sentence_start) if first <= s and e <= last]
            rows, spans = pairwise.pair_rows(c.feats, first, last, c.trigger, c.rules, proposed, c.genre)
            texts = c.feats.folded
            triggers.append(
                {
                    "type": c.trigger.type,
                    "trigger": " ".join(texts[c.trigger.start : c.trigger.end]),
                    "spans": spans,
                    "rows": [[vocabulary.setdefault(f, len(vocabulary)) for f in row] for row in rows],
                    "gold": {(s, e): r for s, e, r in c.gold},
                    "texts": {(s, e): " ".join(texts[s:e]) for s, e, _ in c.gold}
                    | {span: " ".join(texts[span[0] : span[1]]) for span in spans},
                    "crf": {(s, e): r for s, e, r in proposed},
                }
            )
        for name, triggers in by_name.items():
            with (out / f"{name}.pkl").open("wb") as handle:
                pickle.dump({"genre": sources[name].genre, "triggers": triggers}, handle)
            pairs = sum(len(t["spans"]) for t in triggers)
            logging.info("%s: %d triggers, %d pairs", name, len(triggers), pairs)
    with (out / "vocabulary.pkl").open("wb") as handle:
        pickle.dump(list(vocabulary), handle)


def load(cache: Path, name: str) -> dict:
    with (cache / f"{name}.pkl").open("rb") as handle:
        return pickle.load(handle)


def features(cache: Path) -> list[str]:
    with (cache / "vocabulary.pkl").open("rb") as handle:
        return pickle.load(handle)


def probabilities(scorer, vocabulary: list[str], triggers: list[dict]) -> list:
    return [
        scorer.probabilities([[vocabulary[f] for f in row] for row in t["rows"]]) if t["rows"] else None
        for t in triggers
    ]


def evaluate(triggers: list[dict], probs: list, roles: list[str], threshold: float, causes: dict | None = None):
    """Argument classification with the gold triggers (tp, fp, fn, F1); ``causes`` collects the errors."""
    from pipeline.events.arguments import decode

    tp = fp = fn = 0
    for t, p in zip(triggers, probs):
        chosen = decode(t["spans"], p, roles, threshold) if p is not None else []
        predicted = {(s, e): r for s, e, r, _ in chosen}
        gold = t["gold"]
        candidates = set(t["spans"])
        for span, role in gold.items():
            if predicted.get(span) == role:
                tp += 1
                continue
            fn += 1
            if causes is None:
                continue
            if span not in candidates:
                overlap = any(s < span[1] and span[0] < e for s, e in candidates)
                cause = "no candidate, one overlaps" if overlap else "no candidate, none overlaps"
                causes[cause][f"{role}: {t['texts'][span]}"] += 1
            elif span in predicted:
                causes["wrong role"][f"{role} -> {predicted[span]}"] += 1
            elif any(s < span[1] and span[0] < e for s, e in predicted):
                causes["miss, an overlapping candidate chosen"][role] += 1
            else:
                causes["miss, candidate left out"][role] += 1
        for span, role in predicted.items():
            if gold.get(span) == role:
                continue
            fp += 1
            if causes is not None and span not in gold:
                overlap = any(s < span[1] and span[0] < e for s, e in gold)
                causes["false alarm, overlaps a gold argument" if overlap else "false alarm, no gold argument"][
                    role
                ] += 1
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "f1": round(100 * f1, 1)}


def analyse(cache: Path, model: Path, top: int) -> None:
    from pipeline.events.arguments import PairwiseScorer

    scorer = PairwiseScorer.from_json(model.read_bytes(), str(model))
    vocabulary = features(cache)
    for name in DEV:
        triggers = load(cache, name)["triggers"]
        gold = sum(len(t["gold"]) for t in triggers)
        among = sum(1 for t in triggers for span in t["gold"] if span in set(t["spans"]))
        crf = sum(1 for t in triggers for span, role in t["gold"].items() if t["crf"].get(span) == role)
        print(f"\n## {name}: {len(triggers)} gold triggers, {gold} gold arguments\n")
        print(f"- candidate recall: {among} of {gold} ({100 * among / gold:.1f}%) gold arguments are candidates")
        print(f"- the argument CRF alone (its spans and roles): {crf} right")
        causes: dict = {k: Counter() for k in CAUSES}
        probs = probabilities(scorer, vocabulary, triggers)
        print(
            f"- the classifier (threshold {scorer.threshold}):",
            evaluate(triggers, probs, scorer.roles, scorer.threshold, causes),
        )
        for kind, counter in causes.items():
            items = ", ".join(f"{w} {n}" for w, n in counter.most_common(top))
            print(f"- {kind}: {sum(counter.values())} ({items})")


CAUSES = (
    "no candidate, one overlaps",
    "no candidate, none overlaps",
    "wrong role",
    "miss, an overlapping candidate chosen",
    "miss, candidate left out",
    "false alarm, overlaps a gold argument",
    "false alarm, no gold argument",
)


def fit_and_score(cache: Path, alpha: float, epochs: int, thresholds: list[float], weights: dict, extra: dict) -> None:
    import time

    from pipeline.events import arguments as pairwise
    from pipeline.events.arguments import NONE, PairwiseScorer

    vocabulary = features(cache)
    rows, labels = [], []
    for name in TRAIN:
        for t in load(cache, name)["triggers"]:
            for _ in range(weights.get(name, 1)):
                for span, row in zip(t["spans"], t["rows"]):
                    rows.append([vocabulary[f] for f in row])
                    labels.append(t["gold"].get(span, NONE))
    started = time.perf_counter()
    model = pairwise.fit(rows, labels, alpha=alpha, epochs=epochs, **extra)
    scorer = PairwiseScorer._parse(model, "fit")
    print(
        f"alpha={alpha} epochs={epochs} weights={weights} {extra}: {len(rows)} pairs, "
        f"{time.perf_counter() - started:.0f} s, {len(scorer.index)} features"
    )
    for name in DEV:
        triggers = load(cache, name)["triggers"]
        probs = probabilities(scorer, vocabulary, triggers)
        cells = [f"{threshold}: {evaluate(triggers, probs, scorer.roles, threshold)}" for threshold in thresholds]
        print(f"  {name}: " + "; ".join(cells))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("cache")
    c.add_argument("dir", type=Path)
    a = sub.add_parser("analyse")
    a.add_argument("dir", type=Path)
    a.add_argument("--model", type=Path, default=ROOT / "models" / "events-crf" / "arguments_pairwise.json")
    a.add_argument("--top", type=int, default=10)
    f = sub.add_parser("fit")
    f.add_argument("dir", type=Path)
    f.add_argument("--alpha", type=float, default=3e-5)
    f.add_argument("--epochs", type=int, default=15)
    f.add_argument("--threshold", type=float, nargs="+", default=[0.15, 0.2, 0.25, 0.3])
    f.add_argument("--weight", nargs="*", default=[], help="NAME=K: give corpus NAME's pairs K times")
    f.add_argument("--min-count", type=int, default=2)
    f.add_argument("--average", action="store_true", help="SGD's averaged weights")
    f.add_argument("--prune", type=float, default=0.02)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.command == "cache":
        build_cache(args.dir)
    elif args.command == "analyse":
        analyse(args.dir, args.model, args.top)
    else:
        weights = {name: int(k) for name, k in (w.split("=") for w in args.weight)}
        fit_and_score(
            args.dir,
            args.alpha,
            args.epochs,
            args.threshold,
            weights,
            {"min_count": args.min_count, "average": args.average, "prune": args.prune},
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

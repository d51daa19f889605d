"""Named entities: strict P/R/F1 per label with counts and intervals, typed recall on BKEE, speed.

    python bench/ner.py                                  # building: seed, vtb-dev, genres/dev, BKEE dev
    python bench/ner.py --split vtb-dev --errors         # list every miss and false alarm of one split
    python bench/ner.py --split vtb-dev --ablation       # full minus one component at a time
    python bench/ner.py --final                          # ONCE, frozen: heldout24, genres/heldout24, BKEE dev
    python bench/ner.py --final --split heldoutK genres/heldoutK  # round K's final run again (K: 2..16; the first: heldout genres/heldout)
    python bench/ner.py --cv                             # the typer's honest figures: each round's splits left out
    python bench/ner.py --speed                          # NER components' share of the pipeline's time

Gold: brat files under ``corpus/gold/ner/<split>/`` (guideline:
``corpus/gold/GUIDELINES.md``): ``seed`` (the corpus passage), ``vtb-dev`` and
``heldout`` (UD Vietnamese-VTB dev sentences), ``genres/dev`` and
``genres/heldout`` (news, literature and history sentences written for the
project). Each round's pair (``heldout`` and ``genres/heldout``, then ``heldout2`` and ``genres/heldout2``, ...,
``heldout16`` and ``genres/heldout16``, each from the second on by a new separate annotator) was scored once, at the
commit ``bench/results/ner.md`` names for its round, and is now seen: a new held-out split
needs new gold before ``--final`` means held out again: ``heldout17`` (VLSP 2013 POS test sentences, VTB dev being
used up) with ``genres/heldout17``. Every
held-out split (any folder named ``heldout*``) is read only with ``--final``.
A prediction is correct when its character span and label equal a gold entity's (strict, CoNLL-style). Every figure comes with its counts and a
95% bootstrap interval over sentences (the lines of the gold files; 1000
resamples, seed 0: :class:`pipeline.evaluate.bootstrap.Bootstrap`).

BKEE dev (Vietnamese news with ACE 2005 events, ``$SONGNGU_DATA/bkee/dev``,
CC BY-NC 4.0) annotates entities only where they fill an event role, so only
recall can be measured on it: of its person, organisation and place mentions
(PER; ORG; GPE, LOC, FAC as LOC) that are names (which:
:func:`pipeline.vi.ner.corpora.bkee_names`), how many the pipeline finds with
exactly that span and that label. Intervals are over documents.

Systems: ``crf alone`` is underthesea's CRF (``ner_crf``) as it is: the default
pipeline with every entity component removed, the CRF added and the merge's
repair and context steps off; ``rules`` is the system before issue 13: the
rules, gazetteers and the CRF, without the trained typer (``ner_typer``);
``full`` is the default pipeline (the rules and the typer; no CRF since the
typer took over its names, see ``pipeline/vi/default.cfg``).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# bench.timing first: it gives numpy one thread, as songngu annotate does, which must precede numpy's import
from bench.timing import loaded_as_the_annotator, stage_cpu  # noqa: E402

# isort: split
import numpy as np  # noqa: E402

from pipeline import data_dir, vtb_file  # noqa: E402
from pipeline.cli.options import parse_override  # noqa: E402
from pipeline.evaluate.bootstrap import PRF, Bootstrap, prf_statistic  # noqa: E402
from pipeline.io.brat import read_brat_dir  # noqa: E402
from pipeline.vi import default_config, load_vi  # noqa: E402

LABELS = ("PER", "LOC", "ORG", "MISC", "DATE", "NUM")
NAMES = ("PER", "LOC", "ORG", "MISC")
BUILD_SPLITS = ("seed", "vtb-dev", "genres/dev")
#: What ``--final`` scores unless ``--split`` names others: the held-out sets nobody has seen yet.
FINAL_SPLITS = ("heldout27", "genres/heldout27")
GOLD = ROOT / "corpus" / "gold" / "ner"


def held_out(name: str) -> bool:
    """A split is held out when any folder on its path under the gold is named ``heldout...``: ``heldout2``,
    ``genres/heldout2/``, ``./heldout`` and ``heldout2/news`` alike, spent or not, so that a new round's split is
    held out the moment its folder exists. Each spent pair was scored once by ``--final`` at the commit that
    ``bench/results/ner.md`` names for its round (``--final --split heldout6 genres/heldout6`` repeats that run)."""
    try:
        parts = (GOLD / name).resolve().relative_to(GOLD.resolve()).parts
    except ValueError:
        return False
    return any(part.startswith("heldout") for part in parts)


def entity_components() -> list[str]:
    """The default pipeline's entity components (everything from ``split_names`` to the merge that proposes)."""
    return [n for n in full_pipeline() if n.startswith("ner_") and n != "ner_merge"]


def full_pipeline() -> list[str]:
    """The default pipeline up to the entity merge (what comes after it does not change entities)."""
    names = list(default_config()["nlp"]["pipeline"])
    return names[: names.index("ner_merge") + 1]


def overrides_without(drop: set[str], crf_alone: bool = False) -> dict:
    ov = {"nlp.pipeline": [name for name in full_pipeline() if name not in drop]}
    if crf_alone:
        ov["components.ner_merge.repair"] = False
        ov["components.ner_merge.context_labels"] = False
    return ov


def with_crf(overrides: dict) -> dict:
    """``overrides`` with underthesea's CRF (``ner_crf``, no longer in the default pipeline) right after the tagger."""
    names = [name for name in overrides["nlp.pipeline"] if name != "ner_crf"]
    at = names.index("tagger") + 1
    return {**overrides, "nlp.pipeline": [*names[:at], "ner_crf", *names[at:]]}


def systems(ablation: bool) -> dict[str, dict]:
    out = {"crf alone": with_crf(overrides_without(set(entity_components()), crf_alone=True))}
    if "ner_typer" in full_pipeline():
        out["rules"] = with_crf(overrides_without({"ner_typer"}))
    out["full"] = overrides_without(set())
    if ablation:
        for name in entity_components():
            out[f"full - {name}"] = overrides_without({name})
        out["full - merge repair"] = {**overrides_without(set()), "components.ner_merge.repair": False}
        out["full - merge context labels"] = {**overrides_without(set()), "components.ner_merge.context_labels": False}
    return out


# --------------------------------------------------------------------------- gold


class Split:
    """The gold documents of one split, their entities and their sentences (lines) as resampling units."""

    def __init__(self, name: str, docs: list):
        self.name, self.docs = name, docs
        self.gold = {(d.id, e.start, e.end, e.label) for d in docs for e in d.entities}
        self.line_starts = {d.id: [0] + [i + 1 for i, ch in enumerate(d.text) if ch == "\n"] for d in docs}
        offsets, n = {}, 0
        for d in docs:
            offsets[d.id] = n
            n += len(self.line_starts[d.id])
        self.unit_offset, self.units = offsets, n

    def unit(self, item: tuple) -> int:
        doc_id, start = item[0], item[1]
        starts = self.line_starts[doc_id]
        return self.unit_offset[doc_id] + int(np.searchsorted(starts, start, side="right")) - 1


def split_folder(name: str) -> Path:
    """The folder of a gold split; a clear exit when it does not exist (a held-out set not yet written)
    or is not under ``corpus/gold/ner/``."""
    folder = GOLD / name
    if not folder.resolve().is_relative_to(GOLD.resolve()):
        raise SystemExit(f"{name}: not a split of {GOLD}")
    if not folder.is_dir():
        held = " (a held-out split: is its annotation finished and committed?)" if held_out(name) else ""
        raise SystemExit(f"{folder}: no such gold split{held}")
    return folder


def read_split(name: str) -> Split:
    folder = split_folder(name)
    docs = [d for d in read_brat_dir(folder) if Path(d.id).parent == Path(".")]
    if not docs:
        raise SystemExit(f"{folder}: no brat documents")
    for d in docs:
        d.id = f"{name}/{d.id}"
    return Split(name, docs)


def read_bkee(split: str = "dev") -> list[tuple[str, str, list]]:
    """BKEE's documents with their names (:func:`pipeline.vi.ner.corpora.bkee_names` says which mentions)."""
    from pipeline.vi.ner.corpora import read_bkee as read

    folder = data_dir() / "bkee" / split
    if not folder.is_dir():
        raise SystemExit(f"{folder}: BKEE not found (set SONGNGU_DATA to the folder holding bkee/)")
    return read(folder)


# --------------------------------------------------------------------------- scoring

SOURCES: dict[tuple, str] = {}


def predict(nlp, docs: list[tuple[str, str]]) -> set[tuple]:
    pred = set()
    for doc_id, text in docs:
        for ent in nlp(text).ents:
            key = (doc_id, ent.start_char, ent.end_char, ent.label_)
            pred.add(key)
            SOURCES[key] = ent._.source
    return pred


def by_label(items, labels) -> set[tuple]:
    return {x for x in items if x[3] in labels}


def interval(ci) -> str:
    return f"[{ci[0]:.3f}, {ci[1]:.3f}]" if ci else "[  -  ]"


def table(name: str, split: Split, pred: set, boot: Bootstrap) -> dict:
    print(f"\n  {name}")
    print(f"    {'label':6} {'gold':>5} {'pred':>5} {'tp':>4} {'P':>6} {'R':>6} {'F1':>6}  95% interval of F1")
    rows = {}
    for label in (*LABELS, "names", "all"):
        labels = NAMES if label == "names" else LABELS if label == "all" else (label,)
        gold, guess = by_label(split.gold, labels), by_label(pred, labels)
        counts = np.zeros((split.units, 3))
        for item in gold:
            counts[split.unit(item), 0 if item in guess else 2] += 1
        for item in guess - gold:
            counts[split.unit(item), 1] += 1
        fig = boot.figure(counts, prf_statistic, PRF)
        rows[label] = fig
        print(
            f"    {label:6} {fig['tp'] + fig['fn']:5d} {fig['tp'] + fig['fp']:5d} {fig['tp']:4d} "
            f"{fig['precision']:6.3f} {fig['recall']:6.3f} {fig['f1']:6.3f}  {interval(fig['ci']['f1'])}"
        )
    return rows


def bkee_table(name: str, docs, pred: set) -> dict:
    boot = Bootstrap(len(docs))
    index = {doc_id: i for i, (doc_id, _, _) in enumerate(docs)}
    spans = defaultdict(set)
    for doc_id, s, e, label in pred:
        spans[(doc_id, s, e)].add(label)
    print(f"\n  {name}")
    print(f"    {'label':6} {'names':>6} {'typed':>6} {'recall':>7}  95% interval   span found, other label")
    out = {}
    for label in ("PER", "LOC", "ORG", "all"):
        counts = np.zeros((len(docs), 2))
        other = Counter()
        for doc_id, _, mentions in docs:
            for s, e, gold_label in mentions:
                if label != "all" and gold_label != label:
                    continue
                got = spans.get((doc_id, s, e), set())
                counts[index[doc_id], 0] += gold_label in got
                counts[index[doc_id], 1] += 1
                if got and gold_label not in got:
                    other.update(got)
        fig = boot.figure(
            counts,
            lambda sums, undefined=0.0: {"recall": _ratio(sums[..., 0], sums[..., 1], undefined)},
            ("typed", "names"),
        )
        out[label] = fig
        print(
            f"    {label:6} {fig['names']:6d} {fig['typed']:6d} {fig['recall']:7.3f}  {interval(fig['ci']['recall'])}"
            f"   {dict(other.most_common(4))}"
        )
    return out


def _ratio(a, b, undefined):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return np.divide(a, b, out=np.full(np.broadcast(a, b).shape, undefined), where=b != 0)


def errors(split: Split, pred: set) -> None:
    text = {d.id: d.text for d in split.docs}
    rows = defaultdict(list)
    for kind, items in (("FN", split.gold - pred), ("FP", pred - split.gold)):
        for doc_id, s, e, label in items:
            rows[doc_id].append((s, kind, label, e, SOURCES.get((doc_id, s, e, label), "") if kind == "FP" else ""))
    for doc_id in sorted(rows):
        for s, kind, label, e, source in sorted(rows[doc_id]):
            body = text[doc_id]
            line_start = body.rfind("\n", 0, s) + 1
            line_end = body.find("\n", e)
            ctx = body[max(line_start, s - 40) : min(line_end if line_end >= 0 else len(body), e + 30)]
            print(f"{kind} {label:4} {body[s:e]!r:36} {source:17} | {ctx}")


def bkee_errors(docs, pred: set, limit: int = 150) -> None:
    labels = defaultdict(set)
    for doc_id, s, e, label in pred:
        labels[(doc_id, s, e)].add(label)
    shown = 0
    for doc_id, text, mentions in docs:
        for s, e, gold_label in mentions:
            got = labels.get((doc_id, s, e), set())
            if gold_label in got:
                continue
            near = sorted(
                {
                    (ps, pe, lab)
                    for (d, ps, pe), labs in labels.items()
                    if d == doc_id and ps < e and s < pe
                    for lab in labs
                }
            )
            print(
                f"{doc_id} {gold_label:4} {text[s:e]!r:30} got {sorted(got) or [(text[a:b], lab) for a, b, lab in near]}"
            )
            shown += 1
            if shown >= limit:
                return


# --------------------------------------------------------------------------- cross-validation


def cv_group(name: str) -> str:
    """The cross-validation group of a split: a round's VTB and genre splits are left out together (``heldout3``
    and ``genres/heldout3``, ``vtb-dev`` and ``genres/dev``: written by one annotator at one time)."""
    key = name.removeprefix("genres/")
    return "vtb-dev" if key == "dev" else key


def pooled(name: str, splits: list[Split]) -> Split:
    """Several splits as one (their documents' ids already name the split): pooled figures and intervals."""
    return Split(name, [d for split in splits for d in split.docs])


def cross_validate(
    splits: list[Split],
    extra: dict,
    models: Path,
    retrain: bool,
    c: float,
    weights: dict,
    show_errors: bool,
    training: list[str],
) -> None:
    """The typer's honest figures on the gold it is trained on: for each group of splits (:func:`cv_group`), a
    typer trained on everything else (the ``training`` gold splits without any line of the group, BKEE and VHE
    train) and the full system with it, scored on the group's splits, then pooled over the VTB splits and over
    the genre splits. The shipped typer is trained on every split of ``typer.TRAINING_GOLD``, so ``python
    bench/ner.py`` on them flatters it (``--cv-gold`` names other training splits: the spent ones, or fewer). Fold models are kept in ``models`` (one folder per training set, C and
    weights, and the NER components' code and data) and reused unless ``retrain``."""
    import hashlib
    import json

    from pipeline.vi.ner.typer import PROPOSERS, TyperModel, examples_by_text, fit, training_texts

    def lines(text: str) -> set[str]:
        return {line.strip() for line in text.splitlines() if line.strip()}

    # The typer's features read the context lexicon, the gazetteers and the rules' proposals: a fold model trained
    # before a change to any of them is not the model the changed system would train, so the folder is keyed by the
    # NER components' code and data too (a rule change retrains the folds, about 5 minutes; issue 13, round 25)
    sources = hashlib.sha256()
    for folder in (ROOT / "pipeline" / "vi" / "ner", ROOT / "pipeline" / "text"):  # the rules; the gazetteer
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".py", ".tsv", ".yaml")):
            sources.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    setting = json.dumps([sorted(training), c, weights, sources.hexdigest()], sort_keys=True)
    models = models / hashlib.sha256(setting.encode()).hexdigest()[:10]
    print(f"typer folds trained on {', '.join(training)}, BKEE and VHE train; C = {c}, weights {weights} ({models})")
    rows = None
    groups: dict[str, list[Split]] = {}
    for split in splits:
        groups.setdefault(cv_group(split.name), []).append(split)
    preds: dict[str, set] = {}
    decided = Counter()
    for group, members in groups.items():
        folder = models / group
        if retrain or not (folder / "weights.json").is_file():
            if rows is None:
                texts = training_texts(
                    [GOLD / name for name in training],
                    data_dir() / "bkee" / "train",
                    data_dir() / "vhe" / "train.json",
                    weights,
                )
                prep = load_vi(overrides={**extra, "nlp.pipeline": list(PROPOSERS)})
                rows = examples_by_text(prep, texts)
            seen = set().union(*(lines(d.text) for split in members for d in split.docs))
            kept = [row for text, found in rows if not lines(text.text) & seen for row in found]
            model = fit(kept, c=c)
            model.meta = {"name": "ner-typer", "version": f"cv-without-{group}", "c": c, "weights": weights}
            model.save(folder)
        TyperModel.load(folder)  # a clear error now rather than inside the pipeline
        nlp = load_vi(overrides={**extra, **overrides_without(set()), "components.ner_typer.model": str(folder)})
        for split in members:
            print(f"\n== full, the typer trained without {group} ({folder})")
            pred = predict(nlp, [(d.id, d.text) for d in split.docs])
            preds[split.name] = pred
            table(f"{split.name} (strict, cross-validated)", split, pred, Bootstrap(split.units))
            for item in pred:
                if SOURCES.get(item) == "model":
                    decided["right" if item in split.gold else "wrong"] += 1
            if show_errors:
                print(f"\nerrors on {split.name}, the typer trained without it")
                errors(split, pred)
    kinds = {
        "VTB splits": [s for s in splits if not s.name.startswith("genres/") and s.name != "seed"],
        "genre splits": [s for s in splits if s.name.startswith("genres/")],
    }
    for kind, members in kinds.items():
        if len(members) > 1:
            both = pooled(f"{kind} pooled", members)
            pred = set().union(*(preds[s.name] for s in members))
            print(f"\n== full, each split scored by the typer trained without its group: {kind} pooled")
            table(f"{len(members)} {kind}, pooled (strict, cross-validated)", both, pred, Bootstrap(both.units))
    total = decided["right"] + decided["wrong"]
    if total:
        print(
            f"\nentities the typer decided (source model): {total}, right {decided['right']} "
            f"({decided['right'] / total:.3f}), wrong {decided['wrong']}"
        )


# --------------------------------------------------------------------------- speed


def speed(sentences: int = 600, per_doc: int = 30, repeats: int = 3) -> None:
    """The entity components' share of the Vietnamese pipeline's time, per document, measured in one run."""
    from conllu import parse_incr

    from pipeline.startup import fewer_young_collections

    path = vtb_file("dev")
    with path.open(encoding="utf-8") as handle:
        texts = [s.metadata["text"] for _, s in zip(range(sentences), parse_incr(handle))]
    docs = ["\n".join(texts[i : i + per_doc]) for i in range(0, len(texts), per_doc)]

    def load():
        nlp = load_vi()
        nlp(docs[0][:500])  # load the models before timing
        return nlp

    # garbage collection as songngu annotate runs it (loaded_as_the_annotator's docstring says why)
    nlp = loaded_as_the_annotator(load)
    with fewer_young_collections():
        total, spent = stage_cpu(nlp, docs, repeats)
    ner = sum(v for k, v in spent.items() if k.startswith("ner_") or k == "split_names")
    syllables = sum(len(t.split()) for t in docs)
    print(
        f"UD Vietnamese-VTB dev (CC BY-SA 4.0), first {len(texts)} sentences in {len(docs)} documents, {syllables} syllables"
    )
    print(f"CPU time of the whole Vietnamese pipeline: {total:.2f} s (best of {repeats} passes, this process)")
    for name, secs in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:20} {secs / total:6.1%}")
    print(
        f"entity components (split_names, ner_*, ner_merge) together: {ner:.2f} CPU s, "
        f"{ner / total:.1%} of the pipeline's time"
    )


# --------------------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", nargs="*", help=f"gold splits to score (default: {' '.join(BUILD_SPLITS)})")
    parser.add_argument("--bkee", choices=("dev", "none"), default="dev", help="typed recall on BKEE dev (default)")
    parser.add_argument(
        "--final",
        action="store_true",
        help=f"the one final measurement: {', '.join(FINAL_SPLITS)} (or the held-out splits --split names), BKEE dev",
    )
    parser.add_argument(
        "--cv",
        action="store_true",
        help="the full system with a typer trained without the split scored (and its round's other split), for "
        "each building and spent held-out split (typer.BUILDING_GOLD, typer.SPENT_GOLD; no BKEE dev)",
    )
    parser.add_argument(
        "--cv-gold",
        nargs="+",
        metavar="SPLIT",
        help="--cv: the gold splits the folds are trained on (default typer.TRAINING_GOLD, the shipped typer's)",
    )
    parser.add_argument(
        "--cv-models",
        type=Path,
        default=ROOT / "build" / "ner-cv",
        metavar="DIR",
        help="--cv: where the fold models are kept (default build/ner-cv); reused when the training set and the NER code and data are the same",
    )
    parser.add_argument("--cv-retrain", action="store_true", help="--cv: retrain the fold models even when kept")
    parser.add_argument("--cv-c", type=float, default=2.0, help="--cv: the typer's C (2.0, as songngu train ner)")
    parser.add_argument(
        "--cv-weight",
        action="append",
        default=[],
        metavar="CORPUS=W",
        help="--cv: a training corpus's weight (gold, bkee, vhe; default pipeline.vi.ner.typer.DEFAULT_WEIGHTS)",
    )
    parser.add_argument("--errors", action="store_true", help="print the full system's misses and false alarms")
    parser.add_argument("--ablation", action="store_true", help="also score the full system minus each component")
    parser.add_argument("--systems", nargs="*", help="only these systems (crf alone, rules, full)")
    parser.add_argument("--speed", action="store_true", help="only time the entity components within the pipeline")
    parser.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a config override, for every system",
    )
    args = parser.parse_args()
    extra = dict(parse_override(o) for o in args.overrides)
    if args.speed:
        speed()
        return 0
    # refused before any split is looked at: the answer must not depend on which final splits exist yet
    if args.final and args.errors:
        parser.error("no error listing on held-out gold: looking at its errors would tune the system on it")
    if args.cv and args.final:
        parser.error("--cv is a building measurement: not with --final")
    if args.split:
        splits = list(args.split)
    elif args.cv:
        from pipeline.vi.ner.typer import BUILDING_GOLD, SPENT_GOLD

        splits = [*BUILDING_GOLD, *SPENT_GOLD]
    elif args.final:
        # the final sets are written one after the other: score those committed, name those not yet
        splits = [name for name in FINAL_SPLITS if (GOLD / name).is_dir()]
        for name in FINAL_SPLITS:
            if name not in splits:
                print(
                    f"{GOLD / name}: not written yet, not scored (a held-out split of the final run)", file=sys.stderr
                )
        if not splits:
            raise SystemExit(f"none of the final splits ({', '.join(FINAL_SPLITS)}) is committed yet")
    else:
        splits = list(BUILD_SPLITS)
    from pipeline.vi.ner.typer import SPENT_GOLD, TRAINING_GOLD

    # the spent held-out splits are gold like the building ones: cross-validated, and trained on with --cv-gold
    spent = set(SPENT_GOLD) if args.cv else set()
    for name in args.cv_gold or ():
        if held_out(name) and name not in SPENT_GOLD:
            parser.error(f"--cv-gold {name}: held out, not spent (typer.SPENT_GOLD lists the spent splits)")
    held = [s for s in splits if held_out(s) and s not in spent]
    if held and not args.final:
        parser.error(f"{', '.join(held)}: held out, for the final figures only (--final, once, frozen)")
    for name in splits:
        split_folder(name)  # every folder exists before any is read (or any model is loaded)
    gold = [read_split(name) for name in splits]
    bkee = read_bkee("dev") if args.bkee == "dev" and not args.cv else []
    for split in gold:
        print(f"{split.name}: {len(split.docs)} documents, {split.units} sentences, {len(split.gold)} gold entities")
    if bkee:
        print(
            f"BKEE dev: {len(bkee)} documents, {sum(len(m) for _, _, m in bkee)} name mentions (PER, ORG, GPE/LOC/FAC)"
        )
    if args.cv:
        from pipeline.vi.ner.typer import DEFAULT_WEIGHTS

        weights = {**DEFAULT_WEIGHTS}
        for item in args.cv_weight:
            corpus, _, value = item.partition("=")
            if corpus not in DEFAULT_WEIGHTS:
                parser.error(f"--cv-weight {item}: the corpora are {', '.join(DEFAULT_WEIGHTS)}")
            weights[corpus] = float(value)
        training = list(args.cv_gold or TRAINING_GOLD)
        cross_validate(gold, extra, args.cv_models, args.cv_retrain, args.cv_c, weights, args.errors, training)
        return 0
    chosen = systems(args.ablation)
    if args.systems:
        chosen = {k: v for k, v in chosen.items() if k in args.systems}
    for name, ov in chosen.items():
        nlp = load_vi(overrides={**extra, **ov})
        print(f"\n== {name}")
        for split in gold:
            pred = predict(nlp, [(d.id, d.text) for d in split.docs])
            table(f"{split.name} (strict)", split, pred, Bootstrap(split.units))
            if args.errors and name == "full":
                print(f"\nerrors of the full system on {split.name}")
                errors(split, pred)
        if bkee:
            pred = predict(nlp, [(doc_id, text) for doc_id, text, _ in bkee])
            bkee_table("BKEE dev, typed recall of names (exact span and label)", bkee, pred)
            if args.errors and name == "full":
                print("\nmissed BKEE dev names")
                bkee_errors(bkee, pred)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""NER under the four SemEval-2013 schemes: by hand, and against nervaluate and seqeval."""

from __future__ import annotations

import random

import pytest

from pipeline.evaluate import evaluate
from pipeline.evaluate.documents import Mention, from_brat, from_json
from pipeline.evaluate.ner import match

GOLD_ENTITIES = [
    ("Ngày 11 tháng 9 năm 1992", "DATE"),
    ("Azerbaijan", "LOC"),
    ("6", "NUM"),
    ("Nga", "LOC"),
    ("Quân đoàn 7 Nga", "ORG"),
    ("Armenia", "LOC"),
    ("Merjimek", "LOC"),
    ("Kelbajar", "LOC"),
]
PRED_ENTITIES = [
    ("Ngày 11 tháng 9 năm 1992", "DATE"),  # right
    ("quân Azerbaijan", "ORG"),  # gold LOC "Azerbaijan": other boundaries and type
    ("6", "NUM"),  # right
    # gold LOC "Nga" (the first one): nothing predicted
    ("Quân đoàn 7", "ORG"),  # gold ORG "Quân đoàn 7 Nga": shorter, same type
    ("Armenia", "PER"),  # same span, wrong type
    ("làng Merjimek", "LOC"),  # longer, same type
    ("Kelbajar", "LOC"),  # right
    ("spetznaz", "MISC"),  # nothing in gold
]


@pytest.fixture
def arrest(build):
    gold = from_json(build.document("arrest", build.layer(build.ARREST, entities=GOLD_ENTITIES)))
    pred = from_json(build.document("arrest", build.layer(build.ARREST, entities=PRED_ENTITIES)))
    return [gold], [pred]


def test_four_schemes_by_hand(arrest):
    ner = evaluate(*arrest, ["ner"], resamples=0)["tasks"]["ner"]["schemes"]
    counts = {
        s: tuple(ner[s]["micro"][c] for c in ("correct", "incorrect", "partial", "missed", "spurious")) for s in ner
    }
    #                 COR INC PAR MIS SPU
    # strict: right are DATE, 6, Kelbajar; the 4 overlapping pairs are INC; Nga MIS; spetznaz SPU.
    assert counts["strict"] == (3, 4, 0, 1, 1)
    # exact: Armenia has the right boundaries, so COR; the 3 boundary errors INC.
    assert counts["exact"] == (4, 3, 0, 1, 1)
    # partial: as exact, but boundary errors are PAR.
    assert counts["partial"] == (4, 0, 3, 1, 1)
    # type: overlap with the same type is COR (Quân đoàn 7, làng Merjimek); Azerbaijan and Armenia INC.
    assert counts["type"] == (5, 2, 0, 1, 1)
    # P = (COR + 0.5 PAR) / (COR + INC + PAR + SPU) = x / 8 and R = (COR + 0.5 PAR) / (COR + INC + PAR + MIS) = x / 8.
    for scheme, expected in (("strict", 3 / 8), ("exact", 4 / 8), ("partial", 5.5 / 8), ("type", 5 / 8)):
        fig = ner[scheme]["micro"]
        assert fig["precision"] == pytest.approx(expected)
        assert fig["recall"] == pytest.approx(expected)
        assert fig["f1"] == pytest.approx(expected)
    # tp/fp/fn: partial has tp = 4 + 0.5 * 3 = 5.5, fp = 0 + 1 + 1.5 = 2.5, fn = 0 + 1 + 1.5 = 2.5.
    assert (ner["partial"]["micro"]["tp"], ner["partial"]["micro"]["fp"], ner["partial"]["micro"]["fn"]) == (
        5.5,
        2.5,
        2.5,
    )
    assert (ner["strict"]["micro"]["tp"], ner["strict"]["micro"]["fp"], ner["strict"]["micro"]["fn"]) == (3, 5, 5)


def test_per_type_and_macro_by_hand(arrest):
    strict = evaluate(*arrest, ["ner"], resamples=0)["tasks"]["ner"]["schemes"]["strict"]
    per_type = strict["per_type"]
    assert list(per_type) == ["PER", "LOC", "ORG", "MISC", "DATE", "NUM"]
    # LOC alone: gold Azerbaijan, Nga, Armenia, Merjimek, Kelbajar; predicted LOC: làng Merjimek, Kelbajar.
    # Kelbajar COR, làng Merjimek INC, three missed: P = 1/2, R = 1/5, F1 = 2/7.
    loc = per_type["LOC"]
    assert (loc["correct"], loc["incorrect"], loc["missed"], loc["spurious"]) == (1, 1, 3, 0)
    assert (loc["precision"], loc["recall"], loc["f1"]) == pytest.approx((0.5, 0.2, 2 / 7))
    # ORG alone: "quân Azerbaijan" overlaps no gold ORG (SPU), "Quân đoàn 7" INC: F1 0.
    assert (per_type["ORG"]["incorrect"], per_type["ORG"]["spurious"], per_type["ORG"]["f1"]) == (1, 1, 0.0)
    assert per_type["DATE"]["f1"] == per_type["NUM"]["f1"] == 1.0
    assert per_type["PER"]["f1"] == per_type["MISC"]["f1"] == 0.0
    # Macro over the six types: F1 (0 + 2/7 + 0 + 0 + 1 + 1) / 6, P (0 + .5 + 0 + 0 + 1 + 1) / 6, R (0 + .2 + 0 + 0 + 1 + 1) / 6.
    assert strict["macro"]["f1"] == pytest.approx((2 / 7 + 2) / 6)
    assert strict["macro"]["precision"] == pytest.approx(2.5 / 6)
    assert strict["macro"]["recall"] == pytest.approx(2.2 / 6)


def test_confusion_and_errors_by_hand(arrest):
    ner = evaluate(*arrest, ["ner"], resamples=0)["tasks"]["ner"]
    labels, matrix = ner["confusion"]["labels"], ner["confusion"]["matrix"]

    def cell(g, p):
        return matrix[labels.index(g)][labels.index(p)]

    assert cell("LOC", "ORG") == 1  # Azerbaijan -> quân Azerbaijan
    assert cell("LOC", "PER") == 1  # Armenia
    assert cell("LOC", "LOC") == 2  # Merjimek, Kelbajar
    assert cell("LOC", "(none)") == 1  # Nga
    assert cell("(none)", "MISC") == 1  # spetznaz
    assert cell("ORG", "ORG") == cell("DATE", "DATE") == cell("NUM", "NUM") == 1
    assert sum(map(sum, matrix)) == 9  # 8 gold + 1 spurious
    kinds = sorted((e["kind"], (e["gold"] or e["pred"])["text"]) for e in ner["errors"])
    assert kinds == [
        ("missed", "Nga"),
        ("spurious", "spetznaz"),
        ("wrong boundary", "Merjimek"),
        ("wrong boundary", "Quân đoàn 7 Nga"),
        ("wrong type", "Armenia"),
        ("wrong type and boundary", "Azerbaijan"),
    ]
    missed = next(e for e in ner["errors"] if e["kind"] == "missed")
    assert missed["context"].startswith("Ngày 11 tháng 9")
    start, end = missed["gold"]["offset"]
    assert missed["context"][start:end] == "Nga"


# --------------------------------------------------------------------------- cross-checks


def _perturb(gold: list[Mention], text_length: int, seed: int) -> list[Mention]:
    """A deterministic, realistic prediction: some entities right, some retyped, resized, dropped, invented.

    Flat (no two predictions overlap), so that it can be written as BIO tags for seqeval.
    """
    rng = random.Random(seed)
    labels = sorted({m.label for m in gold})
    pred: list[Mention] = []
    for m in gold:
        r = rng.random()
        if r < 0.45:
            pred.append(m)
        elif r < 0.6:
            pred.append(Mention(m.start, m.end, rng.choice([label for label in labels if label != m.label])))
        elif r < 0.72 and m.end - m.start > 2:
            pred.append(Mention(m.start, m.end - 1, m.label))  # one character short
        elif r < 0.8 and m.end - m.start > 2:
            pred.append(Mention(m.start + 1, m.end, rng.choice(labels)))
        elif r < 0.92:
            continue  # missed
        else:
            pred.append(m)
            # and an invented entity just after it, if there is room before the next gold one
            pred.append(Mention(m.end + 1, m.end + 3, rng.choice(labels)))
    pred = sorted({p for p in pred if p.end <= text_length}, key=lambda m: (m.start, m.end))
    flat, last_end = [], -1
    for p in pred:
        if p.start >= last_end:
            flat.append(p)
            last_end = p.end
    return flat


@pytest.fixture
def seed_gold(build):
    """The hand-made NER gold of the seed passage (corpus/gold/ner/seed) and a perturbed prediction."""
    from pipeline.io.brat import read_brat_dir

    folder = build.ROOT / "corpus" / "gold" / "ner" / "seed"
    (doc,) = [from_brat(d) for d in read_brat_dir(folder)]
    return doc


def _nervaluate(golds: list[list[Mention]], preds: list[list[Mention]], labels: list[str]) -> dict:
    from nervaluate import Evaluator

    def dicts(docs):  # nervaluate's "dict" loader: inclusive end offsets
        return [[{"label": m.label, "start": m.start, "end": m.end - 1} for m in doc] for doc in docs]

    return Evaluator(dicts(golds), dicts(preds), tags=labels, loader="dict").evaluate()


_OURS_TO_NERVALUATE = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}


def test_agrees_with_nervaluate_on_seed_gold(seed_gold, build):
    import copy

    gold_mentions = sorted(seed_gold.vi.entities, key=lambda m: (m.start, m.end))
    labels = sorted({m.label for m in gold_mentions})
    seen = {"incorrect": 0, "partial": 0, "missed": 0, "spurious": 0}
    for seed in range(5):
        pred_mentions = _perturb(gold_mentions, len(seed_gold.vi.skeleton), seed)
        pred = copy.copy(seed_gold)
        pred.vi = copy.copy(seed_gold.vi)
        pred.vi.entities = pred_mentions
        ours = evaluate([seed_gold], [pred], ["ner"], resamples=0)["tasks"]["ner"]["schemes"]
        theirs = _nervaluate([gold_mentions], [pred_mentions], labels)
        for scheme, their_name in _OURS_TO_NERVALUATE.items():
            t = theirs["overall"][their_name]
            o = ours[scheme]["micro"]
            for outcome in seen:
                seen[outcome] += o[outcome]
            assert (o["correct"], o["incorrect"], o["partial"], o["missed"], o["spurious"]) == (
                t.correct,
                t.incorrect,
                t.partial,
                t.missed,
                t.spurious,
            ), (seed, scheme)
            assert (o["precision"], o["recall"], o["f1"]) == pytest.approx((t.precision, t.recall, t.f1), abs=1e-12)
            for label in labels:
                t = theirs["entities"][label][their_name]
                o = ours[scheme]["per_type"][label]
                assert (o["correct"], o["incorrect"], o["partial"], o["missed"], o["spurious"]) == (
                    t.correct,
                    t.incorrect,
                    t.partial,
                    t.missed,
                    t.spurious,
                ), (seed, scheme, label)
                assert o["f1"] == pytest.approx(t.f1, abs=1e-12)
    assert all(seen.values()), f"the perturbations must produce every kind of outcome: {seen}"


def _bio(mentions: list[Mention], length: int) -> list[str]:
    """Character-level IOB2 tags (every non-space character a token) for seqeval."""
    tags = ["O"] * length
    for m in mentions:
        tags[m.start] = f"B-{m.label}"
        for i in range(m.start + 1, m.end):
            tags[i] = f"I-{m.label}"
    return tags


def test_strict_agrees_with_seqeval_on_seed_gold(seed_gold):
    """Strict is the CoNLL figure: our micro, per-type and macro P/R/F1 equal seqeval's exactly."""
    import copy

    from seqeval.metrics import classification_report
    from seqeval.scheme import IOB2

    gold_mentions = sorted(seed_gold.vi.entities, key=lambda m: (m.start, m.end))
    n = len(seed_gold.vi.skeleton)
    for seed in range(3):
        pred_mentions = _perturb(gold_mentions, n, seed)
        pred = copy.copy(seed_gold)
        pred.vi = copy.copy(seed_gold.vi)
        pred.vi.entities = pred_mentions
        strict = evaluate([seed_gold], [pred], ["ner"], resamples=0)["tasks"]["ner"]["schemes"]["strict"]
        y_true, y_pred = [_bio(gold_mentions, n)], [_bio(pred_mentions, n)]
        for mode, scheme in ((None, None), ("strict", IOB2)):  # conlleval-style and strict decoding agree on IOB2
            report = classification_report(y_true, y_pred, output_dict=True, mode=mode, scheme=scheme, zero_division=0)
            assert strict["micro"]["precision"] == pytest.approx(report["micro avg"]["precision"], abs=1e-12)
            assert strict["micro"]["recall"] == pytest.approx(report["micro avg"]["recall"], abs=1e-12)
            assert strict["micro"]["f1"] == pytest.approx(report["micro avg"]["f1-score"], abs=1e-12)
            for label, fig in strict["per_type"].items():
                assert fig["f1"] == pytest.approx(report[label]["f1-score"], abs=1e-12), (seed, label)
                assert fig["tp"] + fig["fn"] == report[label]["support"]
            assert strict["macro"]["precision"] == pytest.approx(report["macro avg"]["precision"], abs=1e-12)
            assert strict["macro"]["recall"] == pytest.approx(report["macro avg"]["recall"], abs=1e-12)
            assert strict["macro"]["f1"] == pytest.approx(report["macro avg"]["f1-score"], abs=1e-12)


def test_where_we_differ_from_nervaluate():
    """An overlapping prediction listed before the exact one: nervaluate lets it take the gold entity.

    Gold: LOC "Liên bang Xô Viết" [0, 17). Predictions in text order: LOC "Liên bang" [0, 9), then
    LOC "Liên bang Xô Viết" [0, 17). nervaluate's single pass pairs the first prediction (INC)
    and leaves the exact one spurious; our two passes pair the exact one (COR) and leave the
    shorter one spurious. The missed/spurious totals agree; COR vs INC does not.
    """
    gold = [Mention(0, 17, "LOC")]
    pred = [Mention(0, 9, "LOC"), Mention(0, 17, "LOC")]
    ours = match(gold, pred, "strict").counts()
    assert ours == {"correct": 1, "incorrect": 0, "partial": 0, "missed": 0, "spurious": 1}
    theirs = _nervaluate([gold], [pred], ["LOC"])["overall"]["strict"]
    assert (theirs.correct, theirs.incorrect, theirs.spurious) == (0, 1, 1)


def test_other_arguments_are_not_named_entities(build):
    gold = from_json(
        build.document("d", build.layer(build.ARREST, entities=[("Azerbaijan", "LOC"), ("quân Azerbaijan", "OTHER")]))
    )
    pred = from_json(build.document("d", build.layer(build.ARREST, entities=[("Azerbaijan", "LOC")])))
    strict = evaluate([gold], [pred], ["ner"], resamples=0)["tasks"]["ner"]["schemes"]["strict"]["micro"]
    assert (strict["tp"], strict["fp"], strict["fn"]) == (1, 0, 0)

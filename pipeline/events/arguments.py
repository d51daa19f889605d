"""Arguments of a trigger by a pairwise classifier: each candidate phrase of its sentence gets a role or none.

The argument CRF (:mod:`pipeline.events.trained`) reads a sentence word by word; what
makes a phrase an argument is often a property of the whole phrase (its head noun,
its entity type, the preposition before it), which a word-level tagger sees only in
pieces. Here each *candidate filler* near a trigger is one example:

* candidates: the named entities and dates, the noun phrases the clause rules read
  (starting or ending at each word), the phrases the clause rules give a role, a
  time expression with its preposition, single nominal words, and the spans the
  argument CRF proposes;
* features: the trigger's type and word, the candidate's head and last words,
  entity label, tags, length, where it lies (side, distance, commas and verbs
  between), the word before it (a preposition often decides the role), which
  sources proposed it and the role the clause rules gave it, each conjoined with the
  event type where the role depends on it, and the genre;
* a multinomial logistic regression (scikit-learn, at training only) gives each
  candidate a role or ``none``; at run time the weights are a numpy matrix and a
  feature index, so scoring is a sum of rows and a softmax.

A candidate takes its likeliest role other than ``none`` when that role's probability
is over a threshold (:func:`decode`); overlapping candidates are resolved greedily,
likeliest first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np

from pipeline.events.candidates import Candidate
from pipeline.events.clauses.noun_phrases import argument_span, noun_phrase_ending_at, noun_phrase_starting_at
from pipeline.events.clauses.objects import RoleFiller
from pipeline.events.features import DocFeatures, time_class

NONE = "none"
MAX_LENGTH = 12  # words; longer candidates are rare arguments and many
THRESHOLD = 0.2  # a candidate takes its likeliest role when that role's probability is at least this (see decode)


def _bucket(distance: int) -> str:
    if distance <= 2:
        return str(distance)
    if distance <= 5:
        return "3-5"
    if distance <= 10:
        return "6-10"
    return "11+"


def candidate_spans(
    feats: DocFeatures,
    first: int,
    last: int,
    trigger: Candidate,
    rule_arguments: list[RoleFiller],
    tagged: list[tuple[int, int, str]],
) -> dict[tuple[int, int], set[str]]:
    """The candidate fillers of ``trigger`` within words ``[first, last)``, each with the sources that proposed it."""
    words = feats.words
    out: dict[tuple[int, int], set[str]] = {}

    def add(start: int, end: int, source: str) -> None:
        if start < first or end > last or end <= start or end - start > MAX_LENGTH:
            return
        if start < trigger.end and trigger.start < end:
            return
        if words.is_space(start) or words.is_space(end - 1):
            return
        out.setdefault((start, end), set()).add(source)

    for ent in words.ents:
        if ent.start >= first and ent.end <= last:
            add(ent.start, ent.end, "date" if ent.label_ == "DATE" else "ent")
            p = ent.start - 1
            if ent.label_ == "DATE" and p >= first:
                start = words.start_of("time_prepositions", p)
                if start is not None:
                    add(start, ent.end, "prep+date")
    for i in range(first, last):
        if words.is_space(i):
            continue
        np_ = noun_phrase_starting_at(words, i, last)
        if np_ is not None:
            add(np_.start, np_.end, "np")
            inner = argument_span(words, np_)
            if inner != np_:
                add(inner.start, inner.end, "np-inner")
        np_ = noun_phrase_ending_at(words, i, first)
        if np_ is not None:
            add(np_.start, np_.end, "np")
        if words.is_nominal(i):
            add(i, i + 1, "word")
        if words.is_time_start(i):
            end = words.end_of("time_nouns", i)
            k = end
            while k < last and words.is_number(k):
                k += 1
            add(i, k, "time")
    for filler in rule_arguments:
        add(filler.phrase.start, filler.phrase.end, "rule")
    for start, end, _ in tagged:
        add(start, end, "crf")
    return out


def pair_features(
    feats: DocFeatures,
    span: tuple[int, int],
    sources: set[str],
    trigger: Candidate,
    first: int,
    last: int,
    rule_roles: dict[tuple[int, int], str],
    tagged: dict[tuple[int, int], str],
    genre: str,
) -> list[str]:
    """The features of one (trigger, candidate) pair."""
    words, folded, tags = feats.words, feats.folded, feats.tags
    start, end = span
    etype = trigger.type
    if end <= trigger.start:
        side, dist = "L", trigger.start - end + 1
    else:
        side, dist = "R", start - trigger.end + 1
    d = _bucket(dist)
    ent = words.entity_at.get(start)
    label = ent.label_ if ent is not None and ent.start == start and ent.end == end else "OTHER"
    inside = words.entity_at.get(end - 1)
    part = inside.label_ if inside is not None else "-"
    head, tail = folded[start], folded[end - 1]
    n = end - start
    length = str(n) if n <= 3 else "4+"
    prev = folded[start - 1] if start - 1 >= first else "<s>"
    nxt = folded[end] if end < last else "</s>"
    lo, hi = (end, trigger.start) if side == "L" else (trigger.end, start)
    commas = verbs = 0
    for i in range(lo, hi):
        if words.is_comma(i) or words.is_hard_boundary(i) or words.clause_boundary_ending(i) is not None:
            commas += 1
        if words.is_verb(i):
            verbs += 1
    between = f"{side}{min(commas, 2)}{min(verbs, 2)}"
    rule = rule_roles.get(span, "-")
    crf = tagged.get(span, "-")
    tword = " ".join(folded[trigger.start : trigger.end])
    voice = "pv" if trigger.passive else "av"
    out = [
        "bias",
        f"T={etype}",
        f"S={side}{d}",
        f"T|S={etype}|{side}{d}",
        f"T|S|L={etype}|{side}|{label}",
        f"G|T|S|L={genre}|{etype}|{side}|{label}",
        f"L={label}",
        f"T|part={etype}|{part}",
        f"h={head}",
        f"T|h={etype}|{head}",
        f"G|h={genre}|{head}",
        f"t={tail}",
        f"T|t={etype}|{tail}",
        f"ht={tags[start]}",
        f"T|S|ht={etype}|{side}|{tags[start]}",
        f"tt={tags[end - 1]}",
        f"n={length}",
        f"T|n={etype}|{length}",
        f"G|n|L={genre}|{length}|{label}",
        f"pw={prev}",
        f"T|pw={etype}|{prev}",
        f"S|pw={side}|{prev}",
        f"nw={nxt}",
        f"T|nw={etype}|{nxt}",
        f"btw={between}",
        f"T|btw={etype}|{between}",
        f"G|btw={genre}|{between}",
        f"r={rule}",
        f"T|r={etype}|{rule}",
        f"G|T|r={genre}|{etype}|{rule}",
        f"c={crf}",
        f"T|c={etype}|{crf}",
        f"G|T|c={genre}|{etype}|{crf}",
        f"tw|S|L={tword}|{side}|{label}",
        f"tw|h={tword}|{head}",
        f"T|v|S={etype}|{voice}|{side}",
    ]
    for source in sorted(sources):
        out.append(f"src={source}")
        out.append(f"T|src={etype}|{source}")
    out.append("srcs=" + "+".join(sorted(sources)))
    return out


@dataclass
class PairwiseScorer:
    """The classifier's weights: ``index`` feature -> row of ``weights`` (features x roles), ``roles`` its columns."""

    index: dict[str, int]
    weights: np.ndarray
    bias: np.ndarray
    roles: list[str]
    threshold: float = THRESHOLD

    @classmethod
    def from_json(cls, data: bytes, where: str = "") -> PairwiseScorer:
        """Read the weights :func:`fit` wrote (``{"roles", "bias", "threshold", "weights": {feature: [[column,
        weight], ...]}}``): only the weights the pruning kept, so the file stays small."""
        try:
            record = json.loads(data.decode("utf-8"))
            roles = list(record["roles"])
            table = record["weights"]
            bias = np.asarray(record["bias"], dtype=np.float64)
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{where}: not a pairwise argument model ({exc})") from None
        index = {feature: row for row, feature in enumerate(table)}
        weights = np.zeros((len(table) + 1, len(roles)), dtype=np.float32)  # the last row: unknown features
        for row, cells in enumerate(table.values()):
            for column, weight in cells:
                weights[row, column] = weight
        return cls(index, weights, bias, roles, float(record.get("threshold", THRESHOLD)))

    def probabilities(self, rows: list[list[str]]) -> np.ndarray:
        """P(role | pair) for each pair's features: one gather and sum per pair, each role's logistic,
        normalised over the roles (as scikit-learn's one-vs-rest ``predict_proba``)."""
        unknown = len(self.index)
        index = self.index
        ids = [[index.get(f, unknown) for f in features] for features in rows]
        width = max((len(x) for x in ids), default=0)
        padded = np.full((len(ids), width), unknown, dtype=np.int64)
        for k, x in enumerate(ids):
            padded[k, : len(x)] = x
        scores = self.weights[padded].sum(axis=1, dtype=np.float64) + self.bias
        np.negative(scores, out=scores)
        np.exp(scores, out=scores)
        scores += 1.0
        np.reciprocal(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        return scores


def fit(
    rows: list[list[str]],
    labels: list[str],
    alpha: float = 3e-5,
    epochs: int = 15,
    min_count: int = 2,
    prune: float = 0.02,
    threshold: float = THRESHOLD,
) -> bytes:
    """Fit the classifier on pairs (features, role or ``none``) and return its JSON (scikit-learn at training only).

    Logistic loss by stochastic gradient descent, one-vs-rest: a multinomial fit by L-BFGS took
    over ten minutes on these 140,000 pairs; this takes about one and a half. Features seen fewer
    than ``min_count`` times are left out, and weights under ``prune`` are dropped from the file.
    """
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import SGDClassifier

    counts: dict[str, int] = {}
    for features in rows:
        for f in features:
            counts[f] = counts.get(f, 0) + 1
    vocabulary = {f: k for k, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}
    indptr, indices = [0], []
    for features in rows:
        indices.extend(sorted({vocabulary[f] for f in features if f in vocabulary}))
        indptr.append(len(indices))
    matrix = csr_matrix((np.ones(len(indices), dtype=np.float32), indices, indptr), shape=(len(rows), len(vocabulary)))
    model = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=epochs, tol=None, random_state=0)
    model.fit(matrix, labels)
    roles = [str(r) for r in model.classes_]
    coef = model.coef_.T  # features x roles
    table = {}
    for feature, row in vocabulary.items():
        cells = [[int(c), round(float(w), 4)] for c, w in enumerate(coef[row]) if abs(w) >= prune]
        if cells:
            table[feature] = cells
    record = {
        "roles": roles,
        "threshold": threshold,
        "bias": [round(float(b), 4) for b in model.intercept_],
        "weights": table,
    }
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(
    spans: list[tuple[int, int]], probabilities: np.ndarray, roles: list[str], threshold: float
) -> list[tuple[int, int, str, float]]:
    """The candidates whose likeliest role other than ``none`` has a probability of at least ``threshold``, without
    overlaps, likeliest first.

    Not the argmax: ``none`` is the likeliest label of most candidates, and reading a role when it
    is likely enough, though ``none`` is likelier, trades precision for recall (on BKEE dev and VHE
    dev, with the gold triggers, argument classification 50.4 and 65.3 by argmax, 54.8 and 67.1
    with the threshold 0.2).
    """
    scores = probabilities.copy()
    scores[:, roles.index(NONE)] = -1.0
    best = scores.argmax(axis=1)
    order = sorted(
        (
            (float(scores[k, best[k]]), start, end, roles[best[k]])
            for k, (start, end) in enumerate(spans)
            if scores[k, best[k]] >= threshold
        ),
        key=lambda x: -x[0],
    )
    chosen: list[tuple[int, int, str, float]] = []
    for p, start, end, role in order:
        if all(end <= s or e <= start for s, e, _, _ in chosen):
            chosen.append((start, end, role, p))
    chosen.sort()
    return chosen


def read_arguments(
    scorer: PairwiseScorer,
    feats: DocFeatures,
    first: int,
    last: int,
    trigger: Candidate,
    rule_arguments: list[RoleFiller],
    tagged: list[tuple[int, int, str]],
    genre: str,
) -> list[tuple[int, int, str]]:
    """The arguments of ``trigger`` among words ``[first, last)``: ``(start, end, role)``, every time role as ``Time``.

    ``tagged``: what the argument CRF labelled there (candidates, and a feature: the classifier
    learnt, on cross-fitted CRF output, when to trust it).
    """
    rows, spans = pair_rows(feats, first, last, trigger, rule_arguments, tagged, genre)
    if not spans:
        return []
    return [
        (start, end, role)
        for start, end, role, _ in decode(spans, scorer.probabilities(rows), scorer.roles, scorer.threshold)
    ]


def pair_rows(
    feats: DocFeatures,
    first: int,
    last: int,
    trigger: Candidate,
    rule_arguments: list[RoleFiller],
    tagged: list[tuple[int, int, str]],
    genre: str,
) -> tuple[list[list[str]], list[tuple[int, int]]]:
    """The features of each candidate filler of ``trigger`` and the candidates' spans, in the same order."""
    candidates = candidate_spans(feats, first, last, trigger, rule_arguments, tagged)
    rule_roles = {(f.phrase.start, f.phrase.end): time_class(f.role) for f in rule_arguments}
    crf_roles = {(start, end): role for start, end, role in tagged}
    spans = sorted(candidates)
    rows = [
        pair_features(feats, span, candidates[span], trigger, first, last, rule_roles, crf_roles, genre)
        for span in spans
    ]
    return rows, spans

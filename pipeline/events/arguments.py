"""Arguments of a trigger by a pairwise classifier: each candidate phrase of its sentence gets a role or none.

The argument CRF (:mod:`pipeline.events.trained`) reads a sentence word by word; what
makes a phrase an argument is often a property of the whole phrase (its head noun,
its entity type, the preposition before it), which a word-level tagger sees only in
pieces. Here each *candidate filler* near a trigger is one example:

* candidates: the named entities and dates, the noun phrases the clause rules read
  (starting or ending at each word), the phrases the clause rules give a role, a
  time expression with its preposition, single nominal words (not alone: a word only this
  source proposes is left out), the spans the argument CRF proposes, and a name or phrase
  with the parenthesis after it;
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
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import repeat

import numpy as np

from pipeline.events.candidates import Candidate
from pipeline.events.clauses.noun_phrases import Phrase, argument_span, noun_phrase_end, noun_phrase_start
from pipeline.events.clauses.objects import RoleFiller
from pipeline.events.crf import PackedRows, add_rows
from pipeline.events.features import DocFeatures, time_class

NONE = "none"
MAX_LENGTH = 12  # words; longer candidates are rare arguments and many
THRESHOLD = 0.2  # a candidate takes its likeliest role when that role's probability is at least this (see decode)
# What fit writes into the model, chosen on BKEE dev (news) and VHE dev (annals) with the predicted triggers
# (bench/results/events_corpora.md): a role is read when P(role) * P(trigger) ** TRIGGER_POWER reaches the
# genre's threshold, so that a doubtful trigger (an argument of a false trigger is a false argument) reads
# only its likeliest arguments.
GENRE_THRESHOLDS = {"news": 0.15, "annals": 0.2}
TRIGGER_POWER = 1.0


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
    spaces, trigger_start, trigger_end = words.spaces, trigger.start, trigger.end  # read for every word: locals

    def add(start: int, end: int, source: str) -> None:
        if start < first or end > last or end <= start or end - start > MAX_LENGTH:
            return
        if start < trigger_end and trigger_start < end:
            return
        if spaces[start] or spaces[end - 1]:
            return
        sources = out.get((start, end))
        if sources is None:
            out[(start, end)] = {source}
        else:
            sources.add(source)

    for ent in words.entities_between(first, last):
        add(ent.start, ent.end, "date" if ent.label_ == "DATE" else "ent")
        p = ent.start - 1
        if ent.label_ == "DATE" and p >= first:
            start = words.start_of("time_prepositions", p)
            if start is not None:
                add(start, ent.end, "prep+date")
    may_start, may_end = words.noun_phrase_edges()
    # The noun phrases starting (ending) at each word with the text's edge as the bound, kept per text: a walk that
    # ends within this window's bound is the walk with that bound (every step it took is one the bound allows, and
    # it stopped for a reason the bound does not change), so only the others are walked again (the windows of a
    # sentence's triggers overlap: most words are in several).
    edge = len(spaces)
    # Kept as numbers, which the collector does not track: the end of the phrase starting at a word (its start is
    # the word), the start of the one ending at it (None: none), and each phrase's argument span (below).
    starting, ending = words.phrases_from_edge
    inner_of, time_starts = words.argument_spans, words._time_starts
    for i in range(first, last):
        if spaces[i]:
            continue
        if may_start[i]:
            end = starting.get(i, _UNREAD)
            if end is _UNREAD:
                end = starting[i] = noun_phrase_end(words, i, edge)
            if end is None or end > last:
                end = noun_phrase_end(words, i, last)
            if end is not None:  # the phrase [i, end)
                add(i, end, "np")
                # argument_span depends on the phrase's bounds alone: read once per text (the windows overlap), as
                # start * (edge + 1) + end (-1: the phrase itself)
                bounds = i * (edge + 1) + end
                inner = inner_of.get(bounds)
                if inner is None:
                    np_ = Phrase(i, end)
                    found = argument_span(words, np_)
                    inner = inner_of[bounds] = -1 if found is np_ else found.start * (edge + 1) + found.end
                if inner >= 0:  # a name inside it (never the phrase's own bounds)
                    add(*divmod(inner, edge + 1), "np-inner")
        if may_end[i]:
            start = ending.get(i, _UNREAD)
            if start is _UNREAD:
                start = ending[i] = noun_phrase_start(words, i, 0)
            if start is None or start < first:
                start = noun_phrase_start(words, i, first)
            if start is not None:  # the phrase [start, i + 1)
                add(start, i + 1, "np")
        if i in time_starts:  # words.is_time_start(i)
            end = words.end_of("time_nouns", i)
            k = end
            while k < last and words.is_number(k):
                k += 1
            add(i, k, "time")
    for filler in rule_arguments:
        add(filler.phrase.start, filler.phrase.end, "rule")
    for start, end, _ in tagged:
        add(start, end, "crf")
    # Single nominal words ("word"): a word that only this source proposes is almost never an argument: on BKEE,
    # VHE and seed train, 42 of 14,196 such candidates had a role (0.3%, against 11% of the others); scoring them
    # cost a tenth of the pairs. The source stays a feature of the candidates other sources propose, so it is
    # added to those alone (the same candidates as proposing every nominal word and leaving out the ones it alone
    # proposed, without making them).
    for (start, end), sources in out.items():
        if end == start + 1 and words.is_nominal(start):
            sources.add("word")
    # A name or noun phrase with a parenthesis after it, the parenthesis included: BKEE's annotators take an
    # apposition in brackets into the span ("Bùi Mạnh Duy ( 19 tuổi )", "Công ty ... ( BMF )"), about 90
    # arguments of BKEE and VHE train that no other source proposed.
    texts = words.texts
    for (start, end), sources in list(out.items()):
        if end < last and texts[end] == "(" and not sources.isdisjoint(_BRACKETED):
            for k in range(end + 1, min(last, start + MAX_LENGTH)):
                if texts[k] in _BRACKETS:
                    if texts[k] == ")":
                        add(start, k + 1, "paren")
                    break
    return out


_UNREAD = object()  # a word whose phrase from the text's edge is not read yet (the phrase may be None)
_BRACKETED = frozenset({"ent", "np", "crf"})  # the sources whose phrase a bracketed apposition extends
_BRACKETS = frozenset({"(", ")"})


# What the pair features read, as strings made once (the same objects every time, their hashes kept):
# the side and distance bucket, the candidate's length, and the commas and verbs between.
_SIDE_DISTANCE = {side: [side + _bucket(d) for d in range(12)] for side in "LR"}  # distance 11 and over: "11+"
_LENGTH = ("0", "1", "2", "3", "4+")
_BETWEEN = {side: [[f"{side}{c}{v}" for v in range(3)] for c in range(3)] for side in "LR"}


def _between_counts(words, lo: int, hi: int) -> tuple[list[int], list[int]]:
    """How many clause boundaries (commas included) and verbs lie in words ``[lo, i)``, for each ``i`` in
    ``[lo, hi]``: the count between two words is then a subtraction, not a loop per pair."""
    boundaries, verbs = words.boundary_counts()
    return [b - boundaries[lo] for b in boundaries[lo : hi + 1]], [v - verbs[lo] for v in verbs[lo : hi + 1]]


class TriggerPrefixes:
    """The beginnings of one trigger's pair features, rendered once per trigger: each feature of a pair is
    ``prefix + value``, the value one of the strings already made (a word, a tag, a label ...)."""

    def __init__(self, feats: DocFeatures, trigger: Candidate, genre: str):
        etype = trigger.type
        tword = feats.trigger_word(trigger)
        voice = "pv" if trigger.passive else "av"
        self.etype = (
            f"T={etype}",
            f"T|S={etype}|",
            f"T|part={etype}|",
            f"T|h={etype}|",
            f"G|h={genre}|",
            f"T|t={etype}|",
            f"T|n={etype}|",
            f"T|pw={etype}|",
            f"T|nw={etype}|",
            f"T|btw={etype}|",
            f"G|btw={genre}|",
            f"T|r={etype}|",
            f"G|T|r={genre}|{etype}|",
            f"T|c={etype}|",
            f"G|T|c={genre}|{etype}|",
            f"tw|h={tword}|",
            f"T|src={etype}|",
        )
        self.side = {
            side: (
                f"T|S|L={etype}|{side}|",
                f"G|T|S|L={genre}|{etype}|{side}|",
                f"T|S|ht={etype}|{side}|",
                f"S|pw={side}|",
                f"tw|S|L={tword}|{side}|",
                f"T|v|S={etype}|{voice}|{side}",
            )
            for side in "LR"
        }
        self.length = tuple(f"G|n|L={genre}|{length}|" for length in _LENGTH)


def pair_keys(
    feats: DocFeatures,
    span: tuple[int, int],
    sources: set[str],
    trigger: Candidate,
    first: int,
    last: int,
    rule_roles: dict[tuple[int, int], str],
    tagged: dict[tuple[int, int], str],
    prefixes: TriggerPrefixes,
    counts: tuple[int, list[int], list[int]],
) -> list[tuple[str, str]]:
    """The features of one (trigger, candidate) pair as ``(prefix, value)``: the feature is ``prefix + value``
    (``name=value|value...``, as the classifier was trained on). The run time reads their rows without making
    them (:class:`PairRows`, which a test holds to these keys); training renders them (:func:`pair_rows`).

    ``counts``: the first word ``lo`` and :func:`_between_counts` of words ``[lo, hi)``, a range holding the
    trigger and ``[first, last)``.
    """
    words, folded, tags = feats.words, feats.folded, feats.tags
    start, end = span
    if end <= trigger.start:
        side, dist = "L", trigger.start - end + 1
        lo, hi = end, trigger.start
    else:
        side, dist = "R", start - trigger.end + 1
        lo, hi = trigger.end, start
    sd = _SIDE_DISTANCE[side][min(dist, 11)]
    ent = words.entity_at.get(start)
    label = ent.label_ if ent is not None and ent.start == start and ent.end == end else "OTHER"
    inside = words.entity_at.get(end - 1)
    part = inside.label_ if inside is not None else "-"
    head, tail = folded[start], folded[end - 1]
    n = min(end - start, 4)
    length = _LENGTH[n]
    prev = folded[start - 1] if start - 1 >= first else "<s>"
    nxt = folded[end] if end < last else "</s>"
    base, boundaries, verbs = counts
    commas = boundaries[hi - base] - boundaries[lo - base]
    n_verbs = verbs[hi - base] - verbs[lo - base]
    between = _BETWEEN[side][min(commas, 2)][min(n_verbs, 2)]
    rule = rule_roles.get(span, "-")
    crf = tagged.get(span, "-")
    start_tag = tags[start]
    (
        t,
        t_s,
        t_part,
        t_h,
        g_h,
        t_t,
        t_n,
        t_pw,
        t_nw,
        t_btw,
        g_btw,
        t_r,
        g_t_r,
        t_c,
        g_t_c,
        tw_h,
        t_src,
    ) = prefixes.etype
    t_s_l, g_t_s_l, t_s_ht, s_pw, tw_s_l, t_v_s = prefixes.side[side]
    out = [
        ("bias", ""),
        (t, ""),
        ("S=", sd),
        (t_s, sd),
        (t_s_l, label),
        (g_t_s_l, label),
        ("L=", label),
        (t_part, part),
        ("h=", head),
        (t_h, head),
        (g_h, head),
        ("t=", tail),
        (t_t, tail),
        ("ht=", start_tag),
        (t_s_ht, start_tag),
        ("tt=", tags[end - 1]),
        ("n=", length),
        (t_n, length),
        (prefixes.length[n], label),
        ("pw=", prev),
        (t_pw, prev),
        (s_pw, prev),
        ("nw=", nxt),
        (t_nw, nxt),
        ("btw=", between),
        (t_btw, between),
        (g_btw, between),
        ("r=", rule),
        (t_r, rule),
        (g_t_r, rule),
        ("c=", crf),
        (t_c, crf),
        (g_t_c, crf),
        (tw_s_l, label),
        (tw_h, head),
        (t_v_s, ""),
    ]
    ordered = sorted(sources)
    for source in ordered:
        out.append(("src=", source))
        out.append((t_src, source))
    out.append(("srcs=", "+".join(ordered)))
    return out


def render(key: tuple[str, str]) -> str:
    """The feature string of a key of :func:`pair_keys`: what the classifier was trained on."""
    return key[0] + key[1]


@dataclass
class PairwiseScorer:
    """The classifier's weights: ``index`` feature -> row of ``weights`` (features x roles), ``roles`` its columns."""

    index: dict[str, int]
    weights: np.ndarray
    bias: np.ndarray
    roles: list[str]
    threshold: float = THRESHOLD
    # The threshold per genre where it differs (the file's "thresholds"), and how much the trigger's own
    # probability counts: a role is read when P(role) * trigger.score ** trigger_power reaches the threshold
    # (see read_arguments; 0: the trigger's probability is not read).
    thresholds: dict[str, float] = field(default_factory=dict)
    trigger_power: float = 0.0
    pair_rows: PairRows | None = field(default=None, repr=False, compare=False)  # the run time's (read_arguments)

    @classmethod
    def from_json(cls, data: bytes, where: str = "") -> PairwiseScorer:
        """Read the weights :func:`fit` wrote (``{"roles", "bias", "threshold", "weights": {feature: [[column,
        weight], ...]}}``): only the weights the pruning kept, so the file stays small.

        Parsing the shipped file (4.9 MB of JSON, 77,205 features) costs about 0.3 CPU s, paid by every
        process before its first document; :func:`pipeline.startup.cached` keeps what it gives as plain data
        (the features in row order, the non-zero weights' flat positions and float32 values, the bias's
        float64 bytes), read back in about 0.03 s, keyed by the file and this module's source. The arrays are
        rebuilt from the very bytes the parse gave, so the weights are the same to the bit.
        """
        import sys

        from pipeline.startup import cached, source_of

        def compute() -> tuple:
            scorer = cls._parse(data, where)
            flat = np.flatnonzero(scorer.weights)
            values = scorer.weights.ravel()[flat]
            return (
                list(scorer.index),
                scorer.weights.shape,
                flat.astype(np.int64).tobytes(),
                values.tobytes(),
                scorer.bias.tobytes(),
                scorer.roles,
                scorer.threshold,
                scorer.thresholds,
                scorer.trigger_power,
            )

        made_from = [data, np.__version__, *source_of(sys.modules[__name__])]
        features, shape, flat, values, bias, roles, threshold, thresholds, power = cached(
            "pairwise-weights", made_from, compute
        )
        weights = np.zeros(shape, dtype=np.float32)
        weights.flat[np.frombuffer(flat, dtype=np.int64)] = np.frombuffer(values, dtype=np.float32)
        index = {feature: row for row, feature in enumerate(features)}
        bias = np.frombuffer(bias, dtype=np.float64).copy()
        return cls(index, weights, bias, list(roles), threshold, dict(thresholds), power)

    @classmethod
    def _parse(cls, data: bytes, where: str) -> PairwiseScorer:
        """:meth:`from_json` without the start-up cache: the JSON parsed."""
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
        thresholds = {str(genre): float(t) for genre, t in record.get("thresholds", {}).items()}
        power = float(record.get("trigger_power", 0.0))
        return cls(index, weights, bias, roles, float(record.get("threshold", THRESHOLD)), thresholds, power)

    def probabilities(self, rows: list[list[str]]) -> np.ndarray:
        """P(role | pair) for each pair's features: one gather and sum per pair, each role's logistic,
        normalised over the roles (as scikit-learn's one-vs-rest ``predict_proba``)."""
        unknown = len(self.index)
        index = self.index
        return self.probabilities_of_rows([[index.get(f, unknown) for f in features] for features in rows])

    def probabilities_of_rows(self, ids: list[list[int]] | np.ndarray) -> np.ndarray:
        """:meth:`probabilities` for pairs given as their features' rows (the unknown features' row: ``len(index)``),
        lists or an array of pairs x features (padded with the unknown row, which adds 0.0)."""
        if isinstance(ids, np.ndarray):
            padded = ids
        else:
            unknown = len(self.index)
            width = max((len(x) for x in ids), default=0)
            padded = np.array([x + [unknown] * (width - len(x)) for x in ids], dtype=np.int64).reshape(len(ids), width)
        scores = add_rows(self.weights, padded)  # float32 weights added as float64, in the features' order
        scores += self.bias
        np.negative(scores, out=scores)
        np.exp(scores, out=scores)
        scores += 1.0
        np.reciprocal(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        return scores


# Feature keys PairRows remembers: BKEE dev's 223 documents make 65,000, the first 40 of them 20,000.
_MOST_KEYS = 1 << 17


def fit(
    rows: list[list[str]],
    labels: list[str],
    alpha: float = 3e-5,
    epochs: int = 15,
    min_count: int = 2,
    prune: float = 0.02,
    threshold: float = THRESHOLD,
    average: bool = False,
    thresholds: dict[str, float] | None = None,
    trigger_power: float = 0.0,
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
    model = SGDClassifier(
        loss="log_loss",
        alpha=alpha,
        max_iter=epochs,
        tol=None,
        random_state=0,
        average=average,
    )
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
        **({"thresholds": thresholds} if thresholds else {}),
        **({"trigger_power": trigger_power} if trigger_power else {}),
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
    return _choose(spans, *_best_roles(probabilities, roles), roles, threshold)


def _best_roles(probabilities: np.ndarray, roles: list[str]) -> tuple[list[float], list[int]]:
    """Each candidate's likeliest role other than ``none`` (its column) and that role's probability. Row by row: the
    same for the rows of many triggers at once as for each trigger's alone (one set of numpy calls per text, where
    a set per trigger cost more than the work)."""
    scores = probabilities.copy()
    scores[:, roles.index(NONE)] = -1.0
    best = scores.argmax(axis=1)
    # Each candidate's best probability read at once (numpy's scalars one by one cost more), the same floats.
    return scores[np.arange(len(best)), best].tolist(), best.tolist()


def _choose(
    spans: list[tuple[int, int]], top: list[float], best: list[int], roles: list[str], threshold: float
) -> list[tuple[int, int, str, float]]:
    """:func:`decode` of candidates given their :func:`_best_roles`."""
    order = sorted(
        ((p, start, end, roles[b]) for p, b, (start, end) in zip(top, best, spans) if p >= threshold),
        key=lambda x: -x[0],
    )
    chosen: list[tuple[int, int, str, float]] = []
    for p, start, end, role in order:
        if all(end <= s or e <= start for s, e, _, _ in chosen):
            chosen.append((start, end, role, p))
    chosen.sort()
    return chosen


class PairRows:
    """The weight rows of the :func:`pair_keys` of every candidate of many triggers at once, without making the keys.

    A pair's keys are ``prefix + value``: the prefix depends on the trigger (its type, word, voice, the genre) and
    the candidate's side of it, the value on the candidate (its head, last word, tags, entity label, length, the
    words around it, what lies between, the rules' and the CRF's roles, its sources). The values are read as
    arrays of ids with numpy for all the candidates of a text (only the roles and the sources per candidate, in
    Python), and the pairs of ids are looked up at once (:class:`~pipeline.events.crf.PackedRows`), where looking
    up the 40 keys of each pair one by one in Python was a third of the classifier's time. The rows are those of
    the keys, in their order, the sources' padded at the end with the unknown row: a test checks it on real text.
    """

    FIXED = 36  # the keys before the sources'

    def __init__(self, scorer: PairwiseScorer, limit: int | None = None):
        self.limit = _MOST_KEYS if limit is None else limit
        self.packed = PackedRows(scorer.index, len(scorer.index), self.limit)
        self._forget()

    def _forget(self) -> None:
        packed = self.packed
        packed.forget()
        value = packed.value
        self.triggers: dict[tuple[str, str, str, str], tuple[np.ndarray, int]] = {}  # -> L/R prefix ids, T|src=
        self.sources: dict[tuple[str, ...], tuple[int, ...]] = {}  # sorted sources -> their value ids, joined's
        self.lengths: dict[str, np.ndarray] = {}  # genre -> the prefix ids of G|n|L= by length
        self.side_distance = np.array([[value(x) for x in _SIDE_DISTANCE[side]] for side in "LR"], dtype=np.int64)
        self.between = np.array([[[value(x) for x in row] for row in _BETWEEN[side]] for side in "LR"], dtype=np.int64)
        self.length = np.array([value(x) for x in _LENGTH], dtype=np.int64)
        self.empty, self.open, self.close = value(""), value("<s>"), value("</s>")
        self.other, self.dash = value("OTHER"), value("-")
        self.source_prefix, self.sources_prefix = packed.prefix("src="), packed.prefix("srcs=")
        self.pad = packed.prefix("\0")  # no feature: the unknown row

    def _trigger(self, key: tuple[str, str, str, str]) -> tuple[np.ndarray, int]:
        """The prefix ids of the fixed keys of a trigger's pairs on each side (L, R; the length's, which depends on
        the candidate, left 0) and its ``T|src=``, from :class:`TriggerPrefixes`."""
        etype, tword, voice, genre = key
        prefix = self.packed.prefix
        lines = []
        for side in "LR":
            line = (
                "bias",
                f"T={etype}",
                "S=",
                f"T|S={etype}|",
                f"T|S|L={etype}|{side}|",
                f"G|T|S|L={genre}|{etype}|{side}|",
                "L=",
                f"T|part={etype}|",
                "h=",
                f"T|h={etype}|",
                f"G|h={genre}|",
                "t=",
                f"T|t={etype}|",
                "ht=",
                f"T|S|ht={etype}|{side}|",
                "tt=",
                "n=",
                f"T|n={etype}|",
                None,  # G|n|L=: by the candidate's length
                "pw=",
                f"T|pw={etype}|",
                f"S|pw={side}|",
                "nw=",
                f"T|nw={etype}|",
                "btw=",
                f"T|btw={etype}|",
                f"G|btw={genre}|",
                "r=",
                f"T|r={etype}|",
                f"G|T|r={genre}|{etype}|",
                "c=",
                f"T|c={etype}|",
                f"G|T|c={genre}|{etype}|",
                f"tw|S|L={tword}|{side}|",
                f"tw|h={tword}|",
                f"T|v|S={etype}|{voice}|{side}",
            )
            lines.append([0 if p is None else prefix(p) for p in line])
        out = self.triggers[key] = (np.array(lines, dtype=np.int64), prefix(f"T|src={etype}|"))
        return out

    def _sources(self, ordered: tuple[str, ...]) -> tuple[int, ...]:
        value = self.packed.value
        out = self.sources[ordered] = (*(value(s) for s in ordered), value("+".join(ordered)))
        return out

    def rows(
        self,
        feats: DocFeatures,
        triggers: list[tuple[int, int, Candidate, list[RoleFiller], list[tuple[int, int, str]]]],
        candidates: list[dict[tuple[int, int], set[str]]],
        genre: str,
    ) -> tuple[np.ndarray, list[list[tuple[int, int]]]]:
        """The rows of the pairs of each trigger (``(first, last, trigger, rule_arguments, tagged)``, as
        :func:`read_arguments` takes them) with its candidates (its :func:`candidate_spans`, in the order of their
        spans), one trigger after another (pairs x features), and each trigger's candidates' spans."""
        packed = self.packed
        if packed.start() or len(self.triggers) + len(self.sources) > self.limit:
            self._forget()
        value = packed.value
        spans_of: list[list[tuple[int, int]]] = []
        starts, ends, jobs, rules, crfs, sources = [], [], [], [], [], []
        get_sources = self.sources.get
        for k, ((*_, rule_arguments, tagged), found) in enumerate(zip(triggers, candidates)):
            spans = sorted(found)
            spans_of.append(spans)
            if not spans:
                continue
            rule_roles = {(f.phrase.start, f.phrase.end): time_class(f.role) for f in rule_arguments}
            crf_roles = {(start, end): role for start, end, role in tagged}
            # Per candidate, in map and list calls where a loop appended to six lists (a fifth of this under
            # line_profiler: about 130 candidates per text).
            starts += [start for start, _ in spans]
            ends += [end for _, end in spans]
            jobs += [k] * len(spans)
            rules += map(rule_roles.get, spans, repeat("-"))
            crfs += map(crf_roles.get, spans, repeat("-"))
            for ordered in [tuple(sorted(found[span])) for span in spans]:
                sources.append(get_sources(ordered) or self._sources(ordered))
        if not starts:
            return np.zeros((0, self.FIXED), dtype=np.intp), spans_of
        words = feats.words
        lo = min(min(first, trigger.start) for first, _, trigger, *_ in triggers)
        hi = max(max(last, trigger.end) for _, last, trigger, *_ in triggers)
        # Each word's value ids from lo to hi, and a padding (read where a mask then takes another value).
        ids = packed.value_ids
        word = np.array([*ids(feats.folded[lo:hi]), self.close], dtype=np.int64)
        tag = np.array([*ids(feats.tags[lo:hi]), self.close], dtype=np.int64)
        # The entity each word is in (any label): its start, end and label id; -1 where none.
        ent_start = np.full(hi - lo + 1, -1, dtype=np.int64)
        ent_end, ent_label = ent_start.copy(), ent_start.copy()
        ents = words.ents
        k = max(bisect_left(words._ent_starts, lo) - 1, 0)  # the entities overlap none: one may start before lo
        for ent in ents[k:]:
            if ent.start >= hi:
                break
            if ent.end <= lo:
                continue
            a, b = max(ent.start, lo) - lo, min(ent.end, hi) - lo
            ent_start[a:b], ent_end[a:b], ent_label[a:b] = ent.start, ent.end, value(ent.label_)
        boundaries, verbs = words.boundary_arrays()
        start, end = np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64)
        job = np.array(jobs, dtype=np.intp)
        first = np.array([t[0] for t in triggers], dtype=np.int64)[job]
        last = np.array([t[1] for t in triggers], dtype=np.int64)[job]
        trigger_start = np.array([t[2].start for t in triggers], dtype=np.int64)[job]
        trigger_end = np.array([t[2].end for t in triggers], dtype=np.int64)[job]
        left = end <= trigger_start
        side = np.where(left, 0, 1)
        distance = np.minimum(np.where(left, trigger_start - end + 1, start - trigger_end + 1), 11)
        near, far = np.where(left, end, trigger_end), np.where(left, trigger_start, start)  # the words between
        commas = np.minimum(boundaries[far] - boundaries[near], 2)
        n_verbs = np.minimum(verbs[far] - verbs[near], 2)
        at, at_last = start - lo, end - 1 - lo
        exact = (ent_start[at] == start) & (ent_end[at] == end)
        label = np.where(exact, ent_label[at], self.other)
        part = np.where(ent_label[at_last] >= 0, ent_label[at_last], self.dash)
        head, tail = word[at], word[at_last]
        n = np.minimum(end - start, 4)
        length = self.length[n]
        previous = np.where(start - 1 >= first, word[at - 1], self.open)
        following = np.where(end < last, word[end - lo], self.close)
        start_tag, end_tag = tag[at], tag[at_last]
        place = self.side_distance[side, distance]
        between = self.between[side, commas, n_verbs]
        rule = np.array(ids(rules), dtype=np.int64)
        crf = np.array(ids(crfs), dtype=np.int64)
        empty = np.full(len(start), self.empty, dtype=np.int64)
        values = np.stack(
            [
                *(empty, empty, place, place, label, label, label, part, head, head, head, tail, tail),
                *(start_tag, start_tag, end_tag, length, length, label, previous, previous, previous),
                *(following, following, between, between, between, rule, rule, rule, crf, crf, crf),
                *(label, head, empty),
            ],
            axis=1,
        )
        # Each trigger's prefixes: 2 lines (L, R) each; then the length's, by the candidate.
        lines, source_prefixes = [], []
        for _, _, trigger, _, _ in triggers:
            key = (trigger.type, feats.trigger_word(trigger), "pv" if trigger.passive else "av", genre)
            found = self.triggers.get(key)
            if found is None:
                found = self._trigger(key)
            lines.append(found[0])
            source_prefixes.append(found[1])
        prefixes = np.concatenate(lines)[2 * job + side]
        by_length = self.lengths.get(genre)
        if by_length is None:
            by_length = self.lengths[genre] = np.array(
                [self.packed.prefix(f"G|n|L={genre}|{x}|") for x in _LENGTH], dtype=np.int64
            )
        prefixes[:, 18] = by_length[n]
        # The sources' keys: src= and T|src= of each source, in order, then srcs=; padded with no feature. Made
        # once per set of sources in the batch (a few dozen), then gathered; T|src= (-1 here) is the trigger's.
        kinds = {numbers: k for k, numbers in enumerate(dict.fromkeys(sources))}
        width = 2 * max(map(len, kinds)) - 1
        kind_values = np.full((len(kinds), width), self.empty, dtype=np.int64)
        kind_keys = np.full((len(kinds), width), self.pad, dtype=np.int64)
        for numbers, k in kinds.items():
            m = len(numbers) - 1
            kind_values[k, : 2 * m : 2] = kind_values[k, 1 : 2 * m : 2] = numbers[:m]
            kind_values[k, 2 * m] = numbers[m]
            kind_keys[k, : 2 * m : 2] = self.source_prefix
            kind_keys[k, 1 : 2 * m : 2] = -1
            kind_keys[k, 2 * m] = self.sources_prefix
        kind = np.array([kinds[numbers] for numbers in sources], dtype=np.intp)
        source_keys = kind_keys[kind]
        source_keys = np.where(source_keys < 0, np.array(source_prefixes, dtype=np.int64)[job][:, None], source_keys)
        found = packed(np.hstack([prefixes, source_keys]), np.hstack([values, kind_values[kind]]))
        return found, spans_of


def read_arguments(
    scorer: PairwiseScorer,
    feats: DocFeatures,
    triggers: list[tuple[int, int, Candidate, list[RoleFiller], list[tuple[int, int, str]]]],
    genre: str,
) -> list[list[tuple[int, int, str]]]:
    """The arguments of each trigger among words ``[first, last)``: ``(start, end, role)``, every time role as
    ``Time``; ``triggers`` gives each trigger as ``(first, last, trigger, rule_arguments, tagged)``.

    ``tagged``: what the argument CRF labelled there (candidates, and a feature: the classifier
    learnt, on cross-fitted CRF output, when to trust it). The pairs of all the triggers are scored
    at once (a pair's probabilities are its own: the same whatever else is scored with it).
    """
    reader = scorer.pair_rows
    if reader is None:
        reader = scorer.pair_rows = PairRows(scorer)
    candidates = [candidate_spans(feats, first, last, *rest) for first, last, *rest in triggers]
    rows, spans_of = reader.rows(feats, triggers, candidates, genre)
    if not len(rows):
        return [[] for _ in triggers]
    probabilities = scorer.probabilities_of_rows(rows)
    threshold, power = scorer.thresholds.get(genre, scorer.threshold), scorer.trigger_power
    if power:
        # An argument of a false trigger is a false argument: a doubtful trigger's arguments need more of their own
        # probability (a lexicon trigger has no score and is taken as sure: its rows times 1.0, unchanged). Each
        # row times its trigger's factor: the products decode took trigger by trigger, for all the rows at once.
        factors = [1.0 if trigger.score is None else trigger.score**power for _, _, trigger, *_ in triggers]
        probabilities = probabilities * np.repeat(factors, [len(spans) for spans in spans_of])[:, None]
    top, best = _best_roles(probabilities, scorer.roles)
    out, at = [], 0
    for spans in spans_of:
        chosen = _choose(spans, top[at : at + len(spans)], best[at : at + len(spans)], scorer.roles, threshold)
        out.append([(start, end, role) for start, end, role, _ in chosen])
        at += len(spans)
    return out


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
    keys, spans = candidate_keys(feats, first, last, trigger, rule_arguments, tagged, genre)
    return [[render(key) for key in pair] for pair in keys], spans


def candidate_keys(
    feats: DocFeatures,
    first: int,
    last: int,
    trigger: Candidate,
    rule_arguments: list[RoleFiller],
    tagged: list[tuple[int, int, str]],
    genre: str,
) -> tuple[list[list[tuple[str, str]]], list[tuple[int, int]]]:
    """The :func:`pair_keys` of each candidate filler of ``trigger`` and the candidates' spans, in the same
    order: what :func:`read_arguments` looks up and :func:`pair_rows` renders for training."""
    candidates = candidate_spans(feats, first, last, trigger, rule_arguments, tagged)
    if not candidates:
        return [], []
    rule_roles = {(f.phrase.start, f.phrase.end): time_class(f.role) for f in rule_arguments}
    crf_roles = {(start, end): role for start, end, role in tagged}
    counts = (0, *feats.words.boundary_counts())  # the document's, from its first word
    spans = sorted(candidates)
    prefixes = TriggerPrefixes(feats, trigger, genre)
    keys = [
        pair_keys(feats, span, candidates[span], trigger, first, last, rule_roles, crf_roles, prefixes, counts)
        for span in spans
    ]
    return keys, spans

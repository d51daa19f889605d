"""Second opinions on the trigger tagger's words: what round ``evacc3`` (issue 12) tried beyond more CRF features.

    python bench/events_second_opinion.py marginals CACHE OUT [--model M]    # the dev marginals of a tagger, once
    python bench/events_second_opinion.py crossfit CACHE OUT [--folds 2]     # cross-fitted marginals on train
    python bench/events_second_opinion.py bands CACHE MARGINALS              # a threshold per frequency band
    python bench/events_second_opinion.py stack CACHE CROSSFIT MARGINALS [--C 0.3 1]
                                                                              # a logistic regression over each word
    python bench/events_second_opinion.py lemmas CACHE CROSSFIT MARGINALS [--least 20]
                                                                              # a threshold per word, chosen on train
    python bench/events_second_opinion.py fit CACHE OUT --corpora vhe-train [--c1 C]
                                                                              # a tagger of some training corpora
    python bench/events_second_opinion.py mix CACHE MARGINALS[:WEIGHT] ...   # taggers' marginals averaged
    python bench/events_second_opinion.py lstm CACHE OUT [--epochs 3]        # a BiLSTM tagger from scratch (torch)
    python bench/events_second_opinion.py corpora [--window N] [--bare P] -- ARGS
                                       # bench/events_corpora.py ARGS, the argument window or the extractor changed

``CACHE`` is :mod:`bench.events_triggers`'s (``python bench/events_triggers.py cache DIR``): what the trigger
tagger reads of each sentence of BKEE and VHE train and dev. Every figure is the trigger stage alone (trigger
classification, exact spans, the words' marginals over a threshold, as ``events_triggers.py sweep``), so close
to but not the same as ``bench/events_corpora.py``'s.

- ``bands``: the word's threshold by its trigger rate in train (unseen, <.1, <.3, <.6, >=.6) or its count of
  trigger uses (0, <5, <30, 30+), each band's chosen on dev by coordinate ascent from the shipped threshold
  (an upper bound: dev picks five numbers).
- ``stack``: a second opinion on every word the tagger gives P(not O) >= 0.02: a logistic regression over the
  tagger's probability (its logit, binned, by genre), the word, its UPOS, its likeliest type, and what the
  tagger says of the rest of its document (the mass of that type on the document's other words and the
  sentence's, how often the word recurs, its probability in the title, the sentence's place). Trained on
  cross-fitted marginals of train (``crossfit``: a tagger fitted on half the documents tags the other half),
  applied to the shipped tagger's marginals on dev; a word is in a trigger when the regression says so over
  a threshold, with the tagger's type.
- ``lemmas``: a threshold per word (of the words met ``--least`` times or more among the tagger's likely words
  of a training corpus), chosen on the cross-fitted marginals of train (coordinate ascent on the corpus's
  word-level F1, twice over the words), the genre's shipped threshold for the others; applied to dev.
- ``fit`` / ``mix``: a tagger of one corpus (VHE train alone: a tagger for the annals) and the average of
  taggers' marginals (the shipped tagger with it).

- ``lstm``: a second tagger that reads the whole sentence, trained from scratch (torch, CPU, no pretrained
  weights): embeddings of the word (seen twice or more in train), its first and last syllable, its VLSP tag, UPOS,
  the lexicon's label and the genre, a one-layer BiLSTM (128 each way), a softmax over the same IO labels; Adam,
  batches of 32 sentences, dropout 0.3, seed 0. Its dev probabilities after each epoch are written as
  ``OUT{epoch}.pkl``, for ``mix`` with the shipped tagger's.
- ``corpora``: ``bench/events_corpora.py`` run with the component changed for the run alone: ``--window N``, the
  words on each side of a trigger where its arguments are looked for (``pipeline.events.trained.ARGUMENT_WINDOW``,
  20; the classifier not refit); ``--bare P``, a model's trigger under probability P that got no argument left
  out (is a trigger with no participant in the sentence less often right?).

Dev only: the held-out gold is never read here.
"""

from __future__ import annotations

import argparse
import math
import pickle
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import events_triggers as et  # noqa: E402

THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
SHIPPED = {"bkee-dev": 0.25, "vhe-dev": 0.35}


def tagger_marginals(model: Path, sentences: list[dict]) -> tuple[list[str], list]:
    """The tagger's labels and, per sentence, its marginals (words x labels)."""
    import numpy as np
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    labels = tagger.labels()
    out = []
    for s in sentences:
        tagger.set(s["items"])
        out.append(np.array([[tagger.marginal(label, k) for label in labels] for k in range(len(s["words"]))]))
    return labels, out


def in_order(labels: list[str], marginals, reference: list[str]):
    """``marginals`` with its columns in the order of ``reference`` (a label the tagger lacks: 0)."""
    import numpy as np

    out = np.zeros((marginals.shape[0], len(reference)))
    for j, label in enumerate(labels):
        out[:, reference.index(label)] = marginals[:, j]
    return out


def save_marginals(cache: Path, model: Path, out: Path) -> None:
    per = {name: tagger_marginals(model, et.load(cache, name)["sentences"]) for name in et.DEV}
    with out.open("wb") as handle:
        pickle.dump(per, handle)


def crossfit(cache: Path, out: Path, folds: int) -> None:
    """Trigger taggers each fitted (the shipped recipe) on the training documents but a fold, and each
    sentence of BKEE and VHE train tagged by the one that did not see it."""
    import pycrfsuite

    out.mkdir(parents=True, exist_ok=True)
    per: dict[str, list] = {}
    for fold in range(folds):
        path = out / f"fold{fold}.crfsuite"
        if path.exists():  # fitted by an earlier run
            continue
        trainer = pycrfsuite.Trainer(verbose=False)
        for name in et.TRAIN:
            for s in et.load(cache, name)["sentences"]:
                if name == "seed" or s["doc"] % folds != fold:
                    trainer.append(s["items"], et.io_labels(s))
        trainer.set_params({"c1": 0.2, "c2": 0.01, "max_iterations": 100, "feature.possible_transitions": True})
        started = time.perf_counter()
        trainer.train(str(path))
        print(f"fold {fold}: {time.perf_counter() - started:.0f} s", flush=True)
    for name in ("bkee-train", "vhe-train"):
        sentences = et.load(cache, name)["sentences"]
        found: list = [None] * len(sentences)
        reference = None  # each fold's tagger has its labels in its own order: the first fold's order for all
        for fold in range(folds):
            which = [i for i, s in enumerate(sentences) if s["doc"] % folds == fold]
            labels, got = tagger_marginals(out / f"fold{fold}.crfsuite", [sentences[i] for i in which])
            reference = reference or labels
            for i, m in zip(which, got):
                found[i] = in_order(labels, m, reference)
        per[name] = (reference, found)
    with (out / "marginals.pkl").open("wb") as handle:
        pickle.dump(per, handle)


def read_marginals(path: Path) -> dict:
    with path.open("rb") as handle:
        return pickle.load(handle)


def decode_and_score(cache: Path, name: str, tags: list[list[str]]) -> dict:
    """Trigger classification of ``name`` with each sentence's word labels ``tags``."""
    data = et.load(cache, name)
    predicted = [et.decode_spans(t) for t in tags]
    return et.score(data["sentences"], predicted, sum(data["unaligned"].values()))


def thresholded(labels: list[str], marginals: list, thresholds: list) -> list[list[str]]:
    """Each word's likeliest type where its P(not O) is over its threshold (``thresholds``: per sentence, per
    word), else O."""
    import numpy as np

    outside, types, columns = _columns(labels)
    out = []
    for m, limits in zip(marginals, thresholds):
        best = np.argmax(m[:, columns], axis=1)
        out.append([types[best[k]] if 1 - m[k, outside] > limits[k] else "O" for k in range(len(m))])
    return out


def _columns(labels: list[str]) -> tuple[int, list[str], list[int]]:
    outside = labels.index("O")
    types = [label for label in labels if label != "O"]
    return outside, types, [labels.index(t) for t in types]


def bands(cache: Path, marginals: Path) -> None:

    seen = et.train_lexicon(cache)

    def band(word: str, scheme: str) -> str:
        counts = seen.get(word) or Counter()
        marked = sum(n for label, n in counts.items() if label != "O")
        if scheme == "count":
            return "0" if marked == 0 else "<5" if marked < 5 else "<30" if marked < 30 else "30+"
        if marked == 0:
            return "unseen"
        rate = marked / (marked + counts["O"])
        return "<.1" if rate < 0.1 else "<.3" if rate < 0.3 else "<.6" if rate < 0.6 else ">=.6"

    per = read_marginals(marginals)
    schemes = {"rate": ["unseen", "<.1", "<.3", "<.6", ">=.6"], "count": ["0", "<5", "<30", "30+"]}
    for scheme, names in schemes.items():
        for name in et.DEV:
            labels, found = per[name]
            sentences = et.load(cache, name)["sentences"]
            word_bands = [[band(w, scheme) for w in s["words"]] for s in sentences]

            thresholds = dict.fromkeys(names, SHIPPED[name])

            def run(chosen: dict, name=name, labels=labels, found=found, word_bands=word_bands) -> dict:
                limits = [[chosen[b] for b in sentence] for sentence in word_bands]
                return decode_and_score(cache, name, thresholded(labels, found, limits))

            print(f"{name} by {scheme}: one threshold {SHIPPED[name]}: {run(thresholds)}")
            for _ in range(2):
                for b in names:
                    tried = {t: run({**thresholds, b: t}) for t in (0.1, *THRESHOLDS, 0.6)}
                    thresholds[b] = max(tried, key=lambda t: (tried[t]["f1"], t == thresholds[b]))
            print(f"  per band {thresholds}: {run(thresholds)}", flush=True)


def _bin(p: float) -> str:
    for limit in (0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9):
        if p < limit:
            return str(limit)
    return "1"


def _count(x: float) -> str:
    return "0" if x < 0.5 else "1" if x < 1.5 else "2-3" if x < 3.5 else "4-7" if x < 7.5 else "8+"


LOWEST = 0.02  # the words the second opinion is asked about: the tagger's P(not O) at least this


def stack_rows(cache: Path, name: str, marginals: list, reference: list[str]) -> list[tuple]:
    """The words of ``name`` the tagger gives P(not O) >= :data:`LOWEST`: (sentence, word, type, features,
    whether the word is in a gold trigger). ``marginals`` in the order of ``reference``."""
    import numpy as np

    outside, types, columns = _columns(reference)
    data = et.load(cache, name)
    sentences, genre = data["sentences"], data["genre"]
    by_doc: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(sentences):
        by_doc[s["doc"]].append(i)
    out = []
    for indices in by_doc.values():
        mass = np.zeros(len(types))
        recurs: Counter = Counter()
        title: dict[str, float] = {}
        for i in indices:
            m, s = marginals[i], sentences[i]
            mass += m[:, columns].sum(axis=0)
            for k, w in enumerate(s["words"]):
                recurs[w] += 1
                if s["index"] == 0:
                    title[w] = max(title.get(w, 0.0), 1 - m[k, outside])
        for i in indices:
            m, s = marginals[i], sentences[i]
            inside = 1 - m[:, outside]
            sentence_mass = m[:, columns].sum(axis=0)
            gold = {k for a, b, _ in s["gold"] for k in range(a, b)}
            for k, w in enumerate(s["words"]):
                p = float(inside[k])
                if p < LOWEST:
                    continue
                j = int(np.argmax(m[k, columns]))
                t = types[j]
                own = m[k, columns[j]]
                logit = math.log(max(p, 1e-6) / max(1 - p, 1e-6))
                rest = _count(mass[j] - own)
                f = {
                    "bias": 1.0,
                    "logit": logit,
                    f"logit|g={genre}": logit,
                    f"logit|doc={rest}": logit,
                    f"p={_bin(p)}": 1,
                    f"p|g={_bin(p)}|{genre}": 1,
                    f"w={w}": 1,
                    f"w|g={w}|{genre}": 1,
                    f"w|u={w}|{s['upos'][k]}": 1,
                    f"u={s['upos'][k]}": 1,
                    f"t={t}": 1,
                    f"t|g={t}|{genre}": 1,
                    f"doc={rest}|{genre}": 1,
                    f"doc|t={rest}|{t}": 1,
                    f"sent={_count(sentence_mass[j] - own)}": 1,
                    f"recurs={_count(recurs[w] - 1)}|{genre}": 1,
                    f"si={et._sentence_bucket(s['index'])}|{genre}": 1,
                }
                if s["index"] and w in title:
                    f[f"title={_bin(title[w])}"] = 1
                out.append((i, k, t, f, int(k in gold)))
    return out


def _matrix(vectoriser, rows: list[tuple], fit: bool = False):
    import numpy as np

    dicts = [r[3] for r in rows]
    x = (vectoriser.fit_transform(dicts) if fit else vectoriser.transform(dicts)).tocsr()
    x.indices, x.indptr = x.indices.astype(np.int32), x.indptr.astype(np.int32)  # liblinear's index type
    return x


def stack(cache: Path, crossfitted: Path, marginals: Path, strengths: list[float]) -> None:
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    dev = read_marginals(marginals)
    reference = dev[et.DEV[0]][0]
    train = read_marginals(crossfitted)
    rows = []
    for name, (labels, found) in train.items():
        rows += stack_rows(cache, name, [in_order(labels, m, reference) for m in found], reference)
    vectoriser = DictVectorizer()
    x, y = _matrix(vectoriser, rows, fit=True), np.array([r[4] for r in rows])
    print(f"{len(rows)} training words, {int(y.sum())} in a trigger")
    dev_rows = {
        name: stack_rows(cache, name, [in_order(labels, m, reference) for m in found], reference)
        for name, (labels, found) in dev.items()
    }
    for c in strengths:
        model = LogisticRegression(C=c, max_iter=2000, solver="liblinear").fit(x, y)
        for name, got in dev_rows.items():
            q = model.predict_proba(_matrix(vectoriser, got))[:, 1]
            sentences = et.load(cache, name)["sentences"]
            cells = []
            for threshold in THRESHOLDS:
                tags = [["O"] * len(s["words"]) for s in sentences]
                for (i, k, t, _, _), qq in zip(got, q):
                    if qq > threshold:
                        tags[i][k] = t
                r = decode_and_score(cache, name, tags)
                cells.append(f"{threshold}: {r['f1']} ({r['tp']}/{r['fp']}/{r['fn']})")
            print(f"C {c} {name}: " + ", ".join(cells), flush=True)


LEMMA_GRID = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7)


def lemmas(cache: Path, crossfitted: Path, marginals: Path, least: int) -> None:
    import numpy as np

    train, dev = read_marginals(crossfitted), read_marginals(marginals)
    for train_name, dev_name in (("bkee-train", "bkee-dev"), ("vhe-train", "vhe-dev")):
        base = SHIPPED[dev_name]
        labels, found = train[train_name]
        outside, types, columns = _columns(labels)
        counts: dict[str, np.ndarray] = defaultdict(lambda: np.zeros((len(LEMMA_GRID), 3)))  # tp, fp, fn
        met: Counter = Counter()
        for s, m in zip(et.load(cache, train_name)["sentences"], found):
            gold = {k: t for a, b, t in s["gold"] for k in range(a, b)}
            for k, w in enumerate(s["words"]):
                p, g = 1 - m[k, outside], gold.get(k)
                if p < 0.05 and g is None:
                    continue
                t = types[int(np.argmax(m[k, columns]))][2:]  # the tagger's labels are I-<type>
                met[w] += 1
                for j, threshold in enumerate(LEMMA_GRID):
                    pred = t if p > threshold else None
                    counts[w][j] += [
                        pred is not None and pred == g,
                        pred is not None and pred != g,
                        g is not None and pred != g,
                    ]
        at = LEMMA_GRID.index(base)
        choice = dict.fromkeys(counts, at)
        total = sum(c[at] for c in counts.values())

        def f1(v) -> float:
            return 2 * v[0] / (2 * v[0] + v[1] + v[2])

        print(f"{train_name}: word-level F1 on train, one threshold {base}: {100 * f1(total):.1f}")
        chosen_words = [w for w in counts if met[w] >= least]
        for _ in range(2):
            for w in chosen_words:
                now = counts[w][choice[w]]
                best = max(range(len(LEMMA_GRID)), key=lambda j: (f1(total - now + counts[w][j]), j == choice[w]))
                total, choice[w] = total - now + counts[w][best], best
        per_word = {w: LEMMA_GRID[choice[w]] for w in chosen_words if choice[w] != at}
        print(f"  per word ({len(per_word)} of {len(chosen_words)} words changed): {100 * f1(total):.1f} on train")
        print("  " + ", ".join(f"{w} {t}" for w, t in sorted(per_word.items(), key=lambda kv: -met[kv[0]])[:20]))
        dev_labels, dev_found = dev[dev_name]
        sentences = et.load(cache, dev_name)["sentences"]
        for what, chosen in (("one threshold", {}), ("per word", per_word)):
            limits = [[chosen.get(w, base) for w in s["words"]] for s in sentences]
            got = decode_and_score(cache, dev_name, thresholded(dev_labels, dev_found, limits))
            print(f"  {dev_name}, {what}: {got}", flush=True)


def fit(cache: Path, out: Path, corpora: list[str], c1: float, c2: float, iterations: int) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for name in corpora:
        for s in et.load(cache, name)["sentences"]:
            trainer.append(s["items"], et.io_labels(s))
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True})
    started = time.perf_counter()
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    print(f"fit {out} on {corpora} c1={c1} c2={c2}: {time.perf_counter() - started:.0f} s")


def mix(cache: Path, specs: list[str]) -> None:
    """The weighted average of the marginals of several taggers (files of ``marginals``), swept."""

    loaded = []
    for spec in specs:
        path, _, weight = spec.partition(":")
        loaded.append((read_marginals(Path(path)), float(weight or 1)))
    total = sum(w for _, w in loaded)
    for name in et.DEV:
        reference = loaded[0][0][name][0]
        n = len(loaded[0][0][name][1])
        averaged = [
            sum(w * in_order(per[name][0], per[name][1][i], reference) for per, w in loaded) / total for i in range(n)
        ]
        cells = []
        for threshold in THRESHOLDS:
            r = decode_and_score(
                cache, name, thresholded(reference, averaged, [[threshold] * len(m) for m in averaged])
            )
            cells.append(f"{threshold}: {r['f1']} ({r['tp']}/{r['fp']}/{r['fn']})")
        print(f"{name}: " + ", ".join(cells), flush=True)


def lstm(cache: Path, out: str, epochs: int) -> None:
    import random

    import torch
    from torch import nn

    torch.set_num_threads(2)
    torch.manual_seed(0)
    random.seed(0)
    train = [(s, et.load(cache, n)["genre"]) for n in et.TRAIN for s in et.load(cache, n)["sentences"]]
    dev = {n: et.load(cache, n)["sentences"] for n in et.DEV}
    labels = sorted({y for s, _ in train for y in et.io_labels(s)}, key=lambda y: (y != "O", y))
    index = {label: i for i, label in enumerate(labels)}

    def vocabulary(counts: Counter, least: int = 1) -> dict[str, int]:
        v = {"<unk>": 0}
        for x, n in counts.items():
            if n >= least:
                v.setdefault(x, len(v))
        return v

    words = vocabulary(Counter(w for s, _ in train for w in s["words"]), 2)
    upos = vocabulary(Counter(u for s, _ in train for u in s["upos"]))
    tags = vocabulary(Counter(t for s, _ in train for t in s["tags"]))
    lexical = vocabulary(Counter(x for s, _ in train for x in s["lexical"]))
    sylls = vocabulary(Counter(y for s, _ in train for w in s["words"] for y in w.split()), 2)
    genres = {"news": 0, "annals": 1}

    def encode(s: dict, genre: str) -> list:
        def ids(table, seq):
            return torch.tensor([table.get(x, 0) for x in seq])

        return [
            ids(words, s["words"]),
            ids(upos, s["upos"]),
            ids(tags, s["tags"]),
            ids(lexical, s["lexical"]),
            torch.full((len(s["words"]),), genres[genre]),
            torch.tensor([sylls.get(w.split()[0], 0) if w.split() else 0 for w in s["words"]]),
            torch.tensor([sylls.get(w.split()[-1], 0) if w.split() else 0 for w in s["words"]]),
        ]

    class Tagger(nn.Module):
        def __init__(self):
            super().__init__()
            self.w, self.u = nn.Embedding(len(words), 100), nn.Embedding(len(upos), 16)
            self.t, self.lx = nn.Embedding(len(tags), 16), nn.Embedding(len(lexical), 16)
            self.g, self.sy = nn.Embedding(2, 8), nn.Embedding(len(sylls), 32)
            self.drop = nn.Dropout(0.3)
            self.rnn = nn.LSTM(100 + 16 * 3 + 8 + 64, 128, batch_first=True, bidirectional=True)
            self.out = nn.Linear(256 + 8, len(labels))

        def forward(self, w, u, t, lx, g, first, last):
            x = torch.cat([self.w(w), self.u(u), self.t(t), self.lx(lx), self.g(g), self.sy(first), self.sy(last)], -1)
            h, _ = self.rnn(self.drop(x))
            return self.out(torch.cat([self.drop(h), self.g(g)], -1))

    model = Tagger()
    optimiser = torch.optim.Adam(model.parameters(), 1e-3)
    data = [(encode(s, g), torch.tensor([index[y] for y in et.io_labels(s)])) for s, g in train]

    def pad(xs):
        return nn.utils.rnn.pad_sequence(xs, batch_first=True)

    for epoch in range(epochs):
        started, total = time.perf_counter(), 0.0
        order = list(range(len(data)))
        random.shuffle(order)
        for i in range(0, len(order), 32):
            batch = [data[j] for j in order[i : i + 32]]
            xs = [pad([x[0][k] for x in batch]) for k in range(7)]
            y = pad([x[1] for x in batch])
            mask = pad([torch.ones(len(x[1])) for x in batch]).bool()
            y[~mask] = -100
            loss = nn.functional.cross_entropy(model(*xs).reshape(-1, len(labels)), y.reshape(-1), ignore_index=-100)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += loss.item()
        print(f"epoch {epoch}: loss {total:.1f}, {time.perf_counter() - started:.0f} s", flush=True)
        model.eval()
        found = {}
        with torch.no_grad():
            for name, sentences in dev.items():
                genre = et.load(cache, name)["genre"]
                found[name] = (
                    labels,
                    [
                        torch.softmax(model(*[a.unsqueeze(0) for a in encode(s, genre)])[0], -1).numpy()
                        for s in sentences
                    ],
                )
        model.train()
        with open(f"{out}{epoch}.pkl", "wb") as handle:
            pickle.dump(found, handle)


def corpora(window: int | None, bare: float | None, rest: list[str]) -> None:
    import runpy

    import pipeline.events.component as component
    import pipeline.events.trained as trained

    if window is not None:
        trained.ARGUMENT_WINDOW = window  # read at each call by argument_window
    if bare is not None:
        extract = component.EventExtractor.__call__

        def call(self, doc):
            doc = extract(self, doc)
            doc.user_data["songngu_events"] = [
                e
                for e in doc.user_data.get("songngu_events", [])
                if not (e.source.startswith("model:") and e.score is not None and e.score < bare and not e.arguments)
            ]
            return doc

        component.EventExtractor.__call__ = call
    sys.argv = [str(ROOT / "bench" / "events_corpora.py"), *rest]
    runpy.run_path(sys.argv[0], run_name="__main__")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("marginals")
    m.add_argument("cache", type=Path)
    m.add_argument("out", type=Path)
    m.add_argument("--model", type=Path, default=ROOT / "models" / "events-crf" / "triggers.crfsuite")
    x = sub.add_parser("crossfit")
    x.add_argument("cache", type=Path)
    x.add_argument("out", type=Path)
    x.add_argument("--folds", type=int, default=2)
    b = sub.add_parser("bands")
    b.add_argument("cache", type=Path)
    b.add_argument("marginals", type=Path)
    s = sub.add_parser("stack")
    s.add_argument("cache", type=Path)
    s.add_argument("crossfit", type=Path, help="the crossfit command's marginals.pkl")
    s.add_argument("marginals", type=Path)
    s.add_argument("--C", type=float, nargs="*", default=[0.3, 1.0])
    le = sub.add_parser("lemmas")
    le.add_argument("cache", type=Path)
    le.add_argument("crossfit", type=Path, help="the crossfit command's marginals.pkl")
    le.add_argument("marginals", type=Path)
    le.add_argument("--least", type=int, default=20)
    f = sub.add_parser("fit")
    f.add_argument("cache", type=Path)
    f.add_argument("out", type=Path)
    f.add_argument("--corpora", nargs="+", default=["vhe-train"], choices=list(et.TRAIN))
    f.add_argument("--c1", type=float, default=0.2)
    f.add_argument("--c2", type=float, default=0.01)
    f.add_argument("--iterations", type=int, default=100)
    mx = sub.add_parser("mix")
    mx.add_argument("cache", type=Path)
    mx.add_argument("marginals", nargs="+", help="FILE[:WEIGHT], files of the marginals command")
    ls = sub.add_parser("lstm")
    ls.add_argument("cache", type=Path)
    ls.add_argument("out", help="the dev probabilities go to OUT0.pkl, OUT1.pkl ... (one per epoch)")
    ls.add_argument("--epochs", type=int, default=3)
    w = sub.add_parser("corpora")
    w.add_argument("--window", type=int, default=None)
    w.add_argument("--bare", type=float, default=None)
    w.add_argument("rest", nargs=argparse.REMAINDER, help="-- then bench/events_corpora.py's arguments")
    args = parser.parse_args()
    if args.command == "corpora":
        corpora(args.window, args.bare, [a for a in args.rest if a != "--"])
    elif args.command == "lstm":
        lstm(args.cache, args.out, args.epochs)
    elif args.command == "marginals":
        save_marginals(args.cache, args.model, args.out)
    elif args.command == "crossfit":
        crossfit(args.cache, args.out, args.folds)
    elif args.command == "bands":
        bands(args.cache, args.marginals)
    elif args.command == "stack":
        stack(args.cache, args.crossfit, args.marginals, args.C)
    elif args.command == "lemmas":
        lemmas(args.cache, args.crossfit, args.marginals, args.least)
    elif args.command == "fit":
        fit(args.cache, args.out, args.corpora, args.c1, args.c2, args.iterations)
    else:
        mix(args.cache, args.marginals)
    return 0


if __name__ == "__main__":
    sys.exit(main())

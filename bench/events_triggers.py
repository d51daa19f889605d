"""The trigger model's errors on BKEE dev and VHE dev, by cause, and a quick loop to try trigger features.

    python bench/events_triggers.py cache DIR                 # the trigger tagger's sequences, once (minutes)
    python bench/events_triggers.py analyse DIR [--model M]   # errors by cause (default: the shipped model)
    python bench/events_triggers.py sweep DIR [--model M]     # trigger F1 on dev for a range of thresholds
    python bench/events_triggers.py fit DIR OUT [--extra NAME ...] [--c1 C] [--c2 C] [--iterations N]
                                                              # a trigger tagger from the cache, then sweep

``cache`` runs the Vietnamese pipeline (its own cache, :mod:`pipeline.events.preprocess`)
and the featuriser over BKEE train and dev, VHE train and dev and our seed gold, and keeps
per sentence what the trigger tagger reads (``features.trigger_items``), its training
labels, the words and the gold triggers as word spans (a dev trigger that is not a run
of our words is kept apart: it cannot be found). ``analyse`` tags dev with a trigger
model exactly as :meth:`EventModel.triggers` does (marginals over the model's threshold)
and sorts each miss and false alarm by cause:

- ``unseen``: the word (its folded form) is never a trigger in train;
- ``other type in train``: it is a trigger in train, but never of this type;
- ``seen, tagged O``: a trigger of this type in train, the model says O here;
- ``wrong type``: found at the right span with another type (a miss and a false alarm);
- ``span``: a prediction overlaps the gold trigger with other boundaries (one word off,
  or our segmenter cuts it otherwise); ``not our words``: the gold span is no run of
  our words;
- ``noun use`` / ``verb use``: the UPOS of the word, for misses and false alarms alike.

These figures are the trigger stage alone (no lexicon fill-in, no idiom or name filter),
close to but not the same as ``bench/events_corpora.py``'s. Dev only: the held-out gold
is never read here.
"""

from __future__ import annotations

import argparse
import logging
import pickle
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import data_dir  # noqa: E402

SOURCES = {
    "bkee-train": ("bkee", data_dir() / "bkee" / "train", "news"),
    "vhe-train": ("vhe", data_dir() / "vhe" / "train.json", "annals"),
    "seed": ("gold", ROOT / "corpus" / "gold" / "events" / "seed", "news"),
    "bkee-dev": ("bkee", data_dir() / "bkee" / "dev", "news"),
    "vhe-dev": ("vhe", data_dir() / "vhe" / "dev.json", "annals"),
}
DEV = ("bkee-dev", "vhe-dev")


def build_cache(out: Path) -> None:
    from pipeline.events.corpora import load_mappings, read_bkee, read_vhe
    from pipeline.events.features import sentence_words
    from pipeline.events.lexicon import load_lexicon
    from pipeline.events.ontology import load_ontology
    from pipeline.events.preprocess import vi_docs
    from pipeline.events.trained import Featuriser
    from pipeline.events.training import HELDBACK_FILE, passive_head, read_heldback
    from pipeline.io.gold import read_gold_documents
    from pipeline.vi import load_vi

    ontology = load_ontology()
    mappings = load_mappings(ontology)
    nlp = load_vi()
    featuriser = Featuriser(nlp.vocab, ontology, load_lexicon(ontology))
    out.mkdir(parents=True, exist_ok=True)
    for name, (kind, path, genre) in SOURCES.items():
        held: list = []
        if kind == "bkee":
            gold_docs, _ = read_bkee(path, mappings)
        elif kind == "vhe":
            gold_docs, _ = read_vhe(path, mappings)
        else:
            gold_docs = read_gold_documents(path)
            held = read_heldback(path / HELDBACK_FILE) if (path / HELDBACK_FILE).exists() else []
        scored = mappings[kind].scored_types() if name in DEV else None
        docs = vi_docs([g.text for g in gold_docs], nlp)
        sentences = []
        unaligned: Counter = Counter()
        for number, (gold, doc) in enumerate(zip(gold_docs, docs)):
            _, _, feats = featuriser.read(doc)
            triggers = []
            for ev in gold.events:
                if scored is not None and ev.type not in scored:
                    continue
                s, e = ev.trigger.start, ev.trigger.end
                if kind == "gold":
                    s = passive_head(gold.text, s, e)
                mode = "strict" if name in DEV else "contract"
                span = doc.char_span(s, e, alignment_mode=mode)
                if span is None and name not in DEV:
                    span = doc.char_span(s, e, alignment_mode="expand")
                if span is None or not len(span):
                    unaligned[(gold.text[s:e].lower(), ev.type)] += 1
                    continue
                triggers.append((span.start, span.end, ev.type))
            for sent in map(sentence_words, doc.sents):
                if not len(sent) or any(s < sent.end_char and sent.start_char < e for s, e in held):
                    continue
                inside = sorted(
                    {(s - sent.start, e - sent.start, t) for s, e, t in triggers if sent.start <= s and e <= sent.end}
                )
                sentences.append(
                    {
                        "doc": number,
                        "items": feats.trigger_items(sent.start, sent.end, genre),
                        "words": feats.folded[sent.start : sent.end],
                        "upos": feats.words.upos[sent.start : sent.end],
                        "tags": feats.tags[sent.start : sent.end],
                        "lexical": feats.lexical[sent.start : sent.end],
                        "gold": inside,
                    }
                )
        with (out / f"{name}.pkl").open("wb") as handle:
            pickle.dump({"genre": genre, "sentences": sentences, "unaligned": unaligned}, handle)
        n = sum(len(s["gold"]) for s in sentences)
        logging.info(
            "%s: %d sentences, %d triggers, %d not on our words", name, len(sentences), n, sum(unaligned.values())
        )


_LOADED: dict[tuple, dict] = {}


def load(cache: Path, name: str) -> dict:
    """A corpus of the cache, each sentence marked with the corpus's name (read once per process)."""
    key = (str(cache), name)
    if key not in _LOADED:
        with (cache / f"{name}.pkl").open("rb") as handle:
            data = pickle.load(handle)
        seen: Counter = Counter()
        for s in data["sentences"]:
            s["corpus"] = name
            s["index"] = seen[s["doc"]]  # the sentence's place in its document (0: the title, in BKEE)
            seen[s["doc"]] += 1
        _LOADED[key] = data
    return _LOADED[key]


def io_labels(sentence: dict) -> list[str]:
    labels = ["O"] * len(sentence["words"])
    for s, e, t in sentence["gold"]:
        if all(labels[k] == "O" for k in range(s, e)):
            for k in range(s, e):
                labels[k] = f"I-{t}"
    return labels


def decode_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    spans: list[list] = []
    for k, tag in enumerate(tags):
        if tag == "O":
            continue
        label = tag[2:]
        if spans and spans[-1][1] == k and spans[-1][2] == label and tag.startswith("I-"):
            spans[-1][1] = k + 1
        else:
            spans.append([k, k + 1, label])
    return [tuple(s) for s in spans]


def predict(tagger, sentences: list[dict], threshold: float, items_of=lambda s: s["items"]) -> list[list]:
    """Each sentence's predicted triggers, as :meth:`EventModel.triggers` reads the marginals."""
    labels = [label for label in tagger.labels() if label != "O"]
    out = []
    for sentence in sentences:
        items = items_of(sentence)
        tagger.set(items)
        tags = []
        for k in range(len(items)):
            if 1.0 - tagger.marginal("O", k) > threshold:
                tags.append(max(labels, key=lambda label: tagger.marginal(label, k)))
            else:
                tags.append("O")
        out.append(decode_spans(tags))
    return out


def score(sentences: list[dict], predicted: list[list], unaligned: int = 0) -> dict:
    tp = fp = fn = 0
    for sentence, pred in zip(sentences, predicted):
        gold, pred = set(sentence["gold"]), set(pred)
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    fn += unaligned
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "f1": round(100 * f1, 1)}


def train_lexicon(cache: Path) -> dict[str, Counter]:
    """Folded trigger word -> Counter of its types in the training corpora, and how often it is no trigger."""
    seen: dict[str, Counter] = defaultdict(Counter)
    for name in ("bkee-train", "vhe-train", "seed"):
        for sentence in load(cache, name)["sentences"]:
            words = sentence["words"]
            marked = set()
            for s, e, t in sentence["gold"]:
                seen[" ".join(words[s:e])][t] += 1
                marked.update(range(s, e))
            for k, w in enumerate(words):
                if k not in marked:
                    seen[w]["O"] += 1
    return seen


def analyse(cache: Path, model: Path, threshold: float | None, top: int) -> None:
    import json

    import pycrfsuite

    record = json.loads((model.parent / "songngu.json").read_text()) if (model.parent / "songngu.json").exists() else {}
    chosen = threshold if threshold is not None else record.get("trigger_threshold", 0.3)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    seen = train_lexicon(cache)
    for name in DEV:
        data = load(cache, name)
        sentences = data["sentences"]
        threshold = chosen.get(data["genre"], 0.5) if isinstance(chosen, dict) else float(chosen)
        predicted = predict(tagger, sentences, threshold)
        print(f"\n## {name} (threshold {threshold})\n")
        print(
            "trigger classification, trigger stage alone:", score(sentences, predicted, sum(data["unaligned"].values()))
        )
        causes: dict[str, Counter] = defaultdict(Counter)
        per_type = defaultdict(Counter)
        for sentence, pred in zip(sentences, predicted):
            words, upos = sentence["words"], sentence["upos"]
            gold, pred = set(sentence["gold"]), set(pred)
            gold_spans = {(s, e): t for s, e, t in gold}
            pred_spans = {(s, e): t for s, e, t in pred}
            for _, _, t in gold & pred:
                per_type[t]["tp"] += 1
            for s, e, t in gold - pred:
                per_type[t]["fn"] += 1
                w = " ".join(words[s:e])
                pos = "noun" if upos[s] in ("NOUN", "PROPN") else "verb" if upos[s] == "VERB" else upos[s].lower()
                if (s, e) in pred_spans:
                    cause = "wrong type"
                elif any(ps < e and s < pe for ps, pe in pred_spans):
                    cause = "span"
                elif w not in seen or not (set(seen[w]) - {"O"}):
                    cause = "unseen"
                elif t not in seen[w]:
                    cause = "other type in train"
                else:
                    cause = "seen, tagged O"
                causes[f"miss: {cause}"][w] += 1
                causes[f"miss by use: {pos}"][w] += 1
            for s, e, t in pred - gold:
                per_type[t]["fp"] += 1
                w = " ".join(words[s:e])
                pos = "noun" if upos[s] in ("NOUN", "PROPN") else "verb" if upos[s] == "VERB" else upos[s].lower()
                if (s, e) in gold_spans:
                    cause = "wrong type"
                elif any(gs < e and s < ge for gs, ge in gold_spans):
                    cause = "span"
                else:
                    rate = seen[w]
                    marked = sum(n for label, n in rate.items() if label != "O")
                    cause = "never a trigger in train" if not marked else "a trigger in train, unmarked here"
                causes[f"false alarm: {cause}"][w] += 1
                causes[f"false alarm by use: {pos}"][w] += 1
        for text, n in data["unaligned"].most_common():
            causes["miss: not our words"][text[0]] += n
        for kind in sorted(causes):
            counter = causes[kind]
            words = ", ".join(f"{w} {n}" for w, n in counter.most_common(top))
            print(f"- {kind}: {sum(counter.values())} ({words})")
        print("\n| type | tp | fp | fn | P | R | F1 |\n|---|---|---|---|---|---|---|")
        for t, c in sorted(per_type.items(), key=lambda kv: -(kv[1]["tp"] + kv[1]["fn"])):
            p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0
            r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0
            f = 2 * p * r / (p + r) if p + r else 0
            print(f"| {t} | {c['tp']} | {c['fp']} | {c['fn']} | {100 * p:.0f} | {100 * r:.0f} | {100 * f:.0f} |")


def marginals(tagger, sentences: list[dict], items_of=lambda s: s["items"]) -> list[list[tuple[float, str]]]:
    """Per sentence, per word: P(not O) and the likeliest label other than O (computed once for a sweep)."""
    labels = [label for label in tagger.labels() if label != "O"]
    out = []
    for sentence in sentences:
        items = items_of(sentence)
        tagger.set(items)
        out.append(
            [
                (1.0 - tagger.marginal("O", k), max(labels, key=lambda label: tagger.marginal(label, k)))
                for k in range(len(items))
            ]
        )
    return out


SWEEP = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)


def sweep(cache: Path, model: Path, thresholds=SWEEP, items_of=lambda s: s["items"]) -> dict:
    """Trigger classification (trigger stage alone) on each dev corpus for each threshold."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    table = {}
    for name in DEV:
        data = load(cache, name)
        sentences = data["sentences"]
        probs = marginals(tagger, sentences, items_of)
        unaligned = sum(data["unaligned"].values())
        for threshold in thresholds:
            predicted = [decode_spans([label if p > threshold else "O" for p, label in s]) for s in probs]
            table[(name, threshold)] = score(sentences, predicted, unaligned)
    print(f"\n{model}\n\n| threshold | " + " | ".join(f"{n} TC (tp/fp/fn)" for n in DEV) + " |")
    print("|---|" + "---|" * len(DEV))
    for threshold in thresholds:
        cells = []
        for name in DEV:
            r = table[(name, threshold)]
            cells.append(f"{r['f1']} ({r['tp']}/{r['fp']}/{r['fn']})")
        print(f"| {threshold} | " + " | ".join(cells) + " |")
    return table


# Feature sets to try on top of what the cache holds (each adds to a word's features; ``s`` a sentence, ``k`` a word).
def _before(seq: list, k: int) -> str:
    """The item before word ``k``, or the sentence's start mark."""
    return seq[k - 1] if k else "<s>"


def _after(seq: list, k: int) -> str:
    """The item after word ``k``, or the sentence's end mark."""
    return seq[k + 1] if k + 1 < len(seq) else "</s>"


def _x_pos(s: dict, k: int) -> list[str]:
    """The word with its UPOS (a noun use and a verb use of one word mark differently), tag bigrams."""
    u, t = s["upos"], s["tags"]
    return [
        f"w|u={s['words'][k]}|{u[k]}",
        f"t-1|t={_before(t, k)}|{t[k]}",
        f"t|t+1={t[k]}|{_after(t, k)}",
        f"u-1|u={_before(u, k)}|{u[k]}",
    ]


def _x_syll(s: dict, k: int) -> list[str]:
    """Each syllable of the word, and its first and last with its UPOS: a word unseen in train shares them
    with words seen (``tấn công``, ``công kích``)."""
    sylls = s["words"][k].split()
    u = s["upos"][k]
    out = [f"sy={x}" for x in dict.fromkeys(sylls)]
    if sylls:
        out += [f"s1|u={sylls[0]}|{u}", f"sN|u={sylls[-1]}|{u}"]
    return out


def _x_lexctx(s: dict, k: int) -> list[str]:
    """The lexicon's label of the neighbours, and of the word with its UPOS."""
    lx = s["lexical"]
    return [
        f"lx-1={_before(lx, k)}",
        f"lx+1={_after(lx, k)}",
        f"lx|u={lx[k]}|{s['upos'][k]}",
    ]


_CLUSTERS: dict[str, str] = {}


def word_clusters(cache: Path, k: int = 300, dims: int = 100, least: int = 3) -> dict[str, str]:
    """Word classes from the training corpora's text alone (no labels, no dev text): each word of ``least``
    or more occurrences by the words beside it (PPMI of the left and right neighbours, SVD, k-means), so that
    a word never seen as a trigger shares a class with words that were."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.decomposition import TruncatedSVD

    sents = [s["words"] for name in ("bkee-train", "vhe-train") for s in load(cache, name)["sentences"]]
    freq = Counter(w for s in sents for w in s)
    vocab = {w: i for i, (w, n) in enumerate(freq.most_common()) if n >= least}
    contexts = {w: i for i, (w, _) in enumerate(freq.most_common(2000))}
    rows, cols = [], []
    for s in sents:
        padded = ["<s>", *s, "</s>"]
        for j in range(1, len(padded) - 1):
            w = padded[j]
            if w not in vocab:
                continue
            for side, c in (("L", padded[j - 1]), ("R", padded[j + 1])):
                if c in contexts:
                    rows.append(vocab[w])
                    cols.append(contexts[c] * 2 + (side == "R"))
    m = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(vocab), 2 * len(contexts)))
    m.sum_duplicates()
    total = m.sum()
    row = np.asarray(m.sum(axis=1)).ravel()
    col = np.asarray(m.sum(axis=0)).ravel()
    m = m.tocoo()
    pmi = np.log(m.data * total / (row[m.row] * col[m.col]))
    keep = pmi > 0
    ppmi = csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape)
    vectors = TruncatedSVD(dims, random_state=0).fit_transform(ppmi)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    labels = MiniBatchKMeans(k, random_state=0, n_init=3).fit_predict(vectors)
    return {w: str(labels[i]) for w, i in vocab.items()}


def _x_clusters(s: dict, k: int) -> list[str]:
    """The word's class and its neighbours' (:func:`word_clusters`)."""
    if "_classes" not in s:
        s["_classes"] = [_CLUSTERS.get(w, "?") for w in s["words"]]
    classes = s["_classes"]
    c = classes[k]
    return [
        f"c={c}",
        f"c|u={c}|{s['upos'][k]}",
        f"c-1={_before(classes, k)}",
        f"c+1={_after(classes, k)}",
    ]


def _x_ctx(s: dict, k: int) -> list[str]:
    """A wider window (three words each side, the neighbours' bigrams, two tags and UPOS each side) and the
    entity labels of the sentence as a bag (an event's participants are named near its trigger)."""
    w, t, u, n = s["words"], s["tags"], s["upos"], len(s["words"])

    def at(seq, j):
        return seq[j] if 0 <= j < n else "<s>"

    if "_ents" not in s:
        s["_ents"] = sorted({f.split("=", 1)[1][2:] for item in s["items"] for f in item[7:8] if f != "e=O"})
    return [
        f"w-3={at(w, k - 3)}",
        f"w+3={at(w, k + 3)}",
        f"w-2|w-1={at(w, k - 2)}|{at(w, k - 1)}",
        f"w+1|w+2={at(w, k + 1)}|{at(w, k + 2)}",
        f"t-2={at(t, k - 2)}",
        f"t+2={at(t, k + 2)}",
        f"u-1={at(u, k - 1)}",
        f"u+1={at(u, k + 1)}",
        *(f"se={e}" for e in s["_ents"]),
    ]


TRAIN = ("bkee-train", "vhe-train", "seed")
_TABLE: dict[str, Counter] = {}  # folded word -> its labels in train (a type, or O), per word of a trigger
_PER_DOC: dict[tuple, dict[str, Counter]] = {}  # (corpus, doc) -> the same counts within that training document
_PROFILE: dict[tuple, dict] = {}  # (corpus, doc) -> what the extras read of the document


def _rates(word: str, own: Counter | None) -> tuple[float, Counter] | None:
    """The word's trigger rate and its type counts in train, less its own document's (leave one document out: a
    training document reads what a new text would); None when it was seen fewer than three times."""
    counts = _TABLE.get(word)
    if counts is None:
        return None
    if own:
        counts = counts - own
    total = sum(counts.values())
    if total < 3:
        return None
    return 1 - counts["O"] / total, counts


def doc_profiles(cache: Path, names) -> None:
    """For each document of ``names``: each type's expected number of triggers by the words' train rates
    (the document's topic: BKEE marks a word far more often where its document has other triggers of the
    type, 34% against 10% in train), and each word's rate and top type."""
    if not _TABLE:
        table: dict[str, Counter] = defaultdict(Counter)
        for name in TRAIN:
            for s in load(cache, name)["sentences"]:
                marked = {k: t for a, b, t in s["gold"] for k in range(a, b)}
                for k, w in enumerate(s["words"]):
                    label = marked.get(k, "O")
                    table[w][label] += 1
                    _PER_DOC.setdefault((name, s["doc"]), defaultdict(Counter))[w][label] += 1
        _TABLE.update(table)
    for name in names:
        docs: dict[int, list] = defaultdict(list)
        for s in load(cache, name)["sentences"]:
            docs[s["doc"]].extend(s["words"])
        for d, words in docs.items():
            own = _PER_DOC.get((name, d), {})
            profile: Counter = Counter()
            per_word = {}
            for w, n in Counter(words).items():
                r = _rates(w, own.get(w))
                if r is None:
                    continue
                rate, counts = r
                types = {t: c / sum(counts.values()) for t, c in counts.items() if t != "O" and c}
                if rate >= 0.05:  # a frequent word seldom marked (a comma, "về") says nothing of the topic
                    for t, x in types.items():
                        profile[t] += n * x
                top = max(types, key=types.get) if types else None
                per_word[w] = (rate, top, n * types.get(top, 0.0))
            _PROFILE[(name, d)] = {"profile": profile, "words": per_word}


def _rate_bucket(rate: float) -> str:
    for limit, name in ((0.0, "0"), (0.02, "<.02"), (0.1, "<.1"), (0.3, "<.3"), (0.6, "<.6")):
        if rate <= limit if limit == 0.0 else rate < limit:
            return name
    return ">=.6"


def _count_bucket(x: float) -> str:
    for limit, name in ((0.5, "0"), (1.5, "1"), (3.5, "2-3"), (7.5, "4-7")):
        if x < limit:
            return name
    return "8+"


def _x_doc(s: dict, k: int) -> list[str]:
    """The word's trigger rate in train (bucketed), how many triggers of its likeliest type the rest of its
    document is expected to hold, and the document's likely types (the same for each of its words)."""
    if "_doc" not in s:
        prof = _PROFILE[(s["corpus"], s["doc"])]
        s["_doc"] = (prof, [f"dt={t}:{_count_bucket(x)}" for t, x in sorted(prof["profile"].items()) if x >= 1.5])
    prof, constant = s["_doc"]
    got = prof["words"].get(s["words"][k])
    if got is None:
        return ["rt=u", *constant]
    rate, top, own = got
    out = [f"rt={_rate_bucket(rate)}", f"rt|u={_rate_bucket(rate)}|{s['upos'][k]}", *constant]
    if top is not None and rate >= 0.02:
        out.append(f"dtw={_count_bucket(prof['profile'][top] - own)}")
    return out


def _x_docw(s: dict, k: int) -> list[str]:
    """:func:`_x_doc` less the document's likely types: the word's own rate and its type's count alone."""
    return [f for f in _x_doc(s, k) if not f.startswith("dt=")]


def _sentence_bucket(index: int) -> str:
    return str(index) if index < 4 else "4-7" if index < 8 else "8-15" if index < 16 else "16+"


def _x_sidx(s: dict, k: int) -> list[str]:
    """The sentence's place in its document: BKEE marks 71% of the likely trigger words (train rate >= 0.2) of a
    document's first sentence, its title, 48% in the next three, 35% from the seventeenth on (train)."""
    return [f"si={_sentence_bucket(s['index'])}"]


_CLAUSE_ENDS = frozenset({",", ";", ":", ".", "!", "?", "(", ")", "-", '"'})


def _x_gov(s: dict, k: int) -> list[str]:
    """The verb before the word in its clause (up to eight words back) and the one after, alone and with the word:
    in VHE the trigger of ``gia phong X làm Y`` is ``gia phong``, of ``lấy X làm Y`` mostly ``làm``."""
    words, upos = s["words"], s["upos"]
    before = after = "-"
    for j in range(k - 1, max(-1, k - 9), -1):
        if words[j] in _CLAUSE_ENDS:
            break
        if upos[j] == "VERB":
            before = words[j]
            break
    for j in range(k + 1, min(len(words), k + 9)):
        if words[j] in _CLAUSE_ENDS:
            break
        if upos[j] == "VERB":
            after = words[j]
            break
    w = words[k]
    return [f"pv={before}", f"nv={after}", f"pv|w={before}|{w}", f"w|nv={w}|{after}"]


EXTRAS = {
    "gov": _x_gov,
    "sidx": _x_sidx,
    "doc": _x_doc,
    "docw": _x_docw,
    "ctx": _x_ctx,
    "pos": _x_pos,
    "syll": _x_syll,
    "lexctx": _x_lexctx,
    "clusters": _x_clusters,
    "adapt": None,
}


def with_extras(names: list[str]):
    fns = [EXTRAS[n] for n in names if n != "adapt"]
    adapt = "adapt" in names

    def items_of(sentence: dict) -> list[list[str]]:
        out = [item + [f for fn in fns for f in fn(sentence, k)] for k, item in enumerate(sentence["items"])]
        if adapt:
            # Daume's feature augmentation: every feature once shared and once for the genre alone.
            genre = next(f for f in sentence["items"][0] if f.startswith("g="))[2:]
            out = [item + [f"{genre}:{f}" for f in item] for item in out]
        return out

    return items_of


def fit_from_cache(
    cache: Path, out: Path, extras: list[str], c1: float, c2: float, iterations: int, weights: dict | None = None
) -> None:
    """Train a trigger tagger as ``songngu train events`` does (IO labels, L-BFGS) on the cached training
    sequences, with ``extras`` added, and sweep its threshold on dev. ``weights``: a training corpus's name ->
    how many times its sentences are given (CRFsuite has no instance weights; a repeat is one)."""
    import time

    import pycrfsuite

    if "clusters" in extras:
        _CLUSTERS.update(word_clusters(cache))
    if {"doc", "docw"} & set(extras):
        doc_profiles(cache, (*TRAIN, *DEV))
    items_of = with_extras(extras)
    trainer = pycrfsuite.Trainer(verbose=False)
    for name in ("bkee-train", "vhe-train", "seed"):
        for sentence in load(cache, name)["sentences"]:
            for _ in range((weights or {}).get(name, 1)):
                trainer.append(items_of(sentence), io_labels(sentence))
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True})
    started = time.perf_counter()
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    print(
        f"fit {out} extras={extras} c1={c1} c2={c2} iterations={iterations} weights={weights}: "
        f"{time.perf_counter() - started:.0f} s"
    )
    sweep(cache, out, items_of=items_of)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("cache")
    c.add_argument("dir", type=Path)
    a = sub.add_parser("analyse")
    a.add_argument("dir", type=Path)
    a.add_argument("--model", type=Path, default=ROOT / "models" / "events-crf" / "triggers.crfsuite")
    a.add_argument("--threshold", type=float, default=None)
    a.add_argument("--top", type=int, default=12)
    w = sub.add_parser("sweep")
    w.add_argument("dir", type=Path)
    w.add_argument("--model", type=Path, default=ROOT / "models" / "events-crf" / "triggers.crfsuite")
    w.add_argument("--extra", nargs="*", default=[], choices=sorted(EXTRAS))
    f = sub.add_parser("fit")
    f.add_argument("dir", type=Path)
    f.add_argument("out", type=Path)
    f.add_argument("--extra", nargs="*", default=[], choices=sorted(EXTRAS))
    f.add_argument("--c1", type=float, default=0.2)
    f.add_argument("--c2", type=float, default=0.01)
    f.add_argument("--iterations", type=int, default=100)
    f.add_argument(
        "--weight", nargs="*", default=[], help="NAME=K: give corpus NAME's sentences K times (bkee-train=2)"
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.command == "cache":
        build_cache(args.dir)
    elif args.command == "sweep":
        if {"doc", "docw"} & set(args.extra):
            doc_profiles(args.dir, (*TRAIN, *DEV))
        sweep(args.dir, args.model, items_of=with_extras(args.extra))
    elif args.command == "fit":
        weights = {name: int(k) for name, k in (w.split("=") for w in args.weight)}
        fit_from_cache(args.dir, args.out, args.extra, args.c1, args.c2, args.iterations, weights)
    else:
        analyse(args.dir, args.model, args.threshold, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())

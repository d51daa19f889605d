"""A CRF that tags Universal POS on top of underthesea's VLSP tags (stacking).

A model directory holds ``model.crfsuite`` (python-crfsuite), ``meta.json``
(features version, training data, dev scores, and the VLSP -> UPOS majority
table its ``m=`` feature was trained with) and ``MODEL_CARD.md``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Sequence
from itertools import product
from pathlib import Path

from pipeline.text.tagsets import UPOS_TAGS, VLSP_TAGS
from pipeline.vi.upos.data import TaggedSentence, UposError, accuracy, read_gold
from pipeline.vi.upos.table import TableMapper, majority_table

MODEL_FILE = "model.crfsuite"
META_FILE = "meta.json"
#: Bump whenever :func:`features` changes: a model trained on other features is refused at load time.
FEATURES_VERSION = 1


def _shape(word: str) -> str:
    """Character classes with runs collapsed: ``Liên bang`` -> ``Xx x``, ``23`` -> ``d``, ``F-16`` -> ``X-d``."""
    out: list[str] = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:8]


def features(words: Sequence[str], vlsp: Sequence[str], table: dict[str, str]) -> list[list[str]]:
    """The CRF's features for each word of one sentence (binary, ``name=value`` strings).

    The word, its shape and its syllables carry the lexical evidence;
    underthesea's VLSP tags of the word and its neighbours, and the table's UPOS,
    carry what the 2017 tagger knows (on VTB dev the tags are worth ~6 points of
    accuracy over the lexical features alone). The conjunctions word +
    neighbouring tag are what separate "được" before a verb (AUX, passive) from
    "được" after one (ADV), and "là" as copula (AUX) from "là" as
    complementiser (SCONJ).
    """
    # The features of a word alone (its text, shape and syllables), kept across sentences: words recur.
    known = _WORD_FEATURES
    try:
        lexical = [known[word] for word in words]
    except KeyError:
        if len(known) > _MAX_KNOWN_WORDS:
            known.clear()
        lexical = [known.get(word) or known.setdefault(word, _word_features(word)) for word in words]
    # Padded copies: index i + 2 is word i, with sentence-boundary symbols around.
    w = ["<s>", "<s>", *(lex[0] for lex in lexical), "</s>", "</s>"]
    t = ["<s>", "<s>", *vlsp, "</s>", "</s>"]
    out = []
    for i, word in enumerate(words):
        lower, word_feature, shape, nsyl, first_syllable, last_syllable = lexical[i]
        tm2, tm1, t0, tp1, tp2 = t[i : i + 5]
        wm2, wm1, _, wp1, wp2 = w[i : i + 5]
        f = [
            "b",
            word_feature,
            shape,
            nsyl,
            first_syllable,
            last_syllable,
            "t=" + t0,
            "m=" + table.get(t0, "X"),
            "t-1=" + tm1,
            "t+1=" + tp1,
            "t-2=" + tm2,
            "t+2=" + tp2,
            f"t-1|t={tm1}|{t0}",
            f"t|t+1={t0}|{tp1}",
            "w-1=" + wm1,
            "w+1=" + wp1,
            "w-2=" + wm2,
            "w+2=" + wp2,
            f"w|t-1={lower}|{tm1}",
            f"w|t+1={lower}|{tp1}",
            f"w-1|w={wm1}|{lower}",
            f"w|w+1={lower}|{wp1}",
        ]
        if i == 0:
            f.append("first")
        elif word[:1].isupper():
            f.append("title-inside")  # a capital inside the sentence: a name, whatever the VLSP tag says
        out.append(f)
    return out


#: word -> its lowercase form and the features of the word alone (see :func:`features`).
_WORD_FEATURES: dict[str, tuple[str, str, str, str, str, str]] = {}
_MAX_KNOWN_WORDS = 200_000


def _word_features(word: str) -> tuple[str, str, str, str, str, str]:
    lower = word.lower()
    syllables = lower.split() or [""]
    return (
        lower,
        f"w={lower}",
        f"shape={_shape(word)}",
        f"nsyl={min(len(syllables), 4)}",
        f"s0={syllables[0]}",
        f"sN={syllables[-1]}",
    )


class CrfUposTagger:
    """A trained model: words + VLSP tags -> UPOS. Load one with :meth:`load`."""

    def __init__(self, tagger, table: dict[str, str], meta: dict[str, str], path: Path | None = None):
        self.tagger = tagger  # opened: pycrfsuite's Tagger, or underthesea_core's CRFTagger (load)
        self.table = table
        self.meta = meta  # {"model": ..., "version": ...} for pipeline.components
        self.path = path  # the model directory it was loaded from

    @classmethod
    def load(cls, path: str | Path) -> CrfUposTagger:
        """Open a model directory written by :func:`train`; a clear :class:`UposError` if it cannot be used."""
        path = Path(path)
        if not path.is_dir():
            raise UposError(
                f"{path}: no such UPOS model directory; train one with `songngu train upos --train TRAIN.conllu "
                f'--dev DEV.conllu -o {path}`, or use the table mapping (upos = "table" in the tagger\'s config)'
            )
        meta_path, model_path = path / META_FILE, path / MODEL_FILE
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise UposError(f"{path}: not a UPOS model directory ({META_FILE} is missing)") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise UposError(f"{meta_path}: unreadable ({exc})") from exc
        if not isinstance(meta, dict):
            raise UposError(f"{meta_path}: expected a JSON object")
        if meta.get("features_version") != FEATURES_VERSION:
            raise UposError(
                f"{meta_path}: the model was trained on features version {meta.get('features_version')!r}, "
                f"this code extracts version {FEATURES_VERSION}; retrain it with `songngu train upos`"
            )
        table = meta.get("table")
        if not isinstance(table, dict) or not table or not all(v in UPOS_TAGS for v in table.values()):
            raise UposError(f"{meta_path}: 'table' must map VLSP tags to Universal POS tags")
        if not model_path.is_file():
            raise UposError(f"{path}: not a UPOS model directory ({MODEL_FILE} is missing)")
        tagger, labels = _open(model_path)
        if not labels or not labels <= UPOS_TAGS:
            raise UposError(f"{model_path}: its labels are not Universal POS tags: {sorted(labels)}")
        digest = hashlib.sha256(model_path.read_bytes()).hexdigest()[:12]
        tagger = _fast_tagger(model_path, tagger)
        return cls(tagger, table, {"model": str(meta.get("name", "upos-crf")), "version": digest}, path)

    def tag(self, words: Sequence[str], vlsp: Sequence[str]) -> list[str]:
        if not words:
            return []
        return self.tagger.tag(features(words, vlsp, self.table))


def _open(model_path: Path):
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(str(model_path))
    except (OSError, ValueError) as exc:
        raise UposError(f"{model_path}: not a CRFsuite model ({exc})") from exc
    return tagger, set(tagger.labels())


def _fast_tagger(model_path: Path, opened):
    """underthesea_core's ``CRFTagger`` of the model (``opened``, python-crfsuite's, if it cannot be had).

    The same CRFsuite file, Viterbi over the same weights: the same labels (``tests/vi/test_upos.py``
    compares them on UD VTB dev), in less time: the bench's 80 documents' 1,163 sentences, alternated in
    one process, 6 runs each (load 2): 0.24 against 0.20 CPU s. Opened from its native copy in the
    start-up cache (:func:`pipeline.vi.crf_cache.crf_tagger`: 0.006-0.010 CPU s), named ``upos``: a
    pipeline read back from disk (:meth:`CrfUposTagger.load` of a temporary folder) replaces it there
    instead of adding one copy per folder.
    """
    try:
        from pipeline.vi.crf_cache import crf_tagger

        return crf_tagger(model_path, name="upos")
    except Exception:  # no underthesea_core, a model it cannot read: python-crfsuite's, as opened
        return opened


def _sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _fit(
    train: Sequence[TaggedSentence], table: dict[str, str], model_path: Path, c1: float, c2: float, max_iterations: int
) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for s in train:
        trainer.append(features(s.words, s.vlsp, table), list(s.upos))
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iterations})
    trainer.train(str(model_path))


def train(
    train_conllu: str | Path,
    dev_conllu: str | Path,
    out_dir: str | Path,
    c1: Sequence[float] = (0.1, 1.0),
    c2: Sequence[float] = (0.01, 0.1),
    max_iterations: int = 150,
    limit: int | None = None,
) -> dict:
    """Fit one CRF per (c1, c2) on ``train_conllu``, keep the most accurate on ``dev_conllu``, save it.

    The majority table is recomputed from the training file and stored with
    the model, so that a model and its table feature always agree. ``limit``
    keeps the first N training sentences (for tests). Returns the record
    saved as ``meta.json``; ``MODEL_CARD.md`` is not written here (it is
    prose, kept by hand beside the model).
    """
    from pipeline.vi import underthesea_models

    if not c1 or not c2:
        raise UposError("give at least one value for c1 and for c2")
    train_set = read_gold(train_conllu)[:limit]
    dev_set = read_gold(dev_conllu)
    table = {tag: upos for tag, upos, *_ in majority_table(train_set, VLSP_TAGS | set(underthesea_models.pos_tagset()))}
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    grid, best = [], None
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".train-") as tmp:
        for i, (a, b) in enumerate(product(c1, c2)):
            path = Path(tmp) / f"{i}.crfsuite"
            _fit(train_set, table, path, a, b, max_iterations)
            right, total = accuracy(CrfUposTagger(_open(path)[0], table, {}), dev_set)
            grid.append({"c1": a, "c2": b, "dev_accuracy": round(right / total, 4)})
            if best is None or right > best[0]:
                best = (right, a, b, path)
        right, a, b, path = best
        shutil.move(str(path), out_dir / MODEL_FILE)  # same file system: an atomic rename
    table_right, total = accuracy(TableMapper(table), dev_set)
    meta = {
        "name": "upos-crf-vtb",
        "features_version": FEATURES_VERSION,
        "data": "UD Vietnamese-VTB (CC BY-SA 4.0)",
        "train": {
            "file": Path(train_conllu).name,
            "sha256": _sha256(train_conllu),
            "sentences": len(train_set),
            "words": sum(len(s.words) for s in train_set),
        },
        "dev": {
            "file": Path(dev_conllu).name,
            "sha256": _sha256(dev_conllu),
            "sentences": len(dev_set),
            "words": total,
        },
        "vlsp_tagger": f"underthesea {underthesea_models.VERSION} CRF (pos_crf_2017_10_11)",
        "hyperparameters": {"algorithm": "lbfgs", "c1": a, "c2": b, "max_iterations": max_iterations},
        "dev_accuracy": round(right / total, 4),
        "dev_accuracy_table": round(table_right / total, 4),
        "grid": grid,
        "table": table,
    }
    (out_dir / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return meta

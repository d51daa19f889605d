"""Our segmenter: a linear-chain CRF that decides, at each space, join or split.

Each syllable (see :mod:`syllables`) gets the label ``I`` when it continues the
word of the syllable before it and ``B`` when it starts a new word. Only a
single space can be crossed by ``I``; every other boundary is fixed in advance.

Features of syllable ``i`` (the gap between ``i-1`` and ``i`` is what is decided):

- the lowercased syllables around it, alone and as bi/trigrams;
- shapes (lower, Title, UPPER, digit, punctuation, mixed) and whether a
  syllable is a Vietnamese syllable at all (foreign names are not);
- lexicon evidence: whether a word of 2..4 syllables from a word list covers
  the gap, per word list (the training vocabulary, and the dictionaries shipped
  inside underthesea and pyvi);
- stacking: whether underthesea and pyvi join the two syllables, so the CRF
  learns where each of them is right.

The training vocabulary is computed by jackknifing while training (each fold
sees only the other folds' words), so the CRF does not learn to trust a lexicon
that contains every training word.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from itertools import compress
from pathlib import Path

import pycrfsuite

from pipeline.text.normalize import fold, fold_tones
from pipeline.vi.segmenter.backends import PyviSegmenter, UndertheseaSegmenter, each_line
from pipeline.vi.segmenter.base import Segmenter, SegmenterError, Span, spans_from_joins
from pipeline.vi.segmenter.project import joins_from_spans
from pipeline.vi.segmenter.syllables import Syllable, joinable, line_syllables, plain_spaces, syllabify

log = logging.getLogger(__name__)

MODEL_FILE = "model.crfsuite"
META_FILE = "meta.json"
VOCAB_FILE = "vocabulary.txt"
FORMAT_VERSION = 1

#: Word lists that ship inside the installed packages (read at run time; never copied).
PACKAGE_LEXICONS = {
    "viet74k": ("underthesea", "corpus/data/Viet74K.txt"),
    "pyvi": ("pyvi", "models/words.txt"),
}
STACKABLE = ("underthesea", "pyvi")
_MAX_WORD = 4  # syllables; longer lexicon entries are rare and add little


# ---------------------------------------------------------------------------
# Word lists


@dataclass
class Lexicon:
    """Multi-syllable words (lowercased, single-spaced) and the syllables they use."""

    words: set[str] = field(default_factory=set)
    #: the syllables of ``words``, when known already (read back with them from the start-up cache)
    known_syllables: set[str] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_words(cls, words: Iterable[str]) -> Lexicon:
        words = list(words)
        # fold() of every word, done on all of them at once: one pass of the
        # normalisations and the tone regex instead of 80,000 (a third of the
        # start-up of the segmenter). A line break cannot change how a word
        # folds (no case, composition or regex context crosses it); a word with
        # one in it would shift the lines, so then each is folded alone.
        folded = fold_tones("\n".join(words).lower()).split("\n")
        if len(folded) != len(words):
            folded = [fold(word) for word in words]
        lex = cls()
        for word in folded:
            parts = word.split()
            if 2 <= len(parts) <= _MAX_WORD:
                lex.words.add(" ".join(parts))
        return lex

    @classmethod
    def from_file_text(cls, name: str, text: str) -> Lexicon:
        """:meth:`from_words` of the lines of a word list file, kept by the start-up cache.

        Folding the lists (Viet74K, pyvi's, the model's vocabulary) is about 0.3 CPU s,
        paid by every process; :func:`pipeline.startup.cached` reads the result of an
        earlier process back, keyed by the text and the code that folds it.
        """
        import pipeline.startup
        import pipeline.text.normalize
        from pipeline.startup import cached_sets, source_of

        def compute() -> tuple:
            lexicon = cls.from_words(text.splitlines())
            return lexicon.words, lexicon.syllables()

        made_from = [text, *source_of(sys.modules[__name__], pipeline.text.normalize, pipeline.startup)]
        words, syllables = cached_sets(f"lexicon-{name}", made_from, compute)
        return cls(words, syllables)

    def syllables(self) -> set[str]:
        if self.known_syllables is not None:
            return self.known_syllables
        return {syl for word in self.words for syl in word.split()}


def load_package_lexicon(name: str) -> Lexicon | None:
    package, resource = PACKAGE_LEXICONS[name]
    try:
        text = files(package).joinpath(resource).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError) as exc:
        log.warning("word list %s from %s unavailable (%s); its features stay off", resource, package, exc)
        return None
    return Lexicon.from_file_text(name, text)


# ---------------------------------------------------------------------------
# Features


def shape(syl: str) -> str:
    if syl.isdigit():
        return "D"
    if syl[0].isdigit():
        return "d"  # 11/9/1992, 23.000, 95%
    if not syl[0].isalpha():
        return "P"
    if syl.isupper() and len(syl) > 1:
        return "U"
    if syl[0].isupper():
        return "T"
    return "L" if syl.islower() else "M"


#: :func:`shape`, remembered: syllables repeat (a call per syllable of every line otherwise).
_known_shape = lru_cache(maxsize=1 << 16)(shape)


@dataclass
class FeatureConfig:
    """Which evidence the CRF sees; stored in the model's meta.json."""

    lexicons: tuple[str, ...] = ("vtb", "viet74k", "pyvi")
    stack: tuple[str, ...] = ("underthesea", "pyvi")

    def as_dict(self) -> dict:
        return {"lexicons": list(self.lexicons), "stack": list(self.stack)}

    @classmethod
    def from_dict(cls, d: dict) -> FeatureConfig:
        return cls(lexicons=tuple(d["lexicons"]), stack=tuple(d["stack"]))


class Featurizer:
    """Turns a line of syllables into CRF feature strings."""

    def __init__(self, config: FeatureConfig, lexicons: dict[str, Lexicon]):
        self.config = config
        self.lexicons = {name: lex for name, lex in lexicons.items() if name in config.lexicons}
        self.vi_syllables: set[str] = set()
        for lex in self.lexicons.values():
            self.vi_syllables |= lex.syllables()

    def features(
        self, sylls: Sequence[str], gaps: Sequence[bool], stacked: dict[str, Sequence[bool]]
    ) -> list[list[str]]:
        """Features per syllable.

        ``gaps[i]`` says whether syllable ``i`` may join the one before it;
        ``stacked[name][i]`` whether backend ``name`` joined them.

        Built a template at a time (one list comprehension per column over the
        padded syllables, each bigram and trigram joined once for the three
        templates that read it) and then zipped into rows, in the order of the
        list below, written for one syllable ``i`` (``w``: the folded syllables,
        ``s``: their shapes; ``tests/vi/test_segmenter_crf.py`` keeps that
        version and checks this one against it): the same strings in the same
        order, so the CRF sums the same weights in the same order.

        ``b``, ``w0``, ``w-1``, ``w+1``, ``w-2``, ``w+2``, ``w-1w0``, ``w0w+1``,
        ``w-2w-1``, ``w-2w-1w0``, ``w-1w0w+1``, ``s0``, ``s-1s0``, ``s0s+1``,
        ``s-1s0s+1``, ``gap``; ``v-1v0`` (from the second syllable on); per
        word list, ``lex:<name>:cross``, ``:end-1``, ``:start0`` where they hold;
        ``stack``, ``stack|s-1s0`` and ``stack:<name>`` per stacked segmenter.
        """
        n = len(sylls)
        if not n:
            return []
        # looked up folded: lower case, one tone-mark placement ("hoà" = "hòa")
        low = [fold(s) for s in sylls]
        vi_syllables = self.vi_syllables
        viet = ["v" if s in vi_syllables else "f" for s in low]
        # Padded copies: w[i + 2] is syllable i, with sentence-boundary symbols around.
        w = ["<s>", "<s>", *low, "</s>", "</s>"]
        sh = ["_", *map(_known_shape, sylls), "_"]  # sh[i + 1] is syllable i
        # bi[k] = w[k] w[k + 1]; tri[k] = w[k] w[k + 1] w[k + 2] (k an index of w)
        bi = [a + " " + b for a, b in zip(w, w[1:])]
        tri = [a + " " + b for a, b in zip(bi, w[2:])]
        sh2 = [a + b for a, b in zip(sh, sh[1:])]  # sh2[k] = sh[k] sh[k + 1]
        sh3 = [a + b for a, b in zip(sh2, sh[2:])]
        head = zip(
            ["b"] * n,
            ["w0=" + x for x in low],
            ["w-1=" + x for x in w[1 : n + 1]],
            ["w+1=" + x for x in w[3 : n + 3]],
            ["w-2=" + x for x in w[:n]],
            ["w+2=" + x for x in w[4 : n + 4]],
            ["w-1w0=" + x for x in bi[1 : n + 1]],
            ["w0w+1=" + x for x in bi[2 : n + 2]],
            ["w-2w-1=" + x for x in bi[:n]],
            ["w-2w-1w0=" + x for x in tri[:n]],
            ["w-1w0w+1=" + x for x in tri[1 : n + 1]],
            ["s0=" + x for x in sh[1 : n + 1]],
            ["s-1s0=" + x for x in sh2[:n]],
            ["s0s+1=" + x for x in sh2[1 : n + 1]],
            ["s-1s0s+1=" + x for x in sh3[:n]],
            ["gap=sp" if gap else "gap=hard" for gap in gaps],
        )
        out: list[list[str]] = [[*row] for row in head]
        # v-1v0 from the second syllable on
        for f, a, b, s in zip(out[1:], viet, viet[1:], sh2[1:]):
            f.append("v-1v0=" + a + b + s)
        covers = self._coverage(low)
        if covers:
            # Lexicon evidence is sparse: only the syllables that have some get any
            # (a word list's three features, in order, before the next word list's).
            for i in sorted({i for _, (crossing, starts, ends) in covers for i in _marked(crossing, starts, ends)}):
                f = out[i]
                for name, (crossing, starts, ends) in covers:
                    if crossing[i]:
                        f.append(f"lex:{name}:cross={crossing[i]}")
                    if i and ends[i - 1]:
                        f.append(f"lex:{name}:end-1")
                    if starts[i]:
                        f.append(f"lex:{name}:start0")
        stack_names = self.config.stack
        if stack_names:
            bits = [["1" if joined else "0" for joined in stacked[name]] for name in stack_names]
            votes = ["".join(row) for row in zip(*bits)]
            columns = [
                ["stack=" + v for v in votes],
                ["stack|s-1s0=" + v + s for v, s in zip(votes, sh2)],
                *([f"stack:{name}=" + b for b in col] for name, col in zip(stack_names, bits)),
            ]
            for f, extra in zip(out, zip(*columns)):
                f.extend(extra)
        return out

    def _coverage(self, low: Sequence[str]) -> list[tuple[str, tuple[list[int], list[bool], list[bool]]]]:
        """Per word list and syllable ``i``: the longest listed word crossing the
        gap before ``i`` (0 if none), and whether a listed word starts / ends at ``i``."""
        n = len(low)
        # The n-grams of each length (grams[length][s]: syllables s .. s + length - 1), each
        # joined once for all word lists, from the one a syllable shorter.
        grams: dict[int, list[str]] = {}
        shorter = list(low)
        for length in range(2, min(_MAX_WORD, n) + 1):
            shorter = grams[length] = [a + " " + b for a, b in zip(shorter, low[length - 1 :])]
        result = []
        for name, lex in self.lexicons.items():
            crossing = [0] * n
            starts = [False] * n
            ends = [False] * n
            found = lex.words.__contains__
            for length, strings in grams.items():
                # the listed ones among them, found with one C-level pass (most are not)
                for s in compress(range(len(strings)), map(found, strings)):
                    e = s + length
                    starts[s] = True
                    ends[e - 1] = True
                    for i in range(s + 1, e):
                        if crossing[i] < length:
                            crossing[i] = length
            result.append((name, (crossing, starts, ends)))
        return result


def _marked(crossing: Sequence[int], starts: Sequence[bool], ends: Sequence[bool]) -> list[int]:
    """The syllables that a word list's features mark (a crossing, a start, or an end just before)."""
    return [i for i, (c, s, e) in enumerate(zip(crossing, starts, [False, *ends])) if c or s or e]


# ---------------------------------------------------------------------------
# The segmenter


class CrfSegmenter(Segmenter):
    name = "crf"

    def __init__(self, tagger, featurizer: Featurizer, version: str, model_dir: Path | None = None):
        self.tagger = tagger
        self.featurizer = featurizer
        self.version = version
        self.model_dir = model_dir
        self._backends = {name: _load_backend(name) for name in featurizer.config.stack}

    @classmethod
    def load(cls, model_dir: str | Path) -> CrfSegmenter:
        model_dir = Path(model_dir)
        if not model_dir.is_dir():
            raise SegmenterError(
                f"{model_dir}: no such segmenter model directory (train one with 'songngu train segmenter')"
            )
        meta_path, model_path, vocab_path = (model_dir / f for f in (META_FILE, MODEL_FILE, VOCAB_FILE))
        for path in (meta_path, model_path, vocab_path):
            if not path.is_file():
                raise SegmenterError(f"{path}: missing; {model_dir} is not a complete segmenter model")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if not isinstance(meta, dict):
                raise TypeError("expected a JSON object")
            if meta.get("format") != FORMAT_VERSION:
                raise SegmenterError(
                    f"{meta_path}: model format {meta.get('format')!r}, this code reads {FORMAT_VERSION}"
                )
            config = FeatureConfig.from_dict(meta["features"])
            version = str(meta["version"])
        except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError) as exc:
            raise SegmenterError(f"{meta_path}: not a valid segmenter meta.json ({exc})") from exc
        tagger = _open_tagger(model_path, meta.get("model_sha256"))
        vocab = Lexicon.from_file_text("vocabulary", vocab_path.read_text(encoding="utf-8"))
        featurizer = Featurizer(config, _lexicons(config, vocab))
        return cls(tagger, featurizer, version, model_dir)

    def segment(self, text: str) -> list[Span]:
        spans: list[Span] = []
        for offset, line in each_line(plain_spaces(text)):
            spans.extend((offset + s, offset + e) for s, e in self._segment_line(line))
        return spans

    def _segment_line(self, line: str) -> list[Span]:
        units = line_syllables(line)  # (remembered: the entity rules' syllable view asks for the same line)
        if not units:
            return []
        sylls, gaps, stacked = _inputs(line, units, self._backends)
        labels = self.tagger.tag(self.featurizer.features(sylls, gaps, stacked))
        joins = [label == "I" and gap for label, gap in zip(labels, gaps)]
        return spans_from_joins(line, units, joins)


def _open_tagger(model_path: Path, expected_sha256: str | None):
    """Open a CRFsuite model after checking it is whole.

    CRFsuite trusts its input: a truncated model file crashes the interpreter
    (segmentation fault) instead of raising, so the file is checked first
    against its header and the checksum recorded at training time.
    """
    data = model_path.read_bytes()
    if data[:4] != b"lCRF" or len(data) < 8 or int.from_bytes(data[4:8], "little") != len(data):
        raise SegmenterError(f"{model_path}: not a complete CRFsuite model file (truncated or another format)")
    if expected_sha256 and hashlib.sha256(data).hexdigest() != expected_sha256:
        raise SegmenterError(
            f"{model_path}: checksum differs from meta.json (corrupt, or replaced without its meta.json)"
        )
    # Tagged with underthesea_core's CRFTagger (Rust, already loaded for underthesea's segmenter), not
    # python-crfsuite's: the same CRFsuite file and the same labels, in half the CPU time (80 VTB dev
    # documents, 713,593 feature strings: 0.14 against 0.29 s). Opened from its checked copy in the
    # start-up cache, as underthesea's, pyvi's and the UPOS CRFs are (pipeline.vi.crf_cache: its
    # CRFsuite reader seeks and reads once per attribute, 2,527 pairs of system calls for this file):
    # 0.001-0.006 against 0.005-0.007 CPU s in a fresh process. Named "segmenter": a model read back
    # from a temporary folder (the tokenizer's from_disk) replaces the copy instead of adding one.
    from pipeline.vi.crf_cache import crf_tagger

    try:
        return crf_tagger(model_path, name="segmenter")
    except (ValueError, OSError, RuntimeError) as exc:  # what CRFTagger.load raises for the file itself
        raise SegmenterError(f"{model_path}: not a readable CRFsuite model ({exc})") from exc


def _load_backend(name: str) -> Segmenter:
    if name not in STACKABLE:
        raise SegmenterError(f"unknown stacked segmenter {name!r} (known: {', '.join(STACKABLE)})")
    return {"underthesea": UndertheseaSegmenter, "pyvi": PyviSegmenter}[name]()


def _gaps(line: str, units: Sequence[Syllable]) -> list[bool]:
    return [i > 0 and joinable(line[units[i - 1].end : units[i].start]) for i in range(len(units))]


def _inputs(line: str, units: Sequence[Syllable], backends: dict[str, Segmenter]):
    sylls = [line[s:e] for s, e in units]
    stacked = {name: seg.joins_at(line, units) for name, seg in backends.items()}
    return sylls, _gaps(line, units), stacked


def _lexicons(config: FeatureConfig, vocab: Lexicon) -> dict[str, Lexicon]:
    lexicons: dict[str, Lexicon] = {}
    for name in config.lexicons:
        if name == "vtb":
            lexicons[name] = vocab
        elif name in PACKAGE_LEXICONS:
            lex = load_package_lexicon(name)
            if lex is not None:
                lexicons[name] = lex
        else:
            raise SegmenterError(f"unknown word list {name!r} in the model's features")
    return lexicons


# ---------------------------------------------------------------------------
# Training


@dataclass
class _Example:
    sylls: list[str]
    gaps: list[bool]
    stacked: dict[str, list[bool]]
    labels: list[str]
    words: list[str]  # gold multi-syllable words, for the vocabulary


def _examples(sentences, backends: dict[str, Segmenter]) -> list[_Example]:
    out = []
    for sent in sentences:
        units = syllabify(sent.text)
        if not units:
            continue
        gold = [(w.start, w.end) for w in sent.words]
        sylls, gaps, stacked = _inputs(sent.text, units, backends)
        joins = joins_from_spans(units, gold)
        labels = ["I" if j and g else "B" for j, g in zip(joins, gaps)]
        words = [sent.text[s:e] for s, e in gold if " " in sent.text[s:e]]
        out.append(_Example(sylls, gaps, stacked, labels, words))
    return out


def read_gold(path) -> list:
    """The sentences of a CoNLL-U gold file (a SegmenterError naming the file if it cannot be read)."""
    from pipeline.io.conllu import ConlluError, read_conllu

    try:
        return list(read_conllu(path))
    except (OSError, UnicodeDecodeError, ConlluError, ValueError) as exc:
        raise SegmenterError(f"{path}: cannot read CoNLL-U gold ({exc})") from exc


def train(
    train_conllu,
    out_dir,
    *,
    lexicons: Sequence[str] = ("vtb", "viet74k", "pyvi"),
    stack: Sequence[str] = ("underthesea", "pyvi"),
    c1: float = 0.1,
    c2: float = 0.01,
    max_iterations: int = 200,
    folds: int = 5,
    seed: int = 0,
) -> dict:
    """Fit a CRF segmenter on ``train_conllu`` and save it to ``out_dir``.

    ``train_conllu`` may be one path or a list of paths (e.g. train and dev for a
    final model). Returns the meta dict written to ``out_dir/meta.json``; the
    ``songngu train segmenter --dev`` command adds the dev scores to it
    (:func:`write_meta`), scored by :mod:`pipeline.evaluate.segmentation`.
    """
    train_paths = [train_conllu] if isinstance(train_conllu, (str, Path)) else list(train_conllu)
    sentences = [s for p in train_paths for s in read_gold(p)]
    if not sentences:
        raise SegmenterError(f"{', '.join(map(str, train_paths))}: no sentences to train on")
    config = FeatureConfig(lexicons=tuple(lexicons), stack=tuple(stack))
    backends = {name: _load_backend(name) for name in config.stack}
    examples = _examples(sentences, backends)

    package_lexicons = {n: lex for n, lex in _lexicons(config, Lexicon()).items() if n != "vtb"}
    full_vocab = Lexicon.from_words(w for ex in examples for w in ex.words)

    # Jackknifed vocabulary: each fold's features use only the other folds' words.
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    fold_of = {idx: k % max(folds, 1) for k, idx in enumerate(order)}
    trainer = pycrfsuite.Trainer(verbose=False)
    for k in range(max(folds, 1)):
        members = [ex for i, ex in enumerate(examples) if fold_of[i] == k]
        if folds > 1:
            vocab = Lexicon.from_words(w for i, ex in enumerate(examples) if fold_of[i] != k for w in ex.words)
        else:
            vocab = full_vocab
        featurizer = Featurizer(config, {**package_lexicons, "vtb": vocab})
        for ex in members:
            trainer.append(featurizer.features(ex.sylls, ex.gaps, ex.stacked), ex.labels)

    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": max_iterations, "feature.possible_transitions": True})
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out_dir / MODEL_FILE))
    (out_dir / VOCAB_FILE).write_text("".join(w + "\n" for w in sorted(full_vocab.words)), encoding="utf-8")

    digest = hashlib.sha256()
    for p in train_paths:
        digest.update(Path(p).read_bytes())
    meta = {
        "format": FORMAT_VERSION,
        "name": "crf",
        "version": "",
        "features": config.as_dict(),
        "hyperparameters": {"c1": c1, "c2": c2, "max_iterations": max_iterations, "folds": folds, "seed": seed},
        "trained_on": [Path(p).name for p in train_paths],
        "train_sha256": digest.hexdigest(),
        "train_sentences": len(sentences),
    }
    # The version names the model by its content, so two different models never share one.
    meta["model_sha256"] = hashlib.sha256((out_dir / MODEL_FILE).read_bytes()).hexdigest()
    meta["version"] = "vtb-" + meta["model_sha256"][:12]
    write_meta(out_dir, meta)
    return meta


def write_meta(out_dir: Path, meta: dict) -> None:
    (out_dir / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

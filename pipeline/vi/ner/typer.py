"""A learned typer: which capitalised spans are names, and of what type, from their context.

Gazetteers and spelling cannot tell "Thaksin" from "Oslo"; the words around a
name can ("ông", "thủ tướng", "nói", "tại", "ở", "công ty", "tàu"). The typer
(``songngu_ner_typer``, source ``model``) is a multinomial logistic regression
over **candidate spans**: every span another component proposed as a name
(their proposals, labels and sources are features), and every run of
capitalised syllables, also without a leading title, place noun or
sentence-initial word. For each it predicts PER, LOC, ORG, MISC or O (not a
name) from the span's words, spelling and shape, the two words on each side,
the context lexicon's role of the word before ("ông" title, "tỉnh" classifier,
"quân" demonym), the POS tags, the gazetteers, the type of a listed name it is
coordinated with ("ở Yerevan và Gyumri"), and what the rules (and the CRF, where
it is added to the pipeline) proposed for it.

In each sentence the candidates judged names most surely and not overlapping
become the typer's proposals (``doc.spans["ner:model"]``, with ``span._.score``
the probability of the label): a span at most ``accept`` likely not to be a name,
and at most ``accept_new`` for a span no other component proposed; a span that a guessing component proposed
(``vetoable``: the CRF, the spelling rule) and the typer judges O with at least
``veto`` probability is listed in the group's ``attrs["vetoed"]``, and the
merge drops that proposal. The merge ranks the typer below the rules and
gazetteers and above the guessers (see :mod:`pipeline.vi.ner.merge`): it decides
what the CRF's and the spelling rule's names are, and adds names nobody else
found.

The model (``models/ner-typer/``: ``weights.json``, ``meta.json`` and its
``MODEL_CARD.md``) is trained by ``songngu train ner --typer`` (:func:`train`)
from our gold and from the names BKEE and VHE annotate
(:mod:`pipeline.vi.ner.corpora`). Scoring is a sum of weights per feature and a
softmax, for all the candidates of a document at once with numpy (spaCy's own
dependency); scikit-learn fits it (the ``train`` extra).
"""

from __future__ import annotations

import json
import logging
import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import IDX, LENGTH, TAG
from spacy.language import Language
from spacy.tokens import Doc

from pipeline import MODELS_DIR
from pipeline.docmodel import doc_text, register_extensions
from pipeline.spacy_data import CarriesDataFiles, DataFiles
from pipeline.startup import cached, source_of
from pipeline.text.phrases import PhraseTable
from pipeline.vi.ner.candidates import PREFIX, Taken, propose
from pipeline.vi.ner.gazetteer import Gazetteer, cldr_gazetteer, gazetteer_paths, project_gazetteer
from pipeline.vi.ner.lexicon import (
    Entry,
    common_words,
    context_path,
    context_words,
    phrase_ending_at,
    phrase_starting_at,
)
from pipeline.vi.ner.merge import LAST_WORD_LABELS
from pipeline.vi.ner.persons import is_surname
from pipeline.vi.ner.phonotactics import is_foreign_word
from pipeline.vi.ner.view import SyllableView, capitalised_run, sentences

logger = logging.getLogger(__name__)

SOURCE = "model"
LABELS = ("PER", "LOC", "ORG", "MISC", "O")
NAME_LABELS = ("PER", "LOC", "ORG", "MISC")
#: VLSP tags of proper nouns, foreign words and abbreviations.
PROPER_TAGS = frozenset({"Np", "Ny", "Nb", "FW", "X"})
#: Words that join two names of a list (features: the type of a listed name on the other side).
COORDINATORS = frozenset({"và", "hoặc", "hay", ","})
WEIGHTS_FILE = "weights.json"
META_FILE = "meta.json"
FORMAT_VERSION = 1


class TyperError(ValueError):
    """A typer model or training input that cannot be used; the message names the file."""


# --------------------------------------------------------------------------- candidates


@dataclass(slots=True)  # (thousands per document: no __dict__ each)
class Mention:
    """A candidate: syllables ``[i, j)`` of one view, with what other components proposed for exactly it."""

    view: SyllableView
    i: int
    j: int
    proposed: set[str] = field(default_factory=set)  # "source:label"
    overlapping: set[str] = field(default_factory=set)

    @property
    def start(self) -> int:
        return self.view[self.i].start

    @property
    def end(self) -> int:
        return self.view[self.j - 1].end


def _proposals(doc: Doc) -> list[tuple[int, int, str, str]]:
    """``(start, end, source, label)`` of every name proposal on ``doc`` (not the typer's own)."""
    # (what candidates(doc) holds, read from the groups without making a Candidate of each proposal)
    out = []
    for key in sorted(k for k in doc.spans if k.startswith(PREFIX)):
        source = key[len(PREFIX) :]
        if source == SOURCE:
            continue
        group = doc.spans[key]
        records = group.attrs.get("proposals") or [[s.start_char, s.end_char, None] for s in group]
        for span, (start, end, _value) in zip(group, records):
            label = span.label_
            if label in NAME_LABELS:
                if start < 0:  # (as Candidate: the span's own characters)
                    start, end = span.start_char, span.end_char
                out.append((start, end, source, label))
    return out


def candidate_spans(doc: Doc, context: PhraseTable[Entry], proposals=None) -> Iterator[Mention]:
    """Every candidate span of ``doc``, sentence by sentence (see the module's docstring)."""
    proposals = _proposals(doc) if proposals is None else proposals
    # each sentence's proposals by bisection on their starts, in their own order (not a scan of every
    # proposal of the document for every sentence)
    order = sorted(range(len(proposals)), key=lambda k: proposals[k][0])
    firsts = [proposals[k][0] for k in order]
    for view in sentences(doc):
        if not len(view):
            continue
        lo, hi = view[0].start, view[len(view) - 1].end
        picked = sorted(k for k in order[bisect_left(firsts, lo) : bisect_right(firsts, hi)] if proposals[k][1] <= hi)
        inside = [proposals[k] for k in picked]
        yield from _view_candidates(view, inside, context)


def _view_candidates(view: SyllableView, inside: list, context: PhraseTable[Entry]) -> list[Mention]:
    bounds: list[tuple[int, int]] = []
    if inside:  # (most sentences hold no proposal)
        # a proposal on syllable boundaries, found by bisection on the syllables' starts (sorted, and the
        # syllables never overlap: the one ending at ``end`` is the last one starting before it)
        starts = view.starts
        for start, end, _source, _label in inside:
            i = bisect_left(starts, start)
            j = bisect_left(starts, end)
            if i < len(starts) and starts[i] == start and j > 0 and view[j - 1].end == end:
                i, j = _trimmed(view, i, j)
                # a name starts with a capital (the rules that find lower-case ones rank above the typer)
                if j > i and (view[i].capitalised or _codelike(view[i].text)):
                    bounds.append((i, j))
    # Each run of capitalised words, from its first: the capitalised syllables are picked out in one pass (a
    # syllable that is not capitalised starts nothing), and a run's syllables are skipped.
    after = 0
    for i in [k for k, syl in enumerate(view) if syl.capitalised]:
        if i < after:
            continue
        syl = view[i]
        if not (syl.is_alpha or _codelike(syl.text)):
            continue
        j = max(capitalised_run(view, i, limit=8), i + 1)
        if _weekday(view, i, j):
            after = j
            continue
        if not (syl.sent_start and j > i + 1 and _common_word(view, i)):
            bounds.append((i, j))  # not "Nhà Vy", "Tại Azerbaijan": a common word capitalised only to start a sentence
        hit = phrase_starting_at(context, view, i)
        if hit is not None and hit[0] < j:
            bounds.append((hit[0], j))  # "Thủ tướng Thaksin", "Công ty Hercules Offshore", "Bác Hồ"
        if syl.sent_start and j - i > 1 and view[i + 1].capitalised:
            bounds.append((i + 1, j))  # "Tại Azerbaijan", "Nhà Vy" (not "von Bismarck" of "Otto von Bismarck")
        after = j
    spans = {b: Mention(view, *b) for b in dict.fromkeys(bounds) if b[1] > b[0]}
    for span in spans.values() if inside else ():
        span_start, span_end = span.start, span.end  # (properties: read once, not once per proposal)
        for start, end, source, label in inside:
            if start == span_start and end == span_end:
                span.proposed.add(f"{source}:{label}")
            elif start < span_end and span_start < end:
                span.overlapping.add(f"{source}:{label}")
    return list(spans.values())


def _trimmed(view: SyllableView, i: int, j: int) -> tuple[int, int]:
    """``[i, j)`` without punctuation or VTB's bracket words (LBKT, RBKT) at its edges."""
    while i < j and view[i].is_punct:
        i += 1
    while j > i and view[j - 1].is_punct and view[j - 1].text != ".":
        j -= 1
    if any(view[k].is_punct and view[k].text not in ("-", ".", "'") for k in range(i, j)):
        return i, i  # a bracket or comma inside: not one name
    return i, j


#: The days of the week are "thứ" and an ordinal, capitalised by custom ("thứ Bảy", Saturday; Sunday is "Chủ nhật").
WEEKDAY_ORDINALS = frozenset({"Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy"})


def _weekday(view: SyllableView, i: int, j: int) -> bool:
    """Whether the capitalised run ``[i, j)`` is a day of the week, or its ordinal after "thứ": "tối thứ Bảy",
    "vào thứ Năm", "Thứ Sáu tuần trước" are no name, where the ordinals are also nicknames ("ông Bảy": a
    title before the word, not "thứ", makes that one a person)."""
    if j == i + 1 and i > 0 and view[i].text in WEEKDAY_ORDINALS:
        return view[i - 1].text.lower() == "thứ" and view.word_start(view[i].start)
    return j == i + 2 and view[i].text == "Thứ" and view[i + 1].text in WEEKDAY_ORDINALS


def _common_word(view: SyllableView, i: int) -> bool:
    """Syllable ``i`` is a word the tagger calls common (not a proper noun, foreign word or abbreviation)."""
    token = view.token_at(view[i].start)
    return token is not None and bool(token.tag_) and token.tag_ not in PROPER_TAGS


def _codelike(text: str) -> bool:
    return text[:1].isupper() and any(ch.isdigit() for ch in text)


# --------------------------------------------------------------------------- features


@lru_cache(maxsize=65536)  # a syllable's shape, asked once per candidate it is in
def _shape(text: str) -> str:
    if any(ch.isdigit() for ch in text):
        return "d"
    if len(text) > 1 and text.isupper():
        return "A"
    if text[:1].isupper():
        return "C"
    if text[:1].isalpha():
        return "l"
    return "p"


@lru_cache(maxsize=4)
def name_words(path: str | None = None) -> dict[str, str]:
    """Words inside foreign names that suggest a type (``data/name_words.tsv``: word, label)."""
    from pipeline.text.tsv import read_tsv
    from pipeline.vi.ner.lexicon import data_path

    return {
        row["word"].lower(): row["label"] for row in read_tsv(path or data_path("name_words.tsv"), ("word", "label"))
    }


class Featurizer:
    """The features of a candidate span (strings; a feature is present or not)."""

    def __init__(
        self,
        context: PhraseTable[Entry],
        gazetteers: list[Gazetteer],
        words: dict[str, str] | None = None,
        common: frozenset[str] | None = None,
    ):
        self.context = context
        self.gazetteers = gazetteers
        self.words = name_words() if words is None else words
        self.common = common_words() if common is None else common

    def __call__(self, span: Mention, tags: _Tags) -> list[str]:
        view, i, j = span.view, span.i, span.j
        syls = view[i:j]
        texts = [s.text for s in syls]
        keys = view.keys  # (every syllable folded, kept with the view: what ``Syl.lower`` holds)
        words = keys[i:j]
        f = ["bias", f"len={min(j - i, 4)}", f"first={words[0]}", f"last={words[-1]}"]
        f += [f"w={w}" for w in words]
        shape = "".join(map(_shape, texts))
        f.append(f"shape={shape[:6]}")
        foreign = sum(map(is_foreign_word, texts))
        spelling = "all" if foreign == len(syls) else "some" if foreign else "none"
        f.append(f"foreign={spelling}")
        last = texts[-1].lower()
        f += [f"suf2={last[-2:]}", f"suf3={last[-3:]}"]
        surname = is_surname(texts[0])
        if surname:
            f.append("surname")
        # spelling, family name and length together: a Vietnamese person's name of two or more syllables
        # starts with a family name, a place's ("Vàm Lũng", "Thăng Long") most often does not; the weights
        # of the separate features cannot say "native, several syllables, no family name"
        f.append(f"kind={'surname' if surname else 'other'}:{spelling}:{min(j - i, 3)}")
        if syls[0].sent_start:
            f.append("bos")
            f.append(f"bos_t0={tags.get(syls[0].start, '')}")
        # the words around it
        n = len(keys)
        p1 = keys[i - 1] if i > 0 else "<s>"
        p2 = keys[i - 2] if i > 1 else "<s>"
        n1 = keys[j] if j < n else "</s>"
        n2 = keys[j + 1] if j + 1 < n else "</s>"
        f += [f"p1={p1}", f"p2={p2}", f"p21={p2} {p1}", f"n1={n1}", f"n2={n2}", f"n12={n1} {n2}"]
        f.append(f"p1n1={p1}|{n1}")
        # a wider window, as bags: "cổ phiếu của X", "X ... hãng", "giàn khoan của X"
        f += ["lw=" + w for w in keys[max(0, i - 4) : i]]
        f += ["rw=" + w for w in keys[j : j + 3]]
        for text in texts:
            label = self.words.get(text.lower())
            if label is not None:
                f.append(f"nameword={label}")
        before = phrase_ending_at(self.context, view, i) if i else None
        if before is not None:
            f.append(f"ctx={before[1].role}:{before[1].label}")
            f.append(f"ctxw={before[1].phrase.lower()}")
        first_inside = phrase_starting_at(self.context, view, i)
        if first_inside is not None and first_inside[0] < j:
            f.append(f"ctxin={first_inside[1].role}:{first_inside[1].label}")
        f += [
            f"t0={tags.get(syls[0].start, '')}",
            f"tp={tags.get(view[i - 1].start, '<s>') if i else '<s>'}",
            f"tn={tags.get(view[j].start, '</s>') if j < len(view) else '</s>'}",
        ]
        # what the rules, the gazetteers and the CRF said
        proposed = sorted(span.proposed)
        f += [f"src={p}" for p in proposed]
        f += [f"lab={p.rsplit(':', 1)[1]}" for p in proposed]
        if span.overlapping:
            f += [f"osrc={p}" for p in sorted(span.overlapping)][:6]
        if not proposed:
            f.append("src=none")
        forms = view.forms[i:j]
        name = tuple(forms)  # (what Gazetteer.knows looks up, made once for every gazetteer)
        for k, gaz in enumerate(self.gazetteers):
            if name in gaz.names.table:
                f.append(f"gaz{k}={gaz.label(' '.join(forms))}")
        f += self._coordinated(view, i, j)
        # the span's last syllable and the lower-case one after it (or the lower-case one before and its first)
        # a common word of the dictionary: "Sứ giả", "Thái giám" (see common_words)
        if j < n and view[j].text.islower() and f"{words[-1]} {n1}" in self.common:
            f += ["joins=next", f"joins=next:{'bos' if syls[0].sent_start else 'in'}:{min(j - i, 2)}"]
        if i and view[i - 1].text.islower() and f"{p1} {words[0]}" in self.common:
            f.append("joins=prev")
        return f

    def _coordinated(self, view: SyllableView, i: int, j: int) -> list[str]:
        """The type of a listed name joined to this one by "và", "hoặc" or a comma ("ở Yerevan và Gyumri":
        what it is coordinated with is most often of its kind)."""
        out = []
        if i > 1 and view[i - 1].lower in COORDINATORS:
            for gaz in self.gazetteers:
                hit = gaz.longest_ending_at(view, i - 1)
                if hit is not None:
                    out.append(f"conj_prev={hit[1]}")
                    break
        if j + 1 < len(view) and view[j].lower in COORDINATORS:
            for gaz in self.gazetteers:
                hit = gaz.longest_at(view, j + 1)
                if hit is not None:
                    out.append(f"conj_next={hit[1]}")
                    break
        return out


class _Tags:
    """The VLSP tag of the word each character position starts, for the positions asked about (syllable
    starts): a token's first character, or one after a space or underscore inside it ("Liên bang")."""

    def __init__(self, doc: Doc):
        self.text = doc_text(doc)
        self.strings = doc.vocab.strings
        # read through arrays: making Token objects would cost more than the rest of the typer
        rows = doc.to_array([IDX, LENGTH, TAG]).tolist() if len(doc) else []
        self.starts = [row[0] for row in rows]
        self.rows = rows

    def get(self, char: int, default: str | None = None) -> str | None:
        k = bisect_right(self.starts, char) - 1
        if k < 0:
            return default
        start, length, tag = self.rows[k]
        if not tag or char >= start + length or (char != start and self.text[char - 1] not in " _"):
            return default
        return self.strings[tag]


def _tags(doc: Doc) -> _Tags:
    """The tags the features read (:class:`_Tags`: ``tags.get(char, default)``)."""
    return _Tags(doc)


# --------------------------------------------------------------------------- the model


class TyperModel:
    """Weights per feature and label; probabilities by a softmax over their sums."""

    def __init__(self, labels: list[str], bias: list[float], weights: dict[str, list[float]], meta: dict):
        rows = np.array(list(weights.values()), dtype=float).reshape(len(weights), len(labels))
        self._set(labels, bias, list(weights), rows, meta)
        self._weights: dict[str, list[float]] | None = weights

    def _set(self, labels: list[str], bias: list[float], names: list[str], rows: np.ndarray, meta: dict) -> None:
        if labels != list(LABELS):
            raise TyperError(f"labels {labels} are not {list(LABELS)}")
        self.labels, self.bias, self.meta = labels, bias, meta
        self._names = names
        # the weights as one matrix (a row per feature, and a last row of zeros for unknown features):
        # a document's candidates are scored together by numpy
        self._row = {name: k for k, name in enumerate(names)}
        self._matrix = np.zeros((len(names) + 1, len(labels)))
        self._matrix[:-1] = rows
        self._bias = np.array(bias, dtype=float)
        # the matrix with the bias below it (see probabilities_of; the unknown features' row of zeros pads)
        self._scoring = np.vstack([self._matrix, self._bias[None, :]])

    @classmethod
    def _from_rows(cls, labels: list[str], bias: list[float], names: list[str], rows: np.ndarray, meta: dict):
        model = cls.__new__(cls)
        model._set(labels, bias, names, rows, meta)
        model._weights = None  # made from the matrix when asked for (training, save)
        return model

    @property
    def weights(self) -> dict[str, list[float]]:
        """Each feature's weights, one per label (the matrix's rows: the same floats as the file's)."""
        if self._weights is None:
            self._weights = dict(zip(self._names, self._matrix[:-1].tolist()))
        return self._weights

    def probabilities(self, features: Iterable[str]) -> list[float]:
        return self.probabilities_of([list(features)])[0].tolist()

    def probabilities_of(self, feature_lists: list[list[str]]) -> np.ndarray:
        """The probability of each label (columns) for each list of features (rows)."""
        if not feature_lists:
            return np.zeros((0, len(self.labels)))
        # Each candidate's row indices in one array, the bias first and the unknown features' row of zeros after
        # its last feature, summed along the row: the bias plus each feature's weights in order, the same sums to
        # the bit as adding them one by one (np.add.at, what this replaced, at a third more of the typer's scoring
        # time).
        unknown = len(self._matrix) - 1
        bias = unknown + 1
        get = self._row.get
        width = max(map(len, feature_lists))
        # the rows made as one list of Python ints and handed to numpy once (a numpy assignment per row cost
        # as much as the look-ups)
        flat: list[int] = []
        for features in feature_lists:
            flat.append(bias)
            flat += map(get, features, repeat(unknown))  # (in C: no Python frame per candidate)
            flat += [unknown] * (width - len(features))
        index = np.array(flat, dtype=np.intp).reshape(len(feature_lists), 1 + width)
        scores = self._scoring[index].sum(axis=1)
        scores -= scores.max(axis=1, keepdims=True)
        exps = np.exp(scores)
        return exps / exps.sum(axis=1, keepdims=True)

    @classmethod
    def load(cls, folder: str | Path) -> TyperModel:
        folder = Path(folder)
        path = folder / WEIGHTS_FILE
        if not path.is_file():
            raise TyperError(f"{path}: no typer weights (train one: songngu train ner --typer -o {folder})")
        try:
            text = path.read_text(encoding="utf-8")

            def parse() -> tuple:
                data = json.loads(text)
                if data.get("format") != FORMAT_VERSION:
                    return data.get("format"), None, None, None, None
                names, labels = list(data["weights"]), data["labels"]
                rows = np.array(list(data["weights"].values()), dtype=float).reshape(len(names), len(labels))
                return data["format"], labels, data["bias"], names, rows.tobytes()

            # The weights (1 MB of JSON: 17,148 features) parsed once, then read back from the start-up cache
            # as the features' names and the matrix's float64 bytes (the same floats to the bit, in the same
            # order): about 0.03 CPU s per process parsed, 0.01 read back as a dict of lists, 0.005 as this.
            found, labels, bias, names, matrix = cached(
                "typer-weights", [text, *source_of(sys.modules[__name__])], parse
            )
            meta = (
                json.loads((folder / META_FILE).read_text(encoding="utf-8")) if (folder / META_FILE).is_file() else {}
            )
        except (OSError, ValueError, KeyError, AttributeError) as exc:
            raise TyperError(f"{path}: cannot read: {exc}") from None
        if found != FORMAT_VERSION:
            raise TyperError(f"{path}: format {found!r}, this songngu reads {FORMAT_VERSION}")
        rows = np.frombuffer(matrix, dtype=float).reshape(len(names), len(labels))
        return cls._from_rows(labels, bias, names, rows, meta)

    def save(self, folder: str | Path) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        data = {"format": FORMAT_VERSION, "labels": self.labels, "bias": self.bias, "weights": self.weights}
        (folder / WEIGHTS_FILE).write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        (folder / META_FILE).write_text(json.dumps(self.meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- the component


#: The least probability of LOC the typer gives a name after a place that :func:`listed_places` makes a place. 0.05
#: since issue 13's round 16: a person after a fronted place gets none ("Tại Hà Nội, [Minh Thu]": 0.0000), and 0.1
#: left the round's retrained typers on either side of the places it is for ("Tân Thạnh và [Cái Mơn]": 0.093, 0.100,
#: 0.101); cross-validated, 0.05 adds heldout12's "Hưng Lịnh , [Hưng Xá]" and changes nothing else.
PLACE_FLOOR = 0.05


def listed_places(typed: list[tuple[Mention, str, float]]) -> list[str]:
    """The labels of the chosen names ``(span, label, probability of LOC)``, in text order, where a name of two or
    more native syllables without a family name, typed PER, is a place of a list of places (GUIDELINES §2: a name's
    type is what it names, and a list names things of one kind; VTB's villages, communes and river mouths, which no
    gazetteer lists, read to the typer like given names): joined by a comma, "và", "hoặc" or "hay" to a place
    before it, where the typer gave the place a chance (``PLACE_FLOOR``: "Phổ An hay [Thanh Long]", not "Tại Hà
    Nội, [Minh Thu] cho biết"), or inside a list, joined to names on both sides, one of them a place ("An Long,
    [Kiềm Tây Nam], Quý Châu"). A person and where he lives ("[Ngọc Anh], Nghệ An") has the place after it only, a
    full name starts with a family name ("Lê Văn Tám, Hà Nội") and a given name alone is one syllable: none is
    changed. Along the list in both directions, so a chain of unlisted names follows its listed member."""
    labels = [label for _, label, _ in typed]

    def joined(k: int, other: int) -> bool:
        if not 0 <= other < len(typed):
            return False
        span, near = typed[k][0], typed[other][0]
        if near.view is not span.view:
            return False
        gap = (span.j, near.i) if other > k else (near.j, span.i)
        return gap[1] - gap[0] == 1 and span.view[gap[0]].lower in COORDINATORS

    changed = True
    while changed:
        changed = False
        for k, (span, _, place) in enumerate(typed):
            if labels[k] != "PER":
                continue
            sides = [other for other in (k - 1, k + 1) if joined(k, other)]
            after_a_place = k - 1 in sides and labels[k - 1] == "LOC" and place >= PLACE_FLOOR
            inside = len(sides) == 2 and any(labels[o] == "LOC" for o in sides)
            if (after_a_place or inside) and _place_like(span):
                labels[k] = "LOC"
                changed = True
    return labels


def _place_like(span: Mention) -> bool:
    """Two or more capitalised native syllables, the first no family name: how VTB's unlisted places look."""
    syls = span.view[span.i : span.j]
    return (
        len(syls) >= 2
        and all(s.capitalised and s.is_alpha and not is_foreign_word(s.text) for s in syls)
        and not is_surname(syls[0].text)
    )


@dataclass(slots=True)
class Judged:
    span: Mention
    probs: list[float]

    @property
    def label(self) -> str:
        best = max(range(len(NAME_LABELS)), key=lambda k: self.probs[k])
        return NAME_LABELS[best]

    @property
    def none(self) -> float:
        return self.probs[LABELS.index("O")]


class Typer(CarriesDataFiles):
    def __init__(
        self,
        model: str,
        context: PhraseTable[Entry],
        gazetteers: list[Gazetteer],
        accept: float = 0.5,
        veto: float = 0.7,
        vetoable: Iterable[str] = ("crf", "shape:foreign", "spacy"),
        accept_new: float = 0.41,
    ):
        register_extensions()
        self.model_spec = model
        self.featurize = Featurizer(context, gazetteers)
        self.context = context
        self.accept, self.veto, self.vetoable = accept, veto, frozenset(vetoable)
        self.accept_new = accept_new
        self._model: TyperModel | None = None
        self._data: DataFiles | None = None

    @property
    def weights(self) -> TyperModel | None:
        """The weights; None when the typer is switched off (``model = "none"``).

        Not called ``model``: spaCy's ``isinstance(proc, ListenedToComponent)`` in
        ``add_pipe`` probes a component's ``model`` attribute, which would load the
        weights from ``models/`` before ``from_disk`` gives the saved ones (and fail
        where ``models/`` has none).
        """
        if self._data is None:
            self.initialize()
        return self._model

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        if self.model_spec == "none":
            self._model, self._data = None, DataFiles({"model": "none"})
            return
        folder = model_dir(self.model_spec)
        self._model = TyperModel.load(folder)
        self._data = DataFiles.from_folder(folder, {"model": str(self.model_spec)})

    @property
    def songngu_meta(self) -> dict[str, str]:
        if self.weights is None:
            return {"model": "none", "version": "-"}
        meta = self.weights.meta
        return {"model": meta.get("name", "ner-typer"), "version": meta.get("version", "unversioned")}

    def judge(self, doc: Doc) -> list[Judged]:
        tags = _tags(doc)
        spans = list(candidate_spans(doc, self.context))
        if not spans:
            return []
        probs = self.weights.probabilities_of([self.featurize(span, tags) for span in spans])
        return [Judged(span, row) for span, row in zip(spans, probs.tolist())]

    def __call__(self, doc: Doc) -> Doc:
        if self.weights is None:
            return doc
        judged = self.judge(doc)
        chosen: list[Judged] = []
        taken = Taken()
        clubs = self._clubs(judged)
        for item in sorted(judged, key=lambda x: (x.none, x.span.start, -(x.span.end - x.span.start))):
            if item.none >= self.accept:
                break
            if not item.span.proposed and item.none >= self.accept_new and not any(c is item for c in clubs):
                continue  # a name no other component saw needs more certainty
            if self._stops_before_a_club_word(item.span, clubs):
                continue  # "[Hà Nội] FC": the name goes on into the club's (what the merge holds for a person)
            if not item.span.proposed and self._begins_a_common_word(item.span):
                continue
            if not taken.take(item.span.start, item.span.end):
                continue  # it overlaps a name chosen before
            chosen.append(item)
        chosen.sort(key=lambda x: x.span.start)
        labels = listed_places([(c.span, c.label, c.probs[LABELS.index("LOC")]) for c in chosen])
        spans = propose(doc, SOURCE, [(c.span.start, c.span.end, label) for c, label in zip(chosen, labels)])
        for c, span in zip(chosen, spans):
            span._.score = round(c.probs[LABELS.index(span.label_)], 4)
        vetoed = sorted(
            [item.span.start, item.span.end]
            for item in judged
            if item.none >= self.veto and any(p.rsplit(":", 1)[0] in self.vetoable for p in item.span.proposed)
        )
        doc.spans[PREFIX + SOURCE].attrs["vetoed"] = vetoed
        return doc

    def _clubs(self, judged: list[Judged]) -> list[Judged]:
        """Candidates judged names whose last word names a club or a competition ("Hà Nội FC", "AFF Cup":
        merge.LAST_WORD_LABELS): that word is the evidence another component would give, so they need the
        certainty of a proposed name (``accept``), not of a new one."""
        return [
            item
            for item in judged
            if item.none < self.accept
            and item.span.j - item.span.i > 1
            and item.span.view[item.span.j - 1].text in LAST_WORD_LABELS
        ]

    @staticmethod
    def _stops_before_a_club_word(span: Mention, clubs: list[Judged]) -> bool:
        return any(c.span.view is span.view and c.span.i == span.i and c.span.j == span.j + 1 for c in clubs)

    def _begins_a_common_word(self, span: Mention) -> bool:
        """After a title, capitals whose last word goes on in lower case begin a common noun, not a person's name
        ("Anh hùng Lao động": "Lao động" is one word): what the title rule (:mod:`pipeline.vi.ner.titles`) holds
        for its own proposals, held for the typer's."""
        view, i, j = span.view, span.i, span.j
        if i == 0 or j >= len(view) or view[j].capitalised or not view.goes_on(j):
            return False
        before = phrase_ending_at(self.context, view, i)
        return before is not None and before[1].role in ("title", "office")

    # -- serialisation: the weights go with the pipeline

    def _saved(self) -> DataFiles:
        self.weights  # noqa: B018
        return self._data

    def _restore(self, data: DataFiles) -> Typer:
        self._model = None if data.record.get("model") == "none" else data.load(TyperModel.load)
        self._data = data
        return self


def model_dir(spec: str | None) -> Path:
    """A typer setting as a folder: ``"<packaged>"`` (or none) is ``models/ner-typer``."""
    if spec in (None, "", "<packaged>"):
        return MODELS_DIR / "ner-typer"
    return Path(spec)


@Language.factory(
    "songngu_ner_typer",
    default_config={
        "model": "<packaged>",
        "context": "<packaged>",
        "gazetteer_files": ["<packaged>"],
        "locale": "vi",
        "accept": 0.5,
        "accept_new": 0.41,
        "veto": 0.7,
        "vetoable": ["crf", "shape:foreign", "spacy"],
    },
    requires=["doc.spans", "doc.sents", "token.tag"],
    assigns=["doc.spans"],
)
def create_typer(
    nlp: Language,
    name: str,
    model: str,
    context: str,
    gazetteer_files: list[str],
    locale: str,
    accept: float,
    accept_new: float,
    veto: float,
    vetoable: list[str],
):
    """Names and their types from their context, by a model trained with ``songngu train ner --typer``."""
    gazetteers = [cldr_gazetteer(locale), project_gazetteer(gazetteer_paths(gazetteer_files))]
    return Typer(model, context_words(context_path(context)), gazetteers, accept, veto, vetoable, accept_new)


# --------------------------------------------------------------------------- training


@dataclass
class TrainingText:
    """A text with its names ``(start, end, label)``; ``complete``: every name in it is marked (gold),
    else only some are (BKEE, VHE: an unmarked candidate is not taken as a negative)."""

    id: str
    text: str
    names: list[tuple[int, int, str]]
    complete: bool
    weight: float = 1.0
    corpus: str = ""


def surely_not_a_name(span: Mention, tags: _Tags) -> bool:
    """A candidate that is no name whatever the corpus marks: a sentence's first word, one syllable, that the
    tagger calls a common word and that no rule or gazetteer proposed ("Lần", "Không", "Tôi"). In a corpus
    that marks only some names (BKEE, VHE) these are the negative examples."""
    first = span.view[span.i]
    return (
        span.j - span.i == 1
        and first.sent_start
        and tags.get(first.start, "") not in PROPER_TAGS
        and not any(p.split(":", 1)[0] in ("rules", "gazetteer") for p in span.proposed)
    )


def examples(
    nlp: Language, texts: Iterable[TrainingText], context, gazetteers
) -> Iterator[tuple[list[str], str, float, str]]:
    """``(features, label, weight, corpus)`` for every candidate of every text, and for every marked name
    that no candidate covers (its features computed all the same). In a text where only some names are
    marked, an unmarked candidate is an example only when it is surely not a name (:func:`surely_not_a_name`)."""
    featurize = Featurizer(context, gazetteers)
    for item in texts:
        doc = nlp(item.text)
        tags = _tags(doc)
        gold = {(s, e): label for s, e, label in item.names if label in NAME_LABELS}
        seen = set()
        spans = list(candidate_spans(doc, context))
        for span in spans:
            key = (span.start, span.end)
            label = gold.get(key)
            if label is None:
                if not item.complete and not (
                    surely_not_a_name(span, tags) and not any(s < span.end and span.start < e for s, e in gold)
                ):
                    continue
                label = "O"
            seen.add(key)
            yield featurize(span, tags), label, item.weight, item.corpus
        for (start, end), label in gold.items():
            if (start, end) in seen:
                continue
            span = _span_at(doc, start, end)
            if span is not None:
                yield featurize(span, tags), label, item.weight, item.corpus


def _span_at(doc: Doc, start: int, end: int) -> Mention | None:
    for view in sentences(doc):
        if not len(view) or not (view[0].start <= start and end <= view[len(view) - 1].end):
            continue
        starts = {s.start: k for k, s in enumerate(view.syls)}
        ends = {s.end: k + 1 for k, s in enumerate(view.syls)}
        if start in starts and end in ends:
            span = Mention(view, starts[start], ends[end])
            for s, e, source, label in _proposals(doc):
                if (s, e) == (start, end):
                    span.proposed.add(f"{source}:{label}")
                elif s < end and start < e:
                    span.overlapping.add(f"{source}:{label}")
            return span
    return None


def examples_by_text(
    nlp: Language, texts: Iterable[TrainingText]
) -> list[tuple[TrainingText, list[tuple[list[str], str, float, str]]]]:
    """Each text with its examples (:func:`examples`): a cross-validation computes them once and fits on all but
    one split's (``bench/ner.py --cv``)."""
    context = context_words()
    gazetteers = [cldr_gazetteer(), project_gazetteer(gazetteer_paths(["<packaged>"]))]
    return [(item, list(examples(nlp, [item], context, gazetteers))) for item in texts]


def fit(rows: list[tuple[list[str], str, float, str]], c: float = 1.0, min_count: int = 2, seed: int = 0) -> TyperModel:
    """A multinomial logistic regression on the examples (scikit-learn), as :class:`TyperModel` weights."""
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:
        raise TyperError(f"training the typer needs scikit-learn (pip install -e '.[train]'): {exc}") from None
    from collections import Counter

    counts = Counter(name for feats, *_ in rows for name in set(feats))
    keep = {name for name, n in counts.items() if n >= min_count}
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([{name: 1 for name in feats if name in keep} for feats, *_ in rows])
    y = [label for _, label, _, _ in rows]
    weights = [w for _, _, w, _ in rows]
    missing = [label for label in LABELS if label not in set(y)]
    if missing:
        raise TyperError(f"no training example labelled {', '.join(missing)}")
    clf = LogisticRegression(C=c, max_iter=2000, random_state=seed)
    clf.fit(x, y, sample_weight=weights)
    order = [list(clf.classes_).index(label) for label in LABELS]
    coef = clf.coef_[order]
    table = {}
    for k, name in enumerate(vectorizer.get_feature_names_out()):
        row = [round(float(v), 4) for v in coef[:, k]]
        if any(abs(v) >= 1e-4 for v in row):
            table[str(name)] = row
    bias = [round(float(v), 4) for v in clf.intercept_[order]]
    return TyperModel(list(LABELS), bias, table, {})


def train(
    texts: list[TrainingText],
    out_dir: str | Path,
    prep: Language,
    c: float = 1.0,
    meta: dict[str, Any] | None = None,
) -> TyperModel:
    """Fit the typer on ``texts`` run through ``prep`` (the pipeline's proposers) and save it in ``out_dir``."""
    context = context_words()
    gazetteers = [cldr_gazetteer(), project_gazetteer(gazetteer_paths(["<packaged>"]))]
    rows = list(examples(prep, texts, context, gazetteers))
    model = fit(rows, c=c)
    from collections import Counter

    model.meta = {
        **(meta or {}),
        "examples": dict(Counter(f"{corpus}:{label}" for _, label, _, corpus in rows)),
        "features": len(model.weights),
        "c": c,
    }
    model.save(out_dir)
    return model


#: The entity components that propose before the typer: what it is trained on must come through them
#: (the default pipeline's; underthesea's CRF is not among them since issue 13, see default.cfg).
PROPOSERS = (
    "split_names",
    "sentences",
    "tagger",
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
#: Our NER gold written to build the entity components (folders under corpus/gold/ner/, every name marked).
BUILDING_GOLD = ("seed", "vtb-dev", "genres/dev")
#: The spent held-out splits: each scored once by ``bench/ner.py --final`` and seen since (bench/results/ner.md),
#: so gold like the building splits. A held-out split joins only once it is spent; the one being written for the
#: next final run never does.
# heldout, heldout2, ...: a round's VTB and genre splits
_SPENT_ROUNDS = ("", 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25)
SPENT_GOLD = (*(f"heldout{k}" for k in _SPENT_ROUNDS), *(f"genres/heldout{k}" for k in _SPENT_ROUNDS))
#: The gold the shipped typer is trained on (``songngu train ner --typer``'s default): since issue 13's tenth round
#: the spent held-out splits too, ten times the building gold (chosen by ``bench/ner.py --cv``: bench/results/ner.md).
TRAINING_GOLD = (*BUILDING_GOLD, *SPENT_GOLD)
#: Weights of the corpora: BKEE and VHE mark some names only and VHE guesses the type from a role. BKEE's went from
#: 1.0 to 1.5 in issue 13's round 27: as the spent legal gold grew, BKEE dev's typed ORG recall fell to 0.601 (116 of
#: 193); at 1.5 it is 0.611 and the cross-validated gold the same (python bench/ner.py --cv --cv-weight bkee=1.5: 26
#: VTB-like splits 2,485 right both, 26 genre splits 11,013 -> 11,011; bench/results/ner.md).
DEFAULT_WEIGHTS = {"gold": 3.0, "bkee": 1.5, "vhe": 0.1}


def gold_texts(folder: str | Path, weight: float = 1.0, name: str | None = None) -> list[TrainingText]:
    """The lines of the documents of a brat folder of our NER gold (every name marked), its top level only, each
    line a text (``<name>/<document>:<line>``): the gold's sentences are lines, and the spent held-out splits
    share a few of them (a history sentence in two rounds), so a cross-validation leaves out exactly the lines
    of the split it scores, not whole documents."""
    from pipeline.io.brat import BratError, read_brat_dir

    folder = Path(folder)
    name = name or folder.name
    if not folder.is_dir():
        raise TyperError(f"{folder}: no such gold folder")
    try:
        docs = [d for d in read_brat_dir(folder) if "/" not in d.id]
    except BratError as exc:
        raise TyperError(str(exc)) from None
    if not docs:
        raise TyperError(f"{folder}: no brat documents")
    texts = []
    for d in docs:
        start = 0
        for number, line in enumerate(d.text.split("\n"), 1):
            end = start + len(line)
            if line.strip():
                names = [
                    (e.start - start, e.end - start, e.label) for e in d.entities if start <= e.start and e.end <= end
                ]
                texts.append(TrainingText(f"{name}/{d.id}:{number}", line, names, True, weight, "gold"))
            start = end + 1
    return texts


def _split_name(folder: str | Path) -> str:
    """A gold folder as a split's name: ``genres/heldout2`` (not ``heldout2``, which is the VTB split)."""
    folder = Path(folder)
    return f"genres/{folder.name}" if folder.parent.name == "genres" else folder.name


def training_texts(
    gold: Iterable[str | Path], bkee: str | Path | None, vhe: str | Path | None, weights: dict[str, float] | None = None
) -> list[TrainingText]:
    """Our gold folders, BKEE's train folder and VHE's train file as training texts (None: left out)."""
    from pipeline.vi.ner.corpora import read_bkee, read_vhe

    weights = {**DEFAULT_WEIGHTS, **(weights or {})}
    texts = [t for folder in gold for t in gold_texts(folder, weights["gold"], _split_name(folder))]
    if bkee is not None:
        if not Path(bkee).is_dir():
            raise TyperError(f"{bkee}: no BKEE folder")
        texts += [TrainingText(i, t, n, False, weights["bkee"], "bkee") for i, t, n in read_bkee(bkee)]
    if vhe is not None:
        if not Path(vhe).is_file():
            raise TyperError(f"{vhe}: no VHE file")
        texts += [TrainingText(i, t, n, False, weights["vhe"], "vhe") for i, t, n in read_vhe(vhe)]
    return texts


def train_from(
    gold: Iterable[str | Path],
    bkee: str | Path | None,
    vhe: str | Path | None,
    out_dir: str | Path,
    prep: Language,
    c: float = 2.0,
    seed: int = 0,
    weights: dict[str, float] | None = None,
) -> TyperModel:
    """Train the typer from our gold folders and BKEE's and VHE's train sets; write the model and its card."""
    from pipeline import __version__

    gold = [Path(g) for g in gold]
    texts = training_texts(gold, bkee, vhe, weights)
    sources = {
        "gold": [_where(g) for g in gold],
        "bkee": _where(bkee) if bkee is not None else None,
        "vhe": _where(vhe) if vhe is not None else None,
        "weights": {**DEFAULT_WEIGHTS, **(weights or {})},
    }
    model = train(texts, out_dir, prep, c=c, meta={"name": "ner-typer", "songngu": __version__, "sources": sources})
    import hashlib

    digest = hashlib.sha256((Path(out_dir) / WEIGHTS_FILE).read_bytes()).hexdigest()[:12]
    model.meta["version"] = digest
    model.meta["seed"] = seed
    card = Path(out_dir) / "MODEL_CARD.md"
    before = card.read_text(encoding="utf-8") if card.is_file() else ""
    model.save(out_dir)
    card.write_text(model_card(model) + measured_before(before, digest), encoding="utf-8")
    return model


#: The sections of the card that people write after measuring (bench/ner.py --cv, --final), not this module.
MEASURED_SECTIONS = ("## Dev figures", "## Held-out figures")


def measured_before(card: str, version: str) -> str:
    """The measured sections of the card a retraining replaces, kept under a line that says which model they
    measured: the figures take minutes to hours to make (cross-validation, a held-out pair scored once), and a
    retrained card without them would drop what is known of the model before (ner18s, round 17, lost them)."""
    kept = []
    for heading in MEASURED_SECTIONS:
        start = card.find("\n" + heading)
        if start < 0:
            continue
        end = card.find("\n## ", start + 1)
        kept.append(card[start + 1 : end if end >= 0 else len(card)].rstrip() + "\n")
    if not kept:
        # retrained twice before anyone measured: the figures of the model before are still the last ones known
        start = card.find("\n## Figures of the model before")
        if start < 0:
            return ""
        end = card.find("\n## ", start + 1)
        return "\n" + card[start + 1 : end if end >= 0 else len(card)].rstrip() + "\n"
    old = re.search(r"Version `([0-9a-f]+)`", card)
    if old is not None and old.group(1) == version:
        return "\n" + "\n".join(kept)  # the same weights: the figures are this model's
    said = f"version `{old.group(1)}`" if old is not None else "the model before"
    return (
        f"\n## Figures of the model before ({said})\n\nRetrained since: not measured for this version yet "
        "(`python bench/ner.py --cv`; a held-out pair not yet scored, `--final`). What was measured before:\n\n"
        + "\n".join(k.replace("## ", "### ", 1) for k in kept)
    )


def _where(path: str | Path) -> str:
    """A path as the model card names it: relative to the repository or to ``$SONGNGU_DATA`` when under them."""
    import pipeline
    from pipeline import data_dir

    path = Path(path).resolve()
    for base, name in ((Path(pipeline.__file__).resolve().parent.parent, ""), (data_dir().resolve(), "$SONGNGU_DATA/")):
        if path.is_relative_to(base):
            return name + str(path.relative_to(base))
    return str(path)


def model_card(model: TyperModel) -> str:
    meta = model.meta
    sources = meta.get("sources", {})
    examples = meta.get("examples", {})
    rows = "\n".join(f"| {k} | {v} |" for k, v in sorted(examples.items()))
    bkee = sources.get("bkee")
    licence = (
        "**CC BY-NC 4.0** (non-commercial): it is trained on BKEE (CC BY-NC 4.0), so it is a derivative of it. "
        "Without it the pipeline runs: `--set components.ner_typer.model=none`, or retrain without BKEE "
        "(`songngu train ner --typer --no-bkee -o DIR`)."
        if bkee
        else "CC BY-SA 4.0 (our gold holds UD Vietnamese-VTB sentences, CC BY-SA 4.0)."
    )
    return f"""# ner-typer: names and their types from their context

A multinomial logistic regression over candidate spans (pipeline/vi/ner/typer.py,
component `songngu_ner_typer`, source `model`): PER, LOC, ORG, MISC or O for every
span another entity component proposed as a name and every run of capitalised
syllables, from the span's words, spelling and shape, two words on each side, the
context lexicon's role of the word before, POS tags, the gazetteers, whether its
first or last syllable makes a lower-case dictionary word with the one beside it, and what the
rules proposed (underthesea's CRF is not among the proposers since issue 13). Version `{meta.get("version")}`, {meta.get("features")} features,
C = {meta.get("c")}, trained with songngu {meta.get("songngu")}.

## Data

| corpus:label | examples |
|---|---|
{rows}

- our NER gold: {", ".join(sources.get("gold", []))} (every name marked: the other candidates
  are the O examples; corpus/gold/README.md; UD Vietnamese-VTB sentences, CC BY-SA 4.0, and
  sentences written for the project);
- BKEE train: {bkee or "not used"} (Vietnamese news, ACE 2005 events; CC BY-NC 4.0;
  Nguyen et al., LREC-COLING 2024): its PER, ORG, GPE/LOC/FAC mentions that are names
  (pipeline/vi/ner/corpora.py), as typed examples: BKEE marks the names that fill an event
  role, so an unmarked one is no negative; its negatives are only the first words of sentences
  that the tagger calls common words ("Lần", "Không": typer.surely_not_a_name);
- VHE train: {sources.get("vhe") or "not used"} (Vietnamese historical annals; Apache-2.0;
  Hoang et al., PACLIC 2024): capitalised agents, themes and beneficiaries as PER, locations
  as LOC (a role is not a type: weighted {sources.get("weights", {}).get("vhe")}).

The gold includes the spent held-out splits (each scored once by `bench/ner.py --final`
and seen since; pipeline/vi/ner/typer.py SPENT_GOLD). A held-out split not yet spent (the one
being written for the next final run) and BKEE dev are never trained on. On the gold it is
trained on, the honest figures are cross-validated: `python bench/ner.py --cv` scores each
round's splits (heldoutK with genres/heldoutK, vtb-dev with genres/dev, seed) with a typer
trained without them and without any line they share.

## Licence

{licence}

## Rebuild

```bash
songngu train ner --typer -o models/ner-typer      # the corpus/gold/ner/ splits of typer.TRAINING_GOLD, BKEE and VHE train from $SONGNGU_DATA
```

## Limits

Trained on news, an encyclopedia passage, history annals, legal and political writing (VLSP 2013) and sentences we
wrote: other genres (social media) are untested, and on legal and political writing the held-out figures are well
under those of news and history (the measured sections below). It types spans; boundaries come from
the candidates (a name no rule and no capitalised run delimits is not found), and names
written in lower case (VTB's "lý bỉnh sâm") are beyond it, except the full names the family name rule finds
(pipeline/vi/ner/persons.py: "trần văn nhật", one word of the segmenter).
"""

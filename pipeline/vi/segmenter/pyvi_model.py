"""pyvi's word segmenter, without importing scikit-learn.

pyvi's ``ViTokenizer`` unpickles its model (a ``sklearn_crfsuite.CRF``) when the
module is imported, which imports scikit-learn and SciPy's statistics: 0.6 CPU
seconds in every process, for a model that is a CRFsuite file inside the
pickle. This module reads the same pickle with the two sklearn_crfsuite classes
replaced by plain records, tags with the CRFsuite model in it (with underthesea_core's
``CRFTagger``; python-crfsuite's, what sklearn_crfsuite calls, where that cannot be
had: see :func:`_tagger`), and segments with pyvi 0.1.1's own
syllable pattern, features and joining rule, copied below (MIT licence).
``tests/vi/test_segmenter_crf.py`` checks that the output is pyvi's on UD VTB
sentences.
"""

from __future__ import annotations

import hashlib
import pickle
import re
import string
import unicodedata
from functools import cache
from importlib.resources import files

import pycrfsuite

MODEL_RESOURCE = "models/pyvi3.pkl"
WORDS_RESOURCE = "models/words.txt"


class _Record:
    """Stands in for sklearn_crfsuite's CRF and FileResource while unpickling: keeps their state."""

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)


class _ModelUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if module.partition(".")[0] == "sklearn_crfsuite":
            return _Record
        return super().find_class(module, name)


# pyvi's sylabelize pattern: abbreviations, specials, web, email, digits, non-word, word.
_SYLLABLES = re.compile(
    "("
    + "|".join(
        [
            r"[A-ZĐ]+\.",
            r"Tp\.",
            r"Mr\.",
            r"Mrs\.",
            r"Ms\.",
            r"Dr\.",
            r"ThS\.",
            "==>",
            "->",
            r"\.\.\.",
            ">>",
            "\n",
            r"\w+://[^\s]+",
            r"([a-zA-Z0-9_.+-]+@([a-zA-Z0-9-]+\.)+[a-zA-Z0-9-]+)",
            r"\d+([\.,_]\d+)+",
            r"[^\w\s]",
            r"\w+",
        ]
    )
    + ")",
    re.UNICODE,
)


class PyviModel:
    """pyvi's CRF and word lists: ``tokenize(text)`` is ``pyvi.ViTokenizer.tokenize(text)``."""

    def __init__(self) -> None:
        package = files("pyvi")
        record = _ModelUnpickler(package.joinpath(MODEL_RESOURCE).open("rb")).load()
        # The CRFsuite file, as sklearn_crfsuite's FileResource pickles it. python-crfsuite
        # reads the model from this buffer without copying it: keep a reference.
        self._model_data = record.modelfile.__dict__["__FILE_RESOURCE_DATA__"]
        self.tagger = _tagger(self._model_data)
        self.bi_grams, self.tri_grams = _ngrams(package.joinpath(WORDS_RESOURCE).read_text(encoding="utf-8"))

    def features(self, sent: list[str]) -> list[list[str]]:
        """pyvi's ``sent2features`` (prediction mode), as the attribute strings CRFsuite reads from it.

        pyvi gives python-crfsuite one dict per syllable; python-crfsuite turns
        ``"key": "text"`` into the attribute ``key:text`` and ``"key": True/False/1.0``
        into ``key`` weighted 1 or 0. A weight-0 attribute adds nothing to a score, so
        it is left out; the others are written here directly, in pyvi's order, which
        spares python-crfsuite reading a dict per syllable (``tests/vi/test_segmenter_pyvi.py``
        checks that the marginals are the very same floats).
        """
        n = len(sent)
        lower = [w.lower() for w in sent]
        title = [w.istitle() for w in sent]
        upper = [w.isupper() for w in sent]
        # Whether two or three neighbours, joined by a space and lowercased as pyvi does it, are in the
        # word lists: looked up once per position (bi[i]: syllables i and i + 1; tri[i]: i to i + 2),
        # not twice per syllable.
        bi = [" ".join(pair).lower() in self.bi_grams for pair in zip(sent, sent[1:])]
        tri = [" ".join(triple).lower() in self.tri_grams for triple in zip(sent, sent[1:], sent[2:])]
        out = []
        for i, word in enumerate(sent):
            f = ["bias", "word.lower():" + lower[i]]
            if upper[i]:
                f.append("word.isupper()")
            if title[i]:
                f.append("word.istitle()")
            if word.isdigit():
                f.append("word.isdigit()")
            if i > 0:
                f.append("-1:word.lower():" + lower[i - 1])
                if title[i - 1]:
                    f.append("-1:word.istitle()")
                if upper[i - 1]:
                    f.append("-1:word.isupper()")
                if bi[i - 1]:
                    f.append("-1:word.bi_gram()")
                if i > 1 and tri[i - 2]:
                    f.append("-2:word.tri_gram()")
            if i < n - 1:
                f.append("+1:word.lower():" + lower[i + 1])
                if title[i + 1]:
                    f.append("+1:word.istitle()")
                if upper[i + 1]:
                    f.append("+1:word.isupper()")
                if bi[i]:
                    f.append("+1:word.bi_gram()")
                if i < n - 2 and tri[i]:
                    f.append("+2:word.tri_gram()")
            out.append(f)
        return out

    def tokenize(self, text: str) -> str:
        """Words separated by spaces, syllables of a word joined by "_" (pyvi's format)."""
        syllables = [m.group(1) for m in _SYLLABLES.finditer(unicodedata.normalize("NFC", text))]
        if not syllables:
            return text
        labels = self.tagger.tag(self.features(syllables))
        pieces = [syllables[0]]
        for i in range(1, len(labels)):
            here, before = syllables[i], syllables[i - 1]
            if (
                labels[i] == "I_W"
                and here not in string.punctuation
                and before not in string.punctuation
                and not here[0].isdigit()
                and not before[0].isdigit()
                and not (here[0].istitle() and not before[0].istitle())
            ):
                pieces.append("_")
            else:
                pieces.append(" ")
            pieces.append(here)
        return "".join(pieces)


def _ngrams(text: str) -> tuple[set[str], set[str]]:
    """pyvi's word list (``text``) as its two sets, words of two and of three syllables, through the start-up cache."""
    import sys

    import pipeline.startup
    from pipeline.startup import cached_sets, source_of

    def compute() -> tuple:
        bi_grams: set[str] = set()
        tri_grams: set[str] = set()
        for token in text.split("\n"):
            size = len(token.split(" "))
            if size == 2:
                bi_grams.add(token)
            elif size == 3:
                tri_grams.add(token)
        return bi_grams, tri_grams

    made_from = [text, *source_of(sys.modules[__name__], pipeline.startup)]
    return cached_sets("pyvi-ngrams", made_from, compute)


def _tagger(data: bytes):
    """A tagger of pyvi's CRFsuite model ``data``: underthesea_core's ``CRFTagger``, else python-crfsuite's.

    underthesea_core's (as for our own segmenter's CRF and the UPOS CRF) gives the same labels
    (``tests/vi/test_segmenter_pyvi.py``: pyvi's own words), in less time: the bench's 80 documents'
    240 lines, alternated in one process, 4 runs each (load 2-3): 0.082-0.092 against
    0.035-0.049 CPU s. It reads models from files only: the model is written once into the start-up
    cache folder (keyed by its bytes), and opened from its native copy there
    (:func:`pipeline.vi.crf_cache.crf_tagger`). Where that cannot be done (a cache folder that cannot
    be written, no underthesea_core), python-crfsuite reads it from memory, as before.
    """
    try:
        from pipeline import cache_dir
        from pipeline.io.files import atomic_file
        from pipeline.vi.crf_cache import crf_tagger

        folder = cache_dir() / "startup"
        path = folder / f"pyvi-model-{hashlib.sha256(data).hexdigest()[:32]}.crfsuite"
        if not path.is_file():
            for old in folder.glob("pyvi-model-*.crfsuite"):
                old.unlink(missing_ok=True)
            with atomic_file(path) as handle:
                handle.write(bytes(data))
        return crf_tagger(path, name="pyvi")
    except Exception:  # the cache is only a cache
        tagger = pycrfsuite.Tagger()
        tagger.open_inmemory(data)
        return tagger


@cache
def pyvi_model() -> PyviModel:
    """pyvi's model, loaded once per process."""
    return PyviModel()

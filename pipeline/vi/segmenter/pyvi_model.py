"""pyvi's word segmenter, without importing scikit-learn.

pyvi's ``ViTokenizer`` unpickles its model (a ``sklearn_crfsuite.CRF``) when the
module is imported, which imports scikit-learn and SciPy's statistics: 0.6 CPU
seconds in every process, for a model that is a CRFsuite file inside the
pickle. This module reads the same pickle with the two sklearn_crfsuite classes
replaced by plain records, opens the CRFsuite model with python-crfsuite (which
is what sklearn_crfsuite calls to tag), and segments with pyvi 0.1.1's own
syllable pattern, features and joining rule, copied below (MIT licence).
``tests/vi/test_segmenter_crf.py`` checks that the output is pyvi's on UD VTB
sentences.
"""

from __future__ import annotations

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
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open_inmemory(self._model_data)
        self.bi_grams: set[str] = set()
        self.tri_grams: set[str] = set()
        for token in package.joinpath(WORDS_RESOURCE).read_text(encoding="utf-8").split("\n"):
            size = len(token.split(" "))
            if size == 2:
                self.bi_grams.add(token)
            elif size == 3:
                self.tri_grams.add(token)

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


@cache
def pyvi_model() -> PyviModel:
    """pyvi's model, loaded once per process."""
    return PyviModel()

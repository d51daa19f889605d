"""underthesea's word segmenter, with its CRF features built from per-value caches.

``underthesea.word_tokenize`` cuts a line into tokens with its regular
expressions, builds 43 feature strings per token with ``underthesea_core``'s
``CRFFeaturizer`` (written in Rust) and tags them with its CRF. The featurizer
is half the segmenter's time (and underthesea's segmenter is a stacked input of
ours): for every token it computes every template's value again, as a new
string crossing from Rust into Python. Yet a token's features are made of few
distinct pieces (``T[-1].lower=nhà``, ``T[0,1].is_in_dict=True``) that recur
all through a text.

So this module keeps, per template over one token, a table from the token to the
finished feature string, and builds a sentence's features with one dictionary
look-up per token and template; templates that only copy the window's text
(``T[-1,0]=Hà Nội``) are a concatenation. What a template *means* is never
reimplemented: the value of a function (``lower``, ``isdigit``, ``istitle``,
``is_in_dict``) on a token is asked, the first time that token is seen, of
underthesea's own ``CRFFeaturizer`` with the same dictionary (its ``istitle``
and ``lower`` are Rust's, not Python's); the templates applying a function to a
window of two or three tokens, which seldom recur in a text, are left to that
featurizer, run on the sentence for those templates alone (11 of 43). On UD
Vietnamese-VTB dev text this takes about a fifth less time than the featurizer
on every template, and half when the tokens have been seen before. ``tests/vi/test_segmenter_underthesea.py``
checks the features against ``CRFFeaturizer.process`` and the words against
``word_tokenize`` on UD Vietnamese-VTB.

The model files are those ``word_tokenize`` loads (``ws_crf_vlsp2013_20230727``
inside the underthesea package), read with :mod:`pickle` (joblib wrote plain
pickles: a list of templates and a set of words) and tagged with the same
``underthesea_core.CRFTagger``.
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

#: Where ``word_tokenize``'s model lives inside the underthesea package.
MODEL_DIR = "pipeline/word_tokenize/models/ws_crf_vlsp2013_20230727"
#: The functions a template may apply, in the order the helper featurizer returns them.
FUNCTIONS = ("lower", "isdigit", "istitle", "is_in_dict")
#: A table of finished feature strings is emptied when it grows past this many
#: entries (a whole corpus streams through one process).
MAX_CACHED = 200_000
#: Templates applying a function to windows this wide or wider are computed by underthesea's featurizer.
DELEGATED_WIDTH = 2

_TEMPLATE = re.compile(r"T\[(-?\d+)(?:,(-?\d+))?\](?:\.(\w+))?")


@dataclass(frozen=True)
class _Template:
    text: str
    start: int  # offsets of the window's first and last token from the current one
    end: int
    function: str | None  # None: the text itself

    @property
    def width(self) -> int:
        return self.end - self.start + 1

    @property
    def prefix(self) -> str:
        return self.text + "="

    @classmethod
    def parse(cls, text: str) -> _Template:
        m = _TEMPLATE.fullmatch(text)
        if not m:
            raise ValueError(f"underthesea segmenter template {text!r}: not of the form T[i], T[i,j] or T[i].function")
        start = int(m.group(1))
        end = int(m.group(2)) if m.group(2) is not None else start
        name = m.group(3)
        if name is not None and name not in FUNCTIONS:
            raise ValueError(f"underthesea segmenter template {text!r}: function {name!r} is not known here")
        if end < start:
            raise ValueError(f"underthesea segmenter template {text!r}: the window ends before it starts")
        return cls(text, start, end, name)


class UndertheseaWordSegmenter:
    """``words(line)`` is ``underthesea.word_tokenize(line)``."""

    def __init__(self) -> None:
        from underthesea.pipeline.word_tokenize.regex_tokenize import tokenize
        from underthesea_core import CRFFeaturizer, CRFTagger

        from pipeline.vi.underthesea_models import package_dir

        folder = package_dir() / MODEL_DIR
        for name in ("models.bin", "features.bin", "dictionary.bin"):
            if not (folder / name).is_file():
                raise FileNotFoundError(f"{folder / name}: underthesea's word segmentation model is missing")
        with open(folder / "features.bin", "rb") as f:
            self.template_texts: list[str] = pickle.load(f)
        with open(folder / "dictionary.bin", "rb") as f:
            dictionary = pickle.load(f)
        self.templates = [_Template.parse(t) for t in self.template_texts]
        # underthesea's own featurizer (with the same dictionary) is still asked for two things:
        # * the templates that apply a function to windows of DELEGATED_WIDTH tokens or
        #   more (these seldom recur: nothing to gain from a table), on the sentence;
        # * "T[0].<function>" for each function: its value on any text not seen yet, given
        #   as a sentence of one token.
        self._delegated = [i for i, t in enumerate(self.templates) if t.function and t.width >= DELEGATED_WIDTH]
        self._delegate = CRFFeaturizer([self.templates[i].text for i in self._delegated], dictionary)
        functions = sorted({t.function for t in self.templates if t.function and t.width < DELEGATED_WIDTH})
        self._functions = CRFFeaturizer([f"T[0].{name}" for name in functions], dictionary)
        # where each function's value is in that output ("T[0].<function>=<value>")
        self._value_at = {name: (i, len(f"T[0].{name}=")) for i, name in enumerate(functions)}
        self._tables: list[dict[str, str]] = [{} for _ in self.templates]
        self.tagger = CRFTagger()
        self.tagger.load(str(folder / "models.bin"))
        self._tokenize = tokenize

    def features(self, tokens: Sequence[str]) -> list[tuple[str, ...]]:
        """The feature strings of each token, as ``CRFFeaturizer.process`` gives them."""
        n = len(tokens)
        windows = {1: list(tokens)}
        for width in {t.width for t in self.templates}:
            if width > 1:
                windows[width] = [" ".join(tokens[j : j + width]) for j in range(n - width + 1)]
        delegated = {}
        if self._delegated:
            rows = self._delegate.process([[[token] for token in tokens]])[0]
            delegated = dict(zip(self._delegated, zip(*rows)))
        values: dict[str, list[str]] = {}  # text -> the function values of the texts looked up
        columns: list[Sequence[str]] = []
        for index, (template, table) in enumerate(zip(self.templates, self._tables)):
            if index in delegated:
                columns.append(delegated[index])
                continue
            i1, i2 = template.start, template.end
            first = min(max(0, -i1), n)  # tokens whose window starts before the sentence: BOS
            last = max(first, min(n, n - i2))  # tokens from here on: the window runs past its end, EOS
            texts = windows[template.width][first + i1 : last + i1]
            prefix = template.prefix
            if template.function is None:
                middle = [prefix + text for text in texts]  # nothing to look up
            else:
                try:
                    middle = [table[text] for text in texts]
                except KeyError:
                    if len(table) > MAX_CACHED:
                        table.clear()
                    missing = [text for text in texts if text not in table]
                    self._learn([text for text in missing if text not in values], values)
                    at, cut = self._value_at[template.function]
                    for text in missing:
                        table[text] = prefix + values[text][at][cut:]
                    middle = [table[text] for text in texts]
            columns.append([prefix + "BOS"] * first + middle + [prefix + "EOS"] * (n - last))
        return list(zip(*columns))

    def _learn(self, texts: Sequence[str], values: dict[str, list[str]]) -> None:
        """Add the featurizer's output for each of ``texts``, given as a sentence of one token, to ``values``."""
        if texts:
            texts = list(dict.fromkeys(texts))
            for text, row in zip(texts, self._functions.process([[[text]] for text in texts])):
                values[text] = row[0]

    def words(self, line: str) -> list[str]:
        """The words of ``line``, syllables joined by spaces (``word_tokenize``'s output)."""
        tokens = self._tokenize(line)
        if not tokens:
            return []
        tags = self.tagger.tag(self.features(tokens))
        output: list[str] = []
        for i, (tag, token) in enumerate(zip(tags, tokens)):
            if tag == "I-W" and i > 0:
                output[-1] = output[-1] + " " + token
            else:
                output.append(token)
        return output


@cache
def underthesea_segmenter() -> UndertheseaWordSegmenter:
    """underthesea's segmenter, loaded once per process."""
    return UndertheseaWordSegmenter()

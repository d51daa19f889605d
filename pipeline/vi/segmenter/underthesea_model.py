"""underthesea's word segmenter, with its CRF features built from per-value caches.

``underthesea.word_tokenize`` cuts a line into tokens with its regular
expressions, builds 43 feature strings per token with ``underthesea_core``'s
``CRFFeaturizer`` (written in Rust) and tags them with its CRF. The featurizer
is half the segmenter's time (and underthesea's segmenter is a stacked input of
ours): for every token it computes every template's value again, as a new
string crossing from Rust into Python. Yet a token's features are made of few
distinct pieces (``T[-1].lower=nhà``, ``T[0,1].is_in_dict=True``) that recur
all through a text.

So this module keeps, per template, a table from the window's text to the
finished feature string, and builds a sentence's features with one dictionary
look-up per token and template. What a template *means* is never reimplemented:
the value of a function (``lower``, ``isdigit``, ``istitle``, ``is_in_dict``) on
a window's text is asked, the first time that text is seen, of underthesea's own
``CRFFeaturizer`` with the same dictionary (its ``istitle`` and ``lower`` are
Rust's, not Python's). A window of several tokens is their text joined by a
space, as underthesea's featurizer reads it. ``tests/vi/test_segmenter_underthesea.py``
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
DELEGATED_WIDTH = 3

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
        # Per window width, underthesea's own featurizer for the functions that
        # templates of that width apply, asked once per text not seen yet; and
        # where each function's value is in its output ("T[0].<function>=<value>").
        self._helpers: dict[int, tuple[object, dict[str, tuple[int, int]]]] = {}
        # Windows of DELEGATED_WIDTH tokens or more seldom recur: the templates that apply a
        # function to them are left to underthesea's featurizer, run on the sentence for those alone.
        self._delegated = [i for i, t in enumerate(self.templates) if t.function and t.width >= DELEGATED_WIDTH]
        self._delegate = CRFFeaturizer([self.templates[i].text for i in self._delegated], dictionary)
        for width in sorted({t.width for t in self.templates}):
            names = sorted(
                {t.function for t in self.templates if t.width == width and t.function and width < DELEGATED_WIDTH}
            )
            helper = CRFFeaturizer([f"T[0].{name}" for name in names], dictionary)
            self._helpers[width] = (helper, {name: (i, len(f"T[0].{name}=")) for i, name in enumerate(names)})
        self._tables: list[dict[str, str]] = [{} for _ in self.templates]
        self.tagger = CRFTagger()
        self.tagger.load(str(folder / "models.bin"))
        self._tokenize = tokenize

    def features(self, tokens: Sequence[str]) -> list[tuple[str, ...]]:
        """The feature strings of each token, as ``CRFFeaturizer.process`` gives them."""
        n = len(tokens)
        windows = {1: list(tokens)}
        for width in self._helpers:
            if width > 1:
                windows[width] = [" ".join(tokens[j : j + width]) for j in range(n - width + 1)]
        columns: list[Sequence[str]] = []
        learned: dict[int, dict[str, list[str]]] = {width: {} for width in self._helpers}
        delegated = dict(zip(self._delegated, zip(*self._delegate.process([[[token] for token in tokens]])[0])))
        for template, table in zip(self.templates, self._tables):
            if len(columns) in delegated:
                columns.append(delegated[len(columns)])
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
                    values = learned[template.width]
                    missing = [text for text in texts if text not in table]
                    self._learn(template.width, [text for text in missing if text not in values], values)
                    index, cut = self._helpers[template.width][1][template.function]
                    for text in missing:
                        table[text] = prefix + values[text][index][cut:]
                    middle = [table[text] for text in texts]
            columns.append([prefix + "BOS"] * first + middle + [prefix + "EOS"] * (n - last))
        return list(zip(*columns))

    def _learn(self, width: int, texts: Sequence[str], values: dict[str, list[str]]) -> None:
        """Add underthesea's function values for ``texts`` (windows of ``width`` tokens) to ``values``."""
        if texts:
            texts = list(dict.fromkeys(texts))
            for text, row in zip(texts, self._helpers[width][0].process([[[text]] for text in texts])):
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

"""underthesea's word segmenter, with its CRF features built a column at a time.

``underthesea.word_tokenize`` cuts a line into tokens with its regular
expressions, builds 43 feature strings per token with ``underthesea_core``'s
``CRFFeaturizer`` (written in Rust) and tags them with its CRF. The featurizer
is half the segmenter's time (and underthesea's segmenter is a stacked input of
ours): for every token it computes every template's function again (``T[-2].lower``,
``T[-1].lower``, ... ``T[2].lower`` each lowercase the same tokens), and each
of the 43 strings crosses from Rust into Python.

So the functions are computed once per window instead: for each window width
and function the templates use, underthesea's own ``CRFFeaturizer`` (with the
same dictionary) is run on the sentence with that function on the window that
*starts* at each token (``T[0].lower``, ``T[0,1].is_in_dict``, ...: 9 templates
instead of 43); every template is then that column shifted by its offset, with
``BOS`` / ``EOS`` beyond the sentence as underthesea writes them, and its own
name in front. The functions of one token are run by the featurizer on each token
once; those of windows of several tokens are combined from the tokens' own values
(:meth:`UndertheseaWordSegmenter.window_values`: joined lowercase text, looked up in
the dictionary; every token title), as the featurizer's code makes them. What a
function *means* is never reimplemented (its ``istitle`` and ``lower`` are Rust's,
not Python's); what is assumed is that a template over several tokens reads their
text joined by a space, as the featurizer's output and code show.
``tests/vi/test_segmenter_underthesea.py`` checks the features against
``CRFFeaturizer.process`` and the words against ``word_tokenize`` on UD
Vietnamese-VTB. On the bench text this takes about two thirds of the featurizer's time.

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
from functools import cache, lru_cache
from pathlib import Path

#: Where ``word_tokenize``'s model lives inside the underthesea package.
MODEL_DIR = "pipeline/word_tokenize/models/ws_crf_vlsp2013_20230727"
#: The functions a template may apply.
FUNCTIONS = ("lower", "isdigit", "istitle", "is_in_dict")

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


#: How many tokens' one-token feature values :class:`UndertheseaWordSegmenter` keeps (then it starts again).
_MAX_KNOWN_TOKENS = 200_000


class UndertheseaWordSegmenter:
    """``words(line)`` is ``underthesea.word_tokenize(line)``."""

    def __init__(self) -> None:
        # underthesea's normaliser and tokenizer import each other; its package __init__
        # imports the normaliser first, the order in which the circle closes. songngu may
        # import them without that __init__ (pipeline.startup.lean_imports), so it does the same.
        normaliser_tables_from_cache()
        import underthesea.pipeline.text_normalize  # noqa: F401
        from underthesea.pipeline.word_tokenize import regex_tokenize
        from underthesea_core import CRFFeaturizer

        from pipeline.vi.crf_cache import crf_tagger
        from pipeline.vi.underthesea_models import package_dir

        folder = package_dir() / MODEL_DIR
        for name in ("models.bin", "features.bin", "dictionary.bin"):
            if not (folder / name).is_file():
                raise FileNotFoundError(f"{folder / name}: underthesea's word segmentation model is missing")
        with open(folder / "features.bin", "rb") as f:
            self.template_texts: list[str] = pickle.load(f)
        self.templates = [_Template.parse(t) for t in self.template_texts]
        # (width, function) -> the base template computing it on the window starting at each token
        self._bases = sorted({(t.width, t.function) for t in self.templates if t.function})
        # The bases of one token ("T[0].lower", "T[0].is_in_dict"...) depend on the token alone: their
        # values are kept per token (a line repeats most of its tokens, a text its words), computed by
        # the same featurizer on the token as a sentence of its own; the bases of windows of several
        # tokens are computed on each line.
        self._single_bases = [base for base in self._bases if base[0] == 1]
        self._window_bases = [base for base in self._bases if base[0] > 1]
        single_texts = [f"T[0].{function}" for _, function in self._single_bases]
        window_texts = [f"T[0,{width - 1}].{function}" for width, function in self._window_bases]
        # Each featurizer gets only the words of the dictionary its windows can match (see
        # dictionary_parts): handing a set to CRFFeaturizer copies every word into Rust.
        self._dictionary_path = folder / "dictionary.bin"
        single_words, window_words = dictionary_parts(
            self._dictionary_path, sorted({width for width, _ in self._window_bases})
        )
        self._single_featurizer = CRFFeaturizer(single_texts, single_words)
        # The windows' values are made here from the tokens' own (window_values), when every window
        # function is one that can be; else by a featurizer of windows, as the single tokens' are.
        self._window_words = window_words
        self._window_featurizer = None
        single = {function for _, function in self._single_bases}
        needs = {"lower": "lower", "is_in_dict": "lower", "istitle": "istitle"}
        if not all(needs.get(function) in single for _, function in self._window_bases):
            self._window_featurizer = CRFFeaturizer(window_texts, window_words)
        self._texts = (single_texts, window_texts)
        self._whole: tuple | None = None  # the featurizers with the whole dictionary: spaced_tokens()
        self._single_cut = [len(text) + 1 for text in single_texts]
        self._window_at = {
            base: (i, len(text) + 1) for i, (base, text) in enumerate(zip(self._window_bases, window_texts))
        }
        self._single_values: dict[str, tuple[str, ...]] = {}
        # A function other than lower (isdigit, istitle, is_in_dict) has two values, "True" and "False":
        # half of the templates. Their feature strings are made once here, not once per token.
        self._two_valued = {
            t.text: {value: t.prefix + value for value in ("True", "False")}
            for t in self.templates
            if t.function is not None and t.function != "lower"
        }
        self.tagger = crf_tagger(folder / "models.bin")  # through the start-up cache: pipeline.vi.crf_cache
        self._regex_tokenize = regex_tokenize
        from underthesea.pipeline.text_normalize.character_normalize import normalize_characters_in_text
        from underthesea.pipeline.text_normalize.token_normalize import token_normalize

        self._normalize_text = normalize_characters_in_text
        # A pure function of the token (and the normaliser's fixed tables), called on every token of
        # six characters or fewer: most are words seen before.
        self._normalize_token = lru_cache(maxsize=1 << 16)(token_normalize)

    def tokens(self, line: str) -> list[str]:
        """``underthesea``'s ``regex_tokenize.tokenize(line)``, with its per-token work done once per token.

        underthesea's ``tokenize`` normalises the line's characters, finds the tokens with its
        pattern, takes each match's first named group that matched (``extract_match``: a loop over
        ``groupdict()``) and normalises each token (``token_normalize``: tokens of more than six
        characters stay as they are). Every alternative of its pattern is one named group around
        the whole alternative, inside one group around all of them, so that group is the whole
        match (``m[0]``); ``token_normalize`` is only remembered for tokens seen before. The
        pattern is read from underthesea's module at each call, as ``tokenize`` reads its global.
        ``tests/vi/test_segmenter_underthesea.py`` compares the tokens with ``tokenize``'s.
        """
        text = self._normalize_text(line)
        normalize = self._normalize_token
        return [
            token if len(token) > 6 else normalize(token)
            for token in [m[0] for m in self._regex_tokenize.patterns.finditer(text)]
        ]

    def spaced_tokens(self) -> tuple:
        """The two featurizers with the whole dictionary, for tokens with a space in them (made when first needed).

        A window of tokens holding a space reaches words of the dictionary with more spaces
        than :func:`dictionary_parts` gives its featurizer; underthesea's tokens never hold one
        (its patterns match no space), but that is its pattern's property, not this module's.
        """
        if self._whole is None:
            from underthesea_core import CRFFeaturizer

            with open(self._dictionary_path, "rb") as f:
                dictionary = pickle.load(f)
            self._whole = tuple(CRFFeaturizer(texts, dictionary) for texts in self._texts)
        return self._whole

    def window_values(self, values: dict[tuple[int, str | None], list[str]]) -> None:
        """The values of the window bases (``T[0,1].lower``, ``T[0,2].is_in_dict``...), made from the tokens' own.

        What ``CRFFeaturizer`` does with a window (underthesea_core 3.3.2's ``featurizers.rs``): it
        joins the tokens' texts with single spaces, then ``lower`` is Rust's ``to_lowercase`` of that,
        ``is_in_dict`` whether the dictionary holds that lowercased text, and ``istitle`` whether every
        part of it split at spaces starts with a character that upper-casing leaves unchanged. For
        tokens without a space (this is not called for others: :meth:`spaced_tokens`), the parts are
        the tokens, so ``istitle`` is every token's own ``istitle``; and lowercasing the joined text is
        joining the tokens' lowercased texts (Rust lowercases each character alone but for the final
        sigma, whose context a space always ends on both sides, as the text's ends do), so ``lower`` is
        the tokens' own ``lower`` joined by spaces and ``is_in_dict`` that looked up in the same words
        (:func:`dictionary_parts`). The one-token values (``values[1, "lower"]``, ``values[1, "istitle"]``)
        are the featurizer's own, so no function is computed here, only combined: on the bench text the
        featurizer of windows cost 0.17 CPU s, this 0.03. ``tests/vi/test_segmenter_underthesea.py``
        compares the features with ``CRFFeaturizer.process`` on UD VTB and on odd text (Greek final
        sigma, casing outside ASCII, titles of several tokens).
        """
        lower, title = values.get((1, "lower")), values.get((1, "istitle"))
        joined: dict[int, list[str]] = {1: lower}
        for width, function in self._window_bases:
            if function == "istitle":
                result = title
                for k in range(1, width):  # result[j]: tokens j .. j + k all title
                    result = ["True" if a == "True" and b == "True" else "False" for a, b in zip(result, title[k:])]
            else:
                text = joined.get(width)
                if text is None:
                    text = lower
                    for k in range(1, width):  # text[j]: tokens j .. j + k lowercased, joined by spaces
                        text = [a + " " + b for a, b in zip(text, lower[k:])]
                    joined[width] = text
                if function == "lower":
                    result = text
                else:
                    words = self._window_words
                    result = ["True" if t in words else "False" for t in text]
            values[width, function] = result

    def features(self, tokens: Sequence[str]) -> list[tuple[str, ...]]:
        """The feature strings of each token, as ``CRFFeaturizer.process`` gives them."""
        n = len(tokens)
        if not n:
            return []
        spaced = " " in "".join(tokens)
        single_featurizer, window_featurizer = (
            self.spaced_tokens() if spaced else (self._single_featurizer, self._window_featurizer)
        )
        # (width, function or None for the text) -> its value on the window starting at each
        # token j, for j <= n - width (the windows that end inside the sentence)
        values: dict[tuple[int, str | None], list[str]] = {(1, None): list(tokens)}
        known = self._single_values
        new = [token for token in dict.fromkeys(tokens) if token not in known]
        if new:
            if len(known) + len(new) > _MAX_KNOWN_TOKENS:
                known.clear()
                new = list(dict.fromkeys(tokens))
            cuts = self._single_cut
            for token, (row,) in zip(new, single_featurizer.process([[[token]] for token in new])):
                known[token] = tuple([string[cut:] for string, cut in zip(row, cuts)])
        per_token = [known[token] for token in tokens]
        for k, base in enumerate(self._single_bases):
            values[base] = [single[k] for single in per_token]
        if self._window_bases and window_featurizer is None:
            self.window_values(values)
        elif self._window_bases:
            rows = window_featurizer.process([[[token] for token in tokens]])[0]
            for (width, function), (index, cut) in self._window_at.items():
                values[width, function] = [row[index][cut:] for row in rows[: n - width + 1]]
        columns = []
        for template in self.templates:
            i1, i2, width = template.start, template.end, template.width
            key = (width, template.function)
            if key not in values:  # the text of a window of several tokens, from that of one token fewer
                shorter = values.get((width - 1, None)) or [" ".join(tokens[j : j + width - 1]) for j in range(n)]
                values[key] = [a + " " + b for a, b in zip(shorter, tokens[width - 1 :])]
            first = min(max(0, -i1), n)  # tokens whose window starts before the sentence: BOS
            last = max(first, min(n, n - i2))  # tokens from here on: the window runs past its end, EOS
            prefix = template.prefix
            window = values[key][first + i1 : last + i1]
            strings = self._two_valued.get(template.text)
            if strings is not None:
                try:
                    # the template's two strings, made once: a look-up per token, no new string
                    middle = list(map(strings.__getitem__, window))
                except KeyError:  # a value other than True / False: spelled out as below
                    middle = [prefix + value for value in window]
            else:
                middle = [prefix + value for value in window]
            columns.append([prefix + "BOS"] * first + middle + [prefix + "EOS"] * (n - last))
        return list(zip(*columns))

    def words(self, line: str) -> list[str]:
        """The words of ``line``, syllables joined by spaces (``word_tokenize``'s output)."""
        tokens = self.tokens(line)
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


def dictionary_parts(path: Path, widths: Sequence[int]) -> tuple[set[str], set[str]]:
    """The words of underthesea's segmentation dictionary (``path``) that one token can match, and those that
    a window of one of ``widths`` tokens can, from the start-up cache.

    ``is_in_dict`` looks up the window's tokens joined by single spaces, lowercased (``CRFFeaturizer``):
    for tokens without a space, a window of ``w`` tokens holds ``w - 1`` spaces, and lowercasing makes
    or removes none, so only the words with that many spaces can match. Of the 72,547 words, 8,810
    have none and 54,406 one or two (the windows of two and three tokens): copying the set into Rust
    is most of a featurizer's construction, made twice at every start-up (one featurizer for single
    tokens, one for windows). Tokens with a space go to :meth:`UndertheseaWordSegmenter.spaced_tokens`.
    The parts are kept by :func:`pipeline.startup.cached_sets` (read back faster than pickle reads
    the file), keyed by the file, the widths and the code.
    """
    import sys

    import pipeline.startup
    from pipeline.startup import cached_sets, source_of

    data = path.read_bytes()

    def compute() -> tuple:
        dictionary = pickle.loads(data)
        spaces = {width - 1 for width in widths}
        single = {w for w in dictionary if " " not in w}
        return single, {w for w in dictionary if w.count(" ") in spaces}

    made_from = [data, repr(list(widths)), *source_of(sys.modules[__name__], pipeline.startup)]
    return cached_sets("underthesea-dictionary", made_from, compute)


#: underthesea's module that loads the normaliser's tables, and the folder it lives in (in the package).
NORMALISER_MODULE = "underthesea.pipeline.text_normalize.text_normalizer"
NORMALISER_DIR = "pipeline/text_normalize"


def normaliser_tables_from_cache() -> None:
    """Give underthesea's normaliser module its two tables from the start-up cache, before it is imported.

    ``underthesea.pipeline.text_normalize.text_normalizer`` (which the regular-expression tokenizer
    imports, through the normaliser) does nothing but load its rules file with joblib, twice, into
    ``character_map`` and ``token_map``: importing joblib for it (asyncio, its process pools...) and
    unpickling with joblib's pure-Python unpickler cost about 0.05 CPU s per process. So the module is
    put in ``sys.modules`` with those two names set from :func:`pipeline.startup.cached` (computed by
    running the module's own code, keyed by its source and the rules files beside it) and its code
    deferred (:func:`pipeline.startup.deferred_module`): the normaliser and the tokenizer import the
    two names and never look for others; any other name runs the module as underthesea wrote it.
    Nothing is done when the module or its package is imported already.
    """
    import importlib.machinery
    import importlib.util
    import sys

    from pipeline.startup import cached, deferred_module
    from pipeline.vi.underthesea_models import package_dir

    package = NORMALISER_MODULE.rpartition(".")[0]
    if NORMALISER_MODULE in sys.modules or package in sys.modules:
        return
    folder = package_dir() / NORMALISER_DIR
    spec = importlib.machinery.PathFinder.find_spec(NORMALISER_MODULE, [str(folder)])
    if spec is None or spec.loader is None or spec.origin is None:
        return  # underthesea's own import will say what is wrong

    def compute() -> tuple[dict, dict]:
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module.character_map, module.token_map

    made_from = [Path(spec.origin).read_bytes(), *(path.read_bytes() for path in sorted(folder.glob("*.bin")))]
    character_map, token_map = cached("underthesea-normaliser", made_from, compute)
    deferred_module(NORMALISER_MODULE, [str(folder)], character_map=character_map, token_map=token_map)


@cache
def underthesea_segmenter() -> UndertheseaWordSegmenter:
    """underthesea's segmenter, loaded once per process."""
    return UndertheseaWordSegmenter()

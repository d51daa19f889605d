"""underthesea's CRF feature templates, computed in one linear pass per sentence.

underthesea's POS, chunk and NER CRFs (2017) were trained on features written
as templates: ``T[-1].lower`` (the previous word, lowercased), ``T[0,1]`` (this
word and the next, joined by a space), ``T[-2][1]`` (column 1, the POS tag, two
words back), each feature string being ``"<template>=<value>"``, with ``BOS`` /
``EOS`` beyond the sentence. underthesea computes them with
``tagged_feature.template2features``, which for *every* token and template
rebuilds every column of the whole sentence, parses the template with a regular
expression and builds a dict of functions: quadratic in sentence length (a
10,000-character sentence takes about a minute).

This module produces exactly the same strings (``tests/vi/test_crf_features.py``
compares them with underthesea's on UD Vietnamese-VTB dev), but parses each
template once, computes each (column, function, window) once per sentence and
each template's strings for the whole sentence in one slice, so the cost is
linear in the sentence. No library does this: the templates are underthesea's
own private format. :class:`SentenceFeatures` is shared by the models that tag
one sentence in turn (POS, then chunk, then NER): templates over the same
column, such as the word templates all three use, are built once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

#: underthesea's template syntax: ``T[i]``, ``T[i,j]``, an optional ``[column]``
#: and an optional ``.function`` (the same regular expression as ``template2features``).
_TEMPLATE = re.compile(r"T\[(?P<index1>\-?\d+)(\,(?P<index2>\-?\d+))?\](\[(?P<column>.*)\])?(\.(?P<function>.*))?")


def _istitle(word: str) -> str:
    # template2features' text_istitle: every space-separated part starts with a
    # title-case character; an empty part (two spaces) makes it False.
    if " " not in word:  # (most words: one part, no generator to run)
        return "True" if word[:1].istitle() else "False"
    return str(all(part and part[0].istitle() for part in word.split(" ")))


def _isdigit(word: str) -> str:
    return str(word.isdigit())


#: The template functions the bundled POS, chunk and NER models use (plus isdigit).
FUNCTIONS = {"lower": str.lower, "istitle": _istitle, "isdigit": _isdigit}


@dataclass(frozen=True)
class Template:
    """One parsed template: ``T[index1(,index2)][column].function``."""

    text: str
    index1: int
    index2: int  # == index1 for a single-token template
    column: int
    function: str | None

    @classmethod
    def parse(cls, text: str) -> Template:
        m = _TEMPLATE.fullmatch(text)
        if not m:
            raise ValueError(f"not an underthesea feature template: {text!r}")
        index1 = int(m.group("index1"))
        index2 = int(m.group("index2")) if m.group("index2") else index1
        function = m.group("function")
        if function is not None and function not in FUNCTIONS:
            raise ValueError(f"template {text!r}: function {function!r} is not implemented here")
        if index2 < index1:
            raise ValueError(f"template {text!r}: the window ends before it starts")
        return cls(text, index1, index2, int(m.group("column") or 0), function)


class SentenceFeatures:
    """The feature strings of one sentence, built once per (template, column).

    ``columns`` are named ("word", "pos", "chunk", ...), so that two models whose
    template ``T[-1][1]`` reads different columns do not share strings by mistake,
    while two models reading the same column do.
    """

    def __init__(self, words: Sequence[str]):
        self.n = len(words)
        self._columns: dict[str, Sequence[str]] = {"word": words}
        self._values: dict[tuple[str, str | None, int], list[str]] = {}
        self._strings: dict[tuple[str, str], list[str]] = {}

    def set_column(self, name: str, values: Sequence[str]) -> None:
        if len(values) != self.n:
            raise ValueError(f"column {name!r} has {len(values)} values for {self.n} words")
        if name in self._columns and list(self._columns[name]) != list(values):
            # New values for a column (a sentence object reused): forget what was built from the old ones.
            self._values = {k: v for k, v in self._values.items() if k[0] != name}
            self._strings = {k: v for k, v in self._strings.items() if k[1] != name}
        self._columns[name] = values

    def constant_column(self, name: str, value: str) -> None:
        self._columns[name] = [value] * self.n

    def _window_values(self, column: str, function: str | None, width: int) -> list[str]:
        """For each start j, ``function(" ".join(column[j : j + width]))``."""
        key = (column, function, width)
        values = self._values.get(key)
        if values is None:
            base = self._columns[column]
            if width == 1:
                joined = list(base)
            else:
                joined = [" ".join(base[j : j + width]) for j in range(self.n - width + 1)]
            values = joined if function is None else list(map(FUNCTIONS[function], joined))
            self._values[key] = values
        return values

    def strings(self, template: Template, column: str) -> list[str]:
        """``template``'s feature string at every token, reading column ``column``."""
        key = (template.text, column)
        out = self._strings.get(key)
        if out is not None:
            return out
        n, i1, i2 = self.n, template.index1, template.index2
        prefix = template.text + "="
        # Token i reads the window [i + i1, i + i2]: BOS when it starts before the
        # sentence, else EOS when any of it lies beyond (template2features' order).
        first = min(max(0, -i1), n)  # tokens before this one get BOS
        last = max(first, min(n, n - i2))  # tokens from this one get EOS
        values = self._window_values(column, template.function, i2 - i1 + 1)
        out = [prefix + "BOS"] * first
        out += [prefix + v for v in values[first + i1 : last + i1]]
        out += [prefix + "EOS"] * (n - last)
        self._strings[key] = out
        return out


class FeatureTemplates:
    """A model's templates, with the name of the column each column index reads.

    ``columns`` names the model's input columns in order, e.g. ``("word", "pos",
    "label")`` for the chunker, whose third column is the tag being predicted
    (always ``"X"`` at prediction time in underthesea's predictors).
    """

    def __init__(self, templates: Sequence[str], columns: Sequence[str]):
        self.templates = [Template.parse(t) for t in templates]
        self.columns = tuple(columns)
        for t in self.templates:
            if t.column >= len(self.columns):
                raise ValueError(f"template {t.text!r} reads column {t.column}; the model has {len(self.columns)}")

    def features(self, sentence: SentenceFeatures) -> list[list[str]]:
        """One list of feature strings per token, in template order."""
        per_template = [sentence.strings(t, self.columns[t.column]) for t in self.templates]
        return list(map(list, zip(*per_template)))

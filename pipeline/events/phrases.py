"""Find Vietnamese phrases in a ``Doc`` whatever the word segmenter did with them.

A lexicon writes "bắt giữ" once; the segmenter may give one word "bắt giữ" or
two words "bắt" + "giữ" (and "rút quân" is two words in one sentence, one in
another). spaCy's ``PhraseMatcher`` needs the pattern tokenised exactly like the
text, so instead every way of grouping the phrase's syllables into words becomes
a ``Matcher`` pattern on lowercased words: a phrase of *n* syllables gives
2^(n-1) patterns (a handful: lexicon phrases have at most 4 or 5 syllables). A
match starts and ends on word boundaries; a phrase never matches half a word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from itertools import combinations

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

MAX_SYLLABLES = 6

# VLSP 2013 tags (underthesea's tag set) and Universal POS: a POS constraint may
# use either; the first kind is matched against token.tag_, the second against token.pos_.
VLSP_TAGS = frozenset(
    [
        "N",
        "Np",
        "Nc",
        "Nu",
        "Ny",
        "Nb",
        "V",
        "Vb",
        "Vy",
        "A",
        "Ab",
        "P",
        "R",
        "L",
        "M",
        "E",
        "C",
        "Cc",
        "I",
        "T",
        "X",
        "Y",
        "Z",
        "S",
        "FW",
        "CH",
    ]
)
UPOS_TAGS = frozenset(
    [
        "ADJ",
        "ADP",
        "ADV",
        "AUX",
        "CCONJ",
        "DET",
        "INTJ",
        "NOUN",
        "NUM",
        "PART",
        "PRON",
        "PROPN",
        "PUNCT",
        "SCONJ",
        "SYM",
        "VERB",
        "X",
    ]
)


# Vietnamese has two spellings of the rhymes oa, oe, uy at the end of a
# syllable: the tone mark on the first vowel ("hòa", "thủy") or on the second
# ("hoà", "thuỷ"); Wikipedia text mixes them. Matching folds both to the first.
_TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}  # grave, acute, hook, tilde, dot below
_RHYME = re.compile(r"(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0309\u0303\u0323])(?![^\W\d_])")


def fold(text: str) -> str:
    """Lowercase ``text`` and write the tone of a final oa/oe/uy on its first vowel."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return unicodedata.normalize("NFC", _RHYME.sub(r"\1\3\2", decomposed))


if not Token.has_extension("songngu_fold"):
    Token.set_extension("songngu_fold", getter=lambda token: fold(token.text))


def syllables(phrase: str) -> tuple[str, ...]:
    """The folded syllables of a phrase, as the lexicon writes it."""
    return tuple(fold(phrase).split())


def groupings(sylls: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """Every way to cut ``sylls`` into consecutive words: ("a", "b") -> ("a b",), ("a", "b")."""
    n = len(sylls)
    for k in range(n):
        for cuts in combinations(range(1, n), k):
            bounds = (0, *cuts, n)
            yield tuple(" ".join(sylls[a:b]) for a, b in zip(bounds, bounds[1:]))


class SyllableMatcher:
    """Match phrases on folded words (:func:`fold`), independently of word segmentation.

    ``add(key, phrase, pos=...)`` registers a phrase under ``key`` (a string);
    ``pos`` constrains the phrase's first word (VLSP tags or UPOS).
    Calling the matcher on a ``Doc`` or ``Span`` gives ``(key, start, end)``
    token offsets (into the ``Doc``), longest first for equal starts.
    """

    def __init__(self, vocab: Vocab):
        self._matcher = Matcher(vocab)
        self.keys: set[str] = set()

    def add(self, key: str, phrase: str, pos: Iterable[str] | None = None) -> None:
        sylls = syllables(phrase)
        if not sylls:
            raise ValueError("empty phrase")
        if len(sylls) > MAX_SYLLABLES:
            raise ValueError(f"phrase {phrase!r} has more than {MAX_SYLLABLES} syllables")
        first: dict = {}
        if pos:
            pos = list(pos)
            tags = [p for p in pos if p in VLSP_TAGS]
            upos = [p for p in pos if p in UPOS_TAGS and p not in VLSP_TAGS]
            unknown = [p for p in pos if p not in VLSP_TAGS and p not in UPOS_TAGS]
            if unknown:
                raise ValueError(f"unknown POS {unknown[0]!r} (VLSP tags: {' '.join(sorted(VLSP_TAGS))}; or UPOS)")
            if tags and upos:
                raise ValueError("give POS constraints as VLSP tags or as UPOS, not both")
            first = {"TAG": {"IN": tags}} if tags else {"POS": {"IN": upos}}
        patterns = []
        for words in groupings(sylls):
            pattern = [{"_": {"songngu_fold": w}} for w in words]
            pattern[0].update(first)
            patterns.append(pattern)
        self._matcher.add(key, patterns)
        self.keys.add(key)

    def __call__(self, doclike: Doc | Span) -> list[tuple[str, int, int]]:
        doc = doclike.doc if isinstance(doclike, Span) else doclike
        offset = doclike.start if isinstance(doclike, Span) else 0
        found = {
            (doc.vocab.strings[match_id], offset + start, offset + end)
            for match_id, start, end in self._matcher(doclike)
        }
        return sorted(found, key=lambda m: (m[1], -m[2], m[0]))

"""Find Vietnamese phrases in a ``Doc`` whatever the word segmenter did with them.

A lexicon writes "bắt giữ" once; the segmenter may give one word "bắt giữ" or
two words "bắt" + "giữ" (and "rút quân" is two words in one sentence, one in
another). spaCy's ``PhraseMatcher`` needs the pattern tokenised exactly like the
text; a ``Matcher`` pattern per way of grouping the syllables into words
(:func:`groupings`, 2^(n-1) for n syllables) would do, but is slow (see
:class:`SyllableMatcher`). So a run of words matches when their folded texts,
joined by spaces, are the phrase's syllables. A match starts and ends on word
boundaries; a phrase never matches half a word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import combinations

from spacy.tokens import Doc, Span
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


@lru_cache(maxsize=1 << 16)  # called on every word of every document, twice: words repeat
def fold(text: str) -> str:
    """Lowercase ``text`` and write the tone of a final oa/oe/uy on its first vowel."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return unicodedata.normalize("NFC", _RHYME.sub(r"\1\3\2", decomposed))


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

    A run of words matches a phrase when their folded texts, joined by single
    spaces, are the phrase's folded syllables: the same matches as one spaCy
    ``Matcher`` pattern per grouping of the syllables into words (see
    :func:`groupings`), found with a dictionary lookup per (start word, length)
    instead. spaCy's Matcher tests the first predicate of every pattern at every
    word, and with an extension-attribute predicate per word that cost 30% of
    the Vietnamese pipeline's time.
    """

    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self.keys: set[str] = set()
        # folded phrase ("bắt giữ") -> [(key, VLSP tags or None, UPOS or None)]
        self._phrases: dict[str, list[tuple[str, frozenset[str] | None, frozenset[str] | None]]] = {}

    def add(self, key: str, phrase: str, pos: Iterable[str] | None = None) -> None:
        sylls = syllables(phrase)
        if not sylls:
            raise ValueError("empty phrase")
        if len(sylls) > MAX_SYLLABLES:
            raise ValueError(f"phrase {phrase!r} has more than {MAX_SYLLABLES} syllables")
        tags = upos = None
        if pos:
            pos = list(pos)
            vlsp = [p for p in pos if p in VLSP_TAGS]
            universal = [p for p in pos if p in UPOS_TAGS and p not in VLSP_TAGS]
            unknown = [p for p in pos if p not in VLSP_TAGS and p not in UPOS_TAGS]
            if unknown:
                raise ValueError(f"unknown POS {unknown[0]!r} (VLSP tags: {' '.join(sorted(VLSP_TAGS))}; or UPOS)")
            if vlsp and universal:
                raise ValueError("give POS constraints as VLSP tags or as UPOS, not both")
            if vlsp:
                tags = frozenset(vlsp)
            else:
                upos = frozenset(universal)
        entries = self._phrases.setdefault(" ".join(sylls), [])
        if (key, tags, upos) not in entries:
            entries.append((key, tags, upos))
        self.keys.add(key)

    def __call__(self, doclike: Doc | Span) -> list[tuple[str, int, int]]:
        doc = doclike.doc if isinstance(doclike, Span) else doclike
        start, end = (doclike.start, doclike.end) if isinstance(doclike, Span) else (0, len(doc))
        tokens = doc[start:end]
        folded = [fold(token.text) for token in tokens]
        syllable_counts = [len(f.split(" ")) for f in folded]
        phrases = self._phrases
        found = set()
        for i in range(len(folded)):
            joined, count = "", 0
            for j in range(i, len(folded)):
                count += syllable_counts[j]
                if count > MAX_SYLLABLES:
                    break
                joined = folded[j] if j == i else joined + " " + folded[j]
                entries = phrases.get(joined)
                if entries is None:
                    continue
                first = tokens[i]
                for key, tags, upos in entries:
                    if (tags is None or first.tag_ in tags) and (upos is None or first.pos_ in upos):
                        found.add((key, start + i, start + j + 1))
        return sorted(found, key=lambda m: (m[1], -m[2], m[0]))

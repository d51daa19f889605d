"""Phrases looked up by their syllables, whatever the word segmenter did with them.

A lexicon writes "bắt giữ" once; a segmenter may give one word "bắt giữ" or
two words "bắt" + "giữ" (and "rút quân" is two words in one sentence, one in
another). So phrases are keyed by their folded syllables
(:func:`~pipeline.text.normalize.syllable_key`: lower case, one tone-mark
placement) and looked up on syllables:

* :class:`PhraseTable` finds the longest phrase starting or ending at a
  position of any syllable sequence (the entity rules' syllable views);
* :class:`SyllableMatcher` finds every phrase in a spaCy ``Doc`` that starts
  and ends on word boundaries (the event rules): a phrase never matches half a
  word, and matches one word or several alike.

Both are dictionary look-ups over at most ``longest`` syllables per position.
(spaCy's ``PhraseMatcher`` needs a phrase tokenised exactly like the text, and
a ``Matcher`` would need one pattern per way of cutting the phrase into words.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import compress
from typing import TYPE_CHECKING, Generic, TypeVar

from pipeline.text.normalize import fold, syllable_key
from pipeline.text.tagsets import UPOS_TAGS, VLSP_TAGS  # a POS constraint: VLSP tags (tag_) or UPOS (pos_)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

V = TypeVar("V")

#: The longest phrase a lexicon may hold, in syllables.
MAX_SYLLABLES = 6


class PhraseTable(Generic[V]):
    """Phrases keyed by their syllables, each with a value (the first one listed wins).

    ``key`` turns a phrase into the syllables it is looked up by: by default
    folded (:func:`~pipeline.text.normalize.syllable_key`: any case, either
    tone placement); names keep their case (``cased_syllable_key``).
    """

    def __init__(self, entries: Iterable[tuple[str, V]] = (), key: Callable[[str], tuple[str, ...]] = syllable_key):
        self.table: dict[tuple[str, ...], V] = {}
        self.key = key
        self.longest = 0  # syllables
        # The lengths of the phrases that start (end) with each syllable, longest first: most syllables of
        # a text start no phrase, and a look-up there is one dictionary miss instead of ``longest`` of them.
        self._starting: dict[str, tuple[int, ...]] = {}
        self._ending: dict[str, tuple[int, ...]] = {}
        for phrase, value in entries:
            self.add(phrase, value)

    def add(self, phrase: str, value: V) -> None:
        key = self.key(phrase)
        if key:
            self.table.setdefault(key, value)
            self.longest = max(self.longest, len(key))
            for index, edge in ((self._starting, key[0]), (self._ending, key[-1])):
                index[edge] = tuple(sorted({*index.get(edge, ()), len(key)}, reverse=True))

    def state(self) -> tuple[dict[tuple[str, ...], V], int, dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]:
        """The table as plain data (for :func:`pipeline.startup.cached`); :meth:`from_state` makes it again."""
        return self.table, self.longest, self._starting, self._ending

    @classmethod
    def from_state(cls, state, key: Callable[[str], tuple[str, ...]] = syllable_key) -> PhraseTable[V]:
        """The table whose :meth:`state` is ``state``, without keying and indexing every phrase again."""
        table = cls.__new__(cls)
        table.key = key
        table.table, table.longest, table._starting, table._ending = state
        return table

    def __len__(self) -> int:
        return len(self.table)

    def __contains__(self, phrase: str) -> bool:
        return self.key(phrase) in self.table

    def may_start(self, key: str) -> bool:
        """Some phrase starts with the syllable ``key`` (as ``key`` writes syllables): a cheap test first."""
        return key in self._starting

    def may_end(self, key: str) -> bool:
        """Some phrase ends with the syllable ``key``."""
        return key in self._ending

    def may_start_each(self, keys: Sequence[str]) -> list[bool]:
        """:meth:`may_start` of each of ``keys``, in one pass: where a rule looking for a phrase at every
        syllable need not call the look-up at all (most syllables start none)."""
        starting = self._starting
        return [key in starting for key in keys]

    def get(self, phrase: str) -> V | None:
        """The value of ``phrase`` (looked up by its key), or None."""
        return self.table.get(self.key(phrase))

    def starting_at(
        self, keys: Sequence[str], i: int, accept: Callable[[int, int, V], bool] | None = None
    ) -> tuple[int, V] | None:
        """The longest phrase on ``keys[i:j]`` (syllables as ``key`` writes them) that ``accept(i, j, value)``: ``(j, value)``."""
        if i >= len(keys):
            return None
        for length in self._starting.get(keys[i], ()):
            j = i + length
            if j > len(keys):
                continue
            value = self.table.get(tuple(keys[i:j]))
            if value is not None and (accept is None or accept(i, j, value)):
                return j, value
        return None

    def ending_at(
        self, keys: Sequence[str], j: int, accept: Callable[[int, int, V], bool] | None = None
    ) -> tuple[int, V] | None:
        """The longest phrase on ``keys[i:j]`` that ``accept(i, j, value)``: ``(i, value)``."""
        if not 0 < j <= len(keys):
            return None
        for length in self._ending.get(keys[j - 1], ()):
            i = j - length
            if i < 0:
                continue
            value = self.table.get(tuple(keys[i:j]))
            if value is not None and (accept is None or accept(i, j, value)):
                return i, value
        return None


class SyllableMatcher:
    """Every listed phrase in a ``Doc`` that starts and ends on word boundaries.

    ``add(key, phrase, pos=...)`` registers a phrase under ``key`` (a string);
    ``pos`` constrains the phrase's first word (VLSP tags or UPOS). Calling the
    matcher on a ``Doc`` or ``Span`` gives ``(key, start, end)`` token offsets
    (into the ``Doc``), longest first for equal starts. A word is compared by
    its folded text: a word "bắt giữ" is the syllables "bắt", "giữ".
    """

    def __init__(self, vocab=None):  # the vocab is not needed; kept for spaCy-style construction
        self._phrases: dict[tuple[str, ...], list[tuple[str, frozenset[str], str]]] = {}
        self._first_syllables: set[str] = set()  # a word whose first syllable is not one of these starts no phrase
        self._prefixes: set[tuple[str, ...]] = set()  # every phrase's beginnings: words past one start no match
        self._shorter: set[tuple[str, ...]] = set()  # the beginnings of phrases longer than them
        self._longest = 0
        self.keys: set[str] = set()
        # A word's syllables -> what a match starting on it finds in it alone (its phrases) and whether a longer
        # phrase may go on from it: made when first met (see match_words); False for a word that starts no phrase.
        self._starts: dict[tuple[str, ...] | None, tuple[tuple[tuple[str, frozenset[str], str], ...], bool] | bool] = {}
        # The same by the word's text, as match_words reads it for every word of a text: one lookup of a string
        # (its hash kept), where the word's syllables (a cached call) and then a lookup by a tuple of them (whose
        # hash is computed on every lookup) cost about twice as much.
        self._text_starts: dict[str, tuple[tuple[tuple[str, frozenset[str], str], ...], bool] | bool] = {}

    def add(self, key: str, phrase: str, pos: Iterable[str] | None = None) -> None:
        sylls = syllable_key(phrase)
        if not sylls:
            raise ValueError("empty phrase")
        if len(sylls) > MAX_SYLLABLES:
            raise ValueError(f"phrase {phrase!r} has more than {MAX_SYLLABLES} syllables")
        tags: frozenset[str] = frozenset()
        attr = ""
        if pos:
            pos = list(pos)
            vlsp = [p for p in pos if p in VLSP_TAGS]
            upos = [p for p in pos if p in UPOS_TAGS and p not in VLSP_TAGS]
            unknown = [p for p in pos if p not in VLSP_TAGS and p not in UPOS_TAGS]
            if unknown:
                raise ValueError(f"unknown POS {unknown[0]!r} (VLSP tags: {' '.join(sorted(VLSP_TAGS))}; or UPOS)")
            if vlsp and upos:
                raise ValueError("give POS constraints as VLSP tags or as UPOS, not both")
            tags, attr = (frozenset(vlsp), "tag_") if vlsp else (frozenset(upos), "pos_")
        self._phrases.setdefault(sylls, []).append((key, tags, attr))
        self._first_syllables.add(sylls[0])
        self._prefixes.update(sylls[:k] for k in range(1, len(sylls) + 1))
        self._shorter.update(sylls[:k] for k in range(1, len(sylls)))
        self._longest = max(self._longest, len(sylls))
        self.keys.add(key)
        self._starts.clear()
        self._text_starts.clear()

    def __call__(self, doclike: Doc | Span) -> list[tuple[str, int, int]]:
        return self.match_tokens(list(doclike))

    def match_tokens(self, tokens: Sequence[Token]) -> list[tuple[str, int, int]]:
        """What :meth:`__call__` finds, in consecutive tokens a caller has already listed (making each
        spaCy ``Token`` again costs, on every word of every document)."""
        if not tokens:
            return []
        offset = tokens[0].i
        found = self.match_words([t.text for t in tokens], [t.tag_ for t in tokens], [t.pos_ for t in tokens])
        return [(key, start + offset, end + offset) for key, start, end in found] if offset else found

    def match_words(self, texts: Sequence[str], tags: Sequence[str], upos: Sequence[str]) -> list[tuple[str, int, int]]:
        """What :meth:`match_tokens` finds, in words given by their texts, VLSP tags and UPOS (offsets into these
        lists): a caller that has read them already (:class:`pipeline.events.clauses.words.Words`, with
        ``Doc.to_array``) makes no ``Token`` at all.

        Most words start no phrase, and of those that do most start only phrases of one word: what a word finds
        alone and whether a longer phrase may go on from it is looked up once per word form (:meth:`_start`), and
        only then are the next words' syllables added on. Matches in the order of :meth:`__call__`: by start, the
        longest first, then by key."""
        infos = list(map(self._text_starts.get, texts))  # None: a form not met before
        if None in infos:
            start_of = self._text_start
            infos = [start_of(text) if info is None else info for text, info in zip(texts, infos)]
        prefixes, phrases = self._prefixes, self._phrases
        n = len(texts)
        out: list[tuple[str, int, int]] = []
        for s in compress(range(n), infos):  # the words that start a phrase (False: most words, none)
            alone, goes_on = infos[s]
            if goes_on:
                longer = []
                sylls = _word_syllables(texts[s])
                for e in range(s + 1, n):
                    more = _word_syllables(texts[e])
                    if more is None:
                        break
                    sylls += more
                    if sylls not in prefixes:
                        break  # no listed phrase begins with these syllables, so none goes on from them
                    for key, tags_, attr in phrases.get(sylls, ()):
                        if not attr or (tags[s] if attr == "tag_" else upos[s]) in tags_:
                            longer.append((key, s, e + 1))
                if len(longer) > 1:
                    longer = sorted(set(longer), key=lambda m: (-m[2], m[0]))
                out += longer
            last = None  # the phrases of the word alone come by key, a key twice only once
            for key, tags_, attr in alone:
                if key != last and (not attr or (tags[s] if attr == "tag_" else upos[s]) in tags_):
                    out.append((key, s, s + 1))
                    last = key
        return out

    def _text_start(self, text: str):
        """:meth:`_start` of the word ``text`` (its syllables: :func:`_word_syllables`), remembered by the text."""
        word = _word_syllables(text)
        info = self._starts.get(word)
        if info is None:
            info = self._start(word)
        if len(self._text_starts) > 1 << 16:  # as _starts: start afresh rather than grow
            self._text_starts.clear()
        self._text_starts[text] = info
        return info

    def _start(self, word: tuple[str, ...] | None):
        """What a match starting on a word of these syllables finds in it alone (its phrases, by key) and whether a
        longer phrase may go on from it; False where it starts no phrase (or is no word a phrase can cover: None).
        Remembered."""
        info = False
        if word is not None and word in self._prefixes:
            info = (tuple(sorted(self._phrases.get(word, ()), key=lambda p: p[0])), word in self._shorter)
        if len(self._starts) > 1 << 16:  # a long run meets ever more word forms: start afresh rather than grow
            self._starts.clear()
        self._starts[word] = info
        return info


@lru_cache(maxsize=1 << 16)  # every word of every document, and words repeat
def _word_syllables(text: str) -> tuple[str, ...] | None:
    """A word's folded syllables, cut at single spaces; None for a word no phrase can cover
    (empty, or odd whitespace inside). Underscores do not cut a word here: "Chiến_tranh_X" (a
    wiki-link artefact) is one name, not the noun "chiến tranh"."""
    parts = fold(text).split(" ")
    if any(not p or not p.strip() or p != p.strip() for p in parts):
        return None
    return tuple(parts)

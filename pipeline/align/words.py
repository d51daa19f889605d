"""Word alignment inside aligned sentences: the offline lexical aligner.

A word aligner is any callable ``(vi, en, sentence_links) -> list[TokenLink]``
(chosen by :class:`pipeline.align.AlignOptions`); ``lexical`` is the default and needs no model,
``embedding`` (:mod:`pipeline.align.embedding`) runs a multilingual encoder.

The lexical aligner links only what it has evidence for, and says which:

``number``   equal values: ``23 ngàn`` = ``23,000``, ``1992`` = ``1992``, ``hai`` = ``two``
``date``     month and season names: ``tháng 9`` = ``September``, ``mùa hè`` = ``summer``
``cldr``     country, region and language names from CLDR: ``Nga`` = ``Russia``
``names``    the project's names table: ``Liên Xô`` = ``Soviet Union``, ``Gruzia`` = ``Georgia``
``lexicon``  the domain lexicon: ``trung đoàn`` = ``regiment``, ``bắt`` = ``captured`` (by lemma)
``name``     capitalised words equal or alike without diacritics: ``Kelbajar``, ``Armenian``
``identical``  the same string, not a name, on both sides (``T-72``, ``spetznaz``)

Candidates are phrase pairs (up to :data:`MAX_PHRASE_TOKENS` tokens a side);
each gets its evidence's base score times a positional prior (pairs near the
diagonal of their sentence pair are preferred, which picks the right ``Nga``
when a sentence has three), and competitive linking keeps the best pair whose
tokens are all still free. A phrase pair links every content token of one side
to every content token of the other, except names and numbers spelled alike,
which are linked word for word.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pipeline.align.layers import LayerView
from pipeline.align.lexicon import MAX_PHRASE_TOKENS, en_key, phrase_table
from pipeline.align.normalize import is_capitalised, name_similarity, phrase_numbers

BASE_SCORES = {"number": 0.95, "cldr": 0.95, "names": 0.95, "date": 0.9, "name": 0.9, "lexicon": 0.8, "identical": 0.85}
#: Weight of the positional prior: a pair at opposite ends of its sentences keeps 1 - POSITION_WEIGHT of its score.
POSITION_WEIGHT = 0.4
#: Name pairs less alike than this are not linked on spelling alone.
NAME_THRESHOLD = 0.8
_SPELLED_ALIKE = {"name", "identical", "number"}
_EN_FUNCTION_WORDS = {"the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "'s", "’s"}


@dataclass(frozen=True)
class TokenLink:
    vi: int
    en: int
    score: float
    evidence: str

    def as_json(self) -> dict[str, Any]:
        return {"vi": self.vi, "en": self.en, "score": round(self.score, 4)}


@dataclass(frozen=True)
class _Candidate:
    vi: tuple[int, int]  # token range [first, last+1)
    en: tuple[int, int]
    score: float
    evidence: str


WordAligner = Callable[[LayerView, LayerView, list[dict[str, Any]]], list[TokenLink]]


def _ngrams(view: LayerView, indices: list[int], max_len: int) -> list[tuple[int, int]]:
    """Contiguous ranges over ``indices`` that neither begin nor end with punctuation."""
    out = []
    for a in range(len(indices)):
        if view.is_punct(indices[a]):
            continue
        for b in range(a + 1, min(a + max_len, len(indices)) + 1):
            if indices[b - 1] - indices[a] != b - 1 - a:  # not contiguous in the layer
                break
            if not view.is_punct(indices[b - 1]):
                out.append((indices[a], indices[b - 1] + 1))
    return out


def _phrase(view: LayerView, span: tuple[int, int], lemma: bool = False) -> str:
    get = view.token_lemma if lemma else view.token_text
    return " ".join(get(i) for i in range(*span))


def _candidates(vi: LayerView, en: LayerView, vi_ids: list[int], en_ids: list[int]) -> list[_Candidate]:
    table = phrase_table()
    out: list[_Candidate] = []
    en_spans = _ngrams(en, en_ids, MAX_PHRASE_TOKENS)
    # English phrases by key, through their text and their lemmas ("captured" -> "capture").
    en_by_key: dict[str, list[tuple[int, int]]] = {}
    for span in en_spans:
        for key in {en_key(_phrase(en, span)), en_key(_phrase(en, span, lemma=True))}:
            if key:
                en_by_key.setdefault(key, []).append(span)
    en_capitalised = [
        span
        for span in en_spans
        if span[1] - span[0] <= 3
        and all(is_capitalised(en.token_text(i)) or en.token_text(i) in ("-", "'s") for i in range(*span))
        and is_capitalised(en.token_text(span[0]))
        and is_capitalised(en.token_text(span[1] - 1))
    ]

    vi_spans = _ngrams(vi, vi_ids, MAX_PHRASE_TOKENS)
    for span in vi_spans:
        phrase = _phrase(vi, span)
        # 1. the phrase table (CLDR, names, dates, lexicon)
        for key, kind in table.lookup(phrase).items():
            for en_span in en_by_key.get(key, ()):
                out.append(_Candidate(span, en_span, BASE_SCORES[kind], kind))
            if kind in ("cldr", "names") and " " not in key:
                # demonyms and inflections: Nga -> Russia -> "Russians"
                for en_span in en_capitalised:
                    if en_span[1] - en_span[0] == 1:
                        sim = name_similarity(key, en.token_text(en_span[0]))
                        if 0.85 <= sim < 1.0:
                            out.append(_Candidate(span, en_span, BASE_SCORES[kind] * sim, kind))
        # 2. names by spelling, without diacritics
        if (
            span[1] - span[0] <= 3
            and all(is_capitalised(vi.token_text(i)) for i in range(*span))
            and not table.has_vi(phrase)
        ):
            for en_span in en_capitalised:
                sim = name_similarity(phrase, _phrase(en, en_span))
                if sim >= NAME_THRESHOLD:
                    out.append(_Candidate(span, en_span, BASE_SCORES["name"] * sim, "name"))
    # 3. numbers by value
    vi_numbers = phrase_numbers([vi.token_text(i) for i in vi_ids], "vi")
    en_numbers = phrase_numbers([en.token_text(i) for i in en_ids], "en")
    for a, b, value in vi_numbers:
        vi_span = (vi_ids[a], vi_ids[b - 1] + 1)
        for c, d, en_value in en_numbers:
            if value == en_value:
                out.append(_Candidate(vi_span, (en_ids[c], en_ids[d - 1] + 1), BASE_SCORES["number"], "number"))
    # 4. identical strings that are not names (codes, foreign words): "T-72", "spetznaz"
    en_by_text: dict[str, list[int]] = {}
    for j in en_ids:
        en_by_text.setdefault(en.token_text(j), []).append(j)
    for i in vi_ids:
        text = vi.token_text(i)
        if not any(c.isalnum() for c in text) or (is_capitalised(text) and not any(c.isdigit() for c in text)):
            continue  # punctuation says little; capitalised words were compared as names
        for j in en_by_text.get(text, ()):
            out.append(_Candidate((i, i + 1), (j, j + 1), BASE_SCORES["identical"], "identical"))
    return out


def _position(vi_ids: list[int], en_ids: list[int], cand: _Candidate) -> float:
    """Relative distance from the diagonal, in [0, 1]."""

    def rel(ids: list[int], span: tuple[int, int]) -> float:
        if len(ids) <= 1:
            return 0.5
        centre = (span[0] + span[1] - 1) / 2
        return (centre - ids[0]) / (ids[-1] - ids[0])

    return abs(rel(vi_ids, cand.vi) - rel(en_ids, cand.en))


def _content(view: LayerView, span: tuple[int, int]) -> list[int]:
    tokens = list(range(*span))
    kept = [i for i in tokens if view.token_text(i).lower() not in _EN_FUNCTION_WORDS] if view.lang == "en" else tokens
    return kept or tokens


def lexical_aligner(vi: LayerView, en: LayerView, sentence_links: list[dict[str, Any]]) -> list[TokenLink]:
    """Token links with evidence, inside each sentence link (see the module docstring)."""
    links: list[TokenLink] = []
    for link in sentence_links:
        vi_ids, en_ids = vi.tokens_of_sentences(link["vi"]), en.tokens_of_sentences(link["en"])
        if not vi_ids or not en_ids:
            continue
        scored = []
        for cand in _candidates(vi, en, vi_ids, en_ids):
            score = cand.score * (1 - POSITION_WEIGHT * _position(vi_ids, en_ids, cand))
            # Longer phrases first on ties: "căn cứ quân sự" before "căn cứ".
            scored.append((score, (cand.vi[1] - cand.vi[0]) + (cand.en[1] - cand.en[0]), cand))
        scored.sort(key=lambda x: (-x[0], -x[1], x[2].vi, x[2].en))
        used_vi: set[int] = set()
        used_en: set[int] = set()
        for score, _, cand in scored:
            vi_tokens, en_tokens = set(range(*cand.vi)), set(range(*cand.en))
            if vi_tokens & used_vi or en_tokens & used_en:
                continue
            used_vi |= vi_tokens
            used_en |= en_tokens
            vi_content, en_content = _content(vi, cand.vi), _content(en, cand.en)
            if len(vi_content) == len(en_content) and cand.evidence in _SPELLED_ALIKE:
                pairs = list(zip(vi_content, en_content))  # "Nagorno - Karabakh": word for word
            else:
                pairs = [(i, j) for i in vi_content for j in en_content]
            links.extend(TokenLink(i, j, score, cand.evidence) for i, j in pairs)
    links.sort(key=lambda link: (link.vi, link.en))
    return links


def links_by_vi_token(token_links: list[TokenLink]) -> dict[int, list[TokenLink]]:
    """Vietnamese token index -> its links, in the order given."""
    out: dict[int, list[TokenLink]] = {}
    for link in token_links:
        out.setdefault(link.vi, []).append(link)
    return out


def links_by_en_token(token_links: Iterable[TokenLink]) -> dict[int, list[TokenLink]]:
    """English token index -> its links, in the order given."""
    out: dict[int, list[TokenLink]] = {}
    for link in token_links:
        out.setdefault(link.en, []).append(link)
    return out

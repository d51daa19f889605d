"""Sentence alignment: Gale–Church length model sharpened by anchors.

Beads 1-1, 1-2, 2-1, 1-0 and 0-1 are chosen by dynamic programming over a cost
that adds, for each bead,

* Gale & Church's (1993) length cost: ``-log P(bead type) - log 2(1 - Φ(|δ|))`` with
  ``δ = (l_en - c·l_vi) / sqrt(s²·(l_vi + l_en/c)/2)`` over character lengths, where
  ``c`` (English characters per Vietnamese character) is estimated from the
  document itself, since Vietnamese-English is not the 1:1 of the original paper;
* for a 1-0 or 0-1 bead, instead of the two terms below, a flat cost (see
  ``DELETION_PENALTY``);
* an anchor term: anchors are what survives translation (numbers and years by
  value, citation markers ``[29]``, names compared without diacritics or through
  the CLDR/names table, so ``Nga`` anchors ``Russia``/``Russian``). Anchors found
  on both sides of a bead lower its cost, anchors found on one side only raise it.

When both texts have the same number of paragraphs (blank-line separated) and
their lengths agree paragraph by paragraph, paragraph breaks are taken as hard
boundaries (Gale & Church aligned paragraphs first too); otherwise the whole
document is one block.

Written here rather than taken from ``nltk.translate.gale_church`` because that
implementation hard-codes its cost (no anchors), returns no per-bead score and
knows no paragraph constraint; the dynamic program is a few dozen lines.

Every bead gets a ``score`` in [0, 1] (length agreement and anchor agreement
combined by noisy-OR: either strong length agreement or several shared anchors
make a link credible) and ``flags`` for what a user should check:
``unaligned`` (1-0 / 0-1), ``low-score``, ``anchor-mismatch``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from pipeline.align.layers import LayerView
from pipeline.align.lexicon import phrase_table
from pipeline.align.normalize import is_capitalised, name_similarity, phrase_numbers
from pipeline.text.normalize import strip_diacritics

# Gale & Church (1993), table 5: bead priors.
BEAD_PRIORS = {(1, 1): 0.89, (1, 0): 0.0099 / 2, (0, 1): 0.0099 / 2, (2, 1): 0.089 / 2, (1, 2): 0.089 / 2}
VARIANCE = 6.8  # s², Gale & Church's estimate; anchors absorb much of the extra noise of vi-en
ANCHOR_MATCH_BONUS = 2.0  # cost removed per anchor present on both sides of a bead
ANCHOR_MISS_PENALTY = 0.5  # cost added per anchor present on one side only
LOW_SCORE = 0.3
DELETION_PENALTY = 1.0  # added to -log P(1-0) for a sentence left without a counterpart
DELETION_SCORE = 0.5  # a 1-0 / 0-1 link is a decision the user should check (it is also flagged)

_CITATION = re.compile(r"\[(\d+)\]")


@dataclass(frozen=True)
class Anchor:
    kind: str  # num | cite | name
    key: str  # number value, citation number, or folded name
    alternatives: tuple[str, ...] = ()  # English keys a Vietnamese name translates to


def _anchors(view: LayerView, k: int) -> list[Anchor]:
    first, last = view.sentence_tokens[k]
    texts = [view.token_text(i) for i in range(first, last)]
    out = [Anchor("cite", m.group(1)) for m in _CITATION.finditer(view.sentence_text(k))]
    numbers = phrase_numbers(texts, view.lang)
    # "23 ngàn" yields 23 and 23000: keep the longest reading of each start.
    longest: dict[int, tuple[int, float]] = {}
    for start, end, value in numbers:
        if start not in longest or end > longest[start][0]:
            longest[start] = (end, value)
    cited = {a.key for a in out}
    for _end, value in longest.values():
        if str(value) in cited or _fmt(value) in cited:
            continue  # "[29]" is a citation, not the number 29
        out.append(Anchor("num", _fmt(value)))
    table = phrase_table()
    for offset, text in enumerate(texts):
        i = first + offset
        if not is_capitalised(text) or not any(c.isalpha() for c in text):
            continue
        translations = tuple(table.lookup(text)) if view.lang == "vi" else ()
        if view.is_sentence_initial(i):
            # Sentence-initial capitals are mostly ordinary words ("Các", "Officially"):
            # keep only the ones a table knows as names.
            known = bool(translations) if view.lang == "vi" else strip_diacritics(text) in table.en_keys
            if not known:
                continue
        out.append(Anchor("name", strip_diacritics(text), translations))
    return out


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _anchors_match(a: Anchor, b: Anchor) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind != "name":
        return a.key == b.key
    if name_similarity(a.key, b.key) >= 0.85:
        return True
    return any(name_similarity(alt, b.key) >= 0.85 for alt in a.alternatives)


def match_anchors(vi: list[Anchor], en: list[Anchor]) -> tuple[int, int]:
    """(anchors matched across, anchors left on one side), matching greedily one-to-one."""
    used = [False] * len(en)
    matched = 0
    for a in vi:
        for j, b in enumerate(en):
            if not used[j] and _anchors_match(a, b):
                used[j] = True
                matched += 1
                break
    return matched, (len(vi) - matched) + (len(en) - matched)


def _norm_sf(z: float) -> float:
    """2 (1 - Φ(|z|)): the two-sided tail of the standard normal."""
    return math.erfc(abs(z) / math.sqrt(2))


class _Scorer:
    def __init__(self, vi: LayerView, en: LayerView, ratio: float):
        self.vi, self.en, self.ratio = vi, en, ratio
        self.vi_len = [len(vi.sentence_text(k).strip()) for k in range(len(vi.sentence_tokens))]
        self.en_len = [len(en.sentence_text(k).strip()) for k in range(len(en.sentence_tokens))]
        self.vi_anchors = [_anchors(vi, k) for k in range(len(self.vi_len))]
        self.en_anchors = [_anchors(en, k) for k in range(len(self.en_len))]

    def length_probability(self, vi_ids: list[int], en_ids: list[int]) -> float:
        l1 = sum(self.vi_len[k] for k in vi_ids)
        l2 = sum(self.en_len[k] for k in en_ids)
        mean = (l1 + l2 / self.ratio) / 2
        if mean == 0:
            return 1.0
        delta = (l2 - self.ratio * l1) / math.sqrt(VARIANCE * mean)
        return max(_norm_sf(delta), 1e-12)

    def bead(self, vi_ids: list[int], en_ids: list[int]) -> tuple[float, float, int, int]:
        """(cost, score, anchors matched, anchors missed) of one bead."""
        prior = BEAD_PRIORS[(len(vi_ids), len(en_ids))]
        if not vi_ids or not en_ids:
            # Gale & Church's length term would make any long sentence practically
            # undeletable, and the anchors of a sentence without a translation are
            # expected to be missing: a deletion costs its prior and a flat penalty.
            return -math.log(prior) + DELETION_PENALTY, DELETION_SCORE, 0, 0
        p_len = self.length_probability(vi_ids, en_ids)
        vi_a = [a for k in vi_ids for a in self.vi_anchors[k]]
        en_a = [a for k in en_ids for a in self.en_anchors[k]]
        matched, missed = match_anchors(vi_a, en_a)
        cost = -math.log(prior) - math.log(p_len) - ANCHOR_MATCH_BONUS * matched + ANCHOR_MISS_PENALTY * missed
        anchor_strength = matched / (matched + missed + 1)
        score = 1 - (1 - p_len) * (1 - anchor_strength)
        return cost, score, matched, missed


def _paragraphs(view: LayerView) -> list[list[int]]:
    """Sentence indices grouped by paragraph (a blank line separates paragraphs)."""
    groups: list[list[int]] = []
    previous_end = None
    for k, s in enumerate(view.layer["sentences"]):
        gap = view.text[previous_end : s["start"]] if previous_end is not None else ""
        if not groups or re.search(r"\n[ \t\r\f\v]*\n", gap):
            groups.append([])
        groups[-1].append(k)
        previous_end = s["end"]
    return groups


def _align_block(scorer: _Scorer, vi_ids: list[int], en_ids: list[int]) -> list[dict[str, Any]]:
    n, m = len(vi_ids), len(en_ids)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i][j] == inf:
                continue
            for di, dj in BEAD_PRIORS:
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                c = cost[i][j] + scorer.bead(vi_ids[i:ni], en_ids[j:nj])[0]
                if c < cost[ni][nj]:
                    cost[ni][nj] = c
                    back[ni][nj] = (di, dj)
    links: list[dict[str, Any]] = []
    i, j = n, m
    while (i, j) != (0, 0):
        di, dj = back[i][j]
        vi_bead, en_bead = vi_ids[i - di : i], en_ids[j - dj : j]
        _, score, matched, missed = scorer.bead(vi_bead, en_bead)
        flags = []
        if not vi_bead or not en_bead:
            flags.append("unaligned")
        if score < LOW_SCORE:
            flags.append("low-score")
        if missed >= 3 and matched * 3 < missed:
            flags.append("anchor-mismatch")
        link: dict[str, Any] = {"vi": vi_bead, "en": en_bead, "score": round(score, 4)}
        if flags:
            link["flags"] = flags
        links.append(link)
        i, j = i - di, j - dj
    links.reverse()
    return links


def english_sentences_of(sentence_links: list[dict[str, Any]]) -> dict[int, set[int]]:
    """Vietnamese sentence index -> the English sentences it is linked to (what later levels stay inside)."""
    out: dict[int, set[int]] = {}
    for link in sentence_links:
        for k in link["vi"]:
            out.setdefault(k, set()).update(link["en"])
    return out


def align_sentences(vi: LayerView, en: LayerView, one_to_one: bool = False) -> tuple[list[dict[str, Any]], str]:
    """Sentence links between two layers, and the name of the method used.

    ``one_to_one`` is for machine translation, where sentence ``k`` of the
    English is by construction the translation of Vietnamese sentence ``k``.
    """
    n_vi, n_en = len(vi.sentence_tokens), len(en.sentence_tokens)
    if one_to_one and n_vi == n_en:
        return [{"vi": [k], "en": [k], "score": 1.0} for k in range(n_vi)], "mt-1-1"
    vi_chars = sum(len(vi.sentence_text(k).strip()) for k in range(n_vi))
    en_chars = sum(len(en.sentence_text(k).strip()) for k in range(n_en))
    ratio = min(max(en_chars / vi_chars, 0.5), 2.0) if vi_chars and en_chars else 1.0
    scorer = _Scorer(vi, en, ratio)
    vi_par, en_par = _paragraphs(vi), _paragraphs(en)
    method = "gale-church+anchors"
    blocks = [(list(range(n_vi)), list(range(n_en)))]
    # Trust the paragraph structure only if every paragraph pair is plausible by length.
    if len(vi_par) == len(en_par) > 1 and all(scorer.length_probability(p, q) > 1e-4 for p, q in zip(vi_par, en_par)):
        blocks = list(zip(vi_par, en_par))
        method = "gale-church+anchors+paragraphs"
    links: list[dict[str, Any]] = []
    for vi_ids, en_ids in blocks:
        links.extend(_align_block(scorer, vi_ids, en_ids))
    return links, method

"""Entity alignment: each Vietnamese entity linked to its English counterpart, or to none.

Candidates are pairs of entities in aligned sentences. Each pair is scored from
named pieces of evidence:

``value``    equal normalised values (DATE ``1992-09-11`` = ``1992-09-11``, NUM ``23000``)
``string``   the names are alike without diacritics (``Kelbajar``; ``Armenia`` / ``Armenian``)
``cldr`` / ``names`` / ``lexicon`` / ``date``
             a phrase of one is the table translation of a phrase of the other
             (``Liên Xô`` = ``Soviet Union``, ``trung đoàn`` = ``regiment``)
``tokens``   the word aligner links the tokens of one to the tokens of the other

combined by noisy-OR (any strong piece suffices, several weak ones add up),
weighted by type compatibility (same label 1; LOC~MISC 0.7, since a country in
Vietnamese is often a demonym in English, "quân Nga" / "Russian troops"; other
name labels 0.4-0.6; DATE~NUM 0.3) and a small positional prior, and the
one-to-one assignment that maximises the total score is found with
``scipy.optimize.linear_sum_assignment``. Pairs under :data:`LINK_THRESHOLD`
are not links.

A linked pair whose labels differ is flagged ``type-disagreement`` (which
:mod:`pipeline.align.types` may resolve into ``type-resolved``). A Vietnamese
entity left without a partner is projected: the English tokens its words are
aligned to, trimmed of function words and punctuation, become a new English
entity with the Vietnamese label and ``source: "projected"`` (unless they
overlap an English entity already linked elsewhere); otherwise it is linked to
``null``, with as score the confidence that it has no counterpart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from pipeline.align.layers import LayerView
from pipeline.align.lexicon import MAX_PHRASE_TOKENS, en_key, phrase_table
from pipeline.align.normalize import is_capitalised, name_similarity
from pipeline.align.sentences import english_sentences_of
from pipeline.align.words import TokenLink, links_by_en_token, links_by_vi_token
from pipeline.en.values import entity_value

#: An English ordinal in digits ("308th", "4th"): compared as its number, as Vietnamese writes a numbered unit
#: ("Sư đoàn 308" / "the 308th Division", "Quân đoàn 4" / "the 4th Corps"), so that the number tells two units of a
#: sentence apart (without it, "308" and "308th" were no more alike than "308" and "312th").
_ORDINAL_DIGITS = re.compile(r"^(\d+)(?:st|nd|rd|th)$", re.IGNORECASE)

LINK_THRESHOLD = 0.3
EVIDENCE_THRESHOLD = 0.5  # a piece of evidence is named on the link when at least this strong
POSITION_WEIGHT = 0.2
WEIGHTS = {"value": 1.0, "string": 0.95, "table": 0.9, "tokens": 0.85}

_NAME_LABELS = ("PER", "LOC", "ORG", "MISC")
_COMPATIBLE = {
    frozenset(("LOC", "MISC")): 0.7,
    frozenset(("LOC", "ORG")): 0.6,
    frozenset(("ORG", "MISC")): 0.6,
    frozenset(("PER", "ORG")): 0.4,
    frozenset(("PER", "LOC")): 0.4,
    frozenset(("PER", "MISC")): 0.4,
    frozenset(("DATE", "NUM")): 0.3,
}
_EN_TRIM = {
    "the",
    "a",
    "an",
    "of",
    "'s",
    "’s",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "and",
    "its",
    "their",
    "his",
    "her",
}


def type_compatibility(vi_label: str, en_label: str) -> float:
    if vi_label == en_label:
        return 1.0
    if "OTHER" in (vi_label, en_label):
        return 0.5
    return _COMPATIBLE.get(frozenset((vi_label, en_label)), 0.1)


@dataclass
class _Pair:
    score: float
    evidence: list[str] = field(default_factory=list)


def _table_evidence(
    vi: LayerView, en: LayerView, vi_tokens: list[int], en_tokens: list[int]
) -> tuple[float, str | None]:
    """How much of the two entities the phrase table accounts for, and from which source."""
    table = phrase_table()
    en_keys: dict[str, tuple[int, int]] = {}
    for a in range(len(en_tokens)):
        for b in range(a + 1, min(a + MAX_PHRASE_TOKENS, len(en_tokens)) + 1):
            span = en_tokens[a:b]
            for get in (en.token_text, en.token_lemma):
                key = en_key(" ".join(get(i) for i in span))
                if key:
                    en_keys.setdefault(key, (a, b))
    en_names = [i for i in en_tokens if is_capitalised(en.token_text(i))]
    covered_vi: set[int] = set()
    covered_en: set[int] = set()
    kinds: list[str] = []
    for a in range(len(vi_tokens)):
        for b in range(a + 1, min(a + MAX_PHRASE_TOKENS, len(vi_tokens)) + 1):
            phrase = " ".join(vi.token_text(i) for i in vi_tokens[a:b])
            for key, kind in table.lookup(phrase).items():
                hit = None
                if key in en_keys:
                    hit = en_tokens[en_keys[key][0] : en_keys[key][1]]
                elif kind in ("cldr", "names") and " " not in key:
                    hit = [i for i in en_names if name_similarity(key, en.token_text(i)) >= 0.85][:1]
                if hit:
                    covered_vi.update(vi_tokens[a:b])
                    covered_en.update(hit)
                    kinds.append(kind)
    if not kinds:
        return 0.0, None
    content_vi = [i for i in vi_tokens if not vi.is_punct(i)] or vi_tokens
    content_en = [i for i in en_tokens if not en.is_punct(i) and en.token_text(i).lower() not in _EN_TRIM] or en_tokens
    coverage = (len(covered_vi & set(content_vi)) + len(covered_en & set(content_en))) / (
        len(content_vi) + len(content_en)
    )
    best = max(kinds, key=lambda k: {"cldr": 3, "names": 2, "date": 1, "lexicon": 0}[k])
    return min(1.0, 0.4 + 0.6 * coverage), best


def _string_evidence(vi_text: str, en_text: str, vi_names: list[str], en_names: list[str]) -> float:
    whole = name_similarity(vi_text, en_text)
    best_word = max((name_similarity(a, b) for a in vi_names for b in en_names), default=0.0)
    if best_word < 0.8:
        best_word = 0.0
    return max(whole if whole >= 0.8 else 0.0, best_word * 0.9)


def _value_evidence(vi_ent: dict[str, Any], en_ent: dict[str, Any]) -> float:
    a, b = _amount(vi_ent.get("value")), _amount(en_ent.get("value"))
    if a is None or b is None:
        return 0.0
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return 1.0 if float(a) == float(b) else 0.0
    a, b = str(a), str(b)
    if a == b:
        return 1.0
    if a.startswith(b) or b.startswith(a):  # 1992 ~ 1992-06: the same year, one side more precise
        return 0.6
    return 0.0


def _amount(value: Any) -> Any:
    """A NUM's number, with or without its unit: ``{"amount": 30000, "unit": "USD", ...}`` -> 30000."""
    return value.get("amount") if isinstance(value, dict) else value


def _token_evidence(vi_tokens: list[int], en_tokens: list[int], links_by_vi: dict[int, list[TokenLink]]) -> float:
    en_set = set(en_tokens)
    vi_linked = 0
    en_linked: set[int] = set()
    for i in vi_tokens:
        hits = [link.en for link in links_by_vi.get(i, ()) if link.en in en_set]
        if hits:
            vi_linked += 1
            en_linked.update(hits)
    if not vi_linked:
        return 0.0
    return (vi_linked + len(en_linked)) / (len(vi_tokens) + len(en_tokens))


@dataclass
class EntityAlignment:
    links: list[dict[str, Any]]
    en_entities: list[dict[str, Any]]  # the English entities, projected ones added (ids not yet renumbered)


def align_entities(
    vi: LayerView, en: LayerView, sentence_links: list[dict[str, Any]], token_links: list[TokenLink]
) -> EntityAlignment:
    vi_ents, en_ents = vi.layer["entities"], [dict(e) for e in en.layer["entities"]]
    en_sentences_of = english_sentences_of(sentence_links)
    links_by_vi = links_by_vi_token(token_links)
    # English token -> the Vietnamese tokens linked to it
    vi_of_en = {en_token: {link.vi for link in links} for en_token, links in links_by_en_token(token_links).items()}

    vi_tok = [vi.span_tokens(e["start"], e["end"]) for e in vi_ents]
    en_tok = [en.span_tokens(e["start"], e["end"]) for e in en_ents]
    vi_sent = [vi.token_sentence[t[0]] if t else -1 for t in vi_tok]
    en_sent = [en.token_sentence[t[0]] if t else -1 for t in en_tok]

    def names(view: LayerView, tokens: list[int]) -> list[str]:
        return [
            _ORDINAL_DIGITS.sub(r"\1", view.token_text(i))
            for i in tokens
            if is_capitalised(view.token_text(i)) or any(c.isdigit() for c in view.token_text(i))
        ]

    pairs: dict[tuple[int, int], _Pair] = {}
    for a, ve in enumerate(vi_ents):
        allowed = en_sentences_of.get(vi_sent[a], set())
        for b, ee in enumerate(en_ents):
            if en_sent[b] not in allowed or not vi_tok[a] or not en_tok[b]:
                continue
            evidence = {
                "value": _value_evidence(ve, ee),
                "string": _string_evidence(ve["text"], ee["text"], names(vi, vi_tok[a]), names(en, en_tok[b])),
                "tokens": _token_evidence(vi_tok[a], en_tok[b], links_by_vi),
            }
            table_score, table_kind = _table_evidence(vi, en, vi_tok[a], en_tok[b])
            evidence["table"] = table_score
            strength = 1.0
            for name, value in evidence.items():
                strength *= 1 - WEIGHTS[name] * value
            strength = 1 - strength
            if strength <= 0:
                continue
            compat = type_compatibility(ve["label"], ee["label"])
            position = _relative_position(vi, vi_tok[a], [vi_sent[a]]) - _relative_position(
                en, en_tok[b], sorted(en_sentences_of.get(vi_sent[a], {en_sent[b]}))
            )
            score = strength * (0.4 + 0.6 * compat) * (1 - POSITION_WEIGHT * abs(position))
            named = [
                table_kind if name == "table" else name
                for name, value in evidence.items()
                if value >= EVIDENCE_THRESHOLD or (name == "table" and value > 0)
            ]
            pairs[(a, b)] = _Pair(score, sorted(set(filter(None, named)), key=_EVIDENCE_ORDER.index))

    matched_vi: dict[int, int] = {}
    if pairs:
        matrix = np.zeros((len(vi_ents), len(en_ents)))
        for (a, b), pair in pairs.items():
            matrix[a, b] = pair.score
        # scipy is imported here, where a document has English: importing it costs every process ~0.3 s
        from scipy.optimize import linear_sum_assignment

        rows, cols = linear_sum_assignment(matrix, maximize=True)
        for a, b in zip(rows, cols):
            if matrix[a, b] >= LINK_THRESHOLD:
                matched_vi[a] = b

    links: list[dict[str, Any]] = []
    for a, ve in enumerate(vi_ents):
        if a in matched_vi:
            b = matched_vi[a]
            pair = pairs[(a, b)]
            link = {"vi": ve["id"], "en": en_ents[b]["id"], "score": round(pair.score, 4), "evidence": pair.evidence}
            if ve["label"] != en_ents[b]["label"]:
                link["flags"] = ["type-disagreement"]
            links.append(link)
            continue
        # the English entities linked to Vietnamese ones inside this one may sit inside its projection, nested as
        # they are in Vietnamese: "12 người" (OTHER, a victim) holds the NUM "12", and "12 people" holds "12"
        inner = {
            matched_vi[x]
            for x, e in enumerate(vi_ents)
            if x in matched_vi and x != a and ve["start"] <= e["start"] and e["end"] <= ve["end"]
        }
        projected = _project(
            vi, en, vi_tok[a], links_by_vi, en_sentences_of.get(vi_sent[a], set()), en_tok, inner, vi_of_en
        )
        if projected is not None:
            start, end, score, kinds = projected
            text = en.text[start:end]
            new = {
                "id": f"P{len(en_ents) + 1}",
                "start": start,
                "end": end,
                "label": ve["label"],
                "text": text,
                "source": "projected",
                "score": round(score, 4),
            }
            value = entity_value(ve["label"], text) if ve["label"] in ("DATE", "NUM") else None
            if value is None and ve.get("value") is not None:
                value = ve["value"]  # the Vietnamese value, when the English text gives none ("summer" alone)
            if value is not None:
                new["value"] = value
            en_ents.append(new)
            en_tok.append(en.span_tokens(start, end))
            links.append(
                {
                    "vi": ve["id"],
                    "en": new["id"],
                    "score": round(score, 4),
                    "evidence": ["projected"] + sorted(kinds, key=_EVIDENCE_ORDER.index),
                }
            )
            continue
        best = max((p.score for (x, _), p in pairs.items() if x == a), default=0.0)
        links.append({"vi": ve["id"], "en": None, "score": round(1 - best, 4)})
    return EntityAlignment(links, en_ents)


_EVIDENCE_ORDER = [
    "value",
    "string",
    "cldr",
    "names",
    "date",
    "lexicon",
    "tokens",
    "number",
    "name",
    "identical",
    "embedding",
    "projected",
]


def _relative_position(view: LayerView, tokens: list[int], sentences: list[int]) -> float:
    ids = view.tokens_of_sentences(sentences)
    if len(ids) <= 1 or not tokens:
        return 0.5
    centre = (tokens[0] + tokens[-1]) / 2
    return min(max((centre - ids[0]) / (ids[-1] - ids[0]), 0.0), 1.0)


_BRACKETS = (("(", ")"), ("[", "]"))


def _project(
    vi: LayerView,
    en: LayerView,
    vi_tokens: list[int],
    links_by_vi: dict[int, list[TokenLink]],
    en_sentences: set[int],
    en_tok: list[list[int]],
    inner: set[int],
    vi_of_en: dict[int, set[int]],
) -> tuple[int, int, float, set[str]] | None:
    """The English span a Vietnamese entity's words are aligned to, if it is a credible new entity.

    It overlaps no English entity, except one of ``inner`` (those linked to a Vietnamese entity inside this one)
    lying inside it, shorter, and not at its end.

    Not a span every word of which is also aligned to a Vietnamese word outside the entity: that word translates
    the entity with its neighbours, and is theirs as much as its own ("rút quân" / "withdrawal": the OTHER "quân"
    projected onto the trigger "withdrawal" was an argument of its own event, found by the new-user audit)."""
    hits = [link for i in vi_tokens for link in links_by_vi.get(i, ()) if en.token_sentence[link.en] in en_sentences]
    if not hits:
        return None
    targets = sorted({link.en for link in hits})
    # The largest run of nearly contiguous tokens (gaps of one function word allowed).
    runs: list[list[int]] = [[targets[0]]]
    for j in targets[1:]:
        if j - runs[-1][-1] <= 2:
            runs[-1].append(j)
        else:
            runs.append([j])
    run = max(runs, key=len)
    first, last = run[0], run[-1]
    while first <= last and (en.is_punct(first) or en.token_text(first).lower() in _EN_TRIM):
        first += 1
    while last >= first and (en.is_punct(last) or en.token_text(last).lower() in _EN_TRIM):
        last -= 1
    if first > last:
        return None
    # a bracket opened inside the span is closed inside it: "soldiers (spetznaz" trimmed its ")" as punctuation
    words = [en.token_text(j) for j in range(first, last + 1)]
    for opening, closing in _BRACKETS:
        unclosed = words.count(opening) > words.count(closing) and last + 1 < len(en.tokens)
        if unclosed and en.token_text(last + 1) == closing and en.token_sentence[last + 1] == en.token_sentence[last]:
            last += 1
    if all(vi_of_en.get(j, set()) - set(vi_tokens) for j in range(first, last + 1) if not en.is_punct(j)):
        return None
    span_tokens = set(range(first, last + 1))
    for b, tokens in enumerate(en_tok):
        if span_tokens & set(tokens) and not (b in inner and set(tokens) < span_tokens):
            return None  # overlaps an English entity: it was a candidate and was not chosen
        if b in inner and last in tokens:
            # English puts the noun after its modifiers: "9 American" lost the "sailors" no word link reached
            return None
    start, end = en.tokens[first]["start"], en.tokens[last]["end"]
    in_run = [link for link in hits if first <= link.en <= last]
    if not in_run:
        return None
    score = sum(link.score for link in in_run) / len(in_run)
    return start, end, score, {link.evidence for link in in_run} | {"tokens"}

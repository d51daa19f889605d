"""Comparing Vietnamese and English surface forms: diacritics, case, numbers.

What survives translation between the two languages is mostly the shape of
names (``Kelbajar`` on both sides, ``Xô viết`` ~ ``Soviet`` once the diacritics
go: :func:`pipeline.text.normalize.strip_diacritics`) and the value of numbers
(``23 ngàn`` = ``23,000``: :mod:`pipeline.text.numbers` on the Vietnamese side).
These helpers compare the two sides; the bilingual tables live in :mod:`.lexicon`.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import lru_cache

from pipeline.en.values import number_token_value
from pipeline.text.normalize import strip_diacritics
from pipeline.text.numbers import MULTIPLIERS, word_value

#: Vietnamese multipliers as the aligner reads them after a number: "2 trăm", "23 ngàn".
VI_MULTIPLIERS = {"trăm": 100, **MULTIPLIERS}


def is_capitalised(text: str) -> bool:
    return bool(text) and text[0].isupper()


@lru_cache(maxsize=65536)
def name_similarity(a: str, b: str) -> float:
    """How alike two names are once folded, in [0, 1].

    1.0 for equal keys; 0.9 when one is the other plus an English suffix
    (``armenia`` / ``armenians``, ``azerbaijan`` / ``azerbaijani``); otherwise the
    difflib ratio, which tolerates transliteration variants (``Gruzia`` stays apart
    from ``Georgia``: that pair is in the names table instead). Cached: the
    sentence aligner compares the same few names across every candidate bead.
    """
    fa, fb = strip_diacritics(a), strip_diacritics(b)
    if not fa or not fb:
        return 0.0
    if fa == fb:
        return 1.0
    short, long_ = sorted((fa, fb), key=len)
    if len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 3:
        return 0.9
    # Demonyms drop a final vowel or y: russia/russian is above; "turkey"/"turkish" is in the table.
    if len(short) >= 5 and long_.startswith(short[:-1]) and len(long_) - len(short) <= 3:
        return 0.85
    return SequenceMatcher(None, fa, fb, autojunk=False).ratio()


def en_number_value(token: str) -> float | int | None:
    return number_token_value(token)


def phrase_numbers(tokens: list[str], lang: str) -> list[tuple[int, int, float]]:
    """Numbers spelled over one or two tokens: ``23 ngàn`` / ``23,000``, ``6``, ``2 triệu``.

    Returns ``(first, last+1, value)`` for every number found (a bare number and
    the number with its multiplier are both returned: the aligner picks).
    """
    value_of = word_value if lang == "vi" else en_number_value
    multipliers = (
        VI_MULTIPLIERS if lang == "vi" else {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
    )
    found: list[tuple[int, int, float]] = []
    for i, tok in enumerate(tokens):
        value = value_of(tok)
        if value is None or (lang == "vi" and tok.lower() in VI_MULTIPLIERS):
            continue
        found.append((i, i + 1, value))
        if i + 1 < len(tokens) and tokens[i + 1].lower() in multipliers:
            found.append((i, i + 2, value * multipliers[tokens[i + 1].lower()]))
    return found

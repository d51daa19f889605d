"""Comparing Vietnamese and English surface forms: diacritics, case, numbers.

What survives translation between the two languages is mostly the shape of
names (``Kelbajar`` on both sides, ``Xô viết`` ~ ``Soviet`` once the diacritics
go) and the value of numbers (``23 ngàn`` = ``23,000``). These helpers reduce
both sides to comparable keys; the bilingual tables live in :mod:`.lexicon`.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

from pipeline.en.values import number_token_value

# đ/Đ are letters of their own, not d + a combining mark, so NFD leaves them.
_EXTRA_FOLD = str.maketrans({"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ı": "i"})


def fold(text: str) -> str:
    """Lowercase, without diacritics, underscores and hyphens as spaces, whitespace collapsed.

    ``Xô Viết`` -> ``xo viet``; ``Chiến_tranh_Nagorno-Karabakh`` -> ``chien tranh nagorno karabakh``.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_EXTRA_FOLD))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = re.sub(r"[_\-‐‑–]", " ", stripped)
    return " ".join(stripped.lower().split())


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
    fa, fb = fold(a), fold(b)
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


# ----------------------------------------------------------------------------
# Vietnamese numbers

VI_MULTIPLIERS = {
    "trăm": 100,
    "nghìn": 1_000,
    "ngàn": 1_000,
    "vạn": 10_000,
    "triệu": 1_000_000,
    "tỷ": 1_000_000_000,
    "tỉ": 1_000_000_000,
}
# "năm" (five / year) and "tư" (four / private) are left out: too ambiguous out of context.
VI_NUMBER_WORDS = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
    "trăm": 100,
    "nghìn": 1000,
    "ngàn": 1000,
}
VI_MONTH_WORDS = {
    "giêng": 1,
    "một": 1,
    "hai": 2,
    "ba": 3,
    "tư": 4,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
    "mười một": 11,
    "mười hai": 12,
    "chạp": 12,
}

_VI_NUMBER = re.compile(r"^\d{1,3}(\.\d{3})+$|^\d+(,\d+)?$")


def vi_number_value(token: str) -> float | int | None:
    """Value of a Vietnamese number token: ``23``, ``23.000`` (dot groups thousands), ``1,5``, ``hai``."""
    t = token.strip().lower()
    if _VI_NUMBER.match(t):
        if "," in t:
            return float(t.replace(",", "."))
        return int(t.replace(".", ""))
    return VI_NUMBER_WORDS.get(t)


def en_number_value(token: str) -> float | int | None:
    return number_token_value(token)


def phrase_numbers(tokens: list[str], lang: str) -> list[tuple[int, int, float]]:
    """Numbers spelled over one or two tokens: ``23 ngàn`` / ``23,000``, ``6``, ``2 triệu``.

    Returns ``(first, last+1, value)`` for every number found (a bare number and
    the number with its multiplier are both returned: the aligner picks).
    """
    value_of = vi_number_value if lang == "vi" else en_number_value
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

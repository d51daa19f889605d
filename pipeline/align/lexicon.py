"""The bilingual phrase table the lexical aligner and the entity matcher look up.

Four sources, each named in the evidence of the links it supports:

``cldr``
    Babel's CLDR territory and language names in Vietnamese and English
    (``Nga`` = ``Russia``, ``Thổ Nhĩ Kỳ`` = ``Türkiye``, ``Trung Á`` = ``Central Asia``,
    ``tiếng Nga`` = ``Russian``).
``names``
    ``data/names.tsv``, a project-owned table for the forms CLDR lacks or spells
    otherwise (``Liên Xô``, ``Xô viết``, ``Gruzia``, ``Turkey``) and for adjectives
    and demonyms that are not the country name plus a suffix (``Pháp`` = ``French``).
``lexicon``
    ``data/domain_lexicon.tsv``, military and political vocabulary (``trung đoàn`` =
    ``regiment``, ``bắt`` = ``capture``).
``date``
    month and season names (``tháng 9`` / ``tháng chín`` = ``September``), built here.

Keys: a Vietnamese phrase is compared lowercased with its diacritics (``lính``
is not ``linh``); an English phrase is compared folded (no case, no diacritics, no
punctuation), by its tokens' text or lemmas.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from babel import Locale

from pipeline.align.normalize import VI_MONTH_WORDS, fold
from pipeline.en.values import SEASONS, month_numbers

MAX_PHRASE_TOKENS = 4

VI_SEASONS = {
    "mùa xuân": "spring",
    "mùa hè": "summer",
    "mùa hạ": "summer",
    "mùa thu": "autumn",
    "mùa đông": "winter",
    "xuân": "spring",
    "hè": "summer",
    "thu": "autumn",
    "đông": "winter",
}


def vi_key(text: str) -> str:
    """Lowercase NFC, underscores and hyphens as spaces: how Vietnamese phrases are looked up."""
    text = unicodedata.normalize("NFC", text).lower()
    return " ".join(re.sub(r"[_\-]", " ", text).split())


def en_key(text: str) -> str:
    """Folded, punctuation removed: how English phrases are looked up (``U.S.`` -> ``us``)."""
    return " ".join(re.sub(r"[^\w ]", "", fold(text)).split())


@dataclass(frozen=True)
class Entry:
    vi: str  # vi_key of the Vietnamese phrase
    en: str  # en_key of the English phrase
    kind: str  # cldr | names | lexicon | date


class PhraseTable:
    """Vietnamese phrase -> English phrases, with where each pair comes from."""

    def __init__(self, entries: list[Entry]):
        self._by_vi: dict[str, dict[str, str]] = {}
        for e in entries:
            if not e.vi or not e.en:
                continue
            kinds = self._by_vi.setdefault(e.vi, {})
            # A pair in several sources is credited to CLDR first, then our names table, dates, the lexicon.
            if e.en not in kinds or _RANK[e.kind] > _RANK[kinds[e.en]]:
                kinds[e.en] = e.kind
        self.en_keys = {en for kinds in self._by_vi.values() for en in kinds}

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_vi.values())

    def lookup(self, vi_phrase: str) -> dict[str, str]:
        """English keys (-> source kind) for a Vietnamese phrase, or {}."""
        return self._by_vi.get(vi_key(vi_phrase), {})

    def has_vi(self, vi_phrase: str) -> bool:
        return vi_key(vi_phrase) in self._by_vi


_RANK = {"lexicon": 0, "date": 1, "names": 2, "cldr": 3}


def _read_tsv(name: str, kind: str) -> list[Entry]:
    text = files("pipeline.align").joinpath("data").joinpath(name).read_text("utf-8")
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            raise ValueError(f"pipeline/align/data/{name}:{number}: expected 'vietnamese<TAB>english', got {line!r}")
        for en in cols[1].split("|"):
            out.append(Entry(vi_key(cols[0]), en_key(en), kind))
    return out


def _cldr_entries() -> list[Entry]:
    vi, en = Locale("vi"), Locale("en")
    out = []
    for code, vi_name in vi.territories.items():
        if code in en.territories:
            out.append(Entry(vi_key(vi_name), en_key(en.territories[code]), "cldr"))
    for code, vi_name in vi.languages.items():
        if code in en.languages and vi_name.lower().startswith("tiếng "):
            out.append(Entry(vi_key(vi_name), en_key(en.languages[code]), "cldr"))
    return out


def _date_entries() -> list[Entry]:
    out = []
    by_number: dict[int, list[str]] = {}
    for name, number in month_numbers().items():
        by_number.setdefault(number, []).append(name)
    for number, names in by_number.items():
        vi_forms = [f"tháng {number}"] + [f"tháng {w}" for w, n in VI_MONTH_WORDS.items() if n == number]
        for vi_form in vi_forms:
            for name in names:
                out.append(Entry(vi_key(vi_form), en_key(name), "date"))
    for vi_form, season in VI_SEASONS.items():
        for en_form, code in SEASONS.items():
            if SEASONS[season] == code:
                out.append(Entry(vi_key(vi_form), en_key(en_form), "date"))
    return out


@lru_cache(maxsize=1)
def phrase_table() -> PhraseTable:
    """The project's phrase table (loaded once per process)."""
    return PhraseTable(
        _cldr_entries() + _read_tsv("names.tsv", "names") + _read_tsv("domain_lexicon.tsv", "lexicon") + _date_entries()
    )

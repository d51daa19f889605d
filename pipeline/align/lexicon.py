"""The bilingual phrase table the lexical aligner and the entity matcher look up.

Four sources, each named in the evidence of the links it supports:

``cldr``
    Babel's CLDR territory and language names in Vietnamese and English
    (``Nga`` = ``Russia``, ``Thổ Nhĩ Kỳ`` = ``Türkiye``, ``Trung Á`` = ``Central Asia``,
    ``tiếng Nga`` = ``Russian``).
``names``
    the English names in the project gazetteer (``pipeline/text/data/gazetteer.tsv``,
    column ``en``), for the forms CLDR lacks or spells otherwise (``Liên Xô``,
    ``Xô viết``, ``Gruzia``, ``Turkey``) and for adjectives and demonyms that are not
    the country name plus a suffix (``Pháp`` = ``French``).
``lexicon``
    ``data/domain_lexicon.tsv``, military and political vocabulary (``trung đoàn`` =
    ``regiment``, ``bắt`` = ``capture``).
``date``
    month and season names (``tháng 9`` / ``tháng chín`` = ``September``) from
    :mod:`pipeline.text.calendar`, built here (the lunar ``tháng giêng`` is not January).

Keys: a Vietnamese phrase is compared folded with its diacritics
(:func:`pipeline.text.normalize.fold`: ``lính`` is not ``linh``, ``hoà`` is ``hòa``);
an English phrase without case, diacritics or punctuation, by its tokens' text or lemmas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale

from pipeline.align import domain_lexicon_path
from pipeline.en.values import SEASONS, month_numbers
from pipeline.text.calendar import MONTH_WORDS
from pipeline.text.calendar import SEASONS as VI_SEASONS
from pipeline.text.gazetteer import packaged_names
from pipeline.text.normalize import fold, strip_diacritics
from pipeline.text.tsv import read_tsv

MAX_PHRASE_TOKENS = 4
#: Season words the aligner also reads without "mùa" ("hạ" alone is mostly "lower", "down").
BARE_SEASONS = ("xuân", "hè", "thu", "đông")


def vi_key(text: str) -> str:
    """Folded (lower case, one tone-mark placement), underscores and hyphens as spaces: how
    Vietnamese phrases are looked up."""
    return " ".join(fold(re.sub(r"[_\-]", " ", text)).split())


def en_key(text: str) -> str:
    """Without case, diacritics or punctuation: how English phrases are looked up (``U.S.`` -> ``us``)."""
    return " ".join(re.sub(r"[^\w ]", "", strip_diacritics(text)).split())


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


def _lexicon_entries() -> list[Entry]:
    out = []
    for row in read_tsv(domain_lexicon_path(), ("vietnamese", "english")):
        for en in row["english"].split("|"):
            out.append(Entry(vi_key(row["vietnamese"]), en_key(en), "lexicon"))
    return out


def _name_entries() -> list[Entry]:
    return [Entry(vi_key(n.name), en_key(en), "names") for n in packaged_names() for en in n.en]


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
        vi_forms = [f"tháng {number}"] + [f"tháng {w}" for w, n in MONTH_WORDS.items() if n == number]
        for vi_form in vi_forms:
            for name in names:
                out.append(Entry(vi_key(vi_form), en_key(name), "date"))
    seasons = [(f"mùa {w}", code) for w, code in VI_SEASONS.items()]
    seasons += [(w, VI_SEASONS[w]) for w in BARE_SEASONS]
    for vi_form, vi_code in seasons:
        for en_form, code in SEASONS.items():
            if code == vi_code:
                out.append(Entry(vi_key(vi_form), en_key(en_form), "date"))
    return out


@lru_cache(maxsize=1)
def phrase_table() -> PhraseTable:
    """The project's phrase table (loaded once per process)."""
    return PhraseTable(_cldr_entries() + _name_entries() + _lexicon_entries() + _date_entries())

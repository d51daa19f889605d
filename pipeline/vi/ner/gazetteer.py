"""Names looked up in lists: Babel's CLDR territory names and the project gazetteer.

* ``songngu_ner_gazetteer_cldr`` (source ``gazetteer:cldr``): the Vietnamese
  names of countries and world regions from the Unicode CLDR, as Babel ships
  them (``babel.Locale("vi").territories``: Nga, Thổ Nhĩ Kỳ, Hoa Kỳ, Trung Á).
  The United Nations and the European Union are organisations (ORG); the
  pseudo-territories (world, unknown region, test locales) are left out.
  The Vietnamese names of languages ("tiếng Anh", "tiếng Việt") are MISC, with
  their noun (corpus/gold/GUIDELINES.md §4.4: the language, not the country).
* ``songngu_ner_gazetteer`` (source ``gazetteer:project``): the project
  gazetteer (``pipeline/text/data/gazetteer.tsv``, :mod:`pipeline.text.gazetteer`:
  name, label, English names, source...) for what CLDR lacks: former states
  (Liên Xô, Liên bang Xô Viết), regions (Caucasus, Trung Á), cities,
  Vietnamese provinces, international bodies. Users add rows or point the
  component at their own file (``files = ["<packaged>", "my_places.tsv"]``).

A name is matched on whole syllables with its exact capitalisation ("Mỹ", not
"mỹ" = beautiful) and either tone-mark placement ("Biên Hoà" = "Biên Hòa"),
and only where it is a whole name (an organisation takes a
place written right after it: "[ORG Pepsi VN]", corpus/gold/GUIDELINES.md §3.3): a name directly followed
by another capitalised word ("Boston Globe") or directly preceded by one that
is not the sentence's first word is part of a longer name, which other
components judge.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from spacy.language import Language

from pipeline.spacy_data import BuiltFromFiles
from pipeline.text.gazetteer import packaged_paths, read_gazetteers
from pipeline.text.normalize import cased_syllable_key
from pipeline.text.phrases import PhraseTable
from pipeline.text.tsv import files_version
from pipeline.vi.ner.candidates import RuleComponent
from pipeline.vi.ner.lexicon import term_at
from pipeline.vi.ner.persons import full_name_at
from pipeline.vi.ner.phonotactics import is_foreign_word
from pipeline.vi.ner.view import SyllableView

#: CLDR territory codes that are not places a text names (world, unknown, pseudo-locales, the euro area).
CLDR_SKIP = frozenset({"001", "ZZ", "XA", "XB", "EZ", "QO"})
#: CLDR "territories" that are organisations.
CLDR_ORGS = frozenset({"UN", "EU"})


class Gazetteer:
    """Names and their labels, looked up with their case (``{syllables: label}``), longest match first."""

    def __init__(self, names: Iterable[tuple[str, str]]):
        self.names: PhraseTable[str] = PhraseTable(names, key=cased_syllable_key)

    def __len__(self) -> int:
        return len(self.names)

    def __contains__(self, name: str) -> bool:
        return name in self.names

    def label(self, name: str) -> str | None:
        return self.names.get(name)

    def knows(self, view: SyllableView, i: int, j: int) -> bool:
        """Syllables ``[i, j)`` of ``view`` are exactly a listed name."""
        return tuple(view.forms[i:j]) in self.names.table

    def find(self, view: SyllableView) -> Iterator[tuple[int, int, str]]:
        """``(first_syllable, end_syllable, label)`` of whole names in one line."""
        i, n = 0, len(view)
        may_start = view.may_start_each(self.names, cased=True)  # (longest_at finds nothing elsewhere: most syllables)
        while i < n:
            hit = self.longest_at(view, i) if may_start[i] else None
            if hit is None:
                i += 1
                continue
            j, label = hit
            if label == "ORG":
                j = self.place_after(view, j)  # "Pepsi VN", "Quốc hội Mỹ" (guideline §3.3)
            if label == "ORG" and _counted_or_pointed_at(view, i, j):
                i = j  # "mỗi Chính phủ", "Chính phủ đó": any government, the one just named; no name
                continue
            if _whole_name(view, i, j):
                yield i, j, label
                i = j
            else:
                i += 1

    def place_after(self, view: SyllableView, j: int) -> int:
        """``j`` extended over a place name written right after it (no "của" between), if any."""
        if j < len(view) and view[j].joined:
            hit = self.longest_at(view, j)
            if hit and hit[1] == "LOC":
                return hit[0]
        return j

    def longest_ending_at(self, view: SyllableView, j: int) -> tuple[int, str] | None:
        """The longest name on contiguous syllables ``[i, j)``: ``(i, label)``."""
        forms = view.forms
        if not 0 < j <= len(forms) or not self.names.may_end(forms[j - 1]):
            return None
        return self.names.ending_at(forms, j, lambda i, j, label: view.contiguous(i, j))

    def longest_at(self, view: SyllableView, i: int) -> tuple[int, str] | None:
        """The longest name on contiguous syllables ``[i, j)``: ``(j, label)``."""
        forms = view.forms
        if i >= len(forms) or not self.names.may_start(forms[i]):
            return None
        return self.names.starting_at(forms, i, lambda i, j, label: view.contiguous(i, j))


def known_in_any(places: Iterable[Gazetteer], view: SyllableView, i: int, j: int) -> bool:
    """Syllables ``[i, j)`` of ``view`` are exactly a name of one of ``places`` (the title and organisation rules ask
    it of the capitals they would take: a listed place is left to the gazetteers)."""
    return any(gaz.knows(view, i, j) for gaz in places)


def listed_past(places: Iterable[Gazetteer], view: SyllableView, i: int, end: int) -> bool:
    """A name of one of ``places`` starts at syllable ``i`` and runs past ``end``: the capitalised words ``[i, end)``
    begin that listed name, written in sentence case ("Chủ tịch [Quốc hội]" is no person, "bộ [Đại Việt sử ký
    toàn thư]" no organisation)."""
    return any((hit := gaz.longest_at(view, i)) is not None and hit[0] > end for gaz in places)


#: Words that make a listed body's name a common noun: counted ("mỗi Chính phủ", "một Quốc hội": any government,
#: any assembly) or pointed at ("Chính phủ đó": the one the sentence just spoke of). Our gold leaves them unmarked (5
#: of 5; issue 13, round 26) and marks the body itself ("[ORG Chính phủ] đã ban hành").
COUNTING_WORDS = frozenset({"mỗi", "một", "các", "những", "từng", "mọi"})
POINTING_WORDS = frozenset({"đó", "này", "ấy", "kia", "nọ"})


def _counted_or_pointed_at(view: SyllableView, i: int, j: int) -> bool:
    before = i > 0 and view[i].joined and view[i - 1].lower in COUNTING_WORDS
    after = j < len(view) and view[j].joined and view[j].lower in POINTING_WORDS
    return before or after


def _foreign_name_at(view: SyllableView, j: int) -> bool:
    """A capitalised run of foreign-spelled words starts at syllable ``j`` ("Victor Hugo", "Rousseau")."""
    m = j
    while m < len(view) and view[m].joined and view[m].capitalised and view[m].is_alpha:
        if not is_foreign_word(view[m].text):
            return False
        m += 1
    return m > j


def _whole_name(view: SyllableView, i: int, j: int) -> bool:
    """Not glued to more capitalised words (then it is part of a longer name), nor, one syllable, the start of a
    word that goes on in lower case ("Chăm sóc" first in a sentence is "to care", not the Cham; a longer name
    stays: the segmenter glues "Quốc hội" to what follows now and then)."""
    if j < len(view) and view[j].joined and view[j].capitalised and view[j].is_alpha:
        if term_at(view, j):
            return True  # "Quốc hội Khoá XII": the term, capitalised, which the merge joins to the name (round 22)
        if i > 0 and view[i - 1].lower == "người" and _foreign_name_at(view, j):
            return True  # "người [Pháp] Victor Hugo": the origin, then the person (our gold, the spent heldout25 and
            # genres/heldout25: 2 of 2; issue 13, round 27)
        # a person written right after the place, a word of its own, is not more of the place's name: "bí thư của
        # [Lâm Đồng] Nguyễn Văn Đẳng" (issue 13, round 18)
        return view.word_start(view[j].start) and view.word_end(view[j - 1].end) and full_name_at(view, j)
    if j == i + 1 and view.goes_on(j) and view[j].text.islower():
        return False
    if (
        i > 0
        and view[i].joined
        and view[i].capitalised
        and view[i - 1].capitalised
        and view[i - 1].is_alpha
        and not view[i - 1].sent_start
    ):
        return False
    return True


#: Place names whose lower-case spelling is also a common word or phrase: "thái bình" (peaceful), "hải dương"
#: (ocean), "cao bằng" (as tall as), "hòa bình" (peace), "bình định" (to pacify), "chợ lớn" (a big market), "sông bé"
#: (a small river), "ba lê" (ballet), "la mã" (Roman numerals), "đông bắc", "tây bắc" (directions).
LOWER_CASE_NOT_PLACES = frozenset(
    {"thái bình", "hải dương", "cao bằng", "hòa bình", "hoà bình", "bình định", "chợ lớn", "sông bé", "ba lê", "la mã"}
    | {"đông bắc", "tây bắc", "đông nam", "tây nam", "đảo man", "hồ tây", "biển đông", "biển đen"}
)
_LETTER_WORDS = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)+")


def with_lower_case_places(names: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``names`` and the lower-case, sentence-case and upper-case spellings of each place of two or more capitalised
    words ("trung quốc", "hà nội", "Nam bộ", "TRUNG QUỐC"), which VTB's lower-case and informal text writes (issue 13, round 8), unless
    the lower-case spelling is also a common word (LOWER_CASE_NOT_PLACES). One-word names stay cased: "mỹ" is "beautiful", "nga" a name."""
    out = list(names)
    known = {name for name, _ in names}
    for name, label in names:
        if label != "LOC" or not _LETTER_WORDS.fullmatch(name) or not all(w[:1].isupper() for w in name.split()):
            continue
        lower = name.lower()
        if lower in LOWER_CASE_NOT_PLACES:
            continue
        # and "Nam bộ", "Tây nguyên": VTB's sentence case; "TRUNG QUỐC": a headline's or a dateline's capitals (round 9)
        for variant in (lower, name[0] + lower[1:], name.upper()):
            if variant not in known:
                out.append((variant, label))
                known.add(variant)
    return out


def _cldr_names(locale: str) -> list[tuple[str, str]]:
    import babel

    names = []
    parsed = babel.Locale.parse(locale)
    for name in parsed.languages.values():
        if name.lower().startswith("tiếng ") and len(name.split()) >= 2:
            # "Tiếng Anh" as CLDR capitalises it for a list, "tiếng Anh" as a sentence writes it
            names.append((name, "MISC"))
            names.append((name[0].lower() + name[1:], "MISC"))
    for code, name in parsed.territories.items():
        if code in CLDR_SKIP:
            continue
        label = "ORG" if code in CLDR_ORGS else "LOC"
        # "Myanmar (Miến Điện)": both names; "Đặc khu Hành chính Hồng Kông, Trung Quốc": the first part
        for part in re.split(r"\s*[(),]\s*", name):
            if part.strip():
                names.append((part.strip(), label))
    return names


def gazetteer_paths(files: Iterable[str]) -> tuple[str, ...]:
    """A component's gazetteer files setting as paths (``"<packaged>"``: the lists in ``pipeline/text/data/``)."""
    out: list[str] = []
    for f in files:
        out.extend(packaged_paths() if f in (None, "<packaged>") else [f])
    return tuple(out)


def _cached_gazetteer(name: str, made_from: list[bytes | str], names: Callable[[], Iterable[tuple[str, str]]]):
    """``Gazetteer(names())``, its table read back from the start-up cache when made from the same material.

    Keying and indexing every name (CLDR's 1,471, the packaged lists' 1,653) is about 0.02 CPU s per
    gazetteer, paid by every process before its first document; :func:`pipeline.startup.cached` gives
    the same table (the same keys, values and order) from an earlier process in about a millisecond,
    keyed by ``made_from`` and the code that reads and indexes the names.
    """
    import pipeline.text.gazetteer
    import pipeline.text.normalize
    import pipeline.text.phrases
    import pipeline.text.tsv
    from pipeline.startup import cached, source_of

    code = source_of(
        sys.modules[__name__],
        pipeline.text.gazetteer,
        pipeline.text.normalize,
        pipeline.text.phrases,
        pipeline.text.tsv,
    )
    state = cached(name, [*made_from, *code], lambda: Gazetteer(names()).names.state())
    gazetteer = Gazetteer(())
    gazetteer.names = PhraseTable.from_state(state, key=cased_syllable_key)
    return gazetteer


@lru_cache(maxsize=4)
def cldr_gazetteer(locale: str = "vi") -> Gazetteer:
    """Babel's CLDR names for ``locale`` (Babel's data is fixed by its version, part of the cache key)."""
    import babel

    return _cached_gazetteer(
        f"gazetteer-cldr-{locale}",
        [locale, babel.__version__, babel.__file__],
        lambda: cldr_names(locale),
    )


def project_names(paths: Iterable[str]) -> list[tuple[str, str]]:
    """``(name, label)`` of the rows of gazetteer files that the entity rules propose (``ner`` not ``no``), with
    the lower-case spellings of the curated list's places (:func:`with_lower_case_places`)."""
    out: list[tuple[str, str]] = []
    for path in paths:
        rows = [(n.name, n.label) for n in read_gazetteers([path]) if n.ner]
        # the curated list only: the districts of places-vn.tsv are common words in lower case ("thống nhất",
        # "sơn động", "bảo yên")
        out.extend(with_lower_case_places(rows) if Path(path).name == "gazetteer.tsv" else rows)
    return out


def cldr_names(locale: str) -> list[tuple[str, str]]:
    """``(name, label)`` of Babel's CLDR names for ``locale``, with the lower-case spellings of its places."""
    return with_lower_case_places(_cldr_names(locale))


@lru_cache(maxsize=8)
def project_gazetteer(paths: tuple[str, ...]) -> Gazetteer:
    """The names of gazetteer files that the entity rules propose (``ner`` not ``no``)."""
    try:
        made_from = [part for path in paths for part in (path, Path(path).read_bytes())]
    except OSError:
        return Gazetteer(project_names(paths))  # read_gazetteers says what is wrong with the file
    return _cached_gazetteer("gazetteer-project", made_from, lambda: project_names(paths))


@Language.factory(
    "songngu_ner_gazetteer_cldr", default_config={"locale": "vi"}, requires=["doc.sents"], assigns=["doc.spans"]
)
def create_cldr_gazetteer(nlp: Language, name: str, locale: str):
    """Country and region names from Babel's CLDR data for ``locale``."""
    import babel

    meta = {"model": f"babel-cldr-territories-{locale}", "version": babel.__version__}
    return RuleComponent(cldr_gazetteer(locale), "gazetteer:cldr", meta)


@Language.factory(
    "songngu_ner_gazetteer", default_config={"files": ["<packaged>"]}, requires=["doc.sents"], assigns=["doc.spans"]
)
def create_project_gazetteer(nlp: Language, name: str, files: list[str]):
    """Names from TSV gazetteers (``<packaged>`` is ``pipeline/text/data/gazetteer.tsv``)."""

    def build(files: tuple[str, ...]) -> RuleComponent:
        meta = {"model": "+".join(Path(p).name for p in files), "version": files_version(files)}
        return RuleComponent(project_gazetteer(files), "gazetteer:project", meta)

    # The data files are read at initialize (or from a saved pipeline's copies): see pipeline.spacy_data.
    return BuiltFromFiles(build, {"files": gazetteer_paths(files)})

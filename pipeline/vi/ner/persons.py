"""Vietnamese full names by their family name (source ``rules:surname``).

A Vietnamese full name is a family name from a short, closed list (Nguyễn,
Trần, Lê, Phạm... ``data/surnames.tsv``) followed by one to three given-name
syllables, every syllable capitalised: "Nguyễn Phú Bình", "Trương Xuân Đại",
"Đặng Hải Lý". Such a run is proposed as PER. Places that look the same
("Hà Nội", "Cao Bằng", "Thái Lan") are in the gazetteers, which the merge
ranks first; streets named after people ("đường Nguyễn Huệ") are taken whole
by the classifier rule, also ranked first.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.docmodel import register_extensions
from pipeline.spacy_data import BuiltFromFiles
from pipeline.text.tsv import read_tsv
from pipeline.vi.ner.candidates import propose_matches
from pipeline.vi.ner.lexicon import common_words, data_path, packaged_or, rules_meta
from pipeline.vi.ner.phonotactics import is_foreign_word
from pipeline.vi.ner.view import SyllableView, next_true

SOURCE = "rules:surname"


@lru_cache(maxsize=4)
def surnames(path: str | None = None) -> frozenset[str]:
    path = path or data_path("surnames.tsv")
    return frozenset(row["surname"].replace("Ð", "Đ") for row in read_tsv(path, ("surname", "source")))


def is_surname(text: str, table: frozenset[str] | None = None) -> bool:
    return text.replace("Ð", "Đ") in (table if table is not None else surnames())


def find_full_names(view: SyllableView, table: frozenset[str], max_given: int = 3):
    """``(start_syl, end_syl)`` of family name + given names runs in one line."""
    # Where a name can start: a capitalised family name, or one in lower case (what _lower_case_full_name asks
    # first). Most syllables are neither: they are marked in one pass and stepped over in C (next_true), where
    # a Python call or two per syllable was half of this rule's time.
    may_start = [
        (s.capitalised and s.text.replace("Ð", "Đ") in table)
        or (s.is_alpha and s.text.islower() and s.text.capitalize().replace("Ð", "Đ") in table)
        for s in view
    ]
    i = 0
    while i < len(view):
        if not may_start[i]:
            i = next_true(may_start, i)
            continue
        if not (view[i].capitalised and is_surname(view[i].text, table)):
            j = _lower_case_full_name(view, i, table)
            if j > i + 1:
                yield i, j
            i = max(j, i + 1)
            continue
        j = i + 1
        while (
            j < len(view)
            and j - i <= max_given
            and view[j].joined
            and view[j].capitalised
            and view[j].is_alpha
            and not view[j].text.isupper()
            and not is_foreign_word(view[j].text)
        ):
            j += 1
        m = _next_full_name(view, i, j, table)
        if m is not None:
            i = m  # "UBND TP Hà Nội | Trần Sỹ Thanh": a word of its own, then a family name starting a full name
            continue
        if j == i + 2 and view.goes_on(j):
            # "Đoàn Thanh niên": a family-name-like noun and one capitalised syllable whose word goes on in lower
            # case is a common noun phrase, not a person (longer runs keep their name: the segmenter sometimes
            # glues a name's last syllable to the next word)
            j = i + 1
        if j == i + 1:
            j = _lower_case_given_names(view, i)
        if j > i + 1:
            yield i, j
            i = j
        else:
            i += 1


@lru_cache(maxsize=4)
def middle_names(path: str | None = None) -> frozenset[str]:
    """Middle names (tên đệm), ``data/middle_names.tsv``: the second syllable of most Vietnamese full names, what makes
    a family name and the lower-case syllables the segmenter glued to it a person ("Trần minh đức"), not a phrase."""
    path = path or data_path("middle_names.tsv")
    return frozenset(row["middle_name"].lower() for row in read_tsv(path, ("middle_name",)))


def full_name_at(view: SyllableView, m: int) -> bool:
    """A Vietnamese full name starts at syllable ``m``: a capitalised family name, then a middle name and a given
    name joined to it, both capitalised ("Nguyễn Văn Đẳng", "Lê Duy Hiệp"). What tells a person written right after
    a place from more of the place's name ("tỉnh Lâm Đồng Nguyễn Văn Đẳng", which the segmenter may make one word)."""
    return (
        m + 2 < len(view)
        and view[m].capitalised
        and is_surname(view[m].text)
        and all(view[k].joined and view[k].capitalised and view[k].is_alpha for k in (m + 1, m + 2))
        and view[m + 1].lower in middle_names()
    )


def _lower_case_given_names(view: SyllableView, i: int) -> int:
    """The end of a full name that VTB writes in lower case after its capitalised family name ("Trần minh đức nói",
    "Trương thị ái vy đến": issue 13, round 8), or ``i + 1`` when there is none. The segmenter, trained on VTB,
    makes such a name one word: the family name and two or three lower-case syllables in one word, the first of
    them a middle name. Not two syllables ("Lý do", "Võ thuật", "Hồ sơ": common words)."""
    if not view.word_start(view[i].start):
        return i + 1
    j = i + 1
    while j < len(view) and view.goes_on(j) and j - i < 4:
        syl = view[j]
        if not (syl.is_alpha and syl.text.islower()) or is_foreign_word(syl.text):
            return i + 1
        j += 1
    if j - i < 3 or view.goes_on(j) or view[i + 1].lower not in middle_names():
        return i + 1
    return j


def _lower_case_full_name(view: SyllableView, i: int, table: frozenset[str]) -> int:
    """The end of a full name VTB writes wholly in lower case ("bác sĩ trần văn nhật", "là nguyễn hải yến ,"; issue
    13, round 12), or ``i + 1`` when there is none: what :func:`_lower_case_given_names` reads after a capitalised
    family name, after a family name in lower case, where the word the segmenter made of them is no word of the
    dictionary (:func:`pipeline.vi.ner.lexicon.common_words`: "trần như nhộng", "phó văn phòng")."""
    syl = view[i]
    if not (syl.is_alpha and syl.text.islower() and is_surname(syl.text.capitalize(), table)):
        return i + 1
    j = _lower_case_given_names(view, i)
    if j > i + 1 and " ".join(view.keys[i:j]) in common_words():
        return i + 1
    return j


def _next_full_name(view: SyllableView, i: int, j: int, table: frozenset[str]) -> int | None:
    """Where a second full name starts inside the run ``[i, j)`` of capitalised syllables: a family name that
    starts a word, after a word of two syllables or more the segmenter made of the run's start ("Hà Nội" before
    "Trần Sỹ Thanh"), and followed by a given name. None if no such place (one person's name: "Nguyễn Trần
    Huy", written as one word or cut after "Nguyễn")."""
    for m in range(i + 2, j):
        if (
            is_surname(view[m].text, table)
            and view.word_start(view[m].start)
            and view.word_start(view[i].start)
            and view.word_end(view[m - 1].end)
            and not any(view.word_start(view[k].start) for k in range(i + 1, m))
            and m + 1 < len(view)
            and view[m + 1].joined
            and view[m + 1].capitalised
        ):
            return m
    return None


class SurnameComponent:
    def __init__(self, table: frozenset[str]):
        register_extensions()
        self.table = table

    def __call__(self, doc: Doc) -> Doc:
        propose_matches(doc, SOURCE, lambda view: ((i, j, "PER") for i, j in find_full_names(view, self.table)))
        return doc


@Language.factory(
    "songngu_ner_surnames", default_config={"surnames": "<packaged>"}, requires=["doc.sents"], assigns=["doc.spans"]
)
def create_surnames(nlp: Language, name: str, surnames: str):
    """Vietnamese full names (family name + given names) as PER; ``surnames``: a TSV (surname, source)."""

    def build(surnames: str) -> SurnameComponent:
        component = SurnameComponent(_surnames(surnames))
        component.songngu_meta = rules_meta(surnames)
        return component

    # The data file is read at initialize (or from a saved pipeline's copy): see pipeline.spacy_data.
    return BuiltFromFiles(build, {"surnames": packaged_or(surnames, "surnames.tsv")})


_surnames = surnames

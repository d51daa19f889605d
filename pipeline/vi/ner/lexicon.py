"""Phrase lists the entity rules read from data files (TSV), not from code.

Every list is a tab-separated file with a header line (read by
:func:`pipeline.text.tsv.read_tsv`); ``#`` lines are comments. Users extend a
list by adding rows, or point a component at their own file through its
config. A phrase is matched on whole syllables, in any case and either
tone-mark placement ("Thiếu tá" = "thiếu tá", "ủy ban" = "uỷ ban";
:mod:`pipeline.text.phrases`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from pipeline.text.phrases import PhraseTable
from pipeline.text.tsv import DataFileError, files_version, read_tsv
from pipeline.vi.ner.view import SyllableView

logger = logging.getLogger(__name__)

DATA = files(__package__).joinpath("data")


def data_path(name: str) -> str:
    """The packaged data file ``name`` (``context.tsv``, ``surnames.tsv``...)."""
    return str(DATA.joinpath(name))


def packaged_or(spec: str | None, name: str) -> str:
    """A component's data-file setting as a path: ``"<packaged>"`` (or none) is the packaged ``data/<name>``."""
    return data_path(name) if spec in (None, "<packaged>") else spec


def rules_meta(*paths: str | Path) -> dict[str, str]:
    """``songngu_meta`` of a rule component reading ``paths``: which lists, and their digest."""
    return {"model": "rules:" + "+".join(Path(p).name for p in paths), "version": files_version(paths)}


@dataclass(frozen=True)
class Entry:
    phrase: str
    role: str
    label: str
    boundary: str  # "outside" | "inside"
    capitalised: str = ""  # a one-syllable title capitalised inside a sentence: "" (part of a name) or "title"


def phrase_starting_at(
    table: PhraseTable[Entry], view: SyllableView, i: int, roles: Iterable[str] | None = None
) -> tuple[int, Entry] | None:
    """The longest phrase of ``table`` on contiguous syllables ``[i, j)`` of ``view`` (of one of ``roles``): ``(j, entry)``."""
    keys = view.keys
    if i >= len(keys) or not table.may_start(keys[i]):
        return None  # most syllables start no phrase: answered before the look-up is set up
    return table.starting_at(keys, i, _accept(view, roles))


def phrase_ending_at(
    table: PhraseTable[Entry], view: SyllableView, j: int, roles: Iterable[str] | None = None
) -> tuple[int, Entry] | None:
    """The longest phrase of ``table`` on contiguous syllables ``[i, j)`` of ``view`` (of one of ``roles``): ``(i, entry)``."""
    keys = view.keys
    if not 0 < j <= len(keys) or not table.may_end(keys[j - 1]):
        return None
    return table.ending_at(keys, j, _accept(view, roles))


def _accept(view: SyllableView, roles: Iterable[str] | None):
    roles = set(roles) if roles is not None else None
    return lambda i, j, entry: view.contiguous(i, j) and (roles is None or entry.role in roles)


ROLES = ("title", "office", "classifier", "demonym", "generic")

#: An assembly's or a committee's term written after its name ("Quốc hội khoá XI", "Ban Chấp hành Trung ương Đảng khóa
#: IX"): the word, in either tone-mark placement, and its number, a Roman numeral or one or two digits. The gazetteer
#: lets a listed body stand before it, the organisation rule ends a lower-case tail at it, and the merge joins it to
#: the body's name (issue 13, rounds 21 and 22). A session or congress numbered in Roman numerals after "lần thứ" is
#: the same ("[Đại hội Đảng lần thứ VIII]", "[Uỷ ban Điều tra lần thứ V]": our gold 4 of 4; round 25); counted in
#: words it is a count, not a name ("tàu [Starship] lần thứ bảy").
TERM_WORDS = frozenset({"khóa", "khoá"})
TERM_NUMBER = re.compile(r"[IVXL]+|[0-9]{1,2}")
SESSION_NUMBER = re.compile(r"[IVXL]+")
#: A term right after a body's name in running text: one space, the word (capitalised or not), one space, the number.
TERM_AFTER_NAME = re.compile(
    rf" (?:(?:[Kk]hóa|[Kk]hoá) (?:{TERM_NUMBER.pattern})|lần thứ (?:{SESSION_NUMBER.pattern}))(?![\w-])"
)


def term_at(view: SyllableView, j: int) -> bool:
    """A term ("khóa XI", "lần thứ VIII") is written at syllable ``j``."""
    if view[j].lower in TERM_WORDS:
        return j + 1 < len(view) and TERM_NUMBER.fullmatch(view[j + 1].text) is not None
    return (
        view[j].lower == "lần"
        and j + 2 < len(view)
        and view[j + 1].lower == "thứ"
        and SESSION_NUMBER.fullmatch(view[j + 2].text) is not None
    )


def context_path(spec: str | None) -> str:
    """A component's ``context`` setting as a path ("<packaged>": ``data/context.tsv``)."""
    return packaged_or(spec, "context.tsv")


@lru_cache(maxsize=8)
def context_words(path: str | None = None) -> PhraseTable[Entry]:
    """The context lexicon (titles, classifiers, demonym nouns...), default ``data/context.tsv``."""
    path = path or data_path("context.tsv")
    entries = []
    for row in read_tsv(path, ("phrase", "role", "label", "boundary")):
        if row["role"] not in ROLES:
            raise DataFileError(
                f"{path}:{row['_line']}: unknown role {row['role']!r} (expected one of {', '.join(ROLES)})"
            )
        if row["boundary"] not in ("outside", "inside"):
            raise DataFileError(
                f"{path}:{row['_line']}: boundary must be 'outside' or 'inside', not {row['boundary']!r}"
            )
        entry = Entry(row["phrase"], row["role"], row["label"], row["boundary"], row.get("capitalised", ""))
        entries.append((row["phrase"], entry))
    return PhraseTable(entries)


@lru_cache(maxsize=2)
def common_words(lexicon: str = "viet74k") -> frozenset[str]:
    """The dictionary's words of two to four syllables written in lower case (folded): common words, not names.

    A capital that begins a sentence, or a segmenter that cuts a word, leaves its first syllable looking like a
    given name ("Sứ giả mang thư": "Sứ", the envoy's first syllable, tagged a proper noun); that syllable and the
    lower-case one after it making a dictionary word is evidence the typer weighs (feature ``joins``). The
    dictionary's capitalised entries ("Hà Nội") are names and left out. The list ships inside underthesea (the
    segmenter's Viet74K, pipeline.vi.segmenter.crf.PACKAGE_LEXICONS); without it the feature stays off. The
    family name rule reads it too: a lower-case word the segmenter made that the dictionary has is no person's
    name ("trần như nhộng", "phó văn phòng"; pipeline.vi.ner.persons)."""
    import sys

    import pipeline.startup
    import pipeline.text.normalize
    import pipeline.vi.segmenter.crf
    from pipeline.startup import cached_sets, source_of
    from pipeline.vi.segmenter.crf import PACKAGE_LEXICONS, Lexicon

    package, resource = PACKAGE_LEXICONS[lexicon]
    try:
        data = files(package).joinpath(resource).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError) as exc:
        logger.warning(
            "word list %s from %s unavailable (%s); the typer's feature joins stays off, and so do lower-case full names",
            resource,
            package,
            exc,
        )
        return frozenset()

    def compute() -> tuple[set[str]]:
        lower = [line for line in data.decode("utf-8").splitlines() if line == line.lower()]
        return (Lexicon.from_words(lower).words,)

    # The whole set from the start-up cache, keyed by the file and the code that makes it: picking the 68,890
    # lines' lower-case ones and looking their folded set up in the cache by that text was 0.035 CPU s of
    # every start-up (the typer is built with it), the set read back 0.01-0.015.
    modules = (sys.modules[__name__], pipeline.vi.segmenter.crf, pipeline.text.normalize, pipeline.startup)
    (words,) = cached_sets(f"common-words-{lexicon}", [data, *source_of(*modules)], compute)
    return frozenset(words)

"""The project gazetteer: names, their labels and their English names, in one file.

``data/gazetteer.tsv`` (columns name, label, en, ner, source, note; the file's
header says what each means), with the open place lists ``data/places-vn.tsv``
(Vietnam's provinces and districts) and ``data/cities.tsv`` (the world's cities
of a million people) that ``tools/make_place_lists.py`` writes, and
``data/places-vn-history.tsv`` (former capitals, old state and regional names,
former provinces, historical and natural landmarks: Thăng Long, Đàng Trong, Gia
Định, Nghệ Tĩnh, Bạch Đằng; written by hand), serves two stages:

* the entity rules (:mod:`pipeline.vi.ner.gazetteer`) propose every row whose
  ``ner`` is not ``no`` as an entity of its label;
* the aligner (:mod:`pipeline.align.lexicon`) links a Vietnamese name to the
  English forms in ``en``.

Users' own gazetteers need only name, label and source (``en`` and ``ner``
are optional).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from pipeline.text.tsv import DataFileError, read_tsv

LABELS = ("PER", "LOC", "ORG", "MISC")
REQUIRED = ("name", "label", "source")


#: The packaged lists: the project's curated names, then the open place lists (tools/make_place_lists.py).
PACKAGED = ("gazetteer.tsv", "places-vn.tsv", "places-vn-history.tsv", "cities.tsv")


def packaged_path(name: str = "gazetteer.tsv") -> str:
    """The path of a packaged list, by default ``pipeline/text/data/gazetteer.tsv``."""
    return str(files(__package__).joinpath("data").joinpath(name))


def packaged_paths() -> tuple[str, ...]:
    """Every packaged list (:data:`PACKAGED`): what ``"<packaged>"`` means in a component's settings."""
    return tuple(packaged_path(name) for name in PACKAGED)


@dataclass(frozen=True)
class Name:
    name: str
    label: str
    en: tuple[str, ...]  # English forms, possibly none
    ner: bool  # proposed by the entity rules
    source: str
    line: int


def read_gazetteer(path: str | Path) -> list[Name]:
    """The rows of a gazetteer file, checked: a known label, a source, ``ner`` yes or no."""
    names = []
    for row in read_tsv(path, REQUIRED):
        where = f"{path}:{row['_line']}"
        if row["label"] not in LABELS:
            raise DataFileError(f"{where}: label {row['label']!r} is not one of {', '.join(LABELS)}")
        if not row["source"].strip():
            raise DataFileError(f"{where}: {row['name']!r} has no source (say where the name comes from)")
        ner = row.get("ner", "").strip() or "yes"
        if ner not in ("yes", "no"):
            raise DataFileError(f"{where}: ner must be 'yes' or 'no', not {ner!r}")
        en = tuple(e.strip() for e in row.get("en", "").split("|") if e.strip())
        names.append(Name(row["name"], row["label"], en, ner == "yes", row["source"], int(row["_line"])))
    return names


def read_gazetteers(paths: Iterable[str | Path]) -> list[Name]:
    return [name for path in paths for name in read_gazetteer(path)]


@lru_cache(maxsize=1)
def packaged_names() -> tuple[Name, ...]:
    """Every row of the packaged lists (:func:`packaged_paths`), read once per process: the aligner's lexicon, the
    English entity mapper and the entity merge each need them."""
    return tuple(read_gazetteers(packaged_paths()))

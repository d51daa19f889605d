"""Phrase lists the entity rules read from data files (TSV), not from code.

Every list is a tab-separated file with a header line; ``#`` lines are
comments. Users extend a list by adding rows, or point a component at their
own file through its config. A phrase is matched on whole syllables,
case-insensitively ("Thiếu tá" and "thiếu tá" are one entry).
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from pipeline.vi.ner.view import SyllableView

DATA = files(__package__).joinpath("data")


class LexiconError(ValueError):
    """A data file that cannot be read; the message names the file and line."""


def data_path(name: str) -> str:
    """The packaged data file ``name`` (``context.tsv``, ``gazetteer.tsv``...)."""
    return str(DATA.joinpath(name))


def packaged_or(spec: str | None, name: str) -> str:
    """A component's data-file setting as a path: ``"<packaged>"`` (or none) is the packaged ``data/<name>``."""
    return data_path(name) if spec in (None, "<packaged>") else spec


def read_tsv(path: str | Path, required: Iterable[str]) -> list[dict[str, str]]:
    """The rows of a TSV file with a header, as dicts; ``#`` lines and blank lines skipped."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path}: not valid UTF-8 (byte {exc.start})") from None
    numbered = [(n, line) for n, line in enumerate(lines, start=1) if line.strip() and not line.startswith("#")]
    if not numbered:
        raise LexiconError(f"{path}: empty (expected a header line)")
    header = numbered[0][1].split("\t")
    missing = [c for c in required if c not in header]
    if missing:
        raise LexiconError(
            f"{path}:{numbered[0][0]}: header lacks column(s) {', '.join(missing)} (has {', '.join(header)})"
        )
    rows = []
    for n, line in numbered[1:]:
        fields = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(fields) > len(header):
            raise LexiconError(f"{path}:{n}: {len(fields)} fields, the header has {len(header)}")
        row = dict(zip(header, fields + [""] * (len(header) - len(fields))))
        if not row[header[0]].strip():
            raise LexiconError(f"{path}:{n}: empty {header[0]}")
        row["_line"] = str(n)
        rows.append(row)
    return rows


def files_version(paths: Iterable[str | Path]) -> str:
    """A short digest of data files' contents: the ``version`` a component reports in the output's
    ``pipeline.components``, so that editing a list re-annotates documents on the next run."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:12]


def rules_meta(*paths: str | Path) -> dict[str, str]:
    """``songngu_meta`` of a rule component reading ``paths``: which lists, and their digest."""
    return {"model": "rules:" + "+".join(Path(p).name for p in paths), "version": files_version(paths)}


def phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.lower().replace("_", " ").split())


@dataclass(frozen=True)
class Entry:
    phrase: str
    role: str
    label: str
    boundary: str  # "outside" | "inside"


class PhraseTable:
    """Phrases indexed by their syllables, for longest-match look-ups in a :class:`SyllableView`."""

    def __init__(self, entries: Iterable[tuple[str, Entry]]):
        self.table: dict[tuple[str, ...], Entry] = {}
        for phrase, entry in entries:
            self.table.setdefault(phrase_key(phrase), entry)
        self.longest = max((len(k) for k in self.table), default=0)

    def ending_at(self, view: SyllableView, j: int, roles: Iterable[str] | None = None) -> tuple[int, Entry] | None:
        """The longest phrase occupying syllables ``[i, j)``: ``(i, entry)``."""
        roles = set(roles) if roles is not None else None
        for n in range(min(self.longest, j), 0, -1):
            i = j - n
            entry = self.table.get(view.lowers(i, j))
            if entry and view.contiguous(i, j) and (roles is None or entry.role in roles):
                return i, entry
        return None

    def starting_at(self, view: SyllableView, i: int, roles: Iterable[str] | None = None) -> tuple[int, Entry] | None:
        """The longest phrase occupying syllables ``[i, j)``: ``(j, entry)``."""
        roles = set(roles) if roles is not None else None
        for n in range(min(self.longest, len(view) - i), 0, -1):
            j = i + n
            entry = self.table.get(view.lowers(i, j))
            if entry and view.contiguous(i, j) and (roles is None or entry.role in roles):
                return j, entry
        return None


ROLES = ("title", "office", "classifier", "demonym", "generic")


def context_path(spec: str | None) -> str:
    """A component's ``context`` setting as a path ("<packaged>": ``data/context.tsv``)."""
    return packaged_or(spec, "context.tsv")


@lru_cache(maxsize=8)
def context_words(path: str | None = None) -> PhraseTable:
    """The context lexicon (titles, classifiers, demonym nouns...), default ``data/context.tsv``."""
    path = path or data_path("context.tsv")
    entries = []
    for row in read_tsv(path, ("phrase", "role", "label", "boundary")):
        if row["role"] not in ROLES:
            raise LexiconError(
                f"{path}:{row['_line']}: unknown role {row['role']!r} (expected one of {', '.join(ROLES)})"
            )
        if row["boundary"] not in ("outside", "inside"):
            raise LexiconError(
                f"{path}:{row['_line']}: boundary must be 'outside' or 'inside', not {row['boundary']!r}"
            )
        entries.append((row["phrase"], Entry(row["phrase"], row["role"], row["label"], row["boundary"])))
    return PhraseTable(entries)

"""The one reader of the project's tab-separated data files.

Every list the pipeline reads (gazetteer, context words, organisation heads,
surnames, the aligner's lexicon, the UPOS and XPOS tables, alignment gold) is
a TSV file: ``#`` lines are comments, blank lines are skipped, the first other
line is the header naming the columns (or the caller names them, for the few
two-column tables users write by hand without one). A bad file stops the run
with one line naming the file and line. The ``csv`` module splits the fields
(``QUOTE_NONE``: a quote character is text, as in ``'Soviet' alone``).
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable, Sequence
from importlib.resources.abc import Traversable
from pathlib import Path


class DataFileError(ValueError):
    """A data file that cannot be read; the message names the file and line."""


def read_text(path: str | Path | Traversable, where: str | None = None) -> str:
    """The UTF-8 text of a data file, or one clear :class:`DataFileError`."""
    where = where or str(path)
    try:
        return path.read_text(encoding="utf-8") if not isinstance(path, str) else Path(path).read_text("utf-8")
    except OSError as exc:
        raise DataFileError(f"{where}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(f"{where}: not valid UTF-8 (byte {exc.start})") from None


def read_tsv(
    path: str | Path | Traversable,
    required: Iterable[str] = (),
    *,
    columns: Sequence[str] | None = None,
    where: str | None = None,
    text: str | None = None,
    keyed: bool = True,
) -> list[dict[str, str]]:
    """The rows of a TSV data file as dicts, each with ``"_line"``, its line number.

    ``required``: columns the header must have. ``columns``: the file has no
    header and these are its columns (a row may leave the last ones out, never
    the first). ``where`` names the file in errors (default: the path);
    ``text`` is the file's content when the caller has it already. ``keyed``: the first
    column is the row's key and may not be empty (a word list; not a table of gold links).
    """
    where = where or str(path)
    lines = (read_text(path, where) if text is None else text).splitlines()
    numbered = [(n, line) for n, line in enumerate(lines, start=1) if line.strip() and not line.startswith("#")]
    if columns is None:
        if not numbered:
            raise DataFileError(f"{where}: empty (expected a header line)")
        header_line, header = numbered[0][0], numbered[0][1].split("\t")
        numbered = numbered[1:]
        missing = [c for c in required if c not in header]
        if missing:
            raise DataFileError(
                f"{where}:{header_line}: header lacks column(s) {', '.join(missing)} (has {', '.join(header)})"
            )
    else:
        header = list(columns)
    rows = []
    for n, line in numbered:
        fields = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(fields) > len(header):
            raise DataFileError(
                f"{where}:{n}: {len(fields)} fields, expected at most {len(header)} ({', '.join(header)})"
            )
        row = dict(zip(header, fields + [""] * (len(header) - len(fields))))
        if keyed and not row[header[0]].strip():
            raise DataFileError(f"{where}:{n}: empty {header[0]}")
        row["_line"] = str(n)
        rows.append(row)
    return rows


def files_version(paths: Iterable[str | Path | Traversable]) -> str:
    """A short digest of data files' contents: the ``version`` a component reports in the output's
    ``pipeline.components``, so that editing a list re-annotates documents on the next run."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes() if not isinstance(path, str) else Path(path).read_bytes())
    return digest.hexdigest()[:12]

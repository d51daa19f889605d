"""The majority table VLSP tag -> UPOS: the fallback mapper, and a feature of the CRF."""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib.resources import files

from pipeline.text.tagsets import UPOS_TAGS, VLSP_TAGS
from pipeline.text.tsv import DataFileError, read_tsv
from pipeline.vi.upos.data import TaggedSentence, UposError

#: UPOS for VLSP tags that never occur on the training words, so that no
#: majority can be counted for them: their family's (first letter's) UPOS.
_FAMILY = {
    "N": "NOUN",
    "V": "VERB",
    "A": "ADJ",
    "P": "PRON",
    "R": "ADV",
    "L": "DET",
    "M": "NUM",
    "E": "ADP",
    "C": "SCONJ",
    "Cc": "CCONJ",
    "I": "INTJ",
    "T": "PART",
    "Y": "NOUN",
    "Z": "SYM",
    "X": "X",
    "S": "SYM",
    "FW": "NOUN",
    "CH": "PUNCT",
}

Row = tuple[str, str, int, "float | None"]  # tag, majority UPOS, words with the tag, share of the majority


def majority_table(sentences: Iterable[TaggedSentence], vlsp_tagset: Iterable[str] = VLSP_TAGS) -> list[Row]:
    """For each VLSP tag, the UPOS most often gold for the words that carry it; most frequent tags first.

    A tag of ``vlsp_tagset`` never seen in ``sentences`` gets its family's
    UPOS and count 0. Ties go to the alphabetically first UPOS, so that the
    table is reproducible.
    """
    counts: dict[str, Counter] = defaultdict(Counter)
    for sent in sentences:
        for tag, upos in zip(sent.vlsp, sent.upos):
            counts[tag][upos] += 1
    rows: list[Row] = []
    for tag, by_upos in counts.items():
        upos, n = min(by_upos.items(), key=lambda kv: (-kv[1], kv[0]))
        total = sum(by_upos.values())
        rows.append((tag, upos, total, n / total))
    rows.sort(key=lambda r: (-r[2], r[0]))
    for tag in sorted(set(vlsp_tagset) - set(counts)):
        rows.append((tag, _FAMILY.get(tag, _FAMILY.get(tag[:1], "X")), 0, None))
    return rows


def format_table(rows: Sequence[Row], source: str) -> str:
    """``table.tsv``'s text: a header that says where the numbers come from, then one row per tag."""
    head = (
        '# VLSP 2013 tag (underthesea) -> Universal POS: the `upos = "table"` mapper of the\n'
        "# tagger (pipeline/vi/default.cfg), and a feature of the UPOS CRF.\n"
        f"# Majority gold UPOS of the words of {source} (UD Vietnamese-VTB, CC BY-SA 4.0)\n"
        "# to which underthesea's CRF gives the tag, on the gold words; a tag it never gives\n"
        "# there takes its family's UPOS (count 0). Regenerate with `python bench/upos_map.py`.\n"
        "# tag\tupos\tcount\tshare\n"
    )
    return head + "".join(f"{t}\t{u}\t{n}\t{'-' if s is None else f'{s:.3f}'}\n" for t, u, n, s in rows)


def parse_table(text: str, where: str) -> dict[str, str]:
    table = {}
    try:
        rows = read_tsv(where, columns=("tag", "upos", "count", "share"), text=text)
    except DataFileError as exc:
        raise UposError(str(exc)) from None
    for row in rows:
        if row["upos"] not in UPOS_TAGS:
            raise UposError(f"{where}:{row['_line']}: expected 'VLSP_TAG<TAB>UPOS[<TAB>...]', got {row['upos']!r}")
        table[row["tag"]] = row["upos"]
    return table


@lru_cache(maxsize=1)
def shipped_table() -> dict[str, str]:
    """The table in ``table.tsv`` beside this module."""
    return parse_table(files(__package__).joinpath("table.tsv").read_text("utf-8"), "pipeline/vi/upos/table.tsv")


def table_digest(table: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(table, sort_keys=True).encode("utf-8")).hexdigest()[:12]


class TableMapper:
    """Each VLSP tag to its majority UPOS (a tag not in the table: X)."""

    def __init__(self, table: dict[str, str] | None = None):
        self.table = shipped_table() if table is None else table
        self.meta = {"model": "upos-table", "version": table_digest(self.table)}

    def tag(self, words: Sequence[str], vlsp: Sequence[str]) -> list[str]:
        return [self.table.get(t, "X") for t in vlsp]

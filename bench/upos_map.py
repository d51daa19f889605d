"""Recompute the VLSP -> UPOS majority table (pipeline/vi/upos/table.tsv) from UD Vietnamese-VTB train.

    python bench/upos_map.py [--train FILE] [-o FILE]

underthesea's CRF tags the gold words of each training sentence; each VLSP tag
maps to the gold UPOS its words most often have (pipeline.vi.upos.table.majority_table).
The data is UD Vietnamese-VTB (CC BY-SA 4.0). ``songngu train upos`` computes the
same table and stores it with the model.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline import vtb_file
from pipeline.text.tagsets import VLSP_TAGS
from pipeline.vi import underthesea_models
from pipeline.vi.upos import read_gold
from pipeline.vi.upos.table import format_table, majority_table

ROOT = Path(__file__).resolve().parent.parent
VTB_TRAIN = vtb_file("train")  # $SONGNGU_DATA/ud-vietnamese-vtb/


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, default=VTB_TRAIN, help=f"CoNLL-U gold (default: {VTB_TRAIN})")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "pipeline" / "vi" / "upos" / "table.tsv")
    args = parser.parse_args()
    rows = majority_table(read_gold(args.train), VLSP_TAGS | set(underthesea_models.pos_tagset()))
    args.output.write_text(format_table(rows, args.train.name), encoding="utf-8")
    print(f"{len(rows)} tags written to {args.output}")


if __name__ == "__main__":
    main()

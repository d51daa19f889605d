"""One-off: bring the NER gold written before issue 13 to its conventions, by rule, without reading it.

Run once on ``corpus/gold/ner/marked/{seed,vtb-dev,heldout}/`` (the held-out files
included: the rules are mechanical, and only counts are printed), then
``python corpus/gold/ner/build.py build``:

1. a NUM followed by a unit of ``pipeline/vi/ner/data/units.tsv`` (GUIDELINES §4.6.1)
   takes the unit, and its value becomes ``amount unit kind``;
2. ``tiếng ⟦MISC|X⟧`` becomes ``⟦MISC|tiếng X⟧`` (languages, §4.4);
3. ``quân đội / hải quân / không quân / lục quân ⟦MISC or LOC|X⟧`` becomes
   ``⟦ORG|quân đội X⟧`` (a country's armed forces, §4.4).

The newer gold (``marked/genres/``) was written to these conventions.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO))

from pipeline.text.tsv import read_tsv  # noqa: E402

UNITS = {
    row["unit"]: (row["normal"], row["kind"]) for row in read_tsv(REPO / "pipeline/vi/ner/data/units.tsv", ("unit",))
}
LONGEST = max(len(u.split()) for u in UNITS)
NUM = re.compile(r"⟦NUM=(?P<value>[^|⟦⟧ ]+)\|(?P<text>[^⟦⟧]+)⟧")


def convert(text: str, counts: dict[str, int]) -> str:
    out, pos = [], 0
    for m in NUM.finditer(text):
        out.append(text[pos : m.start()])
        pos = m.end()
        rest = text[pos:]
        unit_text = None
        words = re.match(rf"((?: ?[^\s⟦⟧]+){{1,{LONGEST}}})", rest)
        if words:
            tokens = words.group(1).split()
            for n in range(len(tokens), 0, -1):
                candidate = " ".join(tokens[:n])
                if (
                    candidate.lower() in UNITS
                    and rest.startswith(" " + candidate)
                    and (len(rest) == len(candidate) + 1 or not rest[len(candidate) + 1].isalnum())
                ):
                    unit_text = candidate
                    break
        if unit_text is None:
            out.append(m.group(0))
            continue
        normal, kind = UNITS[unit_text.lower()]
        out.append(f"⟦NUM={m['value']} {normal} {kind}|{m['text']} {unit_text}⟧")
        pos += len(unit_text) + 1
        counts["num+unit"] += 1
    out.append(text[pos:])
    text = "".join(out)
    text, n = re.subn(r"(?<![\w⟧])tiếng ⟦MISC\|([^⟦⟧]+)⟧", r"⟦MISC|tiếng \1⟧", text)
    counts["tiếng X"] += n
    text, n = re.subn(
        r"(?<![\w⟧])(quân đội|hải quân|không quân|lục quân|Quân đội|Hải quân|Không quân|Lục quân) ⟦(?:MISC|LOC)\|([^⟦⟧]+)⟧",
        r"⟦ORG|\1 \2⟧",
        text,
    )
    counts["armed forces"] += n
    return text


def main() -> int:
    for split in ("seed", "vtb-dev", "heldout"):
        counts = {"num+unit": 0, "tiếng X": 0, "armed forces": 0}
        for path in sorted((REPO / "corpus/gold/ner/marked" / split).glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            path.write_text(convert(text, counts), encoding="utf-8")
        print(split, counts)
    return 0


if __name__ == "__main__":
    sys.exit(main())

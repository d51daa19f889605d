"""Build the NER gold files (brat standoff) from hand-marked sources.

The annotator writes entities inline, in copies of the text under ``marked/``:

    ⟦PER|Yury Nikolayevich⟧ ... ⟦DATE=1992-09-11|Ngày 11 tháng 9 năm 1992⟧

This script strips the marks, checks that what is left is byte-identical to
the source text (the corpus passage, or the VTB ``# text`` lines), and writes
``.txt`` + ``.ann`` with offsets computed from the stripped text, so that no
offset is ever counted by hand. DATE and NUM values become brat
``AnnotatorNotes`` lines (``value=...``). A NUM with a unit is marked
``⟦NUM=30000 USD money|30.000 USD⟧`` (amount, unit, kind) and its value is
written as JSON (``{"amount": 30000, "kind": "money", "unit": "USD"}``).

The sentences we wrote ourselves (``marked/genres/<split>/<genre>.txt``: news,
literature, history) have no other source: their marked file is the source.

    python corpus/gold/ner/build.py select   # (re)write the unmarked VTB templates
    python corpus/gold/ner/build.py build    # marked/ -> seed/, vtb-dev/, heldout*/, genres/
    python corpus/gold/ner/build.py check    # fail if the brat files are stale

``select`` is only needed once: it applies the fixed selection and split rule
(see ``corpus/gold/README.md``) and writes ``marked/<split>/*.txt`` templates
with no marks, refusing to overwrite marked files.

The inline syntax is ours, so its parser is too; the brat lines are written
here rather than through pipeline/io/brat.py, whose writer starts from a JSON
layer that hand-made gold does not have. The test reads the output back with
pipeline.io.brat.read_brat.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
SEED_NAME = "000_c94cfb08b554769d"
SEED_SOURCE = REPO / "corpus" / f"{SEED_NAME}.txt"

LABELS = ("PER", "LOC", "ORG", "MISC", "DATE", "NUM")
VALUED = ("DATE", "NUM")

# Selection and split rule, fixed before annotating (see corpus/gold/README.md).
SELECT_EVERY = 6  # dev-1, dev-7, dev-13, ...: sent number n with (n - 1) % 6 == 0
HELDOUT_EVERY = 3  # the 3rd, 6th, 9th, ... selected sentence is held out
# The later held-out sets (issue 13), each fixed the same way before it was annotated: split ->
# (residue, kept), the sentences with (n - 1) % 6 == residue, numbered k = 1, 2, ... in corpus
# order, of which those with k % 3 == kept are the split. A residue is shared by at most three
# splits with distinct `kept`, so no sentence is in two selections (tests/corpus/test_gold_ner.py
# checks it); residue 0 is the first selection's (vtb-dev and heldout) and is never reused.
HELDOUT_SELECTIONS = {
    "heldout2": (3, 0),  # dev-4, dev-10, ...: the 3rd, 6th, 9th, ...
    "heldout3": (1, 0),  # dev-2, dev-8, ...: the 3rd, 6th, 9th, ...
    "heldout4": (2, 0),  # dev-3, dev-9, ...: the 3rd, 6th, 9th, ...
    "heldout5": (4, 0),  # dev-5, dev-11, ...: the 3rd, 6th, 9th, ...
    "heldout6": (5, 0),  # dev-6, dev-12, ...: the 3rd, 6th, 9th, ...
    "heldout7": (1, 1),  # heldout3's residue again: the 1st, 4th, 7th, ...
    "heldout8": (1, 2),  # heldout3's residue once more: the 2nd, 5th, 8th, ... (the residue is used up)
    "heldout9": (2, 1),  # heldout4's residue again: the 1st, 4th, 7th, ...
    "heldout10": (2, 2),  # heldout4's residue once more: the 2nd, 5th, 8th, ... (the residue is used up)
    "heldout11": (3, 1),  # heldout2's residue again: the 1st, 4th, 7th, ... (the 2nd, 5th, ... unused)
    "heldout12": (3, 2),  # heldout2's residue once more: the 2nd, 5th, 8th, ... (the residue is used up)
    "heldout13": (4, 1),  # heldout5's residue again: the 1st, 4th, 7th, ... (the 2nd, 5th, ... unused)
    "heldout14": (4, 2),  # heldout5's residue once more: the 2nd, 5th, 8th, ... (the residue is used up)
    "heldout15": (5, 1),  # heldout6's residue again: the 1st, 4th, 7th, ... (the 2nd, 5th, ... unused)
    "heldout16": (5, 2),  # heldout6's residue once more: the 2nd, 5th, 8th, ... (the residue is used up)
}
# Every residue of VTB dev is used by the splits above, and VTB train is not held out (the segmenter and the
# UPOS tagger are fit on it, and NER builders read the default pipeline's output on it). The seventeenth held-out set
# comes from a second source of the same kind of text: the test set of VLSP 2013's POS task (VietTreebank news, like
# VTB), whose gold words underthesea ships beside its POS model. No builder had read that file; its sentence n (1-based,
# file order) is ``vlsp2013-test-n``, and a split takes those with (n - 1) % VLSP_EVERY == residue.
VLSP_TEST = Path("pipeline", "pos_tag", "models", "pos_crf_vlsp2013_20230303", "test_output.txt")  # in underthesea
VLSP_EVERY = 23
VLSP_SELECTIONS = {
    "heldout17": 0,  # vlsp2013-test-1, -24, -47, ...: 93 sentences
    "heldout18": 11,  # vlsp2013-test-12, -35, -58, ...: 92 sentences, halfway between heldout17's
    "heldout19": 17,  # vlsp2013-test-18, -41, -64, ...: 92 sentences, 6 or more from heldout17's and heldout18's
    "heldout20": 6,  # vlsp2013-test-7, -30, -53, ...: 92 sentences, 5 or more from heldout17's, heldout18's, heldout19's
    "heldout21": 14,  # vlsp2013-test-15, -38, -61, ...: 92 sentences, 3 or more from every earlier selection's
    "heldout22": 21,  # vlsp2013-test-22, -45, -68, ...: 92 sentences, 2 or more from every earlier selection's
    "heldout23": 8,  # vlsp2013-test-9, -32, -55, ...: 92 sentences, 2 or more from every earlier selection's
    "heldout24": 12,  # vlsp2013-test-13, -36, -59, ...: next to heldout18's; every residue left is next to a used one
    "heldout25": 18,  # vlsp2013-test-19, -42, -65, ...: next to heldout19's
    "heldout26": 5,  # vlsp2013-test-6, -29, -52, ...: next to heldout20's
}
FILE_PREFIX = (
    {"vtb-dev": "vtb-dev", "heldout": "vtb-heldout"}
    | {split: f"vtb-{split}" for split in HELDOUT_SELECTIONS}
    | {split: f"vlsp-{split}" for split in VLSP_SELECTIONS}
)
FILE_TARGET = 30  # sentences per file, about

# marked/genres/<split>/*.txt -> genres/<split>/
GENRE_SPLITS = (
    "dev",
    "heldout",
    "heldout2",
    "heldout3",
    "heldout4",
    "heldout5",
    "heldout6",
    "heldout7",
    "heldout8",
    "heldout9",
    "heldout10",
    "heldout11",
    "heldout12",
    "heldout13",
    "heldout14",
    "heldout15",
    "heldout16",
    "heldout17",
    "heldout18",
    "heldout19",
    "heldout20",
    "heldout21",
    "heldout22",
    "heldout23",
    "heldout24",
    "heldout25",
    "heldout26",
)
KINDS = ("money", "age", "percent", "quantity")

MARK = re.compile(r"⟦(?P<label>[A-Z]+)(?:=(?P<value>[^|⟦⟧]+))?\|(?P<text>[^⟦⟧]+)⟧")


@dataclass(frozen=True)
class Entity:
    label: str
    start: int
    end: int
    text: str
    value: str | None


class MarkupError(ValueError):
    pass


def find_vtb_dev() -> Path:
    """The UD Vietnamese-VTB dev file, under ``pipeline.data_dir()`` ($SONGNGU_DATA, else shared/data beside the checkout)."""
    from pipeline import vtb_file

    path = vtb_file("dev")
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: set SONGNGU_DATA to the folder holding ud-vietnamese-vtb/")
    return path


def strip_marks(marked: str, where: str) -> tuple[str, list[Entity]]:
    """Return the plain text and the entities marked in it, with offsets into the plain text."""
    plain, entities, pos = [], [], 0
    length = 0
    for match in MARK.finditer(marked):
        between = marked[pos : match.start()]
        if "⟦" in between or "⟧" in between:
            raise MarkupError(f"{where}: malformed mark near {between[-40:]!r}")
        plain.append(between)
        length += len(between)
        label, value, text = match["label"], match["value"], match["text"]
        if label not in LABELS:
            raise MarkupError(f"{where}: unknown label {label!r} on {text!r}")
        if (label in VALUED) != (value is not None):
            raise MarkupError(f"{where}: {label} {text!r} must {'' if label in VALUED else 'not '}carry a value")
        if text != text.strip():
            raise MarkupError(f"{where}: span {text!r} has surrounding spaces")
        entities.append(Entity(label, length, length + len(text), text, _value(label, value, where, text)))
        plain.append(text)
        length += len(text)
        pos = match.end()
    rest = marked[pos:]
    if "⟦" in rest or "⟧" in rest:
        raise MarkupError(f"{where}: malformed mark near {rest[:40]!r}")
    plain.append(rest)
    return "".join(plain), entities


def _value(label: str, value: str | None, where: str, text: str) -> str | None:
    """A NUM's ``amount unit kind`` shorthand as the JSON value; any other value as written."""
    if label != "NUM" or value is None or " " not in value:
        return value
    parts = value.split(" ")
    if len(parts) != 3 or parts[2] not in KINDS:
        raise MarkupError(
            f"{where}: NUM {text!r}: value {value!r} is not 'AMOUNT UNIT KIND' (KIND: {', '.join(KINDS)})"
        )
    amount = float(parts[0])
    record = {"amount": int(amount) if amount.is_integer() else amount, "kind": parts[2], "unit": parts[1]}
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def ann_lines(text: str, entities: list[Entity]) -> list[str]:
    lines, note = [], 0
    for number, ent in enumerate(entities, 1):
        assert text[ent.start : ent.end] == ent.text  # guaranteed by strip_marks
        lines.append(f"T{number}\t{ent.label} {ent.start} {ent.end}\t{ent.text}")
        if ent.value is not None:
            note += 1
            lines.append(f"#{note}\tAnnotatorNotes T{number}\tvalue={ent.value}")
    return lines


def vtb_sentences() -> list[tuple[str, str]]:
    sys.path.insert(0, str(REPO))
    from pipeline.io.conllu import read_conllu

    return [(s.sent_id, s.text) for s in read_conllu(find_vtb_dev())]


def find_vlsp_test() -> Path:
    """VLSP 2013's POS test set as underthesea 9.5.0 ships it (found without importing underthesea: slow)."""
    import importlib.util

    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("underthesea is not installed: the VLSP 2013 test sentences come with it")
    path = Path(next(iter(spec.submodule_search_locations))) / VLSP_TEST
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found (underthesea 9.5.0 ships it)")
    return path


def vlsp_sentences() -> list[tuple[str, str]]:
    """(sent_id, text) for the VLSP 2013 POS test sentences: one word per line (word, gold tag, predicted tag), a blank
    line between sentences; the text is the words joined by one space, tokenised as VTB's ``# text`` is."""
    blocks = [b for b in find_vlsp_test().read_text(encoding="utf-8").split("\n\n") if b.strip()]
    words = [[line.split("\t")[0] for line in block.split("\n") if line.strip()] for block in blocks]
    return [(f"vlsp2013-test-{n}", " ".join(sentence)) for n, sentence in enumerate(words, 1)]


def selection() -> dict[str, list[tuple[str, str]]]:
    """The selected sentences, in corpus order: VTB dev's split into 'vtb-dev' and 'heldout' .. 'heldout16', VLSP
    2013 test's into 'heldout17' .. 'heldout26'."""
    sentences = vtb_sentences()
    numbers = [int(sid.split("-")[1]) for sid, _ in sentences]
    if numbers != list(range(1, len(sentences) + 1)):
        raise ValueError("VTB dev sent_ids are not dev-1 .. dev-N in order; the selection rule assumes they are")
    chosen = [s for s, n in zip(sentences, numbers) if (n - 1) % SELECT_EVERY == 0]
    split = {"vtb-dev": [], "heldout": []}
    for k, sent in enumerate(chosen, 1):
        split["heldout" if k % HELDOUT_EVERY == 0 else "vtb-dev"].append(sent)
    for name, (residue, kept) in HELDOUT_SELECTIONS.items():
        pool = [s for s, n in zip(sentences, numbers) if (n - 1) % SELECT_EVERY == residue]
        split[name] = [sent for k, sent in enumerate(pool, 1) if k % HELDOUT_EVERY == kept]
    vlsp = vlsp_sentences()
    for name, residue in VLSP_SELECTIONS.items():
        split[name] = [sent for n, sent in enumerate(vlsp, 1) if (n - 1) % VLSP_EVERY == residue]
    return split


def chunks(items: list, target: int) -> list[list]:
    """Split into ceil(n/target) files of near-equal size."""
    count = max(1, math.ceil(len(items) / target))
    size, extra = divmod(len(items), count)
    out, pos = [], 0
    for i in range(count):
        step = size + (1 if i < extra else 0)
        out.append(items[pos : pos + step])
        pos += step
    return out


def planned_files() -> dict[str, list[tuple[str, list[tuple[str, str]]]]]:
    """split -> [(file stem, [(sent_id, text), ...]), ...]"""
    plan = {}
    for split, sents in selection().items():
        plan[split] = [(f"{FILE_PREFIX[split]}-{i:02d}", part) for i, part in enumerate(chunks(sents, FILE_TARGET), 1)]
    return plan


def cmd_select(_args) -> int:
    for split, files in planned_files().items():
        folder = HERE / "marked" / split
        folder.mkdir(parents=True, exist_ok=True)
        for stem, sents in files:
            path = folder / f"{stem}.txt"
            if path.exists():
                print(f"keep {path.relative_to(REPO)} (exists)")
                continue
            path.write_text("".join(text + "\n" for _, text in sents), encoding="utf-8")
            print(f"wrote {path.relative_to(REPO)}")
    seed = HERE / "marked" / "seed" / f"{SEED_NAME}.txt"
    if not seed.exists():
        seed.parent.mkdir(parents=True, exist_ok=True)
        seed.write_text(SEED_SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
        print(f"wrote {seed.relative_to(REPO)}")
    return 0


def expected_outputs() -> dict[Path, str]:
    """Every output file and its content, built from the marked sources."""
    out: dict[Path, str] = {}
    jobs = [("seed", SEED_NAME, SEED_SOURCE.read_text(encoding="utf-8"), None)]
    for split, files in planned_files().items():
        if not (HERE / "marked" / split).is_dir():
            continue  # not annotated yet
        tsv = ["file\tline\tsent_id"]
        for stem, sents in files:
            source = "".join(text + "\n" for _, text in sents)
            jobs.append((split, stem, source, None))
            tsv += [f"{stem}.txt\t{line}\t{sid}" for line, (sid, _) in enumerate(sents, 1)]
        out[HERE / split / "sentences.tsv"] = "\n".join(tsv) + "\n"
    for split in GENRE_SPLITS:
        for marked_path in sorted((HERE / "marked" / "genres" / split).glob("*.txt")):
            plain, _ = strip_marks(marked_path.read_text(encoding="utf-8"), str(marked_path.relative_to(REPO)))
            jobs.append((f"genres/{split}", marked_path.stem, plain, None))
    for split, stem, source, _ in jobs:
        marked_path = HERE / "marked" / split / f"{stem}.txt"
        where = str(marked_path.relative_to(REPO))
        plain, entities = strip_marks(marked_path.read_text(encoding="utf-8"), where)
        if plain != source:
            for number, (got, want) in enumerate(zip(plain.split("\n"), source.split("\n")), 1):
                if got != want:
                    raise MarkupError(f"{where}: line {number} differs from its source text:\n  {got!r}\n  {want!r}")
            raise MarkupError(f"{where}: text differs from its source (line count)")
        out[HERE / split / f"{stem}.txt"] = plain
        lines = ann_lines(plain, entities)
        out[HERE / split / f"{stem}.ann"] = "".join(line + "\n" for line in lines)
    return out


def cmd_build(_args) -> int:
    for path, content in expected_outputs().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    print("built", len(expected_outputs()), "files")
    return 0


def cmd_check(_args) -> int:
    stale = [p for p, c in expected_outputs().items() if not p.exists() or p.read_text(encoding="utf-8") != c]
    for path in stale:
        print(f"stale: {path.relative_to(REPO)}")
    return 1 if stale else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("select").set_defaults(func=cmd_select)
    sub.add_parser("build").set_defaults(func=cmd_build)
    sub.add_parser("check").set_defaults(func=cmd_check)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except MarkupError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

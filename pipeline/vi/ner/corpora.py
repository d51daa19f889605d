"""Names in corpora annotated by others, as training and evaluation data for the entity typer.

Neither corpus is NER gold: both annotate entities only where they fill an event
role, so a name they leave unmarked is not a negative. What they give is names
*with their type, in context*, which is what the typer (:mod:`pipeline.vi.ner.typer`)
learns from:

* **BKEE** (Vietnamese news, brat, CC BY-NC 4.0): mentions labelled PER, ORG, GPE,
  LOC, FAC, with nominal mentions and appositions among them ("Trưởng công_an xã",
  "Paul_Whelan , người đang bị giam ..."). :func:`bkee_names` keeps those that are
  names and maps the labels (GPE, LOC, FAC -> LOC).
* **VHE** (Vietnamese historical annals, JSON, Apache-2.0): event arguments with a
  thematic role, no entity type. :func:`vhe_names` keeps the arguments that are
  names: agents, themes and beneficiaries are persons (the annals' actors), locations
  are places.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from pipeline.text.normalize import fold
from pipeline.vi.ner.lexicon import context_words

BKEE_LABELS = {"PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
VHE_LABELS = {"agent": "PER", "theme": "PER", "beneficiary": "PER", "location": "LOC"}
#: Lower-case words a name may hold when it is written with an abbreviation ("TAND tỉnh Quảng_Nam").
ADMINISTRATIVE = frozenset(["tỉnh", "huyện", "xã", "quận", "phường", "thành_phố", "thị_xã", "thị_trấn", "tp", "tp."])
#: Capitalised mentions that refer but do not name: pronouns and collective nouns.
PRONOUNS = frozenset(
    [
        "tôi",
        "chúng tôi",
        "ta",
        "chúng ta",
        "mình",
        "họ",
        "nó",
        "hắn",
        "y",
        "anh ta",
        "cô ta",
        "ông ta",
        "bà ta",
        "vua",
        "quan quân",
        "trăm họ",
        "thượng hoàng",
        "triều đình",
    ]
)
_PUNCT = set(',;()[]"“”')


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    from pipeline.vi.ner.gazetteer import cldr_gazetteer

    return frozenset(" ".join(key) for key in cldr_gazetteer().names.table)


def name_part(text: str, label: str) -> tuple[int, str] | None:
    """The name in a mention (words joined with ``_`` or spaces), as ``(offset, text)``, or None.

    A leading title or office of the context lexicon ("ông", "Ngoại_trưởng") is set
    aside, and after an office a country too ("Ngoại_trưởng Thổ_Nhĩ_Kỳ Ahmet_Davutoglu"
    is the person Ahmet Davutoglu, GUIDELINES §4.4). What is left is a name when every
    word starts with a capital letter or a digit, except the administrative nouns names
    written with an abbreviation carry ("TAND tỉnh Quảng_Nam"), and it has no comma,
    bracket or "và"; a lone pronoun or title ("Ông", "Chúng_tôi", "Vua") is not a name.
    """
    context = context_words()
    words = text.split(" ")
    offset = 0
    hit = context.get(words[0].replace("_", " "))
    if len(words) > 1 and hit is not None and hit.role in ("title", "office"):
        offset += len(words[0]) + 1
        words = words[1:]
        if label == "PER" and hit.role == "office" and len(words) > 1:
            countries = _countries()
            for n in range(len(words) - 1, 0, -1):
                if " ".join(words[:n]).replace("_", " ") in countries:
                    offset += sum(len(w) + 1 for w in words[:n])
                    words = words[n:]
                    break
    if any(ch in _PUNCT for ch in text) or any(w.lower() == "và" for w in words):
        return None
    if not (words[0][:1].isupper() or words[0][:1].isdigit()):
        return None
    if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in ADMINISTRATIVE for w in words):
        return None
    rest = " ".join(words)
    if fold(rest.replace("_", " ")) in PRONOUNS or (len(words) == 1 and context.get(words[0]) is not None):
        return None
    return offset, rest


def bkee_names(ann_path: str | Path) -> tuple[str, list[tuple[int, int, str]]]:
    """The running text of a BKEE document (``_`` as spaces: same offsets) and its names ``(start, end, label)``.

    Some BKEE files open with a byte-order mark that their offsets do not count, and a
    few offsets are off by a character or two: a mention is looked for near its offsets,
    and one that is not found is left out.
    """
    ann_path = Path(ann_path)
    text = ann_path.with_suffix(".txt").read_text(encoding="utf-8-sig")
    out = set()
    for line in ann_path.read_text(encoding="utf-8-sig").splitlines():
        fields = line.split("\t")
        if not line.startswith("T") or len(fields) < 3 or ";" in fields[1]:
            continue
        label, start, end = fields[1].split(" ")
        label = BKEE_LABELS.get(label)
        written = fields[2]
        if label is None:
            continue
        start = _locate(text, int(start), written)
        part = name_part(written, label) if start is not None else None
        if part is not None:
            offset, rest = part
            out.add((start + offset, start + offset + len(rest), label))
    return text.replace("_", " "), sorted(out)


def _locate(text: str, start: int, written: str, window: int = 5) -> int | None:
    for shift in sorted(range(-window, window + 1), key=abs):
        if text[start + shift : start + shift + len(written)] == written:
            return start + shift
    return None


def read_bkee(folder: str | Path) -> list[tuple[str, str, list[tuple[int, int, str]]]]:
    """``(document id, text, names)`` of every BKEE document in ``folder``."""
    return [(p.stem, *bkee_names(p)) for p in sorted(Path(folder).glob("*.ann"))]


def read_vhe(path: str | Path) -> list[tuple[str, str, list[tuple[int, int, str]]]]:
    """``(sentence id, text, names)`` of every VHE sentence in ``path`` (its ``train.json`` or ``dev.json``)."""
    records = json.loads(Path(path).read_text(encoding="utf-8"))
    out = []
    for record in records:
        text = record["text"]
        names = set()
        for event in record.get("events", []):
            for arg in event.get("arguments", []):
                label = VHE_LABELS.get(arg.get("role"))
                start, end = arg["offset"]
                if label is None or text[start:end] != arg["mention"]:
                    continue
                part = name_part(arg["mention"], label)
                if part is not None:
                    names.add((start + part[0], start + part[0] + len(part[1]), label))
        out.append((record["id"], text, sorted(names)))
    return out

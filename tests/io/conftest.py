"""Fixtures for the io tests: a hand-built document on seed-passage text, and real pipeline output.

The hand-built document is three sentences of the seed passage
(``corpus/000_c94cfb08b554769d.txt``) segmented, tagged and annotated by hand
the way the contract describes: multi-syllable words (``đặc nhiệm``,
``Quân đoàn``), overlapping entities (an OTHER argument ``quân Azerbaijan``
around the LOC ``Azerbaijan``), DATE and NUM values, and events with two
arguments of one role and a non-asserted modality. It lets the readers and
writers be tested without running the models.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from pipeline.contract import validate

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "corpus" / "000_c94cfb08b554769d.txt"

# (sentence text, [(word, VLSP tag), ...]); the words, in order, cover the sentence.
_SENTENCES = [
    (
        "Ngày 11 tháng 9 năm 1992, quân Azerbaijan bắt được 6 lính đặc nhiệm Nga (spetznaz) thuộc "
        "Quân đoàn 7 Nga đóng tại Armenia gần làng Merjimek ở Kelbajar.",
        "Ngày/N 11/M tháng/N 9/M năm/N 1992/M ,/CH quân/N Azerbaijan/Np bắt/V được/V 6/M lính/N "
        "đặc_nhiệm/N Nga/Np (/CH spetznaz/X )/CH thuộc/V Quân_đoàn/N 7/M Nga/Np đóng/V tại/E "
        "Armenia/Np gần/A làng/N Merjimek/Np ở/E Kelbajar/Np ./CH",
    ),
    (
        "Các đơn vị quân Nga được cho là đã hợp tác với các đơn vị Armenia đánh chiếm Khojaly, và "
        "tương tự như vậy, hợp tác với quân Azerbaijan trong chiến dịch mùa hè 1992.",
        "Các/L đơn_vị/N quân/N Nga/Np được/V cho/V là/V đã/R hợp_tác/V với/E các/L đơn_vị/N "
        "Armenia/Np đánh_chiếm/V Khojaly/Np ,/CH và/C tương_tự/A như/C vậy/P ,/CH hợp_tác/V với/E "
        "quân/N Azerbaijan/Np trong/E chiến_dịch/N mùa/N hè/N 1992/M ./CH",
    ),
    (
        "Về mặt chính thức, Nga đứng trung lập trong cuộc chiến, nhưng cả hai phe tham chiến đều "
        "cáo buộc Nga thiên vị phe kia.[31]",
        "Về/E mặt/N chính_thức/A ,/CH Nga/Np đứng/V trung_lập/A trong/E cuộc/Nc chiến/V ,/CH "
        "nhưng/C cả/P hai/M phe/N tham_chiến/V đều/R cáo_buộc/V Nga/Np thiên_vị/V phe/N kia/P "
        "./CH [/CH 31/M ]/CH",
    ),
]
_SEPARATORS = [" ", "\n\n"]  # between sentences 1-2 and 2-3: a paragraph break

_UPOS = {
    "N": "NOUN",
    "Nc": "NOUN",
    "Np": "PROPN",
    "M": "NUM",
    "V": "VERB",
    "A": "ADJ",
    "E": "ADP",
    "C": "CCONJ",
    "P": "PRON",
    "R": "ADV",
    "L": "DET",
    "CH": "PUNCT",
    "X": "X",
}

# (sentence, first word, last word + 1, label, value)
_ENTITIES = [
    (0, 0, 6, "DATE", "1992-09-11"),
    (0, 7, 9, "OTHER", None),
    (0, 8, 9, "LOC", None),
    (0, 11, 12, "NUM", 6),
    (0, 11, 15, "OTHER", None),
    (0, 14, 15, "LOC", None),
    (0, 19, 22, "ORG", None),
    (0, 24, 25, "LOC", None),
    (0, 27, 28, "LOC", None),
    (0, 29, 30, "LOC", None),
    (1, 0, 4, "OTHER", None),
    (1, 3, 4, "LOC", None),
    (1, 10, 13, "OTHER", None),
    (1, 12, 13, "LOC", None),
    (1, 14, 15, "LOC", None),
    (1, 23, 25, "OTHER", None),
    (1, 24, 25, "LOC", None),
    (1, 27, 30, "DATE", "1992-SU"),
    (2, 4, 5, "LOC", None),
    (2, 13, 14, "NUM", 2),
    (2, 18, 19, "LOC", None),
]
# (type, sentence, trigger words, modality, [(role, (sentence, first, last+1))])
_EVENTS = [
    (
        "Justice.Arrest-Jail",
        0,
        (9, 11),
        "asserted",
        [("Agent", (0, 7, 9)), ("Person", (0, 11, 15)), ("Time-Within", (0, 0, 6)), ("Place", (0, 27, 28))],
    ),
    (
        "Conflict.Attack",
        1,
        (13, 14),
        "reported/uncertain",
        [("Attacker", (1, 10, 13)), ("Attacker", (1, 0, 4)), ("Target", (1, 14, 15))],
    ),
]


def build_document() -> dict:
    text, tokens, sentences = "", [], []
    for n, (sentence, tagged) in enumerate(_SENTENCES):
        if n:
            text += _SEPARATORS[n - 1]
        base, first, pos = len(text), len(tokens), 0
        for item in tagged.split():
            word, tag = item.rsplit("/", 1)
            word = word.replace("_", " ")
            start = sentence.index(word, pos)
            assert not sentence[pos:start].strip(), f"words skip {sentence[pos:start]!r}"
            tokens.append(
                {
                    "start": base + start,
                    "end": base + start + len(word),
                    "text": word,
                    "pos": tag,
                    "upos": _UPOS[tag],
                    "sentence": n,
                }
            )
            pos = start + len(word)
        assert pos == len(sentence)
        text += sentence
        sentences.append({"start": base, "end": base + len(sentence), "tokens": [first, len(tokens)]})

    def span(s: int, a: int, b: int) -> tuple[int, int]:
        first = sentences[s]["tokens"][0]
        return tokens[first + a]["start"], tokens[first + b - 1]["end"]

    raw = []
    for s, a, b, label, value in _ENTITIES:
        start, end = span(s, a, b)
        raw.append((start, end, label, value))
    raw.sort(key=lambda e: (e[0], -e[1]))
    entities, ids = [], {}
    for i, (start, end, label, value) in enumerate(raw, start=1):
        ent = {
            "id": f"T{i}",
            "start": start,
            "end": end,
            "label": label,
            "text": text[start:end],
            "source": "gold:hand",
        }
        if value is not None:
            ent["value"] = value
        entities.append(ent)
        ids[(start, end, label == "OTHER")] = ent["id"]
    events = []
    for i, (etype, s, (a, b), modality, args) in enumerate(_EVENTS, start=1):
        start, end = span(s, a, b)
        events.append(
            {
                "id": f"E{i}",
                "type": etype,
                "trigger": {"start": start, "end": end, "text": text[start:end]},
                "arguments": [
                    {
                        "role": role,
                        "entity": ids[(*span(*where), True)]
                        if (*span(*where), True) in ids
                        else ids[(*span(*where), False)],
                    }
                    for role, where in args
                ],
                "modality": modality,
                "source": "gold:hand",
                "sentence": s,
            }
        )
    doc = {
        "schema_version": "1.0",
        "id": "handmade/seed_excerpt",
        "source": {"path": "tests/io/conftest.py", "sha256": hashlib.sha256(text.encode()).hexdigest()},
        "pipeline": {"version": "0.1.0", "components": [{"name": "hand", "model": "none", "version": "0"}]},
        "vi": {
            "lang": "vi",
            "text": text,
            "sentences": sentences,
            "tokens": tokens,
            "entities": entities,
            "events": events,
        },
        "en": None,
        "alignments": None,
    }
    return validate(doc)


def tiny_document(
    text: str, words: list[tuple[str, str]], entities: list[tuple[str, str]], doc_id: str = "tiny"
) -> dict:
    """A one-sentence document: ``words`` are (word, VLSP tag) in order, ``entities`` (text, label)."""
    tokens, pos = [], 0
    for word, tag in words:
        start = text.index(word, pos)
        tokens.append({"start": start, "end": start + len(word), "text": word, "pos": tag, "upos": _UPOS[tag]})
        pos = start + len(word)
    ents = []
    for i, (needle, label) in enumerate(entities, start=1):
        start = text.index(needle)
        ents.append(
            {
                "id": f"T{i}",
                "start": start,
                "end": start + len(needle),
                "label": label,
                "text": needle,
                "source": "gold:hand",
            }
        )
    return validate(
        {
            "schema_version": "1.0",
            "id": doc_id,
            "source": {"path": None, "sha256": hashlib.sha256(text.encode()).hexdigest()},
            "pipeline": {"version": "0.1.0", "components": []},
            "vi": {
                "text": text,
                "sentences": [{"start": 0, "end": len(text), "tokens": [0, len(tokens)]}],
                "tokens": tokens,
                "entities": ents,
                "events": [],
            },
            "en": None,
            "alignments": None,
        }
    )


@pytest.fixture
def make_tiny_document():
    return tiny_document


@pytest.fixture
def handmade_doc() -> dict:
    return build_document()


@pytest.fixture(scope="session")
def seed_doc(tmp_path_factory) -> dict:
    """The pipeline's real output for the seed passage.

    Uses the committed ``annotations/`` file when it exists (regenerated by the
    README's first command and checked against a fresh run by the batch tests),
    else annotates the passage once for the whole session.
    """
    committed = ROOT / "annotations" / (SEED.stem + ".json")
    if committed.exists():
        return validate(json.loads(committed.read_text("utf-8")))
    from pipeline.cli import main

    out = tmp_path_factory.mktemp("annotated")
    assert main(["annotate", str(SEED), "-o", str(out)]) == 0
    (path,) = out.glob("**/*.json")
    return validate(json.loads(path.read_text("utf-8")))

"""Checks on the event gold and the entity-alignment gold (issues 5 and 6).

Every brat file under corpus/gold/events/ and corpus/gold/align/ is read with
pipeline.io.brat (which refuses a span whose text differs from the .txt), and
the properties the annotators promised are checked: ACE 2005 types and roles
(the table is corpus/gold/events/annotation.conf, parsed here independently of
the builder), arguments that exist and sit in their trigger's sentence, links
and sentence alignments whose offsets give back their texts, translations with
as many paragraphs as their source, the held-back rule, and generated files
that are up to date with their marked sources.

These tests check the format of the held-out files, not their content: reading
them here does not tune anything.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from pipeline.io.brat import read_brat
from pipeline.text import tsv as text_tsv
from tests.ace2005 import ACE_2005, conf_roles

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "corpus" / "gold"
EVENTS, ALIGN = GOLD / "events", GOLD / "align"
SEED = "000_c94cfb08b554769d"

OURS = {"Contact.Statement"}
NE_LABELS = {"PER", "LOC", "ORG", "MISC", "DATE", "NUM"}


ROLES = conf_roles()


def event_docs() -> list[Path]:
    return sorted(p.with_suffix("") for p in EVENTS.glob("*/*.ann"))


def align_docs() -> list[Path]:
    return sorted(p.with_suffix("") for p in ALIGN.glob("*/*.ann") if not p.name.endswith(".en.ann"))


def read_tsv(path: Path) -> list[dict[str, str]]:
    return text_tsv.read_tsv(path, keyed=False)


def paragraphs(text: str) -> int:
    return len([p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()])


def test_gold_exists_for_both_sets():
    assert ("seed", SEED) in {(p.parent.name, p.name) for p in event_docs()}
    heldout = {p.name for p in event_docs() if p.parent.name == "heldout"}
    assert heldout, "the held-out event documents are missing"
    assert {p.name for p in align_docs()} == heldout | {SEED}
    # issue 5 asks for at least 30 further sentences; the brief for 40
    sentences = sum(len(sentences_of(ALIGN / "heldout" / name)[0]) for name in heldout)
    assert sentences >= 40


def test_conf_lists_the_ace_subtypes_and_statement():
    assert set(ROLES) == ACE_2005 | OURS
    # ACE roles that are easy to get wrong: Transport has no Place, Attack has no Agent.
    assert "Place" not in ROLES["Movement.Transport"]
    assert {"Attacker", "Target", "Instrument", "Place", "Time-Within"} <= set(ROLES["Conflict.Attack"])
    assert "Agent" not in ROLES["Conflict.Attack"]


@pytest.mark.parametrize("stem", event_docs(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_event_documents_are_valid(stem: Path):
    doc = read_brat(stem)  # raises on a span whose text differs from the .txt
    for ent in doc.entities:
        assert doc.text[ent.start : ent.end] == ent.text
        assert ent.label in NE_LABELS | {"OTHER"}, ent
    ids = {ent.id: ent for ent in doc.entities}
    assert doc.events
    for ev in doc.events:
        assert doc.text[ev.trigger.start : ev.trigger.end] == ev.trigger.text
        assert ev.type in ROLES, f"{ev.id}: {ev.type} is neither an ACE 2005 subtype nor Contact.Statement"
        assert ev.modality in ("asserted", "negated", "reported/uncertain")
        for role, ref in ev.arguments:
            assert ref in ids, f"{ev.id}: {role} points at {ref}, which is no entity"
            assert role in ROLES[ev.type], f"{ev.id}: {ev.type} has no role {role}"
            assert ids[ref].label in ROLES[ev.type][role], f"{ev.id}: {role} cannot be {ids[ref].label}"
    # every OTHER span is there because some event needs it
    used = {ref for ev in doc.events for _, ref in ev.arguments}
    assert all(ent.id in used for ent in doc.entities if ent.label == "OTHER")
    # DATE and NUM carry their normalised value
    assert all(ent.value for ent in doc.entities if ent.label in ("DATE", "NUM"))
    # named entities are flat
    flat = [e for e in doc.entities if e.label in NE_LABELS]
    assert all(b.start >= a.end for a, b in zip(flat, flat[1:]))


def sentences_of(stem: Path) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    rows = read_tsv(stem.with_name(stem.name + ".sentences.tsv"))
    vi, en = [], []
    for row in rows:
        for side, key in ((vi, "vi_offsets"), (en, "en_offsets")):
            side += [tuple(map(int, span.split("-"))) for span in row[key].split()]
    return vi, en


@pytest.mark.parametrize("stem", event_docs(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_arguments_sit_in_their_triggers_sentence(stem: Path):
    doc = read_brat(stem)
    vi_sentences, _ = sentences_of(ALIGN / stem.parent.name / stem.name)
    ids = {ent.id: ent for ent in doc.entities}

    def sentence(start: int, end: int) -> int:
        hits = [k for k, (s, e) in enumerate(vi_sentences) if s <= start and end <= e]
        assert len(hits) == 1, f"span {start}-{end} is in no sentence"
        return hits[0]

    for ev in doc.events:
        for role, ref in ev.arguments:
            assert sentence(ids[ref].start, ids[ref].end) == sentence(ev.trigger.start, ev.trigger.end), (ev.id, role)


@pytest.mark.parametrize("stem", align_docs(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_alignment_gold(stem: Path):
    vi, en = read_brat(stem), read_brat(stem.with_name(stem.name + ".en"))
    events_copy = EVENTS / stem.parent.name / stem.name
    # the Vietnamese text and its entities are those of the event gold; the English is its translation
    assert vi.text == events_copy.with_suffix(".txt").read_text(encoding="utf-8")
    assert en.text == (events_copy.parent / (stem.name + ".en.txt")).read_text(encoding="utf-8")
    assert paragraphs(vi.text) == paragraphs(en.text)
    ev_entities = {(e.start, e.end, e.label) for e in read_brat(events_copy).entities if e.label != "OTHER"}
    assert {(e.start, e.end, e.label) for e in vi.entities} == ev_entities
    for doc in (vi, en):
        assert {e.label for e in doc.entities} <= NE_LABELS
        assert all(b.start >= a.end for a, b in zip(doc.entities, doc.entities[1:]))

    rows = read_tsv(stem.with_name(stem.name + ".links.tsv"))
    seen_vi, seen_en = [], []
    for row in rows:
        for side, doc, seen in (("vi", vi, seen_vi), ("en", en, seen_en)):
            if row[f"{side}_start"]:
                s, e = int(row[f"{side}_start"]), int(row[f"{side}_end"])
                assert doc.text[s:e] == row[f"{side}_text"], row
                seen.append((s, e))
        assert row["vi_start"] or row["en_start"], "a link row with neither side"
    # every entity appears in exactly one row
    assert sorted(seen_vi) == sorted((e.start, e.end) for e in vi.entities)
    assert sorted(seen_en) == sorted((e.start, e.end) for e in en.entities)

    groups = read_tsv(stem.with_name(stem.name + ".sentences.tsv"))
    next_vi = next_en = 0
    for row in groups:
        vi_ids = [int(k) for k in row["vi_sentences"].split(",") if k]
        en_ids = [int(k) for k in row["en_sentences"].split(",") if k]
        assert row["type"] == f"{len(vi_ids)}-{len(en_ids)}"
        assert row["type"] in ("1-1", "1-2", "2-1", "1-0", "0-1")
        assert vi_ids == list(range(next_vi, next_vi + len(vi_ids)))
        assert en_ids == list(range(next_en, next_en + len(en_ids)))
        next_vi += len(vi_ids)
        next_en += len(en_ids)
        for side, doc in (("vi", vi), ("en", en)):
            spans = [tuple(map(int, x.split("-"))) for x in row[f"{side}_offsets"].split()]
            assert " ".join(doc.text[s:e] for s, e in spans) == row[f"{side}_text"]
    vi_sentences, en_sentences = sentences_of(stem)
    # the sentences tile each text: only whitespace between them
    for doc, spans in ((vi, vi_sentences), (en, en_sentences)):
        assert len(spans) == next_vi if doc is vi else len(spans) == next_en
        cuts = [0] + [x for s in spans for x in s] + [len(doc.text)]
        assert all(not doc.text[a:b].strip() for a, b in zip(cuts[0::2], cuts[1::2]))


def test_seed_texts_are_the_corpus_passage_and_its_translation():
    vi = (ROOT / "corpus" / f"{SEED}.txt").read_text(encoding="utf-8")
    en = (ROOT / "corpus" / f"{SEED}.en.txt").read_text(encoding="utf-8")
    for folder in (EVENTS / "seed", ALIGN / "seed"):
        assert (folder / f"{SEED}.txt").read_text(encoding="utf-8") == vi
        assert (folder / f"{SEED}.en.txt").read_text(encoding="utf-8") == en
    assert paragraphs(vi) == paragraphs(en) == 6


def test_translations_keep_the_paragraphs():
    pairs = list((ROOT / "corpus").glob("*.en.txt")) + list(EVENTS.glob("*/*.en.txt"))
    assert pairs
    for en in pairs:
        vi = en.with_name(en.name[: -len(".en.txt")] + ".txt")
        assert paragraphs(vi.read_text(encoding="utf-8")) == paragraphs(en.read_text(encoding="utf-8")), en


def test_heldback_rule():
    rows = read_tsv(EVENTS / "seed" / "heldback.tsv")
    text = (EVENTS / "seed" / f"{SEED}.txt").read_text(encoding="utf-8")
    vi_sentences, _ = sentences_of(ALIGN / "seed" / SEED)
    assert [int(r["sentence"]) for r in rows] == [k for k in range(len(vi_sentences)) if k % 3 == 2]
    assert 3 * len(rows) >= len(vi_sentences)
    for row in rows:
        s, e = int(row["start"]), int(row["end"])
        assert (s, e) == vi_sentences[int(row["sentence"])]
        assert text[s:e] == row["text"]


def test_seed_entities_agree_with_the_ner_gold():
    """The passage has one entity layer: the event and alignment gold reuse the NER gold's spans."""
    ner = GOLD / "ner" / "seed" / SEED
    assert ner.with_suffix(".ann").is_file(), f"{ner}.ann: the committed NER gold is missing"
    ours = {(e.start, e.end, e.label) for e in read_brat(ALIGN / "seed" / SEED).entities}
    theirs = {(e.start, e.end, e.label) for e in read_brat(ner).entities}
    assert ours == theirs, f"only in align gold: {sorted(ours - theirs)}; only in NER gold: {sorted(theirs - ours)}"


def test_generated_files_match_their_marked_sources():
    spec = importlib.util.spec_from_file_location("build_events_align", GOLD / "tools" / "build_events_align.py")
    builder = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = builder  # dataclasses look their module up while the class is built
    try:
        spec.loader.exec_module(builder)
    finally:
        del sys.modules[spec.name]
    files = builder.all_outputs()
    assert files
    stale = [str(p.relative_to(ROOT)) for p in builder.stale(files)]
    assert not stale, f"run python corpus/gold/tools/build_events_align.py build: stale {stale}"

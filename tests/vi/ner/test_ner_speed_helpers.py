"""The helpers the entity components' speed rounds added answer as the code they replaced did."""

from __future__ import annotations

import random

from spacy.attrs import IDX, POS, SENT_START, TAG
from spacy.tokens import Doc

from pipeline.text.phrases import PhraseTable
from pipeline.vi.ner.candidates import Taken
from pipeline.vi.ner.lexicon import Entry
from pipeline.vi.ner.organisations import KINDS, OrganisationRule
from pipeline.vi.ner.split import cut_tokens
from pipeline.vi.ner.view import next_true


def _linear(ranges):
    """Whether each range is taken: what the merge and the typer asked of every range taken before."""
    taken, out = [], []
    for start, end in ranges:
        free = not any(start < e and s < end for s, e in taken)
        if free:
            taken.append((start, end))
        out.append(free)
    return out


def test_taken_takes_a_range_unless_it_overlaps_one_taken_before():
    taken = Taken()
    assert [taken.take(*r) for r in [(5, 9), (0, 5), (8, 12), (9, 12), (3, 6), (12, 13)]] == [
        True,
        True,
        False,  # overlaps (5, 9)
        True,  # touches it only
        False,
        True,
    ]
    rng = random.Random(13)
    for _ in range(3000):
        ranges = []
        for _ in range(rng.randint(0, 12)):
            start = rng.randint(0, 20)
            ranges.append((start, start + rng.choice([0, 1, 1, 2, 3, 5, 8])))  # some empty
        taken = Taken()
        assert [taken.take(*r) for r in ranges] == _linear(ranges), ranges


def test_an_empty_range_taken_blocks_what_strictly_holds_its_point():
    taken = Taken()
    assert taken.take(4, 4)
    assert not taken.take(2, 6)
    assert taken.take(4, 6) and taken.take(0, 4)


def test_next_true_is_the_first_true_index_from_the_one_given():
    flags = [False, True, False, False, True]
    assert [next_true(flags, i) for i in range(6)] == [1, 1, 4, 4, 4, 5]
    assert next_true([False, False], 0) == 2


def test_the_organisation_rule_sees_a_head_added_to_its_table_after_a_first_look():
    heads = {kind: PhraseTable() for kind in KINDS}
    rule = OrganisationRule(heads, [])
    first, _ = rule._first_syllables()
    assert "hãng" not in first
    heads["named"].add("hãng phim", Entry("hãng phim", "head", "ORG", "inside"))
    first, _ = rule._first_syllables()
    assert "hãng" in first


def test_cut_tokens_writes_the_tags_spacys_constructor_makes_of_them(vi_nlp):
    # the new Doc's tags, UD tags and sentence starts are written with one from_array: they are the values
    # spaCy's constructor gives the pieces' tags, UD tags (whitespace: SPACE) and sentence starts
    doc = vi_nlp("Trương Xuân Đại kiện báo.  Nga rút quân khỏi thị trấn Askeran.")
    text = doc.text
    cut = cut_tokens(doc, {text.index("Đại"), text.index("kiện"), text.index("Askeran")})
    assert len(cut) > len(doc)
    old = {t.idx: t for t in doc}
    tags = [t.tag_ for t in cut]
    pos = [t.pos_ or ("SPACE" if t.is_space else "X") for t in cut]
    starts = [t.idx in old and old[t.idx].is_sent_start is True for t in cut]
    expected = Doc(
        doc.vocab,
        words=[t.text for t in cut],
        spaces=[bool(t.whitespace_) for t in cut],
        tags=tags,
        pos=pos,
        sent_starts=starts,
    )
    columns = [IDX, TAG, POS, SENT_START]
    assert (cut.to_array(columns) == expected.to_array(columns)).all()

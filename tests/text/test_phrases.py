"""Phrase look-ups that do not depend on how the segmenter grouped the syllables."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from pipeline.text.normalize import cased_syllable_key
from pipeline.text.phrases import PhraseTable, SyllableMatcher


def test_a_table_finds_the_longest_phrase_at_either_end():
    table = PhraseTable([("sư đoàn", "unit"), ("sư", "monk"), ("ủy ban", "committee")])
    keys = ["quân", "sư", "đoàn", "ủy", "ban"]
    assert table.starting_at(keys, 1) == (3, "unit")
    assert table.ending_at(keys, 3) == (1, "unit")
    assert table.starting_at(keys, 3) == (5, "committee")
    assert table.get("Uỷ ban") == "committee"  # any case, either tone placement
    assert table.starting_at(keys, 0) is None
    # the caller may refuse a match (e.g. one across a line break): the next longest is taken
    assert table.starting_at(keys, 1, accept=lambda i, j, value: j - i == 1) == (2, "monk")


def test_a_table_of_names_keeps_their_case():
    names = PhraseTable([("Mỹ", "LOC"), ("Biên Hòa", "LOC")], key=cased_syllable_key)
    assert names.get("Mỹ") == "LOC" and names.get("mỹ") is None
    assert names.get("Biên Hoà") == "LOC"


def test_one_word_or_two_words_match_the_same_phrase():
    vocab = spacy.blank("xx").vocab
    matcher = SyllableMatcher(vocab)
    matcher.add("arrest", "bắt giữ")
    joined = Doc(vocab, words=["Họ", "bị", "Bắt giữ", "."])
    split = Doc(vocab, words=["Họ", "bị", "bắt", "giữ", "."])
    assert matcher(joined) == [("arrest", 2, 3)]
    assert matcher(split) == [("arrest", 2, 4)]


def test_a_phrase_never_matches_half_a_word():
    vocab = spacy.blank("xx").vocab
    matcher = SyllableMatcher(vocab)
    matcher.add("attack", "tấn công")
    # "tấn công thủ đô" as one word (a segmenter error): no match inside it
    assert matcher(Doc(vocab, words=["quân", "tấn công thủ đô"])) == []


def test_a_longer_phrase_is_found_past_a_shorter_one_and_not_past_a_word_that_starts_none():
    """The matcher stops extending at words no listed phrase begins with; a phrase that goes on is still found."""
    vocab = spacy.blank("xx").vocab
    matcher = SyllableMatcher(vocab)
    matcher.add("army", "quân đội")
    matcher.add("people's army", "quân đội nhân dân")
    grouped = Doc(vocab, words=["quân", "đội nhân", "dân", "tiến"])
    assert matcher(grouped) == [("people's army", 0, 3)]  # "quân đội" ends inside a word: not a match
    assert matcher(Doc(vocab, words=["quân", "đội", "nhân dân"])) == [("people's army", 0, 3), ("army", 0, 2)]
    assert matcher(Doc(vocab, words=["quân", "đội", "ta", "nhân dân"])) == [("army", 0, 2)]


def test_pos_constraint_applies_to_the_first_word():
    vocab = spacy.blank("xx").vocab
    matcher = SyllableMatcher(vocab)
    matcher.add("born", "sinh", pos=["V"])
    verb = Doc(vocab, words=["Ông", "sinh", "năm", "1890"], tags=["Nc", "V", "N", "M"])
    noun = Doc(vocab, words=["học", "sinh"], tags=["V", "N"])
    assert matcher(verb) == [("born", 1, 2)]
    assert matcher(noun) == []


def test_a_phrase_added_after_a_match_is_found_from_then_on():
    """What a word form starts is remembered per matcher (SyllableMatcher._start): adding a phrase forgets it. A
    phrase listed twice under one key is one match, as before."""
    vocab = spacy.blank("xx").vocab
    matcher = SyllableMatcher(vocab)
    matcher.add("army", "quân đội")
    doc = Doc(vocab, words=["quân", "đội", "nhân dân", "tiến", "quân"])
    assert matcher(doc) == [("army", 0, 2)]
    matcher.add("people's army", "quân đội nhân dân")
    matcher.add("advance", "tiến quân")
    matcher.add("troops", "quân")
    matcher.add("troops", "Quân")  # listed twice: matched once
    matcher.add("arms", "quân", pos=["V"])  # a verb only: not here
    assert matcher(doc) == [
        ("people's army", 0, 3),
        ("army", 0, 2),
        ("troops", 0, 1),
        ("advance", 3, 5),
        ("troops", 4, 5),
    ]
    assert matcher.match_words([t.text for t in doc], [""] * 5, [""] * 5) == matcher(doc)


def test_words_with_odd_whitespace_or_underscores_match_nothing_inside():
    vocab = spacy.blank("xx").vocab
    matcher = SyllableMatcher(vocab)
    matcher.add("war", "chiến tranh")
    # "Chiến_tranh_Nagorno-Karabakh" (a wiki-link artefact) is a name, not the noun
    assert matcher(Doc(vocab, words=["Chiến_tranh_Nagorno-Karabakh"])) == []
    assert matcher(Doc(vocab, words=["chiến", "\n", "tranh"])) == []
    assert matcher(Doc(vocab, words=["Chiến", "tranh"])) == [("war", 0, 2)]


def groupings(sylls: tuple[str, ...]):
    """Every way to cut ``sylls`` into consecutive words: ("a", "b") -> ("a b",), ("a", "b")."""
    from itertools import combinations

    n = len(sylls)
    for k in range(n):
        for cuts in combinations(range(1, n), k):
            bounds = (0, *cuts, n)
            yield tuple(" ".join(sylls[a:b]) for a, b in zip(bounds, bounds[1:]))


def test_same_matches_as_a_spacy_matcher_with_a_pattern_per_grouping(vi_nlp):
    """The matcher is a dictionary lookup; spaCy's Matcher with a pattern per grouping is the reference."""
    from spacy.matcher import Matcher
    from spacy.tokens import Token

    from pipeline.events.lexicon import load_lexicon
    from pipeline.events.ontology import load_ontology
    from pipeline.text.normalize import fold
    from pipeline.text.tagsets import VLSP_TAGS
    from tests.conftest import SEED

    if not Token.has_extension("test_fold"):
        Token.set_extension("test_fold", getter=lambda token: fold(token.text))
    lexicon = load_lexicon(load_ontology())
    ours, reference = SyllableMatcher(vi_nlp.vocab), Matcher(vi_nlp.vocab)
    for key, entry in lexicon.entries.items():
        ours.add(key, entry.words, entry.pos or None)
        first = {}
        if entry.pos:
            vlsp = [p for p in entry.pos if p in VLSP_TAGS]
            first = {"TAG": {"IN": vlsp}} if vlsp else {"POS": {"IN": list(entry.pos)}}
        patterns = [[{"_": {"test_fold": w}} for w in words] for words in groupings(tuple(fold(entry.words).split()))]
        for pattern in patterns:
            pattern[0].update(first)
        reference.add(key, patterns)
    doc = vi_nlp(SEED.read_text(encoding="utf-8"))
    expected = sorted(
        {(vi_nlp.vocab.strings[m], s, e) for m, s, e in reference(doc)}, key=lambda m: (m[1], -m[2], m[0])
    )
    assert len(lexicon.entries) > 100 and len(expected) > 20
    assert any(e - s > 1 for _, s, e in expected)  # phrases over several words too
    assert ours(doc) == expected
    span = doc[10:200]
    assert ours(span) == [m for m in expected if m[1] >= 10 and m[2] <= 200]


def test_a_table_answers_like_a_scan_of_every_length():
    # the table looks up only the lengths of phrases that start (end) with the syllable at hand: the answers
    # must be those of trying every length from the longest down, at every position, at the text's edges too
    phrases = [("a", 1), ("a b", 2), ("a b c d", 3), ("b c", 4), ("c", 5), ("x a b", 6)]
    table = PhraseTable(phrases)
    keys = ["x", "a", "b", "c", "d", "a", "b"]

    def scan_start(i):
        for j in range(min(len(keys), i + table.longest), i, -1):
            if tuple(keys[i:j]) in table.table:
                return j, table.table[tuple(keys[i:j])]
        return None

    def scan_end(j):
        for i in range(max(0, j - table.longest), j):
            if tuple(keys[i:j]) in table.table:
                return i, table.table[tuple(keys[i:j])]
        return None

    assert [table.starting_at(keys, i) for i in range(len(keys) + 1)] == [scan_start(i) for i in range(len(keys) + 1)]
    assert [table.ending_at(keys, j) for j in range(len(keys) + 1)] == [scan_end(j) for j in range(len(keys) + 1)]
    assert table.may_start("a") and not table.may_start("d") and table.may_end("d") and not table.may_end("x")


def test_may_start_each_is_may_start_of_each_syllable():
    # the rules skip the look-up where may_start_each says no phrase starts: it must never say no wrongly
    from pipeline.text.normalize import fold
    from pipeline.vi.ner.lexicon import context_words

    table = context_words()
    text = "Thủ tướng Phạm Minh Chính và Bộ trưởng Bộ Quốc phòng thăm Công ty cổ phần ô tô Trường Hải, ông A nói"
    keys = [fold(s) for s in text.replace(",", " ,").split()]
    each = table.may_start_each(keys)
    assert each == [table.may_start(k) for k in keys]
    assert True in each and False in each
    assert PhraseTable().may_start_each(keys) == [False] * len(keys)

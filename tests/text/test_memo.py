"""pipeline.text.memo.BoundedTable: each key computed once while kept, and never more than ``limit`` kept."""

from __future__ import annotations

from pipeline.text.memo import BoundedTable


def test_a_key_is_computed_once_and_read_as_a_dict_entry_after():
    calls = []
    table = BoundedTable(lambda word: calls.append(word) or word.lower(), limit=8)
    words = ["Quân", "Minh", "rút", "về", "Quân", "Minh"]
    assert list(map(table.__getitem__, words)) == ["quân", "minh", "rút", "về", "quân", "minh"]
    assert calls == ["Quân", "Minh", "rút", "về"]


def test_past_its_limit_the_table_starts_afresh_and_stays_bounded():
    table = BoundedTable(len, limit=3)
    for word in ("một", "hai", "ba", "bốn", "năm"):
        assert table[word] == len(word)
        assert len(table) <= 3
    assert "bốn" in table and "một" not in table

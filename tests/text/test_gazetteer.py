"""One gazetteer for the entity rules and the aligner."""

import pytest

from pipeline.text.gazetteer import packaged_path, read_gazetteer
from pipeline.text.normalize import fold_tones
from pipeline.text.tsv import DataFileError


def test_the_packaged_gazetteer_has_labels_english_names_and_sources():
    names = read_gazetteer(packaged_path())
    by_name = {n.name: n for n in names}
    assert by_name["Liên Xô"].label == "LOC" and "Soviet Union" in by_name["Liên Xô"].en
    assert by_name["Anh"].ner is False  # "anh" is "elder brother": English names only
    assert all(n.source for n in names)
    # one row per name: tone-mark variants are not listed twice (the look-ups fold them)
    keys = [(fold_tones(n.name), n.label) for n in names]
    assert len(keys) == len(set(keys))


def test_a_bad_ner_column_is_named(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("name\tlabel\tsource\tner\nMerjimek\tLOC\tnotes\tmaybe\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"mine.tsv:2: ner must be 'yes' or 'no'"):
        read_gazetteer(path)

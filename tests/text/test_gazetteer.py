"""One gazetteer for the entity rules and the aligner."""

from pathlib import Path

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


def test_the_open_place_lists_say_where_they_come_from():
    from pipeline.text.gazetteer import packaged_paths

    paths = packaged_paths()
    assert [p.rsplit("/", 1)[-1] for p in paths] == [
        "gazetteer.tsv",
        "places-vn.tsv",
        "places-vn-history.tsv",
        "cities.tsv",
    ]
    for path in paths[1:]:
        head = Path(path).read_text(encoding="utf-8")[:600]
        assert "licence" in head and ("MIT" in head or "CC BY" in head), path
    names = {n.name: n for path in paths[1:] for n in read_gazetteer(path)}
    assert names["Châu Thành"].label == "LOC" and names["Lagos"].en == ("Lagos",)
    assert "Hồ Chí Minh" not in names  # a district named after a person is left out: the name is the person's
    assert names["Thăng Long"].label == "LOC" and names["Đàng Trong"].en == ("Cochinchina",)


def test_the_place_lists_repeat_no_name():
    from pipeline.text.gazetteer import packaged_paths

    seen: dict[tuple[str, str], str] = {}
    for path in packaged_paths():
        for n in read_gazetteer(path):
            key = (fold_tones(n.name), n.label)
            assert key not in seen or seen[key] == path, f"{n.name} is in {seen.get(key)} and {path}"
            seen.setdefault(key, path)


def test_a_bad_ner_column_is_named(tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text("name\tlabel\tsource\tner\nMerjimek\tLOC\tnotes\tmaybe\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"mine.tsv:2: ner must be 'yes' or 'no'"):
        read_gazetteer(path)

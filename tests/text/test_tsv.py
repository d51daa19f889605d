"""The one TSV reader: header, comments, one-line errors naming the file and line."""

import re

import pytest

from pipeline.text.tsv import DataFileError, read_tsv


def test_rows_are_dicts_with_their_line(tmp_path):
    path = tmp_path / "list.tsv"
    path.write_text("# a comment\nphrase\tlabel\n\nông\tPER\n# more\nbà\tPER\textra?\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"list.tsv:6: 3 fields"):
        read_tsv(path, ("phrase",))
    path.write_text("# a comment\nphrase\tlabel\n\nông\tPER\n'Soviet' alone\n", encoding="utf-8")
    rows = read_tsv(path, ("phrase", "label"))
    assert rows == [
        {"phrase": "ông", "label": "PER", "_line": "4"},
        {"phrase": "'Soviet' alone", "label": "", "_line": "5"},  # quotes are text
    ]


@pytest.mark.parametrize(
    "content,message",
    [
        ("", "empty (expected a header line)"),
        ("name\tlabel\n\tLOC\n", ":2: empty name"),
        ("name\tlabel\n", None),
        ("name\n", "lacks column(s) source"),
    ],
)
def test_bad_files_are_named(tmp_path, content, message):
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    required = ("name", "source") if message and "source" in message else ("name",)
    if message is None:
        assert read_tsv(path, required) == []
        return
    with pytest.raises(DataFileError, match=re.escape(message)) as info:
        read_tsv(path, required)
    assert str(path) in str(info.value)


def test_unreadable_and_headerless_files(tmp_path):
    with pytest.raises(DataFileError, match="cannot read"):
        read_tsv(tmp_path / "missing.tsv")
    latin = tmp_path / "latin.tsv"
    latin.write_bytes("name\nHà Nội\n".encode("latin-1", errors="replace") + b"\xe0\n")
    with pytest.raises(DataFileError, match="not valid UTF-8"):
        read_tsv(latin)
    pairs = tmp_path / "map.tsv"
    pairs.write_text("NN\tN\nVV\tV\n", encoding="utf-8")
    assert [r["tag"] for r in read_tsv(pairs, columns=("gold", "tag"))] == ["N", "V"]
    links = tmp_path / "links.tsv"
    links.write_text("vi\ten\n\t3\n", encoding="utf-8")  # an empty first column: allowed when not a key
    assert read_tsv(links, keyed=False)[0] == {"vi": "", "en": "3", "_line": "2"}

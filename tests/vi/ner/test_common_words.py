"""The dictionary's lower-case words (pipeline.vi.ner.lexicon.common_words), computed and read back from the start-up cache."""

from __future__ import annotations

from importlib.resources import files

from pipeline.vi.ner import lexicon
from pipeline.vi.segmenter.crf import PACKAGE_LEXICONS, Lexicon


def test_common_words_are_the_folded_lower_case_entries_of_viet74k_computed_or_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("SONGNGU_CACHE_DIR", str(tmp_path))
    package, resource = PACKAGE_LEXICONS["viet74k"]
    lines = files(package).joinpath(resource).read_text(encoding="utf-8").splitlines()
    expected = Lexicon.from_words(line for line in lines if line == line.lower()).words
    lexicon.common_words.cache_clear()
    computed = lexicon.common_words()
    assert len(list((tmp_path / "startup").glob("common-words-viet74k-*.marshal"))) == 1
    lexicon.common_words.cache_clear()
    read_back = lexicon.common_words()
    lexicon.common_words.cache_clear()  # the next test gets the user's cache again
    assert isinstance(read_back, frozenset)
    assert computed == read_back == expected
    # words of the dictionary written in lower case, folded and single-spaced; its capitalised entries are names
    assert {"trần như nhộng", "phó văn phòng", "sứ giả"} <= read_back
    assert not any(word != word.lower() for word in read_back)
    assert "Hà Nội" in lines and all(len(word.split()) >= 2 for word in read_back)

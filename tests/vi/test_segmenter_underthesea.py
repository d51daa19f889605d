"""underthesea's segmenter with its features built column by column gives word_tokenize's features and words."""

from __future__ import annotations

import pytest

from pipeline.vi.segmenter.underthesea_model import UndertheseaWordSegmenter
from tests.conftest import SEED, VTB_TRAIN, require_vtb

#: Text that takes the featurizer's rarer paths: casing and digits outside ASCII, a "="
#: inside a token, one- and two-token lines (windows beyond both ends), repeated lines.
ODD = [
    "",
    "   ",
    "a",
    "A B",
    "Hà Nội",
    "ĐẠI HỌC Quốc gia Hà Nội",
    "ǅemal Ǆ ǈ ß İstanbul ΣΑΣ σας",
    "Ⅻ ½ ² ٣ 123 1.000 23,5%",
    "a=b c=d T[0]=x",
    "hoà bình HOÀ BÌNH Hoà Bình",
    "Mr. Dr. ThS. a@b.com http://x.vn ==> ... >>",
]


@pytest.fixture(scope="module")
def lines() -> list[str]:
    from pipeline.io.conllu import read_conllu

    sentences = [s.text for s in read_conllu(require_vtb())] + [s.text for s in read_conllu(VTB_TRAIN)][:500]
    paragraphs = [" ".join(sentences[i : i + 10]) for i in range(0, 300, 10)]
    return sentences + paragraphs + ODD * 2 + SEED.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def underthesea_model():
    """underthesea's own word segmentation model, as word_tokenize loads it."""
    import underthesea.pipeline.word_tokenize as word_tokenize_module

    word_tokenize_module.word_tokenize("")
    return word_tokenize_module.word_tokenize_model


def test_same_features_as_underthesea_featurizer(lines, underthesea_model):
    from underthesea.pipeline.word_tokenize.regex_tokenize import tokenize

    ours = UndertheseaWordSegmenter()
    assert len(lines) > 1600
    for line in lines:
        tokens = tokenize(line)
        expected = underthesea_model.featurizer.process([[[token] for token in tokens]])[0]
        assert [list(token) for token in ours.features(tokens)] == expected, line


#: Tokens that take underthesea's rarer alternatives and its token normaliser (six characters or fewer:
#: normalised; more: kept), some of them twice (the second time from the remembered tokens).
TOKEN_ODD = [
    "v.v... ==> 3x4 TP.HCM T.Ư AT&T https://x.vn/a?b=1, a.b+c@d-e.vn 090-123-4567 12/3/2020 3/2020",
    "12B3 4K 1.000,5 1.000 1,5 :)) =)) ♥‿♥ :D <3 ( ) ʺ Nagorno-Karabakh x-y-z + × ÷ :: % $ > < = ^ _",
    "hoà HOÀ thuỷ quý Hoà Bình khoẻ khoẻ hoà bình ngoằn ngoèo ngoằnngoèo",
    "o\u0301 cafe\u0301 ǅ ß ΣΑΣ ٣ ½ \u200b x",
]


def test_same_tokens_as_underthesea_tokenize(lines):
    from underthesea.pipeline.word_tokenize.regex_tokenize import tokenize

    ours = UndertheseaWordSegmenter()
    for line in lines + TOKEN_ODD * 2:
        assert ours.tokens(line) == tokenize(line), line


def test_same_features_when_the_kept_token_values_start_again(lines, underthesea_model, monkeypatch):
    # the functions of one token are kept per token, up to a limit: past it they are computed again
    from underthesea.pipeline.word_tokenize.regex_tokenize import tokenize

    from pipeline.vi.segmenter import underthesea_model as module

    monkeypatch.setattr(module, "_MAX_KNOWN_TOKENS", 5)
    ours = UndertheseaWordSegmenter()
    most = 5  # what may be kept: the limit, or one line's tokens (kept whole when it starts again)
    for line in lines[:40] + ODD:
        tokens = tokenize(line)
        expected = underthesea_model.featurizer.process([[[token] for token in tokens]])[0]
        assert [list(token) for token in ours.features(tokens)] == expected, line
        most = max(most, len(set(tokens)))
        assert len(ours._single_values) <= most


def test_same_features_for_tokens_with_a_space(underthesea_model):
    # Each featurizer holds only the dictionary's words its windows can match when no token has a
    # space (dictionary_parts); tokens with one ("Hà Nội" is a word of the dictionary) reach the others.
    ours = UndertheseaWordSegmenter()
    for tokens in (["Hà Nội", "là", "thủ đô", "của", "Việt", "Nam"], ["Thành phố", "Hồ Chí", "Minh"], ["hà nội"]):
        expected = underthesea_model.featurizer.process([[[token] for token in tokens]])[0]
        assert [list(token) for token in ours.features(tokens)] == expected, tokens
        # the values kept for those tokens serve a later line, beside tokens without a space
        line = [*tokens[0].split(), "và", *tokens]
        expected = underthesea_model.featurizer.process([[[token] for token in line]])[0]
        assert [list(token) for token in ours.features(line)] == expected, line


#: Token sequences whose windows test how the window values are made from the tokens' own (window_values):
#: Greek capital sigma before and after a token boundary (Rust lowercases it to a final sigma at a word's
#: end), case-ignorable characters beside it, title case outside ASCII, dictionary words of two and three
#: tokens in any case, a token of punctuation alone.
WINDOW_ODD = [
    ["ΑΣ", "Β", "ΣΑ", "ΟΔΥΣΣΕΥΣ", "ΚΑΙ", "Σ", "Σ", "ΑΣ'", "'Σ", "Σ."],
    ["Ǆ", "ǅemal", "ǈ", "İstanbul", "İ", "ß", "ẞ", "Ω", "ꭰ"],
    ["Hà", "Nội", "HÀ", "NỘI", "hà", "nội", "Thành", "phố", "Hồ", "Chí", "Minh", ",", "."],
    ["Cộng", "hoà", "xã", "hội", "chủ", "nghĩa", "Việt", "Nam"],
    ["A"],
    ["a", "B"],
]


def test_same_features_for_windows_of_odd_tokens(underthesea_model):
    ours = UndertheseaWordSegmenter()
    for tokens in WINDOW_ODD:
        expected = underthesea_model.featurizer.process([[[token] for token in tokens]])[0]
        assert [list(token) for token in ours.features(tokens)] == expected, tokens
        assert ours._window_featurizer is None  # made from the tokens' own values, not by a featurizer


def test_dictionary_parts_hold_every_word_a_window_can_match():
    import pickle

    from pipeline.vi.segmenter.underthesea_model import MODEL_DIR, dictionary_parts
    from pipeline.vi.underthesea_models import package_dir

    path = package_dir() / MODEL_DIR / "dictionary.bin"
    with open(path, "rb") as f:
        dictionary = pickle.load(f)
    single, windows = dictionary_parts(path, [2, 3])
    assert single == {word for word in dictionary if len(word.split(" ")) == 1}
    assert windows == {word for word in dictionary if len(word.split(" ")) in (2, 3)}
    assert "hà nội" in windows and "nội" in single


def test_model_files_read_as_joblib_reads_them():
    import joblib

    from pipeline.vi.segmenter.underthesea_model import MODEL_DIR
    from pipeline.vi.underthesea_models import package_dir

    ours = UndertheseaWordSegmenter()
    assert ours.template_texts == joblib.load(package_dir() / MODEL_DIR / "features.bin")
    assert len(ours.templates) == 43


def test_same_words_as_word_tokenize(lines):
    from underthesea.pipeline.word_tokenize import word_tokenize

    ours = UndertheseaWordSegmenter()
    for line in lines:
        assert ours.words(line) == word_tokenize(line), line


#: Run in a fresh process (the normaliser is imported once per process): underthesea's segmenter made
#: the way the pipeline makes it, then the normaliser's tables and words compared with underthesea's own.
NORMALISER_CHECK = """
import json, sys
from pipeline.startup import lean_imports
with lean_imports():
    from pipeline.vi.segmenter.underthesea_model import UndertheseaWordSegmenter
    ours = UndertheseaWordSegmenter()
joblib_imported = "joblib" in sys.modules
lines = json.loads(sys.argv[1])
words = [ours.words(line) for line in lines]
import joblib  # underthesea's own loading, for the comparison
from underthesea.pipeline.word_tokenize import word_tokenize
normaliser = sys.modules["underthesea.pipeline.text_normalize.text_normalizer"]
character = sys.modules["underthesea.pipeline.text_normalize.character_normalize"].character_map
token = sys.modules["underthesea.pipeline.text_normalize.token_normalize"].token_map
rules = joblib.load(normaliser.__file__.rpartition("/")[0] + "/tn_rules_2023_07_14.bin")
print(json.dumps({
    "joblib_imported": joblib_imported,
    "same_tables": [list(character.items()) == list(rules["character"].items()),
                    list(token.items()) == list(rules["token"].items())],
    "same_words": words == [word_tokenize(line) for line in lines],
    "module_still_runs": type(normaliser.text_normalizer).__name__,
}))
"""


def test_normaliser_tables_from_the_start_up_cache(tmp_path, monkeypatch):
    """The first process computes the tables (running underthesea's module), the next reads them back without
    importing joblib; in both the tables are joblib's, in the same order, and the words word_tokenize's."""
    import json
    import subprocess
    import sys

    monkeypatch.setenv("SONGNGU_CACHE_DIR", str(tmp_path))
    lines = ODD + ["Hoà bình cho thế giới, NGƯỜI VIỆT Nam ơi", "Ông Nguyễn Văn A. sinh năm 1990 tại TP.HCM."]
    runs = []
    for _ in range(2):
        out = subprocess.run(
            [sys.executable, "-c", NORMALISER_CHECK, json.dumps(lines)], capture_output=True, text=True, check=True
        ).stdout
        runs.append(json.loads(out.strip().splitlines()[-1]))
    assert list((tmp_path / "startup").glob("underthesea-normaliser-*.marshal"))
    assert [run["joblib_imported"] for run in runs] == [True, False]
    for run in runs:
        assert run["same_tables"] == [True, True]
        assert run["same_words"]
        assert run["module_still_runs"] == "TextNormalizer"  # another name of the module runs its own code

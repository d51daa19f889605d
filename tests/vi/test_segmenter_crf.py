"""Our CRF segmenter: the shipped model on real text, training, and loading errors."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from pipeline.evaluate.segmentation import score_segmenter
from pipeline.io.conllu import read_conllu
from pipeline.vi.segmenter import SegmenterError, load_segmenter, read_gold, record_dev_score, train
from pipeline.vi.segmenter.base import span_problems
from pipeline.vi.segmenter.crf import META_FILE, MODEL_FILE, VOCAB_FILE
from tests.conftest import VTB_DEV, VTB_TRAIN, needs_vtb
from tests.vi.segmenter_text import SEED, vietnamese_like


@pytest.fixture(scope="module")
def crf():
    return load_segmenter("crf")


def words_at(text: str, spans) -> dict[int, str]:
    return {s: text[s:e] for s, e in spans}


def test_shipped_model_identity(crf):
    assert load_segmenter().name == crf.name == "crf"
    assert crf.version.startswith("vtb-")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=vietnamese_like)
def test_crf_offsets(crf, text):
    assert not span_problems(text, crf.segment(text))


def test_seed_passage_words(crf):
    spans = crf.segment(SEED)
    assert not span_problems(SEED, spans)
    words = [SEED[s:e] for s, e in spans]
    for word in ["Liên bang", "Xô Viết", "thị trấn", "xe tăng", "T-72", "thiếu tá", "Quốc phòng", "Nagorno-Karabakh"]:
        assert word in words, word
    # the title keeps the author's underscores, as one token, and does not run into the next line
    assert words[6] == "Chiến_tranh_Nagorno-Karabakh"
    assert "".join(words).count("_") == SEED.count("_")
    # the citation markers are bracket / number / bracket
    assert words[words.index("Caucasus") + 2 : words.index("Caucasus") + 6] == ['"', "[", "29", "]"]


@pytest.mark.parametrize(
    "noun, name",
    [("quân", "Azerbaijan"), ("quân", "Nga"), ("làng", "Merjimek"), ("tỉnh", "Kelbajar"), ("quốc phòng", "Armenia")],
)
def test_common_noun_before_foreign_name_stays_apart(crf, noun, name):
    # underthesea glues these ("quân_Azerbaijan"); downstream NER needs the name alone
    at = words_at(SEED, crf.segment(SEED))
    phrase = f"{noun} {name}"
    starts = [i for i in range(len(SEED)) if SEED.lower().startswith(phrase.lower(), i)]
    assert starts, phrase
    for i in starts:
        assert at.get(i + len(noun) + 1) == name, (phrase, i)


def test_names_and_numbers_stay_whole(crf):
    text = "Ngày 11/9/1992, 23.000 quân và xe tăng T-72 tiến vào Nagorno-Karabakh với 1.000.000 đồng.[29]"
    words = crf.words(text)
    for whole in ["11/9/1992", "23.000", "T-72", "Nagorno-Karabakh", "1.000.000"]:
        assert whole in words, (whole, words)
    assert words[-4:] == [".", "[", "29", "]"]


def test_tone_mark_placement_does_not_change_the_words(crf):
    # "hoà"/"hòa", "thuỷ"/"thủy": two current spellings of one syllable (Wikipedia mixes them)
    old = "Nga là nước Cộng hòa lớn nhất, hòa bình và thủy lợi, khỏe mạnh, ủy ban"
    new = "Nga là nước Cộng hoà lớn nhất, hoà bình và thuỷ lợi, khoẻ mạnh, uỷ ban"
    assert crf.segment(old) == crf.segment(new)
    assert "thuỷ lợi" in crf.words(new) and "uỷ ban" in crf.words(new)


@needs_vtb
def test_features_built_by_column_are_those_built_by_syllable(crf):
    """Featurizer.features (a template at a time) gives features_by_syllable's strings in its order.

    On VTB dev sentences, ten-sentence paragraphs (lines longer than any word list's words) and
    lines that take the rare paths: one or two syllables, hard gaps, foreign and upper-case syllables.
    """
    from pipeline.vi.segmenter.backends import each_line
    from pipeline.vi.segmenter.crf import _inputs
    from pipeline.vi.segmenter.syllables import syllabify

    sentences = [s.text for s in read_conllu(VTB_DEV)][:400]
    paragraphs = [" ".join(sentences[i : i + 10]) for i in range(0, 400, 10)]
    odd = ["a", "Hà Nội", "x  y\tz", "ĐẠI HỌC Quốc gia Hà Nội, 23.000 quân", "Nagorno-Karabakh T-72 [29]"]
    lines = [line for text in [SEED, *sentences, *paragraphs, *odd] for _, line in each_line(text)]
    featurizer = crf.featurizer
    checked = 0
    for line in lines:
        sylls, gaps, stacked = _inputs(line, syllabify(line), crf._backends)
        by_column = featurizer.features(sylls, gaps, stacked)
        assert by_column == features_by_syllable(featurizer, sylls, gaps, stacked), line
        checked += sum(map(len, by_column))
    assert checked > 300_000


def features_by_syllable(featurizer, sylls: list[str], gaps: list[bool], stacked: dict) -> list[list[str]]:
    """``Featurizer.features`` as it was written before it was built a template at a time: one syllable
    at a time, the word lists looked up one n-gram at a time. What the column version must give."""
    from pipeline.text.normalize import fold
    from pipeline.vi.segmenter.crf import _MAX_WORD, shape

    n = len(sylls)
    low = [fold(s) for s in sylls]
    viet = ["v" if s in featurizer.vi_syllables else "f" for s in low]
    w = ["<s>", "<s>", *low, "</s>", "</s>"]
    sh = ["_", *(shape(s) for s in sylls), "_"]
    grams = [
        (s, s + length, " ".join(low[s : s + length]))
        for s in range(n)
        for length in range(2, min(_MAX_WORD, n - s) + 1)
    ]
    covers = []
    for name, lex in featurizer.lexicons.items():
        crossing, starts, ends = [0] * n, [False] * n, [False] * n
        for s, e, gram in grams:
            if gram in lex.words:
                starts[s] = True
                ends[e - 1] = True
                for i in range(s + 1, e):
                    crossing[i] = max(crossing[i], e - s)
        covers.append((name, (crossing, starts, ends)))
    stack_names = featurizer.config.stack
    stack_cols = [stacked[name] for name in stack_names]

    out: list[list[str]] = []
    for i in range(n):
        wm2, wm1, w0, wp1, wp2 = w[i], w[i + 1], w[i + 2], w[i + 3], w[i + 4]
        sm1, s0, sp1 = sh[i], sh[i + 1], sh[i + 2]
        f = [
            "b",
            "w0=" + w0,
            "w-1=" + wm1,
            "w+1=" + wp1,
            "w-2=" + wm2,
            "w+2=" + wp2,
            "w-1w0=" + wm1 + " " + w0,
            "w0w+1=" + w0 + " " + wp1,
            "w-2w-1=" + wm2 + " " + wm1,
            "w-2w-1w0=" + wm2 + " " + wm1 + " " + w0,
            "w-1w0w+1=" + wm1 + " " + w0 + " " + wp1,
            "s0=" + s0,
            "s-1s0=" + sm1 + s0,
            "s0s+1=" + s0 + sp1,
            "s-1s0s+1=" + sm1 + s0 + sp1,
            "gap=sp" if gaps[i] else "gap=hard",
        ]
        if i:
            f.append("v-1v0=" + viet[i - 1] + viet[i] + sm1 + s0)
        for name, (crossing, starts, ends) in covers:
            if crossing[i]:
                f.append(f"lex:{name}:cross={crossing[i]}")
            if i and ends[i - 1]:
                f.append(f"lex:{name}:end-1")
            if starts[i]:
                f.append(f"lex:{name}:start0")
        if stack_names:
            bits = ["1" if col[i] else "0" for col in stack_cols]
            votes = "".join(bits)
            f.append("stack=" + votes)
            f.append("stack|s-1s0=" + votes + sm1 + s0)
            for name, bit in zip(stack_names, bits):
                f.append(f"stack:{name}=" + bit)
        out.append(f)
    return out


@needs_vtb
def test_dev_slice_f1_floor(crf):
    """Guards against regressions: the shipped model on 200 VTB dev sentences.

    The floor sits a little under the score measured when the model was trained
    (see models/segmenter/MODEL_CARD.md); a broken feature (e.g. stacking that
    silently stops working) costs more than the margin.
    """
    score = score_segmenter(crf, dev_slice())
    assert score.f1 >= 0.968, score.as_dict()  # measured 0.9745 for vtb-6e90e37f31c5


@needs_vtb
def test_beats_both_bundled_segmenters_on_the_dev_slice(crf):
    dev = dev_slice()
    ours = score_segmenter(crf, dev).f1
    for name in ("underthesea", "pyvi"):  # 0.9550 and 0.9630 on this slice
        assert ours > score_segmenter(load_segmenter(name), dev).f1 + 0.005, name


def dev_slice() -> list:
    return list(read_conllu(VTB_DEV))[:200]


# --- training -------------------------------------------------------------------------


def _slice(src: Path, dst: Path, n: int) -> Path:
    blocks = src.read_text(encoding="utf-8").strip().split("\n\n")[:n]
    dst.write_text("\n\n".join(blocks) + "\n\n", encoding="utf-8")
    return dst


@needs_vtb
@pytest.mark.slow
def test_training_on_a_tiny_subset_gives_a_loadable_model(tmp_path):
    small_train = _slice(VTB_TRAIN, tmp_path / "train.conllu", 80)
    small_dev = _slice(VTB_DEV, tmp_path / "dev.conllu", 20)
    meta = train(small_train, tmp_path / "model", max_iterations=50, folds=2)
    score = score_segmenter(load_segmenter(tmp_path / "model"), read_gold(small_dev))
    meta = record_dev_score(tmp_path / "model", meta, small_dev, score.as_dict())
    assert json.loads((tmp_path / "model" / META_FILE).read_text(encoding="utf-8"))["dev"] == meta["dev"]
    assert {p.name for p in (tmp_path / "model").iterdir()} >= {META_FILE, MODEL_FILE, VOCAB_FILE}
    assert meta["train_sentences"] == 80 and 0.5 < meta["dev"]["f1"] <= 1.0
    seg = load_segmenter(tmp_path / "model")
    assert seg.version == meta["version"] != load_segmenter("crf").version
    assert not span_problems(SEED, seg.segment(SEED))
    assert "Liên bang" in seg.words("nước Cộng hòa thuộc Liên bang Xô Viết")


@needs_vtb
@pytest.mark.slow
def test_cli_train_segmenter(tmp_path, capsys):
    from pipeline.vi.segmenter import cli

    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command")
    train_cmds = commands.add_parser("train").add_subparsers(dest="what")
    cli.register(commands, train_cmds)
    small_train = _slice(VTB_TRAIN, tmp_path / "train.conllu", 40)
    args = parser.parse_args(
        [
            "train",
            "segmenter",
            "--train",
            str(small_train),
            "-o",
            str(tmp_path / "m"),
            "--no-stack",
            "--max-iterations",
            "20",
        ]
    )
    assert args.handler(args) == 0
    assert json.loads(capsys.readouterr().out)["features"]["stack"] == []
    assert load_segmenter(tmp_path / "m").segment("Liên bang Xô viết")

    args = parser.parse_args(
        ["train", "segmenter", "--train", str(tmp_path / "absent.conllu"), "-o", str(tmp_path / "x")]
    )
    assert args.handler(args) == 2
    assert "absent.conllu" in capsys.readouterr().err


# --- loading errors -------------------------------------------------------------------


@pytest.fixture
def model_copy(tmp_path):
    from pipeline.vi.segmenter import default_model_dir

    return Path(shutil.copytree(default_model_dir(), tmp_path / "segmenter"))


def test_unknown_name_or_missing_dir(tmp_path):
    with pytest.raises(SegmenterError, match="crf, underthesea, pyvi"):
        load_segmenter("vncorenlp")
    with pytest.raises(SegmenterError, match="no such"):
        load_segmenter(tmp_path / "nothing-here")


@pytest.mark.parametrize("missing", [META_FILE, MODEL_FILE, VOCAB_FILE])
def test_incomplete_model_dir(model_copy, missing):
    (model_copy / missing).unlink()
    with pytest.raises(SegmenterError, match=f"{missing}: missing"):
        load_segmenter(model_copy)


@pytest.mark.parametrize(
    "content, problem",
    [
        ("{not json", "not a valid"),
        ("[1, 2]", "not a valid"),
        ('{"format": 99}', "model format 99"),
        ('{"format": 1}', "not a valid"),
    ],
)
def test_corrupt_meta(model_copy, content, problem):
    (model_copy / META_FILE).write_text(content, encoding="utf-8")
    with pytest.raises(SegmenterError, match=f"meta.json: {problem}"):
        load_segmenter(model_copy)


def test_truncated_model_is_an_error_not_a_crash(model_copy):
    # CRFsuite itself would crash the interpreter on this file
    path = model_copy / MODEL_FILE
    path.write_bytes(path.read_bytes()[:5000])
    with pytest.raises(SegmenterError, match="not a complete CRFsuite model"):
        load_segmenter(model_copy)


def test_altered_model_fails_its_checksum(model_copy):
    path = model_copy / MODEL_FILE
    data = bytearray(path.read_bytes())
    data[-100] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(SegmenterError, match="checksum"):
        load_segmenter(model_copy)


def test_training_on_unreadable_gold(tmp_path):
    bad = tmp_path / "bad.conllu"
    bad.write_text("# text = Liên bang\n1\tXô\t_\t_\t_\t_\t0\troot\t_\t_\n\n", encoding="utf-8")
    with pytest.raises(SegmenterError, match="bad.conllu"):
        train(bad, tmp_path / "m", stack=())


def test_word_lists_fold_as_each_word_folds_alone():
    """Lexicon.from_words folds all the words in one pass: the same keys as fold() word by word."""
    from importlib.resources import files

    from pipeline.text.normalize import fold
    from pipeline.vi.segmenter.crf import PACKAGE_LEXICONS, Lexicon

    tricky = ["Biên Hoà", "THUỶ ĐIỆN", "quý hoá", "ΟΔΟΣ ΑΣ", "hoà\nbình", "Hoa\u0300 Bình", "  hai   từ  ", "một"]
    package, resource = PACKAGE_LEXICONS["viet74k"]
    words = files(package).joinpath(resource).read_text(encoding="utf-8").splitlines()[:5000] + tricky
    for batch in (words, tricky, ["hoà\nbình"], []):
        expected = {" ".join(fold(w).split()) for w in batch if 2 <= len(fold(w).split()) <= 4}
        assert Lexicon.from_words(batch).words == expected
    assert "hòa bình" in Lexicon.from_words(["Hoà bình"]).words


def test_word_lists_read_back_from_the_start_up_cache_are_the_folded_lists(tmp_path, monkeypatch):
    """Viet74K and pyvi's list as load_package_lexicon gives them, computed and then read back, are from_words."""
    from importlib.resources import files

    from pipeline.vi.segmenter.crf import PACKAGE_LEXICONS, Lexicon, load_package_lexicon

    monkeypatch.setenv("SONGNGU_CACHE_DIR", str(tmp_path))
    for name, (package, resource) in PACKAGE_LEXICONS.items():
        expected = Lexicon.from_words(files(package).joinpath(resource).read_text(encoding="utf-8").splitlines())
        computed, read_back = load_package_lexicon(name), load_package_lexicon(name)
        for lexicon in (computed, read_back):
            assert lexicon.words == expected.words
            assert lexicon.syllables() == {syl for word in expected.words for syl in word.split()}
    assert len(list((tmp_path / "startup").glob("lexicon-*.marshal"))) == len(PACKAGE_LEXICONS)


def test_the_model_opened_from_its_start_up_copy_tags_as_the_crfsuite_file(tmp_path, monkeypatch):
    """The segmenter's CRF comes from its checked copy in the start-up cache (written at the first load, read at
    the second), and labels and scores the syllables of real sentences as the CRFsuite file itself does."""
    from underthesea_core import CRFTagger

    from pipeline.vi.segmenter.backends import each_line
    from pipeline.vi.segmenter.crf import _inputs
    from pipeline.vi.segmenter.syllables import syllabify

    monkeypatch.setenv("SONGNGU_CACHE_DIR", str(tmp_path))
    first, second = load_segmenter("crf"), load_segmenter("crf")
    (copy,) = (tmp_path / "startup").glob("crf-segmenter-*.utcf")
    assert copy.read_bytes()[:4] == b"UTCF"
    original = CRFTagger()
    original.load(str(first.model_dir / MODEL_FILE))
    text = "Ngày 2 tháng 9 năm 1945, Chủ tịch Hồ Chí Minh đọc bản Tuyên ngôn độc lập tại Quảng trường Ba Đình.\n" + SEED
    joined = 0
    for _, line in each_line(text):
        sylls, gaps, stacked = _inputs(line, syllabify(line), first._backends)
        features = first.featurizer.features(sylls, gaps, stacked)
        expected = original.tag_with_score(features)
        joined += expected[0].count("I")
        for segmenter in (first, second):
            assert segmenter.tagger.tag_with_score(features) == expected
    assert joined > 10  # words of several syllables were found: real labels
    assert words_at(text, second.segment(text))[text.index("Hồ Chí Minh")] == "Hồ Chí Minh"

"""The linear-time featurizer gives underthesea's CRFs exactly the features (and so the tags) underthesea gives them.

The reference is underthesea's own predictors (``CRFPOSTagPredictor`` ...), whose
featurizer is quadratic; they are called here on a slice of UD Vietnamese-VTB dev
(``bench/crf_features.py`` checks the whole dev set and times both).
"""

from __future__ import annotations

import pytest

from pipeline.vi import underthesea_models
from pipeline.vi.crf_features import FeatureTemplates, SentenceFeatures, Template
from tests.conftest import require_vtb

SLICE = 120  # sentences of VTB dev; about 4 s with underthesea's own featurizer


@pytest.fixture(scope="module")
def stock():
    """underthesea's predictors, keyed like underthesea_models.MODELS."""
    from underthesea.pipeline.chunking.model_crf import CRFChunkingPredictor
    from underthesea.pipeline.ner.model_crf import CRFNERPredictor
    from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

    return {
        "pos": CRFPOSTagPredictor.Instance(),
        "chunk": CRFChunkingPredictor.Instance(),
        "ner": CRFNERPredictor.Instance(),
    }


@pytest.fixture(scope="module")
def dev_words():
    from pipeline.io.conllu import read_conllu

    sentences = [[w.form for w in s.words] for s in read_conllu(require_vtb())]
    return sentences[:SLICE]


def stock_tags(stock, words):
    pos = [t for _, t in stock["pos"].predict(words)]
    chunks = [t for *_, t in stock["chunk"].predict(list(zip(words, pos)))]
    ner = [t for *_, t in stock["ner"].predict(list(zip(words, pos, chunks)))]
    return pos, chunks, ner


def stock_features(stock, words, pos, chunks):
    rows = {
        "pos": [(w, "X") for w in words],
        "chunk": [(w, p, "X") for w, p in zip(words, pos)],
        "ner": [(w, p, c, "X") for w, p, c in zip(words, pos, chunks)],
    }
    return {name: stock[name].transformer.sentence2features(rows[name]) for name in rows}


def our_tags(words):
    sentence = underthesea_models.sentence_features(words)
    pos = underthesea_models.pos_tags(words, sentence)
    chunks = underthesea_models.chunk_tags(words, pos, sentence)
    return pos, chunks, underthesea_models.ner_tags(words, pos, chunks, sentence)


def our_features(words, pos, chunks):
    sentence = underthesea_models.sentence_features(words)
    sentence.set_column("pos", pos)
    sentence.set_column("chunk", chunks)
    return {name: underthesea_models.model(name).templates.features(sentence) for name in underthesea_models.MODELS}


def test_templates_are_underthesea_s(stock):
    for name, (_path, templates, columns) in underthesea_models.MODELS.items():
        assert templates == stock[name].transformer.template, name
        assert underthesea_models.model(name).path.samefile(_model_file(stock[name]))
        assert columns[0] == "word" and columns[-1] == "label"


def _model_file(predictor):
    # underthesea's predictors load the .bin beside their own module
    import inspect
    from pathlib import Path

    folder = Path(inspect.getfile(type(predictor))).parent
    [path] = folder.glob("*.bin")
    return path


def test_same_features_and_tags_on_vtb_dev(stock, dev_words):
    assert len(dev_words) == SLICE
    for words in dev_words:
        pos, chunks, ner = stock_tags(stock, words)
        assert our_tags(words) == (pos, chunks, ner), " ".join(words)
        assert our_features(words, pos, chunks) == stock_features(stock, words, pos, chunks), " ".join(words)


@pytest.mark.parametrize(
    "words",
    [
        [],
        ["Hà Nội"],
        ["Nga", "."],
        ["Liên bang", "Xô viết", "tan rã", "năm", "1991", "."],
        # a word with two spaces, a leading space, digits and a lone title-case letter
        ["ông", "Nguyễn  Văn", " A", "sinh", "năm", "1945", "ở", "Đà Nẵng", "ǅ", ""],
    ],
)
def test_same_features_on_edge_cases(stock, words):
    pos = ["N"] * len(words)
    chunks = ["B-NP"] * len(words)
    if words:
        assert our_features(words, pos, chunks) == stock_features(stock, words, pos, chunks)
        assert our_tags(words) == stock_tags(stock, words)
    else:
        assert our_tags(words) == ([], [], [])


def test_a_long_sentence_is_featurized_like_a_short_one():
    # 5,000 words: underthesea's featurizer would rebuild 5,000-word columns 5,000 x 31 times
    words = ["Ông", "A", "."] * 1667
    sentence = underthesea_models.sentence_features(words)
    pos = underthesea_models.pos_tags(words, sentence)
    assert len(pos) == len(words)
    short = underthesea_models.pos_tags(words[:9])
    assert pos[3:6] == short[3:6]


def test_template_parsing():
    t = Template.parse("T[-2,-1][1]")
    assert (t.index1, t.index2, t.column, t.function) == (-2, -1, 1, None)
    t = Template.parse("T[0].istitle")
    assert (t.index1, t.index2, t.column, t.function) == (0, 0, 0, "istitle")
    with pytest.raises(ValueError, match="is_in_dict"):
        Template.parse("T[0].is_in_dict")
    with pytest.raises(ValueError, match="not an underthesea feature template"):
        Template.parse("W[0]")
    with pytest.raises(ValueError, match="reads column 2"):
        FeatureTemplates(["T[0][2]"], ("word", "label"))


def test_columns_are_shared_by_name_not_by_index():
    sentence = SentenceFeatures(["a", "b"])
    sentence.set_column("pos", ["N", "V"])
    sentence.constant_column("label", "X")
    pos_model = FeatureTemplates(["T[0][1]"], ("word", "label"))
    chunk_model = FeatureTemplates(["T[0][1]"], ("word", "pos", "label"))
    assert pos_model.features(sentence) == [["T[0][1]=X"], ["T[0][1]=X"]]
    assert chunk_model.features(sentence) == [["T[0][1]=N"], ["T[0][1]=V"]]
    # new values for a column replace what was built from the old ones
    sentence.set_column("pos", ["A", "A"])
    assert chunk_model.features(sentence) == [["T[0][1]=A"], ["T[0][1]=A"]]
    with pytest.raises(ValueError, match="3 values for 2 words"):
        sentence.set_column("pos", ["A", "A", "A"])

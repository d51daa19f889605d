"""pyvi's segmenter loaded without scikit-learn segments exactly as pyvi.ViTokenizer does."""

from __future__ import annotations

import pytest

from pipeline.vi.segmenter.pyvi_model import pyvi_model
from tests.conftest import SEED, require_vtb


@pytest.fixture(scope="module")
def lines() -> list[str]:
    from pipeline.io.conllu import read_conllu

    sentences = [s.text for s in read_conllu(require_vtb())][:300]
    paragraphs = [" ".join(sentences[i : i + 10]) for i in range(0, len(sentences), 10)]
    odd = ["", "   ", "Hà Nội\nTP. HCM ==> a@b.com http://x.vn 23,5% ... >>", "ĐẠI HỌC Quốc gia", "x_y Mr. Dr. ThS."]
    return sentences + paragraphs + odd + SEED.read_text(encoding="utf-8").splitlines()


def test_same_words_as_pyvi(lines):
    from pyvi import ViTokenizer

    assert len(lines) > 340
    for line in lines:
        assert pyvi_model().tokenize(line) == ViTokenizer.tokenize(line), line


def test_model_is_pyvi_s():
    from pyvi import ViTokenizer
    from underthesea_core import CRFTagger

    model = pyvi_model()
    assert model.bi_grams == ViTokenizer.ViTokenizer.bi_grams
    assert model.tri_grams == ViTokenizer.ViTokenizer.tri_grams
    assert set(model.tagger.labels()) == set(ViTokenizer.ViTokenizer.model.classes_)
    # tagged by underthesea_core (from the start-up cache's copy of the model): test_same_words_as_pyvi
    # compares its words with pyvi's, whose sklearn_crfsuite tags with python-crfsuite
    assert isinstance(model.tagger, CRFTagger)


def test_the_model_is_tagged_by_python_crfsuite_when_the_cache_cannot_be_written(tmp_path, monkeypatch):
    import pycrfsuite
    from pyvi import ViTokenizer

    from pipeline.vi.segmenter.pyvi_model import PyviModel

    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("SONGNGU_CACHE_DIR", str(blocked))
    model = PyviModel()
    assert isinstance(model.tagger, pycrfsuite.Tagger)
    line = "Bộ Quốc phòng Armenia trả lương bằng đồng rúp Nga cho các binh sĩ."
    assert model.tokenize(line) == ViTokenizer.tokenize(line)


def test_attribute_strings_score_as_pyvi_dicts(lines):
    # python-crfsuite reads pyvi's dict per syllable as attributes; ours are written as
    # strings with the weight-0 ones left out: the same scores, to the last bit.
    import pycrfsuite
    from pyvi import ViTokenizer

    model = pyvi_model()
    tagger = pycrfsuite.Tagger()  # the scores are python-crfsuite's (the labels: test_same_words_as_pyvi)
    tagger.open_inmemory(model._model_data)
    labels = tagger.labels()
    checked = 0
    for line in lines[:400]:
        _, syllables = ViTokenizer.ViTokenizer.sylabelize(line)
        if not syllables:
            continue
        scores = []
        for features in (ViTokenizer.ViTokenizer.sent2features(syllables, False), model.features(syllables)):
            tagger.set(features)
            best = tagger.tag()
            marginals = [tagger.marginal(label, i) for i in range(len(syllables)) for label in labels]
            scores.append((best, tagger.probability(best), marginals))
        assert scores[0] == scores[1], line
        checked += 1
    assert checked > 300

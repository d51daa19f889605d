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

    model = pyvi_model()
    assert model.bi_grams == ViTokenizer.ViTokenizer.bi_grams
    assert model.tri_grams == ViTokenizer.ViTokenizer.tri_grams
    assert set(model.tagger.labels()) == set(ViTokenizer.ViTokenizer.model.classes_)


def test_attribute_strings_score_as_pyvi_dicts(lines):
    # python-crfsuite reads pyvi's dict per syllable as attributes; ours are written as
    # strings with the weight-0 ones left out: the same scores, to the last bit.
    from pyvi import ViTokenizer

    model = pyvi_model()
    tagger = model.tagger
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

"""underthesea's CRFs opened from the start-up cache's copy in underthesea_core's own format tag as the CRFsuite files do."""

from __future__ import annotations

import re
import struct

import pytest

from pipeline.crfsuite import feature_records, read_model
from pipeline.vi import crf_cache
from pipeline.vi.underthesea_models import MODELS, package_dir, sentence_features

SENTENCES = [
    "Bộ Quốc phòng Armenia trả lương bằng đồng rúp Nga.",
    "Ngày 2 tháng 9 năm 1945, Chủ tịch Hồ Chí Minh đọc bản Tuyên ngôn độc lập tại Quảng trường Ba Đình.",
    "Quân Nga tiến vào Gruzia năm 2008 sau nhiều tuần căng thẳng.",
]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SONGNGU_CACHE_DIR", str(tmp_path))
    return tmp_path / "startup"


def pos_inputs():
    from pipeline.vi.underthesea_models import model

    templates = model("pos").templates
    # syllables as words, punctuation apart: the POS model's input shape, enough to compare two taggers
    return [templates.features(sentence_features(re.findall(r"\w+|[^\w\s]", s))) for s in SENTENCES]


def reference(path):
    from underthesea_core import CRFTagger

    tagger = CRFTagger()
    tagger.load(str(path))
    return tagger


def test_the_copy_tags_scores_and_weighs_as_the_crfsuite_file(cache):
    path = package_dir() / MODELS["pos"][0]
    made = crf_cache.crf_tagger(path)  # writes the copy, checks it
    copies = list(cache.glob("crf-*.utcf"))
    assert len(copies) == 1 and copies[0].read_bytes()[:4] == crf_cache.NATIVE_MAGIC
    again = crf_cache.crf_tagger(path)  # reads it
    original = reference(path)
    for features in pos_inputs():
        expected = original.tag_with_score(features)
        assert expected[0][-1] == "CH"  # the final full stop: real tags
        for tagger in (made, again):
            assert tagger.tag_with_score(features) == expected
            assert tagger.marginals(features) == original.marginals(features)
    assert list(again.labels()) == list(original.labels())


def test_the_copy_holds_every_label_attribute_and_weight_of_the_file(cache):
    import pycrfsuite

    path = package_dir() / MODELS["pos"][0]
    labels, attributes, table = read_model(path.read_bytes())
    features = feature_records(table)
    info = pycrfsuite.Tagger()
    info.open(str(path))
    dump = info.info()
    assert set(labels) == set(dump.labels) and set(attributes) == set(dump.attributes)
    assert len(features) == len(dump.state_features) + len(dump.transitions)
    # the dump prints weights to six places; the file's float64 are what the copy carries
    for kind, source, target, weight in features[:2000]:
        if kind == 0:
            assert dump.state_features[attributes[source], labels[target]] == pytest.approx(weight, abs=1e-6)


def test_a_damaged_copy_is_not_used_and_is_made_again(cache):
    path = package_dir() / MODELS["pos"][0]
    crf_cache.crf_tagger(path)
    (copy,) = cache.glob("crf-*.utcf")
    copy.write_bytes(copy.read_bytes()[:1000])  # truncated
    tagger = crf_cache.crf_tagger(path)  # the CRFsuite file, the copy removed
    original = reference(path)
    for features in pos_inputs():
        assert tagger.tag_with_score(features) == original.tag_with_score(features)
    assert not copy.exists()
    crf_cache.crf_tagger(path)
    assert copy.read_bytes()[:4] == crf_cache.NATIVE_MAGIC


def test_a_copy_that_tags_otherwise_is_refused_once_and_for_all(cache, monkeypatch):
    path = package_dir() / MODELS["pos"][0]
    written = crf_cache.native_model

    def one_weight_off(data: bytes) -> bytes:
        native = bytearray(written(data))
        # the transition matrix sits before the features list (its count, 0): change its first weight
        labels, _attributes, _table = read_model(data)
        n = len(labels)
        at = len(native) - 8 - 8 * n * n
        (weight,) = struct.unpack_from("<d", native, at)
        struct.pack_into("<d", native, at, weight + 5.0)
        return bytes(native)

    monkeypatch.setattr(crf_cache, "native_model", one_weight_off)
    tagger = crf_cache.crf_tagger(path)
    assert not list(cache.glob("crf-*.utcf")) and len(list(cache.glob("crf-*.differs"))) == 1
    assert not list(cache.glob(".songngu-*"))  # the copy checked under a temporary name is gone
    original = reference(path)
    for features in pos_inputs():
        assert tagger.tag_with_score(features) == original.tag_with_score(features)
    monkeypatch.setattr(crf_cache, "native_model", lambda data: pytest.fail("made again"))
    crf_cache.crf_tagger(path)

"""The embedding word aligner on a tiny BERT built in the test (random weights, WordPiece trained here)."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.align.embedding import argmax_matching, itermax_matching


def test_argmax_links_mutual_best_matches():
    sim = np.array([[0.9, 0.1, 0.0], [0.2, 0.8, 0.7], [0.1, 0.75, 0.3]])
    links = argmax_matching(sim)
    assert {tuple(x) for x in np.argwhere(links)} == {(0, 0), (1, 1)}  # row 2's best (col 1) prefers row 1


def test_itermax_gives_unlinked_words_a_second_chance():
    sim = np.array([[0.9, 0.1, 0.0, 0.0], [0.2, 0.8, 0.7, 0.1], [0.1, 0.75, 0.3, 0.2], [0.0, 0.1, 0.2, 0.9]])
    first = {tuple(x) for x in np.argwhere(argmax_matching(sim))}
    more = {tuple(x) for x in np.argwhere(itermax_matching(sim))}
    assert first < more
    assert (2, 1) in more or (1, 2) in more  # the leftover word joins its best, already linked, partner


torch = pytest.importorskip("torch", reason="the embedding aligner needs the optional 'mt' extra (torch)")
pytest.importorskip("transformers", reason="the embedding aligner needs the optional 'mt' extra (transformers)")

from pipeline.align import AlignOptions, align  # noqa: E402
from pipeline.align.embedding import EmbeddingAligner, EncoderMissing  # noqa: E402
from pipeline.contract import validate  # noqa: E402
from tests.conftest import passage_document  # noqa: E402
from tests.tiny_models import build_bert  # noqa: E402


@pytest.fixture(scope="module")
def bert(tmp_path_factory):
    return build_bert(tmp_path_factory.mktemp("encoders") / "tiny-mbert", zero_positions=True)


def test_vietnamese_words_with_spaces_pool_to_one_vector(bert):
    aligner = EmbeddingAligner(str(bert), layer=2)
    vectors, ok = aligner.word_vectors(["Liên bang", "Xô Viết", "cũ"])
    assert vectors.shape[0] == 3 and ok.all()


def test_identical_names_are_linked_when_the_encoder_sees_only_subwords(bert, gold_vi, en_layer):
    # Layer 0 with zeroed position embeddings: a word's vector is a function of its subwords,
    # so "Kelbajar" on both sides has the same vector and argmax must link the two.
    new_en, alignments = align(
        gold_vi, en_layer, AlignOptions(word_aligner="embedding", encoder=str(bert), encoder_layer=0)
    )
    vi_tokens, en_tokens = gold_vi["tokens"], new_en["tokens"]
    pairs = {(vi_tokens[link["vi"]]["text"], en_tokens[link["en"]]["text"]) for link in alignments["tokens"]}
    for name in ("Kelbajar", "Merjimek", "Srkhavend", "Stepanakert", "1992", "Khojaly"):
        assert (name, name) in pairs, name
    assert alignments["methods"]["tokens"].startswith("embedding:")
    assert all(0 <= link["score"] <= 1 for link in alignments["tokens"])
    # Links never cross aligned sentences.
    sentence_of_vi = {i: t.get("sentence") for i, t in enumerate(vi_tokens)}
    sentence_of_en = {j: t.get("sentence") for j, t in enumerate(en_tokens)}
    assert all(sentence_of_vi[link["vi"]] == sentence_of_en[link["en"]] for link in alignments["tokens"])
    validate(passage_document(gold_vi, new_en, alignments))


def test_argmax_and_itermax_on_the_real_model(bert, gold_vi, en_layer):
    options = dict(word_aligner="embedding", encoder=str(bert), encoder_layer=2)
    _, argmax = align(gold_vi, en_layer, AlignOptions(matching="argmax", **options))
    _, itermax = align(gold_vi, en_layer, AlignOptions(matching="itermax", **options))
    a = {(link["vi"], link["en"]) for link in argmax["tokens"]}
    i = {(link["vi"], link["en"]) for link in itermax["tokens"]}
    assert a and a <= i and len(i) > len(a)


def test_missing_encoder_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty"))
    with pytest.raises(EncoderMissing, match="huggingface-cli download bert-base-multilingual-cased"):
        EmbeddingAligner("bert-base-multilingual-cased")
    with pytest.raises(EncoderMissing, match="no such directory") as err:
        EmbeddingAligner(str(tmp_path / "nope"))
    # a folder is no hub name: the advice downloads a real encoder into it
    assert f"huggingface-cli download {tmp_path}" not in str(err.value)
    assert "huggingface-cli download bert-base-multilingual-cased --local-dir nope" in str(err.value)
    with pytest.raises(ValueError, match="needs an encoder"):
        align(
            {"text": "", "sentences": [], "tokens": [], "entities": [], "events": []},
            {"text": "", "sentences": [], "tokens": [], "entities": [], "events": [], "origin": "provided"},
            AlignOptions(word_aligner="embedding"),
        )

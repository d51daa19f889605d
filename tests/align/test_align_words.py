"""The lexical word aligner on the corpus passage: what survives translation gets linked, with its evidence."""

from __future__ import annotations

import pytest

from pipeline.align.layers import LayerView
from pipeline.align.sentences import align_sentences
from pipeline.align.words import lexical_aligner


@pytest.fixture(scope="module")
def links(vi_layer, en_layer):
    vi, en = LayerView(vi_layer, "vi"), LayerView(en_layer, "en")
    sentence_links, _ = align_sentences(vi, en)
    return vi, en, lexical_aligner(vi, en, sentence_links)


def _pairs(vi, en, links, evidence=None):
    return [
        (vi.tokens[link.vi]["start"], vi.token_text(link.vi), en.tokens[link.en]["start"], en.token_text(link.en))
        for link in links
        if evidence is None or link.evidence == evidence
    ]


def test_numbers_dates_and_names_are_linked_with_their_evidence(links):
    vi, en, token_links = links
    texts = {
        (v, e, link.evidence) for link in token_links for v, e in [(vi.token_text(link.vi), en.token_text(link.en))]
    }
    assert ("1992", "1992", "number") in texts
    assert ("102", "102", "number") in texts
    assert ("tháng", "September", "date") in texts and ("9", "September", "date") in texts
    assert ("Nga", "Russia", "cldr") in texts
    assert ("Nga", "Russian", "names") in texts  # the demonym, from the names table
    assert ("Gruzia", "Georgia", "names") in texts
    assert ("Kelbajar", "Kelbajar", "name") in texts
    assert ("spetznaz", "spetznaz", "identical") in texts
    assert ("trung đoàn", "regiment", "lexicon") in texts
    assert ("bắt", "captured", "lexicon") in texts  # through the English lemma "capture"
    assert all(0 < link.score <= 1 for link in token_links)


def test_23_ngan_is_23000(links):
    vi, en, token_links = links
    numbers = {(vi.token_text(link.vi), en.token_text(link.en)) for link in token_links if link.evidence == "number"}
    assert ("23", "23,000") in numbers and ("ngàn", "23,000") in numbers


def test_repeated_names_are_paired_in_order(links):
    # "Về mặt chính thức, Nga đứng trung lập ..., nhưng ... cáo buộc Nga thiên vị phe kia."
    # "Officially, Russia stayed neutral ..., but ... accused Russia of favouring the other side."
    vi, en, token_links = links
    pairs = sorted(
        (vs, es) for vs, vt, es, et in _pairs(vi, en, token_links) if vt == "Nga" and et == "Russia" and 724 <= vs < 846
    )
    assert len(pairs) == 2
    (v1, e1), (v2, e2) = pairs
    assert v1 < v2 and e1 < e2


def test_links_stay_inside_aligned_sentences(links):
    vi, en, token_links = links
    assert all(
        vi.token_sentence[link.vi] == en.token_sentence[link.en] for link in token_links
    )  # the passage is all 1-1

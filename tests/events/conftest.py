"""Shared fixtures for the events tests: the Vietnamese pipeline and the seed with gold entities.

Most checks of the argument rules put the NER gold's entities
(corpus/gold/ner/seed) into ``doc.ents`` before the events component runs, so
that they test the events component, not whichever entity recogniser is on main.
"""

from __future__ import annotations

import pytest
from spacy.util import filter_spans

from pipeline.io.brat import read_brat
from pipeline.vi import load_vi
from tests.conftest import CORPUS, ROOT

NER_GOLD = ROOT / "corpus" / "gold" / "ner" / "seed" / "000_c94cfb08b554769d"


@pytest.fixture(scope="session")
def vi_nlp():
    """The Vietnamese pipeline with the lexicon backend: most tests here check the clause rules, which
    read every backend's arguments only there (the trained model's arguments are its own)."""
    return load_vi(overrides={"components.events.backend": "lexicon"})


def with_entities(nlp, text: str, entities: list[tuple[int, int, str]]):
    """``text`` through the pipeline up to the tagger, ``entities`` as ``doc.ents``, then the events component."""
    with nlp.select_pipes(enable=["sentences", "tagger"]):
        doc = nlp(text)
    spans = [doc.char_span(s, e, label=label, alignment_mode="expand") for s, e, label in entities]
    doc.ents = filter_spans([sp for sp in spans if sp is not None])
    return nlp.get_pipe("events")(doc)


@pytest.fixture(scope="session")
def seed_gold_entities(vi_nlp):
    """The seed passage with the NER gold's entities, after the events component."""
    gold = read_brat(NER_GOLD)
    assert gold.text == (CORPUS / "000_c94cfb08b554769d.txt").read_text(encoding="utf-8")
    return with_entities(vi_nlp, gold.text, [(e.start, e.end, e.label) for e in gold.entities])


def events_of(doc, sentence_prefix: str) -> list:
    """The events whose trigger is in the sentence starting with ``sentence_prefix``."""
    for sent in doc.sents:
        if sent.text.startswith(sentence_prefix):
            return [ev for ev in doc._.events if sent.start <= ev.trigger.start < sent.end]
    raise AssertionError(f"no sentence starts with {sentence_prefix!r}")


def args_of(event) -> set[tuple[str, str]]:
    return {(a.role, a.span.text) for a in event.arguments}

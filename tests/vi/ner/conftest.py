"""Shared fixtures for the NER tests: the default pipeline, loaded once."""

from __future__ import annotations

import pytest

from pipeline.vi import load_vi


@pytest.fixture(scope="session")
def vi_nlp():
    return load_vi()


def entities(doc) -> list[tuple[str, str]]:
    """``[(text, label), ...]`` of a Doc's entities, in order."""
    return [(e.text, e.label_) for e in doc.ents]

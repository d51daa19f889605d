"""The Vietnamese pipeline, loaded once, for the tests that compare against it."""

from __future__ import annotations

import pytest

from pipeline.vi import load_vi


@pytest.fixture(scope="session")
def vi_nlp():
    return load_vi()

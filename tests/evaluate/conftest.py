"""The UD Vietnamese-VTB dev data for the evaluation tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import require_vtb


@pytest.fixture(scope="session")
def vtb_slice(tmp_path_factory) -> Path:
    """The first 200 sentences of UD Vietnamese-VTB dev (CC BY-SA 4.0), as a CoNLL-U file."""
    blocks = require_vtb().read_text(encoding="utf-8").split("\n\n")[:200]
    path = tmp_path_factory.mktemp("vtb") / "vtb_dev_200.conllu"
    path.write_text("\n\n".join(blocks) + "\n\n", encoding="utf-8")
    return path

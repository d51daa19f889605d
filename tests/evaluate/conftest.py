"""The UD Vietnamese-VTB dev data for the evaluation tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _find_vtb_dev() -> Path | None:
    """UD Vietnamese-VTB dev (CC BY-SA 4.0): $SONGNGU_VTB_DIR, else shared/data next to an ancestor."""
    name = "vi_vtb-ud-dev.conllu"
    candidates = [Path(os.environ["SONGNGU_VTB_DIR"]) / name] if os.environ.get("SONGNGU_VTB_DIR") else []
    candidates += [p / "shared" / "data" / "ud-vietnamese-vtb" / name for p in ROOT.parents]
    return next((c for c in candidates if c.is_file()), None)


VTB_DEV = _find_vtb_dev()


@pytest.fixture(scope="session")
def vtb_slice(tmp_path_factory) -> Path:
    """The first 200 sentences of UD Vietnamese-VTB dev (CC BY-SA 4.0), as a CoNLL-U file."""
    if VTB_DEV is None:
        pytest.skip("UD Vietnamese-VTB dev not found (set SONGNGU_VTB_DIR)")
    blocks = VTB_DEV.read_text(encoding="utf-8").split("\n\n")[:200]
    path = tmp_path_factory.mktemp("vtb") / "vtb_dev_200.conllu"
    path.write_text("\n\n".join(blocks) + "\n\n", encoding="utf-8")
    return path

"""Shared fixtures: the real corpus passage and paths to the shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED = CORPUS / "000_c94cfb08b554769d.txt"
VTB_DIR = ROOT.parent / "shared" / "data" / "ud-vietnamese-vtb"
VTB_DEV = VTB_DIR / "vi_vtb-ud-dev.conllu"
VTB_TRAIN = VTB_DIR / "vi_vtb-ud-train.conllu"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def require_vtb() -> Path:
    """UD VTB lives outside the repository (../shared/data); skip when it is absent."""
    if not VTB_DEV.is_file():
        pytest.skip(f"UD Vietnamese-VTB not found at {VTB_DIR}")
    return VTB_DEV

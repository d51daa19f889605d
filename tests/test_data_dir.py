"""Where the external research data (UD Vietnamese-VTB, BKEE, VHE) is looked for."""

from pathlib import Path

from pipeline import data_dir, vtb_file
from tests.conftest import ROOT


def test_songngu_data_names_the_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("SONGNGU_DATA", str(tmp_path))
    assert data_dir() == tmp_path
    assert vtb_file("dev") == tmp_path / "ud-vietnamese-vtb" / "vi_vtb-ud-dev.conllu"


def test_default_is_shared_data_beside_the_checkout(monkeypatch):
    monkeypatch.delenv("SONGNGU_DATA", raising=False)
    found = data_dir()
    assert found.parts[-2:] == ("shared", "data")
    # beside the checkout or beside one of the folders holding it (a git worktree inside a checkout)
    assert found.parent.parent in ROOT.parents
    assert found.is_dir() or found == ROOT.parent / "shared" / "data"
    assert isinstance(found, Path)

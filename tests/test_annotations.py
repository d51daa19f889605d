"""annotations/ is the pipeline's output for corpus/, and must match a fresh run."""

import pytest

from pipeline.batch import annotate
from tests.conftest import ROOT

ANNOTATIONS = ROOT / "annotations"


@pytest.mark.slow
def test_committed_annotations_match_a_fresh_run(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)  # source paths are recorded as given: "corpus/..."
    summary = annotate(["corpus/"], tmp_path, progress=False)
    assert summary.failed == 0
    fresh = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in tmp_path.rglob("*.json")}
    committed = {p.relative_to(ANNOTATIONS).as_posix(): p.read_bytes() for p in ANNOTATIONS.rglob("*.json")}
    stale = sorted(k for k in fresh.keys() | committed.keys() if fresh.get(k) != committed.get(k))
    assert not stale, (
        f"annotations/ is out of date for {stale}: run `songngu annotate corpus/ -o annotations/` "
        "from the repository root and commit the result"
    )

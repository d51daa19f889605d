"""`songngu align` on existing annotated JSON."""

from __future__ import annotations

import json

from pipeline.cli import main
from pipeline.contract import validate
from tests.conftest import ROOT

ANNOTATED = ROOT / "annotations" / "000_c94cfb08b554769d.json"


def test_realigning_the_committed_output_reproduces_it(tmp_path, capsys):
    rc = main(["align", str(ANNOTATED), "-o", str(tmp_path)])
    assert rc == 0
    original = json.loads(ANNOTATED.read_text(encoding="utf-8"))
    realigned = json.loads((tmp_path / ANNOTATED.name).read_text(encoding="utf-8"))
    validate(realigned)
    assert realigned["en"] == original["en"] and realigned["alignments"] == original["alignments"]
    assert "options_hash" not in realigned["pipeline"]  # a later annotate must not take it as its own
    assert "1 aligned" in capsys.readouterr().err


def test_documents_without_english_are_skipped_and_bad_files_reported(tmp_path, capsys):
    doc = json.loads(ANNOTATED.read_text(encoding="utf-8"))
    doc["en"], doc["alignments"] = None, None
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "vi-only.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "in" / "broken.json").write_text("{not json", encoding="utf-8")
    rc = main(["align", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert rc == 1
    assert "vi-only.json: no English layer, skipped" in err
    assert "broken.json" in err and "0 aligned, 1 without English, 1 failed" in err

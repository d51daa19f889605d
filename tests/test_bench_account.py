"""bench/account.py runs ``songngu annotate`` in its own process and names where each part of it went."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT, needs_vtb


@needs_vtb
def test_every_stage_and_part_of_the_command_is_accounted_for():
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "account.py"), "--documents", "3"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        check=True,
    )
    out = run.stdout
    for group in ("start-up and the command around the documents", "the pipeline's stages", "outside the stages"):
        assert group in out
    from pipeline.vi import default_config

    for stage in ["tokenizer", *default_config()["nlp"]["pipeline"]]:
        assert re.search(rf"^  stage {stage} +\d", out, re.MULTILINE), stage
    for part in ("start-up (loading the pipelines)", "contract check", "encoding the JSON", "writing the files"):
        assert part in out
    accounted, total = map(float, re.search(r"accounted for: ([\d.]+) of ([\d.]+) CPU s", out).groups())
    assert 0 < accounted <= total
    assert "3 annotated" in run.stderr

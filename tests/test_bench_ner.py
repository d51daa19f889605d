"""bench/ner.py keeps held-out gold for the final measurement: it refuses every held-out split without
``--final`` (however the name is typed), and names a split folder that does not exist. None of these
runs reads a gold file."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT


def bench(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "bench" / "ner.py"), *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


@pytest.mark.parametrize(
    "split",
    [
        "heldout",
        "genres/heldout",
        "heldout2",
        "genres/heldout2/",
        "./heldout2",
        "heldout3",
        "genres/heldout3",
        "heldout4",
        "genres/heldout4",
        "heldout5",
        "genres/heldout5",
        "heldout6",
        "genres/heldout6",
        "heldout7",
        "genres/heldout7",
    ],
)
def test_a_held_out_split_needs_final(split):
    run = bench("--split", split, "--bkee", "none")
    assert run.returncode == 2
    assert "held out, for the final figures only" in run.stderr


def test_no_error_listing_on_held_out_gold():
    run = bench("--final", "--errors", "--bkee", "none")
    assert run.returncode == 2 and "no error listing on held-out gold" in run.stderr


def test_a_split_not_written_is_named():
    run = bench("--split", "genres/no-such-split", "--bkee", "none")
    assert run.returncode != 0
    assert "corpus/gold/ner/genres/no-such-split: no such gold split" in run.stderr


def test_a_split_outside_the_gold_is_refused():
    run = bench("--split", "../../../README.md", "--bkee", "none")
    assert run.returncode != 0 and "not a split of" in run.stderr


def test_the_final_run_scores_the_twenty_seventh_held_out_sets_by_default():
    # --help reads no gold: running --final itself would score the held-out sets
    run = bench("--help")
    assert run.returncode == 0
    assert "heldout27, genres/heldout27" in " ".join(run.stdout.split())


def test_a_final_split_not_yet_written_is_named_and_the_others_scored(monkeypatch, tmp_path):
    # in-process, on a gold folder of our own: no held-out file is read
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import ner

    (tmp_path / "genres" / "heldout27").mkdir(parents=True)
    monkeypatch.setattr(ner, "GOLD", tmp_path)
    monkeypatch.setattr(sys, "argv", ["ner.py", "--final", "--bkee", "none"])
    with pytest.raises(SystemExit, match="genres/heldout27: no brat documents"):
        ner.main()


def test_no_final_split_written_is_a_clear_exit(monkeypatch, tmp_path):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import ner

    monkeypatch.setattr(ner, "GOLD", tmp_path)
    monkeypatch.setattr(sys, "argv", ["ner.py", "--final", "--bkee", "none"])
    with pytest.raises(SystemExit, match="none of the final splits"):
        ner.main()


def test_a_final_split_not_yet_written_is_named_before_anything_is_read():
    # a round's VTB-like templates are committed before its annotation; heldout27 is not selected yet
    run = bench("--final", "--split", "heldout27", "--bkee", "none")
    assert run.returncode != 0
    assert "corpus/gold/ner/heldout27: no such gold split (a held-out split" in run.stderr


def test_cross_validation_is_no_final_measurement():
    run = bench("--cv", "--final", "--bkee", "none")
    assert run.returncode == 2 and "--cv is a building measurement" in run.stderr


def test_cross_validation_scores_no_split_that_is_not_spent():
    # the spent held-out splits are cross-validated (typer.SPENT_GOLD); one being written is not, nor trained on.
    # heldout26 is scored, not spent (not in typer.SPENT_GOLD): the guard goes by the name
    run = bench("--cv", "--split", "heldout26", "--bkee", "none")
    assert run.returncode == 2 and "held out, for the final figures only" in run.stderr
    run = bench("--cv", "--cv-gold", "seed", "heldout26", "--split", "seed")
    assert run.returncode == 2 and "--cv-gold heldout26: held out, not spent" in run.stderr
    # the last pair spent passes the guard both ways and is read; a bad --cv-weight then stops the run before training
    run = bench(
        "--cv", "--split", "heldout16", "genres/heldout16", "--cv-gold", "seed", "heldout16", "--cv-weight", "x=1"
    )
    assert run.returncode == 2 and "held out" not in run.stderr, run.stderr
    assert "--cv-weight x=1: the corpora are" in run.stderr
    assert "\nheldout16: 3 documents," in "\n" + run.stdout and "genres/heldout16: 3 documents," in run.stdout


def test_a_round_s_two_splits_are_left_out_together(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import ner

    assert ner.cv_group("heldout3") == ner.cv_group("genres/heldout3") != ner.cv_group("heldout4")
    assert ner.cv_group("vtb-dev") == ner.cv_group("genres/dev") != ner.cv_group("seed")

"""``songngu evaluate`` end to end on a slice of UD Vietnamese-VTB dev (CC BY-SA 4.0)."""

from __future__ import annotations

import json
import re

import pytest

from pipeline.cli import main
from pipeline.evaluate.documents import load_gold


def _prediction(vtb_slice, build, every: int = 5) -> tuple[dict, int]:
    """A JSON prediction for the slice: the gold words, with every ``every``-th word merged with the next
    one of its sentence (UPOS/VLSP tags kept from the first), on running text (sentences joined by a space).

    Returns the document and the number of merges.
    """
    (gold,) = load_gold(vtb_slice)
    skel = gold.vi.skeleton
    sentences = [gold.vi.text[slice(*skel.raw(s, e))] for s, e in gold.vi.sentences]
    text = " ".join(sentences)
    from pipeline.evaluate.offsets import Skeleton

    pred_skel = Skeleton(text)
    assert pred_skel.chars == skel.chars
    sent_ends = {e for _, e in gold.vi.sentences}
    tokens, merges, i, words = [], 0, 0, gold.vi.words
    while i < len(words):
        w = words[i]
        end = w.end
        if i % every == 0 and i + 1 < len(words) and w.end not in sent_ends:
            end = words[i + 1].end
            merges += 1
            i += 1
        i += 1
        start, stop = pred_skel.raw(w.start, end)
        token = {"start": start, "end": stop, "text": text[start:stop], "upos": w.upos}
        if w.xpos:
            token["pos"] = w.xpos
        tokens.append(token)
    layer = {"text": text, "sentences": [], "tokens": tokens, "entities": [], "events": []}
    return build.document("vtb_dev_200", layer), merges


def _evaluate(vtb_slice, pred: dict, tmp_path, *options: str) -> int:
    """``songngu evaluate --gold SLICE --pred PRED.json OPTIONS...`` with ``pred`` written to a file first."""
    pred_path = tmp_path / "pred.json"
    pred_path.write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
    return main(["evaluate", "--gold", str(vtb_slice), "--pred", str(pred_path), *options])


def test_ws_and_pos_as_json(vtb_slice, build, tmp_path, capsys):
    pred, merges = _prediction(vtb_slice, build)
    assert _evaluate(vtb_slice, pred, tmp_path, "--json", "--resamples", "200") == 0
    result = json.loads(capsys.readouterr().out)
    (gold,) = load_gold(vtb_slice)
    n = len(gold.vi.words)
    # Each merge loses the two gold words it joins and adds one wrong word.
    ws = result["tasks"]["ws"]["words"]
    assert (ws["tp"], ws["fp"], ws["fn"]) == (n - 2 * merges, merges, 2 * merges)
    assert ws["ci"]["f1"][0] <= ws["f1"] <= ws["ci"]["f1"][1]
    # A merged pair takes the first word's tag: the first word is right; the second only when
    # both tags agree. End to end, only unmerged words count.
    upos = result["tasks"]["pos"]["upos"]
    assert upos["end_to_end"]["tp"] == n - 2 * merges
    assert n - 2 * merges + merges <= upos["accuracy"]["correct"] < n
    assert result["bootstrap"]["unit"] == "sentence" and result["bootstrap"]["units"] == 200
    assert result["gold"] == str(vtb_slice)


def test_terminal_tables_and_html_report(vtb_slice, build, tmp_path, capsys):
    pred, _ = _prediction(vtb_slice, build)
    report = tmp_path / "out" / "report.html"
    assert _evaluate(vtb_slice, pred, tmp_path, "--task", "ws", "--report", str(report), "--resamples", "100") == 0
    captured = capsys.readouterr()
    assert "Word segmentation" in captured.out and "95% CI" in captured.out
    assert "Part of speech" not in captured.out  # only the task asked for
    assert f"report written to {report}" in captured.err
    html = report.read_text(encoding="utf-8")
    assert "<table" in html and "Word segmentation" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html), "the report must not load anything"


def test_xpos_map_and_notes(vtb_slice, build, tmp_path, capsys):
    pred, _ = _prediction(vtb_slice, build)
    for token in pred["vi"]["tokens"]:  # the prediction speaks VLSP: Np for VTB's NNP, CH for PUNCT
        token["pos"] = {"NNP": "Np", "PUNCT": "CH"}.get(token.get("pos"), token.get("pos", "X"))
    options = ("--task", "pos", "--json", "--resamples", "0")
    assert _evaluate(vtb_slice, pred, tmp_path, *options) == 0
    raw = json.loads(capsys.readouterr().out)
    assert any("--xpos-map vtb" in note for note in raw["notes"])
    assert _evaluate(vtb_slice, pred, tmp_path, *options, "--xpos-map", "vtb") == 0
    mapped = json.loads(capsys.readouterr().out)
    assert mapped["tasks"]["pos"]["xpos"]["accuracy"]["correct"] > raw["tasks"]["pos"]["xpos"]["accuracy"]["correct"]
    assert mapped["tasks"]["pos"]["upos"] == raw["tasks"]["pos"]["upos"]


def test_bad_input_is_one_clear_line(tmp_path, capsys):
    assert main(["evaluate", "--gold", str(tmp_path / "nope.conllu"), "--pred", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == f"songngu evaluate: {tmp_path / 'nope.conllu'}: no such file or directory"


@pytest.mark.slow
def test_run_scores_the_real_pipeline(vtb_slice, tmp_path, capsys):
    """--run annotates the gold text with the default pipeline (underthesea CRFs) and scores it."""
    first_40 = tmp_path / "vtb_40.conllu"
    first_40.write_text(
        "\n\n".join(vtb_slice.read_text(encoding="utf-8").split("\n\n")[:40]) + "\n\n", encoding="utf-8"
    )
    assert main(["evaluate", "--gold", str(first_40), "--run", "--json", "--resamples", "100"]) == 0
    result = json.loads(capsys.readouterr().out)
    # underthesea's CRF segmenter scores about 96 F1 on VTB; far below means the offsets are broken.
    assert result["tasks"]["ws"]["words"]["f1"] > 0.9
    assert result["tasks"]["pos"]["upos"]["accuracy"]["accuracy"] > 0.75
    assert result["pred"].startswith("songngu pipeline run")


def test_within_scores_only_the_listed_ranges(vtb_slice, build, tmp_path, capsys):
    pred, _ = _prediction(vtb_slice, build)
    (gold,) = load_gold(vtb_slice)
    first = gold.vi.skeleton.raw(*gold.vi.sentences[0])
    ranges = tmp_path / "first.tsv"
    ranges.write_text(f"start\tend\n{first[0]}\t{first[1]}\n", encoding="utf-8")
    assert (
        _evaluate(vtb_slice, pred, tmp_path, "--task", "ws", "--json", "--within", str(ranges), "--resamples", "0") == 0
    )
    result = json.loads(capsys.readouterr().out)
    ws = result["tasks"]["ws"]["words"]
    first_words = [w for w in gold.vi.words if w.start < gold.vi.sentences[0][1]]
    assert ws["tp"] + ws["fn"] == len(first_words)
    assert result["subset"] == f"within {ranges}"


def test_tables_written_to_a_file_keep_every_column(tmp_path):
    """Piped or redirected, the tables are printed at their full width, not squeezed into 80 columns."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    out = tmp_path / "scores.txt"
    env = {k: v for k, v in __import__("os").environ.items() if k not in ("COLUMNS", "LINES")}
    with out.open("w", encoding="utf-8") as handle:
        subprocess.run(
            [sys.executable, "-m", "pipeline", "evaluate", "--gold", "corpus/gold/ner/seed", "--pred", "annotations/"],
            stdout=handle,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env=env,
            check=True,
            timeout=300,
        )
    lines = out.read_text(encoding="utf-8").splitlines()
    header = next(line for line in lines if "95% CI (F1)" in line and "COR" in line)
    assert [cell.strip() for cell in header.strip("┃").split("┃")][:3] == ["scheme", "average", "P"]
    assert any(line.startswith("│ strict  │   micro │") for line in lines), lines[:12]
    per_type = next(line for line in lines if line.startswith("┃ type ┃"))
    assert "fn" in per_type and any(line.startswith("│ PER  │") for line in lines)
    assert not any("…" in line for line in lines if line.startswith("│")), "no cell is cut short"

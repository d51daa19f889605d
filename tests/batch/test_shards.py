"""--output-format jsonl: documents as JSON lines in shards of N, resumable like the JSON files (issue 11)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.annotator import Annotator
from pipeline.batch import BatchInterrupted, annotate
from pipeline.contract import validate

TEXTS = [
    "Quân đội Nga rút khỏi Karabakh năm 1993.",
    "Ngày 11 tháng 9 năm 1992, quân Azerbaijan bắt được 6 lính.",
    "Hà Nội là thủ đô.",
    "Quân đoàn 7 Nga đóng tại Armenia.",
    "Các đơn vị Armenia đánh chiếm Khojaly.",
]


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator()


def corpus(path: Path, texts=TEXTS, bad_at: int | None = None) -> Path:
    lines = [json.dumps({"id": f"d{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(texts)]
    if bad_at is not None:
        lines[bad_at] = '{"id": "broken"'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def shards(out: Path) -> dict[str, list[dict]]:
    return {
        p.name: [validate(json.loads(line)) for line in p.read_text(encoding="utf-8").splitlines()]
        for p in sorted(out.glob("shard-*.jsonl"))
    }


def test_shards_hold_the_same_documents_as_the_json_files_in_input_order(tmp_path, annotator):
    src = corpus(tmp_path / "in.jsonl", bad_at=1)
    json_summary = annotate([str(src)], tmp_path / "json", progress=False, annotator=annotator)
    summary = annotate(
        [str(src)], tmp_path / "jsonl", progress=False, annotator=annotator, output_format="jsonl", shard_size=2
    )
    assert (summary.annotated, summary.failed) == (json_summary.annotated, json_summary.failed) == (4, 1)
    got = shards(tmp_path / "jsonl")
    # document k of the input goes in shard k // 2; the broken line 2 leaves a gap
    assert {name: [d["id"] for d in docs] for name, docs in got.items()} == {
        "shard-00000.jsonl": ["d0"],
        "shard-00001.jsonl": ["d2", "d3"],
        "shard-00002.jsonl": ["d4"],
    }
    for docs in got.values():
        for doc in docs:
            assert doc == json.loads((tmp_path / "json" / f"{doc['id']}.json").read_text(encoding="utf-8"))
    assert (tmp_path / "jsonl" / "errors.jsonl").is_file()


def test_a_rerun_skips_up_to_date_documents_and_rewrites_only_the_shard_that_changed(tmp_path, annotator):
    src = corpus(tmp_path / "in.jsonl")
    out = tmp_path / "out"

    def run(**kw):
        return annotate([str(src)], out, progress=False, annotator=annotator, output_format="jsonl", shard_size=2, **kw)

    assert run().annotated == 5
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.glob("shard-*.jsonl")}
    again = run()
    assert (again.annotated, again.skipped) == (0, 5)
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.glob("shard-*.jsonl")} == before
    changed = TEXTS[:3] + ["Quân Nga rút khỏi Armenia năm 1993."] + TEXTS[4:]
    corpus(src, changed)
    third = run()
    assert (third.annotated, third.skipped) == (1, 4)
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.glob("shard-*.jsonl")}
    assert [name for name in sorted(after) if after[name] != before[name]] == ["shard-00001.jsonl"]
    fresh = tmp_path / "fresh"
    annotate([str(src)], fresh, progress=False, annotator=annotator, output_format="jsonl", shard_size=2)
    assert {p.name: p.read_bytes() for p in fresh.glob("shard-*.jsonl")} == {n: b for n, (b, _) in after.items()}
    # a shorter input: the shards past its end go
    corpus(src, TEXTS[:2])
    assert run().skipped == 2
    assert sorted(shards(out)) == ["shard-00000.jsonl"]


def test_a_stopped_run_leaves_only_whole_shards_and_resumes(tmp_path, annotator, monkeypatch):
    src = corpus(tmp_path / "in.jsonl")
    out = tmp_path / "out"
    real = Annotator.annotate

    def interrupt_at_d3(self, source):
        if source.id == "d3":
            raise KeyboardInterrupt
        return real(self, source)

    monkeypatch.setattr(Annotator, "annotate", interrupt_at_d3)
    with pytest.raises(BatchInterrupted) as stopped:
        annotate([str(src)], out, progress=False, annotator=annotator, output_format="jsonl", shard_size=2)
    assert stopped.value.summary.annotated == 3
    assert {name: [d["id"] for d in docs] for name, docs in shards(out).items()} == {"shard-00000.jsonl": ["d0", "d1"]}
    assert not list(out.glob(".songngu-*"))
    monkeypatch.setattr(Annotator, "annotate", real)
    summary = annotate([str(src)], out, progress=False, annotator=annotator, output_format="jsonl", shard_size=2)
    assert (summary.annotated, summary.skipped) == (3, 2)
    assert [d["id"] for docs in shards(out).values() for d in docs] == ["d0", "d1", "d2", "d3", "d4"]


@pytest.mark.slow
def test_shards_are_byte_identical_whatever_the_worker_count(tmp_path):
    src = corpus(tmp_path / "in.jsonl", TEXTS * 3)
    src.write_text(
        "".join(json.dumps({"id": f"d{i:02d}", "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(TEXTS * 3)),
        encoding="utf-8",
    )
    for workers in (1, 2):
        annotate(
            [str(src)], tmp_path / f"w{workers}", workers=workers, progress=False, output_format="jsonl", shard_size=4
        )
    one = {p.name: p.read_bytes() for p in (tmp_path / "w1").glob("shard-*.jsonl")}
    two = {p.name: p.read_bytes() for p in (tmp_path / "w2").glob("shard-*.jsonl")}
    assert one == two and len(one) == 4


def test_every_command_that_reads_annotated_json_reads_the_shards(tmp_path, annotator, capsys):
    """export, validate, evaluate, import --base, align and show take a shard, or the output folder of shards.

    They read only .json files before: `songngu export --to brat out/` said "no JSON files", `songngu align
    out/` aligned nothing and exited 0, and a shard named by hand was "Extra data" at its second line.
    """
    from pipeline.cli import main

    src = tmp_path / "in.jsonl"
    lines = [
        {
            "id": "ly",
            "text": "Năm 1010, Lý Thái Tổ dời đô về Thăng Long.",
            "en": "In 1010, Ly Thai To moved the capital to Thang Long.",
        },
        {"id": "broken"},  # no text: a line of errors.jsonl, which is no annotated document
        {"id": "tran", "text": "Trần Hưng Đạo đánh thắng quân Nguyên năm 1288."},
        {
            "id": "le",
            "text": "Lê Lợi lên ngôi năm 1428 ở Đông Kinh.",
            "en": "Le Loi took the throne in 1428 in Dong Kinh.",
        },
    ]
    src.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    out = tmp_path / "out"
    summary = annotate([str(src)], out, progress=False, annotator=annotator, output_format="jsonl", shard_size=2)
    assert (summary.annotated, summary.failed) == (3, 1) and (out / "errors.jsonl").is_file()
    shard = out / "shard-00001.jsonl"  # tran and le

    assert main(["validate", str(out)]) == 0
    assert main(["validate", str(shard)]) == 0
    assert main(["export", "--to", "conll", str(out), "-o", str(tmp_path / "conll")]) == 0
    assert sorted(p.name for p in (tmp_path / "conll").glob("*.conll")) == ["le.conll", "ly.conll", "tran.conll"]
    assert main(["export", "--to", "brat", str(shard), "-o", str(tmp_path / "brat")]) == 0
    assert sorted(p.name for p in (tmp_path / "brat").glob("*.ann")) == ["le.ann", "tran.ann"]
    capsys.readouterr()

    # the pipeline scored against its own output, read from the shards, is perfect
    assert main(["evaluate", "--gold", str(tmp_path / "brat"), "--pred", str(out), "--task", "ner", "--json"]) == 0
    micro = json.loads(capsys.readouterr().out)["tasks"]["ner"]["schemes"]["strict"]["micro"]
    assert micro["fp"] == micro["fn"] == 0 and micro["tp"] >= 6

    assert (
        main(["import", "--from", "brat", str(tmp_path / "brat"), "-o", str(tmp_path / "imp"), "--base", str(out)]) == 0
    )
    imported = json.loads((tmp_path / "imp" / "le.json").read_text("utf-8"))
    assert imported["en"]["text"] == "Le Loi took the throne in 1428 in Dong Kinh."  # the English came from the shard

    assert main(["align", str(out), "-o", str(tmp_path / "realigned")]) == 0
    assert sorted(p.name for p in (tmp_path / "realigned").glob("*.json")) == ["le.json", "ly.json"]
    assert "2 aligned, 1 without English, 0 failed" in capsys.readouterr().err

    assert main(["show", str(shard), "-o", str(tmp_path / "p.html")]) == 2
    assert "2 documents in it: name one with --id" in capsys.readouterr().err
    assert main(["show", str(shard), "--id", "le", "-o", str(tmp_path / "p.html")]) == 0
    assert "Đông Kinh" in (tmp_path / "p.html").read_text("utf-8")


def test_a_broken_line_of_a_shard_is_named_with_its_line(tmp_path, capsys):
    from pipeline.cli import main

    shard = tmp_path / "shard-00000.jsonl"
    shard.write_text('{"schema_version": "1.0"}\n\n{"id": "cut off\n', encoding="utf-8")
    assert main(["validate", str(shard)]) == 1
    err = capsys.readouterr().err
    assert f"{shard}:1: " in err and f"{shard}:3: cannot read: " in err and "0/2 valid" in err
    assert main(["export", "--to", "conll", str(tmp_path), "-o", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err
    assert f"{shard}:1: breaks the contract" in err and f"{shard}:3: cannot read" in err

"""The batch runner when things go wrong: bad input, write failures, time limits, bad options (issue 10)."""

from __future__ import annotations

import errno
import json
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline.annotator import Annotator
from pipeline.batch import ERRORS_FILE, OutputUnwritable, annotate, output
from pipeline.batch.worker import annotate_one
from pipeline.cli import main
from pipeline.contract import validate
from pipeline.ingest import SourceDocument


def outputs(outdir: Path) -> dict[str, bytes]:
    return {p.relative_to(outdir).as_posix(): p.read_bytes() for p in sorted(outdir.rglob("*.json"))}


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("songngu: error:")]


def jsonl(path: Path, *records: dict | str) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_lone_surrogate_is_one_error_line_and_the_other_documents_are_written(tmp_path, capsys):
    src = jsonl(
        tmp_path / "in.jsonl",
        {"id": "good1", "text": "Quân Nga đóng tại Armenia."},
        '{"id": "a", "text": "x\\ud800y"}',
        {"id": "good2", "text": "Hà Nội là thủ đô."},
    )
    out = tmp_path / "out"
    assert main(["annotate", str(src), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert error_lines(err) == [
        f"songngu: error: {src}:2: 'text' of document 'a' holds a lone surrogate '\\ud800' at character 1, "
        "which is not Unicode text"
    ]
    assert sorted(outputs(out)) == ["good1.json", "good2.json"]
    [record] = [json.loads(line) for line in (out / ERRORS_FILE).read_text(encoding="utf-8").splitlines()]
    assert (record["path"], record["line"]) == (str(src), 2)


# -- write failures ------------------------------------------------------------------------


def test_an_output_path_that_is_a_file_stops_at_once_with_one_line(tmp_path, capsys):
    (tmp_path / "doc.txt").write_text("Nga.", encoding="utf-8")
    taken = tmp_path / "out"
    taken.write_text("not a directory", encoding="utf-8")
    assert main(["annotate", str(tmp_path / "doc.txt"), "-o", str(taken)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [f"songngu: error: output directory {taken}: exists and is not a directory"]


def test_an_output_directory_that_cannot_be_written_stops_at_once(tmp_path, capsys, monkeypatch):
    # CI runs as root, whom file modes do not stop: the OS refusal is simulated.
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(output.tempfile, "mkstemp", refuse)
    (tmp_path / "doc.txt").write_text("Nga.", encoding="utf-8")
    assert main(["annotate", str(tmp_path / "doc.txt"), "-o", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"songngu: error: output directory {tmp_path / 'out'}: cannot be written: Permission denied"
    ]


@pytest.fixture()
def four_docs(tmp_path) -> Path:
    return jsonl(
        tmp_path / "in.jsonl",
        *({"id": f"d{i}", "text": f"Quân Nga đóng tại Armenia năm 199{i}."} for i in range(4)),
    )


@pytest.mark.parametrize(
    ("code", "message"), [(errno.ENOSPC, "No space left on device"), (errno.EROFS, "Read-only file system")]
)
def test_a_full_disk_or_read_only_file_system_stops_the_batch_at_once(
    tmp_path, capsys, monkeypatch, four_docs, code, message
):
    real = output.write_atomic
    written = []

    def fill_up(path, text):
        if written:
            raise OSError(code, message)
        real(path, text)
        written.append(path)

    monkeypatch.setattr(output, "write_atomic", fill_up)
    out = tmp_path / "out"
    assert main(["annotate", str(four_docs), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"songngu: error: output directory {out}: {message}",
        "songngu: stopped: 1 annotated, 0 up to date, 0 failed",
    ]
    assert sorted(outputs(out)) == ["d0.json"]
    validate(json.loads((out / "d0.json").read_text(encoding="utf-8")))
    assert not list(out.rglob(".songngu-*"))


def test_a_document_that_cannot_be_written_is_reported_and_the_batch_goes_on(tmp_path, monkeypatch, four_docs):
    real = output.write_atomic

    def refuse_d1(path, text):
        if path.name == "d1.json":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        real(path, text)

    monkeypatch.setattr(output, "write_atomic", refuse_d1)
    summary = annotate([str(four_docs)], tmp_path / "out", progress=False)
    assert (summary.annotated, summary.failed) == (3, 1)
    assert summary.errors[0]["id"] == "d1"
    assert summary.errors[0]["reason"] == f"cannot write {tmp_path / 'out' / 'd1.json'}: Permission denied"
    assert sorted(outputs(tmp_path / "out")) == ["d0.json", "d2.json", "d3.json"]


@pytest.mark.parametrize("ids", [("a", "a.json/b"), ("a.json/b", "a")])
def test_ids_whose_outputs_collide_on_disk_fail_one_document_not_the_batch(tmp_path, ids):
    src = jsonl(tmp_path / "in.jsonl", *({"id": i, "text": "Huế."} for i in ids), {"id": "c", "text": "Nga."})
    summary = annotate([str(src)], tmp_path / "out", progress=False)
    assert (summary.annotated, summary.failed) == (2, 1)
    [error] = summary.errors
    assert error["id"] == ids[1] and error["line"] == 2
    assert "another document's output file or folder is in the way" in error["reason"]
    assert (tmp_path / "out" / "c.json").is_file()


# -- time limit, spaCy's length limit ------------------------------------------------------


@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_over_its_time_limit_is_stopped_and_reported(tmp_path, monkeypatch, workers):
    real = Annotator.annotate

    def stuck_on_slow(self, source):
        if source.id == "slow":
            while True:  # pure Python, as underthesea's quadratic feature code is
                pass
        return real(self, source)

    monkeypatch.setattr(Annotator, "annotate", stuck_on_slow)  # a forked worker inherits the patch
    src = jsonl(
        tmp_path / "in.jsonl",
        {"id": "before", "text": "Nga."},
        {"id": "slow", "text": "Huế."},
        {"id": "after", "text": "Hà Nội."},
    )
    started = time.monotonic()
    summary = annotate([str(src)], tmp_path / "out", workers=workers, time_limit=1.0, progress=False)
    assert time.monotonic() - started < 60
    assert (summary.annotated, summary.failed) == (2, 1)
    [error] = summary.errors
    assert error["id"] == "slow" and "over the time limit of 1 s for 4 characters (--time-limit)" in error["reason"]
    assert sorted(outputs(tmp_path / "out")) == ["after.json", "before.json"]


def test_a_document_over_the_pipeline_length_limit_gets_a_clear_error_not_spacy_e088():
    annotator = SimpleNamespace(vi=SimpleNamespace(max_length=10), annotate=lambda source: pytest.fail("annotated"))
    source = SourceDocument(id="long", text="Nga " * 10, sha256="0" * 64, path="long.txt", format="txt")
    doc_id, text, error = annotate_one(source, annotator)
    assert (doc_id, text) == ("long", None)
    assert (
        error
        == "document of 40 characters is over the pipeline's limit of 10 (nlp.max_length): split it into several documents"
    )


# -- options that cannot be used: one line, exit 2 ----------------------------------------------


def test_a_missing_vi_config_is_one_line(tmp_path, capsys):
    code = main(["annotate", "x.txt", "-o", str(tmp_path / "out"), "--vi-config", "/missing.cfg"])
    assert code == 2
    assert capsys.readouterr().err.splitlines() == ["songngu: error: --vi-config /missing.cfg: no such file"]


def test_a_broken_vi_config_is_one_line(tmp_path, capsys):
    (tmp_path / "doc.txt").write_text("Nga.", encoding="utf-8")
    (tmp_path / "bad.cfg").write_text("garbage [[[", encoding="utf-8")
    code = main(
        ["annotate", str(tmp_path / "doc.txt"), "-o", str(tmp_path / "out"), "--vi-config", str(tmp_path / "bad.cfg")]
    )
    [line] = capsys.readouterr().err.splitlines()
    assert code == 2 and line.startswith(f"songngu: error: {tmp_path / 'bad.cfg'}: the pipeline config: "), line


def test_translate_without_the_mt_extra_is_one_line(tmp_path, capsys, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name in ("torch", "transformers") else real(name, *a)
    )
    code = main(["annotate", "x.txt", "-o", str(tmp_path / "out"), "--translate", "Helsinki-NLP/opus-mt-vi-en"])
    assert code == 2
    assert capsys.readouterr().err.splitlines() == [
        "songngu: error: --translate needs the 'mt' extra (torch, transformers not installed): pip install 'songngu[mt]'"
    ]


def test_exclude_adds_to_the_default_exclusions(tmp_path):
    for folder in ("gold", "drafts", "keep"):
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / "d.txt").write_text("Nga.", encoding="utf-8")
    assert main(["annotate", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--exclude", "drafts"]) == 0
    assert sorted(outputs(tmp_path / "out")) == ["keep/d.json"]


def test_the_output_directory_inside_the_input_is_not_read_back(tmp_path, capsys):
    # errors.jsonl is a .jsonl file: walked into, it would be read as documents on the rerun
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text("Nga.", encoding="utf-8")
    (tmp_path / "in" / "bad.txt").write_bytes(b"\xff")
    args = ["annotate", str(tmp_path / "in"), "-o", str(tmp_path / "in" / "out")]
    assert main(args) == 1
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.count("songngu: error:") == 2 and "0 annotated, 1 up to date, 1 failed" in err


def test_unwritable_output_is_an_exception_for_library_callers(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(OutputUnwritable, match="exists and is not a directory"):
        annotate([], tmp_path / "file", progress=False)

"""The batch runner on real text: validity, determinism, resume, bad input, crashes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import pytest

from pipeline.annotator import AnnotateOptions, Annotator
from pipeline.batch import ERRORS_FILE, annotate
from pipeline.batch.local import run_parallel
from pipeline.cli import main
from pipeline.contract import validate
from pipeline.ingest import SourceDocument
from tests.conftest import SEED


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


@pytest.fixture()
def small_corpus(tmp_path, seed_text) -> Path:
    """One document per paragraph of the seed passage, in two folders."""
    root = tmp_path / "corpus"
    (root / "part2").mkdir(parents=True)
    for i, para in enumerate(paragraphs(seed_text)):
        folder = root if i < 3 else root / "part2"
        (folder / f"p{i}.txt").write_text(para + "\n", encoding="utf-8")
    return root


def outputs(outdir: Path) -> dict[str, bytes]:
    return {p.relative_to(outdir).as_posix(): p.read_bytes() for p in sorted(outdir.rglob("*.json"))}


def test_corpus_passage_gives_one_valid_document(tmp_path, seed_text):
    summary = annotate([str(SEED)], tmp_path / "out", progress=False)
    assert (summary.annotated, summary.skipped, summary.failed) == (1, 0, 0)
    doc = json.loads((tmp_path / "out" / f"{SEED.stem}.json").read_text(encoding="utf-8"))
    validate(doc)
    assert doc["vi"]["text"] == seed_text
    assert len(doc["vi"]["sentences"]) >= 20
    words = {t["text"] for t in doc["vi"]["tokens"]}
    assert {"Liên bang", "Xô Viết", "Quân đoàn", "Azerbaijan"} <= words
    assert oct((tmp_path / "out" / f"{SEED.stem}.json").stat().st_mode & 0o777) != oct(0o600)


def test_output_tree_mirrors_input_tree_and_rerun_skips(tmp_path, small_corpus):
    out = tmp_path / "out"
    first = annotate([str(small_corpus)], out, progress=False)
    assert first.annotated == len(paragraphs(SEED.read_text(encoding="utf-8"))) and first.failed == 0
    assert "part2/p3.json" in outputs(out)
    before = outputs(out)
    again = annotate([str(small_corpus)], out, progress=False)
    assert (again.annotated, again.skipped) == (0, first.annotated)
    assert outputs(out) == before


def test_changed_input_or_options_are_redone_and_force_redoes_all(tmp_path, small_corpus):
    out = tmp_path / "out"
    total = annotate([str(small_corpus)], out, progress=False).annotated
    (small_corpus / "p0.txt").write_text("Quân đội Nga rút khỏi Karabakh năm 1993.\n", encoding="utf-8")
    assert annotate([str(small_corpus)], out, progress=False).annotated == 1
    other = AnnotateOptions(vi_overrides={"nlp.tokenizer.segmenter": "pyvi"})
    assert annotate([str(small_corpus)], out, other, progress=False).annotated == total
    assert annotate([str(small_corpus)], out, other, force=True, progress=False).annotated == total


@pytest.mark.slow
def test_output_is_byte_identical_whatever_the_worker_count(tmp_path, small_corpus):
    annotate([str(small_corpus)], tmp_path / "one", workers=1, progress=False)
    annotate([str(small_corpus)], tmp_path / "two", workers=2, progress=False)
    annotate([str(small_corpus)], tmp_path / "again", workers=1, progress=False)
    one = outputs(tmp_path / "one")
    assert one == outputs(tmp_path / "two") == outputs(tmp_path / "again")
    assert len(one) == len(paragraphs(SEED.read_text(encoding="utf-8")))


def test_bad_documents_are_reported_and_do_not_stop_the_batch(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a_good.txt").write_text("Quân Nga đóng tại Armenia.", encoding="utf-8")
    (src / "b_bad.txt").write_bytes(b"Nga \xc3\x28 Armenia")
    (src / "c_binary.txt").write_bytes(b"\x00\x01\x02")
    (src / "d_empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    code = main(["annotate", str(src), "-o", str(out)])
    assert code == 1
    assert sorted(outputs(out)) == ["a_good.json", "d_empty.json"]
    empty = validate(json.loads((out / "d_empty.json").read_text(encoding="utf-8")))
    assert empty["vi"]["sentences"] == [] and empty["vi"]["tokens"] == []
    errors = [json.loads(line) for line in (out / ERRORS_FILE).read_text(encoding="utf-8").splitlines()]
    assert [(Path(e["path"]).name, e["reason"]) for e in errors] == [
        ("b_bad.txt", "invalid UTF-8 at byte offset 4 (byte 0xc3)"),
        ("c_binary.txt", "binary file, not UTF-8 text (NUL byte at offset 0)"),
    ]
    err = capsys.readouterr().err
    assert f"{src / 'b_bad.txt'}: invalid UTF-8 at byte offset 4" in err
    assert "1 annotated" not in err and "2 annotated, 0 up to date, 2 failed" in err
    # a clean rerun removes the stale error list
    (src / "b_bad.txt").unlink()
    (src / "c_binary.txt").unlink()
    assert main(["annotate", str(src), "-o", str(out)]) == 0
    assert not (out / ERRORS_FILE).exists()


def test_a_document_that_crashes_its_annotator_is_reported(tmp_path, monkeypatch):
    real = Annotator.annotate

    def fragile(self, source):
        if source.id == "boom":
            raise RuntimeError("simulated model failure")
        return real(self, source)

    monkeypatch.setattr(Annotator, "annotate", fragile)
    src = tmp_path / "in"
    src.mkdir()
    (src / "boom.txt").write_text("Nổ.", encoding="utf-8")
    (src / "fine.txt").write_text("Ổn.", encoding="utf-8")
    summary = annotate([str(src)], tmp_path / "out", progress=False)
    assert summary.annotated == 1
    [error] = summary.errors
    assert error["id"] == "boom" and "RuntimeError: simulated model failure" in error["reason"]


# -- worker death: a document that kills its process ------------------------------


def _die_on_poison(source: SourceDocument):
    if source.id == "poison":
        os._exit(13)  # what a segfault or the OOM killer looks like from outside
    return source.id, source.text.upper(), None


def _no_setup() -> None:
    pass


def test_a_document_that_kills_its_worker_loses_no_other_document():
    docs = [
        SourceDocument(id=f"d{i}", text=f"văn bản {i}", sha256="0" * 64, path=f"d{i}.txt", format="txt")
        for i in range(6)
    ]
    docs.insert(2, SourceDocument(id="poison", text="x", sha256="0" * 64, path="poison.txt", format="txt"))
    results, ticks = {}, []

    def finish(order, source, text, error):
        results[source.id] = (text, error)
        ticks.append(1)

    run_parallel(
        iter(list(enumerate(docs))),
        2,
        finish,
        new_pool=lambda: ProcessPoolExecutor(2, mp_context=get_context("spawn"), initializer=_no_setup),
        work=_die_on_poison,
    )
    assert len(ticks) == len(docs) == len(results)
    assert results["poison"][0] is None and "worker process died" in results["poison"][1]
    assert all(results[f"d{i}"] == (f"VĂN BẢN {i}", None) for i in range(6))


class _PoolThatBreaksAtSubmit:
    """A pool whose workers run each document at once, and whose submit number ``breaks_at`` finds it broken:
    a worker died after ``wait`` returned and before that submit, so that submit raises, not a future."""

    def __init__(self, breaks_at: int | None):
        self.breaks_at, self.submitted = breaks_at, 0

    def submit(self, fn, source):
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        self.submitted += 1
        if self.submitted == self.breaks_at:
            raise BrokenProcessPool("A child process terminated abruptly")
        future = Future()
        future.set_result(fn(source))
        return future

    def shutdown(self, wait=True, cancel_futures=False):
        pass


@pytest.mark.parametrize("breaks_at", [1, 2, 3, 5])
def test_a_pool_found_broken_at_submit_loses_no_document(breaks_at):
    docs = [
        SourceDocument(id=f"d{i}", text=f"văn bản {i}", sha256="0" * 64, path=f"d{i}.txt", format="txt")
        for i in range(7)
    ]
    results: dict = {}
    pools = [_PoolThatBreaksAtSubmit(breaks_at), _PoolThatBreaksAtSubmit(None)]

    def finish(order, source, text, error):
        assert source.id not in results, "a document finished twice"
        results[source.id] = (text, error)

    run_parallel(iter(list(enumerate(docs))), 2, finish, new_pool=lambda: pools.pop(0), work=_die_on_poison)
    assert results == {f"d{i}": (f"VĂN BẢN {i}", None) for i in range(7)}


@pytest.mark.slow
def test_a_killed_run_leaves_only_whole_files_and_resumes(tmp_path, seed_text):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(40):
        (src / f"doc{i:02d}.txt").write_text(paragraphs(seed_text)[i % 6], encoding="utf-8")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline", "annotate", str(src), "-o", str(out)]
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.glob("*.json"))) < 3:
        time.sleep(0.05)
    proc.kill()
    proc.wait()
    done = outputs(out)
    assert 3 <= len(done) < 40, "the run should have been killed part-way"
    for _name, data in done.items():
        validate(json.loads(data))  # every file present is whole
    result = subprocess.run(cmd, capture_output=True, text=True, check=True)
    assert f"{40 - len(done)} annotated, {len(done)} up to date, 0 failed" in result.stderr
    assert len(outputs(out)) == 40
    assert not list(out.glob(".songngu-*.tmp"))


@pytest.mark.slow
def test_with_workers_a_missing_model_is_one_clear_error(tmp_path):
    # SONGNGU_MODELS is read when pipeline is imported: a fresh process.
    env = {**os.environ, "SONGNGU_MODELS": str(tmp_path / "no-models")}
    cmd = [sys.executable, "-m", "pipeline", "annotate", str(SEED), "-o", str(tmp_path / "out"), "--workers", "2"]
    result = subprocess.run(cmd, capture_output=True, text=True, env=env)
    assert result.returncode == 2
    assert f"{tmp_path / 'no-models' / 'segmenter'}: no such segmenter model directory" in result.stderr
    assert "Traceback" not in result.stderr and not list((tmp_path / "out").glob("*.json"))


def test_the_progress_bar_goes_to_stderr_never_stdout(tmp_path, capsys):
    # stdout may be a pipe the user reads; the bar and the summary belong on stderr
    assert main(["annotate", str(SEED), "-o", str(tmp_path / "out"), "--progress"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "docs/s" in err and "1 annotated" in err

"""Stopping a batch from outside: SIGTERM, SIGINT, kill -9 of the parent (issue 10, case 4).

Each test runs ``songngu annotate`` as a real process on 200 documents, waits for
the first outputs, then signals it (enough documents that the batch is still running
then, however fast the pipeline is).
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.contract import validate

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the process table from /proc (Linux)"),
]


DOCUMENTS = 200


def children(pid: int) -> set[int]:
    """Process ids whose parent is ``pid``, from /proc."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_until(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


@pytest.fixture()
def corpus(tmp_path, seed_text) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    paragraphs = [p for p in seed_text.split("\n\n") if p.strip()]
    for i in range(DOCUMENTS):
        (src / f"doc{i:02d}.txt").write_text(paragraphs[i % len(paragraphs)], encoding="utf-8")
    return src


@pytest.fixture()
def start():
    """Starts ``songngu annotate`` as a real process; at the test's end, one still running (a failed test) is
    killed, so that it does not stay blocked on its full stderr pipe after the run."""
    started: list[subprocess.Popen] = []

    def run(corpus: Path, out: Path, workers: int) -> subprocess.Popen:
        cmd = [sys.executable, "-m", "pipeline", "annotate", str(corpus), "-o", str(out), "--workers", str(workers)]
        # As a command typed in a terminal starts: SIGINT at its default. pytest run as a background job (`... &`)
        # passes SIGINT on ignored, and songngu keeps a signal ignored on purpose ignored (nohup, background jobs).
        proc = subprocess.Popen(
            cmd, stderr=subprocess.PIPE, text=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)
        )
        started.append(proc)
        return proc

    yield run
    for proc in started:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def whole_files(out: Path, killed: bool = False) -> int:
    files = sorted(out.glob("*.json"))
    for path in files:
        validate(json.loads(path.read_text(encoding="utf-8")))
    if not killed:  # a stopped run cleans up; after kill -9 the next run removes what was being written
        assert not list(out.glob(".songngu-*"))
    return len(files)


@pytest.mark.parametrize(("signum", "workers"), [(signal.SIGTERM, 2), (signal.SIGINT, 1)])
def test_a_signal_stops_the_workers_keeps_whole_files_and_says_what_was_done(tmp_path, corpus, start, signum, workers):
    out = tmp_path / "out"
    proc = start(corpus, out, workers)
    wait_until(lambda: len(list(out.glob("*.json"))) >= 2, 180, "the first outputs")
    workers_before = children(proc.pid)
    assert len(workers_before) == (workers if workers > 1 else 0)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum
    [last] = err.strip().splitlines()[-1:]
    done = whole_files(out)
    assert last == (
        f"songngu: stopped by {signal.Signals(signum).name}: {done} annotated, 0 up to date, 0 failed; "
        "the files written are whole: run the same command again to go on"
    )
    assert "Traceback" not in err
    wait_until(lambda: not any(alive(pid) for pid in workers_before), 10, "the workers to end")
    assert 2 <= done < DOCUMENTS


def test_a_killed_parent_takes_its_workers_with_it(tmp_path, corpus, start):
    out = tmp_path / "out"
    proc = start(corpus, out, 2)
    wait_until(lambda: len(list(out.glob("*.json"))) >= 1, 180, "the first output")
    workers = children(proc.pid)
    assert len(workers) == 2
    proc.kill()
    proc.wait()
    wait_until(lambda: not any(alive(pid) for pid in workers), 10, "the orphaned workers to end")
    whole_files(out, killed=True)


def test_a_signal_just_after_a_file_is_written_still_counts_that_file(tmp_path, corpus, monkeypatch):
    # The race CI once hit: the signal came between the output's rename and the count, and the
    # closing line said one document fewer than the files on disk.
    import os

    from pipeline.batch import BatchInterrupted, output
    from pipeline.batch import annotate as annotate_batch

    write = output.JsonFiles.write

    def write_then_signal(self, *args, **kwargs):
        result = write(self, *args, **kwargs)
        os.kill(os.getpid(), signal.SIGTERM)  # handled in this (main) thread before the next line runs
        return result

    monkeypatch.setattr(output.JsonFiles, "write", write_then_signal)
    out = tmp_path / "out"
    with pytest.raises(BatchInterrupted) as stopped:
        annotate_batch([str(corpus)], out, workers=1, progress=False)
    assert stopped.value.signal == signal.SIGTERM
    assert stopped.value.summary.annotated == whole_files(out) == 1


@pytest.fixture()
def sigint_at_python_default():
    """SIGINT as an interactive Python has it, for the in-process tests: pytest run as a background job
    (`... &`) starts with SIGINT ignored, and the batch keeps a signal ignored on purpose ignored."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, before)


def test_a_stop_swallowed_in_a_finalizer_is_raised_at_the_next_document_end(capfd, sigint_at_python_default):
    """A signal handler runs at whatever line the main thread is on; inside a finalizer its
    exception is swallowed by the interpreter. The stop must still happen, without a traceback."""
    import os

    from pipeline.batch import _signals_stop_the_batch, _Stop

    class SignalledWhileFinalised:
        def __del__(self):
            os.kill(os.getpid(), signal.SIGINT)
            for _ in range(1000):  # the handler runs between these lines, inside __del__
                pass

    with _signals_stop_the_batch() as stopper:
        SignalledWhileFinalised()  # finalised at once: the handler's _Stop is swallowed
        with pytest.raises(_Stop), stopper.held():  # the next document's end
            pass
    assert "Traceback" not in capfd.readouterr().err
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler

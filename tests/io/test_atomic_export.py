"""An export that fails midway (here: the disk fills) leaves every file it had not finished as it was.

The exporters write through ``pipeline.io.files``: a temporary file renamed into
place once complete. The disk is filled by a stand-in for ``os.fdopen`` whose
handles write until a byte budget is spent, then write what fits and raise
ENOSPC, as a full disk does.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from pipeline.io.brat import write_brat
from pipeline.io.files import TMP_PREFIX
from pipeline.io.labelstudio import write_labelstudio


class _FillingDisk:
    """A handle over a real one that fails with ENOSPC once ``budget[0]`` bytes have been written."""

    def __init__(self, handle, budget: list[int]):
        self._handle, self._budget = handle, budget

    def write(self, data: bytes) -> int:
        room = self._budget[0]
        if len(data) > room:
            self._handle.write(data[:room])  # a partial write reaches the file, as on a full disk
            self._handle.flush()
            self._budget[0] = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._budget[0] -= len(data)
        return self._handle.write(data)

    def __getattr__(self, name):
        return getattr(self._handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._handle.close()


@pytest.fixture
def disk_fills_after(monkeypatch):
    """``disk_fills_after(n)``: from now on the disk has room for ``n`` more bytes of output."""

    def fill(n: int) -> None:
        budget = [n]
        real = os.fdopen
        monkeypatch.setattr(os, "fdopen", lambda *a, **k: _FillingDisk(real(*a, **k), budget))

    return fill


def _contents(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _docs(make_tiny_document, corrected: bool) -> list[dict]:
    """Two documents; ``corrected`` gives the second run's versions (more text, another entity)."""
    tail = " hôm qua." if corrected else "."
    first = make_tiny_document(
        "Ông Nam đến Hà Nội" + tail,
        [("Ông", "N"), ("Nam", "Np"), ("đến", "V"), ("Hà Nội", "Np")],
        [("Nam", "PER"), ("Hà Nội", "LOC")] if corrected else [("Hà Nội", "LOC")],
        doc_id="nam",
    )
    second = make_tiny_document(
        "Bà Lan làm ở Đà Nẵng" + tail,
        [("Bà", "N"), ("Lan", "Np"), ("làm", "V"), ("ở", "E"), ("Đà Nẵng", "Np")],
        [("Lan", "PER"), ("Đà Nẵng", "LOC")] if corrected else [("Đà Nẵng", "LOC")],
        doc_id="lan",
    )
    return [first, second]


def test_brat_export_that_fails_in_the_second_document_keeps_its_old_pair(
    make_tiny_document, disk_fills_after, tmp_path
):
    old, new = _docs(make_tiny_document, False), _docs(make_tiny_document, True)
    out, fresh = tmp_path / "brat", tmp_path / "fresh"
    for doc in old:
        write_brat(doc, out)
    before = _contents(out)
    write_brat(new[0], fresh)  # the bytes a run writes for the first document (its pair and the conf files)
    first_run = _contents(fresh)
    # room for all of the first document and the second's .txt, then 3 bytes of its .ann
    disk_fills_after(sum(map(len, first_run.values())) + len(new[1]["vi"]["text"].encode()) + 3)

    with pytest.raises(OSError) as raised:
        for doc in new:
            write_brat(doc, out)
    assert raised.value.errno == errno.ENOSPC

    after = _contents(out)
    assert after.keys() == before.keys()  # no partial or temporary file left
    assert not [name for name in after if Path(name).name.startswith(TMP_PREFIX)]
    # the second document: its old .txt with its own old .ann, not the new text with the old offsets
    assert after["lan.txt"] == before["lan.txt"] == "Bà Lan làm ở Đà Nẵng.".encode()
    assert after["lan.ann"] == before["lan.ann"]
    # the first document was written whole
    assert after["nam.txt"] == first_run["nam.txt"] == "Ông Nam đến Hà Nội hôm qua.".encode()
    assert after["nam.ann"] == first_run["nam.ann"] != before["nam.ann"]


def test_labelstudio_export_that_fails_midway_keeps_the_old_tasks_file(make_tiny_document, disk_fills_after, tmp_path):
    out, fresh = tmp_path / "ls", tmp_path / "fresh"
    assert write_labelstudio(_docs(make_tiny_document, False), out) == 2
    before = _contents(out)
    write_labelstudio(_docs(make_tiny_document, True), fresh)
    new_tasks = (fresh / "tasks.json").read_bytes()
    assert new_tasks != before["tasks.json"]
    disk_fills_after(len(new_tasks) // 2)  # the disk fills halfway through the new tasks.json

    with pytest.raises(OSError) as raised:
        write_labelstudio(_docs(make_tiny_document, True), out)
    assert raised.value.errno == errno.ENOSPC

    assert _contents(out) == before  # the old tasks.json and config.xml, whole; nothing else there

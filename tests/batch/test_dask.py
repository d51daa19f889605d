"""--engine dask on a LocalCluster: the same files as the local engine, a killed worker loses nothing, resume (issue 11)."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from pipeline.batch import annotate

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local


def outputs(outdir: Path) -> dict[str, bytes]:
    return {p.relative_to(outdir).as_posix(): p.read_bytes() for p in sorted(outdir.rglob("*.json"))}


@pytest.fixture()
def corpus(tmp_path, seed_text) -> Path:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    paragraphs = [p for p in seed_text.split("\n\n") if p.strip()]
    for i in range(12):
        folder = src if i % 2 else src / "sub"
        (folder / f"doc{i:02d}.txt").write_text(paragraphs[i % len(paragraphs)], encoding="utf-8")
    (src / "broken.txt").write_bytes(b"Nga \xff")
    return src


def test_dask_writes_what_the_local_engine_writes_loses_nothing_to_a_killed_worker_and_resumes(
    tmp_path, corpus, cluster
):
    local = annotate([str(corpus)], tmp_path / "local", progress=False)
    assert (local.annotated, local.failed) == (12, 1)

    out = tmp_path / "dask"
    result = {}
    run = threading.Thread(
        target=lambda: result.setdefault(
            "summary",
            annotate([str(corpus)], out, engine="dask", scheduler=cluster.scheduler_address, progress=False),
        ),
        daemon=True,
    )
    with Client(cluster) as client:
        run.start()
        # kill a worker while it is annotating a document, once the batch is under way
        deadline = time.monotonic() + 300
        while True:
            assert time.monotonic() < deadline, "the batch did not start"
            busy = {w: keys for w, keys in client.processing().items() if keys}
            if outputs(out) and busy:
                break
            time.sleep(0.05)
        victim, keys = next(iter(busy.items()))
        pid = client.run(os.getpid, workers=[victim])[victim]
        os.kill(pid, signal.SIGKILL)
        run.join(600)
    assert not run.is_alive()
    summary = result["summary"]
    assert (summary.annotated, summary.skipped, summary.failed) == (12, 0, 1)
    assert outputs(out) == outputs(tmp_path / "local"), "the dask engine must write byte-identical files"
    assert (out / "errors.jsonl").read_bytes() == (tmp_path / "local" / "errors.jsonl").read_bytes()
    assert keys, "the killed worker had a document in flight"

    again = annotate([str(corpus)], out, engine="dask", scheduler=cluster.scheduler_address, progress=False)
    assert (again.annotated, again.skipped, again.failed) == (0, 12, 1)


def test_dask_jsonl_shards_match_the_local_engine(tmp_path, cluster):
    src = tmp_path / "in.jsonl"
    texts = ["Quân Nga đóng tại Armenia.", "Hà Nội là thủ đô.", "Ngày 11 tháng 9 năm 1992.", "Huế."]
    src.write_text(
        "".join(json.dumps({"id": f"d{i}", "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts)),
        encoding="utf-8",
    )
    kw = {"progress": False, "output_format": "jsonl", "shard_size": 3}
    annotate([str(src)], tmp_path / "local", **kw)
    annotate([str(src)], tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address, **kw)
    local = {p.name: p.read_bytes() for p in (tmp_path / "local").glob("shard-*.jsonl")}
    assert local == {p.name: p.read_bytes() for p in (tmp_path / "dask").glob("shard-*.jsonl")}
    assert sorted(local) == ["shard-00000.jsonl", "shard-00001.jsonl"]

"""The benches time the stages as ``songngu annotate`` runs them: numpy's OpenBLAS with one thread."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

OPENBLAS_THREADS = """
import json, sys
sys.path.insert(0, ".")
import bench.timing
import numpy
from threadpoolctl import threadpool_info
print(json.dumps(sorted({pool["num_threads"] for pool in threadpool_info() if pool["internal_api"] == "openblas"})))
"""


def _threads(env_threads: str | None) -> list[int]:
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if env_threads is not None:
        env["OPENBLAS_NUM_THREADS"] = env_threads
    result = subprocess.run(
        [sys.executable, "-c", OPENBLAS_THREADS], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_bench_gives_numpy_one_openblas_thread_as_the_annotator_does():
    # without it, bench/events_cost.py and bench/ner.py --speed timed numpy with a thread per CPU
    assert _threads(None) == [1]


def test_a_bench_keeps_the_users_own_thread_setting():
    assert _threads("2") == [2]

"""Two checkouts of songngu on the same corpus, run side by side: CPU time of each, pair by pair.

    python bench/paired.py OTHER_CHECKOUT [--rounds 4] [--conllu ...] [--documents 80]

On a machine shared with other jobs, CPU time also swings with the load (caches and
cores shared with the other processes): two runs of the same command minutes apart
can differ by a fifth, more than a speed change is worth. So this compares the
checkout it lives in ("this") with another one ("other", e.g. a ``git worktree``
of main before a change) by starting both commands *at the same moment*, so that
both see the same load, round after round, alternating which starts first. Each
round runs ``songngu annotate CORPUS --workers 1`` (the corpus ``bench/throughput.py``
builds) and the same command on one sentence (start-up), in both checkouts, with
this checkout's Python environment (each command runs in its checkout's folder,
so its own ``pipeline`` package is the one imported). The pairs' CPU times are
printed, their means, and whether both wrote the same files.

The absolute figures are inflated (two commands share the CPUs); the ratio of the
means is what to read. ``bench/throughput.py`` gives the figures against
underthesea.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.throughput import (  # noqa: E402
    DEFAULT_CONLLU,
    MEASURE,
    compile_bytecode,
    documents,
    load_sentences,
    same_outputs,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("other", type=Path, help="the other checkout (a folder holding pipeline/)")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--conllu", type=Path, default=DEFAULT_CONLLU)
    parser.add_argument("--documents", type=int, default=80)
    args = parser.parse_args()
    if not (args.other / "pipeline" / "__init__.py").is_file():
        raise SystemExit(f"{args.other}: not a songngu checkout (no pipeline/__init__.py)")
    checkouts = {"this": ROOT, "other": args.other.resolve()}
    for checkout in checkouts.values():
        compile_bytecode(checkout)  # as installed packages are (see bench/throughput.py)

    sentences = load_sentences(args.conllu)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus, tiny = tmp / "corpus", tmp / "tiny"
        corpus.mkdir()
        tiny.mkdir()
        for i, text in enumerate(documents(sentences, args.documents)):
            (corpus / f"d{i:03d}.txt").write_text(text, encoding="utf-8")
        (tiny / "one.txt").write_text(sentences[0], encoding="utf-8")
        print(f"{args.conllu.name}, {args.documents} documents; load average {os.getloadavg()[0]:.1f} at start")

        # Each checkout has its own start-up cache (pipeline.startup.cached), filled by one run before the
        # rounds: the cache keeps one file per name, keyed by the code that computes it, so two checkouts
        # whose code differs would each remove the other's file and compute it again in every run.
        environments = {name: {**os.environ, "SONGNGU_CACHE_DIR": str(tmp / f"cache-{name}")} for name in checkouts}
        for name, checkout in checkouts.items():
            subprocess.run(
                [sys.executable, "-m", "pipeline", "annotate", str(tiny), "-o", str(tmp / "warm"), "--force"],
                cwd=checkout,
                env=environments[name],
                check=True,
                capture_output=True,
            )

        cpu: dict[str, list[float]] = {}
        for k in range(args.rounds):
            names = list(checkouts) if k % 2 == 0 else list(reversed(checkouts))
            for source, what in ((corpus, "annotate"), (tiny, "start-up")):
                running = {
                    name: subprocess.Popen(
                        [sys.executable, "-c", MEASURE, sys.executable, "-m", "pipeline", "annotate", str(source)]
                        + ["-o", str(tmp / f"out-{what}-{name}"), "--workers", "1", "--force"],
                        stdout=subprocess.PIPE,
                        text=True,
                        cwd=checkouts[name],
                        env=environments[name],
                    )
                    for name in names
                }
                for name, process in running.items():
                    out, _ = process.communicate()
                    run = json.loads(out.strip().splitlines()[-1])
                    if run["rc"]:
                        raise SystemExit(f"{name} ({checkouts[name]}): songngu annotate failed ({run['rc']})")
                    cpu.setdefault(f"{what} {name}", []).append(run["cpu"])
            print(
                f"round {k + 1}: "
                + ", ".join(f"{key} {values[-1]:.2f}" for key, values in sorted(cpu.items()))
                + f" (CPU s; load average {os.getloadavg()[0]:.1f})",
                flush=True,
            )
        means = {key: sum(values) / len(values) for key, values in cpu.items()}
        for what in ("annotate", "start-up"):
            this, other = means[f"{what} this"], means[f"{what} other"]
            print(f"{what:9} mean CPU s: this {this:.2f}, other {other:.2f}, this / other {this / other:.2f}")
        this_work = means["annotate this"] - means["start-up this"]
        other_work = means["annotate other"] - means["start-up other"]
        print(
            f"without the start-up: this {this_work:.2f}, other {other_work:.2f}, this / other {this_work / other_work:.2f}"
        )
        same = same_outputs(tmp / "out-annotate-this", tmp / "out-annotate-other")
        print(f"both checkouts wrote the same files: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

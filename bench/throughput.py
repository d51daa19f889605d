"""Throughput of songngu against underthesea on the same text: whole processes, wall and CPU time.

    python bench/throughput.py [--conllu $SONGNGU_DATA/ud-vietnamese-vtb/vi_vtb-ud-dev.conllu ...]
                               [--documents 80] [--workers 1 2] [--repeat 1]
                               [--stages] [--large-mb 5] [--check]

The corpus is the ``# text`` of UD Vietnamese-VTB dev (CC BY-SA 4.0): its sentences in
order, split evenly into ``--documents`` documents (80: 14 sentences each), paragraphs of
5 sentences. Several ``--conllu`` files are read one after the other: VTB dev and train
(2,523 sentences) with ``--documents 180`` make documents of the same size, two and a
quarter times as many, on which the start-up weighs less against the annotation. Every row is a whole command, start-up and model loading included, run as
a child process and measured by wall-clock time and by CPU time (user + system, the
command and all its worker processes: ``getrusage(RUSAGE_CHILDREN)``), so that a busy
machine can still be read: CPU time hardly depends on what else runs, wall time does.
Speed is in syllables (whitespace-separated pieces holding a letter or a digit) per
second and per CPU-second, and as ratios to underthesea measured in the same run.

Rows:
* ``underthesea.ner`` on every sentence of the corpus, in one Python process (what a
  user who wants words, POS, chunks and entities from underthesea runs; it gets the
  sentences ready-split, which songngu does itself);
* ``songngu annotate CORPUS -o OUT --workers N`` for each ``--workers``, with its CPU time
  split by process: the command's own (start-up, reading inputs, writing outputs) and its
  workers' (:data:`SPLIT`); for ``--workers 2``, its workers' CPU time against ``--workers
  1``'s less the start-up, and the parent's own while they run: what keeps it below the bound;
* start-up: the same command on a one-sentence document (imports and model loading,
  which every run pays once, before any worker starts); with it, the best ``--workers
  2`` can do against ``--workers 1`` on this corpus (start-up serial, the rest halved);
* ``--large-mb M``: one document of about M MB (the corpus text repeated), with
  ``--workers 1``: its syllables/s against the small documents', and its peak RSS;
* ``--stages``: songngu's Vietnamese pipeline in this process, stage by stage (CPU
  seconds of the tokenizer and of each component, on the same documents);
* ``--check``: the outputs of every ``--workers`` run are byte-identical.

Peak RSS is the largest single process of the command (``ru_maxrss`` of the children).
songngu's modules are compiled to bytecode first (:func:`compile_bytecode`), as an installed
package's are, and its commands have a start-up cache of their own (``SONGNGU_CACHE_DIR`` in the run's
temporary folder), filled by one command before the rows are measured.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.timing import stage_cpu  # noqa: E402
from pipeline import vtb_file  # noqa: E402

DEFAULT_CONLLU = vtb_file("dev")  # $SONGNGU_DATA/ud-vietnamese-vtb/

#: Runs a command as its own child and prints its wall time, CPU time and peak RSS
#: (so that the measures cover exactly that command and its workers); with the command's
#: own split (:data:`SPLIT`, written to the file ``$SONGNGU_BENCH_SPLIT`` names), that too.
MEASURE = """
import json, os, resource, subprocess, sys, time
start = time.perf_counter()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
if rc.returncode:
    print(rc.stderr[-2000:], file=sys.stderr)
rc = rc.returncode
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
run = {"rc": rc, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mib": usage.ru_maxrss / 1024}
split = os.environ.get("SONGNGU_BENCH_SPLIT")
if split and os.path.exists(split):
    with open(split) as f:
        run.update(json.load(f))
    os.unlink(split)
print(json.dumps(run))
"""

#: ``songngu`` as ``python -m pipeline`` runs it (:func:`pipeline.cli.run`: :func:`main`, then ``os._exit``, no
#: interpreter teardown), writing to ``$SONGNGU_BENCH_SPLIT`` the CPU time of the command's own process (the
#: parent), of it when its models were loaded (the engine made: the start-up of this very run), and of its worker
#: processes (reaped when the pool shuts down, before ``main`` returns). With ``--workers 2`` the rest of a run
#: is split in two only where the workers' CPU time is ``--workers 1``'s annotation (its process's CPU after the
#: models were loaded); the parent's own share while they run is not split.
SPLIT = """
import json, logging, os, resource, sys
import pipeline.batch.local as local
def cpu(who=resource.RUSAGE_SELF):
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime
loaded = []
load = local.LocalEngine.__init__
def timed_load(self, *args, **kwargs):
    load(self, *args, **kwargs)
    loaded.append(cpu())
local.LocalEngine.__init__ = timed_load
from pipeline.cli import main
code = main(sys.argv[1:])
split = {"parent_cpu": cpu(), "workers_cpu": cpu(resource.RUSAGE_CHILDREN), "loaded_cpu": loaded[0]}
with open(os.environ["SONGNGU_BENCH_SPLIT"], "w") as f:
    json.dump(split, f)
logging.shutdown()
sys.stdout.flush()
sys.stderr.flush()
os._exit(code)
"""

#: The underthesea baseline: one process, underthesea.ner on each line of a file.
STOCK = """
import sys
import underthesea
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        underthesea.ner(line.rstrip("\\n"))
"""


def count_syllables(text: str) -> int:
    return sum(1 for piece in text.split() if any(ch.isalnum() for ch in piece))


def load_sentences(path: Path) -> list[str]:
    from pipeline.io.conllu import read_conllu

    return [s.text for s in read_conllu(path)]


def documents(sentences: list[str], count: int, per_paragraph: int = 5) -> list[str]:
    """``count`` documents of consecutive sentences (as even as can be), paragraphs of ``per_paragraph``."""
    docs = []
    for d in range(count):
        part = sentences[d * len(sentences) // count : (d + 1) * len(sentences) // count]
        paragraphs = [" ".join(part[i : i + per_paragraph]) for i in range(0, len(part), per_paragraph)]
        docs.append("\n\n".join(paragraphs))
    return docs


def run_once(command: list[str], env: dict[str, str] | None = None) -> dict:
    """One run of ``command`` (in the environment ``env``, default this one's): wall, CPU, peak RSS."""
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, cwd=ROOT, check=True, env=env
    )
    run = json.loads(result.stdout.strip().splitlines()[-1])
    if run["rc"] != 0:
        raise SystemExit(f"failed ({run['rc']}): {' '.join(command)}\n{result.stderr}")
    return run


def best(runs: list[dict]) -> dict:
    """The least CPU of ``runs``, with the least wall time and the largest peak RSS among them."""
    out = dict(min(runs, key=lambda r: r["cpu"]))
    out["wall"] = min(r["wall"] for r in runs)
    out["rss_mib"] = max(r["rss_mib"] for r in runs)
    return out


def measure(commands: dict[str, tuple[list[str], dict[str, str] | None]], repeat: int) -> dict[str, dict]:
    """The best of ``repeat`` runs of each of ``commands`` (name -> command, environment), run in rounds.

    Each round runs every command once, in turn, instead of one command ``repeat`` times and then the
    next: this machine's speed drifts by tens of percent within minutes (a shared host), and a drift
    then fell on one command's runs only and moved the ratios between them (the same code gave 2.40x
    and 3.21x underthesea in two consecutive runs, f1bc420). In rounds a slow spell touches every command.
    """
    runs: dict[str, list[dict]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, (command, env) in commands.items():
            runs[name].append(run_once(command, env))
    return {name: best(done) for name, done in runs.items()}


def songngu(corpus: Path, out: Path, workers: int, split: bool = False) -> list[str]:
    """The command line of ``songngu annotate``; with ``split``, run through :data:`SPLIT`."""
    start = ["-c", SPLIT] if split else ["-m", "pipeline"]
    return [sys.executable, *start, "annotate", str(corpus), "-o", str(out), "--workers", str(workers)]


def same_outputs(a: Path, b: Path) -> bool:
    files = sorted(p.relative_to(a) for p in a.rglob("*.json"))
    return files == sorted(p.relative_to(b) for p in b.rglob("*.json")) and all(
        filecmp.cmp(a / f, b / f, shallow=False) for f in files
    )


def compile_bytecode(checkout: Path) -> None:
    """Compile the checkout's ``pipeline`` package to bytecode (its ``__pycache__`` folders), as installing does.

    songngu runs here from its source folder. Where ``PYTHONDONTWRITEBYTECODE`` is set (it is on the
    machine the figures in bench/results come from), Python never writes the compiled modules of such a
    package, so every command compiled songngu's 90 modules from source again: about 0.35 CPU s per
    process, which an installed songngu does not pay, nor underthesea, whose modules pip compiled. So
    the package is compiled once, before anything is measured.
    """
    import compileall

    compileall.compile_dir(checkout / "pipeline", quiet=1)


def git_commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True, cwd=ROOT
        )
        return out.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")
    except OSError:
        return "?"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conllu", type=Path, nargs="+", default=[DEFAULT_CONLLU], help="read in this order")
    parser.add_argument("--documents", type=int, default=80)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="rounds: each runs every command once; the least CPU time of each command is kept",
    )
    parser.add_argument("--stages", action="store_true", help="also time each pipeline stage in this process")
    parser.add_argument("--large-mb", type=float, default=0, help="also annotate one document of about this size")
    parser.add_argument("--check", action="store_true", help="check that every --workers run gives the same files")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON too")
    args = parser.parse_args()

    sentences = [sentence for path in args.conllu for sentence in load_sentences(path)]
    docs = documents(sentences, args.documents)
    syllables = sum(count_syllables(s) for s in sentences)
    assert syllables == sum(count_syllables(d) for d in docs)
    print(
        f"{' + '.join(path.name for path in args.conllu)}: {len(sentences)} sentences, {syllables:,} syllables, {len(docs)} documents; "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start; Python {platform.python_version()}; "
        f"commit {git_commit()}; {time.strftime('%Y-%m-%d')}"
    )

    compile_bytecode(ROOT)
    rows: list[tuple[str, dict, int]] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = tmp / "corpus"
        corpus.mkdir()
        for i, text in enumerate(docs):
            (corpus / f"d{i:03d}.txt").write_text(text, encoding="utf-8")
        (tmp / "sentences.txt").write_text("".join(s + "\n" for s in sentences), encoding="utf-8")
        tiny = tmp / "tiny"
        tiny.mkdir()
        (tiny / "one.txt").write_text(sentences[0], encoding="utf-8")
        # songngu's commands get a start-up cache of their own (pipeline.startup.cached), filled by one
        # command before anything is measured: the user's cache is shared by every checkout on the
        # machine, and one whose code differs replaces its files, so that a command measured here could
        # find them gone and compute them again (0.3 CPU s and more, in the start-up).
        env = {**os.environ, "SONGNGU_CACHE_DIR": str(tmp / "cache")}
        subprocess.run(
            [*songngu(tiny, tmp / "out-warm", 1), "--force"], cwd=ROOT, env=env, check=True, capture_output=True
        )

        stock_name = "underthesea.ner per sentence (one process)"
        # Start-up alone: the same command on one short document. It is paid before any
        # worker starts, so it bounds what --workers can give on this corpus (Amdahl).
        commands = {
            stock_name: ([sys.executable, "-c", STOCK, str(tmp / "sentences.txt")], None),
            "start-up": ([*songngu(tiny, tmp / "out-tiny", 1), "--force"], env),
        }
        outputs = {}
        for workers in args.workers:
            outputs[workers] = tmp / f"out-{workers}"
            commands[f"songngu annotate --workers {workers}"] = (
                [*songngu(corpus, outputs[workers], workers, split=True), "--force"],
                {**env, "SONGNGU_BENCH_SPLIT": str(tmp / f"split-{workers}.json")},
            )
        measured = measure(commands, args.repeat)
        startup = measured.pop("start-up")
        rows.extend((name, run, syllables) for name, run in measured.items())
        if args.large_mb:
            large = tmp / "large"
            large.mkdir()
            text = "\n\n".join(docs)
            copies = max(1, round(args.large_mb * 1e6 / len(text.encode("utf-8"))))
            big = "\n\n".join([text] * copies)
            (large / "large.txt").write_text(big, encoding="utf-8")
            run = run_once([*songngu(large, tmp / "out-large", 1), "--force"], env)
            mb = len(big.encode("utf-8")) / 1e6
            rows.append((f"songngu annotate --workers 1, one {mb:.1f} MB document", run, syllables * copies))

        stock = rows[0][1]
        stock_wall_rate = rows[0][2] / stock["wall"]
        stock_cpu_rate = rows[0][2] / stock["cpu"]
        header = (
            f"{'what':55} {'wall s':>8} {'CPU s':>8} {'syll/s':>8} {'syll/CPU-s':>10} "
            f"{'x wall':>7} {'x CPU':>6} {'peak RSS':>9}"
        )
        print(header)
        print("-" * len(header))
        for name, run, n in rows:
            wall_rate, cpu_rate = n / run["wall"], n / run["cpu"]
            print(
                f"{name:55} {run['wall']:8.2f} {run['cpu']:8.2f} {wall_rate:8,.0f} {cpu_rate:10,.0f} "
                f"{wall_rate / stock_wall_rate:6.2f}x {cpu_rate / stock_cpu_rate:5.2f}x {run['rss_mib']:6.0f} MiB"
            )
        by_workers = {
            int(name.split()[-1]): run
            for name, run, _ in rows
            if name.startswith("songngu annotate --workers") and "document" not in name
        }
        print(
            f"start-up (songngu annotate on one sentence, --workers 1): {startup['wall']:.2f} s wall, "
            f"{startup['cpu']:.2f} CPU s, peak RSS {startup['rss_mib']:.0f} MiB"
        )
        for workers, run in sorted(by_workers.items()):
            if "parent_cpu" in run:
                print(
                    f"--workers {workers}, CPU s by process: the command's own {run['parent_cpu']:.2f} "
                    f"({run['loaded_cpu']:.2f} of it until the models were loaded), its workers {run['workers_cpu']:.2f}"
                )
        if 1 in by_workers and 2 in by_workers:
            one = by_workers[1]["wall"]
            # start-up runs once, the rest splits over two workers at best
            bound = one / (startup["wall"] + (one - startup["wall"]) / 2)
            print(
                f"--workers 2 against --workers 1, wall: {one / by_workers[2]['wall']:.2f}x "
                f"(at most {bound:.2f}x with the start-up serial and the rest halved)"
            )
            two = by_workers[2]
            if "parent_cpu" in two and "parent_cpu" in by_workers[1]:
                # Where --workers 2 loses against that bound, in CPU seconds: the workers' CPU beyond --workers 1's
                # annotation (its process's CPU after its models were loaded), and the parent's own while they run.
                rest = by_workers[1]["parent_cpu"] - by_workers[1]["loaded_cpu"]
                parent = two["parent_cpu"] - two["loaded_cpu"]
                print(
                    f"--workers 2's annotation, CPU s: its workers {two['workers_cpu']:.2f} against --workers 1's "
                    f"{rest:.2f} ({100 * (two['workers_cpu'] / rest - 1):+.1f}%), and the parent's own {parent:.2f} "
                    "while they run (reading inputs, writing outputs)"
                )
        if args.large_mb and 1 in by_workers:
            large_run, large_n = rows[-1][1], rows[-1][2]
            print(
                f"one large document against the small documents (--workers 1), syllables per CPU-second: "
                f"{(large_n / large_run['cpu']) / (syllables / by_workers[1]['cpu']):.2f}x; wall: "
                f"{(large_n / large_run['wall']) / (syllables / by_workers[1]['wall']):.2f}x"
            )
            # Both commands pay the start-up once; on the small corpus it is a large share.
            small_rate = syllables / (by_workers[1]["cpu"] - startup["cpu"])
            large_rate = large_n / (large_run["cpu"] - startup["cpu"])
            print(
                f"the same without the start-up (its CPU time taken off both): {large_rate:,.0f} against "
                f"{small_rate:,.0f} syllables per CPU-second, {large_rate / small_rate:.2f}x"
            )
        status = 0
        if args.check and len(outputs) > 1:
            first, *others = outputs.values()
            same = all(same_outputs(first, other) for other in others)
            print(f"outputs of every --workers run byte-identical: {same}")
            status = 0 if same else 1

    if args.stages:
        from pipeline.annotator import Annotator

        nlp = Annotator().vi
        nlp(docs[0])  # warm
        _, times = stage_cpu(nlp, docs)  # the tokenizer and each component, in this process
        total = sum(times.values())
        print(f"\nsongngu's Vietnamese pipeline in one process, CPU seconds per stage ({total:.2f} s in all):")
        for name, seconds in sorted(times.items(), key=lambda kv: -kv[1]):
            print(f"  {name:24} {seconds:6.2f}  {100 * seconds / total:5.1f}%")
    if args.json:
        print(
            json.dumps(
                {
                    "syllables": syllables,
                    "startup": startup,
                    "rows": [{"what": n, **r, "syllables": s} for n, r, s in rows],
                }
            )
        )
    return status


if __name__ == "__main__":
    sys.exit(main())

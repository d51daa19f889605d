"""Where one ``songngu annotate --workers 1`` process spends its CPU time, part by part, in one run.

    python bench/account.py [--conllu ...] [--documents 80]

``bench/throughput.py`` times whole commands, and its ``--stages`` the pipeline's stages
in its own process, minutes later; on a shared machine CPU time itself swings by a
third between runs minutes apart, so the whole command minus start-up minus stages
is no measure of what lies outside the stages. This runs the command's own code
(``pipeline.cli.main``, ``songngu annotate CORPUS -o OUT --workers 1 --force``) in this
process, on the corpus ``bench/throughput.py`` builds, with a CPU-time clock
(:func:`time.process_time`) around each part, so that every figure comes from the
same run:

* the interpreter's start, ``import pipeline.cli``;
* start-up: loading the pipelines (the local engine's ``Annotator``);
* each stage of the Vietnamese pipeline (the tokenizer, then each component);
* the JSON layer (``layer_from_doc``), the contract check (``build_document``),
  encoding the file (``serialise``), writing it (the sink), reading the inputs;
* garbage collection (timed with :data:`gc.callbacks`), inside the parts above;
* the rest of ``main``: the parser (importing each stage's command module), the
  output folder, the progress bar, the batch's bookkeeping.

The wrappers add about a microsecond per call (a few hundred calls per document);
the teardown after ``main`` (skipped by the ``songngu`` script: ``pipeline.cli.run``)
is not counted.
"""

from __future__ import annotations

import time

#: CPU time of this process so far: the interpreter's start (process_time counts from the process's start).
_STARTED = time.process_time()

import argparse  # noqa: E402
import gc  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


#: Builds the corpus in a child process, so that this one imports nothing of songngu before the command does.
MAKE_CORPUS = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from bench.throughput import compile_bytecode, documents, load_sentences
compile_bytecode(Path(sys.argv[1]))
for i, text in enumerate(documents(load_sentences(Path(sys.argv[2])), int(sys.argv[3]))):
    (Path(sys.argv[4]) / f"d{i:03d}.txt").write_text(text, encoding="utf-8")
"""


def main() -> int:
    import subprocess

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conllu", type=Path, help="default: UD Vietnamese-VTB dev, as bench/throughput.py")
    parser.add_argument("--documents", type=int, default=80)
    args = parser.parse_args()
    conllu = args.conllu or default_conllu()

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        subprocess.run(
            [sys.executable, "-c", MAKE_CORPUS, str(ROOT), str(conllu), str(args.documents), str(corpus)], check=True
        )
        setup = time.process_time() - _STARTED  # this script's own set-up: not the command's
        spent, import_cli, total = account([str(corpus), "-o", str(Path(tmp) / "out"), "--workers", "1", "--force"])
    command = total - setup

    print(
        f"{conllu.name}, {args.documents} documents; load average {os.getloadavg()[0]:.1f}; "
        f"commit {commit()}; Python {sys.version.split()[0]}"
    )
    print(f"songngu annotate --workers 1, in this process: {command:.2f} CPU s")
    groups = {
        "start-up and the command around the documents": [
            ("the interpreter's start (before the first line)", _STARTED),
            ("import pipeline.cli", import_cli),
            *((k, v) for k, v in spent.items() if k.startswith(("start-up", "the rest of main"))),
        ],
        "the pipeline's stages": [(k, v) for k, v in spent.items() if k.startswith("stage ")],
        "outside the stages, per document": [
            (k, v) for k, v in spent.items() if not k.startswith(("stage ", "start-up", "the rest of main", "("))
        ],
    }
    for group, rows in groups.items():
        subtotal = sum(v for _, v in rows)
        print(f"{group}: {subtotal:.2f} CPU s, {100 * subtotal / command:.1f}%")
        for name, seconds in rows:
            print(f"  {name:58} {seconds:6.2f}  {100 * seconds / command:5.1f}%")
    accounted = sum(v for rows in groups.values() for _, v in rows)
    print(f"accounted for: {accounted:.2f} of {command:.2f} CPU s")
    for name, seconds in spent.items():
        if name.startswith("("):
            print(f"{name}: {seconds:.2f} CPU s")
    return 0


def default_conllu() -> Path:
    import subprocess

    # pipeline.vtb_file, asked of a child: importing pipeline here would count as the command's
    code = "import pipeline; print(pipeline.vtb_file('dev'))"
    return Path(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
        ).stdout.strip()
    )


def commit() -> str:
    import subprocess

    out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    return out.stdout.strip() or "?"


def account(argv: list[str]) -> tuple[dict[str, float], float, float]:
    """Run ``songngu annotate *argv`` here: the CPU seconds of each part, of ``import pipeline.cli``, and the total."""
    start = time.process_time()
    import pipeline.cli

    import_cli = time.process_time() - start
    import pipeline.annotator as annotator_module
    import pipeline.batch as batch_module
    import pipeline.batch.local as local_module
    import pipeline.batch.output as output_module
    import pipeline.batch.worker as worker_module

    spent: Counter = Counter()

    def timed(label: str, function):
        def call(*a, **k):
            start = time.process_time()
            try:
                return function(*a, **k)
            finally:
                spent[label] += time.process_time() - start

        return call

    gc_started = [0.0]

    def gc_clock(phase: str, info: dict) -> None:
        if phase == "start":
            gc_started[0] = time.process_time()
        else:
            spent["(garbage collection, inside the parts above)"] += time.process_time() - gc_started[0]

    engine_init = local_module.LocalEngine.__init__

    def init(self, *a, **k):
        engine_init(self, *a, **k)
        # the modules the first document imports are imported by now: wrap their functions
        import pipeline.io.jsondoc as jsondoc

        jsondoc.layer_from_doc = timed("JSON layer (layer_from_doc)", jsondoc.layer_from_doc)
        jsondoc.build_document = timed("contract check (build_document)", jsondoc.build_document)
        nlp = self.annotator.vi
        nlp.tokenizer = TimedTokenizer(nlp.tokenizer, timed("stage tokenizer", nlp.tokenizer))
        # Language.__call__ runs the components of nlp._components; each is wrapped in place.
        nlp._components[:] = [(name, timed(f"stage {name}", proc)) for name, proc in nlp._components]

    class TimedTokenizer:
        """The tokenizer, its calls timed; anything else read from it is the tokenizer's own."""

        def __init__(self, tokenizer, call):
            self._tokenizer, self._call = tokenizer, call

        def __call__(self, text):
            return self._call(text)

        def __getattr__(self, name):
            return getattr(self._tokenizer, name)

    local_module.LocalEngine.__init__ = timed("start-up (loading the pipelines)", init)
    annotator_module.Annotator.run = timed(
        "(one document: its stages, layer and check included)", annotator_module.Annotator.run
    )
    worker_module.serialise = timed("encoding the JSON (serialise)", worker_module.serialise)
    output_module.JsonFiles.write = timed("writing the files (sink)", output_module.JsonFiles.write)
    batch_module.read_inputs = timed_iterator(spent, "reading the inputs", batch_module.read_inputs)
    gc.callbacks.append(gc_clock)
    start = time.process_time()
    try:
        pipeline.cli.main(["annotate", *argv, "-q"])
    finally:
        gc.callbacks.remove(gc_clock)
    in_main = time.process_time() - start
    # The parts without parentheses do not overlap: what main spent besides them is the rest.
    parts = {k: v for k, v in spent.items() if not k.startswith("(")}
    document = spent.pop("(one document: its stages, layer and check included)")
    inside = sum(v for k, v in parts.items() if k.startswith("stage ") or k.startswith(("JSON layer", "contract")))
    spent["the rest of each document (normalising, the English check)"] = document - inside
    spent["the rest of main (parser, output folder, bookkeeping)"] = in_main - sum(parts.values()) - (document - inside)
    return dict(spent), import_cli, time.process_time()


def timed_iterator(spent: Counter, label: str, function):
    def call(*a, **k):
        iterator = function(*a, **k)
        while True:
            start = time.process_time()
            try:
                item = next(iterator)
            except StopIteration:
                spent[label] += time.process_time() - start
                return
            spent[label] += time.process_time() - start
            yield item

    return call


if __name__ == "__main__":
    sys.exit(main())

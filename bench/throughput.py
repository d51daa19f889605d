"""Throughput of songngu against underthesea on the same text, and per stage.

    python bench/throughput.py [--conllu $SONGNGU_DATA/ud-vietnamese-vtb/vi_vtb-ud-dev.conllu]
                               [--sentences N] [--repeat 3] [--workers 1 2]

The text is the ``# text`` of UD Vietnamese-VTB dev (CC BY-SA 4.0), grouped into
paragraphs of 10 sentences and documents of 5 paragraphs (23 documents). Speed is reported in
syllables per second (a syllable: a whitespace-separated piece holding a
letter or a digit) and, because machines are noisy, as ratios to underthesea
measured in the same run. Each timing is the best of ``--repeat`` runs.

Rows:
* underthesea ``word_tokenize`` / ``ner`` called directly on every sentence
  (``ner`` returns words, POS, chunks and entities: what a user who calls
  underthesea for the same annotations runs);
* songngu's Vietnamese pipeline stage by stage (the tokenizer, then each
  component) and end to end (pipeline + JSON writing + contract validation);
* ``songngu annotate`` as a command, single process and with ``--workers N``,
  start-up and model loading included, with its peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import vtb_file  # noqa: E402

DEFAULT_CONLLU = vtb_file("dev")  # $SONGNGU_DATA/ud-vietnamese-vtb/


def count_syllables(text: str) -> int:
    return sum(1 for piece in text.split() if any(ch.isalnum() for ch in piece))


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def load_sentences(path: Path, limit: int | None) -> list[str]:
    from pipeline.io.conllu import read_conllu

    sentences = [s.text for s in read_conllu(path)]
    return sentences[:limit] if limit else sentences


def documents(sentences: list[str], per_paragraph: int = 10, per_document: int = 5) -> list[str]:
    paragraphs = [" ".join(sentences[i : i + per_paragraph]) for i in range(0, len(sentences), per_paragraph)]
    return ["\n\n".join(paragraphs[i : i + per_document]) for i in range(0, len(paragraphs), per_document)]


def run_cli(corpus: Path, workers: int) -> tuple[float, int]:
    """Wall time and peak RSS (KiB, largest process) of `songngu annotate`."""
    with tempfile.TemporaryDirectory() as out:
        code = (
            "import resource, sys, time; from pipeline.cli import main; t = time.perf_counter(); "
            f"rc = main(['annotate', {str(corpus)!r}, '-o', {out!r}, '--workers', '{workers}', '--no-progress']); "
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
            "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(rc)"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
        if result.returncode != 0:
            raise SystemExit(f"songngu annotate failed:\n{result.stderr}")
        seconds, rss_self, rss_children = result.stderr.strip().splitlines()[-1].split()
        return float(seconds), max(int(rss_self), int(rss_children))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conllu", type=Path, default=DEFAULT_CONLLU)
    parser.add_argument("--sentences", type=int, default=None, help="use the first N sentences (default: all)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args()

    import underthesea
    from rich.console import Console
    from rich.table import Table

    from pipeline.annotator import Annotator
    from pipeline.ingest import SourceDocument

    sentences = load_sentences(args.conllu, args.sentences)
    docs = documents(sentences)
    syllables = sum(count_syllables(s) for s in sentences)
    rows: list[tuple[str, float]] = []

    # underthesea directly, sentence by sentence (warm the models first)
    underthesea.ner(sentences[0])
    rows.append(
        ("underthesea word_tokenize", best_of(args.repeat, lambda: [underthesea.word_tokenize(s) for s in sentences]))
    )
    rows.append(
        ("underthesea ner (words+POS+chunk+NER)", best_of(args.repeat, lambda: [underthesea.ner(s) for s in sentences]))
    )

    annotator = Annotator()
    nlp = annotator.vi
    sources = [
        SourceDocument(id=f"d{i}", text=t, sha256="0" * 64, path=f"d{i}.txt", format="txt") for i, t in enumerate(docs)
    ]
    annotator.annotate(sources[0])  # warm-up

    # stage by stage: the tokenizer, then each component on the tokenizer's output
    def stage_times() -> dict[str, float]:
        times = {"tokenizer": 0.0, **{name: 0.0 for name in nlp.pipe_names}}
        for text in docs:
            start = time.perf_counter()
            doc = nlp.make_doc(text)
            times["tokenizer"] += time.perf_counter() - start
            for name, proc in nlp.pipeline:
                start = time.perf_counter()
                doc = proc(doc)
                times[name] += time.perf_counter() - start
        return times

    per_stage = [stage_times() for _ in range(args.repeat)]
    for name in per_stage[0]:
        rows.append((f"songngu stage: {name}", min(run[name] for run in per_stage)))
    rows.append(
        (
            "songngu pipeline end to end (in process)",
            best_of(args.repeat, lambda: [annotator.annotate(s) for s in sources]),
        )
    )

    # The corpus passage with its English translation: the English layer and the
    # alignment come on top (reported per its own syllables, as a separate row).
    from pipeline.ingest import read_inputs

    [passage] = [
        d for d in read_inputs([str(ROOT / "corpus" / "000_c94cfb08b554769d.txt")]) if isinstance(d, SourceDocument)
    ]
    annotator.annotate(passage)
    passage_seconds = best_of(args.repeat, lambda: annotator.annotate(passage))
    passage_syllables = count_syllables(passage.text)

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for i, text in enumerate(docs):
            (corpus / f"d{i:03d}.txt").write_text(text, encoding="utf-8")
        rss = {}
        for workers in args.workers:
            runs = [run_cli(corpus, workers) for _ in range(args.repeat)]
            seconds = min(r[0] for r in runs)
            rss[workers] = max(r[1] for r in runs)
            rows.append((f"songngu annotate --workers {workers} (command, start-up included)", seconds))

    reference = dict(rows)["underthesea ner (words+POS+chunk+NER)"]
    table = Table(
        title=f"{len(sentences)} sentences, {syllables} syllables, {len(docs)} documents; "
        f"{os.cpu_count()} CPUs; best of {args.repeat}"
    )
    for col in ("what", "seconds", "syllables/s", "speed vs underthesea ner"):
        table.add_column(col, justify="left" if col == "what" else "right")
    underthesea_rate = syllables / reference
    for name, seconds in rows:
        table.add_row(name, f"{seconds:.2f}", f"{syllables / seconds:,.0f}", f"{reference / seconds:.2f}x")
    rate = passage_syllables / passage_seconds
    table.add_row(
        f"songngu bilingual: corpus passage + its English, alignment ({passage_syllables} syllables)",
        f"{passage_seconds:.2f}",
        f"{rate:,.0f}",
        f"{rate / underthesea_rate:.2f}x",
    )
    Console(width=130).print(table)
    for workers, kib in rss.items():
        print(f"peak RSS, songngu annotate --workers {workers}: {kib / 1024:.0f} MiB (largest single process)")
    if args.json:
        print(
            json.dumps(
                {
                    "syllables": syllables,
                    "rows": [{"what": n, "seconds": s} for n, s in rows],
                    "peak_rss_mib": {w: k / 1024 for w, k in rss.items()},
                },
                indent=1,
            )
        )


if __name__ == "__main__":
    main()

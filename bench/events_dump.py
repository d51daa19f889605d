"""Every event the trained backend finds on BKEE dev and VHE dev, written to one JSON file: for before/after checks.

    python bench/events_dump.py OUT.json [--backend trained]
    cmp before.json after.json        # a speed change must leave it byte-identical

For each corpus (BKEE dev with ``genre = news``, VHE dev with ``genre = annals``), each document in order: each
event's type, trigger tokens, source, score, modality and arguments (role, tokens, label), then the spans of the
``arguments`` span group. The texts go through the Vietnamese pipeline up to the events component once, cached
(:func:`pipeline.events.preprocess.vi_docs`), so a checkout's events component is what differs between two runs;
run it from each checkout (its own ``pipeline`` is the one imported). Prints each corpus's CPU time in the
component, for a rough look only (``bench/events_cost.py`` measures).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.events_corpora import CORPORA, GENRES, read_corpus  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--backend", default="trained", choices=("lexicon", "trained", "both"))
    args = parser.parse_args()

    from pipeline.docmodel import ARGUMENTS_KEY
    from pipeline.events.corpora import load_mappings
    from pipeline.events.ontology import load_ontology
    from pipeline.events.preprocess import vi_docs
    from pipeline.vi import load_vi

    mappings = load_mappings(load_ontology())
    nlp = load_vi()
    record = {}
    for corpus, path in CORPORA.items():
        gold, _ = read_corpus(corpus, path, mappings)
        docs = vi_docs([g.text for g in gold], nlp)
        component = nlp.create_pipe("songngu_events", config={"backend": args.backend, "genre": GENRES[corpus]})
        started = time.process_time()
        rows = []
        for doc in docs:
            out = component(doc.copy())
            events = [
                [
                    ev.type,
                    ev.trigger.start,
                    ev.trigger.end,
                    ev.source,
                    ev.score,
                    str(ev.modality),
                    [[a.role, a.span.start, a.span.end, a.span.label_] for a in ev.arguments],
                ]
                + ([list(ev.part)] if ev.part is not None else [])  # (dumps of before any part stay comparable)
                for ev in out._.events
            ]
            spans = (
                [[sp.start, sp.end, sp.label_] for sp in out.spans[ARGUMENTS_KEY]] if ARGUMENTS_KEY in out.spans else []
            )
            rows.append({"events": events, "argument_spans": spans})
        seconds = time.process_time() - started
        n_events = sum(len(r["events"]) for r in rows)
        print(f"{corpus}: {len(docs)} documents, {n_events} events, the component {seconds:.2f} CPU s")
        record[corpus] = rows
    args.out.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

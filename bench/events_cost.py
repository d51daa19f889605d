"""What the event stage costs, as a share of the Vietnamese pipeline's time per document, per backend.

    python bench/events_cost.py [--documents 80] [--repeat 3] [--model DIR]

Text: the first ``--documents`` documents of BKEE dev (news, CC BY-NC 4.0; ``$SONGNGU_DATA/bkee/dev``),
``_`` read as spaces. In one run, best of ``--repeat``: the pipeline up to the events component
(segmenter, tagger, entities) on every document, then each backend's events component on copies of
those documents. CPU time of this process (``time.process_time``), so that other processes on a
shared machine weigh less; the figures to compare are the shares, not the seconds.

The share is events / (upstream + events): the event stage's part of the Vietnamese pipeline.
The bar (issue 12) is 15%.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.timing import best_of  # noqa: E402
from pipeline import data_dir  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=80)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--backend", nargs="+", default=["lexicon", "trained", "both"])
    parser.add_argument("--model", default=None, help="event model directory (default: the config's)")
    args = parser.parse_args()

    from pipeline.events.corpora import load_mappings, read_bkee
    from pipeline.events.ontology import load_ontology
    from pipeline.events.preprocess import upstream_pipes
    from pipeline.vi import load_vi

    gold, _ = read_bkee(data_dir() / "bkee" / "dev", load_mappings(load_ontology()))
    texts = [g.text for g in gold[: args.documents]]
    syllables = sum(len(t.split()) for t in texts)
    nlp = load_vi()
    docs = []

    def upstream() -> None:
        docs.clear()
        with nlp.select_pipes(enable=upstream_pipes(nlp)):
            docs.extend(nlp(t) for t in texts)

    up = best_of(args.repeat, upstream)
    print(f"{len(texts)} BKEE dev documents, {syllables} syllables; CPU seconds, best of {args.repeat}")
    print(f"{'pipeline up to events':32} {up:8.2f}")
    for backend in args.backend:
        config = {"backend": backend, **({"model": args.model} if args.model else {})}
        component = nlp.create_pipe("songngu_events", config=config)
        copies = [d.copy() for d in docs]  # copying is not the component's cost
        seconds = best_of(args.repeat, lambda c=component, cs=copies: [c(d.copy()) for d in cs])
        copying = best_of(args.repeat, lambda cs=copies: [d.copy() for d in cs])
        cost = max(seconds - copying, 0.0)
        print(
            f"{'events, ' + backend + ' (' + component.songngu_meta['model'] + ')':32} {cost:8.2f}"
            f"   share of the Vietnamese pipeline: {100 * cost / (up + cost):5.1f}%"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

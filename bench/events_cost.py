"""What the event stage costs, as a share of the Vietnamese pipeline's time per document, per backend.

    python bench/events_cost.py [--documents 80] [--repeat 3] [--model DIR]
    python bench/events_cost.py --documents 40 --backend trained --split   # and where the stage's time goes

Text: the first ``--documents`` documents of BKEE dev (news, CC BY-NC 4.0; ``$SONGNGU_DATA/bkee/dev``),
``_`` read as spaces. In one run, best of ``--repeat``: the pipeline up to the events component
(segmenter, tagger, entities) on every document, then each backend's events component on copies of
those documents. CPU time of this process (``time.process_time``), so that other processes on a
shared machine weigh less; the figures to compare are the shares, not the seconds.

Garbage collection as ``songngu annotate`` runs it (``bench.timing.loaded_as_the_annotator``, then
fewer young collections): without that a full collection of the loaded pipelines fell in one pass in
three and moved single runs by a point or more.

The share is events / (upstream + events): the event stage's part of the Vietnamese pipeline.
The bar (issue 12) is 15%.

``--split``: each backend's stage again, its parts timed (CPU time spent in each function of :data:`PARTS`,
the fastest pass of ``--repeat``): a timer around a function costs about a microsecond per call, so the
parts are for reading where the time goes (cProfile's per-call overhead weighs the many small Python
calls several times over), and the rest is what no part holds (the component's own loop, copying).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.timing import best_of, loaded_as_the_annotator  # noqa: E402
from pipeline import data_dir  # noqa: E402

# (module, object or None, function, label): the parts of the event stage --split times
PARTS = (
    ("pipeline.events.clauses.words", "Words", "__init__", "word lists (Words: the matcher, the word classes)"),
    ("pipeline.events.features", "DocFeatures", "of", "base features (DocFeatures.of)"),
    ("pipeline.events.trained", "LexiconTriggers", "matches", "lexicon triggers: matches"),
    ("pipeline.events.trained", "LexiconTriggers", "select", "lexicon triggers: select"),
    ("pipeline.events.trained", "EventModel", "triggers", "trigger model (rows, marginals, decoding)"),
    ("pipeline.events.trained", "Featuriser", "prepare", "trigger frames and voice (prepare)"),
    ("pipeline.events.trained", "Featuriser", "rule_arguments", "clause rules' arguments"),
    ("pipeline.events.features", "ArgumentRows", "read", "argument CRF: rows of the features"),
    ("pipeline.events.features", "ArgumentRows", "scores", "argument CRF: state scores"),
    ("pipeline.events.crf", "LinearCRF", "viterbi", "argument CRF: Viterbi"),
    ("pipeline.events.arguments", None, "candidate_spans", "pairwise: candidates"),
    ("pipeline.events.arguments", "PairRows", "rows", "pairwise: rows of the pairs' features"),
    ("pipeline.events.arguments", "PairwiseScorer", "probabilities_of_rows", "pairwise: probabilities"),
    ("pipeline.events.arguments", None, "_best_roles", "pairwise: decoding"),
    ("pipeline.events.arguments", None, "_choose", "pairwise: decoding"),
    ("pipeline.events.component", None, "read_modality", "modality"),
    ("pipeline.events.component", "EventExtractor", "_arguments", "arguments kept (ontology, kinds)"),
)


def split(component, docs: list, repeat: int) -> tuple[float, dict[str, float]]:
    """The stage's CPU seconds on copies of ``docs`` and each part's (:data:`PARTS`), the fastest of ``repeat``
    passes; the timers are taken off again after."""
    import importlib
    import time

    spent: dict[str, float] = {}
    undo = []
    for module_name, owner_name, name, label in PARTS:
        module = importlib.import_module(module_name)
        owner = getattr(module, owner_name) if owner_name else module
        original = owner.__dict__[name] if owner_name else getattr(module, name)
        function = original.__func__ if isinstance(original, classmethod) else original

        def timed(*args, _f=function, _label=label, **kwargs):
            start = time.process_time()
            try:
                return _f(*args, **kwargs)
            finally:
                spent[_label] += time.process_time() - start

        setattr(owner, name, classmethod(timed) if isinstance(original, classmethod) else timed)
        undo.append((owner, name, original))
    best, parts = float("inf"), {}
    try:
        for _ in range(repeat):
            spent.update({label: 0.0 for *_, label in PARTS})
            copies = [d.copy() for d in docs]
            start = time.process_time()
            for d in copies:
                component(d)
            total = time.process_time() - start
            if total < best:
                best, parts = total, dict(spent)
    finally:
        for owner, name, original in undo:
            setattr(owner, name, original)
    return best, parts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=80)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--backend", nargs="+", default=["lexicon", "trained", "both"])
    parser.add_argument("--model", default=None, help="event model directory (default: the config's)")
    parser.add_argument("--split", action="store_true", help="also time the stage's parts (see the docstring)")
    args = parser.parse_args()

    from pipeline.events.corpora import load_mappings, read_bkee
    from pipeline.events.ontology import load_ontology
    from pipeline.startup import fewer_young_collections
    from pipeline.vi import load_vi

    gold, _ = read_bkee(data_dir() / "bkee" / "dev", load_mappings(load_ontology()))
    texts = [g.text for g in gold[: args.documents]]
    syllables = sum(len(t.split()) for t in texts)
    nlp = loaded_as_the_annotator(load_vi)
    components = loaded_as_the_annotator(
        lambda: {
            backend: nlp.create_pipe(
                "songngu_events", config={"backend": backend, **({"model": args.model} if args.model else {})}
            )
            for backend in args.backend
        }
    )
    with fewer_young_collections():
        return measure(args, nlp, components, texts, syllables)


def measure(args: argparse.Namespace, nlp, components: dict, texts: list[str], syllables: int) -> int:
    """Print the upstream pipeline's CPU seconds and each backend's event stage (and its parts)."""
    from pipeline.events.preprocess import upstream_pipes

    docs = []

    def upstream() -> None:
        docs.clear()
        with nlp.select_pipes(enable=upstream_pipes(nlp)):
            docs.extend(nlp(t) for t in texts)

    up = best_of(args.repeat, upstream)
    print(f"{len(texts)} BKEE dev documents, {syllables} syllables; CPU seconds, best of {args.repeat}")
    print(f"{'pipeline up to events':32} {up:8.3f}")
    for backend, component in components.items():
        copies = [d.copy() for d in docs]  # copying is not the component's cost
        seconds = best_of(args.repeat, lambda c=component, cs=copies: [c(d.copy()) for d in cs])
        copying = best_of(args.repeat, lambda cs=copies: [d.copy() for d in cs])
        cost = max(seconds - copying, 0.0)
        print(
            f"{'events, ' + backend + ' (' + component.songngu_meta['model'] + ')':32} {cost:8.3f}"
            f"   share of the Vietnamese pipeline: {100 * cost / (up + cost):5.1f}%"
        )
        if args.split:
            component(docs[0].copy())  # the function objects are swapped: nothing is left to read first
            total, parts = split(component, docs, args.repeat)
            print(f"  its parts, timed (the stage {total:.3f} s with the timers):")
            for label, seconds in sorted(parts.items(), key=lambda item: -item[1]):
                if seconds:
                    print(f"    {label:48} {seconds:6.3f}  {100 * seconds / total:5.1f}%")
            rest = total - sum(parts.values())
            print(f"    {'the rest':48} {rest:6.3f}  {100 * rest / total:5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())

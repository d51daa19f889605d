"""The event stage of two checkouts in one process, alternated: CPU time of each, and each one's share.

    python bench/events_paired.py OTHER_CHECKOUT [--documents 40] [--rounds 11]

On a machine shared with other jobs the CPU time of the same command swings by a fifth from one minute to the
next, more than a speed change of the event stage is worth, and ``bench/events_cost.py`` run in two checkouts
one after the other compares two moments as much as two versions. Here one process imports the other checkout's
``pipeline`` (``OTHER_CHECKOUT``, e.g. a ``git worktree`` of main before a change), runs the pipeline up to the
events component on the first ``--documents`` documents of BKEE dev and makes that checkout's events component
(trained backend), then imports this checkout's ``pipeline`` afresh (the other's modules taken out of
``sys.modules``) and makes its events component. Each round then runs, on copies of the same documents, the
other's stage, this one's and the pipeline up to events (the order reversed every other round), and the fastest
of the rounds is each one's figure (``time.process_time``); the share is events / (upstream + events), as in
``bench/events_cost.py``. Also printed: the median of the rounds' ratios this / other, and whether both gave the
same events and argument spans on every document.

The other checkout's component is called once before this checkout is imported: it reads its files then, with
its own modules. Both use this environment's packages.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _import_checkout(root: Path) -> None:
    """Make ``root``'s ``pipeline`` the one ``import pipeline`` finds, forgetting any imported before."""
    for name in [name for name in sys.modules if name == "pipeline" or name.startswith("pipeline.")]:
        del sys.modules[name]
    sys.path.insert(0, str(root))
    import pipeline

    if Path(pipeline.__file__).resolve().parent.parent != root.resolve():
        raise SystemExit(f"{root}: imported {pipeline.__file__} instead")


def _events(doc) -> tuple:
    return (
        [
            (e.type, e.trigger.start, e.trigger.end, e.source, e.score, str(e.modality))
            + tuple((a.role, a.span.start, a.span.end, a.span.label_) for a in e.arguments)
            + ((e.part,) if e.part is not None else ())
            for e in doc._.events
        ],
        [(s.start, s.end, s.label_) for s in doc.spans.get("arguments", [])],
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("other", type=Path, help="the other checkout (a folder holding pipeline/)")
    parser.add_argument("--documents", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=11)
    args = parser.parse_args()
    if not (args.other / "pipeline" / "__init__.py").is_file():
        raise SystemExit(f"{args.other}: not a songngu checkout (no pipeline/__init__.py)")

    _import_checkout(args.other)
    from pipeline import data_dir
    from pipeline.events.corpora import load_mappings, read_bkee
    from pipeline.events.ontology import load_ontology
    from pipeline.events.preprocess import upstream_pipes
    from pipeline.vi import load_vi

    gold, _ = read_bkee(data_dir() / "bkee" / "dev", load_mappings(load_ontology()))
    texts = [g.text for g in gold[: args.documents]]
    nlp = load_vi()
    enabled = upstream_pipes(nlp)

    def upstream() -> list:
        with nlp.select_pipes(enable=enabled):
            return [nlp(t) for t in texts]

    docs = upstream()
    components = {"other": nlp.create_pipe("songngu_events", config={"backend": "trained"})}
    components["other"](docs[0].copy())  # reads its files now, with its own modules

    _import_checkout(ROOT)
    import spacy.util

    same_function = spacy.util.is_same_func
    spacy.util.is_same_func = lambda *_: True  # this checkout's factory replaces the other's (another file)
    try:
        import pipeline.events.component  # noqa: F401
    finally:
        spacy.util.is_same_func = same_function
    components["this"] = nlp.create_pipe("songngu_events", config={"backend": "trained"})
    if type(components["this"]) is type(components["other"]):
        raise SystemExit("both components are of one checkout")

    same = all(_events(components["other"](d.copy())) == _events(components["this"](d.copy())) for d in docs)
    print(
        f"{len(docs)} BKEE dev documents, {args.rounds} rounds; events and argument spans identical: {same}; "
        f"load average {os.getloadavg()[0]:.1f} at start"
    )
    times: dict[str, list[float]] = {"upstream": [], "other": [], "this": []}
    for r in range(args.rounds):
        for name in ("other", "this", "upstream") if r % 2 == 0 else ("upstream", "this", "other"):
            copies = [d.copy() for d in docs]  # copying is not the stage's cost
            start = time.process_time()
            if name == "upstream":
                upstream()
            else:
                for d in copies:
                    components[name](d)
            times[name].append(time.process_time() - start)
    up = min(times["upstream"])
    print(f"{'pipeline up to events':24} {up:7.3f} CPU s (fastest of {args.rounds})")
    for name, root in (("other", args.other), ("this", ROOT)):
        best = min(times[name])
        print(f"events, {name:16} {best:7.3f} CPU s   share {100 * best / (up + best):5.1f}%   ({root})")
    ratios = sorted(t / o for t, o in zip(times["this"], times["other"]))
    print(
        f"this / other: fastest {min(times['this']) / min(times['other']):.3f}, median of the rounds' ratios "
        f"{ratios[len(ratios) // 2]:.3f}; load average {os.getloadavg()[0]:.1f} at the end"
    )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())

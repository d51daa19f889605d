"""Score the event extractor on BKEE dev and VHE dev: every backend, in one run, with bootstrap intervals.

    python bench/events_corpora.py                       # lexicon, trained, both; BKEE dev and VHE dev
    python bench/events_corpora.py --backend lexicon --corpus bkee --json out.json --markdown out.md

Figures (``songngu evaluate``'s scorer, :mod:`pipeline.evaluate.events`): exact-span
trigger identification and classification, argument identification and
classification attached to their trigger (strict) and unattached, each with its counts
(tp, fp, fn) and a 95% percentile-bootstrap interval over documents (1,000 resamples,
seed 0; a VHE sentence is a document).

What is scored (``pipeline/events/corpora.yaml``):

- gold: the corpus's events whose type maps onto ACE 2005 (all of BKEE's; VHE's natural
  disasters and phenomena are left out) with the roles that map;
- predictions: events of the types the corpus annotates, with the roles the corpus can
  annotate for that type. ``Contact.Statement`` (ours, not in BKEE or VHE) is left out;
- time roles: ACE's eight count as one (both corpora have one time role);
- genre: the events component is told the genre of each corpus (``genre = news`` for
  BKEE, ``annals`` for VHE), as a user annotating such text would.

Spans are exact, in characters (compared on non-space characters, so BKEE's ``_``
between syllables, read as spaces, changes nothing). BKEE's text is word-segmented by its
annotators; our pipeline segments it again and its triggers are our words.

The Vietnamese pipeline of ``default.cfg`` runs once per text (cached, see
``pipeline/events/preprocess.py``); then each backend's events component runs on a copy.
BKEE is CC BY-NC 4.0 and VHE Apache-2.0; both are read from ``$SONGNGU_DATA`` (default: ``shared/data`` beside the checkout).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import data_dir  # noqa: E402

CORPORA = {"bkee": data_dir() / "bkee" / "dev", "vhe": data_dir() / "vhe" / "dev.json"}
# The events component's genre setting for each corpus (what a user annotating such text sets).
GENRES = {"bkee": "news", "vhe": "annals"}
BACKENDS = ("lexicon", "trained", "both")
FIGURES = (
    ("Trig-I", ("trigger_identification",)),
    ("Trig-C", ("trigger_classification",)),
    ("Arg-I", ("argument_identification", "attached")),
    ("Arg-C", ("argument_classification", "attached")),
    ("Arg-C(u)", ("argument_classification", "unattached")),
)


def read_corpus(name: str, path: Path, mappings):
    from pipeline.events.corpora import read_bkee, read_vhe

    return read_bkee(path, mappings) if name == "bkee" else read_vhe(path, mappings)


def scored(doc, mapping, time_role: str):
    """``doc`` (a BratDocument) with only what ``mapping``'s corpus annotates; every time role as ``time_role``."""
    from dataclasses import replace

    types = mapping.scored_types()
    events = []
    for ev in doc.events:
        if ev.type not in types:
            continue
        roles = mapping.scored_roles(ev.type)
        arguments = []
        for role, ref in ev.arguments:
            role = time_role if role.startswith("Time-") else role
            if role in roles or role == time_role:
                arguments.append((role, ref))
        events.append(replace(ev, arguments=tuple(arguments)))
    return replace(doc, events=events)


def predicted_brat(doc, doc_id: str, path: Path):
    """The events of a processed ``Doc`` as a BratDocument (arguments point at T ids of their spans)."""
    from pipeline.docmodel import original_text
    from pipeline.io.brat import BratDocument, Entity, Event, Span

    entities: dict[tuple[int, int], Entity] = {}
    events = []
    for n, ev in enumerate(doc._.events, start=1):
        arguments = []
        for arg in ev.arguments:
            key = (arg.span.start_char, arg.span.end_char)
            if key not in entities:
                entities[key] = Entity(f"T{len(entities) + 1}", arg.span.label_, *key, arg.span.text, (key,))
            arguments.append((arg.role, entities[key].id))
        trigger = Span(ev.start_char, ev.end_char, doc.text[ev.start_char : ev.end_char])
        events.append(Event(f"E{n}", ev.type, f"TT{n}", trigger, tuple(arguments)))
    # The text as given: doc.text has its word separators (a zero-width space in BKEE dev) as plain spaces.
    text = original_text(doc)
    return BratDocument(id=doc_id, path=path, text=text, entities=list(entities.values()), events=events)


def figure(result: dict, keys: tuple[str, ...]) -> dict:
    out = result
    for key in keys:
        out = out[key]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", nargs="+", default=list(CORPORA), choices=list(CORPORA))
    parser.add_argument("--backend", nargs="+", default=list(BACKENDS), choices=BACKENDS)
    parser.add_argument("--model", default=None, help="event model directory (default: the config's)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents (a quick look)")
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--json", default=None, help="write every figure, with counts and intervals, here")
    parser.add_argument("--markdown", default=None, help="write the table here")
    parser.add_argument(
        "--model-card",
        action="store_true",
        help="also write the table into the model's MODEL_CARD.md (its Figures section)",
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    from pipeline.evaluate import evaluate
    from pipeline.evaluate.documents import from_brat
    from pipeline.events.corpora import load_mappings
    from pipeline.events.ontology import load_ontology
    from pipeline.events.preprocess import vi_docs
    from pipeline.vi import load_vi

    ontology = load_ontology()
    mappings = load_mappings(ontology)
    nlp = load_vi()
    rows, record = [], {"command": " ".join(["python", "bench/events_corpora.py", *sys.argv[1:]]), "results": []}
    for corpus in args.corpus:
        gold_docs, report = read_corpus(corpus, CORPORA[corpus], mappings)
        gold_docs = gold_docs[: args.limit] if args.limit else gold_docs
        mapping = mappings[corpus]
        docs = vi_docs([g.text for g in gold_docs], nlp)
        gold = [from_brat(scored(g, mapping, mappings.time_role)) for g in gold_docs]
        n_events = sum(len(g.vi.events) for g in gold)
        n_args = sum(len(ev.arguments) for g in gold for ev in g.vi.events)
        components = {}
        for backend in args.backend:
            config = {"backend": backend, "genre": GENRES[corpus]}
            if args.model:
                config["model"] = args.model
            components[backend] = nlp.create_pipe("songngu_events", config=config)
        for backend, component in components.items():
            started = time.perf_counter()
            pred = []
            for g, doc in zip(gold_docs, docs):
                out = component(doc.copy())
                pred.append(from_brat(scored(predicted_brat(out, g.id, g.path), mapping, mappings.time_role)))
            seconds = time.perf_counter() - started
            result = evaluate(gold, pred, ["events"], resamples=args.resamples)["tasks"]["events"]
            row = {
                "corpus": corpus,
                "backend": backend,
                "documents": len(gold),
                "gold_events": n_events,
                "gold_arguments": n_args,
                "model": component.songngu_meta["model"],
                "seconds": round(seconds, 1),
            }
            row["figures"] = {name: figure(result, keys) for name, keys in FIGURES}
            rows.append(row)
            record["results"].append({**row, "reader": report.as_dict()})
            print(format_row(row), flush=True)
    table = markdown(rows)
    print(table)
    if args.json:
        Path(args.json).write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.markdown:
        Path(args.markdown).write_text(table + "\n", encoding="utf-8")
    if args.model_card:
        from pipeline.events.component import DEFAULT_MODEL
        from pipeline.events.training import replace_figures

        card = Path(args.model or DEFAULT_MODEL) / "MODEL_CARD.md"
        figures = (
            f"Measured with `{record['command']}` (exact spans, 95% bootstrap intervals; see the script):\n\n{table}"
        )
        card.write_text(replace_figures(card.read_text(encoding="utf-8"), figures), encoding="utf-8")
    return 0


def cell(fig: dict) -> str:
    ci = fig.get("ci", {}).get("f1")
    interval = f" [{100 * ci[0]:.1f}, {100 * ci[1]:.1f}]" if ci else ""
    return f"{100 * fig['f1']:.1f}{interval}"


def format_row(row: dict) -> str:
    figs = "  ".join(f"{name} {cell(fig)}" for name, fig in row["figures"].items())
    return f"{row['corpus']:5} {row['backend']:8} {figs}"


def markdown(rows: list[dict]) -> str:
    head = "| corpus (gold) | backend | " + " | ".join(name for name, _ in FIGURES) + " |"
    lines = [head, "|" + "---|" * (len(FIGURES) + 2)]
    for row in rows:
        gold = (
            f"{row['corpus']} dev ({row['documents']} docs, {row['gold_events']} events, {row['gold_arguments']} args)"
        )
        lines.append(f"| {gold} | {row['backend']} | " + " | ".join(cell(f) for f in row["figures"].values()) + " |")
    lines.append("")
    lines.append("Counts (tp / fp / fn):")
    lines.append("")
    for row in rows:
        counts = "; ".join(f"{name} {fig['tp']}/{fig['fp']}/{fig['fn']}" for name, fig in row["figures"].items())
        lines.append(f"- {row['corpus']} {row['backend']}: {counts}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())

"""Showing an evaluation: rich tables in the terminal, one self-contained HTML page.

Both views are built from the same list of :class:`Table` (so the terminal and
the page never disagree); the page adds per-type bar charts with their
intervals, the entity-type confusion matrix and the errors in context. The page
has no external resource: CSS, the charts (SVG) and the small filtering script
are inline, and every text goes through Jinja's autoescaping.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.resources import files
from itertools import pairwise
from typing import Any

from pipeline.evaluate.ner import COUNTS, NONE, SCHEMES

#: How many errors per task the HTML page lists (the JSON output has all of them).
MAX_ERRORS = 500


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    note: str = ""


def pct(value: float | None) -> str:
    return "" if value is None else f"{100 * value:.1f}"


def interval(figure: dict, key: str) -> str:
    ci = figure.get("ci", {}).get(key)
    return f"[{pct(ci[0])}, {pct(ci[1])}]" if ci else ""


def count(value: Any) -> str:
    return "" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))


PRF_COLUMNS = ["", "P", "R", "F1", "95% CI (F1)", "tp", "fp", "fn"]


def prf_row(name: str, figure: dict) -> list[str]:
    return [
        name,
        pct(figure["precision"]),
        pct(figure["recall"]),
        pct(figure["f1"]),
        interval(figure, "f1"),
        count(figure["tp"]),
        count(figure["fp"]),
        count(figure["fn"]),
    ]


def tables(result: dict) -> list[Table]:
    """Every table of an evaluation result, in task order."""
    tasks = result["tasks"]
    out: list[Table] = []
    if "ws" in tasks:
        out.append(
            Table(
                "Word segmentation (word spans, spaces ignored)", PRF_COLUMNS, [prf_row("words", tasks["ws"]["words"])]
            )
        )
    if "pos" in tasks:
        t = Table(
            "Part of speech: accuracy on gold words; end to end (span and tag right)",
            ["", "acc", "95% CI", "correct/total", "e2e F1", "95% CI", "tp", "fp", "fn"],
        )
        for tagset, figs in tasks["pos"].items():
            acc, e2e = figs["accuracy"], figs["end_to_end"]
            name = tagset.upper() + (" (mapped)" if figs.get("tag_map") else "")
            t.rows.append(
                [
                    name,
                    pct(acc["accuracy"]),
                    interval(acc, "accuracy"),
                    f"{acc['correct']}/{acc['total']}",
                    pct(e2e["f1"]),
                    interval(e2e, "f1"),
                    count(e2e["tp"]),
                    count(e2e["fp"]),
                    count(e2e["fn"]),
                ]
            )
        if any(figs.get("tag_map") for figs in tasks["pos"].values()):
            t.note = "XPOS compared after rewriting gold and predicted tags with the tag map (--xpos-map)."
        out.append(t)
    if "ner" in tasks:
        ner = tasks["ner"]
        columns = [
            "scheme",
            "average",
            "P",
            "R",
            "F1",
            "95% CI (F1)",
            "tp",
            "fp",
            "fn",
            *[c[:3].upper() for c in COUNTS],
        ]
        t = Table(
            "Named entities: MUC / SemEval-2013 schemes",
            columns,
            note="tp = COR + 0.5 PAR; fp = INC + SPU + 0.5 PAR; fn = INC + MIS + 0.5 PAR. OTHER (non-entity event arguments) is not scored.",
        )
        for scheme in SCHEMES:
            for average in ("micro", "macro"):
                if average in ner["schemes"][scheme]:
                    fig = ner["schemes"][scheme][average]
                    t.rows.append([scheme, average, *prf_row("", fig)[1:], *[count(fig[c]) for c in COUNTS]])
        out.append(t)
        for scheme in ("strict", "type"):
            per_type = ner["schemes"][scheme]["per_type"]
            if per_type:
                out.append(
                    Table(
                        f"Named entities per type ({scheme})",
                        ["type", *PRF_COLUMNS[1:]],
                        [prf_row(label, fig) for label, fig in per_type.items()],
                    )
                )
    if "events" in tasks:
        ev = tasks["events"]
        t = Table("Events (attached: the argument's trigger must be right too)", ["figure", *PRF_COLUMNS[1:]])
        t.rows.append(prf_row("trigger identification", ev["trigger_identification"]))
        t.rows.append(prf_row("trigger classification", ev["trigger_classification"]))
        for what in ("identification", "classification"):
            for how in ("attached", "unattached"):
                t.rows.append(prf_row(f"argument {what} ({how})", ev[f"argument_{what}"][how]))
        out.append(t)
        if ev["per_type"]:
            t = Table(
                "Events per type",
                [
                    "event type",
                    "trigger F1",
                    "tp/fp/fn",
                    "argument F1 (attached)",
                    "tp/fp/fn",
                    "argument F1 (unattached)",
                    "tp/fp/fn",
                ],
                note="F1 of classification: trigger span + type; argument span + type + role.",
            )
            for etype, figs in ev["per_type"].items():
                row = [etype]
                for fig in (
                    figs["trigger_classification"],
                    figs["argument_classification"]["attached"],
                    figs["argument_classification"]["unattached"],
                ):
                    row += [pct(fig["f1"]), f"{count(fig['tp'])}/{count(fig['fp'])}/{count(fig['fn'])}"]
                t.rows.append(row)
            out.append(t)
    if "align" in tasks:
        al = tasks["align"]
        if "entities" in al:
            out.append(
                Table(
                    "Entity alignment (links matched on both spans)",
                    PRF_COLUMNS,
                    [prf_row("entity links", al["entities"])],
                )
            )
        if "words" in al:
            w = al["words"]
            out.append(
                Table(
                    "Word alignment (Och & Ney 2003)",
                    ["", "AER", "95% CI", "P (vs possible)", "R (vs sure)", "|A∩S|", "|A∩P|", "|A|", "|S|"],
                    [
                        [
                            "word links",
                            pct(w["aer"]),
                            interval(w, "aer"),
                            pct(w["precision"]),
                            pct(w["recall"]),
                            count(w["a_and_sure"]),
                            count(w["a_and_possible"]),
                            count(w["predicted"]),
                            count(w["sure"]),
                        ]
                    ],
                )
            )
    return out


_UNBOUNDED_WIDTH = 10_000


def print_tables(result: dict, console=None) -> None:
    """Print the result as rich tables."""
    from rich.console import Console
    from rich.table import Table as RichTable

    if console is None:
        console = Console()
        if not console.is_terminal:
            # A file or a pipe has no width: rich would assume 80 columns and squeeze
            # the wide tables until their first column (scheme, type) disappears.
            # Each table is printed at its natural width instead.
            console = Console(width=_UNBOUNDED_WIDTH)
    boot = result["bootstrap"]
    console.print(
        f"[bold]{len(result['documents'])} document(s)[/bold]; intervals: {boot['resamples']} bootstrap resamples "
        f"of {boot['units']} {boot['unit']}(s), seed {boot['seed']}"
        + (f"; scoring only what starts {result['subset']}" if result.get("subset") else "")
    )
    for t in tables(result):
        rich = RichTable(title=t.title, title_justify="left", caption=t.note or None, caption_justify="left")
        for i, column in enumerate(t.columns):
            rich.add_column(column, justify="left" if i == 0 else "right", no_wrap=i != 0)
        for row in t.rows:
            rich.add_row(*row)
        console.print(rich)
    for note in result.get("notes", []):
        console.print(f"[yellow]note:[/yellow] {note}")
    for task in ("ner", "events"):
        errors = result["tasks"].get(task, {}).get("errors")
        if errors:
            kinds: dict[str, int] = {}
            for e in errors:
                kinds[e["kind"]] = kinds.get(e["kind"], 0) + 1
            console.print(f"{task} errors: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))


# --------------------------------------------------------------------------- HTML


@dataclass
class Bar:
    label: str
    value: float
    low: float | None
    high: float | None
    detail: str


def bar_charts(result: dict) -> list[tuple[str, list[Bar]]]:
    """Per-type F1 with its interval: NER (strict and type schemes) and events (trigger, arguments)."""
    charts = []

    def bars(items: Iterable[tuple[str, dict]]) -> list[Bar]:
        out = []
        for label, fig in items:
            ci = fig.get("ci", {}).get("f1")
            out.append(
                Bar(
                    label,
                    fig["f1"],
                    ci[0] if ci else None,
                    ci[1] if ci else None,
                    f"tp {count(fig['tp'])}, fp {count(fig['fp'])}, fn {count(fig['fn'])}",
                )
            )
        return out

    ner = result["tasks"].get("ner")
    if ner:
        for scheme in ("strict", "type"):
            if ner["schemes"][scheme]["per_type"]:
                charts.append((f"NER F1 per type ({scheme})", bars(ner["schemes"][scheme]["per_type"].items())))
    ev = result["tasks"].get("events")
    if ev and ev["per_type"]:
        charts.append(
            (
                "Trigger classification F1 per event type",
                bars((t, f["trigger_classification"]) for t, f in ev["per_type"].items()),
            )
        )
        charts.append(
            (
                "Argument classification F1 per event type (attached)",
                bars((t, f["argument_classification"]["attached"]) for t, f in ev["per_type"].items()),
            )
        )
    return charts


def highlight(context: str, error: dict) -> list[tuple[str, str]]:
    """``context`` cut into (text, css classes) pieces marking the gold and the predicted span."""
    spans = {name: error[name]["offset"] for name in ("gold", "pred") if error.get(name)}
    cuts = sorted({0, len(context), *(o for s in spans.values() for o in s)})
    pieces = []
    for a, b in pairwise(cuts):
        classes = " ".join(name for name, (s, e) in spans.items() if s <= a and b <= e)
        pieces.append((context[a:b], classes))
    return pieces


def render_html(result: dict, title: str = "songngu evaluation") -> str:
    """The whole report as one self-contained HTML page."""
    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    template = env.from_string(files("pipeline.evaluate").joinpath("report.html").read_text("utf-8"))
    error_sections = []
    for task in ("ner", "events"):
        errors = result["tasks"].get(task, {}).get("errors") or []
        if errors:
            kinds = sorted({e["kind"] for e in errors})
            shown = [dict(e, pieces=highlight(e["context"], e)) for e in errors[:MAX_ERRORS]]
            error_sections.append({"task": task, "errors": shown, "total": len(errors), "kinds": kinds})
    confusion = result["tasks"].get("ner", {}).get("confusion")
    if confusion:
        peak = max((v for row in confusion["matrix"] for v in row), default=0) or 1
        confusion = dict(confusion, peak=peak, none=NONE)
    return template.render(
        title=title,
        result=result,
        tables=tables(result),
        charts=bar_charts(result),
        confusion=confusion,
        error_sections=error_sections,
        pct=pct,
    )

"""Event extraction: the four scores of the ACE 2005 literature, attached and unattached.

Following Li et al. (2013), DyGIE++ (Wadden et al. 2019) and OneIE (Lin et al. 2020):

- trigger identification: the trigger's span is a gold trigger's span;
- trigger classification: span and event type;
- argument identification: the argument's span and its event's type;
- argument classification: span, event type and role.

Arguments are counted in two ways:

- *unattached* (DyGIE++ and OneIE's scorers): an argument is the tuple
  (argument span, event type[, role]); it counts wherever its trigger is;
- *attached* (strict; TextEE's Arg-I+/Arg-C+): the tuple also holds the
  trigger's span, so an argument counts only when its trigger is correctly
  identified and classified.

Arguments match on the span of the entity they point at (its outer span when
discontinuous; the trigger span when the argument is itself an event). Items are
sets: a tuple predicted twice counts once, as in :func:`pipeline.evaluate.spans.prf`.
Per event type, each figure is restricted to the tuples of that type.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.evaluate.bootstrap import PRF, Bootstrap, Units, prf_statistic
from pipeline.evaluate.context import error_record
from pipeline.evaluate.documents import EvalDoc, Mention
from pipeline.evaluate.ner import diagnose
from pipeline.evaluate.spans import add_counts

FIGURES = (
    "trigger_identification",
    "trigger_classification",
    "argument_identification/unattached",
    "argument_classification/unattached",
    "argument_identification/attached",
    "argument_classification/attached",
)


def tuples(doc: EvalDoc) -> dict[str, set[tuple]]:
    """The scored tuples of a document, by figure; the event type is at index 2 where there is one.

    Layout: trigger (start, end, type); unattached (arg start, arg end, type,
    role); attached (trigger start, trigger end, type, arg start, arg end, role).
    The first two numbers always locate the tuple in the text (for resampling).
    """
    out: dict[str, set[tuple]] = {name: set() for name in FIGURES}
    for ev in doc.vi.events or []:
        (ts, te), etype = ev.trigger, ev.type
        out["trigger_identification"].add((ts, te))
        out["trigger_classification"].add((ts, te, etype))
        for role, (a_start, a_end) in ev.arguments:
            out["argument_identification/unattached"].add((a_start, a_end, etype))
            out["argument_classification/unattached"].add((a_start, a_end, etype, role))
            out["argument_identification/attached"].add((ts, te, etype, a_start, a_end))
            out["argument_classification/attached"].add((ts, te, etype, a_start, a_end, role))
    return out


def _nest(flat: dict[str, dict]) -> dict:
    """``{"a/b": x}`` -> ``{"a": {"b": x}}``."""
    out: dict = {}
    for name, value in flat.items():
        head, _, tail = name.partition("/")
        if tail:
            out.setdefault(head, {})[tail] = value
        else:
            out[head] = value
    return out


def evaluate_events(gold: list[EvalDoc], pred: list[EvalDoc], units: Units, boot: Bootstrap) -> dict:
    docs = [(tuples(g), tuples(p)) for g, p in zip(gold, pred)]
    types = sorted({t[2] for g, p in docs for t in (*g["trigger_classification"], *p["trigger_classification"])})

    def figures(keep: Callable[[tuple], bool], names=FIGURES) -> dict:
        result = {}
        for name in names:
            counts = units.zeros(3)
            for d, (g, p) in enumerate(docs):
                add_counts(counts, filter(keep, g[name]), filter(keep, p[name]), lambda item, d=d: units.of(d, item[0]))
            result[name] = boot.figure(counts, prf_statistic, PRF)
        return _nest(result)

    typed = FIGURES[1:]  # trigger identification has no type to restrict to
    out = figures(lambda item: True)
    out["per_type"] = {etype: figures(lambda item, t=etype: item[2] == t, typed) for etype in types}
    out["types"] = types
    confusion, errors = diagnose(gold, pred, types, extract=triggers)
    for error in errors:
        error["kind"] = f"trigger: {error['kind']}"
    out["trigger_confusion"] = confusion
    out["errors"] = errors + argument_errors(gold, pred)
    return out


def triggers(doc: EvalDoc) -> list[Mention]:
    """Event triggers as mentions labelled with their event type, sorted by span."""
    return sorted(
        (Mention(*ev.trigger, ev.type, ev.id) for ev in doc.vi.events or []), key=lambda m: (m.start, m.end, m.label)
    )


def argument_errors(gold: list[EvalDoc], pred: list[EvalDoc]) -> list[dict]:
    """Argument errors of correctly classified events: missed, spurious, wrong role.

    Only events whose trigger span and type are right are compared, so these
    errors are exactly what separates trigger classification from attached
    argument classification.
    """
    errors = []
    for g_doc, p_doc in zip(gold, pred):
        pred_events = {(ev.trigger, ev.type): ev for ev in p_doc.vi.events or []}
        for g_ev in g_doc.vi.events or []:
            p_ev = pred_events.get((g_ev.trigger, g_ev.type))
            if p_ev is None:
                continue
            g_roles: dict[tuple[int, int], set[str]] = {}
            p_roles: dict[tuple[int, int], set[str]] = {}
            for role, span in g_ev.arguments:
                g_roles.setdefault(span, set()).add(role)
            for role, span in p_ev.arguments:
                p_roles.setdefault(span, set()).add(role)
            for span in sorted(set(g_roles) | set(p_roles)):
                missing = sorted(g_roles.get(span, set()) - p_roles.get(span, set()))
                extra = sorted(p_roles.get(span, set()) - g_roles.get(span, set()))
                if missing and extra:
                    kind, gold_role, pred_role = "argument: wrong role", missing[0], extra[0]
                elif missing:
                    kind, gold_role, pred_role = "argument: missed", missing[0], None
                elif extra:
                    kind, gold_role, pred_role = "argument: spurious", None, extra[0]
                else:
                    continue
                record = error_record(
                    kind,
                    g_doc,
                    p_doc,
                    gold_item=Mention(*span, gold_role) if gold_role else None,
                    pred_item=Mention(*span, pred_role) if pred_role else None,
                )
                record["event"] = {
                    "type": g_ev.type,
                    "trigger": g_doc.vi.text[slice(*g_doc.vi.skeleton.raw(*g_ev.trigger))],
                }
                errors.append(record)
    return errors

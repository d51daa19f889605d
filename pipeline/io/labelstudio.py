"""Export to Label Studio: import JSON with our annotations as predictions, and its labelling config.

Each document becomes a task ``{"data": {"text", "doc_id"}, "predictions": [...]}``
(https://labelstud.io/guide/predictions). The prediction's results are:

- ``labels`` regions from the ``label`` control: one per entity (PER ... OTHER),
  with ``start``/``end`` in code points and the covered ``text``;
- ``labels`` regions from the ``event`` control: one per event trigger, labelled
  with the ACE type;
- ``relation`` results from each trigger to its arguments, labelled with the role;
- per-region ``textarea`` results (control ``value``) holding a DATE/NUM's
  normalised value, and per-region ``choices`` (control ``modality``) holding an
  event's modality.

Region ids are our entity and event ids (``T3``, ``E1``), unique within a task.
Offsets are code points, as ours are: Label Studio's editor counts a ``<Text>``
region's ``start``/``end`` in code points, not in the browser's UTF-16 units
(its own end-to-end test ``web/libs/editor/tests/integration/e2e/ner/emoji.cy.ts``,
"Should calculate offsets by code points in text", on text with emoji). Text
is never rewritten here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from pipeline.contract import ENTITY_LABELS, MODALITIES
from pipeline.io.files import read_json, write_atomic
from pipeline.io.layer import get_layer
from pipeline.io.tooldoc import ToolDocument, ToolEntity, ToolEvent, ToolFileError
from pipeline.io.values import value_to_text

_COLOURS = {
    "PER": "#ff9966",
    "LOC": "#66b3ff",
    "ORG": "#66cc66",
    "MISC": "#c299ff",
    "DATE": "#ffd24d",
    "NUM": "#b3b3b3",
    "OTHER": "#e6e6e6",
}


def _span_value(text: str, start: int, end: int, **extra: Any) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text[start:end], **extra}


def to_labelstudio_task(doc: dict[str, Any], layer: str = "vi", model_version: str | None = None) -> dict[str, Any]:
    """One Label Studio task with our annotations of ``doc[layer]`` as a prediction."""
    data = get_layer(doc, layer)
    text = data["text"]
    result: list[dict[str, Any]] = []
    for ent in data["entities"]:
        region = {
            "id": ent["id"],
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": _span_value(text, ent["start"], ent["end"], labels=[ent["label"]]),
        }
        if "score" in ent:
            region["score"] = ent["score"]
        result.append(region)
        if ent.get("value") is not None:
            result.append(
                {
                    "id": ent["id"],
                    "from_name": "value",
                    "to_name": "text",
                    "type": "textarea",
                    "value": {"start": ent["start"], "end": ent["end"], "text": [value_to_text(ent["value"])]},
                }
            )
    for ev in data["events"]:
        trig = ev["trigger"]
        result.append(
            {
                "id": ev["id"],
                "from_name": "event",
                "to_name": "text",
                "type": "labels",
                "value": _span_value(text, trig["start"], trig["end"], labels=[ev["type"]]),
            }
        )
        result.append(
            {
                "id": ev["id"],
                "from_name": "modality",
                "to_name": "text",
                "type": "choices",
                "value": {"start": trig["start"], "end": trig["end"], "choices": [ev["modality"]]},
            }
        )
        for arg in ev["arguments"]:
            result.append(
                {
                    "from_id": ev["id"],
                    "to_id": arg["entity"],
                    "type": "relation",
                    "direction": "right",
                    "labels": [arg["role"]],
                }
            )
    version = model_version or f"songngu {doc['pipeline']['version']}"
    return {"data": {"text": text, "doc_id": doc["id"]}, "predictions": [{"model_version": version, "result": result}]}


def labelstudio_config(event_types: Iterable[str] = (), roles: Iterable[str] = ()) -> str:
    """The labelling config (XML) that the tasks' results refer to."""

    def options(tag: str, values: Iterable[str], colours: dict[str, str] | None = None) -> str:
        return "\n".join(
            f"    <{tag} value={quoteattr(v)}"
            + (f" background={quoteattr(colours[v])}" if colours and v in colours else "")
            + "/>"
            for v in values
        )

    return f"""<View>
  <Header value="Entities"/>
  <Labels name="label" toName="text">
{options("Label", ENTITY_LABELS, _COLOURS)}
  </Labels>
  <Header value="Event triggers (ACE type)"/>
  <Labels name="event" toName="text">
{options("Label", sorted(set(event_types)))}
  </Labels>
  <Relations>
{options("Relation", sorted(set(roles)))}
  </Relations>
  <Text name="text" value="$text"/>
  <View visibleWhen="region-selected">
    <Header value="Normalised value (DATE, NUM)"/>
    <TextArea name="value" toName="text" perRegion="true" editable="true" maxSubmissions="1"/>
    <Header value="Event modality"/>
    <Choices name="modality" toName="text" perRegion="true">
{options("Choice", MODALITIES)}
    </Choices>
  </View>
</View>
"""


def write_labelstudio(docs: Iterable[dict[str, Any]], out_dir: str | Path, layer: str = "vi") -> int:
    """Write ``tasks.json`` (all documents) and ``config.xml`` into ``out_dir``; returns the task count."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tasks, event_types, roles = [], set(), set()
    for doc in docs:
        tasks.append(to_labelstudio_task(doc, layer))
        for ev in get_layer(doc, layer)["events"]:
            event_types.add(ev["type"])
            roles.update(a["role"] for a in ev["arguments"])
    write_atomic(out / "tasks.json", json.dumps(tasks, ensure_ascii=False, indent=1) + "\n")
    write_atomic(out / "config.xml", labelstudio_config(event_types, roles))
    return len(tasks)


# --------------------------------------------------------------------------- importing


def read_labelstudio(path: str | Path, predictions: bool = False) -> list[ToolDocument]:
    """The tasks of a Label Studio JSON export (``[{"data": ..., "annotations": [{"result": [...]}]}]``).

    Each task's last annotation that was not cancelled is read (Label Studio
    keeps every annotator's; the last is the latest correction); a task with
    none, only predictions, is reported and left out: it holds no one's
    corrections. With ``predictions``, such a task is read from its last
    prediction instead (a project where only some tasks were reviewed keeps
    the model's reading of the others; our own ``export --to labelstudio``
    holds predictions only), and a warning names it. ``labels`` regions of the ``event`` control are event
    triggers, other ``labels`` regions entities; a ``relation`` between a
    trigger and an entity is an argument, its label the role; per-region
    ``textarea`` (``value``) and ``choices`` (``modality``) results share their
    region's id. Offsets are code points, as Label Studio's editor counts them.
    """
    path = Path(path)
    tasks = read_json(path, ToolFileError)
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise ToolFileError(f"{path}: not a Label Studio export (expected a list of tasks)")
    docs, skipped = [], []
    for n, task in enumerate(tasks, start=1):
        where = f"{path}: task {task.get('id', n) if isinstance(task, dict) else n}"
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict) or "text" not in task["data"]:
            docs.append(ToolDocument(id=str(n), path=str(path), format="labelstudio", error=f"{where}: no data.text"))
            continue
        doc_id = str(task["data"].get("doc_id") or task.get("id") or n)
        done = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
        guessed = (task.get("predictions") or []) if predictions and not done else []
        if not done and not guessed:
            skipped.append(f"{where} ({doc_id}): no annotation (predictions only); left out")
            continue
        try:
            read = _task_document(task["data"]["text"], (done or guessed)[-1].get("result") or [], doc_id, path, where)
        except ToolFileError as exc:  # this task alone: the export's other tasks are still read
            docs.append(ToolDocument(id=doc_id, path=str(path), format="labelstudio", error=str(exc)))
            continue
        if not done:
            read.warnings.append(f"{where} ({doc_id}): no annotation; its prediction read (--predictions)")
        docs.append(read)
    if docs:
        docs[0].warnings[:0] = skipped
    elif skipped:
        raise ToolFileError(
            f"{path}: no task has an annotation (predictions only): nothing to import "
            "(--predictions reads a task's prediction where it has no annotation)"
        )
    return docs


def _task_document(text: str, results: list[dict[str, Any]], doc_id: str, path: Path, where: str) -> ToolDocument:
    tool = ToolDocument(id=doc_id, path=str(path), format="labelstudio", text=text)
    values: dict[str, str] = {}
    modalities: dict[str, str] = {}
    spans: dict[str, tuple[str, int, int, str]] = {}  # region id -> (kind, start, end, label)
    relations = []
    for res in results:
        kind = res.get("type")
        if kind == "relation":
            relations.append(res)
            continue
        value, rid = res.get("value") or {}, str(res.get("id", ""))
        if kind == "labels":
            labels = value.get("labels") or []
            if len(labels) != 1 or "start" not in value or "end" not in value:
                raise ToolFileError(f"{where}: region {rid}: expected one label and start/end, found {value}")
            start, end = value["start"], value["end"]
            if "text" in value and value["text"] != text[start:end]:
                raise ToolFileError(
                    f"{where}: region {rid}: text {value['text']!r} differs from the task's {text[start:end]!r} "
                    f"at [{start}, {end})"
                )
            is_event = res.get("from_name") == "event" or labels[0] not in ENTITY_LABELS
            spans[rid] = ("event" if is_event else "entity", start, end, labels[0])
        elif kind == "textarea" and value.get("text"):
            values[rid] = value["text"][0] if isinstance(value["text"], list) else str(value["text"])
        elif kind == "choices" and value.get("choices"):
            modalities[rid] = value["choices"][0]
    for rid, (kind, start, end, label) in spans.items():
        if kind == "entity":
            tool.entities.append(ToolEntity(rid, start, end, label, values.get(rid)))
    events = {
        rid: ToolEvent(rid, label, start, end, modalities.get(rid, "asserted"))
        for rid, (kind, start, end, label) in spans.items()
        if kind == "event"
    }
    for rel in relations:
        ends = (str(rel.get("from_id")), str(rel.get("to_id")))
        roles = rel.get("labels") or []
        kinds = tuple(spans.get(e, ("?",))[0] for e in ends)
        if kinds == ("entity", "event"):  # drawn from the argument to the trigger
            ends, kinds = ends[::-1], kinds[::-1]
        if kinds != ("event", "entity") or len(roles) != 1:
            tool.warnings.append(
                f"{where}: relation {ends[0]} -> {ends[1]} {roles} is not trigger -> entity with one role; left out"
            )
            continue
        events[ends[0]].arguments.append((roles[0], ends[1]))
    tool.events = list(events.values())
    return tool

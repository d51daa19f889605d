"""Gold annotations for training, from brat or from our JSON (what ``songngu import`` writes), in one shape.

The trainers (``songngu train ner``, ``songngu train events``) read
:class:`pipeline.io.brat.BratDocument` objects: text, entities with offsets and
labels, events with triggers and arguments. A folder of our annotated JSON
(corrections brought back from INCEpTION or Label Studio, say) is read into the
same objects, so that it trains like a brat folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.io.brat import BratDocument, BratError, Entity, Event, Span, read_brat, read_brat_dir
from pipeline.io.files import json_files, read_json
from pipeline.io.values import value_to_text


def from_json(doc: dict[str, Any], path: Path, layer: str = "vi") -> BratDocument:
    """One layer of our JSON document as a :class:`BratDocument` (every entity one fragment)."""
    data = doc[layer]
    entities = [
        Entity(
            e["id"],
            e["label"],
            e["start"],
            e["end"],
            e["text"],
            ((e["start"], e["end"]),),
            None if e.get("value") is None else value_to_text(e["value"]),
        )
        for e in data["entities"]
    ]
    events = [
        Event(
            id=ev["id"],
            type=ev["type"],
            trigger_id=f"trigger-{ev['id']}",
            trigger=Span(ev["trigger"]["start"], ev["trigger"]["end"], ev["trigger"]["text"]),
            arguments=tuple((a["role"], a["entity"]) for a in ev["arguments"]),
            modality=ev["modality"],
        )
        for ev in data["events"]
    ]
    return BratDocument(id=doc["id"], path=path, text=data["text"], entities=entities, events=events)


def is_json_gold(path: str | Path) -> bool:
    """A ``.json`` file, or a folder with JSON documents and no brat ``.ann`` files."""
    path = Path(path)
    if path.is_dir():
        return not any(path.rglob("*.ann")) and any(path.rglob("*.json"))
    return path.suffix == ".json"


def read_gold_documents(path: str | Path) -> list[BratDocument]:
    """brat documents under ``path``, or our JSON documents (a file or a folder of them) read as brat documents.

    A JSON file that breaks the contract is a :class:`BratError` naming it (the
    error type the trainers already report).
    """
    from pipeline.contract import problems

    path = Path(path)
    if not is_json_gold(path):
        return list(read_brat_dir(path)) if path.is_dir() else [read_brat(path)]
    docs = []
    for file in json_files(path):
        doc = read_json(file, BratError)
        if not isinstance(doc, dict) or "vi" not in doc:
            continue  # errors.jsonl and other files of an output folder
        found = problems(doc)
        if found:
            raise BratError(f"{file}: breaks the JSON contract: {found[0]}")
        docs.append(from_json(doc, file))
    return docs

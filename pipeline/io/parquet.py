"""Export to Parquet: one table per kind of annotation, for corpus questions in DuckDB, pandas or polars.

``OUTDIR/<kind>.parquet`` for documents, sentences, tokens, entities, events,
arguments and alignments. Every row has its ``doc_id`` and, in a layer's
tables, its ``lang``; spans have ``start``/``end`` in code points of the
layer's text (the contract's offsets), ids are the JSON's (``T3``, ``E1``), so
tables join on ``(doc_id, lang, entity_id)`` and so on. An argument row repeats
its entity's label, text and value, the join most questions need. A value is
written as text (``value``, see :mod:`pipeline.io.values`) and, when it is a
number, as a number too (``value_number``).

Needs pyarrow (``pip install -e ".[parquet]"``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pipeline.io.files import atomic_file
from pipeline.io.values import value_number, value_to_text

TABLES = ("documents", "sentences", "tokens", "entities", "events", "arguments", "alignments")


def _schemas():
    import pyarrow as pa

    text, integer, number, flag = pa.string(), pa.int64(), pa.float64(), pa.bool_()
    words = pa.list_(pa.string())
    layer = [("doc_id", text), ("lang", text)]
    return {
        "documents": pa.schema(
            [
                ("doc_id", text),
                ("source_path", text),
                ("source_sha256", text),
                ("pipeline_version", text),
                ("vi_text", text),
                ("en_text", text),
                ("en_origin", text),
            ]
        ),
        "sentences": pa.schema(
            layer + [("sentence", integer), ("start", integer), ("end", integer), ("first_token", integer),
                     ("end_token", integer), ("text", text)]
        ),
        "tokens": pa.schema(
            layer + [("token", integer), ("sentence", integer), ("start", integer), ("end", integer), ("text", text),
                     ("pos", text), ("upos", text), ("lemma", text)]
        ),
        "entities": pa.schema(
            layer + [("entity_id", text), ("start", integer), ("end", integer), ("label", text), ("text", text),
                     ("source", text), ("value", text), ("value_number", number), ("original_label", text),
                     ("score", number), ("flags", words), ("sentence", integer)]
        ),
        "events": pa.schema(
            layer + [("event_id", text), ("type", text), ("trigger_start", integer), ("trigger_end", integer),
                     ("trigger_text", text), ("modality", text), ("source", text), ("score", number),
                     ("sentence", integer)]
        ),
        "arguments": pa.schema(
            layer + [("event_id", text), ("event_type", text), ("role", text), ("entity_id", text),
                     ("entity_label", text), ("entity_text", text), ("entity_start", integer),
                     ("entity_end", integer), ("entity_value", text), ("score", number)]
        ),
        "alignments": pa.schema(
            [("doc_id", text), ("kind", text), ("vi", words), ("en", words), ("score", number), ("sure", flag),
             ("evidence", words), ("flags", words)]
        ),
    }  # fmt: skip


def _sentence_of(layer: dict[str, Any]):
    """Sentence index of a character offset (the sentence whose span holds it), or None."""
    import bisect

    starts = [s["start"] for s in layer["sentences"]]

    def find(offset: int) -> int | None:
        k = bisect.bisect_right(starts, offset) - 1
        return k if k >= 0 and offset < layer["sentences"][k]["end"] else None

    return find


def rows(doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows one document adds to each table."""
    doc_id = doc["id"]
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    en = doc.get("en")
    out["documents"].append(
        {
            "doc_id": doc_id,
            "source_path": doc["source"].get("path"),
            "source_sha256": doc["source"].get("sha256"),
            "pipeline_version": doc["pipeline"].get("version"),
            "vi_text": doc["vi"]["text"],
            "en_text": en["text"] if en else None,
            "en_origin": en.get("origin") if en else None,
        }
    )
    for lang in ("vi", "en"):
        layer = doc.get(lang)
        if layer is None:
            continue
        key = {"doc_id": doc_id, "lang": lang}
        text = layer["text"]
        sentence_of = _sentence_of(layer)
        for k, s in enumerate(layer["sentences"]):
            first, stop = s.get("tokens", (None, None))
            out["sentences"].append(
                {**key, "sentence": k, "start": s["start"], "end": s["end"], "first_token": first, "end_token": stop,
                 "text": text[s["start"] : s["end"]]}
            )  # fmt: skip
        for i, t in enumerate(layer["tokens"]):
            out["tokens"].append(
                {**key, "token": i, "sentence": t.get("sentence"), "start": t["start"], "end": t["end"],
                 "text": t["text"], "pos": t.get("pos"), "upos": t.get("upos"), "lemma": t.get("lemma")}
            )  # fmt: skip
        entities = {}
        for e in layer["entities"]:
            value = e.get("value")
            entities[e["id"]] = e
            out["entities"].append(
                {**key, "entity_id": e["id"], "start": e["start"], "end": e["end"], "label": e["label"],
                 "text": e["text"], "source": e.get("source"),
                 "value": None if value is None else value_to_text(value),
                 "value_number": value_number(value),
                 "original_label": e.get("original_label"), "score": e.get("score"), "flags": e.get("flags"),
                 "sentence": sentence_of(e["start"])}
            )  # fmt: skip
        for ev in layer["events"]:
            trigger = ev["trigger"]
            out["events"].append(
                {**key, "event_id": ev["id"], "type": ev["type"], "trigger_start": trigger["start"],
                 "trigger_end": trigger["end"], "trigger_text": trigger["text"], "modality": ev["modality"],
                 "source": ev.get("source"), "score": ev.get("score"),
                 "sentence": ev.get("sentence", sentence_of(trigger["start"]))}
            )  # fmt: skip
            for arg in ev["arguments"]:
                e = entities[arg["entity"]]
                value = e.get("value")
                out["arguments"].append(
                    {**key, "event_id": ev["id"], "event_type": ev["type"], "role": arg["role"],
                     "entity_id": e["id"], "entity_label": e["label"], "entity_text": e["text"],
                     "entity_start": e["start"], "entity_end": e["end"],
                     "entity_value": None if value is None else value_to_text(value), "score": arg.get("score")}
                )  # fmt: skip
    align = doc.get("alignments")
    if align is not None:
        for kind in ("sentences", "tokens", "entities", "events"):
            for link in align[kind]:

                def ids(side: str, link: dict[str, Any] = link) -> list[str]:
                    found = link[side]
                    items = found if isinstance(found, list) else [] if found is None else [found]
                    return [str(x) for x in items]

                out["alignments"].append(
                    {"doc_id": doc_id, "kind": kind, "vi": ids("vi"), "en": ids("en"), "score": link.get("score"),
                     "sure": link.get("sure"), "evidence": link.get("evidence"), "flags": link.get("flags")}
                )  # fmt: skip
    return out


def write_parquet(docs: Iterable[dict[str, Any]], out_dir: str | Path) -> int:
    """Write ``OUT_DIR/<table>.parquet`` for every table; returns the number of documents."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:  # an optional extra: say how to get it
        raise RuntimeError('the parquet export needs pyarrow: pip install -e ".[parquet]"') from None
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    n = 0
    for doc in docs:
        for name, found in rows(doc).items():
            tables[name].extend(found)
        n += 1
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, schema in _schemas().items():
        with atomic_file(out / f"{name}.parquet") as handle:
            pq.write_table(pa.Table.from_pylist(tables[name], schema=schema), handle)
    return n

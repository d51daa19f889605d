"""Parquet tables: DuckDB and pandas read them, rows match the JSON, and the README's DuckDB query gives its stated answer."""

from __future__ import annotations

import json
import re

import duckdb
import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.io.parquet import TABLES, write_parquet
from tests.io.conftest import ROOT


def test_tables_hold_every_annotation_with_ids_and_offsets(seed_doc, handmade_doc, tmp_path):
    assert write_parquet([seed_doc, handmade_doc], tmp_path) == 2
    con = duckdb.connect()

    def sql(query: str) -> list[tuple]:
        return con.sql(query.replace("TABLE(", f"read_parquet('{tmp_path}/").replace(".pq)", ".parquet')")).fetchall()

    for doc in (seed_doc, handmade_doc):
        for lang in ("vi", "en"):
            layer = doc[lang]
            where = f"WHERE doc_id = '{doc['id']}' AND lang = '{lang}'"
            want_entities = (
                sorted((e["id"], e["start"], e["end"], e["label"], e["text"]) for e in layer["entities"])
                if layer
                else []
            )
            assert (
                sorted(sql(f'SELECT entity_id, start, "end", label, text FROM TABLE(entities.pq) {where}'))
                == want_entities
            )
            n_tokens = len(layer["tokens"]) if layer else 0
            assert sql(f"SELECT count(*) FROM TABLE(tokens.pq) {where}") == [(n_tokens,)]
            want_arguments = sorted(
                (ev["id"], a["role"], a["entity"]) for ev in (layer["events"] if layer else []) for a in ev["arguments"]
            )
            assert sorted(sql(f"SELECT event_id, role, entity_id FROM TABLE(arguments.pq) {where}")) == want_arguments
    # ids and offsets join the tables: every argument's entity is in entities, with the same span
    assert sql(
        "SELECT count(*) FROM TABLE(arguments.pq) a LEFT JOIN TABLE(entities.pq) e USING (doc_id, lang, entity_id) "
        "WHERE e.start IS NULL OR e.start <> a.entity_start"
    ) == [(0,)]
    values = dict(
        sql(
            "SELECT text, value_number FROM TABLE(entities.pq) WHERE label = 'NUM' AND lang = 'vi' AND doc_id = 'handmade/seed_excerpt'"
        )
    )
    assert values == {"6": 6.0, "hai": 2.0}
    links = sql("SELECT count(*) FROM TABLE(alignments.pq) WHERE kind = 'entities'")
    assert links == [(len(seed_doc["alignments"]["entities"]),)]
    for name in TABLES:  # pandas too, with the documented columns
        frame = pd.read_parquet(tmp_path / f"{name}.parquet")
        assert len(frame) and "doc_id" in frame.columns


def _readme_query_and_answer():
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("### Tables for corpus questions") :]
    query = re.search(r"```sql\n(.*?)```", section, re.S).group(1)
    table = section[section.index("| year | event_type | events |") :].split("\n\n")[0].splitlines()[2:]
    answer = []
    for row in table:
        year, event_type, events = (cell.strip() for cell in row.strip("|").split("|"))
        answer.append((None if year == "(none)" else year, event_type, int(events)))
    return query, answer


def test_the_readme_query_gives_the_stated_answer_on_the_committed_annotations(tmp_path):
    annotations = ROOT / "annotations"
    if not any(annotations.glob("*.json")):
        pytest.fail("annotations/ is committed: the README's answer is about it")
    out = tmp_path / "tables"
    assert main(["export", "--to", "parquet", str(annotations), "-o", str(out)]) == 0
    query, answer = _readme_query_and_answer()
    assert answer and query.count("'tables/") == 2
    got = duckdb.sql(query.replace("'tables/", f"'{out}/")).fetchall()
    assert got == answer
    # and it counts what the JSON says: events with an argument whose text has the word Nga
    docs = [json.loads(p.read_text("utf-8")) for p in sorted(annotations.glob("*.json"))]
    with_nga = sum(
        any(
            re.search(r"\bNga\b", {e["id"]: e["text"] for e in d["vi"]["entities"]}[a["entity"]])
            for a in ev["arguments"]
        )
        for d in docs
        for ev in d["vi"]["events"]
    )
    assert sum(n for _, _, n in got) == with_nga

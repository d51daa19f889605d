"""The Python API: ``from pipeline import annotate``, ``pipeline.nlp(lang)``."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import pipeline
from pipeline import annotate
from pipeline.annotator import shared_annotator
from pipeline.contract import validate
from tests.conftest import ROOT, SEED

ANNOTATED = ROOT / "annotations" / f"{SEED.stem}.json"


@pytest.fixture(scope="module")
def seed_document():
    return annotate(SEED.read_text(encoding="utf-8"), en=SEED.with_suffix(".en.txt").read_text(encoding="utf-8"))


def test_annotate_gives_what_the_batch_writes(seed_document):
    """The same layers, alignments and pipeline record as the committed annotations/ file of the passage."""
    validate(seed_document)
    committed = json.loads(ANNOTATED.read_text(encoding="utf-8"))
    for key in ("vi", "en", "alignments", "pipeline", "schema_version"):
        assert seed_document[key] == committed[key], key
    # a text has no file: no path, the checksums of the texts themselves
    assert seed_document["source"] == {
        "path": None,
        "sha256": committed["source"]["sha256"],
        "en_sha256": committed["source"]["en_sha256"],
    }
    assert seed_document["id"] == "doc"


def test_without_english_there_is_no_english_layer():
    document = annotate("Nga thuộc Liên bang Xô viết.", id="ussr")
    assert document["id"] == "ussr" and document["en"] is None and document["alignments"] is None
    assert [t["text"] for t in document["vi"]["tokens"]] == ["Nga", "thuộc", "Liên bang", "Xô viết", "."]


def test_text_is_normalised_as_files_are():
    decomposed = "Nga thuo\u0323\u0302c Lie\u0302n bang Xô vie\u0302\u0301t."
    document = annotate(decomposed)
    assert document["vi"]["text"] == "Nga thuộc Liên bang Xô viết."
    assert document["source"]["sha256"] != annotate("Nga thuộc Liên bang Xô viết.")["source"]["sha256"]


def test_as_docs_gives_the_spacy_docs_the_json_was_made_from():
    text, english = "Quân Nga tấn công Khojaly.", "Russian troops attacked Khojaly."
    vi, en = annotate(text, en=english, as_docs=True)
    document = annotate(text, en=english)
    assert [t.text for t in vi if not t.is_space] == [t["text"] for t in document["vi"]["tokens"]]
    assert [(e.text, e.label_) for e in vi.ents] == [
        (e["text"], e["label"]) for e in document["vi"]["entities"] if e["label"] != "OTHER"
    ]
    assert [ev.type for ev in vi._.events] == [ev["type"] for ev in document["vi"]["events"]] == ["Conflict.Attack"]
    assert en.text == english and "Khojaly" in [e.text for e in en.ents]
    assert annotate(text, as_docs=True)[1] is None


def test_pipelines_load_once_per_options_and_are_shared():
    first = shared_annotator()
    annotate("Nga.")
    assert shared_annotator() is first
    assert pipeline.nlp("vi") is first.vi is pipeline.nlp()
    assert pipeline.nlp("en") is pipeline.nlp("en")
    assert [t.text for t in pipeline.nlp("en")("Russia stayed neutral.")][:2] == ["Russia", "stayed"]
    # other options, another pipeline: the table instead of the UPOS model
    table = pipeline.nlp("vi", overrides={"components.tagger.upos": "table"})
    assert table is not first.vi
    assert table.config["components"]["tagger"]["upos"] == "table"
    with pytest.raises(ValueError, match="lang must be 'vi' or 'en'"):
        pipeline.nlp("fr")


def test_import_pipeline_loads_no_model_library():
    code = "import sys, pipeline; pipeline.annotate; pipeline.nlp; print(sorted({'spacy', 'torch', 'underthesea', 'thinc'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"

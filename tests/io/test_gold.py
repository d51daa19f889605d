"""Imported JSON is training gold: songngu train ner and train events read a folder of it like a brat folder."""

from __future__ import annotations

import json

import pytest

from pipeline.cli import main
from pipeline.io.brat import write_brat
from pipeline.io.gold import read_gold_documents
from tests.io.conftest import ROOT


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The seed passage exported to brat and imported back: what a corrected folder looks like."""
    seed = json.loads((ROOT / "annotations" / "000_c94cfb08b554769d.json").read_text("utf-8"))
    root = tmp_path_factory.mktemp("gold")
    write_brat(seed, root / "brat")
    assert main(["import", "--from", "brat", str(root / "brat"), "-o", str(root / "json")]) == 0
    return seed, root / "json"


def test_json_gold_reads_like_brat(imported):
    seed, folder = imported
    (doc,) = read_gold_documents(folder)
    layer = seed["vi"]
    assert doc.text == layer["text"]
    assert [(e.start, e.end, e.label) for e in doc.entities] == [
        (e["start"], e["end"], e["label"]) for e in layer["entities"]
    ]
    assert [(ev.type, ev.trigger.start, ev.modality, ev.arguments) for ev in doc.events] == [
        (ev["type"], ev["trigger"]["start"], ev["modality"], tuple((a["role"], a["entity"]) for a in ev["arguments"]))
        for ev in layer["events"]
    ]


def test_ner_and_event_trainers_take_json_gold(imported):
    from pipeline.events.corpora import load_mappings
    from pipeline.events.lexicon import load_lexicon
    from pipeline.events.ontology import load_ontology
    from pipeline.events.trained import Featuriser
    from pipeline.events.training import Examples, collect, gold_sources
    from pipeline.vi import load_vi
    from pipeline.vi.ner.trained import read_gold

    seed, folder = imported
    layer = seed["vi"]
    vi_nlp = load_vi(overrides={"nlp.pipeline": ["split_names", "sentences", "tagger"]})
    docs, stats = read_gold(folder, vi_nlp)
    named = [
        e for e in layer["entities"] if e["label"] != "OTHER"
    ]  # OTHER marks event arguments: not trained as a name
    assert stats["documents"] == 1 and stats["entities"] == len(named) == 90
    assert {(e.start_char, e.end_char, e.label_) for e in docs[0].ents} == {
        (e["start"], e["end"], e["label"]) for e in named
    }
    ontology = load_ontology()
    [source] = gold_sources(load_mappings(ontology), gold=[folder])
    assert sum(len(d.events) for d in source.documents) == len(layer["events"])
    examples = Examples()
    featuriser = Featuriser(vi_nlp.vocab, ontology, load_lexicon(ontology))
    collect(source, [vi_nlp(d.text) for d in source.documents], featuriser, examples)
    stats = examples.stats[source.name]
    assert stats["documents"] == 1 and stats["triggers"] > 0
    assert len(examples.argument_items) == stats["triggers"]  # one argument sequence per trigger

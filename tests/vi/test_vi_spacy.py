"""spaCy's conventions for the Vietnamese pipeline: declared attributes, and serialisation that carries the models.

``nlp.to_disk(path)`` then ``spacy.load(path)`` must give the same annotations
in a new process that cannot see the original models (``SONGNGU_MODELS`` points
at an empty folder): what the components need travels in ``path``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import spacy

from pipeline.io.jsondoc import layer_from_doc
from pipeline.vi import components, default_config, load_vi
from pipeline.vi.tagger import Tagger
from pipeline.vi.tokenizer import SegmenterTokenizer
from tests.conftest import ARREST, KHOJALY, SEED

TEXTS = [
    SEED.read_text(encoding="utf-8"),
    ARREST,
    KHOJALY,
    "Bộ Quốc phòng Armenia trả lương bằng đồng rúp Nga.\n\nTP. HCM có 9 triệu dân.",
    # "Vân Mộng" is in a gazetteer of the test's own (MY_PLACES), as an organisation
    "Ông Ba làm việc cho Vân Mộng ở Hà Nội từ năm 1990.",
]
MY_PLACES = "name\tlabel\ten\tner\tsource\tnote\nVân Mộng\tORG\t\tyes\ttests/vi/test_vi_spacy.py\tmade up\n"

# Run in a new process: open the saved pipeline by path alone (spaCy finds our
# factories through the spacy_factories entry points) and print what it makes.
_LOAD_AND_ANNOTATE = """
import json, sys
import spacy
from pipeline.io.jsondoc import layer_from_doc
from pipeline.vi import components
nlp = spacy.load(sys.argv[1])
texts = json.loads(open(sys.argv[2], encoding="utf-8").read())
print(json.dumps({"layers": [layer_from_doc(nlp(t), "vi") for t in texts], "components": components(nlp)}))
"""


@pytest.fixture(scope="module")
def nlp():
    return load_vi()


def annotations(nlp) -> dict:
    return json.loads(
        json.dumps({"layers": [layer_from_doc(nlp(t), "vi") for t in TEXTS], "components": components(nlp)})
    )


def test_default_config_declares_what_each_component_assigns_and_requires(nlp):
    analysis = nlp.analyze_pipes()
    assert analysis["problems"] == {name: [] for name in nlp.pipe_names}
    for name in nlp.pipe_names:
        meta = nlp.get_pipe_meta(name)
        assert meta.assigns or meta.retokenizes, f"{name} ({meta.factory}) declares nothing it changes"
    assert "doc.ents" in nlp.get_pipe_meta("ner_merge").assigns
    assert "doc._.events" in nlp.get_pipe_meta("events").assigns


def test_analyze_pipes_catches_a_misordered_config():
    # The tagger tags sentence by sentence, the merge decides among the proposals of
    # the ner_* components: put before what they read, spaCy says so.
    order = [name for name in default_config()["nlp"]["pipeline"] if name not in ("tagger", "ner_merge")]
    moved = ["tagger", *order[: order.index("ner_dates")], "ner_merge", *order[order.index("ner_dates") :]]
    nlp = load_vi(overrides={"nlp.pipeline": moved})
    problems = nlp.analyze_pipes()["problems"]
    assert "doc.sents" in problems["tagger"]
    assert problems["ner_merge"] == ["doc.spans"]


@pytest.fixture(scope="module")
def nlp_with_data_files(tmp_path_factory):
    """The pipeline with its data files in a folder of their own (removed once the pipeline is saved),
    and the events backed by the trained trigger model (read from models/)."""
    from importlib.resources import files

    folder = tmp_path_factory.mktemp("data-files")
    for name in ("ontology.yaml", "lexicon.yaml"):
        (folder / name).write_bytes(files("pipeline.events").joinpath(name).read_bytes())
    for name in ("surnames.tsv", "context.tsv", "organisations.tsv"):
        (folder / name).write_bytes(files("pipeline.vi.ner").joinpath("data", name).read_bytes())
    (folder / "my_places.tsv").write_text(MY_PLACES, encoding="utf-8")
    overrides = {
        "components.events.backend": "both",
        "components.events.ontology": str(folder / "ontology.yaml"),
        "components.events.lexicon": str(folder / "lexicon.yaml"),
        "components.ner_gazetteer.files": ["<packaged>", str(folder / "my_places.tsv")],
        "components.ner_surnames.surnames": str(folder / "surnames.tsv"),
        "components.ner_merge.context": str(folder / "context.tsv"),
        "components.ner_classifiers.context": str(folder / "context.tsv"),
        "components.ner_titles.context": str(folder / "context.tsv"),
        "components.ner_organisations.heads": str(folder / "organisations.tsv"),
    }
    return load_vi(overrides=overrides), folder


@pytest.mark.slow
def test_saved_pipeline_gives_the_same_annotations_in_a_new_process(nlp_with_data_files, tmp_path):
    nlp, data_files = nlp_with_data_files
    expected = annotations(nlp)
    assert sum(len(layer["entities"]) for layer in expected["layers"]) > 10
    assert sum(len(layer["events"]) for layer in expected["layers"]) > 10
    mine = [(e["text"], e["label"], e["source"]) for e in expected["layers"][-1]["entities"]]
    assert ("Vân Mộng", "ORG", "gazetteer:project") in mine
    nlp.to_disk(tmp_path / "vi")
    # What the config names is gone: the saved pipeline must carry it.
    for path in data_files.iterdir():
        path.unlink()
    (tmp_path / "no-models").mkdir()
    (tmp_path / "texts.json").write_text(json.dumps(TEXTS), encoding="utf-8")
    env = {**os.environ, "SONGNGU_MODELS": str(tmp_path / "no-models")}
    result = subprocess.run(
        [sys.executable, "-c", _LOAD_AND_ANNOTATE, str(tmp_path / "vi"), str(tmp_path / "texts.json")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == expected


def test_tokenizer_serialisation_carries_the_segmenter_model(nlp, tmp_path):
    text = TEXTS[3]
    data = nlp.tokenizer.to_bytes()
    assert len(data) > 100_000  # the CRF model itself, not a name
    # A tokenizer configured with a model directory that does not exist works
    # once it has read the bytes: they hold the model.
    copy = SegmenterTokenizer(nlp.vocab, segmenter=str(tmp_path / "absent")).from_bytes(data)
    assert [t.text for t in copy(text)] == [t.text for t in nlp.tokenizer(text)]
    assert "Quốc phòng" in [t.text for t in copy(text)]
    assert copy.segmenter.version == nlp.tokenizer.segmenter.version
    nlp.tokenizer.to_disk(tmp_path / "tokenizer")
    assert {p.name for p in (tmp_path / "tokenizer").iterdir()} >= {"model.crfsuite", "meta.json", "MODEL_CARD.md"}
    from_disk = SegmenterTokenizer(nlp.vocab, segmenter=str(tmp_path / "absent")).from_disk(tmp_path / "tokenizer")
    assert [t.text for t in from_disk(text)] == [t.text for t in nlp.tokenizer(text)]


def test_a_package_segmenter_is_saved_by_name(tmp_path):
    tokenizer = SegmenterTokenizer(spacy.blank("vi").vocab, segmenter="pyvi")
    tokenizer.to_disk(tmp_path)
    restored = SegmenterTokenizer(spacy.blank("vi").vocab, segmenter="crf").from_disk(tmp_path)
    assert restored.segmenter.name == "pyvi"


@pytest.mark.parametrize("upos", ["crf", "table"])
def test_tagger_serialisation_carries_the_upos_model(nlp, upos, tmp_path):
    tagger = Tagger(upos=upos)
    copy = Tagger(upos=str(tmp_path / "absent")).from_bytes(tagger.to_bytes())
    assert copy.songngu_meta == tagger.songngu_meta
    with nlp.select_pipes(enable=["sentences"]):
        doc = nlp("Nó bị bắt ở Hà Nội và được thả sau đó.")
    ours = [t.pos_ for t in tagger(doc)]
    theirs = [t.pos_ for t in copy(doc)]
    assert ours == theirs
    # the CRF tells passive "bị"/"được" (AUX) from verbs; the table cannot
    assert ("AUX" in ours) == (upos == "crf")

"""The English pipeline is built from its config file (pipeline/en/default.cfg) and follows spaCy's conventions."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.resources import files

import pytest
from thinc.api import Config

from pipeline.en import load_en
from pipeline.io.jsondoc import layer_from_doc
from tests.conftest import CORPUS

TEXTS = [
    (CORPUS / "000_c94cfb08b554769d.en.txt").read_text(encoding="utf-8"),
    "On 11 September 1992 soldiers of the 366th motorised regiment left Stepanakert.[29] Major Yury Nikolayevich "
    "said the war had collapsed...Azerbaijan was ready.",
]

_LOAD_AND_ANNOTATE = """
import json, sys
import spacy
from pipeline.io.jsondoc import layer_from_doc
nlp = spacy.load(sys.argv[1])
print(json.dumps([layer_from_doc(nlp(t), "en") for t in json.loads(sys.argv[2])]))
"""


@pytest.fixture(scope="module")
def nlp():
    return load_en()


def test_the_pipeline_is_the_one_its_config_file_names(nlp):
    config = Config().from_str(files("pipeline.en").joinpath("default.cfg").read_text("utf-8"))
    assert nlp.pipe_names == config["nlp"]["pipeline"]
    assert "parser" not in nlp.pipe_names and not nlp.disabled
    # the tokenizer's own rules: a citation marker and an ellipsis between words are tokens
    assert [t.text for t in nlp.tokenizer('Caucasus."[29] It collapsed...Azerbaijan')][:5] == [
        "Caucasus",
        ".",
        '"',
        "[29]",
        "It",
    ]
    assert "..." in [t.text for t in nlp.tokenizer("collapsed...Azerbaijan")]


def test_analyze_pipes_finds_no_problem(nlp):
    assert nlp.analyze_pipes()["problems"] == {name: [] for name in nlp.pipe_names}
    for name in ("songngu_en_sentences", "songngu_en_entities"):
        assert nlp.get_pipe_meta(name).assigns, name


def test_the_norm_table_comes_with_the_vocabulary(nlp):
    # en_core_web_sm's features read NORM, which spells "colour" as "color": without
    # the package's vocabulary the same model sees other features.
    assert [t.norm_ for t in nlp("colour labour")] == ["color", "labor"]


def test_unit_patterns_are_in_the_ruler(nlp):
    layer = layer_from_doc(nlp(TEXTS[1]), "en")
    assert {"text": "366th motorised regiment", "label": "ORG"}.items() <= next(
        e for e in layer["entities"] if "regiment" in e["text"]
    ).items()


@pytest.mark.slow
def test_saved_pipeline_gives_the_same_layer_in_a_new_process(nlp, tmp_path):
    expected = [layer_from_doc(nlp(t), "en") for t in TEXTS]
    nlp.to_disk(tmp_path / "en")
    result = subprocess.run(
        [sys.executable, "-c", _LOAD_AND_ANNOTATE, str(tmp_path / "en"), json.dumps(TEXTS)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json.loads(json.dumps(expected))

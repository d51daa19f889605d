"""The trained typer: fitting, saving and loading, the component in the pipeline, the training command.

The models here are tiny and fitted in the test on a few sentences: they check the
mechanics, not accuracy (``python bench/ner.py`` measures that, and the shipped model
is exercised by tests/vi/ner/test_ner_issue13.py).
"""

from __future__ import annotations

import json
import math

import pytest

from pipeline.cli import main
from pipeline.vi import load_vi
from pipeline.vi.ner.candidates import PREFIX
from pipeline.vi.ner.typer import (
    LABELS,
    PROPOSERS,
    TrainingText,
    TyperError,
    TyperModel,
    fit,
    gold_texts,
    train,
    training_texts,
)
from tests.conftest import ROOT

TEXTS = [
    # sentences written for these tests, with every name marked
    TrainingText("a", "Ông Thaksin nói với các phóng viên ở Bangkok.", [(4, 11, "PER"), (37, 44, "LOC")], True),
    TrainingText("b", "Công ty Hercules Offshore phá sản.", [(8, 25, "ORG")], True),
    TrainingText("c", "Lần ấy quân Pháp rút khỏi Huế.", [(12, 16, "MISC"), (26, 29, "LOC")], True),
    TrainingText("d", "Bà Merkel đến Kiev hôm qua.", [(3, 9, "PER"), (14, 18, "LOC")], True),
]


@pytest.fixture(scope="module")
def prep():
    return load_vi(overrides={"nlp.pipeline": list(PROPOSERS)})


@pytest.fixture(scope="module")
def tiny_model(prep, tmp_path_factory):
    out = tmp_path_factory.mktemp("typer")
    train(TEXTS * 3, out, prep, c=1.0, meta={"name": "ner-typer-test", "version": "test"})
    return out


def test_fit_gives_a_probability_per_label():
    rows = [(["bias", f"w={label}"], label, 1.0, "test") for label in LABELS for _ in range(3)]
    model = fit(rows, c=10.0, min_count=1)
    probs = model.probabilities(["bias", "w=PER"])
    assert math.isclose(sum(probs), 1.0) and max(range(5), key=probs.__getitem__) == LABELS.index("PER")
    assert model.probabilities(["a feature never seen"]) == model.probabilities([])


def test_a_saved_model_loads_back(tiny_model):
    model = TyperModel.load(tiny_model)
    assert model.labels == list(LABELS) and model.weights
    assert model.meta["examples"] and model.meta["name"] == "ner-typer-test"


def test_the_component_proposes_typed_names_with_scores(tiny_model):
    nlp = load_vi(overrides={"components.ner_typer.model": str(tiny_model)})
    doc = nlp("Ông Thaksin nói với các phóng viên ở Bangkok.")
    group = doc.spans[PREFIX + "model"]
    assert "vetoed" in group.attrs
    assert all(0.0 < span._.score <= 1.0 for span in group)
    assert {e.text for e in doc.ents} >= {"Thaksin", "Bangkok"}


def test_the_typer_can_be_switched_off():
    nlp = load_vi(overrides={"components.ner_typer.model": "none"})
    doc = nlp("Ông Thaksin nói với các phóng viên ở Bangkok.")
    assert not list(doc.spans[PREFIX + "model"]) if PREFIX + "model" in doc.spans else True
    assert all(e._.source != "model" for e in doc.ents)


def test_a_missing_or_broken_model_is_named(tmp_path):
    with pytest.raises(TyperError, match="no typer weights"):
        TyperModel.load(tmp_path)
    (tmp_path / "weights.json").write_text(json.dumps({"format": 99}), encoding="utf-8")
    with pytest.raises(TyperError, match="format 99"):
        TyperModel.load(tmp_path)


@pytest.mark.slow
def test_train_ner_typer_from_the_command_line(tmp_path):
    out = tmp_path / "typer"
    out.mkdir()
    # a card of an earlier model with what people measured on it: retraining keeps those figures, said to be old
    (out / "MODEL_CARD.md").write_text(
        "# ner-typer\n\nVersion `0123456789ab`, 9 features.\n\n## Dev figures (cross-validated)\n\nVTB 0.777.\n\n"
        "## Held-out figures\n\nheldout99 0.555.\n\n## Licence\n\nold licence\n",
        encoding="utf-8",
    )
    gold = ROOT / "corpus" / "gold" / "ner" / "seed"
    assert main(["train", "ner", "--typer", "--gold", str(gold), "--no-bkee", "--no-vhe", "-o", str(out)]) == 0
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "corpus/gold/ner/seed" in card and "CC BY-SA 4.0" in card  # no BKEE: no non-commercial licence
    before = card.split("## Figures of the model before (version `0123456789ab`)")[1]
    assert "not measured for this version yet" in before
    assert (
        "### Dev figures (cross-validated)\n\nVTB 0.777." in before
        and "### Held-out figures\n\nheldout99 0.555." in before
    )
    assert "old licence" not in card
    assert TyperModel.load(out).meta["sources"]["bkee"] is None
    assert main(["train", "ner", "--typer", "--gold", str(tmp_path / "none"), "-o", str(out)]) == 2


def test_retraining_twice_before_measuring_keeps_the_figures_of_the_model_measured_last():
    from pipeline.vi.ner.typer import measured_before

    measured = "# ner-typer\n\nVersion `0123456789ab`.\n\n## Dev figures (cross-validated)\n\nVTB 0.777.\n"
    once = "# ner-typer\n\nVersion `111111111111`.\n" + measured_before(measured, "111111111111")
    twice = measured_before(once, "222222222222")
    assert "## Figures of the model before (version `0123456789ab`)" in twice
    assert "### Dev figures (cross-validated)\n\nVTB 0.777." in twice


def test_the_shipped_weights_read_back_from_the_start_up_cache_are_the_parsed_ones(tmp_path, monkeypatch):
    """The first load parses weights.json and keeps it in the start-up cache; the second reads it back without
    parsing. Both have the parse's labels, bias and weights (same floats, same feature order), so the same
    matrix to the bit."""
    from pipeline import MODELS_DIR
    from pipeline.vi.ner.typer import WEIGHTS_FILE

    shipped = MODELS_DIR / "ner-typer"
    monkeypatch.setenv("SONGNGU_CACHE_DIR", str(tmp_path))
    parsed = json.loads((shipped / WEIGHTS_FILE).read_text(encoding="utf-8"))
    first = TyperModel.load(shipped)
    assert list((tmp_path / "startup").glob("typer-weights-*.marshal"))

    weights_text, loads = (shipped / WEIGHTS_FILE).read_text(encoding="utf-8"), json.loads

    def no_parse(text, *args, **kwargs):
        if text == weights_text:
            raise AssertionError("parsed again: the start-up cache was not read")
        return loads(text, *args, **kwargs)  # the meta.json beside it

    monkeypatch.setattr("pipeline.vi.ner.typer.json.loads", no_parse)
    second = TyperModel.load(shipped)
    assert len(parsed["weights"]) > 10_000  # the real model
    for model in (first, second):
        assert model.labels == parsed["labels"] and model.bias == parsed["bias"]
        assert list(model.weights.items()) == list(parsed["weights"].items())
        assert model._matrix.tobytes() == first._matrix.tobytes()


def test_gold_is_trained_on_line_by_line(tmp_path):
    # a brat document of two sentences of our own: each line a text, its names at the line's offsets, so that a
    # cross-validation can leave out exactly the lines another split shares
    folder = tmp_path / "genres" / "heldout2"
    folder.mkdir(parents=True)
    text = "Ông Thaksin đến Bangkok.\n\nCông ty Hercules Offshore phá sản ở Houston.\n"
    (folder / "news.txt").write_text(text, encoding="utf-8")
    names = [("Thaksin", "PER"), ("Bangkok", "LOC"), ("Hercules Offshore", "ORG"), ("Houston", "LOC")]
    ann = "".join(
        f"T{k}\t{label} {text.index(name)} {text.index(name) + len(name)}\t{name}\n"
        for k, (name, label) in enumerate(names, 1)
    )
    (folder / "news.ann").write_text(ann, encoding="utf-8")
    texts = gold_texts(folder, 3.0, "genres/heldout2")
    assert [t.id for t in texts] == ["genres/heldout2/news:1", "genres/heldout2/news:3"]
    assert [[t.text[s:e] for s, e, _ in t.names] for t in texts] == [
        ["Thaksin", "Bangkok"],
        ["Hercules Offshore", "Houston"],
    ]
    assert all(t.complete and t.weight == 3.0 and t.corpus == "gold" for t in texts)
    # a genre split is named as such, not as the VTB split of the same folder name
    assert training_texts([folder], None, None)[0].id.startswith("genres/heldout2/")

"""The trainable path: ``songngu train ner`` on a small gold set, loaded back into the pipeline.

These check that training runs, saves a documented model and that the model loads and
predicts; the gold is far too small for the figures to mean accuracy.
"""

from __future__ import annotations

import json

import pytest

from pipeline.cli import main
from pipeline.vi import load_vi
from pipeline.vi.ner.candidates import candidates
from pipeline.vi.ner.trained import ModelError, TrainingError, read_gold, train
from tests.conftest import ROOT

SEED_GOLD = ROOT / "corpus" / "gold" / "ner" / "seed"

# A small CoNLL gold set built here: VTB dev sentences (UD Vietnamese-VTB, CC BY-SA 4.0),
# tagged by hand following corpus/gold/GUIDELINES.md; words as VTB segments them.
CONLL = """\
Anh\tN\tO\tO
Hai Địa\tNp\tO\tB-PER
nhất định\tA\tO\tO
không\tR\tO\tO
tiết lộ\tV\tO\tO
nhiệm vụ\tN\tO\tO
.\tCH\tO\tO

Ông\tN\tO\tO
Bình\tNp\tO\tB-PER
ở\tE\tO\tO
đường\tN\tO\tB-LOC
Nguyễn Huệ\tNp\tO\tI-LOC
,\tCH\tO\tO
phường\tN\tO\tO
Tân Xuân\tNp\tO\tB-LOC
.\tCH\tO\tO

16\tM\tO\tB-NUM
tuổi\tN\tO\tO
,\tCH\tO\tO
Vy\tNp\tO\tB-PER
vào\tV\tO\tO
Sài Gòn\tNp\tO\tB-LOC
.\tCH\tO\tO
"""


@pytest.fixture(scope="module")
def prep():
    return load_vi(overrides={"nlp.pipeline": ["split_names", "sentences", "tagger"]})


def spacy_pipeline(model_dir):
    return load_vi(
        overrides={
            "nlp.pipeline": ["split_names", "sentences", "tagger", "ner_spacy", "ner_merge"],
            "components.ner_spacy.model": str(model_dir),
        }
    )


def test_brat_gold_reads_as_tagged_docs_with_exact_entities(prep):
    docs, stats = read_gold(SEED_GOLD, prep)
    assert stats["documents"] == 1 and stats["entities"] == 90 and stats["labels"]["LOC"] == 47
    ents = [(e.text, e.label_) for e in docs[0].ents]
    assert ("Bộ Quốc phòng Armenia", "ORG") in ents and ("Yury Nikolayevich", "PER") in ents
    assert all(t.tag_ for t in docs[0] if not t.is_space)


def test_conll_gold_keeps_its_words(prep, tmp_path):
    path = tmp_path / "gold.conll"
    path.write_text(CONLL, encoding="utf-8")
    docs, stats = read_gold(path, prep)
    assert stats["sentences"] == 3 and stats["entities"] == 7
    assert [t.text for t in docs[1]][:5] == ["Ông", "Bình", "ở", "đường", "Nguyễn Huệ"]
    assert [(e.text, e.label_) for e in docs[1].ents] == [
        ("Bình", "PER"),
        ("đường Nguyễn Huệ", "LOC"),
        ("Tân Xuân", "LOC"),
    ]


@pytest.mark.slow
def test_train_on_brat_then_load_and_predict(prep, tmp_path, seed_text):
    out = tmp_path / "ner-seed"
    record = train(SEED_GOLD, out, prep=prep, epochs=12, log=lambda line: None)
    for name in ("MODEL_CARD.md", "songngu.json", "config.cfg", "meta.json"):
        assert (out / name).is_file(), name
    assert "corpus/gold/ner/seed" in (out / "MODEL_CARD.md").read_text("utf-8")
    assert json.loads((out / "songngu.json").read_text("utf-8"))["gold"]["entities"] == 90
    assert record["scores"]["train"]["f1"] > 0.3  # it fits its own training text at least somewhat

    doc = spacy_pipeline(out)(seed_text)
    assert doc.ents and {e._.source for e in doc.ents} == {"spacy"}
    assert {e.label_ for e in doc.ents} <= {"PER", "LOC", "ORG", "MISC", "DATE", "NUM"}
    for ent in doc.ents:
        assert seed_text[ent.start_char : ent.end_char] == ent.text


@pytest.mark.slow
def test_train_from_the_command_line_on_conll_with_a_dev_set(tmp_path):
    gold = tmp_path / "gold.conll"
    gold.write_text((CONLL + "\n") * 4, encoding="utf-8")  # a few updates per epoch
    out = tmp_path / "ner-conll"
    assert main(["train", "ner", "--gold", str(gold), "--dev", str(gold), "-o", str(out), "--epochs", "15"]) == 0
    record = json.loads((out / "songngu.json").read_text("utf-8"))
    assert record["dev"]["entities"] == 28 and 1 <= record["kept_epoch"] <= 15
    # seeded training on three sentences memorises them: it finds its training names again
    doc = spacy_pipeline(out)("Ông Bình ở đường Nguyễn Huệ , phường Tân Xuân .")
    found = {(c.span.text, c.label) for c in candidates(doc) if c.source == "spacy"}
    assert found & {("Bình", "PER"), ("đường Nguyễn Huệ", "LOC"), ("Tân Xuân", "LOC")}, found


def test_bad_gold_and_missing_models_are_named(prep, tmp_path):
    with pytest.raises(TrainingError, match="no such file"):
        read_gold(tmp_path / "nothing", prep)
    bad = tmp_path / "bad.conll"
    bad.write_text("Nga\tNp\tO\tB-COUNTRY-X Y\n", encoding="utf-8")
    with pytest.raises(TrainingError, match="bad.conll"):
        read_gold(bad, prep)
    with pytest.raises(ModelError, match="no such NER model"):
        spacy_pipeline(tmp_path / "missing-model")
    assert main(["train", "ner", "--gold", str(tmp_path / "nothing"), "-o", str(tmp_path / "m")]) == 2


def test_adding_the_component_reads_no_model_until_it_is_initialised(tmp_path):
    # spaCy's add_pipe probes every component for a 'model' attribute (isinstance(proc,
    # ListenedToComponent), in an order that depends on string hashing): reading it must not
    # load the configured directory, which a saved pipeline replaces through from_disk.
    import spacy

    nlp = spacy.blank("vi")
    ner = nlp.add_pipe("songngu_ner_spacy", config={"model": str(tmp_path / "not-there")})
    typer = nlp.add_pipe("songngu_ner_typer", config={"model": str(tmp_path / "no-typer")})
    for component in (ner, typer):
        assert not hasattr(component, "model")
    with pytest.raises(ModelError, match="no such NER model"):
        ner.initialize()


@pytest.mark.slow
def test_prediction_reads_the_words_training_read(prep, tmp_path, monkeypatch):
    """Whitespace tokens inside a sentence are words to the model in training: at prediction too."""
    from pipeline.vi.ner import trained

    gold = tmp_path / "gold"
    gold.mkdir()
    text = "Ông Bình ở  đường Nguyễn Huệ ."  # two spaces: a whitespace token inside the sentence
    (gold / "a.txt").write_text(text, encoding="utf-8")
    (gold / "a.ann").write_text("T1\tPER 4 8\tBình\n", encoding="utf-8")
    out = tmp_path / "ner-tiny"
    train(gold, out, prep=prep, epochs=1, log=lambda line: None)
    seen = []
    real = trained.mirror
    monkeypatch.setattr(
        trained, "mirror", lambda model, tokens: seen.append([t.text for t in tokens]) or real(model, tokens)
    )
    docs, _ = read_gold(gold, prep)
    trained.examples(docs, spacy_pipeline(out).get_pipe("ner_spacy").ner_model)
    trained_on = seen[0]  # the words of the training example (predicted and reference alike)
    seen.clear()
    spacy_pipeline(out)(text)
    assert seen == [trained_on] and any(not w.strip() for w in trained_on)

"""The trainable path: brat gold -> songngu train events -> the component's trained backend."""

from __future__ import annotations

import json

import pytest

from pipeline.cli import main
from pipeline.events.trained import TrainingError, train
from pipeline.vi import load_vi

TEXT = (
    "Quân Nga tấn công làng Merjimek. Phía Armenia cho biết họ bị bắt giữ ở Kelbajar.\n\n"
    "Quân Azerbaijan tấn công thị trấn Askeran.\n"
)


def brat_set(root, heldback: bool = True):
    """A tiny brat document; its last sentence is held back."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "doc.txt").write_text(TEXT, encoding="utf-8")
    lines = []
    triggers = (
        ("tấn công", "Conflict_Attack"),
        ("cho biết", "Contact_Statement"),
        ("bị bắt giữ", "Justice_Arrest-Jail"),
    )
    for n, (word, etype) in enumerate(triggers, start=1):
        start = TEXT.index(word)
        lines += [f"T{n}\t{etype} {start} {start + len(word)}\t{word}", f"E{n}\t{etype}:T{n}"]
    start = TEXT.rindex("tấn công")
    lines += [f"T9\tConflict_Attack {start} {start + 8}\ttấn công", "E9\tConflict_Attack:T9"]
    (root / "doc.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if heldback:
        start = TEXT.index("Quân Azerbaijan")
        (root / "heldback.tsv").write_text(f"sentence\tstart\tend\n2\t{start}\t{len(TEXT) - 1}\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def trained_model(tmp_path_factory, vi_nlp):
    root = tmp_path_factory.mktemp("events-train")
    record = train([brat_set(root / "gold")], root / "model", vi_nlp=vi_nlp, epochs=30, log=lambda m: None)
    return root / "model", record


def test_training_reads_brat_and_leaves_held_back_sentences_out(trained_model):
    path, record = trained_model
    stats = record["training_data"]
    assert (stats["documents"], stats["sentences"], stats["heldback_sentences_skipped"]) == (1, 2, 1)
    assert stats["triggers"] == 3 and stats["types"] == {
        "Conflict.Attack": 1,
        "Contact.Statement": 1,
        "Justice.Arrest-Jail": 1,
    }
    assert json.loads((path / "songngu.json").read_text("utf-8"))["fingerprint"] == record["fingerprint"]
    card = (path / "MODEL_CARD.md").read_text("utf-8")
    assert "2 sentences, 3 triggers" in card and "Retrain" in card


def test_trained_backend_finds_the_triggers_it_learnt(trained_model):
    path, _ = trained_model
    nlp = load_vi(overrides={"components.events.backend": "trained", "components.events.model": str(path)})
    doc = nlp(TEXT)
    found = {(ev.trigger.text, ev.type) for ev in doc._.events}
    assert ("tấn công", "Conflict.Attack") in found
    assert all(ev.source == "model:events-trigger" for ev in doc._.events)
    # the rules read the arguments of a model's trigger as they do a lexicon's
    attack = next(ev for ev in doc._.events if ev.trigger.text == "tấn công")
    assert ("Attacker", "Quân Nga") in {(a.role, a.span.text) for a in attack.arguments}
    assert nlp.get_pipe("events").songngu_meta["model"] == "events-trigger"


def test_both_backend_keeps_the_lexicon_where_it_has_a_word(trained_model):
    path, _ = trained_model
    nlp = load_vi(overrides={"components.events.backend": "both", "components.events.model": str(path)})
    doc = nlp("Quân Nga tấn công làng Merjimek rồi rút quân.")
    sources = {ev.trigger.text: ev.source for ev in doc._.events}
    assert sources.get("tấn công") == "lexicon" and sources.get("rút quân") == "lexicon"
    assert nlp.get_pipe("events").songngu_meta["model"] == "events-lexicon+events-trigger"


def test_trained_backend_without_a_model_says_how_to_get_one(tmp_path):
    with pytest.raises(ValueError, match=r"no trained trigger model here .*songngu train events"):
        load_vi(overrides={"components.events.backend": "trained", "components.events.model": str(tmp_path)})


def test_unknown_backend_is_refused():
    with pytest.raises(ValueError, match="unknown backend 'rules'"):
        load_vi(overrides={"components.events.backend": "rules"})


def test_cli_trains_and_reports_bad_gold(tmp_path, capsys):
    gold = brat_set(tmp_path / "gold", heldback=False)
    assert main(["train", "events", "--gold", str(gold), "-o", str(tmp_path / "m"), "--epochs", "3"]) == 0
    assert "trained on 3 sentences with 4 triggers" in capsys.readouterr().out
    assert (tmp_path / "m" / "MODEL_CARD.md").exists()
    (tmp_path / "empty").mkdir()
    assert main(["train", "events", "--gold", str(tmp_path / "empty"), "-o", str(tmp_path / "m2")]) == 2
    assert "no brat documents" in capsys.readouterr().err


def test_gold_without_triggers_is_an_error(tmp_path, vi_nlp):
    (tmp_path / "doc.txt").write_text("Không có sự kiện nào.\n", encoding="utf-8")
    (tmp_path / "doc.ann").write_text("", encoding="utf-8")
    with pytest.raises(TrainingError, match="no event triggers"):
        train([tmp_path], tmp_path / "m", vi_nlp=vi_nlp, epochs=1, log=lambda m: None)

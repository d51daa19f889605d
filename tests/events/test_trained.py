"""The trainable path: brat gold -> songngu train events -> the component's trained and both backends.

The gold here is a few sentences of our own, so the model learns what they say and
nothing more: the tests check the plumbing (training, loading, decoding, arguments,
the fallback and serialisation), not accuracy, which bench/events_corpora.py measures.
"""

from __future__ import annotations

import json
import logging

import pytest
import spacy

from pipeline.cli import main
from pipeline.events.candidates import Candidate
from pipeline.events.corpora import load_mappings
from pipeline.events.lexicon import load_lexicon
from pipeline.events.ontology import OntologyError, load_ontology
from pipeline.events.trained import ARGUMENT_FILE, PAIRWISE_FILE, RECORD_FILE, TRIGGER_FILE, EventModel, TrainingError
from pipeline.events.training import TRIGGER_THRESHOLDS, gold_sources, train_events
from pipeline.vi import components, load_vi

# (sentence, trigger, type, [(role, argument)])
SENTENCES = [
    ("Quân đội Nam Phong tấn công làng Bắc Sơn.", "tấn công", "Conflict.Attack",
     [("Attacker", "Quân đội Nam Phong"), ("Target", "làng Bắc Sơn")]),
    ("Lực lượng nổi dậy tấn công thị trấn Đông Hà.", "tấn công", "Conflict.Attack",
     [("Attacker", "Lực lượng nổi dậy"), ("Target", "thị trấn Đông Hà")]),
    ("Cảnh sát bắt ông Trần Văn Ba tại chợ.", "bắt", "Justice.Arrest-Jail",
     [("Agent", "Cảnh sát"), ("Person", "ông Trần Văn Ba")]),
    ("Công an bắt hai người đàn ông.", "bắt", "Justice.Arrest-Jail",
     [("Agent", "Công an"), ("Person", "hai người đàn ông")]),
    # statements are not annotated here (as in BKEE): the model learns that cho biết is no trigger
    ("Phía Nam Phong cho biết như vậy.", None, None, []),
    ("Ông Ba cho biết trời rất đẹp.", None, None, []),
    ("Trời hôm nay rất đẹp.", None, None, []),
]  # fmt: skip


def brat_gold(folder, sentences=SENTENCES):
    folder.mkdir(parents=True, exist_ok=True)
    text = "\n".join(s for s, *_ in sentences) + "\n"
    lines, n, offset = [], 0, 0
    for sentence, trigger, etype, arguments in sentences:
        if trigger:
            n += 1
            t = offset + sentence.index(trigger)
            refs = []
            for role, mention in arguments:
                n += 1
                a = offset + sentence.index(mention)
                lines.append(f"T{n}\tOTHER {a} {a + len(mention)}\t{mention}")
                refs.append(f"{role}:T{n}")
            n += 1
            lines.append(f"T{n}\t{etype.replace('.', '_')} {t} {t + len(trigger)}\t{trigger}")
            lines.append(f"E{n}\t{etype.replace('.', '_')}:T{n} " + " ".join(refs))
        offset += len(sentence) + 1
    (folder / "doc.txt").write_text(text, encoding="utf-8")
    (folder / "doc.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def trained_model(tmp_path_factory, vi_nlp):
    root = tmp_path_factory.mktemp("events-train")
    ontology = load_ontology()
    sources = gold_sources(load_mappings(ontology), gold=[brat_gold(root / "gold")])
    # learnt_threshold=1: two triggers a type are enough for this model to decide them (not the lexicon)
    record = train_events(
        sources, root / "model", vi_nlp, ontology, load_lexicon(ontology), iterations=50, learnt_threshold=1
    )
    return root / "model", record


def test_training_reads_brat_and_writes_a_model_with_its_card(trained_model):
    path, record = trained_model
    [stats] = record["training_data"].values()
    assert (stats["documents"], stats["sentences"], stats["triggers"], stats["arguments"]) == (1, 7, 4, 8)
    assert stats["types"] == {"Conflict.Attack": 2, "Justice.Arrest-Jail": 2}
    assert json.loads((path / RECORD_FILE).read_text("utf-8"))["fingerprint"] == record["fingerprint"]
    card = (path / "MODEL_CARD.md").read_text("utf-8")
    assert "## Training data" in card and "## Licence" in card and "## Limits" in card
    assert "CC BY-NC" not in card.split("## Licence")[1].split("##")[0]  # no BKEE in this one


def test_trained_backend_finds_what_it_learnt_with_arguments(trained_model):
    path, _ = trained_model
    nlp = load_vi(overrides={"components.events.backend": "trained", "components.events.model": str(path)})
    doc = nlp("Quân đội Tây Sơn tấn công làng Mỹ Lộc.")
    [event] = doc._.events
    assert (event.type, event.trigger.text, event.source) == ("Conflict.Attack", "tấn công", "model:events-crf")
    assert 0 < event.score <= 1
    assert ("Attacker", "Quân đội Tây Sơn") in {(a.role, a.span.text) for a in event.arguments}
    assert nlp.get_pipe("events").songngu_meta["model"] == "events-crf"


def test_a_model_without_its_pairwise_classifier_reads_arguments_with_the_crf(trained_model, tmp_path):
    path, record = trained_model
    assert (path / PAIRWISE_FILE).exists() and record["fit"]["pairwise"]["pairs"] > 0
    assert EventModel.load(path).pairwise is not None
    before = tmp_path / "before"  # a model directory of before the pairwise classifier
    before.mkdir()
    for f in path.iterdir():
        if f.name != PAIRWISE_FILE:
            (before / f.name).write_bytes(f.read_bytes())
    assert EventModel.load(before).pairwise is None
    nlp = load_vi(overrides={"components.events.backend": "trained", "components.events.model": str(before)})
    [event] = nlp("Quân đội Tây Sơn tấn công làng Mỹ Lộc.")._.events
    assert ("Attacker", "Quân đội Tây Sơn") in {(a.role, a.span.text) for a in event.arguments}
    (before / PAIRWISE_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(TrainingError, match=PAIRWISE_FILE):
        EventModel.load(before)


def test_refitting_the_pairwise_classifier_keeps_the_crfs_and_the_card_and_gives_a_new_fingerprint(
    trained_model, tmp_path, vi_nlp
):
    path, record = trained_model
    copy = tmp_path / "model"
    copy.mkdir()
    for f in path.iterdir():
        (copy / f.name).write_bytes(f.read_bytes())
    (copy / PAIRWISE_FILE).write_text('{"roles": ["none", "Attacker"], "bias": [0, 0], "weights": {}}', "utf-8")
    ontology = load_ontology()
    sources = gold_sources(load_mappings(ontology), gold=[brat_gold(tmp_path / "gold")])
    refit = train_events(sources, copy, vi_nlp, ontology, load_lexicon(ontology), pairwise_only=True)
    for name in (TRIGGER_FILE, ARGUMENT_FILE, "MODEL_CARD.md"):
        assert (copy / name).read_bytes() == (path / name).read_bytes()
    # the classifier is fitted again from the gold (the same as the model's own: the same examples and settings)
    assert (copy / PAIRWISE_FILE).read_bytes() == (path / PAIRWISE_FILE).read_bytes()
    assert refit["fit"]["pairwise"]["pairs"] == record["fit"]["pairwise"]["pairs"]
    assert refit["training_data"] == record["training_data"]
    assert refit["fingerprint"] == record["fingerprint"]  # the same files: the same version
    saved = json.loads((copy / RECORD_FILE).read_text("utf-8"))
    assert saved["fingerprint"] == refit["fingerprint"] and saved["crfsuite"] == record["crfsuite"]


def test_a_model_file_that_is_not_a_crfsuite_model_is_refused_with_its_name(tmp_path, monkeypatch):
    """The taggers' files are read by numpy when the model loads (python-crfsuite opens them only for the tests
    and the training): a file that is not a CRFsuite model is refused there, with its name."""
    from pipeline.events.component import DEFAULT_MODEL
    from pipeline.events.trained import ARGUMENT_FILE, TRIGGER_FILE

    monkeypatch.setenv("SONGNGU_CACHE_DIR", str(tmp_path / "cache"))
    for broken in (TRIGGER_FILE, ARGUMENT_FILE):
        model = tmp_path / broken.split(".")[0]
        model.mkdir()
        for f in DEFAULT_MODEL.iterdir():
            (model / f.name).write_bytes(f.read_bytes())
        (model / broken).write_bytes(b"not a model")
        with pytest.raises(TrainingError, match=f"{broken}: cannot load: not a CRFsuite model"):
            EventModel.load(model)
        (model / broken).write_bytes((DEFAULT_MODEL / broken).read_bytes())
        loaded = EventModel.load(model)
        assert loaded.trigger_tagger.labels() == loaded.trigger_crf.labels  # python-crfsuite's, opened on demand


def test_both_adds_the_lexicon_where_the_model_has_no_trigger(trained_model):
    path, _ = trained_model
    nlp = load_vi(overrides={"components.events.backend": "both", "components.events.model": str(path)})
    doc = nlp("Quân đội Tây Sơn tấn công làng Mỹ Lộc, phía Mỹ Lộc cho biết.")
    sources = {ev.trigger.text: (ev.type, ev.source) for ev in doc._.events}
    assert sources["tấn công"] == ("Conflict.Attack", "model:events-crf")
    assert sources["cho biết"] == ("Contact.Statement", "lexicon")  # the model never saw a statement
    assert nlp.get_pipe("events").songngu_meta["model"] == "events-crf+events-lexicon"


def test_without_its_model_the_trained_backend_runs_the_lexicon_and_says_so(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="pipeline.events.component"):
        nlp = load_vi(
            overrides={"components.events.backend": "trained", "components.events.model": str(tmp_path / "absent")}
        )
    assert "fell back to the lexicon" in caplog.text
    doc = nlp("Quân đội Tây Sơn tấn công làng Mỹ Lộc.")
    assert [(ev.type, ev.source) for ev in doc._.events] == [("Conflict.Attack", "lexicon")]
    [record] = [c for c in components(nlp) if c["name"] == "events"]
    assert record["model"] == "events-lexicon"
    assert "no event model at" in record["note"] and "songngu train events" in record["note"]


def test_the_component_carries_its_model_when_serialised(trained_model, vi_nlp):
    path, _ = trained_model
    nlp = load_vi(overrides={"components.events.backend": "trained", "components.events.model": str(path)})
    saved = nlp.get_pipe("events").to_bytes()
    fresh = vi_nlp.create_pipe("songngu_events", config={"backend": "trained", "model": str(path.parent / "gone")})
    assert fresh.event_model is None
    fresh.from_bytes(saved)
    text = "Lực lượng Tây Sơn tấn công thị trấn Mỹ Lộc."
    expected = [(e.type, e.trigger.text, [(a.role, a.span.text) for a in e.arguments]) for e in nlp(text)._.events]
    with vi_nlp.select_pipes(disable=["events"]):
        doc = vi_nlp(text)
    got = [(e.type, e.trigger.text, [(a.role, a.span.text) for a in e.arguments]) for e in fresh(doc)._.events]
    assert got == expected and got
    assert fresh.songngu_meta["model"] == "events-crf"


def test_unknown_backend_is_refused():
    with pytest.raises(ValueError, match="unknown backend 'rules'"):
        load_vi(overrides={"components.events.backend": "rules"})


def test_cli_trains_on_brat_gold_and_reports_bad_gold(tmp_path, capsys):
    gold = brat_gold(tmp_path / "gold")
    args = ["train", "events", "--no-bkee", "--no-vhe", "--iterations", "5"]
    assert main([*args, "--gold", str(gold), "-o", str(tmp_path / "m")]) == 0
    assert "7 sentences, 4 triggers, 8 arguments" in capsys.readouterr().out
    assert (tmp_path / "m" / "MODEL_CARD.md").exists()
    (tmp_path / "empty").mkdir()
    assert main([*args, "--gold", str(tmp_path / "empty"), "-o", str(tmp_path / "m2")]) == 2
    assert "no brat documents" in capsys.readouterr().err


def test_gold_without_triggers_is_an_error(tmp_path, vi_nlp):
    ontology = load_ontology()
    gold = brat_gold(tmp_path / "gold", SENTENCES[-1:])
    sources = gold_sources(load_mappings(ontology), gold=[gold])
    with pytest.raises(TrainingError, match="no event triggers"):
        train_events(sources, tmp_path / "m", vi_nlp, ontology, load_lexicon(ontology), iterations=1)


def test_building_the_component_reads_none_of_its_files(tmp_path):
    # spaCy probes each component for ``model`` and the rest of its ListenedToComponent protocol
    # while it builds a pipeline, before from_disk: for a saved pipeline whose config names files
    # that are gone, that probe must not read them (it did, at random, with the probe's order).
    from spacy.ty import ListenedToComponent

    nlp = spacy.blank("vi")
    missing = str(tmp_path / "gone.yaml")
    pipe = nlp.add_pipe("songngu_events", config={"backend": "trained", "ontology": missing, "model": missing})
    for attr in ("model", "listeners", "listener_map", "listening_components"):
        assert not hasattr(pipe, attr)
    assert not isinstance(pipe, ListenedToComponent)
    with pytest.raises(OntologyError, match="gone.yaml: file not found"):
        pipe.initialize()


def test_the_model_knows_the_genres_it_was_trained_on_and_refuses_another(trained_model, vi_nlp):
    path, record = trained_model
    assert record["genres"] == ["news"]  # our gold is news; VHE would add "annals"
    pipe = vi_nlp.create_pipe("songngu_events", config={"backend": "trained", "model": str(path), "genre": "poetry"})
    with pytest.raises(ValueError, match="genre 'poetry' is not one the event model was trained on"):
        pipe.initialize()
    lexicon = vi_nlp.create_pipe("songngu_events", config={"backend": "lexicon", "genre": "poetry"})
    lexicon.initialize()  # no model, nothing to refuse


def _read_features(vi_nlp, text):
    """The text through the pipeline up to the events, and what the trained extractor reads of it."""
    with vi_nlp.select_pipes(disable=["events"]):
        doc = vi_nlp(text)
    extractor = vi_nlp.get_pipe("events").extractor
    words, _, feats = extractor.featuriser.read(doc)
    return doc, extractor, words, feats


def test_a_word_counts_its_earlier_occurrences_in_its_paragraph_only(vi_nlp):
    # BKEE marks an event's first mention more often than its repetitions: the trigger model reads
    # how many times the word came before, within its paragraph (so a document annotated in
    # paragraph pieces gets the counts it gets whole).
    doc, extractor, _, feats = _read_features(
        vi_nlp, "Quân đội tấn công làng. Họ lại tấn công làng.\n\nQuân đội tấn công thị trấn."
    )
    counts = [feats.earlier[t.i] for t in doc if t.text == "tấn công"]
    assert counts == [0, 1, 0]
    [second] = [t.i for t in doc if t.text == "tấn công"][1:2]
    sentence = next(s for s in doc.sents if s.start <= second < s.end)
    items = feats.trigger_items(sentence.start, sentence.end, "news")
    assert "occ=1" in items[second - sentence.start] and "g|w=news|tấn công" in items[second - sentence.start]


def test_the_argument_features_name_the_genre_of_the_text(vi_nlp):
    # BKEE (news) and VHE (annals) draw argument spans differently; the argument model reads the
    # genre conjoined with what it reads of each word, so that it need not average the two.
    doc, extractor, words, feats = _read_features(vi_nlp, "Năm 1285, quân Trần tấn công thành Chương Dương.")
    [i] = [t.i for t in doc if t.text == "tấn công"]
    trigger = extractor.featuriser.prepare(words, Candidate(i, i + 1, "Conflict.Attack", source="test"))
    news = feats.argument_items(0, len(doc), trigger, [], "news")
    annals = feats.argument_items(0, len(doc), trigger, [], "annals")
    [year] = [t.i for t in doc if t.text == "1285"]
    assert "g|ty|w=annals|Conflict.Attack|1285" in annals[year]
    assert "g|ty|w=news|Conflict.Attack|1285" in news[year]
    for n, a in zip(news, annals):  # the rest of what the model reads is the same
        assert [f for f in n if not f.startswith("g|")] == [f for f in a if not f.startswith("g|")]


def test_arguments_crf_reads_with_the_crf_though_the_model_has_its_pairwise_classifier(trained_model, tmp_path):
    path, _ = trained_model
    before = tmp_path / "before"  # the same model without its pairwise file
    before.mkdir()
    for f in path.iterdir():
        if f.name != PAIRWISE_FILE:
            (before / f.name).write_bytes(f.read_bytes())

    def read(model, **settings):
        overrides = {"components.events.backend": "trained", "components.events.model": str(model)}
        nlp = load_vi(overrides=overrides | {f"components.events.{k}": v for k, v in settings.items()})
        doc = nlp("Quân đội Tây Sơn tấn công làng Mỹ Lộc vào năm 1789.")
        events = [(e.type, e.trigger.text, [(a.role, a.span.text) for a in e.arguments]) for e in doc._.events]
        return events, nlp.get_pipe("events")

    crf, pipe = read(path, arguments="crf")
    assert pipe.event_model.pairwise is None
    assert crf == read(before)[0] and crf
    pairwise, default = read(path)
    assert default.event_model.pairwise is not None
    assert pipe.songngu_meta["version"] != default.songngu_meta["version"]  # a batch redoes its documents
    with pytest.raises(ValueError, match="unknown arguments reader 'tree'"):
        load_vi(overrides={"components.events.arguments": "tree"})


def test_the_trigger_threshold_is_read_per_genre(trained_model, tmp_path):
    path, record = trained_model
    assert record["trigger_threshold"] == TRIGGER_THRESHOLDS  # what training writes by default
    copy = tmp_path / "model"
    copy.mkdir()
    for f in path.iterdir():
        copy.joinpath(f.name).write_bytes(f.read_bytes())

    def events_with(threshold):
        copy.joinpath(RECORD_FILE).write_text(json.dumps({**record, "trigger_threshold": threshold}), "utf-8")
        nlp = load_vi(overrides={"components.events.backend": "trained", "components.events.model": str(copy)})
        return EventModel.load(copy), [e.trigger.text for e in nlp("Quân đội Tây Sơn tấn công làng Mỹ Lộc.")._.events]

    # news (the component's default genre) reads its own threshold: nothing is over 1
    model, found = events_with({"news": 1.0, "annals": 0.3})
    assert (model.threshold("news"), model.threshold("annals"), found) == (1.0, 0.3, [])
    model, found = events_with({"news": 0.3, "annals": 1.0})
    assert found == ["tấn công"]
    model, found = events_with(0.3)  # a model of before: one threshold for every genre
    assert (model.threshold("news"), model.threshold("annals"), found) == (0.3, 0.3, ["tấn công"])

"""Universal POS: the CRF stacked on underthesea's VLSP tags, the majority table, training, bad model dirs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import main as cli
from pipeline.vi import components, load_vi
from pipeline.vi.upos import UposError, accuracy, default_model_dir, load_upos, read_gold, train
from pipeline.vi.upos.crf import META_FILE, MODEL_FILE
from pipeline.vi.upos.data import TaggedSentence
from pipeline.vi.upos.table import majority_table, shipped_table
from tests.conftest import VTB_TRAIN, require_vtb

# --------------------------------------------------------------------------- accuracy


@pytest.fixture(scope="module")
def dev_slice() -> list[TaggedSentence]:
    """The first 200 sentences of VTB dev (4,738 gold words), with underthesea's VLSP tags."""
    dev = require_vtb()
    return read_gold(dev)[:200]


def test_crf_beats_the_table_on_a_dev_slice(dev_slice):
    # Measured when the model was trained: table 89.95%, CRF 92.06%. The floor
    # sits between them, so that a model that falls back to what the table
    # knows (e.g. lost its VLSP-tag features) fails, and so does the table.
    floor = 0.915
    right, total = accuracy(load_upos("crf"), dev_slice)
    table_right, _ = accuracy(load_upos("table"), dev_slice)
    assert total == 4738
    assert right / total >= floor, f"CRF UPOS accuracy {right / total:.4f} on the first 200 dev sentences"
    assert table_right / total < floor


def test_the_tagger_used_gives_python_crfsuites_labels_on_vtb_dev():
    # The model is tagged by underthesea_core's CRFTagger (from its copy in the start-up cache), not
    # by the python-crfsuite Tagger it was trained with: the same labels, on all of VTB dev.
    import pycrfsuite
    from underthesea_core import CRFTagger

    from pipeline.vi.upos.crf import features

    mapper = load_upos("crf")
    assert isinstance(mapper.tagger, CRFTagger)
    reference = pycrfsuite.Tagger()
    reference.open(str(default_model_dir() / MODEL_FILE))
    sentences = read_gold(require_vtb())
    assert len(sentences) > 1000
    for s in sentences:
        expected = reference.tag(features(s.words, s.vlsp, mapper.table)) if s.words else []
        assert mapper.tag(s.words, s.vlsp) == expected, " ".join(s.words)


@pytest.fixture(scope="module")
def nlp():
    return load_vi()


def tags(nlp, text: str) -> list[tuple[str, str, str]]:
    return [(t.text, t.tag_, t.pos_) for t in nlp(text) if not t.is_space]


def find(tagged, word: str, after: str) -> tuple[str, str]:
    """(VLSP, UPOS) of ``word`` right after ``after``."""
    for (prev, *_), (w, tag, pos) in zip(tagged, tagged[1:]):
        if w == word and prev == after:
            return tag, pos
    raise AssertionError(f"{after} {word} not in {tagged}")


def test_passive_bi_and_duoc_are_aux_in_the_seed_passage(nlp, seed_text):
    # underthesea tags passive "bị"/"được" V, which the table maps to VERB; UD says AUX.
    sentence = next(s for s in seed_text.split("\n") if "cũng bị bắt giữ" in s)
    assert find(tags(nlp, sentence), "bị", "cũng") == ("V", "AUX")
    assert find(
        tags(nlp, "nước Cộng hòa Gruzia, mới giành được độc lập, đang bị chia cắt trong cuộc nội chiến."), "bị", "đang"
    ) == ("V", "AUX")
    paid = tags(nlp, "Những người này cho biết được trả lương bằng đồng rúp Nga bởi Bộ Quốc phòng Armenia.")
    assert find(paid, "được", "biết") == ("V", "AUX")


def test_duoc_after_a_verb_is_an_adverb(nlp):
    # Potential "được" after the verb ("bắt được": managed to catch) is ADV in VTB, not AUX.
    assert (
        find(tags(nlp, "Ngày 11 tháng 9 năm 1992, quân Azerbaijan bắt được 6 lính đặc nhiệm Nga."), "được", "bắt")[1]
        == "ADV"
    )


def test_la_copula_and_complementiser_in_a_vtb_sentence(nlp):
    # VTB dev-1: "... phê duyệt là không thể chấp nhận được , đây là việc làm ..."
    sent = next(s for s in read_conllu_texts() if s.startswith("Trả lời phỏng vấn"))
    tagged = tags(nlp, sent)
    assert find(tagged, "là", "đây") == ("V", "AUX")  # copula; the table says VERB
    assert find(tagged, "là", "phê duyệt")[1] == "SCONJ"
    assert find(tagged, "được", "không")[1] == "AUX"  # "không được ủy ban tỉnh phê duyệt": passive
    assert find(tagged, "được", "chấp nhận")[1] == "ADV"
    assert find(
        tags(nlp, "Azerbaijan là thành lũy cuối cùng của chủ nghĩa Cộng sản chân chính ở Caucasus."), "là", "Azerbaijan"
    ) == ("V", "AUX")


def read_conllu_texts() -> list[str]:
    from pipeline.io.conllu import read_conllu

    return [s.text for s in read_conllu(require_vtb())]


def test_table_setting_maps_vlsp_tags_and_keeps_them(nlp):
    table_nlp = load_vi(overrides={"components.tagger.upos": "table"})
    sentence = "Các binh lính cũng bị bắt giữ ở tỉnh Kelbajar."
    by_table, by_crf = tags(table_nlp, sentence), tags(nlp, sentence)
    assert [t[:2] for t in by_table] == [t[:2] for t in by_crf]  # same words, same VLSP tags
    assert find(by_table, "bị", "cũng") == ("V", "VERB")
    assert all(pos == shipped_table()[tag] for _, tag, pos in by_table)
    names = {c["name"]: c["model"] for c in components(table_nlp)}
    assert names["tagger.upos"] == "upos-table"


def test_components_name_the_shipped_model(nlp):
    import hashlib

    record = {c["name"]: c for c in components(nlp)}
    digest = hashlib.sha256((default_model_dir() / MODEL_FILE).read_bytes()).hexdigest()[:12]
    assert record["tagger.upos"] == {"name": "tagger.upos", "lang": "vi", "model": "upos-crf-vtb", "version": digest}
    # The default pipeline runs no chunker (components.tagger.chunk = false: nothing in it reads the chunks).
    assert record["tagger"]["model"] == "underthesea-crf-pos-2017"


# --------------------------------------------------------------------------- the table


def test_majority_table_by_hand():
    sents = [
        TaggedSentence(("được", "bán", "và", "nhưng"), ("V", "V", "C", "C"), ("AUX", "VERB", "CCONJ", "SCONJ")),
        TaggedSentence(("là",), ("V",), ("AUX",)),
    ]
    rows = majority_table(sents, ["V", "C", "Cc", "Vb", "Q"])
    # V: AUX 2 of 3; C: a 1-1 tie goes to the alphabetically first UPOS;
    # unseen tags take their family's UPOS, an unknown family X.
    assert rows == [
        ("V", "AUX", 3, 2 / 3),
        ("C", "CCONJ", 2, 0.5),
        ("Cc", "CCONJ", 0, None),
        ("Q", "X", 0, None),
        ("Vb", "VERB", 0, None),
    ]


@pytest.mark.slow
def test_shipped_table_and_model_table_are_recomputed_from_vtb_train():
    """table.tsv is what bench/upos_map.py computes; the model was trained with the same table."""
    require_vtb()
    from pipeline.text.tagsets import VLSP_TAGS
    from pipeline.vi import underthesea_models

    rows = majority_table(read_gold(VTB_TRAIN), VLSP_TAGS | set(underthesea_models.pos_tagset()))
    assert {tag: upos for tag, upos, *_ in rows} == shipped_table()
    meta = json.loads((default_model_dir() / META_FILE).read_text(encoding="utf-8"))
    assert meta["table"] == shipped_table()


# --------------------------------------------------------------------------- training


def write_conllu_slice(source: Path, out: Path, sentences: int) -> Path:
    blocks = source.read_text(encoding="utf-8").split("\n\n")[:sentences]
    out.write_text("\n\n".join(blocks) + "\n\n", encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> tuple[Path, dict]:
    require_vtb()
    tmp = tmp_path_factory.mktemp("upos")
    train_file = write_conllu_slice(VTB_TRAIN, tmp / "train.conllu", 60)
    dev_file = write_conllu_slice(require_vtb(), tmp / "dev.conllu", 30)
    meta = train(train_file, dev_file, tmp / "model", c1=(0.1, 1.0), c2=(0.01,), max_iterations=30)
    return tmp / "model", meta


def test_training_on_a_tiny_subset_gives_a_loadable_model(tiny_model):
    path, meta = tiny_model
    assert sorted(p.name for p in path.iterdir()) == [META_FILE, MODEL_FILE]  # no temporary left behind
    assert meta["train"]["sentences"] == 60 and meta["dev"]["sentences"] == 30
    assert [(g["c1"], g["c2"]) for g in meta["grid"]] == [(0.1, 0.01), (1.0, 0.01)]
    assert meta["dev_accuracy"] == max(g["dev_accuracy"] for g in meta["grid"])
    model = load_upos(path)
    out = model.tag(["Nó", "bị", "bắt", "."], ["P", "V", "V", "CH"])
    assert len(out) == 4 and out[-1] == "PUNCT"
    nlp = load_vi(overrides={"components.tagger.upos": str(path)})
    doc = nlp("Quân Azerbaijan bắt được 6 lính đặc nhiệm Nga.")
    assert all(t.pos_ for t in doc) and doc[-1].pos_ == "PUNCT"
    assert {c["name"]: c["model"] for c in components(nlp)}["tagger.upos"] == "upos-crf-vtb"


def test_train_command(tmp_path, capsys):
    require_vtb()
    train_file = write_conllu_slice(VTB_TRAIN, tmp_path / "train.conllu", 20)
    dev_file = write_conllu_slice(require_vtb(), tmp_path / "dev.conllu", 10)
    out = tmp_path / "m"
    assert (
        cli(
            [
                "train",
                "upos",
                "--train",
                str(train_file),
                "--dev",
                str(dev_file),
                "-o",
                str(out),
                "--c1",
                "0.5",
                "--c2",
                "0.1",
                "--max-iterations",
                "10",
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["hyperparameters"]["c1"] == 0.5
    load_upos(out)
    assert cli(["train", "upos", "--train", str(tmp_path / "nope.conllu"), "--dev", str(dev_file), "-o", str(out)]) == 2
    assert "nope.conllu: no such CoNLL-U file" in capsys.readouterr().err


def test_bad_training_data_is_named(tmp_path):
    bad = tmp_path / "bad.conllu"
    bad.write_text(
        "# text = Nó đi\n1\tNó\tnó\tPRON\tP\t_\t2\tnsubj\t_\t_\n2\tđi\tđi\tVERBAL\tV\t_\t0\troot\t_\t_\n\n",
        encoding="utf-8",
    )
    with pytest.raises(UposError, match=r"bad\.conllu: sentence 1: not Universal POS tags: VERBAL"):
        read_gold(bad)


# --------------------------------------------------------------------------- bad model directories


def test_missing_model_directory_says_how_to_get_one(tmp_path):
    with pytest.raises(UposError, match=r"no such UPOS model directory.*songngu train upos.*upos = \"table\""):
        load_upos(tmp_path / "absent")
    with pytest.raises(UposError, match="absent"):
        load_vi(overrides={"components.tagger.upos": str(tmp_path / "absent")})


def copy_model(src: Path, dst: Path) -> Path:
    dst.mkdir()
    for name in (META_FILE, MODEL_FILE):
        (dst / name).write_bytes((src / name).read_bytes())
    return dst


def test_corrupt_model_file_is_named(tiny_model, tmp_path):
    broken = copy_model(tiny_model[0], tmp_path / "m")
    (broken / MODEL_FILE).write_bytes(b"not a crfsuite model")
    with pytest.raises(UposError, match=rf"{MODEL_FILE}: not a CRFsuite model"):
        load_upos(broken)
    (broken / MODEL_FILE).unlink()
    with pytest.raises(UposError, match=rf"{MODEL_FILE} is missing"):
        load_upos(broken)


def test_corrupt_or_stale_meta_is_named(tiny_model, tmp_path):
    broken = copy_model(tiny_model[0], tmp_path / "m")
    meta_path = broken / META_FILE
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta_path.write_text("{oops", encoding="utf-8")
    with pytest.raises(UposError, match=rf"{META_FILE}: unreadable"):
        load_upos(broken)
    meta_path.write_text(json.dumps({**meta, "features_version": 0}), encoding="utf-8")
    with pytest.raises(UposError, match="features version 0.*retrain"):
        load_upos(broken)
    meta_path.write_text(json.dumps({**meta, "table": {"V": "VERBAL"}}), encoding="utf-8")
    with pytest.raises(UposError, match="'table' must map VLSP tags to Universal POS"):
        load_upos(broken)
    meta_path.unlink()
    with pytest.raises(UposError, match=rf"not a UPOS model directory \({META_FILE} is missing\)"):
        load_upos(broken)


def test_features_are_the_same_whatever_the_word_table_holds(monkeypatch):
    # features() keeps each word's own features in a table across sentences (emptied
    # when full): a sentence's features never depend on what the table held before.
    from pipeline.vi.upos import crf

    words = ["Ông", "Nguyễn Văn A", "được", "bầu", "làm", "chủ tịch", "F-16", "23", "."]
    vlsp = ["Nc", "Np", "V", "V", "V", "N", "Ny", "M", "CH"]
    table = shipped_table()
    monkeypatch.setattr(crf, "_WORD_FEATURES", {})
    fresh = crf.features(words, vlsp, table)
    assert crf.features(words, vlsp, table) == fresh
    assert fresh[1][:6] == ["b", "w=nguyễn văn a", "shape=Xx Xx X", "nsyl=3", "s0=nguyễn", "sN=a"]
    assert fresh[0][-1] == "first" and fresh[1][-1] == "title-inside" and fresh[2][-1] == "w|w+1=được|bầu"
    assert fresh[-1][14:18] == ["w-1=23", "w+1=</s>", "w-2=f-16", "w+2=</s>"]
    monkeypatch.setattr(crf, "_MAX_KNOWN_WORDS", 2)
    crf.features(["x", "y", "z"], ["N", "N", "N"], table)
    assert crf.features(words, vlsp, table) == fresh

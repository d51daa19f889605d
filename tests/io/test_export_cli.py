"""``songngu export``: every format from real pipeline output; bad inputs are named, skipped, and fail the run."""

from __future__ import annotations

import json

import pytest

from pipeline.cli import main

FILES = {
    "brat": ["annotation.conf", "visual.conf", "handmade/seed_excerpt.txt", "handmade/seed_excerpt.ann"],
    "conll": ["handmade/seed_excerpt.conll"],
    "conllu": ["handmade/seed_excerpt.conllu"],
    "spacy": ["corpus.spacy"],
    "labelstudio": ["tasks.json", "config.xml"],
    "parquet": [f"{name}.parquet" for name in ("documents", "sentences", "tokens", "entities", "events", "arguments")]
    + ["alignments.parquet"],
    "xmi": ["TypeSystem.xml", "handmade/seed_excerpt.xmi", "inception/layers.json", "inception/tagset-roles.json"],
}


@pytest.fixture
def inputs(handmade_doc, seed_doc, tmp_path):
    folder = tmp_path / "annotated"
    (folder / "handmade").mkdir(parents=True)
    (folder / "handmade" / "seed_excerpt.json").write_text(json.dumps(handmade_doc, ensure_ascii=False), "utf-8")
    (folder / "seed.json").write_text(json.dumps(seed_doc, ensure_ascii=False), "utf-8")
    return folder


@pytest.mark.parametrize("fmt", sorted(FILES))
def test_every_format_exports_a_folder(fmt, inputs, seed_doc, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["export", "--to", fmt, str(inputs), "-o", str(out)]) == 0
    for name in FILES[fmt]:
        assert (out / name).is_file(), name
    if fmt in ("brat", "conll", "conllu", "xmi"):  # one file per document, named by its id
        suffix = {"brat": ".ann", "conll": ".conll", "conllu": ".conllu", "xmi": ".xmi"}[fmt]
        assert (out / f"{seed_doc['id']}{suffix}").is_file()
    assert "exported 2 document(s)" in capsys.readouterr().err


def test_a_bad_input_is_named_skipped_and_fails_the_run(inputs, tmp_path, capsys):
    broken = json.loads((inputs / "handmade" / "seed_excerpt.json").read_text("utf-8"))
    broken["id"] = "broken"
    broken["vi"]["entities"][0]["text"] = "Ngày 12"
    (inputs / "broken.json").write_text(json.dumps(broken, ensure_ascii=False), "utf-8")
    (inputs / "garbage.json").write_text("{not json", "utf-8")
    out = tmp_path / "out"
    assert main(["export", "--to", "conll", str(inputs), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{inputs / 'broken.json'}: breaks the contract: vi.entities[0]: text[0:24] is" in err
    assert f"{inputs / 'garbage.json'}: cannot read:" in err
    assert "exported 2 document(s)" in err and "2 input(s) skipped" in err
    assert not (out / "broken.conll").exists()
    assert (out / "handmade" / "seed_excerpt.conll").exists()


def test_a_missing_layer_is_reported(inputs, tmp_path, capsys):
    assert main(["export", "--to", "brat", "--lang", "en", str(inputs / "handmade"), "-o", str(tmp_path / "o")]) == 1
    assert "seed_excerpt.json: has no 'en' layer; skipped" in capsys.readouterr().err


def test_no_input_files(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["export", "--to", "brat", str(tmp_path / "empty"), "-o", str(tmp_path / "o")]) == 1
    assert "no JSON files" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", sorted(FILES))
def test_the_english_layer_exports_too(fmt, handmade_doc, tmp_path):
    from pipeline.contract import validate

    doc = json.loads(json.dumps(handmade_doc))
    # an English layer without annotations, so that reading the wrong layer shows
    doc["en"] = dict(json.loads(json.dumps(doc["vi"])), lang="en", origin="provided", entities=[], events=[])
    validate(doc)
    src = tmp_path / "doc.json"
    src.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    out = tmp_path / "out"
    assert main(["export", "--to", fmt, "--lang", "en", str(src), "-o", str(out)]) == 0
    for name in FILES[fmt]:
        assert (out / name).is_file(), name
    if fmt == "brat":
        assert (out / "handmade" / "seed_excerpt.ann").read_text("utf-8") == ""
    elif fmt in ("conll", "conllu"):
        text = (out / "handmade" / f"seed_excerpt.{fmt}").read_text("utf-8")
        assert ("Quân_đoàn" if fmt == "conll" else "Quân đoàn") in text and "B-" not in text
    elif fmt == "labelstudio":
        assert json.loads((out / "tasks.json").read_text("utf-8"))[0]["predictions"][0]["result"] == []
    elif fmt == "spacy":
        import spacy
        from spacy.tokens import DocBin

        (sdoc,) = DocBin().from_disk(out / "corpus.spacy").get_docs(spacy.blank("en").vocab)
        assert sdoc.ents == () and sdoc.user_data["songngu"]["layer"] == "en"
    elif fmt == "xmi":
        from cassis import load_cas_from_xmi, load_typesystem

        with (out / "TypeSystem.xml").open("rb") as ts, (out / "handmade" / "seed_excerpt.xmi").open("rb") as xmi:
            cas = load_cas_from_xmi(xmi, typesystem=load_typesystem(ts))
        assert cas.document_language == "en" and cas.select("webanno.custom.Entity") == []


def test_word_separator_of_conll(inputs, tmp_path):
    joined, spaced = tmp_path / "joined", tmp_path / "spaced"
    assert main(["export", "--to", "conll", str(inputs), "-o", str(joined)]) == 0
    assert main(["export", "--to", "conll", "--word-sep", "space", str(inputs), "-o", str(spaced)]) == 0
    assert "\nQuân_đoàn\tN\t_\tB-ORG\n" in (joined / "handmade" / "seed_excerpt.conll").read_text("utf-8")
    assert "\nQuân đoàn\tN\t_\tB-ORG\n" in (spaced / "handmade" / "seed_excerpt.conll").read_text("utf-8")


def test_the_conll_export_scores_perfectly_against_the_json_it_came_from(seed_doc, tmp_path, capsys):
    """Words written Liên_bang (and the passage's own Chiến_tranh_...) still line up with the running text."""
    from pipeline.io.layer import bio_tags

    src = tmp_path / "seed.json"
    src.write_text(json.dumps(seed_doc, ensure_ascii=False), "utf-8")
    assert main(["export", "--to", "conll", str(src), "-o", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    gold = tmp_path / "out" / f"{seed_doc['id']}.conll"
    assert (
        main(["evaluate", "--gold", str(gold), "--pred", str(src), "--task", "ner", "--json", "--resamples", "0"]) == 0
    )
    micro = json.loads(capsys.readouterr().out)["tasks"]["ner"]["schemes"]["strict"]["micro"]
    _, dropped = bio_tags(seed_doc["vi"])
    held = [e for e in seed_doc["vi"]["entities"] if e["label"] != "OTHER" and e not in dropped]
    assert (micro["tp"], micro["fp"], micro["fn"]) == (
        len(held),
        len(dropped),
        0,
    )  # what BIO could not hold: extra in the JSON


@pytest.mark.parametrize("fmt", ["brat", "conll", "conllu", "xmi", "labelstudio"])
def test_a_second_document_of_an_id_is_named_not_written_over_the_first(fmt, make_tiny_document, tmp_path, capsys):
    """Two output folders of two corpora, each with a doc1 (ids are paths relative to the folder given)."""
    history = make_tiny_document(
        "Năm 1010, Lý Thái Tổ dời đô về Thăng Long.",
        [("Năm", "N"), ("1010", "M"), (",", "CH"), ("Lý Thái Tổ", "Np"), ("dời", "V"), ("đô", "N"), ("về", "E")]
        + [("Thăng Long", "Np"), (".", "CH")],
        [("Lý Thái Tổ", "PER"), ("Thăng Long", "LOC")],
        doc_id="doc1",
    )
    politics = make_tiny_document(
        "Bà Merkel thăm Hà Nội.",
        [("Bà", "N"), ("Merkel", "Np"), ("thăm", "V"), ("Hà Nội", "Np"), (".", "CH")],
        [("Merkel", "PER"), ("Hà Nội", "LOC")],
        doc_id="Doc1",  # differs only in case: the same file on macOS and Windows
    )
    for folder, doc in (("history", history), ("politics", politics)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "doc1.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    out = tmp_path / "out"
    assert main(["export", "--to", fmt, str(tmp_path / "history"), str(tmp_path / "politics"), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'politics' / 'doc1.json'}: document 'Doc1' has the id of {tmp_path / 'history'}" in err
    assert "exported 1 document(s)" in err and "1 input(s) skipped" in err
    if fmt == "labelstudio":
        (task,) = json.loads((out / "tasks.json").read_text("utf-8"))
        assert task["data"]["text"] == history["vi"]["text"]
    else:
        suffix = {"brat": "txt", "xmi": "xmi"}.get(fmt, fmt)
        (written,) = out.glob(f"*.{suffix}")
        text = written.read_text("utf-8").replace("_", " ")  # CoNLL writes Thăng_Long
        assert "Thăng Long" in text and "Merkel" not in text


@pytest.mark.parametrize("fmt", ["labelstudio", "xmi"])
def test_an_export_into_the_annotated_folder_is_not_read_back_as_input(fmt, make_tiny_document, tmp_path, capsys):
    """`songngu export --to labelstudio annotations/ -o annotations/ls`, run twice: the second run read the first's
    tasks.json (xmi: inception/*.json) as annotated documents, named them as breaking the contract and exited 1."""
    doc = make_tiny_document(
        "Năm 1428, Lê Lợi lên ngôi ở Đông Kinh.",
        [("Năm", "N"), ("1428", "M"), (",", "CH"), ("Lê Lợi", "Np"), ("lên ngôi", "V"), ("ở", "E")]
        + [("Đông Kinh", "Np"), (".", "CH")],
        [("Lê Lợi", "PER"), ("Đông Kinh", "LOC")],
        doc_id="leLoi",
    )
    annotated = tmp_path / "annotations"
    annotated.mkdir()
    (annotated / "leLoi.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    for _ in range(2):
        assert main(["export", "--to", fmt, str(annotated), "-o", str(annotated / "tool")]) == 0
        err = capsys.readouterr().err
        assert "exported 1 document(s)" in err and "skipped" not in err


@pytest.mark.parametrize("fmt", ["conll", "conllu", "spacy"])
def test_an_entity_inside_another_is_counted_where_one_tag_a_word_cannot_hold_it(
    fmt, make_tiny_document, tmp_path, capsys
):
    """The README: formats with one tag per word (CoNLL, CoNLL-U, doc.ents) keep the outermost and print the count
    of the entities left out; the spaCy export printed nothing (it keeps them all in doc.spans["entities"])."""
    doc = make_tiny_document(
        "Bộ Quốc phòng Armenia họp.",
        [("Bộ", "N"), ("Quốc phòng", "N"), ("Armenia", "Np"), ("họp", "V"), (".", "CH")],
        [("Bộ Quốc phòng Armenia", "ORG"), ("Armenia", "LOC")],
        doc_id="armenia",
    )
    src = tmp_path / "armenia.json"
    src.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    out = tmp_path / "out"
    assert main(["export", "--to", fmt, str(src), "-o", str(out)]) == 0
    assert "armenia: 1 overlapping or off-token entities not representable" in capsys.readouterr().err
    if fmt == "spacy":
        import spacy
        from spacy.tokens import DocBin

        (sdoc,) = DocBin().from_disk(out / "corpus.spacy").get_docs(spacy.blank("vi").vocab)
        assert [(e.text, e.label_) for e in sdoc.ents] == [("Bộ Quốc phòng Armenia", "ORG")]
        assert {(s.text, s.label_) for s in sdoc.spans["entities"]} == {
            ("Bộ Quốc phòng Armenia", "ORG"),
            ("Armenia", "LOC"),
        }

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
    "xmi": ["TypeSystem.xml", "handmade/seed_excerpt.xmi"],
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

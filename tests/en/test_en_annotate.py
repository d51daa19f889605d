"""`songngu annotate` with English: provided translations (txt pairs, JSONL), MT, and clear errors."""

from __future__ import annotations

import json

import pytest

from pipeline.batch import annotate
from pipeline.cli import main
from pipeline.contract import validate
from tests.conftest import CORPUS

VI_TEXT = (CORPUS / "000_c94cfb08b554769d.txt").read_text(encoding="utf-8")
EN_TEXT = (CORPUS / "000_c94cfb08b554769d.en.txt").read_text(encoding="utf-8")


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def test_jsonl_with_and_without_en_fields(tmp_path):
    vi, en = _paragraphs(VI_TEXT), _paragraphs(EN_TEXT)
    lines = [
        {"id": "with-en", "text": vi[2], "en": en[2]},
        {"id": "without-en", "text": vi[1]},
    ]
    source = tmp_path / "docs.jsonl"
    source.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    summary = annotate([str(source)], tmp_path / "out", progress=False)
    assert summary.failed == 0
    with_en = json.loads((tmp_path / "out" / "with-en.json").read_text(encoding="utf-8"))
    validate(with_en)
    assert with_en["en"]["origin"] == "provided" and with_en["en"]["text"] == en[2]
    alignments = with_en["alignments"]
    assert len(alignments["sentences"]) == 5 and all(
        len(link["vi"]) == len(link["en"]) == 1 for link in alignments["sentences"]
    )
    linked = {
        (e["text"])
        for e in with_en["en"]["entities"]
        if e["id"] in {link["en"] for link in alignments["entities"] if link["en"]}
    }
    assert {"Azerbaijan", "Russia", "Khojaly", "Gyumri"} <= linked
    assert {c["name"] for c in with_en["pipeline"]["components"]} >= {"en", "align"}
    without = json.loads((tmp_path / "out" / "without-en.json").read_text(encoding="utf-8"))
    assert without["en"] is None and without["alignments"] is None


def test_missing_translation_model_is_a_one_line_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-cache"))
    pytest.importorskip("transformers", reason="the 'mt' extra is not installed")
    (tmp_path / "a.txt").write_text("Nga đứng trung lập.\n", encoding="utf-8")
    rc = main(
        ["annotate", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--translate", "Helsinki-NLP/opus-mt-vi-en"]
    )
    err = capsys.readouterr().err
    assert rc == 2
    assert "songngu: error: translation model 'Helsinki-NLP/opus-mt-vi-en' not found" in err
    assert "cannot reach the Hugging Face hub" in err and "Traceback" not in err


@pytest.mark.slow
def test_translate_option_gives_an_mt_layer(tmp_path, monkeypatch):
    monkeypatch.setenv("SONGNGU_CACHE_DIR", str(tmp_path / "cache"))  # not the user's translation cache
    pytest.importorskip("torch", reason="machine translation needs the optional 'mt' extra")
    pytest.importorskip("sentencepiece", reason="machine translation needs the optional 'mt' extra")
    from tests.tiny_models import build_marian

    model = build_marian(tmp_path / "opus-mt-tiny", tmp_path / "work")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(_paragraphs(VI_TEXT)[2] + "\n", encoding="utf-8")
    rc = main(
        ["annotate", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--translate", str(model), "--mt-beams", "1"]
    )
    assert rc == 0
    doc = json.loads((tmp_path / "out" / "a.json").read_text(encoding="utf-8"))
    validate(doc)
    assert doc["en"]["origin"] == f"mt:{model}"
    assert doc["alignments"]["methods"]["sentences"] == "mt-1-1"
    assert len(doc["en"]["sentences"]) == len(doc["vi"]["sentences"]) == 5
    assert any(
        c["name"] == "translate" and c["model"].startswith(f"{model}@sha256:") for c in doc["pipeline"]["components"]
    )

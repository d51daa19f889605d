"""Large documents in bounded memory: annotated in paragraph pieces, their JSON written as a
stream, byte for byte what annotating them whole gives (peak memory and speed: bench/throughput.py
--large-mb 5)."""

from __future__ import annotations

import io
import json
import tempfile

import pytest

from pipeline.annotator import Annotator
from pipeline.batch import annotate as annotate_batch
from pipeline.batch import worker
from pipeline.ingest import SourceDocument
from pipeline.io.jsondoc import compact, dumps
from pipeline.vi.sentences import paragraph_chunks
from tests.conftest import SEED, require_vtb


@pytest.fixture(scope="module")
def annotator():
    return Annotator()


def source(text: str, doc_id: str = "doc", en: str | None = None) -> SourceDocument:
    return SourceDocument(id=doc_id, text=text, sha256="0" * 64, path=f"{doc_id}.txt", format="txt", en=en)


def vtb_documents() -> list[str]:
    from pipeline.io.conllu import read_conllu

    sentences = [s.text for s in read_conllu(require_vtb())][:150]
    return ["\n\n".join(" ".join(sentences[i : i + 5]) for i in range(d, d + 50, 5)) for d in range(0, 150, 50)]


ODD = [
    "",
    "\n\n \n",
    "  Hà Nội.\n \u00a0\nHuế\u00a0là cố đô.\n\n\n\tSài Gòn.\n\n",  # blank lines of spaces, no-break spaces, tabs
    "Một đoạn.\r\n\r\nĐoạn hai, ngày 11 tháng 9 năm 1992.",
]


@pytest.mark.parametrize("one_line", [False, True], ids=["json", "jsonl"])
@pytest.mark.parametrize("chunk_chars", [1, 700])
def test_written_in_pieces_as_annotated_whole(annotator, one_line, chunk_chars):
    texts = [SEED.read_text(encoding="utf-8"), *vtb_documents(), *ODD]
    for i, text in enumerate(texts):
        doc = source(text, f"d{i}")
        out = io.StringIO()
        annotator.write(doc, out, one_line=one_line, chunk_chars=chunk_chars)
        assert out.getvalue() == (compact if one_line else dumps)(annotator.annotate(doc)), i
    assert len(paragraph_chunks(texts[0], chunk_chars)) >= 3  # pieces, not one


def test_a_document_with_english_is_annotated_whole(annotator):
    doc = source("Hà Nội là thủ đô.\n\nHuế là cố đô.", en="Hanoi is the capital.\n\nHue is the old capital.")
    out = io.StringIO()
    annotator.write(doc, out, chunk_chars=1)
    written = json.loads(out.getvalue())
    assert written["en"] and written["alignments"]
    assert out.getvalue() == dumps(annotator.annotate(doc))


def test_pieces_are_cut_at_blank_lines_only():
    text = "Câu một. Câu hai.\nDòng hai.\n\nĐoạn hai.\n \t\nĐoạn ba, rất dài " + "và dài " * 50 + ".\n\n\nĐoạn bốn."
    pieces = [text[s:e].strip() for s, e in paragraph_chunks(text, 5)]
    assert pieces[:2] == ["Câu một. Câu hai.\nDòng hai.", "Đoạn hai."]  # a line break is no paragraph break
    assert pieces[2].startswith("Đoạn ba") and pieces[3] == "Đoạn bốn." and len(pieces) == 4
    covered = "".join(text[s:e] for s, e in paragraph_chunks(text, 5))
    assert "".join(covered.split()) == "".join(text.split())  # every non-space character, once
    assert paragraph_chunks(text, 10**6) == [(0, len(text))]
    bounded = paragraph_chunks(text, 40)  # whole paragraphs gathered up to the size, never past it
    assert [text[s:e].strip() for s, e in bounded][0] == "Câu một. Câu hai.\nDòng hai.\n\nĐoạn hai."
    assert all(e - s <= 40 or text[s:e].startswith("Đoạn ba") for s, e in bounded)


@pytest.mark.parametrize("output_format", ["json", "jsonl"])
def test_the_batch_writes_a_large_document_through_a_file(tmp_path, monkeypatch, output_format):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / "small.txt").write_text("Hà Nội là thủ đô.", encoding="utf-8")
    # A private temporary folder: other processes' spool files in the shared one must not count here.
    spool = tmp_path / "tmp"
    spool.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool))
    spooled = []
    mkstemp = tempfile.mkstemp
    monkeypatch.setattr(tempfile, "mkstemp", lambda *a, **k: spooled.append(k) or mkstemp(*a, **k))
    outputs = {}
    for stream_chars in (10**9, 1000):  # never, then for the seed passage (3,193 characters)
        monkeypatch.setattr(worker, "STREAM_CHARS", stream_chars)
        out = tmp_path / f"out-{stream_chars}"
        summary = annotate_batch([str(corpus)], out, workers=1, output_format=output_format, progress=False)
        assert summary.annotated == 2 and summary.failed == 0
        outputs[stream_chars] = {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}
    assert outputs[1000] == outputs[10**9] and outputs[1000]
    assert any(k.get("prefix") == "songngu-" for k in spooled)  # the seed passage went through a file
    assert not list(spool.glob("songngu-*.json"))  # and the temporary files are gone


def test_spacys_length_limit_applies_to_paragraphs_of_a_streamed_document(annotator, monkeypatch):
    seed = source(SEED.read_text(encoding="utf-8"))
    monkeypatch.setattr(annotator.vi, "max_length", 2000)  # the seed passage has 3,193 characters, paragraphs < 900
    monkeypatch.setattr(worker, "STREAM_CHARS", 1000)
    _, whole, error = worker.annotate_one(seed, annotator)
    assert whole is None and "over the pipeline's limit of 2,000" in error
    _, spooled, error = worker.annotate_one(seed, annotator, spool=True)
    try:
        assert error is None and json.loads(spooled.read_text(encoding="utf-8"))["vi"]["entities"]
    finally:
        spooled.unlink()
    one_paragraph = source(" ".join([SEED.read_text(encoding="utf-8").replace("\n", " ")] * 2))
    _, text, error = worker.annotate_one(one_paragraph, annotator, spool=True)
    assert text is None and "a paragraph of 6,3" in error and "break it with blank lines" in error

import hashlib
import io
import json
import os
import unicodedata
from pathlib import Path

import pytest

from pipeline.ingest import IngestError, InputError, SourceDocument, check_id, read_inputs
from tests.conftest import SEED


def docs(*args, **kw):
    return list(read_inputs([str(a) for a in args], **kw))


def test_seed_passage_is_read_with_raw_hash_and_nfc_text():
    [doc] = docs(SEED)
    raw = SEED.read_bytes()
    assert isinstance(doc, SourceDocument)
    assert doc.id == "000_c94cfb08b554769d"
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()
    assert doc.text == unicodedata.normalize("NFC", raw.decode("utf-8"))
    assert doc.format == "txt"


def test_decomposed_input_is_normalised_to_nfc_but_hashed_raw(tmp_path):
    nfd = unicodedata.normalize("NFD", "Quân đoàn 7 Nga đóng tại Armenia")
    (tmp_path / "a.txt").write_text(nfd, encoding="utf-8")
    [doc] = docs(tmp_path / "a.txt")
    assert nfd != doc.text == unicodedata.normalize("NFC", nfd)
    assert doc.sha256 == hashlib.sha256(nfd.encode("utf-8")).hexdigest()


def test_directory_walk_is_recursive_sorted_and_ids_are_relative_paths(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x.txt").write_text("Hà Nội", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Huế", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a document", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.txt").write_text("bỏ qua", encoding="utf-8")
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "g.txt").write_text("gold", encoding="utf-8")
    assert [d.id for d in docs(tmp_path)] == ["a", "b/x"]
    assert [d.id for d in docs(tmp_path, exclude=())] == ["a", "b/x", "gold/g"]


def test_exclude_skips_files_as_well_as_folders(tmp_path):
    """`--exclude 'drafts/*'` and `--exclude '*.draft.txt'` matched no folder and so skipped nothing, silently."""
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text("Bản nháp về Huế.", encoding="utf-8")
    (tmp_path / "hue.txt").write_text("Huế là cố đô của nhà Nguyễn.", encoding="utf-8")
    (tmp_path / "hue.draft.txt").write_text("Huế, bản nháp.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "hanoi.txt").write_text("Hà Nội nghìn năm văn hiến.", encoding="utf-8")
    assert [d.id for d in docs(tmp_path, exclude=("drafts/*", "*.draft.txt"))] == ["hue", "sub/hanoi"]
    assert [d.id for d in docs(tmp_path, exclude=("sub",))] == ["hue.draft", "hue", "drafts/a"]
    assert [d.id for d in docs(tmp_path, exclude=("sub/hanoi.txt",))] == ["hue.draft", "hue", "drafts/a"]


def test_english_translation_beside_the_text_is_attached(tmp_path):
    (tmp_path / "x.vi.txt").write_text("Nga tuyên bố trung lập.", encoding="utf-8")
    (tmp_path / "x.en.txt").write_text("Russia declared neutrality.", encoding="utf-8")
    [doc] = docs(tmp_path)
    assert (doc.id, doc.en) == ("x", "Russia declared neutrality.")
    assert doc.en_sha256 == hashlib.sha256(b"Russia declared neutrality.").hexdigest()
    assert doc.source_record()["en_path"].endswith("x.en.txt")


def test_orphan_english_file_is_an_error(tmp_path):
    (tmp_path / "y.en.txt").write_text("Orphan.", encoding="utf-8")
    [err] = docs(tmp_path)
    assert isinstance(err, IngestError) and "without a Vietnamese document" in err.reason


def test_naming_an_english_file_directly_is_an_error(tmp_path):
    (tmp_path / "x.txt").write_text("Nga.", encoding="utf-8")
    (tmp_path / "x.en.txt").write_text("Russia.", encoding="utf-8")
    [err] = docs(tmp_path / "x.en.txt")
    assert "English translation" in err.reason


def test_a_json_file_named_as_input_is_an_error_not_text(tmp_path):
    """A list of documents in one .json file, a common shape, was annotated as Vietnamese text, brackets and all."""
    corpus = [{"id": "d1", "text": "Năm 1945, Việt Nam tuyên bố độc lập."}, {"id": "d2", "text": "Huế là cố đô."}]
    (tmp_path / "corpus.json").write_text(json.dumps(corpus, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "notes").write_text("Hà Nội mùa thu.", encoding="utf-8")  # a file without a suffix is still text
    err, doc = docs(tmp_path / "corpus.json", tmp_path / "notes")
    assert isinstance(err, IngestError) and err.path.endswith("corpus.json")
    assert err.reason.startswith("is JSON, not text: give documents as a .jsonl file, one JSON object a line")
    assert isinstance(doc, SourceDocument) and doc.text == "Hà Nội mùa thu."


def test_a_jsonl_line_whose_id_was_read_names_its_document(tmp_path):
    """errors.jsonl had "id": null for a line whose message named the document ('hue': missing 'text')."""
    lines = [
        {"id": "hue", "en": "Hue was the capital of the Nguyen dynasty."},
        {"id": "hanoi", "text": "Hà Nội nghìn năm văn hiến.", "en": 1010},
        {"text": "Sài Gòn không có id."},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    errors = docs(path)
    assert [(e.line, e.id) for e in errors] == [(1, "hue"), (2, "hanoi"), (3, None)]
    assert errors[0].reason == "document 'hue': missing or non-string 'text'"


def test_jsonl_documents_and_their_errors_name_the_line(tmp_path):
    lines = [
        json.dumps(
            {"id": "d1", "text": "Quân Nga rút khỏi Karabakh.", "en": "Russian troops left Karabakh."},
            ensure_ascii=False,
        ),
        "",
        "{not json",
        json.dumps({"id": "d2"}),
        json.dumps({"id": "../evil", "text": "x"}),
        json.dumps({"id": "d1", "text": "again"}),
        json.dumps(["a list"]),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = docs(path)
    assert isinstance(out[0], SourceDocument) and out[0].en == "Russian troops left Karabakh." and out[0].line == 1
    errors = {e.line: e.reason for e in out[1:]}
    assert all(isinstance(e, IngestError) for e in out[1:])
    assert "invalid JSON" in errors[3]
    assert "'text'" in errors[4]
    assert "not a safe file name" in errors[5]
    assert "duplicate document id 'd1'" in errors[6]
    assert "JSON object" in errors[7]
    assert str(out[1]).startswith(f"{path}:3: ")


def test_invalid_utf8_reports_the_byte_offset(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes("Hà Nội ".encode() + b"\xff\xfe rest")
    [err] = docs(path)
    assert isinstance(err, IngestError)
    assert err.path == str(path)
    assert err.reason == "invalid UTF-8 at byte offset 10 (byte 0xff)"  # "Hà Nội " is 10 bytes


def test_binary_file_is_rejected_with_its_name(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    [err] = docs(path)
    assert "binary file" in err.reason and "NUL byte at offset 8" in err.reason


def test_missing_path(tmp_path):
    [missing] = docs(tmp_path / "nope.txt")
    assert (missing.path, missing.reason) == (str(tmp_path / "nope.txt"), "no such file")


def test_unreadable_file(tmp_path, monkeypatch):
    # File modes do not stop root (CI runs as root), so the OS refusal is simulated.
    locked = tmp_path / "locked.txt"
    locked.write_text("x", encoding="utf-8")
    real = type(locked).read_bytes

    def refuse(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(type(locked), "read_bytes", refuse)
    [err] = docs(locked)
    assert (err.path, err.reason) == (str(locked), "permission denied")


def test_empty_file_is_a_valid_empty_document(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    [doc] = docs(tmp_path / "empty.txt")
    assert isinstance(doc, SourceDocument) and doc.text == ""


def test_byte_order_mark_is_dropped(tmp_path):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbfNga")
    [doc] = docs(tmp_path / "bom.txt")
    assert doc.text == "Nga"


def test_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("Ngày 11 tháng 9".encode())))
    [doc] = docs("-")
    assert (doc.id, doc.text, doc.path, doc.format) == ("stdin", "Ngày 11 tháng 9", "-", "stdin")


@pytest.mark.parametrize("bad", ["", ".", "a/../b", "a//b", " x", "a:b", "a\\b", "x\ny", "a" * 201])
def test_unsafe_ids_are_rejected(bad):
    with pytest.raises(InputError):
        check_id(bad)


@pytest.mark.parametrize("good", ["000_c94cfb08b554769d", "sub/doc-1", "Chiến_tranh", "a.b"])
def test_safe_ids_pass(good):
    assert check_id(good) == good


# -- hostile inputs (issue 10) ------------------------------------------------------------


def test_a_lone_surrogate_in_jsonl_is_an_error_naming_the_line_and_the_others_are_read(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"id": "ok1", "text": "Hà Nội"}\n{"id": "a", "text": "x\\ud800y"}\n{"id": "ok2", "text": "Huế"}\n',
        encoding="utf-8",
    )
    out = docs(path)
    assert [d.id for d in out if isinstance(d, SourceDocument)] == ["ok1", "ok2"]
    [err] = [e for e in out if isinstance(e, IngestError)]
    assert (err.path, err.line) == (str(path), 2)
    assert (
        err.reason
        == "'text' of document 'a' holds a lone surrogate '\\ud800' at character 1, which is not Unicode text"
    )


@pytest.mark.parametrize("field", ["id", "en"])
def test_a_lone_surrogate_in_the_id_or_the_english_is_an_error(tmp_path, field):
    record = {"id": "b", "text": "Nga", "en": "Russia"}
    line = json.dumps(record).replace('"Russia"' if field == "en" else '"b"', '"\\udcff"')
    (tmp_path / "in.jsonl").write_text(line + "\n", encoding="utf-8")
    [err] = docs(tmp_path / "in.jsonl")
    assert isinstance(err, IngestError) and err.line == 1 and "lone surrogate '\\udcff'" in err.reason


def _in_thread(fn, seconds: float = 20.0):
    """fn() in a daemon thread; fails (instead of hanging the suite) if it does not finish in time."""
    import threading

    result: list = []
    thread = threading.Thread(target=lambda: result.append(fn()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    return result[0]


def test_a_fifo_in_a_directory_is_reported_not_opened(tmp_path):
    os.mkfifo(tmp_path / "x.txt")
    os.mkfifo(tmp_path / "y.jsonl")
    (tmp_path / "z.txt").write_text("Huế", encoding="utf-8")
    out = _in_thread(lambda: docs(tmp_path))
    assert [(type(d).__name__, Path(d.path).name) for d in out] == [
        ("IngestError", "x.txt"),
        ("IngestError", "y.jsonl"),
        ("SourceDocument", "z.txt"),
    ]
    assert out[0].reason == "not a regular file (a FIFO): skipped"


def test_a_fifo_named_on_the_command_line_is_read_as_a_stream(tmp_path):
    # `songngu annotate <(zcat big.jsonl.gz)`: the user asked for it. The first document
    # comes out while the writer is still writing: the input is read lazily.
    import threading

    fifo = tmp_path / "stream.jsonl"
    os.mkfifo(fifo)
    first_seen = threading.Event()

    def writer():
        with open(fifo, "w", encoding="utf-8") as handle:
            handle.write('{"id": "one", "text": "Hà Nội"}\n')
            handle.flush()
            assert first_seen.wait(20), "the reader waited for the whole input"
            handle.write('{"id": "two", "text": "Huế"}\n')

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()

    def read():
        ids = []
        for doc in read_inputs([str(fifo)]):
            ids.append(doc.id)
            first_seen.set()
        return ids

    assert _in_thread(read) == ["one", "two"]


def test_reading_a_large_jsonl_holds_one_line_at_a_time(tmp_path):
    import tracemalloc

    path = tmp_path / "big.jsonl"
    line = json.dumps({"id": "d", "text": "Quân đội Nga rút khỏi Karabakh năm 1993. " * 250}, ensure_ascii=False)
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(2000):
            handle.write(line.replace('"d"', f'"d{i}"', 1) + "\n")
    size = path.stat().st_size
    assert size > 20_000_000
    tracemalloc.start()
    try:
        count = sum(1 for d in read_inputs([str(path)]) if isinstance(d, SourceDocument))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 2000
    assert peak < size / 20, f"peak {peak:,} bytes for a {size:,}-byte file"


def test_utf16_and_utf32_with_a_byte_order_mark_are_decoded(tmp_path):
    text = "Quân đội Nga rút khỏi Karabakh."
    (tmp_path / "le.txt").write_bytes(text.encode("utf-16"))  # BOM + native (little-endian) order
    (tmp_path / "be.txt").write_bytes(b"\xfe\xff" + text.encode("utf-16-be"))
    (tmp_path / "u32.txt").write_bytes(text.encode("utf-32"))
    (tmp_path / "lines.jsonl").write_bytes(
        ('{"id": "j1", "text": "Hà Nội"}\r\n{"id": "j2", "text": "Huế"}\r\n').encode("utf-16")
    )
    out = {d.id: d for d in docs(tmp_path)}
    assert [out[k].text for k in ("le", "be", "u32")] == [text] * 3
    assert (out["j1"].text, out["j2"].text, out["j2"].line) == ("Hà Nội", "Huế", 2)
    assert out["le"].sha256 == hashlib.sha256(text.encode("utf-16")).hexdigest()  # the raw bytes


def test_utf16_without_a_byte_order_mark_is_called_utf16_not_binary(tmp_path):
    (tmp_path / "a.txt").write_bytes("Quân đội Nga rút khỏi Karabakh.".encode("utf-16-le"))
    (tmp_path / "b.jsonl").write_bytes('{"id": "x", "text": "Hà Nội"}\n'.encode("utf-16-le"))
    errors = docs(tmp_path)
    assert all(isinstance(e, IngestError) for e in errors) and len(errors) == 2
    assert all("UTF-16" in e.reason and "binary" not in e.reason for e in errors)


def test_a_utf8_byte_order_mark_does_not_lose_the_first_jsonl_line(tmp_path):
    (tmp_path / "bom.jsonl").write_bytes(
        '\ufeff{"id": "first", "text": "Nga"}\n{"id": "second", "text": "Huế"}\n'.encode()
    )
    assert [d.id for d in docs(tmp_path / "bom.jsonl")] == ["first", "second"]


def test_a_file_name_with_a_newline_or_undecodable_bytes_gives_a_one_line_error(tmp_path):
    (tmp_path / "bad\nname.txt").write_text("Nga", encoding="utf-8")
    (Path(os.fsdecode(bytes(tmp_path) + b"/latin\xe9.txt"))).write_text("Huế", encoding="utf-8")
    errors = docs(tmp_path)
    assert len(errors) == 2 and all(isinstance(e, IngestError) for e in errors)
    for err in errors:
        line = str(err)
        assert "\n" not in line and line.encode("utf-8")  # printable, and writable as UTF-8
    assert {Path(e.path).name for e in errors} == {"bad\\nname.txt", "latin\\xe9.txt"}


def test_directory_exclusions_and_skipped_directories(tmp_path):
    for folder in ("gold", "drafts", "out", "keep"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "d.txt").write_text("Nga", encoding="utf-8")
    (tmp_path / "out" / "errors.jsonl").write_text('{"path": "x"}\n', encoding="utf-8")
    ids = [d.id for d in read_inputs([str(tmp_path)], ("gold", "drafts"), skip_dirs=[tmp_path / "out"])]
    assert ids == ["keep/d"]


@pytest.mark.parametrize("bad", ["CON", "con", "sub/nul.x", "COM1", "lpt9.txt", "x.", "sub./y", "a\udcffb"])
def test_ids_unsafe_on_windows_or_not_text_are_rejected(bad):
    with pytest.raises(InputError):
        check_id(bad)


@pytest.mark.parametrize("good", ["CONTEXT", "con_1", "COM10", "a.b.c", "Hà_Nội"])
def test_names_that_only_look_like_windows_devices_pass(good):
    assert check_id(good) == good


def test_ids_that_collide_on_case_insensitive_file_systems_are_rejected(tmp_path):
    lines = [
        {"id": "J20_Case", "text": "Nga"},
        {"id": "j20_case", "text": "Huế"},
        {"id": "Đà_Nẵng", "text": "x"},
        {"id": unicodedata.normalize("NFD", "đà_nẵng"), "text": "y"},
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    out = docs(tmp_path / "in.jsonl")
    assert [type(d).__name__ for d in out] == ["SourceDocument", "IngestError", "SourceDocument", "IngestError"]
    assert out[1].reason == (
        f"document id 'j20_case' and 'J20_Case' (in {tmp_path / 'in.jsonl'}:1) differ only in case: "
        "they name the same file on macOS and Windows"
    )
    assert "differ only in case and Unicode normalisation" in out[3].reason


def test_odd_json_lines_are_one_line_errors(tmp_path):
    lines = [
        "[" * 100_000 + "]" * 100_000,  # nesting deeper than the parser's recursion
        '{"id": "n", "text": ' + "9" * 5000 + "}",  # an integer over Python's 4,300-digit limit
        '{"id": "ok", "text": "Nga"}',
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = docs(tmp_path / "in.jsonl")
    assert [type(d).__name__ for d in out] == ["IngestError", "IngestError", "SourceDocument"]
    assert all(e.reason.startswith("invalid JSON") and "\n" not in e.reason for e in out[:2])


def test_an_empty_path_is_an_error_not_the_current_directory():
    [err] = docs("")
    assert isinstance(err, IngestError) and "empty path" in err.reason

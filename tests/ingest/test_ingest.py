import hashlib
import io
import json
import unicodedata

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

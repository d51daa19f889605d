"""The Vietnamese spaCy pipeline: offsets, sentences, tags, on real and generated text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.contract import problems
from pipeline.io.jsondoc import layer_from_doc
from pipeline.vi import components, load_vi


@pytest.fixture(scope="module")
def nlp():
    return load_vi()


def as_document(nlp, text: str) -> dict:
    layer = layer_from_doc(nlp(text), "vi")
    return {
        "schema_version": "1.0",
        "id": "t",
        "source": {"path": None, "sha256": "0" * 64},
        "pipeline": {"version": "test", "components": components(nlp)},
        "vi": layer,
        "en": None,
        "alignments": None,
    }


def assert_offsets_cover_text(layer: dict) -> None:
    text = layer["text"]
    covered = [0] * len(text)
    for tok in layer["tokens"]:
        assert text[tok["start"] : tok["end"]] == tok["text"]
        assert tok["text"] == tok["text"].strip() and "\n" not in tok["text"]
        for i in range(tok["start"], tok["end"]):
            covered[i] += 1
    for i, ch in enumerate(text):
        # every visible character is in exactly one word, whitespace in none
        # except single spaces inside a multi-syllable word
        assert covered[i] == (0 if ch.isspace() and covered[i] == 0 else 1), (i, ch)
        if not ch.isspace():
            assert covered[i] == 1, (i, ch, text)


def test_seed_passage_keeps_every_character_and_offset(nlp, seed_text):
    doc = as_document(nlp, seed_text)
    assert problems(doc) == []
    assert_offsets_cover_text(doc["vi"])
    assert "_" not in "".join(t["text"] for t in doc["vi"]["tokens"]).replace("Chiến_tranh_Nagorno-Karabakh", "")


def test_sentences_keep_closing_quotes_and_citations(nlp, seed_text):
    layer = layer_from_doc(nlp(seed_text), "vi")
    sents = [seed_text[s["start"] : s["end"]] for s in layer["sentences"]]
    assert sents[0] == "Vai trò của Nga trong cuộc xung đột Chiến_tranh_Nagorno-Karabakh"  # title line
    assert any(s.endswith('chân chính ở Caucasus."[29]') for s in sents)
    assert any(s.startswith("Một đạo quân gồm 23 ngàn người") for s in sents)
    # an ellipsis glued to the next word inside a quotation does not end the sentence
    assert any("sụp đổ...Azerbaijan là thành lũy" in s for s in sents)
    # "ly khai... nước Cộng hòa Gruzia": lower case after the ellipsis, same sentence
    assert any("ly khai... nước Cộng hòa Gruzia" in s for s in sents)
    assert any(s.endswith("Thổ Nhĩ Kỳ...") for s in sents)
    assert any(s.endswith("thiên vị phe kia.[31]") for s in sents)
    for s in layer["sentences"]:
        first, last = s["tokens"]
        assert layer["tokens"][first]["start"] == s["start"] and layer["tokens"][last - 1]["end"] == s["end"]


def test_words_have_vlsp_and_universal_tags(nlp):
    layer = layer_from_doc(nlp("Quân Azerbaijan bắt được 6 lính đặc nhiệm Nga."), "vi")
    tags = {t["text"]: (t["pos"], t["upos"]) for t in layer["tokens"]}
    assert tags["Nga"] == ("Np", "PROPN")
    assert tags["6"] == ("M", "NUM")
    assert tags["."] == ("CH", "PUNCT")


def test_decomposed_text_is_processed_like_composed(nlp):
    nfc = "Bộ Quốc phòng Armenia trả lương bằng đồng rúp Nga."
    nfd = unicodedata.normalize("NFD", nfc)
    # ingest normalises; the pipeline itself must still not lose characters on NFD
    doc = as_document(nlp, nfd)
    assert problems(doc) == []


VIETNAMESE_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
syllable = st.text(alphabet=VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper()[:20], min_size=1, max_size=6)
piece = st.one_of(
    syllable,
    syllable,
    syllable,
    st.sampled_from(
        [
            " ",
            " ",
            "  ",
            "\n",
            "\n\n",
            "\t",
            ".",
            ",",
            "...",
            "!",
            "?",
            '"',
            "(",
            ")",
            "[29]",
            "_",
            "-",
            "/",
            "11/9/1992",
            "23.000",
            "T-72",
            "Nagorno-Karabakh",
            "Liên bang",
            "\u0301",
            "😀",
            "\u00a0",
        ]
    ),
    st.from_regex(r"[0-9]{1,5}", fullmatch=True),
)
vietnamese_like = st.lists(piece, max_size=40).map(lambda parts: " ".join(parts) if len(parts) % 2 else "".join(parts))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=vietnamese_like)
def test_offsets_hold_for_any_vietnamese_like_text(nlp, text):
    doc = as_document(nlp, text)
    assert problems(doc) == [], text
    assert_offsets_cover_text(doc["vi"])


def test_abbreviations_and_initials_do_not_end_sentences(nlp):
    text = "Công trình LBKT TP. HCM RBKT gây phiền phức. Tác giả K. Lê viết sách. Anh ấy đến Hà Nội. Q. 1 rất đông."
    layer = layer_from_doc(nlp(text), "vi")
    assert [text[s["start"] : s["end"]] for s in layer["sentences"]] == [
        "Công trình LBKT TP. HCM RBKT gây phiền phức.",
        "Tác giả K. Lê viết sách.",
        "Anh ấy đến Hà Nội.",
        "Q. 1 rất đông.",
    ]


def test_a_date_written_with_spaced_points_is_one_sentence(nlp):
    # VLSP's tokeniser writes "8.9.1945" as "8 . 9 . 1945"; a numbered heading after a full stop still starts one
    text = "Sắc lệnh ra ngày 8 . 9 . 1945 tại Hà Nội . 2 . Quy định chung ."
    layer = layer_from_doc(nlp(text), "vi")
    assert [text[s["start"] : s["end"]] for s in layer["sentences"]] == [
        "Sắc lệnh ra ngày 8 . 9 . 1945 tại Hà Nội .",
        "2 .",
        "Quy định chung .",
    ]


def test_a_full_stop_is_never_glued_to_the_next_word(nlp):
    # VTB's spaced text ("TP . HCM", "10 - 15") teaches joins across spaces beside punctuation
    words = [
        t["text"] for t in layer_from_doc(nlp("Anh ấy đến Hà Nội. Q. 1 rất đông, khoảng 10 - 15 độ."), "vi")["tokens"]
    ]
    assert "Hà Nội" in words and "Q" in words and "10" in words and "15" in words
    assert not any(w[0] in ".-" and len(w) > 1 for w in words)

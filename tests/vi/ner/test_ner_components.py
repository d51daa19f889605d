"""Each NER component on its own, the merge's rules, and the data files users edit."""

from __future__ import annotations

import re

import pytest
from conllu import parse_incr

from pipeline.docmodel import register_extensions
from pipeline.text.tsv import DataFileError
from pipeline.vi import load_vi
from pipeline.vi.ner.candidates import candidates
from pipeline.vi.ner.phonotactics import is_foreign_word, is_vietnamese_syllable
from pipeline.vi.ner.split import cut_points, cut_tokens
from pipeline.vi.ner.view import sentences
from tests.conftest import require_vtb
from tests.vi.ner.conftest import entities

# ------------------------------------------------------------------ phonotactics


def test_nearly_every_vietnamese_syllable_of_vtb_passes():
    path = require_vtb()
    total = bad = 0
    with open(path, encoding="utf-8") as handle:
        for sentence in parse_incr(handle):
            for token in sentence:
                for syllable in token["form"].split():
                    if syllable.isalpha() and syllable.islower():
                        total += 1
                        bad += not is_vietnamese_syllable(syllable)
    # what fails is loanwords and abbreviations (fax, km, tp, ubnd): well under 1%
    assert total > 10000 and bad / total < 0.01, (bad, total)


@pytest.mark.parametrize(
    "word", ["Nguyễn", "Quốc", "Giữa", "Gì", "Khuyến", "Nghiêng", "Ðặng", "Quyên", "Trường", "Oanh"]
)
def test_vietnamese_words_are_not_foreign(word):
    assert not is_foreign_word(word)


@pytest.mark.parametrize(
    "word",
    [
        "Srkhavend",
        "Nikolayevich",
        "Washington",
        "Globe",
        "Gruzia",
        "Nagorno-Karabakh",
        "Yury",
        "Markar",
        "Chechnya",
        "Sêrêpôk",
        "Zurich",
        "Frank",
    ],
)
def test_foreign_spellings_are_foreign(word):
    assert is_foreign_word(word)


def test_abbreviations_are_not_judged():
    assert not is_foreign_word("NATO") and not is_foreign_word("HCM")


# ------------------------------------------------------------------ components


def test_each_component_proposes_under_its_own_source(vi_nlp):
    doc = vi_nlp(
        "Ngày 11 tháng 9 năm 1992, thiếu tá Yury Nikolayevich và 23 ngàn lính của Sư đoàn 127 "
        "đến làng Merjimek ở Nga, gặp ông Nguyễn Phú Bình tại Gruzia."
    )
    sources = {c.source for c in candidates(doc)}
    assert {
        "model",
        "rules:date",
        "rules:number",
        "rules:title",
        "rules:org",
        "rules:classifier",
        "rules:surname",
        "gazetteer:cldr",
        "gazetteer:project",
        "shape:foreign",
    } <= sources
    assert all(e._.source for e in doc.ents)
    assert entities(doc) == [
        ("Ngày 11 tháng 9 năm 1992", "DATE"),
        ("Yury Nikolayevich", "PER"),
        ("23 ngàn", "NUM"),
        ("Sư đoàn 127", "ORG"),
        ("Merjimek", "LOC"),
        ("Nga", "LOC"),
        ("Nguyễn Phú Bình", "PER"),
        ("Gruzia", "LOC"),
    ]


def test_a_component_can_be_switched_off_in_the_config(vi_nlp):
    pipeline = [p for p in vi_nlp.config["nlp"]["pipeline"] if p != "ner_gazetteer_cldr"]
    nlp = load_vi(overrides={"nlp.pipeline": pipeline})
    doc = nlp("Quân Nga rút khỏi Armenia.")
    assert not any(c.source == "gazetteer:cldr" for c in candidates(doc))


def test_crf_alone_is_the_bundled_crf_output():
    nlp = load_vi(
        overrides={
            "nlp.pipeline": ["sentences", "tagger", "ner_crf", "ner_merge"],
            "components.ner_merge.repair": False,
            "components.ner_merge.context_labels": False,
        }
    )
    doc = nlp("Thiếu tá Yury Nikolayevich đóng tại Armenia.")
    assert {e._.source for e in doc.ents} <= {"crf"}
    assert doc.ents  # the CRF finds something here (with its own boundaries)


@pytest.mark.parametrize(
    "sentence,expected",
    [
        # persons after titles, the title outside (VTB dev sentences, UD Vietnamese-VTB, CC BY-SA 4.0)
        ("Trả lời phỏng vấn , ông Lộc nói : bán đất với giá không được ủy ban tỉnh phê duyệt", [("Lộc", "PER")]),
        ("Anh Hai Địa nhất định không tiết lộ nhiệm vụ", [("Hai Địa", "PER")]),
        (
            "Niềm đam mê cháy bỏng đó đã lan sang cả người bạn đời của anh - chị Ðặng Hải Lý , một cựu sinh viên "
            "Đại học Ngoại thương .",
            [("Ðặng Hải Lý", "PER"), ("Đại học Ngoại thương", "ORG")],
        ),
        ("Tổng thống Nga Vladimir Putin đến Hà Nội.", [("Nga", "MISC"), ("Vladimir Putin", "PER"), ("Hà Nội", "LOC")]),
        # classifier nouns outside, except streets and numbered places
        (
            "Chúng tôi tìm đến nhà ông Bình ở đường Nguyễn Huệ , phường Tân Xuân",
            [("Bình", "PER"), ("đường Nguyễn Huệ", "LOC"), ("Tân Xuân", "LOC")],
        ),
        (
            "Ông Đào Lập Công , cư dân thôn 1 , xã Gia Huynh , cho biết",
            [("Đào Lập Công", "PER"), ("thôn 1", "LOC"), ("Gia Huynh", "LOC")],
        ),
        # units, with their branch words
        (
            "Còn những người trong cuộc thì biết rõ tên tuổi của nó : lữ đoàn Hải quân 125 .",
            [("lữ đoàn Hải quân 125", "ORG")],
        ),
    ],
)
def test_vtb_sentences(vi_nlp, sentence, expected):
    assert entities(vi_nlp(sentence)) == expected


# ------------------------------------------------------------------ merge


def test_higher_priority_wins_an_overlap_and_the_loser_is_kept_as_a_proposal(vi_nlp):
    doc = vi_nlp("Họ được trả lương bởi Bộ Quốc phòng Armenia.")
    assert entities(doc) == [("Bộ Quốc phòng Armenia", "ORG")]
    assert any(c.source == "gazetteer:cldr" and c.span.text == "Armenia" for c in candidates(doc))


def test_priority_is_configuration(vi_nlp):
    order = list(vi_nlp.config["components"]["ner_merge"]["priority"])
    order.remove("gazetteer:cldr")
    nlp = load_vi(overrides={"components.ner_merge.priority": ["gazetteer:cldr"] + order})
    assert ("Armenia", "LOC") in entities(nlp("Họ được trả lương bởi Bộ Quốc phòng Armenia."))


def test_repair_trims_and_splits_crf_spans(vi_nlp):
    # underthesea's CRF is no longer in the default pipeline; added back, its spans are repaired
    pipeline = list(vi_nlp.config["nlp"]["pipeline"])
    pipeline.insert(pipeline.index("tagger") + 1, "ner_crf")
    nlp = load_vi(overrides={"nlp.pipeline": pipeline})
    doc = nlp(
        "Các thành viên thuộc phe cứng rắn của chính quyền Xô viết ban đầu ủng hộ Azerbaijan trong giai đoạn đầu."
    )
    crf = [c.span.text for c in candidates(doc) if c.source == "crf"]
    assert any("ủng hộ" in text for text in crf)  # the CRF's run-on span
    assert entities(doc) == [("Xô viết", "MISC"), ("Azerbaijan", "LOC")]


def test_the_default_pipeline_runs_no_crf(vi_nlp):
    doc = vi_nlp("Các thành viên thuộc phe cứng rắn của chính quyền Xô viết ban đầu ủng hộ Azerbaijan.")
    assert "ner_crf" not in vi_nlp.pipe_names and "ner:crf" not in doc.spans
    assert ("Azerbaijan", "LOC") in entities(doc)


def test_relabelled_entities_say_so(vi_nlp):
    doc = vi_nlp("Quân Azerbaijan bắt được 6 lính đặc nhiệm Nga.")
    nga = [e for e in doc.ents if e.text == "Nga"][0]
    assert (nga.label_, nga._.original_label, nga._.flags) == ("MISC", "LOC", ["label-from-context"])


# ------------------------------------------------------------------ words


def test_cut_points_split_a_noun_from_a_name():
    assert cut_points("quân Azerbaijan") == [5]
    assert cut_points("thị trấn Askeran") == [9]
    assert cut_points("Liên bang") == [] and cut_points("Liên bang Xô Viết") == [] and cut_points("xe tăng") == []


def test_cut_tokens_keeps_text_tags_and_sentences(vi_nlp):
    doc = vi_nlp("Trương Xuân Đại kiện báo. Nga rút quân.")
    cut = cut_tokens(doc, {doc.text.index("Đại"), doc.text.index("kiện")})
    assert cut.text == doc.text
    assert [s.text for s in cut.sents] == [s.text for s in doc.sents]
    assert all(t.tag_ for t in cut if not t.is_space)
    assert cut.char_span(0, len("Trương Xuân Đại")) is not None


def test_cut_tokens_gives_a_words_later_pieces_inside_chunk_tags(vi_nlp):
    # the chunker's tags (read by underthesea's entity CRF when it is configured) go with the pieces
    doc = vi_nlp.make_doc("Ông Hà Nội Ba về.")
    register_extensions()
    word = next(t for t in doc if "Nội" in t.text)
    word._.chunk = "B-NP"
    cut = cut_tokens(doc, {doc.text.index("Nội")})
    pieces = [t for t in cut if word.idx <= t.idx < word.idx + len(word.text)]
    assert len(pieces) > 1
    assert [t._.chunk for t in pieces] == ["B-NP"] + ["I-NP"] * (len(pieces) - 1)


def test_syllable_views_follow_each_docs_own_sentences(vi_nlp):
    # the components of one document share its syllables, cut once; the same text split
    # into sentences differently must not get them
    text = "Nga rút quân. Thiếu tá Yury Nikolayevich bị bắt."
    split = [[(s.text, s.sent_start) for s in view.syls] for view in sentences(vi_nlp(text))]
    whole = [[(s.text, s.sent_start) for s in view.syls] for view in sentences(vi_nlp.make_doc(text))]
    assert len(split) == 2 and split[1][0] == ("Thiếu", True)
    assert len(whole) == 1 and ("Thiếu", False) in whole[0]
    assert [text for view in split for text, _ in view] == [text for text, _ in whole[0]]


def test_entities_are_never_widened_over_a_glued_word(vi_nlp):
    # whatever the segmenter glues, an entity ends where the name ends, and the text is untouched
    text = "công nhân Trương Xuân Đại kiện báo Pháp Luật tp HCM"
    doc = vi_nlp(text)
    assert doc.text == text
    assert ("Trương Xuân Đại", "PER") in entities(doc)


# ------------------------------------------------------------------ data files


def test_a_user_gazetteer_extends_the_packaged_one(tmp_path):
    mine = tmp_path / "places.tsv"
    mine.write_text("name\tlabel\tsource\tnote\nMerjimek\tLOC\tmy field notes\tvillage\n", encoding="utf-8")
    nlp = load_vi(overrides={"components.ner_gazetteer.files": ["<packaged>", str(mine)]})
    doc = nlp("Họ đến Merjimek và Gruzia.")
    sources = {e.text: e._.source for e in doc.ents}
    assert sources == {"Merjimek": "gazetteer:project", "Gruzia": "gazetteer:project"}


@pytest.mark.parametrize(
    "content,message",
    [
        ("name\tlabel\tsource\nMerjimek\tPLACE\tnotes\n", "label 'PLACE'"),
        ("name\tlabel\tsource\nMerjimek\tLOC\t\n", "has no source"),
        ("name\tlabel\nMerjimek\tLOC\n", "lacks column(s) source"),
    ],
)
def test_bad_gazetteer_rows_are_named(tmp_path, content, message):
    bad = tmp_path / "bad.tsv"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError, match=re.escape(message)) as info:
        load_vi(overrides={"components.ner_gazetteer.files": [str(bad)]})
    assert str(bad) in str(info.value)

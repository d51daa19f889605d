"""The trained model's trigger spans as the events show them, on sentences written for these tests.

The corpora mark a passive marker in the trigger word by word (BKEE train: ``được bầu``
49 times in 50 with it, ``bị cách chức`` 32 times in 32 without); the model learnt which,
and its trigger keeps what it took in, while the roles are read from the head. A model
trigger that holds a lexicon word of a type the model has not learnt (``tuyên bố``,
Contact.Statement) and more is the model's. The lexicon's nominal accusation ``cáo trạng``
(the indictment) no longer fills in where the model has no trigger.
"""

from __future__ import annotations

import pytest

from pipeline.vi import load_vi


@pytest.fixture(scope="module")
def default_nlp():
    return load_vi()


def events(nlp, text: str) -> list[tuple[str, str, set[tuple[str, str]]]]:
    return [(e.type, e.trigger.text, {(a.role, a.span.text) for a in e.arguments}) for e in nlp(text)._.events]


def test_an_election_keeps_its_passive_marker_and_its_passive_reading(default_nlp):
    found = events(default_nlp, "Bà Nguyễn Thị Mai được bầu làm chủ tịch hội đồng quản trị hôm thứ Hai.")
    [(etype, trigger, args)] = [e for e in found if e[0] == "Personnel.Elect"]
    assert trigger == "được bầu"
    # passive: the subject is the one elected (Person), not the electing Entity
    assert ("Person", "Bà Nguyễn Thị Mai") in args


def test_a_dismissal_still_leaves_the_marker_out(default_nlp):
    # BKEE never puts "bị" in "bị cách chức": nor does the model
    found = events(default_nlp, "Ông Phạm Quốc Bảo bị cách chức giám đốc sở vào tháng Tư.")
    assert ("Personnel.End-Position", "cách chức") in {(t, w) for t, w, _ in found}


def test_the_lexicon_backend_leaves_the_marker_out(vi_nlp):
    found = events(vi_nlp, "Bà Nguyễn Thị Mai được bầu làm chủ tịch hội đồng quản trị hôm thứ Hai.")
    assert all(not w.startswith("được") for _, w, _ in found)


def test_a_declared_bankruptcy_is_not_a_statement(default_nlp):
    found = events(default_nlp, "Sau ba năm thua lỗ, công ty dệt Phương Nam tuyên bố phá sản.")
    assert ("Business.Declare-Bankruptcy", "tuyên bố phá sản") in {(t, w) for t, w, _ in found}
    assert all(t != "Contact.Statement" for t, _, _ in found)


def test_a_statement_alone_is_still_the_lexicons(default_nlp):
    found = events(default_nlp, "Người phát ngôn của bộ tuyên bố rằng cuộc họp sẽ diễn ra vào thứ Sáu.")
    assert ("Contact.Statement", "tuyên bố") in {(t, w) for t, w, _ in found}


def test_the_indictment_as_a_document_is_no_charge(default_nlp):
    # the lexicon's nominal "cáo trạng" no longer fills in for the model (BKEE never marks it)
    for text in (
        "Theo cáo trạng, ông Đỗ Văn Lâm đã nhận hối lộ 2 tỷ đồng trong ba năm.",
        "Cáo trạng nêu rõ bà Lý Thị Nga đã chiếm đoạt 5 tỷ đồng của công ty.",
    ):
        assert all(t != "Justice.Charge-Indict" for t, _, _ in events(default_nlp, text))


def test_a_charge_by_its_verb_is_still_found(default_nlp):
    found = events(default_nlp, "Viện kiểm sát đã truy tố ông Đỗ Văn Lâm về tội nhận hối lộ.")
    assert ("Justice.Charge-Indict", "truy tố") in {(t, w) for t, w, _ in found}

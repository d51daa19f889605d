"""Gold texts through the Vietnamese pipeline once, then from the cache, with everything the event model reads."""

from __future__ import annotations

import logging

from pipeline.events.preprocess import upstream_pipes, vi_docs

TEXTS = ["Quân Nga tấn công làng Merjimek ngày 5 tháng 6.", "Ông Ba bị bắt tại Hà Nội."]


def test_documents_come_back_from_the_cache_as_the_pipeline_made_them(vi_nlp, tmp_path, caplog):
    assert "events" not in upstream_pipes(vi_nlp) and "ner_merge" in upstream_pipes(vi_nlp)
    caplog.set_level(logging.INFO, logger="pipeline.events.preprocess")

    def messages():
        return [r.getMessage() for r in caplog.records]

    fresh = vi_docs(TEXTS, vi_nlp, cache_dir=tmp_path)
    cached = vi_docs(TEXTS, vi_nlp, cache_dir=tmp_path)
    assert messages()[0].startswith("running the Vietnamese pipeline") and messages()[-1].startswith("read 2 prepared")

    def view(doc):
        return (
            [(t.text, t.tag_, t.pos_, t.is_sent_start) for t in doc],
            [(e.text, e.label_, e._.source) for e in doc.ents],
            doc._.events,
        )

    assert [view(d) for d in cached] == [view(d) for d in fresh]
    assert any(e.label_ == "DATE" for e in fresh[0].ents) and fresh[0]._.events == []
    # another text is another key
    vi_docs(TEXTS[:1], vi_nlp, cache_dir=tmp_path)
    assert messages()[-1].startswith("running")

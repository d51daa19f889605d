"""Gold texts through the Vietnamese pipeline once, then from the cache, with everything the event model reads."""

from __future__ import annotations

import logging

from pipeline.events import preprocess
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


def test_a_changed_rule_upstream_is_a_new_key(vi_nlp, tmp_path, caplog, monkeypatch):
    # a rule edited in pipeline/vi/ner/ changes no model or data file, so no component version: the source is keyed
    caplog.set_level(logging.INFO, logger="pipeline.events.preprocess")
    vi_docs(TEXTS[:1], vi_nlp, cache_dir=tmp_path)
    vi_docs(TEXTS[:1], vi_nlp, cache_dir=tmp_path)
    assert caplog.records[-1].getMessage().startswith("read 1 prepared")
    monkeypatch.setattr(preprocess, "upstream_source_digest", lambda: "the source after an edit")
    vi_docs(TEXTS[:1], vi_nlp, cache_dir=tmp_path)
    assert caplog.records[-1].getMessage().startswith("running")


def test_the_source_digest_covers_the_rules_and_not_the_event_code(tmp_path, monkeypatch):
    package = tmp_path / "pipeline"
    (package / "vi" / "ner").mkdir(parents=True)
    (package / "events").mkdir()
    (package / "vi" / "ner" / "rule.py").write_text("LIMIT = 5\n")
    (package / "events" / "stage.py").write_text("THRESHOLD = 0.3\n")
    monkeypatch.setattr(preprocess, "__file__", str(package / "events" / "preprocess.py"))
    before = preprocess.upstream_source_digest()
    (package / "events" / "stage.py").write_text("THRESHOLD = 0.4\n")
    assert preprocess.upstream_source_digest() == before
    (package / "vi" / "ner" / "rule.py").write_text("LIMIT = 6\n")
    assert preprocess.upstream_source_digest() != before

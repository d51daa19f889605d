"""What the event stage keeps between texts and between calls (tables by word form, frames by entry, a text's noun
phrases) gives what computing it afresh gives: one component on several texts, in any order, gives each text the
events a fresh component gives it alone; the tables give the definitions' answers on real text."""

from __future__ import annotations

from itertools import accumulate

import pytest

from pipeline.events.arguments import candidate_spans
from pipeline.events.clauses.words import EMPTY, HARD_BOUNDARIES, NOMINAL_TAGS, NOMINAL_UPOS
from pipeline.events.features import word_features
from pipeline.events.lexicon import Frame
from pipeline.events.trained import argument_window

NEWS = (
    "Ngày 3/2, cảnh sát đã bắt giữ hai nghi phạm tại Hà Nội; họ bị cáo buộc lừa đảo 5 tỷ đồng. "
    "Người biểu tình tuần hành trước tòa thị chính, còn ông Nguyễn Văn Nam bị cách chức giám đốc công ty."
)
ANNALS = (
    "Năm 1285, quân Trần tấn công thành Chương Dương. Vua Trần Nhân Tông rút về Thanh Hóa.\n\n"
    "Mùa xuân năm 1288, Trần Hưng Đạo đánh tan quân Nguyên trên sông Bạch Đằng, bắt sống tướng giặc."
)


def _events(doc) -> list[tuple]:
    return [
        (e.type, e.trigger.start, e.trigger.end, e.source, e.score, str(e.modality))
        + tuple((a.role, a.span.start, a.span.end, a.span.label_) for a in e.arguments)
        for e in doc._.events
    ]


@pytest.fixture(scope="module")
def upstream(vi_nlp):
    """Each text through the pipeline up to the events component."""
    with vi_nlp.select_pipes(disable=["events"]):
        return {name: vi_nlp(text) for name, text in (("news", NEWS), ("annals", ANNALS))}


@pytest.mark.parametrize("genre", ["news", "annals"])
@pytest.mark.parametrize("backend", ["trained", "lexicon"])
def test_one_component_gives_each_text_what_it_gives_it_alone(vi_nlp, upstream, genre, backend):
    alone = {}
    for name, doc in upstream.items():
        fresh = vi_nlp.create_pipe("songngu_events", config={"backend": backend, "genre": genre})
        alone[name] = _events(fresh(doc.copy()))
    assert all(alone.values()), "each text has events"
    assert any(len(event) > 6 for events in alone.values() for event in events), "and some have arguments"
    shared = vi_nlp.create_pipe("songngu_events", config={"backend": backend, "genre": genre})
    for name in ("news", "annals", "news", "annals", "annals", "news"):
        assert _events(shared(upstream[name].copy())) == alone[name], name


def test_the_lexicons_frames_are_those_of_its_entries_whatever_was_asked_before(vi_nlp):
    lexicon = vi_nlp.get_pipe("events").extractor.lexicon

    def made(etype, override, nominal):
        base = lexicon.frames.get(etype, Frame())
        return (base.without_clause_slots() if nominal else base).merged(override or {})

    overridden = [e for e in lexicon.entries.values() if e.frame_override]
    assert overridden
    for _ in range(2):  # the second time from what the first one kept
        for entry in lexicon.entries.values():
            for nominal in (False, True):
                assert lexicon.frame(entry.type, entry.frame_override, nominal) == made(
                    entry.type, entry.frame_override, nominal
                )
                assert lexicon.frame(entry.type, {}, nominal) == made(entry.type, {}, nominal)
    # A caller's own dictionaries, one after another: each gives its own frame, not the one before's.
    etype = overridden[0].type
    for slot in ("subject", "object", "passive_subject"):
        override = {slot: "Place"}
        assert lexicon.frame(etype, override) == made(etype, override, False)
        assert getattr(lexicon.frame(etype, override), slot) == "Place"


def test_the_word_tables_answer_as_the_definitions(vi_nlp, upstream):
    extractor = vi_nlp.create_pipe("songngu_events", config={"backend": "lexicon"}).extractor
    for doc in upstream.values():
        words, _, feats = extractor.featuriser.read(doc)
        n = len(doc)
        assert n > 30
        for i, token in enumerate(doc):
            tag, upos, like = token.tag_, token.pos_, token.like_num
            assert words.is_number(i) == bool(like or tag == "M" or upos == "NUM")
            assert words.is_verb(i) == (tag.startswith("V") or upos in ("VERB", "AUX"))
            nominal = tag in NOMINAL_TAGS or upos in NOMINAL_UPOS or like
            if i in words._dates:
                nominal = False
            elif words.named(i) is not None:
                nominal = True
            assert words.is_nominal(i) == nominal, token.text
            assert feats.folded[i] == word_features(token.text)[0]
        ends = words.ends.get("clause_boundaries", EMPTY)
        boundary = [
            t.text == "," or t.text in HARD_BOUNDARIES or "\n" in t.text or k + 1 in ends for k, t in enumerate(doc)
        ]
        assert words.boundary_counts() == (
            list(accumulate(boundary, initial=0)),
            list(accumulate(words._verbs, initial=0)),
        )
        determiners = words.starts.get("determiners", EMPTY)
        closing = set(words.ends.get("demonstratives", EMPTY)) | set(words.ends.get("noun_modifiers", EMPTY))
        participants = words.ends.get("participant_nouns", EMPTY)
        assert words.noun_phrase_edges() == (
            [words.is_nominal(i) or i in determiners for i in range(n)],
            [
                words.is_nominal(i) or i + 1 in closing or (i > 0 and words.is_verb(i) and i in participants)
                for i in range(n)
            ],
        )
        assert any(words.noun_phrase_edges()[0]) and not all(words.noun_phrase_edges()[0])


def test_the_candidates_of_a_text_kept_between_its_triggers_are_those_read_afresh(vi_nlp, upstream):
    """The pairwise classifier's candidates keep each word's noun phrases and their argument spans per text, for
    the next trigger's window: each window's candidates are those of a text read afresh for it alone."""
    extractor = vi_nlp.create_pipe("songngu_events", config={"backend": "lexicon"}).extractor
    windows = 0
    for doc in upstream.values():
        words, triggers, feats = extractor.featuriser.read(doc)
        for sent in doc.sents:
            cands = [c for c in triggers if sent.start <= c.start < sent.end]
            rules = extractor.featuriser.rule_arguments(words, sent, cands)
            for c, read in zip(cands, rules):
                first, last = argument_window(sent.start, sent.end, c)
                kept = candidate_spans(feats, first, last, c, read, [])
                afresh = candidate_spans(extractor.featuriser.read(doc)[2], first, last, c, read, [])
                assert kept == afresh
                assert any("np-inner" in sources or "np" in sources for sources in kept.values())
                windows += 1
    assert windows >= 4


def test_a_candidates_copy_is_what_replace_makes(vi_nlp, upstream):
    """The lexicon's matches are copied before the rules select and change them: ``Candidate.copy`` gives what
    ``dataclasses.replace`` gave (equal, another object, the frame shared), and changing the copy leaves the match."""
    from dataclasses import replace

    extractor = vi_nlp.create_pipe("songngu_events", config={"backend": "lexicon"}).extractor
    words, _, _ = extractor.featuriser.read(upstream["news"])
    matches = extractor.featuriser.lexicon_triggers.matches(words)
    assert matches  # "bắt giữ", "lừa đảo", "cách chức" ...
    for c in matches:
        copied = c.copy()
        assert copied == replace(c) and copied is not c and type(copied) is type(c)
        assert copied.frame_override is c.frame_override
        copied.passive, copied.start = not c.passive, c.start + 1
        assert (c.passive, c.start) != (copied.passive, copied.start)

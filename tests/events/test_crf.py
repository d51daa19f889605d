"""The event taggers read into numpy (pipeline.events.crf) against python-crfsuite on the same model files."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.events.crf import LinearCRF
from pipeline.events.features import ArgumentRows, TriggerRows, sentence_words
from pipeline.events.trained import argument_window
from tests.conftest import CORPUS

TEXTS = [
    (CORPUS / "000_c94cfb08b554769d.txt").read_text(encoding="utf-8"),
    "Năm 1285, quân Trần tấn công thành Chương Dương. Vua Trần Nhân Tông rút về Thanh Hóa.\n\n"
    "Ngày 3/2, cảnh sát đã bắt giữ hai nghi phạm tại Hà Nội; họ bị cáo buộc lừa đảo 5 tỷ đồng.",
]


@pytest.fixture(scope="module")
def read(vi_nlp):
    """Each text's sentences, features and triggers as the trained backend reads them."""
    extractor = vi_nlp.create_pipe("songngu_events", config={"backend": "trained"}).extractor
    out = []
    for text in TEXTS:
        with vi_nlp.select_pipes(disable=["events"]):
            doc = vi_nlp(text)
        sentences = [s for s in (sentence_words(s) for s in doc.sents) if len(s)]
        triggers, words, feats = extractor.triggers(doc, sentences)
        out.append((doc, sentences, triggers, words, feats))
    return extractor, out


def argument_jobs(extractor, sentences, triggers, words) -> list[tuple]:
    """Each candidate trigger of each sentence with its argument window and the rules' roles, as the extractor
    hands them to ArgumentRows: ``(first, last, trigger, rules)``."""
    jobs = []
    for sentence in sentences:
        cands = [c for c in triggers if sentence.start <= c.start < sentence.end]
        for c, rules in zip(cands, extractor.featuriser.rule_arguments(words, sentence, cands)):
            jobs.append((*argument_window(sentence.start, sentence.end, c), c, rules))
    return jobs


@pytest.mark.filterwarnings("error::RuntimeWarning")  # no overflow, no NaN, not even past a sentence's end
@pytest.mark.parametrize("genre", ["news", "annals"])
def test_the_trigger_model_gives_python_crfsuites_marginals_and_labels(read, genre):
    extractor, texts = read
    model = extractor.model
    crf, tagger = model.trigger_crf, model.trigger_tagger
    assert crf.labels == tagger.labels()
    words = 0
    for _, sentences, _, _, feats in texts:
        items = [feats.trigger_items(s.start, s.end, genre) for s in sentences]
        scores = [crf.scores(crf.rows(i)) for i in items]
        every = np.split(crf.marginals(scores), np.cumsum([len(i) for i in items])[:-1])
        for sentence_items, marginals, labels in zip(items, every, crf.viterbi(scores)):
            tagger.set(sentence_items)
            expected = np.array([[tagger.marginal(label, k) for label in crf.labels] for k in range(len(marginals))])
            assert np.abs(marginals - expected).max() < 1e-12
            assert (marginals.argmax(axis=1) == expected.argmax(axis=1)).all()
            assert labels == tagger.tag()
            words += len(marginals)
    assert words > 300


@pytest.mark.filterwarnings("error::RuntimeWarning")
def test_the_marginals_are_those_of_the_steps_with_crfsuites_guard_to_the_bit(read):
    """marginals_of runs its steps past each sentence's end unguarded (NaN there, never read): each word's
    probabilities are those of the steps with CRFsuite's guard at every step, bit for bit, in batches of every size
    (odd ones too: a lone last row of a matrix product is another kernel's) and every order of the sentences."""
    extractor, texts = read
    crf = extractor.model.trigger_crf
    batches = 0
    for _, sentences, _, _, feats in texts:
        scores = [crf.scores(crf.rows(feats.trigger_items(s.start, s.end, "news"))) for s in sentences]
        for k in range(1, len(scores) + 1):
            for batch in (scores[:k], scores[-k:][::-1]):
                lengths = [len(s) for s in batch]
                joined = np.concatenate(batch)
                assert np.array_equal(crf.marginals_of(joined, lengths), crf._guarded_marginals(joined, lengths))
                batches += 1
    assert batches > 20


def test_a_sentence_whose_weights_all_underflow_keeps_crfsuites_guard(read):
    """Where every path of a sentence has weight 0 (scores under -745: exp gives 0), CRFsuite's guard keeps the
    scale at 1 and its words' probabilities at 0; the unguarded steps would give NaN there."""
    extractor, texts = read
    crf = extractor.model.trigger_crf
    _, sentences, _, _, feats = texts[1]
    scores = [crf.scores(crf.rows(feats.trigger_items(s.start, s.end, "news"))) for s in sentences]
    batch = [scores[0], np.full_like(scores[1], -1000.0), *scores[2:]]
    lengths = [len(s) for s in batch]
    joined = np.concatenate(batch)
    got = crf.marginals_of(joined, lengths)
    assert np.array_equal(got, crf._guarded_marginals(joined, lengths))
    assert not np.isnan(got).any()
    dead = slice(lengths[0], lengths[0] + lengths[1])
    assert (got[dead] == 0.0).all() and np.allclose(got[: lengths[0]].sum(axis=1), 1.0)


def test_the_trigger_rows_are_those_of_the_feature_strings(read):
    """TriggerRows gives the rows of the strings trigger_items makes, in their order, without making them."""
    extractor, texts = read
    crf = extractor.model.trigger_crf
    for genre in ("news", "annals"):
        reader = TriggerRows(crf, genre)
        for _ in range(2):  # the second time from what the reader remembers
            for _, sentences, _, _, feats in texts:
                rows = reader.rows(feats, [(s.start, s.end) for s in sentences]).tolist()
                expected = [
                    [crf.index.get(f, crf.unknown) for f in item]
                    for s in sentences
                    for item in feats.trigger_items(s.start, s.end, genre)
                ]
                assert len(rows) == len(expected)
                for got, want in zip(rows, expected):
                    assert [r for r in got if r != crf.unknown] == [r for r in want if r != crf.unknown]
                    assert sum(r != crf.unknown for r in want) >= 10  # most of a word's features are known


def test_the_trigger_scores_are_those_of_the_rows_to_the_bit(read):
    """TriggerRows.scores starts each word from the remembered sum of its own attributes: the same additions in
    the same order as the rows' (and the same after it forgot what it remembered, past a small limit)."""
    extractor, texts = read
    crf = extractor.model.trigger_crf
    whole, forgetful = TriggerRows(crf, "news"), TriggerRows(crf, "annals", limit=60)
    for reader in (whole, forgetful):
        for _ in range(2):
            for _, sentences, _, _, feats in texts:
                spans = [(s.start, s.end) for s in sentences]
                assert np.array_equal(reader.scores(feats, spans), crf.scores(reader.rows(feats, spans)))
    assert whole.known > 200 > 60 > forgetful.known  # the small limit was passed and the memory started afresh


def test_the_argument_scores_are_those_of_the_rows_to_the_bit(read):
    """ArgumentRows.scores starts each word of each window from the remembered sum of its nine own attributes: the
    same additions in the same order as the rows' (and the same after it forgot what it remembered)."""
    extractor, texts = read
    crf = extractor.model.argument_crf
    whole, forgetful = ArgumentRows(crf), ArgumentRows(crf, limit=300)
    windows = 0
    for reader in (whole, forgetful):
        for _ in range(2):
            for _, sentences, triggers, words, feats in texts:
                jobs = argument_jobs(extractor, sentences, triggers, words)
                numbers, found = reader.read(feats, jobs, "news")
                assert np.array_equal(reader.scores(numbers, found), crf.scores(reader.rows(feats, jobs, "news")))
                windows += len(jobs)
    assert windows > 10
    assert len(whole.own) > 300 > len(forgetful.own)  # the small limit was passed and the memory started afresh


def test_the_argument_model_gives_python_crfsuites_labels(read):
    """Every word of every sentence taken as a trigger of each type of the model's triggers: the numpy Viterbi
    labels are python-crfsuite's."""
    extractor, texts = read
    model = extractor.model
    crf, tagger = model.argument_crf, model.argument_tagger
    reader = ArgumentRows(crf)
    windows = 0
    for _, sentences, triggers, words, feats in texts:
        assert triggers
        for sentence in sentences:
            cands = [c for c in triggers if sentence.start <= c.start < sentence.end]
            for c, rules in zip(cands, extractor.featuriser.rule_arguments(words, sentence, cands)):
                first, last = argument_window(sentence.start, sentence.end, c)
                keys = feats.argument_keys(first, last, c, rules, "news")
                items = feats.argument_items(first, last, c, rules, "news")
                assert [[p + v for p, v in word] for word in keys] == items
                found = reader.rows(feats, [(first, last, c, rules)], "news")
                assert found.tolist() == [[crf.index.get(f, crf.unknown) for f in item] for item in items]
                [labels] = crf.viterbi([crf.scores(found)])
                tagger.set(items)
                assert labels == tagger.tag()
                windows += 1
    assert windows > 10


@pytest.mark.parametrize("genre", ["news", "annals"])
def test_the_argument_rows_of_many_windows_are_those_of_the_feature_strings(read, genre):
    """ArgumentRows reads the windows of all the triggers of a text at once (the rules' roles in them, where words
    lie, what lies between): the rows of the strings argument_items makes, window after window; the same the
    second time, from what it remembers, and after it forgot all past a small limit."""
    extractor, texts = read
    crf = extractor.model.argument_crf
    whole, forgetful = ArgumentRows(crf), ArgumentRows(crf, limit=300)
    ruled = 0
    for reader in (whole, forgetful):
        for _ in range(2):
            for _, sentences, triggers, words, feats in texts:
                jobs = argument_jobs(extractor, sentences, triggers, words)
                assert jobs
                ruled += sum(len(rules) for *_, rules in jobs)
                expected = [
                    [crf.index.get(f, crf.unknown) for f in item]
                    for first, last, c, rules in jobs
                    for item in feats.argument_items(first, last, c, rules, genre)
                ]
                assert reader.rows(feats, jobs, genre).tolist() == expected
    assert ruled > 10  # the rules' roles are read in some windows
    assert len(whole.packed) > 1000 > len(forgetful.packed)  # the small memory started afresh


def test_a_file_that_is_not_a_crfsuite_model_is_refused():
    with pytest.raises(ValueError, match="not a CRFsuite model"):
        LinearCRF.from_bytes(b"lCRF")
    with pytest.raises(ValueError, match="not a CRFsuite model"):
        LinearCRF.from_bytes(b"\0" * 100)


@pytest.mark.filterwarnings("error::RuntimeWarning")
def test_small_batches_find_the_same_events(vi_nlp, monkeypatch):
    """The taggers work on a document's sentences and triggers in batches of bounded size (a book's memory stays
    bounded): batches of a few words each give the same events, arguments and scores as one batch."""
    import pipeline.events.trained as trained_module

    def events(doc):
        return [
            (e.type, e.trigger.start, e.trigger.end, e.score, [(a.role, a.span.start, a.span.end) for a in e.arguments])
            for e in doc._.events
        ]

    component = vi_nlp.create_pipe("songngu_events", config={"backend": "trained"})
    with vi_nlp.select_pipes(disable=["events"]):
        docs = [vi_nlp(text) for text in TEXTS]
    whole = [events(component(doc.copy())) for doc in docs]
    monkeypatch.setattr(trained_module, "BATCH_CELLS", 30)
    component = vi_nlp.create_pipe("songngu_events", config={"backend": "trained"})
    assert [events(component(doc.copy())) for doc in docs] == whole
    assert sum(len(e[4]) for found in whole for e in found) > 10


def test_packed_rows_finds_every_pair_through_collisions_growth_and_forgetting():
    """PackedRows' hash table: pairs met in batches of many sizes (the table grows from 1,024 slots, pairs collide
    and go on to the next slot), each pair's row that of its string in the index, the same when met again; past
    its limit it forgets all and reads them afresh. A pair placed over another would still give the right rows (the
    lost one is read again from its string), so the table's own count is checked too."""
    from pipeline.events.crf import PackedRows

    rng = np.random.default_rng(0)
    words = [f"w{k}" for k in range(3000)]
    prefixes = ["a=", "b=", "ty|w=Attack|", ""]
    index = {p + w: k for k, (p, w) in enumerate((p, w) for p in prefixes for w in words[::3])}
    unknown = len(index)
    reached = 0
    for limit in (1 << 17, 5000):
        packed = PackedRows(index, unknown, limit=limit)
        forgot = 0
        for size in (5, 100, 2000, 7000, 7000, 300):
            forgot += packed.start()
            p = rng.integers(0, len(prefixes), size)
            v = rng.integers(0, len(words), size)
            prefix_ids = np.array([packed.prefix(prefixes[k]) for k in p])
            value_ids = np.array(packed.value_ids([words[k] for k in v]))
            expected = [index.get(prefixes[a] + words[b], unknown) for a, b in zip(p, v)]
            for _ in range(2):  # the second time from the table
                assert packed(prefix_ids.reshape(-1, 1), value_ids.reshape(-1, 1)).ravel().tolist() == expected
            assert packed.SPARE * len(packed) <= len(packed.slot_keys)  # at most half full
            assert (packed.slot_keys != packed.EMPTY).sum() == len(packed)  # no pair placed over another
            # every pair within ``reach`` slots of its own (where a lookup reads the pairs that collided)
            taken = np.flatnonzero(packed.slot_keys != packed.EMPTY)
            own = packed._slots(packed.slot_keys[taken])
            assert ((taken - own) % len(packed.slot_keys)).max(initial=0) == packed.reach
            reached = max(reached, packed.reach)
        assert (forgot > 0) == (limit < 1 << 17)
    assert reached > 1  # pairs did collide, more than one slot on

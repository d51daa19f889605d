"""The pairwise argument classifier (pipeline/events/arguments.py): candidates, decoding, its weights file.

What it scores on BKEE and VHE is bench/events_corpora.py's; these check that the
candidates are the phrases of the sentence, that decoding reads a role over its
threshold and never overlaps, and that the weights round-trip from training to run time.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from pipeline.events.arguments import NONE, PairwiseScorer, candidate_spans, decode, fit, pair_rows
from pipeline.events.candidates import Candidate


def _read(vi_nlp, text: str, trigger_text: str, etype: str):
    with vi_nlp.select_pipes(disable=["events"]):
        doc = vi_nlp(text)
    featuriser = vi_nlp.get_pipe("events").extractor.featuriser
    words, _, feats = featuriser.read(doc)
    [i] = [t.i for t in doc if t.text == trigger_text]
    trigger = featuriser.prepare(words, Candidate(i, i + 1, etype, source="test"))
    return doc, feats, trigger


def _texts(doc, spans):
    return {doc[s:e].text for s, e in spans}


def test_the_candidates_are_the_phrases_around_the_trigger_never_over_it(vi_nlp):
    doc, feats, trigger = _read(
        vi_nlp, "Quân đội Nam Phong tấn công làng Bắc Sơn vào năm 1993.", "tấn công", "Conflict.Attack"
    )
    found = candidate_spans(feats, 0, len(doc), trigger, [], [])
    texts = _texts(doc, found)
    assert {"Quân đội Nam Phong", "làng Bắc Sơn"} <= texts
    assert any("1993" in t for t in texts)  # the time expression
    assert all(e <= trigger.start or s >= trigger.end for s, e in found)
    # what the CRF proposes is a candidate, and says so
    crf = candidate_spans(feats, 0, len(doc), trigger, [], [(0, 1, "Attacker")])
    assert "crf" in crf[(0, 1)]


def test_a_name_with_a_bracketed_apposition_is_a_candidate_with_it(vi_nlp):
    doc, feats, trigger = _read(
        vi_nlp,
        "Công an đã bắt giữ ông Trần Văn Bình ( 52 tuổi , ở Hà Nội ) vào tối qua.",
        "bắt giữ",
        "Justice.Arrest-Jail",
    )
    found = candidate_spans(feats, 0, len(doc), trigger, [], [])
    bracketed = [span for span, sources in found.items() if "paren" in sources]
    assert [doc[s:e].text for s, e in bracketed] and all(doc[e - 1].text == ")" for _, e in bracketed)
    assert any("Bình ( 52 tuổi , ở Hà Nội )" in doc[s:e].text for s, e in bracketed)
    # without the closing bracket inside the window there is nothing to extend to
    cut = candidate_spans(feats, 0, bracketed[0][1] - 1, trigger, [], [])
    assert not any("paren" in sources for sources in cut.values())


def test_a_word_only_the_word_source_proposes_is_no_candidate_but_the_source_stays_a_feature(vi_nlp):
    doc, feats, trigger = _read(
        vi_nlp,
        "Sáng nay, quân đội Nam Phong tấn công làng Bắc Sơn bằng pháo, khiến nhiều người chết.",
        "tấn công",
        "Conflict.Attack",
    )
    found = candidate_spans(feats, 0, len(doc), trigger, [], [])
    # "người" of "nhiều người" alone: only the word source proposes it ("nhiều người" is a phrase)
    [k] = [t.i for t in doc if t.text == "người"]
    assert (k, k + 1) not in found and all(sources != {"word"} for sources in found.values())
    assert any("word" in sources for sources in found.values())  # a word that is a phrase too keeps the source
    assert {"quân đội Nam Phong", "làng Bắc Sơn"} <= _texts(doc, found)


def test_the_pair_features_say_the_side_the_entity_and_what_the_crf_read(vi_nlp):
    doc, feats, trigger = _read(vi_nlp, "Quân đội Nam Phong tấn công làng Bắc Sơn.", "tấn công", "Conflict.Attack")
    [end] = [t.i for t in doc if t.text.endswith("Sơn")]
    target = (trigger.end, end + 1)
    rows, spans = pair_rows(feats, 0, len(doc), trigger, [], [(*target, "Target")], "news")
    features = rows[spans.index(target)]
    assert "T|S=Conflict.Attack|R1" in features
    assert "T|c=Conflict.Attack|Target" in features
    left = [r for r, (s, e) in zip(rows, spans) if e <= trigger.start]
    assert left and all(any(f.startswith("S=L") for f in r) for r in left)
    assert all("c=-" in r for r in left)  # the CRF proposed nothing there


def test_decoding_reads_a_role_over_its_threshold_though_none_is_likelier_and_never_overlaps():
    roles = ["Attacker", "Target", NONE]
    spans = [(0, 2), (1, 2), (4, 6), (7, 8)]
    probabilities = np.array(
        [
            [0.30, 0.05, 0.65],  # none likelier, Attacker over the threshold: read
            [0.50, 0.10, 0.40],  # overlaps a likelier one: it wins, this one is left out
            [0.05, 0.10, 0.85],  # nothing over the threshold
            [0.00, 0.90, 0.10],
        ]
    )
    assert decode(spans, probabilities, roles, 0.2) == [(1, 2, "Attacker", 0.5), (7, 8, "Target", 0.9)]
    assert [(s, e, r) for s, e, r, _ in decode(spans, probabilities, roles, 0.6)] == [(7, 8, "Target")]


def test_the_weights_learnt_are_the_weights_read():
    rows = [["w=quân đội", "side=L"]] * 20 + [["w=làng", "side=R"]] * 20 + [["w=hôm nay", "side=R"]] * 40
    labels = ["Attacker"] * 20 + ["Target"] * 20 + [NONE] * 40
    learnt = fit(rows, labels, alpha=1e-4, threshold=0.3, thresholds={"annals": 0.4}, trigger_power=1.0)
    scorer = PairwiseScorer.from_json(learnt)
    assert sorted(scorer.roles) == sorted(["Attacker", "Target", NONE]) and scorer.threshold == 0.3
    assert scorer.thresholds == {"annals": 0.4} and scorer.trigger_power == 1.0
    p = scorer.probabilities([["w=quân đội", "side=L"], ["w=làng", "side=R"], ["w=hôm nay", "side=R", "unseen"]])
    assert np.allclose(p.sum(axis=1), 1.0)
    assert [scorer.roles[k] for k in p.argmax(axis=1)] == ["Attacker", "Target", NONE]


def test_the_shipped_weights_read_back_from_the_start_up_cache_are_the_parsed_ones(tmp_path, monkeypatch):
    """The first read parses the JSON and keeps the result in the start-up cache; the second reads it back
    without parsing. Both give the parse's features in the same rows, and the same weights, bias, roles and
    threshold to the bit."""
    from pipeline.events.component import DEFAULT_MODEL
    from pipeline.events.trained import PAIRWISE_FILE

    monkeypatch.setenv("SONGNGU_CACHE_DIR", str(tmp_path))
    data = (DEFAULT_MODEL / PAIRWISE_FILE).read_bytes()
    parsed = PairwiseScorer._parse(data, "")
    first = PairwiseScorer.from_json(data)
    assert list((tmp_path / "startup").glob("pairwise-weights-*.marshal"))

    def no_parse(*args):
        raise AssertionError("parsed again: the start-up cache was not read")

    monkeypatch.setattr(PairwiseScorer, "_parse", no_parse)
    second = PairwiseScorer.from_json(data)
    for scorer in (first, second):
        assert list(scorer.index.items()) == list(parsed.index.items())
        assert scorer.weights.dtype == np.float32 and scorer.weights.shape == parsed.weights.shape
        assert scorer.weights.tobytes() == parsed.weights.tobytes()
        assert scorer.bias.dtype == np.float64 and scorer.bias.tobytes() == parsed.bias.tobytes()
        assert scorer.roles == parsed.roles and scorer.threshold == parsed.threshold
        assert scorer.thresholds == parsed.thresholds and scorer.trigger_power == parsed.trigger_power
    assert np.count_nonzero(parsed.weights) > 100_000  # the real model, not an empty one
    # another file is parsed, not served the shipped one's weights
    with pytest.raises(AssertionError, match="parsed again"):
        PairwiseScorer.from_json(data.replace(b'"threshold"', b' "threshold"', 1))


def test_a_bad_weights_file_is_refused_with_its_name(tmp_path):
    with pytest.raises(ValueError, match="model/arguments_pairwise.json"):
        PairwiseScorer.from_json(b"{}", "model/arguments_pairwise.json")
    with pytest.raises(ValueError, match="x.json"):
        PairwiseScorer.from_json(json.dumps({"roles": ["a"]}).encode(), "x.json")


def test_the_run_time_reads_the_same_weight_rows_as_the_feature_strings(vi_nlp):
    """The component reads each pair's rows from ids of its features' prefixes and values, all the triggers of a
    text at once (:class:`PairRows`), not from the strings the classifier was trained on: on the corpus passage,
    for every trigger of the shipped model and either genre, the rows must be those of the strings, in their
    order (the second time from what the reader remembers, and after it forgot all past a small limit)."""
    from pipeline.events.arguments import PairRows
    from pipeline.events.features import sentence_words
    from pipeline.events.trained import argument_window
    from pipeline.events.trained import decode as decode_labels
    from tests.conftest import CORPUS

    extractor = vi_nlp.create_pipe("songngu_events", config={"backend": "trained"}).extractor
    model, scorer = extractor.model, extractor.model.pairwise
    with vi_nlp.select_pipes(disable=["events"]):
        doc = vi_nlp((CORPUS / "000_c94cfb08b554769d.txt").read_text(encoding="utf-8"))
    sentences = [sentence_words(s) for s in doc.sents]
    triggers, words, feats = extractor.triggers(doc, sentences)
    unknown = len(scorer.index)
    whole, forgetful = PairRows(scorer), PairRows(scorer, limit=500)
    for genre in ("news", "annals"):
        jobs = []
        for sent in sentences:
            cands = [c for c in triggers if sent.start <= c.start < sent.end]
            for c, rules in zip(cands, extractor.featuriser.rule_arguments(words, sent, cands)):
                first, last = argument_window(sent.start, sent.end, c)
                model.argument_tagger.set(feats.argument_items(first, last, c, rules, genre))
                jobs.append((first, last, c, rules, decode_labels(model.argument_tagger.tag(), first)))
        expected, spans = [], []
        for job in jobs:
            strings, found = pair_rows(feats, *job, genre)
            expected += [[scorer.index.get(f, unknown) for f in pair] for pair in strings]
            spans.append(found)
        assert len(expected) > 100
        assert any(job[3] for job in jobs) and any(job[4] for job in jobs)  # the rules' and the CRF's roles
        for reader in (whole, forgetful):
            for _ in range(2):
                rows, got_spans = reader.rows(feats, jobs, [candidate_spans(feats, *job) for job in jobs], genre)
                assert got_spans == spans
                width = rows.shape[1]
                assert width == max(map(len, expected))
                assert rows.tolist() == [pair + [unknown] * (width - len(pair)) for pair in expected]
    assert len(whole.packed) > len(forgetful.packed)  # the small memory started afresh


def test_the_word_classes_are_those_of_the_tokens(vi_nlp):
    """Words answers its word classes from lists made once per document: they are the tokens' own."""
    from pipeline.events.clauses.words import NOMINAL_TAGS, PHRASE_OPENERS
    from tests.conftest import CORPUS

    extractor = vi_nlp.get_pipe("events").extractor
    with vi_nlp.select_pipes(disable=["events"]):
        doc = vi_nlp((CORPUS / "000_c94cfb08b554769d.txt").read_text(encoding="utf-8"))
    words, _, _ = extractor.featuriser.read(doc)
    dates = {i for ent in doc.ents if ent.label_ == "DATE" for i in range(ent.start, ent.end)}
    named = {i: ent for ent in doc.ents if ent.label_ != "DATE" for i in range(ent.start, ent.end)}
    assert dates and named
    for t in doc:
        i = t.i
        number = t.like_num or t.tag_ == "M" or t.pos_ == "NUM"
        assert words.is_number(i) == number
        assert words.is_verb(i) == (t.tag_.startswith("V") or t.pos_ in ("VERB", "AUX"))
        assert words.is_date(i) == (i in dates)
        assert words.named(i) == named.get(i)
        nominal = t.tag_ in NOMINAL_TAGS or t.pos_ in ("NOUN", "PROPN", "PRON", "NUM") or t.like_num or i in named
        assert words.is_nominal(i) == (i not in dates and nominal)
        assert words.opens_phrase(i) == any(words.end_of(name, i) is not None for name in PHRASE_OPENERS)
        end = words.end_of("time_nouns", i)
        time_start = end is not None and any(k < len(doc) and words.is_number(k) for k in (end, end + 1))
        assert words.is_time_start(i) == time_start


def test_a_doubtful_trigger_reads_only_its_likeliest_arguments(vi_nlp):
    """With ``trigger_power``, a role is read when P(role) * P(trigger) ** power reaches the genre's threshold:
    an argument of a false trigger is a false argument, so a trigger the model doubts keeps only its surest
    arguments; a sure trigger, or one with no probability (the lexicon's), reads as before."""
    from dataclasses import replace

    from pipeline.events.arguments import read_arguments
    from pipeline.events.component import DEFAULT_MODEL
    from pipeline.events.trained import PAIRWISE_FILE

    text = "Quân đội Nam Phong tấn công làng Bắc Sơn vào sáng nay."
    doc, feats, trigger = _read(vi_nlp, text, "tấn công", "Conflict.Attack")
    scorer = PairwiseScorer.from_json((DEFAULT_MODEL / PAIRWISE_FILE).read_bytes())
    scorer.thresholds = {"news": 0.2, "annals": 0.9}

    def read(score, power, genre="news"):
        scorer.trigger_power = power
        found = read_arguments(scorer, feats, [(0, len(doc), replace(trigger, score=score), [], [])], genre)[0]
        return {(doc[s:e].text, role) for s, e, role in found}

    sure = read(1.0, 1.0)
    assert {("Quân đội Nam Phong", "Attacker"), ("sáng nay", "Time")} <= sure
    rows, spans = pair_rows(feats, 0, len(doc), trigger, [], [], "news")
    p = scorer.probabilities(rows)
    [p_time] = [p[k, scorer.roles.index("Time")] for k, (s, e) in enumerate(spans) if doc[s:e].text == "sáng nay"]
    assert 0.2 < p_time < 0.9 * p[:, scorer.roles.index("Attacker")].max()
    doubt = 0.19 / p_time  # P(Time) * doubt under 0.2; P(Attacker) * doubt over it
    assert read(None, 1.0) == sure == read(doubt, 0.0)
    assert read(doubt, 1.0) == sure - {("sáng nay", "Time")}
    assert not read(1.0, 1.0, "annals")  # the genre's own threshold

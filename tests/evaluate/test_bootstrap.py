"""Bootstrap intervals: hand-checkable cases, containment of the point estimate, determinism."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.evaluate import evaluate
from pipeline.evaluate.bootstrap import PRF, Bootstrap, prf_statistic
from pipeline.evaluate.documents import from_conllu


def test_two_units_by_hand():
    # Unit A: tp 1 (P = 1); unit B: fp 1, fn 1 (P = 0). A resample is AA (P 1), AB/BA (P 0.5) or BB (P 0),
    # with probabilities 1/4, 1/2, 1/4: the 95% percentile interval of P is [0, 1] and the point is 0.5.
    counts = np.array([[1, 0, 0], [0, 1, 1]])
    fig = Bootstrap(2, resamples=1000, seed=0).figure(counts, prf_statistic, PRF)
    assert (fig["tp"], fig["fp"], fig["fn"]) == (1, 1, 1)
    assert fig["precision"] == 0.5
    assert fig["ci"]["precision"] == [0.0, 1.0]


def test_one_unit_has_a_degenerate_interval():
    fig = Bootstrap(1, resamples=200, seed=3).figure(np.array([[3, 1, 2]]), prf_statistic, PRF)
    assert fig["ci"]["f1"] == [pytest.approx(fig["f1"])] * 2


def test_resamples_without_the_type_are_left_out_of_its_interval():
    # 3 of 20 sentences hold a person, all found: many resamples draw none of
    # them, where F1 is undefined (0/0). Counting those as 0 gave [0, 100]; the
    # interval of a perfect score must stay [1, 1].
    counts = np.zeros((20, 3))
    counts[[2, 9, 15], 0] = 1
    fig = Bootstrap(20, resamples=1000, seed=0).figure(counts, prf_statistic, PRF)
    assert fig["f1"] == 1.0 and fig["ci"]["f1"] == [1.0, 1.0]
    # a type that never occurs has a figure of 0 by convention and no interval
    empty = Bootstrap(20, resamples=100, seed=0).figure(np.zeros((20, 3)), prf_statistic, PRF)
    assert empty["f1"] == 0.0 and empty["ci"]["f1"] is None


def test_f1_is_zero_not_undefined_when_only_one_side_has_items():
    fig = Bootstrap(2, resamples=100, seed=0).figure(np.array([[0, 2, 0], [0, 0, 3]]), prf_statistic, PRF)
    assert fig["f1"] == 0.0 and fig["ci"]["f1"] == [0.0, 0.0]


def test_no_resamples_no_interval():
    fig = Bootstrap(4, resamples=0).figure(np.ones((4, 3)), prf_statistic, PRF)
    assert "ci" not in fig and fig["f1"] == pytest.approx(0.5)


def _merged_prediction(gold, every: int):
    """The gold words with every ``every``-th pair of neighbours within a sentence merged."""
    import copy

    from pipeline.evaluate.documents import Word

    pred = copy.copy(gold)
    pred.vi = copy.copy(gold.vi)
    words, i = [], 0
    while i < len(gold.vi.words):
        w = gold.vi.words[i]
        nxt = gold.vi.words[i + 1] if i + 1 < len(gold.vi.words) else None
        if i % every == 0 and nxt is not None:
            words.append(Word(w.start, nxt.end, w.upos, w.xpos))
            i += 2
        else:
            words.append(w)
            i += 1
    pred.vi.words = words
    return pred


def test_intervals_contain_the_point_and_are_deterministic(vtb_slice):
    gold = from_conllu(vtb_slice)
    pred = _merged_prediction(gold, every=7)
    first = evaluate([gold], [pred], ["ws", "pos"], seed=11)
    again = evaluate([gold], [pred], ["ws", "pos"], seed=11)
    other = evaluate([gold], [pred], ["ws", "pos"], seed=12)
    assert first == again
    assert first["bootstrap"] == {"resamples": 1000, "seed": 11, "level": 0.95, "units": 200, "unit": "sentence"}
    ws = first["tasks"]["ws"]["words"]
    assert other["tasks"]["ws"]["words"]["ci"] != ws["ci"]
    for name in ("precision", "recall", "f1"):
        low, high = ws["ci"][name]
        assert low <= ws[name] <= high
        assert high - low > 0.001  # 200 sentences leave real uncertainty
    acc = first["tasks"]["pos"]["upos"]["accuracy"]
    assert acc["ci"]["accuracy"][0] <= acc["accuracy"] <= acc["ci"]["accuracy"][1]

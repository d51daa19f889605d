"""pipeline.crfsuite: CRFsuite's model files read as python-crfsuite reads them."""

from __future__ import annotations

from pathlib import Path

import pycrfsuite
import pytest

from pipeline.crfsuite import STATE, TRANSITION, feature_records, read_model

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("model", ["models/upos/model.crfsuite", "models/segmenter/model.crfsuite"])
def test_the_labels_attributes_and_weights_are_python_crfsuites(model):
    path = ROOT / model
    labels, attributes, table = read_model(path.read_bytes())
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    info = tagger.info()
    assert labels == tagger.labels()
    assert sorted(attributes) == sorted(info.attributes)
    features = feature_records(table)
    states = {(attributes[s], labels[d]): w for kind, s, d, w in features if kind == STATE}
    moves = {(labels[s], labels[d]): w for kind, s, d, w in features if kind == TRANSITION}
    assert len(states) + len(moves) == len(features)
    # the dump prints weights to six places
    assert states.keys() == info.state_features.keys()
    assert all(abs(w - info.state_features[key]) < 1e-5 for key, w in states.items())
    assert moves.keys() == info.transitions.keys()


def test_anything_else_is_refused_with_a_value_error():
    data = (ROOT / "models/upos/model.crfsuite").read_bytes()
    with pytest.raises(ValueError, match="not a CRFsuite model"):
        read_model(b"")
    with pytest.raises(ValueError, match="not a CRFsuite model"):
        read_model(b"lCRF" + data[4:8] + b"XXXX" + data[12:])
    with pytest.raises(ValueError, match="not a CRFsuite model"):
        read_model(data[:200])

"""CRFsuite's model file, read: its labels, its attributes and its features.

Two parts of songngu read these files without python-crfsuite, which gives no access to a
model's weights but through a text dump: the event taggers run their inference in numpy on
the weights (:mod:`pipeline.events.crf`), and underthesea's CRFs get a copy in
underthesea_core's own format (:mod:`pipeline.vi.crf_cache`). Both read the file here.

The format is CRFsuite's ``crf1dm`` (``lib/crf/src/crf1d_model.c``): a 48-byte header (``lCRF``,
``FOMC``, the label and attribute counts, the chunks' offsets), the features chunk (``FEAT``:
records of a type, a source, a target and a float64 weight; a state feature goes attribute ->
label, a transition label -> label), then the labels' and the attributes' CQDB string tables,
each string found by its id through the table's backward array.
"""

from __future__ import annotations

import struct

import numpy as np

#: One record of the features chunk.
FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
#: Its ``type``: a state feature (attribute -> label) or a transition (label -> label).
STATE, TRANSITION = 0, 1


def read_model(data: bytes) -> tuple[list[str | None], list[str | None], bytes]:
    """The labels and the attributes of a CRFsuite model file's contents, by their ids (None for an id
    without a string), and its features chunk: :data:`FEATURE` records (``np.frombuffer(table, FEATURE)``).
    A file that is not a CRFsuite CRF model raises ValueError."""
    try:
        magic, _, kind, _, _, num_labels, num_attrs, features, labels, attributes = struct.unpack_from(
            "<4sI4sIIIIIII", data
        )
        chunk, _, count = struct.unpack_from("<4sII", data, features)
    except struct.error:
        raise ValueError("not a CRFsuite model (too short)") from None
    if magic != b"lCRF" or kind != b"FOMC" or chunk != b"FEAT":
        raise ValueError("not a CRFsuite model")
    # (the header's feature count is left 0 by CRFsuite: the features chunk has the count)
    table = data[features + 12 : features + 12 + count * FEATURE.itemsize]
    return _strings(data, labels, num_labels), _strings(data, attributes, num_attrs), table


def feature_records(table: bytes) -> list[tuple[int, int, int, float]]:
    """The features chunk of :func:`read_model` as ``(type, source, target, weight)`` tuples."""
    return np.frombuffer(table, dtype=FEATURE).tolist()


def _strings(data: bytes, offset: int, count: int) -> list[str | None]:
    """The strings of the CQDB table at ``offset`` (``count`` of them), by id."""
    try:
        chunk, _, _, _, size, backward = struct.unpack_from("<4sIIIII", data, offset)
    except struct.error:
        raise ValueError("not a CRFsuite model (a string table is cut short)") from None
    if chunk != b"CQDB":
        raise ValueError("not a CRFsuite model (no string table)")
    out: list[str | None] = [None] * min(count, size)
    for ident, position in enumerate(
        np.frombuffer(data, dtype="<u4", count=len(out), offset=offset + backward).tolist()
    ):
        if position:
            _, length = struct.unpack_from("<II", data, offset + position)
            start = offset + position + 8
            out[ident] = data[start : start + length - 1].decode("utf-8")  # the length counts a closing NUL
    return out

"""underthesea's CRFs opened from a copy in underthesea_core's own model format, kept in the start-up cache.

underthesea_core 3.3.2 reads a CRFsuite model file with a seek to each attribute string and an 8 KiB
buffer refilled for it: one ``lseek`` and one ``read`` per attribute (50,678 of them for underthesea's
word-segmentation model, 31,655 for its POS model: ``strace -c`` of one start-up), 0.07 + 0.04 CPU s of
every process's start-up. Its own format (``UTCF``, the model's fields in bincode) is read in one pass,
and ``CRFTagger.load`` recognises it by its first bytes, but the package has no way to write it from
Python (``CRFModel.save`` writes CRFsuite). So :func:`crf_tagger` writes it here, once per model file,
from the CRFsuite file's own bytes (its format is CRFsuite's, documented and stable: the header, the
two string tables, the features with their float64 weights), into the start-up cache folder, keyed by
the file's bytes, underthesea_core's version and the sources of this module and of the reader
(:mod:`pipeline.crfsuite`). Loading the copies, the key
included: 0.033 and 0.017 CPU s against 0.08 and 0.052 for the two CRFsuite files (3 runs each).
Writing a format by hand is what the project otherwise avoids; here the alternative is waiting for
underthesea_core to read its files whole. Only the versions in :data:`KNOWN_VERSIONS` get a copy: a
new underthesea_core is read from the CRFsuite files until its fields are checked and added there.

The copy is trusted only once it has been checked: when it is written, the two taggers (the CRFsuite
file's and the copy's) must give the same labels, the same best paths with the same scores and the
same marginals, to the bit, on probe sequences made of the model's own attributes (every attribute
and label occurs). Anything else (a failed check, a copy that cannot be written or read, another
version of underthesea_core whose fields differ) falls back to the CRFsuite file, as before.
"""

from __future__ import annotations

import hashlib
import logging
import struct
from functools import cache
from importlib.metadata import version as _dist_version
from pathlib import Path

from pipeline import crfsuite
from pipeline.crfsuite import feature_records, read_model

logger = logging.getLogger(__name__)

#: Changes when what :func:`native_model` writes changes shape.
FORMAT = b"songngu crf-cache 2"
#: underthesea_core's native model files begin with these bytes (its ``load`` looks at them).
NATIVE_MAGIC = b"UTCF"
#: The versions of underthesea_core whose native fields :func:`native_model` writes (CRFModel: the two
#: counts, the label and attribute indexes, the state weights, the transition matrix, the features list, left empty).
KNOWN_VERSIONS = ("3.3.2",)


def crf_tagger(path: str | Path, name: str | None = None):
    """``underthesea_core.CRFTagger`` of the CRFsuite model file ``path``, loaded fast where it can be.

    ``name`` names its copy in the cache folder (default: from the file's folder and name), for a file
    whose folder is a temporary one: a copy replaces the older copies of its name.
    """
    from underthesea_core import CRFTagger

    path = Path(path)
    try:
        native = _cached_copy(path, name)
    except Exception as exc:  # the cache is only a cache: never a reason to fail
        logger.debug("CRF copy of %s not used: %s", path, exc)
        native = None
    tagger = CRFTagger()
    if native is not None:
        try:
            tagger.load(str(native))
            return tagger
        except Exception as exc:  # a damaged copy: the CRFsuite file, and a fresh copy next time
            logger.debug("CRF copy %s not read: %s", native, exc)
            native.unlink(missing_ok=True)
            tagger = CRFTagger()
    tagger.load(str(path))
    return tagger


@cache
def _core_version() -> str:
    return _dist_version("underthesea_core")


def _cached_copy(path: Path, name: str | None = None) -> Path | None:
    """The checked native copy of ``path`` in the start-up cache folder, written first if need be."""
    from pipeline import cache_dir

    core = _core_version()
    if core not in KNOWN_VERSIONS:
        return None
    data = path.read_bytes()
    key = hashlib.sha256(FORMAT)
    for part in (core.encode(), data, Path(__file__).read_bytes(), Path(crfsuite.__file__).read_bytes()):
        key.update(len(part).to_bytes(8, "little"))
        key.update(part)
    folder = cache_dir() / "startup"
    name = f"crf-{name or f'{path.parent.name}-{path.stem}'}"
    copy = folder / f"{name}-{key.hexdigest()[:32]}.utcf"
    refused = copy.with_suffix(".differs")  # a copy that failed its check: not made again for this key
    if copy.is_file():
        return copy
    if refused.is_file():
        return None
    import os
    import tempfile

    native = native_model(data)
    folder.mkdir(parents=True, exist_ok=True)
    for old in [*folder.glob(f"{name}-*.utcf"), *folder.glob(f"{name}-*.differs")]:
        old.unlink(missing_ok=True)
    # checked under a temporary name, then renamed: another process never finds a copy not checked yet
    fd, pending = tempfile.mkstemp(prefix=".songngu-", suffix=".utcf", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(native)
        if not same_tagger(path, Path(pending), data):
            refused.touch()
            logger.debug("CRF copy of %s differs from it: not used", path)
            return None
        os.replace(pending, copy)
    finally:
        Path(pending).unlink(missing_ok=True)
    return copy


def native_model(data: bytes) -> bytes:
    """The CRFsuite model ``data`` in underthesea_core's native format, as its own CRFsuite reader would
    build the model: the strings given ids in the file's order (empty slots skipped), the state weights
    (those of magnitude over 1e-10, as it keeps them), the transitions as a matrix; but no list of the
    features. The tagger reads the state weights and the transitions, never that list (a third of the
    file, the last field): without it underthesea's segmentation model loads in 0.031 CPU s against
    0.039, its POS model in 0.016 against 0.018 (6 loads each, alternated, load 3). :func:`same_tagger`
    checks each copy as before."""
    labels, attributes, table = read_model(data)
    features = feature_records(table)

    def index(strings: list[str | None]) -> tuple[dict[str, int], list[str], dict[int, int]]:
        ids: dict[str, int] = {}
        order: list[str] = []
        renumbered: dict[int, int] = {}
        for old, text in enumerate(strings):
            if text is None:
                continue
            if text not in ids:
                ids[text] = len(order)
                order.append(text)
            renumbered[old] = ids[text]
        return ids, order, renumbered

    label_ids, label_order, label_of = index(labels)
    attr_ids, attr_order, attr_of = index(attributes)
    n = len(label_order)
    state: dict[tuple[int, int], float] = {}
    transitions = [0.0] * (n * n)
    for kind, source, target, weight in features:
        if kind == 0:
            source, target = attr_of[source], label_of[target]
            if abs(weight) > 1e-10:
                state[source, target] = weight
            else:
                state.pop((source, target), None)
        else:
            source, target = label_of[source], label_of[target]
            transitions[source * n + target] = weight

    def text(value: str) -> bytes:
        raw = value.encode("utf-8")
        return struct.pack("<Q", len(raw)) + raw

    out = [NATIVE_MAGIC, struct.pack("<QQ", n, len(attr_order))]
    for ids, order in ((label_ids, label_order), (attr_ids, attr_order)):
        out.append(struct.pack("<Q", len(ids)))
        out.extend(text(key) + struct.pack("<I", value) for key, value in ids.items())
        out.append(struct.pack("<Q", len(order)))
        out.extend(text(key) for key in order)
    out.append(struct.pack("<Q", len(state)))
    out.extend(struct.pack("<IId", a, label, weight) for (a, label), weight in state.items())
    out.append(struct.pack(f"<Q{len(transitions)}d", len(transitions), *transitions))
    out.append(struct.pack("<Q", 0))  # the features list: none
    return b"".join(out)


def same_tagger(original: Path, copy: Path, data: bytes, length: int = 40) -> bool:
    """Whether the taggers of the two files give the same labels, and the same best paths with the same
    scores (and, on every 25th, the same marginals) to the bit, on probe sequences that use each of the
    model's attributes once (``length`` positions a sequence, four attributes a position, and a last
    position with an attribute the model does not know)."""
    from underthesea_core import CRFTagger

    first, second = CRFTagger(), CRFTagger()
    first.load(str(original))
    try:
        second.load(str(copy))
    except Exception:  # not a model this underthesea_core reads
        return False
    if list(first.labels()) != list(second.labels()):
        return False
    _labels, attributes, _table = read_model(data)
    names = [a for a in attributes if a is not None]
    per_position = 4
    step = length * per_position
    for start in range(0, len(names), step):
        chunk = names[start : start + step]
        sequence = [chunk[i : i + per_position] for i in range(0, len(chunk), per_position)]
        sequence.append(["not an attribute of the model"])
        if first.tag_with_score(sequence) != second.tag_with_score(sequence):
            return False
        if start % (step * 25) == 0 and first.marginals(sequence) != second.marginals(sequence):
            return False
    return True

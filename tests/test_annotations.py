"""annotations/ is the pipeline's output for corpus/, and must match a fresh run.

When it does not, the failure says what changed (the JSON paths and both values),
so that a dependency's new release (a component version, a changed entity) is told
apart from a change in our own code. Dependencies are locked in
requirements/lock.txt; tests/test_lock.py names a package that drifted from it.
"""

import json

import pytest

from pipeline.batch import annotate
from tests.conftest import ROOT

ANNOTATIONS = ROOT / "annotations"


def json_differences(old, new, path="$"):
    """The leaf paths where two JSON values differ, with both values."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(old.keys() | new.keys()):
            yield from json_differences(old.get(key, "<absent>"), new.get(key, "<absent>"), f"{path}.{key}")
    elif isinstance(old, list) and isinstance(new, list):
        for k in range(max(len(old), len(new))):
            a = old[k] if k < len(old) else "<absent>"
            b = new[k] if k < len(new) else "<absent>"
            named = next((x["name"] for x in (a, b) if isinstance(x, dict) and "name" in x), None)
            yield from json_differences(a, b, f"{path}[{k}]" + (f"(name={named})" if named else ""))
    elif old != new:
        yield path, old, new


def describe(committed: bytes, fresh: bytes, limit: int = 12) -> str:
    if not committed or not fresh:
        return "  the file is " + ("new" if fresh else "gone")
    diffs = list(json_differences(json.loads(committed), json.loads(fresh)))
    if not diffs:
        return "  same JSON, different bytes (formatting)"
    lines = [f"  {path}: {old!r} -> {new!r}" for path, old, new in diffs[:limit]]
    if len(diffs) > limit:
        lines.append(f"  ... and {len(diffs) - limit} more")
    return "\n".join(lines)


def test_json_differences_name_the_changed_leaf():
    old = {"pipeline": {"components": [{"name": "gazetteer", "version": "2.18.0"}]}, "entities": [1]}
    new = {"pipeline": {"components": [{"name": "gazetteer", "version": "2.19.0"}]}, "entities": [1, 2]}
    assert list(json_differences(old, new)) == [
        ("$.entities[1]", "<absent>", 2),
        ("$.pipeline.components[0](name=gazetteer).version", "2.18.0", "2.19.0"),
    ]


@pytest.mark.slow
def test_committed_annotations_match_a_fresh_run(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)  # source paths are recorded as given: "corpus/..."
    summary = annotate(["corpus/"], tmp_path, progress=False)
    assert summary.failed == 0
    fresh = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in tmp_path.rglob("*.json")}
    committed = {p.relative_to(ANNOTATIONS).as_posix(): p.read_bytes() for p in ANNOTATIONS.rglob("*.json")}
    stale = sorted(k for k in fresh.keys() | committed.keys() if fresh.get(k) != committed.get(k))
    report = "\n".join(f"{k}:\n{describe(committed.get(k, b''), fresh.get(k, b''))}" for k in stale)
    assert not stale, (
        f"annotations/ is out of date:\n{report}\n"
        "A changed version or output after a dependency update means the environment is not the locked "
        "one (see tests/test_lock.py); a change of our own: run `songngu annotate corpus/ -o annotations/` "
        "from the repository root and commit the result."
    )

"""The README opens with the two commands that CI runs."""

import doctest
import io
import json
import re
import subprocess

import pytest

from tests.conftest import ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(.+?)\n```", text)[:2]


def test_readme_opens_with_install_and_test_commands():
    run, test = readme_commands()
    # Both install the locked set: the committed annotations/ were made with it.
    assert run == "pip install -c requirements/lock.txt -e . && songngu annotate corpus/ -o annotations/"
    assert test == 'pip install -c requirements/lock.txt -e ".[test]" && pytest'


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f"bash -c '{readme_commands()[1]}'" in ci


def readme_python_example() -> tuple[str, int]:
    """The ```python block of the README's "From Python" section, and the line it starts on."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.index("\n## From Python\n")
    start = text.index("```python\n", section) + len("```python\n")
    return text[start : text.index("\n```", start)], text[:start].count("\n") + 1


@pytest.mark.slow
def test_the_python_example_runs_and_prints_what_it_shows(tmp_path, monkeypatch):
    """Every ``>>>`` line of the README's Python example is run; its output must be the one written below it."""
    source, line = readme_python_example()
    test = doctest.DocTestParser().get_doctest(source, {}, "README.md: From Python", str(ROOT / "README.md"), line)
    assert len(test.examples) >= 10
    monkeypatch.chdir(tmp_path)  # the example saves a pipeline into the current directory
    report = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    result = runner.run(test, out=report.write)
    assert result.failed == 0, report.getvalue()
    assert (tmp_path / "songngu-vi" / "config.cfg").is_file()


def test_every_accuracy_figure_names_its_command_and_the_commit_it_was_measured_at():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## At a glance") :]
    section = section[: section.index("\n## ", 1)]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert header[-2:] == ["command", "measured at"]
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]
    assert len(rows) >= 5
    commits = set()
    for row in rows:
        assert len(row) == len(header), row
        assert re.search(r"`(python bench/|songngu )", row[-2]), f"{row[0]}: no command"
        found = re.match(r"`([0-9a-f]{7,40})`", row[-1])
        assert found, f"{row[0]}: no commit in 'measured at'"
        commits.add(found.group(1))
    if not (ROOT / ".git").exists():
        return  # an unpacked archive: no history to check against
    shallow = subprocess.run(
        ["git", "rev-parse", "--is-shallow-repository"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    if shallow == "false":  # a full clone (a shallow CI checkout lacks the older commits)
        for commit in commits:
            ancestor = subprocess.run(["git", "merge-base", "--is-ancestor", commit, "HEAD"], cwd=ROOT)
            assert ancestor.returncode == 0, f"{commit} is not a commit of this branch's history"


def readme_output_example() -> dict:
    """The ```json block of the README's "The output" section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.index("\n## The output\n")
    start = text.index("```json\n", section) + len("```json\n")
    return json.loads(text[start : text.index("\n```", start)])


def differences(shown, real, where="") -> list[str]:
    """Where the README's example differs from the real document: a list shows the real list's first items, a
    string written "..." stands for any string, a score for any number in [0, 1]; every other value is exact, and an
    object has exactly the real object's keys (so a field the output gained or lost shows up here)."""
    if isinstance(shown, dict):
        if not isinstance(real, dict):
            return [f"{where}: an object in the README, {type(real).__name__} in the file"]
        found = (
            [f"{where}: keys {sorted(shown)} in the README, {sorted(real)} in the file"]
            if set(shown) != set(real)
            else []
        )
        return found + [
            p for key in shown.keys() & real.keys() for p in differences(shown[key], real[key], f"{where}.{key}")
        ]
    if isinstance(shown, list) and isinstance(real, list) and len(shown) <= len(real):
        if where.endswith((".tokens", ".vi", ".en")) and all(isinstance(x, int) for x in shown):
            return [] if shown == real else [f"{where}: {shown} in the README, {real} in the file"]
        return [p for i, item in enumerate(shown) for p in differences(item, real[i], f"{where}[{i}]")]
    if shown == "..." and isinstance(real, str):
        return []
    if where.endswith(".score") and isinstance(real, (int, float)) and isinstance(shown, (int, float)):
        return [] if 0 <= real <= 1 else [f"{where}: {real} is no score"]
    return [] if shown == real else [f"{where}: {shown!r} in the README, {real!r} in the file"]


def test_the_output_example_is_the_committed_annotation_cut_short():
    shown = readme_output_example()
    real = json.loads((ROOT / "annotations" / f"{shown['id']}.json").read_text(encoding="utf-8"))
    assert differences(shown, real) == []


def test_a_field_the_readme_example_lacks_is_found():
    """The comparison can fail: a key the file has and the example lacks, a changed value, a wrong range."""
    real = {"vi": {"lang": "vi", "sentences": [{"start": 0, "end": 64, "tokens": [0, 7]}], "text": "Vai trò"}}
    assert (
        differences(
            {"vi": {"lang": "vi", "sentences": [{"start": 0, "end": 64, "tokens": [0, 7]}], "text": "..."}}, real
        )
        == []
    )
    assert differences({"vi": {"sentences": [{"start": 0, "end": 64, "tokens": [0, 7]}], "text": "..."}}, real)
    assert differences(
        {"vi": {"lang": "vi", "sentences": [{"start": 0, "end": 64, "tokens": [0, 9]}], "text": "..."}}, real
    )
    assert differences(
        {"vi": {"lang": "en", "sentences": [{"start": 0, "end": 64, "tokens": [0, 7]}], "text": "..."}}, real
    )

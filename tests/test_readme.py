"""The README opens with the two commands that CI runs."""

import re

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

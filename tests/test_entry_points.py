"""spaCy finds every songngu factory, tokenizer and function by its entry point, without an import of ours first."""

from __future__ import annotations

import importlib
import re
import tomllib
from importlib.metadata import entry_points

from tests.conftest import ROOT

GROUPS = {"spacy_factories": "factories", "spacy_tokenizers": "tokenizers", "spacy_misc": "misc"}
# "@Language.factory(\n    "songngu_x"", "@registry.tokenizers("songngu.x.v1")"
DECORATOR = re.compile(r"@(?:Language\.factory|registry\.(tokenizers|misc))\(\s*\"([^\"]+)\"")


def declared() -> dict[str, dict[str, str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {group: project["entry-points"].get(group, {}) for group in GROUPS}


def registered_in_code() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {group: set() for group in GROUPS}
    for path in (ROOT / "pipeline").rglob("*.py"):
        for registry, name in DECORATOR.findall(path.read_text(encoding="utf-8")):
            found[f"spacy_{registry}" if registry else "spacy_factories"].add(name)
    return found


def test_every_registered_name_has_an_entry_point():
    entries = declared()
    for group, names in registered_in_code().items():
        assert names == set(entries[group]), f"[project.entry-points.{group}] in pyproject.toml"


def test_each_entry_point_loads_the_function_registered_under_its_name():
    from spacy.util import registry

    for group, names in declared().items():
        for name, target in names.items():
            module, _, attr = target.partition(":")
            function = getattr(importlib.import_module(module), attr)
            if group == "spacy_factories":
                from spacy.language import Language

                assert Language.get_factory_meta(name).factory == name
                assert registry.factories.get(name) is function, name
            else:
                assert getattr(registry, GROUPS[group]).get(name) is function, name


def test_the_installed_metadata_matches_pyproject():
    # spaCy reads the installed metadata: after adding a name, `pip install -e .` again
    for group, names in declared().items():
        installed = {ep.name: ep.value for ep in entry_points(group=group) if ep.value.startswith("pipeline.")}
        assert installed == names, f"{group}: reinstall (pip install -e .) after editing pyproject.toml"

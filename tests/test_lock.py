"""The environment is the locked one (requirements/lock.txt), and the lock covers pyproject.toml.

The committed annotations/ and every figure in the README were produced with the
locked set; a package that floated to another release can change them. This test
names such a package, where the snapshot test can only say the output changed.
"""

import re
import tomllib
from importlib.metadata import PackageNotFoundError, version

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

LOCK = ROOT / "requirements" / "lock.txt"


def locked() -> dict[str, str]:
    pins = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, pinned = line.partition("==")
            assert pinned, f"lock.txt: {line!r} is not pinned with =="
            pins[canonicalize_name(name)] = pinned
    return pins


def declared() -> list[Requirement]:
    with open(ROOT / "pyproject.toml", "rb") as f:
        project = tomllib.load(f)["project"]
    reqs = [Requirement(r) for r in project["dependencies"]]
    for extra in project.get("optional-dependencies", {}).values():
        reqs += [Requirement(r) for r in extra if not r.startswith("songngu")]
    return reqs


def public(v: str) -> str:
    return re.sub(r"\+.*", "", v)  # torch 2.13.0+cpu is the locked 2.13.0


def test_every_declared_dependency_is_locked_within_its_range():
    pins = locked()
    for req in declared():
        name = canonicalize_name(req.name)
        assert name in pins, (
            f"{req.name} is in pyproject.toml but not in requirements/lock.txt: run requirements/update-lock.sh"
        )
        assert req.specifier.contains(pins[name], prereleases=True), (
            f"lock.txt pins {req.name}=={pins[name]}, outside pyproject.toml's {req}"
        )


def test_installed_packages_are_the_locked_releases():
    drifted = []
    for name, pinned in locked().items():
        try:
            installed = public(version(name))
        except PackageNotFoundError:
            continue  # an extra this environment did not install
        if installed != pinned:
            drifted.append(f"{name} {installed} (lock: {pinned})")
    assert not drifted, (
        "installed releases differ from requirements/lock.txt: "
        + ", ".join(drifted)
        + '. Install with `pip install -c requirements/lock.txt -e ".[test]"`.'
    )

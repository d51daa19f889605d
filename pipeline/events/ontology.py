"""The event ontology: which event types exist and which roles each one has.

The ontology is data (``ontology.yaml`` beside this module, ACE 2005 plus
Contact.Statement), so that a user adds a type or a role by editing a copy of
the file, never the code. :func:`load_ontology` reads and checks it; every
error names the file and the entry at fault, because a mistyped role would
otherwise surface much later as a silently missing argument.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import srsly

from pipeline.contract import ENTITY_LABELS
from pipeline.startup import cached

DEFAULT_ONTOLOGY = "ontology.yaml"

# The JSON contract's pattern for an event type (schema.json, events.type).
_TYPE_NAME = re.compile(r"^[A-Z][A-Za-z]*\.[A-Z][A-Za-z-]*$")
_ROLE_NAME = re.compile(r"^[A-Z][A-Za-z-]*$")


class OntologyError(ValueError):
    """A bad ontology or lexicon file; the message names the file and the entry."""


@dataclass(frozen=True)
class EventType:
    name: str  # "Conflict.Attack"
    roles: dict[str, frozenset[str]]  # role -> entity labels an argument of that role may carry

    def allows(self, role: str, label: str) -> bool:
        return label in self.roles.get(role, ())


@dataclass(frozen=True)
class Ontology:
    path: str
    types: dict[str, EventType]
    time_roles: tuple[str, ...]
    sha256: str = ""  # of the file's text: what a run's fingerprint records

    def __contains__(self, type_name: str) -> bool:
        return type_name in self.types

    def __getitem__(self, type_name: str) -> EventType:
        return self.types[type_name]

    def has_role(self, type_name: str, role: str) -> bool:
        return role in self.types[type_name].roles


def read_yaml(path: str | Path | None, default: str, error: type[ValueError] = OntologyError) -> tuple[str, Any, str]:
    """(display name, parsed data, sha256 of the text) of a YAML data file; ``None`` means the packaged ``default``."""
    if path is None:
        name = f"pipeline/events/{default}"
        text = files(__package__).joinpath(default).read_text("utf-8")
    else:
        name = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise error(f"{name}: file not found") from None
        except UnicodeDecodeError as exc:
            raise error(f"{name}: not valid UTF-8 (byte {exc.start})") from None
        except OSError as exc:
            raise error(f"{name}: cannot read: {exc.strerror or exc}") from None
    try:
        # Parsed once per text and srsly version, then read back from the start-up cache:
        # ruamel's pure-Python parser took about 0.15 CPU s of every process's start-up.
        data = cached(f"yaml-{Path(name).name}", [text, srsly.__version__], lambda: srsly.yaml_loads(text))
    except ValueError as exc:  # srsly wraps ruamel's error, which gives the line
        raise error(f"{name}: {exc}") from None
    if not isinstance(data, dict):
        raise error(f"{name}: expected a mapping at the top level, found {type(data).__name__}")
    return name, data, hashlib.sha256(text.encode("utf-8")).hexdigest()


def _labels(name: str, where: str, spec: Any, label_sets: dict[str, frozenset[str]]) -> frozenset[str]:
    if isinstance(spec, str):
        if spec not in label_sets:
            raise OntologyError(f"{name}: {where}: unknown label set {spec!r} (known: {', '.join(sorted(label_sets))})")
        return label_sets[spec]
    if isinstance(spec, list) and spec and all(isinstance(x, str) for x in spec):
        bad = [x for x in spec if x not in ENTITY_LABELS]
        if bad:
            raise OntologyError(
                f"{name}: {where}: unknown entity label {bad[0]!r} (labels: {', '.join(ENTITY_LABELS)})"
            )
        return frozenset(spec)
    raise OntologyError(
        f"{name}: {where}: expected a label set name or a non-empty list of entity labels, found {spec!r}"
    )


def parse_ontology(name: str, data: dict[str, Any], sha256: str = "") -> Ontology:
    """Check and build an :class:`Ontology` from the parsed YAML ``data`` of file ``name``."""
    unknown = set(data) - {"label_sets", "time_roles", "types"}
    if unknown:
        raise OntologyError(
            f"{name}: unknown top-level key {sorted(unknown)[0]!r} (expected label_sets, time_roles, types)"
        )
    raw_sets = data.get("label_sets") or {}
    if not isinstance(raw_sets, dict):
        raise OntologyError(f"{name}: label_sets: expected a mapping of name -> list of entity labels")
    label_sets: dict[str, frozenset[str]] = {}
    for set_name, spec in raw_sets.items():
        if not isinstance(spec, list):
            raise OntologyError(f"{name}: label_sets.{set_name}: expected a list of entity labels, found {spec!r}")
        label_sets[set_name] = _labels(name, f"label_sets.{set_name}", spec, {})

    time_roles = data.get("time_roles") or []
    if not isinstance(time_roles, list) or not all(isinstance(r, str) and _ROLE_NAME.match(r) for r in time_roles):
        raise OntologyError(f"{name}: time_roles: expected a list of role names like Time-Within, found {time_roles!r}")
    time_labels = label_sets.get("time", frozenset({"DATE", "OTHER"}))

    raw_types = data.get("types")
    if not isinstance(raw_types, dict) or not raw_types:
        raise OntologyError(f"{name}: types: expected a non-empty mapping of Type.Subtype -> {{roles: ...}}")
    types: dict[str, EventType] = {}
    for type_name, entry in raw_types.items():
        where = f"types.{type_name}"
        if not isinstance(type_name, str) or not _TYPE_NAME.match(type_name):
            raise OntologyError(
                f"{name}: {where}: a type name is Type.Subtype (letters, hyphens), e.g. Conflict.Attack"
            )
        if not isinstance(entry, dict):
            raise OntologyError(f"{name}: {where}: expected a mapping with 'roles', found {entry!r}")
        extra = set(entry) - {"roles", "time", "description"}
        if extra:
            raise OntologyError(
                f"{name}: {where}: unknown key {sorted(extra)[0]!r} (expected roles, time, description)"
            )
        roles_spec = entry.get("roles") or {}
        if not isinstance(roles_spec, dict):
            raise OntologyError(f"{name}: {where}.roles: expected a mapping of role -> labels, found {roles_spec!r}")
        roles: dict[str, frozenset[str]] = {}
        for role, spec in roles_spec.items():
            if not isinstance(role, str) or not _ROLE_NAME.match(role):
                raise OntologyError(
                    f"{name}: {where}.roles: bad role name {role!r} (a capitalised word, hyphens allowed)"
                )
            roles[role] = _labels(name, f"{where}.roles.{role}", spec, label_sets)
        time = entry.get("time", True)
        if not isinstance(time, bool):
            raise OntologyError(f"{name}: {where}.time: expected true or false, found {time!r}")
        if time:
            for role in time_roles:
                roles.setdefault(role, time_labels)
        types[type_name] = EventType(type_name, roles)
    return Ontology(name, types, tuple(time_roles), sha256)


def load_ontology(path: str | Path | None = None) -> Ontology:
    """The ontology in ``path`` (default: the packaged ACE 2005 + Contact.Statement file)."""
    return parse_ontology(*read_yaml(path, DEFAULT_ONTOLOGY))

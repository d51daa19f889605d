"""The annotated-JSON contract, in one place.

``schema.json`` (JSON Schema 2020-12) describes the shape of one annotated
document. JSON Schema cannot say that ``text[start:end] == span["text"]`` or that
an event argument points at an entity that exists, so :func:`problems` adds those
cross-field checks. Every writer in the project produces documents that pass
:func:`validate`, and every test that reads an output validates it.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

import fastjsonschema

if TYPE_CHECKING:
    import jsonschema

SCHEMA_VERSION = "1.0"

#: The entity labels of the contract, in display order.
ENTITY_LABELS = ("PER", "LOC", "ORG", "MISC", "DATE", "NUM", "OTHER")
#: An event's modalities, in display order.
MODALITIES = ("asserted", "negated", "reported/uncertain")


class ContractError(ValueError):
    """An annotated document does not satisfy the contract."""


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of an annotated document, as a dict."""
    return json.loads(files(__package__).joinpath("schema.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    # Imported here: every process validates its outputs, but only one that has to
    # word an error needs jsonschema (about 0.1 CPU s to import).
    import jsonschema

    cls = jsonschema.validators.validator_for(schema())
    cls.check_schema(schema())
    return cls(schema())


@lru_cache(maxsize=1)
def _compiled() -> Callable[[Any], Any]:
    """The schema compiled to Python code by fastjsonschema: the fast yes-or-no.

    jsonschema walks the schema for every value and resolves a ``$ref`` per token
    (13% of the pipeline's time when every output is validated); the compiled
    check is about 25x faster. It only says whether a document passes: the
    errors of one that does not are worded by jsonschema, which stays the
    reference (tests/contract checks that the two agree on every mutation tried).

    Generating and compiling that code takes about 0.13 CPU s, in every process that
    validates: the compiled module is kept in the start-up cache (keyed by the schema,
    fastjsonschema's version and this module's source), and only run here.
    """
    from pipeline.startup import cached, source_of

    def generate() -> tuple[Any, str]:
        code = fastjsonschema.compile_to_code(_one_of_by_type(_inlined(schema())), use_default=False)
        # The root schema's function comes first; the others are the $defs it calls.
        root = re.search(r"^def (\w+)\(", code, re.MULTILINE).group(1)
        return compile(code, "<songngu contract validator>", "exec"), root

    text = files(__package__).joinpath("schema.json").read_bytes()
    code, root = cached(
        "contract-validator", [text, fastjsonschema.VERSION, *source_of(sys.modules[__name__])], generate
    )
    namespace: dict[str, Any] = {}
    exec(code, namespace)  # noqa: S102 (fastjsonschema's code for our own schema, as fastjsonschema.compile runs it)
    return namespace[root]


def _inlined(node: Any, defs: dict[str, Any] | None = None) -> Any:
    """The schema with each ``{"$ref": "#/$defs/<name>"}`` replaced by the definition itself.

    The same constraints, for fastjsonschema's code: a ``$ref`` becomes a call of the
    definition's function with the item's name built first (``"data.tokens[{i}]".format(**locals())``,
    for every token of every document), an inlined definition is checked where it stands,
    names built only for an error: on the 80 bench documents the check takes about four
    fifths of the time. The schema's definitions do not refer to themselves (the recursion would not end);
    a keyword beside a ``$ref`` is kept beside the definition's (our only one is a description):
    one that would clash with the definition's own is refused, so the schema stays the same check.
    """
    if defs is None:
        # fastjsonschema writes the references of a schema it compiled out in full ("<$id>#/$defs/...")
        defs = {
            prefix + "#/$defs/" + name: value
            for name, value in node.get("$defs", {}).items()
            for prefix in ("", node.get("$id", ""))
        }
    if isinstance(node, list):
        return [_inlined(child, defs) for child in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        ref = node["$ref"]
        if ref not in defs:
            raise ValueError(f"schema reference {ref!r}: only #/$defs/<name> is inlined")
        target = _inlined(defs[ref], defs)
        beside = {key: value for key, value in node.items() if key != "$ref"}
        if set(beside) - {"description", "title", "$comment"} or set(beside) & set(target):
            raise ValueError(f"schema reference {ref!r} has keywords beside it that inlining could change")
        return {**target, **beside}
    return {key: _inlined(value, defs) for key, value in node.items() if key != "$defs"}


#: The keywords that constrain only values of one JSON type (the others pass them), and those that constrain nothing.
_TYPE_KEYWORDS = {
    "object": {"required", "properties", "additionalProperties", "minProperties", "maxProperties"},
    "string": {"minLength", "maxLength", "pattern"},
    "number": {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"},
    "array": {"items", "minItems", "maxItems"},
    "null": set(),
    "boolean": set(),
}
_ANNOTATIONS = {"description", "title", "$comment"}


def _one_of_by_type(node: Any) -> Any:
    """The schema with each ``oneOf`` whose branches are of different JSON types written as one schema.

    ``{"oneOf": [{"type": "string"}, {"type": "number"}, {"type": "object", "required": [...], ...}]}`` is the
    same check as ``{"type": ["string", "number", "object"], "required": [...], ...}``: a value is of one type
    only, so it can pass one branch at most, and the object keywords constrain objects alone. fastjsonschema's
    code tries each branch of a ``oneOf`` in turn and makes an exception (its message, a copy of the branch) for
    each branch a value fails: an entity's value failed two of its three, which was a third of the whole check
    on the bench's 80 documents. Only a ``oneOf`` whose branches each name one type (``integer`` not beside
    ``number``, which holds it) and only keywords of that type (:data:`_TYPE_KEYWORDS`) or annotations is
    rewritten; any other is kept as it is. jsonschema still reads the schema as written (it words the errors),
    and ``tests/contract/test_compiled_validator.py`` checks that the two agree.
    """
    if isinstance(node, list):
        return [_one_of_by_type(child) for child in node]
    if not isinstance(node, dict):
        return node
    node = {key: _one_of_by_type(value) for key, value in node.items()}
    branches = node.get("oneOf")
    if not isinstance(branches, list) or set(node) - {"oneOf"} - _ANNOTATIONS:
        return node
    types: list[str] = []
    families: set[str] = set()  # (an integer is a number: those two overlap)
    merged: dict[str, Any] = {}
    for branch in branches:
        kind = branch.get("type") if isinstance(branch, dict) else None
        family = "number" if kind == "integer" else kind
        if family not in _TYPE_KEYWORDS or family in families:
            return node
        own = set(branch) - {"type"} - _ANNOTATIONS
        if own - _TYPE_KEYWORDS[family] or own & set(merged):
            return node
        types.append(kind)
        families.add(family)
        merged.update({key: branch[key] for key in own})
    return {**{key: node[key] for key in node if key != "oneOf"}, "type": types, **merged}


def schema_errors(doc: Any) -> list[str]:
    """Where ``doc`` breaks the JSON Schema, as ``path: message`` lines (empty when nowhere)."""
    try:
        _compiled()(doc)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    return [
        f"{'/'.join(map(str, err.absolute_path)) or '<root>'}: {err.message}"
        for err in sorted(_validator().iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
    ]


def _layer_problems(name: str, layer: dict[str, Any]) -> Iterator[str]:
    text = layer["text"]
    n = len(text)

    def check_span(where: str, span: dict[str, Any], with_text: bool = True) -> None:
        start, end = span["start"], span["end"]
        if not 0 <= start <= end <= n:
            problems.append(f"{where}: offsets [{start}, {end}) outside text of length {n}")
        elif with_text and "text" in span and text[start:end] != span["text"]:
            problems.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}, span says {span['text']!r}")

    problems: list[str] = []
    previous_end = 0
    for i, sent in enumerate(layer["sentences"]):
        check_span(f"{name}.sentences[{i}]", sent, with_text=False)
        if sent["start"] < previous_end:
            problems.append(f"{name}.sentences[{i}] overlaps the previous sentence")
        previous_end = sent["end"]
    previous_end = 0
    for i, tok in enumerate(layer["tokens"]):
        check_span(f"{name}.tokens[{i}]", tok)
        if tok["start"] < previous_end:
            problems.append(f"{name}.tokens[{i}] overlaps or precedes the previous token")
        if tok["start"] == tok["end"]:
            problems.append(f"{name}.tokens[{i}] is empty")
        previous_end = tok["end"]
    entity_ids = set()
    for i, ent in enumerate(layer["entities"]):
        check_span(f"{name}.entities[{i}]", ent)
        if ent["id"] in entity_ids:
            problems.append(f"{name}.entities[{i}]: duplicate id {ent['id']}")
        entity_ids.add(ent["id"])
    event_ids = set()
    for i, ev in enumerate(layer["events"]):
        check_span(f"{name}.events[{i}].trigger", ev["trigger"])
        if ev["id"] in event_ids:
            problems.append(f"{name}.events[{i}]: duplicate id {ev['id']}")
        event_ids.add(ev["id"])
        for arg in ev["arguments"]:
            if arg["entity"] not in entity_ids:
                problems.append(f"{name}.events[{i}] ({ev['id']}): argument points at unknown entity {arg['entity']}")
    yield from problems


def _alignment_problems(doc: dict[str, Any]) -> Iterator[str]:
    align, vi, en = doc["alignments"], doc["vi"], doc["en"]
    if en is None:
        yield "alignments present but en is null"
        return
    sizes = {
        "sentences": (len(vi["sentences"]), len(en["sentences"])),
        "tokens": (len(vi["tokens"]), len(en["tokens"])),
    }
    for i, link in enumerate(align["sentences"]):
        for side, size in zip(("vi", "en"), sizes["sentences"]):
            bad = [j for j in link[side] if j >= size]
            if bad:
                yield f"alignments.sentences[{i}].{side}: index {bad[0]} out of range ({size} sentences)"
    for i, link in enumerate(align["tokens"]):
        for side, size in zip(("vi", "en"), sizes["tokens"]):
            if link[side] >= size:
                yield f"alignments.tokens[{i}].{side}: index {link[side]} out of range ({size} tokens)"
    for kind, key in (("entities", "entities"), ("events", "events")):
        ids = {side: {x["id"] for x in doc[side][key]} for side in ("vi", "en")}
        for i, link in enumerate(align[kind]):
            for side in ("vi", "en"):
                ref = link[side]
                if ref is not None and ref not in ids[side]:
                    yield f"alignments.{kind}[{i}].{side}: unknown id {ref}"


def problems(doc: dict[str, Any]) -> list[str]:
    """Every way ``doc`` breaks the contract, as readable one-line messages."""
    found = schema_errors(doc)
    if found:  # the cross-field checks assume the shape is right
        return found
    found.extend(_layer_problems("vi", doc["vi"]))
    if doc["en"] is not None:
        found.extend(_layer_problems("en", doc["en"]))
    if doc["alignments"] is not None:
        found.extend(_alignment_problems(doc))
    return found


def validate(doc: dict[str, Any]) -> dict[str, Any]:
    """Return ``doc`` unchanged if it satisfies the contract, else raise :class:`ContractError`."""
    found = problems(doc)
    if found:
        shown = "; ".join(found[:5]) + (f"; ... ({len(found) - 5} more)" if len(found) > 5 else "")
        raise ContractError(f"document {doc.get('id', '?')!r} breaks the contract: {shown}")
    return doc

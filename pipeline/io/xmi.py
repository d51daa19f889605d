"""UIMA CAS XMI for INCEpTION (and any UIMA tool), through dkpro-cassis, with INCEpTION's project settings.

What goes where, and why:

- ``Sentence``, ``Token`` (with its ``pos`` and, when we have one, ``lemma``)
  and ``POS`` (``PosValue`` = our VLSP/PTB tag, ``coarseValue`` = UPOS) are
  DKPro Core's types, which INCEpTION shows out of the box.
- Entities go into a custom span layer, ``webanno.custom.Entity``, with a
  string feature ``label`` (PER, LOC, ORG, MISC, DATE, NUM, OTHER) and a string
  feature ``value`` (a DATE/NUM's normalised value, see :mod:`pipeline.io.values`).
  Not into DKPro's ``NamedEntity``: INCEpTION defines its built-in Named Entity
  layer without overlap and with a closed tag set (PER, LOC, ORG, OTH), while
  our event arguments of label OTHER nest around names (*quân [Nga]*), and its
  only other string feature, ``identifier``, is a knowledge-base link.
- Events go into the custom span layer ``webanno.custom.Event`` over the
  trigger, with string features ``eventType`` (ACE ``Type.Subtype``) and
  ``modality``, and a link (slot) feature ``arguments``: an array of
  ``webanno.custom.EventArgumentsLink``, each with a ``role`` and a ``target``
  Entity. An INCEpTION link feature points at one layer, which is why every
  argument, named entity or OTHER, lives in the one Entity layer.

INCEpTION only shows a custom layer once the project defines it, so
:func:`write_xmi` also writes ``inception/layers.json``, the two layers with
their features and tag sets in the form INCEpTION's *Project settings ->
Layers -> Import* reads (``LayerImportExportUtils.importLayerFile``: an array
of exported layers), and one tag set file per closed vocabulary (entity labels,
event types, roles, modalities) in the form of *Project settings -> Tagsets ->
Import* (INCEpTION's own ``tagsets/*.json``). The README has the steps.

The type system is written beside the XMI as ``TypeSystem.xml``; offsets are
converted to UTF-16 code units on serialisation by cassis.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.contract import ENTITY_LABELS, MODALITIES
from pipeline.io.files import write_atomic
from pipeline.io.layer import get_layer, sentence_token_ranges
from pipeline.io.tooldoc import ToolDocument, ToolEntity, ToolEvent, ToolFileError, ToolWord
from pipeline.io.values import value_to_text

SENTENCE = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence"
TOKEN = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token"
LEMMA = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Lemma"
POS = "de.tudarmstadt.ukp.dkpro.core.api.lexmorph.type.pos.POS"
NAMED_ENTITY = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
ENTITY = "webanno.custom.Entity"
EVENT = "webanno.custom.Event"
EVENT_LINK = "webanno.custom.EventArgumentsLink"

_LABEL_DESCRIPTIONS = {
    "PER": "person",
    "LOC": "location, country as a place",
    "ORG": "organisation",
    "MISC": "other name: nationality, event, law, work (VLSP 2016)",
    "DATE": "date or time, normalised value in 'value'",
    "NUM": "number or amount, normalised value in 'value'",
    "OTHER": "event argument that is no named entity (quân Nga)",
}


@lru_cache(maxsize=1)
def _typesystem_xml() -> str:
    from cassis import load_dkpro_core_typesystem

    ts = load_dkpro_core_typesystem()
    entity = ts.create_type(ENTITY, description="An entity or event argument (songngu's vi/en entities).")
    ts.create_feature(entity, "label", "uima.cas.String", description="PER, LOC, ORG, MISC, DATE, NUM or OTHER")
    ts.create_feature(entity, "value", "uima.cas.String", description="normalised value of a DATE or NUM")
    link = ts.create_type(
        EVENT_LINK,
        supertypeName="uima.cas.TOP",
        description="One argument of an event: its role and the entity that fills it.",
    )
    ts.create_feature(link, "role", "uima.cas.String")
    ts.create_feature(link, "target", ENTITY)
    event = ts.create_type(EVENT, description="An ACE 2005 event; the annotation covers its trigger.")
    ts.create_feature(event, "eventType", "uima.cas.String", description="ACE Type.Subtype, e.g. Conflict.Attack")
    ts.create_feature(event, "modality", "uima.cas.String", description="asserted, negated or reported/uncertain")
    ts.create_feature(event, "arguments", "uima.cas.FSArray", elementType=EVENT_LINK, multipleReferencesAllowed=False)
    return ts.to_xml()


def typesystem():
    """The DKPro Core type system plus our Entity and Event layers (a fresh object: callers may extend it)."""
    from cassis import load_typesystem

    return load_typesystem(_typesystem_xml())


def to_cas(doc: dict[str, Any], layer: str = "vi", ts=None):
    """A ``cassis.Cas`` of one layer of our document (see the module docstring)."""
    from cassis import Cas

    ts = ts or typesystem()
    data = get_layer(doc, layer)
    cas = Cas(typesystem=ts, sofa_string=data["text"], document_language=layer)
    Sentence, Token, Pos, Lemma = (ts.get_type(n) for n in (SENTENCE, TOKEN, POS, LEMMA))
    Entity, Event, Link, FSArray = (ts.get_type(n) for n in (ENTITY, EVENT, EVENT_LINK, "uima.cas.FSArray"))
    tokens = data["tokens"]
    for n, (first, stop) in enumerate(sentence_token_ranges(data), start=1):
        cas.add(Sentence(begin=tokens[first]["start"], end=tokens[stop - 1]["end"], id=str(n)))
    for tok in tokens:
        begin, end = tok["start"], tok["end"]
        features = {}
        if tok.get("pos") or tok.get("upos"):
            features["pos"] = Pos(begin=begin, end=end, PosValue=tok.get("pos"), coarseValue=tok.get("upos"))
            cas.add(features["pos"])
        if tok.get("lemma"):
            features["lemma"] = Lemma(begin=begin, end=end, value=tok["lemma"])
            cas.add(features["lemma"])
        cas.add(Token(begin=begin, end=end, **features))
    entities = {}
    for ent in data["entities"]:
        value = ent.get("value")
        fs = Entity(
            begin=ent["start"],
            end=ent["end"],
            label=ent["label"],
            value=None if value is None else value_to_text(value),
        )
        cas.add(fs)
        entities[ent["id"]] = fs
    for ev in data["events"]:
        links = [Link(role=arg["role"], target=entities[arg["entity"]]) for arg in ev["arguments"]]
        cas.add(
            Event(
                begin=ev["trigger"]["start"],
                end=ev["trigger"]["end"],
                eventType=ev["type"],
                modality=ev["modality"],
                arguments=FSArray(elements=links),
            )
        )
    return cas


# --------------------------------------------------------------------------- INCEpTION project settings


def _tagset(name: str, description: str, tags: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """A tag set as INCEpTION exports and imports it (``ExportedTagSet``; its bundled ``tagsets/*.json``)."""
    return {
        "name": name,
        "description": description,
        "language": None,
        "tags": [{"tag_name": tag, "tag_description": about} for tag, about in tags],
        "create_tag": False,  # a closed vocabulary: annotators pick from the list
    }


def inception_tagsets(event_types: Iterable[str], roles: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The tag sets of our closed vocabularies, by file stem."""
    return {
        "tagset-entity-labels": _tagset(
            "songngu entity labels",
            "songngu's entity labels (VLSP 2016 names, DATE and NUM with values, OTHER event arguments)",
            ((label, _LABEL_DESCRIPTIONS[label]) for label in ENTITY_LABELS),
        ),
        "tagset-event-types": _tagset(
            "songngu event types",
            "ACE 2005 Type.Subtype, plus Contact.Statement",
            ((t, t) for t in sorted(event_types)),
        ),
        "tagset-roles": _tagset("songngu event roles", "ACE 2005 argument roles", ((r, r) for r in sorted(roles))),
        "tagset-modality": _tagset("songngu modality", "an event's modality", ((m, m) for m in MODALITIES)),
    }


def _feature(name: str, ui_name: str, description: str, tagset: dict | None = None, **extra: Any) -> dict[str, Any]:
    feature = {
        "name": name,
        "uiName": ui_name,
        "description": description,
        "type": "uima.cas.String",
        "enabled": True,
        "visible": True,
        "include_in_hover": True,
        "required": False,
        "remember": False,
        "multi_value_mode": "NONE",
        "link_mode": "NONE",
        "tag_set": tagset,
    }
    feature.update(extra)
    return feature


def _span_layer(name: str, ui_name: str, description: str, features: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "name": name,
        "uiName": ui_name,
        "type": "span",
        "description": description,
        "enabled": True,
        "built_in": False,
        "readonly": False,
        "anchoring_mode": "TOKENS",
        # Entities nest (an OTHER argument around a name), events may share a trigger.
        "overlap_mode": "ANY_OVERLAP",
        "validation_mode": "NEVER",
        "cross_sentence": True,
        "show_hover": True,
        "linked_list_behavior": False,
        "features": features,
    }


def inception_layers(event_types: Iterable[str], roles: Iterable[str]) -> list[dict[str, Any]]:
    """The Entity and Event layers as INCEpTION's *Layers -> Import* reads them (a list of exported layers)."""
    tagsets = inception_tagsets(event_types, roles)
    entity = _span_layer(
        ENTITY,
        "Entity",
        "songngu entities: names, DATE/NUM with their normalised value, OTHER event arguments",
        [
            _feature("label", "Label", "entity label", tagsets["tagset-entity-labels"]),
            _feature("value", "Value", "normalised value of a DATE (ISO 8601) or NUM (a number)"),
        ],
    )
    event = _span_layer(
        EVENT,
        "Event",
        "songngu ACE 2005 events: the annotation covers the trigger, arguments are links to entities",
        [
            _feature("eventType", "Event type", "ACE Type.Subtype", tagsets["tagset-event-types"]),
            _feature("modality", "Modality", "asserted, negated or reported/uncertain", tagsets["tagset-modality"]),
            _feature(
                "arguments",
                "Arguments",
                "the event's arguments: role and entity",
                tagsets["tagset-roles"],
                type=ENTITY,
                multi_value_mode="ARRAY",
                link_mode="WITH_ROLE",
                link_type_name=EVENT_LINK,
                link_type_role_feature_name="role",
                link_type_target_feature_name="target",
            ),
        ],
    )
    return [entity, event]


def _vocabulary(docs: list[dict[str, Any]], layer: str) -> tuple[set[str], set[str]]:
    """Event types and roles: the ontology's, plus any the documents use (a user's own ontology)."""
    from pipeline.events.ontology import load_ontology

    ontology = load_ontology()
    types = set(ontology.types)
    roles = {role for t in ontology.types.values() for role in t.roles}
    for doc in docs:
        for ev in get_layer(doc, layer)["events"]:
            types.add(ev["type"])
            roles.update(a["role"] for a in ev["arguments"])
    return types, roles


def write_xmi(docs: Iterable[dict[str, Any]], out_dir: str | Path, layer: str = "vi") -> int:
    """Write ``OUT_DIR/<id>.xmi`` per document, ``TypeSystem.xml`` and ``inception/`` settings; returns the count."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ts = typesystem()
    docs = list(docs)
    for doc in docs:
        # to_xmi() without a path gives the UTF-8 document as a string: the same bytes once encoded
        write_atomic(out / f"{doc['id']}.xmi", to_cas(doc, layer, ts).to_xmi(pretty_print=True))
    write_atomic(out / "TypeSystem.xml", _typesystem_xml())
    types, roles = _vocabulary(docs, layer)
    settings = out / "inception"
    write_atomic(
        settings / "layers.json", json.dumps(inception_layers(types, roles), ensure_ascii=False, indent=2) + "\n"
    )
    for stem, tagset in inception_tagsets(types, roles).items():
        write_atomic(settings / f"{stem}.json", json.dumps(tagset, ensure_ascii=False, indent=2) + "\n")
    return len(docs)


# --------------------------------------------------------------------------- importing

#: Labels of INCEpTION's built-in Named Entity tag set (de-ne-webanno.json) that are not ours.
_DKPRO_LABELS = {"OTH": "MISC"}


def find_typesystem(xmi_path: Path, root: Path | None = None) -> Path | None:
    """``TypeSystem.xml`` (INCEpTION writes ``typesystem.xml``) beside the XMI or in a folder above it, up to ``root``."""
    folder = xmi_path.parent
    while True:
        for name in ("TypeSystem.xml", "typesystem.xml"):
            if (folder / name).is_file():
                return folder / name
        if folder == root or folder.parent == folder or (root is not None and root not in folder.parents):
            return None
        folder = folder.parent


def read_xmi(path: str | Path, doc_id: str, typesystem_path: Path | None = None) -> ToolDocument:
    """What a UIMA CAS XMI holds: our Entity and Event layers, DKPro's NamedEntity (INCEpTION's built-in layer), tokens.

    The type system is ``typesystem_path``, else the one beside the file (see
    :func:`find_typesystem`), else ours. Types the type system lacks are
    skipped (cassis' lenient loading); cassis turns UTF-16 offsets into code points.
    """
    from cassis import load_cas_from_xmi, load_typesystem

    path = Path(path)
    try:
        if typesystem_path is not None:
            with typesystem_path.open("rb") as handle:
                ts = load_typesystem(handle)
        else:
            ts = typesystem()
        with path.open("rb") as handle:
            cas = load_cas_from_xmi(handle, typesystem=ts, lenient=True)
    except OSError as exc:
        raise ToolFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except Exception as exc:  # cassis raises lxml's and its own errors for a malformed file
        raise ToolFileError(f"{path}: not a UIMA CAS XMI file: {exc}") from None
    tool = ToolDocument(id=doc_id, path=str(path), format="xmi", text=cas.sofa_string or "")

    def select(type_name: str) -> list:
        try:
            ts.get_type(type_name)
        except Exception:  # the type system does not have this layer
            return []
        return list(cas.select(type_name))

    tool.sentences = [(s.begin, s.end) for s in select(SENTENCE)]
    sentence_starts = [start for start, _ in tool.sentences]
    tool.words = []
    for tok in select(TOKEN):
        pos = getattr(tok, "pos", None)
        sentence = sum(1 for start in sentence_starts if start <= tok.begin) - 1
        tool.words.append(
            ToolWord(
                form=tok.get_covered_text(),
                sentence=sentence,
                pos=getattr(pos, "PosValue", None) if pos is not None else None,
                upos=getattr(pos, "coarseValue", None) if pos is not None else None,
                start=tok.begin,
                end=tok.end,
            )
        )
    for fs in select(ENTITY):
        tool.entities.append(ToolEntity(str(fs.xmiID), fs.begin, fs.end, fs.label or "", fs.value))
    for fs in select(NAMED_ENTITY):
        label = _DKPRO_LABELS.get(fs.value or "", fs.value or "")
        tool.entities.append(ToolEntity(str(fs.xmiID), fs.begin, fs.end, label, None))
    for fs in select(EVENT):
        links = fs.arguments.elements if fs.arguments is not None else []
        arguments = []
        for link in links:
            if link.target is None:
                tool.warnings.append(
                    f"{path}: event {fs.xmiID} ({fs.eventType}): a {link.role} slot with no filler; left out"
                )
                continue
            arguments.append((link.role or "", str(link.target.xmiID)))
        tool.events.append(
            ToolEvent(str(fs.xmiID), fs.eventType or "", fs.begin, fs.end, fs.modality or "asserted", arguments)
        )
    return tool

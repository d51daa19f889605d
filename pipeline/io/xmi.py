"""Export to UIMA CAS XMI for INCEpTION (and any UIMA tool), through dkpro-cassis.

The CAS holds the DKPro Core types INCEpTION shows out of the box:

- ``Sentence``, ``Token`` (with its ``pos`` and, when we have one, ``lemma``),
- ``POS`` with ``PosValue`` = our VLSP/PTB tag and ``coarseValue`` = UPOS,
- ``NamedEntity`` with ``value`` = our label (PER ... OTHER, as INCEpTION's
  Named Entity layer expects) and ``identifier`` = the normalised DATE/NUM value.
  ``identifier`` is meant for knowledge-base ids; it is the only string
  feature the built-in layer has, so the value goes there.

Events go into a custom layer in INCEpTION's own representation of a span
layer with a link (slot) feature: ``webanno.custom.Event`` (features
``eventType``, ``modality`` and ``arguments``, an array of
``webanno.custom.EventArgumentsLink`` each with a ``role`` and a ``target``
NamedEntity). INCEpTION only shows a custom layer once the project defines it:
create a span layer "Event" with a string feature ``eventType``, a string
feature ``modality`` and a link feature ``arguments`` pointing to Named entity
(or import a project that has it); the data is in the file either way.

The type system is written beside the XMI as ``TypeSystem.xml``; offsets are
converted to UTF-16 code units on serialisation by cassis.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.io.layer import get_layer, sentence_token_ranges

SENTENCE = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence"
TOKEN = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token"
LEMMA = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Lemma"
POS = "de.tudarmstadt.ukp.dkpro.core.api.lexmorph.type.pos.POS"
NAMED_ENTITY = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
EVENT = "webanno.custom.Event"
EVENT_LINK = "webanno.custom.EventArgumentsLink"


@lru_cache(maxsize=1)
def _typesystem_xml() -> str:
    from cassis import load_dkpro_core_typesystem

    ts = load_dkpro_core_typesystem()
    link = ts.create_type(
        EVENT_LINK,
        supertypeName="uima.cas.TOP",
        description="One argument of an event: its role and the entity that fills it.",
    )
    ts.create_feature(link, "role", "uima.cas.String")
    ts.create_feature(link, "target", NAMED_ENTITY)
    event = ts.create_type(EVENT, description="An ACE 2005 event; the annotation covers its trigger.")
    ts.create_feature(event, "eventType", "uima.cas.String", description="ACE Type.Subtype, e.g. Conflict.Attack")
    ts.create_feature(event, "modality", "uima.cas.String", description="asserted, negated or reported/uncertain")
    ts.create_feature(event, "arguments", "uima.cas.FSArray", elementType=EVENT_LINK, multipleReferencesAllowed=False)
    return ts.to_xml()


def typesystem():
    """The DKPro Core type system plus our event layer (a fresh object: callers may extend it)."""
    from cassis import load_typesystem

    return load_typesystem(_typesystem_xml())


def to_cas(doc: dict[str, Any], layer: str = "vi", ts=None):
    """A ``cassis.Cas`` of one layer of our document (see the module docstring)."""
    from cassis import Cas

    ts = ts or typesystem()
    data = get_layer(doc, layer)
    cas = Cas(typesystem=ts, sofa_string=data["text"], document_language=layer)
    Sentence, Token, Pos, Lemma = (ts.get_type(n) for n in (SENTENCE, TOKEN, POS, LEMMA))
    NamedEntity, Event, Link, FSArray = (ts.get_type(n) for n in (NAMED_ENTITY, EVENT, EVENT_LINK, "uima.cas.FSArray"))
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
        fs = NamedEntity(
            begin=ent["start"], end=ent["end"], value=ent["label"], identifier=None if value is None else str(value)
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


def write_xmi(docs: Iterable[dict[str, Any]], out_dir: str | Path, layer: str = "vi") -> int:
    """Write ``OUT_DIR/<id>.xmi`` for each document and ``OUT_DIR/TypeSystem.xml``; returns the count."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ts = typesystem()
    n = 0
    for doc in docs:
        path = out / f"{doc['id']}.xmi"
        path.parent.mkdir(parents=True, exist_ok=True)
        to_cas(doc, layer, ts).to_xmi(path, pretty_print=True)
        n += 1
    (out / "TypeSystem.xml").write_text(_typesystem_xml(), encoding="utf-8")
    return n

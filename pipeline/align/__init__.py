"""Cross-lingual alignment of a Vietnamese and an English layer.

    >>> from pipeline.align import AlignOptions, align
    >>> en_layer, alignments = align(doc["vi"], doc["en"], AlignOptions())

Input and output are contract-shaped dicts, so the aligner works on the
pipeline's own output and on annotations made elsewhere (``songngu align``).
Four levels, each from the one before:

1. sentences (:mod:`.sentences`): Gale–Church lengths sharpened by anchors, with
   a score and flags per link; machine translation is 1-1 by construction;
2. words (:mod:`.words`, :mod:`.embedding`): a pluggable aligner inside aligned
   sentences, ``lexical`` (offline default) or ``embedding`` (SimAlign-style over
   a multilingual encoder);
3. entities (:mod:`.entities`): bipartite matching with named evidence, English
   entities created by projection where spaCy missed them; where a linked pair's
   labels differ and the Vietnamese label is the surer (a gazetteer, a rule, the
   typer's confidence), the English entity takes it (:mod:`.types`);
4. events (:mod:`.events`): triggers through the words, arguments through the
   entities.

The English layer comes back with the projected entities and events added and
every id renumbered in text order (``T1``..., ``E1``...), as the writer does for
the Vietnamese layer. Running ``align`` on its own output gives the same result:
projected entities and events of the input are dropped first, and resolved
English labels go back to spaCy's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.align.words import WordAligner

# The aligner's modules (its tables, numpy, Babel, the English values) are imported by align(), not
# here: every process that annotates imports this package for AlignOptions and components(), and most
# documents have no English to align (about 0.01 CPU s of imports, in every command's start-up).

WORD_ALIGNERS = ("lexical", "embedding")

#: The military and political vocabulary of the lexical aligner (:mod:`pipeline.align.lexicon`).
DOMAIN_LEXICON = "domain_lexicon.tsv"


def domain_lexicon_path() -> str:
    return str(files(__package__).joinpath("data").joinpath(DOMAIN_LEXICON))


@dataclass(frozen=True)
class AlignOptions:
    #: "lexical" (offline, default) or "embedding" (needs ``encoder``).
    word_aligner: str = "lexical"
    #: Local directory or hub name of a multilingual encoder (bert-base-multilingual-cased, LaBSE...).
    encoder: str | None = None
    #: Hidden layer whose states are compared (SimAlign found 8 best for mBERT).
    encoder_layer: int = 8
    #: "argmax" (mutual best matches) or "itermax" (SimAlign's iterative variant, more links).
    matching: str = "itermax"
    #: Never contact the hub for the encoder.
    local_files_only: bool = True


@lru_cache(maxsize=4)
def _word_aligner(options: AlignOptions) -> WordAligner:
    """The word aligner the options name: ``lexical`` (offline) or ``embedding`` (needs ``encoder``)."""
    if options.word_aligner not in WORD_ALIGNERS:
        raise ValueError(f"unknown word aligner {options.word_aligner!r} (choose from {', '.join(WORD_ALIGNERS)})")
    if options.word_aligner == "lexical":
        from pipeline.align.words import lexical_aligner

        return lexical_aligner
    if not options.encoder:
        raise ValueError(
            "the embedding word aligner needs an encoder: a local directory or hub name "
            "of a multilingual model such as bert-base-multilingual-cased or LaBSE"
        )
    from pipeline.align.embedding import EmbeddingAligner  # torch and transformers: only when asked for

    return EmbeddingAligner(
        options.encoder,
        layer=options.encoder_layer,
        matching=options.matching,
        local_files_only=options.local_files_only,
    )


def components(options: AlignOptions | None = None) -> list[dict[str, str]]:
    """The aligner, for the ``pipeline.components`` record: its version covers the bilingual tables."""
    import hashlib
    from pathlib import Path

    import babel

    from pipeline import __version__
    from pipeline.text.gazetteer import packaged_paths

    options = options or AlignOptions()
    digest = hashlib.sha256(babel.__version__.encode())
    for path in (*packaged_paths(), domain_lexicon_path()):
        digest.update(Path(path).read_bytes())
    if options.word_aligner == "embedding":
        _word_aligner(options)  # a missing encoder fails at start-up, not on the first document
    return [
        {
            "name": "align",
            "lang": "xx",
            "model": methods(options)["tokens"],
            "version": f"{__version__}+tables.{digest.hexdigest()[:8]}",
        }
    ]


def methods(options: AlignOptions) -> dict[str, str]:
    words = "lexical" if options.word_aligner == "lexical" else f"embedding:{options.encoder}:{options.matching}"
    return {"tokens": words, "entities": "hungarian", "events": "projection"}


def align(
    vi_layer: dict[str, Any], en_layer: dict[str, Any], options: AlignOptions | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(English layer with projections, the ``alignments`` object) for two contract layers."""
    from pipeline.align.entities import align_entities
    from pipeline.align.events import project_events
    from pipeline.align.layers import LayerView
    from pipeline.align.sentences import align_sentences
    from pipeline.align.types import resolve_types, without_resolutions

    options = options or AlignOptions()
    en_layer = without_resolutions(_without_projections(en_layer))
    vi, en = LayerView(vi_layer, "vi"), LayerView(en_layer, "en")
    one_to_one = str(en_layer.get("origin", "")).startswith("mt:")
    sentence_links, sentence_method = align_sentences(vi, en, one_to_one=one_to_one)
    token_links = _word_aligner(options)(vi, en, sentence_links)
    entity_result = align_entities(vi, en, sentence_links, token_links)
    resolve_types(vi_layer["entities"], entity_result.en_entities, entity_result.links, en, vi, token_links)
    events, event_links = project_events(vi, en, sentence_links, token_links, entity_result.links)
    new_en, entity_links, event_links = _renumber(
        en_layer, entity_result.en_entities, list(en_layer["events"]) + events, entity_result.links, event_links
    )
    alignments = {
        "methods": {"sentences": sentence_method, **methods(options)},
        "sentences": sentence_links,
        "tokens": [link.as_json() for link in token_links],
        "entities": entity_links,
        "events": event_links,
    }
    return new_en, alignments


def _without_projections(en_layer: dict[str, Any]) -> dict[str, Any]:
    entities = [e for e in en_layer["entities"] if e.get("source") != "projected"]
    kept_ids = {e["id"] for e in entities}
    events = [
        ev
        for ev in en_layer["events"]
        if ev.get("source") != "projected" and all(a["entity"] in kept_ids for a in ev["arguments"])
    ]
    return {**en_layer, "entities": entities, "events": events}


def _renumber(en_layer, entities, events, entity_links, event_links):
    """Ids in text order, as the JSON writer gives them; references follow."""
    ordered = sorted(entities, key=lambda e: (e["start"], e["end"], e["label"]))
    entity_ids = {e["id"]: f"T{i}" for i, e in enumerate(ordered, start=1)}
    new_entities = [{**e, "id": entity_ids[e["id"]]} for e in ordered]
    ordered_events = sorted(events, key=lambda ev: (ev["trigger"]["start"], ev["trigger"]["end"], ev["type"]))
    event_ids = {ev["id"]: f"E{i}" for i, ev in enumerate(ordered_events, start=1)}
    new_events = [
        {
            **ev,
            "id": event_ids[ev["id"]],
            "arguments": [{**a, "entity": entity_ids[a["entity"]]} for a in ev["arguments"]],
        }
        for ev in ordered_events
    ]
    entity_links = [{**link, "en": entity_ids[link["en"]] if link["en"] is not None else None} for link in entity_links]
    event_links = [{**link, "en": event_ids[link["en"]] if link["en"] is not None else None} for link in event_links]
    return {**en_layer, "entities": new_entities, "events": new_events}, entity_links, event_links

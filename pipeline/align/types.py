"""Type resolution across the two languages: where a linked pair disagrees, the surer side decides.

spaCy's small English model types names from their context too, and it errs on
names it has rarely seen: in the corpus passage it types ``Azerbaijan`` PER and
``Caucasus`` ORG, although the Vietnamese entity they translate is a place that
CLDR or our gazetteer lists. The Vietnamese side often has the stronger evidence:

``gazetteer``  the Vietnamese label comes from a curated list (``gazetteer:cldr``,
               ``gazetteer:project``, the packaged place lists)
``rules``      a title, an organisation head or a place noun decided it
               (``thiếu tá Yury Nikolayevich``, ``Bộ Quốc phòng Armenia``, ``làng Merjimek``)
``model``      the trained typer gave the label at least :data:`MODEL_CONFIDENCE`
               probability (``span._.score`` on the Vietnamese entity)

When a linked pair of names disagrees, the English entity was typed by spaCy's
statistical model (``source`` ``spacy:...``) and the Vietnamese label has one of
these pieces of evidence, the English entity takes the Vietnamese label. Its own
label is kept: ``original_label`` already holds spaCy's OntoNotes label
(``PERSON``), and the entity gets the flag ``label-from-vi``; the link's flag
``type-disagreement`` becomes ``type-resolved``.

Demonyms are the exception, since English marks them where Vietnamese does not
(GUIDELINES A2: *the Azerbaijani side* is MISC, *phía Azerbaijan* LOC). An
English adjective (spaCy's ``NORP``, or the Vietnamese name plus a suffix,
``Azerbaijan`` / ``Azerbaijani``) aligned with a Vietnamese place becomes MISC,
not LOC. Everything else is left as it was and still flagged
``type-disagreement``: English rules, gold or imported labels, and Vietnamese
guesses (the CRF, the spelling rule, a hesitant typer).

Two more cases are left alone, since the two entities are not the same name: an English name that holds
words the word aligner links to Vietnamese words outside the Vietnamese entity, of which the Vietnamese one is
only a part (``Trung Quốc`` in *Đoàn cố vấn quân sự [Trung Quốc]* / *the Chinese Military Advisory Group*,
``Đông Nam Á`` / *the Association of Southeast Asian Nations*), and an English adjective aligned with a
Vietnamese person or organisation (*[quân đội Trung Quốc]* / *the [Chinese] army*: the adjective is MISC).

Only the English side is changed: the Vietnamese layer is final when the aligner
runs (events have been read from it). Resolution is undone before aligning again
(:func:`without_resolutions`), so aligning an aligned document gives the same result.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pipeline.align.layers import LayerView
from pipeline.align.lexicon import en_key, phrase_table
from pipeline.align.normalize import name_similarity
from pipeline.align.words import TokenLink, links_by_en_token
from pipeline.en.values import ONTONOTES_TO_CONTRACT
from pipeline.text.normalize import strip_diacritics

#: The typer's probability for its label at or above which the Vietnamese label is sure.
MODEL_CONFIDENCE = 0.85
NAME_LABELS = frozenset(("PER", "LOC", "ORG", "MISC"))
#: Vietnamese sources whose labels come from curated data or a decisive context word.
SURE_SOURCES = ("gazetteer:", "rules:title", "rules:org", "rules:classifier", "rules:surname")
FROM_VI = "label-from-vi"
RESOLVED = "type-resolved"
DISAGREEMENT = "type-disagreement"


def vietnamese_evidence(entity: dict[str, Any]) -> str | None:
    """Why the Vietnamese entity's label is sure (``gazetteer``, ``rules``, ``model``), or None."""
    source = str(entity.get("source", ""))
    if source.startswith("gazetteer:"):
        return "gazetteer"
    if source.startswith(SURE_SOURCES):
        return "rules"
    score = entity.get("score")
    if isinstance(score, (int, float)) and score >= MODEL_CONFIDENCE:
        return "model"
    return None


def is_adjective_of(vi_entity: dict[str, Any], en_entity: dict[str, Any], en: LayerView) -> bool:
    """The English is a demonym or adjective of the Vietnamese name (``Azerbaijan`` / ``Azerbaijani``).

    Not when it is the name itself, as written in Vietnamese or as CLDR translates
    it: spaCy also calls a country NORP (``Tajikistan``), and that is a place. An
    English adjective by its part of speech is one whatever the Vietnamese wrote.
    """
    tokens = en.span_tokens(en_entity["start"], en_entity["end"])
    if tokens and all(en.tokens[i].get("upos") == "ADJ" for i in tokens):
        return True  # "the Armenian side", whatever the Vietnamese wrote ("phía Armenian")
    vi_key, en_folded = strip_diacritics(vi_entity["text"]), strip_diacritics(en_entity["text"])
    if vi_key == en_folded:
        return False
    table = phrase_table().lookup(vi_entity["text"])
    if any(kind == "cldr" and key == en_key(en_entity["text"]) for key, kind in table.items()):
        return False
    if en_entity.get("original_label") == "NORP":
        return True
    return len(en_folded) > len(vi_key) and name_similarity(vi_entity["text"], en_entity["text"]) >= 0.85


def resolved_label(vi_entity: dict[str, Any], en_entity: dict[str, Any], en: LayerView) -> str | None:
    """The label the English entity should take from the Vietnamese one, or None to leave it."""
    vi_label, en_label = vi_entity["label"], en_entity["label"]
    if vi_label == en_label or vi_label not in NAME_LABELS or en_label not in NAME_LABELS:
        return None
    if not str(en_entity.get("source", "")).startswith("spacy:") or vietnamese_evidence(vi_entity) is None:
        return None
    adjective = is_adjective_of(vi_entity, en_entity, en)
    if adjective and vi_label in ("PER", "ORG"):
        return None  # "quân đội Trung Quốc" / "the Chinese army": the adjective is part of the name, MISC
    if vi_label == "LOC" and adjective:
        label = "MISC"  # "phía Azerbaijan" / "the Azerbaijani side"
    elif vi_label == "MISC" and en_label == "LOC" and not adjective:
        return None  # "quân Nga" / "Russia's troops": English names the country itself
    else:
        label = vi_label
    return label if label != en_label else None


def holds_more(vi_entity: dict[str, Any], en_entity: dict[str, Any], vi: LayerView, en: LayerView, links_by_en) -> bool:
    """Whether the English entity is a larger name of which the Vietnamese one is only a part: one of its words is
    linked by the word aligner to a Vietnamese word outside the Vietnamese entity ("Chinese Military Advisory
    Group", whose "Group" is the "Đoàn" before "Trung Quốc"), or, every word of the Vietnamese entity being linked,
    one of its capitalised words is linked to none nor spelt like the Vietnamese ("Association of Southeast Asian
    Nations" for "Đông Nam Á": "Association" and "Nations" are the "Hiệp hội" and "quốc gia" before it, which the
    aligner left unlinked; "Independence Palace" for "Dinh Độc Lập" is whole: "Dinh" is the unlinked "Palace")."""
    inside = set(vi.span_tokens(vi_entity["start"], vi_entity["end"]))
    linked_inside: set[int] = set()
    unexplained = False
    for i in en.span_tokens(en_entity["start"], en_entity["end"]):
        targets = {link.vi for link in links_by_en.get(i, ())}
        if targets - inside:
            return True
        linked_inside |= targets
        word = en.token_text(i)
        if not targets and word[:1].isupper() and name_similarity(word, vi_entity["text"]) < 0.8:
            unexplained = True
    return unexplained and linked_inside == inside


def resolve_types(
    vi_entities: list[dict[str, Any]],
    en_entities: list[dict[str, Any]],
    links: list[dict[str, Any]],
    en: LayerView,
    vi: LayerView,
    token_links: Iterable[TokenLink],
) -> None:
    """Relabel, in place, the English entities of disagreeing links whose Vietnamese side is surer, not where the
    English name is larger than the Vietnamese (read from the word links, :func:`holds_more`)."""
    vi_by_id = {e["id"]: e for e in vi_entities}
    en_index = {e["id"]: i for i, e in enumerate(en_entities)}
    links_by_en = links_by_en_token(token_links)
    for link in links:
        if DISAGREEMENT not in link.get("flags", ()) or link["en"] not in en_index:
            continue
        i = en_index[link["en"]]
        en_entity = en_entities[i]
        if holds_more(vi_by_id[link["vi"]], en_entity, vi, en, links_by_en):
            continue
        label = resolved_label(vi_by_id[link["vi"]], en_entity, en)
        if label is None:
            continue
        en_entities[i] = {**en_entity, "label": label, "flags": [*en_entity.get("flags", ()), FROM_VI]}
        if label == vi_by_id[link["vi"]]["label"]:
            link["flags"] = [RESOLVED if f == DISAGREEMENT else f for f in link["flags"]]


def without_resolutions(en_layer: dict[str, Any]) -> dict[str, Any]:
    """The English layer with the labels spaCy gave back (a resolution is redone by the next alignment)."""
    entities = []
    for e in en_layer["entities"]:
        if FROM_VI in e.get("flags", ()):
            flags = [f for f in e["flags"] if f != FROM_VI]
            e = {k: v for k, v in e.items() if k != "flags"}
            e["label"] = ONTONOTES_TO_CONTRACT.get(e.get("original_label", ""), "MISC")
            if flags:
                e["flags"] = flags
        entities.append(e)
    return {**en_layer, "entities": entities}

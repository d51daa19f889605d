"""Event projection: each Vietnamese event carried over to the English side.

The trigger goes through the word alignment (the English tokens its words are
linked to; of several, the best-scored verb or noun run of at most
:data:`MAX_TRIGGER_TOKENS`), the arguments through the entity alignment (an
argument whose entity has no English counterpart is dropped, unless it is a title and a person's name: the
name's counterpart), the type, role
names and modality are kept. An event whose trigger has no aligned English word
is not projected and is linked to ``null``.
"""

from __future__ import annotations

from typing import Any

from pipeline.align.layers import LayerView
from pipeline.align.sentences import english_sentences_of
from pipeline.align.words import TokenLink, links_by_vi_token

MAX_TRIGGER_TOKENS = 3
_CONTENT_UPOS = {"VERB", "NOUN", "ADJ", "PROPN", "AUX"}


def project_events(
    vi: LayerView,
    en: LayerView,
    sentence_links: list[dict[str, Any]],
    token_links: list[TokenLink],
    entity_links: list[dict[str, Any]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(English events, event links). English event ids are temporary until renumbered."""
    en_sentences_of = english_sentences_of(sentence_links)
    links_by_vi = links_by_vi_token(token_links)
    entity_map = {link["vi"]: link["en"] for link in entity_links if link["en"] is not None}
    vi_entities = {e["id"]: e for e in vi.layer["entities"]}

    events: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    for ev in vi.layer["events"]:
        trig = ev["trigger"]
        vi_tokens = vi.span_tokens(trig["start"], trig["end"])
        sentence = vi.token_sentence[vi_tokens[0]] if vi_tokens else -1
        allowed = en_sentences_of.get(sentence, set())
        hits = [link for i in vi_tokens for link in links_by_vi.get(i, ()) if en.token_sentence[link.en] in allowed]
        trigger = _trigger_span(en, hits)
        if trigger is None:
            links.append({"vi": ev["id"], "en": None, "score": 0.0})
            continue
        first, last, score = trigger
        start, end = en.tokens[first]["start"], en.tokens[last]["end"]
        arguments = []
        for arg in ev["arguments"]:
            target = entity_map.get(arg["entity"]) or _named_core(arg["entity"], vi_entities, entity_map)
            if target is not None and not any(a["role"] == arg["role"] and a["entity"] == target for a in arguments):
                record = {"role": arg["role"], "entity": target}
                if "score" in arg:
                    record["score"] = arg["score"]
                arguments.append(record)
        en_event = {
            "id": f"P{len(events) + 1}",
            "type": ev["type"],
            "trigger": {"start": start, "end": end, "text": en.text[start:end]},
            "arguments": arguments,
            "modality": ev["modality"],
            "source": "projected",
            "score": round(score, 4),
            "sentence": en.token_sentence[first],
        }
        events.append(en_event)
        links.append({"vi": ev["id"], "en": en_event["id"], "score": round(score, 4)})
    return events, links


def _named_core(entity_id: str, vi_entities: dict[str, dict[str, Any]], entity_map: dict[str, str]) -> str | None:
    """The English entity of the person an unnamed argument names with a title or form of address, when the argument
    itself has none: "ông Tôn Đức Thắng" (OTHER) ends with "Tôn Đức Thắng" (PER), linked to "Ton Duc Thang", where
    the translation has no "Mr", and the English election lost its Person (issue 12, evd20). Only a person's name
    that ends the phrase: the name is then its referent; a place in "các đơn vị quân Nga" is not (GUIDELINES E5.2:
    the units are, and "Russian" is no Attacker)."""
    outer = vi_entities.get(entity_id)
    if outer is None or outer["label"] != "OTHER":
        return None
    for e in vi_entities.values():
        if e["label"] == "PER" and e["end"] == outer["end"] and outer["start"] < e["start"] and e["id"] in entity_map:
            return entity_map[e["id"]]
    return None


def _trigger_span(en: LayerView, hits: list[TokenLink]) -> tuple[int, int, float] | None:
    if not hits:
        return None
    best: dict[int, float] = {}
    for link in hits:
        best[link.en] = max(best.get(link.en, 0.0), link.score)
    content = {j: s for j, s in best.items() if en.tokens[j].get("upos") in _CONTENT_UPOS} or best
    # Runs of adjacent tokens ("special forces"), the best-scored one wins.
    ordered = sorted(content)
    runs: list[list[int]] = [[ordered[0]]]
    for j in ordered[1:]:
        if j == runs[-1][-1] + 1 and len(runs[-1]) < MAX_TRIGGER_TOKENS:
            runs[-1].append(j)
        else:
            runs.append([j])
    run = max(runs, key=lambda r: (max(content[j] for j in r), len(r), -r[0]))
    return run[0], run[-1], max(content[j] for j in run)

"""Small views of one layer (``doc["vi"]`` or ``doc["en"]``) of our JSON shared by the writers."""

from __future__ import annotations

from typing import Any


def get_layer(doc: dict[str, Any], lang: str) -> dict[str, Any]:
    """``doc[lang]``, or a ValueError naming the document when it has no such layer."""
    if lang not in ("vi", "en"):
        raise ValueError(f"unknown layer {lang!r} (vi or en)")
    layer = doc.get(lang)
    if layer is None:
        raise ValueError(f"document {doc.get('id', '?')!r} has no {lang!r} layer")
    return layer


def sentence_token_ranges(layer: dict[str, Any]) -> list[tuple[int, int]]:
    """``[first, last+1)`` token ranges of the layer's sentences, every token in exactly one.

    Uses a sentence's ``tokens`` range when it has one, else the tokens that
    start inside it. Tokens outside every sentence (the contract allows it)
    form one more range at the end rather than being lost.
    """
    tokens = layer["tokens"]
    ranges: list[tuple[int, int]] = []
    done = 0
    for sent in layer["sentences"]:
        if "tokens" in sent:
            first, stop = sent["tokens"]
        else:
            first = stop = done
            while stop < len(tokens) and tokens[stop]["start"] < sent["end"]:
                stop += 1
        first = max(first, done)
        if stop > first:
            if first > done:  # tokens between two sentences
                ranges.append((done, first))
            ranges.append((first, stop))
            done = stop
    if done < len(tokens):
        ranges.append((done, len(tokens)))
    return ranges


def bio_tags(layer: dict[str, Any], labels=None, scheme: str = "BIO") -> tuple[list[str], list[dict[str, Any]]]:
    """One NER tag per token of ``layer``, and the entities that could not be tagged.

    A tag sequence labels each token once, so it cannot hold overlapping
    entities, nor entities whose edges fall inside a token. Entities are placed
    longest first (the outermost wins, as in CoNLL-2003 and VLSP's main
    column); one that overlaps an entity already placed, or that does not start
    and end on token boundaries, is returned as dropped: nothing is stretched
    to fit. ``labels`` selects the entity labels (default: all but ``OTHER``,
    which marks event arguments, not named entities).
    """
    keep = set(labels) if labels is not None else {"PER", "LOC", "ORG", "MISC", "DATE", "NUM"}
    tokens = layer["tokens"]
    starts = {tok["start"]: i for i, tok in enumerate(tokens)}
    ends = {tok["end"]: i for i, tok in enumerate(tokens)}
    tags = ["O"] * len(tokens)
    dropped = []
    for ent in sorted(
        (e for e in layer["entities"] if e["label"] in keep), key=lambda e: (-(e["end"] - e["start"]), e["start"])
    ):
        first, last = starts.get(ent["start"]), ends.get(ent["end"])
        if first is None or last is None or any(t != "O" for t in tags[first : last + 1]):
            dropped.append(ent)
            continue
        tags[first : last + 1] = _encode(ent["label"], last + 1 - first, scheme)
    return tags, dropped


def _encode(label: str, n: int, scheme: str) -> list[str]:
    scheme = scheme.upper()
    if scheme in ("BIO", "IOB2"):
        return [f"B-{label}"] + [f"I-{label}"] * (n - 1)
    if scheme == "IOBES":
        return [f"S-{label}"] if n == 1 else [f"B-{label}"] + [f"I-{label}"] * (n - 2) + [f"E-{label}"]
    raise ValueError(f"cannot write scheme {scheme!r} (BIO or IOBES)")

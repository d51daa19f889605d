"""Candidate entities: what each evidence component proposes, before merging.

Evidence components (the CRF, the rules, the gazetteers, a trained model)
never write ``doc.ents``: each puts its proposals into its own span group,
``doc.spans["ner:<source>"]`` (``ner:crf``, ``ner:rules:date`` ...), and the
merging component (:mod:`pipeline.vi.ner.merge`) decides what becomes an
entity. The groups stay on the ``Doc`` afterwards, so a user can see what
every component proposed (``displacy.render(doc, style="span",
options={"spans_key": "ner:crf"})``).

spaCy keys span extension values by character offsets only, so two proposals
of the same span would share ``span._.value``; a proposal's normalised value is
therefore kept in its group's ``attrs["values"]`` (``"start:end" -> value``).

A rule matches characters, and the word it matched may be glued to its
neighbour by the segmenter ("Đại kiện"): the group's span is then widened to
whole tokens, and the exact characters are kept in ``attrs["exact"]``
(``"first_token:end_token:label" -> [start_char, end_char]``) so that the merge
can cut the token instead of widening the entity.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from spacy.tokens import Doc, Span

PREFIX = "ner:"


@dataclass
class Candidate:
    span: Span  # whole tokens
    source: str
    value: Any = None
    start_char: int = -1  # the exact characters proposed (default: the span's)
    end_char: int = -1
    original_label: str | None = None  # set when the merge relabels it

    def __post_init__(self):
        if self.start_char < 0:
            self.start_char, self.end_char = self.span.start_char, self.span.end_char

    @property
    def label(self) -> str:
        return self.span.label_


def char_to_span(doc: Doc, start: int, end: int, label: str, text: str | None = None) -> Span | None:
    """The token span covering characters ``[start, end)``.

    Exact when the characters fall on token boundaries; otherwise widened to
    whole tokens (``alignment_mode="expand"``), since a segmenter may glue a
    name to its neighbour. ``None`` for an empty or whitespace-only range.
    """
    text = doc.text if text is None else text
    if end <= start or not text[start:end].strip():
        return None
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def propose(doc: Doc, source: str, items: Iterable[tuple[int, int, str] | tuple[int, int, str, Any]]) -> list[Span]:
    """Add proposals ``(start_char, end_char, label[, value])`` as ``doc.spans["ner:" + source]``."""
    key = PREFIX + source
    group = doc.spans[key] if key in doc.spans else None
    spans = list(group) if group is not None else []
    values = dict(group.attrs.get("values", {})) if group is not None else {}
    exact = dict(group.attrs.get("exact", {})) if group is not None else {}
    seen = {(s.start, s.end, s.label_) for s in spans}
    text = doc.text
    for item in items:
        start, end, label, *rest = item
        span = char_to_span(doc, start, end, label, text)
        if span is None or (span.start, span.end, label) in seen:
            continue
        seen.add((span.start, span.end, label))
        spans.append(span)
        if rest and rest[0] is not None:
            values[f"{span.start_char}:{span.end_char}"] = rest[0]
        if (span.start_char, span.end_char) != (start, end):
            exact[f"{span.start}:{span.end}:{label}"] = [start, end]
    doc.spans[key] = spans
    doc.spans[key].attrs["values"] = values
    doc.spans[key].attrs["exact"] = exact
    return spans


def candidates(doc: Doc) -> list[Candidate]:
    """Every proposal on ``doc``, from every ``ner:*`` span group."""
    out = []
    for key in sorted(k for k in doc.spans if k.startswith(PREFIX)):
        group = doc.spans[key]
        values = group.attrs.get("values", {})
        exact = group.attrs.get("exact", {})
        for span in group:
            s, e = exact.get(f"{span.start}:{span.end}:{span.label_}", (span.start_char, span.end_char))
            out.append(Candidate(span, key[len(PREFIX):], values.get(f"{span.start_char}:{span.end_char}"), s, e))
    return out

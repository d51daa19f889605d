"""Candidate entities: what each evidence component proposes, before merging.

Evidence components (the CRF, the rules, the gazetteers, a trained model)
never write ``doc.ents``: each puts its proposals into its own span group,
``doc.spans["ner:<source>"]`` (``ner:crf``, ``ner:rules:date`` ...), and the
merging component (:mod:`pipeline.vi.ner.merge`) decides what becomes an
entity. The groups stay on the ``Doc`` afterwards, so a user can see what
every component proposed (``displacy.render(doc, style="span",
options={"spans_key": "ner:crf"})``).

A rule matches characters, and the word it matched may be glued to its
neighbour by the segmenter ("Đại kiện", "10 - 15"): the group's span is then
widened to whole tokens, and the exact characters are kept, so that the merge
can cut the token instead of widening the entity. Each group's
``attrs["proposals"]`` holds, in the order of its spans, ``[start_char,
end_char, value]``: the exact characters and the normalised value (spaCy keys
span extension values by character offsets, so two proposals widened to the
same span could not keep apart their values in ``span._.value``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span

from pipeline.docmodel import doc_text, register_extensions
from pipeline.vi.ner.view import SyllableView, sentences

PREFIX = "ner:"


@dataclass(slots=True)  # (one per proposal, made by the typer and the merge: no __dict__ each)
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
    text = doc_text(doc) if text is None else text
    if end <= start or not text[start:end].strip():
        return None
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def propose(doc: Doc, source: str, items: Iterable[tuple[int, int, str] | tuple[int, int, str, Any]]) -> list[Span]:
    """Add proposals ``(start_char, end_char, label[, value])`` as ``doc.spans["ner:" + source]``."""
    key = PREFIX + source
    group = doc.spans.get(key, None)
    spans = list(group) if group is not None else []
    records = list(group.attrs.get("proposals", [])) if group is not None else []
    seen = {(r[0], r[1], span.label_) for r, span in zip(records, spans)}
    text = doc_text(doc)
    for item in items:
        start, end, label, *rest = item
        span = char_to_span(doc, start, end, label, text)
        if span is None or (start, end, label) in seen:
            continue
        seen.add((start, end, label))
        spans.append(span)
        records.append([start, end, rest[0] if rest else None])
    doc.spans[key] = spans
    doc.spans[key].attrs["proposals"] = records
    return spans


def propose_matches(doc: Doc, source: str, find: Callable[[SyllableView], Iterable[tuple]]) -> list[Span]:
    """Run a syllable rule over every sentence and line of ``doc`` and propose what it finds.

    ``find(view)`` yields ``(first_syllable, end_syllable, label[, value])`` in one
    :class:`~pipeline.vi.ner.view.SyllableView`; each match is proposed from its first
    syllable's first character to its last syllable's last (see :func:`propose`).
    """
    found = []
    for view in sentences(doc):
        for i, j, *rest in find(view):
            found.append((view[i].start, view[j - 1].end, *rest))
    return propose(doc, source, found)


class Taken:
    """Half-open ranges taken one by one, each unless it overlaps one taken before (``start < e and s < end``).

    The merge and the typer take their choices in order of preference; asking every range taken so far
    is quadratic in a document's proposals. Taken ranges that are not empty never overlap, so sorted by
    their starts their ends are sorted too, and the one range that can overlap a new one is the last
    starting before the new one's end: found by bisection. (An empty range overlaps what strictly holds
    its point; once one is taken, every range is compared with every one taken, as before.)
    """

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._empty = False

    def take(self, start: int, end: int) -> bool:
        """Take ``[start, end)`` if it overlaps no range taken before; whether it was taken."""
        starts, ends = self._starts, self._ends
        if self._empty or end <= start:
            if any(start < e and s < end for s, e in zip(starts, ends)):
                return False
            self._empty = self._empty or end <= start
            starts.append(start)
            ends.append(end)
            return True
        k = bisect_left(starts, end)
        if k and ends[k - 1] > start:
            return False
        starts.insert(k, start)
        ends.insert(k, end)
        return True


class RuleComponent:
    """A spaCy component that proposes, under ``source``, what ``rule.find(view)`` finds.

    The gazetteers, the organisation patterns and the title rule differ only in
    their rule object; ``songngu_meta`` (model name and version for the JSON) is
    given here or set by the factory.
    """

    def __init__(self, rule: Any, source: str, meta: dict[str, str] | None = None):
        register_extensions()
        self.rule, self.source = rule, source
        if meta is not None:
            self.songngu_meta = meta

    def __call__(self, doc: Doc) -> Doc:
        propose_matches(doc, self.source, self.rule.find)
        return doc


def candidates(doc: Doc) -> list[Candidate]:
    """Every proposal on ``doc``, from every ``ner:*`` span group."""
    out = []
    for key in sorted(k for k in doc.spans if k.startswith(PREFIX)):
        group = doc.spans[key]
        records = group.attrs.get("proposals") or [[s.start_char, s.end_char, None] for s in group]
        for span, (start, end, value) in zip(group, records):
            out.append(Candidate(span, key[len(PREFIX) :], value, start, end))
    return out

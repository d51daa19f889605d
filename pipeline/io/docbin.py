"""Export to spaCy: one ``Doc`` per document in a ``DocBin`` (``.spacy``), the format ``spacy train`` reads.

Our words become the Doc's tokens with their spaces inside (``Liên bang``);
any other whitespace between words (a paragraph break, a double space) becomes
a whitespace token, spaCy's own convention, so ``doc.text`` is exactly our text
and every character offset is unchanged. ``token.tag_`` is the VLSP (or PTB)
tag, ``token.pos_`` the UPOS, sentence starts are set, ``doc.ents`` holds the
named entities that do not overlap (outermost first), ``doc.spans["entities"]``
all of them, and ``doc.spans["arguments"]`` the ``OTHER`` event arguments, as
in the pipeline's own ``Doc``. Entity values and sources are the span
extensions ``span._.value``, ``span._.source`` (and ``score``,
``original_label``, ``flags``) of :mod:`pipeline.docmodel`. Events are plain
data in ``doc.user_data["songngu"]["events"]`` with character offsets (the
pipeline's ``doc._.events`` holds Python objects that a DocBin cannot store).
Load with::

    DocBin().from_disk(path).get_docs(spacy.blank("vi").vocab)
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pipeline.io.files import atomic_file
from pipeline.io.layer import bio_tags, get_layer, sentence_token_ranges

SPACE_TAG = "_SP"  # the tag spaCy's English models give whitespace tokens


def to_spacy_doc(doc: dict[str, Any], vocab, layer: str = "vi"):
    """A spaCy ``Doc`` of one layer of our document (see the module docstring)."""
    return _spacy_doc(doc, vocab, layer)[0]


def _spacy_doc(doc: dict[str, Any], vocab, layer: str):
    """:func:`to_spacy_doc`'s ``Doc``, and how many named entities ``doc.ents`` could not hold (overlapping or
    off-token: they are in ``doc.spans["entities"]`` only)."""
    from spacy.tokens import Doc

    from pipeline.docmodel import register_extensions

    register_extensions()  # span._.source, span._.value, ... as the pipeline's own Doc has them
    data = get_layer(doc, layer)
    text, tokens = data["text"], data["tokens"]
    sentence_first = {first for first, _ in sentence_token_ranges(data)}
    words, spaces, tags, pos, lemmas, sent_starts = [], [], [], [], [], []

    def add_gap(gap: str) -> None:
        # The gap before the next word: one space is the previous word's
        # trailing space; anything else is a token of its own.
        if not gap:
            return
        if words and gap.startswith(" ") and not spaces[-1]:
            spaces[-1] = True
            gap = gap[1:]
            if not gap:
                return
        is_space = gap.isspace()
        words.append(gap)
        spaces.append(False)
        tags.append(SPACE_TAG if is_space else "X")
        pos.append("SPACE" if is_space else "X")
        lemmas.append(gap)
        sent_starts.append(len(words) == 1)  # whitespace opening the text starts the first sentence

    previous_end = 0
    for i, tok in enumerate(tokens):
        add_gap(text[previous_end : tok["start"]])
        words.append(tok["text"])
        spaces.append(False)
        tags.append(tok.get("pos") or "")
        pos.append(tok.get("upos") or "")
        lemmas.append(tok.get("lemma") or "")
        sent_starts.append(i in sentence_first or len(words) == 1)
        previous_end = tok["end"]
    add_gap(text[previous_end:])

    sdoc = Doc(vocab, words=words, spaces=spaces, sent_starts=sent_starts)
    for token, tag, upos, lemma in zip(sdoc, tags, pos, lemmas):  # set one by one: some may be absent
        if tag:
            token.tag_ = tag
        if upos:
            token.pos_ = upos
        if lemma:
            token.lemma_ = lemma
    assert sdoc.text == text, "spaCy Doc text differs from the layer's text"  # guaranteed by add_gap

    def span(ent: dict[str, Any]):
        s = sdoc.char_span(ent["start"], ent["end"], label=ent["label"])
        if s is not None:
            for name in ("source", "value", "score", "original_label", "flags"):
                if ent.get(name) is not None:
                    setattr(s._, name, ent[name])
        return s

    _, dropped = bio_tags(data)
    dropped_ids = {e["id"] for e in dropped}
    named = [e for e in data["entities"] if e["label"] != "OTHER"]
    sdoc.ents = [s for e in named if e["id"] not in dropped_ids and (s := span(e)) is not None]
    sdoc.spans["entities"] = [s for e in named if (s := span(e)) is not None]
    sdoc.spans["arguments"] = [s for e in data["entities"] if e["label"] == "OTHER" and (s := span(e)) is not None]
    by_id = {e["id"]: e for e in data["entities"]}
    sdoc.user_data["songngu"] = {
        "id": doc["id"],
        "layer": layer,
        "events": [
            {
                "id": ev["id"],
                "type": ev["type"],
                "modality": ev["modality"],
                "trigger": [ev["trigger"]["start"], ev["trigger"]["end"]],
                "arguments": [
                    {
                        "role": a["role"],
                        "label": by_id[a["entity"]]["label"],
                        "start": by_id[a["entity"]]["start"],
                        "end": by_id[a["entity"]]["end"],
                    }
                    for a in ev["arguments"]
                ],
            }
            for ev in data["events"]
        ],
    }
    return sdoc, len(dropped)


def write_docbin(
    docs: Iterable[dict[str, Any]], path: str | Path, layer: str = "vi", not_in_ents: dict[str, int] | None = None
) -> int:
    """Write our documents into one ``.spacy`` file; returns how many were written. ``not_in_ents``, if given,
    gets the count of named entities ``doc.ents`` could not hold, by document id (documents with none left out)."""
    import spacy
    from spacy.tokens import DocBin

    vocab = spacy.blank("vi" if layer == "vi" else "en").vocab
    docbin = DocBin(store_user_data=True)
    n = 0
    for doc in docs:
        sdoc, lost = _spacy_doc(doc, vocab, layer)
        docbin.add(sdoc)
        if lost and not_in_ents is not None:
            not_in_ents[doc["id"]] = lost
        n += 1
    # What DocBin.to_disk writes (and its error for a corpus too large for msgpack), but
    # through a temp file renamed into place.
    try:
        data = docbin.to_bytes()
    except ValueError:
        from spacy.errors import Errors

        raise ValueError(Errors.E870) from None
    with atomic_file(Path(path)) as handle:
        handle.write(data)
    return n

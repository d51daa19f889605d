"""spaCy components that make ``en_core_web_sm`` produce the contract's English layer.

``songngu_en_sentences`` (after spaCy's ``senter``)
    Sentence boundaries the statistical model gets wrong on encyclopaedic text:
    a line break always ends a sentence (titles, paragraphs); a citation marker
    (``[29]``) or a closing quote after a full stop belongs to the sentence it
    closes, and the capitalised word after it starts the next one. When the text
    is machine translation, the boundaries of the translated sentences are given
    (``doc.user_data["songngu_sentence_starts"]``, character offsets) and are the
    only ones: MT output is 1-1 with the Vietnamese sentences by construction.

``songngu_en_entities`` (after ``ner``)
    OntoNotes labels mapped onto PER/LOC/ORG/MISC/DATE/NUM (the original kept
    in ``span._.original_label``), ``span._.source`` and a normalised
    ``span._.value`` for DATE/NUM; spans trimmed of a leading "the" and of the
    whitespace, punctuation and citation markers the tokenizer sometimes leaves
    at their edges.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.docmodel import register_extensions
from pipeline.en.values import ONTONOTES_TO_CONTRACT, entity_value

register_extensions()

SENTENCE_STARTS_KEY = "songngu_sentence_starts"

_CITATION = re.compile(r"^\[\d+\]$")
_FINAL = {".", "!", "?", "...", "…"}
_CLOSERS = {'"', "”", "’", "'", ")", "»"}


def _is_citation(text: str) -> bool:
    return bool(_CITATION.match(text))


@Language.factory("songngu_en_sentences")
def make_sentence_fixer(nlp: Language, name: str):
    return _sentence_fixer


def _sentence_fixer(doc: Doc) -> Doc:
    forced = doc.user_data.get(SENTENCE_STARTS_KEY)
    if forced is not None:
        starts = set(forced)
        for tok in doc:
            if tok.i > 0:
                # A token that begins inside the whitespace after a translation starts the next one too.
                tok.is_sent_start = tok.idx in starts and not tok.is_space
        return doc
    for i in range(1, len(doc)):
        tok, prev = doc[i], doc[i - 1]
        if prev.is_space and "\n" in prev.text and not tok.is_space:
            tok.is_sent_start = True
        elif tok.is_space or _is_citation(tok.text) or (tok.text in _CLOSERS and prev.text in _FINAL):
            tok.is_sent_start = False
        elif (_is_citation(prev.text) or prev.text in _CLOSERS) and tok.is_title and i >= 2 and (
            doc[i - 2].text in _FINAL or doc[i - 2].text in _CLOSERS or _is_citation(doc[i - 2].text)
        ):
            tok.is_sent_start = True
    return doc


@Language.factory("songngu_en_entities", default_config={"source": "spacy:en_core_web_sm"})
def make_entity_mapper(nlp: Language, name: str, source: str):
    return _EntityMapper(source)


class _EntityMapper:
    def __init__(self, source: str):
        self.source = source

    def __call__(self, doc: Doc) -> Doc:
        mapped = []
        for ent in doc.ents:
            start, end = ent.start, ent.end
            # Trim what is never part of a name, a date or a number at the edges.
            while start < end and (_is_edge_junk(doc[start]) or (doc[start].lower_ == "the" and end - start > 1)):
                start += 1  # "the Soviet Union" -> "Soviet Union", as in CoNLL and our gold
            while end > start and _is_edge_junk(doc[end - 1]):
                end -= 1
            if start == end or not any(c.isalnum() for c in doc[start:end].text):
                continue
            label = ONTONOTES_TO_CONTRACT.get(ent.label_, "MISC")
            span = Span(doc, start, end, label=label)
            span._.original_label = ent.label_
            span._.source = self.source
            value = entity_value(label, span.text)
            if value is not None:
                span._.value = value
            mapped.append(span)
        doc.ents = mapped
        return doc


def _is_edge_junk(tok) -> bool:
    return tok.is_space or _is_citation(tok.text) or (tok.is_punct and tok.text not in ("-",))

"""underthesea's 2017 CRF entity recogniser as a spaCy component.

The model tags PER, LOC, ORG and MISC with BIO tags over words, POS and chunks.
Its spans are proposals (``doc.spans["ner:crf"]``, see
:mod:`pipeline.vi.ner.candidates`); ``songngu_ner_merge`` turns them into
``doc.ents`` (with ``repair = false`` and no other component, exactly the CRF's
output, source ``crf``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.docmodel import register_extensions
from pipeline.vi import underthesea_models
from pipeline.vi.ner.candidates import propose

SOURCE = "crf"


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) token spans from BIO tags; a stray I- starts a span."""
    spans, start, label = [], None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, typ = tag.partition("-")
        if start is not None and (prefix != "I" or typ != label):
            spans.append((start, i, label))
            start = label = None
        if prefix in ("B", "I") and start is None:
            start, label = i, typ
    return spans


class CrfNer:
    songngu_meta = {"model": "underthesea-crf-ner-2017", "version": underthesea_models.VERSION}

    def __init__(self):
        register_extensions()

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        """Load the model now (spaCy calls this from ``nlp.initialize()``), not on the first text."""
        underthesea_models.model("ner")

    def __call__(self, doc: Doc) -> Doc:
        found = []
        for sent in doc.sents:
            tokens = [tok for tok in sent if not tok.is_space]
            tags = underthesea_models.ner_tags(
                [t.text for t in tokens], [t.tag_ for t in tokens], [t._.chunk or "O" for t in tokens]
            )
            for start, end, label in bio_spans(tags):
                found.append((tokens[start].idx, tokens[end - 1].idx + len(tokens[end - 1].text), label))
        propose(doc, SOURCE, found)
        return doc


@Language.factory("songngu_ner_crf", requires=["doc.sents", "token.tag", "token._.chunk"], assigns=["doc.spans"])
def create_crf_ner(nlp: Language, name: str):
    return CrfNer()

"""POS tags and phrase chunks for Vietnamese words.

Sets ``token.tag_`` (VLSP 2013 tag: N, Np, V, ..., from underthesea's CRF),
``token.pos_`` (Universal POS, from the words and those VLSP tags: see
:mod:`pipeline.vi.upos`) and ``token._.chunk`` (B-NP, I-VP, ...; underthesea's
chunker; the entity recogniser's features use it). Each model runs once per
sentence, on features built in linear time (:mod:`pipeline.vi.crf_features`);
the chunker reuses the POS tagger's.

Config (``[components.tagger]`` in ``default.cfg``): ``upos = "crf"`` (the model
in ``models/upos/``), ``"table"`` (the majority table, no model needed) or a
model directory; ``chunk = false`` skips the chunker.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.docmodel import register_extensions
from pipeline.vi import underthesea_models
from pipeline.vi.upos import load_upos


class Tagger:
    def __init__(self, upos: str = "crf", chunk: bool = True):
        register_extensions()
        self.chunk = chunk
        self.upos = load_upos(upos)
        # Two records in the JSON's pipeline.components: the VLSP tagger and
        # chunker, and the UPOS model (a retrained one gets a new version).
        self.songngu_meta = [
            {
                "model": "underthesea-crf-pos-2017" + ("+chunk-2017" if chunk else ""),
                "version": underthesea_models.VERSION,
            },
            {"name": "upos", **self.upos.meta},
        ]

    def __call__(self, doc: Doc) -> Doc:
        for sent in doc.sents:
            tokens = [tok for tok in sent if not tok.is_space]
            words = [tok.text for tok in tokens]
            # One feature cache per sentence: the chunker reuses the POS tagger's word features.
            features = underthesea_models.sentence_features(words)
            tags = underthesea_models.pos_tags(words, features)
            upos = self.upos.tag(words, tags)
            chunks = underthesea_models.chunk_tags(words, tags, features) if self.chunk else [None] * len(words)
            for tok, tag, pos, chunk in zip(tokens, tags, upos, chunks):
                tok.tag_ = tag
                tok.pos_ = pos
                tok._.chunk = chunk
        return doc


@Language.factory("songngu_vi_tagger", default_config={"upos": "crf", "chunk": True})
def create_tagger(nlp: Language, name: str, upos: str, chunk: bool):
    return Tagger(upos=upos, chunk=chunk)

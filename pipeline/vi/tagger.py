"""POS tags and phrase chunks for Vietnamese words (underthesea's CRF models).

Sets ``token.tag_`` (VLSP 2013 tag: N, Np, V, ...), ``token.pos_`` (Universal POS,
mapped through ``upos.tsv``) and ``token._.chunk`` (B-NP, I-VP, ...; the
entity recogniser's features use it). Each model runs once per sentence.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.docmodel import register_extensions
from pipeline.vi import underthesea_models


@lru_cache(maxsize=1)
def upos_map() -> dict[str, str]:
    """VLSP tag -> UPOS, from the data file shipped beside this module."""
    table = {}
    for line in files(__package__).joinpath("upos.tsv").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            tag, upos, *_ = line.split("\t")
            table[tag] = upos
    return table


def to_upos(tag: str) -> str:
    return upos_map().get(tag, "X")


class Tagger:
    songngu_meta = {"model": "underthesea-crf-pos-2017+chunk-2017", "version": underthesea_models.VERSION}

    def __init__(self, chunk: bool = True):
        register_extensions()
        self.chunk = chunk

    def __call__(self, doc: Doc) -> Doc:
        for sent in doc.sents:
            tokens = [tok for tok in sent if not tok.is_space]
            words = [tok.text for tok in tokens]
            tags = underthesea_models.pos_tags(words)
            chunks = underthesea_models.chunk_tags(words, tags) if self.chunk else [None] * len(words)
            for tok, tag, chunk in zip(tokens, tags, chunks):
                tok.tag_ = tag
                tok.pos_ = to_upos(tag)
                tok._.chunk = chunk
        return doc


@Language.factory("songngu_vi_tagger", default_config={"chunk": True})
def create_tagger(nlp: Language, name: str, chunk: bool):
    return Tagger(chunk=chunk)

"""The two part-of-speech tag sets the pipeline speaks, written once.

* VLSP 2013 (underthesea's tag set): the Vietnamese tagger's ``token.tag_``;
  underthesea's CRF outputs 20 of these, and everything that maps or checks
  VLSP tags covers all of them, so that any VLSP tagger's output is understood.
* Universal POS (UD v2): ``token.pos_``, what the UPOS mappers output.

Frozen sets: every use is a membership test or a set operation, never an order.
"""

from __future__ import annotations

VLSP_TAGS = frozenset(
    [
        "N",
        "Np",
        "Nc",
        "Nu",
        "Ny",
        "Nb",
        "V",
        "Vb",
        "Vy",
        "A",
        "Ab",
        "P",
        "R",
        "L",
        "M",
        "E",
        "C",
        "Cc",
        "I",
        "T",
        "X",
        "Y",
        "Z",
        "S",
        "FW",
        "CH",
    ]
)

UPOS_TAGS = frozenset(
    [
        "ADJ",
        "ADP",
        "ADV",
        "AUX",
        "CCONJ",
        "DET",
        "INTJ",
        "NOUN",
        "NUM",
        "PART",
        "PRON",
        "PROPN",
        "PUNCT",
        "SCONJ",
        "SYM",
        "VERB",
        "X",
    ]
)

"""``songngu evaluate --run``: annotate the gold documents' own text, then score that.

Only the Vietnamese pipeline runs (what the gold of ws, pos, ner and events
measures); the text each gold document is annotated from is the one the gold
offsets refer to (for CoNLL-U: the sentences' ``# text`` joined by newlines).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipeline.evaluate.documents import EvalDoc, from_json


def annotate_gold(
    gold: Sequence[EvalDoc], vi_config: str | None = None, overrides: dict[str, Any] | None = None
) -> list[EvalDoc]:
    """One predicted :class:`EvalDoc` per gold document, from the default (or configured) Vietnamese pipeline."""
    from pipeline.io.jsondoc import layer_from_doc
    from pipeline.vi import load_vi

    nlp = load_vi(vi_config, overrides)
    out = []
    for g, doc in zip(gold, nlp.pipe(g.vi.text for g in gold)):
        layer = layer_from_doc(doc, "vi")
        out.append(from_json({"id": g.id, "vi": layer, "en": None, "alignments": None}, path="pipeline run"))
    return out

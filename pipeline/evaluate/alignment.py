"""Cross-lingual alignment: entity links and word links.

Entity alignment: precision, recall and F1 of (Vietnamese entity span, English
entity span) links. Links match on the spans of both ends, not on ids, since
gold and prediction number their entities independently; a link to nothing
(``"en": null``) is not a link.

Word alignment: the alignment error rate of Och & Ney (2003) against gold with
sure (S) and possible (P) links, S ⊆ P:
``AER = 1 - (|A∩S| + |A∩P|) / (|A| + |S|)``, with precision |A∩P|/|A| and
recall |A∩S|/|S|. Gold links are sure unless marked ``"sure": false``. Word
links match on the spans of their two tokens, so a prediction tokenised
differently from the gold loses the links of the words it splits or merges.
"""

from __future__ import annotations

from pipeline.evaluate.bootstrap import (
    AER,
    PRF,
    Bootstrap,
    Units,
    aer_statistic,
    prf_statistic,
)
from pipeline.evaluate.documents import EvalDoc
from pipeline.evaluate.spans import add_counts


def evaluate_alignment(gold: list[EvalDoc], pred: list[EvalDoc], units: Units, boot: Bootstrap) -> dict:
    out = {}
    if any(g.entity_links is not None for g in gold):
        counts = units.zeros(3)
        for d, (g, p) in enumerate(zip(gold, pred)):
            add_counts(counts, g.entity_links or [], p.entity_links or [], lambda link, d=d: units.of(d, link[0][0]))
        out["entities"] = boot.figure(counts, prf_statistic, PRF)
    if any(g.token_links for g in gold):
        counts = units.zeros(4)
        for d, (g, p) in enumerate(zip(gold, pred)):
            sure = {(v, e) for v, e, is_sure in g.token_links or [] if is_sure}
            possible = {(v, e) for v, e, _ in g.token_links or []} | sure
            predicted = {(v, e) for v, e, _ in p.token_links or []}
            for link in predicted:
                row = counts[units.of(d, link[0][0])]
                row[0] += link in sure
                row[1] += link in possible
                row[2] += 1
            for link in sure:
                counts[units.of(d, link[0][0]), 3] += 1
        out["words"] = boot.figure(counts, aer_statistic, AER)
    return out

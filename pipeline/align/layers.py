"""Read-only views of a contract layer (``doc["vi"]`` / ``doc["en"]``) for the aligners.

The aligners take layers as JSON-shaped dicts, so that they work on the
pipeline's own output and on annotations made elsewhere. This module answers the
questions every aligner asks of a layer: which tokens are in sentence ``k``,
which tokens an entity covers, what a token's comparable form is.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any


@dataclass
class LayerView:
    layer: dict[str, Any]
    lang: str
    #: token index range [first, last+1) of each sentence
    sentence_tokens: list[tuple[int, int]] = field(init=False)
    #: sentence index of each token (-1 for a token outside every sentence)
    token_sentence: list[int] = field(init=False)

    def __post_init__(self) -> None:
        tokens, sentences = self.layer["tokens"], self.layer["sentences"]
        self._starts = [t["start"] for t in tokens]
        self._ends = [t["end"] for t in tokens]
        self.sentence_tokens = []
        for s in sentences:
            if "tokens" in s:
                self.sentence_tokens.append((s["tokens"][0], s["tokens"][1]))
            else:
                first = bisect.bisect_left(self._starts, s["start"])
                last = bisect.bisect_left(self._starts, s["end"])
                self.sentence_tokens.append((first, last))
        self.token_sentence = [-1] * len(tokens)
        for k, (first, last) in enumerate(self.sentence_tokens):
            for i in range(first, min(last, len(tokens))):
                self.token_sentence[i] = k

    @property
    def text(self) -> str:
        return self.layer["text"]

    @property
    def tokens(self) -> list[dict[str, Any]]:
        return self.layer["tokens"]

    def token_text(self, i: int) -> str:
        return self.layer["tokens"][i]["text"]

    def token_lemma(self, i: int) -> str:
        tok = self.layer["tokens"][i]
        return tok.get("lemma") or tok["text"]

    def sentence_text(self, k: int) -> str:
        s = self.layer["sentences"][k]
        return self.text[s["start"] : s["end"]]

    def tokens_of_sentences(self, sentences: list[int]) -> list[int]:
        out: list[int] = []
        for k in sentences:
            first, last = self.sentence_tokens[k]
            out.extend(range(first, last))
        return out

    def span_tokens(self, start: int, end: int) -> list[int]:
        """Indices of the tokens that overlap the character span [start, end)."""
        first = bisect.bisect_right(self._ends, start)
        out = []
        for i in range(first, len(self._starts)):
            if self._starts[i] >= end:
                break
            out.append(i)
        return out

    def is_sentence_initial(self, i: int) -> bool:
        k = self.token_sentence[i]
        return k >= 0 and self.sentence_tokens[k][0] == i

    def is_punct(self, i: int) -> bool:
        tok = self.layer["tokens"][i]
        if tok.get("upos") == "PUNCT" or tok.get("pos") in ("CH", "PUNCT"):
            return True
        return not any(c.isalnum() for c in tok["text"])

"""CoNLL-U reading, with each word located as a character span of the sentence text.

Word segmentation is scored on character spans (spaces ignored), so the reader
returns, for every sentence, its ``# text`` and the ``[start, end)`` code-point
offsets of each syntactic word in that text. Parsing itself is left to the
``conllu`` library; only the offset recovery is ours.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import conllu


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    form: str
    upos: str
    xpos: str


@dataclass(frozen=True)
class Sentence:
    sent_id: str
    text: str
    words: tuple[Word, ...] = field(default_factory=tuple)


class ConlluError(ValueError):
    """A CoNLL-U file whose words cannot be located in its ``# text``."""


def _locate(text: str, forms: list[str], where: str) -> list[tuple[int, int]]:
    """Find each form in ``text`` in order, skipping whitespace between them."""
    spans, pos = [], 0
    for form in forms:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if text.startswith(form, pos):
            spans.append((pos, pos + len(form)))
            pos += len(form)
            continue
        raise ConlluError(f"{where}: word {form!r} not found at offset {pos} of the sentence text")
    return spans


def read_conllu(path: str | Path) -> Iterator[Sentence]:
    """Yield the sentences of a CoNLL-U file with character-located words.

    Multiword-token ranges (``1-2``) and empty nodes (``1.1``) are skipped: the
    syntactic words are what segmentation and tagging are scored on. A sentence
    without ``# text`` gets the words joined by single spaces.
    """
    path = Path(path)
    with path.open(encoding="utf-8") as handle:
        for n, sent in enumerate(conllu.parse_incr(handle), start=1):
            words = [tok for tok in sent if isinstance(tok["id"], int)]
            forms = [tok["form"] for tok in words]
            text = sent.metadata.get("text", " ".join(forms))
            sent_id = sent.metadata.get("sent_id", str(n))
            spans = _locate(text, forms, f"{path}: sentence {sent_id}")
            yield Sentence(
                sent_id=sent_id,
                text=text,
                words=tuple(
                    Word(s, e, tok["form"], tok["upos"] or "_", tok["xpos"] or "_")
                    for (s, e), tok in zip(spans, words)
                ),
            )

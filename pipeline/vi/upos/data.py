"""Gold data for the UPOS mappers: CoNLL-U words with their UPOS, plus underthesea's VLSP tags."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.text.tagsets import UPOS_TAGS


class UposError(ValueError):
    """A UPOS model that cannot be loaded, or gold data that cannot be used."""


@dataclass(frozen=True)
class TaggedSentence:
    words: tuple[str, ...]
    vlsp: tuple[str, ...]  # underthesea's VLSP tags of these words
    upos: tuple[str, ...]  # gold


def read_gold(path: str | Path) -> list[TaggedSentence]:
    """The gold words and UPOS of a CoNLL-U file, each sentence tagged by underthesea's VLSP CRF.

    The VLSP tags are computed on the *gold* words, as the pipeline computes
    them on its own words, so a model trained on them sees the tagger's real
    errors.
    """
    from conllu.exceptions import ParseException

    from pipeline.io.conllu import ConlluError, read_conllu
    from pipeline.vi import underthesea_models

    path = Path(path)
    if not path.is_file():
        raise UposError(f"{path}: no such CoNLL-U file")
    out = []
    try:
        for sent in read_conllu(path):
            words = tuple(w.form for w in sent.words)
            upos = tuple(w.upos for w in sent.words)
            bad = sorted({t for t in upos if t not in UPOS_TAGS})
            if bad:
                raise UposError(f"{path}: sentence {sent.sent_id}: not Universal POS tags: {', '.join(bad)}")
            if words:
                out.append(TaggedSentence(words, tuple(underthesea_models.pos_tags(list(words))), upos))
    except UnicodeDecodeError as exc:
        raise UposError(f"{path}: not UTF-8 ({exc})") from exc
    except ConlluError as exc:  # its message names the file and sentence
        raise UposError(str(exc)) from exc
    except ParseException as exc:
        raise UposError(f"{path}: not CoNLL-U ({exc})") from exc
    if not out:
        raise UposError(f"{path}: no sentences with words")
    return out


def accuracy(mapper, sentences: Sequence[TaggedSentence]) -> tuple[int, int]:
    """(right, total): gold words whose UPOS ``mapper`` gets right, given the gold words and their VLSP tags."""
    right = total = 0
    for s in sentences:
        right += sum(p == g for p, g in zip(mapper.tag(s.words, s.vlsp), s.upos))
        total += len(s.words)
    return right, total

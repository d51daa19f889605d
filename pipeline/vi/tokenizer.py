"""The Vietnamese spaCy tokenizer: words from a segmenter, located in the text.

spaCy tokens usually never contain spaces; Vietnamese words do (``Liên bang``
is one word of two syllables). The segmenter returns character spans, so a
word is exactly ``text[start:end]`` and the Doc is built from those words plus
the whitespace between them. Runs of whitespace other than a single space
become spaCy's whitespace tokens (``token.is_space``), which the JSON writer
leaves out; nothing in the text is dropped or rewritten.
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab


class SegmenterTokenizer:
    def __init__(self, vocab: Vocab, segmenter: str = "crf"):
        from pipeline.vi.segmenter import load_segmenter

        self.vocab = vocab
        self.segmenter = load_segmenter(segmenter)

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for start, end in self.segmenter.segment(text):
            gap = text[pos:start]
            if gap:
                if gap == " " and words:
                    spaces[-1] = True
                else:
                    # A whitespace token holds the gap; the token before it keeps
                    # its own trailing space, as spaCy's tokenizer does.
                    if words and gap.startswith(" "):
                        spaces[-1] = True
                        gap = gap[1:]
                    words.append(gap)
                    spaces.append(False)
            words.append(text[start:end])
            spaces.append(False)
            pos = end
        tail = text[pos:]
        if tail:
            if words and tail.startswith(" "):
                spaces[-1] = True
                tail = tail[1:]
            if tail:
                words.append(tail)
                spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)

    # spaCy serialises tokenizers with nlp.to_disk; ours has no state of its own:
    # the segmenter is loaded again from its name.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> SegmenterTokenizer:
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> SegmenterTokenizer:
        return self


@registry.tokenizers("songngu.vi.SegmenterTokenizer.v1")
def create_tokenizer(segmenter: str = "crf"):
    def make(nlp):
        return SegmenterTokenizer(nlp.vocab, segmenter)

    return make

"""The Vietnamese spaCy tokenizer: words from a segmenter, located in the text.

spaCy tokens usually never contain spaces; Vietnamese words do (``Liên bang``
is one word of two syllables). The segmenter returns character spans, so a
word is exactly ``text[start:end]`` and the Doc is built from those words plus
the whitespace between them. Runs of whitespace other than a single space
become spaCy's whitespace tokens (``token.is_space``), which the JSON writer
leaves out; nothing in the text is dropped. Word separators other than the space
(a no-break space, a tab, a zero-width space) are written as spaces in the Doc,
one character for one, and the text as given is kept beside it
(:data:`pipeline.docmodel.TEXT_KEY`), for the JSON.
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from pipeline.docmodel import TEXT_KEY
from pipeline.spacy_data import CarriesDataFiles, DataFiles
from pipeline.vi.segmenter import Segmenter, load_segmenter
from pipeline.vi.segmenter.syllables import plain_spaces


class SegmenterTokenizer(CarriesDataFiles):
    """Words from a segmenter (``segmenter``: ``crf``, ``underthesea``, ``pyvi`` or a model directory).

    The segmenter is loaded by :meth:`initialize` (``pipeline.vi.load_vi`` calls
    it), by :meth:`from_disk` / :meth:`from_bytes` (``spacy.load`` of a saved
    pipeline: the saved copy of the model, not the one the config names), or
    else on first use. A CRF model travels with the pipeline: :meth:`to_disk`
    writes its files (model, word list, meta and model card).
    """

    def __init__(self, vocab: Vocab, segmenter: str = "crf"):
        self.vocab = vocab
        self.spec = segmenter
        self._segmenter: Segmenter | None = None
        self._data: DataFiles | None = None

    @property
    def segmenter(self) -> Segmenter:
        if self._segmenter is None:
            self.initialize()
        return self._segmenter

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        """Load the segmenter the config names (spaCy calls this from ``nlp.initialize()``)."""
        self._set(load_segmenter(self.spec))

    def _set(self, segmenter: Segmenter) -> None:
        from pipeline.vi.segmenter.crf import CrfSegmenter

        self._segmenter = segmenter
        if isinstance(segmenter, CrfSegmenter):
            self._data = DataFiles.from_folder(segmenter.model_dir, {"segmenter": "crf"})
        else:  # underthesea's and pyvi's come with their packages: the name is all there is to save
            self._data = DataFiles({"segmenter": segmenter.name})

    def __call__(self, text: str) -> Doc:
        given, text = text, plain_spaces(text)
        doc = self._doc(text)
        if text != given:
            doc.user_data[TEXT_KEY] = given
        return doc

    def _doc(self, text: str) -> Doc:
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

    # -- serialisation: the segmenter's model goes with the pipeline

    def _saved(self) -> DataFiles:
        self.segmenter  # noqa: B018  (loads it if nothing has yet)
        return self._data

    def _restore(self, data: DataFiles) -> SegmenterTokenizer:
        from pipeline.vi.segmenter.crf import CrfSegmenter

        kind = data.record.get("segmenter")
        if kind == "crf":
            segmenter = data.load(CrfSegmenter.load)
            segmenter.model_dir = None  # the temporary folder it was read from is gone
            self._segmenter, self._data = segmenter, data
        else:
            self._set(load_segmenter(kind))
        return self


@registry.tokenizers("songngu.vi.SegmenterTokenizer.v1")
def create_tokenizer(segmenter: str = "crf"):
    def make(nlp):
        return SegmenterTokenizer(nlp.vocab, segmenter)

    return make

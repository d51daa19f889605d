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
from pipeline.spacy_data import CarriesDataFiles, DataFiles
from pipeline.vi import underthesea_models
from pipeline.vi.upos import load_upos


class Tagger(CarriesDataFiles):
    """VLSP tags, chunks and UPOS per sentence.

    underthesea's CRFs come with its package; the UPOS model is loaded by
    :meth:`initialize`, or from the pipeline's saved copy by :meth:`from_disk`
    (which :meth:`to_disk` writes: the model directory, or the table), or else
    on first use.
    """

    def __init__(self, upos: str = "crf", chunk: bool = True):
        register_extensions()
        self.chunk = chunk
        self.upos_spec = upos
        self._upos = None
        self._data: DataFiles | None = None

    @property
    def upos(self):
        if self._upos is None:
            self.initialize()
        return self._upos

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        """Load the UPOS mapper the config names, and underthesea's CRFs (spaCy calls this from ``nlp.initialize()``)."""
        self._set(load_upos(self.upos_spec))
        underthesea_models.model("pos")
        if self.chunk:
            underthesea_models.model("chunk")

    def _set(self, mapper) -> None:
        from pipeline.vi.upos.crf import CrfUposTagger

        self._upos = mapper
        if isinstance(mapper, CrfUposTagger):
            self._data = DataFiles.from_folder(mapper.path, {"upos": "crf"})
        else:
            self._data = DataFiles({"upos": "table", "table": mapper.table})

    @property
    def songngu_meta(self) -> list[dict]:
        # Two records in the JSON's pipeline.components: the VLSP tagger and
        # chunker, and the UPOS model (a retrained one gets a new version).
        return [
            {
                "model": "underthesea-crf-pos-2017" + ("+chunk-2017" if self.chunk else ""),
                "version": underthesea_models.VERSION,
            },
            {"name": "upos", **self.upos.meta},
        ]

    def __call__(self, doc: Doc) -> Doc:
        upos_mapper = self.upos
        for sent in doc.sents:
            tokens = [tok for tok in sent if not tok.is_space]
            words = [tok.text for tok in tokens]
            # One feature cache per sentence: the chunker reuses the POS tagger's word features.
            features = underthesea_models.sentence_features(words)
            tags = underthesea_models.pos_tags(words, features)
            upos = upos_mapper.tag(words, tags)
            for tok, tag, pos in zip(tokens, tags, upos):
                tok.tag_ = tag
                tok.pos_ = pos
            if self.chunk:
                for tok, chunk in zip(tokens, underthesea_models.chunk_tags(words, tags, features)):
                    tok._.chunk = chunk
            # Without the chunker, token._.chunk is left at its default, None: setting it to None
            # on every word cost as much as a tenth of this component's time.
        return doc

    # -- serialisation: the UPOS model goes with the pipeline

    def _saved(self) -> DataFiles:
        self.upos  # noqa: B018  (loads it if nothing has yet)
        return self._data

    def _restore(self, data: DataFiles) -> Tagger:
        from pipeline.vi.upos.crf import CrfUposTagger
        from pipeline.vi.upos.table import TableMapper

        if data.record.get("upos") == "crf":
            mapper = data.load(CrfUposTagger.load)
            mapper.path = None  # the temporary folder it was read from is gone
            self._upos, self._data = mapper, data
        else:
            self._set(TableMapper(data.record["table"]))
        return self


@Language.factory(
    "songngu_vi_tagger",
    default_config={"upos": "crf", "chunk": True},
    requires=["doc.sents"],
    assigns=["token.tag", "token.pos", "token._.chunk"],
)
def create_tagger(nlp: Language, name: str, upos: str, chunk: bool):
    return Tagger(upos=upos, chunk=chunk)

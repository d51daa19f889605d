"""One document through every stage: ingest record in, contract document out.

:class:`Annotator` loads each stage once and chains them::

    SourceDocument -> vi Doc -> vi layer -> (en layer, alignments) -> JSON document

The batch runner (:mod:`pipeline.batch`) makes one Annotator per worker
process; the Python API (:func:`pipeline.annotate`) shares one per set of
options (:func:`shared_annotator`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from pipeline import __version__
from pipeline.contract import SCHEMA_VERSION
from pipeline.ingest import SourceDocument

if TYPE_CHECKING:
    from spacy.tokens import Doc

logger = logging.getLogger(__name__)

#: Annotator.write annotates a document without English in pieces of about this many
#: characters (cut at paragraph breaks): memory does not grow with the document.
CHUNK_CHARS = 20_000


@dataclass(frozen=True)
class AnnotateOptions:
    """Everything that changes what an output file contains.

    ``vi_config`` is a spaCy config file for the Vietnamese pipeline (default:
    ``pipeline/vi/default.cfg``); ``vi_overrides`` maps dotted config paths to
    values (``{"nlp.tokenizer.segmenter": "pyvi"}``). The English layer comes from
    the document's own translation, else from ``translate`` (see :mod:`pipeline.en`),
    and is aligned with ``word_aligner`` (see :mod:`pipeline.align`).
    """

    vi_config: str | None = None
    vi_overrides: dict[str, Any] = field(default_factory=dict)
    #: Machine translation model (local directory or hub name) for documents without an English text.
    translate: str | None = None
    #: Beam size of the translation model (1: greedy, fastest on CPU).
    mt_beams: int = 4
    #: Word aligner: "lexical" (offline default) or "embedding" (with ``encoder``, a local multilingual encoder).
    word_aligner: str = "lexical"
    encoder: str | None = None

    def as_record(self) -> dict[str, Any]:
        return asdict(self)


def needs_torch(options: AnnotateOptions) -> bool:
    """Whether these options run torch: machine translation or the embedding word aligner."""
    return bool(options.translate) or options.word_aligner == "embedding"


class Annotator:
    def __init__(self, options: AnnotateOptions | None = None):
        from pipeline.startup import lean_imports, torch_kept_out

        self.options = options or AnnotateOptions()
        # spaCy (through thinc) and underthesea import torch whenever it is installed:
        # not in a process that will never run it; nor spaCy's command line and all of
        # underthesea's predictors in any (see pipeline.startup).
        with contextlib.nullcontext() if needs_torch(self.options) else torch_kept_out(), lean_imports():
            self._load()
        self.options_hash = self._fingerprint()

    def _load(self) -> None:
        from pipeline import align, en
        from pipeline.vi import components, load_vi

        started = time.perf_counter()
        self.vi = load_vi(self.options.vi_config, self.options.vi_overrides)
        logger.debug(
            "Vietnamese pipeline loaded in %.1f s: %s", time.perf_counter() - started, ", ".join(self.vi.pipe_names)
        )
        from pipeline.en.translate import TranslateOptions

        self.en_options = en.EnglishOptions(
            translate=self.options.translate, mt=TranslateOptions(num_beams=self.options.mt_beams)
        )
        self.align_options = align.AlignOptions(word_aligner=self.options.word_aligner, encoder=self.options.encoder)
        self.components = components(self.vi) + en.components(self.en_options) + align.components(self.align_options)

    def preload(self, english: bool = False) -> None:
        """Load now what is otherwise loaded on first use: the English pipeline (with ``english``).

        For a process that forks workers: what the parent loads, the workers share.
        The Vietnamese models are all loaded by the constructor.
        """
        if english:
            from pipeline.en import load_en

            load_en(self.en_options)

    def _fingerprint(self) -> str:
        """A hash of every setting and model version that shapes the output.

        The resolved spaCy config and the component versions (a retrained
        segmenter has a new version) are what make two runs comparable; the
        package and schema versions are in it because the writer may change.
        """
        material = {
            "songngu": __version__,
            "schema": SCHEMA_VERSION,
            "options": self.options.as_record(),
            "vi_config": self.vi.config.to_str(),
            "components": self.components,
        }
        blob = json.dumps(material, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()[:16]

    def pipeline_record(self) -> dict[str, Any]:
        return {"version": __version__, "options_hash": self.options_hash, "components": self.components}

    def annotate(self, source: SourceDocument) -> dict[str, Any]:
        """The validated JSON document for ``source``."""
        return self.run(source.text, source.en, doc_id=source.id, source=source.source_record())[0]

    def annotates_in_pieces(self, source: SourceDocument) -> bool:
        """Whether :meth:`write` annotates ``source`` paragraph by paragraph (no English layer to align)."""
        return source.en is None and not self.options.translate

    def write(
        self, source: SourceDocument, out: TextIO, one_line: bool = False, chunk_chars: int = CHUNK_CHARS
    ) -> None:
        """Write the JSON document of ``source`` to ``out``, in memory that does not grow with the text.

        Exactly :func:`~pipeline.io.jsondoc.dumps` of :meth:`annotate` (with
        ``one_line``: :func:`~pipeline.io.jsondoc.compact`, a JSONL line). A
        document without English is annotated in pieces of about ``chunk_chars``
        characters at most, cut at paragraph breaks (:func:`pipeline.vi.sentences.paragraph_chunks`;
        no sentence spans two), each checked against the contract and streamed
        out; the English layer and the alignment need the whole Vietnamese
        layer, so a document with English is annotated whole.
        """
        from pipeline.ingest import normalize_text
        from pipeline.io.jsondoc import StreamedDocument, build_document, compact, dumps, layer_from_doc, shift_layer
        from pipeline.vi.sentences import paragraph_chunks

        if not self.annotates_in_pieces(source):
            out.write((compact if one_line else dumps)(self.annotate(source)))
            return
        text = normalize_text(source.text)
        source_record, pipeline_record = source.source_record(), self.pipeline_record()
        empty = {"lang": "vi", "text": text, "sentences": [], "tokens": [], "entities": [], "events": []}
        stream = StreamedDocument(build_document(source.id, source_record, pipeline_record, empty), "vi", one_line)
        try:
            counts: dict[str, int] = {}
            # Pieces within spaCy's limit where the paragraphs allow it; one paragraph over it is an error.
            for start, end in paragraph_chunks(text, min(chunk_chars, self.vi.max_length)):
                if end - start > self.vi.max_length:  # spaCy would refuse it with its internal E088
                    raise ValueError(
                        f"a paragraph of {end - start:,} characters (at character {start:,}) is over the pipeline's "
                        f"limit of {self.vi.max_length:,} (nlp.max_length): break it with blank lines"
                    )
                layer = layer_from_doc(self.vi(text[start:end]), "vi")
                build_document(source.id, source_record, pipeline_record, layer)  # the contract, on this piece
                stream.add(shift_layer(layer, start, counts))
            stream.write(out)
        finally:
            stream.close()

    def run(
        self, text: str, en: str | None = None, *, doc_id: str = "doc", source: dict[str, Any] | None = None
    ) -> tuple[dict[str, Any], Doc, Doc | None]:
        """The validated JSON document for ``text`` and its translation ``en``, and the spaCy Docs it was made from.

        Both texts are NFC-normalised first (offsets count code points of the
        stored text). ``source`` is the contract's ``source`` record; by default
        no path and the SHA-256 of the UTF-8 texts. The English Doc is None when
        there is no English; alignments, and the English events projected from
        the Vietnamese, are in the JSON only.
        """
        from pipeline.align import align
        from pipeline.en import ORIGIN_KEY, english_doc
        from pipeline.ingest import normalize_text, sha256_hex
        from pipeline.io.jsondoc import build_document, layer_from_doc

        if source is None:
            source = {"path": None, "sha256": sha256_hex(text.encode("utf-8"))}
            if en is not None:
                source["en_sha256"] = sha256_hex(en.encode("utf-8"))
        text = normalize_text(text)
        en = normalize_text(en) if en is not None else None
        logger.debug("annotating %s (%d characters)", doc_id, len(text))
        vi_doc = self.vi(text)
        vi_layer = layer_from_doc(vi_doc, "vi")
        en_doc = english_doc(vi_layer, en, self.en_options)
        en_layer = alignments = None
        if en_doc is not None:
            en_layer = {**layer_from_doc(en_doc, "en"), "origin": en_doc.user_data[ORIGIN_KEY]}
            en_layer, alignments = align(vi_layer, en_layer, self.align_options)
        document = build_document(doc_id, source, self.pipeline_record(), vi_layer, en=en_layer, alignments=alignments)
        return document, vi_doc, en_doc


_SHARED: dict[str, Annotator] = {}


def shared_annotator(options: AnnotateOptions | None = None) -> Annotator:
    """One :class:`Annotator` per distinct options in this process, made on first use.

    The Python API (:func:`pipeline.annotate`, :func:`pipeline.nlp`) goes
    through it, so a notebook loads the models once per set of options.
    """
    options = options or AnnotateOptions()
    key = json.dumps(options.as_record(), sort_keys=True, default=str)
    if key not in _SHARED:
        _SHARED[key] = Annotator(options)
    return _SHARED[key]


def output_path(outdir: str | Path, doc_id: str) -> Path:
    """Where the JSON of document ``doc_id`` goes (ids may contain ``/``)."""
    return Path(outdir) / f"{doc_id}.json"

"""The speed work changes no annotation.

Each speed-up replaced a slow reference that is still at hand: underthesea's own
CRF predictors (quadratic featurizer) and its ``word_tokenize`` (whose features
the segmenter's stacked underthesea input now builds from caches). The whole pipeline's output on UD
Vietnamese-VTB dev text is compared here with the references swapped back in,
apart from the version fields (``bench/throughput.py`` runs the same comparison on the
whole dev set with ``--check``).
"""

from __future__ import annotations

import json

import pytest

from pipeline.annotator import Annotator
from pipeline.ingest import SourceDocument
from pipeline.vi import underthesea_models
from tests.conftest import require_vtb

SENTENCES = 60  # VTB dev sentences, as 3 documents of 2 paragraphs


def vtb_documents() -> list[SourceDocument]:
    from pipeline.io.conllu import read_conllu

    sentences = [s.text for s in read_conllu(require_vtb())][:SENTENCES]
    docs = []
    for d in range(0, SENTENCES, 20):
        text = " ".join(sentences[d : d + 10]) + "\n\n" + " ".join(sentences[d + 10 : d + 20])
        docs.append(SourceDocument(id=f"vtb{d}", text=text, sha256="0" * 64, path=f"vtb{d}.txt", format="txt"))
    return docs


def without_versions(document: dict) -> str:
    document = dict(document)
    document.pop("pipeline")
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1)


def use_underthesea_predictors(monkeypatch) -> None:
    """underthesea_models' taggers, done by underthesea's own predictor classes; its segmenter, by word_tokenize."""
    from underthesea.pipeline.chunking.model_crf import CRFChunkingPredictor
    from underthesea.pipeline.ner.model_crf import CRFNERPredictor
    from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

    def pos_tags(words, sentence=None):
        return [t for _, t in CRFPOSTagPredictor.Instance().predict(list(words))] if words else []

    def chunk_tags(words, pos, sentence=None):
        return [t for *_, t in CRFChunkingPredictor.Instance().predict(list(zip(words, pos)))] if words else []

    def ner_tags(words, pos, chunks, sentence=None):
        return [t for *_, t in CRFNERPredictor.Instance().predict(list(zip(words, pos, chunks)))] if words else []

    from underthesea.pipeline.word_tokenize import word_tokenize

    from pipeline.vi.segmenter.underthesea_model import UndertheseaWordSegmenter

    monkeypatch.setattr(UndertheseaWordSegmenter, "words", lambda self, line: word_tokenize(line))
    monkeypatch.setattr(underthesea_models, "pos_tags", pos_tags)
    monkeypatch.setattr(underthesea_models, "chunk_tags", chunk_tags)
    monkeypatch.setattr(underthesea_models, "ner_tags", ner_tags)


@pytest.fixture(scope="module")
def annotator():
    return Annotator()


def test_vtb_dev_output_is_what_the_reference_implementations_give(annotator, monkeypatch):
    docs = vtb_documents()
    fast = [without_versions(annotator.annotate(doc)) for doc in docs]
    use_underthesea_predictors(monkeypatch)
    reference = [without_versions(annotator.annotate(doc)) for doc in docs]
    assert sum(len(json.loads(f)["vi"]["entities"]) for f in fast) > 20  # not vacuous
    for doc, got, expected in zip(docs, fast, reference):
        assert got == expected, doc.id

"""Gold texts through the Vietnamese pipeline, up to the events component, cached on disk.

Training the event model and scoring it on BKEE and VHE both need the words,
tags and entities the pipeline gives each gold text: the model must be
trained on what it will see. That takes minutes for BKEE, so the documents are
kept as a spaCy ``DocBin`` under the cache directory (``$SONGNGU_CACHE_DIR`` or
``~/.cache/songngu``), keyed by the texts and by everything that shapes the
pipeline's output (its config, its components' versions and the source of
the package's stages before events): a retrained segmenter, an edited
gazetteer or a changed rule makes a new key.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from pipeline import cache_dir as default_cache_dir  # $SONGNGU_CACHE_DIR, else ~/.cache/songngu

logger = logging.getLogger(__name__)

EVENTS_FACTORY = "songngu_events"


def upstream_pipes(nlp: Language) -> list[str]:
    """The pipeline's components before the events component (all of them if it has none)."""
    names = []
    for name in nlp.pipe_names:
        if nlp.get_pipe_meta(name).factory == EVENTS_FACTORY:
            break
        names.append(name)
    return names


def upstream_source_digest() -> str:
    """A digest of the package's Python source outside ``pipeline/events/``.

    The components' versions digest their models and data files, not their
    code: a rule changed in ``pipeline/vi/ner/`` leaves them as they were, and a
    cache keyed by them alone would hand back documents of the rule before. The
    event code itself is left out: it runs after the cached part, and event work
    (the usual reason to re-score) keeps its cache.
    """
    package = Path(__file__).resolve().parents[1]
    events = package / "events"
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        if events not in path.parents:
            digest.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def fingerprint(nlp: Language, texts: list[str]) -> str:
    """A key for ``texts`` through the upstream part of ``nlp``."""
    pipes = upstream_pipes(nlp)
    versions = [getattr(getattr(nlp.tokenizer, "segmenter", None), "version", "")]
    for name in pipes:
        versions.append(getattr(nlp.get_pipe(name), "songngu_meta", None))
    material = json.dumps(
        {
            "config": nlp.config.to_str(),
            "pipes": pipes,
            "versions": versions,
            "code": upstream_source_digest(),
            "texts": texts,
        },
        sort_keys=True,
        default=str,
        ensure_ascii=False,
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:20]


def vi_docs(
    texts: list[str],
    nlp: Language,
    cache_dir: str | Path | None = None,
) -> list[Doc]:
    """``texts`` through ``nlp`` without its events component; ``cache_dir=""`` caches nothing."""
    cache = None
    if cache_dir != "":
        cache = Path(cache_dir or default_cache_dir()) / "events-prepared" / f"{fingerprint(nlp, texts)}.spacy"
        if cache.exists():
            docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
            if len(docs) == len(texts):
                logger.info(f"read {len(docs)} prepared documents from {cache}")
                return docs
    logger.info(f"running the Vietnamese pipeline on {len(texts)} texts ...")
    with nlp.select_pipes(enable=upstream_pipes(nlp)):
        docs = []
        for n, doc in enumerate(nlp.pipe(texts), start=1):
            docs.append(doc)
            if n % 100 == 0:
                logger.info(f"  {n}/{len(texts)}")
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(".tmp")
        DocBin(store_user_data=True, docs=docs).to_disk(tmp)
        tmp.replace(cache)
    return docs

"""The embedding word aligner: SimAlign-style matching over a multilingual encoder.

Jalili Sabet et al. (2020), *SimAlign: High Quality Word Alignments without
Parallel Training Data using Static and Contextualized Embeddings*: embed both
sentences with a multilingual encoder (bert-base-multilingual-cased, LaBSE,
XLM-R...), average the subword vectors of each word, and link words that are
each other's most similar (``argmax``), optionally iterating over the words left
unlinked (``itermax``).

Written here rather than through the ``simalign`` package because that package
loads models by name without ``local_files_only``, maps subwords to words by
re-tokenising word by word (which drifts from the real encoding for
sentencepiece tokenizers and for Vietnamese words that contain spaces), strips
exactly one special token at each end, and returns links without scores; the
method itself is short.

Each link's score is the geometric mean of the two directions' softmax
probabilities (temperature :data:`TEMPERATURE`) over the cosine similarities: a
link between two words that are each other's clear best match scores near 1,
an ambiguous one lower.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.align.layers import LayerView
from pipeline.align.words import TokenLink
from pipeline.errors import ModelUnavailable, names_a_folder

log = logging.getLogger(__name__)

TEMPERATURE = 0.1
ITERMAX_ROUNDS = 2  # SimAlign's default
ITERMAX_ALPHA = 0.9


class EncoderMissing(ModelUnavailable):
    """The named encoder cannot be loaded; the message says what to do."""


def _missing_message(name: str) -> str:
    if names_a_folder(name):
        # A folder that is not there: the download example names an encoder on the hub, not the folder.
        return (
            f"encoder directory {name!r} for the embedding word aligner not found. This machine cannot reach the "
            "Hugging Face hub: download an encoder where you can (`huggingface-cli download "
            f"bert-base-multilingual-cased --local-dir {Path(name).name or 'bert-base-multilingual-cased'}`), "
            f"copy the folder to {name} and pass it again; or use the offline default, `--word-aligner lexical`."
        )
    local = Path(name).name or name
    return (
        f"encoder {name!r} for the embedding word aligner not found: it is not a local directory and not in the "
        "Hugging Face cache. This machine cannot reach the Hugging Face hub: download it where you can "
        f"(`huggingface-cli download {name} --local-dir {local}`), copy the folder here and pass "
        f"`--encoder /path/to/{local}`; or use the offline default, `--word-aligner lexical`."
    )


class EmbeddingAligner:
    """A word aligner (chosen by ``AlignOptions(word_aligner="embedding")``) backed by an HF encoder."""

    def __init__(
        self,
        encoder: str,
        layer: int = 8,
        matching: str = "itermax",
        local_files_only: bool = True,
        device: str = "cpu",
        max_length: int = 512,
    ):
        if matching not in ("argmax", "itermax"):
            raise ValueError(f"matching must be 'argmax' or 'itermax', not {matching!r}")
        try:
            import torch
            import transformers
        except ImportError as exc:
            raise EncoderMissing(
                f"the embedding word aligner needs torch and transformers ({exc.name} is not installed): "
                "pip install 'songngu[mt]'"
            ) from None
        transformers.utils.logging.disable_progress_bar()
        self._torch = torch
        self.name, self.matching, self.device, self.max_length = encoder, matching, device, max_length
        path = Path(encoder).expanduser()
        if names_a_folder(encoder) and not path.is_dir():
            raise EncoderMissing(_missing_message(encoder) + f" (no such directory: {path})")
        source = str(path) if path.is_dir() else encoder
        try:
            self.tokenizer = transformers.AutoTokenizer.from_pretrained(source, local_files_only=local_files_only)
            self.model = transformers.AutoModel.from_pretrained(source, local_files_only=local_files_only)
        except OSError:
            raise EncoderMissing(_missing_message(encoder)) from None
        if not getattr(self.tokenizer, "is_fast", False):
            raise EncoderMissing(
                f"encoder {encoder!r}: a fast tokenizer (tokenizer.json) is needed to map subwords to words"
            )
        self.model.eval().to(device)
        layers = getattr(self.model.config, "num_hidden_layers", layer)
        if layer > layers:
            log.warning("encoder %s has %d layers; using the last instead of layer %d", encoder, layers, layer)
        self.layer = min(layer, layers)

    def word_vectors(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """One vector per word (the mean of its subwords' hidden states at ``self.layer``), and which words had subwords."""
        torch = self._torch
        encoded = self.tokenizer(
            words, is_split_into_words=True, truncation=True, max_length=self.max_length, return_tensors="pt"
        )
        with torch.inference_mode():
            hidden = self.model(**encoded.to(self.device), output_hidden_states=True).hidden_states[self.layer][0]
        hidden = hidden.float().cpu().numpy()
        vectors = np.zeros((len(words), hidden.shape[1]), dtype=np.float32)
        counts = np.zeros(len(words))
        for position, word in enumerate(encoded.word_ids(0)):
            if word is not None:
                vectors[word] += hidden[position]
                counts[word] += 1
        if (counts == 0).any():
            log.warning(
                "%s: %d word(s) beyond the encoder's %d subwords were left unaligned",
                self.name,
                int((counts == 0).sum()),
                self.max_length,
            )
        vectors[counts > 0] /= counts[counts > 0, None]
        return vectors, counts > 0

    def __call__(self, vi: LayerView, en: LayerView, sentence_links: list[dict[str, Any]]) -> list[TokenLink]:
        links: list[TokenLink] = []
        for link in sentence_links:
            vi_ids, en_ids = vi.tokens_of_sentences(link["vi"]), en.tokens_of_sentences(link["en"])
            if not vi_ids or not en_ids:
                continue
            # Vietnamese words may contain spaces ("Liên bang"): each stays one word for pooling.
            x, x_ok = self.word_vectors([vi.token_text(i) for i in vi_ids])
            y, y_ok = self.word_vectors([en.token_text(j) for j in en_ids])
            sim = _cosine(x, y)
            sim[~x_ok, :] = -1.0
            sim[:, ~y_ok] = -1.0
            chosen = argmax_matching(sim) if self.matching == "argmax" else itermax_matching(sim)
            probabilities = _link_probabilities(sim)
            for a, b in zip(*np.nonzero(chosen)):
                if x_ok[a] and y_ok[b]:
                    links.append(TokenLink(vi_ids[a], en_ids[b], float(probabilities[a, b]), "embedding"))
        links.sort(key=lambda link: (link.vi, link.en))
        return links


def _cosine(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    xn = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    yn = y / np.maximum(np.linalg.norm(y, axis=1, keepdims=True), 1e-12)
    return xn @ yn.T


def _link_probabilities(sim: np.ndarray) -> np.ndarray:
    def softmax(z: np.ndarray, axis: int) -> np.ndarray:
        z = z / TEMPERATURE
        z = z - z.max(axis=axis, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=axis, keepdims=True)

    return np.sqrt(softmax(sim, axis=1) * softmax(sim, axis=0))


def argmax_matching(sim: np.ndarray) -> np.ndarray:
    """Links (as a 0/1 matrix) between words that are each other's most similar."""
    m, n = sim.shape
    forward = np.zeros((m, n), dtype=bool)
    forward[np.arange(m), sim.argmax(axis=1)] = True
    backward = np.zeros((m, n), dtype=bool)
    backward[sim.argmax(axis=0), np.arange(n)] = True
    return forward & backward


def itermax_matching(sim: np.ndarray, rounds: int = ITERMAX_ROUNDS, alpha: float = ITERMAX_ALPHA) -> np.ndarray:
    """SimAlign's itermax: argmax, then argmax again among words left unlinked on either side.

    A word already linked on one side may take a second link, its similarities
    discounted by ``alpha``; two words both already linked are not linked again.
    """
    links = argmax_matching(sim)
    m, n = sim.shape
    if min(m, n) <= 2:
        return links
    for _ in range(1, rounds):
        free_rows = ~links.any(axis=1)
        free_cols = ~links.any(axis=0)
        if not free_rows.any() and not free_cols.any():
            break
        # Weight 1 where both words are free, alpha where one is, 0 where neither is.
        weight = alpha * free_rows[:, None].astype(float) + alpha * free_cols[None, :].astype(float)
        weight = np.clip(weight, 0.0, 1.0)
        allowed = free_rows[:, None] | free_cols[None, :]
        masked = np.where(allowed, sim * weight, -np.inf)
        new = argmax_matching(masked) & allowed
        if not (new & ~links).any():
            break
        links |= new
    return links

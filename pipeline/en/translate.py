"""Vietnamese -> English machine translation with Hugging Face seq2seq models.

One entry point, :func:`translate`, turns a list of Vietnamese sentences into a
list of English sentences of the same length, one translation per sentence (so
that the sentence alignment of MT output is 1-1 by construction).

``model`` is a local directory or a hub name. Nothing is downloaded unless the
caller asks for it (``local_files_only=False``): this project runs offline, and
a missing model is reported with what to download and where to put it. The
families we know how to drive (transformers 5 has no translation pipeline, so we
call ``generate`` ourselves and must set what the pipeline used to set):

================================  ==========================================
Marian (Helsinki-NLP/opus-mt-vi-en)  plain source text
NLLB-200 (facebook/nllb-200-*)    ``src_lang="vie_Latn"``, forced BOS ``eng_Latn``
M2M100 (facebook/m2m100_*)        ``src_lang="vi"``, forced BOS ``__en__``
mBART-50 (facebook/mbart-large-50-*)  ``src_lang="vi_VN"``, forced BOS ``en_XX``
envit5 (VietAI/envit5-translation)  source prefixed ``"vi: "``, the ``"en: "`` the
                                   model writes before its output is removed
other T5 models                   prefix ``"translate Vietnamese to English: "``
================================  ==========================================

The family is recognised from the tokenizer's vocabulary (language-code tokens)
and the model type, so a fine-tuned copy in a local directory is driven like its
parent; :class:`TranslateOptions` can override every choice.

Translations are cached on disk (SQLite) under a key made of the model's
identity (hub commit hash, or a content hash of a local directory), the
generation settings and the source sentence, so a rerun of a batch never
translates the same sentence twice with the same model.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pipeline import cache_dir as default_cache_dir  # $SONGNGU_CACHE_DIR, else ~/.cache/songngu
from pipeline.errors import ModelUnavailable, names_a_folder

log = logging.getLogger(__name__)

#: Hub names this module was written for; any other seq2seq model works too.
KNOWN_MODELS = (
    "Helsinki-NLP/opus-mt-vi-en",
    "VietAI/envit5-translation",
    "facebook/nllb-200-distilled-600M",
    "facebook/m2m100_418M",
)

ENVIT5_PREFIX = "vi: "
ENVIT5_OUTPUT_PREFIX = "en: "
T5_PREFIX = "translate Vietnamese to English: "


class TranslationError(ModelUnavailable):
    """Machine translation cannot run; the message says what to do."""


class MTNotInstalled(TranslationError):
    """torch / transformers are missing (the optional ``mt`` extra)."""


class MTModelMissing(TranslationError):
    """The named model is neither a local directory nor in the local hub cache."""


@dataclass(frozen=True)
class TranslateOptions:
    """How to run a translation model. Every field that changes the output is part of the cache key."""

    #: Never contact the hub (the default: this project runs offline).
    local_files_only: bool = True
    #: Sentences per ``generate`` call.
    batch_size: int = 8
    num_beams: int = 4
    #: Upper bound on generated tokens; the effective bound also scales with the input.
    max_new_tokens: int = 256
    #: Overrides for models whose family is not recognised (None: decide from the model).
    src_lang: str | None = None
    tgt_lang: str | None = None
    prefix: str | None = None
    #: Where the translation cache lives (None: $SONGNGU_CACHE_DIR or ~/.cache/songngu); "" disables it.
    cache_dir: str | None = None
    #: torch device, e.g. "cpu" or "cuda".
    device: str = "cpu"

    def generation_key(self) -> dict[str, Any]:
        """The settings that change a translation (the cache key's non-model part)."""
        return {"num_beams": self.num_beams, "max_new_tokens": self.max_new_tokens}


def _import_mt():
    try:
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError as exc:
        raise MTNotInstalled(
            f"machine translation needs torch and transformers ({exc.name} is not installed): "
            "pip install 'songngu[mt]'  (torch==2.13.0 is the CPU build; install it first)"
        ) from None
    return torch, transformers


def missing_model_message(model: str) -> str:
    if names_a_folder(model):
        # A folder that is not there (the README's `--translate /models/opus-mt-vi-en`): the download
        # example names a model on the hub, not the folder, which no hub has.
        return (
            f"translation model directory {model!r} not found. This machine cannot reach the Hugging Face hub: "
            f"download a model on a machine that can, e.g. `huggingface-cli download {KNOWN_MODELS[0]} "
            f"--local-dir {Path(model).name or 'opus-mt-vi-en'}`, copy the folder to {model} and pass it again; "
            "or pass a Hugging Face name already in the local cache. Models known to work: " + ", ".join(KNOWN_MODELS)
        )
    local = Path(model).name or model
    return (
        f"translation model {model!r} not found: it is not a local directory, and it is not in the "
        f"Hugging Face cache ({os.environ.get('HF_HUB_CACHE') or '~/.cache/huggingface/hub'}). "
        "This machine cannot reach the Hugging Face hub, so download it on a machine that can, e.g. "
        f"`huggingface-cli download {model} --local-dir {local}` (or `AutoTokenizer.from_pretrained(...)` / "
        f"`AutoModelForSeq2SeqLM.from_pretrained(...)` then `.save_pretrained('{local}')` for both), copy the "
        f"folder here and pass its path: `--translate /path/to/{local}`. Models known to work: "
        + ", ".join(KNOWN_MODELS)
    )


# ----------------------------------------------------------------------------
# the cache


class TranslationCache:
    """A SQLite table ``(model, settings, source) -> translation``.

    SQLite because several batch workers may translate at once: it serialises
    their writes, survives a killed run (each insert is its own transaction) and
    needs nothing beyond the standard library.
    """

    def __init__(self, path: Path):
        import sqlite3  # only with machine translation: not in every annotating process's start-up

        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), timeout=60, check_same_thread=False)
        with self._db:
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS translation ("
                " model TEXT NOT NULL, settings TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,"
                " PRIMARY KEY (model, settings, source))"
            )
            self._db.execute("CREATE TABLE IF NOT EXISTS fingerprint (stat TEXT PRIMARY KEY, digest TEXT NOT NULL)")

    def get_many(self, model: str, settings: str, sources: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        with self._lock:
            for source in set(sources):
                row = self._db.execute(
                    "SELECT target FROM translation WHERE model=? AND settings=? AND source=?",
                    (model, settings, source),
                ).fetchone()
                if row is not None:
                    found[source] = row[0]
        return found

    def put_many(self, model: str, settings: str, pairs: dict[str, str]) -> None:
        with self._lock, self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO translation VALUES (?, ?, ?, ?)",
                [(model, settings, s, t) for s, t in pairs.items()],
            )

    def fingerprint(self, stat_key: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT digest FROM fingerprint WHERE stat=?", (stat_key,)).fetchone()
        return row[0] if row else None

    def remember_fingerprint(self, stat_key: str, digest: str) -> None:
        with self._lock, self._db:
            self._db.execute("INSERT OR REPLACE INTO fingerprint VALUES (?, ?)", (stat_key, digest))

    def close(self) -> None:
        self._db.close()


def _directory_fingerprint(directory: Path, cache: TranslationCache | None) -> str:
    """A content hash of a local model directory (weights, config, tokenizer files).

    Hashing a 600M-parameter model takes seconds, so the digest is remembered
    under the files' names, sizes and modification times: an unchanged
    directory is hashed once.
    """
    files = sorted(p for p in directory.rglob("*") if p.is_file() and not p.name.startswith("."))
    stat_key = json.dumps(
        [str(directory.resolve())]
        + [[str(p.relative_to(directory)), p.stat().st_size, p.stat().st_mtime_ns] for p in files]
    )
    if cache is not None and (known := cache.fingerprint(stat_key)):
        return known
    digest = hashlib.sha256()
    for p in files:
        digest.update(str(p.relative_to(directory)).encode("utf-8") + b"\0")
        with p.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    result = "sha256:" + digest.hexdigest()[:16]
    if cache is not None:
        cache.remember_fingerprint(stat_key, result)
    return result


# ----------------------------------------------------------------------------
# the model


@dataclass
class _Recipe:
    """What a model family needs around ``generate``."""

    family: str
    prefix: str = ""
    output_prefix: str = ""
    src_lang: str | None = None
    forced_bos_token: str | None = None
    notes: list[str] = field(default_factory=list)


def _recipe(model_name: str, tokenizer, config, options: TranslateOptions) -> _Recipe:
    model_type = getattr(config, "model_type", "")
    lowered = model_name.lower()
    if _has_tokens(tokenizer, "eng_Latn", "vie_Latn"):
        recipe = _Recipe("nllb", src_lang="vie_Latn", forced_bos_token="eng_Latn")
    elif _has_tokens(tokenizer, "__en__", "__vi__"):
        recipe = _Recipe("m2m100", src_lang="vi", forced_bos_token="__en__")
    elif _has_tokens(tokenizer, "en_XX", "vi_VN"):
        recipe = _Recipe("mbart50", src_lang="vi_VN", forced_bos_token="en_XX")
    elif model_type in ("t5", "mt5") and ("envit5" in lowered or _is_envit5(config)):
        recipe = _Recipe("envit5", prefix=ENVIT5_PREFIX, output_prefix=ENVIT5_OUTPUT_PREFIX)
    elif model_type in ("t5", "mt5"):
        recipe = _Recipe("t5", prefix=T5_PREFIX)
    else:
        recipe = _Recipe(model_type or "seq2seq")
    if options.src_lang is not None:
        recipe.src_lang = options.src_lang
    if options.tgt_lang is not None:
        recipe.forced_bos_token = options.tgt_lang
    if options.prefix is not None:
        recipe.prefix = options.prefix
    return recipe


def _has_tokens(tokenizer, *tokens: str) -> bool:
    # Not `in tokenizer.get_vocab()`: M2M100's language tokens live outside its vocabulary file.
    for token in tokens:
        token_id = tokenizer.convert_tokens_to_ids(token)
        if token_id is None or token_id == tokenizer.unk_token_id:
            return False
    return True


def _is_envit5(config) -> bool:
    # A local copy of envit5 keeps the hub name in `_name_or_path` of its config.
    return "envit5" in str(getattr(config, "_name_or_path", "")).lower()


class Translator:
    """A loaded model + tokenizer, the way to drive it, and the cache."""

    def __init__(self, model: str, options: TranslateOptions | None = None):
        self.options = options or TranslateOptions()
        torch, transformers = _import_mt()
        transformers.utils.logging.disable_progress_bar()  # batch workers have their own progress bar
        self._torch = torch
        self.name = model
        path = Path(model).expanduser()
        if names_a_folder(model) and not path.exists():
            raise MTModelMissing(missing_model_message(model) + f" (no such directory: {path})")
        self.is_local = path.is_dir()
        if self.is_local and not (path / "config.json").is_file():
            raise MTModelMissing(
                f"translation model directory {path} has no config.json: it must hold a seq2seq model and its "
                "tokenizer as written by save_pretrained (config.json, model weights, tokenizer files)"
            )
        source = str(path) if self.is_local else model
        if not self.is_local and "/" not in model:
            log.warning("translation model %r is neither a directory nor an owner/name hub id", model)
        kwargs = {"local_files_only": self.options.local_files_only}
        try:
            self.tokenizer = transformers.AutoTokenizer.from_pretrained(source, **kwargs)
            self.model = transformers.AutoModelForSeq2SeqLM.from_pretrained(source, **kwargs)
        except OSError as exc:  # transformers' "not found / cannot connect" errors are OSErrors
            if self.is_local:
                raise MTModelMissing(
                    f"translation model directory {path} cannot be loaded: {exc}. It must hold a seq2seq "
                    "model and its tokenizer as written by save_pretrained (config.json, model weights, "
                    "tokenizer files)."
                ) from None
            raise MTModelMissing(missing_model_message(model)) from None
        except ValueError as exc:  # e.g. a directory holding an encoder-only model
            raise TranslationError(f"{model}: not a sequence-to-sequence translation model ({exc})") from None
        except ImportError as exc:  # Marian and M2M100 tokenizers need sentencepiece
            raise MTNotInstalled(f"{model}: {exc}. pip install 'songngu[mt]'") from None
        self.model.eval()
        self.model.to(self.options.device)
        self.recipe = _recipe(model, self.tokenizer, self.model.config, self.options)
        if self.recipe.src_lang is not None and hasattr(self.tokenizer, "src_lang"):
            self.tokenizer.src_lang = self.recipe.src_lang
        self.forced_bos_token_id = None
        if self.recipe.forced_bos_token is not None:
            token_id = self.tokenizer.convert_tokens_to_ids(self.recipe.forced_bos_token)
            if token_id is None or token_id == self.tokenizer.unk_token_id:
                raise TranslationError(
                    f"{model}: target language token {self.recipe.forced_bos_token!r} is not in the tokenizer's vocabulary"
                )
            self.forced_bos_token_id = token_id
        cache_dir = self.options.cache_dir
        self.cache = None
        if cache_dir != "":
            self.cache = TranslationCache((Path(cache_dir) if cache_dir else default_cache_dir()) / "mt-cache.sqlite3")
        self.revision = self._revision(path)
        self.settings = json.dumps(
            {
                **self.options.generation_key(),
                "prefix": self.recipe.prefix,
                "src_lang": self.recipe.src_lang,
                "forced_bos": self.recipe.forced_bos_token,
            },
            sort_keys=True,
        )

    def _revision(self, path: Path) -> str:
        commit = getattr(self.model.config, "_commit_hash", None)
        if commit:
            return commit
        if self.is_local:
            return _directory_fingerprint(path, self.cache)
        return "unknown"

    @property
    def model_id(self) -> str:
        """Model name and revision: what the cache and the JSON's component record name."""
        return f"{self.name}@{self.revision}"

    def translate(self, sentences: Sequence[str]) -> list[str]:
        sources = [s.strip() for s in sentences]
        wanted = sorted({s for s in sources if s})
        done = self.cache.get_many(self.model_id, self.settings, wanted) if self.cache else {}
        todo = [s for s in wanted if s not in done]
        if todo:
            log.info("translating %d new sentence(s) with %s (%d cached)", len(todo), self.name, len(done))
            fresh = self._generate(todo)
            if self.cache:
                self.cache.put_many(self.model_id, self.settings, fresh)
            done.update(fresh)
        return [done[s] if s else "" for s in sources]

    def _generate(self, sources: list[str]) -> dict[str, str]:
        torch = self._torch
        # Longest first, so that each batch pads to similar lengths.
        ordered = sorted(sources, key=len, reverse=True)
        max_length = self.tokenizer.model_max_length
        if not isinstance(max_length, int) or max_length > 100_000:  # "unlimited" sentinel
            max_length = 512
        out: dict[str, str] = {}
        for begin in range(0, len(ordered), self.options.batch_size):
            batch = ordered[begin : begin + self.options.batch_size]
            inputs = self.tokenizer(
                [self.recipe.prefix + s for s in batch],
                return_tensors="pt",
                padding=True,
                truncation=True,
                max_length=max_length,
            ).to(self.options.device)
            if inputs["input_ids"].shape[1] >= max_length:
                log.warning(
                    "%s: a sentence longer than %d subwords was truncated before translation", self.name, max_length
                )
            generate_kwargs: dict[str, Any] = {
                "num_beams": self.options.num_beams,
                "max_new_tokens": min(self.options.max_new_tokens, 2 * inputs["input_ids"].shape[1] + 16),
                "do_sample": False,
            }
            if self.forced_bos_token_id is not None:
                generate_kwargs["forced_bos_token_id"] = self.forced_bos_token_id
            with torch.inference_mode():
                generated = self.model.generate(**inputs, **generate_kwargs)
            rows = generated.tolist()
            if self.forced_bos_token_id is not None:
                # Language-code tokens are not "special" in every tokenizer (M2M100's are
                # not, in transformers 5), so skip_special_tokens alone can leave "__en__".
                rows = [[i for i in row if i != self.forced_bos_token_id] for row in rows]
            for source, text in zip(batch, self.tokenizer.batch_decode(rows, skip_special_tokens=True)):
                out[source] = self._clean(text)
        return out

    def _clean(self, text: str) -> str:
        text = " ".join(text.split())
        if self.recipe.output_prefix and text.startswith(self.recipe.output_prefix):
            text = text[len(self.recipe.output_prefix) :]
        return text.strip()

    def describe(self) -> dict[str, Any]:
        return {
            "model": self.name,
            "revision": self.revision,
            "family": self.recipe.family,
            **{k: v for k, v in asdict(self.options).items() if k in ("num_beams", "max_new_tokens")},
        }


_LOADED: dict[tuple[str, TranslateOptions], Translator] = {}


def load_translator(model: str, options: TranslateOptions | None = None) -> Translator:
    """The translator for ``model``, loaded once per process (batch workers call this per document)."""
    options = options or TranslateOptions()
    key = (model, options)
    if key not in _LOADED:
        _LOADED[key] = Translator(model, options)
    return _LOADED[key]


def translate(sentences: Sequence[str], model: str, options: TranslateOptions | None = None) -> list[str]:
    """Translate Vietnamese ``sentences`` to English with ``model``, one output per input, cached.

    ``model`` is a local directory or a hub name (only the local hub cache is
    used unless ``options.local_files_only`` is False). Empty sentences stay empty.
    """
    return load_translator(model, options).translate(sentences)

"""Machine translation through transformers, on tiny models built in the test (never downloaded)."""

from __future__ import annotations

import pytest

pytest.importorskip("torch", reason="machine translation needs the optional 'mt' extra (torch)")
pytest.importorskip("transformers", reason="machine translation needs the optional 'mt' extra (transformers)")
pytest.importorskip("sentencepiece", reason="Marian and M2M100 tokenizers need sentencepiece (the 'mt' extra)")

from pipeline.en.translate import MTModelMissing, TranslateOptions, Translator, translate  # noqa: E402
from tests.tiny_models import SEED_VI, build_m2m100, build_marian, build_nllb, build_t5  # noqa: E402

SENTENCES = [
    "Nga đứng trung lập trong cuộc chiến.",
    "Ngày 11 tháng 9 năm 1992, quân Azerbaijan bắt được 6 lính đặc nhiệm Nga (spetznaz).",
    "Một đạo quân gồm 23 ngàn người đóng tại căn cứ quân sự số 102 của Nga, gần Gyumri, trong suốt cuộc chiến.",
]


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    root = tmp_path_factory.mktemp("mt-models")
    return {
        "nllb": build_nllb(root / "nllb-tiny"),
        "m2m100": build_m2m100(root / "m2m100-tiny", root / "m2m100-work"),
        "marian": build_marian(root / "opus-mt-tiny", root / "marian-work"),
        "envit5": build_t5(root / "envit5-tiny"),
        "t5": build_t5(root / "t5-tiny"),
    }


class GenerateSpy:
    """Wraps ``model.generate`` to record what went in and came out."""

    def __init__(self, model):
        self.inner = model.generate
        self.calls: list[tuple] = []
        model.generate = self

    def __call__(self, **kwargs):
        out = self.inner(**kwargs)
        self.calls.append((kwargs, out))
        return out


def _translator(path, tmp_path, **kw) -> Translator:
    options = TranslateOptions(cache_dir=str(tmp_path / "cache"), num_beams=1, max_new_tokens=8, **kw)
    return Translator(str(path), options)


def test_nllb_gets_vietnamese_source_code_and_english_forced_bos(models, tmp_path):
    tr = _translator(models["nllb"], tmp_path)
    assert tr.recipe.family == "nllb"
    spy = GenerateSpy(tr.model)
    out = tr.translate(SENTENCES[:2])
    assert len(out) == 2 and all(isinstance(s, str) for s in out)
    vie, eng = (tr.tokenizer.convert_tokens_to_ids(c) for c in ("vie_Latn", "eng_Latn"))
    ((kwargs, generated),) = spy.calls
    assert kwargs["forced_bos_token_id"] == eng
    assert (kwargs["input_ids"][:, 0] == vie).all(), "NLLB input must start with the source language code"
    assert (generated[:, 1] == eng).all(), "the first generated token must be the target language code"
    assert all("eng_Latn" not in s for s in out)


def test_m2m100_language_tokens_are_set_and_stripped(models, tmp_path):
    tr = _translator(models["m2m100"], tmp_path)
    assert tr.recipe.family == "m2m100"
    spy = GenerateSpy(tr.model)
    out = tr.translate(SENTENCES[:1])
    ((kwargs, generated),) = spy.calls
    assert (kwargs["input_ids"][:, 0] == tr.tokenizer.convert_tokens_to_ids("__vi__")).all()
    assert (generated[:, 1] == tr.tokenizer.convert_tokens_to_ids("__en__")).all()
    assert "__en__" not in out[0]


def test_marian_batches_and_translates_each_distinct_sentence_once(models, tmp_path):
    tr = _translator(models["marian"], tmp_path, batch_size=2)
    assert tr.recipe.family == "marian" and tr.recipe.prefix == ""
    spy = GenerateSpy(tr.model)
    inputs = SENTENCES + ["", SENTENCES[0]]
    out = tr.translate(inputs)
    assert len(out) == len(inputs)
    assert out[3] == "" and out[4] == out[0]
    assert sum(len(kwargs["input_ids"]) for kwargs, _ in spy.calls) == 3  # distinct, non-empty sentences
    assert len(spy.calls) == 2  # batches of 2


def test_rerun_is_served_from_the_disk_cache(models, tmp_path):
    first = _translator(models["marian"], tmp_path).translate(SENTENCES)
    again = _translator(models["marian"], tmp_path)  # a new process would load a new translator

    def no_generation(**kwargs):
        raise AssertionError("a cached sentence was translated again")

    again.model.generate = no_generation
    assert again.translate(SENTENCES) == first
    # Different generation settings are a different cache entry.
    other = Translator(
        str(models["marian"]), TranslateOptions(cache_dir=str(tmp_path / "cache"), num_beams=2, max_new_tokens=8)
    )
    spy = GenerateSpy(other.model)
    other.translate(SENTENCES[:1])
    assert len(spy.calls) == 1


def test_cache_key_follows_the_model_content(models, tmp_path):
    import shutil

    copy = tmp_path / "opus-mt-copy"
    shutil.copytree(models["marian"], copy)
    a = _translator(copy, tmp_path)
    assert a.model_id.startswith(f"{copy}@sha256:")
    (copy / "generation_config.json").write_text('{"num_beams": 1}', encoding="utf-8")
    b = _translator(copy, tmp_path)
    assert a.model_id != b.model_id, "an edited model directory must not reuse old translations"


def test_envit5_gets_vi_prefix_and_loses_en_prefix(models, tmp_path, monkeypatch):
    tr = _translator(models["envit5"], tmp_path)
    assert tr.recipe.family == "envit5"
    spy = GenerateSpy(tr.model)
    monkeypatch.setattr(tr.tokenizer, "batch_decode", lambda rows, **kw: ["en: Russia stayed neutral."] * len(rows))
    assert tr.translate(SENTENCES[:1]) == ["Russia stayed neutral."]
    ((kwargs, _),) = spy.calls
    sent = tr.tokenizer.decode(kwargs["input_ids"][0], skip_special_tokens=True)
    assert sent.startswith("vi:") and "Nga" in sent


def test_other_t5_models_get_the_task_prefix_and_prefix_can_be_overridden(models, tmp_path):
    assert _translator(models["t5"], tmp_path).recipe.prefix == "translate Vietnamese to English: "
    assert _translator(models["t5"], tmp_path, prefix="").recipe.prefix == ""


def test_translate_function_loads_once_and_translates_the_seed(models, tmp_path):
    sentences = [line for line in SEED_VI.splitlines() if line.strip()][:2]
    options = TranslateOptions(cache_dir=str(tmp_path / "cache"), num_beams=1, max_new_tokens=8)
    out = translate(sentences, str(models["nllb"]), options)
    assert len(out) == 2


def test_missing_hub_model_says_what_to_download_and_where(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty-hub-cache"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(MTModelMissing) as err:
        Translator("Helsinki-NLP/opus-mt-vi-en", TranslateOptions(cache_dir=""))
    message = str(err.value)
    assert "Helsinki-NLP/opus-mt-vi-en" in message
    assert "huggingface-cli download Helsinki-NLP/opus-mt-vi-en" in message
    assert "cannot reach the Hugging Face hub" in message
    assert "--translate /path/to/opus-mt-vi-en" in message


def test_missing_local_directory_is_named(tmp_path):
    with pytest.raises(MTModelMissing, match="no such directory"):
        Translator(str(tmp_path / "no-such-model"), TranslateOptions(cache_dir=""))


def test_missing_local_directory_is_not_offered_as_a_hub_name(tmp_path):
    """`--translate /models/opus-mt-vi-en` (the README's example) without the folder: the advice names a model the hub
    has and the folder to copy it to, not `huggingface-cli download /models/...`, which cannot work."""
    folder = str(tmp_path / "models" / "opus-mt-vi-en")
    with pytest.raises(MTModelMissing) as err:
        Translator(folder, TranslateOptions(cache_dir=""))
    message = str(err.value)
    assert f"huggingface-cli download {folder}" not in message
    assert "huggingface-cli download Helsinki-NLP/opus-mt-vi-en --local-dir opus-mt-vi-en" in message
    assert f"copy the folder to {folder}" in message


def test_directory_without_a_model_is_explained(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(MTModelMissing, match="save_pretrained"):
        Translator(str(tmp_path / "empty"), TranslateOptions(cache_dir=""))

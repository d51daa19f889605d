"""Tiny Hugging Face models built inside the tests: random weights, tokenizers trained here.

No weights can be downloaded (here or in CI), so the real loading and
``generate`` / encoder paths are exercised on models of the right architecture
and tokenizer class, a few kilobytes each, trained on the corpus passage and its
English translation. Their outputs are gibberish; what the tests check is the
plumbing: language codes, prefixes, batching, caching, subword-to-word pooling.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from tests.conftest import CORPUS

SEED_VI = (CORPUS / "000_c94cfb08b554769d.txt").read_text(encoding="utf-8")
SEED_EN = (CORPUS / "000_c94cfb08b554769d.en.txt").read_text(encoding="utf-8")
TRAINING_LINES = [line for line in (SEED_VI + "\n" + SEED_EN).splitlines() if line.strip()] + ["vi: en:"]

_TINY_SEQ2SEQ = dict(
    d_model=16,
    encoder_layers=1,
    decoder_layers=1,
    encoder_attention_heads=2,
    decoder_attention_heads=2,
    encoder_ffn_dim=32,
    decoder_ffn_dim=32,
    max_position_embeddings=256,
)


def _seed() -> None:
    import torch

    torch.manual_seed(0)


def _bpe_vocab_and_merges(vocab_size: int = 400):
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE(unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    tok.train_from_iterator(
        TRAINING_LINES, trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=["<s>", "<pad>", "</s>", "<unk>"])
    )
    model = json.loads(tok.to_str())["model"]
    merges = [tuple(m) if isinstance(m, list) else tuple(m.split(" ")) for m in model["merges"]]
    return model["vocab"], merges


def _sentencepiece(path: Path, vocab_size: int = 150) -> list[str]:
    import sentencepiece as spm

    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(TRAINING_LINES),
        model_writer=buffer,
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        minloglevel=2,
    )
    path.write_bytes(buffer.getvalue())
    processor = spm.SentencePieceProcessor(model_file=str(path))
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def build_nllb(out: Path) -> Path:
    """An NLLB-200-shaped model: NllbTokenizer (BPE trained here, 200+ language codes) + M2M100 weights."""
    from transformers import M2M100Config, M2M100ForConditionalGeneration, NllbTokenizer

    vocab, merges = _bpe_vocab_and_merges()
    tokenizer = NllbTokenizer(vocab=vocab, merges=merges, src_lang="eng_Latn")
    _seed()
    config = M2M100Config(
        vocab_size=max(tokenizer.get_vocab().values()) + 1,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        bos_token_id=tokenizer.bos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
        **_TINY_SEQ2SEQ,
    )
    M2M100ForConditionalGeneration(config).save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


def build_m2m100(out: Path, work: Path) -> Path:
    """An M2M100-shaped model: M2M100Tokenizer (sentencepiece trained here) + weights."""
    from transformers import M2M100Config, M2M100ForConditionalGeneration, M2M100Tokenizer

    work.mkdir(parents=True, exist_ok=True)
    pieces = _sentencepiece(work / "sentencepiece.bpe.model")
    specials = ["<s>", "<pad>", "</s>", "<unk>"]
    vocab = {p: i for i, p in enumerate(specials + [p for p in pieces if p not in specials])}
    (work / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    tokenizer = M2M100Tokenizer(vocab_file=str(work / "vocab.json"), spm_file=str(work / "sentencepiece.bpe.model"))
    _seed()
    config = M2M100Config(
        # language codes and made-up words come after the sentencepiece vocabulary
        vocab_size=max(tokenizer.lang_token_to_id.values()) + 1 + tokenizer.num_madeup_words,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        bos_token_id=tokenizer.bos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
        **_TINY_SEQ2SEQ,
    )
    M2M100ForConditionalGeneration(config).save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


def build_marian(out: Path, work: Path) -> Path:
    """An opus-mt-shaped model: MarianTokenizer (source/target sentencepiece trained here) + Marian weights."""
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    work.mkdir(parents=True, exist_ok=True)
    pieces = _sentencepiece(work / "source.spm")
    (work / "target.spm").write_bytes((work / "source.spm").read_bytes())
    vocab = {
        p: i
        for i, p in enumerate(["</s>", "<unk>"] + [p for p in pieces if p not in ("<s>", "</s>", "<unk>")] + ["<pad>"])
    }
    (work / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    tokenizer = MarianTokenizer(
        source_spm=str(work / "source.spm"), target_spm=str(work / "target.spm"), vocab=str(work / "vocab.json")
    )
    _seed()
    config = MarianConfig(
        vocab_size=len(vocab),
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.pad_token_id,
        **_TINY_SEQ2SEQ,
    )
    MarianMTModel(config).save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


def build_t5(out: Path) -> Path:
    """A T5 model (envit5 is one): T5Tokenizer (unigram trained here) + T5 weights."""
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import T5Config, T5ForConditionalGeneration, T5Tokenizer

    unigram = Tokenizer(models.Unigram())
    unigram.pre_tokenizer = pre_tokenizers.Metaspace()
    unigram.train_from_iterator(
        TRAINING_LINES,
        trainers.UnigramTrainer(vocab_size=300, special_tokens=["<pad>", "</s>", "<unk>"], unk_token="<unk>"),
    )
    vocab = [tuple(x) for x in json.loads(unigram.to_str())["model"]["vocab"]]
    tokenizer = T5Tokenizer(vocab=vocab, extra_ids=0)
    _seed()
    config = T5Config(
        vocab_size=len(tokenizer),
        d_model=16,
        d_kv=8,
        d_ff=32,
        num_layers=1,
        num_heads=2,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.pad_token_id,
    )
    T5ForConditionalGeneration(config).save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


def build_bert(out: Path, hidden_layers: int = 2, zero_positions: bool = False) -> Path:
    """A multilingual-BERT-shaped encoder: WordPiece tokenizer trained here + random BERT weights.

    ``zero_positions`` zeroes the position and segment embeddings, so that at layer 0
    a word's vector depends only on its subwords: identical words then have
    identical vectors, which gives the aligner a signal a test can predict.
    """
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    wordpiece = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    wordpiece.normalizer = normalizers.BertNormalizer(lowercase=False, strip_accents=False)
    wordpiece.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    wordpiece.train_from_iterator(TRAINING_LINES, trainers.WordPieceTrainer(vocab_size=500, special_tokens=specials))
    cls_id, sep_id = wordpiece.token_to_id("[CLS]"), wordpiece.token_to_id("[SEP]")
    wordpiece.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B [SEP]", special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)]
    )
    wordpiece.decoder = decoders.WordPiece()
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=wordpiece,
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
        model_max_length=512,
    )
    _seed()
    config = BertConfig(
        vocab_size=wordpiece.get_vocab_size(),
        hidden_size=16,
        num_hidden_layers=hidden_layers,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=512,
    )
    model = BertModel(config)
    if zero_positions:
        import torch

        with torch.no_grad():
            model.embeddings.position_embeddings.weight.zero_()
            model.embeddings.token_type_embeddings.weight.zero_()
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out

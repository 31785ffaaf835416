"""The mixed harvest's videos with speech recognition on: every video gets an audio track and loses its
caption tracks, and a tiny Whisper (random weights, saved from a config) transcribes them, so YouTube's
fetch runs on the harvest's actor group (`YoutubeSource.fetch_resources.actor`) as ASR does at scale.

The model is tiny, so its CPU per video is far below a real Whisper's; what it measures is the order of
work (fetch on the model group beside the other sources, extraction beside both), not ASR speed.
"""

from __future__ import annotations

import json
from pathlib import Path


def tiny_whisper(d: Path) -> Path:
    """A 1-layer Whisper with a byte-level tokenizer, saved with `save_pretrained` (no download)."""
    import torch
    from transformers import (GenerationConfig, WhisperConfig, WhisperFeatureExtractor,
                              WhisperForConditionalGeneration, WhisperProcessor, WhisperTokenizer)
    from transformers.convert_slow_tokenizer import bytes_to_unicode

    vocab = {c: i for i, c in enumerate(bytes_to_unicode().values())}
    specials = ["<|endoftext|>", "<|startoftranscript|>", "<|en|>", "<|translate|>", "<|transcribe|>",
                "<|startoflm|>", "<|startofprev|>", "<|nocaptions|>", "<|notimestamps|>"] + \
               [f"<|{i * 0.02:.2f}|>" for i in range(1501)]
    for s in specials:
        vocab[s] = len(vocab)
    tok = WhisperTokenizer(vocab=dict(vocab), merges=[])
    tok.add_special_tokens({"additional_special_tokens": specials[1:]})
    proc = WhisperProcessor(feature_extractor=WhisperFeatureExtractor(feature_size=80), tokenizer=tok)
    eot, sot = vocab["<|endoftext|>"], vocab["<|startoftranscript|>"]
    cfg = WhisperConfig(vocab_size=len(vocab), num_mel_bins=80, d_model=16, encoder_layers=1, decoder_layers=1,
                        encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=32, decoder_ffn_dim=32,
                        max_source_positions=1500, max_target_positions=64, pad_token_id=eot, bos_token_id=eot,
                        eos_token_id=eot, decoder_start_token_id=sot)
    torch.manual_seed(0)
    model = WhisperForConditionalGeneration(cfg)
    model.generation_config = GenerationConfig(
        decoder_start_token_id=sot, eos_token_id=eot, pad_token_id=eot, no_timestamps_token_id=vocab["<|notimestamps|>"],
        lang_to_id={"<|en|>": vocab["<|en|>"]}, is_multilingual=True, max_initial_timestamp_index=50, max_length=12,
        task_to_id={"transcribe": vocab["<|transcribe|>"], "translate": vocab["<|translate|>"]})
    model.save_pretrained(d)
    proc.save_pretrained(d)
    return d


def with_audio(root: Path, videos: dict, mb: float) -> dict:
    """`bench_harvest_mix.make_videos`'s corpus with audio in every base video and no caption track."""
    from benchmarks.sources.bench_harvest_mix import pad_mp4
    from derm1m_build.demo.youtube import FADE, FPS, VIDEOS, _plan
    from derm1m_build.video.synth import write_lecture

    for b in VIDEOS:
        p = root / "asr" / b / "video.mp4"
        write_lecture(p, _plan(b)[0], size=(320, 240), fps=FPS, fade_s=FADE, gop=50, audio=True)
        videos["media"][b] = pad_mp4(p.read_bytes(), int(mb * 1024 * 1024))
    for it in videos["items"].values():
        info = json.loads(it["info"])
        info["subtitles"], info["automatic_captions"] = {}, {}
        it["info"] = json.dumps(info, indent=1, sort_keys=True)
    return videos


def asr_section(model: Path) -> str:
    """The recipe table that turns ASR on (CPU)."""
    return f'\n[harvest.youtube.asr]\nmodel = "{model}"\ndevice = "cpu"\n'

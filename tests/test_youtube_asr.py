"""Speech recognition fallback: a tiny randomly initialised Whisper (config, byte-level tokenizer and
feature extractor built here, saved with save_pretrained) loaded by the real code path through
`pipeline("automatic-speech-recognition")`, for a video with an audio track and no captions."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from youtube_helpers import corpus_server, make_youtube

pytestmark = pytest.mark.ml


def build_tiny_whisper(d: Path) -> Path:
    torch = pytest.importorskip("torch")
    from transformers import (GenerationConfig, WhisperConfig, WhisperFeatureExtractor,
                              WhisperForConditionalGeneration, WhisperProcessor, WhisperTokenizer)
    from transformers.convert_slow_tokenizer import bytes_to_unicode

    vocab = {c: i for i, c in enumerate(bytes_to_unicode().values())}  # byte-level: every text encodes
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


def test_asr_fallback_transcribes_a_video_without_captions(tmp_path):
    from derm1m_build.demo.youtube import info_template
    from derm1m_build.video.asr import RATE, Transcriber, load_audio
    from derm1m_build.video.synth import ShotSpec, write_lecture

    model = build_tiny_whisper(tmp_path / "whisper")
    root = tmp_path / "corpus"
    vid = "dmLecture01"  # reuse the demo's info.json shape, with no caption track at all
    write_lecture(root / "youtube" / vid / "video.mp4", [ShotSpec("photo", 1, 3.0), ShotSpec("slide", 2, 3.0)],
                  size=(96, 72), audio=True)
    info = {**info_template(vid, 6.0), "subtitles": {}, "automatic_captions": {}}
    (root / "youtube" / vid / "info.template.json").write_text(json.dumps(info))

    audio = load_audio(root / "youtube" / vid / "video.mp4")
    assert audio.dtype == np.float32 and abs(audio.size / RATE - 6.0) < 0.2
    direct = Transcriber(str(model), "cpu").transcribe(audio)

    with corpus_server(root) as srv:
        src = make_youtube(tmp_path / "out", srv.url, vids=[vid], asr={"model": str(model), "device": "cpu"})
        rep = src.fetch()
    assert (rep.fetched, rep.failed) == (1, {})
    item = src.open_log().items[vid]
    assert (item["status"], item["transcript"]) == ("ok", "asr")
    asr = json.loads((tmp_path / "out/raw/youtube" / vid / "asr.json").read_text())
    assert asr["model"] == str(model) and asr["segments"] == [s.to_dict() for s in direct]
    rows = list(src.extract())
    assert len(rows) == 2
    for k, r in enumerate(rows):  # each shot's text is what the model said in that shot, or excluded for silence
        from derm1m_build.sources.base import Excluded

        # the 1 s context reaches only into time no neighbouring shot covers; a segment belongs to the
        # shot holding its midpoint
        lo = max(r_start(r) - 1.0, r_end(rows[k - 1]) if k else float("-inf"))
        hi = min(r_end(r) + 1.0, r_start(rows[k + 1]) if k + 1 < len(rows) else float("inf"))
        expect = " ".join(s.text for s in direct if lo <= (s.start + s.end) / 2 < hi)
        if isinstance(r, Excluded):
            assert (r.reason, expect) == ("no_speech_in_shot", "")
        else:
            assert r["raw_text"] == expect and json.loads(r["meta"])["transcript"] == "asr"


def r_start(r) -> float:
    return (r.row if hasattr(r, "row") else r)["t_start"]


def r_end(r) -> float:
    return (r.row if hasattr(r, "row") else r)["t_end"]

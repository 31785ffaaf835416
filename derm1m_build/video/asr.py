"""Speech recognition fallback for videos without captions: a transformers ASR pipeline (Whisper).

The audio track is decoded and resampled to 16 kHz mono with PyAV (no ffmpeg binary), then given to
`pipeline("automatic-speech-recognition", model=...)` with chunking and timestamps, so long lectures are
transcribed in 30 s windows and every chunk keeps its start and end. The model is a local folder or a
hub id; GPU when one is present.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from derm1m_build.errors import ItemError
from derm1m_build.video.subtitles import Segment, clean_text

RATE = 16000


def load_audio(path: Path, max_seconds: float | None = None) -> np.ndarray:
    """Mono float32 at 16 kHz, or ItemError(`no_audio_track` / `bad_video`)."""
    import av

    try:
        container = av.open(str(path))
    except (av.error.FFmpegError, OSError, ValueError) as e:
        raise ItemError("bad_video", f"{type(e).__name__}") from None
    try:
        if not container.streams.audio:
            raise ItemError("no_audio_track", Path(path).name)
        stream = container.streams.audio[0]
        resampler = av.AudioResampler(format="flt", layout="mono", rate=RATE)
        parts: list[np.ndarray] = []
        total = 0
        for frame in container.decode(stream):
            for out in resampler.resample(frame):
                a = out.to_ndarray().reshape(-1)
                parts.append(a)
                total += a.size
            if max_seconds and total >= max_seconds * RATE:
                break
        for out in resampler.resample(None):
            parts.append(out.to_ndarray().reshape(-1))
    except av.error.FFmpegError as e:
        raise ItemError("bad_video", f"audio: {type(e).__name__}") from None
    finally:
        container.close()
    if not parts:
        raise ItemError("no_audio_track", "audio track decodes to nothing")
    return np.concatenate(parts).astype(np.float32)


class Transcriber:
    """One loaded ASR pipeline, reused across videos."""

    def __init__(self, model: str, device: str = "auto", chunk_length_s: float = 30.0, language: str | None = "en",
                 batch_size: int = 1):
        import torch
        from transformers import pipeline

        if device == "auto":
            device = "cuda:0" if torch.cuda.is_available() else "cpu"
        try:
            self.pipe = pipeline("automatic-speech-recognition", model=model, device=device)
        except (OSError, ValueError) as e:
            from derm1m_build.errors import UserError

            raise UserError(f"[harvest.youtube.asr] model {model!r} cannot be loaded ({type(e).__name__}); "
                            "give a local folder or a hub id") from None
        self.chunk_length_s = chunk_length_s
        self.language = language
        self.batch_size = batch_size

    def __call__(self, path: Path) -> list[Segment]:
        return self.transcribe(load_audio(path))

    def transcribe(self, audio: np.ndarray) -> list[Segment]:
        """16 kHz mono float32 -> timestamped segments (one per chunk the model timestamps)."""
        dur = audio.size / RATE
        kw = {}
        if self.language and getattr(self.pipe.model.config, "model_type", "") == "whisper":
            kw["generate_kwargs"] = {"language": self.language, "task": "transcribe"}
        out = self.pipe({"raw": audio, "sampling_rate": RATE}, return_timestamps=True,
                        chunk_length_s=self.chunk_length_s, batch_size=self.batch_size, **kw)
        segs = []
        for ch in out.get("chunks") or [{"timestamp": (0.0, dur), "text": out.get("text", "")}]:
            start, end = ch.get("timestamp") or (0.0, dur)
            start = float(start or 0.0)
            end = float(end) if end is not None else dur
            t = clean_text(ch.get("text", ""))
            if t:
                segs.append(Segment(start, max(start, end), t))
        return segs

"""Lecture-like H.264 MP4 videos with known shot boundaries (demo corpus, tests, benchmark).

Encoded with PyAV's bundled libx264 (no ffmpeg binary needed). A video is a list of shots, each a
lesion-like photograph (demo.images.skin_photo) or a text slide held still with a slow zoom (so frames
are not identical), separated by optional fades through black. Deterministic for a given spec.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np

from derm1m_build.demo import images as gen


@dataclass(frozen=True)
class ShotSpec:
    kind: str  # "photo" or "slide"
    seed: int
    seconds: float
    lines: tuple[str, ...] = ()
    style: str | None = None  # the drawn lesion's style (what the narration describes); None: by seed
    photo: str = ""  # a real photograph (path) shown instead of a drawing


def _still(spec: ShotSpec, w: int, h: int) -> np.ndarray:
    if spec.kind == "photo" and spec.photo:
        from derm1m_build.demo.photos import cover

        img = cv2.imread(spec.photo, cv2.IMREAD_COLOR)
        if img is None:
            raise ValueError(f"cannot read {spec.photo}")
        return cover(img, w, h)
    if spec.kind == "photo":
        img = gen.skin_photo(spec.seed, size=max(w, h), tone=spec.seed % 6, style=spec.style)
    else:
        img = gen.slide(spec.seed, size=(480, 360), lines=list(spec.lines) or None)
    return cv2.resize(img, (w, h), interpolation=cv2.INTER_AREA)


def write_lecture(path: Path, shots: list[ShotSpec], size: tuple[int, int] = (320, 240), fps: int = 25,
                  fade_s: float = 0.0, gop: int = 50, audio: bool = False, crf: int = 28,
                  preset: str = "veryfast") -> list[tuple[float, float]]:
    """Write the video; return each shot's (start, end) in seconds (fades belong to no shot)."""
    w, h = size
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    bounds: list[tuple[float, float]] = []
    fade_n = int(round(fade_s * fps))
    with av.open(str(path), "w", format="mp4") as out:
        vs = out.add_stream("libx264", rate=fps)
        vs.width, vs.height, vs.pix_fmt = w, h, "yuv420p"
        # min-keyint=1: every scene cut x264 detects becomes an IDR keyframe (as in YouTube's encodes)
        vs.options = {"crf": str(crf), "preset": preset, "g": str(gop), "threads": "1",
                      "x264-params": "min-keyint=1:scenecut=40"}
        astream = None
        if audio:
            astream = out.add_stream("aac", rate=16000)
            astream.layout = "mono"
        n = 0
        a_pts = 0
        for i, spec in enumerate(shots):
            base = _still(spec, w, h)
            frames = int(round(spec.seconds * fps))
            bounds.append((n / fps, (n + frames) / fps))
            for k in range(frames):
                z = 1.0 + 0.04 * k / max(1, frames)  # slow zoom: motion inside a shot
                m = cv2.getRotationMatrix2D((w / 2, h / 2), 0, z)
                img = cv2.warpAffine(base, m, (w, h), borderMode=cv2.BORDER_REFLECT)
                n = _emit(out, vs, img, n)
            if fade_n and i < len(shots) - 1:
                last = img
                for k in range(fade_n):
                    n = _emit(out, vs, (last.astype(np.float32) * (1 - (k + 1) / fade_n)).astype(np.uint8), n)
        if astream is not None:
            a_pts = _write_tone(out, astream, n / fps)
        for p in vs.encode():
            out.mux(p)
    return bounds


def _emit(out, vs, bgr: np.ndarray, n: int) -> int:
    f = av.VideoFrame.from_ndarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), format="rgb24")
    f.pts = n
    f.time_base = Fraction(1, vs.average_rate) if vs.average_rate else None
    for p in vs.encode(f):
        out.mux(p)
    return n + 1


def _write_tone(out, astream, seconds: float) -> int:
    """A quiet, deterministic tone (speech-band noise) so the audio track decodes to something."""
    rate = 16000
    total = int(seconds * rate)
    rng = np.random.default_rng(0)
    t = np.arange(total) / rate
    sig = (0.05 * np.sin(2 * np.pi * 220 * t) + 0.01 * rng.standard_normal(total)).astype(np.float32)
    pts = 0
    for s in range(0, total, 1024):
        chunk = sig[s:s + 1024].reshape(1, -1)
        fr = av.AudioFrame.from_ndarray(chunk, format="fltp", layout="mono")
        fr.sample_rate = rate
        fr.pts = pts
        pts += chunk.shape[1]
        for p in astream.encode(fr):
            out.mux(p)
    for p in astream.encode():
        out.mux(p)
    return pts

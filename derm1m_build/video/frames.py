"""Shot detection and one sharp representative frame per stable shot, with PyAV.

Why keyframes first: H.264 encoders (x264's scenecut, YouTube's encoders) put a keyframe at nearly every
hard cut, and decoding only keyframes (`skip_frame="NONKEY"`) skips ~98 % of the decoding work. When the
keyframes are too sparse to see every shot (GOP longer than `max_keyframe_gap`), the video is decoded
fully but only every `sample_every` seconds is converted and compared.

Between consecutive samples the distance is mainly 1 - the normalised cross-correlation of small grey
thumbnails (brightness-invariant, so fades do not cut), with an HSV-histogram term for colour-only
changes; above `cut_threshold` starts a new shot. Black or
flat frames (fades, transitions) end the current shot and are never chosen. Shots shorter than
`min_shot_s` (transitions, flashes) are dropped. The representative is the sharpest sample (variance of
the Laplacian) of the shot. Streaming: only the current shot's best frame is held in memory.

Unreadable input raises `ItemError` with reason `bad_video` or `no_video_track`, never anything else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
from pydantic import Field

from derm1m_build.errors import ItemError
from derm1m_build.recipe import Section


class ShotConfig(Section):
    min_shot_s: float = Field(2.0, ge=0, description="shots shorter than this are dropped")
    cut_threshold: float = Field(0.3, gt=0, le=1)
    max_keyframe_gap: float = Field(5.0, gt=0, description="sparser keyframes than this: sample decoded frames")
    sample_every: float = Field(0.5, gt=0, description="seconds between samples when decoding fully")
    black_luma: float = Field(20.0, ge=0, description="mean luma below this = black frame")
    flat_std: float = Field(1.0, ge=0, description="luma std below this = flat frame (blank); dark skin is ~3-6")
    scenecut_factor: float = Field(0.25, gt=0, le=1, description="threshold factor at the encoder's scene-cut keyframes")
    max_side: int = Field(1280, ge=64, description="kept frames are downscaled to this longest side")


@dataclass
class Shot:
    start: float
    end: float
    frame_time: float
    sharpness: float
    frame: np.ndarray | None = field(default=None, repr=False)  # BGR

    def to_dict(self) -> dict:
        return {"start": round(self.start, 3), "end": round(self.end, 3), "frame_time": round(self.frame_time, 3),
                "sharpness": round(self.sharpness, 2)}


@dataclass
class _Sample:
    t: float
    hist: np.ndarray
    thumb: np.ndarray
    luma: float
    std: float
    sharp: float


def _features(bgr: np.ndarray) -> _Sample:
    small = cv2.resize(bgr, (160, max(1, 160 * bgr.shape[0] // max(1, bgr.shape[1]))), interpolation=cv2.INTER_AREA)
    hsv = cv2.cvtColor(small, cv2.COLOR_BGR2HSV)
    hist = cv2.calcHist([hsv], [0, 1, 2], None, [12, 4, 4], [0, 180, 0, 256, 0, 256])
    cv2.normalize(hist, hist, 1, 0, cv2.NORM_L1)
    grey = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    thumb = cv2.resize(grey, (32, 18), interpolation=cv2.INTER_AREA).astype(np.float32)
    return _Sample(0.0, hist, thumb, float(grey.mean()), float(grey.std()),
                   float(cv2.Laplacian(grey, cv2.CV_32F).var()))


def _distance(a: _Sample, b: _Sample) -> float:
    """1 - normalised cross-correlation of the grey thumbnails: insensitive to brightness, so a fade
    (the same picture, darker) stays one shot while a cut to a different picture scores 0.4-1.3; plus
    the colour histogram where brightness is equal (a colour-only change)."""
    x = (a.thumb - a.thumb.mean()) / (a.thumb.std() + 1e-3)
    y = (b.thumb - b.thumb.mean()) / (b.thumb.std() + 1e-3)
    d = 1.0 - float((x * y).mean())
    if abs(a.luma - b.luma) <= 0.15 * max(a.luma, b.luma, 1.0):
        d = max(d, float(cv2.compareHist(a.hist, b.hist, cv2.HISTCMP_BHATTACHARYYA)) - 0.3)
    return d


def _bgr(frame, width: int | None = None, height: int | None = None) -> np.ndarray:
    """A decoded frame as BGR, the same bytes on every CPU.

    Decoding H.264 is bit-exact by the standard, but converting YUV to BGR is not: swscale's default
    path picks SIMD kernels by CPU feature (SSE/AVX2/AVX-512) that round differently from each other
    (up to 11 levels apart on the demo lectures), and splits the picture across threads by CPU count.
    So two builds of the same video bytes on two machines chose different frames' sharpness (8.12 vs
    8.14). BITEXACT + ACCURATE_RND select swscale's C reference (exact BT.601 rounding), one thread.
    """
    from av.video.reformatter import Interpolation

    flags = Interpolation.BILINEAR | Interpolation.BITEXACT | Interpolation.ACCURATE_RND
    return frame.reformat(width=width, height=height, format="bgr24", interpolation=flags,
                          threads=1).to_ndarray()


def _open(path: Path):
    import av

    try:
        container = av.open(str(path))
    except (av.error.FFmpegError, OSError, ValueError) as e:
        raise ItemError("bad_video", f"{type(e).__name__}: {str(e)[:120]}") from None
    if not container.streams.video:
        container.close()
        raise ItemError("no_video_track", Path(path).name)
    return container


def _iter_samples(path: Path, cfg: ShotConfig, keyframes_only: bool):
    """(time, av.VideoFrame) for each sample, in order. Keyframes only: only keyframe packets reach the
    decoder (the others are not even parsed); else every frame is decoded and one per `sample_every`
    seconds is kept. Frames stay PyAV frames: only the small thumbnail and the chosen ones are converted."""
    import av

    container = _open(path)
    try:
        stream = container.streams.video[0]
        if keyframes_only:
            stream.codec_context.skip_frame = "NONKEY"
            times: list[float] = []  # keyframes come out in order, one frame each; flushed ones lose pts
            for packet in container.demux(stream):
                if packet.is_keyframe and packet.size and packet.pts is not None:
                    times.append(float(packet.pts * packet.time_base))
                elif packet.size:
                    continue
                for frame in stream.decode(packet if packet.size else None):
                    if times:
                        yield times.pop(0), frame
            return
        stream.thread_type = "AUTO"
        next_t = -1.0
        for frame in container.decode(stream):
            if frame.time is None:
                continue
            t = float(frame.time)
            if t + 1e-6 < next_t:
                continue
            next_t = t + cfg.sample_every
            yield t, frame
    except (av.error.FFmpegError, ValueError, MemoryError) as e:
        raise ItemError("bad_video", f"{type(e).__name__}: {str(e)[:120]}") from None
    finally:
        container.close()


def video_duration(path: Path) -> float:
    container = _open(path)
    try:
        s = container.streams.video[0]
        if s.duration is not None and s.time_base is not None:
            return float(s.duration * s.time_base)
        return float(container.duration or 0) / 1_000_000
    finally:
        container.close()


def keyframe_times(path: Path) -> list[float]:
    """Keyframe timestamps from the packet index (no decoding)."""
    import av

    container = _open(path)
    try:
        s = container.streams.video[0]
        out = [float(p.pts * p.time_base) for p in container.demux(s) if p.is_keyframe and p.pts is not None]
    except av.error.FFmpegError as e:
        raise ItemError("bad_video", f"{type(e).__name__}: {str(e)[:120]}") from None
    finally:
        container.close()
    return sorted(out)


def detect_shots(path: Path, cfg: ShotConfig | None = None, keep_frames: bool = True) -> tuple[list[Shot], dict]:
    """Stable shots of one video with their representative frames; and how they were sampled."""
    cfg = cfg or ShotConfig()
    duration = video_duration(path)
    kts = keyframe_times(path)
    if not kts:
        raise ItemError("bad_video", "no decodable keyframe")
    gaps = np.diff(kts + [max(duration, kts[-1])])
    keyframes_only = bool(float(gaps.max(initial=0.0)) <= cfg.max_keyframe_gap + 1e-3)
    # keyframes off the encoder's regular GOP grid are its scene-cut decisions: a lower threshold there
    regular = float(np.median(gaps[:-1])) if len(gaps) > 1 else float(duration)
    early = {round(kts[i], 3) for i in range(1, len(kts)) if kts[i] - kts[i - 1] < 0.9 * regular}
    shots: list[Shot] = []
    cur: dict | None = None  # {"start", "best": (_Sample, av frame), "last": _Sample}
    n = 0

    def close(end: float) -> None:
        nonlocal cur
        if cur is not None and end - cur["start"] >= cfg.min_shot_s:
            s, fr = cur["best"]
            img = _shrink(_bgr(fr), cfg.max_side) if keep_frames else None
            shots.append(Shot(cur["start"], end, s.t, s.sharp, img))
        cur = None

    for t, frame in _iter_samples(path, cfg, keyframes_only):
        n += 1
        w = 160
        small = _bgr(frame, w, max(2, 2 * round(w * frame.height / max(1, frame.width) / 2)))
        s = _features(small)
        s.t = t
        if s.luma < cfg.black_luma or s.std < cfg.flat_std:
            close(t)
            continue
        thr = cfg.cut_threshold * (cfg.scenecut_factor if keyframes_only and round(t, 3) in early else 1.0)
        if cur is not None and _distance(cur["last"], s) > thr:
            close(t)
        if cur is None:
            cur = {"start": t, "best": (s, frame), "last": s}
        else:
            cur["last"] = s
            if s.sharp > cur["best"][0].sharp:
                cur["best"] = (s, frame)
    close(duration if duration > 0 else (cur["last"].t if cur else 0.0))
    if n == 0:
        raise ItemError("bad_video", "no frame decoded")
    return shots, {"mode": "keyframes" if keyframes_only else "sampled", "samples": n, "keyframes": len(kts),
                   "duration": round(duration, 3)}


def _shrink(bgr: np.ndarray, max_side: int) -> np.ndarray:
    h, w = bgr.shape[:2]
    if max(h, w) <= max_side:
        return bgr
    f = max_side / max(h, w)
    return cv2.resize(bgr, (int(w * f), int(h * f)), interpolation=cv2.INTER_AREA)

"""The settings of shot detection and the shot it returns: the data the public entry points take
and give, kept apart so every other module can use them without importing the detector.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from pydantic import Field

from derm1m_build.recipe import Section


class ShotConfig(Section):
    min_shot_s: float = Field(2.0, ge=0, description="shots shorter than this are dropped")
    cut_threshold: float = Field(0.3, gt=0, le=1)
    exact_gap: float = Field(0.5, gt=0, description="keyframes at most this far apart: no refinement")
    max_keyframe_gap: float = Field(
        10.0, gt=0, description="typical keyframe spacing above this: sample decoded frames, not keyframes")
    max_fixed_gap: float = Field(
        6.0, gt=0, description="a fixed keyframe grid (no scene-cut keyframe) spaced wider than this: sample "
        "decoded frames (a whole shot can lie between two keyframes that look alike)")
    sample_every: float = Field(0.5, gt=0, description="seconds between samples when decoding fully")
    black_luma: float = Field(20.0, ge=0, description="mean luma below this = black frame")
    flat_std: float = Field(1.0, ge=0, description="luma std below this = flat frame (blank); dark skin is ~3-6")
    scenecut_factor: float = Field(0.25, gt=0, le=1, description="threshold factor at the encoder's scene-cut keyframes")
    hint_ratio: float = Field(
        2.0, ge=0, description="refinement: a packet this many times the median marks the cut (0: no hint)")
    coarse_gap: float = Field(
        4.0, ge=0, description="keyframes+refine: grid keyframes closer than this to the last decoded one are skipped")
    fine_from: float = Field(
        0.0, ge=0, description="coarse pairs at least this far apart (under cut_threshold) are also compared aligned")
    fine_threshold: float = Field(
        1.3, gt=0, description="aligned comparison: a cell differing this much (in standard deviations) = different")
    fine_grid: tuple[int, int] = Field((32, 24), description="aligned comparison: cells across and down")
    fine_misses: int = Field(
        3, ge=0, description="after this many refinements sent by the aligned comparison found nothing, it is off")
    fade_ratio: float = Field(
        0.75, gt=0, le=1, description="a sample this much darker than the one before (same picture) is inside a fade")
    fade_follow: float = Field(
        0.99, ge=0, le=1, description="a sample this much darker than the one before (same picture), followed by "
        "the encoder's scene cut, is followed a few frames: a fade opening there is refined (0: never)")
    fast_refine: bool = Field(
        True, description="refinement decodes skip H.264's deblocking filter (~25 % less decoding); their frames "
        "only place cuts, and one kept as a shot's frame is decoded again exactly")
    far_lead: int = Field(
        8, ge=0, description="refinement leaves out the small reference packets between its keyframe and the "
        "hinted cut but this many before it (0: none): decoded from stand-ins, they only place cuts")
    decode_threads: int = Field(
        1, ge=0, description="decoder threads (0: FFmpeg's choice); the outputs do not change")
    decode_ahead: int = Field(
        0, ge=0, description="coarse samples decoded ahead in a thread of their own while refinement runs "
        "(0: none, one thread); the outputs do not change. 13-20 % less wall time where a core is free, "
        "up to ~6 % more CPU (RESULTS.md): off by default, since a harvest keeps every core busy")
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

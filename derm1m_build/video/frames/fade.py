"""Whether a new shot may start right after a coarse sample, where the next sample (the encoder's scene
cut) cannot show it: a fade under way at the sample, seen in the few frames decoded after it
(`fade_opens`), or the interval's largest packet right after it (`cut_soon`, no decoding).

Why: x264 (its defaults: 10 s GOP, scene-cut keyframes) gives no keyframe to a cut that comes within
`keyint_min` (25) frames after a keyframe: its scene-cut threshold is biased down that close to one, so
the new shot's first pictures are inter-coded (a B-frame predicted from the next P). When the GOP's
keyframe falls on the last frames of a shot, on its fade through black or on the fade's black frame,
the next keyframe is x264's scene cut after the following shot, and that shot is seen by neither sample:
it merged with the one before. So, where the next sample is such a scene cut and a whole shot
(`min_shot_s`) fits between the two:
- a sample only a little darker than the one before (`ShotConfig.fade_follow`; the first frame of a
  0.4 s fade keeps about 0.94 of the mean luma, far above `fade_ratio`) is followed for two frames: a
  fade keeps darkening frame after frame, a steady picture does not (its mean luma moves by well under
  0.1 % between frames on H.264; a fade of up to ~3 s at 25 fps loses more than 0.5 % a frame);
- a sample at full light whose interval's largest non-key packet lies within `_REACH_FRAMES` frames after
  it (the fade's frames and the new picture cost bits; a still picture's do not) is taken the same way;
- (and a black sample, `assemble`: what follows the dark run is unseen).
Then the interval is refined like a differing pair (`assemble`) as far as the first new picture, which
places the fade's black frame and the cut out of it to the frame; the rest is trusted to the scene cut,
as between any two samples.
"""

from __future__ import annotations

import bisect

from derm1m_build.video.frames.features import _light
from derm1m_build.video.frames.index import _Index, cut_hints

# frames shown after the sample that must each be darker than the frame before by this fraction of its light
_FRAMES, _STEP = 2, 0.005


def fade_opens(refiner, t: float, frame, frame_dt: float, black_luma: float, shown: list[int]) -> bool:
    """Whether the `_FRAMES` frames shown right after the sample at `t` (`frame`, decoded; `shown`: every
    frame's pts in display order) each lose at least `_STEP` of the light of the frame before them, or
    reach black (`black_luma`): a fade under way there. Decoded by the refinement decoder from the keyframe
    at or before `t`: those frames in full and, of the others, the reference frames they need (a sample
    that is not a keyframe, an encoder's intra frame, does not cost every frame since the keyframe);
    stopping once the last wanted one is out. False if fewer come out (the video's end)."""
    j = bisect.bisect_right(shown, int(frame.pts))
    wanted = frozenset(shown[j:j + _FRAMES])
    light = _light(frame)[1]
    n = 0
    for _, f in refiner.frames_between(t, t + (_FRAMES + 0.5) * frame_dt, wanted):
        if f.pts not in wanted:
            continue  # (a reference frame on the way)
        lt = _light(f)[1]
        if lt < black_luma:
            return True
        if lt > (1.0 - _STEP) * light:
            return False
        light, n = lt, n + 1
    return n == _FRAMES


# x264's default `keyint_min` (keyint / 10): a cut this many frames or fewer after a keyframe gets no keyframe
_REACH_FRAMES = 25


def cut_soon(ix: _Index, t0: float, t1: float, ratio: float, frame_dt: float) -> bool:
    """Whether the largest non-key packet strictly between the samples at t0 and t1 (`cut_hints`, with its
    `ratio`: none where no packet stands out) lies at most `_REACH_FRAMES` frames after t0: a fade or a new
    picture right after the sample, where the encoder could not put a keyframe. From the packet index
    alone; False without time base or with hints off (`ratio` 0)."""
    if ratio <= 0 or ix.time_base <= 0:
        return False
    _, biggest = cut_hints(ix, t0, t1, ratio)
    return biggest is not None and biggest * ix.time_base - t0 <= _REACH_FRAMES * frame_dt + 1e-6

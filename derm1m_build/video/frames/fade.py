"""Whether a fade is under way at a coarse sample, from the few frames shown right after it: the one
test of the detector that decodes forward from a sample to ask what the next sample cannot show.

Why: an encoder's keyframe can fall on the first frames of a fade through black (x264's defaults: the
10 s GOP's keyframe lands there, and the next shot's first frame, a few frames later, is too close to it
to get a keyframe of its own), and the next keyframe is then the encoder's scene cut after that shot.
The sample shows the shot before, only a little darker (the first frame of a 0.4 s fade keeps about
0.94 of the mean luma: far above `fade_ratio`), the next one the shot after the next cut, so the shot in
between is seen by neither and merges with the one before. A sample a little darker than the one
before (`ShotConfig.fade_follow`: a cheap test on the samples alone) is therefore followed for a few
frames: a fade keeps darkening frame after frame, a steady picture does not (its mean luma moves by
well under 0.1 % between frames on H.264; a fade of up to ~3 s at 25 fps loses more than 0.5 % a
frame). Then the interval after the sample, up to the encoder's scene cut, is refined like a
differing pair (`assemble`) as far as the first new picture, which places the fade's black frame and
the cut out of it to the frame; the rest is trusted to the scene cut, as between any two samples. Only
where a whole shot (`min_shot_s`) fits between the two samples: a shorter one would be dropped anyway.
"""

from __future__ import annotations

import bisect

from derm1m_build.video.frames.features import _light

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

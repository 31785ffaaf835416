"""Refinement decodes drain the decoder before an IDR picture instead of decoding it (issue 21), and the frames
a drain returns keep their times.

A refinement decode (`_Refiner.frames_between`) reads frames in display order; FFmpeg's H.264 decoder holds up
to its reorder depth (2 pictures on x264's B-pyramid encodes) before it outputs one, so a decode that stops
on a cut or at the interval's end used to decode the next packets only to push the frames it wanted out; where
the next packet is an IDR picture (1.6-1.9 ms at 854x480, 5-7 predicted frames' worth) the decoder is now
drained instead, and the IDR decoded only if more frames are wanted. And the frames a drain returns carry no
time base in PyAV (`frame.time` NaN): so did the last frames of every video drained from the kept packets at
its end, and a cut to black in the last frames then dropped the shot before it (`close(nan)`: no duration).
"""

from __future__ import annotations

import math

import av
import cv2
import numpy as np
import pytest

from derm1m_build.video import frames
from derm1m_build.video.frames import assemble, index, refine
from derm1m_build.video.frames import detect_shots
from derm1m_build.video.synth import ShotSpec, _still

W, H, FPS = 320, 240, 25


def _write(path, seconds: float, black: int, x264: str) -> None:
    """One photograph zooming in slowly for `seconds`, then `black` black frames, with libx264 (`x264`: its
    GOP and B-frame options)."""
    with av.open(str(path), "w", format="mp4") as out:
        vs = out.add_stream("libx264", rate=FPS)
        vs.width, vs.height, vs.pix_fmt = W, H, "yuv420p"
        vs.options = {"crf": "28", "preset": "veryfast", "threads": "1", "x264-params": x264}
        base = _still(ShotSpec("photo", 11, seconds), W, H)
        n = int(round(seconds * FPS))
        for i in range(n + black):
            if i < n:
                m = cv2.getRotationMatrix2D((W / 2, H / 2), 0, 1.0 + 0.04 * i / n)
                img = cv2.warpAffine(base, m, (W, H), borderMode=cv2.BORDER_REFLECT)
            else:
                img = np.zeros((H, W, 3), np.uint8)
            f = av.VideoFrame.from_ndarray(img, format="bgr24")
            f.pts = i
            for p in vs.encode(f):
                out.mux(p)
        for p in vs.encode():
            out.mux(p)


@pytest.mark.parametrize("black, end", [(1, 11.0), (2, 11.04)])
def test_a_cut_to_black_in_the_last_frames_keeps_the_shot_before_it(tmp_path, black, end):
    """11 s of a photograph, then 1 or 2 black frames; keyframes every 4 s (0, 4, 8), three B-frames. The
    stretch after the last keyframe (8 s) is refined from the kept packets, which end in a drain: the black
    frames came out of it with NaN times, the shot was closed at NaN and dropped (main before this change:
    no shot at all). Now the shot ends at the first black frame decoded (11.0; with two, the first is a
    non-reference B-frame, not decoded: 11.04)."""
    p = tmp_path / "tail.mp4"
    _write(p, 11.0, black, "keyint=100:min-keyint=100:scenecut=0:bframes=3")
    assert frames.keyframe_times(p) == [0.0, 4.0, 8.0]
    shots, how = detect_shots(p)
    assert how["mode"] == "keyframes+refine"
    assert [(s.start, s.end) for s in shots] == [(0.0, end)]
    assert all(math.isfinite(x) for s in shots for x in (s.start, s.end, s.frame_time, s.sharpness))


def _dash(tmp_path):
    """Three photographs of 3 s (cuts at 3.0 and 6.0 s, no fade), a fixed 2 s GOP without scene-cut keyframes
    and three B-frames: the cut at 6.0 s is on a grid keyframe (an IDR), the one at 3.0 s inside a GOP."""
    p = tmp_path / "dash.mp4"
    with av.open(str(p), "w", format="mp4") as out:
        vs = out.add_stream("libx264", rate=FPS)
        vs.width, vs.height, vs.pix_fmt = W, H, "yuv420p"
        vs.options = {"crf": "28", "preset": "veryfast", "threads": "1",
                      "x264-params": "keyint=50:min-keyint=50:scenecut=0:bframes=3"}
        i = 0
        for seed in (11, 12, 13):
            base = _still(ShotSpec("photo", seed, 3.0), W, H)
            for k in range(3 * FPS):
                m = cv2.getRotationMatrix2D((W / 2, H / 2), 0, 1.0 + 0.04 * k / (3 * FPS))
                f = av.VideoFrame.from_ndarray(cv2.warpAffine(base, m, (W, H), borderMode=cv2.BORDER_REFLECT),
                                               format="bgr24")
                f.pts = i
                i += 1
                for pk in vs.encode(f):
                    out.mux(pk)
        for pk in vs.encode():
            out.mux(pk)
    return p


def _decode(refiner, t0, t1, dense=frozenset(), start=None, stop_after=None):
    out = []
    it = refiner.frames_between(t0, t1, dense, start)
    for t, f in it:
        out.append((t, int(f.pts), hashlib_of(f)))
        if stop_after is not None and len(out) == stop_after:
            break
    it.close()
    return out


def hashlib_of(frame) -> str:
    import hashlib

    return hashlib.sha1(frame.to_ndarray(format="yuv420p").tobytes()).hexdigest()


def test_draining_before_an_idr_gives_the_same_frames(tmp_path):
    """Every interval of the encode, refined with the drain and with it switched off (an empty IDR set, as
    before): the same frames (times, pts, plane bytes) in the same order; those that end at an IDR (every
    grid keyframe from 2 s on) drained it instead of decoding it. A decode stopped by its consumer on the
    last frame before an IDR leaves that IDR undecoded too."""
    p = _dash(tmp_path)
    ix = index._index(p, None, assemble._KEEP_BYTES)
    idr_times = sorted(float(q * ix.time_base) for q in ix.pts[ix.idr & ix.key])
    assert idr_times == [0.0, 2.0, 4.0, 6.0, 8.0]
    new = refine._Refiner(p, 1, ix.skippable("ref"), None, ix.packets, deblock=False, ix=ix)
    old = refine._Refiner(p, 1, ix.skippable("ref"), None, ix.packets, deblock=False, ix=ix)
    old.idr = frozenset()
    intervals = [(0.0, 2.0), (0.0, 4.0), (2.0, 6.0), (1.0, 7.0), (4.0, 9.04)]
    for t0, t1 in intervals:
        got, want = _decode(new, t0, t1), _decode(old, t0, t1)
        assert got == want and len(got) > 10, (t0, t1)
        assert all(math.isfinite(t) for t, _, _ in got)
    # the IDR at t1 drained instead of decoded in 0-2, 0-4 and 2-6; those inside an interval (2 s in 0-4 and
    # 1-7, 4 s in 2-6 and 1-7, 6 s in 1-7 and 4-9.04, 8 s) decoded after a drain; 9.04 is past the end
    assert new.drained == 3 and old.drained == 0
    # the hinted decode of the cut at 3.0 s (dense around it, from the keyframe at 2 s), stopped right after
    # the cut frame as `refined` does: the same frames
    dense, big = frames.cut_hints(ix, 2.0, 4.0, 2.0)
    assert dense and ix.keyframe_before(big) == 2.0
    got = _decode(new, 2.0, 4.0, dense, 2.0)
    assert got == _decode(old, 2.0, 4.0, dense, 2.0)
    cut = [i for i, (t, _, _) in enumerate(got) if abs(t - 3.0) < 1e-6]
    assert cut, got
    # stopped on the frame before the IDR at 4 s: the drain alone returned it
    before = new.drained
    last = [i for i, (t, _, _) in enumerate(got) if t < 4.0][-1]
    assert _decode(new, 2.0, 6.0, dense, 2.0, stop_after=last + 1) == got[:last + 1]
    assert new.drained == before + 1
    new.close()
    old.close()


"""A fade that crosses a grid keyframe of a fixed 2 s GOP: the refinement starts at that keyframe when it still
shows the interval's first picture (issue 21, round frames21: tuning clip s557's cuts at 22.16 and 74.08 s)."""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest

from derm1m_build.video.frames import ShotConfig, assemble, detect_shots, index, keyframe_times, refine
from derm1m_build.video.synth import ShotSpec, write_lecture

# s557's 9th and 10th shots (bench_shots' generator, seed 557): a photograph, a 0.4 s fade to black, the slide
# "Lecture 9"; the photograph is 9.68 s here (242 frames) so that its fade starts 0.32 s before the grid keyframe
# at 10.0 s, as at 73.68 s in s557 (the keyframe at 74.0 s inside the fade, the slide's first frame at 74.08 s)
PLAN = [ShotSpec("photo", 179815, 9.68), ShotSpec("slide", 197556, 4.0, ("Lecture 9", "- morphology",
        "- distribution", "- differential")), ShotSpec("photo", 3, 3.0)]


def _key(shots) -> list:
    return [(s.to_dict(), s.frame.tobytes()) for s in shots]


@pytest.fixture(scope="module")
def dash(tmp_path_factory):
    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg not installed")
    d = tmp_path_factory.mktemp("later")
    src, dst = d / "src.mp4", d / "dash2s.mp4"
    bounds = write_lecture(src, PLAN, size=(854, 480), fps=25, fade_s=0.4, gop=100, crf=30, preset="superfast")
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(src), "-c:v", "libx264", "-preset", "superfast",
                    "-crf", "30", "-threads", "1", "-g", "50", "-keyint_min", "50", "-sc_threshold", "0", str(dst)],
                   check=True)
    return dst, bounds


def _without_rule(path, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(assemble, "_FADE_RUN_S", float("inf"))
        return detect_shots(path, ShotConfig())


def test_a_fade_across_a_grid_keyframe_is_refined_from_that_keyframe(dash, monkeypatch):
    path, bounds = dash
    assert bounds == [(0.0, 9.68), (10.08, 14.08), (14.48, 17.48)]
    kts = keyframe_times(path)
    assert 10.0 in kts and 10.08 not in kts  # no keyframe at the cut; the one before it is inside the fade
    starts = []
    real = refine._Refiner.frames_between

    def logged(self, t0, t1, dense=frozenset(), start=None, *more):
        starts.append((round(t0, 2), None if start is None else round(start, 2)))
        return real(self, t0, t1, dense, start, *more)

    monkeypatch.setattr(refine._Refiner, "frames_between", logged)
    shots, how = detect_shots(path, ShotConfig())
    assert [(round(s.start, 2), round(s.end, 2)) for s in shots] == [(0.0, 10.04), (10.08, 14.44), (14.48, 17.48)]
    assert how["later"] == 1 and how["later_missed"] == 0
    # between the coarse samples at 8.0 and 12.0 the largest packet is the fade's first frame (9.68 s), whose
    # keyframe is 8.0; the fade is coded across the keyframe at 10.0, so both decodes of the interval start
    # there (the first finds the slide right after a skipped frame, the decode again has that stretch in full;
    # as in s557 at 72-76 s); the cut at 14.48 is decoded from the keyframe 14.0 either way
    assert starts == [(8.0, 10.0), (8.0, 10.0), (12.0, 14.0)]
    starts.clear()
    off, how_off = _without_rule(path, monkeypatch)
    assert starts == [(8.0, 8.0), (8.0, 8.0), (12.0, 14.0)]
    assert how_off["later"] == 0
    # the same shots, times, sharpness and kept frames' bytes, fewer frames decoded
    assert _key(shots) == _key(off)
    assert how["refined_frames"] < how_off["refined_frames"]


def test_a_keyframe_told_apart_from_the_first_picture_is_not_a_start(dash, monkeypatch):
    """Where the keyframe does not show the interval's first picture (here: the aligned comparison made to
    tell them apart at that keyframe alone), the decode goes on from the keyframe before the largest packet,
    as without the rule: the same output, one frame (the keyframe) decoded more."""
    path, _ = dash
    off, how_off = _without_rule(path, monkeypatch)
    ix = index._index(path)
    (k,) = [int(p) for p in ix.pts[ix.key] if abs(float(p * ix.time_base) - 10.0) < 1e-6]
    real = assemble._fine_differs

    def differs(a, fa, b, fb, cfg):
        return True if fb.pts == k else real(a, fa, b, fb, cfg)

    monkeypatch.setattr(assemble, "_fine_differs", differs)
    shots, how = detect_shots(path, ShotConfig())
    assert how["later"] == 0 and how["later_missed"] == 1
    assert _key(shots) == _key(off)
    assert how["refined_frames"] == how_off["refined_frames"] + 1


def _ix(sizes: list[int], keys: list[int]) -> index._Index:
    """An index of frames shown at 0.04 s steps (pts = frame number, time base 0.04), in display order."""
    n = len(sizes)
    key = np.zeros(n, bool)
    key[keys] = True
    return index._Index(n * 0.04, 0.04, 0.04, np.arange(n), np.array(sizes), key, "h264")


def test_fade_run_counts_consecutive_large_frames_past_the_keyframe():
    # frames 0 and 10 are keyframes (passed over); the median of the non-key frames inside (0, 0.8 s) is 20
    sizes = [900, 20, 5, 20, 5, 60, 70, 80, 90, 95, 900, 50, 40, 5, 20, 5, 20, 5, 20, 5]
    ix = _ix(sizes, [0, 10])
    # frames 5-9 and 11-12 are one run across the keyframe at 10: seven frames
    assert index.fade_run(ix, 0.0, 0.8, 10) == 7
    # a run has to reach past the given frame: none of the large frames comes after frame 12
    assert index.fade_run(ix, 0.0, 0.8, 12) == 0
    # strictly inside (t0, t1): frames from 0.44 s on only (11, 12: the two after the keyframe)
    assert index.fade_run(ix, 0.4, 0.8, 10) == 2
    # `across`: only a run with frames on both sides of the frame counts (5-12 across 10; none across 12)
    assert index.fade_run(ix, 0.0, 0.8, 10, across=True) == 7
    assert index.fade_run(ix, 0.0, 0.8, 6, across=True) == 7
    assert index.fade_run(ix, 0.4, 0.8, 10, across=True) == 0
    # fewer than three non-key frames inside: no measure
    assert index.fade_run(ix, 0.35, 0.5, 10) == 0

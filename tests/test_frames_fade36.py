"""The shot after a fade through black when the encoder's keyframe falls on the fade (issue 21).

With x264's defaults (10 s GOP, scene-cut keyframes) the GOP's keyframe can land on the first frame of a
fade through black; the next shot's first picture, a few frames later, is then too close to it for a
keyframe of its own (x264 codes it as a B-frame), and the next keyframe is x264's scene cut after that
shot. No keyframe shows the shot in between: it merged with the one before until the sample on the fade
was followed for a few frames (`fade_opens`). The clip is composed here: two slides and a photograph of
our own, 320x240, re-encoded by ffmpeg's libx264 with its default GOP options."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from derm1m_build.video.frames import ShotConfig, detect_shots, keyframe_times
from derm1m_build.video.frames.decode import _open
from derm1m_build.video.frames.fade import fade_opens
from derm1m_build.video.frames.index import _index
from derm1m_build.video.frames.refine import _Refiner
from derm1m_build.video.synth import ShotSpec, write_lecture

# a 10 s slide (the GOP's keyframe falls on its fade's first frame, 10.00 s), a 3 s slide, a photograph
PLAN = [ShotSpec("slide", 30, 10.0, ("Psoriasis", "- plaques", "- scale")),
        ShotSpec("slide", 34, 3.0, ("Eczema", "- flexures", "- itch")),
        ShotSpec("photo", 33, 2.6)]


def _x264(src, dst, *args) -> None:
    """ffmpeg's libx264 with no GOP options (its defaults: keyint 250, scene-cut keyframes), one thread."""
    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg not installed")
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(src), "-c:v", "libx264", "-preset", "superfast",
                    "-crf", "30", "-threads", "1", *args, str(dst)], check=True)


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    d = tmp_path_factory.mktemp("fade36")
    src, dst = d / "src.mp4", d / "x264.mp4"
    bounds = write_lecture(src, PLAN, size=(320, 240), fps=25, fade_s=0.4, gop=250)
    _x264(src, dst)
    return dst, bounds


def _spans(shots) -> list[tuple[float, float]]:
    return [(round(s.start, 2), round(s.end, 2)) for s in shots]


def test_the_shot_after_a_fade_that_opens_on_a_keyframe_is_found_to_the_frame(clip):
    path, bounds = clip
    assert [(round(a, 2), round(b, 2)) for a, b in bounds] == [(0.0, 10.0), (10.4, 13.4), (13.8, 16.4)]
    # the GOP's keyframe on the fade's first frame, x264's scene cut at the photograph; none at 10.4
    assert [round(t, 2) for t in keyframe_times(path)] == [0.0, 10.0, 13.8]
    shots, how = detect_shots(path, ShotConfig())
    assert how["mode"] == "keyframes+refine"
    assert (how["fade_followed"], how["cut_soon"], how["fade_opened"]) == (1, 0, 1)
    # the second slide starts on its first frame (10.40 s, frame 260); the first slide ends at the fade's
    # black frame (10.36 s)
    assert _spans(shots) == [(0.0, 10.36), (10.4, 13.8), (13.8, 16.4)]
    assert all(s.start <= s.frame_time < s.end for s in shots)
    assert [round(s.frame_time, 2) for s in shots] == [0.0, 10.4, 13.8]


def test_without_following_the_sample_the_packet_sizes_find_it_and_without_both_it_merges(clip):
    path, _ = clip
    # not followed: the interval's largest packet (the fade's) lies right after the keyframe (`cut_soon`)
    shots, how = detect_shots(path, ShotConfig(fade_follow=0.0))
    assert (how["fade_followed"], how["cut_soon"], how["fade_opened"]) == (0, 1, 1)
    assert _spans(shots) == [(0.0, 10.36), (10.4, 13.8), (13.8, 16.4)]
    # neither (packet hints off): the shot after the fade merges with the one before, as before issue 21's fix
    shots, how = detect_shots(path, ShotConfig(fade_follow=0.0, hint_ratio=0.0))
    assert (how["fade_followed"], how["cut_soon"], how["fade_opened"]) == (0, 0, 0)
    assert _spans(shots) == [(0.0, 13.8), (13.8, 16.4)]


def test_fade_opens_on_the_fade_and_not_on_a_steady_picture(clip):
    path, _ = clip
    container = _open(path)
    try:
        ix = _index(path, container, 64 << 20)
        refiner = _Refiner(path, 1, ix.skippable("ref"), container, ix.packets, deblock=False, ix=ix)
        frames = {}
        for t, f in refiner.frames_between(-1.0, 10.5, frozenset()):
            if round(t, 2) in (0.04, 10.0):
                frames[round(t, 2)] = f
        # (0.04: the frame after the first keyframe, a steady slide; 10.0: the keyframe on the fade's first frame)
        shown = sorted(ix.pts.tolist())
        assert not fade_opens(refiner, 0.04, frames[0.04], ix.frame_dt, 20.0, shown)
        assert fade_opens(refiner, 10.0, frames[10.0], ix.frame_dt, 20.0, shown)
        # a black level above every frame's light: the first frame after the sample is black
        assert fade_opens(refiner, 0.04, frames[0.04], ix.frame_dt, 300.0, shown)
    finally:
        container.close()


def test_the_shot_after_a_keyframe_on_a_fades_black_frame_is_found(tmp_path):
    """A keyframe on the fade's last, black frame and the next one at the cut after the following shot
    (placed by hand: x264's own scene cuts off, keyframes forced at 9.36 s and 12.8 s, its 10 s GOP
    otherwise): what follows the dark run is seen by neither sample; the interval after a black sample
    is refined when it ends on a scene cut, up to the first new picture."""
    src, dst = tmp_path / "src.mp4", tmp_path / "black.mp4"
    plan = [ShotSpec("slide", 30, 9.0, ("Psoriasis", "- plaques", "- scale")), *PLAN[1:]]
    bounds = write_lecture(src, plan, size=(320, 240), fps=25, fade_s=0.4, gop=250)
    assert [(round(a, 2), round(b, 2)) for a, b in bounds] == [(0.0, 9.0), (9.4, 12.4), (12.8, 15.4)]
    _x264(src, dst, "-x264-params", "scenecut=0", "-force_key_frames", "9.36,12.8")
    assert [round(t, 2) for t in keyframe_times(dst)] == [0.0, 9.36, 12.8]
    shots, how = detect_shots(dst, ShotConfig())
    assert (how["fade_followed"], how["cut_soon"], how["fade_opened"]) == (0, 0, 1)
    assert _spans(shots) == [(0.0, 9.36), (9.4, 12.8), (12.8, 15.4)]
    assert [round(s.frame_time, 2) for s in shots] == [0.0, 9.4, 12.8]


def test_the_shot_after_a_keyframe_just_before_a_fade_is_found(tmp_path):
    """The keyframe two frames before the fade, at full light (placed by hand: x264's scene cuts off,
    keyframes forced at 10.0 s and 13.88 s): neither sample is dark, but the interval's largest packet (the
    fade's frames) lies right after the keyframe, within x264's `keyint_min` (`cut_soon`)."""
    src, dst = tmp_path / "src.mp4", tmp_path / "before.mp4"
    plan = [ShotSpec("photo", 36, 10.08), *PLAN[1:]]
    bounds = write_lecture(src, plan, size=(320, 240), fps=25, fade_s=0.4, gop=250)
    assert [(round(a, 2), round(b, 2)) for a, b in bounds] == [(0.0, 10.08), (10.48, 13.48), (13.88, 16.48)]
    _x264(src, dst, "-x264-params", "scenecut=0", "-force_key_frames", "10.0,13.88")
    assert [round(t, 2) for t in keyframe_times(dst)] == [0.0, 10.0, 13.88]
    shots, how = detect_shots(dst, ShotConfig())
    assert (how["fade_followed"], how["cut_soon"], how["fade_opened"]) == (0, 1, 1)
    assert _spans(shots) == [(0.0, 10.44), (10.48, 13.88), (13.88, 16.48)]
    assert [round(s.frame_time, 2) for s in shots] == [0.0, 10.48, 13.88]
    merged, how = detect_shots(dst, ShotConfig(hint_ratio=0.0))
    assert how["fade_opened"] == 0
    assert _spans(merged) == [(0.0, 13.88), (13.88, 16.48)]

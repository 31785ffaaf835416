"""A refinement that starts at a keyframe after its first sample takes that keyframe's picture for the first
sample's only if the aligned comparison agrees (`assemble.refined`): else a short look-alike slide shown
before the keyframe (after a fade through black), in the same coarse interval as a later cut, was lost.

`benchmarks.video.variants`, the side-by-side of detector settings used to judge speed changes that may
change outputs (issue 21, RESULTS.md 2026-12-06 branch i21-frames43): what it reports as differing must be
exactly what differs.

The clip is composed here (two slides and two photographs of our own, 320x240, 25 fps, 0.4 s fades) and
re-encoded by libx264 with a fixed 50-frame GOP and scene-cut keyframes off (the fixed 2 s GOP)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from benchmarks.video import variants
from derm1m_build.video.frames import Shot, ShotConfig, detect_shots
from derm1m_build.video.synth import ShotSpec, write_lecture

PLAN = [ShotSpec("photo", 431, 4.4),
        ShotSpec("slide", 432, 4.8, ("Psoriasis", "- plaques", "- silvery scale")),
        ShotSpec("photo", 433, 3.8),
        ShotSpec("slide", 434, 4.6, ("Lichen planus", "- violaceous", "- flat-topped"))]


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg not installed")
    d = tmp_path_factory.mktemp("gop43")
    src, dash = d / "src.mp4", d / "dash.mp4"
    bounds = write_lecture(src, PLAN, size=(320, 240), fps=25, fade_s=0.4, gop=250)
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(src), "-c:v", "libx264", "-preset", "superfast",
                    "-crf", "30", "-g", "50", "-keyint_min", "50", "-sc_threshold", "0", "-threads", "1",
                    str(dash)], check=True)
    return dash, bounds


# two slides that differ only in their title's number (a lecture's running slides), the second shown 2.8 s: with a
# 2 s GOP the coarse samples fall at 0, 4, 8 s (`coarse_gap` 4), so "Lecture 6" lies between the samples at 4 s
# ("Lecture 5") and 8 s (the photograph), and the refinement starts at the keyframe at 6 s, before the largest
# packet (the photograph's first picture)
LOOKALIKE = [ShotSpec("slide", 435, 4.2, ("Lecture 5", "- morphology", "- distribution", "- differential")),
             ShotSpec("slide", 435, 2.8, ("Lecture 6", "- morphology", "- distribution", "- differential")),
             ShotSpec("photo", 436, 4.0),
             ShotSpec("slide", 437, 4.0, ("Acne vulgaris", "- comedones"))]


@pytest.fixture(scope="module")
def lookalike(tmp_path_factory):
    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg not installed")
    d = tmp_path_factory.mktemp("gop43b")
    src, dash = d / "src.mp4", d / "dash.mp4"
    bounds = write_lecture(src, LOOKALIKE, size=(640, 360), fps=25, fade_s=0.4, gop=250)
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(src), "-c:v", "libx264", "-preset", "superfast",
                    "-crf", "30", "-g", "50", "-keyint_min", "50", "-sc_threshold", "0", "-threads", "1",
                    str(dash)], check=True)
    return dash, bounds


def test_lookalike_before_the_start_keyframe_is_found(lookalike):
    dash, bounds = lookalike
    assert [(round(a, 2), round(b, 2)) for a, b in bounds] == [(0.0, 4.2), (4.6, 7.4), (7.8, 11.8), (12.2, 16.2)]
    shots, how = detect_shots(dash, ShotConfig(decode_ahead=0))
    # before: [0.0, 7.8, 12.2] (the keyframe at 6 s, "Lecture 6", passed for the sample at 4 s by the thumbnails)
    assert [s.start for s in shots] == [0.0, 4.6, 7.8, 12.2]
    assert [round(s.end, 2) for s in shots] == [4.56, 7.76, 12.12, 16.2]
    assert how["lookbacks"] == 1 and how["fallbacks"] == 1
    assert 4.6 <= shots[1].frame_time < 7.76
    # every coarse sample a keyframe (2 s apart): the same shots, with no refinement told apart this way
    dense, how2 = detect_shots(dash, ShotConfig(decode_ahead=0, coarse_gap=2))
    assert [s.start for s in dense] == [0.0, 4.6, 7.8, 12.2] and how2["lookbacks"] == 0


def test_differences_lists_starts_or_changed_shots():
    a = [Shot(0.0, 4.4, 2.0, 50.0), Shot(4.8, 9.6, 6.0, 80.0)]
    assert variants.differences(a, list(a)) == []
    moved = [Shot(0.0, 4.4, 2.0, 50.0), Shot(4.8, 9.6, 8.0, 81.5)]
    assert variants.differences(moved, a) == [
        "{'start': 4.8, 'end': 9.6, 'frame_time': 6.0, 'sharpness': 80.0} -> "
        "{'start': 4.8, 'end': 9.6, 'frame_time': 8.0, 'sharpness': 81.5}"]
    assert variants.differences([a[0]], a) == ["starts [0.0]", "   was [0.0, 4.8]"]


def test_bad_setting_is_one_line(capsys):
    with pytest.raises(SystemExit, match="no ShotConfig field 'far_leed'"):
        variants._setting("x:far_leed=2")
    with pytest.raises(SystemExit, match="^variants: x: .*far_lead"):
        variants._setting("x:far_lead=-1")
    assert variants._setting("y:far_lead=4,coarse_gap=6") == ("y", {"far_lead": "4", "coarse_gap": "6"})


def test_report_on_a_2s_gop(clip, capsys, monkeypatch):
    dash, bounds = clip
    assert [(round(a, 2), round(b, 2)) for a, b in bounds] == [(0.0, 4.4), (4.8, 9.6), (10.0, 13.8), (14.2, 18.8)]
    shots, _ = detect_shots(dash, ShotConfig(decode_ahead=0))
    assert [round(s.start, 2) for s in shots] == [0.0, 4.8, 10.0, 14.2]
    monkeypatch.setattr(sys, "argv", ["variants", "--repeat", "1", "--set", "lead2:far_lead=2",
                                      "--set", "gap6:coarse_gap=6", str(dash)])
    variants.main()
    out = capsys.readouterr().out.splitlines()
    assert out[0] == str(dash)
    assert [line.split()[0] for line in out[1:4]] == ["default", "lead2", "gap6"]
    # a shorter lead places the same cuts here; coarse samples every 6 s instead of 4 s keep the shots but
    # offer other kept-frame candidates (the second shot's frame from 8.0 s to 6.0 s, sharper by its score)
    assert [line.split()[-1] for line in out[1:4]] == ["SAME", "SAME", "DIFF"]
    assert out[4:] == ["      {'start': 4.8, 'end': 9.92, 'frame_time': 8.0, 'sharpness': 947.64} -> "
                       "{'start': 4.8, 'end': 9.92, 'frame_time': 6.0, 'sharpness': 982.99}"]

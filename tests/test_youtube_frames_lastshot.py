"""The last shot of a clip, starting inside the last GOP after a fade from a look-alike slide (issue 21).

The pattern of held-out clip s233's fixed 10 s GOP (now a tuning clip): two bright slides differing in their
title's number, a 0.4 s fade through black between them, the second one the last shot. A coarse sample of
the sampled decode lands on the new slide's first frame; the aligned comparison tells it from the sample
before, so the interval between them is refined, but that decode of reference frames (and the hinted
ones) ends on the fade still under way (luma 36 of 221) and skips the fade's one black frame (a
non-reference B-frame) right before the end sample, which looks like the old slide (brightness-invariant
thumbnails). The change then went unseen and the last shot was merged into the one before.
"""

from __future__ import annotations

import pytest

from derm1m_build.video.frames import ShotConfig, detect_shots
from derm1m_build.video.synth import ShotSpec, write_lecture


def _lines(i: int) -> tuple[str, ...]:
    return ("Lecture %d" % i, "- morphology", "- distribution", "- differential")


# s233's last two slides (their seeds from the benchmark generator), after a photograph long enough to put
# the last cut 3.44 s after a keyframe of a 10 s grid, as in s233 (93.44 s)
PLAN = [ShotSpec("photo", 4, 11.64), ShotSpec("slide", 475608, 11.0, _lines(10)),
        ShotSpec("slide", 454987, 6.0, _lines(11))]


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    p = tmp_path_factory.mktemp("lastshot") / "src.mp4"
    bounds = write_lecture(p, PLAN, size=(854, 480), fps=25, fade_s=0.4, gop=100, crf=30, preset="superfast")
    assert [round(b[0], 2) for b in bounds] == [0.0, 12.04, 23.44]
    return p


def _reencode(src, dst, g: int) -> None:
    import shutil
    import subprocess

    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg not installed")
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(src), "-c:v", "libx264", "-preset", "superfast",
                    "-crf", "30", "-threads", "1", "-g", str(g), "-keyint_min", str(g), "-sc_threshold", "0",
                    str(dst)], check=True)


# fixed grids with no scene-cut keyframe, all sampled (wider than `max_fixed_gap`): 10 s (s233's) and 8 s
# merged the last shot before the fix; 7 s and one keyframe for the clip did not, and must not start to
@pytest.mark.parametrize("gop", [250, 200, 175, 1000])
def test_the_last_shot_after_a_fade_from_a_look_alike_slide_is_found(source, tmp_path, gop):
    p = tmp_path / f"fixed{gop}.mp4"
    _reencode(source, p, gop)
    shots, how = detect_shots(p, ShotConfig(min_shot_s=1.0))
    assert how["mode"] == "sampled+refine"
    assert [round(s.start, 2) for s in shots] == [0.0, 12.04, 23.44]
    # the second slide's shot ends at the fade's black frame, before the last shot starts
    assert 23.0 <= round(shots[1].end, 2) <= 23.44
    assert round(shots[-1].end, 2) == 29.44

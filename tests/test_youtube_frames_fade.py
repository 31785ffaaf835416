"""A cut between two look-alike slides on a 10 s fixed GOP: the fade through black between two coarse
samples is what shows it (issue 21, tuning clip s419's miss at 58.88 s)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from derm1m_build.video.frames import ShotConfig, detect_shots, keyframe_times
from derm1m_build.video.synth import ShotSpec, write_lecture


def _lines(i: int) -> tuple[str, ...]:
    return (f"Lecture {i}", "- morphology", "- distribution", "- differential")


# s419's 6th and 7th shots (bench_shots' generator, seed 419): "Lecture 5" zooming in for 7.5 s, a 0.4 s fade
# to black, then "Lecture 6" at zoom 1; the samples either side of the fade (0.56 s apart) are 0.133 apart
# in the thumbnails (under `cut_threshold`) and ECC's affine alignment absorbs the zoom and the one digit
PLAN = [ShotSpec("slide", 737860, 7.5, _lines(5)), ShotSpec("slide", 449067, 6.0, _lines(6))]


@pytest.fixture(scope="module")
def fixed10s(tmp_path_factory):
    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg not installed")
    d = tmp_path_factory.mktemp("fade")
    src, dst = d / "src.mp4", d / "fixed10s.mp4"
    bounds = write_lecture(src, PLAN, size=(854, 480), fps=25, fade_s=0.4, gop=100, crf=30, preset="superfast")
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(src), "-c:v", "libx264", "-preset", "veryfast",
                    "-threads", "1", "-g", "250", "-keyint_min", "250", "-sc_threshold", "0", str(dst)], check=True)
    return dst, bounds


def test_cut_after_a_fade_between_look_alike_samples_is_found_to_the_frame(fixed10s):
    path, bounds = fixed10s
    assert bounds == [(0.0, 7.52), (7.92, 13.92)]
    assert keyframe_times(path) == [0.0, 10.0]  # no keyframe near the cut: only decoded frames can show it
    shots, how = detect_shots(path, ShotConfig())
    assert how["mode"] == "sampled+refine"
    # the pair of samples around the fade is refined because a frame decoded between them (and not kept)
    # was much darker than both; the cut is the first frame of "Lecture 6" (frame 198)
    assert how["dipped"] == 1
    assert [(round(s.start, 2), round(s.end, 2)) for s in shots] == [(0.0, 7.88), (7.92, 13.92)]
    # (the first shot ends at the fade's last frame, black and flat, instead of both being one shot to 13.92)
    assert all(s.start <= s.frame_time < s.end for s in shots)

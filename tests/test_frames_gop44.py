"""`benchmarks.video.regrid`: coarse samples every 6 s on the fixed 2 s GOP with each shot's kept frame chosen
again among the grid keyframes inside it (issue 21, RESULTS.md 2026-12-06 branch i21-frames44). What it decodes
must be exactly the keyframes the wider gap left out inside each shot, decoded as the coarse pass decodes them.

The clip is composed here (two photographs and two slides of our own, 320x240, 25 fps, 0.4 s fades: shots
start at 0, 5.4, 12.2 and 17.2 s, 22.4 s in all) and re-encoded by libx264 with a fixed 50-frame GOP and scene-cut
keyframes off: IDR keyframes every 2.0 s. The defaults' coarse pass (`coarse_gap` 4) decodes those at 0, 4, 8, 12,
16, 20 and the last (22); at `coarse_gap` 6 it decodes 0, 6, 12, 18, 22."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys

import pytest

from benchmarks.video import regrid
from derm1m_build.video.frames import ShotConfig, detect_shots
from derm1m_build.video.synth import ShotSpec, write_lecture

PLAN = [ShotSpec("photo", 441, 5.0),
        ShotSpec("slide", 442, 6.4, ("Tinea corporis", "- annular", "- scaly edge")),
        ShotSpec("photo", 443, 4.6),
        ShotSpec("slide", 444, 5.2, ("Vitiligo", "- depigmented", "- symmetric"))]


def _encode(src, dst, *codec):
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(src), *codec, "-g", "50", "-keyint_min", "50",
                    "-sc_threshold", "0", "-threads", "1", str(dst)], check=True)


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg not installed")
    d = tmp_path_factory.mktemp("gop44")
    src, dash = d / "src.mp4", d / "dash.mp4"
    bounds = write_lecture(src, PLAN, size=(320, 240), fps=25, fade_s=0.4, gop=250)
    _encode(src, dash, "-c:v", "libx264", "-preset", "superfast", "-crf", "30")
    return src, dash, bounds


@pytest.fixture(scope="module")
def runs(clip):
    _, dash, _ = clip
    return detect_shots(dash)[0], detect_shots(dash, ShotConfig(coarse_gap=6))[0]


def _clip_bytes(clip) -> str:
    """The two files' sha256 heads, for a failing sharpness assertion's message. Once (2026-12-07, a full suite on
    2 workers) the third kept frame read 8.71 where 8.62 is pinned, in both tests below; the module passed alone,
    after its neighbours and three times concurrently (src 48626c3374e2, dash d332ea901fdd on that machine's
    ffmpeg). The message says next time whether the clip's bytes or only their decoding differed."""
    src, dash, _ = clip
    return "src %s dash %s" % tuple(hashlib.sha256(p.read_bytes()).hexdigest()[:12] for p in (src, dash))


def test_the_same_shots_and_two_less_sharp_kept_frames_at_gap_6(clip, runs):
    _, _, bounds = clip
    base, six = runs
    assert [b[0] for b in bounds] == [0.0, 5.4, 12.2, 17.2]
    assert [(s.start, s.end) for s in base] == [(s.start, s.end) for s in six] == [
        (0.0, 5.36), (5.4, 12.16), (12.2, 17.12), (17.2, 22.4)]
    assert [s.frame_time for s in base] == [0.0, 8.0, 16.0, 20.0]  # the sharpest of 0/4, 8/12, 16, 20/22
    assert [s.frame_time for s in six] == [0.0, 6.0, 12.2, 22.0]  # 12.2: no sample inside, the refined frame
    assert [round(s.sharpness, 2) for s in six] == [167.84, 1388.77, 3.4, 929.82]
    assert [round(s.sharpness, 2) for s in base] == [167.84, 1344.86, 8.62, 1093.71], _clip_bytes(clip)


@pytest.mark.parametrize("pool, expected", [
    ("plan", [[4.0], [8.0], [16.0], [20.0]]),  # the defaults' samples the gap left out, shot by shot
    ("all", [[2.0, 4.0], [8.0, 10.0], [14.0, 16.0], [20.0]]),  # every grid keyframe left out
])
def test_candidates_are_the_keyframes_left_out_inside_each_shot(clip, runs, pool, expected):
    _, dash, _ = clip
    ix, per = regrid.candidates(dash, runs[1], 6, pool)
    assert [[round(k * ix.time_base, 3) for k in p] for p in per] == expected


def test_candidates_decode_as_the_coarse_pass_and_restore_every_kept_frame(clip, runs):
    _, dash, _ = clip
    base, six = runs
    ix, per = regrid.candidates(dash, six, 6, "plan")
    best = regrid.sharpest(ix, per)
    assert [t for t, _ in best] == [4.0, 8.0, 16.0, 20.0]
    # the keyframes the defaults keep, decoded here on their own: the very sharpness of their coarse decode
    assert [round(s, 2) for _, s in best[1:]] == [1344.86, 8.62, 1093.71], _clip_bytes(clip)
    assert round(best[0][1], 2) == 88.98 < 167.84  # the first shot keeps its keyframe at 0 s
    assert regrid.worse(base, six, best) == (2, 0)
    assert regrid.worse(base, six, [None] * 4) == (2, 2)


def test_the_report_and_a_clip_it_cannot_measure(clip, tmp_path, monkeypatch, capsys):
    src, dash, _ = clip
    monkeypatch.setattr(sys, "argv", ["regrid", "--repeat", "1", str(dash)])
    regrid.main()
    out = capsys.readouterr().out.splitlines()
    assert out[0] == str(dash)
    assert "candidates (plan)" in out[1] and "for 4 IDRs in 4 of 4 shots" in out[1]
    assert out[1].endswith("shots same starts and ends")
    assert out[2] == "  kept frames less sharp than the defaults': gap alone 2, with the candidates 0"
    mpeg4 = tmp_path / "mpeg4.mp4"  # keyframes on the same grid, but no IDR flags to read
    _encode(src, mpeg4, "-c:v", "mpeg4", "-q:v", "5")
    monkeypatch.setattr(sys, "argv", ["regrid", "--repeat", "1", str(mpeg4)])
    with pytest.raises(SystemExit, match=r"^regrid: .*mpeg4\.mp4: not an H\.264 clip sampled at its keyframes"):
        regrid.main()

"""Refinement on a fixed 2 s GOP leaves out the quiet reference packets after its keyframe even where a hinted
packet lies before that keyframe in decoding order (`_Refiner._far`), and never on a trial decode from a later
keyframe (`later_start`), whose first picture may be another shot's (issue 21).

The clip is composed here (slides and photographs of our own, 320x240, 25 fps) and re-encoded by ffmpeg's libx264
with a fixed 50-frame GOP and scene-cut keyframes off, cuts 0.6-1.8 s into a GOP."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from derm1m_build.video.frames import ShotConfig, assemble, detect_shots
from derm1m_build.video.frames.index import _index, cut_hints
from derm1m_build.video.frames.refine import _Refiner
from derm1m_build.video.synth import ShotSpec, write_lecture

PLAN = [ShotSpec("slide", 71, 5.2, ("Rosacea", "- flushing", "- papules")),
        ShotSpec("photo", 72, 3.6),
        ShotSpec("slide", 73, 3.8, ("Melasma", "- brown", "- malar")),
        ShotSpec("photo", 74, 5.0)]


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg not installed")
    d = tmp_path_factory.mktemp("gop39")
    src, dst = d / "src.mp4", d / "dash.mp4"
    bounds = write_lecture(src, PLAN, size=(320, 240), fps=25, fade_s=0.4, gop=250)
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(src), "-c:v", "libx264", "-preset", "superfast",
                    "-crf", "30", "-g", "50", "-keyint_min", "50", "-sc_threshold", "0", "-threads", "1",
                    str(dst)], check=True)
    return dst, bounds


def test_a_hinted_packet_before_the_start_keyframe_does_not_stop_leaving_packets_out(clip):
    path, bounds = clip
    assert [(round(a, 2), round(b, 2)) for a, b in bounds] == [(0.0, 5.2), (5.6, 9.2), (9.6, 13.4), (13.8, 18.8)]
    ix = _index(path, None, 64 << 20)
    ref = _Refiner(path, 1, ix.skippable("ref"), None, ix.packets, deblock=False, ix=ix)
    where = {int(q.pts): i for i, q in enumerate(ix.packets)}
    seen = 0
    for a, _ in bounds[1:]:
        t0 = 4.0 * int(a // 4.0)
        dense, biggest = cut_hints(ix, t0, t0 + 4.0, 2.0)
        at = int(round(ix.keyframe_before(biggest) / ix.time_base))
        far = ref._far(at, dense, 8, 0.5)
        if not far:
            continue
        seen += 1
        # the packet decoded just before the start keyframe (shown before it: never sent by a decode from it)
        before = int(ix.packets[where[at] - 1].pts)
        assert before < at and before not in dense
        # taken as hinted, it changes nothing: the same packets are left out (before: none at all)
        assert ref._far(at, dense | {before}, 8, 0.5) == far
        # a hinted packet after the keyframe still bounds what is left out
        first = min(where[p] for p in dense)
        assert all(where[p] < first - 8 for p in far)
    assert seen > 0
    ref.close()


def test_trial_decodes_from_a_later_keyframe_leave_nothing_out(clip, monkeypatch):
    path, bounds = clip
    # every hinted interval with a keyframe after its largest packet tries that keyframe first (`later_start`, as
    # where a fade is coded across it)
    monkeypatch.setattr(assemble, "fade_run", lambda *a, **k: 10 ** 6)
    calls = []
    real = _Refiner.frames_between

    def logged(self, t0, t1, dense=frozenset(), start=None, lead=0, quiet=0.5):
        calls.append((t0, start, lead, self.deblock))
        yield from real(self, t0, t1, dense, start, lead, quiet)

    monkeypatch.setattr(_Refiner, "frames_between", logged)
    shots, how = detect_shots(path, ShotConfig())
    refining = [(t0, s, lead) for t0, s, lead, deblock in calls if not deblock]
    # the trials: decodes that start on the keyframe after the one before the interval's largest packet
    trials = [(t0, s, lead) for t0, s, lead in refining if s is not None and s > t0 + 2.0 - 1e-6]
    assert trials and all(lead == 0 for _, _, lead in trials)
    assert how["far_redone"] == 0
    # placed to the frame, and the same outputs as refinement decoding every reference packet
    assert [round(s.start, 2) for s in shots] == [0.0, 5.6, 9.6, 13.8]
    full, _ = detect_shots(path, ShotConfig(far_lead=0))
    assert [s.to_dict() for s in shots] == [s.to_dict() for s in full]
    assert all(a.frame.tobytes() == b.frame.tobytes() for a, b in zip(shots, full))

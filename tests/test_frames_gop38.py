"""Refinement on a fixed 2 s GOP with no scene-cut keyframes (DASH-style) leaves out the quiet reference
packets between its keyframe and the hinted cut (`_Refiner._far`, `ShotConfig.far_lead`; issue 21).

The clip is composed here (slides and photographs of our own, 320x240, 25 fps) and re-encoded by ffmpeg's
libx264 with a fixed 50-frame GOP and scene-cut keyframes off, so every cut lies between two keyframes, most
of them late in their GOP (where the reference chain from the keyframe is long). Each cut must be placed to
the frame, the kept frames must be the bytes a plain full decode gives, and leaving the packets out must
change no output against decoding the whole chain (`far_lead=0`)."""

from __future__ import annotations

import shutil
import subprocess

import av
import numpy as np
import pytest

from derm1m_build.video.frames import ShotConfig, detect_shots, keyframe_times
from derm1m_build.video.frames.index import _index, cut_hints
from derm1m_build.video.frames.pixels import _kept_bgr
from derm1m_build.video.frames.features import _shrink
from derm1m_build.video.frames.refine import _LOUD, _Refiner
from derm1m_build.video.synth import ShotSpec, write_lecture

# shot lengths chosen so that no cut (after a 0.4 s fade, or hard) falls on the 2 s grid: 0.6-1.8 s into a GOP
PLAN = [ShotSpec("slide", 51, 5.2, ("Tinea", "- annular", "- scale")),
        ShotSpec("photo", 52, 3.6),
        ShotSpec("slide", 53, 3.8, ("Vitiligo", "- depigmented", "- symmetric")),
        ShotSpec("photo", 54, 5.0)]


def _dash(src, dst) -> None:
    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg not installed")
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(src), "-c:v", "libx264", "-preset", "superfast",
                    "-crf", "30", "-g", "50", "-keyint_min", "50", "-sc_threshold", "0", "-threads", "1",
                    str(dst)], check=True)


@pytest.fixture(scope="module", params=[0.4, 0.0], ids=["fades", "hard"])
def clip(request, tmp_path_factory):
    d = tmp_path_factory.mktemp("gop38")
    src, dst = d / "src.mp4", d / "dash.mp4"
    bounds = write_lecture(src, PLAN, size=(320, 240), fps=25, fade_s=request.param, gop=250)
    _dash(src, dst)
    return dst, bounds, request.param


def _full_decode(path) -> dict:
    """Every frame of a plain decode (deblocking filter on, nothing skipped), by time (ms)."""
    with av.open(str(path)) as c:
        return {round(float(f.time) * 1000): f for f in c.decode(video=0)}


def test_cuts_between_keyframes_are_placed_to_the_frame_with_packets_left_out(clip):
    path, bounds, fade = clip
    if fade:
        assert [(round(a, 2), round(b, 2)) for a, b in bounds] == [(0.0, 5.2), (5.6, 9.2), (9.6, 13.4),
                                                                   (13.8, 18.8)]
    else:
        assert [(round(a, 2), round(b, 2)) for a, b in bounds] == [(0.0, 5.2), (5.2, 8.8), (8.8, 12.6),
                                                                   (12.6, 17.6)]
    # the fixed grid only: no keyframe at any cut
    kts = [round(t, 2) for t in keyframe_times(path)]
    assert kts == [2.0 * i for i in range(len(kts))] and not {round(a, 2) for a, _ in bounds[1:]} & set(kts)
    shots, how = detect_shots(path, ShotConfig())
    assert how["mode"] == "keyframes+refine"
    assert how["far_skipped"] > 0 and how["far_redone"] == 0
    # each shot starts on its first frame
    assert [round(s.start, 2) for s in shots] == [round(a, 2) for a, _ in bounds]
    # the same outputs as refinement decoding every reference packet from the keyframe
    full, how_full = detect_shots(path, ShotConfig(far_lead=0))
    assert how_full["far_skipped"] == 0 and how_full["refined_frames"] > how["refined_frames"]
    assert [s.to_dict() for s in shots] == [s.to_dict() for s in full]
    assert all(a.frame.tobytes() == b.frame.tobytes() for a, b in zip(shots, full))
    # and each kept frame is the bytes of a plain full decode's frame at that time
    frames = _full_decode(path)
    for s in shots:
        f = frames[round(s.frame_time * 1000)]
        assert np.array_equal(s.frame, _shrink(_kept_bgr(f), ShotConfig().max_side))


def test_far_leaves_out_only_quiet_reference_packets_before_the_lead(clip):
    path, bounds, _ = clip
    ix = _index(path, None, 64 << 20)
    ref = _Refiner(path, 1, ix.skippable("ref"), None, ix.packets, deblock=False, ix=ix)
    where = {int(q.pts): i for i, q in enumerate(ix.packets)}
    tb = ix.time_base
    seen = 0
    for a, _ in bounds[1:]:
        t0 = 4.0 * int(a // 4.0)  # the coarse samples: every other 2 s keyframe (`coarse_gap` 4 s)
        dense, biggest = cut_hints(ix, t0, t0 + 4.0, 2.0)
        assert biggest is not None
        at = int(round(ix.keyframe_before(biggest) / tb))
        far = ref._far(at, dense, 8, 0.5)
        if not far:
            continue
        seen += 1
        k0 = where[at]
        d0 = min(where[p] for p in dense)
        kept_refs = [int(q.pts) for q in ix.packets[k0 + 1:d0] if int(q.pts) not in ref.nonref]
        # a prefix of the chain's reference packets after the keyframe, with 8 of them still decoded
        assert sorted(far, key=where.get) == kept_refs[:len(far)] and len(kept_refs) - len(far) == 8
        # none larger than half the largest hinted one, nor _LOUD times the larger of the chain's median
        # reference packet and the two reference packets before it
        sizes = [ix.packets[where[p]].size for p in kept_refs]
        cap = 0.5 * max(ix.packets[where[p]].size for p in dense if p in where)
        med = float(np.median(sizes))
        for n, p in enumerate(sorted(far, key=where.get)):
            assert sizes[n] <= min(cap, _LOUD * max([med] + sizes[max(0, n - 2):n]))
        # nothing after the cut's time is left out
        assert max(far) * tb < a
    assert seen > 0
    # a refiner with the deblocking filter (exact decodes: kept frames) never leaves packets out
    exact = _Refiner(path, 1, ix.skippable("ref"), None, ix.packets, deblock=True, ix=ix)
    list(exact.frames_between(bounds[1][0] - 0.5, bounds[1][0] + 0.5, frozenset({int(ix.pts[5])}), None, 8))
    assert exact.far_after is None and exact.far_skipped == 0
    exact.close()
    ref.close()

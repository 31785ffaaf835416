"""The packet index (`_index`) and the coarse pass's seek plan (`_seek_plan`) give exactly what a plain reading of
the packets gives, after both were made cheaper (issue 21: the index pass is ~5 % of a dense-GOP clip's CPU).

The clip is composed here (two slides and two photographs of our own, 320x240, 25 fps, 0.4 s fades) and re-encoded
by ffmpeg twice: libx264 with a fixed 50-frame GOP and scene-cut keyframes off (an AVCC H.264 stream: slice headers
read), and MPEG-4 part 2 (not H.264: every packet `_MAYBE`)."""

from __future__ import annotations

import shutil
import subprocess

import av
import numpy as np
import pytest

from derm1m_build.video.frames import ShotConfig, detect_shots
from derm1m_build.video.frames.h264 import _IDR, _INTRA, _MAYBE, _REF, _h264_kind
from derm1m_build.video.frames.index import _index, _seek_plan, choose_mode, coarse_skip
from derm1m_build.video.synth import ShotSpec, write_lecture

PLAN = [ShotSpec("slide", 81, 4.6, ("Vitiligo", "- depigmented", "- symmetric")),
        ShotSpec("photo", 82, 3.4),
        ShotSpec("slide", 83, 4.2, ("Tinea corporis", "- annular", "- scaly edge")),
        ShotSpec("photo", 84, 4.4)]


@pytest.fixture(scope="module")
def clips(tmp_path_factory):
    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg not installed")
    d = tmp_path_factory.mktemp("gop40")
    src, h264, mpeg4 = d / "src.mp4", d / "dash.mp4", d / "mpeg4.mp4"
    bounds = write_lecture(src, PLAN, size=(320, 240), fps=25, fade_s=0.4, gop=250)
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(src), "-c:v", "libx264", "-preset", "superfast",
                    "-crf", "30", "-g", "50", "-keyint_min", "50", "-sc_threshold", "0", "-threads", "1",
                    str(h264)], check=True)
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(src), "-c:v", "mpeg4", "-q:v", "5", "-g", "50",
                    "-threads", "1", str(mpeg4)], check=True)
    return h264, mpeg4, bounds


def _plain(path, h264: bool):
    """Each packet's (pts, size, keyframe flag, kind), read one by one in decoding order (the index's first form)."""
    rows = []
    with av.open(str(path)) as c:
        s = c.streams.video[0]
        for p in c.demux(s):
            if p.pts is None or not p.size:
                continue
            rows.append((int(p.pts), int(p.size), bool(p.is_keyframe), _h264_kind(bytes(p), 4) if h264 else _MAYBE))
    return rows


def test_index_columns_are_each_packets_own(clips):
    h264, _, bounds = clips
    assert [(round(a, 2), round(b, 2)) for a, b in bounds] == [(0.0, 4.6), (5.0, 8.4), (8.8, 13.0), (13.4, 17.8)]
    rows = _plain(h264, True)
    ix = _index(h264, None, 64 << 20)
    assert len(rows) == len(ix.pts) == 445  # 17.8 s at 25 fps
    assert ix.pts.dtype == ix.size.dtype == np.int64 and ix.key.dtype == bool
    assert ix.pts.tolist() == [r[0] for r in rows]
    assert ix.size.tolist() == [r[1] for r in rows]
    assert ix.key.tolist() == [r[2] for r in rows]
    assert ix.intra.tolist() == [bool(r[3] & _INTRA) for r in rows]
    assert ix.ref.tolist() == [bool(r[3] & _REF) for r in rows]
    assert ix.idr.tolist() == [bool(r[3] & _IDR) for r in rows]
    # the fixed 2 s grid: a keyframe (IDR) every 50 frames and no other, every packet kept, the IDR ones by pts
    assert [round(float(p * ix.time_base), 2) for p in ix.pts[ix.key]] == [0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0,
                                                                            14.0, 16.0]
    assert (ix.idr == ix.key).all() and int(ix.ref.sum()) < len(rows) - 9
    assert [int(q.pts) for q in ix.packets] == ix.pts.tolist()
    assert sorted(ix.idr_packets) == sorted(ix.pts[ix.key].tolist())
    # a budget under the whole file keeps neither the packets nor (under the first IDR) the IDR packets
    small = _index(h264, None, int(ix.size[0]) - 1)
    assert small.packets is None and small.idr_packets is None and small.pts.tolist() == ix.pts.tolist()
    # a budget between the IDR packets' total and the file's: the IDR packets only
    idr_bytes = int(ix.size[ix.key].sum())
    mid = _index(h264, None, idr_bytes)
    assert mid.packets is None and sorted(mid.idr_packets) == sorted(ix.idr_packets)


def test_index_of_a_stream_without_slice_headers_read(clips):
    _, mpeg4, _ = clips
    rows = _plain(mpeg4, False)
    ix = _index(mpeg4, None, 64 << 20)
    assert ix.codec == "mpeg4" and len(ix.pts) == len(rows) == 445
    assert ix.pts.tolist() == [r[0] for r in rows] and ix.size.tolist() == [r[1] for r in rows]
    assert ix.key.tolist() == [r[2] for r in rows] and bool(ix.key[0])
    assert ix.intra.all() and ix.ref.all() and not ix.idr.any()  # `_MAYBE` throughout
    assert ix.packets is None and ix.idr_packets is None


def test_seek_plan_is_the_packets_left_to_send(clips):
    h264, _, _ = clips
    ix = _index(h264, None, 64 << 20)
    cfg = ShotConfig()
    mode, early = choose_mode(ix.keyframe_times(), ix.duration, cfg, ix.frame_dt)
    assert mode == "keyframes+refine" and not early
    skip = coarse_skip(ix, early, cfg)
    # every other grid keyframe is skipped (`coarse_gap` 4 s), the last one kept
    assert sorted(round(float(p * ix.time_base), 2) for p in skip) == [2.0, 6.0, 10.0, 14.0]
    not_sent = skip | ix.skippable("intra")
    assert _seek_plan(ix, not_sent, True) == [int(p) for p in ix.pts if int(p) not in not_sent]
    assert [round(float(p * ix.time_base), 2) for p in _seek_plan(ix, not_sent, True)] == [0.0, 4.0, 8.0, 12.0, 16.0]
    # a packet left to send that is not an IDR keyframe: demux them all
    one_p = int(ix.pts[~ix.key][0])
    assert _seek_plan(ix, not_sent - {one_p}, True) is None
    assert _seek_plan(ix, not_sent, False) is None
    # with every keyframe sent, 9 of 445 packets: still under 1 in 8
    assert len(_seek_plan(ix, ix.skippable("intra"), True)) == 9


def test_shots_on_the_clip(clips):
    h264, _, bounds = clips
    shots, how = detect_shots(h264)
    assert how["mode"] == "keyframes+refine"
    assert [round(s.start, 2) for s in shots] == [0.0, 5.0, 8.8, 13.4]
    assert all(s.frame is not None and s.frame.shape == (240, 320, 3) for s in shots)

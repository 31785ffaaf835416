"""What leaving x264's B-pyramid reference frames (B-refs) out of the refinement chains would gain, and what it
would break: an upper bound, measured without changing `frames.py`.

    python -m benchmarks.video.brefs --repeat 3 .bench/video/lecture_1.5min_854x480_25fps_s5_dash2s.mp4 ...

A refinement decode (`_Refiner.frames_between`) sends the reference packets of the chain from a keyframe to
the cut, and the packets around the cut (`dense`) in full. x264's P pictures refer only to the previous P or I
(`--ref 1`, its fast presets), so the B-refs before the first dense packet look unneeded. Here they are left
out (not sent) without any proof, and per video:
- `brefs`: B-ref packets in the stream / left out over all refinement decodes;
- `refined`: refinement frames with / without them;
- CPU (`time.process_time`, best of N, alternating) of `detect_shots` with / without: the most it could gain;
- `same shots`: shot starts, ends and kept frames unchanged;
- `frames differ`: over the same refinement decodes, how many frames decoded both ways differ in their luma
  bytes. FFmpeg fills the frame_num gap a left-out reference leaves with a stand-in (a copy of the last
  reference, picture order count + 2, marked by the sliding window, not by the left-out picture's own marking
  ops): a B picture decoded in full around the cut then builds its lists from the stand-in and weights its
  prediction by the wrong distances. A P picture is unaffected only where its list 0 is reordered to name
  the previous P explicitly (x264 does, with `--ref 1`).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from derm1m_build.video import frames as F
from derm1m_build.video.frames import assemble, h264, index, refine


def _brefs(ix: index._Index) -> set[int]:
    """pts of the packets whose first slice is a B slice with nal_ref_idc != 0 (AVCC, 4-byte lengths)."""
    out = set()
    for p in ix.packets or ():
        d = bytes(p)
        o = 0
        while o + 4 < len(d):
            size = int.from_bytes(d[o:o + 4], "big")
            h = o + 4
            if d[h] & 0x1F in (1, 5):
                st = h264._slice_type(d[h + 1:h + 10])
                if st is not None and st % 5 == 1 and d[h] & 0x60:
                    out.add(int(p.pts))
                break
            o = h + size
    return out


class _LeaveOut:
    """While active, refinement decodes do not send the B-refs before their first dense packet (in decoding
    order); counts them."""

    def __init__(self, brefs: set[int]):
        self.brefs, self.left, self.on = brefs, 0, False
        self._fb, self._start = refine._Refiner.frames_between, refine._Refiner._start
        leave = self

        def frames_between(refiner, t0, t1, dense=frozenset(), start=None):
            refiner._dense = dense
            return leave._fb(refiner, t0, t1, dense, start)

        def _start(refiner, stream, at):
            dense = getattr(refiner, "_dense", frozenset())
            before = bool(dense) and leave.on
            for p in leave._start(refiner, stream, at):
                if p is not None and before:
                    if p.pts in dense:
                        before = False
                    elif int(p.pts) in leave.brefs:
                        leave.left += 1
                        continue
                yield p

        refine._Refiner.frames_between, refine._Refiner._start = frames_between, _start

    def close(self) -> None:
        refine._Refiner.frames_between, refine._Refiner._start = self._fb, self._start


def _calls(path: Path) -> list[tuple]:
    calls = []
    real = refine._Refiner.frames_between

    def recording(self, t0, t1, dense=frozenset(), start=None):
        calls.append((t0, t1, dense, start))
        return real(self, t0, t1, dense, start)

    refine._Refiner.frames_between = recording
    try:
        F.detect_shots(path, keep_frames=False)
    finally:
        refine._Refiner.frames_between = real
    return calls


def _decoded(path: Path, calls: list[tuple]) -> dict:
    """{(call, pts): luma bytes} of every frame the refinement decodes yield (all of them, no early stop)."""
    ix = index._index(path, None, assemble._KEEP_BYTES)
    r = refine._Refiner(path, 1, ix.skippable("ref"), None, ix.packets, deblock=False, ix=ix)
    out = {}
    try:
        for i, (t0, t1, dense, start) in enumerate(calls):
            for _, f in r.frames_between(t0, t1, dense, start):
                out[(i, int(f.pts))] = bytes(f.planes[0])
    finally:
        r.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("videos", nargs="+")
    a = ap.parse_args()
    print(f"best of {a.repeat}, alternating; load average {os.getloadavg()[0]:.1f} at start")
    print(f"{'video':44s} {'brefs':>9s} {'refined':>9s} {'CPU with':>8s} {'without':>7s} {'gain':>5s} "
          f"{'same shots':>10s} {'frames differ':>13s}")
    for v in a.videos:
        p = Path(v)
        brefs = _brefs(index._index(p, None, assemble._KEEP_BYTES))
        leave = _LeaveOut(brefs)
        try:
            best = {True: 9e9, False: 9e9}
            res = {}
            for _ in range(a.repeat):
                for on in (True, False):
                    leave.on, leave.left = on, 0
                    c = time.process_time()
                    shots, how = F.detect_shots(p)
                    best[on] = min(best[on], time.process_time() - c)
                    res[on] = (shots, how, leave.left)
            leave.on = False
            calls = _calls(p)
            plain = _decoded(p, calls)
            leave.on = True
            thinned = _decoded(p, calls)
        finally:
            leave.close()
        (s1, h1, left), (s0, h0, _) = res[True], res[False]
        same = ([(x.start, x.end, x.frame_time, x.frame.tobytes()) for x in s1]
                == [(x.start, x.end, x.frame_time, x.frame.tobytes()) for x in s0])
        common = set(plain) & set(thinned)
        differ = sum(plain[k] != thinned[k] for k in common)
        print(f"{p.name:44s} {len(brefs):4d}/{left:4d} {h1['refined_frames']:4d}/{h0['refined_frames']:4d} "
              f"{best[True]:8.3f} {best[False]:7.3f} {1 - best[True] / best[False]:5.0%} {str(same):>10s} "
              f"{differ:6d}/{len(common):6d}", flush=True)
    print(f"load average {os.getloadavg()[0]:.1f} at end")


if __name__ == "__main__":
    main()

"""The decoding floor of `detect_shots`: what its exact decodes alone cost, against the whole call and OpenCV.

    python -m benchmarks.video.floor --repeat 3 .bench/video/lecture_1.5min_854x480_25fps_s29_dash2s.mp4 ...

One run of `detect_shots` records each refinement decode it made (`_Refiner.frames_between`: the interval,
the packets decoded in full, the keyframe it started from, how many frames were taken before the caller
stopped). The floor is then timed with no feature work at all: the index pass, the coarse pass's decodes
(`_iter_samples`, the same packets) and the same refinement decodes again, through the same code, taking as
many frames each. Timed alternately with `detect_shots` itself and OpenCV reading every frame, best of N,
CPU = `time.process_time` (every thread). OpenCV CPU / floor CPU bounds what any exact sampler that decodes
these frames can reach: the rest of `detect_shots` (features, comparisons, kept frames) comes on top.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from benchmarks.video.bench_shots import opencv_read_all
from derm1m_build.video import frames as F
from derm1m_build.video.frames import assemble, decode, index, refine


def record(path: Path) -> list[tuple]:
    """The refinement decodes of one `detect_shots` call: (t0, t1, dense, start, frames taken, run to its end)."""
    calls: list[list] = []
    real = refine._Refiner.frames_between

    def recording(self, t0, t1, dense=frozenset(), start=None):
        rec = [t0, t1, dense, start, 0, False]
        calls.append(rec)
        for item in real(self, t0, t1, dense, start):
            rec[4] += 1
            yield item
        rec[5] = True

    refine._Refiner.frames_between = recording
    try:
        F.detect_shots(path)
    finally:
        refine._Refiner.frames_between = real
    return [tuple(c) for c in calls]


def floor(path: Path, calls: list[tuple], cfg: F.ShotConfig) -> tuple[float, float]:
    """(CPU s of the index pass and coarse decodes, CPU s of the refinement decodes), as `_detect` runs them."""
    c0 = time.process_time()
    container = decode._open(path)
    try:
        ix = index._index(path, container, assemble._KEEP_BYTES)
        kts = ix.keyframe_times()
        mode, early = F.choose_mode(kts, ix.duration, cfg, ix.frame_dt)
        keyframes_only = mode != "sampled+refine"
        skip = F.coarse_skip(ix, early, cfg) if mode == "keyframes+refine" else frozenset()
        not_sent = skip | ix.skippable("intra") if keyframes_only else ix.skippable("ref")
        plan = index._seek_plan(ix, not_sent, keyframes_only)
        for _ in decode._iter_samples(path, cfg, keyframes_only, not_sent, plan, ix.idr_packets):
            pass
        c1 = time.process_time()
        refiner = refine._Refiner(path, cfg.decode_threads, ix.skippable("ref"), container, ix.packets,
                             deblock=not (cfg.fast_refine and ix.codec == "h264"), ix=ix)
        for t0, t1, dense, start, taken, to_end in calls:
            gen = refiner.frames_between(t0, t1, dense, start)
            for i, _ in enumerate(gen, 1):
                if i >= taken and not to_end:
                    break
            gen.close()
        refiner.close()
        return c1 - c0, time.process_time() - c1
    finally:
        container.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("videos", nargs="+")
    a = ap.parse_args()
    cfg = F.ShotConfig()
    print(f"best of {a.repeat}, alternating; load average {os.getloadavg()[0]:.1f} at start")
    print(f"{'video':44s} {'ours':>6s} {'OpenCV':>6s} {'x CPU':>6s} {'floor':>6s} {'coarse':>6s} {'refine':>6s} "
          f"{'x floor':>7s} {'decodes':>7s}")
    for v in a.videos:
        p = Path(v)
        calls = record(p)
        best = {"ours": 9e9, "ocv": 9e9, "coarse": 9e9, "refine": 9e9, "floor": 9e9}
        for _ in range(a.repeat):
            c = time.process_time()
            F.detect_shots(p)
            best["ours"] = min(best["ours"], time.process_time() - c)
            c = time.process_time()
            opencv_read_all(p)
            best["ocv"] = min(best["ocv"], time.process_time() - c)
            co, re = floor(p, calls, cfg)
            best["coarse"], best["refine"] = min(best["coarse"], co), min(best["refine"], re)
            best["floor"] = min(best["floor"], co + re)
        print(f"{p.name:44s} {best['ours']:6.3f} {best['ocv']:6.3f} {best['ocv'] / best['ours']:6.1f} "
              f"{best['floor']:6.3f} {best['coarse']:6.3f} {best['refine']:6.3f} {best['ocv'] / best['floor']:7.1f} "
              f"{len(calls):7d}", flush=True)
    print(f"load average {os.getloadavg()[0]:.1f} at end")


if __name__ == "__main__":
    main()

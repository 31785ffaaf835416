"""Wall and CPU time of `detect_shots` (coarse pass decoded ahead in its thread, and in line: the default), another
version of frames.py and OpenCV's full decode, side by side.

    git show main:derm1m_build/video/frames.py > /tmp/frames_before.py
    python -m benchmarks.video.wall --rounds 9 /tmp/frames_before.py .bench/video/lecture_1.5min_854x480_25fps_s419_dash2s.mp4 ...

Per round, ours with `decode_ahead=8` (the coarse pass in a thread of its own, 8 samples ahead), ours at its
default (`decode_ahead=0`: everything in one thread; `inline` below), the other version and OpenCV (`cv2.VideoCapture.read` of every
frame, FFmpeg's frame threads) one after the other, the order rotated; each timed by wall clock
(`time.perf_counter`) and CPU (`time.process_time`, every thread of the process); for ours ahead also the CPU
of the calling thread alone (`time.thread_time`: what is left on the critical path once the coarse decodes run
in their thread; wall time cannot fall below it). Prints per video the
medians and OpenCV's / ours ratios by wall and by CPU, and the load average after each video: on a shared
machine whose cores are busy a second thread gains no wall time (OpenCV's threads neither), so the wall
ratios only mean what they say where the load average stays under the core count. Outputs are checked
identical first (shots, times, sharpness, frame bytes).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import time
from pathlib import Path

from benchmarks.video.bench_shots import _load_before, opencv_read_all
from derm1m_build.video.frames import ShotConfig, detect_shots


def _key(shots) -> list:
    return [(s.to_dict(), hashlib.sha1(s.frame.tobytes()).hexdigest()) for s in shots]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=9)
    ap.add_argument("before")
    ap.add_argument("videos", nargs="+")
    a = ap.parse_args()
    before = _load_before(a.before)
    inline, ahead = ShotConfig(decode_ahead=0), ShotConfig(decode_ahead=8)
    print(f"medians of {a.rounds} rounds (order rotated), ms; load average {os.getloadavg()[0]:.1f} at start; "
          f"{os.cpu_count()} cores")
    print(f"{'video':46s} {'OpenCV wall/cpu':>15s} {'ahead wall/cpu':>14s} {'inline wall/cpu':>15s} "
          f"{'before wall/cpu':>15s} {'ahead x wall':>12s} {'ahead x CPU':>11s} {'inl x wall':>10s} {'inl x CPU':>9s} {'bef x wall':>10s} "
          f"{'bef x CPU':>9s} {'ahead main-thread cpu':>21s} {'load':>4s}")
    for v in a.videos:
        p = Path(v)
        ours, inl, bef = detect_shots(p, ahead), detect_shots(p, inline), before(p)  # warm, and the same outputs
        assert _key(ours[0]) == _key(inl[0]) == _key(bef[0]) and ours[1] == inl[1], f"{p}: outputs differ"
        runs = {"ocv": lambda: opencv_read_all(p), "ours": lambda: detect_shots(p, ahead),
                "inline": lambda: detect_shots(p, inline), "before": lambda: before(p)}
        order = list(runs)
        wall: dict[str, list[float]] = {k: [] for k in runs}
        cpu: dict[str, list[float]] = {k: [] for k in runs}
        main_cpu: list[float] = []
        for r in range(a.rounds):
            for k in order[r % 4:] + order[:r % 4]:
                w, c, m = time.perf_counter(), time.process_time(), time.thread_time()
                runs[k]()
                wall[k].append(time.perf_counter() - w)
                cpu[k].append(time.process_time() - c)
                if k == "ours":
                    main_cpu.append(time.thread_time() - m)
        mw = {k: statistics.median(x) for k, x in wall.items()}
        mc = {k: statistics.median(x) for k, x in cpu.items()}
        print(f"{p.name:46s} {mw['ocv'] * 1e3:7.0f}/{mc['ocv'] * 1e3:<7.0f} {mw['ours'] * 1e3:7.0f}/{mc['ours'] * 1e3:<6.0f} "
              f"{mw['inline'] * 1e3:7.0f}/{mc['inline'] * 1e3:<7.0f} {mw['before'] * 1e3:7.0f}/{mc['before'] * 1e3:<7.0f} "
              f"{mw['ocv'] / mw['ours']:12.2f} {mc['ocv'] / mc['ours']:11.2f} {mw['ocv'] / mw['inline']:10.2f} "
              f"{mc['ocv'] / mc['inline']:9.2f} "
              f"{mw['ocv'] / mw['before']:10.2f} {mc['ocv'] / mc['before']:9.2f} {statistics.median(main_cpu) * 1e3:21.0f} "
              f"{os.getloadavg()[0]:4.1f}", flush=True)
    print(f"load average {os.getloadavg()[0]:.1f} at end")


if __name__ == "__main__":
    main()

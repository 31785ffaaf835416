"""CPU time of `detect_shots` against another version of frames.py and OpenCV's full decode, side by side.

    git show main:derm1m_build/video/frames.py > /tmp/frames_before.py
    python -m benchmarks.video.overhead --rounds 7 /tmp/frames_before.py .bench/video/lecture_1.5min_854x480_25fps_s5_dash2s.mp4 ...

For each video, `--rounds` rounds, each timing (`time.process_time`, every thread of the process) ours, the
other version and OpenCV (`cv2.VideoCapture.read` of every frame) one after the other, the order rotated per
round; prints the medians, ours x OpenCV, the other version x OpenCV and the ratio of the other version's
CPU to ours per round (its median: the figure to trust on a loaded, shared machine, since both run in the
same minutes), with the load average at start and end. Outputs are checked identical first
(`benchmarks.video.identity` does the same with the frames' bytes); with --allow-diff a video whose shots
differ is timed too and marked DIFF.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from benchmarks.video.bench_shots import _load_before, opencv_read_all
from derm1m_build.video.frames import detect_shots


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("before")
    ap.add_argument("videos", nargs="+")
    ap.add_argument("--allow-diff", action="store_true",
                    help="time videos whose shots differ between the two versions too (marked DIFF)")
    a = ap.parse_args()
    before = _load_before(a.before)
    print(f"CPU ms, median of {a.rounds} rounds (order rotated); load average {os.getloadavg()[0]:.1f} at start")
    print(f"{'video':48s} {'OpenCV':>6s} {'ours':>5s} {'before':>6s} {'x CPU':>5s} {'before x':>8s} "
          f"{'before/ours':>11s} {'min-max':>11s}")
    all_ratios = []
    for v in a.videos:
        p = Path(v)
        (sa, _), (sb, _) = detect_shots(p), before(p)  # warm, and the same shots
        same = [s.to_dict() for s in sa] == [s.to_dict() for s in sb]
        assert same or a.allow_diff, f"{p}: outputs differ"
        runs = {"ours": lambda: detect_shots(p), "before": lambda: before(p), "ocv": lambda: opencv_read_all(p)}
        order = list(runs)
        cpu: dict[str, list[float]] = {k: [] for k in runs}
        for r in range(a.rounds):
            for k in order[r % 3:] + order[:r % 3]:
                c = time.process_time()
                runs[k]()
                cpu[k].append(time.process_time() - c)
        ratios = [b / o for b, o in zip(cpu["before"], cpu["ours"])]
        all_ratios += ratios
        med = {k: statistics.median(x) for k, x in cpu.items()}
        print(f"{p.name:48s} {med['ocv'] * 1e3:6.0f} {med['ours'] * 1e3:5.0f} {med['before'] * 1e3:6.0f} "
              f"{med['ocv'] / med['ours']:5.2f} {med['ocv'] / med['before']:8.2f} {statistics.median(ratios):11.3f} "
              f"{min(ratios):5.2f}-{max(ratios):.2f}{'' if same else ' DIFF'}", flush=True)
    print(f"all videos: before/ours CPU per round, median {statistics.median(all_ratios):.3f} "
          f"(n {len(all_ratios)}); load average {os.getloadavg()[0]:.1f} at end")


if __name__ == "__main__":
    main()

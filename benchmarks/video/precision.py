"""Placement precision against the generator's true shot boundaries, for this frames.py and another version.

    git show main:derm1m_build/video/frames.py > /tmp/frames_before.py
    python -m benchmarks.video.precision /tmp/frames_before.py .bench/video/lecture_1.5min_854x480_25fps_s5*.mp4

For each encode (its true boundaries are in the generator's JSON beside the source clip, `bench_shots`), per
version: recall within 0.5 s, the mean and largest |found start - true start| over the true shots found, and
how many found starts are exactly on the true frame (within half a frame); then the totals. Placement is
what is compared here, not speed (`bench_shots`) or output bytes (`identity`).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from benchmarks.video.bench_shots import _load_before
from derm1m_build.video.frames import detect_shots


def _truth(video: Path) -> list[float]:
    src = re.sub(r"_(dash2s|x264|fixed10s)$", "", video.stem)
    return [s for s, _ in json.loads((video.with_name(src + ".json")).read_text())["shots"]]


def _score(true: list[float], found: list[float], fps: float = 25.0) -> tuple[int, int, list[float]]:
    hits, exact, errs = 0, 0, []
    for t in true:
        e = min((abs(f - t) for f in found), default=9e9)
        if e <= 0.5:
            hits += 1
            errs.append(e)
            exact += e <= 0.5 / fps
    return hits, exact, errs


def main() -> None:
    before = _load_before(sys.argv[1])
    tot = {"now": [0, 0, 0, []], "before": [0, 0, 0, []]}
    print(f"{'video':48s} {'version':7s} {'recall':>6s} {'exact':>5s} {'mean err s':>10s} {'max err s':>9s}")
    for v in sys.argv[2:]:
        p = Path(v)
        true = _truth(p)
        for name, fn in (("now", detect_shots), ("before", before)):
            shots, _ = fn(p, keep_frames=False) if name == "now" else fn(p)
            hits, exact, errs = _score(true, [s.start for s in shots])
            t = tot[name]
            t[0] += hits
            t[1] += exact
            t[2] += len(true)
            t[3] += errs
            print(f"{p.name:48s} {name:7s} {hits / len(true):6.3f} {exact:5d} "
                  f"{sum(errs) / max(1, len(errs)):10.4f} {max(errs, default=0):9.3f}", flush=True)
    for name, (hits, exact, n, errs) in tot.items():
        print(f"all {name}: recall {hits}/{n} = {hits / max(1, n):.3f}, on the true frame {exact}/{hits}, "
              f"mean error {sum(errs) / max(1, len(errs)):.4f} s, largest {max(errs, default=0):.3f} s")


if __name__ == "__main__":
    main()

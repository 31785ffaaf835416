"""Where `detect_shots`' CPU time goes, part by part, against OpenCV's full decode.

    python -m benchmarks.video.parts --repeat 3 .bench/video/lecture_1.5min_854x480_25fps_s5_dash2s.mp4 ...

Each part is timed with `time.process_time` around the module-level functions and generators `_detect` calls
(wrapped in place; about a microsecond of overhead per call): the index pass (`_index`: demux and slice
headers), the coarse samples (`_iter_samples`: their decodes), the refinement decodes
(`_Refiner.frames_between`: decoding and its packet loop), the features of samples and cut frames (`_sample`; since 2026-12-05 without the colour histogram and the
sharpness, computed where first read: mostly in `rest`),
the light measure of each refined frame (`_light`), the aligned comparisons (`_fine_differs`), the kept
frames' conversion (`_kept_bgr`), the packet hints (`cut_hints`); `rest` is the call's CPU minus those (the
comparisons, bookkeeping, opening the file). Best of N whole calls (the parts of that call), alternating
with OpenCV reading every frame. `floor.py` times the decodes alone; this splits what comes on top. Run with
`decode_ahead=0` (the coarse pass in line): CPU time is counted for the whole process, so a part timed while
another thread runs would take that thread's time too.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from benchmarks.video.bench_shots import opencv_read_all
from derm1m_build.video import frames as F
from derm1m_build.video.frames import assemble, refine

INLINE = F.ShotConfig(decode_ahead=0)  # everything in the calling thread (see above)
PARTS = ["_index", "_iter_samples", "frames_between", "_sample", "_light", "_fine_differs", "_kept_bgr",
         "cut_hints"]


class _Timed:
    def __init__(self):
        self.acc: dict[str, float] = {}
        self.saved = []
        for name in PARTS:
            owner = refine._Refiner if name == "frames_between" else assemble  # where `_detect` looks them up
            real = getattr(owner, name)
            self.saved.append((owner, name, real))
            gen = name in ("_iter_samples", "frames_between")
            setattr(owner, name, self._gen(name, real) if gen else self._fn(name, real))

    def _fn(self, name, real):
        def timed(*a, **k):
            c = time.process_time()
            try:
                return real(*a, **k)
            finally:
                self.acc[name] = self.acc.get(name, 0.0) + time.process_time() - c
        return timed

    def _gen(self, name, real):
        def timed(*a, **k):
            it = real(*a, **k)
            while True:
                c = time.process_time()
                try:
                    item = next(it)
                except StopIteration:
                    return
                finally:
                    self.acc[name] = self.acc.get(name, 0.0) + time.process_time() - c
                yield item
        return timed

    def close(self) -> None:
        for owner, name, real in self.saved:
            setattr(owner, name, real)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("videos", nargs="+")
    a = ap.parse_args()
    short = {"_index": "index", "_iter_samples": "coarse", "frames_between": "refine", "_sample": "features",
             "_light": "light", "_fine_differs": "aligned", "_kept_bgr": "kept", "cut_hints": "hints"}
    print(f"CPU ms, best of {a.repeat}, alternating; load average {os.getloadavg()[0]:.1f} at start")
    print(f"{'video':44s} {'OpenCV':>6s} {'ours':>5s} {'x CPU':>5s} " + " ".join(f"{short[p]:>8s}" for p in PARTS)
          + f" {'rest':>5s}")
    for v in a.videos:
        p = Path(v)
        F.detect_shots(p, INLINE)  # warm
        best, parts, ocv = 9e9, {}, 9e9
        for _ in range(a.repeat):
            t = _Timed()
            try:
                c = time.process_time()
                F.detect_shots(p, INLINE)
                total = time.process_time() - c
            finally:
                t.close()
            if total < best:
                best, parts = total, dict(t.acc)
            c = time.process_time()
            opencv_read_all(p)
            ocv = min(ocv, time.process_time() - c)
        rest = best - sum(parts.values())
        print(f"{p.name:44s} {ocv * 1e3:6.0f} {best * 1e3:5.0f} {ocv / best:5.1f} "
              + " ".join(f"{parts.get(q, 0.0) * 1e3:8.1f}" for q in PARTS) + f" {rest * 1e3:5.1f}", flush=True)
    print(f"load average {os.getloadavg()[0]:.1f} at end")


if __name__ == "__main__":
    main()

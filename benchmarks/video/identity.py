"""Same output as another version of frames.py: shots, times, sharpness and kept frames' bytes, per encode.

    git show bff6fd1:derm1m_build/video/frames.py > /tmp/frames_before.py
    python -m benchmarks.video.identity /tmp/frames_before.py .bench/video/lecture_1.5min_854x480_25fps_s3*.mp4

Prints one line per video (same/DIFF, shots, refined frames now and before) and exits 1 if any differs.
"""

from __future__ import annotations

import hashlib
import sys

from benchmarks.video.bench_shots import _load_before
from derm1m_build.video.frames import detect_shots


def _key(shots) -> list:
    return [(s.to_dict(), hashlib.sha1(s.frame.tobytes()).hexdigest()) for s in shots]


def main() -> None:
    before = _load_before(sys.argv[1])
    bad = 0
    for p in sys.argv[2:]:
        (a, how_a), (b, how_b) = detect_shots(p), before(p)
        ka, kb = _key(a), _key(b)
        bad += ka != kb
        print(f"{'same' if ka == kb else 'DIFF'} {p} shots {len(ka)} refined {how_a['refined_frames']} "
              f"(before {how_b['refined_frames']})", flush=True)
        for x, y in zip(ka, kb):
            if x != y:
                print(f"   now {x[0]}\n   was {y[0]}")
    print(f"{bad} of {len(sys.argv) - 2} differ")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()

"""Same output as another version of frames.py: shots, times, sharpness and kept frames' bytes, per encode.

    git show bff6fd1:derm1m_build/video/frames.py > /tmp/frames_before.py
    python -m benchmarks.video.identity /tmp/frames_before.py .bench/video/lecture_1.5min_854x480_25fps_s3*.mp4
    python -m benchmarks.video.identity --ignore-bytes /tmp/frames_before.py ...   # shots and times only
    git archive main derm1m_build | tar -x -C /tmp/main_co   # or a checkout (package or single frames.py)
    python -m benchmarks.video.identity /tmp/main_co ...

Prints one line per video (same / DIFF / "same shots, frame bytes differ", shots, refined frames now and
before) and exits 1 if any differs (in shots, times or sharpness; in frame bytes too unless
--ignore-bytes: for comparing across a change of the kept frames' colour conversion).
"""

from __future__ import annotations

import hashlib
import sys

from benchmarks.video.bench_shots import _load_before
from derm1m_build.video.frames import detect_shots


def _key(shots) -> list:
    return [(s.to_dict(), hashlib.sha1(s.frame.tobytes()).hexdigest()) for s in shots]


def main() -> None:
    args = sys.argv[1:]
    ignore_bytes = "--ignore-bytes" in args
    args = [a for a in args if a != "--ignore-bytes"]
    before = _load_before(args[0])
    bad = 0
    for p in args[1:]:
        (a, how_a), (b, how_b) = detect_shots(p), before(p)
        ka, kb = _key(a), _key(b)
        shots_same = [x[0] for x in ka] == [y[0] for y in kb]
        same = shots_same if ignore_bytes else ka == kb
        bad += not same
        word = "same" if ka == kb else ("same shots, frame bytes differ" if shots_same else "DIFF")
        print(f"{word} {p} shots {len(ka)} (before {len(kb)}) refined {how_a['refined_frames']} "
              f"(before {how_b['refined_frames']})", flush=True)
        if not shots_same:
            now, was = [x[0] for x in ka], [y[0] for y in kb]
            print(f"   now only {[x for x in now if x not in was]}\n   was only {[y for y in was if y not in now]}")
    print(f"{bad} of {len(args) - 1} differ{' (shots and times; frame bytes ignored)' if ignore_bytes else ''}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()

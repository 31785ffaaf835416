"""Per test file, the sum of `--durations=0` lines (setup, call, teardown) of two pytest outputs, A -> B.

    python benchmarks/test_time/durations.py /tmp/side_by_side/A_x.txt /tmp/side_by_side/B_x.txt
"""
from __future__ import annotations

import re
import sys
from collections import Counter

LINE = re.compile(r"([0-9.]+)s (?:call|setup|teardown)\s+(tests/[^:]+)::")


def per_file(path: str) -> Counter:
    out: Counter = Counter()
    for line in open(path, encoding="utf-8"):
        m = LINE.match(line)
        if m:
            out[m.group(2)] += float(m.group(1))
    return out


if __name__ == "__main__":
    a, b = per_file(sys.argv[1]), per_file(sys.argv[2])
    for f in sorted(set(a) | set(b), key=lambda f: -a[f]):
        print(f"{f:45s} {a[f]:7.1f} -> {b[f]:7.1f}")
    print(f"{'total':45s} {sum(a.values()):7.1f} -> {sum(b.values()):7.1f}")

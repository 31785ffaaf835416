"""HAM10000-style lookups (ids without extension) in a folder of N images: the index vs a scan per row.

python -m benchmarks.scale.bench_image_index --n 10000
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path, PurePosixPath

from derm1m_build.sources.datasets import IMAGE_EXTS, ImageIndex


def scan_find(index: ImageIndex, name: str):
    key = PurePosixPath(name).as_posix().lower()
    if key in index.by_rel:
        return index.by_rel[key]
    for k, p in index.by_rel.items():
        if key.endswith("/" + k) or k.endswith("/" + key):
            return p
    stem = PurePosixPath(key).stem if PurePosixPath(key).suffix.lower() in IMAGE_EXTS else PurePosixPath(key).name
    hits = index.by_stem.get(stem, [])
    return hits[0] if hits else None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--scan-sample", type=int, default=500, help="rows timed for the scan (extrapolated)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        for part in ("HAM10000_images_part_1", "HAM10000_images_part_2"):
            (root / part).mkdir()
        for i in range(a.n):
            (root / f"HAM10000_images_part_{1 + i % 2}" / f"ISIC_{i:07d}.jpg").write_bytes(b"")
        t0 = time.perf_counter()
        index = ImageIndex(root)
        t_build = time.perf_counter() - t0
        names = [f"ISIC_{i:07d}" for i in range(a.n)]
        t0 = time.perf_counter()
        got = [index.find(n) for n in names]
        t_index = time.perf_counter() - t0
        k = min(a.scan_sample, a.n)
        t0 = time.perf_counter()
        ref = [scan_find(index, n) for n in names[:k]]
        t_scan = (time.perf_counter() - t0) * a.n / k
        assert got[:k] == ref and all(got)
        print(f"n={a.n}: index build {t_build:.2f}s, {a.n} lookups {t_index:.3f}s; "
              f"scan per row (old) ~{t_scan:.1f}s extrapolated from {k} rows; speedup {t_scan / t_index:.0f}x")


if __name__ == "__main__":
    main()

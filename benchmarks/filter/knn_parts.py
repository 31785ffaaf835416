"""The thumb kNN of the duplicate fit, part by part, at scale: CPU-seconds and wall of training, adding,
searching (plain and mirrored queries) and the exact re-scoring, built as `dedup.knn_pairs` builds its
default index (PCA 32, IVF sqrt(n) <= 1024 lists, 4-bit PQ fast-scan, nprobe 4).

    python -m benchmarks.filter.knn_parts --n 1000000 [--threads 2]
    OMP_WAIT_POLICY=PASSIVE python -m benchmarks.filter.knn_parts --n 1000000   # without spinning threads

Vectors: random unit thumbs, rounded through float16 as stored.
"""

from __future__ import annotations

import argparse
import math
import os
import time

import numpy as np


def main() -> None:
    import faiss

    from derm1m_build.filtering import dedup

    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    faiss.omp_set_num_threads(a.threads)
    n = a.n
    x = np.random.default_rng(0).normal(size=(n, 192)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    x = x.astype(np.float16).astype(np.float32)
    q2 = dedup.mirror_thumbs(x)
    load0 = os.getloadavg()[0]

    def cpu() -> float:
        t = os.times()
        return t.user + t.system

    parts: dict[str, tuple[float, float]] = {}
    c, w = cpu(), time.perf_counter()

    def lap(name: str) -> None:
        nonlocal c, w
        parts[name] = (round(cpu() - c, 2), round(time.perf_counter() - w, 2))
        c, w = cpu(), time.perf_counter()

    rng = np.random.default_rng(0)  # as knn_pairs draws its training sample
    nlist = int(min(1024, max(16, math.sqrt(n))))
    sample = x[np.sort(rng.choice(n, size=min(n, nlist * 40), replace=False))]
    idx = faiss.index_factory(192, f"PCA32,IVF{nlist},PQ16x4fs", faiss.METRIC_INNER_PRODUCT)
    ivf = faiss.extract_index_ivf(idx)
    ivf.cp.seed, ivf.cp.niter = 1234, 8
    idx.train(sample)
    ivf.nprobe = 4
    lap("train")
    idx.add(x)
    lap("add")
    nbs = [idx.search(q, 9)[1] for q in (x, q2)]
    lap("search")
    codes = [dedup._rescored(x, q, nb, 0.5, 262_144) for q, nb in zip((x, q2), nbs)]
    pairs = np.unique(np.concatenate(codes))
    lap("re-scoring")
    print(f"{n:,} thumbs, {a.threads} threads, OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', '(unset)')}, "
          f"load average {load0:.1f} before, {os.getloadavg()[0]:.1f} after; {len(pairs):,} pairs")
    print("CPU-s (wall s) by part:", parts)


if __name__ == "__main__":
    main()

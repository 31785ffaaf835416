"""What the crop proposal's search costs per query at 1M, and which search-window layouts could replace the
4 corner windows (fewer queries per image).

    python -m benchmarks.filter.dedup_crops_floor --query-cost 1000000 [--queries 200000]
    python -m benchmarks.filter.dedup_crops_floor --layouts [--n 100000] [--part tune]

`--query-cost N`: the crop index (`crops._Index`) over N random smooth grids, searched (one faiss thread)
with the 4 corner windows of the first `--queries` / 4 grids: CPU-us per query of the coarse quantiser
alone, of the search at nprobe 1 / 4 and depth 1 / 8, with the coarse assignment given
(`search_preassigned`), and of other index layouts (lists, nprobe, an HNSW coarse quantiser).

`--layouts`: for each layout of search windows, exact (no index): the largest rank of a tuning crop's
original among n look-alike grids (drawn as `dedup_crops_scale` draws them, crop-alpha 1.5; other members
of the crop's planted group not counted), the smallest best similarity of a crop to its original over
the searched windows, and the share of real distinct photo pairs (ordered, the tuning photos) at least
that similar to the worst crop over the same windows (times 1M: how many real look-alikes would rank
above it in a 1M corpus). Tuning set only unless `--part heldout`.
"""

from __future__ import annotations

import argparse
import math
import os
import time

import numpy as np


def _grids(n: int) -> np.ndarray:
    rng = np.random.default_rng(1)
    g = np.repeat(np.repeat(rng.integers(40, 216, size=(n, 4, 4, 3), dtype=np.uint8), 3, axis=1), 3, axis=2)
    g += rng.integers(0, 40, size=g.shape, dtype=np.uint8)
    return g


def query_cost(n: int, nq: int) -> None:
    import faiss

    from derm1m_build.filtering import crops as K

    faiss.omp_set_num_threads(1)
    G = _grids(n)
    base = K.base_windows(G)
    idx = K._Index(base, 10_000, K.NPROBE, 32)
    offs = K.query_offsets()
    sub = [offs.index(o) for o in K.SEARCH_OFFSETS]
    qs = np.concatenate([np.ascontiguousarray(K.windows(G[s:s + 4096], K.QUERY_WINDOW, offs)[:, sub]).reshape(-1, 192)
                         for s in range(0, nq // 4, 4096)])
    qp = K._matmul(qs, idx.proj)
    m = len(qp)
    ivf = faiss.downcast_index(faiss.extract_index_ivf(idx.idx))
    print(f"{n:,} grids, {m:,} queries (4 corner windows), load average {os.getloadavg()[0]:.1f}", flush=True)

    def t(label, f) -> None:
        c = time.process_time()
        f()
        print(f"  {label}: {(time.process_time() - c) / m * 1e6:.2f} CPU-us per query", flush=True)

    def search(index, k: int) -> None:
        for s in range(0, m, 16384):
            index.search(qp[s:s + 16384], k)

    t(f"coarse quantiser alone ({ivf.nlist} lists, 4 nearest)", lambda: ivf.quantizer.search(qp, 4))
    for nprobe in (1, 4):
        for k in (1, 8):
            ivf.nprobe = nprobe
            t(f"search nprobe {nprobe}, depth {k}", lambda: search(ivf, k))
    ivf.nprobe = K.NPROBE
    dq, iq = ivf.quantizer.search(qp, K.NPROBE)
    t("search_preassigned, nprobe 4, depth 8 (no coarse step)", lambda: ivf.search_preassigned(qp, 8, iq, dq))
    xp = K._matmul(base, idx.proj)
    sample = xp[np.sort(np.random.default_rng(0).choice(n, size=min(n, 40_000), replace=False))]
    for fac, nprobe in (("IVF500,PQ32x4fsr", 2), ("IVF1000,PQ32x4fsr", 2), ("IVF2000,PQ32x4fsr", 8),
                        ("IVF2000_HNSW32,PQ32x4fsr", 4)):
        c = time.process_time()
        other = faiss.index_factory(32, fac, faiss.METRIC_INNER_PRODUCT)
        o = faiss.extract_index_ivf(other)
        o.cp.seed, o.cp.niter = 1234, 8
        other.train(sample)
        for s in range(0, n, 65536):
            other.add(xp[s:s + 65536])
        o.nprobe = nprobe
        print(f"  {fac} built in {time.process_time() - c:.1f} CPU-s", flush=True)
        t(f"{fac}, nprobe {nprobe}, depth 8", lambda: search(other, 8))


def _triangle(r: float, rot: float) -> list[tuple[float, float]]:
    return [(round(r * math.sin(rot + k * 2 * math.pi / 3), 4), round(-r * math.cos(rot + k * 2 * math.pi / 3), 4))
            for k in range(3)]


def layouts(n: int, part: str) -> None:
    import cv2

    from benchmarks.filter import dedup_pairs as DP
    from benchmarks.filter.dedup_crops_scale import _gauss
    from derm1m_build.filtering import crops as K
    from derm1m_build.images import load_rgb

    items = DP._items(part)
    ids = np.asarray([x[0] for x in items])
    groups = [x[1] for x in items]
    kinds = np.asarray([x[3] for x in items])
    smalls = [cv2.cvtColor(np.asarray(load_rgb(x[2], max_side=256)), cv2.COLOR_RGB2BGR) for x in items]
    photo = np.char.startswith(ids.astype(str), "photos:")
    G = np.stack([K.grid(s) for s in smalls])
    ob = np.flatnonzero((kinds == "orig") & photo)
    pos = {g: i for i, (g, k) in enumerate(zip(groups, kinds)) if k == "orig"}
    planted = [(pos[groups[i]], i) for i in range(len(kinds)) if str(kinds[i]).startswith("crop")]
    Y = np.concatenate([G[ob], G[ob][:, :, ::-1]]).reshape(2 * len(ob), -1).astype(np.float64)
    mu, C = _gauss(Y)
    z = np.random.default_rng(0).multivariate_normal(1.5 * mu, C, size=n)
    W = np.concatenate([G, np.clip(np.rint(z), 0, 255).astype(np.uint8).reshape(n, K.GRID, K.GRID, 3)])
    b = np.concatenate([K.windows(W[s:s + 8192], K.INDEX_WINDOW, [(0.0, 0.0)])[:, 0] for s in range(0, len(W), 8192)])
    print(f"{part}: {len(planted)} crop copies among {n:,} look-alikes; load average {os.getloadavg()[0]:.1f}")
    cases = {
        "4 corners (the 9's, now)": list(K.SEARCH_OFFSETS),
        "centre only": [(0.0, 0.0)],
        "2 diagonal": [(-0.05, -0.05), (0.05, 0.05)],
        "3 of the 9, a triangle up": [(0.0, -0.05), (-0.05, 0.05), (0.05, 0.05)],
        "3 of the 9, a triangle down": [(0.0, 0.05), (-0.05, -0.05), (0.05, -0.05)],
        "3 equilateral, radius 5 %": _triangle(0.05, 0.0),
        "3 equilateral, radius 5 %, one towards +x": _triangle(0.05, math.pi / 2),
        "3 equilateral, radius 6 %": _triangle(0.06, 0.0),
        "3 equilateral, radius 7 %": _triangle(0.07, 0.0),
    }
    for label, offs in cases.items():
        ranks, sims = [], []
        for o, c in planted:
            q = K.windows(W[[c]], K.QUERY_WINDOW, offs)[0]
            s = (b @ q.T).max(1)
            s[[i for i in range(len(groups)) if groups[i] == groups[o] and i != o] + [c]] = -np.inf
            ranks.append(int((s[len(G):] > s[o]).sum()))
            sims.append(float(s[o]))
        qa = K.windows(G[ob], K.QUERY_WINDOW, offs)
        S = np.einsum("awd,bd->abw", qa, b[ob]).max(-1)[~np.eye(len(ob), dtype=bool)]
        tail = float((S >= min(sims)).mean())
        print(f"  {label} {offs}: largest rank {max(ranks)}, smallest similarity {min(sims):.3f}; real distinct pairs "
              f"at least as close as the worst crop: {tail:.1e} (x 1M = {tail * 1e6:,.0f})", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--query-cost", type=int, default=0, help="grids in the index (e.g. 1000000)")
    ap.add_argument("--queries", type=int, default=200_000)
    ap.add_argument("--layouts", action="store_true")
    ap.add_argument("--n", type=int, default=100_000, help="look-alikes for --layouts")
    ap.add_argument("--part", default="tune", choices=("tune", "heldout"))
    a = ap.parse_args()
    if a.query_cost:
        query_cost(a.query_cost, a.queries)
    if a.layouts:
        layouts(a.n, a.part)


if __name__ == "__main__":
    main()

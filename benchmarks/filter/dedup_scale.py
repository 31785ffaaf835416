"""Duplicate fit at scale: candidates + star clustering over n synthetic fingerprints, and what the
pixel check would add.

    python -m benchmarks.filter.dedup_scale --n 1000000 --ms-per-check 12 [--compare]

Rows carry what the filter stage stores: a trimmed pHash and its mirror's (random 64-bit values) and
a 192-d thumb (random unit vectors); 1 % of rows are planted near copies of another row (a few bits
flipped, a little noise on the thumb). The clustering runs the real code (`dedup.cluster`: multi-index
hash search, nearest-thumb search, star clusters) with the pixel check replaced by the planted truth,
whose cost is then added as (pairs checked) x (`--ms-per-check`, the per-pair time measured on real
photos by `dedup_real`/`dedup_tail`) / workers. Random fingerprints propose fewer false candidates
than lesion photos do (8-NN proposals are a fixed 16 per image either way; hash candidates are fewer).
"""

from __future__ import annotations

import argparse
import json
import os
import time

import numpy as np


def rows(n: int, seed: int = 0, crops: bool = False) -> tuple[list[dict], dict[int, int]]:
    """n rows and the planted truth (copy -> original). With `crops`, every row also stores a crop grid
    (`dc`, `crops.py`): smooth random 12 x 12 grids (4 x 4 blocks of 3 x 3 cells plus noise, as
    `dedup_crops_scale --cost-n` draws them), a planted copy's grid its original's plus a little noise,
    so that the crop proposal, on by default, is part of the fit as the filter stage runs it."""
    from derm1m_build.filtering.fingerprint import encode

    rng = np.random.default_rng(seed)
    h = rng.integers(0, 2**63, size=(n, 2), dtype=np.uint64) | (rng.integers(0, 2, size=(n, 2), dtype=np.uint64) << np.uint64(63))
    t = rng.normal(size=(n, 192)).astype(np.float32)
    k = n // 100
    src, dst = rng.choice(n // 2, k, replace=False), n // 2 + rng.choice(n // 2, k, replace=False)
    flips = np.uint64(1) << rng.integers(0, 64, size=(k, 2)).astype(np.uint64)
    h[dst] = h[src] ^ flips
    t[dst] = t[src] + rng.normal(scale=0.1, size=(k, 192)).astype(np.float32)
    t /= np.linalg.norm(t, axis=1, keepdims=True)
    truth = {int(d): int(s) for s, d in zip(src, dst)}
    dc = None
    if crops:
        import base64

        g = np.repeat(np.repeat(rng.integers(40, 216, size=(n, 4, 4, 3), dtype=np.uint8), 3, axis=1), 3, axis=2)
        g += rng.integers(0, 40, size=g.shape, dtype=np.uint8)
        g[dst] = g[src] + rng.integers(0, 3, size=(k, 12, 12, 3), dtype=np.uint8)
        dc = [base64.b64encode(x.tobytes()).decode("ascii") for x in g]
    out = []
    for i in range(n):
        sc = {"blur": 1.0, "dh": [f"{int(h[i, 0]):016x}", f"{int(h[i, 1]):016x}"], "dt": encode(t[i])}
        if dc is not None:
            sc["dc"] = dc[i]
        out.append({"sample_id": f"s{i:08d}", "image_sha256": f"{i:064x}", "phash": f"{int(h[i, 0]):016x}",
                    "width": 100, "height": 100, "scores": json.dumps(sc)})
    return out, truth


def run(mod, r, same, a) -> tuple[dict, dict, float, float, float]:
    """One clustering: (mapping, report, wall s, CPU-s of this process and of the hash search's worker
    processes, which process_time does not count). The current code gets an Arrow table, as the filter
    stage hands it; the earlier code its row dicts."""
    t, c, ch = time.perf_counter(), time.process_time(), os.times()
    out, rep = mod.cluster(r, 8, same=same, workers=a.workers, knn_index=a.knn_index)
    ch2 = os.times()
    kids = (ch2.children_user - ch.children_user) + (ch2.children_system - ch.children_system)
    print(f"  system CPU-s of the clustering: this process {ch2.system - ch.system:.1f}, "
          f"worker processes {ch2.children_system - ch.children_system:.1f} (user: {ch2.user - ch.user:.1f}, "
          f"{ch2.children_user - ch.children_user:.1f})")
    return out, rep, time.perf_counter() - t, time.process_time() - c + kids, kids


def main() -> None:
    from derm1m_build.filtering import dedup  # first: the package sets faiss' OpenMP wait policy before faiss loads
    from derm1m_build.testing import dedup_before

    import faiss

    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--ms-per-check", type=float, default=12.0)
    ap.add_argument("--knn-index", default="ivf-pq-fastscan", help="ivf-pq-fastscan (default) or ivf-flat (the earlier path)")
    ap.add_argument("--compare", action="store_true",
                    help="also run the earlier per-row code (derm1m_build/testing/dedup_before.py) on the same rows, "
                         "after the current one, and check that both give the same clusters")
    ap.add_argument("--save", help="write the current code's candidate pairs (hash, thumb, crop) and clusters to this .npz")
    ap.add_argument("--check", help="compare the current code's candidate pairs and clusters with a --save file")
    ap.add_argument("--crops", action="store_true",
                    help="rows also store crop grids, so the crop proposal (on by default) runs as in the filter stage")
    a = ap.parse_args()
    faiss.omp_set_num_threads(a.workers)
    r, truth = rows(a.n, crops=a.crops)
    idx = {x["sample_id"]: i for i, x in enumerate(r)}

    def same(x: dict, y: dict) -> bool:
        i, j = idx[x["sample_id"]], idx[y["sample_id"]]
        return truth.get(i) == j or truth.get(j) == i

    print(f"{a.n:,} rows, {len(truth):,} planted copies; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    runs = [("current", dedup)] + ([("before (per-row code)", dedup_before)] if a.compare else [])
    res = {}
    import pyarrow as pa

    table = pa.Table.from_pylist(r)
    got: dict = {}
    if a.save or a.check:  # the candidate pairs as `cluster` sees them (a pure function of the rows)
        inner = dedup._candidates

        def spy(*args, **kw):
            c = inner(*args, **kw)
            got.update(c)
            return c
        dedup._candidates = spy
        start_crop = dedup._start_crop_candidates

        def spy_crop(*args, **kw):
            wait = start_crop(*args, **kw)

            def done():
                c = wait()
                got["crop"] = c if c is not None else np.empty((0, 2), np.int64)
                return c
            return done
        dedup._start_crop_candidates = spy_crop
    for name, mod in runs:
        load0 = os.getloadavg()[0]
        out, rep, dt, dc, kids = run(mod, table if mod is dedup else r, same, a)
        if mod is dedup and (a.save or a.check):
            dedup._candidates, dedup._start_crop_candidates = inner, start_crop
            ids = sorted(out)
            snap = {"hash": got["hash"], "thumb": got["thumb"], "crop": got.get("crop", np.empty((0, 2), np.int64)),
                    "ids": np.asarray(ids),
                    "cluster": np.asarray([out[i][0] for i in ids]), "rep": np.asarray([out[i][1] for i in ids])}
            if a.save:
                np.savez_compressed(a.save, **snap)
            if a.check:
                ref = np.load(a.check)
                same_parts = {k: bool(np.array_equal(ref[k], snap[k])) for k in snap if k in ref}
                print(f"  identical to {a.check}: {same_parts} (hash pairs {len(snap['hash']):,}, "
                      f"thumb pairs {len(snap['thumb']):,})")
        res[name] = (out, rep)
        found = sum(out[r[d]["sample_id"]][0] == out[r[s]["sample_id"]][0] for d, s in truth.items())
        merged = len(out) - len({v[0] for v in out.values()})
        print(f"[{name}] load average {load0:.1f} before, {os.getloadavg()[0]:.1f} after; knn index {a.knn_index}")
        print(f"  candidates {rep['candidates']}, checked {rep['checked']:,}, confirmed {rep['confirmed']:,}")
        if "cpu_s" in rep:
            print(f"  CPU-s of this process by phase (hash search workers not included): {rep['cpu_s']}")
        cs = rep.get("cpu_s", {})
        if "candidates_knn" in cs:
            print(f"  CPU-s by part: hash search {kids + cs['candidates_hash_here']:.1f} (worker processes {kids:.1f}), "
                  f"thumb kNN {cs['candidates_knn']:.1f}, rows + fingerprints {cs['rows'] + cs['fingerprints']:.1f}, "
                  f"rest {dc - kids - cs['candidates_hash_here'] - cs['candidates_knn'] - cs['rows'] - cs['fingerprints']:.1f}"
                  + (f" (the crop proposal's own thread {cs['candidates_crop_thread']:.1f}, beside the kNN: its faiss "
                     "threads count in the kNN or the rest)" if "candidates_crop_thread" in cs else ""))
        print(f"  clustering (hash search + thumb kNN + stars): {dt:.1f} s wall, {dc:.1f} CPU-s (all processes); planted copies found "
              f"{found:,}/{len(truth):,}; rows merged {merged:,}", flush=True)
    print(f"  pixel check, projected: {rep['checked']:,} pairs x {a.ms_per_check} ms / {a.workers} workers = "
          f"{rep['checked'] * a.ms_per_check / 1000 / a.workers:.0f} s")
    if a.compare:
        (o1, r1), (o2, r2) = res.values()
        r1 = {k: v for k, v in r1.items() if k != "cpu_s"}
        print(f"  same clusters as the earlier code: {o1 == o2}; same report: {r1 == r2}")


if __name__ == "__main__":
    main()

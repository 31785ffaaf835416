"""The duplicate fit's candidates and clusters, current code against the earlier code, on real photographs.

    python -m benchmarks.filter.dedup_identity [--n 100000]

For each frozen set (`dedup_sets`: the tuning and the held-out photographs, their transformed copies,
package images and figures), every image's fingerprints (trimmed/mirrored pHashes, thumb) are taken as
the filter stage takes them (256-px decode), and `dedup.candidate_pairs` is compared with the earlier
code's (`derm1m_build/testing/dedup_before.py`): the hash pairs and the thumb pairs must be equal. Then
the same at scale, where the thumb kNN uses its inverted file and the hash search its processes: the real
images of both sets among distractors up to `--n` (thumbs drawn from a Gaussian fitted to the real
photos' thumbs, as in `dedup_crops_scale`; pHashes: the real ones with a few bits flipped, and random
ones), and `dedup.cluster` against the earlier code with a deterministic, non-transitive stand-in for
the pixel check (clusters, representatives, report, the checks asked and their order).
"""

from __future__ import annotations

import argparse
import json
import os
import time
import zlib

import cv2
import numpy as np


def _fingerprints(part: str):
    from benchmarks.filter import dedup_pairs as DP
    from derm1m_build.filtering.fingerprint import hashes, thumb
    from derm1m_build.images import load_rgb

    items = DP._items(part)
    smalls = [cv2.cvtColor(np.asarray(load_rgb(x[2], max_side=256)), cv2.COLOR_RGB2BGR) for x in items]
    return [x[0] for x in items], np.asarray([hashes(s) for s in smalls], np.uint64), np.stack([thumb(s) for s in smalls])


def _rows(ids, H, T) -> list[dict]:
    from derm1m_build.filtering.fingerprint import encode

    return [{"sample_id": f"r{i:07d}", "image_sha256": f"{i:064x}", "phash": f"{int(h[0]):016x}", "width": 100 + i % 7,
             "height": 100, "scores": json.dumps({"blur": float(i % 5), "dh": [f"{int(h[0]):016x}", f"{int(h[1]):016x}"],
                                                  "dt": encode(t)})} for i, (h, t) in enumerate(zip(H, T))]


def _same_pairs(a: dict, b: dict) -> dict:
    return {k: bool(np.array_equal(a[k], b[k])) for k in ("hash", "thumb")}


def main() -> None:
    import faiss

    from derm1m_build.filtering import dedup
    from derm1m_build.testing import dedup_before as before

    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args()
    faiss.omp_set_num_threads(a.workers)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    allH, allT = [], []
    ok = True
    for part in ("tune", "heldout"):
        ids, H, T = _fingerprints(part)
        rows = _rows(ids, H, T)
        new, old = dedup.candidate_pairs(rows, 8), before.candidate_pairs(rows, 8)
        same = _same_pairs(new, old)
        ok &= all(same.values())
        print(f"{part}: {len(rows)} real images; candidates hash {len(new['hash'])}, thumb {len(new['thumb'])}; "
              f"equal to the earlier code's: {same}", flush=True)
        allH.append(H)
        allT.append(T)
    H, T = np.concatenate(allH), np.concatenate(allT)
    rng = np.random.default_rng(0)
    m = a.n - len(T)
    mu, C = T.mean(0), np.cov(T.T)
    Z = rng.multivariate_normal(1.5 * mu, C, size=m).astype(np.float32)
    Z /= np.linalg.norm(Z, axis=1, keepdims=True)
    Hz = rng.integers(0, 2**63, size=(m, 2), dtype=np.uint64) * np.uint64(2)
    near = rng.random(m) < 0.3  # near a real pHash: a few bits flipped
    src = rng.integers(0, len(H), size=m)
    flips = np.zeros((m, 2), np.uint64)
    for _ in range(6):
        flips |= np.uint64(1) << rng.integers(0, 64, size=(m, 2)).astype(np.uint64)
    Hz[near] = H[src[near]] ^ flips[near]
    rows = _rows(None, np.concatenate([H, Hz]), np.concatenate([T, Z.astype(np.float16).astype(np.float32)]))

    def same_fn(calls: list):
        def same(x: dict, y: dict) -> bool:
            calls.append((x["sample_id"], y["sample_id"]))
            p, q = sorted((x["sample_id"], y["sample_id"]))
            return zlib.crc32(f"{p}|{q}".encode()) % 10 < 7
        return same

    import pyarrow as pa

    res = []
    for name, mod, arg in (("current", dedup, pa.Table.from_pylist(rows)), ("earlier", before, rows)):
        calls: list = []
        t, c, ch = time.perf_counter(), time.process_time(), os.times()
        out, rep = mod.cluster(arg, 8, same=same_fn(calls), workers=a.workers)
        ch2 = os.times()
        dc = time.process_time() - c + (ch2.children_user - ch.children_user) + (ch2.children_system - ch.children_system)
        rep.pop("cpu_s", None)
        res.append((out, rep, calls))
        print(f"{name}: {len(rows):,} rows ({len(T)} real); candidates {rep['candidates']}, checked {rep['checked']:,}; "
              f"{time.perf_counter() - t:.1f} s wall, {dc:.1f} CPU-s", flush=True)
    (o1, r1, c1), (o2, r2, c2) = res
    print(f"at {len(rows):,}: same clusters {o1 == o2}, same report {r1 == r2}, same checks in the same order {c1 == c2}")
    ok &= o1 == o2 and r1 == r2 and c1 == c2
    print("IDENTICAL" if ok else "DIFFERENT")
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()

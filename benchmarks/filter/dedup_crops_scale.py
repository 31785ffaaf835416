"""Which planted copies the thumb kNN still proposes in a corpus of look-alike lesion photos at scale.

    python -m benchmarks.filter.dedup_crops_scale --n 100000 --alpha 1.5 --knn 8,16

The tuning set's real photographs and their copies (`dedup_sets.py`, fingerprints from a 256-px decode
as the filter stage takes them) are planted among n - 560 distractor thumbs drawn from a Gaussian fitted
to the tuning photos' thumbs (and their mirrors), its mean scaled by `alpha` so that the similarity
tail of distractor pairs matches that of real distinct lesion pairs (printed side by side: alpha 1.5
is lighter than the real tail above 0.8, so optimistic; alpha 2.0 heavier, so pessimistic). The thumb
kNN runs as the fit runs it (`dedup.knn_pairs`, PQ fast-scan index above 50k); a planted pair counts as
proposed when the kNN returns it or its pHashes are within 8 (the exact hash search finds those at any
n). Tuning set only: nothing here looks at the held-out set.
"""

from __future__ import annotations

import argparse
import time

import cv2
import numpy as np


def main() -> None:
    from benchmarks.filter import dedup_pairs as DP
    from derm1m_build.filtering import dedup
    from derm1m_build.filtering.fingerprint import hashes, thumb
    from derm1m_build.images import load_rgb

    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--alpha", type=float, default=1.5)
    ap.add_argument("--knn", default="8")
    a = ap.parse_args()
    items = DP._items("tune")
    ids = np.asarray([x[0] for x in items])
    groups = [x[1] for x in items]
    kinds = np.asarray([x[3] for x in items])
    smalls = [cv2.cvtColor(np.asarray(load_rgb(x[2], max_side=256)), cv2.COLOR_RGB2BGR) for x in items]
    photo = np.char.startswith(ids.astype(str), "photos:")
    T = np.stack([thumb(s) for s in smalls])
    H = np.asarray([hashes(s) for s in smalls], np.uint64)
    ob = np.flatnonzero((kinds == "orig") & photo)
    X = np.concatenate([T[ob], dedup.mirror_thumbs(T[ob])])
    mu, C = X.mean(0), np.cov(X.T)
    rng = np.random.default_rng(0)

    def draw(n: int, alpha: float) -> np.ndarray:
        Z = rng.multivariate_normal(alpha * mu, C, size=n).astype(np.float32)
        return Z / np.linalg.norm(Z, axis=1, keepdims=True)

    def frac(S: np.ndarray) -> list[float]:
        return [round(float((S >= x).mean()), 5) for x in (0.5, 0.6, 0.7, 0.8, 0.9)]

    real = np.maximum(T[ob] @ T[ob].T, T[ob] @ dedup.mirror_thumbs(T[ob]).T)[np.triu_indices(len(ob), 1)]
    print(f"real distinct lesion pairs ({len(real)}), share with similarity >= 0.5/0.6/0.7/0.8/0.9: {frac(real)}")
    Z = draw(3000, a.alpha)
    S = np.maximum(Z @ Z.T, Z @ dedup.mirror_thumbs(Z).T)[np.triu_indices(3000, 1)]
    print(f"distractor pairs (alpha {a.alpha}), same shares: {frac(S)}")
    pos = {g: i for i, (g, k) in enumerate(zip(groups, kinds)) if k == "orig"}
    planted = [(pos[groups[i]], i, str(kinds[i])) for i in range(len(kinds)) if kinds[i] not in ("orig", "other")]
    real_idx = sorted({p for p, _, _ in planted} | {c for _, c, _ in planted})
    V = np.concatenate([T[real_idx], draw(a.n - len(real_idx), a.alpha)]).astype(np.float32)
    where = {r: k for k, r in enumerate(real_idx)}

    def hd(x: int, y: int) -> int:
        return min(int(np.bitwise_count(H[x, i] ^ H[y, j])) for i in (0, 1) for j in (0, 1))

    for knn in [int(x) for x in a.knn.split(",")]:
        t = time.process_time()
        P = dedup.knn_pairs(V, knn, 0.5, queries=[V, dedup.mirror_thumbs(V)])
        got = set(map(tuple, P.tolist()))
        res: dict[str, list[int]] = {}
        for o, c, k in planted:
            pr = tuple(sorted((where[o], where[c])))
            r = res.setdefault(k, [0, 0, 0])
            r[0] += pr in got
            r[1] += pr in got or hd(o, c) <= 8
            r[2] += 1
        print(f"n={a.n} alpha={a.alpha} knn={knn}: {len(P) / a.n:.1f} thumb pairs per image; planted copies proposed "
              f"by the thumb kNN / by the kNN or the hash search: "
              f"{ {k: f'{x}/{m} {y}/{m}' for k, (x, y, m) in res.items()} } ({time.process_time() - t:.0f} CPU-s)", flush=True)


if __name__ == "__main__":
    main()

"""The 95 % bound on wrong merges at 1M images for several inlier thresholds, by stratum of proposed
distinct pairs (lesion-lesion, all), from the pair measures `dedup_pairs measure` took once.

    python -m benchmarks.filter.dedup_bound [--parts tune] [--k 32,36,40]

Per threshold k: S(4..12), the tail model's rate and its bootstrap 95 % bound per proposed pair
(`dedup_pairs.bootstrap_tail`), and that bound times C = 1.6e7 (kNN proposals at 1M) and 6.1e7 (with
the largest hash-candidate rate seen). RESULTS.md says how it is computed and which set chose what.
"""

from __future__ import annotations

import argparse

import numpy as np


def main() -> None:
    from benchmarks.filter import dedup_pairs as DP
    from derm1m_build.filtering.confirm import dedup_config

    ap = argparse.ArgumentParser()
    ap.add_argument("--parts", default="tune", help="tune and/or heldout (comma-separated); tune only while choosing")
    ap.add_argument("--k", default="32,36,40")
    a = ap.parse_args()
    for part in a.parts.split(","):
        d = DP.load(f".bench/dedup_{part}.npz")
        P, ids, dist = d["pairs"], d["ids"], d["ptype"] == "distinct"
        photo = np.char.startswith(ids.astype(str), "photos:")
        both = photo[P[:, 0]] & photo[P[:, 1]]
        prop = dist & ((d["hd"] <= 8) | (d["sim"] >= 0.5))
        for k in [int(x) for x in a.k.split(",")]:
            inl = DP.best_inliers(d, dedup_config(k), photometric=False)
            for name, m in (("lesion-lesion", prop & both), ("all", prop)):
                rate, hi = DP.bootstrap_tail(d, inl, m, k)
                s = [int((inl[m] >= g).sum()) for g in range(4, 13)]
                print(f"{part} k={k} {name} ({int(m.sum())} proposed): S(4..12)={s} rate {rate:.2g} upper95 {hi:.2g}; "
                      f"x 1.6e7 = {1.6e7 * hi:.3g}; x 6.1e7 = {6.1e7 * hi:.3g}", flush=True)


if __name__ == "__main__":
    main()

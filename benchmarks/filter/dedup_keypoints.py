"""Keypoint counts of every image of a frozen duplicate set (the direct fallback of `confirm` applies
only to images with fewer than `ConfirmConfig.direct_max_keypoints`); stored beside the pair measures.

    python -m benchmarks.filter.dedup_keypoints --part tune --out .bench/dedup_tune_kp.npy
"""

from __future__ import annotations

import argparse

import numpy as np


def main() -> None:
    from benchmarks.filter.dedup_pairs import _items
    from derm1m_build.filtering.confirm import features_from_bytes

    ap = argparse.ArgumentParser()
    ap.add_argument("--part", choices=["tune", "heldout"], required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    kp = [min(len(f.pts), len(f.pts_m)) for f in (features_from_bytes(d) for _, _, d, _ in _items(a.part))]
    np.save(a.out, np.asarray(kp, np.int64))
    print(a.part, len(kp), "images; fewest keypoints", sorted(kp)[:10])


if __name__ == "__main__":
    main()

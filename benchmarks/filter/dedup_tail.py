"""The pixel check on every pair of distinct real photographs: how close do different lesions come?

    python -m benchmarks.filter.dedup_tail [--photos ../shared/realdata/photos]

For each pair (both orders of mirroring tried, as `confirm` does) it records the RANSAC inlier count,
the aligned NCC and the overlap; prints how many pairs pass each part of the rule, the largest values
among pairs that pass the other parts, and the tail of the inlier count among pairs whose photometric
check passes (used to extrapolate the false-confirmation rate: see RESULTS.md). One pair in the set
is a real duplicate (PAD-UFES-20 PAT_63_99_189 / PAT_63_99_736: the second is a crop of the first)
and is reported apart.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import cv2
import numpy as np

from benchmarks.filter import transforms as T

KNOWN_SAME = {("clinical/padufes20_PAT_63_99_189.jpg", "clinical/padufes20_PAT_63_99_736.jpg")}


def main() -> None:
    from derm1m_build.filtering import confirm as C

    ap = argparse.ArgumentParser()
    ap.add_argument("--photos", default="../shared/realdata/photos")
    ap.add_argument("--out", default="")
    a = ap.parse_args()
    ph = [f for f, _ in T.photos(a.photos)]
    feats = []
    for f in ph:
        feats.append(C.features_from_bytes((Path(a.photos) / f).read_bytes()))
    cfg = C.ConfirmConfig()
    t = time.perf_counter()
    rec = []
    for i in range(len(ph)):
        for j in range(i + 1, len(ph)):
            b = feats[j]
            bm = np.ascontiguousarray(b.grey[:, ::-1])
            best = (0, 0.0, 0.0)
            for pts, des, g in ((b.pts, b.des, b.grey), (b.pts_m, b.des_m, bm)):
                r = C._geometric(feats[i], pts, des, g, C.ConfirmConfig(min_inliers=4))
                if (r[0], r[1]) > (best[0], best[1]) and r[2] >= cfg.min_overlap:
                    best = r
            v = C.confirm(feats[i], feats[j], cfg)
            rec.append((i, j, best[0], best[1], best[2], int(v.same)))
    dt = time.perf_counter() - t
    r = np.asarray(rec, np.float64)
    known = np.asarray([(ph[int(i)], ph[int(j)]) in KNOWN_SAME for i, j in r[:, :2]])
    d = r[~known]
    print(f"{len(ph)} photos, {len(r)} pairs ({dt / len(r) * 1000:.1f} ms per pair on a shared machine)")
    print(f"known real duplicate pair(s): confirmed {r[known, 5].tolist()}")
    print(f"distinct pairs confirmed as duplicates: {int(d[:, 5].sum())} of {len(d)}")
    photo_ok = d[:, 3] >= cfg.min_ncc
    print(f"distinct pairs with aligned NCC >= {cfg.min_ncc} and overlap >= {cfg.min_overlap}: {int(photo_ok.sum())}; "
          f"their largest inlier count: {int(d[photo_ok, 2].max()) if photo_ok.any() else 0} (rule needs {cfg.min_inliers})")
    print(f"largest inlier count of any distinct pair with a usable transform: {int(d[:, 2].max())}")
    tail = {k: int(((d[:, 2] >= k) & photo_ok).sum()) for k in range(4, cfg.min_inliers + 1)}
    print("pairs passing the photometric check with >= k inliers:", json.dumps(tail))
    tail_any = {k: int((d[:, 2] >= k).sum()) for k in range(4, 31, 2)}
    print("pairs with >= k inliers (any NCC):", json.dumps(tail_any))
    if a.out:
        np.save(a.out, r)


if __name__ == "__main__":
    main()

"""Recall of the duplicate rule on small copies: every tuning-set photograph (`dedup_sets.py`) against a
copy of itself resized to 480, 320, 240 and 160 px on its longest side (forum thumbnails), at 32 and at
40 RANSAC inliers (the rule's other thresholds as `confirm.dedup_config`).

    python -m benchmarks.filter.dedup_small_copies
"""

from __future__ import annotations

import cv2
import numpy as np


def main() -> None:
    from benchmarks.filter import dedup_sets as S
    from benchmarks.filter.dedup_pairs import _encode
    from derm1m_build.filtering.confirm import decide, dedup_config, features_from_bytes, pair_stats

    res: dict[int, list] = {}
    for it, _ in S.load("tune").photos:
        data = it.make()
        im = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
        fo = features_from_bytes(data)
        h, w = im.shape[:2]
        for side in (480, 320, 240, 160):
            f = side / max(h, w)
            if f >= 1:
                continue
            cp = cv2.resize(im, (round(w * f), round(h * f)), interpolation=cv2.INTER_AREA)
            st = pair_stats(fo, features_from_bytes(_encode(cp)))
            best = max(st.plain.inliers if st.plain.ncc >= 0.8 else 0, st.mirror.inliers if st.mirror.ncc >= 0.8 else 0)
            res.setdefault(side, []).append((best, decide(st, dedup_config(32)), decide(st, dedup_config(40))))
    for side, r in sorted(res.items()):
        x = np.asarray(r)
        print(f"copy at {side} px: {len(x)} photos, smallest inlier count {x[:, 0].min()}; "
              f"recall at 32 inliers {x[:, 1].sum()}/{len(x)}, at 40 {x[:, 2].sum()}/{len(x)}", flush=True)


if __name__ == "__main__":
    main()

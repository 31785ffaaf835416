"""The filter-stage rows of the tuning photos and their planted copies, shared by the dedup tests that need real
photographs (the split parse and the crop-proposal threads): one builder, so both test the same rows."""

from __future__ import annotations

import hashlib
import json

import cv2
import numpy as np

from benchmarks.filter import dedup_sets


def tuning_photo_rows() -> list[dict]:
    """Each tuning photo (at most 512 px) and each of its transformed copies, fingerprinted as the filter stage does
    (at most 256 px), with `origin` naming the photo it came from."""
    from derm1m_build.filtering.fingerprint import fingerprint

    s = dedup_sets.load("tune")
    out = []
    for it, i in s.photos:
        im = cv2.imdecode(np.frombuffer(it.make(), np.uint8), cv2.IMREAD_COLOR)
        h, w = im.shape[:2]
        f = 512 / max(h, w)
        if f < 1:  # the copies are made from a 512-px original (a smaller test, the same kinds)
            im = cv2.resize(im, (round(w * f), round(h * f)), interpolation=cv2.INTER_AREA)
        variants = {"orig": im} | {k: fn(im, i) for k, fn in s.kinds.items()}
        for kind, v in variants.items():
            small = v
            if max(v.shape[:2]) > 256:  # as the filter stage fingerprints: at most 256 px
                g = 256 / max(v.shape[:2])
                small = cv2.resize(v, (round(v.shape[1] * g), round(v.shape[0] * g)), interpolation=cv2.INTER_AREA)
            out.append({"sample_id": f"p{i:03d}-{kind}", "image_sha256": hashlib.sha256(v.tobytes()).hexdigest(),
                        "width": v.shape[1], "height": v.shape[0], "origin": i,
                        "scores": json.dumps({"blur": 0.0} | fingerprint(small))})
    return out

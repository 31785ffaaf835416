"""Near-duplicate decisions on real photographs: false pairs among distinct photos, true pairs found
per transformation, as the filter stage decides them (fingerprints from the 256-px decode, candidates,
pixel confirmation, star clusters).

    python -m benchmarks.filter.dedup_real [--photos ../shared/realdata/photos] [--radius 8]

Rows: every photo in `PROVENANCE.tsv`, plus one copy per photo and transformation kind
(`benchmarks/filter/transforms.py`, seeded by the photo's index), JPEG-encoded at quality 90 as a
source would serve it. A cluster's pairs are "false" when their members come from different originals;
a copy is "found" when it lands in its original's cluster. The old rule (single linkage of plain
pHash within the radius) is measured on the same rows, side by side.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import time
from pathlib import Path

import cv2
import numpy as np

from benchmarks.filter import transforms as T


def encode(bgr: np.ndarray) -> bytes:
    ok, buf = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, 90])
    return buf.tobytes()


def build_rows(photos: str, kinds: dict) -> tuple[list[dict], dict[str, bytes]]:
    """Rows as the filter's fit sees them (sample_id, sha256, phash, size, scores with fingerprints)
    and the encoded bytes per sample id."""
    from derm1m_build.filtering.fingerprint import fingerprint
    from derm1m_build.filtering.phash import phash, to_hex
    from derm1m_build.images import load_rgb

    rows, data = [], {}
    for i, (f, _) in enumerate(T.photos(photos)):
        im = cv2.imread(str(Path(photos) / f))
        variants = {"orig": im} | {k: fn(im, i) for k, fn in kinds.items()}
        for kind, v in variants.items():
            b = encode(v)
            sid = f"p{i:03d}-{kind}"
            small = cv2.cvtColor(np.asarray(load_rgb(b, max_side=256)), cv2.COLOR_RGB2BGR)
            sc = {"blur": 0.0} | fingerprint(small)
            rows.append({"sample_id": sid, "image_sha256": hashlib.sha256(b).hexdigest(), "phash": to_hex(phash(small)),
                         "width": v.shape[1], "height": v.shape[0], "scores": json.dumps(sc), "origin": i,
                         "kind": kind})
            data[sid] = b
    return rows, data


def evaluate(rows: list[dict], labels: dict[str, str]) -> dict:
    by = {r["sample_id"]: r for r in rows}
    members: dict[str, list[dict]] = {}
    for sid, cid in labels.items():
        members.setdefault(cid, []).append(by[sid])
    false_pairs, false_list = 0, []
    for ms in members.values():
        for a in range(len(ms)):
            for b in range(a + 1, len(ms)):
                if ms[a]["origin"] != ms[b]["origin"]:
                    false_pairs += 1
                    false_list.append((ms[a]["sample_id"], ms[b]["sample_id"]))
    orig_cluster = {r["origin"]: labels[r["sample_id"]] for r in rows if r["kind"] == "orig"}
    found: dict[str, list[int]] = {}
    for r in rows:
        if r["kind"] != "orig":
            found.setdefault(r["kind"], []).append(int(labels[r["sample_id"]] == orig_cluster[r["origin"]]))
    return {"false_pairs": false_pairs, "false_examples": false_list[:5],
            "found": {k: (sum(v), len(v)) for k, v in found.items()}}


def upper_bound(k: int, n: int, conf: float = 0.95) -> float:
    """One-sided Clopper-Pearson upper bound on a rate after k events in n trials."""
    from scipy.stats import beta

    return 1.0 if k >= n else float(beta.ppf(conf, k + 1, n - k))


def main() -> None:
    from derm1m_build.filtering import dedup
    from derm1m_build.filtering.confirm import confirm, dedup_config, features_from_bytes

    ap = argparse.ArgumentParser()
    ap.add_argument("--photos", default="../shared/realdata/photos")
    ap.add_argument("--radius", type=int, default=8)
    a = ap.parse_args()
    t0 = time.perf_counter()
    rows, data = build_rows(a.photos, T.DUPLICATE_KINDS)
    n_orig = sum(r["kind"] == "orig" for r in rows)
    print(f"{len(rows)} rows: {n_orig} real photos + {len(rows) - n_orig} transformed copies "
          f"({time.perf_counter() - t0:.1f} s to build)")
    # old rule: single linkage over plain pHash
    lab = dedup.hash_clusters(np.asarray([int(r["phash"], 16) for r in sorted(rows, key=lambda r: r["sample_id"])],
                                         np.uint64), a.radius)
    srt = sorted(rows, key=lambda r: r["sample_id"])
    old = evaluate(rows, {r["sample_id"]: str(int(lab[i])) for i, r in enumerate(srt)})
    feats: dict[str, object] = {}

    def same(x: dict, y: dict) -> bool:
        for r in (x, y):
            if r["sample_id"] not in feats:
                feats[r["sample_id"]] = features_from_bytes(data[r["sample_id"]])
        return confirm(feats[x["sample_id"]], feats[y["sample_id"]], dedup_config()).same

    t = time.perf_counter()
    out, rep = dedup.cluster(rows, a.radius, same=same)
    dt = time.perf_counter() - t
    new = evaluate(rows, {k: v[0] for k, v in out.items()})
    print(f"new rule: {dt:.1f} s, candidates {rep['candidates']}, checked {rep['checked']}, "
          f"confirmed {rep['confirmed']}, warnings {rep['warnings']}")
    print("| kind | old rule (pHash <= %d, single linkage) | new rule |" % a.radius)
    print("|---|---|---|")
    for k in T.DUPLICATE_KINDS:
        o, nw = old["found"][k], new["found"][k]
        print(f"| {k} | {o[0]}/{o[1]} = {o[0] / o[1]:.3f} | {nw[0]}/{nw[1]} = {nw[0] / nw[1]:.3f} |")
    print(f"false pairs (members of different originals in one cluster): old {old['false_pairs']} "
          f"{old['false_examples']}, new {new['false_pairs']} {new['false_examples']}")
    # false-pair rate: every candidate pair between different originals that the check saw is a trial
    by = {r["sample_id"]: r for r in rows}
    print(json.dumps({"checked": rep["checked"]}))


if __name__ == "__main__":
    main()

"""Every measure of the duplicate check on one frozen set, taken once; any rule is then evaluated on it.

    python -m benchmarks.filter.dedup_pairs measure --part tune --out .bench/dedup_tune.npz [--workers 2]
    python -m benchmarks.filter.dedup_pairs evaluate .bench/dedup_tune.npz [--min-inliers 12 ...]
    python -m benchmarks.filter.dedup_pairs run        # both sets (measured once under .bench/), default rule

`measure` decodes every item of the set (`dedup_sets.py`: real photographs, package sample images,
published figures) and every transformed copy of each photo as the filter stage does (features from a
640-px decode, fingerprints from a 256-px one), and records for

* every distinct pair (two different items; the larger by area is the representative, as in the star
  clusters): `confirm.pair_stats` (matches, RANSAC inliers, aligned NCC, overlap, inlier spread, scale,
  for the plain and the mirrored image; the direct NCC), the thumb similarity (the larger of plain and
  mirrored) and the smallest Hamming distance between the two images' trimmed/mirrored pHashes;
* every (photo, copy) pair: the same.

`evaluate` applies a `ConfirmConfig` (`confirm.decide`, the same function `confirm` uses) and prints the
false confirmations among distinct pairs (by stratum: lesion-lesion, same patient, with package images),
the recall per kind of copy, the tail of the inlier count and the extrapolation to 1M images (see
RESULTS.md for the formula).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import cv2
import numpy as np

from benchmarks.filter import dedup_sets as S

SIDE_FIELDS = ("matches", "inliers", "ncc", "overlap", "spread", "scale")


def _encode(bgr: np.ndarray) -> bytes:
    ok, buf = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, 90])
    return buf.tobytes()


def _items(part: str) -> list[tuple[str, str, bytes, str]]:
    """(id, group, encoded bytes, kind) of every image of the set: originals ("orig"), copies (their kind)."""
    s = S.load(part)
    out = []
    for it, idx in s.photos:
        data = it.make()
        out.append((it.id, it.id, data, "orig"))
        im = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
        for kind, fn in s.kinds.items():
            out.append((f"{it.id}#{kind}", it.id, _encode(fn(im, idx)), kind))
    for it in s.others:
        out.append((it.id, it.id, it.make(), "other"))
    return out


def _prepare(data: bytes) -> tuple:
    from derm1m_build.filtering.confirm import features_from_bytes
    from derm1m_build.filtering.fingerprint import hashes, thumb
    from derm1m_build.images import load_rgb

    small = cv2.cvtColor(np.asarray(load_rgb(data, max_side=256)), cv2.COLOR_RGB2BGR)
    full = load_rgb(data)
    return features_from_bytes(data), hashes(small), thumb(small), full.size[0] * full.size[1]


_F: list = []


def _init(feats: list) -> None:
    global _F
    _F = feats


def _pairs_worker(pairs: list[tuple[int, int]]) -> list[list[float]]:
    from derm1m_build.filtering.confirm import pair_stats

    out = []
    for i, j in pairs:
        st = pair_stats(_F[i], _F[j])
        out.append([getattr(st.plain, f) for f in SIDE_FIELDS] + [getattr(st.mirror, f) for f in SIDE_FIELDS]
                   + [st.direct, st.direct_mirror])
    return out


def measure(part: str, out: str, workers: int) -> None:
    from derm1m_build.filtering.dedup import mirror_thumbs

    t0 = time.perf_counter()
    items = _items(part)
    prep = [_prepare(d) for _, _, d, _ in items]
    print(f"{part}: {len(items)} images prepared in {time.perf_counter() - t0:.1f} s")
    ids = [x[0] for x in items]
    groups = [x[1] for x in items]
    kinds = [x[3] for x in items]
    base = [i for i, k in enumerate(kinds) if k in ("orig", "other")]
    pairs, ptype = [], []
    for a in range(len(base)):
        for b in range(a + 1, len(base)):
            i, j = base[a], base[b]
            if S.known_same(ids[i], ids[j]):
                continue
            pairs.append((i, j))
            ptype.append("distinct")
    pos = {g: i for i, (g, k) in enumerate(zip(ids, kinds)) if k == "orig"}
    for i, (g, k) in enumerate(zip(groups, kinds)):
        if k not in ("orig", "other"):
            pairs.append((pos[g], i))
            ptype.append(k)
    area = [p[3] for p in prep]
    pairs = [(i, j) if (area[i], ids[j]) >= (area[j], ids[i]) else (j, i) for i, j in pairs]  # representative first
    th = np.stack([p[2] for p in prep])
    thm = mirror_thumbs(th)
    hs = np.asarray([p[1] for p in prep], np.uint64)
    P = np.asarray(pairs, np.int64)
    sim = np.maximum(np.einsum("ij,ij->i", th[P[:, 0]], th[P[:, 1]]), np.einsum("ij,ij->i", th[P[:, 0]], thm[P[:, 1]]))
    hd = np.min(np.stack([np.bitwise_count(hs[P[:, 0], a] ^ hs[P[:, 1], b]) for a in (0, 1) for b in (0, 1)]), 0)
    feats = [p[0] for p in prep]
    t1 = time.perf_counter()
    chunks = [pairs[k::max(1, workers * 8)] for k in range(max(1, workers * 8))]
    order = [k for c in range(len(chunks)) for k in range(c, len(pairs), len(chunks))]
    if workers > 1:
        with ProcessPoolExecutor(workers, initializer=_init, initargs=(feats,)) as ex:
            res = list(ex.map(_pairs_worker, chunks))
    else:
        _init(feats)
        res = [_pairs_worker(c) for c in chunks]
    flat = np.zeros((len(pairs), 2 * len(SIDE_FIELDS) + 2), np.float64)
    flat[np.asarray(order)] = np.asarray([r for c in res for r in c], np.float64)
    dt = time.perf_counter() - t1
    print(f"{len(pairs)} pairs measured in {dt:.1f} s wall ({dt * workers / len(pairs) * 1000:.1f} ms per pair per worker)")
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, ids=np.asarray(ids), pairs=P, ptype=np.asarray(ptype), stats=flat, sim=sim, hd=hd)
    from derm1m_build.filtering.confirm import keypoints

    np.save(str(out).removesuffix(".npz") + "_kp.npy", np.asarray([keypoints(f) for f in feats], np.int64))


# --------------------------------------------------------------------------------------------
# evaluation

def load(path: str) -> dict:
    """The measures, with per-pair keypoint counts from `dedup_keypoints` (`<path>_kp.npy` beside it)."""
    z = np.load(path)
    d = {k: z[k] for k in z.files}
    kp_path = Path(str(path).removesuffix(".npz") + "_kp.npy")
    kp = np.load(kp_path) if kp_path.exists() else np.zeros(len(d["ids"]), np.int64)  # unknown: fallback open
    d["kp"] = np.minimum(kp[d["pairs"][:, 0]], kp[d["pairs"][:, 1]])
    d["kp_images"] = kp
    return d


def decisions(d: dict, cfg) -> np.ndarray:
    from derm1m_build.filtering.confirm import PairStats, Side, decide

    out = np.zeros(len(d["pairs"]), bool)
    k = len(SIDE_FIELDS)
    for n, r in enumerate(d["stats"]):
        a = Side(int(r[0]), int(r[1]), *r[2:k])
        b = Side(int(r[k]), int(r[k + 1]), *r[k + 2:2 * k])
        out[n] = decide(PairStats(a, b, r[2 * k], r[2 * k + 1], int(d["kp"][n])), cfg)
    return out


def best_inliers(d: dict, cfg, photometric: bool) -> np.ndarray:
    """Per pair, the larger inlier count of the two orientations whose transform is usable (scale in
    [0.2, 5], as `confirm` requires; a collapsed fit onto a ruler or a chessboard is not), only
    orientations whose photometric part passes if `photometric`."""
    k = len(SIDE_FIELDS)
    s = d["stats"]
    out = []
    for o in (0, k):
        inl = np.where((s[:, o + 5] >= 0.2) & (s[:, o + 5] <= 5.0), s[:, o + 1], 0)
        if photometric:
            ok = (s[:, o + 2] >= cfg.min_ncc) & (s[:, o + 3] >= cfg.min_overlap) & (s[:, o + 4] >= cfg.min_spread)
            inl[~ok] = 0
        out.append(inl)
    return np.maximum(*out)


def upper_bound(k: int, n: int, conf: float = 0.95) -> float:
    """One-sided Clopper-Pearson upper bound on a rate after k events in n trials (k = 0: ~3/n)."""
    from scipy.stats import beta

    return 1.0 if k >= n else float(beta.ppf(conf, k + 1, n - k))


def tail_fit(inl: np.ndarray, target: int, lo: int = 4, min_count: int = 3) -> tuple[float, float]:
    """Log-linear fit of the survival count S(k) = #{pairs with >= k inliers}, k from `lo` while
    S(k) >= min_count, extrapolated to `target`: (expected count at target, slope per inlier)."""
    ks, ss = [], []
    for k in range(lo, target + 1):
        c = int((inl >= k).sum())
        if c < min_count:
            break
        ks.append(k)
        ss.append(c)
    if len(ks) < 3:
        return float("nan"), float("nan")
    slope, icpt = np.polyfit(ks, np.log(ss), 1)
    return float(math.exp(icpt + slope * target)), float(slope)


def bootstrap_tail(d: dict, inl: np.ndarray, mask: np.ndarray, target: float, reps: int = 400,
                   seed: int = 0, grid: np.ndarray | None = None) -> tuple[float, float]:
    """Tail-fit estimate of the per-pair rate at `target` inliers and its one-sided 95 % upper bound,
    resampling images (not pairs: pairs sharing an image are not independent)."""
    P = d["pairs"][mask]
    x = inl[mask]
    n_img = len(d["ids"])
    grid = np.arange(4, int(target) + 1) if grid is None else grid
    est = _fit(grid, np.asarray([(x >= g).sum() for g in grid], np.float64), target)
    rate = est / len(x)
    rng = np.random.default_rng(seed)
    rates = []
    for _ in range(reps):
        w = np.bincount(rng.integers(0, n_img, n_img), minlength=n_img).astype(np.float64)
        pw = w[P[:, 0]] * w[P[:, 1]]  # a pair is drawn as often as both its images together
        e = _fit(grid, np.asarray([pw[x >= g].sum() for g in grid], np.float64), target)
        if e == e:
            rates.append(e / max(pw.sum(), 1.0))
    return rate, float(np.quantile(rates, 0.95)) if rates else float("nan")


def _fit(grid: np.ndarray, counts: np.ndarray, target: float, min_count: float = 3.0) -> float:
    """Log-linear fit of survival counts over the grid while they are >= min_count, at `target`
    (nan with fewer than 3 points; a fitted slope >= 0 is taken as no decay: the last count)."""
    keep = np.flatnonzero(counts < min_count)
    m = keep[0] if keep.size else len(grid)
    if m < 3:
        return float("nan")
    slope, icpt = np.polyfit(grid[:m], np.log(counts[:m]), 1)
    if slope >= 0:
        return float(counts[m - 1])
    return float(math.exp(icpt + slope * target))


def evaluate(path: str, cfg, n_scale: int = 1_000_000, knn: int = 8, radius: int = 8, min_sim: float = 0.5) -> dict:
    d = load(path)
    same = decisions(d, cfg)
    ptype = d["ptype"]
    ids = d["ids"]
    P = d["pairs"]
    dist = ptype == "distinct"
    photo = np.char.startswith(ids.astype(str), "photos:")
    both_photos = photo[P[:, 0]] & photo[P[:, 1]]

    def patient(s: str) -> str:
        parts = s.split("PAT_")
        return parts[1].split("_")[0] if len(parts) > 1 else ""

    pat = np.asarray([patient(str(x)) for x in ids])
    same_patient = dist & (pat[P[:, 0]] == pat[P[:, 1]]) & (pat[P[:, 0]] != "")
    res = {"distinct_pairs": int(dist.sum()), "false": int((same & dist).sum()),
           "false_examples": [(str(ids[a]), str(ids[b])) for a, b in P[same & dist][:5].tolist()],
           "lesion_pairs": int((dist & both_photos).sum()), "false_lesion": int((same & dist & both_photos).sum()),
           "same_patient_pairs": int(same_patient.sum()), "false_same_patient": int((same & same_patient).sum()),
           "with_package_or_figure": int((dist & ~both_photos).sum()),
           "false_with_package_or_figure": int((same & dist & ~both_photos).sum())}
    res["recall"] = {str(k): [int(same[ptype == k].sum()), int((ptype == k).sum())]
                     for k in dict.fromkeys(ptype.tolist()) if k != "distinct"}
    res["missed"] = [str(ids[b]) for (a, b), s, t in zip(P.tolist(), same, ptype) if t != "distinct" and not s][:10]
    inl_valid = best_inliers(d, cfg, photometric=False)
    inl_any = np.maximum(d["stats"][:, 1], d["stats"][:, len(SIDE_FIELDS) + 1])
    inl_ph = best_inliers(d, cfg, photometric=True)
    res["tail_any_ncc"] = {k: int((inl_any[dist] >= k).sum()) for k in range(4, 41, 2)}
    res["tail_photometric"] = {k: int((inl_ph[dist] >= k).sum()) for k in range(4, 21)}
    res["max_inliers_distinct"] = int(inl_any[dist].max())
    res["max_inliers_distinct_photometric"] = int(inl_ph[dist].max())
    res["min_inliers_true_features"] = {str(k): int(np.min(np.where(same[ptype == k], inl_ph[ptype == k], 10**6)))
                                        for k in res["recall"]}
    direct = np.maximum(d["stats"][:, -2], d["stats"][:, -1])
    res["max_direct_ncc_distinct_any_keypoints"] = float(direct[dist].max())
    res["images_under_keypoint_limit"] = int((d["kp_images"] < cfg.direct_max_keypoints).sum())
    res["fewest_keypoints"] = int(d["kp_images"].min())
    direct = np.where(d["kp"] < cfg.direct_max_keypoints, direct, 0.0)  # where the fallback may decide
    res["max_direct_ncc_distinct"] = float(direct[dist].max())
    # proposals: a distinct pair is a candidate when its hashes are within the radius or its thumb
    # similarity reaches min_sim (the kNN keeps at most 2 x knn of those per image)
    prop = dist & ((d["hd"] <= radius) | (d["sim"] >= min_sim))
    res["proposable_rate"] = float(prop.sum() / dist.sum())
    res["hash_rate"] = float((dist & (d["hd"] <= radius)).sum() / dist.sum())
    # the rate among proposable pairs, counted (Clopper-Pearson) and by the tail model (bootstrap over images)
    n_prop = int(prop.sum())
    k_prop = int((same & prop).sum())
    res["proposable_pairs"] = n_prop
    res["confirmed_proposable"] = k_prop
    res["count_bound_per_proposed_pair"] = upper_bound(k_prop, n_prop)
    res["tail_proposable_valid_inliers"] = {k: int((inl_valid[prop] >= k).sum()) for k in range(4, 13)}
    rate, hi = bootstrap_tail(d, inl_valid, prop, cfg.min_inliers)
    grid = np.round(np.arange(0.80, 0.951, 0.01), 2)
    if (prop & (d["kp"] < cfg.direct_max_keypoints)).any():
        drate, dhi = bootstrap_tail(d, direct, prop, cfg.direct_ncc, grid=grid)
    else:  # no proposable pair here may use the fallback: it adds nothing measurable (see RESULTS.md)
        drate = dhi = 0.0
    res["tail_direct_proposable"] = {f"{g:.2f}": int((direct[prop] >= g).sum()) for g in grid}
    res["rate_per_proposed_pair"] = {"geometric_tail": rate, "geometric_upper95": hi, "direct_tail": drate,
                                     "direct_upper95": dhi}
    pairs_1m = n_scale * (n_scale - 1) / 2
    c_knn = n_scale * 2 * knn
    c_hash = res["hash_rate"] * pairs_1m
    total = min(c_knn + c_hash, res["proposable_rate"] * pairs_1m)
    res["proposed_at_scale"] = {"knn_at_most": c_knn, "hash_expected": c_hash, "total": total}
    res["wrong_merges_at_scale"] = {"count_bound": total * res["count_bound_per_proposed_pair"],
                                    "tail_estimate": total * (rate + drate),
                                    "tail_upper95": total * (hi + dhi)}
    return res


def main() -> None:
    from derm1m_build.filtering.confirm import ConfirmConfig, dedup_config

    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("measure")
    m.add_argument("--part", choices=["tune", "heldout"], required=True)
    m.add_argument("--out", required=True)
    m.add_argument("--workers", type=int, default=1)
    r = sub.add_parser("run", help="measure both frozen sets under .bench/ (if not there yet) and evaluate the default rule")
    r.add_argument("--workers", type=int, default=2)
    e = sub.add_parser("evaluate")
    e.add_argument("path")
    base = dedup_config()  # the duplicate fit's rule (40 inliers); --min-inliers 32 gives confirm's default
    for f in ("min_inliers", "min_ncc", "min_overlap", "min_spread", "direct_ncc", "direct_max_keypoints"):
        e.add_argument("--" + f.replace("_", "-"), type=type(getattr(base, f)), default=getattr(base, f))
    a = ap.parse_args()
    if a.cmd == "measure":
        measure(a.part, a.out, a.workers)
    elif a.cmd == "run":
        for part in ("tune", "heldout"):
            path = f".bench/dedup_{part}.npz"
            if not Path(path).exists():
                measure(part, path, a.workers)
            print(part, json.dumps(evaluate(path, dedup_config())))
    else:
        cfg = ConfirmConfig(min_inliers=a.min_inliers, min_ncc=a.min_ncc, min_overlap=a.min_overlap,
                            min_spread=a.min_spread, direct_ncc=a.direct_ncc,
                            direct_max_keypoints=a.direct_max_keypoints)
        print(json.dumps({"config": cfg.__dict__} | evaluate(a.path, cfg), indent=1))


if __name__ == "__main__":
    main()

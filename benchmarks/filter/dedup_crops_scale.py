"""Which planted copies are still proposed in a corpus of look-alike lesion photos at scale.

    python -m benchmarks.filter.dedup_crops_scale --n 100000 --alpha 1.5 --knn 8 --crop-alpha 1.0,1.5
    python -m benchmarks.filter.dedup_crops_scale --cost-n 1000000        # the crop proposal's cost alone
    python -m benchmarks.filter.dedup_crops_scale --cost-n 1000000 --cost-baseline 8f771dc   # and beside an earlier revision

The tuning set's real photographs and their copies (`dedup_sets.py`, fingerprints from a 256-px decode
as the filter stage takes them) are planted among n - 560 simulated look-alikes:

* for the thumb kNN (`dedup.knn_pairs` with `dedup.thumb_queries`, as the fit runs it), distractor thumbs drawn from a Gaussian
  fitted to the tuning photos' thumbs (and their mirrors), its mean scaled by `--alpha` so that the
  similarity tail of distractor pairs matches that of real distinct lesion pairs (printed side by side:
  alpha 1.5 is lighter than the real tail above 0.8, so optimistic; alpha 2.0 heavier, so pessimistic);
* for the crop proposal (`crops.crop_pairs`: shifted window thumbs against centre thumbs), distractor
  grids drawn the same way from the tuning photos' stored 12 x 12 grids (8-bit Lab, and their mirrors),
  the mean scaled by `--crop-alpha`, rounded to 8 bits as stored; the tail compared is the crop proposal's own
  similarity (best of the 9 query windows of one image against the other's centre window), printed
  for real distinct pairs and for distractors.

A planted pair counts as proposed by the kNN when the kNN returns it, by the hash search when its pHashes
are within 8 (the exact search finds those at any n), by the crop proposal when it returns it; the
two simulations are separate draws (each proposal is crowded by its own look-alikes). `--part tune`
(the default) for every choice; `--part heldout` plants the held-out set's photos and copies (other
kinds and seeds, `transforms.HELDOUT_KINDS`), looked at once at the end of a round.
"""

from __future__ import annotations

import argparse
import time

import cv2
import numpy as np


def _gauss(X: np.ndarray):
    return X.mean(0), np.cov(X.T)


def crop_sims(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """(len(A), len(B)): the crop proposal's similarity, best of A's query windows against B's centre window."""
    from derm1m_build.filtering import crops as K

    q = K.windows(A, K.QUERY_WINDOW, K.query_offsets())
    b = K.windows(B, K.INDEX_WINDOW, [(0.0, 0.0)])[:, 0]
    return np.einsum("awd,bd->abw", q, b).max(-1)


def frac(S: np.ndarray) -> list[float]:
    return [round(float((S >= x).mean()), 5) for x in (0.5, 0.6, 0.7, 0.8, 0.85, 0.9)]


def _module_at(rev: str):
    """crops.py as committed at git revision `rev`, loaded as a module beside the current one (for a
    side-by-side timing in one process)."""
    import subprocess
    import types

    src = subprocess.run(["git", "show", f"{rev}:derm1m_build/filtering/crops.py"], check=True,
                         capture_output=True, text=True).stdout
    mod = types.ModuleType(f"crops_at_{rev}")
    exec(compile(src, f"crops.py@{rev}", "exec"), mod.__dict__)
    return mod


def cost(n: int, k: int, min_sim: float, baseline: str | None = None) -> None:
    """CPU-seconds of the crop proposal alone on n random grids (the search does not care what they show);
    with `baseline` (a git revision) the crop proposal as committed there runs after it on the same grids."""
    import os

    from derm1m_build.filtering import crops as K

    rng = np.random.default_rng(1)
    # smooth random grids (4 x 4 blocks of 3 x 3 cells plus noise), like photos
    G = np.repeat(np.repeat(rng.integers(40, 216, size=(n, 4, 4, 3), dtype=np.uint8), 3, axis=1), 3, axis=2)
    G += rng.integers(0, 40, size=G.shape, dtype=np.uint8)
    runs = [("current", K)] + ([(baseline, _module_at(baseline))] if baseline else [])
    got = {}
    for name, mod in runs:
        load = os.getloadavg()[0]
        c, w = time.process_time(), time.time()
        P = mod.crop_pairs(G, k=k, min_sim=min_sim)  # the defaults
        cpu, wall = time.process_time() - c, time.time() - w
        got[name] = set(map(tuple, P.tolist()))
        print(f"{name}: crop proposal on {n} grids, k={k}: {cpu:.1f} CPU-s ({1e6 * cpu / n:.1f} CPU-us per image), "
              f"{wall:.1f} s wall, load {load:.1f} -> {os.getloadavg()[0]:.1f}; {len(P)} pairs", flush=True)
    if baseline:
        a, b = got["current"], got[baseline]
        print(f"pairs in both: {len(a & b)}, only current: {len(a - b)}, only {baseline}: {len(b - a)}")


def diagnose(W: np.ndarray, planted, where, members, crop_got: set, a, reached) -> None:
    """Per crop copy: its best-window similarity to its original, the original's exact rank among all
    n centre windows (look-alikes above it, group members above it), whether the approximate index put
    the original (or a group member) among what it returns for the copy's windows, and whether the pair
    was proposed / the copy reached. Tells crowding (look-alikes above) from index error (none above,
    not returned)."""
    from derm1m_build.filtering import crops as K

    base = K.windows(W, K.INDEX_WINDOW, [(0.0, 0.0)])[:, 0]
    idx = K._Index(np.ascontiguousarray(base), 10_000, a.crop_nprobe, 32, a.crop_nlist or None)
    depth = max(a.crop_knn + 1, a.crop_depth)
    for o, c, kind in planted:
        if kind != "crop6-15":
            continue
        wo, wc = where[o], where[c]
        q = K.windows(W[[wc]], K.QUERY_WINDOW, K.query_offsets())[0]
        s = (q @ base.T).max(0)
        q = K.windows(W[[wc]], K.QUERY_WINDOW, K.SEARCH_OFFSETS)[0]  # what the index is searched with
        s[wc] = -1
        so = s[wo]
        grp = {where[x] for x in members[o]}
        above = np.flatnonzero(s > so)
        la = sum(1 for x in above if x not in grp)
        ga = sum(1 for x in above if x in grp)
        _, nb = idx.search(np.ascontiguousarray(q), depth)
        got_idx = wo in set(nb.ravel().tolist())
        grp_idx = sorted({x for x in nb.ravel().tolist() if x in grp and x != wc})
        prop = tuple(sorted((wo, wc))) in crop_got
        print(f"  crop {c}: sim to original {so:.3f}; above it: {la} look-alikes, {ga} of its group; "
              f"index returned original: {got_idx}, group members returned: {len(grp_idx)}; pair proposed: {prop}; "
              f"reached: {reached(o, c)}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--alpha", type=float, default=1.5)
    ap.add_argument("--knn", default="8")
    ap.add_argument("--crop-alpha", default="1.0")
    ap.add_argument("--crop-knn", type=int, default=4)
    ap.add_argument("--crop-min-sim", type=float, default=0.85)
    ap.add_argument("--crop-depth", type=int, default=8, help="neighbours asked of the index per search window")
    ap.add_argument("--crop-nprobe", type=int, default=None, help="inverted lists probed by the crop proposal "
                    "(default: crops.NPROBE)")
    ap.add_argument("--crop-nlist", type=int, default=0, help="inverted lists of the crop index (default: crops.py's, "
                    "~sqrt(n) up to 1024; 1000 at 100k makes lists as fine as at 1M)")
    ap.add_argument("--part", default="tune", choices=("tune", "heldout"),
                    help="which frozen set's photos are planted (tune for every choice; heldout once, at the end)")
    ap.add_argument("--knn-mirror", action="store_true", help="the thumb kNN also searched with the mirrored "
                    "thumbs (the fit before 2026-12-05; now `dedup.thumb_queries`: the thumbs only)")
    ap.add_argument("--diagnose", action="store_true", help="for every crop copy: exact rank of its original, what the index returned")
    ap.add_argument("--cost-n", type=int, default=0, help="only time the crop proposal on this many random grids")
    ap.add_argument("--cost-baseline", default="", help="with --cost-n: also time crops.py as at this git revision, same grids")
    a = ap.parse_args()
    if a.crop_nprobe is None:
        from derm1m_build.filtering import crops as K

        a.crop_nprobe = K.NPROBE
    if a.cost_n:
        cost(a.cost_n, a.crop_knn, a.crop_min_sim, a.cost_baseline or None)
        return

    from benchmarks.filter import dedup_pairs as DP
    from derm1m_build.filtering import crops as K
    from derm1m_build.filtering import dedup
    from derm1m_build.filtering.fingerprint import hashes, thumb
    from derm1m_build.images import load_rgb

    items = DP._items(a.part)
    ids = np.asarray([x[0] for x in items])
    groups = [x[1] for x in items]
    kinds = np.asarray([x[3] for x in items])
    smalls = [cv2.cvtColor(np.asarray(load_rgb(x[2], max_side=256)), cv2.COLOR_RGB2BGR) for x in items]
    photo = np.char.startswith(ids.astype(str), "photos:")
    T = np.stack([thumb(s) for s in smalls])
    H = np.asarray([hashes(s) for s in smalls], np.uint64)
    G = np.stack([K.grid(s) for s in smalls])
    ob = np.flatnonzero((kinds == "orig") & photo)
    rng = np.random.default_rng(0)

    pos = {g: i for i, (g, k) in enumerate(zip(groups, kinds)) if k == "orig"}
    planted = [(pos[groups[i]], i, str(kinds[i])) for i in range(len(kinds)) if kinds[i] not in ("orig", "other")]
    real_idx = sorted({p for p, _, _ in planted} | {c for _, c, _ in planted})
    where = {r: k for k, r in enumerate(real_idx)}

    def hd(x: int, y: int) -> int:
        return min(int(np.bitwise_count(H[x, i] ^ H[y, j])) for i in (0, 1) for j in (0, 1))

    hash_ok = {(o, c): hd(o, c) <= 8 for o, c, _ in planted}

    # the thumb kNN among thumb look-alikes (as before this change)
    X = np.concatenate([T[ob], dedup.mirror_thumbs(T[ob])])
    mu, C = _gauss(X)

    def draw(n: int, alpha: float) -> np.ndarray:
        Z = rng.multivariate_normal(alpha * mu, C, size=n).astype(np.float32)
        return Z / np.linalg.norm(Z, axis=1, keepdims=True)

    real = np.maximum(T[ob] @ T[ob].T, T[ob] @ dedup.mirror_thumbs(T[ob]).T)[np.triu_indices(len(ob), 1)]
    print(f"thumb: real distinct lesion pairs ({len(real)}), share with similarity >= 0.5/0.6/0.7/0.8/0.85/0.9: {frac(real)}")
    Z = draw(3000, a.alpha)
    S = np.maximum(Z @ Z.T, Z @ dedup.mirror_thumbs(Z).T)[np.triu_indices(3000, 1)]
    print(f"thumb: distractor pairs (alpha {a.alpha}), same shares: {frac(S)}")
    V = np.concatenate([T[real_idx], draw(a.n - len(real_idx), a.alpha)]).astype(np.float32)
    knn_got: dict[int, set] = {}
    for knn in [int(x) for x in a.knn.split(",")]:
        t = time.process_time()
        qs = [V, dedup.mirror_thumbs(V)] if a.knn_mirror else dedup.thumb_queries(V)  # as the fit runs it
        P = dedup.knn_pairs(V, knn, 0.5, queries=qs)
        knn_got[knn] = set(map(tuple, P.tolist()))
        print(f"thumb kNN n={a.n} alpha={a.alpha} knn={knn}: {len(P) / a.n:.1f} pairs per image "
              f"({time.process_time() - t:.0f} CPU-s)", flush=True)

    # the crop proposal among grid look-alikes: raw grids (8-bit Lab, as stored) and their mirrors; the
    # mean is scaled by alpha (the windows take each channel's mean out, so alpha scales the pattern)
    Y = np.concatenate([G[ob], G[ob][:, :, ::-1]]).reshape(2 * len(ob), -1).astype(np.float64)
    gmu, gC = _gauss(Y)

    def draw_grids(n: int, alpha: float) -> np.ndarray:
        out = []
        for s in range(0, n, 50_000):
            m = min(50_000, n - s)
            z = rng.multivariate_normal(alpha * gmu, gC, size=m)
            out.append(np.clip(np.rint(z), 0, 255).astype(np.uint8).reshape(m, K.GRID, K.GRID, 3))
        return np.concatenate(out) if out else np.empty((0, K.GRID, K.GRID, 3), np.uint8)

    R = crop_sims(G[ob], G[ob])
    print(f"crop: real distinct lesion pairs ({len(ob) * (len(ob) - 1)} ordered), share with similarity "
          f">= 0.5/0.6/0.7/0.8/0.85/0.9: {frac(R[~np.eye(len(ob), dtype=bool)])}")
    # the real copies' own similarity to their original (crop proposal)
    for kind in ("crop6-15",):
        pr = [(o, c) for o, c, k in planted if k == kind]
        s = np.asarray([crop_sims(G[[c]], G[[o]])[0, 0] for o, c in pr])
        print(f"crop: {kind} copies' similarity to their original: min {s.min():.3f}, 2nd {np.sort(s)[1]:.3f}, median {np.median(s):.3f}")
    for ca in [float(x) for x in a.crop_alpha.split(",")]:
        Zg = draw_grids(2000, ca)
        D = crop_sims(Zg, Zg)
        print(f"crop: distractor pairs (crop-alpha {ca}), same shares: {frac(D[~np.eye(2000, dtype=bool)])}", flush=True)
        W = np.concatenate([G[real_idx], draw_grids(a.n - len(real_idx), ca)])
        t = time.process_time()
        P = K.crop_pairs(W, k=a.crop_knn, min_sim=a.crop_min_sim, nprobe=a.crop_nprobe, depth=a.crop_depth,
                         nlist=a.crop_nlist or None)
        cpu = time.process_time() - t
        crop_got = set(map(tuple, P.tolist()))
        members: dict[int, list[int]] = {}
        for o, c, _ in planted:
            members.setdefault(o, [o]).append(c)

        def reached(o: int, c: int, pairs: set, with_hash: bool) -> bool:
            """What the star walk reaches: c joined to o through proposals among o's group (every member a
            true copy, so every step is confirmed)."""
            g = members[o]
            seen, todo = {o}, [o]
            while todo:
                x = todo.pop()
                for y in g:
                    if y not in seen and (tuple(sorted((where[x], where[y]))) in pairs or (with_hash and hd(x, y) <= 8)):
                        seen.add(y)
                        todo.append(y)
            return c in seen

        for knn, got in knn_got.items():
            res: dict[str, list[int]] = {}
            both = got | crop_got
            for o, c, k in planted:
                pr = tuple(sorted((where[o], where[c])))
                r = res.setdefault(k, [0, 0, 0, 0, 0, 0, 0])
                r[0] += pr in got
                r[1] += pr in got or hash_ok[(o, c)]
                r[2] += pr in crop_got
                r[3] += pr in got or hash_ok[(o, c)] or pr in crop_got
                r[4] += reached(o, c, got, True)
                r[5] += reached(o, c, both, True)
                r[6] += 1
            print(f"n={a.n} thumb alpha={a.alpha} knn={knn} crop-alpha={ca} crop-knn={a.crop_knn} "
                  f"crop-min-sim={a.crop_min_sim} crop-nprobe={a.crop_nprobe} crop-nlist={a.crop_nlist or 'default'}: crop proposal {len(P) / a.n:.2f} pairs per image ({cpu:.0f} CPU-s); "
                  f"planted copies proposed (the pair itself) by kNN / kNN or hash (before) / crop proposal / all "
                  f"(after); reached through the group's proposals before / after:", flush=True)
            for k, (x, y, z, u, v, w, m) in res.items():
                print(f"  {k:10s} {x}/{m} {y}/{m} {z}/{m} {u}/{m} | {v}/{m} {w}/{m}")
            if a.diagnose:
                diagnose(W, planted, where, members, crop_got, a,
                         lambda o, c, got=got: reached(o, c, got | crop_got, True))


if __name__ == "__main__":
    main()

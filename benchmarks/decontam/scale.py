"""Scale of the benchmark check: an index of N benchmark images against M candidates (the fit's join).

Hashes are synthetic (uniform random 64-bit values: no image is decoded), so this measures the search,
not the hashing (done per image in the map pass, ~1 ms) nor the pixel check (only for proposals). Each
benchmark image has 8 whole-image keys (its orientations) and, with windows on, one key per window of
`INDEX_WINDOWS` (66); each candidate 1 whole-image query and, with windows on, 1 centre-window query
(9 window queries with `--query-windows`) and 1 mirrored whole-image query joined with the window keys
(the filter's `mirror_windows`, on by default; `--no-mirror-query` leaves it out). `--planted` candidates are copies of a random benchmark key (whole or
window) with up to `radius` (window keys: `window_radius`) bits flipped: all must be proposed (the join is exact).

`--methods mih,tables` times the join (`propose` -> `hash_join`) with each method on the same hashes, in
CPU-seconds (this process and its workers) and wall seconds, and checks that both give the same proposals.

    python -m benchmarks.decontam.scale --images 100000 --candidates 1000000 --radius 10 --window-radius 8 --methods mih
    python -m benchmarks.decontam.scale --images 10000 --candidates 100000 --window-radius 8 --methods mih,tables

`--embed-dim D` times the embedding proposals instead (`embed_search`, what the fit runs when the filter
has a model back-end): N benchmark vectors and M candidate vectors (random unit vectors of D dimensions,
float16-rounded as stored), `--planted` of the candidates near copies of a benchmark vector (cosine
~0.95); exact (faiss flat) up to 50,000 benchmark images, an inverted file above.

    python -m benchmarks.decontam.scale --images 100000 --candidates 1000000 --embed-dim 256
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np

from benchmarks.filter.neardup import cpu_seconds  # CPU of this process and its finished workers
from derm1m_build.filtering import decontam as D
from derm1m_build.filtering.decontam import Index, propose


def synthetic(n_img: int, n_cand: int, windows: bool, planted: int, radius: int, seed: int = 0,
              query_windows: bool = False, window_radius: int = 8, mirror_query: bool = True):
    rng = np.random.default_rng(seed)
    per = 8 + (sum(n * n for _, n in D.INDEX_WINDOWS) if windows else 0)
    keys = rng.integers(0, 2**63, n_img * per, dtype=np.uint64) | (rng.integers(0, 2, n_img * per, dtype=np.uint64) << np.uint64(63))
    owner = np.repeat(np.arange(n_img, dtype=np.int32), per)
    kind = np.tile(np.asarray([0] * 8 + [1] * (per - 8), np.int8), n_img)
    orient = np.tile(np.asarray(list(range(8)) + [0] * (per - 8), np.int8), n_img)
    nw = (9 if query_windows else 1) if windows else 0
    nm = 1 if windows and mirror_query else 0
    qper = 1 + nw + nm
    q = rng.integers(0, 2**63, n_cand * qper, dtype=np.uint64)
    qk = np.tile(np.asarray([0] + [1] * nw + [2] * nm, np.int8), n_cand)
    qg = np.repeat(np.arange(n_cand, dtype=np.int64), qper)
    # planted copies: candidate c's whole query = a whole key of image t with up to `radius` bits flipped
    cands = rng.choice(n_cand, planted, replace=False)
    targets = rng.integers(0, n_img, planted)
    for c, t in zip(cands.tolist(), targets.tolist()):
        j = int(rng.integers(0, per))  # a whole key (j < 8: within `radius`) or a window key (`window_radius`)
        r = radius if j < 8 else window_radius
        flip = sum(1 << int(b) for b in rng.choice(64, int(rng.integers(0, r + 1)), replace=False))
        q[c * qper] = keys[t * per + j] ^ np.uint64(flip)
    idx = Index(None, keys, owner, kind, orient, [], {})
    return idx, q, qk, qg, dict(zip(cands.tolist(), targets.tolist()))


def embed_scale(n_img: int, n_cand: int, dim: int, planted: int, k: int = 4, threshold: float = 0.9,
                seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n_img, dim), dtype=np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    x = x.astype(np.float16).astype(np.float32)
    cands = rng.choice(n_cand, planted, replace=False)
    targets = rng.integers(0, n_img, planted)
    res = {"images": n_img, "candidates": n_cand, "dim": dim, "k": k, "threshold": threshold,
           "load_before": round(__import__("os").getloadavg()[0], 1)}
    c0, t0 = cpu_seconds(), time.monotonic()
    index = D.embed_index(x)
    res["index_build_wall_s"] = round(time.monotonic() - t0, 1)
    res["index_build_cpu_s"] = round(cpu_seconds() - c0, 1)
    hits, n_pairs = 0, 0
    t_search = c_search = 0.0
    step = 100_000  # the fit's chunk of rows
    for a in range(0, n_cand, step):
        b = min(n_cand, a + step)
        q = rng.standard_normal((b - a, dim), dtype=np.float32)
        sel = (cands >= a) & (cands < b)
        noise = rng.standard_normal((int(sel.sum()), dim), dtype=np.float32)
        noise /= np.linalg.norm(noise, axis=1, keepdims=True)
        q[cands[sel] - a] = x[targets[sel]] * 0.95 + noise * 0.31  # cosine ~0.95 with its target
        q /= np.linalg.norm(q, axis=1, keepdims=True)
        q = q.astype(np.float16).astype(np.float32)
        c1, t1 = cpu_seconds(), time.monotonic()
        qi, vi, _ = D.embed_search(x, q, k, threshold, index=index)
        t_search += time.monotonic() - t1
        c_search += cpu_seconds() - c1
        n_pairs += len(qi)
        found = set(zip((qi + a).tolist(), vi.tolist()))
        hits += sum((int(c), int(t)) in found for c, t in zip(cands[sel], targets[sel]))
    res["search_wall_s"] = round(t_search, 1)
    res["search_cpu_s"] = round(c_search, 1)
    res["total_wall_s"] = round(time.monotonic() - t0, 1)  # with generating the synthetic vectors
    res["planted_proposed"] = f"{hits}/{planted}"
    res["pairs_proposed"] = n_pairs
    res["load_after"] = round(__import__("os").getloadavg()[0], 1)
    return res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, default=100_000)
    ap.add_argument("--candidates", type=int, default=1_000_000)
    ap.add_argument("--radius", type=int, default=10)  # the filter's default
    ap.add_argument("--window-radius", type=int, default=8)
    ap.add_argument("--query-windows", action="store_true")
    ap.add_argument("--no-mirror-query", action="store_true")
    ap.add_argument("--planted", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--methods", default="mih", help="join methods to time, comma-separated (mih, tables)")
    ap.add_argument("--baseline", type=int, default=20000, help="candidates for the brute-force reference")
    ap.add_argument("--embed-dim", type=int, default=0, help="time the embedding search (vectors of this size)")
    a = ap.parse_args()
    if a.embed_dim:
        print(json.dumps(embed_scale(a.images, a.candidates, a.embed_dim, a.planted), indent=1))
        return
    windows = a.window_radius >= 0
    t0 = time.monotonic()
    idx, q, qk, qg, planted = synthetic(a.images, a.candidates, windows, a.planted, a.radius,
                                        query_windows=a.query_windows, window_radius=a.window_radius,
                                        mirror_query=not a.no_mirror_query)
    t_gen = time.monotonic() - t0
    res = {"images": a.images, "candidates": a.candidates, "keys": int(len(idx.keys)), "queries": int(len(q)),
           "radius": a.radius, "window_radius": a.window_radius, "workers": a.workers,
           "mirror_query": windows and not a.no_mirror_query,
           "generate_s": round(t_gen, 1), "load_before": round(__import__("os").getloadavg()[0], 1)}
    first = None
    for method in a.methods.split(","):
        c0, t0 = cpu_seconds(), time.monotonic()
        props = propose(idx, q, qk, a.radius, a.window_radius, 8, qg, n_groups=a.candidates, workers=a.workers,
                        method=method)
        res[f"{method}_join_wall_s"] = round(time.monotonic() - t0, 1)
        res[f"{method}_join_cpu_s"] = round(cpu_seconds() - c0, 1)
        res[f"{method}_planted_proposed"] = f"{sum(any(i == t for _, i, _ in props[c]) for c, t in planted.items())}/{len(planted)}"
        if first is None:
            first = props
        else:
            res[f"{method}_same_proposals"] = props == first
        del props
    res["load_after"] = round(__import__("os").getloadavg()[0], 1)
    if a.baseline:
        # brute force on a slice of the candidates (whole-image keys), scaled: the reference cost
        whole = idx.keys[idx.kind == 0]
        qs = q[qk == 0][: a.baseline]
        t0 = time.monotonic()
        for s in range(0, len(qs), 200):
            np.bitwise_count(qs[s:s + 200, None] ^ whole[None, :]).min(1)
        res["brute_force_whole_keys_s_extrapolated"] = round((time.monotonic() - t0) * (a.candidates / max(1, len(qs))), 1)
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()

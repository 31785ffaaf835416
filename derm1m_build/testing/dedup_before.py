"""The duplicate fit as it was before the vectorised rewrite (commit b407aaa, derm1m_build/filtering/dedup.py),
kept verbatim below this note as the reference that `tests/test_filter_dedup_fast.py` and
`benchmarks/filter/dedup_scale.py --compare` check the current `dedup` against (same pairs, same clusters).
Not used by the pipeline. One line differs from the verbatim copy, on purpose: since 2026-12-05 the thumb kNN is
searched with the plain thumbs only (a mirrored copy is proposed by the exact search over the mirrored pHashes), a
change of rule, not of speed, so the reference follows it and the identity checks keep comparing everything else.
"""

from __future__ import annotations

import json
import math
import os
from concurrent.futures import ProcessPoolExecutor
from itertools import combinations
from typing import Any, Iterable, Sequence

import numpy as np

MASK64 = (1 << 64) - 1


class UnionFind:
    """Small union-find over hashable keys (the split stage unions groups with duplicate clusters);
    the root of a set is its smallest key."""

    def __init__(self) -> None:
        self.parent: dict[Any, Any] = {}

    def find(self, x: Any) -> Any:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: Any, b: Any) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


# --------------------------------------------------------------------------------------------
# near pairs

def _chunks(k: int) -> list[tuple[int, int]]:
    """(shift, width) of k contiguous chunks covering 64 bits."""
    widths = [64 // k + (1 if i < 64 % k else 0) for i in range(k)]
    out, shift = [], 0
    for w in widths:
        out.append((shift, w))
        shift += w
    return out


def plan(n: int, radius: int) -> int:
    """Number of chunks k (> radius) with the smallest estimated cost for n hashes."""
    best, best_cost = radius + 1, math.inf
    for k in range(radius + 1, min(64, radius + 12) + 1):
        tables = math.comb(k, k - radius)
        if tables > 400:
            break
        key_bits = sum(sorted(w for _, w in _chunks(k))[: k - radius])  # the smallest key of any table
        cand = n * n / 2 / (2 ** key_bits)
        cost = tables * (n * max(1.0, math.log2(max(n, 2))) * 0.5 + cand * 4)
        if cost < best_cost:
            best, best_cost = k, cost
    return best


def _table_pairs(h: np.ndarray, keys_spec: Sequence[tuple[int, int]], radius: int) -> np.ndarray:
    """Verified pairs (i < j, as int64 i * n + j) among hashes sharing the chunks in keys_spec."""
    n = h.shape[0]
    key = np.zeros(n, np.uint64)
    for shift, width in keys_spec:
        key <<= np.uint64(width)
        key |= (h >> np.uint64(shift)) & np.uint64((1 << width) - 1)
    if sum(w for _, w in keys_spec) <= 32:
        key = key.astype(np.uint32)  # half the bytes to sort
    order = np.argsort(key)
    ks = key[order]
    hs = h[order]
    # block end for every sorted position
    new_block = np.empty(n, bool)
    new_block[0] = True
    np.not_equal(ks[1:], ks[:-1], out=new_block[1:])
    starts = np.flatnonzero(new_block)
    sizes = np.diff(np.append(starts, n))
    end = np.repeat(starts + sizes, sizes)
    active = np.flatnonzero(end - np.arange(n) > 1)  # positions with at least one later block mate
    out = []
    d = 1
    while active.size:
        j = active + d
        dist = np.bitwise_count(hs[active] ^ hs[j])
        ok = dist <= radius
        if ok.any():
            a, b = order[active[ok]], order[j[ok]]
            lo, hi = np.minimum(a, b).astype(np.int64), np.maximum(a, b).astype(np.int64)
            out.append(lo * n + hi)
        d += 1
        active = active[end[active] - active > d]
    return np.concatenate(out) if out else np.empty(0, np.int64)


def _tables_worker(args: tuple) -> np.ndarray:
    h, tables, radius = args
    parts = [_table_pairs(h, t, radius) for t in tables]
    return np.unique(np.concatenate(parts)) if parts else np.empty(0, np.int64)


def multi_index_pairs(hashes: np.ndarray, radius: int, workers: int = 1, k: int | None = None) -> np.ndarray:
    """All pairs (i, j), i < j, with Hamming(hashes[i], hashes[j]) <= radius; shape (m, 2), sorted."""
    h = np.ascontiguousarray(hashes, dtype=np.uint64)
    n = h.shape[0]
    if n < 2 or radius < 0:
        return np.empty((0, 2), np.int64)
    if radius >= 64:
        i, j = np.triu_indices(n, 1)
        return np.stack([i, j], 1).astype(np.int64)
    k = k or plan(n, radius)
    chunks = _chunks(k)
    tables = [tuple(chunks[c] for c in combo) for combo in combinations(range(k), k - radius)]
    if workers > 1 and len(tables) > 1 and n > 50_000:
        groups = [tables[i::workers] for i in range(workers)]
        with ProcessPoolExecutor(workers) as ex:
            parts = list(ex.map(_tables_worker, [(h, g, radius) for g in groups]))
    else:
        parts = [_tables_worker((h, tables, radius))]
    codes = np.unique(np.concatenate(parts))
    return np.stack([codes // n, codes % n], 1)


def brute_pairs(hashes: np.ndarray, radius: int, block: int = 2048) -> np.ndarray:
    """Reference: compare every pair (numpy, O(n^2)); for tests and small inputs."""
    h = np.ascontiguousarray(hashes, dtype=np.uint64)
    n = h.shape[0]
    out = []
    for s in range(0, n, block):
        q = h[s:s + block]
        d = np.bitwise_count(q[:, None] ^ h[None, :])
        i, j = np.nonzero(d <= radius)
        i = i + s
        m = i < j
        out.append(np.stack([i[m], j[m]], 1))
    return np.concatenate(out).astype(np.int64) if out else np.empty((0, 2), np.int64)


def flat_pairs(hashes: np.ndarray, radius: int) -> np.ndarray:
    """Reference: faiss' exhaustive IndexBinaryFlat range search (exact, O(n^2) in C++)."""
    import faiss

    h = np.ascontiguousarray(hashes, dtype=np.uint64)
    n = h.shape[0]
    if n < 2:
        return np.empty((0, 2), np.int64)
    codes = _to_codes(h)
    idx = faiss.IndexBinaryFlat(64)
    idx.add(codes)
    lims, _, ids = idx.range_search(codes, radius + 1)  # faiss: distance < radius
    qi = np.repeat(np.arange(n), np.diff(lims).astype(np.int64))
    m = qi < ids
    pairs = np.stack([qi[m], ids[m]], 1).astype(np.int64)
    return pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]


def multihash_pairs(hashes: np.ndarray, radius: int, nhash: int = 4, b: int = 16, nflip: int = 1) -> np.ndarray:
    """faiss' IndexBinaryMultiHash (the baseline in benchmarks/filter); full recall only if
    nhash * (nflip + 1) > radius."""
    import faiss

    h = np.ascontiguousarray(hashes, dtype=np.uint64)
    n = h.shape[0]
    codes = _to_codes(h)
    idx = faiss.IndexBinaryMultiHash(64, nhash, b)
    idx.nflip = nflip
    idx.add(codes)
    lims, _, ids = idx.range_search(codes, radius + 1)
    qi = np.repeat(np.arange(n), np.diff(lims).astype(np.int64))
    m = qi < ids
    pairs = np.unique(np.stack([qi[m], ids[m]], 1).astype(np.int64), axis=0)
    return pairs


def _to_codes(h: np.ndarray) -> np.ndarray:
    """uint64 -> faiss' byte codes with the same Hamming distances."""
    return np.ascontiguousarray(h).view(np.uint8).reshape(-1, 8)


def near_pairs(hashes: Sequence[int] | np.ndarray, radius: int, method: str = "multi-index",
               workers: int = 1) -> np.ndarray:
    h = np.asarray([int(x) & MASK64 for x in hashes], dtype=np.uint64) if not isinstance(hashes, np.ndarray) else hashes
    if method == "brute":
        return brute_pairs(h, radius)
    if method == "flat":
        return flat_pairs(h, radius)
    return multi_index_pairs(h, radius, workers=workers)


# --------------------------------------------------------------------------------------------
# components

def components(n: int, pairs: np.ndarray) -> np.ndarray:
    """Component label (the smallest member index) for every node of the graph given by pairs."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    if n == 0:
        return np.empty(0, np.int64)
    pairs = np.asarray(pairs, np.int64).reshape(-1, 2)
    g = coo_matrix((np.ones(len(pairs), np.int8), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    _, lab = connected_components(g, directed=False)
    # relabel by smallest member index: independent of scipy's numbering
    first = np.full(lab.max() + 1, n, np.int64)
    np.minimum.at(first, lab, np.arange(n))
    return first[lab]


def hash_clusters(hashes: np.ndarray, radius: int, method: str = "multi-index", workers: int = 1) -> np.ndarray:
    """Cluster label per hash (smallest member index). Identical hashes are merged before the search."""
    h = np.ascontiguousarray(hashes, dtype=np.uint64)
    uniq, inv = np.unique(h, return_inverse=True)
    pairs = near_pairs(uniq, radius, method=method, workers=workers) if radius >= 0 else np.empty((0, 2), np.int64)
    ulab = components(len(uniq), pairs)
    # map unique-level labels to the smallest original index per cluster
    lab = ulab[inv]
    first = np.full(len(uniq), len(h), np.int64)
    np.minimum.at(first, lab, np.arange(len(h)))
    return first[lab]


def knn_pairs(vecs: np.ndarray, k: int, min_sim: float, queries: np.ndarray | Sequence[np.ndarray] | None = None,
              exact_limit: int = 50_000, nprobe: int = 4, pca: int = 32, index: str = "ivf-pq-fastscan",
              chunk: int = 262_144) -> np.ndarray:
    """Pairs (i, j), i < j, where j is among the k nearest neighbours of i (or of `queries[i]`, e.g. the
    mirrored vectors; several query sets may be given) by inner product on unit vectors, with the
    similarity recomputed exactly and >= min_sim.

    Up to `exact_limit` vectors the search is exhaustive (faiss IndexFlatIP). Above it the vectors are
    projected to `pca` dimensions (PCA) and searched approximately, either

    * `index="ivf-pq-fastscan"` (default): an inverted file of ~sqrt(n) lists (at most 1024) holding
      4-bit product-quantised codes scanned with SIMD (faiss `IVF...,PQ...x4fs`), `nprobe` lists probed:
      about 3.5x fewer CPU-seconds than the flat file at 1M vectors (benchmarks/filter/RESULTS.md), or
    * `index="ivf-flat"` (the earlier path): an inverted file of 4 * sqrt(n) lists of the full
      projected vectors (`nprobe` 8 there);

    approximate in which neighbours it visits, exact in what it reports: every pair is re-scored here
    on the full vectors, in chunks of `chunk` neighbours (bounded memory at 1M).
    """
    import faiss

    x = np.ascontiguousarray(vecs, dtype=np.float32)
    n = x.shape[0]
    if n < 2 or k < 1:
        return np.empty((0, 2), np.int64)
    if queries is None:
        qs = [x]
    elif isinstance(queries, np.ndarray):
        qs = [np.ascontiguousarray(queries, dtype=np.float32)]
    else:
        qs = [np.ascontiguousarray(q, dtype=np.float32) for q in queries]
    d = x.shape[1]
    rng = np.random.default_rng(0)
    if n <= exact_limit:
        idx = faiss.IndexFlatIP(d)
    elif index == "ivf-flat":
        nlist = int(4 * math.sqrt(n))
        sample = x[np.sort(rng.choice(n, size=min(n, nlist * 20), replace=False))]
        dd = pca if pca and pca < d else d
        idx = faiss.index_factory(d, (f"PCA{dd}," if dd < d else "") + f"IVF{nlist},Flat", faiss.METRIC_INNER_PRODUCT)
        ivf = faiss.extract_index_ivf(idx)
        ivf.cp.seed, ivf.cp.niter = 1234, 10
        idx.train(sample)
        ivf.nprobe = max(nprobe, 8)
    elif index == "ivf-pq-fastscan":
        nlist = int(min(1024, max(16, math.sqrt(n))))
        dd = pca if pca and pca < d else d
        dd -= dd % 2
        sample = x[np.sort(rng.choice(n, size=min(n, nlist * 40), replace=False))]
        idx = faiss.index_factory(d, (f"PCA{dd}," if dd < d else "") + f"IVF{nlist},PQ{dd // 2}x4fs",
                                  faiss.METRIC_INNER_PRODUCT)
        ivf = faiss.extract_index_ivf(idx)
        ivf.cp.seed, ivf.cp.niter = 1234, 8
        idx.train(sample)
        ivf.nprobe = nprobe
    else:
        raise ValueError(f"unknown index {index!r}")
    idx.add(x)
    codes = []
    kk = min(k + 1, n)
    for q in qs:
        _, nb = idx.search(q, kk)
        nb = nb.reshape(-1).astype(np.int64)
        for s in range(0, nb.size, chunk):
            nj = nb[s:s + chunk]
            qi = np.arange(s, s + nj.size, dtype=np.int64) // kk
            m = (nj >= 0) & (nj != qi)
            qi, nj = qi[m], nj[m]
            sim = np.einsum("ij,ij->i", q[qi], x[nj])  # exact re-scoring
            keep = sim >= min_sim
            codes.append(np.minimum(qi[keep], nj[keep]) * n + np.maximum(qi[keep], nj[keep]))
    c = np.unique(np.concatenate(codes)) if codes else np.empty(0, np.int64)
    return np.stack([c // n, c % n], 1) if c.size else np.empty((0, 2), np.int64)


def embedding_pairs(ids: Sequence[str], vecs: Sequence[np.ndarray], threshold: float, k: int = 16) -> list[tuple[str, str]]:
    """Pairs of ids whose L2-normalised embeddings have cosine similarity >= threshold: k nearest
    neighbours from `knn_pairs` (exhaustive up to 50k vectors, an inverted file above), every pair
    verified with its exact cosine. A vector with more than k neighbours above the threshold keeps only
    k of them as proposals; the clusters still join them through the representative's confirmations."""
    import faiss

    if len(ids) < 2:
        return []
    x = np.ascontiguousarray(np.stack(vecs).astype(np.float32))
    faiss.normalize_L2(x)
    pairs = knn_pairs(x, k, float(threshold) - 1e-6)
    return sorted((ids[a], ids[b]) for a, b in pairs.tolist())


# --------------------------------------------------------------------------------------------
# the filter stage's fit: candidates, then confirmed star clusters

def _rank(r: dict) -> tuple:
    try:
        blur = float(json.loads(r.get("scores") or "{}").get("blur", 0.0))
    except (ValueError, TypeError, AttributeError):
        blur = 0.0
    return (-(r.get("width") or 0) * (r.get("height") or 0), -blur, r["sample_id"])


def _scores(r: dict) -> dict:
    try:
        s = json.loads(r.get("scores") or "{}")
        return s if isinstance(s, dict) else {}
    except (ValueError, TypeError):
        return {}


def mirror_thumbs(t: np.ndarray) -> np.ndarray:
    """The thumb vectors of the mirrored images (the 8x8x3 grid read right to left)."""
    return np.ascontiguousarray(t.reshape(-1, 8, 8, 3)[:, :, ::-1, :].reshape(t.shape[0], -1))


def _fingerprints(rows: Sequence[dict]) -> dict:
    """Every row's fingerprints, parsed once (one JSON parse per row; hex hashes and base64 thumbs
    decoded in bulk): hash owners and values, thumb owners and vectors, blur."""
    from derm1m_build.filtering.fingerprint import THUMB_DIM

    hown, hhex, town, tstr, blur = [], [], [], [], []
    tlen = 4 * ((THUMB_DIM * 2 + 2) // 3)
    for i, r in enumerate(rows):
        s = _scores(r)
        try:
            blur.append(float(s.get("blur", 0.0)))
        except (TypeError, ValueError):
            blur.append(0.0)
        dh = s.get("dh")
        if isinstance(dh, list) and len(dh) == 2 and all(isinstance(x, str) and len(x) == 16 for x in dh):
            hown += [i, i]
            hhex += dh
        elif isinstance(r.get("phash"), str) and len(r["phash"]) == 16:
            hown.append(i)
            hhex.append(r["phash"])
        dt = s.get("dt")
        if isinstance(dt, str) and len(dt) == tlen:
            town.append(i)
            tstr.append(dt)
    try:
        hv = np.frombuffer(bytes.fromhex("".join(hhex)), ">u8").astype(np.uint64)
    except ValueError:  # a malformed hex string somewhere: parse one by one, leaving it out
        ok = []
        for k, x in enumerate(hhex):
            try:
                ok.append((hown[k], int(x, 16)))
            except ValueError:
                pass
        hown = [o for o, _ in ok]
        hv = np.asarray([v for _, v in ok], np.uint64)
    thumbs = np.empty((0, THUMB_DIM), np.float32)
    if tstr:
        import base64
        import binascii

        try:
            thumbs = np.frombuffer(base64.b64decode("".join(tstr), validate=True), np.float16).reshape(-1, THUMB_DIM)
        except (binascii.Error, ValueError):
            keep, vs = [], []
            for o, x in zip(town, tstr):
                try:
                    vs.append(np.frombuffer(base64.b64decode(x, validate=True), np.float16))
                    keep.append(o)
                except (binascii.Error, ValueError):
                    pass
            town = keep
            thumbs = np.stack(vs) if vs else thumbs
        thumbs = thumbs.astype(np.float32)
    return {"hown": np.asarray(hown, np.int64), "hv": hv, "town": np.asarray(town, np.int64), "thumbs": thumbs,
            "blur": blur}


def _pairs_codes(p: np.ndarray, n: int) -> np.ndarray:
    lo, hi = np.minimum(p[:, 0], p[:, 1]), np.maximum(p[:, 0], p[:, 1])
    c = np.unique(lo[lo != hi] * n + hi[lo != hi])
    return np.stack([c // n, c % n], 1) if c.size else np.empty((0, 2), np.int64)


def _candidates(fp: dict, n: int, radius: int, knn: int, min_sim: float, method: str, workers: int,
                knn_index: str = "ivf-pq-fastscan") -> dict[str, np.ndarray]:
    out = {"hash": np.empty((0, 2), np.int64), "thumb": np.empty((0, 2), np.int64)}
    owner, h = fp["hown"], fp["hv"]
    if h.size and radius >= 0:
        uniq, inv = np.unique(h, return_inverse=True)
        up = near_pairs(uniq, radius, method=method, workers=workers)
        order = np.argsort(inv, kind="stable")
        starts = np.searchsorted(inv[order], np.arange(len(uniq)))
        sizes = np.bincount(inv, minlength=len(uniq))
        parts = []
        # rows sharing one hash value
        for u in np.flatnonzero(sizes > 1).tolist():
            g = owner[order[starts[u]:starts[u] + sizes[u]]]
            a, b = np.meshgrid(g, g)
            parts.append(np.stack([a.ravel(), b.ravel()], 1))
        if len(up):
            single = (sizes[up[:, 0]] == 1) & (sizes[up[:, 1]] == 1)
            s1 = up[single]
            parts.append(np.stack([owner[order[starts[s1[:, 0]]]], owner[order[starts[s1[:, 1]]]]], 1))
            for u, v in up[~single].tolist():  # a value shared by several rows: every owner pair
                a, b = np.meshgrid(owner[order[starts[u]:starts[u] + sizes[u]]], owner[order[starts[v]:starts[v] + sizes[v]]])
                parts.append(np.stack([a.ravel(), b.ravel()], 1))
        if parts:
            out["hash"] = _pairs_codes(np.concatenate(parts).astype(np.int64), n)
    t, town = fp["thumbs"], fp["town"]
    if len(t) > 1 and knn > 0:
        p = knn_pairs(t, knn, min_sim, queries=[t], index=knn_index)  # rule of 2026-12-05 (see the note above)
        out["thumb"] = _pairs_codes(town[p], n) if len(p) else out["thumb"]
    return out


def candidate_pairs(rows: Sequence[dict], radius: int, knn: int = 8, min_sim: float = 0.5,
                    method: str = "multi-index", workers: int = 1, knn_index: str = "ivf-pq-fastscan") -> dict[str, np.ndarray]:
    """Proposed pairs (i, j), i < j, over rows (in the given order), by where they came from:

    * "hash": trimmed-image pHashes within `radius`, the mirror's hash searched alongside (a row without
      the fingerprint falls back to its plain `phash`);
    * "thumb": the `knn` nearest thumbs (and mirrored thumbs) with similarity >= `min_sim`
      (`knn_pairs`, index `knn_index` above 50k thumbs).
    """
    return _candidates(_fingerprints(rows), len(rows), radius, knn, min_sim, method, workers, knn_index)


def star_clusters(n: int, order: Sequence[int], candidates: np.ndarray, same: Any,
                  exact_groups: Iterable[Sequence[int]] = (), cap: int = 50) -> tuple[np.ndarray, list[dict]]:
    """Representative index per node, and warnings.

    Nodes are visited in `order` (best first); an unassigned node becomes a representative and takes
    every unassigned node that `same(rep, j)` confirms, where j is a candidate of the representative or
    of a member it already took (so a crop of a crop is still checked, but always against the
    representative: no chaining). Byte-identical nodes (`exact_groups`) join with their holder without a
    check. A cluster stops growing at `cap` members: the rest stay on their own and a warning says why.
    """
    nbr: dict[int, set[int]] = {}
    for a, b in np.asarray(candidates, np.int64).reshape(-1, 2).tolist():
        nbr.setdefault(a, set()).add(b)
        nbr.setdefault(b, set()).add(a)
    twins: dict[int, list[int]] = {}
    for g in exact_groups:
        g = sorted(g)
        for x in g:
            twins[x] = [y for y in g if y != x]
    rep = np.full(n, -1, np.int64)
    warnings: list[dict] = []
    for i in order:
        if rep[i] >= 0:
            continue
        rep[i] = i
        size, refused = 1, 0
        for t in twins.get(i, ()):
            if rep[t] < 0:
                rep[t] = i
                size += 1
        queue = sorted(nbr.get(i, ()))
        seen = set(queue) | {i}
        while queue:
            j = queue.pop(0)
            if rep[j] >= 0 or not same(i, j):
                continue
            if size >= cap:
                refused += 1
                continue
            rep[j] = i
            size += 1
            for t in twins.get(j, ()):
                if rep[t] < 0 and size < cap:
                    rep[t] = i
                    size += 1
            for m in sorted(nbr.get(j, ())):
                if m not in seen:
                    seen.add(m)
                    queue.append(m)
        if refused:
            warnings.append({"representative": int(i), "reason": "cluster_cap", "cap": cap, "refused": refused})
    return rep, warnings


def cluster(rows: Iterable[dict], radius: int, same: Any = None, method: str = "multi-index", workers: int = 1,
            extra_pairs: Iterable[tuple[str, str]] = (), knn: int = 8, min_sim: float = 0.5,
            cap: int = 50, knn_index: str = "ivf-pq-fastscan") -> tuple[dict[str, tuple[str, str]], dict]:
    """sample_id -> (cluster id, representative sample_id), and a report.

    Candidates: same sha256 (taken as they are), trimmed/mirrored pHash within `radius`, nearest thumbs,
    `extra_pairs` (a configured embedding model's pairs, taken as its confirmation). Every other candidate must be confirmed by `same(row_a, row_b)` (the
    pixel check in `confirm.py`); `same=None` confirms nothing (exact duplicates only). Clusters are
    stars around the best-ranked member (largest, then sharpest, then smallest id). The cluster id is
    `dup-` + the first 16 characters of the representative's sample id: stable under reordering of shards.
    """
    rows = sorted(rows, key=lambda r: r["sample_id"])
    if radius < 0:  # exact duplicates only
        knn, same = 0, None
    n = len(rows)
    index = {r["sample_id"]: i for i, r in enumerate(rows)}
    by_sha: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        if r.get("image_sha256"):
            by_sha.setdefault(r["image_sha256"], []).append(i)
    exact = [g for g in by_sha.values() if len(g) > 1]
    fp = _fingerprints(rows)
    cands = _candidates(fp, n, radius, knn, min_sim, method, workers, knn_index)
    extra = [(min(index[a], index[b]), max(index[a], index[b])) for a, b in extra_pairs
             if a in index and b in index and a != b]
    cands["extra"] = np.asarray(sorted(set(extra)), np.int64).reshape(-1, 2)
    allc = np.concatenate(list(cands.values())) if n else np.empty((0, 2), np.int64)
    if len(allc):
        c = np.unique(allc[:, 0] * n + allc[:, 1])
        allc = np.stack([c // n, c % n], 1)
    checked: dict[tuple[int, int], bool] = {}
    sha = [r.get("image_sha256") for r in rows]

    extra_set = set(extra)

    def confirmed(i: int, j: int) -> bool:
        if sha[i] and sha[i] == sha[j]:
            return True
        if (min(i, j), max(i, j)) in extra_set:  # the configured embedding model's decision
            return True
        if same is None:
            return False
        key = (min(i, j), max(i, j))
        if key not in checked:
            checked[key] = bool(same(rows[i], rows[j]))
        return checked[key]

    area = np.asarray([(r.get("width") or 0) * (r.get("height") or 0) for r in rows], np.float64)
    # best first: largest, then sharpest, then smallest sample id (rows are sorted by id): `_rank`
    order = np.lexsort((np.arange(n), -np.asarray(fp["blur"], np.float64), -area)).tolist() if n else []
    rep, warnings = star_clusters(n, order, allc, confirmed, exact, cap=cap)
    out: dict[str, tuple[str, str]] = {}
    for i, r in enumerate(rows):
        rid = rows[int(rep[i])]["sample_id"]
        out[r["sample_id"]] = ("dup-" + rid[:16], rid)
    for w in warnings:
        w["representative"] = rows[w.pop("representative")]["sample_id"]
    report = {"candidates": {k: int(len(v)) for k, v in cands.items()}, "checked": len(checked),
              "confirmed": int(sum(checked.values())), "warnings": warnings}
    return out, report


def linkage_cluster(rows: Iterable[dict], radius: int, method: str = "multi-index", workers: int = 1,
            extra_pairs: Iterable[tuple[str, str]] = ()) -> dict[str, tuple[str, str]]:
    """The earlier rule, kept as the reference of `stages.filter.cluster_columns` and of the benchmark's
    "old rule": connected components of exact sha256, pHash within `radius` and extra pairs (single
    linkage: look-alike lesions chain). sample_id -> (cluster id, representative sample_id).

    The cluster id is `dup-` + the first 16 characters of the cluster's smallest sample id: stable
    under reordering of shards and workers.
    """
    rows = sorted(rows, key=lambda r: r["sample_id"])
    n = len(rows)
    index = {r["sample_id"]: i for i, r in enumerate(rows)}
    edges: list[np.ndarray] = []
    # exact: same sha256 -> chain to the first holder
    first_sha: dict[str, int] = {}
    ex = []
    for i, r in enumerate(rows):
        sha = r.get("image_sha256")
        if sha:
            if sha in first_sha:
                ex.append((first_sha[sha], i))
            else:
                first_sha[sha] = i
    if ex:
        edges.append(np.asarray(ex, np.int64))
    hashed = [i for i, r in enumerate(rows) if r.get("phash")]
    if hashed and radius >= 0:
        hs = np.asarray([int(rows[i]["phash"], 16) for i in hashed], np.uint64)
        lab = hash_clusters(hs, radius, method=method, workers=workers)
        hidx = np.asarray(hashed, np.int64)
        edges.append(np.stack([hidx[lab], hidx], 1))
    extra = [(index[a], index[b]) for a, b in extra_pairs if a in index and b in index]
    if extra:
        edges.append(np.asarray(extra, np.int64))
    pairs = np.concatenate(edges) if edges else np.empty((0, 2), np.int64)
    lab = components(n, pairs)
    members: dict[int, list[dict]] = {}
    for i, r in enumerate(rows):
        members.setdefault(int(lab[i]), []).append(r)
    out: dict[str, tuple[str, str]] = {}
    for root, ms in members.items():
        rep = min(ms, key=_rank)["sample_id"]
        cid = "dup-" + rows[root]["sample_id"][:16]
        for r in ms:
            out[r["sample_id"]] = (cid, rep)
    return out


def default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


__all__ = ["UnionFind", "near_pairs", "multi_index_pairs", "brute_pairs", "flat_pairs", "multihash_pairs", "components",
           "hash_clusters", "cluster", "plan", "embedding_pairs",
           "knn_pairs", "candidate_pairs", "linkage_cluster", "star_clusters", "mirror_thumbs"]

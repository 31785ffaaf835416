"""Exact and near-duplicate clusters over the whole build.

Near pairs are found with an exact multi-index (pigeonhole) search, not an approximate one, so the
clusters are the same as a brute-force all-pairs comparison would give:

* split the 64 bits into `k` chunks; two hashes within Hamming distance `r` differ in at most `r`
  chunks, so at least `k - r` chunks are equal;
* for every choice of `k - r` chunks (one "table"), sort the hashes by those chunks and compare only
  hashes in the same block, verifying each candidate's full Hamming distance.

Every pair within `r` shares at least one table block (full recall) and every reported pair was
verified (no false positives), so the pair set equals brute force. `k` is chosen to minimise the
estimated work (sorts + candidate pairs) for the number of hashes. This beats faiss'
`IndexBinaryMultiHash` (approximate with too few flips, and slow when probing many flips) and the
exhaustive `IndexBinaryFlat`, which is kept as the brute-force reference (`method="flat"`).

Clusters are the connected components of "same sha256 or within `r`" (single linkage); one
representative per cluster is kept: largest image, then sharpest, then smallest sample id.
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


def embedding_pairs(ids: Sequence[str], vecs: Sequence[np.ndarray], threshold: float) -> list[tuple[str, str]]:
    """Pairs of ids whose L2-normalised embeddings have cosine similarity >= threshold (exact search:
    faiss IndexFlatIP range search, every vector against every vector)."""
    import faiss

    if len(ids) < 2:
        return []
    x = np.ascontiguousarray(np.stack(vecs).astype(np.float32))
    faiss.normalize_L2(x)
    idx = faiss.IndexFlatIP(x.shape[1])
    idx.add(x)
    lims, _, found = idx.range_search(x, float(threshold) - 1e-6)
    qi = np.repeat(np.arange(len(ids)), np.diff(lims).astype(np.int64))
    m = qi < found
    return sorted({(ids[a], ids[b]) for a, b in zip(qi[m].tolist(), found[m].tolist())})


# --------------------------------------------------------------------------------------------
# the filter stage's fit

def _rank(r: dict) -> tuple:
    try:
        blur = float(json.loads(r.get("scores") or "{}").get("blur", 0.0))
    except (ValueError, TypeError, AttributeError):
        blur = 0.0
    return (-(r.get("width") or 0) * (r.get("height") or 0), -blur, r["sample_id"])


def cluster(rows: Iterable[dict], radius: int, method: str = "multi-index", workers: int = 1,
            extra_pairs: Iterable[tuple[str, str]] = ()) -> dict[str, tuple[str, str]]:
    """sample_id -> (cluster id, representative sample_id) over exact sha256, pHash and extra pairs.

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
           "hash_clusters", "cluster", "plan", "embedding_pairs"]

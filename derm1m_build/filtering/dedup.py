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

Hash pairs are only candidates: the filter's fit (`cluster`) adds nearest-thumb and embedding
candidates, confirms each on pixels (`confirm.py`) and builds star clusters around the best member
(largest, then sharpest, then smallest sample id), so look-alike lesions cannot chain into one giant
component; `hash_clusters` (connected components over hashes alone) stays as the search benchmark's
reference.
"""

from __future__ import annotations

import json
import math
import os
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from itertools import combinations
from operator import itemgetter
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


def _radix_order(key: np.ndarray, bits: int) -> np.ndarray:
    """A stable sorting permutation of `key` (< 2**bits): least-significant-digit radix passes over
    16-bit digits (numpy's stable argsort on uint16 is a counting sort, ~5x quicker than argsort on
    uint32/uint64). Which permutation does not matter to `_table_pairs` (every pair within a block is
    compared), only that equal keys end up adjacent."""
    order = None
    for shift in range(0, max(bits, 1), 16):
        digit = ((key >> np.uint64(shift)) & np.uint64(0xFFFF)).astype(np.uint16)
        if order is None:
            order = np.argsort(digit, kind="stable")
        else:
            order = order[np.argsort(digit[order], kind="stable")]
    return order


def _table_pairs(h: np.ndarray, keys_spec: Sequence[tuple[int, int]], radius: int) -> np.ndarray:
    """Verified pairs (i < j, as int64 i * n + j) among hashes sharing the chunks in keys_spec."""
    n = h.shape[0]
    key = np.zeros(n, np.uint64)
    for shift, width in keys_spec:
        key <<= np.uint64(width)
        key |= (h >> np.uint64(shift)) & np.uint64((1 << width) - 1)
    order = _radix_order(key, sum(w for _, w in keys_spec))
    ks = key[order]
    hs = h[order]
    # block end for every sorted position
    new_block = np.empty(n, bool)
    new_block[0] = True
    np.not_equal(ks[1:], ks[:-1], out=new_block[1:])
    starts = np.flatnonzero(new_block)
    sizes = np.diff(np.append(starts, n))
    end = np.repeat(starts + sizes, sizes)
    rem = end - np.arange(n)  # 1 + the block mates after each sorted position
    out = []

    def emit(p: np.ndarray, q: np.ndarray) -> None:
        a, b = order[p], order[q]
        out.append(np.minimum(a, b).astype(np.int64) * n + np.maximum(a, b))

    # offsets d = 1..D for every position at once, on a sliding window of the sorted hashes (contiguous
    # memory, no gathers); D ~ 0.6 x the mean block size is the cheapest split found at 2M hashes
    D = int(min(sizes.max() - 1, max(2, 0.6 * n / len(starts))))
    if D >= 1:
        from numpy.lib.stride_tricks import sliding_window_view

        win = sliding_window_view(np.concatenate([hs, np.zeros(D, np.uint64)]), D + 1)
        dr = np.arange(1, D + 1, dtype=np.int32)
        rem32 = rem.astype(np.int32)
        # cache-sized steps into buffers made once (no fresh temporaries per step: ~20 % less time)
        step = max(1, (1 << 16) // D)
        xb, cb = np.empty((step, D), np.uint64), np.empty((step, D), np.uint8)
        ok, inside = np.empty((step, D), bool), np.empty((step, D), bool)
        for s in range(0, n, step):
            w = win[s:s + step]
            m = w.shape[0]
            np.bitwise_xor(w[:, 1:], w[:, :1], out=xb[:m])
            np.bitwise_count(xb[:m], out=cb[:m])
            np.less_equal(cb[:m], radius, out=ok[:m])
            np.less(dr, rem32[s:s + step, None], out=inside[:m])
            ok[:m] &= inside[:m]
            pi, di = np.nonzero(ok[:m])
            if pi.size:
                emit(pi + s, pi + s + di + 1)
    # the rest of larger blocks, offset by offset, on the positions that still have a mate that far
    active = np.flatnonzero(rem - 1 > D)
    d = D + 1
    while active.size:
        j = active + d
        dist = np.bitwise_count(hs[active] ^ hs[j])
        ok = dist <= radius
        if ok.any():
            emit(active[ok], j[ok])
        d += 1
        active = active[end[active] - active > d]
    return np.concatenate(out) if out else np.empty(0, np.int64)


class _Tables:
    """The tables of one search over one set of hashes, with buffers made once (no fresh 2M-element
    arrays, and their page faults, per table).

    Per table: the key (the table's chunks, read from per-chunk byte arrays made once); one SIMD sort of
    (block size descending, key, index) packed into 64 bits, so that the blocks of each size lie together;
    then, per block size s, the blocks as an (s x blocks) matrix compared row against row at offsets
    1..s-1: every pair of block mates exactly once, on contiguous memory. About 3x fewer CPU-seconds than
    the radix-sorted sliding window (`_table_pairs`, kept for keys too wide to pack) at 2M hashes.
    Pairs are emitted when their full Hamming distance is within the radius, so the union over the tables
    is the brute-force pair set."""

    BUF = 1 << 16  # elements of the reused comparison buffers (cache-sized); larger size classes get their own

    def __init__(self, h: np.ndarray, chunks: Sequence[tuple[int, int]], radius: int) -> None:
        self.h = h
        n = self.n = h.shape[0]
        self.radius = radius
        self.ib = max(1, int(n - 1).bit_length())
        self.part = {}
        for shift, width in chunks:
            dt = np.uint8 if width <= 8 else np.uint16 if width <= 16 else np.uint32 if width <= 32 else np.uint64
            self.part[(shift, width)] = ((h >> np.uint64(shift)) & np.uint64((1 << width) - 1)).astype(dt)
        self.key, self.tmp, self.packed = np.empty(n, np.uint64), np.empty(n, np.uint64), np.empty(n, np.uint64)
        self.ar = np.arange(n, dtype=np.uint64)
        self.buf = (np.empty(self.BUF, np.uint64), np.empty(self.BUF, np.uint8), np.empty(self.BUF, bool))

    def pairs(self, keys_spec: Sequence[tuple[int, int]]) -> np.ndarray:
        h, n, ib, key = self.h, self.n, self.ib, self.key
        kb = sum(w for _, w in keys_spec)
        if kb > ib + 3:  # few hashes for a wide key (the counts would outgrow the hashes): the radix window
            return _table_pairs(h, keys_spec, self.radius)
        sh = kb
        for k, spec in enumerate(keys_spec):  # the first chunk in the highest bits, as `_table_pairs`
            sh -= spec[1]
            np.left_shift(self.part[spec], np.uint64(sh), out=key if k == 0 else self.tmp, dtype=np.uint64)
            if k:
                key |= self.tmp
        ki = key.view(np.int64)
        cnt = np.bincount(ki, minlength=1 << kb)
        smax = int(cnt.max())
        if smax < 2:
            return np.empty(0, np.int64)
        if kb + ib + smax.bit_length() > 64:  # too wide to pack: the radix-sorted window
            return _table_pairs(h, keys_spec, self.radius)
        packed = self.packed
        np.take((np.uint64(smax) - cnt.astype(np.uint64)) << np.uint64(kb), ki, out=packed)
        packed |= key
        packed <<= np.uint64(ib)
        packed |= self.ar
        packed.sort()
        order = key  # the key's buffer is free again
        np.bitwise_and(packed, np.uint64((1 << ib) - 1), out=order)
        order = order.view(np.int64)
        hs = self.tmp
        np.take(h, order, out=hs)
        hist = np.bincount(cnt)
        out, pos, xb, cb, ob = [], 0, *self.buf
        for s in range(smax, 1, -1):
            nb = int(hist[s])
            if not nb:
                continue
            ht = hs[pos:pos + nb * s].reshape(nb, s).T.copy()  # row d: the d-th member of every block
            for d in range(1, s):
                m = (s - d) * nb
                x = (xb[:m] if m <= xb.size else np.empty(m, np.uint64)).reshape(s - d, nb)
                c = (cb[:m] if m <= cb.size else np.empty(m, np.uint8)).reshape(s - d, nb)
                o = (ob[:m] if m <= ob.size else np.empty(m, bool)).reshape(s - d, nb)
                np.bitwise_xor(ht[d:], ht[:-d], out=x)
                np.bitwise_count(x, out=c)
                np.less_equal(c, self.radius, out=o)
                r, b = np.nonzero(o)
                if r.size:
                    p = pos + b * s + r
                    u, v = order[p], order[p + d]
                    out.append(np.minimum(u, v) * n + np.maximum(u, v))
            pos += nb * s
        return np.concatenate(out) if out else np.empty(0, np.int64)


def _tables_worker(args: tuple) -> np.ndarray:
    h, tables, radius = args
    if not tables:
        return np.empty(0, np.int64)
    t = _Tables(h, sorted({c for tb in tables for c in tb}), radius)
    return np.unique(np.concatenate([t.pairs(tb) for tb in tables]))


def multi_index_pairs(hashes: np.ndarray, radius: int, workers: int = 1, k: int | None = None) -> np.ndarray:
    """All pairs (i, j), i < j, with Hamming(hashes[i], hashes[j]) <= radius; shape (m, 2), sorted."""
    return start_multi_index_pairs(hashes, radius, workers, k)()


def start_multi_index_pairs(hashes: np.ndarray, radius: int, workers: int = 1, k: int | None = None):
    """`multi_index_pairs`, started: with `workers` > 1 (and enough hashes) the tables are searched in
    that many processes while the caller goes on (the duplicate fit runs the thumb kNN meanwhile); the
    returned function waits for them and gives the pairs. Otherwise the search runs when it is called."""
    h = np.ascontiguousarray(hashes, dtype=np.uint64)
    n = h.shape[0]
    if n < 2 or radius < 0:
        return lambda: np.empty((0, 2), np.int64)
    if radius >= 64:
        i, j = np.triu_indices(n, 1)
        return lambda: np.stack([i, j], 1).astype(np.int64)
    k = k or plan(n, radius)
    chunks = _chunks(k)
    tables = [tuple(chunks[c] for c in combo) for combo in combinations(range(k), k - radius)]

    def finish(parts: list[np.ndarray]) -> np.ndarray:
        codes = np.unique(np.concatenate(parts))
        return np.stack([codes // n, codes % n], 1)

    if workers > 1 and len(tables) > 1 and n > 50_000:
        # more groups than processes: whatever group no process has started when the caller comes to
        # wait is searched by the caller itself (the same pairs, the waiting time put to use)
        m = min(len(tables), 4 * workers)
        groups = [tables[i::m] for i in range(m)]
        ex = ProcessPoolExecutor(workers)
        futs = [ex.submit(_tables_worker, (h, g, radius)) for g in groups]

        def wait() -> np.ndarray:
            try:
                mine = {k: _tables_worker((h, groups[k], radius)) for k in reversed(range(m)) if futs[k].cancel()}
                return finish([mine[k] if k in mine else futs[k].result() for k in range(m)])
            finally:
                ex.shutdown()
        return wait
    return lambda: finish([_tables_worker((h, tables, radius))])


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

    approximate in which neighbours it visits, exact in what it reports: every pair is re-scored on
    the full vectors (`_rescored`: in C++ over all cores, the few products close to `min_sim` again by
    numpy in chunks of `chunk`, so that every decision is the float32 einsum's of the earlier code).
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
    codes = [_rescored(x, q, idx.search(q, min(k + 1, n))[1], min_sim, chunk) for q in qs]
    c = np.unique(np.concatenate(codes)) if codes else np.empty(0, np.int64)
    return np.stack([c // n, c % n], 1) if c.size else np.empty((0, 2), np.int64)


def _rescored(x: np.ndarray, q: np.ndarray, nb: np.ndarray, min_sim: float, chunk: int) -> np.ndarray:
    """Pair codes (min * n + max) of query row i and neighbour nb[i, j] whose exact similarity is >=
    min_sim, the neighbour being neither missing (-1) nor the query's own row.

    "Exact" is the float32 dot product `einsum("ikd,id->ik")` of the earlier code. faiss computes every
    (query, neighbour) product in C++ over all cores (`fvec_inner_products_by_idx`), in another summation
    order: the two differ by at most 2 * gamma_d * |x| * |q| (gamma_d = d * 2**-24 / (1 - d * 2**-24), the
    rounding bound of a d-term dot product in any order, Cauchy-Schwarz for the sum of |products|). Every
    pair whose faiss product lies within 4x that bound (at the largest norms) of min_sim is decided again
    by the einsum, so each decision is the einsum's, bit for bit (`tests/test_filter_dedup_fast.py`); only
    those few are gathered."""
    import faiss

    n, d = x.shape
    nb = np.ascontiguousarray(nb, dtype=np.int64)
    m, kk = nb.shape
    sim = np.empty((m, kk), np.float32)
    faiss.fvec_inner_products_by_idx(faiss.swig_ptr(sim), faiss.swig_ptr(q), faiss.swig_ptr(x), faiss.swig_ptr(nb),
                                     d, m, kk)
    u = d * 2.0 ** -24
    # one margin for all pairs: the bound at the largest norms (unit vectors here: ~1e-4)
    xm = math.sqrt(float(np.einsum("ij,ij->i", x, x).max())) if n else 0.0
    qm = math.sqrt(float(np.einsum("ij,ij->i", q, q).max())) if m else 0.0
    margin = 4 * 2 * u / (1 - u) * xm * qm * 1.001 + 1e-30
    if not math.isfinite(margin):  # a non-finite vector somewhere: every decision by the einsum
        margin = math.inf
    valid = nb >= 0  # a missing neighbour's product is -inf
    near = valid & (np.abs(sim.astype(np.float64) - min_sim) <= margin)
    qi = np.broadcast_to(np.arange(m, dtype=np.int64)[:, None], nb.shape)
    keep = (sim >= min_sim) & valid & (nb != qi) & ~near
    if near.any():  # the einsum's own decision for those close to the threshold
        ri, ci = np.nonzero(near)
        for s in range(0, ri.size, max(1, chunk)):
            r, c = ri[s:s + chunk], ci[s:s + chunk]
            ex = np.einsum("ij,ij->i", x[nb[r, c]], q[r])
            ok = ex >= min_sim
            keep[r[ok], c[ok]] = nb[r[ok], c[ok]] != r[ok]
    a, b = qi[keep], nb[keep]
    return np.minimum(a, b) * n + np.maximum(a, b)


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


try:  # a faster parser for the 1M scores strings where installed; json decides whatever it refuses
    from orjson import loads as _fast_loads
except ImportError:  # pragma: no cover
    _fast_loads = json.loads


def _scores(r: dict) -> dict:
    return _parse_scores(r.get("scores"))


def _parse_scores(raw: Any) -> dict:
    if isinstance(raw, memoryview):  # a value read in place from an Arrow string column (`_string_views`)
        raw = bytes(raw).decode("utf-8")
    raw = raw or "{}"
    try:
        s = _fast_loads(raw)
    except (ValueError, TypeError):  # orjson refuses NaN/Infinity and huge integers, which json reads
        try:
            s = json.loads(raw)
        except (ValueError, TypeError):
            return {}
    return s if isinstance(s, dict) else {}


def mirror_thumbs(t: np.ndarray) -> np.ndarray:
    """The thumb vectors of the mirrored images (the 8x8x3 grid read right to left)."""
    return np.ascontiguousarray(t.reshape(-1, 8, 8, 3)[:, :, ::-1, :].reshape(t.shape[0], -1))


def thumb_queries(t: np.ndarray) -> list[np.ndarray]:
    """What the fit's thumb kNN searches with: the thumbs themselves, not also their mirrors.

    Why not the mirrors: a mirrored copy is already proposed by the exact hash search, which holds every
    image's mirrored pHash beside its own (`fingerprint.hashes`), and on the real photographs every
    mirrored copy is within the radius of its original (tuning and held-out sets, RESULTS.md 2026-12-05);
    the mirrored query was half of the kNN's cost (1M thumbs: 31.4 CPU-s with it, 15.7 without) and up
    to `knn` more pixel checks per image. (`mirror_thumbs` stays: the benchmarks compare with it.)"""
    return [t]


def _fingerprints(rows: Sequence[dict]) -> dict:
    """Every row's fingerprints, parsed once (one JSON parse per row; hex hashes and base64 thumbs
    decoded in bulk): hash owners and values, thumb owners and vectors, blur."""
    return _fingerprints_lists([r.get("scores") for r in rows], [r.get("phash") for r in rows])


def _fingerprints_lists(scores: Sequence[Any], phash: Sequence[Any], tbuf: np.ndarray | None = None) -> dict:
    """`_fingerprints` on the two values it reads, as lists (row i: scores[i], phash[i]). The thumbs are
    decoded every `_THUMB_CHUNK` rows into one array made once (or into `tbuf`, at least len(scores)
    rows): their base64 strings are not all kept and joined (at 1M rows ~1.5 GB of fresh memory less,
    the same values)."""
    import base64
    import binascii

    from derm1m_build.filtering.fingerprint import THUMB_DIM

    hown, hhex, town, tstr, blur, dc = [], [], [], [], [], []
    tlen = 4 * ((THUMB_DIM * 2 + 2) // 3)
    if tbuf is None:
        tbuf = np.empty((len(scores), THUMB_DIM), np.float32)  # pages touched only where written
    tn, tdrop = 0, []  # thumbs written; positions in `town` whose string did not decode

    def flush() -> None:
        nonlocal tn
        base = len(town) - len(tstr)
        try:
            a = np.frombuffer(base64.b64decode("".join(tstr), validate=True), np.float16).reshape(-1, THUMB_DIM)
        except (binascii.Error, ValueError):  # a malformed string in this chunk: one by one, leaving it out
            vs = []
            for k, x in enumerate(tstr):
                try:
                    vs.append(np.frombuffer(base64.b64decode(x, validate=True), np.float16))
                except (binascii.Error, ValueError):
                    tdrop.append(base + k)
            a = np.stack(vs) if vs else np.empty((0, THUMB_DIM), np.float16)
        tbuf[tn:tn + len(a)] = a
        tn += len(a)
        tstr.clear()

    # the per-row loop at 1M rows is serial time: names bound once, the usual row parsed inline
    loads, hown_add, hhex_add, town_add, tstr_add, blur_add = (_fast_loads, hown.append, hhex.append, town.append,
                                                               tstr.append, blur.append)
    chunk = _THUMB_CHUNK
    for i, (raw, ph) in enumerate(zip(scores, phash)):
        try:
            s = loads(raw or "{}")
        except (ValueError, TypeError):
            s = _parse_scores(raw)
        if not isinstance(s, dict):
            s = {}
        dc.append(s.get("dc"))  # the crop grid (`crops.py`), decoded where it is searched
        try:
            blur_add(float(s.get("blur", 0.0)))
        except (TypeError, ValueError):
            blur_add(0.0)
        dh = s.get("dh")
        if (isinstance(dh, list) and len(dh) == 2 and isinstance(dh[0], str) and isinstance(dh[1], str)
                and len(dh[0]) == 16 and len(dh[1]) == 16):
            hown_add(i)
            hown_add(i)
            hhex_add(dh[0])
            hhex_add(dh[1])
        elif isinstance(ph, str) and len(ph) == 16:
            hown_add(i)
            hhex_add(ph)
        dt = s.get("dt")
        if isinstance(dt, str) and len(dt) == tlen:
            town_add(i)
            tstr_add(dt)
            if len(tstr) == chunk:
                flush()
    if tstr:
        flush()
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
    if tdrop:
        dropped = set(tdrop)
        town = [o for k, o in enumerate(town) if k not in dropped]
    thumbs = tbuf[:tn] if tn else np.empty((0, THUMB_DIM), np.float32)
    return {"hown": np.asarray(hown, np.int64), "hv": hv, "town": np.asarray(town, np.int64), "thumbs": thumbs,
            "blur": blur, "dc": dc}


_THUMB_CHUNK = 1 << 15  # thumbs decoded at a time (~17 MB of base64)


def _string_views(col) -> list:
    """An Arrow string column's values as memoryviews of its data buffer (None for a null), in row order:
    orjson parses bytes in place, so no Python string is made of each value (at 1M rows the scores are
    ~0.6 GB, fresh memory whose page faults cost more system time than parsing costs). Columns of any
    other type: `to_pylist()`."""
    import pyarrow as pa

    out: list = []
    for a in (col.chunks if isinstance(col, pa.ChunkedArray) else [col]):
        if not len(a):
            continue
        if not (pa.types.is_string(a.type) or pa.types.is_large_string(a.type)):
            out.extend(a.to_pylist())
            continue
        _, ob, db = a.buffers()
        off = np.frombuffer(ob, np.int64 if pa.types.is_large_string(a.type) else np.int32)
        ol = off[a.offset:a.offset + len(a) + 1].tolist()
        data = memoryview(db) if db is not None else memoryview(b"")
        views = [data[x:y] for x, y in zip(ol[:-1], ol[1:])]
        if a.null_count:
            for i in np.flatnonzero(~a.is_valid().to_numpy(zero_copy_only=False)).tolist():
                views[i] = None
        out.extend(views)
    return out


def _string_spans(col) -> tuple:
    """An Arrow string column's values located, not read: (each chunk's data buffer as a memoryview, and
    per row its chunk, start, end and whether it is valid), numpy arrays made without a Python object per
    row, so that each of the fit's two parse processes makes the views of its own rows only
    (`_views_at`). Columns of any other type: None (`_string_views` then)."""
    import pyarrow as pa

    chunks = [a for a in (col.chunks if isinstance(col, pa.ChunkedArray) else [col]) if len(a)]
    if not all(pa.types.is_string(a.type) or pa.types.is_large_string(a.type) for a in chunks):
        return None
    datas, cid, st, en, ok = [], [], [], [], []
    for c, a in enumerate(chunks):
        _, ob, db = a.buffers()
        off = np.frombuffer(ob, np.int64 if pa.types.is_large_string(a.type) else np.int32)
        off = off[a.offset:a.offset + len(a) + 1].astype(np.int64)
        datas.append(memoryview(db) if db is not None else memoryview(b""))
        cid.append(np.full(len(a), c, np.int64))
        st.append(off[:-1])
        en.append(off[1:])
        ok.append(a.is_valid().to_numpy(zero_copy_only=False) if a.null_count else np.ones(len(a), bool))
    if not chunks:
        return [], np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, bool)
    return datas, np.concatenate(cid), np.concatenate(st), np.concatenate(en), np.concatenate(ok)


class _Views:
    """`_string_views(col)[i] for i in idx`, from `_string_spans(col)`, made one at a time as the parse
    reads them (a sized iterable): no list of views is kept, so their ~200 bytes each (~0.1 GB at 550k
    rows) are not fresh memory to fault in (measured at 550k rows under load: 2.6-3.1 against 2.8-3.6
    CPU-s for the views and the parse)."""

    def __init__(self, spans: tuple, idx: np.ndarray) -> None:
        self.spans, self.idx = spans, idx

    def __len__(self) -> int:
        return len(self.idx)

    def __iter__(self):
        datas, cid, st, en, ok = self.spans
        idx = self.idx
        if ok[idx].all():
            for c, a, b in zip(cid[idx].tolist(), st[idx].tolist(), en[idx].tolist()):
                yield datas[c][a:b]
        else:
            for c, a, b, v in zip(cid[idx].tolist(), st[idx].tolist(), en[idx].tolist(), ok[idx].tolist()):
                yield datas[c][a:b] if v else None


def _views_at(spans: tuple, idx: np.ndarray) -> "_Views":
    return _Views(spans, idx)


# the Arrow fit's parse in two processes from this many rows (`_start_split_parse`), the parent taking this
# share of the rows (the child decodes its rows' crop grids too)
_SPLIT_MIN = 200_000
_SPLIT_SHARE = 0.55


def _parse_child(spans, phash: list, idx: np.ndarray, tbuf: np.ndarray, gbuf: np.ndarray | None, conn) -> None:
    """The forked child of `_start_split_parse`: the fingerprints of rows `idx`, the thumbs written into
    the shared `tbuf`, the crop grids decoded into the shared `gbuf`, the small arrays sent back (None
    after any error: the parent then parses these rows itself)."""
    try:
        sc = _views_at(spans, idx) if spans is not None else [None] * len(idx)
        ph = [phash[i] for i in idx.tolist()] if phash is not None else [None] * len(idx)
        fp = _fingerprints_lists(sc, ph, tbuf)
        grid_rows = None
        if gbuf is not None:
            from derm1m_build.filtering import crops

            grid_rows, g = crops.decode_many(fp["dc"], out=gbuf)
            if len(g) and g.ctypes.data != gbuf.ctypes.data:  # a bad string somewhere: the kept ones moved in
                gbuf[:len(g)] = g
        conn.send({"hown": fp["hown"], "hv": fp["hv"], "town": fp["town"], "thumbs": len(fp["thumbs"]),
                   "blur": np.asarray(fp["blur"], np.float64), "grid_rows": grid_rows})
    except BaseException:  # noqa: BLE001 - the parent parses these rows itself
        try:
            conn.send(None)
        except BaseException:  # noqa: BLE001
            pass
    finally:
        conn.close()


def _start_split_parse(table, o: np.ndarray, grids: bool):
    """`_fingerprints_lists` over the table's rows in order `o`, the last rows parsed in a forked process
    (started here, before any thread of the fit: the child calls no Arrow code and needs no lock another
    thread could hold), the first `_SPLIT_SHARE` here when the returned function is called; it gives the
    same dict, value for value, as one `_fingerprints_lists` over all rows, except that "blur" is an
    array and "dc" a `crops.GridRows` (the child's rows' grids decoded there; without `grids`, when the
    crop proposal is off, the child's rows' grid strings are not sent back: None).

    Why: the parse is a Python loop holding the GIL (~7-8 s at 1M rows, RESULTS.md 2026-12-05), the
    fit's one serial phase, with the second core idle. The child reads the rows it inherited (no copy of
    the ~0.6 GB of scores), writes its thumbs and grids into shared anonymous mappings that the parent
    then uses as the arrays themselves (no copy; moved down only where a row of the first part had none),
    and sends back only arrays (an earlier split, RESULTS.md 2026-12-04 evening, sent back 500k grid
    strings, whose unpickling took most of what it saved). Each part is a pure function of its rows, and
    the parts are concatenated in row order (owners shifted by the first part's length)."""
    import mmap
    import multiprocessing as mp

    from derm1m_build.filtering import crops
    from derm1m_build.filtering.fingerprint import THUMB_DIM

    n = len(o)
    names = set(table.column_names)
    spans = _string_spans(table.column("scores")) if "scores" in names else None
    if spans is None:  # no scores column, or not one of strings: one process, as before
        return None
    phash = table.column("phash").to_pylist() if "phash" in names else None
    m = int(n * _SPLIT_SHARE)
    tbuf = np.frombuffer(mmap.mmap(-1, max(1, n * THUMB_DIM * 4)), np.float32)[:n * THUMB_DIM].reshape(n, THUMB_DIM)
    gsize = crops.GRID * crops.GRID * 3
    gbuf = (np.frombuffer(mmap.mmap(-1, max(1, n * gsize)), np.uint8)[:n * gsize].reshape(n, crops.GRID, crops.GRID, 3)
            if grids else None)
    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_parse_child, daemon=True,
                        args=(spans, phash, o[m:], tbuf[m:], gbuf[m:] if gbuf is not None else None, send))
    try:
        child.start()
    except (OSError, AssertionError, ValueError):  # no process to be had (e.g. inside a daemonic one): one process
        recv.close()
        send.close()
        return None
    send.close()

    def part(a: int, b: int, into: np.ndarray) -> dict:
        ph = [phash[i] for i in o[a:b].tolist()] if phash is not None else [None] * (b - a)
        return _fingerprints_lists(_views_at(spans, o[a:b]), ph, into)

    def finish() -> dict:
        try:
            first = part(0, m, tbuf)
            try:
                second = recv.recv()
            except (EOFError, OSError):  # the child died: its rows parsed here
                second = None
        finally:
            recv.close()
            child.join()
        if second is None:
            second = part(m, n, tbuf[m:])
            second["thumbs"], second["blur"], second["grid_rows"] = len(second["thumbs"]), np.asarray(second["blur"]), None
            dc = list(first["dc"]) + list(second["dc"])
        elif gbuf is None:  # no crop proposal: the child's grid strings are not sent back (none reads them)
            dc = list(first["dc"]) + [None] * (n - m)
        else:
            dc = crops.GridRows(first["dc"], gbuf, m, second["grid_rows"] + m)
        t1, t2 = len(first["thumbs"]), second["thumbs"]
        if t1 < m and t2:  # a first-part row without a thumb: the second part's thumbs moved down
            tbuf[t1:t1 + t2] = tbuf[m:m + t2].copy()
        return {"hown": np.concatenate([first["hown"], second["hown"] + m]),
                "hv": np.concatenate([first["hv"], second["hv"]]),
                "town": np.concatenate([first["town"], second["town"] + m]),
                "thumbs": tbuf[:t1 + t2], "blur": np.concatenate([np.asarray(first["blur"], np.float64),
                                                                   second["blur"]]), "dc": dc}
    return finish


def _fingerprints_columns(scores, phash, n: int) -> dict:
    """`_fingerprints` on Arrow columns (`scores` JSON strings, `phash` hex strings, either may be None):
    the scores read in place (`_string_views`), the hashes as a list, no dict per row. (Arrow's own JSON
    reader was tried for the scores: 2-3x the CPU of orjson per string here, and it crashes on a bare
    `null` line.)"""
    sc = _string_views(scores) if scores is not None else [None] * n
    ph = phash.to_pylist() if phash is not None else [None] * n
    return _fingerprints_lists(sc, ph)


def _pairs_codes(p: np.ndarray, n: int) -> np.ndarray:
    lo, hi = np.minimum(p[:, 0], p[:, 1]), np.maximum(p[:, 0], p[:, 1])
    c = np.unique(lo[lo != hi] * n + hi[lo != hi])
    return np.stack([c // n, c % n], 1) if c.size else np.empty((0, 2), np.int64)


def _candidates(fp: dict, n: int, radius: int, knn: int, min_sim: float, method: str, workers: int,
                knn_index: str = "ivf-pq-fastscan", cpu: dict | None = None) -> dict[str, np.ndarray]:
    """Hash and thumb candidates. The exact hash search is started first (in `workers` processes at
    scale) and the thumb kNN runs in this process meanwhile: both are pure functions of the
    fingerprints, so the pairs are the same as one after the other. `cpu`, if given, receives this
    process's CPU-seconds of the thumb kNN ("knn") and of the hash search's share here ("hash_here":
    starting it, the tables no worker had started, owner pairs)."""
    c0 = time.process_time()
    out = {"hash": np.empty((0, 2), np.int64), "thumb": np.empty((0, 2), np.int64)}
    owner, h = fp["hown"], fp["hv"]
    pending = None
    if h.size and radius >= 0:
        uniq, inv = np.unique(h, return_inverse=True)
        if method == "multi-index":
            pending = start_multi_index_pairs(uniq, radius, workers=workers)
        else:
            pending = lambda: near_pairs(uniq, radius, method=method, workers=workers)  # noqa: E731
    t, town = fp["thumbs"], fp["town"]
    c1 = time.process_time()
    try:
        if len(t) > 1 and knn > 0:
            p = knn_pairs(t, knn, min_sim, queries=thumb_queries(t), index=knn_index)
            out["thumb"] = _pairs_codes(town[p], n) if len(p) else out["thumb"]
    except BaseException:
        if pending is not None:  # no worker process left behind
            pending()
        raise
    c2 = time.process_time()
    if pending is not None:
        up = pending()
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
    if cpu is not None:
        cpu["knn"] = round(c2 - c1, 3)
        cpu["hash_here"] = round(c1 - c0 + time.process_time() - c2, 3)
    return {"hash": out["hash"], "thumb": out["thumb"]}


def candidate_pairs(rows: Sequence[dict], radius: int, knn: int = 8, min_sim: float = 0.5,
                    method: str = "multi-index", workers: int = 1, knn_index: str = "ivf-pq-fastscan") -> dict[str, np.ndarray]:
    """Proposed pairs (i, j), i < j, over rows (in the given order), by where they came from:

    * "hash": trimmed-image pHashes within `radius`, the mirror's hash searched alongside (a row without
      the fingerprint falls back to its plain `phash`);
    * "thumb": the `knn` nearest thumbs with similarity >= `min_sim` (`thumb_queries`: mirrored copies are
      the hash search's)
      (`knn_pairs`, index `knn_index` above 50k thumbs).
    """
    return _candidates(_fingerprints(rows), len(rows), radius, knn, min_sim, method, workers, knn_index)


def _crop_candidates(fp: dict, k: int, min_sim: float) -> np.ndarray | None:
    """Crop copies the thumb kNN misses among look-alikes (`crops.py`); None where no row has a grid."""
    return _start_crop_candidates(fp, k, min_sim, background=False)()


def _start_crop_candidates(fp: dict, k: int, min_sim: float, background: bool = True, cpu: dict | None = None):
    """`_crop_candidates`, started: with `background` the crop proposal (`crops.proposals(strings, k,
    min_sim, threads, cpu)`, the whole interface between the two modules) runs in a thread of this
    process while the caller goes on (the thumb kNN and the hash search meanwhile: numpy and faiss let go
    of the GIL in their large steps, and a thread needs neither a copy of the grids nor a fork of a
    process whose OpenMP threads may be running); the returned function waits for it and gives its pairs
    (or None).
    `cpu`, if given, receives the CPU-seconds of the threads that ran it ("crop_thread": this thread and
    its chunk threads; faiss' own threads not included)."""
    dc = fp.get("dc")  # row strings, or a `crops.GridRows` (the split parse: some decoded already)
    if k < 1 or not (any(dc) if isinstance(dc, (list, tuple)) else bool(dc)):
        return lambda: None
    from derm1m_build.filtering import crops

    def run() -> np.ndarray:
        c, part = time.thread_time(), {}
        try:
            # in the background its chunks two at a time (`crops.crop_pairs`: the same pairs), so that the
            # crop proposal's one-core steps and its searches fill both cores, alone at the end of the fit
            return crops.proposals(fp["dc"], k=k, min_sim=min_sim, threads=2 if background else 1, cpu=part)
        finally:
            if cpu is not None:
                cpu["crop_thread"] = round(time.thread_time() - c + part.get("chunks", 0.0), 3)

    if not background:
        return run
    ex = ThreadPoolExecutor(1, thread_name_prefix="crop-proposals")
    fut = ex.submit(run)
    ex.shutdown(wait=False)
    return fut.result


def _csr(n: int, candidates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric neighbour lists as (ptr, nbr): node i's neighbours, sorted and unique, are
    nbr[ptr[i]:ptr[i + 1]]."""
    c = np.asarray(candidates, np.int64).reshape(-1, 2)
    ptr = np.zeros(n + 1, np.int64)
    if not len(c):
        return ptr, np.empty(0, np.int64)
    codes = np.unique(np.concatenate([c[:, 0] * n + c[:, 1], c[:, 1] * n + c[:, 0]]))
    src = codes // n
    np.cumsum(np.bincount(src, minlength=n), out=ptr[1:])
    return ptr, codes - src * n


def star_clusters(n: int, order: Sequence[int], candidates: np.ndarray, same: Any,
                  exact_groups: Iterable[Sequence[int]] = (), cap: int = 50) -> tuple[np.ndarray, list[dict]]:
    """Representative index per node, and warnings.

    Nodes are visited in `order` (best first); an unassigned node becomes a representative and takes
    every unassigned node that `same(rep, j)` confirms, where j is a candidate of the representative or
    of a member it already took (so a crop of a crop is still checked, but always against the
    representative: no chaining). Byte-identical nodes (`exact_groups`) join with their holder without a
    check. A cluster stops growing at `cap` members: the rest stay on their own and a warning says why.

    Nodes without any candidate or twin are their own representative, set in one array operation; the
    walk visits only the others (neighbour lists as sorted arrays, not sets): the same result as the
    per-node walk (`derm1m_build/testing/dedup_before.py`), for a cost that follows the candidates.
    """
    ptr, nb = _csr(n, candidates)
    twins: dict[int, list[int]] = {}
    for g in exact_groups:
        g = sorted(g)
        for x in g:
            twins[x] = [y for y in g if y != x]
    busy = np.diff(ptr) > 0
    if twins:
        busy[np.fromiter(twins.keys(), np.int64, len(twins))] = True
    order = np.asarray(order, np.int64).reshape(-1)
    rep = np.full(n, -1, np.int64)
    lone = order[~busy[order]]
    rep[lone] = lone
    walk = order[busy[order]].tolist()
    assigned = np.zeros(n, bool)
    assigned[lone] = True
    warnings: list[dict] = []
    for i in walk:
        if assigned[i]:
            continue
        assigned[i] = True
        rep[i] = i
        size, refused = 1, 0
        for t in twins.get(i, ()):
            if not assigned[t]:
                assigned[t] = True
                rep[t] = i
                size += 1
        queue = deque(nb[ptr[i]:ptr[i + 1]].tolist())
        seen = set(queue)
        seen.add(i)
        while queue:
            j = queue.popleft()
            if assigned[j] or not same(i, j):
                continue
            if size >= cap:
                refused += 1
                continue
            assigned[j] = True
            rep[j] = i
            size += 1
            for t in twins.get(j, ()):
                if not assigned[t] and size < cap:
                    assigned[t] = True
                    rep[t] = i
                    size += 1
            for m in nb[ptr[j]:ptr[j + 1]].tolist():
                if m not in seen:
                    seen.add(m)
                    queue.append(m)
        if refused:
            warnings.append({"representative": int(i), "reason": "cluster_cap", "cap": cap, "refused": refused})
    return rep, warnings


def _is_table(rows: Any) -> bool:
    try:
        import pyarrow as pa
    except ImportError:  # pragma: no cover
        return False
    return isinstance(rows, pa.Table)


def _dict_rows(rows: Iterable[dict]) -> dict:
    """What `cluster` needs from row dicts (sorted by sample id): ids, sha256 codes (-1: none; equal
    codes, equal digests), byte-identical groups, pixel areas, the fingerprints and the rows themselves."""
    rows = sorted(rows, key=itemgetter("sample_id"))
    n = len(rows)
    code: dict[Any, int] = {}
    shac = np.fromiter((code.setdefault(x, len(code)) if x else -1 for x in (r.get("image_sha256") for r in rows)),
                       np.int64, n)
    area = np.fromiter(((r.get("width") or 0) * (r.get("height") or 0) for r in rows), np.float64, n)
    small = {"ids": [r["sample_id"] for r in rows], "sha": shac, "exact": _exact_groups(shac), "area": area}
    return {"n": n, "small": lambda: small, "fingerprints": lambda: _fingerprints(rows),
            "rows": lambda pairs: rows.__getitem__}


def _exact_groups(shac: np.ndarray) -> list[list[int]]:
    """Indices sharing one sha256 code (groups of two or more, members ascending)."""
    idx = np.flatnonzero(shac >= 0)
    if not idx.size:
        return []
    order = idx[np.argsort(shac[idx], kind="stable")]
    c = shac[order]
    starts = np.flatnonzero(np.concatenate([[True], c[1:] != c[:-1]]))
    sizes = np.diff(np.append(starts, len(c)))
    return [order[starts[k]:starts[k] + sizes[k]].tolist() for k in np.flatnonzero(sizes > 1).tolist()]


def _take_rows(table, idx: np.ndarray) -> list[dict]:
    """`table.take(idx).to_pylist()`, taken record batch by record batch: Arrow's `take` on a table of
    several chunks first concatenates every chunk of every column (at 1M rows a fresh copy of the ~1.3 GB
    scores column: ~5 s of system time for page faults, serial at the end of the fit, RESULTS.md
    2026-12-05); here each batch gives only its rows, and the rows come back in `idx`'s order."""
    import pyarrow as pa

    idx = np.asarray(idx, np.int64).reshape(-1)
    out: list = [None] * len(idx)
    if not len(idx):
        return out
    srt = np.argsort(idx, kind="stable")
    si = idx[srt]
    start = 0
    for b in table.to_batches():
        end = start + b.num_rows
        lo, hi = np.searchsorted(si, start), np.searchsorted(si, end)
        if hi > lo:
            got = b.take(pa.array(si[lo:hi] - start)).to_pylist()
            for k, r in zip(srt[lo:hi].tolist(), got):
                out[k] = r
        start = end
    if start != table.num_rows or any(r is None for r in out):
        raise IndexError("row index out of range")
    return out


def _table_rows(table, split: bool = False, grids: bool = True) -> dict:
    """`_dict_rows` on an Arrow table: the small columns sorted by sample id once (a stable sort, as
    `sorted`), sha256 codes by dictionary encoding, areas from the columns; the two large ones (`scores`,
    `phash`) read as Python lists and put in that order there (their Arrow data is not copied: at 1M rows
    the scores strings are ~0.6 GB); row dicts only for the rows that take part in a pixel check, made
    once all candidates are known.

    The small columns (ids, sha256 codes, byte-identical groups, areas) are made in a thread, started
    here and joined by `ids`/`sha`/`exact`/`area` (`cluster` reads them after the fingerprints): their
    steps are Arrow kernels that let go of the GIL (the take and the sha256 dictionary encoding: ~2.3
    CPU-s at 1M rows), so they run beside the fingerprint parse, which holds it and the one core,
    instead of before it on the serial path (RESULTS.md, 2026-12-05). The same values.

    `split` (the fit with `workers` > 1), from `_SPLIT_MIN` rows where processes can be forked: the
    fingerprints parsed in two processes (`_start_split_parse`, the child forked here, before the thread
    above starts); `grids`: the child decodes its rows' crop grids too (the crop proposal will run)."""
    import multiprocessing as mp

    import pyarrow as pa
    import pyarrow.compute as pc

    n = table.num_rows
    names = set(table.column_names)
    o = pc.sort_indices(table, [("sample_id", "ascending")]).to_numpy() if n else np.empty(0, np.int64)
    fingerprints = None
    if split and n >= _SPLIT_MIN and "fork" in mp.get_all_start_methods():
        fingerprints = _start_split_parse(table, o, grids)

    def small() -> dict:
        big = [c for c in ("scores", "phash") if c in names]
        t = table.drop_columns(big) if big else table
        t = t.take(pa.array(o)) if n else t
        ids = t.column("sample_id").to_pylist()
        shac = np.full(n, -1, np.int64)
        if "image_sha256" in names and n:
            enc = pc.dictionary_encode(t.column("image_sha256").combine_chunks())
            codes = pc.fill_null(enc.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
            blank = np.flatnonzero(pc.fill_null(pc.equal(enc.dictionary, ""), False).to_numpy(zero_copy_only=False))
            if blank.size:
                codes[np.isin(codes, blank)] = -1
            shac = codes

        def num(name: str) -> np.ndarray:
            if name not in names or not n:
                return np.zeros(n, np.int64)
            col = pc.fill_null(t.column(name).combine_chunks(), 0)
            return col.to_numpy(zero_copy_only=False).astype(np.int64 if pa.types.is_integer(col.type) else np.float64)

        area = (num("width") * num("height")).astype(np.float64)
        return {"ids": ids, "sha": shac, "exact": _exact_groups(shac), "area": area}

    ex = ThreadPoolExecutor(1, thread_name_prefix="dedup-columns")
    fut = ex.submit(small)
    ex.shutdown(wait=False)

    def rows(pairs: np.ndarray):
        busy = np.unique(pairs) if len(pairs) else np.empty(0, np.int64)
        made = dict(zip(busy.tolist(), _take_rows(table, o[busy])))
        return made.__getitem__

    def pylist(name: str) -> list:
        if name not in names:
            return [None] * n
        lst = _string_views(table.column(name)) if name == "scores" else table.column(name).to_pylist()
        return [lst[i] for i in o.tolist()]

    return {"n": n, "small": fut.result, "rows": rows,
            "fingerprints": fingerprints or (lambda: _fingerprints_lists(pylist("scores"), pylist("phash")))}


def cluster(rows: Iterable[dict], radius: int, same: Any = None, method: str = "multi-index", workers: int = 1,
            extra_pairs: Iterable[tuple[str, str]] = (), knn: int = 8, min_sim: float = 0.5,
            cap: int = 50, knn_index: str = "ivf-pq-fastscan", crop_knn: int = 4,
            crop_min_sim: float = 0.85) -> tuple[dict[str, tuple[str, str]], dict]:
    """sample_id -> (cluster id, representative sample_id), and a report.

    Candidates: same sha256 (taken as they are), trimmed/mirrored pHash within `radius`, nearest thumbs,
    crop candidates (`crops.proposals`: each image's `crop_knn` best centre windows for its shifted
    windows, similarity >= `crop_min_sim`; 0: none), `extra_pairs` (a configured embedding model's pairs, taken as its confirmation). Every other candidate must be confirmed by `same(row_a, row_b)` (the
    pixel check in `confirm.py`); `same=None` confirms nothing (exact duplicates only). Clusters are
    stars around the best-ranked member (largest, then sharpest, then smallest id). The cluster id is
    `dup-` + the first 16 characters of the representative's sample id: stable under reordering of shards.

    The report's "cpu_s" gives the process CPU-seconds of each phase (rows, fingerprints, candidates,
    stars, output), and of parts of the candidates (candidates_knn: the thumb kNN; candidates_hash_here:
    the hash search's share in this process, its worker processes not counted; candidates_crop_thread: the
    crop proposal's own thread). With `workers` > 1 the crop proposal runs in a thread beside the thumb
    kNN, so the process CPU-seconds of the kNN then include part of it.

    The fit runs without numpy's transparent huge pages (`_small_pages`).
    """
    with _small_pages():
        return _cluster(rows, radius, same, method, workers, extra_pairs, knn, min_sim, cap, knn_index, crop_knn,
                        crop_min_sim)


@contextmanager
def _small_pages():
    """numpy's large arrays without transparent huge pages for the time of the fit.

    numpy asks the kernel for huge pages (madvise) on every array of 4 MB or more. Where memory is handed
    back to a hypervisor once freed (free page reporting, as in the VMs this is built on), each fresh
    huge page is then faulted in again at several seconds of system time per GB (measured: 512 MB of
    fresh huge pages 1.3-2.7 s sys, of 4 KB pages 0.3 s); the fit allocates and frees tens of GB of
    temporaries at 1M rows, and most of its system time was that. The setting is numpy's own
    (`_set_madvise_hugepage`, also `NUMPY_MADVISE_HUGEPAGE=0`), put back afterwards; what is computed
    does not change."""
    try:
        from numpy._core.multiarray import _set_madvise_hugepage
    except ImportError:  # pragma: no cover - numpy < 2
        try:
            from numpy.core.multiarray import _set_madvise_hugepage
        except ImportError:
            _set_madvise_hugepage = None
    prev = _set_madvise_hugepage(False) if _set_madvise_hugepage is not None else None
    try:
        yield
    finally:
        if _set_madvise_hugepage is not None:
            _set_madvise_hugepage(prev)


def _cluster(rows, radius, same, method, workers, extra_pairs, knn, min_sim, cap, knn_index, crop_knn,
             crop_min_sim) -> tuple[dict[str, tuple[str, str]], dict]:
    c0 = time.process_time()
    cpu: dict[str, float] = {}

    def lap(name: str) -> None:
        nonlocal c0
        c1 = time.process_time()
        cpu[name] = round(c1 - c0, 3)
        c0 = c1

    if radius < 0:  # exact duplicates only
        knn, same = 0, None
    cols = (_table_rows(rows, split=workers > 1, grids=crop_knn > 0 and knn > 0) if _is_table(rows)
            else _dict_rows(rows))
    n = cols["n"]
    lap("rows")
    try:
        fp = cols["fingerprints"]()  # (an Arrow table's small columns are made meanwhile: `_table_rows`)
    except BaseException:
        try:  # no thread left running behind the error
            cols["small"]()
        except Exception:  # noqa: BLE001 - the first error is the one reported
            pass
        raise
    small = cols["small"]()
    ids, shac, exact, area = small["ids"], small["sha"], small["exact"], small["area"]
    lap("fingerprints")
    sub: dict[str, float] = {}
    # the crop proposal runs beside the hash search and the thumb kNN (a thread; `workers` > 1 only)
    crop_pending = _start_crop_candidates(fp, crop_knn if knn > 0 else 0, crop_min_sim, background=workers > 1,
                                          cpu=sub)
    try:
        cands = _candidates(fp, n, radius, knn, min_sim, method, workers, knn_index, sub)
    except BaseException:
        try:  # no thread left running behind the error
            crop_pending()
        except Exception:  # noqa: BLE001 - the first error is the one reported
            pass
        raise
    crop = crop_pending()
    if crop is not None:  # rows with stored grids (rows without any: the candidates as before)
        cands["crop"] = crop
    extra: list[tuple[int, int]] = []
    extra_pairs = list(extra_pairs)
    if extra_pairs:
        index = {s: i for i, s in enumerate(ids)}
        extra = [(min(index[a], index[b]), max(index[a], index[b])) for a, b in extra_pairs
                 if a in index and b in index and a != b]
    cands["extra"] = np.asarray(sorted(set(extra)), np.int64).reshape(-1, 2)
    allc = np.concatenate(list(cands.values())) if n else np.empty((0, 2), np.int64)
    if len(allc):
        c = np.unique(allc[:, 0] * n + allc[:, 1])
        allc = np.stack([c // n, c % n], 1)
    row = cols["rows"](allc) if same is not None else None
    lap("candidates")
    checked: dict[tuple[int, int], bool] = {}
    extra_set = set(extra)

    def confirmed(i: int, j: int) -> bool:
        if shac[i] >= 0 and shac[i] == shac[j]:
            return True
        if (min(i, j), max(i, j)) in extra_set:  # the configured embedding model's decision
            return True
        if same is None:
            return False
        key = (min(i, j), max(i, j))
        if key not in checked:
            checked[key] = bool(same(row(i), row(j)))
        return checked[key]

    # best first: largest, then sharpest, then smallest sample id (rows are sorted by id): `_rank`
    order = np.lexsort((np.arange(n), -np.asarray(fp["blur"], np.float64), -area)) if n else np.empty(0, np.int64)
    rep, warnings = star_clusters(n, order, allc, confirmed, exact, cap=cap)
    lap("stars")
    rid = [ids[k] for k in rep.tolist()]
    out = dict(zip(ids, zip(["dup-" + x[:16] for x in rid], rid)))
    for w in warnings:
        w["representative"] = ids[w.pop("representative")]
    lap("output")
    cpu.update({f"candidates_{k}": v for k, v in sub.items()})
    report = {"candidates": {k: int(len(v)) for k, v in cands.items()}, "checked": len(checked),
              "confirmed": int(sum(checked.values())), "warnings": warnings, "cpu_s": cpu}
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
           "knn_pairs", "candidate_pairs", "linkage_cluster", "star_clusters", "mirror_thumbs", "thumb_queries"]

"""Crop copies proposed among look-alikes: shifted window thumbs searched against centre thumbs.

Why the plain thumb is not enough: a copy cropped by 6-15 % (cut unevenly from the sides) has its centre
moved by up to 7.5 % of the original's width, almost a cell of the 8x8 thumb, so its thumb similarity
to the original falls as low as 0.4-0.6: inside the range of distinct lesion close-ups. Among 100k
look-alike photos the original is then often not among its crop's nearest thumbs (RESULTS.md: 0.80-0.84
proposed). Aligned, the two are near-identical (>= 0.99 on the tuning photos when the crop box is known).

So each image stores a coarse colour grid `grid` (12 x 12 CIE-Lab cells of the trimmed image, uint8:
432 bytes), and at fit time

* the index holds every image's centre window (the central 80 %, 8 x 8 cells, standardised per channel
  and L2-normalised as `fingerprint.thumb` is);
* every image is queried with 9 windows of 90 % shifted by -5, 0, +5 % in x and y: what the central
  80 % of its original looks like in the frame of a crop (a 6-15 % crop makes the original's central 80 %
  span 85-94 % of the crop, off-centre by up to 9 %); the window nearest the true box is within ~2.5 %,
  enough for similarity >= 0.9 (tuning photos, 840 crops: smallest 0.914, against 0.870 for the closest
  of 4,830 ordered distinct pairs);
* each image proposes its `k` best distinct neighbours over all windows with similarity >= `min_sim`.

The windows are linear in the grid (exact area means of the piecewise-constant cells; a window
reaching past the border repeats the edge cells), computed separably a few images at a time. Above
`exact_limit` images the inverted file is searched with only the 4 corner windows (one query each is
most of the cost) and all 9 re-score what it returns exactly, so the similarity and the top k are as
defined above, over what the index returns. Pairs are only proposals: `confirm.py` decides, as for
every other candidate. Cost and recall among 100k look-alikes: benchmarks/filter/RESULTS.md ("crop
candidates from shifted window thumbs", "the crop proposal searched with 4 windows, not 9").
"""

from __future__ import annotations

import base64
import binascii
import math
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import cv2
import numpy as np

GRID = 12  # cells per side of the stored grid
CELLS = 8  # cells per side of a window thumb
INDEX_WINDOW = 0.8  # the indexed centre window (as `fingerprint.thumb`)
QUERY_WINDOW = 0.9  # the query windows' size
OFFSETS = (-0.05, 0.0, 0.05)  # query windows' shifts, in x and in y
GRID_LEN = 4 * ((GRID * GRID * 3 + 2) // 3)  # base64 length of a stored grid


def grid(bgr: np.ndarray) -> np.ndarray:
    """The stored grid: 12 x 12 CIE-Lab area means of the trimmed image, uint8 (OpenCV's 8-bit Lab)."""
    from derm1m_build.filtering.fingerprint import trim

    t = trim(bgr)
    if t.ndim == 2:
        t = cv2.cvtColor(t, cv2.COLOR_GRAY2BGR)
    return cv2.resize(cv2.cvtColor(t, cv2.COLOR_BGR2Lab), (GRID, GRID), interpolation=cv2.INTER_AREA)


def encode(g: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(g, np.uint8).tobytes()).decode("ascii")


def decode_many(strings: Sequence[str], chunk: int = 8192, out: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(kept positions, grids (m, 12, 12, 3) uint8): strings of the wrong length or not base64 are left out.

    Decoded `chunk` strings at a time into one array: a single decode of all of them (~0.6 GB of base64 at
    1M rows) is one call that holds the GIL for seconds, and the fit runs this in a thread beside the
    others (RESULTS.md, 2026-12-04 night); a chunk with a bad string is decoded one string at a time.
    `out`: a (cap, 12, 12, 3) uint8 array to decode into (its head; `cap` at least the strings' count):
    where every string decodes, the grids returned are that head itself (`GridRows`)."""
    keep = [i for i, s in enumerate(strings) if isinstance(s, str) and len(s) == GRID_LEN]
    size = GRID * GRID * 3
    if out is None or len(out) < len(keep):
        out = np.empty((len(keep), GRID, GRID, 3), np.uint8)
    else:
        out = out[:len(keep)]
    flat = out.reshape(len(keep), size)
    ok = np.ones(len(keep), bool)
    for s in range(0, len(keep), chunk):
        part = keep[s:s + chunk]
        try:
            raw = base64.b64decode("".join([strings[i] for i in part]), validate=True)
            if len(raw) != size * len(part):
                raise ValueError
            flat[s:s + len(part)] = np.frombuffer(raw, np.uint8).reshape(len(part), size)
        except (binascii.Error, ValueError):
            for k, i in enumerate(part, s):
                try:
                    b = base64.b64decode(strings[i], validate=True)
                except (binascii.Error, ValueError):
                    b = b""
                if len(b) == size:
                    flat[k] = np.frombuffer(b, np.uint8)
                else:
                    ok[k] = False
    if ok.all():
        return np.asarray(keep, np.int64), out
    return np.asarray(keep, np.int64)[ok], out[ok]


@lru_cache(maxsize=64)
def _axis(lo: float, hi: float) -> np.ndarray:
    """(CELLS, GRID) weights: output cell k is the mean over [lo + k (hi - lo) / CELLS, ...] of the grid's
    piecewise-constant cells on [0, 1]; what lies outside [0, 1] takes the edge cell."""
    e = np.linspace(lo, hi, CELLS + 1)
    a, b = e[:-1, None], e[1:, None]
    edges = np.arange(GRID + 1) / GRID
    w = np.clip(np.minimum(b, edges[None, 1:]) - np.maximum(a, edges[None, :-1]), 0, None)
    w[:, 0] += np.clip(np.minimum(b[:, 0], 0.0) - a[:, 0], 0, None)
    w[:, -1] += np.clip(b[:, 0] - np.maximum(a[:, 0], 1.0), 0, None)
    return (w / (b - a)).astype(np.float32)


# numpy's OpenBLAS runs a product of more than ~262k multiply-adds on all its threads, and its idle
# threads then spin while the caller does anything else: on two shared cores that doubled the crop
# proposal's CPU-seconds (RESULTS.md, 2026-12-04). Every product here is kept below that size.
_ONE_THREAD_MACS = 200_000


def _matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a @ b in row blocks small enough for one BLAS thread (see `_ONE_THREAD_MACS`)."""
    step = max(1, _ONE_THREAD_MACS // max(1, a.shape[1] * b.shape[1]))
    if len(a) <= step:
        return a @ b
    out = np.empty((len(a), b.shape[1]), np.result_type(a, b))
    for s in range(0, len(a), step):
        np.matmul(a[s:s + step], b, out=out[s:s + step])
    return out


def windows(grids: np.ndarray, size: float, offsets: Sequence[tuple[float, float]], block: int = 256) -> np.ndarray:
    """(m, len(offsets), 192) unit vectors: the 8 x 8 window thumbs of `size` centred at 0.5 + offset,
    each channel standardised (+ 2 in the denominator, as `fingerprint.thumb`: a flat channel is not
    blown up into noise) and the vector L2-normalised (cells ordered channel, y, x: the order only has to
    agree between the windows compared).

    Separable: per image and channel, the grid's columns weighted (`_axis` of every x offset), then its
    rows (of every y offset), for the product set of the offsets' x and y values, then the requested
    offsets: ~30x fewer multiply-adds than one dense (432, W * 192) product. `block` images at a time:
    the column product in row blocks small enough for one BLAS thread (`_ONE_THREAD_MACS`), the row
    products one small product per image and channel (one numpy call), the standardisation elementwise.
    The earlier code ran all of it 16 images at a time and spent most of the windows' cost in per-call
    overhead (RESULTS.md, 2026-12-04 afternoon); the values are the same to the bit."""
    offs = [(float(x), float(y)) for x, y in offsets]
    size = float(size)
    m = len(grids)
    xs = sorted({x for x, _ in offs})
    ys = sorted({y for _, y in offs})
    axt = np.concatenate([_axis(round(0.5 + x - size / 2, 6), round(0.5 + x + size / 2, 6)) for x in xs]).T
    ay = np.concatenate([_axis(round(0.5 + y - size / 2, 6), round(0.5 + y + size / 2, 6)) for y in ys])
    nx, ny = len(xs), len(ys)
    sel = [ys.index(y) * nx + xs.index(x) for x, y in offs]
    full = sel == list(range(ny * nx))
    # rows per column product: whole groups of 16 images (the products' values then do not depend on
    # `block`, OpenBLAS computing a row alike wherever it falls in such a group), below `_ONE_THREAD_MACS`
    step = 16 * 3 * GRID * max(1, _ONE_THREAD_MACS // (16 * 3 * GRID * GRID * nx * CELLS))
    out = np.empty((m, len(offs), 3, CELLS * CELLS), np.float32)
    for s in range(0, m, block):
        g = np.ascontiguousarray(np.asarray(grids[s:s + block]).transpose(0, 3, 1, 2), dtype=np.float32)  # image, channel, y, x
        b = len(g)
        rows = g.reshape(-1, GRID)
        u = np.empty((len(rows), nx * CELLS), np.float32)
        for r in range(0, len(rows), step):  # columns weighted, one BLAS thread per product
            np.matmul(rows[r:r + step], axt, out=u[r:r + step])
        u = u.reshape(b * 3, GRID, nx * CELLS)
        u = np.matmul(ay, u).reshape(b, 3, ny, CELLS, nx, CELLS)  # then rows, per image and channel
        v = u.transpose(0, 2, 4, 1, 3, 5)  # image, oy, ox, channel, y, x
        if full:
            out[s:s + b].reshape(b, ny, nx, 3, CELLS, CELLS)[...] = v
        else:
            out[s:s + b] = v.reshape(b, ny * nx, 3, CELLS * CELLS)[:, sel]
        v = out[s:s + b]
        v -= v.mean(axis=3, keepdims=True)
        v /= (np.sqrt(np.einsum("...i,...i->...", v, v) / (CELLS * CELLS)) + 2.0)[..., None]
        w = v.reshape(b, len(offs), 3 * CELLS * CELLS)
        w /= (np.sqrt(np.einsum("...i,...i->...", w, w)) + 1e-6)[..., None]
    return out.reshape(m, len(offs), 3 * CELLS * CELLS)


def query_offsets() -> list[tuple[float, float]]:
    return [(x, y) for y in OFFSETS for x in OFFSETS]


# the windows the approximate index is searched with (all 9 query windows re-score what they return): the
# 4 corner shifts of the 9, one of them within ~7 % of any shift a 6-15 % crop makes (see `crop_pairs`)
SEARCH_OFFSETS = ((-0.05, -0.05), (0.05, -0.05), (-0.05, 0.05), (0.05, 0.05))
DEPTH = 8  # neighbours asked of the approximate index per search window, all re-scored exactly
# inverted lists probed per search window (2 would save ~20 % of the search at 1M but loses one of the 40
# one-cell shifts of tests/test_filter_dedup_crops.py: RESULTS.md, 2026-12-04 afternoon)
NPROBE = 4


def base_windows(grids: np.ndarray, chunk: int = 8192) -> np.ndarray:
    """(m, 192) centre windows (the indexed side), computed in chunks (one pass over a 1M-row float
    array costs several times the chunked product)."""
    out = np.empty((len(grids), 3 * CELLS * CELLS), np.float32)
    for s in range(0, len(grids), chunk):
        out[s:s + chunk] = windows(grids[s:s + chunk], INDEX_WINDOW, [(0.0, 0.0)])[:, 0]
    return out


class _Index:
    """Inner-product search over x: exhaustive up to `exact_limit` vectors, else a projection onto the
    `pca` leading directions of the vectors' second moments (not centred: faiss' PCA subtracts the mean,
    and centred inner products neither rank by nor approximate the inner product asked for) and an
    inverted file of 4-bit fast-scan PQ codes (one per projected dimension) of each vector's residual
    from its list's centroid, trained on a seeded sample. `search` gives approximate scores (of the projections) and neighbour ids.

    Residual codes, not codes of the vectors themselves: look-alike lesion photos crowd one small
    region of the space, where 16 centroids per 2-d subspace cannot tell a 0.98 match from a 0.85
    look-alike; among 100k simulated look-alikes the earlier codes put a crop's original (its exact
    nearest window) below the 5 returned for 13 of 420 copies, past 16 for 26 (RESULTS.md, late session).
    One code per dimension (`PQ32x4fsr`, 16 bytes), not per pair of dimensions: with 4 search windows in
    place of 9, a copy's original must rank high for fewer windows, and half-precision codes put a
    0.91 match at rank 31 (RESULTS.md, 2026-12-04)."""

    def __init__(self, x: np.ndarray, exact_limit: int, nprobe: int, pca: int, nlist: int | None = None) -> None:
        import faiss

        n, d = x.shape
        self.proj = None
        if n <= exact_limit:
            self.idx = faiss.IndexFlatIP(d)
            self.idx.add(x)
            return
        nlist = nlist or int(min(1024, max(16, math.sqrt(n))))
        dd = pca - pca % 2
        rng = np.random.default_rng(0)
        sample = x[np.sort(rng.choice(n, size=min(n, nlist * 40), replace=False))]
        _, vecs = np.linalg.eigh((sample.T @ sample).astype(np.float64))
        self.proj = np.ascontiguousarray(vecs[:, ::-1][:, :dd], np.float32)
        self.idx = faiss.index_factory(dd, f"IVF{nlist},PQ{dd}x4fsr", faiss.METRIC_INNER_PRODUCT)
        ivf = faiss.extract_index_ivf(self.idx)
        ivf.cp.seed, ivf.cp.niter = 1234, 8
        self.idx.train(_matmul(sample, self.proj))
        ivf.nprobe = nprobe
        for s in range(0, n, 65536):
            self.idx.add(_matmul(x[s:s + 65536], self.proj))

    def search(self, q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        return self.idx.search(np.ascontiguousarray(q) if self.proj is None else _matmul(q, self.proj), k)


def crop_pairs(grids: np.ndarray, k: int = 4, min_sim: float = 0.85, chunk: int = 4096,
               exact_limit: int = 10_000, nprobe: int = NPROBE, pca: int = 32, margin: float = 0.35,
               depth: int = DEPTH, search: Sequence[tuple[float, float]] = SEARCH_OFFSETS,
               nlist: int | None = None, threads: int = 1, cpu: dict | None = None) -> np.ndarray:
    """Pairs (i, j), i < j, over the grids' rows: j is among i's `k` best rows by the crop similarity
    (the best of i's 9 shifted query windows against j's centre window), which must be >= `min_sim`.

    The index is searched with i's windows at the `search` offsets (the approximate index) or with its 9
    query windows (the exhaustive one, n <= `exact_limit`), `depth` (at least k + 1) neighbours each;
    every distinct neighbour the index scores within `margin` of `min_sim` is re-scored exactly over all
    9 windows (`_best_window`: those pairs only), and the k best kept (ties: the smaller row). `nlist`:
    the inverted file's lists (default ~sqrt(n), at most 1024; benchmarks set 1000 at 100k to see lists
    as fine as at 1M). With the exhaustive index this is the exact top k (a row in i's top k is in the
    top k + 1 of its best window).

    Why 4 search windows and not the 9: each window searched costs one query of the inverted file
    (~10 CPU-us at 1M, most of it fixed per query), and the 9 made the proposal ~230 CPU-s at 1M; of
    the 4 corner windows (shifts of 5 % in x and y) one is within ~7 % of the shift of any 6-15 % crop,
    and with exact re-scoring over all 9 every tuning crop is still reached among 100k look-alikes
    (RESULTS.md, 2026-12-04). Searching with one window (the centre) loses crops shifted far to a side:
    the original is then no closer than look-alikes (0.76 for one tuning crop).

    `threads` > 1: that many chunks at a time, each in a thread of its own (`_chunk_pairs`), merged in
    chunk order. Every chunk is a pure function of its rows and the index, computed by the same calls as
    one at a time (each thread's faiss searches sliced as the caller's: its OpenMP thread count), so the
    pairs are the same; what runs beside a chunk's search (its windows, re-scoring, ranking: numpy, mostly
    on one core) then keeps the second core busy (RESULTS.md, 2026-12-04 night). `cpu`, if given, receives
    the CPU-seconds of the threads that ran the chunks ("chunks"; faiss' own threads not included)."""
    n = len(grids)
    if n < 2 or k < 1:
        return np.empty((0, 2), np.int64)
    offs = query_offsets()
    base = base_windows(grids)
    idx = _Index(base, exact_limit, nprobe, pca, nlist)
    exhaustive = idx.proj is None
    kk = min(k + 1 if exhaustive else max(depth, k + 1), n)
    search = [(float(x), float(y)) for x, y in search]
    sub = [offs.index(o) for o in search] if all(o in offs for o in search) else None
    starts = range(0, n, chunk)

    spent = []

    def one(s: int) -> np.ndarray | None:
        t = time.thread_time()
        try:
            return _chunk_pairs(grids, s, min(n, s + chunk), idx, base, offs, sub, search, exhaustive, kk, k,
                                min_sim, margin)
        finally:
            spent.append(time.thread_time() - t)

    if threads > 1 and len(starts) > 1:
        from concurrent.futures import ThreadPoolExecutor

        import faiss

        # each thread searches with the caller's OpenMP thread count (faiss slices a search by it)
        ex = ThreadPoolExecutor(min(threads, len(starts)), thread_name_prefix="crop-chunks",
                                initializer=faiss.omp_set_num_threads, initargs=(faiss.omp_get_max_threads(),))
        try:
            got = list(ex.map(one, starts))  # in chunk order
        finally:  # after an error, the chunks not started are not run
            ex.shutdown(wait=True, cancel_futures=True)
    else:
        got = [one(s) for s in starts]
    codes = [c for c in got if c is not None]
    if cpu is not None:
        cpu["chunks"] = round(sum(spent), 3)
    c = np.unique(np.concatenate(codes)) if codes else np.empty(0, np.int64)
    return np.stack([c // n, c % n], 1) if c.size else np.empty((0, 2), np.int64)


def _chunk_pairs(grids: np.ndarray, s: int, e: int, idx: "_Index", base: np.ndarray, offs: list, sub: list | None,
                 search: list, exhaustive: bool, kk: int, k: int, min_sim: float, margin: float) -> np.ndarray | None:
    """`crop_pairs` for the rows s..e-1 (one chunk): their pair codes (min * n + max), or None."""
    n = len(grids)
    # all 9 query windows (nearly every image among look-alikes has a neighbour to re-score), those
    # searched among them
    g = grids[s:e]
    q = windows(g, QUERY_WINDOW, offs)
    qs = q if exhaustive else (q[:, sub] if sub is not None else windows(g, QUERY_WINDOW, search))  # (m, W, D)
    m, W, D = qs.shape
    approx, nb = idx.search(qs.reshape(m * W, D), kk)
    nb = nb.reshape(m, W * kk).astype(np.int64)
    rows = np.arange(s, s + m, dtype=np.int64)[:, None]
    nb[(nb == rows) | (approx.reshape(m, W * kk) < min_sim - margin)] = -1
    nb.sort(axis=1)  # each distinct neighbour once
    nb[:, 1:][nb[:, 1:] == nb[:, :-1]] = -1
    r, c = np.nonzero(nb >= 0)  # the neighbours to re-score, by image, then by row
    if not r.size:
        return None
    j = nb[r, c]
    who, pos, cnt = np.unique(r, return_inverse=True, return_counts=True)
    start = np.cumsum(cnt) - cnt
    sc = _best_window(q[who], base, j, pos, np.arange(r.size) - start[pos], int(cnt.max()))
    o = np.lexsort((j, -sc, r))  # each image's neighbours best first (ties: smaller row)
    keep = (np.arange(r.size) - start[pos[o]] < k) & (sc[o] >= min_sim)
    a, b = r[o][keep] + s, j[o][keep]
    return np.minimum(a, b) * n + np.maximum(a, b) if a.size else None


def _best_window(q: np.ndarray, base: np.ndarray, j: np.ndarray, pos: np.ndarray, t: np.ndarray,
                 width: int) -> np.ndarray:
    """(P,): for pair p, the best of image pos[p]'s query windows q[pos[p]] (all 9) against the centre
    window base[j[p]] (t[p]: the pair's place among its image's pairs, < `width`). Only the pairs are
    computed, in C++ (faiss' `fvec_inner_products_by_idx`), without gathering the neighbours' windows
    into a new array: the earlier dense (images, 32, 192) gather and product cost ~30 CPU-us per image
    at 1M, most of them on empty slots (RESULTS.md, 2026-12-04 afternoon)."""
    import faiss

    u, nw, d = q.shape
    ids = np.full((u, width), -1, np.int64)
    ids[pos, t] = j
    ids = np.ascontiguousarray(np.repeat(ids, nw, axis=0))
    x = np.ascontiguousarray(q.reshape(u * nw, d), dtype=np.float32)
    sim = np.full((u * nw, width), -np.inf, np.float32)
    faiss.fvec_inner_products_by_idx(faiss.swig_ptr(sim), faiss.swig_ptr(x), faiss.swig_ptr(base),
                                     faiss.swig_ptr(ids), d, u * nw, width)
    return sim.reshape(u, nw, width).max(axis=1)[pos, t]


@dataclass
class GridRows:
    """Rows' stored grids handed to `proposals` when some were decoded already (by the duplicate fit's
    second parse process, `dedup._table_rows`): row i < len(strings) has its grid string (or None) in
    `strings`, still to decode; rows `done` (ascending, all >= len(strings)) have theirs decoded in
    `buf[start:start + len(done)]`. The strings are decoded into the head of `buf` (`start` at least their
    count), so that where every row of the head has a good grid (the usual case) the two parts already
    lie as one array and nothing is copied. The same (rows, grids) as `decode_many` over every row's
    string."""

    strings: Sequence[str | None]
    buf: np.ndarray  # (cap, 12, 12, 3) uint8
    start: int
    done: np.ndarray  # int64 row indices

    def __bool__(self) -> bool:
        return bool(len(self.done)) or any(self.strings)

    def decoded(self) -> tuple[np.ndarray, np.ndarray]:
        """(rows, grids), as `decode_many` over all rows' strings."""
        keep, g = decode_many(self.strings, out=self.buf)
        tail = self.buf[self.start:self.start + len(self.done)]
        rows = np.concatenate([keep, np.asarray(self.done, np.int64)])
        if len(keep) == self.start and (not len(g) or g.ctypes.data == self.buf.ctypes.data):
            return rows, self.buf[:self.start + len(self.done)]
        return rows, np.concatenate([g, tail])


def proposals(strings: "Sequence[str | None] | GridRows", k: int = 4, min_sim: float = 0.85, threads: int = 1,
              cpu: dict | None = None) -> np.ndarray:
    """The duplicate fit's crop candidates over rows (row i's stored grid string, or None; or `GridRows`):
    pairs of row indices (i < j), for `dedup.cluster`; `threads` and `cpu` as `crop_pairs`'."""
    owner, g = strings.decoded() if isinstance(strings, GridRows) else decode_many(strings)
    if len(owner) < 2 or k < 1:
        return np.empty((0, 2), np.int64)
    p = crop_pairs(g, k=k, min_sim=min_sim, threads=threads, cpu=cpu)
    if not len(p):
        return p
    a, b = owner[p[:, 0]], owner[p[:, 1]]
    out = np.stack([np.minimum(a, b), np.maximum(a, b)], 1)
    return out[np.lexsort((out[:, 1], out[:, 0]))]

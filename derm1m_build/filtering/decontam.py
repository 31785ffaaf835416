"""Benchmark decontamination: no evaluation image of a public benchmark hides among the training rows.

`[filter.decontaminate]` lists benchmark sets (a dataset folder read by the `datasets` source's own
importers, or a plain folder of images), each optionally narrowed to its evaluation split. Each set is
built once into an index under `OUT/cache/decontam/<name>/<digest>/`, keyed by the digest of the set's
files (their sha256, ids and splits): it is rebuilt only when a file, id or split changes.

What an index holds, per benchmark image:

* its 64-bit pHash keys (`phash.py`'s DCT hash of the border-trimmed image) in all 8 orientations
  (4 quarter turns, each mirrored). The 8 hashes are read off one 8x8 DCT block: a flip negates the
  odd horizontal (or vertical) frequencies and a transpose swaps the axes, so a turned or mirrored copy
  has exactly one of these keys;
* the hash of every window of the `INDEX_WINDOWS` grids (66 windows of 80-87.5 % of each side, offsets
  spread from edge to edge): a crop of up to 20 % is close to one of them, where the whole image's hash
  moves by 15-30 bits;
* a 400-px JPEG: the pixels of the confirmation and the report's thumbnail;
* with a model back-end (`classifier`, `zero-shot`: the filter's model gives an image embedding), the
  embedding of every benchmark image, computed as the stage computes a row's, in `emb-<digest>.npz`
  beside the keys (its digest: the benchmark's and the model's, so another model builds its own).

A candidate row is checked with the pHash of its trimmed image, of its centre 90 % window and of its
mirrored trimmed image (and, for a figure the splitter can cut at its gutters, of each piece): an exact
multi-index hashing join (`hash_join`) proposes index keys within `radius` (whole images: the first
query) or `window_radius` (windows: all three; the mirrored one finds a crop of a mirrored copy); with embeddings, the `embed_k` benchmark images nearest by cosine similarity
(at least `embed_threshold`; faiss inner product, exact up to 50,000 images, an inverted file above)
are proposed too, whatever the hashes say (a copy the hashes cannot see: a heavy crop, a turn of a
few degrees). The nearest `max_confirm` hash proposals and the embedding proposals are
confirmed on pixels with `confirm.py` (ORB + RANSAC similarity + aligned correlation, mirror
included, and 90-degree turns of the candidate tried). Hashes only propose; a row is dropped only when
the pixels agree.
"""

from __future__ import annotations

import fcntl
import json
import os
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any, Iterable, Literal

import cv2
import numpy as np
from pydantic import Field, model_validator

from derm1m_build.errors import ItemError, UserError
from derm1m_build.filtering.dedup import _chunks  # the same 64-bit chunking as the duplicate search
from derm1m_build.recipe import Section

INDEX_VERSION = 2
# window grids of a benchmark image: (fraction of each side, offsets along each side)
INDEX_WINDOWS = ((0.8, 4), (0.825, 4), (0.85, 3), (0.875, 5))
QUERY_WINDOW = 0.9  # the candidate's own window grid (`query_windows`)
THUMB_SIDE = 400
DATASET_KINDS = ("ham10000", "fitzpatrick17k", "ddi", "pad_ufes_20", "derm7pt", "isic2019", "isic2020", "scin")
IMAGE_EXTS = {".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp"}


class BenchmarkSpec(Section):
    name: str = Field(..., pattern=r"^[A-Za-z0-9_.-]{1,64}$", description="benchmark name (in drop reasons)")
    kind: Literal["folder", "ham10000", "fitzpatrick17k", "ddi", "pad_ufes_20", "derm7pt", "isic2019", "isic2020",
                  "scin"] = "folder"
    path: str = Field(..., description="the benchmark's folder, relative to the recipe")
    metadata: list[str] = Field(default_factory=list, description="dataset metadata file(s) (default: the usual names)")
    split_file: str | None = Field(None, description="CSV with columns id,split (id = image id, or file path "
                                                     "relative to `path` for a folder)")
    split_column: str | None = Field(None, description="a metadata field the importer keeps (e.g. Fitzpatrick17k "
                                                       "`partition`) that names each image's split")
    eval_splits: list[str] = Field(default_factory=list, description="splits that are evaluation images (empty: all)")


class DecontamConfig(Section):
    benchmarks: list[BenchmarkSpec] = Field(default_factory=list)
    radius: int = Field(10, ge=0, le=16, description="pHash distance proposing a whole-image match")
    window_radius: int = Field(8, ge=-1, le=16, description="pHash distance proposing a window (crop) match; -1: off")
    query_windows: bool = Field(False, description="hash a 3 x 3 grid of the candidate's own 90 % windows, not "
                                                   "only its centre one (5x the queries of the join)")
    mirror_windows: bool = Field(True, description="also join the mirrored candidate with the window keys: a crop "
                                                   "of a mirrored copy (1.5x the window join's queries)")
    embeddings: bool = Field(True, description="with a model back-end (`classifier`, `zero-shot`): index the "
                                               "benchmark images' embeddings too and propose by cosine similarity")
    embed_threshold: float = Field(0.9, ge=-1.0, le=1.0, description="cosine similarity proposing an embedding "
                                                                     "match")
    embed_k: int = Field(4, ge=1, description="nearest benchmark images proposed per candidate by the embeddings")
    max_confirm: int = Field(8, ge=1, description="benchmark images confirmed on pixels per candidate, nearest first")
    train_images: Literal["keep", "drop"] = Field("keep", description="a row that is a benchmark's training "
                                                                      "(non-evaluation) image: keep it (noted in "
                                                                      "scores) or drop it")
    panels: bool = Field(True, description="also check the pieces a figure splits into at its gutters")
    workers: int = Field(2, ge=1, description="processes for the hash join of a large build")

    @model_validator(mode="after")
    def _unique(self) -> "DecontamConfig":
        names = [b.name for b in self.benchmarks]
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise ValueError(f"benchmark name(s) {dup} used twice")
        return self


# --------------------------------------------------------------------------------------------
# hashes

_SIGN = np.where(np.arange(8) % 2 == 0, 1.0, -1.0).astype(np.float32)


def dct8(bgr_or_grey: np.ndarray) -> np.ndarray:
    """The 8x8 low-frequency DCT block `phash.phash` takes its bits from."""
    g = bgr_or_grey if bgr_or_grey.ndim == 2 else cv2.cvtColor(bgr_or_grey, cv2.COLOR_BGR2GRAY)
    small = cv2.resize(g, (32, 32), interpolation=cv2.INTER_AREA).astype(np.float32)
    return cv2.dct(small)[:8, :8]


def bits(block: np.ndarray) -> int:
    """64-bit hash of a DCT block: each coefficient above the median of the 63 AC ones (as `phash`)."""
    f = block.reshape(-1)
    b = f > np.median(f[1:])
    return int(np.packbits(b).view(">u8")[0])


def dihedral_blocks(block: np.ndarray) -> list[np.ndarray]:
    """The DCT blocks of the image in its 8 orientations (identity first)."""
    out = []
    for t in (block, block.T):
        out += [t, t * _SIGN[None, :], t * _SIGN[:, None], t * _SIGN[None, :] * _SIGN[:, None]]
    return out


def windows(img: np.ndarray, frac: float, n: int = 3) -> list[np.ndarray]:
    """An n x n grid of windows `frac` of each side, offsets evenly spread from one edge to the other
    (n = 3: corners, edge middles, centre)."""
    h, w = img.shape[:2]
    ch, cw = max(1, round(h * frac)), max(1, round(w * frac))
    ys = [(h - ch) * i // (n - 1) for i in range(n)] if n > 1 else [(h - ch) // 2]
    xs = [(w - cw) * i // (n - 1) for i in range(n)] if n > 1 else [(w - cw) // 2]
    return [img[y:y + ch, x:x + cw] for y in ys for x in xs]


def dihedral_image(img: np.ndarray, o: int) -> np.ndarray:
    """The image in orientation `o` (0-7), the one whose DCT block is `dihedral_blocks(...)[o]`."""
    t = np.swapaxes(img, 0, 1) if o >= 4 else img
    f = o % 4
    t = t[:, ::-1] if f in (1, 3) else t
    t = t[::-1] if f in (2, 3) else t
    return np.ascontiguousarray(t)


def index_keys(bgr: np.ndarray) -> list[tuple[int, int, int]]:
    """(hash, kind, orientation) keys of one benchmark image: kind 0 = the whole trimmed image in its 8
    orientations; kind 1 = the windows of the `INDEX_WINDOWS` grids, as they are (crops)."""
    from derm1m_build.filtering.fingerprint import trim

    t = trim(bgr)
    out = [(bits(b), 0, o) for o, b in enumerate(dihedral_blocks(dct8(t)))]
    for frac, n in INDEX_WINDOWS:
        for wimg in windows(t, frac, n):
            out.append((bits(dct8(wimg)), 1, 0))
    return out


def query_hashes(bgr: np.ndarray, with_windows: bool = True, centre: bool = False,
                 mirror: bool = False) -> list[tuple[int, int]]:
    """(hash, kind) of a candidate: its trimmed whole image (kind 0), then (kind 1) the `QUERY_WINDOW`
    3 x 3 grid with `with_windows`, or only its centre window with `centre`; with `mirror`, the mirrored
    trimmed image (kind 2, read off the same DCT block), which the window keys meet when the copy is a
    crop of a mirrored image (the window keys are of the benchmark image as it is)."""
    from derm1m_build.filtering.fingerprint import trim

    t = trim(bgr)
    block = dct8(t)
    out = [(bits(block), 0)]
    if with_windows or centre:
        out += [(bits(dct8(w)), 1) for w in windows(t, QUERY_WINDOW, 3 if with_windows else 1)]
    if mirror:
        out.append((bits(block * _SIGN[None, :]), 2))
    return out


# --------------------------------------------------------------------------------------------
# the join: every (query, key) pair within a radius, exactly

def join_plan(m: int, q: int, radius: int) -> int:
    """Chunks k (> radius) with the least estimated work: a sort of keys and queries per table, plus the
    pairs sharing a table key to verify."""
    import math

    best, best_cost = radius + 1, math.inf
    for k in range(radius + 1, min(64, radius + 12) + 1):
        tables = math.comb(k, k - radius)
        if tables > 3000:
            break
        key_bits = sum(sorted(w for _, w in _chunks(k))[: k - radius])
        cost = tables * ((m + q) * 4 + m * q / 2.0 ** key_bits)  # a sorted element ~ 4 verified pairs (measured)
        if cost < best_cost:
            best, best_cost = k, cost
    return best


def _table_key(h: np.ndarray, spec: Iterable[tuple[int, int]]) -> np.ndarray:
    key = np.zeros(h.shape[0], np.uint64)
    for shift, width in spec:
        key <<= np.uint64(width)
        key |= (h >> np.uint64(shift)) & np.uint64((1 << width) - 1)
    return key


def _join_tables(args: tuple) -> np.ndarray:
    """Verified pair codes (query * m + key) of some tables: keys and queries sorted by the table key,
    each query's block of equal keys found by a binary search of the sorted queries (cache-friendly)."""
    kh, qh, radius, specs = args
    m = kh.shape[0]
    found = []
    for spec in specs:
        kk, qk = _table_key(kh, spec), _table_key(qh, spec)
        if sum(w for _, w in spec) <= 32:
            kk, qk = kk.astype(np.uint32), qk.astype(np.uint32)
        korder = np.argsort(kk)
        ks = kk[korder]
        qorder = np.argsort(qk)
        qs = qk[qorder]
        lo = np.searchsorted(ks, qs, "left")
        hi = np.searchsorted(ks, qs, "right")
        cnt = hi - lo
        tot = int(cnt.sum())
        if not tot:
            continue
        qi = np.repeat(qorder.astype(np.int64), cnt)
        start = np.repeat(lo - np.concatenate(([0], np.cumsum(cnt)[:-1])), cnt)
        ki = korder[start + np.arange(tot)].astype(np.int64)
        ok = np.bitwise_count(qh[qi] ^ kh[ki]) <= radius
        if ok.any():
            found.append(qi[ok] * m + ki[ok])
    return np.unique(np.concatenate(found)) if found else np.empty(0, np.int64)


def _flip_masks(width: int, t: int) -> np.ndarray:
    """Every `width`-bit value with at most t bits set (0 first)."""
    out = [0]
    for n in range(1, t + 1):
        out += [sum(1 << b for b in c) for c in combinations(range(width), n)]
    return np.asarray(out, np.int32)


def mih_plan(m: int, q: int, radius: int) -> int:
    """Substrings s for `_mih_join`: the estimated lookups (q x flip masks) plus verified pairs."""
    import math

    best, best_cost = 1, math.inf
    for s in range(1, max(3, min(16, radius + 1)) + 1):
        t = radius // s
        cost = 0.0
        for _, w in _chunks(s):
            v = sum(math.comb(w, i) for i in range(t + 1))
            if w > 26:  # a bucket table of 2**w entries is too large
                cost = math.inf
                break
            cost += v * q * (1.0 + 3.0 * m / 2.0 ** w) + 2.0 ** w / 8
        if cost < best_cost:
            best, best_cost = s, cost
    return best


def _mih_part(args: tuple) -> np.ndarray:
    """Verified pair codes (query * m + key) of some queries: for each of s substrings of the bits, the
    keys are bucketed by their substring (a counting sort), and every query looks up each value within
    radius // s bits of its own substring. A pair is kept only in the first substring that finds it."""
    kh, qh, radius, s, q0 = args
    m = kh.shape[0]
    t = radius // s
    chunks = _chunks(s)
    found = []
    for ci, (shift, width) in enumerate(chunks):
        sel = np.uint64((1 << width) - 1)
        ksub = ((kh >> np.uint64(shift)) & sel).astype(np.int32)
        order = np.argsort(ksub, kind="stable")
        counts = np.bincount(ksub, minlength=1 << width).astype(np.int32)
        starts = np.cumsum(counts, dtype=np.int64) - counts
        ks = kh[order]
        qsub = ((qh >> np.uint64(shift)) & sel).astype(np.int32)
        qorder = np.argsort(qsub, kind="stable")  # sorted queries: the bucket look-ups stay cache-local
        qsub, qs = qsub[qorder], qh[qorder]
        for flip in _flip_masks(width, t).tolist():
            v = qsub ^ np.int32(flip) if flip else qsub
            cnt = np.take(counts, v)
            qi = np.flatnonzero(cnt)
            if not qi.size:
                continue
            c = cnt[qi]
            cs = np.cumsum(c, dtype=np.int64)
            pos = np.repeat(np.take(starts, v[qi]) - (cs - c), c) + np.arange(int(cs[-1]))
            qi = np.repeat(qi, c)
            x = qs[qi] ^ ks[pos]
            ok = np.flatnonzero(np.bitwise_count(x) <= radius)
            for sh, w in chunks[:ci]:  # a pair an earlier substring finds is kept there
                ok = ok[np.bitwise_count((x[ok] >> np.uint64(sh)) & np.uint64((1 << w) - 1)) > t]
            if ok.size:
                found.append((qorder[qi[ok]].astype(np.int64) + q0) * m + order[pos[ok]])
    return np.concatenate(found) if found else np.empty(0, np.int64)


def hash_join(keys: np.ndarray, queries: np.ndarray, radius: int, k: int | None = None, workers: int = 1,
              method: str = "mih") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(query index, key index, distance) of every pair with Hamming distance <= radius, sorted by
    query then key; exact (the pairs comparing everything gives).

    `method="mih"` (default), multi-index hashing: with the 64 bits cut into s substrings, two hashes
    within `radius` differ in at most radius // s bits of some substring; keys are bucketed per
    substring and each query looks up every value within that many bits of its substring (a flip
    mask), then each pair is verified. The work is queries x masks lookups plus the pairs verified;
    `workers` > 1 splits the queries over processes. `method="tables"`: the pigeonhole tables of
    `_hash_join_tables` (k chunks, sorted), kept as the reference."""
    if method == "tables":
        return _hash_join_tables(keys, queries, radius, k, workers)
    kh = np.ascontiguousarray(keys, dtype=np.uint64)
    qh = np.ascontiguousarray(queries, dtype=np.uint64)
    m, q = kh.shape[0], qh.shape[0]
    empty = (np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.int64))
    if m == 0 or q == 0 or radius < 0:
        return empty
    s = k or mih_plan(m, q, radius)
    step = 1_000_000  # queries per part (bounds the memory of a part)
    n_parts = max(workers, -(-q // step))
    bounds = np.linspace(0, q, n_parts + 1).astype(np.int64)
    args = [(kh, qh[a:b], radius, s, int(a)) for a, b in zip(bounds[:-1], bounds[1:]) if b > a]
    if workers > 1 and len(args) > 1 and m + q > 200_000:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers) as ex:
            parts = list(ex.map(_mih_part, args))
    else:
        parts = [_mih_part(a) for a in args]
    codes = np.sort(np.concatenate(parts))
    if not codes.size:
        return empty
    qi, ki = codes // m, codes % m
    return qi, ki, np.bitwise_count(qh[qi] ^ kh[ki]).astype(np.int64)


def _hash_join_tables(keys: np.ndarray, queries: np.ndarray, radius: int, k: int | None = None, workers: int = 1
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(query index, key index, distance) of every pair with Hamming distance <= radius, sorted.

    Pigeonhole: with the 64 bits cut into k chunks, two hashes within `radius` agree on at least
    k - radius chunks, so every such pair shares the key of one of the C(k, k - radius) tables; each
    table is a sort of the keys and of the queries and a merge, and each pair found is verified. Exact
    (the same pairs as comparing everything); the work grows with m + q, not m * q. `workers` > 1
    spreads the tables over processes (large inputs only)."""
    kh = np.ascontiguousarray(keys, dtype=np.uint64)
    qh = np.ascontiguousarray(queries, dtype=np.uint64)
    m, q = kh.shape[0], qh.shape[0]
    empty = (np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.int64))
    if m == 0 or q == 0 or radius < 0:
        return empty
    k = k or join_plan(m, q, radius)
    chunks = _chunks(k)
    tables = [[chunks[c] for c in combo] for combo in combinations(range(k), k - radius)]
    if workers > 1 and len(tables) > 1 and m + q > 200_000:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers) as ex:
            parts = list(ex.map(_join_tables, [(kh, qh, radius, tables[i::workers]) for i in range(workers)]))
    else:
        parts = [_join_tables((kh, qh, radius, tables))]
    codes = np.unique(np.concatenate(parts))
    if not codes.size:
        return empty
    qi, ki = codes // m, codes % m
    return qi, ki, np.bitwise_count(qh[qi] ^ kh[ki]).astype(np.int64)


# --------------------------------------------------------------------------------------------
# embeddings: the filter model's image vectors, searched by cosine similarity

EMBED_VERSION = 1
EMBED_EXACT_LIMIT = 50_000  # benchmark images searched exhaustively; an inverted file above


def emb_encode(v: np.ndarray) -> str:
    """A row's vector as the filter stores it (float16, base64), in `scores.dq["e"]`."""
    import base64

    return base64.b64encode(np.asarray(v, np.float16).tobytes()).decode("ascii")


def emb_decode(s: str) -> np.ndarray:
    import base64

    return np.frombuffer(base64.b64decode(s), np.float16).astype(np.float32)


class Embedder:
    """The filter back-end's image embedding, computed as the stage computes a row's: the image decoded
    upright at `side` px (the stage's decode size), its OpenCV measures, `backend.judge` and the
    judgement's `embedding`. An exact copy of a benchmark image in the build gets the same vector."""

    def __init__(self, backend: Any, side: int):
        self.backend, self.side = backend, side
        self._id: str | None = None

    def model_id(self) -> str:
        """Digest of the back-end's models (name, weights digest, prompts) and the decode size."""
        if self._id is None:
            from derm1m_build.hashing import digest_obj

            self._id = digest_obj({"models": self.backend.models(), "side": self.side})
        return self._id

    def embed(self, rgbs: list[np.ndarray]) -> np.ndarray | None:
        """(n, d) unit vectors of RGB uint8 images, or None when the back-end gives no embedding."""
        from derm1m_build.filtering.heuristic import measure

        js = self.backend.judge(rgbs, [measure(cv2.cvtColor(x, cv2.COLOR_RGB2BGR)) for x in rgbs])
        if not js or any(j.embedding is None for j in js):
            return None
        x = np.stack([np.asarray(j.embedding, np.float32).reshape(-1) for j in js])
        return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def embed_index(vecs: np.ndarray, exact_limit: int = EMBED_EXACT_LIMIT, nprobe: int = 16) -> Any:
    """The faiss index `embed_search` searches (built once per benchmark and fit, reused for every
    chunk of rows): `IndexFlatIP` up to `exact_limit` vectors, else a seeded `IndexIVFFlat`."""
    import math

    import faiss

    x = np.ascontiguousarray(vecs, np.float32)
    n, d = x.shape
    if n <= exact_limit:
        index = faiss.IndexFlatIP(d)
    else:
        nlist = int(4 * math.sqrt(n))
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(d), d, nlist, faiss.METRIC_INNER_PRODUCT)
        index.cp.seed, index.cp.niter = 1234, 10
        rng = np.random.default_rng(0)
        index.train(x[np.sort(rng.choice(n, size=min(n, nlist * 40), replace=False))])
        index.nprobe = nprobe
    index.add(x)
    return index


def embed_search(vecs: np.ndarray, queries: np.ndarray, k: int, threshold: float,
                 exact_limit: int = EMBED_EXACT_LIMIT, nprobe: int = 16,
                 index: Any = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(query index, vector index, similarity) of each query's `k` nearest vectors by inner product
    (unit vectors: cosine similarity) that reach `threshold`, sorted by query, then similarity
    (highest first), then vector index.

    Up to `exact_limit` vectors the search is exhaustive (faiss `IndexFlatIP`); above it, an inverted
    file of ~4 sqrt(n) lists (`IndexIVFFlat`, trained on a seeded sample, `nprobe` lists visited):
    approximate in which vectors it visits. Every similarity reported is recomputed here in numpy on
    the full vectors (faiss's batched BLAS and its single-query path may round differently), so the
    threshold and the order do not depend on the batch. `index`: `embed_index(vecs)`, built before."""
    x = np.ascontiguousarray(vecs, np.float32)
    q = np.ascontiguousarray(queries, np.float32)
    empty = (np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.float32))
    if x.ndim != 2 or not x.shape[0] or not len(q) or q.shape[1] != x.shape[1]:
        return empty
    n = x.shape[0]
    if index is None:
        index = embed_index(x, exact_limit, nprobe)
    kk = min(k, n)
    qs, vs, ss = [], [], []
    step = 65_536
    for a in range(0, len(q), step):
        _, ids = index.search(q[a:a + step], kk)
        qi = np.repeat(np.arange(a, a + len(ids), dtype=np.int64), kk)
        vi = ids.reshape(-1).astype(np.int64)
        ok = vi >= 0
        qi, vi = qi[ok], vi[ok]
        sim = np.einsum("ij,ij->i", q[qi], x[vi])
        ok = sim >= np.float32(threshold)
        qs.append(qi[ok])
        vs.append(vi[ok])
        ss.append(sim[ok])
    qi, vi, sim = np.concatenate(qs), np.concatenate(vs), np.concatenate(ss)
    order = np.lexsort((vi, -sim, qi))
    return qi[order], vi[order], sim[order]


# --------------------------------------------------------------------------------------------
# benchmark files, digests, the index

@dataclass(frozen=True)
class BenchImage:
    image_id: str
    path: Path
    split: str


def _read_split_file(path: Path) -> dict[str, str]:
    import csv
    import io

    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as e:
        raise UserError(f"[filter.decontaminate] split_file {path}: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise UserError(f"[filter.decontaminate] split_file {path}: not UTF-8 text") from None
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    if rows and not {"id", "split"} <= set(rows[0]):
        raise UserError(f"[filter.decontaminate] split_file {path}: needs columns id,split")
    return {r["id"].strip(): (r["split"] or "").strip() for r in rows}


def list_images(spec: BenchmarkSpec, resolve=lambda p: Path(p)) -> list[BenchImage]:
    """Every image of a benchmark with its id and split, sorted by id."""
    from derm1m_build.safefs import is_candidate

    folder = resolve(spec.path)
    if not folder.is_dir():
        raise UserError(f"[filter.decontaminate] {spec.name}: folder {folder} not found")
    splits = _read_split_file(resolve(spec.split_file)) if spec.split_file else {}
    out: list[BenchImage] = []
    if spec.kind == "folder":
        for p in sorted(folder.rglob("*")):
            if p.suffix.lower() in IMAGE_EXTS and p.is_file() and is_candidate(p):
                rel = p.relative_to(folder).as_posix()
                out.append(BenchImage(rel, p, splits.get(rel, "")))
        return out
    from derm1m_build.safefs import MAX_METADATA_BYTES, read_inside
    from derm1m_build.sources.datasets import IMPORTERS, ImageIndex, parse_csv

    imp = IMPORTERS[spec.kind]
    names = spec.metadata or list(imp.metadata)
    tables = []
    for i, name in enumerate(names):
        hits = sorted(p for p in folder.rglob(Path(name).name) if is_candidate(p))
        if not hits:
            if i < len(imp.optional) and imp.optional[i]:
                tables.append([])
                continue
            raise UserError(f"[filter.decontaminate] {spec.name}: metadata file {name} not found under {folder}")
        try:
            data = read_inside(hits[0], folder, MAX_METADATA_BYTES)
            tables.append(parse_csv(data, imp.required[i] if i < len(imp.required) else (), hits[0].name))
        except ItemError as e:
            raise UserError(f"[filter.decontaminate] {spec.name}: {e.reason}: {e.detail}") from None
    index = ImageIndex(folder)
    seen = set()
    for rec in imp.read(tables):
        try:
            p = index.find(rec.image)
        except ItemError:
            p = None
        if p is None or rec.item_id in seen:
            continue
        seen.add(rec.item_id)
        split = splits.get(rec.item_id, "")
        if spec.split_column:
            split = str(rec.extra.get(spec.split_column, split) or "")
        out.append(BenchImage(rec.item_id, p, split))
    return sorted(out, key=lambda b: b.image_id)


def _file_sha(p: Path, cache: dict) -> str:
    from derm1m_build.hashing import sha256_file

    st = p.stat()
    key = str(p)
    hit = cache.get(key)
    if hit and hit[0] == st.st_size and hit[1] == st.st_mtime_ns:
        return hit[2]
    sha = sha256_file(p)
    cache[key] = [st.st_size, st.st_mtime_ns, sha]
    return sha


def is_eval(spec: BenchmarkSpec, split: str) -> bool:
    return not spec.eval_splits or split in spec.eval_splits


class Benchmark:
    """One benchmark's file list and digest; `ensure()` builds its index once and loads it."""

    def __init__(self, spec: BenchmarkSpec, cache_dir: Path, resolve=lambda p: Path(p)):
        self.spec = spec
        self.root = Path(cache_dir) / "decontam" / spec.name
        self.images = list_images(spec, resolve)
        self._shas = self._digests()
        from derm1m_build.hashing import digest_obj

        self.digest = digest_obj({"version": INDEX_VERSION, "eval_splits": sorted(spec.eval_splits),
                                  "windows": [list(w) for w in INDEX_WINDOWS], "thumb": THUMB_SIDE,
                                  "files": [[b.image_id, s, b.split] for b, s in zip(self.images, self._shas)]})
        self.dir = self.root / self.digest[:16]

    def _digests(self) -> list[str]:
        """sha256 of every file; remembered by (path, size, mtime) so a rerun does not read them again."""
        from derm1m_build.store import write_json

        memo_path = self.root / "files.json"
        try:
            memo = json.loads(memo_path.read_text())
        except (OSError, ValueError):
            memo = {}
        shas = [_file_sha(b.path, memo) for b in self.images]
        keep = {str(b.path) for b in self.images}
        memo = {k: v for k, v in sorted(memo.items()) if k in keep}
        try:
            memo_path.parent.mkdir(parents=True, exist_ok=True)
            write_json(memo_path, memo)
        except OSError:
            pass
        return shas

    def summary(self) -> dict:
        return {"name": self.spec.name, "kind": self.spec.kind, "digest": self.digest, "images": len(self.images),
                "eval_images": sum(is_eval(self.spec, b.split) for b in self.images),
                "eval_splits": list(self.spec.eval_splits)}

    def ensure(self) -> "Index":
        """The index, built first if this digest has none (one builder at a time: a file lock)."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "w") as lk:
            fcntl.flock(lk, fcntl.LOCK_EX)
            if not (self.dir / "index.json").exists():
                build_index(self, self.dir)
        return Index.load(self.dir)

    def embed_digest(self, embedder: "Embedder") -> str:
        """The embedding index's digest: this benchmark's (files, ids, splits) and the model's."""
        from derm1m_build.hashing import digest_obj

        return digest_obj({"benchmark": self.digest, "model": embedder.model_id(), "version": EMBED_VERSION})

    def embedding_path(self, embedder: "Embedder") -> Path:
        return self.dir / f"emb-{self.embed_digest(embedder)[:16]}.npz"

    def ensure_embeddings(self, embedder: "Embedder") -> tuple[np.ndarray, np.ndarray]:
        """(unit vectors, image index of each) of the benchmark images' embeddings, built once per
        benchmark digest and model (`emb-<digest>.npz` in the index folder, under the same lock; the
        files of other models are removed when it is written)."""
        path = self.embedding_path(embedder)
        with open(self.root / ".lock", "w") as lk:
            fcntl.flock(lk, fcntl.LOCK_EX)
            if not path.exists():
                build_embeddings(self, embedder, path)
        z = np.load(path)
        return z["vecs"].astype(np.float32), z["image"].astype(np.int64)


def build_index(bench: Benchmark, out: Path) -> None:
    """Write keys.npz (keys, owner image, whole/window), images.json and thumbs/ into `out`, atomically
    (a temporary folder renamed into place), then remove older digests of this benchmark."""
    import shutil

    from derm1m_build.filtering.decode import load_upright
    from derm1m_build.store import write_json

    tmp = out.with_name(out.name + f".tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "thumbs").mkdir(parents=True)
    keys, owner, kind, orient, meta = [], [], [], [], []
    for i, (b, sha) in enumerate(zip(bench.images, bench._shas)):
        try:
            rgb = np.asarray(load_upright(b.path.read_bytes(), max_side=2 * THUMB_SIDE))
        except (ItemError, OSError) as e:
            meta.append({"id": b.image_id, "split": b.split, "sha256": sha, "error": getattr(e, "reason", "unreadable")})
            continue
        bgr = cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)
        ks = index_keys(bgr)
        keys += [k[0] for k in ks]
        kind += [k[1] for k in ks]
        orient += [k[2] for k in ks]
        owner += [i] * len(ks)
        s = THUMB_SIDE / max(bgr.shape[:2])
        th = cv2.resize(bgr, (max(1, round(bgr.shape[1] * s)), max(1, round(bgr.shape[0] * s))),
                        interpolation=cv2.INTER_AREA) if s < 1 else bgr
        ok, buf = cv2.imencode(".jpg", th, [cv2.IMWRITE_JPEG_QUALITY, 90])
        (tmp / "thumbs" / f"{i:07d}.jpg").write_bytes(buf.tobytes())
        meta.append({"id": b.image_id, "split": b.split, "sha256": sha})
    np.savez(tmp / "keys.npz", keys=np.asarray(keys, np.uint64), owner=np.asarray(owner, np.int32),
             kind=np.asarray(kind, np.int8), orient=np.asarray(orient, np.int8))
    write_json(tmp / "images.json", meta)
    write_json(tmp / "index.json", {**bench.summary(), "version": INDEX_VERSION})
    shutil.rmtree(out, ignore_errors=True)
    os.replace(tmp, out)
    for old in bench.root.iterdir():
        if old.is_dir() and old.name != out.name:
            shutil.rmtree(old, ignore_errors=True)


def build_embeddings(bench: Benchmark, embedder: "Embedder", path: Path, batch: int = 32) -> None:
    """Embed every readable benchmark image (decoded as the filter stage decodes a row, in batches)
    and write `path` atomically (float16, as the rows' vectors are stored)."""
    from derm1m_build.filtering.decode import load_upright

    vecs, owner = [], []
    todo: list[tuple[int, np.ndarray]] = []

    def flush() -> None:
        if not todo:
            return
        v = embedder.embed([im for _, im in todo])
        if v is None:
            raise UserError("[filter.decontaminate] embeddings: the filter back-end gives no image embedding "
                            "(set embeddings = false)")
        vecs.append(v)
        owner.extend(i for i, _ in todo)
        todo.clear()

    for i, b in enumerate(bench.images):
        try:
            todo.append((i, np.asarray(load_upright(b.path.read_bytes(), max_side=embedder.side))))
        except (ItemError, OSError):
            continue
        if len(todo) >= batch:
            flush()
    flush()
    v = np.concatenate(vecs).astype(np.float16) if vecs else np.zeros((0, 0), np.float16)
    tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
    with open(tmp, "wb") as f:
        np.savez(f, vecs=v, image=np.asarray(owner, np.int32))
    os.replace(tmp, path)
    for old in path.parent.glob("emb-*.npz"):
        if old.name != path.name:
            old.unlink(missing_ok=True)


@dataclass
class Index:
    dir: Path
    keys: np.ndarray
    owner: np.ndarray
    kind: np.ndarray
    orient: np.ndarray
    images: list[dict]
    info: dict
    emb: np.ndarray | None = None  # (n, d) unit vectors of the images that have one (`Checker.load`)
    emb_image: np.ndarray | None = None  # the image index of each row of `emb`

    @classmethod
    def load(cls, d: Path) -> "Index":
        z = np.load(d / "keys.npz")
        return cls(d, z["keys"], z["owner"], z["kind"], z["orient"], json.loads((d / "images.json").read_text()),
                   json.loads((d / "index.json").read_text()))

    def thumb(self, i: int) -> Path:
        return self.dir / "thumbs" / f"{i:07d}.jpg"


# --------------------------------------------------------------------------------------------
# checking candidates

@dataclass(frozen=True)
class Match:
    benchmark: str
    image_id: str
    image_index: int
    evaluation: bool
    how: str
    distance: int  # the proposing hash distance (-1: proposed by the embeddings)
    piece: int  # 0: the whole candidate; n: the n-th piece of a split figure
    by: str = "phash"  # what proposed the pair: "phash" (whole-image or window keys) or "embedding"


def propose(index: Index, queries: np.ndarray, qkind: np.ndarray, radius: int, window_radius: int,
            max_confirm: int, qgroup: np.ndarray | None = None, n_groups: int | None = None, workers: int = 1,
            method: str = "mih") -> list[list[tuple[int, int, int]]]:
    """Per query group (a candidate piece): up to max_confirm (distance, image, orientation) proposals,
    nearest first (ties by image index). Whole-image keys are joined with the whole queries (kind 0) at
    `radius`; window keys with every query (whole, windows, the mirrored whole: kinds 0-2) at
    `window_radius` (a mirrored query's proposal has orientation 1: the benchmark image mirrored)."""
    qgroup = np.zeros(len(queries), np.int64) if qgroup is None else qgroup
    ng = n_groups if n_groups is not None else (int(qgroup.max()) + 1 if len(qgroup) else 0)
    best: list[dict[int, tuple[int, int]]] = [dict() for _ in range(ng)]
    for ksel, qsel, r in ((index.kind == 0, qkind == 0, radius), (index.kind == 1, qkind >= 0, window_radius)):
        if r < 0 or not ksel.any() or not qsel.any():
            continue
        kpos, qpos = np.flatnonzero(ksel), np.flatnonzero(qsel)
        qi, ki, d = hash_join(index.keys[kpos], queries[qpos], r, workers=workers, method=method)
        g = qgroup[qpos[qi]]
        img = index.owner[kpos[ki]]
        ori = np.where(qkind[qpos[qi]] == 2, 1, index.orient[kpos[ki]])
        for a, b, c, o in zip(g.tolist(), img.tolist(), d.tolist(), ori.tolist()):
            if (c, o) < best[a].get(b, (99, 0)):
                best[a][b] = (c, o)
    return [sorted((d, i, o) for i, (d, o) in b.items())[:max_confirm] for b in best]


class Checker:
    """Checks candidate images against every configured benchmark's index (one per worker)."""

    def __init__(self, config: DecontamConfig, cache_dir: Path, resolve=lambda p: Path(p),
                 embedder: Embedder | None = None):
        self.config = config
        self._cache_dir, self._resolve = cache_dir, resolve
        # the filter model's embeddings, when the back-end has a model and the recipe wants them
        self.embedder = embedder if config.embeddings else None
        self._benches: list[Benchmark] | None = None
        self.indexes: list[Index] = []
        self._feat: dict[tuple[int, int, int], Any] = {}

    @property
    def benches(self) -> list[Benchmark]:
        """The benchmarks' file lists and digests (read when first needed: the map pass needs none)."""
        if self._benches is None:
            self._benches = [Benchmark(s, self._cache_dir, self._resolve) for s in self.config.benchmarks]
        return self._benches

    def load(self) -> "Checker":
        self.indexes = [b.ensure() for b in self.benches]
        if self.embedder is not None:
            for b, idx in zip(self.benches, self.indexes):
                idx.emb, idx.emb_image = b.ensure_embeddings(self.embedder)
        return self

    def summaries(self) -> list[dict]:
        """Each benchmark's summary; with embeddings, the embedding index's digest (benchmark + model)."""
        if self.embedder is None:
            return [b.summary() for b in self.benches]
        return [{**b.summary(), "embeddings": b.embed_digest(self.embedder)} for b in self.benches]

    def _bench_features(self, bi: int, i: int, o: int):
        """Features of benchmark image i turned to orientation o (as the candidate shows it); confirm
        itself tries the mirror, so only the turn matters."""
        from derm1m_build.filtering.confirm import features

        o &= ~1  # orientations 2k and 2k+1 differ by a mirror
        key = (bi, i, o)
        if key not in self._feat:
            if len(self._feat) > 4096:
                self._feat.clear()
            im = cv2.imread(str(self.indexes[bi].thumb(i)), cv2.IMREAD_COLOR)
            self._feat[key] = features(dihedral_image(im, o)) if im is not None else None
        return self._feat[key]

    def piece_boxes(self, bgr: np.ndarray, split: bool) -> list[tuple[float, float, float, float]]:
        """Boxes (fractions of the image: x0, y0, x1, y1) of the candidate's parts: the whole image, then,
        for a figure that was not split into panel rows, the pieces the compound-figure splitter
        (`pmc.panels.split_panels`) cuts it into at its gutters, found on a 360-px copy."""
        out = [(0.0, 0.0, 1.0, 1.0)]
        if split and self.config.panels:
            from derm1m_build.pmc.panels import split_panels

            h, w = bgr.shape[:2]
            s = min(1.0, 360 / max(h, w))
            small = bgr if s == 1.0 else cv2.resize(bgr, (max(1, round(w * s)), max(1, round(h * s))),
                                                    interpolation=cv2.INTER_AREA)
            sh, sw = small.shape[:2]
            boxes = split_panels(small)
            if len(boxes) > 1:
                for b in boxes:
                    if min(b.w / sw * w, b.h / sh * h) >= 48:
                        out.append((round(b.x / sw, 4), round(b.y / sh, 4), round((b.x + b.w) / sw, 4),
                                    round((b.y + b.h) / sh, 4)))
        return out

    @staticmethod
    def cut(bgr: np.ndarray, box) -> np.ndarray:
        h, w = bgr.shape[:2]
        x0, y0 = int(box[0] * w), int(box[1] * h)
        x1, y1 = max(x0 + 1, int(np.ceil(box[2] * w))), max(y0 + 1, int(np.ceil(box[3] * h)))
        return bgr[y0:y1, x0:x1]

    def queries(self, bgr: np.ndarray, split: bool = False) -> dict:
        """What the filter's map pass stores per row (`scores.dq`): the query hashes (hex), their kind
        (0 whole, 1 window, 2 mirrored whole), the part each belongs to, and the parts' boxes."""
        boxes = self.piece_boxes(bgr, split)
        hs, kinds, parts = [], [], []
        for pi, box in enumerate(boxes):
            part = bgr if pi == 0 else self.cut(bgr, box)
            win = self.config.window_radius >= 0 and pi == 0
            for h, k in query_hashes(part, with_windows=win and self.config.query_windows, centre=win,
                                     mirror=win and self.config.mirror_windows):
                hs.append(f"{h:016x}")
                kinds.append(k)
                parts.append(pi)
        return {"h": hs, "k": kinds, "p": parts, "b": [list(b) for b in boxes]}

    def propose_all(self, dq: list[dict]) -> list[list[list[tuple[int, int, int]]]]:
        """For every row's stored queries: per benchmark, per part, the proposals (distance, image,
        orientation), nearest first. One join per benchmark over all rows' queries; then, with
        embeddings, the rows' vectors (`e`) searched per benchmark: each of the `embed_k` nearest
        images the hashes did not propose is added to the whole image's list as (-1, image, 0)."""
        hs, kinds, groups, owner = [], [], [], []
        offs = [0]
        for ri, q in enumerate(dq):
            n = len(q.get("b", [])) if q else 0
            for h, k, p in zip(q.get("h", []), q.get("k", []), q.get("p", [])) if q else ():
                hs.append(int(h, 16))
                kinds.append(k)
                groups.append(offs[-1] + p)
            offs.append(offs[-1] + n)
        qh, qk, qg = np.asarray(hs, np.uint64), np.asarray(kinds, np.int8), np.asarray(groups, np.int64)
        out: list[list[list[tuple[int, int, int]]]] = [[] for _ in dq]
        for idx in self.indexes:
            props = propose(idx, qh, qk, self.config.radius, self.config.window_radius, self.config.max_confirm,
                            qg, n_groups=offs[-1], workers=self.config.workers)
            for ri in range(len(dq)):
                out[ri].append(props[offs[ri]:offs[ri + 1]])
        if self.embedder is not None:
            self._propose_embeddings(dq, out)
        return out

    def _propose_embeddings(self, dq: list[dict], out: list[list[list[list[tuple[int, int, int]]]]],
                            chunk: int = 100_000) -> None:
        rows = [ri for ri, q in enumerate(dq) if q and q.get("e") and q.get("b")]
        built: dict[int, Any] = {}
        for c0 in range(0, len(rows), chunk):  # bounded memory: the vectors of `chunk` rows at a time
            part = rows[c0:c0 + chunk]
            qv = [emb_decode(dq[ri]["e"]) for ri in part]
            dims = {v.shape[0] for v in qv}
            for bi, idx in enumerate(self.indexes):
                if idx.emb is None or not len(idx.emb) or dims != {idx.emb.shape[1]}:
                    continue
                qmat = np.stack(qv)
                qmat /= np.maximum(np.linalg.norm(qmat, axis=1, keepdims=True), 1e-12)
                if bi not in built:
                    built[bi] = embed_index(idx.emb)
                qi, vi, _ = embed_search(idx.emb, qmat, self.config.embed_k, self.config.embed_threshold,
                                         index=built[bi])
                for a, v in zip(qi.tolist(), vi.tolist()):
                    plist = out[part[a]][bi][0]
                    img = int(idx.emb_image[v])
                    if all(p[1] != img for p in plist):
                        plist.append((-1, img, 0))

    def confirm_row(self, bgr: np.ndarray, boxes, props: list[list[list[tuple[int, int, int]]]]) -> list[Match]:
        """Pixel confirmation of one row's proposals: at most one match per benchmark, the nearest
        confirmed proposal (the whole image first, then the figure's pieces)."""
        from derm1m_build.filtering.confirm import confirm, features

        feats: dict[int, Any] = {}
        found: list[Match] = []
        for bi, (bench, idx) in enumerate(zip(self.benches, self.indexes)):
            hit = None
            for pi, plist in enumerate(props[bi]):
                for dist, img, o in plist:
                    fb = self._bench_features(bi, img, o)
                    if fb is None:
                        continue
                    if pi not in feats:
                        feats[pi] = features(bgr if pi == 0 else self.cut(bgr, boxes[pi]))
                    v = confirm(fb, feats[pi])
                    if v.same:
                        meta = idx.images[img]
                        hit = Match(bench.spec.name, meta["id"], img, is_eval(bench.spec, meta.get("split", "")),
                                    v.how, dist, pi, "embedding" if dist < 0 else "phash")
                        break
                if hit:
                    break
            if hit:
                found.append(hit)
        return found

    def check(self, bgr: np.ndarray, split: bool = False, emb: np.ndarray | None = None) -> list[Match]:
        """Confirmed matches of one candidate (BGR, best at >= 320 px on its long side): `queries`,
        `propose_all` and `confirm_row` for one image; `emb`: its embedding (the filter model's)."""
        if not self.indexes:
            return []
        dq = self.queries(bgr, split)
        if emb is not None and self.embedder is not None:
            dq["e"] = emb_encode(emb)
        return self.confirm_row(bgr, dq["b"], self.propose_all([dq])[0])

    def decide(self, matches: list[Match]) -> tuple[str, str, str]:
        """(reason, detail, note): a drop reason and the matched image, or a note for a kept training image."""
        for m in matches:
            if m.evaluation or self.config.train_images == "drop":
                return f"benchmark_overlap:{m.benchmark}", m.image_id, ""
        notes = [f"{m.benchmark}:{m.image_id}" for m in matches]
        return "", "", ",".join(notes)
